/**
 * The tar checkpoint format of torch < 0.1.10 (e.g. torchvision's original alexnet-owt-4df8aa71.pth), laid out
 * as torch's own loader reads it: member `storages` (count; per storage a pickled (key, location, class), an
 * int64 element count and the raw bytes; then a pickled list of views (view key, root key, offset, numel)),
 * member `tensors` (count; per tensor a pickled (key, storage key, class), int32 ndim, 4 pad bytes, int64 sizes,
 * strides and storage offset) and member `pickle`, where each tensor is a persistent id string.
 */
import {parseTar} from "nanotar";
import {CheckpointError, describeError} from "./errors.ts";
import {ELEMENT_SIZE, type DType} from "./dtypes.ts";
import {StorageClass, TensorRef, unpickle, type StorageRef} from "./pickle.ts";
import {buildStateDict, type StateDict} from "./tensor.ts";

interface RootStorage {
  dtype: DType;
  bytes: Uint8Array;
}

/** Sequential reader over one tar member: pickles interleaved with little-endian binary fields. */
class MemberReader {
  private readonly view: DataView;
  position = 0;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  pickle(): unknown {
    const {value, end} = unpickle(this.bytes, this.position, () => undefined);
    this.position = end;
    return value;
  }
  private need(count: number): void {
    if (this.position + count > this.bytes.length) throw new Error(`needs ${count} more bytes at offset ${this.position}`);
  }
  int32(): number {
    this.need(4);
    const value = this.view.getInt32(this.position, true);
    this.position += 4;
    return value;
  }
  int64(): number {
    this.need(8);
    const value = Number(this.view.getBigInt64(this.position, true));
    this.position += 8;
    return value;
  }
  take(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }
}

function readStorages(member: Uint8Array, fileName: string): Map<string, StorageRef & {root: RootStorage}> {
  const reader = new MemberReader(member);
  const storages = new Map<string, StorageRef & {root: RootStorage}>();
  const count = Number(reader.pickle());
  for (let i = 0; i < count; i++) {
    const [key, , storageClass] = reader.pickle() as [unknown, unknown, unknown];
    if (!(storageClass instanceof StorageClass)) throw new CheckpointError(fileName, `storage ${String(key)} has an unknown type`);
    if (storageClass.dtype === undefined) {
      throw new CheckpointError(fileName, `unsupported dtype ${storageClass.qualifiedName} (storage ${String(key)})`);
    }
    const numel = reader.int64();
    const root = {dtype: storageClass.dtype, bytes: reader.take(numel * ELEMENT_SIZE[storageClass.dtype])};
    storages.set(String(key), {key: String(key), dtype: root.dtype, viewOffset: 0, root});
  }
  const views = reader.pickle();
  for (const [viewKey, rootKey, offset] of Array.isArray(views) ? (views as unknown[][]) : []) {
    const root = storages.get(String(rootKey));
    if (!root) throw new CheckpointError(fileName, `storage view ${String(viewKey)} refers to a missing storage ${String(rootKey)}`);
    storages.set(String(viewKey), {...root, viewOffset: root.viewOffset + Number(offset)});
  }
  return storages;
}

function readTensors(member: Uint8Array, storages: Map<string, StorageRef & {root: RootStorage}>, fileName: string): Map<string, TensorRef> {
  const reader = new MemberReader(member);
  const tensors = new Map<string, TensorRef>();
  const count = Number(reader.pickle());
  for (let i = 0; i < count; i++) {
    const [key, storageKey] = reader.pickle() as [unknown, unknown];
    const storage = storages.get(String(storageKey));
    if (!storage) throw new CheckpointError(fileName, `tensor ${String(key)} refers to a missing storage ${String(storageKey)}`);
    const ndim = reader.int32();
    reader.take(4); // torch once wrote ndim as 8 bytes
    const shape = Array.from({length: ndim}, () => reader.int64());
    const stride = Array.from({length: ndim}, () => reader.int64());
    const offset = reader.int64();
    tensors.set(String(key), new TensorRef(storage, offset, shape, stride));
  }
  return tensors;
}

export function readTarCheckpoint(bytes: Uint8Array, fileName: string): StateDict {
  // nanotar reads from the start of the ArrayBuffer, so give it one that starts with the file.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const members = new Map<string, Uint8Array>();
  try {
    for (const item of parseTar(whole)) members.set(item.name, item.data ?? new Uint8Array(0));
  } catch (error) {
    throw new CheckpointError(fileName, `truncated or corrupt tar checkpoint (${describeError(error)})`);
  }
  for (const name of ["storages", "tensors", "pickle"]) {
    if (!members.has(name)) {
      throw new CheckpointError(fileName, `tar archive without a "${name}" member (truncated, or not a PyTorch checkpoint)`);
    }
  }
  let root: unknown;
  let storages: Map<string, StorageRef & {root: RootStorage}>;
  try {
    storages = readStorages(members.get("storages")!, fileName);
    const tensors = readTensors(members.get("tensors")!, storages, fileName);
    root = unpickle(members.get("pickle")!, 0, (pid) => {
      // Tuples are module source records of pickled nn.Modules; only the class is kept.
      if (Array.isArray(pid)) return pid[0];
      const tensor = tensors.get(String(pid));
      if (!tensor) throw new CheckpointError(fileName, `pickle refers to a missing tensor ${String(pid)}`);
      return tensor;
    }).value;
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(fileName, `truncated or corrupt tar checkpoint (${describeError(error)})`);
  }
  return buildStateDict(root, (ref) => storages.get(ref.key)!.root.bytes, fileName);
}
