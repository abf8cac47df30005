// Writes docs/performance.md (tables) and the per-layer chart (SVG, drawn by Observable Plot in a jsdom
// document) from bench/results.json's content. The tables and the chart are defined in src/components/core/
// (bench-tables.ts, bench-chart.ts), which the /performance page draws too.
import {readFile, writeFile} from "node:fs/promises";
import {basename} from "node:path";
import {pathToFileURL} from "node:url";
import * as Plot from "@observablehq/plot";
import {JSDOM} from "jsdom";
import {layerChartOptions} from "../src/components/core/bench-chart.ts";
import type {BenchResults} from "../src/components/core/bench-results.ts";
import {
  activationsTable,
  firstPredictionTable,
  latencyTable,
  layersTable,
  pairedTable,
  targetsTable,
  variantsTable,
  type BenchTable
} from "../src/components/core/bench-tables.ts";
import {duration} from "../src/components/core/format.ts";

function table({header, rows}: BenchTable): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function layerChartSvg(results: BenchResults): string {
  const {document} = new JSDOM("").window;
  const chart = Plot.plot({...layerChartOptions(results, {width: 760}), document});
  // With a legend Plot returns a <figure> around the <svg>s; a standalone file needs one <svg>, so the legend is
  // dropped here (colours: blue convolution, red fully connected, grey other; the Markdown says so).
  // The legend's colour swatches are small <svg>s too, and they come first: the chart is the last one.
  const svg = chart.tagName.toLowerCase() === "svg" ? chart : [...chart.querySelectorAll("svg")].at(-1)!;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}

export function markdown(results: BenchResults, chartFile: string): string {
  const browserNote = results.browser.skipped ?? `WebGPU: ${results.browser.isolated?.webgpu.note ?? "not checked"}.`;
  const pytorchNote = "skipped" in results.pytorch ? `PyTorch: ${results.pytorch.skipped}.` : "";
  return `# Performance

Written by \`npm run bench\` on ${results.meta.date.slice(0, 16).replace("T", " ")} UTC (${results.meta.durationS} s) — ${results.meta.cpu}, ${results.meta.cores} cores, ${results.meta.memoryGB} GB, Node ${results.meta.node}, ${results.meta.onnxruntime}.
Raw figures: [bench/results.json](../bench/results.json). The site shows the same tables on its Performance page.

${results.meta.notes.map((n) => `- ${n}`).join("\n")}
- ${browserNote} ${pytorchNote}

## Targets (default variant: ${results.defaultVariant})

${table(targetsTable(results, "report"))}

## Latency and throughput

Batch-1 latency is the median of the timed runs (interquartile range in brackets). Ratios divide a row's batch-1 median by
onnxruntime-node's (fp32, all threads) and by PyTorch's, both measured in this run.

${table(latencyTable(results, "report"))}

## Browser against Node, under the same load

The rows above were measured one after another, minutes apart, while other programs came and went. Here each
onnxruntime-node run is followed by one browser run (batch 1, logits only, all threads), so both series share the load.

${table(pairedTable(results, "report"))}

## Every layer's activations vs logits only

The /alexnet page shows every layer's output; fetching all 22 graph outputs instead of the logits alone costs this much
(batch 1, the two kinds of run alternated so that load from other programs hits both alike).

${table(activationsTable(results))}

## Weight-compressed variants

Compressed weights are turned back into float32 when the session is created (the same kernels run), so they change
the download and the rounding of the weights, not the arithmetic. Agreement: share of images whose top-1 class equals
fp32's; logit error: largest absolute difference over all images and classes (relative to the largest |logit|).

${table(variantsTable(results, "report"))}

## Where the time goes

onnxruntime's own profile (fp32, batch 1, ${results.profile.threads} threads, median over runs; one run took ${duration(results.profile.runMs)} with profiling on).

![Per-layer time: blue convolution, red fully connected, grey other](${chartFile})

${table(layersTable(results))}

## First prediction

${table(firstPredictionTable(results))}
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
