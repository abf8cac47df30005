// Weight compression: the float16 and int8 arithmetic, the rewritten graph, and the variants' outputs
// against float32 in onnxruntime-node (a small AlexNet-shaped net, then the full-size model on the
// goldfish fixtures and seeded random inputs).
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import {beforeAll, describe, expect, test} from "vitest";
import {compareLogits} from "../../../../src/components/core/logit-agreement.ts";
import {goldfishInputs, randomInputs, type GoldfishInputs} from "../../../../src/lib/sample-inputs.ts";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME, LOGITS} from "../../../../src/components/core/inference.ts";
import {randomAlexNetStateDict} from "../../../../src/lib/alexnet-weights.ts";
import {buildAlexNetOnnx, expectedWeightShapes, type WeightTensor} from "../../../../src/lib/onnx/alexnet-onnx.ts";
import {compressModel, float16Bits, float16ToNumber, quantizePerChannel, type WeightFormat} from "../../../../src/lib/onnx/compress.ts";

const {onnx} = onnxProto;

describe("float16Bits", () => {
  test("every finite float16 survives a round trip", () => {
    const broken: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue; // Inf and NaN
      if (float16Bits(float16ToNumber(bits)) !== bits) broken.push(bits);
    }
    expect(broken).toEqual([]);
  });

  test("rounds to nearest even, overflows to Inf and underflows through subnormals like numpy", () => {
    // Expected bits from numpy's astype(np.float16).
    const cases: [number, number][] = [
      [1, 0x3c00],
      [1 + 2 ** -11, 0x3c00], // tie → even
      [1 + 3 * 2 ** -11, 0x3c02], // tie → even (up)
      [-2.5, 0xc100],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65519, 0x7bff],
      [65520, 0x7c00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal → even (0)
      [1.5 * 2 ** -25, 0x0001],
      [-0, 0x8000],
      [Infinity, 0x7c00]
    ];
    for (const [value, bits] of cases) expect(float16Bits(value), String(value)).toBe(bits);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
  });
});

describe("quantizePerChannel", () => {
  test("one scale per output channel, error at most half a step, zero channels stay zero", () => {
    // [3, 2, 2]: channel 1 is all zeros, channel 2 is large.
    const values = Float32Array.from([0.5, -1, 0.25, 0.125, 0, 0, 0, 0, 100, -40, 25, 12.5]);
    const {q, scales} = quantizePerChannel(values, [3, 2, 2], 0);
    expect([...scales]).toEqual([Math.fround(1 / 127), 1, Math.fround(100 / 127)]);
    expect([...q]).toEqual([64, -127, 32, 16, 0, 0, 0, 0, 127, -51, 32, 16]);
    values.forEach((v, i) => expect(Math.abs(q[i]! * scales[Math.floor(i / 4)]! - v)).toBeLessThanOrEqual(scales[Math.floor(i / 4)]! / 2 + 1e-7));
  });

  test("channels along the last axis (an untransposed Gemm weight [K, N])", () => {
    const {q, scales} = quantizePerChannel(Float32Array.from([1, 10, -2, 20]), [2, 2], 1);
    expect([...scales]).toEqual([Math.fround(2 / 127), Math.fround(20 / 127)]);
    expect([...q]).toEqual([64, 64, -127, 127]);
  });

  test("ties round to even, as numpy does", () => {
    // scale 1 for this channel (max 127): values are their own quantized steps.
    const {q} = quantizePerChannel(Float32Array.from([127, 62.5, 63.5, -62.5, -63.5, 0.5]), [1, 6], 0);
    expect([...q]).toEqual([127, 62, 64, -62, -64, 0]);
  });
});

/** A small AlexNet-shaped network with PyTorch-like random weights, built by the site's own builder. */
function smallAlexNet(): Uint8Array {
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296) * 2 - 1;
  const shapes = expectedWeightShapes({inputChannels: 3, convChannels: [8, 12, 16, 12, 12], hiddenUnits: 32, numClasses: 20, poolOutput: 6});
  const weights = new Map<string, WeightTensor>();
  let fanIn = 1;
  for (const [key, shape] of shapes) {
    if (key.endsWith(".weight")) fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).map(() => random() / Math.sqrt(fanIn));
    weights.set(key, {shape, data});
  }
  return buildAlexNetOnnx(weights);
}

async function run(model: Uint8Array, images: Float32Array, count: number, outputs: string[] = [LOGITS]) {
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: 2});
  try {
    return await session.run({[INPUT_NAME]: new ort.Tensor("float32", images.subarray(0, count * 3 * 224 * 224), [count, 3, 224, 224])}, outputs);
  } finally {
    await session.release();
  }
}

