// Measures the AlexNet ONNX in onnxruntime-node on this machine: model bytes, build and session-creation time,
// and per-image latency (batch 1, median and minimum of RUNS after warm-up) for three cases, interleaved run by run
// so that load from other processes hits them alike:
//   logits      — the full graph, fetching only `logits`
//   all         — the full graph, fetching every output
//   logitsGraph — a copy of the graph whose only output is `logits` (what exposing every layer costs)
// Usage: npx tsx scripts/measure-onnx-node.ts [runs] [intra-op threads, default: onnxruntime's choice]
// Seeded random weights: timing does not depend on the values.
import {loadavg} from "node:os";
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME, LOGITS} from "../src/components/inference.js";
import {randomAlexNetStateDict} from "../src/lib/alexnet-weights.js";
import {buildAlexNetOnnx} from "../src/lib/onnx/alexnet-onnx.js";

const RUNS = Number(process.argv[2] ?? 20);
const options: ort.InferenceSession.SessionOptions = process.argv[3] ? {intraOpNumThreads: Number(process.argv[3])} : {};

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

function logitsOnly(bytes: Uint8Array): Uint8Array {
  const {onnx} = onnxProto;
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph as onnxProto.onnx.GraphProto;
  graph.output = graph.output.filter((o) => o.name === LOGITS);
  return onnx.ModelProto.encode(model).finish();
}

const [bytes, buildMs] = await time(() => buildAlexNetOnnx(randomAlexNetStateDict()));
const [full, sessionMs] = await time(() => ort.InferenceSession.create(bytes, options));
const [slim, slimSessionMs] = await time(() => ort.InferenceSession.create(logitsOnly(bytes), options));
const input = new ort.Tensor("float32", new Float32Array(3 * 224 * 224).fill(0.5), [1, 3, 224, 224]);
const cases: Record<string, () => Promise<unknown>> = {
  logits: () => full.run({[INPUT_NAME]: input}, [LOGITS]),
  all: () => full.run({[INPUT_NAME]: input}, [...GRAPH_OUTPUT_NAMES]),
  logitsGraph: () => slim.run({[INPUT_NAME]: input}, [LOGITS])
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < RUNS + 3; i++) {
  for (const [name, run] of Object.entries(cases)) {
    const [, ms] = await time(run);
    if (i >= 3) times[name].push(ms); // the first runs warm up allocators and caches
  }
}
const summary = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return {median: +sorted[Math.floor(sorted.length / 2)].toFixed(1), min: +sorted[0].toFixed(1)};
};
console.log(JSON.stringify({
  modelBytes: bytes.byteLength,
  buildMs: Math.round(buildMs),
  sessionCreateMs: Math.round(sessionMs),
  logitsGraphSessionCreateMs: Math.round(slimSessionMs),
  latencyMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summary(v)])),
  runs: RUNS,
  threads: process.argv[3] ?? "default",
  loadAverage: +loadavg()[0].toFixed(1)
}, null, 1));
