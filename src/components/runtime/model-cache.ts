// Keeps the 244 MB model in the browser's Cache API so a reload does not download it again.
// The key is the model's URL; Framework puts a content hash in every FileAttachment URL, so a
// rebuilt model gets a new key and the old entry (same name, other hash) is evicted instead of being served stale.
// Runs in the Worker (the Cache API exists there too) and in the page (to probe before loading).

/** Name of the Cache Storage bucket that holds models; one entry per model URL. */
export const MODEL_CACHE_NAME = "alexnet-explorable-models";

export interface ModelProbe {
  /** Size in bytes, from the cache entry or a HEAD request; undefined when the server does not say. */
  bytes: number | undefined;
  /** True when the model is already in the cache and will not be downloaded. */
  cached: boolean;
}

export interface ModelDownload {
  bytes: Uint8Array;
  fromCache: boolean;
  /** True when the bytes are now in the cache (false when the Cache API is missing or the quota refused them). */
  stored: boolean;
}

export type ProgressListener = (loaded: number, total: number | undefined) => void;

function cacheStorage(): CacheStorage | undefined {
  // The Cache API exists only in secure contexts (https, localhost, 127.0.0.1).
  return typeof caches === "undefined" ? undefined : caches;
}

function absolute(url: string): string {
  return new URL(url, globalThis.location?.href).href;
}

/** The URL without Framework's content hash: /_file/data/alexnet.1a2b3c4d.onnx → /_file/data/alexnet.onnx. */
export function unhashed(url: string): string {
  const {origin, pathname} = new URL(url);
  return origin + pathname.replace(/\.[0-9a-f]{8,}(\.[^./]+)$/, "$1");
}

function declaredLength(response: Response): number | undefined {
  const value = Number(response.headers.get("Content-Length"));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Size and cache state of a model, without downloading it. */
export async function probeModel(url: string): Promise<ModelProbe> {
  const key = absolute(url);
  const storage = cacheStorage();
  if (storage) {
    const hit = await (await storage.open(MODEL_CACHE_NAME)).match(key);
    if (hit) return {bytes: declaredLength(hit), cached: true};
  }
  const head = await fetch(key, {method: "HEAD"});
  if (!head.ok) throw new Error(`The model is not available (${head.status} ${head.statusText} for ${url}).`);
  return {bytes: declaredLength(head), cached: false};
}

/** Reads a whole response body, reporting progress; the buffer is preallocated when the length is known. */
async function readBody(response: Response, onProgress: ProgressListener | undefined, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const total = declaredLength(response);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  let buffer = new Uint8Array(total ?? 1 << 20);
  let loaded = 0;
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new DOMException("The model download was cancelled.", "AbortError");
    }
    const {done, value} = await reader.read();
    if (done) break;
    if (loaded + value.length > buffer.length) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, loaded + value.length));
      grown.set(buffer.subarray(0, loaded));
      buffer = grown;
    }
    buffer.set(value, loaded);
    loaded += value.length;
    onProgress?.(loaded, total);
  }
  if (total !== undefined && loaded !== total) throw new Error(`The model download stopped early (${loaded} of ${total} bytes).`);
  return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

/**
 * The model's bytes: from the cache when present and intact, else downloaded (with progress) and then
 * stored. Only a complete download whose length matches the server's is stored, so the cache is never poisoned.
 */
export async function loadModelBytes(url: string, {onProgress, signal}: {onProgress?: ProgressListener; signal?: AbortSignal} = {}): Promise<ModelDownload> {
  const key = absolute(url);
  const storage = cacheStorage();
  const cache = storage ? await storage.open(MODEL_CACHE_NAME) : undefined;
  if (cache) {
    const hit = await cache.match(key);
    if (hit) {
      const expected = declaredLength(hit);
      const bytes = new Uint8Array(await hit.arrayBuffer());
      if (expected === undefined || bytes.length === expected) {
        onProgress?.(bytes.length, bytes.length);
        return {bytes, fromCache: true, stored: true};
      }
      await cache.delete(key); // a damaged entry: drop it and download again
    }
  }
  const response = await fetch(key, {signal});
  if (!response.ok) throw new Error(`Could not download the model (${response.status} ${response.statusText} for ${url}).`);
  const bytes = await readBody(response, onProgress, signal);
  let stored = false;
  if (cache) {
    try {
      // An entry with the same file name but another content hash is an older build of this model: drop it.
      // Other model files (the fp16/int8 variants) stay.
      for (const old of await cache.keys()) if (old.url !== key && unhashed(old.url) === unhashed(key)) await cache.delete(old);
      await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, {headers: {"Content-Type": "application/octet-stream", "Content-Length": String(bytes.length)}}));
      stored = true;
    } catch {
      // Quota refused (small disks, private windows): the page still works, a reload downloads again.
      stored = false;
    }
  }
  return {bytes, fromCache: false, stored};
}

/** Removes every cached model (a "forget the model" button, and tests). */
export async function clearModelCache(): Promise<void> {
  await cacheStorage()?.delete(MODEL_CACHE_NAME);
}
