// ReLU demo: the convolution output before and after max(0, x), on the same colour scale.
import type {Grid} from "./ops.js";
import {relu} from "./ops.js";
import {domainOf, figureOf, gridCanvas, pairDisplayWidth} from "./render.js";
import {el} from "../ui/dom.js";

/** How many values ReLU sets to zero (negative inputs), and the fraction of the map that is. */
export function zeroedByRelu(grid: Grid): {count: number; fraction: number} {
  let count = 0;
  for (const v of grid.data) if (v < 0) count += 1;
  return {count, fraction: grid.data.length ? count / grid.data.length : 0};
}

export function reluDemo(convolved: Grid, {width = 640}: {width?: number} = {}): HTMLElement {
  const display = pairDisplayWidth(width);
  const domain = domainOf(convolved, "diverging");
  const after = relu(convolved);
  const {count, fraction} = zeroedByRelu(convolved);
  return el(
    "div",
    {class: "cnn-demo"},
    el(
      "div",
      {class: "cnn-row"},
      figureOf(gridCanvas(convolved, {palette: "diverging", domain, displayWidth: display, label: "Convolution output before ReLU"}), "Before: the convolution output"),
      figureOf(gridCanvas(after, {palette: "diverging", domain, displayWidth: display, label: "After ReLU: negative values set to zero"}), "After ReLU: every blue value is now 0")
    ),
    el(
      "p",
      {"data-testid": "relu-summary"},
      `ReLU set ${count.toLocaleString("en-US")} of ${convolved.data.length.toLocaleString("en-US")} values (${(fraction * 100).toFixed(1)} %) to zero and passed the rest through unchanged.`
    )
  );
}
