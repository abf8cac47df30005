/**
 * The zip checkpoint format (torch ≥ 1.6): `<prefix>/data.pkl` plus one raw storage per `<prefix>/data/<key>`.
 * The prefix is the save-time file name, so it is taken from the first entry as PyTorch itself does.
 */
import {unzipSync} from "fflate";
import {CheckpointError, describeError} from "./errors.ts";
import {ELEMENT_SIZE} from "./dtypes.ts";
import {unpickle, type StorageRef} from "./pickle.ts";
import {parseStorageId, storageRef} from "./storage-id.ts";
import {buildStateDict, type StateDict} from "./tensor.ts";

function swapBytesInPlace(bytes: Uint8Array, elementSize: number): void {
  for (let i = 0; i + elementSize <= bytes.length; i += elementSize) bytes.subarray(i, i + elementSize).reverse();
}

export function readZipCheckpoint(bytes: Uint8Array, fileName: string): StateDict {
  let firstName: string | undefined;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        firstName ??= file.name;
        return true;
      }
    });
  } catch (error) {
    throw new CheckpointError(fileName, `truncated or corrupt zip archive (${describeError(error)})`);
  }
  if (firstName === undefined) throw new CheckpointError(fileName, "empty zip archive, not a PyTorch checkpoint");
  const prefix = firstName.includes("/") ? firstName.slice(0, firstName.indexOf("/") + 1) : "";
  const pickleBytes = entries[`${prefix}data.pkl`];
  if (!pickleBytes) throw new CheckpointError(fileName, `zip archive without ${prefix}data.pkl, not a PyTorch checkpoint`);

  const byteOrderEntry = entries[`${prefix}byteorder`];
  const bigEndian = byteOrderEntry !== undefined && new TextDecoder().decode(byteOrderEntry).trim() === "big";

  const storages = new Map<string, Uint8Array>();
  let root: unknown;
  try {
    root = unpickle(pickleBytes, 0, (pid) => {
      const id = parseStorageId(pid, fileName);
      if (!storages.has(id.key)) {
        const data = entries[`${prefix}data/${id.key}`];
        if (!data) throw new CheckpointError(fileName, `storage ${prefix}data/${id.key} is missing (truncated or corrupt file)`);
        const needed = id.numel * ELEMENT_SIZE[id.dtype];
        if (data.byteLength < needed) {
          throw new CheckpointError(fileName, `storage data/${id.key} has ${data.byteLength} bytes, expected ${needed} (truncated)`);
        }
        if (bigEndian && ELEMENT_SIZE[id.dtype] > 1) swapBytesInPlace(data, ELEMENT_SIZE[id.dtype]);
        storages.set(id.key, data);
      }
      return storageRef(id);
    }).value;
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(fileName, `cannot read ${prefix}data.pkl (${describeError(error)})`);
  }
  return buildStateDict(root, (ref: StorageRef) => storages.get(ref.key)!, fileName);
}
