// The shape of bench/results.json and the tables read off it. `npm run bench` (bench/report.ts) writes them
// as Markdown into docs/performance.md and the /performance page shows them as HTML: one definition of
// every row, ratio and target, so the two can never disagree.
import type {LoadedInfo} from "./inference.js";
import type {BrowserBench, FirstPrediction} from "../performance/bench-browser.js";
import type {Timing} from "./bench-stats.js";
import {COMPACT_VARIANT, type ModelVariantId} from "./model-variants.js";

export interface NodeRun {
  variant: ModelVariantId;
  threads: number;
  createMs: number;
  latency: Timing;
  activations?: Timing;
  batch?: {size: number; timing: Timing; perImageMs: number};
}

/** How far a compressed variant's logits are from float32's on the same images (bench/compare.ts). */
export interface Agreement {
  images: number;
  /** Largest |logit − logit_fp32| over every image and class. */
  maxLogitError: number;
  /** The same, divided by the largest |logit_fp32|, so random and trained weights can be compared. */
  relativeLogitError: number;
  /** Share of images whose top-1 class is float32's. */
  top1Agreement: number;
  top1Disagreements: number;
  /** For each disagreement, float32's gap between its top two logits: a flip where the gap is below the logit error is a near-tie. */
  disagreementGaps?: number[];
}

export interface BrowserSide {
  isolated: boolean;
  userAgent: string;
  webgpu: {available: boolean; note: string};
  runs: Partial<Record<ModelVariantId, BrowserBench>>;
  firstPrediction: Partial<Record<ModelVariantId, {cold: FirstPrediction; reload: FirstPrediction}>>;
  /** Uncaught errors and console errors seen on the page (should stay empty). */
  problems: string[];
}

/** Browser and Node timed run by run in turn (bench/browser.ts runPairedBench), so their ratio shares one load. */
export interface PairedTiming {
  variant: ModelVariantId;
  /** Batch-1 logits-only latency in onnxruntime-node, all threads. */
  node: Timing;
  /** The same in the cross-origin isolated browser, all threads (round trip through the Worker). */
  browser: Timing;
}

export interface BenchResults {
  meta: {
    date: string;
    cpu: string;
    cores: number;
    memoryGB: number;
    loadAverage: {start: number[]; end: number[]};
    node: string;
    onnxruntime: string;
    durationS: number;
    notes: string[];
  };
  weights: {kind: string; source: string; reason?: string};
  defaultVariant: ModelVariantId;
  models: Record<ModelVariantId, {bytes: number; sha256: string; siteFile?: string}>;
  node: NodeRun[];
  pytorch: {version: string; threads: number; batch1: Timing; batchN: Timing & {batch: number}} | {skipped: string};
  browser: {isolated?: BrowserSide; single?: BrowserSide; skipped?: string};
  paired?: PairedTiming[];
  profile: {variant: ModelVariantId; threads: number; runMs: number; layers: {layer: string; ms: number; ops: string[]}[]};
  accuracy: {
    goldfish: {images: number; goldfishTop1: Record<ModelVariantId, number>; vsFp32: Partial<Record<ModelVariantId, Agreement>>} | {skipped: string};
    random: {images: number; vsFp32: Partial<Record<ModelVariantId, Agreement>>};
  };
}

export interface Row {
  runtime: string;
  variant: ModelVariantId;
  threads: string;
  /** Batch-1 latency, median and interquartile range (ms). */
  latency?: Timing;
  /** Per image at the larger batch (ms). */
  perImage?: number;
  batch?: number;
  sessionMs?: number;
  vsNode?: number;
  vsPytorch?: number;
}

const THREADS_ALL = (n: number) => `${n}`;

function nodeRun(results: BenchResults, variant: ModelVariantId, threads?: number): NodeRun | undefined {
  const runs = results.node.filter((r) => r.variant === variant);
  return threads === undefined ? runs.reduce<NodeRun | undefined>((best, r) => (!best || r.threads > best.threads ? r : best), undefined) : runs.find((r) => r.threads === threads);
}

