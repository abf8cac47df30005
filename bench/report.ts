// Writes docs/performance.md (tables) and the per-layer chart (SVG, drawn by Observable Plot in a jsdom
// document) from bench/results.json's content. The rows, ratios and targets come from
// src/components/bench-summary.ts, which the /performance page uses too.
import {readFile, writeFile} from "node:fs/promises";
import {basename} from "node:path";
import {pathToFileURL} from "node:url";
import {JSDOM} from "jsdom";
import {layerChart} from "../src/components/performance/charts.ts";
import {activationRows, formatMs, latencyRows, layerShares, targets, variantRows, type BenchResults} from "../src/components/core/bench-results.ts";

const pct = (x: number) => `${(100 * x).toFixed(x < 0.999 ? 1 : 0)}%`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (x: number | undefined) => (x === undefined ? "–" : `${x.toFixed(2)}×`);
const opt = (ms: number | undefined) => (ms === undefined ? "–" : formatMs(ms));

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function layerChartSvg(results: BenchResults): string {
  const {document} = new JSDOM("").window;
  const chart = layerChart(results, {document, width: 760});
  // With a legend Plot returns a <figure> around the <svg>s; a standalone file needs one <svg>, so the legend is
  // dropped here (colours: blue convolution, red fully connected, grey other; the Markdown says so).
  // The legend's colour swatches are small <svg>s too, and they come first: the chart is the last one.
  const svg = chart.tagName.toLowerCase() === "svg" ? chart : [...chart.querySelectorAll("svg")].at(-1)!;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}

