// Weight compression for the AlexNet ONNX model: a transform on the encoded fp32 model, so it works on
// whatever the builder writes (names, opset and extra outputs are kept). Only the weight inputs of Conv and
// Gemm are compressed (99.98% of AlexNet's bytes); biases and constant matrices (e.g. an adaptive-pooling
// MatMul) stay float32 so they remain exact.
//
// - "fp16": each weight is stored as float16 and a Cast back to float32 sits in front of its consumer.
// - "int8": each weight is stored as symmetric per-output-channel int8 (scale = max|w| / 127, zero point 0),
//   restored by Cast(int8 → float) × scale, the scale shaped to broadcast along the output-channel axis.
//
// The decompression nodes read only initializers, so onnxruntime's constant folding turns them into float32
// constants when the session is created: the download shrinks, the arithmetic stays the fp32 kernels.
// Why not DequantizeLinear for int8: it computes the same (q - 0) × scale, but onnxruntime deliberately keeps
// DequantizeLinear unfolded (waiting for quantized kernels that never come for weight-only models) unless
// every caller sets the session option `session.disable_quant_qdq`; without it, it re-dequantizes 61 M
// weights on every run. Cast and Mul fold with default options in onnxruntime-node and -web alike.
import onnxProto from "onnx-proto";

const {onnx} = onnxProto;
const DataType = onnx.TensorProto.DataType;

export type WeightFormat = "fp16" | "int8";

/** Which input of a node is a weight, and along which axis of it the output channels run. */
function weightAxis(node: onnxProto.onnx.INodeProto): {input: number; axis: number} | undefined {
  if (node.domain && node.domain !== "ai.onnx") return undefined;
  switch (node.opType) {
    case "Conv":
      return {input: 1, axis: 0}; // [out, in, kh, kw]
    case "Gemm": {
      const transB = node.attribute?.find((a) => a.name === "transB")?.i;
      return {input: 1, axis: Number(transB ?? 0) === 1 ? 0 : 1}; // B is [N, K] when transposed, else [K, N]
    }
    default:
      return undefined;
  }
}

/** The float32 values of an initializer, whichever field the writer used. */
function floatValues(tensor: onnxProto.onnx.ITensorProto): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    // Copy: protobuf hands out views into the model buffer at arbitrary byte offsets, and Float32Array needs alignment.
    const aligned = new Uint8Array(tensor.rawData);
    return new Float32Array(aligned.buffer, 0, aligned.length / 4);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

const float32Scratch = new Float32Array(1);
const bitsScratch = new Uint32Array(float32Scratch.buffer);

/**
 * IEEE 754 binary16 bits of a float32, rounded to nearest even (what numpy's astype(float16) and torch .half() do).
 * Hand-written because Node 20 has neither Float16Array nor Math.f16round.
 */
export function float16Bits(value: number): number {
  float32Scratch[0] = value;
  const x = bitsScratch[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf, NaN
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflows to ±0
    mantissa |= 0x800000; // make the leading 1 explicit, then shift into a subnormal
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mantissa & ((1 << shift) - 1);
    let sub = mantissa >>> shift;
    if (rest > half || (rest === half && sub & 1)) sub += 1;
    return sign | sub;
  }
  let bits = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && bits & 1)) bits += 1; // carry may roll into the exponent: still correct
  return sign | bits;
}

/** The float32 value of binary16 bits (used by tests and to report the rounding error). */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function littleEndianBytes(array: Uint16Array | Float32Array | Int8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Rounds like numpy and onnxruntime's quantizer (half to even); Math.round would send every tie upwards. */
function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Symmetric per-channel int8: one scale per slice along `axis`, zero point 0, values in [-127, 127]. */
export function quantizePerChannel(values: Float32Array, dims: number[], axis: number): {q: Int8Array; scales: Float32Array} {
  const channels = dims[axis]!;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    const v = Math.abs(values[i]!);
    if (v > maxAbs[c]!) maxAbs[c] = v;
  }
  // An all-zero channel gets scale 1 so that dequantization stays finite (and exact: all zeros).
  const scales = maxAbs.map((m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    q[i] = Math.max(-127, Math.min(127, roundHalfToEven(values[i]! / scales[channelOf(i)]!)));
  }
  return {q, scales};
}

/** Replaces every float32 weight of Conv/Gemm by a compressed initializer plus a decompression node. */
export function compressModel(modelBytes: Uint8Array, format: WeightFormat): Uint8Array {
  const model = onnx.ModelProto.decode(modelBytes);
  const graph = model.graph;
  if (!graph) throw new Error("compressModel: the model has no graph.");
  const initializer = (graph.initializer ??= []);
  const nodes = graph.node ?? [];
  const initializers = new Map(initializer.map((t, i) => [t.name ?? "", i]));
  const decompress: onnxProto.onnx.INodeProto[] = [];
  const done = new Set<string>();

  for (const node of nodes) {
    const which = weightAxis(node);
    const name = which && node.input?.[which.input];
    if (!which || !name || done.has(name) || !initializers.has(name)) continue;
    const index = initializers.get(name)!;
    const tensor = initializer[index]!;
    if (tensor.dataType !== DataType.FLOAT) continue;
    const dims = (tensor.dims ?? []).map(Number);
    const values = floatValues(tensor);
    done.add(name);

    if (format === "fp16") {
      const half = new Uint16Array(values.length);
      for (let i = 0; i < values.length; i++) half[i] = float16Bits(values[i]!);
      initializer[index] = onnx.TensorProto.create({name: `${name}_fp16`, dims, dataType: DataType.FLOAT16, rawData: littleEndianBytes(half)});
      decompress.push(
        onnx.NodeProto.create({
          name: `${name}_cast`,
          opType: "Cast",
          input: [`${name}_fp16`],
          output: [name],
          attribute: [onnx.AttributeProto.create({name: "to", type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT})]
        })
      );
    } else {
      const {q, scales} = quantizePerChannel(values, dims, which.axis);
      // [C, 1, 1, …] for axis 0, [C] for the last axis: numpy broadcasting lines the scale up with the channels.
      const scaleDims = dims.slice(which.axis).map((d, i) => (i === 0 ? d : 1));
      initializer[index] = onnx.TensorProto.create({name: `${name}_int8`, dims, dataType: DataType.INT8, rawData: littleEndianBytes(q)});
      initializer.push(onnx.TensorProto.create({name: `${name}_scale`, dims: scaleDims, dataType: DataType.FLOAT, rawData: littleEndianBytes(scales)}));
      decompress.push(
        onnx.NodeProto.create({
          name: `${name}_to_float`,
          opType: "Cast",
          input: [`${name}_int8`],
          output: [`${name}_unscaled`],
          attribute: [onnx.AttributeProto.create({name: "to", type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT})]
        }),
        onnx.NodeProto.create({name: `${name}_rescale`, opType: "Mul", input: [`${name}_unscaled`, `${name}_scale`], output: [name]})
      );
    }
  }
  if (decompress.length === 0) throw new Error("compressModel: found no float32 Conv/Gemm weights to compress.");
  // Decompression nodes read only initializers, so putting them first keeps the node list topologically sorted.
  graph.node = [...decompress.map((n) => onnx.NodeProto.create(n)), ...nodes];
  // The file says how its weights are stored, next to the builder's weights.* provenance entries.
  model.metadataProps = [...(model.metadataProps ?? []).filter((p) => p.key !== "weights.storage"), onnx.StringStringEntryProto.create({key: "weights.storage", value: format})];
  return onnx.ModelProto.encode(model).finish();
}
