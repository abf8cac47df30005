/**
 * Golden tests for src/components/preprocess.ts against torchvision 0.14 / Pillow 9.4
 * (fixtures written by scripts/golden/preprocess_fixtures.py).
 *
 * Tolerances: the uint8 images (RGB, resized, cropped) must be byte-identical; the float32
 * tensors are compared by SHA-256 of their bytes, i.e. bit-identical, which is stricter
 * than the 1e-6 the issue asks for (the full-array checks also report the max difference).
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {
  centerCrop,
  packBatch,
  preprocess,
  resize,
  resizeShorterSide,
  shorterSideSize,
  toRgb,
  type RgbImage
} from "../../../src/components/core/preprocess.ts";
import type {DecodedImage} from "../../../src/components/core/decode/decoded-image.ts";
import {decodeImageFile} from "../../../src/lib/decode-image.ts";
import {GOLDEN, GOLDFISH, haveGoldfish, manifest, sha, type GoldenRecord} from "../../support/preprocess-golden.ts";

if (!haveGoldfish) console.warn(`goldfish fixtures not found at ${GOLDFISH}: goldfish golden tests skipped`);

async function load(name: string): Promise<DecodedImage> {
  if (name === "cmyk_60x40.raw") {
    return {width: 60, height: 40, mode: "CMYK", data: gunzipSync(readFileSync(join(GOLDEN, "full/cmyk_60x40.decoded.bin.gz")))};
  }
  return decodeImageFile(name.startsWith("val_") ? join(GOLDFISH, name) : join(GOLDEN, "inputs", name));
}

function checkPipeline(name: string, rec: GoldenRecord, image: DecodedImage) {
  const r = preprocess(image);
  expect(sha(r.rgb.data), `${name}: RGB`).toBe(rec.rgb);
  expect([r.resized.width, r.resized.height], `${name}: resized size`).toEqual([rec.resized.width, rec.resized.height]);
  expect(sha(r.resized.data), `${name}: resized pixels`).toBe(rec.resized.sha256);
  expect(sha(r.cropped.data), `${name}: cropped pixels`).toBe(rec.cropped);
  expect(sha(preprocess(image, {normalize: false}).tensor), `${name}: ToTensor`).toBe(rec.toTensor);
  expect(sha(r.tensor), `${name}: normalized tensor`).toBe(rec.normalized);
}

function checkVariants(name: string, rec: GoldenRecord, image: DecodedImage) {
  const v = rec.variants;
  const rgb = toRgb(image);
  for (const filter of ["nearest", "bicubic"] as const) {
    const resized = resizeShorterSide(rgb, 256, filter);
    expect(sha(resized.data), `${name}: ${filter} resize`).toBe(v[`resize-${filter}`].resized);
    expect(sha(preprocess(image, {filter}).cropped.data), `${name}: ${filter} crop`).toBe(v[`resize-${filter}`].cropped);
  }
  const squash = preprocess(image, {crop: "squash"});
  expect(sha(squash.cropped.data), `${name}: squash`).toBe(v.squash.cropped);
  expect(sha(squash.tensor), `${name}: squash tensor`).toBe(v.squash.normalized);
  expect(sha(centerCrop(resizeShorterSide(rgb, 100)).data), `${name}: padded crop`).toBe(v["pad-small"].cropped);
  expect(sha(preprocess(image, {channelOrder: "BGR"}).tensor), `${name}: BGR`).toBe(v.bgr.normalized);
}

describe("preprocess: synthetic images (odd sizes, every mode)", () => {
  for (const [name, rec] of Object.entries(manifest.synthetic)) {
    it(`${name} (${rec.mode} ${rec.width}×${rec.height}) matches torchvision at every step`, async () => {
      const image = await load(name);
      if (image.approximate) {
        // CMYK JPEGs decode only approximately (see decode-image.test.ts); PIL-exact CMYK→RGB and
        // the rest of the pipeline are checked on PIL's own CMYK pixels in "cmyk_60x40.raw".
        expect(image.approximate).toMatch(/CMYK/);
        return;
      }
      checkPipeline(name, rec, image);
      checkVariants(name, rec, image);
    });
  }
});

describe.skipIf(!haveGoldfish)("preprocess: the 50 Tiny ImageNet goldfish", () => {
  const names = Object.keys(manifest.goldfish);
  it("has 50 goldfish records", () => expect(names.length).toBe(50));
  for (const name of names) {
    it(`${name}: uint8 crop identical, tensor bit-identical`, async () => {
      const image = await load(name);
      checkPipeline(name, manifest.goldfish[name], image);
      checkVariants(name, manifest.goldfish[name], image);
    });
  }
  for (const name of ["val_1230.JPEG", "val_1267.JPEG", "val_1284.JPEG"]) {
    it(`${name}: full arrays (uint8 equal, float32 within 1e-6)`, async () => {
      const r = preprocess(await load(name));
      const crop = gunzipSync(readFileSync(join(GOLDEN, `full/${name}.cropped.bin.gz`)));
      expect(Buffer.from(r.cropped.data).equals(crop)).toBe(true);
      const raw = gunzipSync(readFileSync(join(GOLDEN, `full/${name}.normalized.bin.gz`)));
      const expected = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
      let maxDiff = 0;
      for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - r.tensor[i]));
      expect(maxDiff).toBeLessThanOrEqual(1e-6);
      expect(maxDiff).toBe(0);
    });
  }
});

describe("preprocess: rules", () => {
  const solid = (width: number, height: number, value = 7): RgbImage => ({width, height, data: new Uint8Array(width * height * 3).fill(value)});

  it("uses torchvision's size rule int(256·long/short)", () => {
    expect(shorterSideSize(500, 375, 256)).toEqual({width: 341, height: 256});
    expect(shorterSideSize(375, 500, 256)).toEqual({width: 256, height: 341});
    expect(shorterSideSize(300, 1000, 256)).toEqual({width: 256, height: 853});
    expect(shorterSideSize(64, 64, 256)).toEqual({width: 256, height: 256});
  });

  it("rounds the crop offset half to even, like Python's round", () => {
    // 227 - 224 = 3 → offset round(1.5) = 2; 225 - 224 = 1 → round(0.5) = 0.
    const ramp = (w: number): RgbImage => ({width: w, height: 224, data: Uint8Array.from({length: w * 224 * 3}, (_, i) => Math.floor(i / 3) % w)});
    expect(centerCrop(ramp(227)).data[0]).toBe(2);
    expect(centerCrop(ramp(225)).data[0]).toBe(0);
  });

  it("pads images smaller than the crop with zeros, extra pixel on the right/bottom", () => {
    const c = centerCrop(solid(221, 224), 224, 224);
    const px = (x: number) => c.data[3 * x];
    expect([px(0), px(1), px(2), px(221), px(222), px(223)]).toEqual([0, 7, 7, 7, 0, 0]);
  });

  it("keeps a constant image constant through every filter", () => {
    for (const filter of ["bilinear", "bicubic", "nearest"] as const) {
      const r = resize(solid(37, 91, 200), 256, 629, filter);
      expect(r.data.every((v) => v === 200)).toBe(true);
    }
  });

  it("packs tensors into a batch in argument order", () => {
    const a = new Float32Array(3 * 224 * 224).fill(1);
    const b = new Float32Array(3 * 224 * 224).fill(2);
    const {data, dims} = packBatch([a, b]);
    expect(dims).toEqual([2, 3, 224, 224]);
    expect([data[0], data[a.length - 1], data[a.length], data[data.length - 1]]).toEqual([1, 1, 2, 2]);
    expect(() => packBatch([new Float32Array(5)])).toThrow(/tensor 0 has 5 values/);
  });

  it("rejects malformed input with a one-line message", () => {
    expect(() => toRgb({width: 2, height: 2, mode: "RGB", data: new Uint8Array(5)})).toThrow(/5 bytes, expected 12/);
    expect(() => toRgb({width: 0, height: 2, mode: "L", data: new Uint8Array(0)})).toThrow(/Invalid image size/);
    expect(() => toRgb({width: 1, height: 1, mode: "P", data: new Uint8Array(1)})).toThrow(/palette/);
  });
});
