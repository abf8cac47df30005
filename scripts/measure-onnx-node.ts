// Measures the AlexNet ONNX in onnxruntime-node on this machine: model bytes, build and session-creation time,
// per-image latency (batch 1, median of RUNS after warm-up) fetching only `logits`, fetching every output,
// and on a copy of the graph whose only output is `logits` (what exposing every layer costs).
// Usage: npx tsx scripts/measure-onnx-node.ts [runs]   (seeded random weights: timing does not depend on values)
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME, LOGITS} from "../src/components/inference.js";
import {randomAlexNetStateDict} from "../src/lib/alexnet-weights.js";
import {buildAlexNetOnnx} from "../src/lib/onnx/alexnet-onnx.js";

const RUNS = Number(process.argv[2] ?? 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

/** Median and minimum of RUNS timed runs: on a shared machine the minimum shows the undisturbed cost. */
async function latency(session: ort.InferenceSession, fetches: string[]): Promise<string> {
  const input = new ort.Tensor("float32", new Float32Array(3 * 224 * 224).fill(0.5), [1, 3, 224, 224]);
  for (let i = 0; i < 3; i++) await session.run({[INPUT_NAME]: input}, fetches);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await time(() => session.run({[INPUT_NAME]: input}, fetches)))[1]);
  return `${median(times).toFixed(1)} (min ${Math.min(...times).toFixed(1)})`;
}

function logitsOnly(bytes: Uint8Array): Uint8Array {
  const {onnx} = onnxProto;
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph as onnxProto.onnx.GraphProto;
  graph.output = graph.output.filter((o) => o.name === LOGITS);
  return onnx.ModelProto.encode(model).finish();
}

const weights = randomAlexNetStateDict();
const [bytes, buildMs] = await time(() => buildAlexNetOnnx(weights));
const [session, sessionMs] = await time(() => ort.InferenceSession.create(bytes));
const report: Record<string, string | number> = {
  modelBytes: bytes.byteLength,
  buildMs: Math.round(buildMs),
  sessionCreateMs: Math.round(sessionMs),
  latencyLogitsMs: await latency(session, [LOGITS]),
  latencyAllOutputsMs: await latency(session, [...GRAPH_OUTPUT_NAMES])
};
await session.release();
const [slim, slimSessionMs] = await time(() => ort.InferenceSession.create(logitsOnly(bytes)));
report.logitsOnlyGraphSessionCreateMs = Math.round(slimSessionMs);
report.logitsOnlyGraphLatencyMs = await latency(slim, [LOGITS]);
await slim.release();
report.runs = RUNS;
report.loadAverage = (await import("node:os")).loadavg()[0].toFixed(1);
console.log(JSON.stringify(report, null, 1));