/** The main table: one row per runtime × weights × threads, with ratios against onnxruntime-node (fp32, all threads) and PyTorch. */
export function latencyRows(results: BenchResults): Row[] {
  const reference = nodeRun(results, "fp32");
  const pytorch = "skipped" in results.pytorch ? undefined : results.pytorch;
  const ratio = (latency: Timing | undefined) => ({
    vsNode: latency && reference ? latency.median / reference.latency.median : undefined,
    vsPytorch: latency && pytorch ? latency.median / pytorch.batch1.median : undefined
  });
  const rows: Row[] = [];
  for (const run of [...results.node].sort((a, b) => a.variant.localeCompare(b.variant) || a.threads - b.threads)) {
    rows.push({
      runtime: "onnxruntime-node",
      variant: run.variant,
      threads: THREADS_ALL(run.threads),
      latency: run.latency,
      perImage: run.batch?.perImageMs,
      batch: run.batch?.size,
      sessionMs: run.createMs,
      ...ratio(run.latency)
    });
  }
  for (const side of [results.browser.single, results.browser.isolated]) {
    if (!side) continue;
    for (const [variant, bench] of Object.entries(side.runs) as [ModelVariantId, BrowserBench][]) {
      rows.push({
        runtime: "onnxruntime-web (WASM, Chromium)",
        variant,
        threads: `${bench.load.threads}${side.isolated ? "" : " (not isolated)"}`,
        latency: bench.latency,
        perImage: bench.batch?.perImageMs,
        batch: bench.batch?.size,
        sessionMs: bench.load.sessionMs,
        ...ratio(bench.latency)
      });
    }
  }
  if (pytorch) {
    rows.push({
      runtime: `PyTorch CPU (${pytorch.version})`,
      variant: "fp32",
      threads: THREADS_ALL(pytorch.threads),
      latency: pytorch.batch1,
      perImage: pytorch.batchN.median / pytorch.batchN.batch,
      batch: pytorch.batchN.batch,
      ...ratio(pytorch.batch1)
    });
  }
  return rows;
}

export interface ActivationRow {
  runtime: string;
  variant: ModelVariantId;
  logitsMs: number;
  everyLayerMs: number;
  ratio: number;
  /** Browser only: the same two figures inside session.run (the rest is the Worker round trip). */
  inSession?: {logitsMs: number; everyLayerMs: number};
}

/** What fetching all 22 graph outputs costs over fetching the logits alone (the two were timed alternately). */
export function activationRows(results: BenchResults): ActivationRow[] {
  const rows: ActivationRow[] = [];
  for (const run of results.node) {
    if (!run.activations) continue;
    rows.push({runtime: `onnxruntime-node, ${run.threads} threads`, variant: run.variant, logitsMs: run.latency.median, everyLayerMs: run.activations.median, ratio: run.activations.median / run.latency.median});
  }
  for (const side of [results.browser.single, results.browser.isolated]) {
    for (const [variant, bench] of Object.entries(side?.runs ?? {}) as [ModelVariantId, BrowserBench][]) {
      if (!bench.activations) continue;
      rows.push({
        runtime: `onnxruntime-web, ${bench.load.threads} thread${bench.load.threads > 1 ? "s" : ""}`,
        variant,
        logitsMs: bench.latency.median,
        everyLayerMs: bench.activations.median,
        ratio: bench.activations.median / bench.latency.median,
        inSession: bench.latencyInSession && bench.activationsInSession ? {logitsMs: bench.latencyInSession.median, everyLayerMs: bench.activationsInSession.median} : undefined
      });
    }
  }
  return rows;
}

export interface VariantRow {
  variant: ModelVariantId;
  bytes: number;
  nodeCreateMs?: number;
  browserLoad?: LoadedInfo;
  nodeLatency?: number;
  browserLatency?: number;
  goldfish?: Agreement;
  goldfishTop1?: number;
  random?: Agreement;
}

