// LRN demo: eight edge-detector channels (after ReLU) normalised across channels with the paper's formula,
// with the numbers for the strongest pixel written out.
import type {LrnParams, Stack} from "./ops.js";
import {PAPER_LRN, channelOf, columnAt, conv2d3x3, cropBorder, lrnAcrossChannels, lrnDenominator, lrnNeighbourSum, relu, stackGrids} from "./ops.js";
import {EDGE_BANK} from "./kernels.js";
import {gridCanvas} from "./grid-canvas.js";
import type {DemoImage} from "./demo-image.js";
import {el, uid} from "../ui/dom.js";

/**
 * Edge responses to the picture with pixels on a 0–`pixelScale` scale, one channel per EDGE_BANK kernel, after ReLU.
 * The one-pixel frame is cropped: zero padding makes the picture's border look like a strong edge, which would
 * otherwise dominate both the brightness scale and the "most active pixel".
 */
export function edgeChannels(image: DemoImage, pixelScale = 255): Stack {
  const pixels = {...image.gray, data: image.gray.data.map((v) => v * pixelScale)};
  return stackGrids(EDGE_BANK.map(({kernel}) => relu(cropBorder(conv2d3x3(pixels, kernel), 1))));
}

/** Pixel scales the reader can choose: LRN's effect depends on how large activations are. */
export const PIXEL_SCALES = [1, 32, 255] as const;

/** The pixel with the largest total activation over all channels: where LRN has most to do. */
export function strongestPixel(stack: Stack): number {
  const plane = stack.width * stack.height;
  let best = 0;
  let bestSum = -Infinity;
  for (let p = 0; p < plane; p++) {
    let sum = 0;
    for (let c = 0; c < stack.channels; c++) sum += stack.data[c * plane + p]!;
    if (sum > bestSum) {
      bestSum = sum;
      best = p;
    }
  }
  return best;
}

function maxOf(stack: Stack): number {
  let m = 0;
  for (const v of stack.data) if (v > m) m = v;
  return m || 1;
}

const PARAM_FIELDS: Array<{key: keyof LrnParams; label: string; step: string; min: string}> = [
  {key: "k", label: "k", step: "0.5", min: "0.01"},
  {key: "n", label: "n (channels)", step: "2", min: "1"},
  {key: "alpha", label: "α", step: "0.0001", min: "0"},
  {key: "beta", label: "β", step: "0.05", min: "0"}
];

export function lrnDemo(image: DemoImage, {width = 640}: {width?: number} = {}): HTMLElement {
  let pixelScale: number = 255;
  let before = edgeChannels(image, pixelScale);
  const plane = before.width * before.height;
  const thumb = Math.max(56, Math.min(96, Math.floor((width - 40) / 8) - 8));
  let params: LrnParams = {...PAPER_LRN};

  const scaleId = uid("lrn-scale");
  const scaleSelect = el("select", {id: scaleId});
  for (const s of PIXEL_SCALES) scaleSelect.append(el("option", {value: s, selected: s === pixelScale}, `0–${s}`));
  const scaleWrap = el("label", {for: scaleId, class: "lrn-param"}, "pixel scale ", scaleSelect);
  const inputs = PARAM_FIELDS.map(({key, label, step, min}) => {
    const id = uid(`lrn-${key}`);
    const input = el("input", {id, type: "number", step, min, value: String(params[key]), "data-param": key});
    return {key, input, wrap: el("label", {for: id, class: "lrn-param"}, `${label} `, input)};
  });
  const reset = el("button", {type: "button"}, "Paper values");
  const problem = el("p", {class: "cnn-message", role: "status", "aria-live": "polite"});
  const rowBefore = el("div", {class: "lrn-row"});
  const rowAfter = el("div", {class: "lrn-row"});
  const table = el("table", {class: "lrn-table"});
  const tableCaption = el("p", {class: "cnn-small"});

  function render(): void {
    const pixel = strongestPixel(before);
    const px = pixel % before.width;
    const py = Math.floor(pixel / before.width);
    const after = lrnAcrossChannels(before, params);
    const domainBefore: [number, number] = [0, maxOf(before)];
    const domainAfter: [number, number] = [0, maxOf(after)];
    rowBefore.replaceChildren(
      ...EDGE_BANK.map(({label}, c) =>
        el("figure", {class: "lrn-thumb"}, gridCanvas(channelOf(before, c), {palette: "gray", domain: domainBefore, displayWidth: thumb, label: `channel ${c + 1} (${label}) before LRN`}), el("figcaption", {}, `${c + 1} ${label.split(" ")[0]}`))
      )
    );
    rowAfter.replaceChildren(
      ...EDGE_BANK.map((_, c) =>
        el("figure", {class: "lrn-thumb"}, gridCanvas(channelOf(after, c), {palette: "gray", domain: domainAfter, displayWidth: thumb, label: `channel ${c + 1} after LRN`}), el("figcaption", {}, `${c + 1}`))
      )
    );
    const half = Math.floor(params.n / 2);
    const column = columnAt(before, pixel);
    const rows = EDGE_BANK.map((_, i) => {
      const cells = [String(i + 1), column[i]!.toFixed(1), lrnNeighbourSum(column, i, params.n).toFixed(0), lrnDenominator(column, i, params).toFixed(3), after.data[i * plane + pixel]!.toFixed(1)];
      return el("tr", {}, ...cells.map((text) => el("td", {}, text)));
    });
    table.replaceChildren(
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "channel i"), el("th", {scope: "col"}, "a"), el("th", {scope: "col"}, "Σ a² over neighbours"), el("th", {scope: "col"}, "(k + α Σ)^β"), el("th", {scope: "col"}, "b = a / (…)"))),
      el("tbody", {}, ...rows)
    );
    tableCaption.textContent = `At the most active pixel (column ${px + 1}, row ${py + 1}); neighbours are channels i − ${half} … i + ${half} that exist.`;
  }
  function readParams(): void {
    const next: Partial<LrnParams> = {};
    for (const {key, input} of inputs) {
      const value = Number(input.value);
      const ok = input.value.trim() !== "" && Number.isFinite(value) && (key === "n" ? Number.isInteger(value) && value >= 1 : key === "k" ? value > 0 : value >= 0);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) {
        problem.textContent = `${key} must be ${key === "n" ? "a whole number ≥ 1" : key === "k" ? "a positive number" : "a number ≥ 0"}; showing the last valid setting.`;
        return;
      }
      next[key] = value;
    }
    problem.textContent = "";
    params = next as LrnParams;
    render();
  }
  for (const {input} of inputs) {
    input.addEventListener("input", (event) => {
      event.stopPropagation();
      readParams();
    });
  }
  scaleSelect.addEventListener("input", (event) => event.stopPropagation());
  scaleSelect.addEventListener("change", () => {
    pixelScale = Number(scaleSelect.value);
    before = edgeChannels(image, pixelScale);
    render();
  });
  reset.addEventListener("click", () => {
    params = {...PAPER_LRN};
    for (const {key, input} of inputs) input.value = String(params[key]);
    readParams();
  });
  render();
  return el(
    "div",
    {class: "cnn-demo"},
    el("div", {class: "cnn-controls lrn-params"}, scaleWrap, ...inputs.map((i) => i.wrap), reset),
    problem,
    el("p", {class: "cnn-control-label"}, "Before LRN (one shared brightness scale)"),
    rowBefore,
    el("p", {class: "cnn-control-label"}, "After LRN (one shared brightness scale)"),
    rowAfter,
    tableCaption,
    el("div", {class: "lrn-table-wrap"}, table)
  );
}
