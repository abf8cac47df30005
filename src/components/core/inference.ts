// Runtime-agnostic helpers around the AlexNet ONNX graph, shared by the browser worker (onnxruntime-web),
// the classify CLI (onnxruntime-node) and the tests. No ORT import here: callers pass plain arrays and dims.
import {EXPOSED_LAYER_NAMES} from "./architecture.js";

/**
 * Name of the graph input: float32 [N, 3, 224, 224], dynamic N, normalized like torchvision's eval transform.
 * preprocess.ts makes one image's CHW tensor and packs a batch (packBatch), so that layout is written once.
 */
export const INPUT_NAME = "input";

/** One graph output per exposed torchvision module, named by module path (features.0 … classifier.6). */
export const LAYER_OUTPUT_NAMES: readonly string[] = EXPOSED_LAYER_NAMES;
/** Raw scores of the last Linear layer (same values as classifier.6). */
export const LOGITS = "logits";
/** Softmax over the 1000 logits. */
export const PROBABILITIES = "probabilities";
/** Every graph output, in graph order. */
export const GRAPH_OUTPUT_NAMES: readonly string[] = [...LAYER_OUTPUT_NAMES, LOGITS, PROBABILITIES];

/** Values of image `index` in a batch-first output with dims [N, ...]: a view, not a copy. */
export function imageSlice(data: Float32Array, dims: readonly number[], index: number): Float32Array {
  const batch = dims[0];
  if (!(index >= 0 && index < batch)) throw new Error(`image index ${index} is outside the batch of ${batch}`);
  const per = dims.slice(1).reduce((a, b) => a * b, 1);
  return data.subarray(index * per, (index + 1) * per);
}

export interface Prediction {
  index: number;
  probability: number;
}

/**
 * The k most probable classes of one image, most probable first; ties go to the lower class index so the
 * order is stable across runtimes. Reads `probabilities` as given: the graph already applied softmax.
 */
export function topK(probabilities: ArrayLike<number>, k = 5): Prediction[] {
  const best: Prediction[] = [];
  for (let index = 0; index < probabilities.length; index++) {
    const probability = probabilities[index];
    if (best.length === k && !(probability > best[k - 1].probability)) continue;
    let at = best.length;
    while (at > 0 && probability > best[at - 1].probability) at--;
    best.splice(at, 0, {index, probability});
    if (best.length > k) best.pop();
  }
  return best;
}

/** Index of the largest value (first one on ties), e.g. the top-1 class of one image's logits. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** A float32 tensor as it crosses the Worker boundary (the buffer is transferred, not copied). */
export interface TensorData {
  dims: number[];
  data: Float32Array;
}

export type Backend = "wasm" | "webgpu";

/** What an opened session reports, in the browser (the Worker) and in the benchmark results alike. */
export interface LoadedInfo {
  backend: Backend;
  /** WASM threads the session was created with (1 when the page is not cross-origin isolated). */
  threads: number;
  crossOriginIsolated: boolean;
  modelBytes: number;
  fromCache: boolean;
  /** Whether the model is now in the Cache API (a reload will not download it again). */
  stored: boolean;
  downloadMs: number;
  sessionMs: number;
  /** Why WebGPU was not used, when it was asked for. */
  webgpuNote?: string;
}
