// The classify CLI end to end, as a user runs it: a child process with the build's weights resolution
// (offline here, so the labelled seeded-random fallback), real goldfish JPEGs and some bad inputs.
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {argmax, GRAPH_OUTPUT_NAMES, imageSlice, topK} from "../../../src/components/core/inference.ts";
import {preprocess} from "../../../src/components/core/preprocess.ts";
import {decodeImageFile} from "../../../src/lib/decode-image.ts";
import {readF32} from "../../support/model-fixtures.ts";
import {GOLDFISH_IMAGES_DIR} from "../../support/shared-data.ts";

const GOLDFISH = GOLDFISH_IMAGES_DIR;
const images = ["val_1230.JPEG", "val_1267.JPEG"].map((f) => join(GOLDFISH, f));
const haveImages = images.every((f) => existsSync(f));
if (!haveImages) console.warn(`goldfish fixtures not found in ${GOLDFISH}: classify tests skipped`);

function classify(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bin/classify.ts", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: {...process.env, ALEXNET_OFFLINE: "1", ALEXNET_WEIGHTS: "", ...env}
  });
  return {status: run.status, stdout: run.stdout, stderr: run.stderr};
}

describe.skipIf(!haveImages)("npm run classify", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "classify-"));
    writeFileSync(join(dir, "not-an-image.jpg"), "hello");
    writeFileSync(join(dir, "truncated.jpg"), readFileSync(images[0]).subarray(0, 200));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("classifies the good images, reports each bad one on one line, dumps every layer batch-first, exits 1", async () => {
    const dumpDir = join(dir, "dump");
    const args = ["--json", "--dump-dir", dumpDir, images[0], join(dir, "missing.jpg"), join(dir, "not-an-image.jpg"), images[1], join(dir, "truncated.jpg")];
    const run = classify(args, {ALEXNET_CACHE_DIR: join(dir, "cache")});
    expect(run.status).toBe(1);
    const errors = run.stderr.split("\n").filter((l) => l.startsWith("classify: "));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/missing\.jpg: no such file$/);
    expect(errors[1]).toMatch(/not-an-image\.jpg: .*(format|JPEG)/i);
    expect(errors[2]).toMatch(/truncated\.jpg: /);
    // The fallback says so, once.
    expect(run.stderr.match(/seeded random weights/g)).toHaveLength(1);

    const out = JSON.parse(run.stdout);
    expect(out.weights.kind).toBe("random");
    expect(out.results.map((r: {ok: boolean}) => r.ok)).toEqual([true, false, false, true, false]);
    const good = [out.results[0], out.results[3]];
    for (const result of good) {
      expect(result.top).toHaveLength(5);
      expect(result.top[0]).toHaveProperty("name");
      expect(result.top[0].wnid).toMatch(/^n\d{8}$/);
    }

    // Dump: batch-first in argument order, raw little-endian float32, shapes in the manifest.
    const manifest = JSON.parse(readFileSync(join(dumpDir, "manifest.json"), "utf8"));
    expect(manifest.images).toEqual([images[0], images[1]]);
    expect(manifest.shapes.input).toEqual([2, 3, 224, 224]);
    expect(manifest.shapes["features.0"]).toEqual([2, 64, 55, 55]);
    expect(manifest.shapes.avgpool).toEqual([2, 256, 6, 6]);
    for (const name of ["input", ...GRAPH_OUTPUT_NAMES]) {
      const count = (manifest.shapes[name] as number[]).reduce((a, b) => a * b, 1);
      expect(statSync(join(dumpDir, `${name}.bin`)).size, name).toBe(count * 4);
    }
    const input = readF32(join(dumpDir, "input.bin"));
    for (const [i, file] of images.entries()) {
      expect(imageSlice(input, manifest.shapes.input, i)).toEqual(preprocess(await decodeImageFile(file)).tensor);
    }
    const probabilities = readF32(join(dumpDir, "probabilities.bin"));
    const logits = readF32(join(dumpDir, "logits.bin"));
    for (const [i, result] of good.entries()) {
      const row = imageSlice(probabilities, manifest.shapes.probabilities, i);
      expect(topK(row, 5).map((p) => p.index)).toEqual(result.top.map((p: {index: number}) => p.index));
      expect(argmax(imageSlice(logits, manifest.shapes.logits, i))).toBe(result.top[0].index);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    // Dropout is the identity at evaluation: classifier.3 repeats classifier.2.
    expect(readF32(join(dumpDir, "classifier.3.bin"))).toEqual(readF32(join(dumpDir, "classifier.2.bin")));
  });

  it("prints top-5 text and exits 0 when every image is readable", () => {
    const run = classify([images[1]]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toContain(images[1]);
    const rows = lines.filter((l) => /^\s+\d+\s+\d\.\d{4}\s+\S/.test(l));
    expect(rows).toHaveLength(5);
  });

  it("gives a usage line and exit code 2 without images, and 1 without loading a model when none is readable", () => {
    const none = classify([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no image files given\nusage: npm run classify/);
    const bad = classify(["--json", join(dir, "missing.jpg")]);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).results).toEqual([{file: join(dir, "missing.jpg"), ok: false, error: "no such file"}]);
    expect(bad.stderr).not.toMatch(/seeded random/);
  });

  it("reports a bad ALEXNET_WEIGHTS file on one line instead of falling back", () => {
    const run = classify([images[0]], {ALEXNET_WEIGHTS: join(dir, "not-an-image.jpg")});
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^classify: .*not-an-image\.jpg.*not a PyTorch checkpoint/);
    expect(run.stdout).toBe("");
  });
});
