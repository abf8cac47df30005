// ReLU demo: the convolution output before and after max(0, x), on the same colour scale.
import type {Grid} from "./ops.js";
import {relu} from "./ops.js";
import {domainOf, gridPair} from "./grid-canvas.js";
import {el} from "../ui/dom.js";
import {percent} from "../core/format.js";

/** How many values ReLU sets to zero (negative inputs), and the fraction of the map that is. */
export function zeroedByRelu(grid: Grid): {count: number; fraction: number} {
  let count = 0;
  for (const v of grid.data) if (v < 0) count += 1;
  return {count, fraction: grid.data.length ? count / grid.data.length : 0};
}

export function reluDemo(convolved: Grid, {width = 640}: {width?: number} = {}): HTMLElement {
  const domain = domainOf(convolved, "diverging");
  const after = relu(convolved);
  const {count, fraction} = zeroedByRelu(convolved);
  const share = percent(fraction).replace("%", " %"); // the page's prose writes a space before % ("25 %")
  return el(
    "div",
    {class: "cnn-demo"},
    gridPair(
      [
        {grid: convolved, label: "Convolution output before ReLU", caption: "Before: the convolution output"},
        {grid: after, label: "After ReLU: negative values set to zero", caption: "After ReLU: every blue value is now 0"}
      ],
      {palette: "diverging", domain, width}
    ),
    el(
      "p",
      {"data-testid": "relu-summary"},
      `ReLU set ${count.toLocaleString("en-US")} of ${convolved.data.length.toLocaleString("en-US")} values (${share}) to zero and passed the rest through unchanged.`
    )
  );
}