export function variantRows(results: BenchResults): VariantRow[] {
  const goldfish = "skipped" in results.accuracy.goldfish ? undefined : results.accuracy.goldfish;
  return (["fp32", "fp16", "int8"] as const).map((variant) => {
    const node = nodeRun(results, variant);
    const browser = results.browser.isolated?.runs[variant];
    return {
      variant,
      bytes: results.models[variant].bytes,
      nodeCreateMs: node?.createMs,
      browserLoad: browser?.load,
      nodeLatency: node?.latency.median,
      browserLatency: browser?.latency.median,
      goldfish: goldfish?.vsFp32[variant],
      goldfishTop1: goldfish?.goldfishTop1[variant],
      random: results.accuracy.random.vsFp32[variant]
    };
  });
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/**
 * The issue's five targets, judged in the cross-origin isolated browser (all threads): speed on the default variant
 * (float32, the one whose numbers equal PyTorch's), the download target on the compact variant the page offers.
 */
export function targets(results: BenchResults): Target[] {
  const id = results.defaultVariant;
  const compact = COMPACT_VARIANT;
  const browser = results.browser.isolated?.runs[id];
  const node = nodeRun(results, id);
  const list: Target[] = [];
  const paired = results.paired?.find((p) => p.variant === id);
  if (paired) {
    const r = paired.browser.median / paired.node.median;
    list.push({
      name: "Browser per-image latency vs onnxruntime-node",
      goal: "≤ 1.5×",
      measured: `${r.toFixed(2)}× (${fmt(paired.browser.median)} vs ${fmt(paired.node.median)}, runs alternated)`,
      met: r <= 1.5
    });
  } else if (browser && node) {
    const r = browser.latency.median / node.latency.median;
    list.push({name: "Browser per-image latency vs onnxruntime-node", goal: "≤ 1.5×", measured: `${r.toFixed(2)}× (${fmt(browser.latency.median)} vs ${fmt(node.latency.median)})`, met: r <= 1.5});
  } else list.push({name: "Browser per-image latency vs onnxruntime-node", goal: "≤ 1.5×", measured: "not measured", met: undefined});
  if (browser?.activations) {
    const r = browser.activations.median / browser.latency.median;
    list.push({name: "Every layer's activations vs logits only", goal: "≤ 1.10×", measured: `${r.toFixed(2)}× (${fmt(browser.activations.median)} vs ${fmt(browser.latency.median)})`, met: r <= 1.1});
  }
  const goldfish = "skipped" in results.accuracy.goldfish ? undefined : results.accuracy.goldfish.vsFp32[compact];
  const random = results.accuracy.random.vsFp32[compact];
  // Pooled over every test image; the two sets' own counts are shown next to it.
  const sets = [goldfish, random].filter((a): a is Agreement => a !== undefined);
  const images = sets.reduce((n, a) => n + a.images, 0);
  const flips = sets.reduce((n, a) => n + a.top1Disagreements, 0);
  const agreement = images ? (images - flips) / images : 1;
  const gaps = sets.flatMap((a) => a.disagreementGaps ?? []);
  const count = (a: Agreement | undefined, what: string) => (a ? `${what} ${a.images - a.top1Disagreements}/${a.images}` : `${what} not measured`);
  const bytes = results.models[compact].bytes;
  list.push({
    name: `Compact download offered on the page (${compact}) and top-1 agreement with fp32`,
    goal: "≤ 62 MB, ≥ 99%",
    measured:
      `${(bytes / 1e6).toFixed(1)} MB, ${(100 * agreement).toFixed(1)}% (${count(goldfish, "goldfish")}, ${count(random, "random")}; ` +
      `max logit error ${(goldfish?.maxLogitError ?? 0).toExponential(1)} goldfish, ${(random?.maxLogitError ?? 0).toExponential(1)} random` +
      `${gaps.length ? `; fp32's top-2 gap on the flipped images: ${gaps.map((g) => g.toExponential(1)).join(", ")}` : ""})`,
    met: bytes <= 62e6 && agreement >= 0.99
  });
  const first = results.browser.isolated?.firstPrediction[id];
  if (first) {
    list.push({name: "Reload to first prediction", goal: "≤ 2 s", measured: `${fmt(first.reload.ms)} (cold load: ${fmt(first.cold.ms)})`, met: first.reload.ms <= 2000});
  }
  if (browser?.batch) {
    const total = browser.batch.perImageMs * 10_000;
    list.push({
      name: "10,000 images in the browser",
      goal: "≤ 4 min",
      measured: `${(total / 60_000).toFixed(1)} min (from ${fmt(browser.batch.perImageMs)}/image at batch ${browser.batch.size})`,
      met: total <= 240_000
    });
  }
  return list;
}

export interface LayerShare {
  label: string;
  group: "convolution" | "fully connected" | "other";
  ms: number;
  share: number;
  ops: string[];
}

/** The profile as chart rows: every layer with ≥ 1% of the time, the rest summed into one "everything else" row. */
export function layerShares(results: BenchResults): LayerShare[] {
  const layers = results.profile.layers;
  const total = layers.reduce((sum, l) => sum + l.ms, 0) || 1;
  const group = (ops: string[]): LayerShare["group"] =>
    ops.some((op) => /Conv/.test(op)) ? "convolution" : ops.some((op) => /Gemm|MatMul/.test(op)) ? "fully connected" : "other";
  const big = layers.filter((l) => l.ms / total >= 0.01);
  const small = layers.filter((l) => l.ms / total < 0.01);
  // torchvision modules get their onnxruntime op in brackets; onnxruntime's own steps are named already.
  const label = (l: {layer: string; ops: string[]}) => (/^(features|classifier)\./.test(l.layer) ? `${l.layer} (${l.ops.join("+")})` : l.layer);
  const rows: LayerShare[] = big.map((l) => ({label: label(l), group: group(l.ops), ms: l.ms, share: l.ms / total, ops: l.ops}));
  if (small.length) {
    const ms = small.reduce((sum, l) => sum + l.ms, 0);
    rows.push({label: `everything else (${small.length} steps)`, group: "other", ms, share: ms / total, ops: [...new Set(small.flatMap((l) => l.ops))]});
  }
  return rows;
}

export {fmt as formatMs};
