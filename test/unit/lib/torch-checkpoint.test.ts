import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {unzipSync, zipSync, type Zippable} from "fflate";
import {CheckpointError, readCheckpoint, sniffCheckpointFormat} from "../../../src/lib/torch-checkpoint/index.ts";

// Fixtures written by PyTorch itself: /usr/bin/python3 scripts/golden/checkpoint_fixtures.py
const DIR = new URL("../../fixtures/golden/checkpoints/", import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

interface ExpectedEntry {
  key: string;
  shape: number[];
  dtype: string;
  offset: number;
  numel: number;
}

/** Bit-exact comparison; vitest's deep equality is slow on large typed arrays. */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function expected(name: string): {entries: ExpectedEntry[]; values: Float32Array} {
  const {entries} = JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), "utf8")) as {entries: ExpectedEntry[]};
  const raw = fixture(`${name}.expected.f32`);
  return {entries, values: new Float32Array(raw.slice().buffer)};
}

/** Reads and returns the one-line error message, failing if reading succeeds or throws something else. */
function errorOf(bytes: Uint8Array, fileName: string): string {
  try {
    readCheckpoint(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message.startsWith(`${fileName}: `)).toBe(true);
    return message;
  }
  throw new Error(`${fileName} was read without an error`);
}

describe.each(["zip", "legacy", "tar"])("%s format", (format) => {
  test.each(["small-alexnet", "odd-cases"])("%s: keys in order, shapes, and every value bit-exact", (name) => {
    const sd = readCheckpoint(fixture(`${name}.${format}.pth`), `${name}.${format}.pth`);
    const {entries, values} = expected(name);
    expect([...sd.keys()]).toEqual(entries.map((e) => e.key));
    for (const entry of entries) {
      const tensor = sd.get(entry.key)!;
      expect(tensor.dtype).toBe("float32");
      expect(tensor.shape, entry.key).toEqual(entry.shape);
      // Exact: float16/bfloat16/float64 → float32 is a single rounding in both torch and JS.
      expect(sameBits(tensor.data, values.subarray(entry.offset, entry.offset + entry.numel)), entry.key).toBe(true);
    }
  });

  test("odd cases keep their source dtype, views and shared storages", () => {
    const sd = readCheckpoint(fixture(`odd-cases.${format}.pth`), "odd-cases");
    expect(sd.get("half")!.sourceDtype).toBe("float16");
    expect(sd.get("double")!.sourceDtype).toBe("float64");
    expect(sd.get("bfloat16")!.sourceDtype).toBe("bfloat16");
    expect(sd.get("int64")!.data[3]).toBe(2 ** 40);
    expect(sd.get("scalar")!.shape).toEqual([]);
    expect([...sd.get("scalar")!.data]).toEqual([2.5]);
    expect(sd.get("empty")!.data.length).toBe(0);
    // transposed[i][j] = grid[j][i] = base[10 j + i]; base[k] = k / 7 - 3
    const transposed = sd.get("transposed")!;
    expect(transposed.shape).toEqual([10, 6]);
    expect(transposed.data[1 * 6 + 2]).toBe(Math.fround(Math.fround(21) / 7 - 3));
    // Tensors sharing a storage are independent copies.
    sd.get("shared_a")!.data[0] = 99;
    expect(sd.get("transposed")!.data[0]).not.toBe(99);
  });

  test("truncated at any point: a one-line error, never a partial state dict", () => {
    const bytes = fixture(`small-alexnet.${format}.pth`);
    // Tar files end in zero padding that carries no data; cut only where content is.
    let contentEnd = bytes.length;
    while (contentEnd > 0 && bytes[contentEnd - 1] === 0) contentEnd--;
    for (const fraction of [0.001, 0.01, 0.05, 0.3, 0.5, 0.9, 0.999]) {
      // A tar file shorter than its first 512-byte header cannot be recognised as one.
      const cut = Math.max(format === "tar" ? 512 : 4, Math.floor(contentEnd * fraction));
      expect(errorOf(bytes.subarray(0, cut), "cut.pth"), `cut at ${cut}`).toMatch(/truncated/);
    }
  });
});

