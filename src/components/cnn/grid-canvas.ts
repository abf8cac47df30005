// A Grid of numbers as a canvas, one canvas pixel per value; CSS scales it up with crisp pixels.
import type {Grid} from "./ops.js";
import {extent} from "./ops.js";
import {el} from "../ui/dom.js";
import {BLUE_WHITE_RED, GRAY, paint, putImage} from "../ui/paint.js";

/** "gray" ramps black → white; "diverging" goes blue (negative) → white (0) → red (positive). */
export type Palette = "gray" | "diverging";

export interface GridCanvasOptions {
  palette?: Palette;
  /** Value range mapped to the colour scale; by default the grid's own range (symmetric for "diverging"). */
  domain?: [number, number];
  /** Displayed width in CSS pixels. */
  displayWidth?: number;
  label: string;
}

export function domainOf(grid: Grid, palette: Palette): [number, number] {
  const [lo, hi] = extent(grid);
  if (palette === "diverging") {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

export function paintGrid(canvas: HTMLCanvasElement, grid: Grid, {palette = "gray", domain}: Pick<GridCanvasOptions, "palette" | "domain"> = {}): void {
  const [lo, hi] = domain ?? domainOf(grid, palette);
  if (palette === "gray") {
    putImage(canvas, paint(grid.data, grid.width, grid.height, GRAY, lo, hi));
    return;
  }
  // Zero stays white whatever the domain: the scale runs over the largest magnitude on either side.
  const limit = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  putImage(canvas, paint(grid.data, grid.width, grid.height, BLUE_WHITE_RED, -limit, limit));
}

export function gridCanvas(grid: Grid, options: GridCanvasOptions): HTMLCanvasElement {
  const canvas = el("canvas", {role: "img", "aria-label": options.label, class: "cnn-canvas"});
  if (options.displayWidth) canvas.style.width = `${options.displayWidth}px`;
  paintGrid(canvas, grid, options);
  return canvas;
}

/** Display width for a pair of demo images: side by side when there is room, otherwise one per row, as large as fits. */
export function pairDisplayWidth(pageWidth: number): number {
  return pageWidth < 560 ? Math.max(140, Math.min(260, pageWidth - 20)) : Math.min(260, Math.floor((pageWidth - 40) / 2));
}

/** A captioned canvas. */
export function figureOf(canvas: HTMLElement, caption: string | Node): HTMLElement {
  return el("figure", {class: "cnn-figure"}, canvas, el("figcaption", {}, caption));
}

export interface PairPanel {
  grid: Grid;
  /** What a screen reader hears for the canvas. */
  label: string;
  caption: string;
}

/** Two grids side by side on one colour scale, so a reader compares like with like (before/after, two poolings). */
export function gridPair(panels: readonly [PairPanel, PairPanel], {palette, domain, width}: {palette: Palette; domain: [number, number]; width: number}): HTMLElement {
  const displayWidth = pairDisplayWidth(width);
  return el("div", {class: "cnn-row"}, ...panels.map(({grid, label, caption}) => figureOf(gridCanvas(grid, {palette, domain, displayWidth, label}), caption)));
}
