// Every benchmark table once, as a caption, a header and rows of cell text: bench/report.ts writes them as
// Markdown into docs/performance.md and the /performance page (performance/charts.ts) shows them as HTML,
// so a figure reads the same in both. The page shows a shorter version of some tables than the report.
import type {BenchResults} from "./bench-results.js";
import type {Timing} from "./bench-stats.js";
import {activationRows, latencyRows, layerShares, targets, variantRows, type VariantRow} from "./bench-rows.js";
import {duration, megabytes, ratio, share} from "./format.js";
import type {LogitAgreement} from "./logit-agreement.js";

export interface BenchTable {
  caption: string;
  header: string[];
  /** The first cell of each row names it (a row header on the page). */
  rows: string[][];
}

/**
 * Which version of a table: the /performance page's ("page"), or docs/performance.md's ("report"), which
 * writes a spread as "(±x)" below a heading that explains it and has more columns and digits.
 */
export type TableVersion = "page" | "report";

/** A column: its header and how a row fills it, side by side. */
type Column<R> = [header: string, cell: (row: R) => string];

function tabulate<R>(caption: string, rows: readonly R[], columns: readonly Column<R>[]): BenchTable {
  return {caption, header: columns.map(([header]) => header), rows: rows.map((row) => columns.map(([, cell]) => cell(row)))};
}

const orDash = (ms: number | undefined) => (ms === undefined ? "–" : duration(ms));

/** Median and half the interquartile range, in milliseconds. */
function medianSpread(timing: Timing, version: TableVersion): string {
  const spread = (timing.iqr / 2).toFixed(1);
  return version === "page" ? `${duration(timing.median)} ± ${spread}` : `${duration(timing.median)} (±${spread})`;
}

export function targetsTable(results: BenchResults, version: TableVersion): BenchTable {
  // The report puts a missed target in bold.
  const missed = version === "page" ? "no" : "**no**";
  return tabulate(`The issue's targets, on the default (${results.defaultVariant}) model`, targets(results), [
    ["target", (t) => t.name],
    ["goal", (t) => t.goal],
    ["measured", (t) => t.measured],
    ["met", (t) => (t.met === undefined ? "–" : t.met ? "yes" : missed)]
  ]);
}

export function latencyTable(results: BenchResults, version: TableVersion): BenchTable {
  const rows = latencyRows(results);
  const batch = rows.find((r) => r.batch)?.batch ?? 50;
  return tabulate("Latency and throughput", rows, [
    ["runtime", (r) => r.runtime],
    ["weights", (r) => r.variant],
    ["threads", (r) => r.threads],
    [version === "page" ? "batch 1 (median ± half IQR)" : "batch 1", (r) => (r.latency ? medianSpread(r.latency, version) : "–")],
    [`per image, batch ${batch}`, (r) => orDash(r.perImage)],
    ["session creation", (r) => orDash(r.sessionMs)],
    ["÷ onnxruntime-node", (r) => ratio(r.vsNode)],
    ["÷ PyTorch", (r) => ratio(r.vsPytorch)]
  ]);
}

/** Browser and Node timed run by run in turn, so their ratio shares one load (no rows in older results). */
export function pairedTable(results: BenchResults, version: TableVersion): BenchTable {
  return tabulate("Browser against Node, runs alternated (batch 1, all threads)", results.paired ?? [], [
    ["weights", (p) => p.variant],
    ["onnxruntime-node", (p) => medianSpread(p.node, version)],
    ["onnxruntime-web (browser)", (p) => medianSpread(p.browser, version)],
    ["browser ÷ node", (p) => ratio(p.browser.median / p.node.median)]
  ]);
}

export function variantsTable(results: BenchResults, version: TableVersion): BenchTable {
  const hits = (a: LogitAgreement) => `${a.images - a.top1Disagreements}/${a.images}`;
  // fp32 is what the others are compared with.
  const agreement = (a: LogitAgreement | undefined, v: VariantRow) =>
    a ? (version === "page" ? hits(a) : `${share(a.top1Agreement)} (${hits(a)})`) : v.variant === "fp32" ? "reference" : "–";
  const logitError = (a: LogitAgreement | undefined) =>
    !a ? "–" : version === "page" ? a.maxLogitError.toExponential(1) : `${a.maxLogitError.toExponential(2)} (${a.relativeLogitError.toExponential(1)})`;
  const weights: Column<VariantRow> = ["weights", (v) => v.variant + (v.variant === results.defaultVariant ? " (default)" : "")];
  const file: Column<VariantRow> = ["file", (v) => megabytes(v.bytes)];
  const browserLatency: Column<VariantRow> = ["batch 1 (browser)", (v) => orDash(v.browserLatency)];
  const caption = "The same weights stored three ways";
  if (version === "page") {
    return tabulate(caption, variantRows(results), [
      weights,
      file,
      browserLatency,
      ["load in browser", (v) => (v.browserLoad ? duration(v.browserLoad.downloadMs + v.browserLoad.sessionMs) : "–")],
      ["goldfish: same top-1 as fp32", (v) => agreement(v.goldfish, v)],
      ["goldfish: max logit error", (v) => logitError(v.goldfish)],
      ["random: same top-1", (v) => agreement(v.random, v)],
      ["random: max logit error", (v) => logitError(v.random)]
    ]);
  }
  return tabulate(caption, variantRows(results), [
    weights,
    file,
    ["session (node)", (v) => orDash(v.nodeCreateMs)],
    ["load (browser)", (v) => (v.browserLoad ? `${duration(v.browserLoad.downloadMs + v.browserLoad.sessionMs)} (download ${duration(v.browserLoad.downloadMs)})` : "–")],
    ["batch 1 (node)", (v) => orDash(v.nodeLatency)],
    browserLatency,
    ["goldfish: top-1 agreement", (v) => agreement(v.goldfish, v)],
    ["goldfish: max logit error", (v) => logitError(v.goldfish)],
    ["random: top-1 agreement", (v) => agreement(v.random, v)],
    ["random: max logit error", (v) => logitError(v.random)],
    ["goldfish top-1 hits", (v) => (v.goldfishTop1 === undefined ? "–" : `${v.goldfishTop1}/50`)]
  ]);
}

// The tables below are in the report only.

export function activationsTable(results: BenchResults): BenchTable {
  return tabulate("Every layer's activations vs logits only", activationRows(results), [
    ["runtime", (r) => r.runtime],
    ["weights", (r) => r.variant],
    ["logits only", (r) => duration(r.logitsMs)],
    ["every layer", (r) => duration(r.everyLayerMs)],
    ["ratio", (r) => ratio(r.ratio)],
    ["inside session.run (browser)", (r) => (r.inSession ? `${duration(r.inSession.logitsMs)} → ${duration(r.inSession.everyLayerMs)}` : "–")]
  ]);
}

export function layersTable(results: BenchResults): BenchTable {
  return tabulate("Where the time goes", layerShares(results), [
    ["layer", (l) => l.label],
    ["ms", (l) => l.ms.toFixed(2)],
    ["share", (l) => share(l.share)],
    ["onnxruntime ops", (l) => l.ops.join(", ")]
  ]);
}

export function firstPredictionTable(results: BenchResults): BenchTable {
  return tabulate("First prediction", Object.entries(results.browser.isolated?.firstPrediction ?? {}), [
    ["weights", ([id]) => id],
    ["cold page load (download + session + 1 image)", ([, f]) => duration(f.cold.ms)],
    ["reload (Cache API + session + 1 image)", ([, f]) => duration(f.reload.ms)]
  ]);
}
