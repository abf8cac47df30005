// Browser side of the benchmark: times AlexNet through the site's own runtime (Worker + onnxruntime-web),
// so the figures are what a reader of /alexnet gets. Used by the "measure your browser" page and, through
// window.__alexnetBench, by `npm run bench` (bench/browser.ts) in headless Chromium.
import {AlexNetRuntime, INPUT_SIZE, type LoadedInfo} from "../runtime/alexnet-runtime.js";
import type {BenchOptions, BrowserBench, FirstPrediction} from "../core/bench-results.js";
import {summarize, timeAlternating, type Timing} from "../core/bench-stats.js";
import {megabytes, milliseconds} from "../core/format.js";
import {GRAPH_OUTPUT_NAMES, LOGITS} from "../core/inference.js";
import {el} from "../ui/dom.js";
import {DEFAULT_VARIANT, MODEL_VARIANTS, modelVariant, type ModelVariantId} from "../core/model-variants.js";

export type VariantUrls = Readonly<Record<ModelVariantId, string>>;

/** Input values are irrelevant to the timing; a fixed pattern keeps runs identical. */
function pattern(images: number): Float32Array {
  const data = new Float32Array(images * INPUT_SIZE);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.001) * 2;
  return data;
}

/**
 * Times several model files side by side: one runtime (Worker + session) each, loaded one after the other, then
 * their runs interleaved (A, B, C, A, B, C, …) so that load from other programs hits every file alike and the
 * files can be compared with each other. Logits-only and every-layer runs alternate the same way.
 */
export async function benchModels(urls: readonly string[], options: BenchOptions): Promise<BrowserBench[]> {
  const runtimes = urls.map(() => new AlexNetRuntime());
  try {
    const loads: {load: LoadedInfo; loadMs: number}[] = [];
    for (const [i, url] of urls.entries()) {
      const t0 = performance.now();
      const load = await runtimes[i]!.load(url, {preferWebGPU: false});
      loads.push({load, loadMs: performance.now() - t0});
    }
    const one = pattern(1);
    const kinds: string[][] = [[LOGITS], ...(options.activations ? [[...GRAPH_OUTPUT_NAMES]] : [])];
    const inSession = runtimes.map(() => kinds.map(() => [] as number[]));
    const warmCalls = options.warmup * runtimes.length * kinds.length;
    let calls = 0;
    const steps = runtimes.flatMap((runtime, r) =>
      kinds.map((outputs, k) => async () => {
        const {runMs} = await runtime.run(one, {outputs});
        if (calls++ >= warmCalls) inSession[r]![k]!.push(runMs);
      })
    );
    const wall = await timeAlternating(steps, options);
    let batches: Timing[] = [];
    if (options.batch > 0) {
      const many = pattern(options.batch);
      batches = await timeAlternating(
        runtimes.map((runtime) => () => runtime.run(many, {batch: options.batch, outputs: [LOGITS]})),
        {warmup: 1, runs: options.batchRuns}
      );
    }
    return runtimes.map((_, r) => ({
      ...loads[r]!,
      latency: wall[r * kinds.length]!,
      latencyInSession: summarize(inSession[r]![0]!),
      activations: options.activations ? wall[r * kinds.length + 1] : undefined,
      activationsInSession: options.activations ? summarize(inSession[r]![1]!) : undefined,
      batch: batches[r] && {size: options.batch, timing: batches[r]!, perImageMs: batches[r]!.median / options.batch}
    }));
  } finally {
    for (const runtime of runtimes) runtime.dispose();
  }
}

export async function benchModel(url: string, options: BenchOptions): Promise<BrowserBench> {
  return (await benchModels([url], options))[0]!;
}

// Models kept open between calls, so that another program (bench/run.ts) can alternate single browser runs with
// its own runs and compare the two under the same load.
let held: AlexNetRuntime[] = [];
const heldInput = pattern(1);

/** Opens one runtime per URL (disposing earlier ones) and returns what each load reported. */
export async function openModels(urls: readonly string[]): Promise<LoadedInfo[]> {
  closeModels();
  held = urls.map(() => new AlexNetRuntime());
  const infos: LoadedInfo[] = [];
  for (const [i, url] of urls.entries()) infos.push(await held[i]!.load(url, {preferWebGPU: false}));
  return infos;
}

