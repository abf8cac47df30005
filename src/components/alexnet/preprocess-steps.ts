// torchvision's evaluation transform shown one step at a time, as the talk's notebook walks through it:
// original → RGB → Resize(256) → CenterCrop(224) → normalized tensor (three channels and their value histogram).
import * as Plot from "@observablehq/plot";
import {DIVERGING, imageCanvas, paint, rampLegend} from "../ui/paint.js";
import {el} from "../ui/dom.js";
import {rgbImageData} from "./channel-detail.js";
import {IMAGENET_MEAN, IMAGENET_STD, type DecodedImage, type PreprocessResult, type RgbImage} from "../core/preprocess.js";

const MODE_NAMES: Record<string, string> = {
  L: "grayscale (L)",
  LA: "grayscale + alpha (LA)",
  RGB: "RGB",
  RGBA: "RGB + alpha (RGBA)",
  CMYK: "CMYK",
  P: "palette (P)"
};

function step(title: string, detail: string, visual: Element): HTMLElement {
  return el("figure", {class: "preprocess-step"}, visual, el("figcaption", {}, el("strong", {}, title), el("br"), detail));
}

/** An RGB image drawn at its own pixel size, shrunk only to fit `max` CSS pixels. */
function rgbCanvas(image: RgbImage, max: number): HTMLCanvasElement {
  const canvas = imageCanvas(rgbImageData(image));
  const scale = Math.min(1, max / Math.max(image.width, image.height));
  canvas.style.width = `${Math.round(image.width * scale)}px`;
  canvas.style.height = `${Math.round(image.height * scale)}px`;
  return canvas;
}

/** Largest |value| of the normalized tensor, so the three channel images share one symmetric scale. */
function tensorRange(tensor: Float32Array): number {
  let m = 0;
  for (const v of tensor) m = Math.max(m, Math.abs(v));
  return m;
}

function histogram(tensor: Float32Array, width: number): Element {
  const plane = tensor.length / 3;
  const names = ["R", "G", "B"] as const;
  // Every 4th value is plenty for the shape of a 50,176-value histogram and keeps Plot's binning quick.
  const sample: {channel: string; value: number}[] = [];
  for (let c = 0; c < 3; c++) for (let i = 0; i < plane; i += 4) sample.push({channel: names[c], value: tensor[c * plane + i]!});
  return Plot.plot({
    width: Math.min(width, 520),
    height: 180,
    marginLeft: 40,
    x: {label: "normalized value"},
    y: {label: "pixels (sampled 1 in 4)", grid: true},
    color: {domain: names, range: ["#d62728", "#2ca02c", "#1f77b4"], legend: true},
    marks: [Plot.rectY(sample, Plot.binX({y: "count"}, {x: "value", fill: "channel", thresholds: 60, mixBlendMode: "multiply", fillOpacity: 0.55} as Plot.BinXInputs<Plot.RectYOptions>)), Plot.ruleY([0])]
  });
}

export function preprocessSteps(original: {url: string; image: DecodedImage}, result: PreprocessResult, {width}: {width: number}): HTMLElement {
  const thumb = Math.min(224, Math.max(120, Math.floor(width / 4) - 16));
  const img = el("img", {src: original.url, alt: "The image as the browser shows it"});
  img.style.maxWidth = img.style.maxHeight = `${thumb}px`;
  const {image} = original;
  const {rgb, resized, cropped, tensor} = result;
  const row = el(
    "div",
    {class: "preprocess-row"},
    step("1 · Original", `${image.width}×${image.height}, ${MODE_NAMES[image.mode] ?? image.mode}`, img),
    step(
      "2 · convert(\"RGB\")",
      image.mode === "RGB" ? "already three channels: unchanged" : `${MODE_NAMES[image.mode] ?? image.mode} → three channels (alpha dropped, not blended)`,
      rgbCanvas(rgb, thumb)
    ),
    step("3 · Resize(256)", `shorter side to 256 with PIL's bilinear filter: ${resized.width}×${resized.height}`, rgbCanvas(resized, thumb)),
    step("4 · CenterCrop(224)", `the middle ${cropped.width}×${cropped.height}: what the network sees`, rgbCanvas(cropped, thumb))
  );

  const range = tensorRange(tensor);
  const plane = tensor.length / 3;
  const channels = el(
    "div",
    {class: "preprocess-row"},
    ...["red", "green", "blue"].map((name, c) => {
      const canvas = imageCanvas(paint(tensor, 224, 224, DIVERGING, -range, range, c * plane));
      canvas.style.width = canvas.style.height = `${Math.min(thumb, 168)}px`;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `Normalized ${name} channel`);
      return step(`5 · ${name} channel`, `(x/255 − ${IMAGENET_MEAN[c]}) / ${IMAGENET_STD[c]}`, canvas);
    })
  );
  const tensorNote = el(
    "p",
    {class: "preprocess-note"},
    "ToTensor scales 0–255 to 0–1 and reorders to channels × height × width; Normalize subtracts ImageNet's mean and divides by its standard deviation, per channel. The result is the float32 tensor [1, 3, 224, 224] the model gets. Blue is below the ImageNet average, red above."
  );
  return el(
    "div",
    {class: "preprocess-steps"},
    image.approximate && el("p", {class: "preprocess-note"}, `Note: ${image.approximate}.`),
    row,
    tensorNote,
    rampLegend(DIVERGING, (-range).toFixed(2), range.toFixed(2), "value"),
    channels,
    histogram(tensor, width)
  );
}
