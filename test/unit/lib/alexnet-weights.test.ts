import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {mkdtemp, readdir, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {
  ALEXNET_PARAM_SHAPES,
  ALEXNET_URL,
  loadAlexNetWeights,
  randomAlexNetStateDict,
  validateAlexNetStateDict
} from "../../../src/lib/alexnet-weights.ts";
import {CheckpointError, type StateDict} from "../../../src/lib/torch-checkpoint/index.ts";

const FIXTURES = new URL("../../fixtures/golden/checkpoints/", import.meta.url).pathname;
const noNetwork = (async () => {
  throw new TypeError("fetch failed", {cause: new Error("getaddrinfo ENOTFOUND download.pytorch.org")});
}) as typeof fetch;

// Generated once: 61 M random floats take a moment.
const random = randomAlexNetStateDict();

function oneLineError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).not.toContain("\n");
    return (error as Error).message;
  }
  throw new Error("expected a CheckpointError");
}

describe("AlexNet parameter table", () => {
  test("16 torchvision keys, 61,100,840 parameters", () => {
    expect(Object.keys(ALEXNET_PARAM_SHAPES)).toHaveLength(16);
    const total = Object.values(ALEXNET_PARAM_SHAPES).reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
    expect(total).toBe(61_100_840);
  });
});

describe("seeded random weights", () => {
  test("have the torchvision keys and shapes, PyTorch's default init bounds, and are reproducible", () => {
    expect(() => validateAlexNetStateDict(random, "random")).not.toThrow();
    for (const [key, tensor] of random) {
      const weightShape = ALEXNET_PARAM_SHAPES[key.replace(/bias$/, "weight")];
      const bound = 1 / Math.sqrt(weightShape.slice(1).reduce((a, b) => a * b, 1));
      let max = 0;
      let sumSquares = 0;
      for (const v of tensor.data) {
        max = Math.max(max, Math.abs(v));
        sumSquares += v * v;
      }
      expect(max, key).toBeLessThanOrEqual(bound);
      // A uniform distribution on ±bound has standard deviation bound/√3.
      if (tensor.data.length > 100_000) expect(Math.sqrt(sumSquares / tensor.data.length) / (bound / Math.sqrt(3)), key).toBeCloseTo(1, 2);
    }
    const again = randomAlexNetStateDict();
    expect(again.get("features.0.weight")!.data.subarray(0, 100)).toEqual(random.get("features.0.weight")!.data.subarray(0, 100));
    const other = randomAlexNetStateDict(7);
    expect(other.get("features.0.weight")!.data[0]).not.toBe(random.get("features.0.weight")!.data[0]);
  });
});

describe("validateAlexNetStateDict", () => {
  function withChange(change: (sd: StateDict) => void): StateDict {
    const sd: StateDict = new Map(random);
    change(sd);
    return sd;
  }

  test("missing, extra and wrongly shaped keys each give one line naming the file", () => {
    const missing = withChange((sd) => sd.delete("classifier.6.bias"));
    expect(oneLineError(() => validateAlexNetStateDict(missing, "mine.pth"))).toBe(
      "mine.pth: not a torchvision AlexNet state dict: missing keys classifier.6.bias"
    );
    const extra = withChange((sd) => sd.set("fc.weight", {dtype: "float32", shape: [1], data: new Float32Array(1), sourceDtype: "float32"}));
    expect(oneLineError(() => validateAlexNetStateDict(extra, "mine.pth"))).toMatch(/extra keys fc\.weight$/);
    const wrong = withChange((sd) => sd.set("classifier.6.bias", {dtype: "float32", shape: [10], data: new Float32Array(10), sourceDtype: "float32"}));
    expect(oneLineError(() => validateAlexNetStateDict(wrong, "mine.pth"))).toMatch(/wrong shapes: classifier\.6\.bias is 10 \(expected 1000\)/);
  });
});

