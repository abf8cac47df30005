// AlexNet as a strip of layers across the top of /alexnet, each with its output shape, parameters and
// multiply-accumulates (from alexnet-meta.json). Choosing a layer opens it in the activation explorer.
import type {LayerInfo} from "../core/architecture.js";
import {siCount} from "../core/format.js";
import {el} from "../ui/dom.js";
import {EXPLORER_LAYERS, layerRows} from "./layers.js";

export function architectureStrip(layers: readonly LayerInfo[], {selected, onSelect}: {selected: string; onSelect: (id: string) => void}): HTMLElement & {select(id: string): void} {
  const buttons = new Map<string, HTMLButtonElement>();
  for (const layer of EXPLORER_LAYERS) {
    const {output, module} = layerRows(layer, layers);
    const shape = output.outputShape.join("×");
    const cost = module.params ? `${siCount(module.params)} params · ${siCount(module.macs)} MACs` : "no weights";
    const button = el(
      "button",
      {
        type: "button",
        class: `arch-layer arch-${layer.shape}`,
        "data-layer": layer.id,
        "aria-pressed": String(layer.id === selected),
        title: `${layer.caption}\n${module.module}\noutput ${shape}\n${module.params.toLocaleString("en-US")} parameters, ${module.macs.toLocaleString("en-US")} multiply-accumulates`,
        "aria-label": `${layer.id}: ${layer.caption}, output ${shape}, ${cost}`
      },
      el("b", {}, layer.id),
      el("span", {}, shape),
      el("small", {}, cost)
    );
    button.addEventListener("click", () => onSelect(layer.id));
    buttons.set(layer.id, button);
  }
  const input = el("div", {class: "arch-layer arch-input"}, el("b", {}, "input"), el("span", {}, "3×224×224"));
  const nav = el("nav", {class: "architecture-strip", "aria-label": "AlexNet's layers: choose one to open it"}, input, ...buttons.values()) as HTMLElement & {select(id: string): void};
  nav.select = (id) => buttons.forEach((button, key) => button.setAttribute("aria-pressed", String(key === id)));
  return nav;
}
