/** Decodes the persistent id torch writes for each storage: `('storage', <class torch.XStorage>, key, location, numel[, view])`. */
import {CheckpointError} from "./errors.ts";
import {StorageClass, type StorageRef} from "./pickle.ts";
import type {DType} from "./dtypes.ts";

export interface StorageId {
  key: string;
  dtype: DType;
  numel: number;
  /** Legacy format only: `(view_key, offset, numel)` of a view into the root storage. */
  view?: {key: string; offset: number; numel: number};
}

export function parseStorageId(pid: unknown, fileName: string): StorageId {
  if (!Array.isArray(pid) || pid[0] !== "storage" || pid.length < 5) {
    throw new CheckpointError(fileName, `unexpected persistent id ${JSON.stringify(pid)} (not a torch storage)`);
  }
  const [, storageClass, key, , numel, view] = pid as unknown[];
  if (!(storageClass instanceof StorageClass)) {
    throw new CheckpointError(fileName, `storage ${String(key)} has an unknown type`);
  }
  if (storageClass.dtype === undefined) {
    throw new CheckpointError(fileName, `unsupported dtype ${storageClass.qualifiedName} (storage ${String(key)})`);
  }
  const id: StorageId = {key: String(key), dtype: storageClass.dtype, numel: Number(numel)};
  if (Array.isArray(view)) id.view = {key: String(view[0]), offset: Number(view[1]), numel: Number(view[2])};
  return id;
}

export function storageRef(id: StorageId): StorageRef {
  return {key: id.key, dtype: id.dtype, viewOffset: id.view?.offset ?? 0};
}
