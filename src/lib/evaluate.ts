// Build-time evaluation: AlexNet (onnxruntime-node) over Tiny ImageNet images in batches, with the same
// preprocessing and model as the browser, so the page can compare its live re-run image by image.
import * as ort from "onnxruntime-node";
import {INPUT_NAME, PROBABILITIES} from "../components/core/inference.ts";
import {packBatch, preprocess, type PreprocessOptions} from "../components/core/preprocess.ts";
import {batchPredictions, type ImagePrediction} from "../components/core/evaluation-metrics.ts";
import {loadAlexNetWeights, type WeightsProvenance} from "./alexnet-weights.ts";
import {decodeImage} from "./decode-image.ts";
import {buildAlexNetOnnx} from "./onnx/alexnet-onnx.ts";
import type {TinyImagenetImage} from "./tiny-imagenet.ts";

export interface AlexNetSession {
  session: ort.InferenceSession;
  provenance: WeightsProvenance;
  modelBytes: number;
  /** Time to resolve the weights, build the ONNX graph and create the session. */
  setupMs: number;
}

/** The model the site ships (same weights resolution as the alexnet.onnx loader), opened in onnxruntime-node. */
export async function openAlexNetSession({threads = 2}: {threads?: number} = {}): Promise<AlexNetSession> {
  const start = performance.now();
  const {stateDict, provenance} = await loadAlexNetWeights();
  const model = buildAlexNetOnnx(stateDict);
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: threads, interOpNumThreads: 1});
  return {session, provenance, modelBytes: model.byteLength, setupMs: performance.now() - start};
}

export interface PredictOptions {
  /** Images per session.run (memory grows with it: ~3 MB of activations per image). */
  batchSize?: number;
  preprocessing?: PreprocessOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface PredictRun {
  predictions: ImagePrediction[];
  /** Wall time for decoding, preprocessing and inference. */
  ms: number;
  /** Time inside session.run only. */
  inferenceMs: number;
  /** CPU time of this process over the run (all threads): unlike wall time, it hardly depends on what else the machine is doing. */
  cpuMs: number;
}

/**
 * Decode → preprocess → batch → AlexNet → top-5 for every image, in order. The next batch is preprocessed
 * while onnxruntime works on the current one (its threads run outside the JS thread), which hides most of
 * the preprocessing time.
 */
export async function predictImages(session: ort.InferenceSession, images: readonly TinyImagenetImage[], options: PredictOptions = {}): Promise<PredictRun> {
  const batchSize = options.batchSize ?? 50;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let inferenceMs = 0;
  const predictions: ImagePrediction[] = [];
  const prepare = async (first: number) => {
    const chunk = images.slice(first, first + batchSize);
    const tensors = [];
    for (const image of chunk) tensors.push(preprocess(await decodeImage(image.bytes), options.preprocessing).tensor);
    return {chunk, ...packBatch(tensors)};
  };
  let next = images.length ? await prepare(0) : undefined;
  for (let first = 0; next; first += batchSize) {
    const {chunk, data, dims} = next;
    const t0 = performance.now();
    const running = session.run({[INPUT_NAME]: new ort.Tensor("float32", data, dims)}, [PROBABILITIES]).then((outputs) => {
      inferenceMs += performance.now() - t0;
      return outputs;
    });
    next = first + batchSize < images.length ? await prepare(first + batchSize) : undefined;
    const probabilities = (await running)[PROBABILITIES].data as Float32Array;
    predictions.push(...batchPredictions(chunk, probabilities));
    options.onProgress?.(predictions.length, images.length);
  }
  const cpu = process.cpuUsage(cpuStart);
  return {predictions, ms: performance.now() - start, inferenceMs, cpuMs: (cpu.user + cpu.system) / 1000};
}
