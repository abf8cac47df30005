// Small typed constructors for ONNX protobuf messages. Encoding itself is protobufjs's (via onnx-proto);
// these helpers only spell out the message shapes once so the graph builder reads like the network.
import {endianness} from "node:os";
import onnxProto from "onnx-proto";

export const {onnx} = onnxProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** One dimension of a declared shape: a number, or a symbolic name such as "N" for a dynamic batch. */
export type Dim = number | string;

export function valueInfo(name: string, dims: readonly Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: {dim: dims.map((d) => (typeof d === "number" ? {dimValue: d} : {dimParam: d}))}
      }
    }
  };
}

/**
 * A float32 initializer stored as raw_data, which ONNX defines as little-endian. The bytes of a Float32Array
 * are in host order, so they are reused as-is only where the host is little-endian (every platform ORT ships for).
 */
export function floatInitializer(name: string, dims: readonly number[], data: Float32Array): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`ONNX initializer ${name}: ${data.length} values for shape [${dims.join(", ")}]`);
  if (endianness() !== "LE") throw new Error("ONNX export needs a little-endian host (raw_data is little-endian)");
  return {name, dims: [...dims], dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)};
}

export function int64Initializer(name: string, values: readonly number[]): TensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  if (endianness() !== "LE") throw new Error("ONNX export needs a little-endian host (raw_data is little-endian)");
  return {name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer)};
}

export function intsAttribute(name: string, ints: readonly number[]): AttributeProto {
  return {name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...ints]};
}

export function intAttribute(name: string, i: number): AttributeProto {
  return {name, type: onnx.AttributeProto.AttributeType.INT, i};
}

export function node(opType: string, name: string, inputs: readonly string[], outputs: readonly string[], attribute: AttributeProto[] = []): NodeProto {
  return {opType, name, input: [...inputs], output: [...outputs], attribute};
}
