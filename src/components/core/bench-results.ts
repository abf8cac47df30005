// The shape of bench/results.json, which `npm run bench` writes and the /performance page reads, and of the
// figures the in-browser benchmark (performance/bench-browser.ts) hands back to it. The rows and tables read off
// these results are in bench-rows.ts and bench-tables.ts.
import type {Timing} from "./bench-stats.js";
import type {LoadedInfo} from "./inference.js";
import type {LogitAgreement} from "./logit-agreement.js";
import type {ModelVariantId} from "./model-variants.js";

/** What the in-browser benchmark times, and how often. */
export interface BenchOptions {
  warmup: number;
  runs: number;
  /** Also time fetching every layer's output, not only the logits. */
  activations: boolean;
  /** Images per run for the throughput figure; 0 skips it. */
  batch: number;
  batchRuns: number;
}

/** One model file timed in the browser through the site's Worker. */
export interface BrowserBench {
  load: LoadedInfo;
  /** Wall time of runtime.load (download or cache read + session creation), as the page sees it. */
  loadMs: number;
  /** One image, logits only: the round trip page → Worker → page. */
  latency: Timing;
  /** The part of `latency` spent inside session.run in the Worker (the rest is messaging and copies). */
  latencyInSession: Timing;
  /** One image, every graph output. */
  activations?: Timing;
  activationsInSession?: Timing;
  /** `batch` images in one call, logits only; divide by batch for per-image throughput. */
  batch?: {size: number; timing: Timing; perImageMs: number};
}

export interface FirstPrediction {
  /** From the start of navigation to the first logits back on the page, milliseconds. */
  ms: number;
  load: LoadedInfo;
}

export interface NodeRun {
  variant: ModelVariantId;
  threads: number;
  createMs: number;
  latency: Timing;
  activations?: Timing;
  batch?: {size: number; timing: Timing; perImageMs: number};
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
    goldfish: {images: number; goldfishTop1: Record<ModelVariantId, number>; vsFp32: Partial<Record<ModelVariantId, LogitAgreement>>} | {skipped: string};
    random: {images: number; vsFp32: Partial<Record<ModelVariantId, LogitAgreement>>};
  };
}
