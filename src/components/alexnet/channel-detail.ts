// One activation map enlarged next to the input it came from: the map laid over the image, and the
// receptive field of the pixel under the pointer (or under the keyboard cursor) outlined on the input.
import {receptiveBox, type ReceptiveField} from "../core/architecture.js";
import {SEQUENTIAL, imageCanvas, paint} from "../ui/paint.js";
import {el} from "../ui/dom.js";
import type {RgbImage} from "../core/preprocess.js";
import type {ActivationMaps} from "./activation-grid.js";

export interface DetailOptions {
  channel: number;
  /** Value painted brightest (the layer's max for a shared scale, the map's own max otherwise). */
  max: number;
  field: ReceptiveField;
  /** Side of each of the two canvases, CSS pixels. */
  size: number;
  label: string;
}

export function rgbImageData(image: RgbImage): ImageData {
  const out = new ImageData(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i++) out.data.set([image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!, 255], i * 4);
  return out;
}

function sizedCanvas(size: number, label: string): HTMLCanvasElement {
  const ratio = globalThis.devicePixelRatio || 1;
  const canvas = el("canvas", {"aria-label": label});
  canvas.width = Math.round(size * ratio);
  canvas.height = Math.round(size * ratio);
  canvas.style.width = canvas.style.height = `${size}px`;
  canvas.getContext("2d")!.setTransform(ratio, 0, 0, ratio, 0, 0);
  return canvas;
}

export function channelDetail(maps: ActivationMaps, input: RgbImage, {channel, max, field, size, label}: DetailOptions): HTMLElement {
  const {height, width} = maps;
  const offset = channel * height * width;
  const mapImage = imageCanvas(paint(maps.data, width, height, SEQUENTIAL, 0, max, offset));
  const inputImage = imageCanvas(rgbImageData(input));
  const scale = size / input.width; // CSS px per input pixel

  const mapCanvas = sizedCanvas(size, `${label}, channel ${channel}, enlarged. Arrow keys move the probe pixel.`);
  mapCanvas.className = "activation-detail-map";
  mapCanvas.tabIndex = 0;
  mapCanvas.setAttribute("role", "img");
  const inputCanvas = sizedCanvas(size, `The input image with channel ${channel} laid over it`);
  inputCanvas.setAttribute("role", "img");
  inputCanvas.className = "activation-detail-input";

  const checkbox = el("input", {type: "checkbox"});
  checkbox.checked = true;
  const overlayToggle = el("label", {}, checkbox, " lay the map over the image");
  const readout = el("p", {class: "activation-detail-readout"});

  let probe: [number, number] | undefined;

  function draw(): void {
    const m = mapCanvas.getContext("2d")!;
    m.imageSmoothingEnabled = false;
    m.drawImage(mapImage, 0, 0, size, size);
    const c = inputCanvas.getContext("2d")!;
    c.imageSmoothingEnabled = true;
    c.clearRect(0, 0, size, size);
    c.drawImage(inputImage, 0, 0, size, size);
    if (checkbox.checked) {
      // Each activation pixel covers a jump×jump cell centred where its receptive field is centred.
      c.globalAlpha = 0.6;
      c.imageSmoothingEnabled = false;
      const x0 = (field.start - field.jump / 2 + 0.5) * scale;
      c.drawImage(mapImage, x0, x0, width * field.jump * scale, height * field.jump * scale);
      c.globalAlpha = 1;
    }
    if (probe) {
      const [row, col] = probe;
      const cell = size / width;
      m.lineWidth = 2;
      m.strokeStyle = "#2f8cff";
      m.strokeRect(col * cell, row * (size / height), cell, size / height);
      const [bx0, by0, bx1, by1] = receptiveBox(field, row, col);
      const clip = (v: number) => Math.max(0, Math.min(input.width, v));
      c.lineWidth = 2;
      c.strokeStyle = "#2f8cff";
      c.strokeRect(clip(bx0) * scale, clip(by0) * scale, (clip(bx1 + 1) - clip(bx0)) * scale, (clip(by1 + 1) - clip(by0)) * scale);
      const value = maps.data[offset + row * width + col]!;
      readout.textContent =
        `Pixel (${row}, ${col}) = ${value.toPrecision(4)}. It sees input pixels ${Math.max(0, bx0)}–${Math.min(input.width - 1, bx1)} across and ` +
        `${Math.max(0, by0)}–${Math.min(input.height - 1, by1)} down: a ${field.size}×${field.size} receptive field` +
        (bx0 < 0 || by0 < 0 || bx1 >= input.width || by1 >= input.height ? ", part of it in the zero padding." : ".");
    } else readout.textContent = "Point at the map (or focus it and use the arrow keys) to outline what a pixel sees in the input.";
  }

  function probeAt(canvas: HTMLCanvasElement, event: MouseEvent): void {
    const box = canvas.getBoundingClientRect();
    const x = (event.clientX - box.left) / box.width;
    const y = (event.clientY - box.top) / box.height;
    if (canvas === mapCanvas) probe = [Math.floor(y * height), Math.floor(x * width)];
    else {
      // From an input position to the activation pixel whose field is centred nearest to it.
      const near = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.round((v * input.width - field.start) / field.jump)));
      probe = [near(y, height), near(x, width)];
    }
    probe = [Math.min(height - 1, Math.max(0, probe[0])), Math.min(width - 1, Math.max(0, probe[1]))];
    draw();
  }
  for (const canvas of [mapCanvas, inputCanvas]) canvas.addEventListener("mousemove", (event) => probeAt(canvas, event));
  mapCanvas.addEventListener("keydown", (event) => {
    const moves: Record<string, [number, number]> = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const [row, col] = probe ?? [Math.floor(height / 2), Math.floor(width / 2)];
    probe = [Math.min(height - 1, Math.max(0, row + move[0])), Math.min(width - 1, Math.max(0, col + move[1]))];
    draw();
  });
  checkbox.addEventListener("change", draw);
  draw();

  return el(
    "div",
    {class: "activation-detail", "data-channel": channel},
    el("h3", {}, `${label} · channel ${channel}`),
    el("div", {class: "activation-detail-pair"}, mapCanvas, inputCanvas),
    overlayToggle,
    readout
  );
}
