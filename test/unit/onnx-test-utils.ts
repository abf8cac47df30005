// Helpers shared by the model tests (golden, parity, classify): raw float32 files and the error measure.
import {readFileSync} from "node:fs";

/** A raw little-endian float32 file as a Float32Array (copied, so the view is aligned). */
export function readF32(path: string): Float32Array {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** max |actual − expected| divided by max |expected|: the "within 1e-5 of the layer's max |value|". */
export function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
  }
  return maxAbs === 0 ? maxDiff : maxDiff / maxAbs;
}
