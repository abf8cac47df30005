// The Web Worker that owns the one onnxruntime-web session for AlexNet, so inference never blocks the page.
// Protocol: protocol.ts; the page-side client and its documentation: alexnet-runtime.ts.
import * as ortWasm from "onnxruntime-web/wasm";
import type {Backend, LoadedInfo, TensorData, WorkerRequest, WorkerResponse} from "./protocol.js";
import {loadModelBytes} from "./model-cache.js";
import {INPUT_SIZE, inputDims} from "./alexnet-runtime.js";
import {INPUT_NAME} from "../core/inference.js";

type Ort = typeof ortWasm;

// The CPU build's WASM, self-hosted: Framework copies files named by a static import.meta.resolve into the site.
ortWasm.env.wasm.wasmPaths = {wasm: import.meta.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm")};
ortWasm.env.logLevel = "error";

const scope = self as unknown as {
  crossOriginIsolated: boolean;
  navigator: Navigator & {hardwareConcurrency: number; gpu?: {requestAdapter(): Promise<GpuAdapterLike | null>}};
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

interface GpuAdapterLike {
  info?: {isFallbackAdapter?: boolean};
  isFallbackAdapter?: boolean;
}

// ORT's native log writes warnings through console.error (e.g. that WebGPU leaves shape ops on the CPU, which is
// by design); only real errors should reach the console.
const ERRORS_ONLY = 3;

let ort: Ort = ortWasm;
let session: ortWasm.InferenceSession | undefined;
let loading: Promise<LoadedInfo> | undefined;
const cancelled = new Set<number>();
// One session.run at a time: a WASM session cannot run two calls at once, and a queue keeps batches in order.
let queue: Promise<unknown> = Promise.resolve();

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Threads: all cores when cross-origin isolated (ORT alone would pick about half), else the single main thread. */
function threadCount(): number {
  return scope.crossOriginIsolated ? Math.max(1, Math.min(8, scope.navigator.hardwareConcurrency || 1)) : 1;
}

/** A real GPU adapter, or a reason why not. Headless and software-only browsers report none or a fallback adapter. */
async function webgpuAdapter(): Promise<{ok: true} | {ok: false; note: string}> {
  const gpu = scope.navigator.gpu;
  if (!gpu) return {ok: false, note: "this browser has no WebGPU"};
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return {ok: false, note: "no WebGPU adapter"};
    if (adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter) return {ok: false, note: "only a software WebGPU adapter"};
    return {ok: true};
  } catch (error) {
    return {ok: false, note: `WebGPU adapter request failed: ${(error as Error).message}`};
  }
}

async function load(id: number, modelUrl: string, preferWebGPU: boolean): Promise<LoadedInfo> {
  const t0 = performance.now();
  const download = await loadModelBytes(modelUrl, {onProgress: (loaded, total) => post({type: "download", id, loaded, total})});
  const downloadMs = performance.now() - t0;
  let backend: Backend = "wasm";
  let webgpuNote: string | undefined;
  if (preferWebGPU) {
    const adapter = await webgpuAdapter();
    if (adapter.ok) {
      // The WebGPU-capable build is a different bundle with its own (larger) WASM; load it only when it will be used.
      const full = (await import("onnxruntime-web")) as unknown as Ort;
      full.env.wasm.wasmPaths = {wasm: import.meta.resolve("onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm")};
      full.env.logLevel = "error";
      ort = full;
      backend = "webgpu";
    } else webgpuNote = adapter.note;
  }
  const threads = threadCount();
  ort.env.wasm.numThreads = threads;
  const t1 = performance.now();
  try {
    session = await ort.InferenceSession.create(download.bytes, {
      executionProviders: backend === "webgpu" ? ["webgpu", "wasm"] : ["wasm"],
      graphOptimizationLevel: "all",
      logSeverityLevel: ERRORS_ONLY
    });
  } catch (error) {
    if (backend !== "webgpu") throw error;
    webgpuNote = `WebGPU session failed (${(error as Error).message}); using WASM`;
    ort = ortWasm;
    backend = "wasm";
    ort.env.wasm.numThreads = threads;
    session = await ort.InferenceSession.create(download.bytes, {executionProviders: ["wasm"], graphOptimizationLevel: "all", logSeverityLevel: ERRORS_ONLY});
  }
  return {
    backend,
    // Read back what ORT settled on (it may lower the request), not just what was asked for.
    threads: backend === "wasm" ? Number(ort.env.wasm.numThreads) || threads : 0,
    crossOriginIsolated: scope.crossOriginIsolated,
    modelBytes: download.bytes.length,
    fromCache: download.fromCache,
    stored: download.stored,
    downloadMs,
    sessionMs: performance.now() - t1,
    webgpuNote
  };
}

async function run(id: number, input: Float32Array, batch: number, outputs: string[], chunkSize: number): Promise<void> {
  if (!session) throw new Error("The model is not loaded yet.");
  if (input.length !== batch * INPUT_SIZE) throw new Error(`Expected ${inputDims(batch).join("×")} = ${batch * INPUT_SIZE} values, got ${input.length}.`);
  const unknown = outputs.filter((name) => !session!.outputNames.includes(name));
  if (unknown.length) throw new Error(`The model has no output named ${unknown.join(", ")}.`);
  const t0 = performance.now();
  for (let start = 0; start < batch; start += chunkSize) {
    // Yield to the event loop so a "cancel" message can arrive between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (cancelled.has(id)) throw new DOMException("cancelled", "AbortError");
    const count = Math.min(chunkSize, batch - start);
    const feeds = {[INPUT_NAME]: new ort.Tensor("float32", input.subarray(start * INPUT_SIZE, (start + count) * INPUT_SIZE), inputDims(count))};
    const tc = performance.now();
    const results = await session.run(feeds, outputs);
    const ms = performance.now() - tc;
    const out: Record<string, TensorData> = {};
    const transfer = new Set<ArrayBuffer>();
    for (const name of outputs) {
      const tensor = results[name]!;
      const data = (await tensor.getData()) as Float32Array;
      out[name] = {dims: [...tensor.dims], data};
      transfer.add(data.buffer as ArrayBuffer);
      tensor.dispose();
    }
    post({type: "chunk", id, start, count, outputs: out, ms}, [...transfer]);
  }
  post({type: "done", id, ms: performance.now() - t0});
}

function fail(id: number, error: unknown): void {
  const cancelled = error instanceof DOMException && error.name === "AbortError";
  post({type: "error", id, message: error instanceof Error ? error.message : String(error), cancelled});
}

scope.addEventListener("message", (event) => {
  const request = event.data;
  switch (request.type) {
    case "load":
      loading ??= load(request.id, request.modelUrl, request.preferWebGPU);
      loading.then(
        (info) => post({type: "loaded", id: request.id, info}),
        (error) => {
          loading = undefined; // a failed load may be retried
          fail(request.id, error);
        }
      );
      break;
    case "run":
      queue = queue
        .then(() => run(request.id, request.input, request.batch, request.outputs, Math.max(1, request.chunkSize)))
        .catch((error) => fail(request.id, error))
        .finally(() => cancelled.delete(request.id));
      break;
    case "cancel":
      cancelled.add(request.id);
      break;
  }
});
