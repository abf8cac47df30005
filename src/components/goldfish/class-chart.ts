// Per-class accuracy as horizontal bars (top-5 behind, top-1 in front), one row per Tiny ImageNet class,
// sortable so the easiest and hardest classes can be read off either end.
import * as Plot from "@observablehq/plot";
import type {ClassAccuracy} from "../core/evaluation-metrics.js";
import {percent} from "../core/format.js";

export type ClassSort = "top1-desc" | "top1-asc" | "top5-desc" | "name" | "label";

export const CLASS_SORTS: Record<ClassSort, string> = {
  "top1-desc": "top-1 accuracy, best first",
  "top1-asc": "top-1 accuracy, worst first",
  "top5-desc": "top-5 accuracy, best first",
  name: "class name",
  label: "dataset label"
};

export function sortClasses(rows: readonly ClassAccuracy[], sort: ClassSort): ClassAccuracy[] {
  const byName = (a: ClassAccuracy, b: ClassAccuracy) => a.name.localeCompare(b.name);
  const compare: Record<ClassSort, (a: ClassAccuracy, b: ClassAccuracy) => number> = {
    "top1-desc": (a, b) => b.top1 - a.top1 || b.top5 - a.top5 || byName(a, b),
    "top1-asc": (a, b) => a.top1 - b.top1 || a.top5 - b.top5 || byName(a, b),
    "top5-desc": (a, b) => b.top5 - a.top5 || b.top1 - a.top1 || byName(a, b),
    name: byName,
    label: (a, b) => a.label - b.label
  };
  return rows.filter((row) => row.scored > 0).sort(compare[sort]);
}

export function evaluationClassChart(rows: readonly ClassAccuracy[], {width, sort = "top1-desc"}: {width: number; sort?: ClassSort}): Element {
  const sorted = sortClasses(rows, sort);
  const order = sorted.map((row) => `${row.name} (${row.label})`);
  const data = sorted.map((row) => ({...row, key: `${row.name} (${row.label})`}));
  const compact = width < 600;
  return Plot.plot({
    width,
    height: Math.max(80, 16 * data.length + 40),
    marginLeft: compact ? 120 : 190,
    x: {domain: [0, 1], percent: true, label: "accuracy (%)", grid: true, axis: "top"},
    y: {domain: order, label: null, tickFormat: (key: string) => (compact && key.length > 20 ? `${key.slice(0, 19)}…` : key)},
    marks: [
      Plot.barX(data, {x: "top5", y: "key", fill: "currentColor", fillOpacity: 0.2, title: (d: ClassAccuracy) => `${d.name}: top-5 ${percent(d.top5, 0)} of ${d.scored}`}),
      Plot.barX(data, {x: "top1", y: "key", fill: "var(--theme-foreground-focus)", title: (d: ClassAccuracy) => `${d.name}: top-1 ${percent(d.top1, 0)} of ${d.scored}`}),
      Plot.ruleX([0])
    ]
  });
}
