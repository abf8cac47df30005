/**
 * Turns the references found in a checkpoint's pickle into float32 tensors, honouring storage offsets, strides
 * (non-contiguous views are gathered element by element) and shared storages.
 */
import {CheckpointError} from "./errors.ts";
import {ELEMENT_SIZE, elementReader, type DType} from "./dtypes.ts";
import {TensorRef, UnsupportedTorchObject, type StorageRef} from "./pickle.ts";

export interface Tensor {
  dtype: "float32";
  shape: number[];
  data: Float32Array;
  /** The element type in the file before conversion to float32. */
  sourceDtype: DType;
}
export type StateDict = Map<string, Tensor>;

/** Raw little-endian bytes of a root storage, looked up by its key. */
export type StorageBytes = (storage: StorageRef) => Uint8Array;

function isRowMajorContiguous(shape: number[], stride: number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && stride[axis] !== expected) return false;
    expected *= shape[axis];
  }
  return true;
}

export function materializeTensor(ref: TensorRef, storageBytes: StorageBytes, name: string, fileName: string): Tensor {
  const {shape, stride} = ref;
  const dtype = ref.storage.dtype;
  const elementSize = ELEMENT_SIZE[dtype];
  if (shape.length !== stride.length || shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new CheckpointError(fileName, `tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
  }
  const numel = shape.reduce((a, b) => a * b, 1);
  const bytes = storageBytes(ref.storage);
  const storageNumel = Math.floor(bytes.byteLength / elementSize);
  const start = ref.storage.viewOffset + ref.offset;
  let last = start;
  for (let axis = 0; axis < shape.length; axis++) last += (shape[axis] - 1) * stride[axis];
  if (numel > 0 && (start < 0 || last >= storageNumel)) {
    throw new CheckpointError(
      fileName,
      `tensor "${name}" reaches element ${last} of a storage with ${storageNumel} elements (truncated or corrupt file)`
    );
  }
  const data = new Float32Array(numel);
  if (numel === 0) return {dtype: "float32", shape, data, sourceDtype: dtype};

  if (dtype === "float32" && isRowMajorContiguous(shape, stride)) {
    // One bulk copy; copying bytes instead of floats handles storages that do not start on a 4-byte boundary.
    const from = bytes.byteOffset + start * 4;
    if (from % 4 === 0) data.set(new Float32Array(bytes.buffer, from, numel));
    else new Uint8Array(data.buffer).set(bytes.subarray(start * 4, (start + numel) * 4));
    return {dtype: "float32", shape, data, sourceDtype: dtype};
  }

  const read = elementReader(dtype, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Odometer over the multi-index, tracking the storage position incrementally.
  const index = new Array<number>(shape.length).fill(0);
  let position = start;
  for (let out = 0; out < numel; out++) {
    data[out] = read(position);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      position += stride[axis];
      if (index[axis] < shape[axis]) break;
      position -= shape[axis] * stride[axis];
      index[axis] = 0;
    }
  }
  return {dtype: "float32", shape, data, sourceDtype: dtype};
}

function describeValue(value: unknown): string {
  if (value instanceof UnsupportedTorchObject) return value.qualifiedName;
  if (value === null) return "None";
  if (Array.isArray(value)) return "a tuple or list";
  if (value instanceof Map) return "a dict";
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as {__module__?: string; __name__?: string};
    if (proto.__module__) return `${proto.__module__}.${proto.__name__}`;
  }
  return typeof value;
}

/**
 * Finds the state dict in the unpickled object: the top-level dict itself, or the usual wrapper keys of training
 * checkpoints (`state_dict`, `model`). Every entry must be a tensor.
 */
export function buildStateDict(root: unknown, storageBytes: StorageBytes, fileName: string): StateDict {
  let dict = root;
  if (dict instanceof Map && ![...dict.values()].some((v) => v instanceof TensorRef)) {
    const inner = ["state_dict", "model"].map((k) => (dict as Map<unknown, unknown>).get(k)).find((v) => v instanceof Map);
    if (inner) dict = inner;
  }
  if (!(dict instanceof Map)) {
    throw new CheckpointError(fileName, `holds ${describeValue(root)}, not a state dict (a dict of tensors)`);
  }
  const stateDict: StateDict = new Map();
  for (const [key, value] of dict) {
    const name = String(key);
    if (value instanceof UnsupportedTorchObject) {
      throw new CheckpointError(fileName, `entry "${name}" is an unsupported tensor type (${value.qualifiedName})`);
    }
    if (!(value instanceof TensorRef)) {
      throw new CheckpointError(fileName, `entry "${name}" is ${describeValue(value)}, not a tensor`);
    }
    stateDict.set(name, materializeTensor(value, storageBytes, name, fileName));
  }
  return stateDict;
}
