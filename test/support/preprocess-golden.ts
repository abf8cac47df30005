// The preprocessing golden fixtures written by scripts/golden/preprocess_fixtures.py (Pillow 9.4, torchvision 0.14),
// read by the decoder and the preprocessing tests alike.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {GOLDFISH_IMAGES_DIR} from "./shared-data.ts";

export const GOLDEN = join(import.meta.dirname, "../fixtures/golden/preprocess");
export const GOLDFISH = GOLDFISH_IMAGES_DIR;
export const haveGoldfish = existsSync(GOLDFISH);

export interface Variant {
  resized?: string;
  cropped?: string;
  normalized?: string;
}

/** One image's digests: SHA-256 of each step's bytes as PIL/torchvision produced them. */
export interface GoldenRecord {
  mode: string;
  width: number;
  height: number;
  decoded: string;
  rgb: string;
  rgbSum: number;
  resized: {width: number; height: number; sha256: string};
  cropped: string;
  toTensor: string;
  normalized: string;
  variants: Record<string, Variant>;
}

export const manifest = JSON.parse(readFileSync(join(GOLDEN, "manifest.json"), "utf8")) as {
  goldfish: Record<string, GoldenRecord>;
  synthetic: Record<string, GoldenRecord>;
  corrupt: Record<string, {decoded?: string; error?: string}>;
};

/** SHA-256 of an array's bytes (uint8 images and float32 tensors alike). */
export const sha = (a: Uint8Array | Float32Array) =>
  createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");
