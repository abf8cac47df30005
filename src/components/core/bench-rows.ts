// Rows read off bench/results.json: latency per runtime, the cost of every layer's activations, the three
// weight variants, the issue's targets and the per-layer profile. bench-tables.ts turns them into the cells
// both docs/performance.md and the /performance page show.
import type {BenchResults, BrowserBench, NodeRun} from "./bench-results.js";
import type {Timing} from "./bench-stats.js";
import {duration, megabytes, percent, ratio} from "./format.js";
import type {LoadedInfo} from "./inference.js";
import type {LogitAgreement} from "./logit-agreement.js";
import {COMPACT_VARIANT, type ModelVariantId} from "./model-variants.js";

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

/** The run at `threads`, or the one with the most threads. */
function nodeRun(results: BenchResults, variant: ModelVariantId, threads?: number): NodeRun | undefined {
  const runs = results.node.filter((r) => r.variant === variant);
  return threads === undefined ? runs.reduce<NodeRun | undefined>((best, r) => (!best || r.threads > best.threads ? r : best), undefined) : runs.find((r) => r.threads === threads);
}

/** The main table: one row per runtime × weights × threads, with ratios against onnxruntime-node (fp32, all threads) and PyTorch. */
export function latencyRows(results: BenchResults): Row[] {
  const reference = nodeRun(results, "fp32");
  const pytorch = "skipped" in results.pytorch ? undefined : results.pytorch;
  const ratios = (latency: Timing | undefined) => ({
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
      ...ratios(run.latency)
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
        ...ratios(bench.latency)
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
      ...ratios(pytorch.batch1)
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
  goldfish?: LogitAgreement;
  goldfishTop1?: number;
  random?: LogitAgreement;
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

export interface PooledAgreement {
  goldfish?: LogitAgreement;
  random?: LogitAgreement;
  /** Both sets together: images, and how many of them got float32's top-1 class. */
  images: number;
  same: number;
  /** float32's top-two gap on each image whose top-1 class changed. */
  gaps: number[];
  /** Every change of top-1 class happened where float32's top-two gap was below the variant's largest logit error. */
  nearTies: boolean;
}

/** How often the compact variant the page offers picks float32's top-1 class, over the goldfish and the random images. */
export function compactAgreement(results: BenchResults): PooledAgreement {
  const goldfish = "skipped" in results.accuracy.goldfish ? undefined : results.accuracy.goldfish.vsFp32[COMPACT_VARIANT];
  const random = results.accuracy.random.vsFp32[COMPACT_VARIANT];
  const sets = [goldfish, random].filter((a): a is LogitAgreement => a !== undefined);
  const images = sets.reduce((n, a) => n + a.images, 0);
  return {
    goldfish,
    random,
    images,
    same: images - sets.reduce((n, a) => n + a.top1Disagreements, 0),
    gaps: sets.flatMap((a) => a.disagreementGaps ?? []),
    nearTies: sets.every((a) => (a.disagreementGaps ?? [Infinity]).every((gap) => gap < a.maxLogitError))
  };
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
}

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
      measured: `${ratio(r)} (${duration(paired.browser.median)} vs ${duration(paired.node.median)}, runs alternated)`,
      met: r <= 1.5
    });
  } else if (browser && node) {
    const r = browser.latency.median / node.latency.median;
    list.push({name: "Browser per-image latency vs onnxruntime-node", goal: "≤ 1.5×", measured: `${ratio(r)} (${duration(browser.latency.median)} vs ${duration(node.latency.median)})`, met: r <= 1.5});
  } else list.push({name: "Browser per-image latency vs onnxruntime-node", goal: "≤ 1.5×", measured: "not measured", met: undefined});
  if (browser?.activations) {
    const r = browser.activations.median / browser.latency.median;
    list.push({name: "Every layer's activations vs logits only", goal: "≤ 1.10×", measured: `${ratio(r)} (${duration(browser.activations.median)} vs ${duration(browser.latency.median)})`, met: r <= 1.1});
  }
  const {goldfish, random, images, same, gaps} = compactAgreement(results);
  // Pooled over every test image; the two sets' own counts are shown next to it.
  const agreement = images ? same / images : 1;
  const count = (a: LogitAgreement | undefined, what: string) => (a ? `${what} ${a.images - a.top1Disagreements}/${a.images}` : `${what} not measured`);
  const bytes = results.models[compact].bytes;
  list.push({
    name: `Compact download offered on the page (${compact}) and top-1 agreement with fp32`,
    goal: "≤ 62 MB, ≥ 99%",
    measured:
      `${megabytes(bytes)}, ${percent(agreement)} (${count(goldfish, "goldfish")}, ${count(random, "random")}; ` +
      `max logit error ${(goldfish?.maxLogitError ?? 0).toExponential(1)} goldfish, ${(random?.maxLogitError ?? 0).toExponential(1)} random` +
      `${gaps.length ? `; fp32's top-2 gap on the flipped images: ${gaps.map((g) => g.toExponential(1)).join(", ")}` : ""})`,
    met: bytes <= 62e6 && agreement >= 0.99
  });
  const first = results.browser.isolated?.firstPrediction[id];
  if (first) {
    list.push({name: "Reload to first prediction", goal: "≤ 2 s", measured: `${duration(first.reload.ms)} (cold load: ${duration(first.cold.ms)})`, met: first.reload.ms <= 2000});
  }
  if (browser?.batch) {
    const total = browser.batch.perImageMs * 10_000;
    list.push({
      name: "10,000 images in the browser",
      goal: "≤ 4 min",
      measured: `${(total / 60_000).toFixed(1)} min (from ${duration(browser.batch.perImageMs)}/image at batch ${browser.batch.size})`,
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
