// The benchmark's chart and tables as DOM: the /performance page shows them, and bench/report.ts draws the
// same chart into docs/ through a jsdom document. Rows and figures come from bench-summary.ts.
import * as Plot from "@observablehq/plot";
import {formatMs, latencyRows, layerShares, targets, variantRows, type BenchResults} from "../core/bench-results.js";

const pct = (x: number) => `${(100 * x).toFixed(x < 0.999 ? 1 : 0)}%`;

/** Where the time goes: one bar per layer of onnxruntime's profile, coloured by kind of layer. */
export function layerChart(results: BenchResults, {width = 720, document: doc}: {width?: number; document?: Document} = {}): SVGSVGElement | HTMLElement {
  const data = layerShares(results);
  return Plot.plot({
    document: doc,
    width,
    height: 50 + 22 * data.length,
    marginLeft: width < 500 ? 150 : 200,
    marginRight: 50,
    x: {label: `ms per image (onnxruntime-node, ${results.profile.variant}, batch 1, ${results.profile.threads} threads)`, grid: true},
    y: {label: null, domain: data.map((d) => d.label)},
    color: {legend: true, domain: ["convolution", "fully connected", "other"], range: ["#4269d0", "#ff725c", "#a0a0a0"]},
    marks: [
      Plot.barX(data, {x: "ms", y: "label", fill: "group", title: (d) => `${d.label}: ${d.ms.toFixed(2)} ms (${pct(d.share)})`}),
      Plot.text(data, {x: "ms", y: "label", text: (d) => pct(d.share), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

type Cell = string | number;

function htmlTable(doc: Document, header: string[], rows: Cell[][], caption: string): HTMLElement {
  const table = doc.createElement("table");
  const cap = doc.createElement("caption");
  cap.textContent = caption;
  table.append(cap);
  const head = table.createTHead().insertRow();
  for (const h of header) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = doc.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.setAttribute("scope", "row");
      td.textContent = String(cell);
      td.style.verticalAlign = "top";
      tr.append(td);
    });
  }
  // Wide tables scroll sideways on a phone instead of squeezing every column.
  const wrapper = doc.createElement("div");
  wrapper.className = "bench-table";
  wrapper.style.overflowX = "auto";
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", caption);
  wrapper.append(table);
  return wrapper;
}

const opt = (ms: number | undefined) => (ms === undefined ? "–" : formatMs(ms));
const ratio = (x: number | undefined) => (x === undefined ? "–" : `${x.toFixed(2)}×`);

export function targetsTable(results: BenchResults, doc: Document = document): HTMLElement {
  return htmlTable(
    doc,
    ["target", "goal", "measured", "met"],
    targets(results).map((t) => [t.name, t.goal, t.measured, t.met === undefined ? "–" : t.met ? "yes" : "no"]),
    `The issue's targets, on the default (${results.defaultVariant}) model`
  );
}

export function latencyTable(results: BenchResults, doc: Document = document): HTMLElement {
  const rows = latencyRows(results);
  const batch = rows.find((r) => r.batch)?.batch ?? 50;
  return htmlTable(
    doc,
    ["runtime", "weights", "threads", "batch 1 (median ± half IQR)", `per image, batch ${batch}`, "session creation", "÷ onnxruntime-node", "÷ PyTorch"],
    rows.map((r) => [
      r.runtime,
      r.variant,
      r.threads,
      r.latency ? `${formatMs(r.latency.median)} ± ${(r.latency.iqr / 2).toFixed(1)}` : "–",
      opt(r.perImage),
      opt(r.sessionMs),
      ratio(r.vsNode),
      ratio(r.vsPytorch)
    ]),
    "Latency and throughput"
  );
}

export function variantsTable(results: BenchResults, doc: Document = document): HTMLElement {
  return htmlTable(
    doc,
    ["weights", "file", "batch 1 (browser)", "load in browser", "goldfish: same top-1 as fp32", "goldfish: max logit error", "random: same top-1", "random: max logit error"],
    variantRows(results).map((v) => [
      v.variant + (v.variant === results.defaultVariant ? " (default)" : ""),
      `${(v.bytes / 1e6).toFixed(1)} MB`,
      opt(v.browserLatency),
      v.browserLoad ? formatMs(v.browserLoad.downloadMs + v.browserLoad.sessionMs) : "–",
      v.goldfish ? `${v.goldfish.images - v.goldfish.top1Disagreements}/${v.goldfish.images}` : v.variant === "fp32" ? "reference" : "–",
      v.goldfish ? v.goldfish.maxLogitError.toExponential(1) : "–",
      v.random ? `${v.random.images - v.random.top1Disagreements}/${v.random.images}` : v.variant === "fp32" ? "reference" : "–",
      v.random ? v.random.maxLogitError.toExponential(1) : "–"
    ]),
    "The same weights stored three ways"
  );
}

/** Browser and Node timed run by run in turn, so their ratio shares one load (absent in older results). */
export function pairedTable(results: BenchResults, doc: Document = document): HTMLElement | string {
  if (!results.paired?.length) return "";
  return htmlTable(
    doc,
    ["weights", "onnxruntime-node", "onnxruntime-web (browser)", "browser ÷ node"],
    results.paired.map((p) => [
      p.variant,
      `${formatMs(p.node.median)} ± ${(p.node.iqr / 2).toFixed(1)}`,
      `${formatMs(p.browser.median)} ± ${(p.browser.iqr / 2).toFixed(1)}`,
      ratio(p.browser.median / p.node.median)
    ]),
    "Browser against Node, runs alternated (batch 1, all threads)"
  );
}