describe("loadAlexNetWeights", () => {
  test("ALEXNET_WEIGHTS with a checkpoint of the wrong shape is an error, not a silent fallback", async () => {
    const path = join(FIXTURES, "small-alexnet.zip.pth");
    await expect(loadAlexNetWeights({env: {ALEXNET_WEIGHTS: path}, fetchImpl: noNetwork})).rejects.toThrow(
      /^small-alexnet\.zip\.pth: not a torchvision AlexNet state dict: wrong shapes: features\.0\.weight is 4x3x11x11 \(expected 64x3x11x11\)/
    );
  });

  test("ALEXNET_WEIGHTS naming a missing or non-checkpoint file is an error", async () => {
    await expect(loadAlexNetWeights({env: {ALEXNET_WEIGHTS: "/nonexistent/alexnet.pth"}})).rejects.toThrow(
      "/nonexistent/alexnet.pth: cannot read the file (no such file)"
    );
    await expect(loadAlexNetWeights({env: {ALEXNET_WEIGHTS: join(FIXTURES, "odd-cases.expected.json")}})).rejects.toThrow(
      "odd-cases.expected.json: not a PyTorch checkpoint (neither a zip, a legacy pickle nor a tar file)"
    );
  });

  test("no network: seeded random weights, one line on stderr saying why and how to get the real ones", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "alexnet-cache-"));
    const lines: string[] = [];
    const {stateDict, provenance} = await loadAlexNetWeights({env: {}, cacheDir, fetchImpl: noNetwork, log: (l) => lines.push(l)});
    expect(provenance).toEqual({
      kind: "random",
      source: "seeded random (seed 2012)",
      reason: "download failed: fetch failed: getaddrinfo ENOTFOUND download.pytorch.org"
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/seeded random weights .*ALEXNET_WEIGHTS=\/path\/to\/alexnet-owt-7be5be79\.pth.*npm run clean && npm run build/);
    expect(stateDict.get("classifier.6.bias")!.data).toEqual(random.get("classifier.6.bias")!.data);
  });

  test("ALEXNET_OFFLINE=1 never touches the network", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "alexnet-cache-"));
    const mustNotFetch = (async () => {
      throw new Error("the network was used");
    }) as typeof fetch;
    const {provenance} = await loadAlexNetWeights({env: {ALEXNET_OFFLINE: "1"}, cacheDir, fetchImpl: mustNotFetch, log: () => {}});
    expect(provenance.kind).toBe("random");
    expect(provenance.reason).toMatch(/^ALEXNET_OFFLINE=1 and no verified alexnet-owt-7be5be79\.pth in /);
  });

  test("a download that is not the torchvision file falls back and is not cached", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "alexnet-cache-"));
    const impostor = new Uint8Array(await readFile(join(FIXTURES, "small-alexnet.zip.pth")));
    const requested: string[] = [];
    const fetchImpl = (async (url: string) => {
      requested.push(url);
      return new Response(impostor, {headers: {"content-length": String(impostor.length)}});
    }) as typeof fetch;
    const {provenance} = await loadAlexNetWeights({env: {}, cacheDir, fetchImpl, log: () => {}});
    expect(requested).toEqual([ALEXNET_URL]);
    expect(provenance.kind).toBe("random");
    expect(provenance.reason).toMatch(/^SHA-256 [0-9a-f]{16}… does not start with 7be5be79; the download was discarded$/);
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

// Full size: PyTorch writes a random-weight torchvision AlexNet (zip and legacy by torch.save, tar by the fixture
// script, checked with torch.load); we must read exactly its numbers.
const python = "/usr/bin/python3";
const hasTorch =
  existsSync(python) && spawnSync(python, ["-c", "import torch, torchvision"], {stdio: "ignore"}).status === 0;
if (!hasTorch) console.warn("Skipping the full-size AlexNet checkpoint test: install Debian python3-torch python3-torchvision to run this.");

describe.skipIf(!hasTorch)("full-size torchvision AlexNet written by PyTorch (install Debian python3-torch python3-torchvision to run this)", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, {recursive: true, force: true});
  });

  interface Summary {
    key: string;
    shape: number[];
    sum: number;
    absSum: number;
    samples: Array<[number, number]>;
  }

  test.each(["zip", "legacy", "tar"])("%s format: every tensor matches PyTorch, provenance local with the file's hash", async (format) => {
    if (!dir) {
      dir = await mkdtemp(join(tmpdir(), "alexnet-full-"));
      const script = new URL("../../../scripts/golden/checkpoint_fixtures.py", import.meta.url).pathname;
      const result = spawnSync(python, [script, "--full", dir], {encoding: "utf8"});
      expect(result.status, result.stderr).toBe(0);
    }
    const path = join(dir, `alexnet-random.${format}.pth`);
    const summary = JSON.parse(await readFile(join(dir, "alexnet-random.summary.json"), "utf8")) as Summary[];
    const started = performance.now();
    const {stateDict, provenance} = await loadAlexNetWeights({env: {ALEXNET_WEIGHTS: path}, fetchImpl: noNetwork});
    const seconds = (performance.now() - started) / 1000;
    console.log(`full AlexNet checkpoint (${format}): read, hashed and validated in ${seconds.toFixed(2)} s`);

    const sha256 = createHash("sha256").update(await readFile(path)).digest("hex");
    expect(provenance).toEqual({kind: "local", source: path, sha256});
    expect([...stateDict.keys()]).toEqual(summary.map((s) => s.key));
    for (const expected of summary) {
      const tensor = stateDict.get(expected.key)!;
      expect(tensor.shape).toEqual(expected.shape);
      for (const [index, value] of expected.samples) expect(tensor.data[index], expected.key).toBe(value);
      let sum = 0;
      let absSum = 0;
      for (const v of tensor.data) {
        sum += v;
        absSum += Math.abs(v);
      }
      // Float64 sums of the same float32 values; only the summation order differs.
      expect(Math.abs(sum - expected.sum), expected.key).toBeLessThan(1e-9 * expected.absSum + 1e-12);
      expect(Math.abs(absSum - expected.absSum), expected.key).toBeLessThan(1e-9 * expected.absSum + 1e-12);
    }
  });
});
