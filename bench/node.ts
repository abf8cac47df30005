// onnxruntime-node measurements: latency, throughput, activations cost, session creation, the per-layer
// profile, and the logits the compressed variants are compared on.
import {readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import * as ort from "onnxruntime-node";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME, LOGITS} from "../src/components/core/inference.ts";
import {IMAGE_VALUES} from "../src/lib/sample-inputs.ts";
import {timeAlternating, timeRepeated, type Timing} from "../src/components/core/bench-stats.ts";

export interface NodeSession {
  session: ort.InferenceSession;
  createMs: number;
}

export async function openSession(model: Uint8Array, threads: number, extra: ort.InferenceSession.SessionOptions = {}): Promise<NodeSession> {
  const start = performance.now();
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: "all", ...extra});
  return {session, createMs: performance.now() - start};
}

function feeds(images: Float32Array, batch: number, first = 0): Record<string, ort.Tensor> {
  const data = images.subarray(first * IMAGE_VALUES, (first + batch) * IMAGE_VALUES);
  return {[INPUT_NAME]: new ort.Tensor("float32", data, [batch, 3, 224, 224])};
}

/** Time of one session.run over `batch` images, fetching `outputs`. */
export function timeRun(
  session: ort.InferenceSession,
  images: Float32Array,
  {batch, outputs = [LOGITS], warmup, runs}: {batch: number; outputs?: readonly string[]; warmup: number; runs: number}
): Promise<Timing> {
  const input = feeds(images, batch);
  return timeRepeated(() => session.run(input, [...outputs]), {warmup, runs});
}

export const ALL_OUTPUTS: readonly string[] = GRAPH_OUTPUT_NAMES;

/** Batch-1 logits-only and every-output runs, alternated so that their ratio survives load from other programs. */
export async function timeLogitsAndActivations(session: ort.InferenceSession, images: Float32Array, {warmup, runs}: {warmup: number; runs: number}): Promise<{latency: Timing; activations: Timing}> {
  const input = feeds(images, 1);
  const [latency, activations] = await timeAlternating([() => session.run(input, [LOGITS]), () => session.run(input, [...ALL_OUTPUTS])], {warmup, runs});
  return {latency: latency!, activations: activations!};
}

/** [N, 1000] logits for every image, in chunks of `chunk`. */
export async function logits(session: ort.InferenceSession, images: Float32Array, count: number, chunk = 25): Promise<Float32Array> {
  const out = new Float32Array(count * 1000);
  for (let first = 0; first < count; first += chunk) {
    const n = Math.min(chunk, count - first);
    const result = await session.run(feeds(images, n, first), [LOGITS]);
    out.set(result[LOGITS]!.data as Float32Array, first * 1000);
  }
  return out;
}

export interface LayerTime {
  /** torchvision module the time is charged to (fused nodes go to the layer they start with), or an ORT step. */
  layer: string;
  /** Median over runs of the summed kernel time, milliseconds. */
  ms: number;
  ops: string[];
}

/**
 * onnxruntime's own profile of `runs` batch-1 runs, summed per torchvision layer.
 * ORT fuses Conv+ReLU and Gemm+ReLU, so a conv or linear layer's time includes its ReLU.
 */
export async function profileLayers(model: Uint8Array, images: Float32Array, {threads, runs, warmup}: {threads: number; runs: number; warmup: number}): Promise<{layers: LayerTime[]; runMs: number}> {
  const prefix = join(tmpdir(), `alexnet-bench-profile-${process.pid}`);
  const {session} = await openSession(model, threads, {enableProfiling: true, profileFilePrefix: prefix});
  const input = feeds(images, 1);
  for (let i = 0; i < warmup + runs; i++) await session.run(input, [LOGITS]);
  // onnxruntime-node writes the profile when profiling ends; its JS API does not expose endProfiling, and
  // release() flushes it. The file is named <prefix>_<timestamp>.json.
  await session.release();
  const {readdirSync} = await import("node:fs");
  const file = readdirSync(tmpdir()).filter((f) => f.startsWith(`alexnet-bench-profile-${process.pid}`)).map((f) => join(tmpdir(), f))[0];
  if (!file) throw new Error("onnxruntime wrote no profile file");
  const events = JSON.parse(readFileSync(file, "utf8")) as {cat: string; name: string; dur: number; args?: {op_name?: string}}[];
  rmSync(file);
  const runMs = events.filter((e) => e.name === "model_run").map((e) => e.dur / 1000);
  // Each run's nodes appear in order; split them by run and keep the last `runs` runs (the warm ones).
  const perRun: Map<string, {ms: number; ops: Set<string>}>[] = [];
  let current = new Map<string, {ms: number; ops: Set<string>}>();
  const seen = new Set<string>();
  for (const event of events) {
    if (event.cat !== "Node" || !event.name.endsWith("_kernel_time")) continue;
    const node = event.name.slice(0, -"_kernel_time".length);
    if (seen.has(node)) {
      perRun.push(current);
      current = new Map();
      seen.clear();
    }
    seen.add(node);
    const layer = layerOf(node, event.args?.op_name ?? "");
    const entry = current.get(layer) ?? {ms: 0, ops: new Set<string>()};
    entry.ms += event.dur / 1000;
    entry.ops.add(event.args?.op_name ?? "?");
    current.set(layer, entry);
  }
  perRun.push(current);
  const warm = perRun.slice(-runs);
  const names = [...new Set(warm.flatMap((run) => [...run.keys()]))];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const layers = names.map((layer) => ({
    layer,
    ms: median(warm.map((run) => run.get(layer)?.ms ?? 0)),
    ops: [...new Set(warm.flatMap((run) => [...(run.get(layer)?.ops ?? [])]))]
  }));
  return {layers, runMs: median(runMs.slice(-runs))};
}

/** Charges an optimized-graph node to the torchvision module named in it; layout changes get their own row. */
export function layerOf(node: string, op: string): string {
  if (op === "ReorderInput" || op === "ReorderOutput") return "layout (NCHWc reorder)";
  const module = /(features|classifier)\.\d+/.exec(node)?.[0] ?? (node.includes("avgpool") ? "avgpool" : undefined);
  return module ?? (node || op || "other");
}
