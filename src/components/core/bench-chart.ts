// The per-layer chart as Observable Plot options: marks are plain descriptions, and only Plot.plot needs a
// DOM to draw them. The /performance page draws these options in the browser and bench/report.ts draws the
// same options into docs/performance-layers.svg through jsdom, so the chart is defined once.
import * as Plot from "@observablehq/plot";
import type {BenchResults} from "./bench-results.js";
import {layerShares} from "./bench-rows.js";
import {share} from "./format.js";

/** Where the time goes: one bar per layer of onnxruntime's profile, coloured by kind of layer. */
export function layerChartOptions(results: BenchResults, {width = 720}: {width?: number} = {}): Plot.PlotOptions {
  const data = layerShares(results);
  return {
    width,
    height: 50 + 22 * data.length,
    marginLeft: width < 500 ? 150 : 200,
    marginRight: 50,
    x: {label: `ms per image (onnxruntime-node, ${results.profile.variant}, batch 1, ${results.profile.threads} threads)`, grid: true},
    y: {label: null, domain: data.map((d) => d.label)},
    color: {legend: true, domain: ["convolution", "fully connected", "other"], range: ["#4269d0", "#ff725c", "#a0a0a0"]},
    marks: [
      Plot.barX(data, {x: "ms", y: "label", fill: "group", title: (d) => `${d.label}: ${d.ms.toFixed(2)} ms (${share(d.share)})`}),
      Plot.text(data, {x: "ms", y: "label", text: (d) => share(d.share), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  };
}
