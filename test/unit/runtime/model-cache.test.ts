// The model cache: one download, then the Cache API; never a truncated or damaged entry; quota refusals tolerated.
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {loadModelBytes, MODEL_CACHE_NAME, probeModel, unhashed} from "../../../src/components/runtime/model-cache.ts";

/** A minimal in-memory CacheStorage with the calls the module uses. */
function fakeCaches({refusePut = false} = {}) {
  const buckets = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!buckets.has(name)) buckets.set(name, new Map());
    const bucket = buckets.get(name)!;
    return {
      match: async (key: string) => bucket.get(key)?.clone(),
      put: async (key: string, response: Response) => {
        if (refusePut) throw new DOMException("quota", "QuotaExceededError");
        bucket.set(key, response);
      },
      delete: async (key: string | Request) => bucket.delete(typeof key === "string" ? key : key.url),
      keys: async () => [...bucket.keys()].map((url) => new Request(url))
    };
  };
  return {buckets, storage: {open, delete: async (name: string) => buckets.delete(name)}};
}

const URL_A = "http://127.0.0.1/_file/data/alexnet.aaaaaaaa.onnx";
const URL_B = "http://127.0.0.1/_file/data/alexnet.bbbbbbbb.onnx";
const URL_INT8 = "http://127.0.0.1/_file/data/alexnet-int8.cccccccc.onnx";
const MODEL = new Uint8Array(1000).map((_, i) => i % 251);

function serve(body: Uint8Array, {declared = body.length}: {declared?: number} = {}) {
  return vi.fn(async (_url: string, init?: RequestInit) => {
    const headers = {"Content-Length": String(declared)};
    if (init?.method === "HEAD") return new Response(null, {headers});
    // Deliver in chunks so progress is reported more than once.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 300) controller.enqueue(body.slice(i, i + 300));
        controller.close();
      }
    });
    return new Response(stream, {headers});
  });
}

describe("alexnet model cache", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("reports the size before downloading, downloads once with progress, then reads the cache", async () => {
    const {storage} = fakeCaches();
    const fetch = serve(MODEL);
    vi.stubGlobal("caches", storage);
    vi.stubGlobal("fetch", fetch);
    expect(await probeModel(URL_A)).toEqual({bytes: 1000, cached: false});
    const progress: number[] = [];
    const first = await loadModelBytes(URL_A, {onProgress: (loaded) => progress.push(loaded)});
    expect(first).toMatchObject({fromCache: false, stored: true});
    expect(first.bytes).toEqual(MODEL);
    expect(progress).toEqual([300, 600, 900, 1000]);
    expect(await probeModel(URL_A)).toEqual({bytes: 1000, cached: true});
    const calls = fetch.mock.calls.length;
    const second = await loadModelBytes(URL_A);
    expect(second.fromCache).toBe(true);
    expect(second.bytes).toEqual(MODEL);
    expect(fetch.mock.calls.length).toBe(calls);
  });

  it("never stores a download that stopped early", async () => {
    const {storage, buckets} = fakeCaches();
    vi.stubGlobal("caches", storage);
    vi.stubGlobal("fetch", serve(MODEL.slice(0, 700), {declared: 1000}));
    await expect(loadModelBytes(URL_A)).rejects.toThrow("stopped early (700 of 1000 bytes)");
    expect(buckets.get(MODEL_CACHE_NAME)?.size ?? 0).toBe(0);
  });

  it("recognises the same file across builds", () => {
    expect(unhashed(URL_A)).toBe("http://127.0.0.1/_file/data/alexnet.onnx");
    expect(unhashed(URL_B)).toBe(unhashed(URL_A));
    expect(unhashed(URL_INT8)).toBe("http://127.0.0.1/_file/data/alexnet-int8.onnx");
  });

  it("drops a damaged entry and downloads again; a new build of a model evicts the old one, other variants stay", async () => {
    const {storage, buckets} = fakeCaches();
    vi.stubGlobal("caches", storage);
    vi.stubGlobal("fetch", serve(MODEL));
    const bucket = await storage.open(MODEL_CACHE_NAME);
    await bucket.put(URL_A, new Response(MODEL.slice(0, 10), {headers: {"Content-Length": "1000"}}));
    const repaired = await loadModelBytes(URL_A);
    expect(repaired.fromCache).toBe(false);
    expect(repaired.bytes).toEqual(MODEL);
    await loadModelBytes(URL_INT8);
    await loadModelBytes(URL_B);
    expect([...buckets.get(MODEL_CACHE_NAME)!.keys()].sort()).toEqual([URL_INT8, URL_B].sort());
  });

  it("still returns the model when the cache refuses it or does not exist", async () => {
    vi.stubGlobal("caches", fakeCaches({refusePut: true}).storage);
    vi.stubGlobal("fetch", serve(MODEL));
    expect(await loadModelBytes(URL_A)).toMatchObject({fromCache: false, stored: false});
    vi.stubGlobal("caches", undefined);
    expect(await loadModelBytes(URL_A)).toMatchObject({fromCache: false, stored: false});
  });

  it("says which URL failed when the server has no model", async () => {
    vi.stubGlobal("caches", undefined);
    vi.stubGlobal("fetch", vi.fn(async () => new Response("no", {status: 404, statusText: "Not Found"})));
    await expect(loadModelBytes(URL_A)).rejects.toThrow(`Could not download the model (404 Not Found for ${URL_A})`);
    await expect(probeModel(URL_A)).rejects.toThrow("not available (404 Not Found");
  });
});
