// AlexNet as a strip of layers across the top of /alexnet, each with its output shape, parameters and
// multiply-accumulates (from alexnet-meta.json). Choosing a layer opens it in the activation explorer.
import type {LayerInfo} from "../core/architecture.js";
import {EXPLORER_LAYERS, layerRows} from "./layers.js";

/** 61100840 → "61.1M", 23296 → "23.3k". */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function architectureStrip(layers: readonly LayerInfo[], {selected, onSelect}: {selected: string; onSelect: (id: string) => void}): HTMLElement & {select(id: string): void} {
  const nav = document.createElement("nav") as HTMLElement & {select(id: string): void};
  nav.className = "architecture-strip";
  nav.setAttribute("aria-label", "AlexNet's layers: choose one to open it");
  const input = document.createElement("div");
  input.className = "arch-layer arch-input";
  input.innerHTML = "<b>input</b><span>3×224×224</span>";
  nav.append(input);
  const buttons = new Map<string, HTMLButtonElement>();
  for (const layer of EXPLORER_LAYERS) {
    const {output, module} = layerRows(layer, layers);
    const button = document.createElement("button");
    button.type = "button";
    button.className = `arch-layer arch-${layer.shape}`;
    button.dataset.layer = layer.id;
    button.setAttribute("aria-pressed", String(layer.id === selected));
    const shape = output.outputShape.join("×");
    const cost = module.params ? `${compact(module.params)} params · ${compact(module.macs)} MACs` : "no weights";
    button.title = `${layer.caption}\n${module.module}\noutput ${shape}\n${module.params.toLocaleString("en-US")} parameters, ${module.macs.toLocaleString("en-US")} multiply-accumulates`;
    const name = document.createElement("b");
    name.textContent = layer.id;
    const dims = document.createElement("span");
    dims.textContent = shape;
    const costs = document.createElement("small");
    costs.textContent = cost;
    button.append(name, dims, costs);
    button.setAttribute("aria-label", `${layer.id}: ${layer.caption}, output ${shape}, ${cost}`);
    button.addEventListener("click", () => onSelect(layer.id));
    buttons.set(layer.id, button);
    nav.append(button);
  }
  nav.select = (id) => buttons.forEach((button, key) => button.setAttribute("aria-pressed", String(key === id)));
  return nav;
}
