// The images every benchmark and the compression tests feed the model: the 50 Tiny ImageNet goldfish
// fixtures (decoded and preprocessed exactly as the site does) and seeded random inputs.
import {existsSync} from "node:fs";
import {packBatch, preprocess} from "../components/core/preprocess.ts";
import {decodeImage} from "./decode-image.ts";
import {fixturesDir, readFixtureImages} from "./tiny-imagenet.ts";

export const IMAGE_VALUES = 3 * 224 * 224;

/**
 * `count` images of uniform noise in [-2.1, 2.6], the range torchvision's normalization maps [0, 1] pixels to.
 * xorshift32 keeps it seeded and fast; quality hardly matters for timing and error probing.
 */
export function randomInputs(count: number, seed = 7): Float32Array {
  const data = new Float32Array(count * IMAGE_VALUES);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = -2.1 + 4.7 * ((state >>> 0) / 4294967296);
  }
  return data;
}

export interface GoldfishInputs {
  data: Float32Array;
  count: number;
  dir: string;
}

/** The goldfish fixtures as one [50, 3, 224, 224] batch, or undefined (with the reason) when they are absent. */
export async function goldfishInputs(dir = fixturesDir()): Promise<GoldfishInputs | {missing: string}> {
  if (!dir) return {missing: "TINY_IMAGENET_FIXTURES is not set (a folder holding the Tiny ImageNet goldfish validation images)"};
  if (!existsSync(`${dir}/val/val_annotations.txt`)) return {missing: `no Tiny ImageNet goldfish fixtures in ${dir}`};
  const images = await readFixtureImages(dir);
  const tensors = await Promise.all(images.map(async (image) => preprocess(await decodeImage(image.bytes)).tensor));
  return {data: packBatch(tensors).data, count: tensors.length, dir};
}
