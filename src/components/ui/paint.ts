// Colour scales for activations and weights, as 256-entry lookup tables: painting a 55×55×64 layer
// calls the scale 193,600 times, and a table is a plain array read instead of a colour-string parse.
import {interpolateInferno, interpolateRdBu, rgb} from "d3";

export type Lut = Uint8ClampedArray; // 256 × RGB

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

export function sequentialCss(t: number): string {
  return interpolateInferno(t);
}

/**
 * Paints `values` (row-major height×width) into RGBA pixels with `table`, mapping lo→0 and hi→255.
 * A constant map (hi === lo) paints the colour of lo.
 */
export function paint(values: ArrayLike<number>, width: number, height: number, table: Lut, lo: number, hi: number, offset = 0): ImageData {
  const image = new ImageData(width, height);
  const span = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < width * height; i++) {
    const k = Math.max(0, Math.min(255, Math.round((values[offset + i]! - lo) * span))) * 3;
    image.data[i * 4] = table[k]!;
    image.data[i * 4 + 1] = table[k + 1]!;
    image.data[i * 4 + 2] = table[k + 2]!;
    image.data[i * 4 + 3] = 255;
  }
  return image;
}

/** A canvas of `image` at its own size, ready to be drawn scaled (nearest neighbour) elsewhere. */
export function imageCanvas(image: ImageData): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext("2d")!.putImageData(image, 0, 0);
  return canvas;
}

/** A horizontal colour ramp with its end values, for legends. */
export function rampLegend(table: Lut, lo: string, hi: string, label: string): HTMLElement {
  const legend = document.createElement("div");
  legend.className = "alexnet-legend";
  const ramp = new ImageData(256, 1);
  for (let i = 0; i < 256; i++) ramp.data.set([table[i * 3]!, table[i * 3 + 1]!, table[i * 3 + 2]!, 255], i * 4);
  const canvas = imageCanvas(ramp);
  canvas.setAttribute("aria-hidden", "true");
  const [a, b, c] = [document.createElement("span"), document.createElement("span"), document.createElement("span")];
  a.textContent = lo;
  b.textContent = hi;
  c.textContent = label;
  legend.append(c, a, canvas, b);
  return legend;
}
