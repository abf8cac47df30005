// Colour scales for activations, weights and the /cnn demo maps, as lookup tables: painting a 55×55×64 layer
// calls the scale 193,600 times, and a table is a plain array read instead of a colour-string parse.
import {interpolateInferno, interpolateRdBu, rgb} from "d3";
import {el} from "./dom.js";

/** n colours as consecutive RGB triples; `paint` maps the low end of its range to the first, the high end to the last. */
export type Lut = Uint8ClampedArray;

function lut(interpolate: (t: number) => string): Lut {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolate(i / 255));
    table.set([c.r, c.g, c.b], i * 3);
  }
  return table;
}

/** Non-negative values (ReLU and pool outputs): black → yellow. */
export const SEQUENTIAL: Lut = lut(interpolateInferno);
/** Signed values (weights, normalized inputs): blue ← white → red. */
export const DIVERGING: Lut = lut((t) => interpolateRdBu(1 - t));

/** Black → white in 256 steps, entry k is [k, k, k]: a grayscale picture shown as it is. */
export const GRAY: Lut = (() => {
  const table = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) table.set([k, k, k], k * 3);
  return table;
})();

/**
 * Blue → white → red for a range symmetric about zero, fading linearly in each channel. 511 entries, so that the
 * middle one is exactly zero (white) and each side has 255 steps: entry 255 + j is [255, 255 − j, 255 − j] for
 * j ≥ 0 and [255 + j, 255 + j, 255] for j < 0. The /cnn demos use it because a reader can read the sign and size
 * of a number straight off the colour.
 */
export const BLUE_WHITE_RED: Lut = (() => {
  const table = new Uint8ClampedArray(511 * 3);
  for (let j = -255; j <= 255; j++) table.set(j >= 0 ? [255, 255 - j, 255 - j] : [255 + j, 255 + j, 255], (j + 255) * 3);
  return table;
})();

export function sequentialCss(t: number): string {
  return interpolateInferno(t);
}

/**
 * Paints `values` (row-major height×width) into RGBA pixels with `table`, mapping lo to its first colour and hi
 * to its last. A constant map (hi === lo) paints the colour of lo.
 */
export function paint(values: ArrayLike<number>, width: number, height: number, table: Lut, lo: number, hi: number, offset = 0): ImageData {
  const image = new ImageData(width, height);
  const last = table.length / 3 - 1;
  // Divide before scaling to the table: a value exactly halfway up the range then lands exactly on a half step.
  const range = hi > lo ? hi - lo : Infinity;
  for (let i = 0; i < width * height; i++) {
    const k = Math.max(0, Math.min(last, Math.round(((values[offset + i]! - lo) / range) * last))) * 3;
    image.data[i * 4] = table[k]!;
    image.data[i * 4 + 1] = table[k + 1]!;
    image.data[i * 4 + 2] = table[k + 2]!;
    image.data[i * 4 + 3] = 255;
  }
  return image;
}

/** Puts `image` on `canvas` at the image's own size; CSS then shows it scaled with crisp pixels. */
export function putImage(canvas: HTMLCanvasElement, image: ImageData): HTMLCanvasElement {
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext("2d")?.putImageData(image, 0, 0);
  return canvas;
}

/** A canvas of `image` at its own size, ready to be drawn scaled (nearest neighbour) elsewhere. */
export function imageCanvas(image: ImageData): HTMLCanvasElement {
  return putImage(el("canvas"), image);
}

/** A horizontal colour ramp with its end values, for legends. */
export function rampLegend(table: Lut, lo: string, hi: string, label: string): HTMLElement {
  const n = table.length / 3;
  const ramp = new ImageData(n, 1);
  for (let i = 0; i < n; i++) ramp.data.set([table[i * 3]!, table[i * 3 + 1]!, table[i * 3 + 2]!, 255], i * 4);
  const canvas = imageCanvas(ramp);
  canvas.setAttribute("aria-hidden", "true");
  return el("div", {class: "alexnet-legend"}, el("span", {}, label), el("span", {}, lo), canvas, el("span", {}, hi));
}
