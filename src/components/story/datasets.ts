// Dataset sizes of the time on a log scale: Caltech-101 to full ImageNet spans three orders of magnitude.
import * as Plot from "@observablehq/plot";
import type {DatasetSize} from "./history-data.js";
import {DATASETS} from "./history-data.js";
import {millions} from "../core/format.js";

export function datasetsChart({width}: {width: number}): SVGSVGElement | HTMLElement {
  const data = [...DATASETS].sort((a, b) => a.images - b.images);
  const narrow = width < 520;
  // On a phone "14.2 M" keeps the label on one line; wider screens show the full count.
  const label = (d: DatasetSize) => `${narrow ? d.shortName : d.name}: ${narrow ? millions(d.images) : d.images.toLocaleString("en-US")} images${d.classes ? `, ${d.classes.toLocaleString("en-US")} classes` : ", free tags"}`;
  return Plot.plot({
    ariaLabel: "Dataset sizes on a logarithmic scale, from Caltech-101 (9,146 images) to the full ImageNet (14,197,122 images)",
    width,
    height: 70 + data.length * 46,
    marginLeft: 10,
    marginRight: 16,
    marginTop: 30,
    x: {type: "log", domain: [1_000, 30_000_000], label: "Images (log scale)", grid: true, tickFormat: "~s"},
    y: {domain: data.map((d) => d.name), axis: null},
    marks: [
      Plot.ruleY(data, {y: "name", x1: 1_000, x2: "images", stroke: (d: DatasetSize) => (d.name.startsWith("ImageNet") || d.name.startsWith("ILSVRC") ? "var(--accent)" : "currentColor"), strokeWidth: 3}),
      Plot.dot(data, {y: "name", x: "images", r: 5, fill: (d: DatasetSize) => (d.name.startsWith("ImageNet") || d.name.startsWith("ILSVRC") ? "var(--accent)" : "currentColor"), tip: true, channels: {Classes: (d: DatasetSize) => d.classes ?? "free tags", Note: "note"}}),
      Plot.text(data, {y: "name", x: 1_000, text: label, textAnchor: "start", dy: -12, fontSize: narrow ? 11 : 12})
    ]
  });
}
