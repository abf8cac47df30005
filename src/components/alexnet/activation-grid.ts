// Every channel of one layer's activations as a grid of small maps on one canvas.
// Click a map (or move with the arrow keys and press Enter) to choose it; the caller enlarges it.
import {SEQUENTIAL, imageCanvas, paint, rampLegend} from "../ui/paint.js";
import {el} from "../ui/dom.js";

/** One image's activations of a convolutional or pooling layer, channel-major (C×H×W). */
export interface ActivationMaps {
  channels: number;
  height: number;
  width: number;
  data: Float32Array;
}

export type ScaleMode = "shared" | "per-map";

export interface GridOptions {
  /** Width available to the grid, in CSS pixels. */
  width: number;
  scale: ScaleMode;
  selected: number;
  /** Called with the channel a reader chose (click, arrow keys). */
  onSelect: (channel: number) => void;
  /** For the accessible name, e.g. "conv1". */
  label: string;
}

const GAP = 2;

/** Largest value of each channel (ReLU/pool outputs are ≥ 0, so the low end of the scale is 0). */
export function channelMaxima(maps: ActivationMaps): Float32Array {
  const size = maps.height * maps.width;
  const maxima = new Float32Array(maps.channels);
  for (let c = 0; c < maps.channels; c++) {
    let max = 0;
    for (let i = c * size; i < (c + 1) * size; i++) if (maps.data[i]! > max) max = maps.data[i]!;
    maxima[c] = max;
  }
  return maxima;
}

/** Tile side and column count so the grid fills `width` without making small maps huge. */
export function gridLayout(channels: number, side: number, width: number): {tile: number; columns: number; rows: number} {
  const ideal = Math.floor(width / Math.ceil(Math.sqrt(channels))) - GAP;
  const tile = Math.max(12, Math.min(ideal, Math.max(side * 2, 40)));
  const columns = Math.max(1, Math.floor((width + GAP) / (tile + GAP)));
  return {tile, columns, rows: Math.ceil(channels / columns)};
}

export function activationGrid(maps: ActivationMaps, {width, scale, selected, onSelect, label}: GridOptions): HTMLElement {
  const maxima = channelMaxima(maps);
  const layerMax = maxima.reduce((a, b) => Math.max(a, b), 0);
  const {tile, columns, rows} = gridLayout(maps.channels, Math.max(maps.height, maps.width), width);
  const cssWidth = columns * (tile + GAP) - GAP;
  const cssHeight = rows * (tile + GAP) - GAP;
  const ratio = globalThis.devicePixelRatio || 1;

  // A focusable widget rather than a picture: arrow keys choose a channel; the page announces the choice.
  // Layout in data-*, so tests and tools can find a channel's tile without re-deriving it.
  const canvas = el("canvas", {
    class: "activation-grid",
    role: "application",
    "aria-roledescription": "grid of activation maps",
    "aria-label": `${label}: ${maps.channels} activation maps of ${maps.height}×${maps.width}. Arrow keys move between channels.`,
    "data-channels": maps.channels,
    "data-columns": columns,
    "data-tile": tile,
    "data-gap": GAP
  });
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  canvas.tabIndex = 0;

  // Paint every map once at its own resolution; redrawing for the selection only copies them.
  const size = maps.height * maps.width;
  const tiles = Array.from({length: maps.channels}, (_, c) =>
    imageCanvas(paint(maps.data, maps.width, maps.height, SEQUENTIAL, 0, scale === "shared" ? layerMax : maxima[c]!, c * size))
  );
  let current = Math.min(Math.max(0, selected), maps.channels - 1);
  const context = canvas.getContext("2d")!;
  const origin = (c: number): [number, number] => [(c % columns) * (tile + GAP), Math.floor(c / columns) * (tile + GAP)];

  function draw(): void {
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, cssWidth, cssHeight);
    context.imageSmoothingEnabled = false;
    tiles.forEach((image, c) => {
      const [x, y] = origin(c);
      context.drawImage(image, x, y, tile, tile);
    });
    const [x, y] = origin(current);
    context.lineWidth = 2;
    context.strokeStyle = "#2f8cff";
    context.strokeRect(x - 1, y - 1, tile + 2, tile + 2);
  }
  draw();

  function choose(channel: number): void {
    if (channel < 0 || channel >= maps.channels || channel === current) return;
    current = channel;
    draw();
    onSelect(channel);
  }

  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    const column = Math.floor((event.clientX - box.left) / (tile + GAP));
    const row = Math.floor((event.clientY - box.top) / (tile + GAP));
    if (column < columns) choose(row * columns + column);
  });
  canvas.addEventListener("mousemove", (event) => {
    const box = canvas.getBoundingClientRect();
    const c = Math.floor((event.clientY - box.top) / (tile + GAP)) * columns + Math.floor((event.clientX - box.left) / (tile + GAP));
    canvas.title = c >= 0 && c < maps.channels ? `channel ${c}: max ${maxima[c]!.toPrecision(3)}` : "";
  });
  canvas.addEventListener("keydown", (event) => {
    const step: Record<string, number> = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns, Home: -current, End: maps.channels - 1 - current};
    if (!(event.key in step)) return;
    event.preventDefault();
    choose(current + step[event.key]!);
  });

  const dead = maxima.filter((m) => m === 0).length;
  return el(
    "figure",
    {class: "activation-grid-figure"},
    rampLegend(SEQUENTIAL, "0", scale === "shared" ? layerMax.toPrecision(3) : "max of each map", scale === "shared" ? "shared scale" : "per-map scale"),
    canvas,
    el("figcaption", {}, `${maps.channels} channels, ${maps.height}×${maps.width} each; ${dead} are zero everywhere for this image.`)
  );
}