describe("compressModel on a small AlexNet-shaped net", () => {
  const fp32 = smallAlexNet();

  test.each(["fp16", "int8"] as WeightFormat[])("%s keeps every graph output and shrinks every Conv/Gemm weight", async (format) => {
    const compressed = compressModel(fp32, format);
    const before = onnx.ModelProto.decode(fp32).graph!;
    const model = onnx.ModelProto.decode(compressed);
    const after = model.graph!;
    expect((after.output ?? []).map((o) => o.name)).toEqual((before.output ?? []).map((o) => o.name));
    expect(model.metadataProps.find((p) => p.key === "weights.storage")?.value).toBe(format);
    const initializers = after.initializer ?? [];
    const weightTypes = initializers.filter((t) => /\.weight_(fp16|int8)$/.test(t.name ?? "")).map((t) => t.dataType);
    expect(weightTypes).toHaveLength(8); // 5 convolutions + 3 linear layers
    expect(new Set(weightTypes)).toEqual(new Set([format === "fp16" ? onnx.TensorProto.DataType.FLOAT16 : onnx.TensorProto.DataType.INT8]));
    expect(initializers.filter((t) => (t.name ?? "").endsWith(".bias")).every((t) => t.dataType === onnx.TensorProto.DataType.FLOAT)).toBe(true);
    expect(compressed.byteLength).toBeLessThan(fp32.byteLength * (format === "fp16" ? 0.6 : 0.35));
  });

  test.each([
    ["fp16", 2e-3],
    ["int8", 3e-2]
  ] as [WeightFormat, number][])("%s: every layer's output stays within %s of float32 (relative to the layer's largest value)", async (format, tolerance) => {
    const images = randomInputs(4, 3);
    const reference = await run(fp32, images, 4, [...GRAPH_OUTPUT_NAMES]);
    const compressed = await run(compressModel(fp32, format), images, 4, [...GRAPH_OUTPUT_NAMES]);
    for (const name of GRAPH_OUTPUT_NAMES) {
      const a = reference[name]!.data as Float32Array;
      const b = compressed[name]!.data as Float32Array;
      expect(b.length).toBe(a.length);
      let scale = 0;
      let error = 0;
      for (let i = 0; i < a.length; i++) {
        scale = Math.max(scale, Math.abs(a[i]!));
        error = Math.max(error, Math.abs(a[i]! - b[i]!));
      }
      expect(error / (scale || 1), name).toBeLessThan(tolerance);
    }
  });

  test("a model with no float weights is refused with one clear line", () => {
    const int8 = compressModel(fp32, "int8");
    expect(() => compressModel(int8, "fp16")).toThrow(/found no float32 Conv\/Gemm weights/);
  });
});

describe("the full-size model: variants against float32", () => {
  // Seeded random weights (the real checkpoint is not reachable here); the goldfish fixtures when present.
  const fp32 = buildAlexNetOnnx(randomAlexNetStateDict());
  const random = randomInputs(50, 11);
  let goldfish: GoldfishInputs | {missing: string};
  const reference: {random?: Float32Array; goldfish?: Float32Array} = {};

  beforeAll(async () => {
    goldfish = await goldfishInputs();
    reference.random = (await run(fp32, random, 50))[LOGITS]!.data as Float32Array;
    if (!("missing" in goldfish)) reference.goldfish = (await run(fp32, goldfish.data, goldfish.count))[LOGITS]!.data as Float32Array;
  });

  test.each([
    ["fp16", 1e-3, 1.0],
    ["int8", 2e-2, 0.96]
  ] as [WeightFormat, number, number][])("%s: relative logit error < %s, top-1 agreement ≥ %s", async (format, maxRelative, minAgreement) => {
    const model = compressModel(fp32, format);
    const onRandom = compareLogits(reference.random!, (await run(model, random, 50))[LOGITS]!.data as Float32Array);
    console.log(`${format} vs fp32, 50 random inputs: max logit error ${onRandom.maxLogitError.toExponential(2)} (relative ${onRandom.relativeLogitError.toExponential(2)}), top-1 agreement ${onRandom.top1Agreement}`);
    expect(onRandom.relativeLogitError).toBeLessThan(maxRelative);
    expect(onRandom.top1Agreement).toBeGreaterThanOrEqual(minAgreement);
    if ("missing" in goldfish) {
      console.log(`skipping the goldfish comparison: ${goldfish.missing}`);
      return;
    }
    const onGoldfish = compareLogits(reference.goldfish!, (await run(model, goldfish.data, goldfish.count))[LOGITS]!.data as Float32Array);
    console.log(`${format} vs fp32, ${goldfish.count} goldfish: max logit error ${onGoldfish.maxLogitError.toExponential(2)} (relative ${onGoldfish.relativeLogitError.toExponential(2)}), top-1 agreement ${onGoldfish.top1Agreement}`);
    expect(onGoldfish.relativeLogitError).toBeLessThan(maxRelative);
    expect(onGoldfish.top1Agreement).toBeGreaterThanOrEqual(minAgreement);
  });
});