export function markdown(results: BenchResults, chartFile: string): string {
  const rows = latencyRows(results);
  const variants = variantRows(results);
  const goals = targets(results);
  const browserNote = results.browser.skipped ?? `WebGPU: ${results.browser.isolated?.webgpu.note ?? "not checked"}.`;
  const pytorchNote = "skipped" in results.pytorch ? `PyTorch: ${results.pytorch.skipped}.` : "";
  return `# Performance

Written by \`npm run bench\` on ${results.meta.date.slice(0, 16).replace("T", " ")} UTC (${results.meta.durationS} s) — ${results.meta.cpu}, ${results.meta.cores} cores, ${results.meta.memoryGB} GB, Node ${results.meta.node}, ${results.meta.onnxruntime}.
Raw figures: [bench/results.json](../bench/results.json). The site shows the same tables on its Performance page.

${results.meta.notes.map((n) => `- ${n}`).join("\n")}
- ${browserNote} ${pytorchNote}

## Targets (default variant: ${results.defaultVariant})

${table(
  ["target", "goal", "measured", "met"],
  goals.map((g) => [g.name, g.goal, g.measured, g.met === undefined ? "–" : g.met ? "yes" : "**no**"])
)}

## Latency and throughput

Batch-1 latency is the median of the timed runs (interquartile range in brackets). Ratios divide a row's batch-1 median by
onnxruntime-node's (fp32, all threads) and by PyTorch's, both measured in this run.

${table(
  ["runtime", "weights", "threads", "batch 1", `per image, batch ${rows.find((r) => r.batch)?.batch ?? 50}`, "session creation", "÷ onnxruntime-node", "÷ PyTorch"],
  rows.map((r) => [
    r.runtime,
    r.variant,
    r.threads,
    r.latency ? `${formatMs(r.latency.median)} (±${(r.latency.iqr / 2).toFixed(1)})` : "–",
    opt(r.perImage),
    opt(r.sessionMs),
    ratio(r.vsNode),
    ratio(r.vsPytorch)
  ])
)}

## Browser against Node, under the same load

The rows above were measured one after another, minutes apart, while other programs came and went. Here each
onnxruntime-node run is followed by one browser run (batch 1, logits only, all threads), so both series share the load.

${table(
  ["weights", "onnxruntime-node", "onnxruntime-web (browser)", "browser ÷ node"],
  (results.paired ?? []).map((p) => [
    p.variant,
    `${formatMs(p.node.median)} (±${(p.node.iqr / 2).toFixed(1)})`,
    `${formatMs(p.browser.median)} (±${(p.browser.iqr / 2).toFixed(1)})`,
    ratio(p.browser.median / p.node.median)
  ])
)}

## Every layer's activations vs logits only

The /alexnet page shows every layer's output; fetching all 22 graph outputs instead of the logits alone costs this much
(batch 1, the two kinds of run alternated so that load from other programs hits both alike).

${table(
  ["runtime", "weights", "logits only", "every layer", "ratio", "inside session.run (browser)"],
  activationRows(results).map((r) => [
    r.runtime,
    r.variant,
    formatMs(r.logitsMs),
    formatMs(r.everyLayerMs),
    ratio(r.ratio),
    r.inSession ? `${formatMs(r.inSession.logitsMs)} → ${formatMs(r.inSession.everyLayerMs)}` : "–"
  ])
)}

## Weight-compressed variants

Compressed weights are turned back into float32 when the session is created (the same kernels run), so they change
the download and the rounding of the weights, not the arithmetic. Agreement: share of images whose top-1 class equals
fp32's; logit error: largest absolute difference over all images and classes (relative to the largest |logit|).

${table(
  ["weights", "file", "session (node)", "load (browser)", "batch 1 (node)", "batch 1 (browser)", "goldfish: top-1 agreement", "goldfish: max logit error", "random: top-1 agreement", "random: max logit error", "goldfish top-1 hits"],
  variants.map((v) => [
    v.variant + (v.variant === results.defaultVariant ? " (default)" : ""),
    mb(v.bytes),
    opt(v.nodeCreateMs),
    v.browserLoad ? `${formatMs(v.browserLoad.downloadMs + v.browserLoad.sessionMs)} (download ${formatMs(v.browserLoad.downloadMs)})` : "–",
    opt(v.nodeLatency),
    opt(v.browserLatency),
    v.goldfish ? `${pct(v.goldfish.top1Agreement)} (${v.goldfish.images - v.goldfish.top1Disagreements}/${v.goldfish.images})` : v.variant === "fp32" ? "reference" : "–",
    v.goldfish ? `${v.goldfish.maxLogitError.toExponential(2)} (${v.goldfish.relativeLogitError.toExponential(1)})` : "–",
    v.random ? `${pct(v.random.top1Agreement)} (${v.random.images - v.random.top1Disagreements}/${v.random.images})` : v.variant === "fp32" ? "reference" : "–",
    v.random ? `${v.random.maxLogitError.toExponential(2)} (${v.random.relativeLogitError.toExponential(1)})` : "–",
    v.goldfishTop1 === undefined ? "–" : `${v.goldfishTop1}/50`
  ])
)}

## Where the time goes

onnxruntime's own profile (fp32, batch 1, ${results.profile.threads} threads, median over runs; one run took ${formatMs(results.profile.runMs)} with profiling on).

![Per-layer time: blue convolution, red fully connected, grey other](${chartFile})

${table(
  ["layer", "ms", "share", "onnxruntime ops"],
  layerShares(results).map((l) => [l.label, l.ms.toFixed(2), pct(l.share), l.ops.join(", ")])
)}

## First prediction

${table(
  ["weights", "cold page load (download + session + 1 image)", "reload (Cache API + session + 1 image)"],
  Object.entries(results.browser.isolated?.firstPrediction ?? {}).map(([id, f]) => [id, formatMs(f.cold.ms), formatMs(f.reload.ms)])
)}
`;
}

export async function writeReport(results: BenchResults, markdownFile: string, chartFile: string): Promise<void> {
  await writeFile(chartFile, `${layerChartSvg(results)}\n`);
  await writeFile(markdownFile, markdown(results, basename(chartFile)));
}

// `npx tsx bench/report.ts [results.json] [out.md] [out.svg]` re-renders the docs from saved results (no measuring).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [input = "bench/results.json", out = "docs/performance.md", chart = "docs/performance-layers.svg"] = process.argv.slice(2);
  await writeReport(JSON.parse(await readFile(input, "utf8")) as BenchResults, out, chart);
}
