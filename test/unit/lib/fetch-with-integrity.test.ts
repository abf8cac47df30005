import {createHash} from "node:crypto";
import {mkdtemp, readdir, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {fetchWithIntegrity, findCachedWithIntegrity} from "../../../src/lib/fetch-with-integrity.ts";

const BODY = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
const SHA256 = createHash("sha256").update(BODY).digest("hex");
const PREFIX = SHA256.slice(0, 8);
const URL_ = "https://example.invalid/model.pth";
const quiet = () => {};

/** A fake fetch that serves `body` in chunks, optionally lying about its length, and counts calls. */
function fakeFetch(body: Uint8Array, opts: {contentLength?: number; failAfter?: number; status?: number} = {}) {
  const calls: string[] = [];
  const fetchImpl = (async (url: string | URL | Request) => {
    calls.push(String(url));
    if (opts.status) return new Response("nope", {status: opts.status, statusText: "Not Found"});
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (opts.failAfter !== undefined && sent >= opts.failAfter) {
          controller.error(new Error("connection reset"));
          return;
        }
        if (sent >= body.length) {
          controller.close();
          return;
        }
        const chunk = body.subarray(sent, sent + 65_536);
        sent += chunk.length;
        controller.enqueue(chunk);
      }
    });
    return new Response(stream, {headers: {"content-length": String(opts.contentLength ?? body.length)}});
  }) as typeof fetch;
  return {fetchImpl, calls};
}

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "fetch-integrity-"));
}

/** The cache never holds anything but verified files and their sidecars: no partial or temporary files. */
async function expectOnly(dir: string, names: string[]): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual(names.sort());
}

async function expectFails(promise: Promise<unknown>, pattern: RegExp): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error
  );
  expect(error, "expected the download to fail").toBeInstanceOf(Error);
  expect(error!.message).toMatch(pattern);
  expect(error!.message).not.toContain("\n");
  return error!.message;
}

describe("fetchWithIntegrity", () => {
  test("downloads, verifies, caches atomically, and reuses the cache without the network", async () => {
    const cacheDir = await freshDir();
    const {fetchImpl, calls} = fakeFetch(BODY);
    const progress: Array<[number, number | undefined]> = [];
    const first = await fetchWithIntegrity({
      url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl,
      progress: (received, total) => progress.push([received, total])
    });
    expect(first).toEqual({path: join(cacheDir, "model.pth"), sha256: SHA256, fromCache: false});
    expect(Buffer.compare(await readFile(first.path), BODY)).toBe(0);
    await expectOnly(cacheDir, ["model.pth", "model.pth.sha256"]);

    // Progress: increasing byte counts, with the total from content-length, ending at the full size.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === BODY.length)).toBe(true);
    expect(progress.map(([received]) => received)).toEqual([...progress.map(([r]) => r)].sort((a, b) => a - b));
    expect(progress.at(-1)![0]).toBe(BODY.length);

    const second = await fetchWithIntegrity({url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl, progress: quiet});
    expect(second).toEqual({...first, fromCache: true});
    expect(calls).toHaveLength(1);
    expect(await findCachedWithIntegrity({cacheDir, fileName: "model.pth", sha256Prefix: PREFIX})).toEqual(second);
  });

  test("a truncated download fails with one line and leaves nothing under the cached name", async () => {
    const cacheDir = await freshDir();
    const {fetchImpl} = fakeFetch(BODY.subarray(0, 100_000), {contentLength: BODY.length});
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl, progress: quiet}),
      /model\.pth: truncated download \(100000 of 300000 bytes\)/
    );
    await expectOnly(cacheDir, []);
  });

  test("a connection that breaks mid-body fails and leaves nothing behind", async () => {
    const cacheDir = await freshDir();
    const {fetchImpl} = fakeFetch(BODY, {failAfter: 131_072});
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "model.pth", label: "the model", fetchImpl, progress: quiet}),
      /^the model: download interrupted after 131072 bytes: connection reset$/
    );
    await expectOnly(cacheDir, []);
  });

  test("a body with the wrong hash is discarded", async () => {
    const cacheDir = await freshDir();
    const wrong = BODY.slice();
    wrong[12345] ^= 1;
    const {fetchImpl} = fakeFetch(wrong);
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl, progress: quiet}),
      new RegExp(`does not start with ${PREFIX}; the download was discarded`)
    );
    await expectOnly(cacheDir, []);
  });

  test("a corrupted cached file is detected, discarded and downloaded again", async () => {
    const cacheDir = await freshDir();
    const {fetchImpl, calls} = fakeFetch(BODY);
    const options = {url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl, progress: quiet};
    await fetchWithIntegrity(options);
    await writeFile(join(cacheDir, "model.pth"), BODY.subarray(0, 5000)); // e.g. a user's interrupted copy
    expect(await findCachedWithIntegrity(options)).toBeUndefined();
    await expectOnly(cacheDir, []);
    const again = await fetchWithIntegrity(options);
    expect(again.fromCache).toBe(false);
    expect(again.sha256).toBe(SHA256);
    expect(calls).toHaveLength(2);
  });

  test("a cached file without a sidecar is re-hashed before use", async () => {
    const cacheDir = await freshDir();
    await writeFile(join(cacheDir, "model.pth"), BODY);
    const {fetchImpl, calls} = fakeFetch(BODY);
    const result = await fetchWithIntegrity({url: URL_, cacheDir, fileName: "model.pth", sha256Prefix: PREFIX, fetchImpl, progress: quiet});
    expect(result).toMatchObject({sha256: SHA256, fromCache: true});
    expect(calls).toHaveLength(0);
    await expectOnly(cacheDir, ["model.pth", "model.pth.sha256"]);
  });

  test("HTTP errors and network errors are one line with the reason", async () => {
    const cacheDir = await freshDir();
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "m.pth", fetchImpl: fakeFetch(BODY, {status: 404}).fetchImpl, progress: quiet}),
      /^m\.pth: download failed: HTTP 404 Not Found from https:\/\/example\.invalid\/model\.pth$/
    );
    const offline = (async () => {
      throw new TypeError("fetch failed", {cause: new Error("getaddrinfo ENOTFOUND example.invalid")});
    }) as typeof fetch;
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "m.pth", fetchImpl: offline, progress: quiet}),
      /^m\.pth: download failed: fetch failed: getaddrinfo ENOTFOUND example\.invalid$/
    );
    await expectOnly(cacheDir, []);
  });

  test("a server that never answers is abandoned after the connect timeout", async () => {
    const cacheDir = await freshDir();
    const hanging = ((_url: unknown, init?: RequestInit) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)))) as typeof fetch;
    await expectFails(
      fetchWithIntegrity({url: URL_, cacheDir, fileName: "m.pth", fetchImpl: hanging, connectTimeoutMs: 50, progress: quiet}),
      /download failed: no response within 0\.05 s/
    );
  });
});