/** One batch-1, logits-only run of an open model: the page's round-trip time in milliseconds. */
export async function runOnce(index: number): Promise<number> {
  const runtime = held[index];
  if (!runtime) throw new Error(`No open model at index ${index}: call openModels first.`);
  const t0 = performance.now();
  await runtime.run(heldInput, {outputs: [LOGITS]});
  return performance.now() - t0;
}

export function closeModels(): void {
  for (const runtime of held) runtime.dispose();
  held = [];
}

/** What a reader waits for: page load → model (network or Cache API) → session → first prediction. */
export async function firstPrediction(url: string): Promise<FirstPrediction> {
  const runtime = new AlexNetRuntime();
  try {
    const load = await runtime.load(url, {preferWebGPU: false});
    await runtime.run(pattern(1), {outputs: [LOGITS]});
    return {ms: performance.now(), load};
  } finally {
    runtime.dispose();
  }
}

/** "adapter: …" when the browser offers a hardware WebGPU adapter, else why not. */
export async function webgpuStatus(): Promise<{available: boolean; note: string}> {
  const gpu = (navigator as Navigator & {gpu?: {requestAdapter(): Promise<{info?: {vendor?: string; architecture?: string; isFallbackAdapter?: boolean}; isFallbackAdapter?: boolean} | null>}}).gpu;
  if (!gpu) return {available: false, note: "no WebGPU in this browser"};
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return {available: false, note: "no adapter"};
    if (adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter) return {available: false, note: "only a software (fallback) adapter"};
    return {available: true, note: `adapter: ${adapter.info?.vendor ?? "?"} ${adapter.info?.architecture ?? ""}`.trim()};
  } catch (error) {
    return {available: false, note: `adapter request failed: ${(error as Error).message}`};
  }
}

declare global {
  interface Window {
    __alexnetBench?: {
      urls: VariantUrls;
      benchModel: typeof benchModel;
      benchModels: typeof benchModels;
      openModels: typeof openModels;
      runOnce: typeof runOnce;
      closeModels: typeof closeModels;
      firstPrediction: typeof firstPrediction;
      webgpuStatus: typeof webgpuStatus;
      /** Set when the page was opened with ?first=<variant>: the automatic first-prediction measurement. */
      first?: Promise<FirstPrediction>;
    };
  }
}

/** The page: pick a variant, measure, read the figures. Also installs the hook the Node benchmark drives. */
export function benchPage(urls: VariantUrls): HTMLElement {
  const firstVariant = new URLSearchParams(location.search).get("first");
  window.__alexnetBench = {urls, benchModel, benchModels, openModels, runOnce, closeModels, firstPrediction, webgpuStatus};
  if (firstVariant) window.__alexnetBench.first = firstPrediction(urls[modelVariant(firstVariant).id]);

  const select = el("select", {"aria-label": "Model file"}, ...MODEL_VARIANTS.map((v) => el("option", {value: v.id, selected: v.id === DEFAULT_VARIANT}, v.label)));
  const button = el("button", {type: "button"}, "Measure");
  const status = el("p", {role: "status", "aria-live": "polite"});
  const table = el("div");
  button.onclick = async () => {
    button.disabled = true;
    status.textContent = "Loading the model and timing 10 runs of each kind… (keep this tab in front)";
    table.replaceChildren();
    try {
      const variant = modelVariant(select.value);
      const result = await benchModel(urls[variant.id], {warmup: 2, runs: 10, activations: true, batch: 10, batchRuns: 3});
      const rows: [string, string][] = [
        ["backend, threads", `${result.load.backend}, ${result.load.threads}${result.load.crossOriginIsolated ? "" : " (page not cross-origin isolated)"}`],
        ["model bytes", `${megabytes(result.load.modelBytes)}${result.load.fromCache ? " (from this browser's cache)" : ""}`],
        ["download / cache read", milliseconds(result.load.downloadMs)],
        ["session creation", milliseconds(result.load.sessionMs)],
        ["one image, logits only (median of 10)", milliseconds(result.latency.median)],
        ["one image, every layer's activations", result.activations ? milliseconds(result.activations.median) : "–"],
        ["per image in a batch of 10", result.batch ? milliseconds(result.batch.perImageMs) : "–"]
      ];
      table.replaceChildren(el("table", {}, el("tbody", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", {scope: "row"}, k), el("td", {}, v))))));
      status.textContent = "Done.";
    } catch (error) {
      status.textContent = `The measurement failed: ${(error as Error).message}`;
    } finally {
      button.disabled = false;
    }
  };
  return el("div", {class: "bench-browser"}, el("p", {}, select, " ", button), status, table);
}
