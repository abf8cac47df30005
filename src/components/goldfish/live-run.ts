// Re-running a batch of images through AlexNet in the browser: decode → preprocess (the same PIL-exact code as the
// build) → the page's shared inference Worker, a few images at a time so the page can show progress, pause and
// cancel between chunks. Used by the live re-run and by the preprocessing ablations on /goldfish.
import type {AlexNetRuntime} from "../runtime/alexnet-runtime.js";
import {decodeImageBlob} from "../ui/decode-blob.js";
import {dataUrlBlob} from "../ui/image-source.js";
import {batchPredictions, type ImagePrediction} from "../core/evaluation-metrics.js";
import {PROBABILITIES} from "../core/inference.js";
import {packBatch, preprocess, type PreprocessOptions} from "../core/preprocess.js";

export interface LiveImage {
  id: string;
  label: number;
  dataUrl: string;
}

export interface LiveProgress {
  done: number;
  total: number;
  elapsedMs: number;
  /** Images per second so far, counting only time spent running (not paused). */
  imagesPerSecond: number;
}

/** A gate the run waits at between chunks: `pause()` closes it, `resume()` opens it. */
export class PauseGate {
  #paused = false;
  #waiters: (() => void)[] = [];
  get paused(): boolean {
    return this.#paused;
  }
  pause(): void {
    this.#paused = true;
  }
  resume(): void {
    this.#paused = false;
    for (const wake of this.#waiters.splice(0)) wake();
  }
  /** Resolves at once when open; otherwise when resumed or when the signal aborts. */
  wait(signal?: AbortSignal): Promise<void> {
    if (!this.#paused) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      signal?.addEventListener("abort", () => resolve(), {once: true});
    });
  }
}

export interface LiveRunOptions {
  runtime: AlexNetRuntime;
  preprocessing?: PreprocessOptions;
  /** Images per Worker call; smaller chunks mean finer progress and quicker pauses. */
  chunkSize?: number;
  signal?: AbortSignal;
  gate?: PauseGate;
  onProgress?: (progress: LiveProgress) => void;
}

export interface LiveRun {
  predictions: ImagePrediction[];
  elapsedMs: number;
  imagesPerSecond: number;
}

const decoded = new Map<string, Promise<Awaited<ReturnType<typeof decodeImageBlob>>>>();

/** Decoding is the same for every ablation, so each image is decoded once per page. */
function decodeOnce(image: LiveImage) {
  let promise = decoded.get(image.id);
  if (!promise) {
    promise = dataUrlBlob(image.dataUrl).then((blob) => decodeImageBlob(blob));
    promise.catch(() => decoded.delete(image.id));
    decoded.set(image.id, promise);
  }
  return promise;
}

function abortError(): DOMException {
  return new DOMException("The run was cancelled.", "AbortError");
}

/** Runs `images` through the already loaded model; rejects with an AbortError when cancelled. */
export async function runLive(images: readonly LiveImage[], options: LiveRunOptions): Promise<LiveRun> {
  const {runtime, chunkSize = 5, signal, gate, onProgress} = options;
  const predictions: ImagePrediction[] = [];
  let activeMs = 0;
  const started = performance.now();
  for (let first = 0; first < images.length; first += chunkSize) {
    if (gate?.paused) {
      await gate.wait(signal);
    }
    if (signal?.aborted) throw abortError();
    const t0 = performance.now();
    const chunk = images.slice(first, first + chunkSize);
    const tensors = await Promise.all(chunk.map(async (image) => preprocess(await decodeOnce(image), options.preprocessing).tensor));
    const {data} = packBatch(tensors);
    const {outputs} = await runtime.run(data, {batch: chunk.length, outputs: [PROBABILITIES], signal, transferInput: true});
    predictions.push(...batchPredictions(chunk, outputs[PROBABILITIES]!.data));
    activeMs += performance.now() - t0;
    onProgress?.({
      done: predictions.length,
      total: images.length,
      elapsedMs: performance.now() - started,
      imagesPerSecond: predictions.length / (activeMs / 1000)
    });
  }
  return {predictions, elapsedMs: performance.now() - started, imagesPerSecond: predictions.length / (activeMs / 1000)};
}
