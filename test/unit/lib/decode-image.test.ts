/**
 * src/lib/decode-image.ts (and the shared decoders in src/components/decode-*.ts) against
 * PIL 9.4 (libjpeg-turbo): decoded pixels must be byte-identical, except CMYK JPEGs,
 * which are documented as approximate (≤ 1 level per sample).
 */
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readJpegInfo} from "../../../src/components/core/decode/jpeg.ts";
import {toRgb} from "../../../src/components/core/preprocess.ts";
import {decodeImage, decodeImageFile} from "../../../src/lib/decode-image.ts";
import {GOLDEN, GOLDFISH, haveGoldfish, manifest, sha} from "../../support/preprocess-golden.ts";

if (!haveGoldfish) console.warn(`goldfish fixtures not found at ${GOLDFISH}: goldfish decode tests skipped`);

/** PIL modes whose raw samples we reproduce as-is (PIL's "1" and "I" become our "L", compared after RGB). */
const SAME_LAYOUT = new Set(["L", "LA", "RGB", "RGBA", "P"]);

describe("decodeImageFile: synthetic JPEGs and PNGs written by PIL", () => {
  for (const [name, rec] of Object.entries(manifest.synthetic)) {
    if (name.endsWith(".raw")) continue;
    it(`${name} (PIL mode ${rec.mode})`, async () => {
      const image = await decodeImageFile(join(GOLDEN, "inputs", name));
      expect([image.width, image.height]).toEqual([rec.width, rec.height]);
      const rgb = toRgb(image).data;
      if (image.approximate) {
        // CMYK JPEG through jpeg-js: same size, colours within a level of PIL's on average.
        expect(name).toMatch(/^cmyk_/);
        const sum = rgb.reduce((s, v) => s + v, 0);
        expect(Math.abs(sum - rec.rgbSum) / rgb.length).toBeLessThan(1);
        return;
      }
      if (SAME_LAYOUT.has(rec.mode)) {
        expect(image.mode).toBe(rec.mode);
        expect(sha(image.data)).toBe(rec.decoded);
      }
      expect(sha(rgb)).toBe(rec.rgb);
    });
  }
  it("reads the frame header without decoding", () => {
    const info = readJpegInfo(readFileSync(join(GOLDEN, "inputs/rgb_333x500_progressive.jpg")));
    expect(info).toEqual({width: 333, height: 500, components: 3, progressive: true});
    expect(readJpegInfo(readFileSync(join(GOLDEN, "inputs/cmyk_300x200.jpg"))).components).toBe(4);
  });
});

describe.skipIf(!haveGoldfish)("decodeImageFile: the 50 goldfish JPEGs", () => {
  it("decodes every goldfish to exactly PIL's pixels", async () => {
    const names = Object.keys(manifest.goldfish);
    expect(names.length).toBe(50);
    const mismatched: string[] = [];
    for (const name of names) {
      const image = await decodeImageFile(join(GOLDFISH, name));
      if (image.mode !== "RGB" || sha(image.data) !== manifest.goldfish[name].decoded) mismatched.push(name);
    }
    expect(mismatched).toEqual([]);
  });
});

describe.skipIf(!haveGoldfish)("decodeImage: concurrent decodes", () => {
  it("decodes 50 goldfish at once, with damaged files in between, all exact", async () => {
    const names = Object.keys(manifest.goldfish);
    const bad = readFileSync(join(GOLDEN, "inputs/corrupt_truncated.jpg"));
    const results = await Promise.allSettled(
      names.flatMap((name) => [decodeImage(readFileSync(join(GOLDFISH, name))), decodeImage(bad)])
    );
    names.forEach((name, i) => {
      const good = results[2 * i];
      expect(good.status === "fulfilled" && sha(good.value.data), name).toBe(manifest.goldfish[name].decoded);
      expect(results[2 * i + 1].status).toBe("rejected");
    });
  });
});

describe("decodeImage: bad input gets a one-line error, and the decoder keeps working", () => {
  const jpeg = readFileSync(join(GOLDEN, "inputs/rgb_500x375_420.jpg"));
  const png = readFileSync(join(GOLDEN, "inputs/rgb_257x256.png"));
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty file", new Uint8Array(0), /^Empty file$/],
    ["text file", new TextEncoder().encode("hello, not an image"), /^Unsupported image format/],
    ["JPEG cut in half", jpeg.subarray(0, jpeg.length >> 1), /^Truncated JPEG/],
    ["JPEG header only", jpeg.subarray(0, 20), /^Corrupt or truncated JPEG|^Truncated JPEG/],
    ["PNG cut in half", png.subarray(0, png.length >> 1), /^Corrupt or truncated PNG/]
  ];
  for (const [label, bytes, message] of cases) {
    it(label, async () => {
      const error = await decodeImage(bytes).then(
        () => undefined,
        (e: Error) => e
      );
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/\n/);
      // The next good image still decodes exactly.
      const good = await decodeImage(jpeg);
      expect(sha(good.data)).toBe(manifest.synthetic["rgb_500x375_420.jpg"].decoded);
    });
  }
  // Damaged but terminated JPEGs: libjpeg only warns, PIL returns the damaged pixels, and so must we;
  // a truncated one PIL refuses ("image file is truncated"), and so do we.
  for (const [name, expected] of Object.entries(manifest.corrupt)) {
    it(`${name}: ${expected.error ? "refused, like PIL" : "same damaged pixels as PIL"}`, async () => {
      const decoding = decodeImageFile(join(GOLDEN, "inputs", name));
      if (expected.error) await expect(decoding).rejects.toThrow(/Truncated JPEG/);
      else expect(sha((await decoding).data)).toBe(expected.decoded);
    });
  }
  it("names the file in errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "decode-"));
    writeFileSync(join(dir, "bad.jpg"), "nope");
    await expect(decodeImageFile(join(dir, "bad.jpg"))).rejects.toThrow(`${join(dir, "bad.jpg")}: Unsupported image format`);
    await expect(decodeImageFile(join(dir, "missing.png"))).rejects.toThrow(/missing\.png: no such file/);
    await expect(decodeImageFile(dir)).rejects.toThrow(/is a directory/);
  });
});
