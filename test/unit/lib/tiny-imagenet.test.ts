import {existsSync} from "node:fs";
import {mkdtemp, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {
  GOLDFISH_WNID,
  TinyImagenetError,
  loadTinyImagenetValid,
  readTinyImagenetParquet,
  syntheticGoldfish
} from "../../../src/lib/tiny-imagenet.ts";
import {GOLDFISH_FIXTURES_DIR, haveGoldfishFixtures} from "../../support/shared-data.ts";
import {tinyImagenetParquet} from "../../support/tiny-imagenet-parquet.ts";

const SAMPLE = new URL("../../fixtures/tiny-imagenet/valid-sample.parquet", import.meta.url);
const quiet = () => {};
const hasFixtures = haveGoldfishFixtures;

describe("reading the Hugging Face parquet layout", () => {
  test("image bytes, labels and class names come out of the file", async () => {
    const bytes = new Uint8Array(await readFile(SAMPLE));
    const {wnids, images} = await readTinyImagenetParquet(bytes, "valid-sample.parquet");
    expect(wnids).toHaveLength(200);
    expect(wnids[0]).toBe(GOLDFISH_WNID);
    expect([...wnids].sort()).toEqual(wnids);
    expect(images.map((image) => [image.id, image.label, image.wnid, image.mime])).toEqual([
      ["val_68", 0, GOLDFISH_WNID, "image/jpeg"],
      ["valid_1", 0, GOLDFISH_WNID, "image/jpeg"],
      ["drawing", 199, wnids[199], "image/png"],
      ["valid_3", 3, wnids[3], "image/png"]
    ]);
    expect([...images[0].bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  test("TINY_IMAGENET_VALID reads a local copy and records its hash", async () => {
    const split = await loadTinyImagenetValid({env: {TINY_IMAGENET_VALID: SAMPLE.pathname}, warn: quiet});
    expect(split.source).toBe("tiny-imagenet");
    expect(split.images).toHaveLength(4);
    expect(split.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(split.note).toContain(SAMPLE.pathname);
  });

  test("a corrupt local file is a one-line error, not a silent fallback", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tiny-imagenet-"));
    const corrupt = join(dir, "valid.parquet");
    const good = await readFile(SAMPLE);
    await writeFile(corrupt, good.subarray(0, good.length - 40));
    const load = loadTinyImagenetValid({env: {TINY_IMAGENET_VALID: corrupt}, warn: quiet});
    await expect(load).rejects.toBeInstanceOf(TinyImagenetError);
    await expect(load).rejects.toThrow(/^TINY_IMAGENET_VALID=.*valid\.parquet: not a readable Tiny ImageNet parquet file \(.+\)$/);
    const message = await load.catch((error: Error) => error.message);
    expect(message).not.toContain("\n");
  });

  test("a missing local file says so", async () => {
    await expect(loadTinyImagenetValid({env: {TINY_IMAGENET_VALID: "/nonexistent/valid.parquet"}, warn: quiet})).rejects.toThrow(
      /TINY_IMAGENET_VALID=\/nonexistent\/valid\.parquet: cannot read the file/
    );
  });

  test("a file whose labels fall outside the 200 classes is rejected", async () => {
    const buffer = tinyImagenetParquet([{bytes: new Uint8Array([0xff, 0xd8]), path: null, label: 200n}]);
    const wnids = Array.from({length: 200}, (_, i) => `n${String(i).padStart(8, "0")}`);
    await expect(readTinyImagenetParquet(new Uint8Array(buffer), "bad.parquet", wnids)).rejects.toThrow("bad.parquet: row 0 has label 200 outside 0–199");
  });
});

describe("class names in the file", () => {
  test("a file whose wnid list disagrees with the repo's sorted list is rejected", async () => {
    const repo = Array.from({length: 200}, (_, i) => `n${String(i).padStart(8, "0")}`);
    const shuffled = [repo[1]!, repo[0]!, ...repo.slice(2)];
    const buffer = tinyImagenetParquet([{bytes: new Uint8Array([0xff, 0xd8]), path: null, label: 0n}], {classNames: shuffled});
    await expect(readTinyImagenetParquet(new Uint8Array(buffer), "shuffled.parquet", repo)).rejects.toThrow(
      "shuffled.parquet: its class list differs from the 200 sorted Tiny ImageNet wnids"
    );
  });
});

describe("offline fallbacks", () => {
  test.skipIf(!hasFixtures)("TINY_IMAGENET_OFFLINE=1 with the fixtures: the 50 real goldfish, labelled 0", async () => {
    const lines: string[] = [];
    const split = await loadTinyImagenetValid({env: {TINY_IMAGENET_OFFLINE: "1", TINY_IMAGENET_FIXTURES: GOLDFISH_FIXTURES_DIR}, warn: (line) => lines.push(line)});
    expect(split.source).toBe("fixtures");
    expect(split.images).toHaveLength(50);
    expect(split.images.every((image) => image.label === 0 && image.wnid === GOLDFISH_WNID && image.mime === "image/jpeg")).toBe(true);
    expect(split.images[0].id).toBe("val_68");
    expect(split.note).toMatch(/50 real goldfish/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TINY_IMAGENET_OFFLINE=1.*TINY_IMAGENET_VALID/);
  });

  test("no fixtures: a synthetic set that says it is synthetic", async () => {
    const lines: string[] = [];
    const split = await loadTinyImagenetValid({env: {TINY_IMAGENET_OFFLINE: "1"}, fixturesDir: "/nonexistent", warn: (line) => lines.push(line)});
    expect(split.source).toBe("synthetic");
    expect(split.images).toHaveLength(50);
    expect(split.note).toMatch(/synthetic/i);
    expect(split.note).toMatch(/not photographs/);
    expect(lines[0]).toMatch(/SYNTHETIC/);
    expect([...split.images[0].bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  test("the synthetic drawings are seeded: the same every build", () => {
    expect(syntheticGoldfish(3)).toEqual(syntheticGoldfish(3));
    expect(syntheticGoldfish(2, 1)[1].bytes).not.toEqual(syntheticGoldfish(2, 2)[1].bytes);
  });
});

describe("download path", () => {
  const hasFetcher = existsSync(new URL("../../../src/lib/fetch-with-integrity.ts", import.meta.url));

  test.skipIf(!hasFetcher)("a successful download is read and cached", async () => {
    const sample = await readFile(SAMPLE);
    const cacheDir = await mkdtemp(join(tmpdir(), "tiny-imagenet-cache-"));
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      return new Response(new Uint8Array(sample), {headers: {"content-length": String(sample.length)}});
    }) as typeof fetch;
    const first = await loadTinyImagenetValid({env: {}, cacheDir, fetchImpl, warn: quiet});
    expect(first.source).toBe("tiny-imagenet");
    expect(first.images).toHaveLength(4);
    const second = await loadTinyImagenetValid({env: {}, cacheDir, fetchImpl, warn: quiet});
    expect(second.sha256).toBe(first.sha256);
    expect(calls).toBe(1);
  });

  test.skipIf(!hasFetcher)("a download that is not parquet falls back, and is not kept in the cache", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "tiny-imagenet-cache-"));
    const fetchImpl = (async () => new Response("<html>rate limited</html>")) as typeof fetch;
    const lines: string[] = [];
    const split = await loadTinyImagenetValid({env: {}, cacheDir, fetchImpl, fixturesDir: "/nonexistent", warn: (line) => lines.push(line)});
    expect(split.source).toBe("synthetic");
    expect(lines[0]).toMatch(/download failed: .*not a readable Tiny ImageNet parquet file/);
    const {readdir} = await import("node:fs/promises");
    expect((await readdir(cacheDir)).filter((name) => name.endsWith(".parquet"))).toEqual([]);
  });

  test("a failing network falls back quickly with the reason", async () => {
    const fetchImpl = (async () => {
      throw new TypeError("fetch failed: getaddrinfo ENOTFOUND huggingface.co");
    }) as typeof fetch;
    const lines: string[] = [];
    const cacheDir = await mkdtemp(join(tmpdir(), "tiny-imagenet-cache-"));
    const split = await loadTinyImagenetValid({env: {}, cacheDir, fetchImpl, fixturesDir: "/nonexistent", warn: (line) => lines.push(line)});
    expect(split.source).toBe("synthetic");
    expect(lines[0]).toMatch(/download failed/);
  });
});
