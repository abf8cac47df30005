// Section 5 of /alexnet: the learned filters of the open convolution. The weights file is fetched only when a
// reader first opens a convolution here, and split by layer once.
import type {WeightsProvenance} from "../core/artifacts.js";
import {splitConvWeights, type ConvWeights} from "../core/conv-weights.js";
import {el} from "../ui/dom.js";
import {filterGrid} from "./filter-grid.js";
import type {ExplorerLayer} from "./layers.js";
import {randomReminder} from "./weights-notice.js";

export interface FiltersPanelOptions {
  /** Loads alexnet-filters.bin. */
  loadFilters: () => Promise<ArrayBuffer>;
  weights: WeightsProvenance;
  onChannel: (channel: number) => void;
  onError: (error: unknown) => void;
}

export type FiltersPanel = HTMLElement & {show(layer: ExplorerLayer, channel: number): void};

/** Why a layer has no filters to draw, or undefined for a convolution. */
export function noFiltersReason(layer: ExplorerLayer): string | undefined {
  if (layer.shape === "maps" && layer.module !== layer.output && layer.id.startsWith("conv")) return undefined;
  return layer.shape === "maps"
    ? `${layer.id} is a max-pool: it has no weights, it keeps the largest value of each 3×3 window.`
    : `${layer.id} is fully connected; its weights are a matrix, not small images.`;
}

/** A convolution's filters, with the reminder when they are random. */
export function filtersView(conv: ConvWeights, {layer, channel, weights, onChannel}: {layer: ExplorerLayer; channel: number; weights: WeightsProvenance; onChannel: (channel: number) => void}): HTMLElement {
  return el("div", {}, ...randomReminder(weights, "these filters are random numbers, not learned ones."), filterGrid(conv, {selected: channel, onSelect: onChannel, label: layer.id}));
}

export function filtersPanel({loadFilters, weights, onChannel, onError}: FiltersPanelOptions): FiltersPanel {
  let body: HTMLElement = el("div");
  const panel = el("section", {class: "alexnet-filters"}, body) as FiltersPanel;
  let split: Map<string, ConvWeights> | undefined;
  let splitting: Promise<Map<string, ConvWeights>> | undefined;
  let request = 0;
  const replace = (next: HTMLElement) => {
    body.replaceWith(next);
    body = next;
  };

  panel.show = (layer, channel) => {
    const mine = ++request;
    const reason = noFiltersReason(layer);
    if (reason) return replace(el("div", {}, el("p", {class: "placeholder"}, reason)));
    if (!split) replace(el("div", {}, el("p", {class: "placeholder"}, "Loading the filters…")));
    splitting ??= loadFilters().then(splitConvWeights);
    splitting
      .then((all) => {
        split = all;
        // A later choice of layer or channel has its own request; this one is stale.
        if (mine === request) replace(filtersView(all.get(layer.module)!, {layer, channel, weights, onChannel}));
      })
      .catch(onError);
  };
  return panel;
}
