// Draws a Grid of numbers onto a canvas, one canvas pixel per value; CSS scales it up with crisp pixels.
import type {Grid} from "./ops.js";
import {extent} from "./ops.js";
import {el} from "../ui/dom.js";

export type Palette = "gray" | "diverging";

export interface RenderOptions {
  palette?: Palette;
  /** Value range mapped to the colour scale; by default the grid's own range (symmetric for "diverging"). */
  domain?: [number, number];
  /** Displayed width in CSS pixels. */
  displayWidth?: number;
  label: string;
}

/** The RGB colour for a value: gray ramps black→white; diverging goes blue (negative) → white (0) → red (positive). */
export function colourOf(value: number, palette: Palette, [lo, hi]: [number, number]): [number, number, number] {
  if (palette === "gray") {
    const t = hi > lo ? Math.min(1, Math.max(0, (value - lo) / (hi - lo))) : 0;
    const g = Math.round(t * 255);
    return [g, g, g];
  }
  const limit = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const t = Math.min(1, Math.abs(value) / limit);
  const fade = Math.round(255 * (1 - t));
  return value >= 0 ? [255, fade, fade] : [fade, fade, 255];
}

export function domainOf(grid: Grid, palette: Palette): [number, number] {
  const [lo, hi] = extent(grid);
  if (palette === "diverging") {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

export function paintGrid(canvas: HTMLCanvasElement, grid: Grid, {palette = "gray", domain}: Omit<RenderOptions, "label" | "displayWidth"> = {}): void {
  canvas.width = grid.width;
  canvas.height = grid.height;
  const context = canvas.getContext("2d");
  if (!context) return;
  const range = domain ?? domainOf(grid, palette);
  const image = context.createImageData(grid.width, grid.height);
  for (let i = 0; i < grid.data.length; i++) {
    const [r, g, b] = colourOf(grid.data[i]!, palette, range);
    image.data[i * 4] = r;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = b;
    image.data[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

export function gridCanvas(grid: Grid, options: RenderOptions): HTMLCanvasElement {
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
