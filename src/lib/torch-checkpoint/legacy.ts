/**
 * The legacy "magic number" format (torch 0.1.10 – 1.5, and `_use_new_zipfile_serialization=False`):
 * consecutive pickles (magic number, protocol version, sys_info, the object, the storage keys sorted as strings),
 * then for each key an int64 element count followed by the raw little-endian elements.
 */
import {CheckpointError, describeError} from "./errors.ts";
import {ELEMENT_SIZE} from "./dtypes.ts";
import {unpickle, type StorageRef} from "./pickle.ts";
import {parseStorageId, storageRef, type StorageId} from "./storage-id.ts";
import {buildStateDict, type StateDict} from "./tensor.ts";

/**
 * The first pickle: PROTO 2, LONG1 of 10 bytes = 0x1950a86a20f9469cfc6c, STOP. Matched byte for byte because
 * pickleparser cannot decode integers wider than 8 bytes.
 */
export const LEGACY_MAGIC = Uint8Array.of(0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e);
const PROTOCOL_VERSION = 1001;

export function readLegacyCheckpoint(bytes: Uint8Array, fileName: string): StateDict {
  if (bytes.length < LEGACY_MAGIC.length) throw new CheckpointError(fileName, "truncated legacy checkpoint (ends inside the header)");
  const rootIds = new Map<string, StorageId>();
  let position = LEGACY_MAGIC.length;
  let root: unknown;
  let keys: unknown;
  try {
    const protocol = unpickle(bytes, position, () => undefined);
    if (protocol.value !== PROTOCOL_VERSION) {
      throw new CheckpointError(fileName, `unsupported legacy protocol version ${String(protocol.value)}`);
    }
    const sysInfo = unpickle(bytes, protocol.end, () => undefined);
    if (sysInfo.value instanceof Map && sysInfo.value.get("little_endian") === false) {
      throw new CheckpointError(fileName, "written on a big-endian machine, which is not supported");
    }
    const object = unpickle(bytes, sysInfo.end, (pid) => {
      const id = parseStorageId(pid, fileName);
      if (!rootIds.has(id.key)) rootIds.set(id.key, id);
      return storageRef(id);
    });
    root = object.value;
    const keyList = unpickle(bytes, object.end, () => undefined);
    keys = keyList.value;
    position = keyList.end;
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(fileName, `truncated or corrupt legacy checkpoint (${describeError(error)})`);
  }
  if (!Array.isArray(keys)) throw new CheckpointError(fileName, "legacy checkpoint without a storage key list");

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const storages = new Map<string, Uint8Array>();
  for (const rawKey of keys) {
    const key = String(rawKey);
    const id = rootIds.get(key);
    if (!id) throw new CheckpointError(fileName, `storage key ${key} is listed but never used`);
    if (position + 8 > bytes.length) throw new CheckpointError(fileName, `truncated legacy checkpoint (storage ${key} is missing)`);
    const count = Number(view.getBigInt64(position, true));
    const byteLength = count * ELEMENT_SIZE[id.dtype];
    position += 8;
    if (position + byteLength > bytes.length) {
      throw new CheckpointError(fileName, `truncated legacy checkpoint (storage ${key} needs ${byteLength} bytes, ${bytes.length - position} left)`);
    }
    storages.set(key, bytes.subarray(position, position + byteLength));
    position += byteLength;
  }
  return buildStateDict(
    root,
    (ref: StorageRef) => {
      const data = storages.get(ref.key);
      if (!data) throw new CheckpointError(fileName, `storage ${ref.key} has no data`);
      return data;
    },
    fileName
  );
}
