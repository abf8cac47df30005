// The convolution demo: an editable 3×3 kernel slid over the picture, with the arithmetic at one pixel spelled out.
import type {Grid, Kernel3} from "./ops.js";
import {conv2d3x3, patch3x3, valueAt} from "./ops.js";
import {KERNEL_PRESETS} from "./kernels.js";
import {figureOf, gridCanvas, paintGrid, pairDisplayWidth} from "./grid-canvas.js";
import type {DemoImage} from "./demo-image.js";
import {el, emitValue, uid} from "../ui/dom.js";

export interface ConvolutionValue {
  kernel: Kernel3;
  output: Grid;
}

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? "0" : Number(v.toFixed(3)).toString());

/** Parses a kernel cell; blank or invalid text is an error the editor reports, never silently zero. */
export function parseKernelCell(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  // Accept fractions like 1/16 because the blur preset is written that way.
  const fraction = /^([-+]?\d*\.?\d+)\s*\/\s*(\d*\.?\d+)$/.exec(trimmed);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? null : Number(fraction[1]) / denominator;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export function convolutionDemo(image: DemoImage, {width = 640, initialPreset = "edge"}: {width?: number; initialPreset?: string} = {}) {
  const preset = KERNEL_PRESETS.find((p) => p.id === initialPreset) ?? KERNEL_PRESETS[0]!;
  let kernel: Kernel3 = preset.kernel;
  const input = image.gray;
  let picked: [number, number] = [Math.floor(input.width / 2), Math.floor(input.height / 2)];

  const cells = kernel.map((value, i) =>
    el("input", {type: "text", inputmode: "decimal", class: "cnn-kernel-cell", "aria-label": `kernel row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}`, value: fmt(value)})
  );
  const grid = el("div", {class: "cnn-kernel", role: "group", "aria-label": "3×3 kernel"}, ...cells);
  const presetButtons = KERNEL_PRESETS.map((p) => el("button", {type: "button", "data-preset": p.id, "aria-pressed": p.id === preset.id ? "true" : "false"}, p.label));
  const problem = el("p", {class: "cnn-message", role: "status", "aria-live": "polite"});

  const display = pairDisplayWidth(width);
  const inputCanvas = gridCanvas(input, {palette: "gray", domain: [0, 1], displayWidth: display, label: `Input: ${image.title}, grayscale`});
  const outputCanvas = el("canvas", {role: "img", class: "cnn-canvas cnn-pickable", "data-testid": "conv-output", tabindex: 0, "aria-label": "Convolution output; click or use arrow keys to pick a pixel"});
  outputCanvas.style.width = `${display}px`;
  const arithmetic = el("div", {class: "cnn-arithmetic", "aria-live": "polite"});
  // Outlines: the 3×3 patch on the input and the pixel it produces on the output.
  const patchMarker = el("div", {class: "cnn-marker", "aria-hidden": "true"});
  const pixelMarker = el("div", {class: "cnn-marker", "aria-hidden": "true"});
  const inputFrame = el("div", {class: "cnn-frame"}, inputCanvas, patchMarker);
  const outputFrame = el("div", {class: "cnn-frame"}, outputCanvas, pixelMarker);
  inputFrame.style.width = outputFrame.style.width = `${display}px`;
  function place(marker: HTMLElement, x: number, y: number, size: number): void {
    marker.style.left = `${(x / input.width) * 100}%`;
    marker.style.top = `${(y / input.height) * 100}%`;
    marker.style.width = `${(size / input.width) * 100}%`;
    marker.style.height = `${(size / input.height) * 100}%`;
  }
  const presetsId = uid("cnn-presets");

  const root = el(
    "div",
    {class: "cnn-demo"},
    el("div", {class: "cnn-controls"}, el("span", {id: presetsId, class: "cnn-control-label"}, "Presets"), el("div", {role: "group", "aria-labelledby": presetsId, class: "cnn-buttons"}, ...presetButtons)),
    el("div", {class: "cnn-row"}, el("div", {}, el("p", {class: "cnn-control-label"}, "Kernel (type numbers or fractions)"), grid, problem), arithmetic),
    el("div", {class: "cnn-row"}, figureOf(inputFrame, "Input (grayscale, 0 = black, 1 = white)"), figureOf(outputFrame, "Output: red positive, blue negative, white 0. The frame comes from the zero padding around the picture."))
  ) as HTMLDivElement & {value: ConvolutionValue};

  function explain(output: Grid): void {
    const [x, y] = picked;
    place(patchMarker, x - 1, y - 1, 3);
    place(pixelMarker, x, y, 1);
    const patch = patch3x3(input, x, y);
    const terms = patch.map((v, i) => `${fmt(kernel[i]!)}×${fmt(v)}`);
    arithmetic.replaceChildren(
      el("p", {class: "cnn-control-label"}, `Output at column ${x + 1}, row ${y + 1}`),
      el("code", {class: "cnn-sum"}, `${terms.join(" + ")} = ${fmt(valueAt(output, x, y))}`)
    );
  }
  function update(): void {
    const output = conv2d3x3(input, kernel);
    paintGrid(outputCanvas, output, {palette: "diverging"});
    explain(output);
    emitValue(root, {kernel, output});
  }
  function readCells(): void {
    const values = cells.map((cell) => parseKernelCell(cell.value));
    const bad = values.findIndex((v) => v === null);
    cells.forEach((cell, i) => cell.setAttribute("aria-invalid", values[i] === null ? "true" : "false"));
    if (bad !== -1) {
      problem.textContent = `Kernel cell ${bad + 1} is not a number; the output still uses the last valid kernel.`;
      return;
    }
    problem.textContent = "";
    kernel = values as unknown as Kernel3;
    for (const b of presetButtons) b.setAttribute("aria-pressed", "false");
    update();
  }
  for (const cell of cells) {
    cell.addEventListener("input", (event) => {
      event.stopPropagation();
      readCells();
    });
  }
  for (const button of presetButtons) {
    button.addEventListener("click", () => {
      const chosen = KERNEL_PRESETS.find((p) => p.id === button.dataset.preset)!;
      kernel = chosen.kernel;
      cells.forEach((cell, i) => {
        cell.value = fmt(kernel[i]!);
        cell.setAttribute("aria-invalid", "false");
      });
      problem.textContent = "";
      for (const b of presetButtons) b.setAttribute("aria-pressed", b === button ? "true" : "false");
      update();
    });
  }
  outputCanvas.addEventListener("click", (event) => {
    const box = outputCanvas.getBoundingClientRect();
    picked = [
      Math.min(input.width - 1, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * input.width))),
      Math.min(input.height - 1, Math.max(0, Math.floor(((event.clientY - box.top) / box.height) * input.height)))
    ];
    explain(root.value.output);
  });
  outputCanvas.addEventListener("keydown", (event) => {
    const step: Record<string, [number, number]> = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
    const move = step[event.key];
    if (!move) return;
    event.preventDefault();
    picked = [Math.min(input.width - 1, Math.max(0, picked[0] + move[0])), Math.min(input.height - 1, Math.max(0, picked[1] + move[1]))];
    explain(root.value.output);
  });
  update();
  return root;
}
