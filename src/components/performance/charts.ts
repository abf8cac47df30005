// The benchmark's chart and tables on the /performance page. What they show is defined in core/ (bench-chart.ts,
// bench-tables.ts), which bench/report.ts renders into docs/performance.md too; this module only draws it.
import * as Plot from "@observablehq/plot";
import {layerChartOptions} from "../core/bench-chart.js";
import type {BenchResults} from "../core/bench-results.js";
import * as tables from "../core/bench-tables.js";
import {el} from "../ui/dom.js";

/** Where the time goes: one bar per layer of onnxruntime's profile, coloured by kind of layer. */
export function layerChart(results: BenchResults, {width}: {width?: number} = {}): SVGSVGElement | HTMLElement {
  return Plot.plot(layerChartOptions(results, {width}));
}

/** A table in a box of its own that a keyboard can reach: wide tables scroll sideways on a phone instead of squeezing every column. */
function htmlTable({caption, header, rows}: tables.BenchTable): HTMLElement {
  return el(
    "div",
    {class: "bench-table", tabindex: 0, role: "region", "aria-label": caption},
    el(
      "table",
      {},
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ...header.map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((cell, i) => (i === 0 ? el("th", {scope: "row"}, cell) : el("td", {}, cell))))))
    )
  );
}

export function targetsTable(results: BenchResults): HTMLElement {
  return htmlTable(tables.targetsTable(results, "page"));
}

export function latencyTable(results: BenchResults): HTMLElement {
  return htmlTable(tables.latencyTable(results, "page"));
}

export function variantsTable(results: BenchResults): HTMLElement {
  return htmlTable(tables.variantsTable(results, "page"));
}

/** Nothing for results older than the alternated runs. */
export function pairedTable(results: BenchResults): HTMLElement | string {
  return results.paired?.length ? htmlTable(tables.pairedTable(results, "page")) : "";
}