describe.each(["zip", "legacy"])("%s format, other contents", (format) => {
  test("a training checkpoint wrapping the state dict under state_dict is unwrapped", () => {
    const sd = readCheckpoint(fixture(`wrapped.${format}.pth`), "wrapped");
    expect([...sd.keys()]).toEqual(["w"]);
    expect([...sd.get("w")!.data]).toEqual([0, 1, 2, 3]);
  });

  test("unsupported dtype: one line naming the file and the storage type", () => {
    expect(errorOf(fixture(`unsupported-dtype.${format}.pth`), "c.pth")).toMatch(/unsupported dtype torch\.ComplexFloatStorage/);
  });

  test("a checkpoint holding something other than a dict of tensors", () => {
    expect(errorOf(fixture(`not-a-state-dict.${format}.pth`), "list.pth")).toMatch(/holds a tuple or list, not a state dict/);
  });
});

describe("zip format details", () => {
  const original = unzipSync(fixture("small-alexnet.zip.pth"));

  function rezip(rename: (name: string) => string | undefined, level: 0 | 6 = 0): Uint8Array {
    const files: Zippable = {};
    for (const [name, data] of Object.entries(original)) {
      const renamed = rename(name);
      if (renamed !== undefined) files[renamed] = [data, {level}];
    }
    return zipSync(files);
  }

  test("the top folder comes from the first entry, whatever it is called", () => {
    expect(Object.keys(original)[0]).toBe("small-alexnet.zip/data.pkl");
    for (const prefix of ["archive", "my weights (copy)", "x"]) {
      const sd = readCheckpoint(rezip((name) => name.replace(/^[^/]+/, prefix)), "renamed.pth");
      expect(sd.size).toBe(16);
    }
  });

  test("deflated entries (a checkpoint re-zipped by another tool) are read too", () => {
    const sd = readCheckpoint(rezip((name) => name, 6), "deflated.pth");
    const reference = readCheckpoint(fixture("small-alexnet.zip.pth"), "stored.pth");
    expect(sameBits(sd.get("features.3.weight")!.data, reference.get("features.3.weight")!.data)).toBe(true);
  });

  test("a missing storage record is reported", () => {
    const bytes = rezip((name) => (name.endsWith("/data/3") ? undefined : name));
    expect(errorOf(bytes, "gap.pth")).toMatch(/storage .*data\/3 is missing/);
  });

  test("a zip that is not a checkpoint", () => {
    const bytes = zipSync({"readme.txt": new TextEncoder().encode("hello")});
    expect(errorOf(bytes, "other.zip")).toMatch(/without .*data\.pkl, not a PyTorch checkpoint/);
  });
});

describe("format sniffing and non-checkpoints", () => {
  test("sniffCheckpointFormat", () => {
    expect(sniffCheckpointFormat(fixture("small-alexnet.zip.pth"))).toBe("zip");
    expect(sniffCheckpointFormat(fixture("small-alexnet.legacy.pth"))).toBe("legacy");
    expect(sniffCheckpointFormat(fixture("small-alexnet.tar.pth"))).toBe("tar");
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode("ustar"), 257);
    expect(sniffCheckpointFormat(tar)).toBe("tar");
    expect(sniffCheckpointFormat(new TextEncoder().encode("<html>Not found</html>"))).toBe("unknown");
    expect(sniffCheckpointFormat(new Uint8Array(0))).toBe("unknown");
  });

  test("not a checkpoint, empty, and a tar archive that is not a checkpoint each give one clear line", () => {
    expect(errorOf(new TextEncoder().encode("<html>rate limited</html>"), "page.pth")).toMatch(/not a PyTorch checkpoint/);
    expect(errorOf(new Uint8Array(0), "empty.pth")).toMatch(/empty file/);
    const tar = new Uint8Array(2048);
    tar.set(new TextEncoder().encode("notes.txt"), 0);
    tar.set(new TextEncoder().encode("00000000000"), 124);
    tar.set(new TextEncoder().encode("ustar"), 257);
    expect(errorOf(tar, "old.pth")).toMatch(/tar archive without a "storages" member/);
  });
});
