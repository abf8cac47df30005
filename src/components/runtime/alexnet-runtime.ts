/**
 * AlexNet in the browser: the page-side client of the inference Worker (worker.ts).
 *
 * One Worker, one onnxruntime-web session, shared by every caller on the page. Usage:
 *
 *   const runtime = new AlexNetRuntime();
 *   const probe = await runtime.probe(modelUrl);            // size + cached? — show it BEFORE downloading
 *   const info = await runtime.load(modelUrl, {onProgress}); // download (or Cache API) + session; idempotent
 *   // one image: every output you name, as {dims, data}
 *   const {outputs} = await runtime.run(tensor, {outputs: ["logits", "features.1"]});
 *   // a batch [N,3,224,224]: chunks of `chunkSize` images, each reported as soon as it is done,
 *   // cancellable between chunks through an AbortSignal (the promise then rejects with an AbortError)
 *   const all = await runtime.run(batch, {batch: N, outputs: ["probabilities"], chunkSize: 10, signal, onChunk});
 *
 * Buffers: the input is copied into the message unless `transferInput: true` (then the caller's buffer
 * is moved to the Worker and becomes unusable); outputs are transferred back, never copied.
 * `run` resolves with each output concatenated over the batch (pass `keep: false` to get only chunks).
 * Runs are queued in the Worker, so concurrent callers are served one after another.
 * Threads: all cores when the page is cross-origin isolated, else 1. WebGPU only with a real adapter.
 */
import type {LoadedInfo, TensorData, WorkerRequest, WorkerResponse} from "./protocol.js";
import {probeModel, type ModelProbe} from "./model-cache.js";
import {CROP_SIZE} from "../core/preprocess.js";

export type {LoadedInfo, TensorData} from "./protocol.js";
export type {ModelProbe} from "./model-cache.js";

/** Values per image in the model input (3×224×224). */
export const INPUT_SIZE = 3 * CROP_SIZE * CROP_SIZE;

/** Dims of the model input for `batch` images. */
export function inputDims(batch: number): [number, number, number, number] {
  return [batch, 3, CROP_SIZE, CROP_SIZE];
}

export interface RunChunk {
  /** Index of the chunk's first image in the batch. */
  start: number;
  count: number;
  outputs: Record<string, TensorData>;
  /** Time spent in session.run for this chunk. */
  ms: number;
}

export interface RunOptions {
  /** Number of images in `input` (default 1). */
  batch?: number;
  /** Graph outputs to fetch (e.g. "logits", "features.1"). */
  outputs: string[];
  /** Images per session.run (default: the whole batch). */
  chunkSize?: number;
  onChunk?: (chunk: RunChunk) => void;
  signal?: AbortSignal;
  transferInput?: boolean;
  /** Keep and concatenate the chunks into the result (default true). */
  keep?: boolean;
}

export interface RunResult {
  outputs: Record<string, TensorData>;
  /** Wall time in the Worker for the whole batch. */
  ms: number;
  /** Sum of session.run times. */
  runMs: number;
}

interface Pending {
  onMessage(message: WorkerResponse): void;
}

function concat(chunks: RunChunk[], name: string, batch: number): TensorData {
  const first = chunks[0]!.outputs[name]!;
  if (chunks.length === 1) return first;
  const perImage = first.data.length / chunks[0]!.count;
  const data = new Float32Array(perImage * batch);
  for (const chunk of chunks) data.set(chunk.outputs[name]!.data, chunk.start * perImage);
  return {dims: [batch, ...first.dims.slice(1)], data};
}

export class AlexNetRuntime {
  #worker: Worker | undefined;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #loaded: Promise<LoadedInfo> | undefined;
  #info: LoadedInfo | undefined;

  /** What `load` returned, once it has. */
  get info(): LoadedInfo | undefined {
    return this.#info;
  }

