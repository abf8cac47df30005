/**
 * Reads PyTorch checkpoints (`torch.save` of a state dict) into float32 tensors, in Node or the browser.
 * Formats: zip (torch ≥ 1.6), legacy magic-number pickles (torch 0.1.10 – 1.5) and the tar format of torch < 0.1.10.
 */
import {CheckpointError} from "./errors.ts";
import {LEGACY_MAGIC, readLegacyCheckpoint} from "./legacy.ts";
import {readTarCheckpoint} from "./tar.ts";
import {readZipCheckpoint} from "./zip.ts";
import type {StateDict} from "./tensor.ts";

export {CheckpointError} from "./errors.ts";
export type {DType} from "./dtypes.ts";
export type {Tensor, StateDict} from "./tensor.ts";

const ZIP_MAGIC = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const TAR_MAGIC = new TextEncoder().encode("ustar");
const TAR_MAGIC_OFFSET = 257;

function startsWith(bytes: Uint8Array, prefix: Uint8Array, offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

export function sniffCheckpointFormat(bytes: Uint8Array): "zip" | "legacy" | "tar" | "unknown" {
  if (startsWith(bytes, ZIP_MAGIC)) return "zip";
  if (startsWith(bytes, TAR_MAGIC, TAR_MAGIC_OFFSET)) return "tar";
  // A file cut inside the 15-byte magic pickle is still recognisably legacy (and then reported as truncated).
  const head = bytes.subarray(0, LEGACY_MAGIC.length);
  if (head.length >= 4 && startsWith(LEGACY_MAGIC, head)) return "legacy";
  return "unknown";
}

export function readCheckpoint(bytes: Uint8Array, fileName: string): StateDict {
  if (bytes.length === 0) throw new CheckpointError(fileName, "empty file, not a PyTorch checkpoint");
  switch (sniffCheckpointFormat(bytes)) {
    case "zip":
      return readZipCheckpoint(bytes, fileName);
    case "legacy":
      return readLegacyCheckpoint(bytes, fileName);
    case "tar":
      return readTarCheckpoint(bytes, fileName);
    case "unknown":
      throw new CheckpointError(fileName, "not a PyTorch checkpoint (neither a zip, a legacy pickle nor a tar file)");
  }
}
