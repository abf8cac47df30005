// The learned filters of a convolution. conv1's filters look straight at RGB pixels, so each is drawn as an
// 11×11 colour image; deeper filters look at the previous layer's channels, so one filter is drawn as one
// small kernel per input channel. Every filter carries its L2 norm; choosing a filter chooses its channel.
import {el} from "../ui/dom.js";
import {DIVERGING, imageCanvas, paint, rampLegend} from "../ui/paint.js";
import {filterNorms, kernelSlice, type ConvWeights} from "../core/conv-weights.js";

export interface FilterGridOptions {
  selected: number;
  onSelect: (channel: number) => void;
  label: string;
}

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** conv1 filter `out` as RGB pixels: zero is mid-grey, the filter's largest |weight| is full scale. */
function rgbFilter(weights: ConvWeights, out: number): ImageData {
  const k = weights.kernel;
  const k2 = k * k;
  const filter = weights.data.subarray(out * 3 * k2, (out + 1) * 3 * k2);
  const scale = maxAbs(filter) || 1;
  const image = new ImageData(k, k);
  for (let p = 0; p < k2; p++) {
    for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round(127.5 + (127.5 * filter[c * k2 + p]!) / scale);
    image.data[p * 4 + 3] = 255;
  }
  return image;
}

function normBar(norm: number, largest: number): HTMLElement {
  const bar = el("span", {class: "filter-norm"});
  bar.style.width = `${Math.max(2, (100 * norm) / (largest || 1))}%`;
  return bar;
}

export function filterGrid(weights: ConvWeights, {selected, onSelect, label}: FilterGridOptions): HTMLElement {
  const norms = filterNorms(weights);
  const largest = norms.reduce((a, b) => Math.max(a, b), 0);
  const buttons: HTMLButtonElement[] = [];
  const press = (channel: number) => {
    buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(i === channel)));
    onSelect(channel);
  };
  const filterButton = (out: number, attrs: Record<string, string>, ...children: Node[]) => {
    const button = el("button", {type: "button", ...attrs, "aria-pressed": String(out === selected), title: `filter ${out} · L2 norm ${norms[out]!.toFixed(3)}`}, ...children);
    button.addEventListener("click", () => press(out));
    buttons.push(button);
    return button;
  };

  if (weights.inChannels === 3) {
    const tiles = Array.from({length: weights.outChannels}, (_, out) =>
      filterButton(out, {class: "filter-tile", "aria-label": `${label} filter ${out}, norm ${norms[out]!.toFixed(3)}`}, imageCanvas(rgbFilter(weights, out)), normBar(norms[out]!, largest))
    );
    return el(
      "div",
      {class: "filter-grid"},
      el("div", {class: "filter-tiles"}, ...tiles),
      el(
        "p",
        {class: "filter-note"},
        `${weights.outChannels} filters of 3×${weights.kernel}×${weights.kernel}, drawn as colour images: grey is zero, each filter stretched to its own largest weight; the bar under each is its L2 norm (largest ${largest.toFixed(3)}). Choose one to see its activation map.`
      )
    );
  }

  // Deeper layers: a norm bar per output filter to choose from, then the chosen filter's per-input-channel kernels.
  const bars = Array.from({length: weights.outChannels}, (_, out) => {
    const button = filterButton(out, {class: "filter-norm-button", "aria-label": `filter ${out}, norm ${norms[out]!.toFixed(3)}`});
    button.style.setProperty("--h", `${Math.max(4, (100 * norms[out]!) / (largest || 1))}%`);
    return button;
  });
  const out = Math.min(Math.max(0, selected), weights.outChannels - 1);
  const k = weights.kernel;
  const filter = weights.data.subarray(out * weights.inChannels * k * k, (out + 1) * weights.inChannels * k * k);
  const scale = maxAbs(filter) || 1;
  const kernels = Array.from({length: weights.inChannels}, (_, input) => {
    const canvas = imageCanvas(paint(kernelSlice(weights, out, input), k, k, DIVERGING, -scale, scale));
    canvas.title = `input channel ${input}`;
    return canvas;
  });
  return el(
    "div",
    {class: "filter-grid"},
    el("div", {class: "filter-norm-strip", role: "group", "aria-label": `${label}: the ${weights.outChannels} filters by L2 norm`}, ...bars),
    el(
      "p",
      {class: "filter-note"},
      `Filter ${out} of ${label} (L2 norm ${norms[out]!.toFixed(3)}): one ${k}×${k} kernel for each of its ${weights.inChannels} input channels. Each output channel sums all of them.`
    ),
    rampLegend(DIVERGING, (-scale).toPrecision(2), scale.toPrecision(2), "weight"),
    el("div", {class: "filter-kernels"}, ...kernels)
  );
}