  #ensureWorker(): Worker {
    if (!this.#worker) {
      this.#worker = new Worker(import.meta.resolve("./worker.js"), {type: "module"});
      this.#worker.addEventListener("message", (event: MessageEvent<WorkerResponse>) => this.#pending.get(event.data.id)?.onMessage(event.data));
      this.#worker.addEventListener("error", (event) => {
        const message = `The inference worker failed: ${event.message || "it could not start"}`;
        for (const [id, pending] of this.#pending) pending.onMessage({type: "error", id, message, cancelled: false});
      });
    }
    return this.#worker;
  }

  #send(request: WorkerRequest, transfer: Transferable[] = []): void {
    this.#ensureWorker().postMessage(request, transfer);
  }

  /** Size of the model and whether it is cached, without downloading it. */
  probe(modelUrl: string): Promise<ModelProbe> {
    return probeModel(modelUrl);
  }

  /** Downloads (or reads from the cache) and opens the model once; later calls return the same promise. */
  load(modelUrl: string, {onProgress, preferWebGPU = true}: {onProgress?: (loaded: number, total: number | undefined) => void; preferWebGPU?: boolean} = {}): Promise<LoadedInfo> {
    if (this.#loaded) return this.#loaded;
    const id = this.#nextId++;
    this.#loaded = new Promise<LoadedInfo>((resolve, reject) => {
      this.#pending.set(id, {
        onMessage: (message) => {
          if (message.type === "download") onProgress?.(message.loaded, message.total);
          else if (message.type === "loaded") {
            this.#pending.delete(id);
            this.#info = message.info;
            resolve(message.info);
          } else if (message.type === "error") {
            this.#pending.delete(id);
            this.#loaded = undefined;
            reject(new Error(message.message));
          }
        }
      });
      this.#send({type: "load", id, modelUrl, preferWebGPU});
    });
    return this.#loaded;
  }

  /** Runs a [batch,3,224,224] input through the model; see the module comment. */
  run(input: Float32Array, {batch = 1, outputs, chunkSize, onChunk, signal, transferInput = false, keep = true}: RunOptions): Promise<RunResult> {
    if (input.length !== batch * INPUT_SIZE) return Promise.reject(new Error(`Expected ${batch}×3×224×224 input values, got ${input.length}.`));
    if (signal?.aborted) return Promise.reject(new DOMException("cancelled", "AbortError"));
    const id = this.#nextId++;
    const chunks: RunChunk[] = [];
    let runMs = 0;
    return new Promise<RunResult>((resolve, reject) => {
      const onAbort = () => this.#send({type: "cancel", id});
      signal?.addEventListener("abort", onAbort, {once: true});
      const finish = () => {
        this.#pending.delete(id);
        signal?.removeEventListener("abort", onAbort);
      };
      this.#pending.set(id, {
        onMessage: (message) => {
          if (message.type === "chunk") {
            const chunk: RunChunk = {start: message.start, count: message.count, outputs: message.outputs, ms: message.ms};
            runMs += message.ms;
            if (keep) chunks.push(chunk);
            onChunk?.(chunk);
          } else if (message.type === "done") {
            finish();
            const merged: Record<string, TensorData> = {};
            if (keep && chunks.length) for (const name of outputs) merged[name] = concat(chunks, name, batch);
            resolve({outputs: merged, ms: message.ms, runMs});
          } else if (message.type === "error") {
            finish();
            reject(message.cancelled ? new DOMException("The run was cancelled.", "AbortError") : new Error(message.message));
          }
        }
      });
      const data = transferInput ? input : input.slice();
      this.#send({type: "run", id, input: data, batch, outputs, chunkSize: chunkSize ?? batch}, [data.buffer as ArrayBuffer]);
    });
  }

  /** Stops the Worker and frees the session (e.g. on page invalidation). */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#loaded = undefined;
    this.#pending.clear();
  }
}

let shared: AlexNetRuntime | undefined;

/** The page-wide runtime: every component on a page shares one Worker and one session (across pages, the Cache API shares the download). */
export function sharedRuntime(): AlexNetRuntime {
  return (shared ??= new AlexNetRuntime());
}
