// Pooling demo: classic 2×2/2 against AlexNet's overlapping 3×3/2, on the real map and on a small diagram
// where choosing an output cell lights up the input cells it reads, and shared cells are marked.
import type {Grid, PoolShape} from "./ops.js";
import {maxPool, poolWindow, pooledSize, windowsPerCell} from "./ops.js";
import {domainOf, gridPair} from "./grid-canvas.js";
import {el, svgEl, uid} from "../ui/dom.js";

export const CLASSIC: PoolShape = {size: 2, stride: 2};
export const OVERLAPPING: PoolShape = {size: 3, stride: 2};

/** Input cells read by two or more windows, out of all cells, for a side×side input. */
export function sharedCells(side: number, shape: PoolShape): {shared: number; total: number} {
  const counts = windowsPerCell(side, side, shape);
  let shared = 0;
  for (const c of counts.data) if (c >= 2) shared += 1;
  return {shared, total: counts.data.length};
}

const DIAGRAM_SIDE = 9;

function diagram(shape: PoolShape, title: string): HTMLElement {
  const cell = 22;
  const counts = windowsPerCell(DIAGRAM_SIDE, DIAGRAM_SIDE, shape);
  const out = pooledSize(DIAGRAM_SIDE, shape);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${DIAGRAM_SIDE * cell} ${DIAGRAM_SIDE * cell}`,
    width: DIAGRAM_SIDE * cell,
    height: DIAGRAM_SIDE * cell,
    role: "img",
    "aria-label": `${title}: a ${DIAGRAM_SIDE}×${DIAGRAM_SIDE} input; shaded cells are read by more than one window`
  });
  for (let y = 0; y < DIAGRAM_SIDE; y++) {
    for (let x = 0; x < DIAGRAM_SIDE; x++) {
      const n = counts.data[y * DIAGRAM_SIDE + x]!;
      svg.append(svgEl("rect", {x: x * cell + 1, y: y * cell + 1, width: cell - 2, height: cell - 2, class: `pool-cell pool-count-${Math.min(n, 4)}`}));
      if (n >= 2) svg.append(svgEl("text", {x: x * cell + cell / 2, y: y * cell + cell / 2 + 4, "text-anchor": "middle", class: "pool-count-label"}, String(n)));
    }
  }
  const outline = svgEl("rect", {x: 0, y: 0, width: shape.size * cell, height: shape.size * cell, class: "pool-window"});
  svg.append(outline);
  const status = el("p", {class: "cnn-small", "aria-live": "polite"});
  const groupId = uid("pool-out");
  const buttons: HTMLButtonElement[] = [];
  function choose(ox: number, oy: number): void {
    outline.setAttribute("x", String(ox * shape.stride * cell));
    outline.setAttribute("y", String(oy * shape.stride * cell));
    const window = poolWindow(ox, oy, shape);
    const shared = window.filter(([x, y]) => counts.data[y * DIAGRAM_SIDE + x]! >= 2).length;
    status.textContent = `Output (${ox + 1}, ${oy + 1}) takes the maximum of ${window.length} input cells, ${shared} of them shared with a neighbouring window.`;
    for (const b of buttons) b.setAttribute("aria-pressed", b.dataset.cell === `${ox},${oy}` ? "true" : "false");
  }
  const outGrid = el("div", {class: "pool-outputs", role: "group", "aria-labelledby": groupId});
  outGrid.style.gridTemplateColumns = `repeat(${out}, 2.2rem)`;
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      const b = el("button", {type: "button", "data-cell": `${ox},${oy}`, "aria-label": `output column ${ox + 1}, row ${oy + 1}`}, `${ox + 1},${oy + 1}`);
      b.addEventListener("click", () => choose(ox, oy));
      b.addEventListener("focus", () => choose(ox, oy));
      b.addEventListener("mouseenter", () => choose(ox, oy));
      buttons.push(b);
      outGrid.append(b);
    }
  }
  choose(0, 0);
  const {shared, total} = sharedCells(DIAGRAM_SIDE, shape);
  return el(
    "div",
    {class: "pool-diagram"},
    el("p", {class: "cnn-control-label", id: groupId}, `${title}: ${out}×${out} outputs from ${DIAGRAM_SIDE}×${DIAGRAM_SIDE} inputs`),
    svg,
    outGrid,
    status,
    el("p", {class: "cnn-small"}, `${shared} of ${total} input cells are read by two or more windows.`)
  );
}

export function poolingDemo(activations: Grid, {width = 640}: {width?: number} = {}): HTMLElement {
  const domain = domainOf(activations, "gray");
  const classic = maxPool(activations, CLASSIC);
  const overlapping = maxPool(activations, OVERLAPPING);
  const size = (g: Grid) => `${g.width}×${g.height}`;
  return el(
    "div",
    {class: "cnn-demo"},
    gridPair(
      [
        {grid: classic, label: `2×2 stride 2 max pooling, ${size(classic)}`, caption: `2×2, stride 2 → ${size(classic)}`},
        {grid: overlapping, label: `3×3 stride 2 max pooling, ${size(overlapping)}`, caption: `3×3, stride 2 (AlexNet) → ${size(overlapping)}`}
      ],
      {palette: "gray", domain, width}
    ),
    el("p", {class: "cnn-small"}, `From the ${size(activations)} ReLU map. Both roughly halve the resolution; with 3×3 windows every other row and column is read by two windows, and the crossings by four.`),
    el("div", {class: "cnn-row"}, diagram(CLASSIC, "2×2, stride 2"), diagram(OVERLAPPING, "3×3, stride 2"))
  );
}
