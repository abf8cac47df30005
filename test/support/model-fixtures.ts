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

export const GOLDEN_MODEL_DIR = "test/fixtures/golden/model";

export interface GoldenModelManifest {
  config: {convChannels: number[]; hiddenUnits: number; numClasses: number; poolOutput: number};
  checkpoints: {zip: string; legacy: string};
  weights: {file: string; tensors: {key: string; shape: number[]; offset: number}[]};
  cases: {name: string; inputShape: number[]; outputs: Record<string, number[]>; top1: number[]}[];
}

/** The reduced net written by scripts/golden/model_fixtures.py: its manifest and weights (state-dict order). */
export function readGoldenModel(): {manifest: GoldenModelManifest; weights: Map<string, {shape: number[]; data: Float32Array}>} {
  const manifest = JSON.parse(readFileSync(`${GOLDEN_MODEL_DIR}/manifest.json`, "utf8")) as GoldenModelManifest;
  const bytes = readFileSync(`${GOLDEN_MODEL_DIR}/${manifest.weights.file}`);
  const weights = new Map(
    manifest.weights.tensors.map(({key, shape, offset}) => {
      const end = offset + 4 * shape.reduce((a, b) => a * b, 1);
      return [key, {shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + end))}];
    })
  );
  return {manifest, weights};
}
