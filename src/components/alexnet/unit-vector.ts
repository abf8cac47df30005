// The fully connected layers, which have no image layout: fc6/fc7 (4096 units after ReLU) as a square
// heat strip of units, fc8 (1000 logits, signed) as one bar per class with the top five labelled.
import {SEQUENTIAL, imageCanvas, paint, rampLegend} from "../ui/paint.js";
import {el} from "../ui/dom.js";

export interface VectorOptions {
  width: number;
  label: string;
  /** Class names for fc8 (index → name). */
  names?: (index: number) => string;
  /** Units to mark (e.g. the top-5 classes). */
  highlight?: readonly number[];
}

function units(values: Float32Array): {max: number; min: number; active: number} {
  let max = -Infinity;
  let min = Infinity;
  let active = 0;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
    if (v > 0) active++;
  }
  return {max, min, active};
}

/** 4096 non-negative units as a 64×64 square, unit i at row ⌊i/64⌋, column i mod 64. */
export function unitSquare(values: Float32Array, {width, label}: VectorOptions): HTMLElement {
  const side = Math.ceil(Math.sqrt(values.length));
  const {max, active} = units(values);
  const padded = new Float32Array(side * side);
  padded.set(values);
  const cssSide = Math.min(width, 384);
  const canvas = el("canvas", {class: "activation-vector", role: "img", "aria-label": `${label}: ${values.length} units, ${active} active, largest ${max.toPrecision(3)}`});
  canvas.width = canvas.height = side;
  canvas.style.width = canvas.style.height = `${cssSide}px`;
  canvas.style.imageRendering = "pixelated";
  canvas.getContext("2d")!.drawImage(imageCanvas(paint(padded, side, side, SEQUENTIAL, 0, max)), 0, 0);
  canvas.addEventListener("mousemove", (event) => {
    const box = canvas.getBoundingClientRect();
    const i = Math.floor(((event.clientY - box.top) / box.height) * side) * side + Math.floor(((event.clientX - box.left) / box.width) * side);
    canvas.title = i < values.length ? `unit ${i}: ${values[i]!.toPrecision(4)}` : "";
  });
  return el(
    "figure",
    {},
    rampLegend(SEQUENTIAL, "0", max.toPrecision(3), "value"),
    canvas,
    el("figcaption", {}, `${label}: ${values.length} units as a ${side}×${side} square (unit 0 top left, row by row). ${active} of them are above zero for this image; the ReLU set the rest to exactly zero.`)
  );
}

/** Signed values (fc8 logits) as one vertical bar per unit, the highlighted ones labelled. */
export function unitBars(values: Float32Array, {width, label, names, highlight = []}: VectorOptions): HTMLElement {
  const {max, min} = units(values);
  const height = 180;
  const ratio = globalThis.devicePixelRatio || 1;
  const cssWidth = Math.max(300, width);
  const canvas = el("canvas", {class: "activation-vector", role: "img"});
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${height}px`;
  const top = Math.max(max, 0);
  const bottom = Math.min(min, 0);
  const y = (v: number) => ((top - v) / (top - bottom || 1)) * (height - 20) + 10;
  const context = canvas.getContext("2d")!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const step = cssWidth / values.length;
  const marked = new Set(highlight);
  for (let i = 0; i < values.length; i++) {
    context.fillStyle = marked.has(i) ? "#e4572e" : "#8a8f98";
    const a = y(values[i]!);
    const b = y(0);
    context.fillRect(i * step, Math.min(a, b), Math.max(step, 1), Math.max(1, Math.abs(b - a)));
  }
  context.strokeStyle = "#555";
  context.beginPath();
  context.moveTo(0, y(0));
  context.lineTo(cssWidth, y(0));
  context.stroke();
  context.font = "11px sans-serif";
  context.fillStyle = "currentColor";
  for (const i of highlight) {
    context.fillStyle = "#e4572e";
    const text = names ? names(i).split(",")[0]! : `#${i}`;
    const x = Math.min(i * step + 2, cssWidth - context.measureText(text).width - 2);
    context.fillText(text, x, Math.max(11, y(values[i]!) - 2));
  }
  const describe = highlight.map((i) => `${names ? names(i) : `unit ${i}`} ${values[i]!.toFixed(2)}`).join("; ");
  canvas.setAttribute("aria-label", `${label}: ${values.length} values from ${min.toFixed(2)} to ${max.toFixed(2)}. Highlighted: ${describe}`);
  canvas.addEventListener("mousemove", (event) => {
    const i = Math.floor((event.clientX - canvas.getBoundingClientRect().left) / step);
    canvas.title = i >= 0 && i < values.length ? `${i}${names ? ` ${names(i)}` : ""}: ${values[i]!.toFixed(3)}` : "";
  });
  return el(
    "figure",
    {},
    canvas,
    el("figcaption", {}, `${label}: one bar per class index (0–${values.length - 1}); the five highest in orange. These raw scores go through softmax to become the probabilities above.`)
  );
}
