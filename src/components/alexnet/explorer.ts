// Section 4 of /alexnet: pick a layer and a colour scale, see every channel of that layer for the current image,
// and one channel enlarged over the input. The frame (controls, announcements) stays put so keyboard focus
// survives; its body and detail are views redrawn from data at the column's width.
import type {LayerInfo} from "../core/architecture.js";
import type {ImagenetClass} from "../core/artifacts.js";
import {className} from "../core/format.js";
import {topK, type TensorData} from "../core/inference.js";
import type {RgbImage} from "../core/preprocess.js";
import {el} from "../ui/dom.js";
import {activationGrid, channelMaxima, type ActivationMaps, type ScaleMode} from "./activation-grid.js";
import {channelDetail} from "./channel-detail.js";
import {EXPLORER_LAYERS, layerRows, type ExplorerLayer} from "./layers.js";
import {unitBars, unitSquare} from "./unit-vector.js";

/** One image's run through the network, as far as the explorer needs it. */
export interface ExplorerData {
  layers: readonly LayerInfo[];
  classes: readonly ImagenetClass[];
  /** Every page output of the last run; undefined before the first image. */
  outputs?: Record<string, TensorData>;
  /** The 224×224 crop the network saw, for the overlay. */
  input?: RgbImage;
}

export interface ExplorerView {
  width: number;
  layer: ExplorerLayer;
  channel: number;
  scale: ScaleMode;
}

export function mapsOf(tensor: TensorData): ActivationMaps {
  const [, channels, height, width] = tensor.dims as [number, number, number, number];
  return {channels, height, width, data: tensor.data};
}

/** The channel to show: the one asked for, or the layer's last if it has fewer. */
export function clampChannel(data: ExplorerData, layer: ExplorerLayer, channel: number): number {
  if (!data.outputs || layer.shape !== "maps") return channel;
  return Math.min(channel, mapsOf(data.outputs[layer.output]!).channels - 1);
}

/** The layer's heading and all its channels (or units), at `width`. */
export function layerView(data: ExplorerData, {width, layer, channel, scale, onChannel}: ExplorerView & {onChannel: (channel: number) => void}): HTMLElement {
  const {output} = layerRows(layer, data.layers);
  const body = el("div", {class: "explorer-body"}, el("h3", {}, `${layer.id}: ${layer.caption} → ${output.outputShape.join("×")}`));
  const {outputs} = data;
  if (!outputs || !data.input) {
    body.append(el("p", {class: "placeholder"}, "Choose an image to see what this layer makes of it."));
  } else if (layer.shape === "maps") {
    body.append(activationGrid(mapsOf(outputs[layer.output]!), {width, scale, selected: channel, onSelect: onChannel, label: layer.id}));
  } else if (layer.id === "fc8") {
    const top = topK(outputs["probabilities"]!.data, 5).map((p) => p.index);
    body.append(unitBars(outputs[layer.output]!.data, {width, label: layer.id, highlight: top, names: (i) => className(data.classes[i], i)}));
  } else {
    body.append(unitSquare(outputs[layer.output]!.data, {width, label: layer.id}));
  }
  return body;
}

/** One channel enlarged beside the input, and the sentence screen readers hear about it; empty without maps. */
export function channelView(data: ExplorerData, {width, layer, channel, scale}: ExplorerView): {detail: HTMLElement; announcement?: string} {
  const detail = el("div", {class: "explorer-detail"});
  if (!data.outputs || !data.input || layer.shape !== "maps") return {detail};
  const maps = mapsOf(data.outputs[layer.output]!);
  const maxima = channelMaxima(maps);
  const max = scale === "shared" ? maxima.reduce((a, b) => Math.max(a, b), 0) : maxima[channel]!;
  const {output} = layerRows(layer, data.layers);
  const size = Math.min(320, Math.floor((width - 16) / 2));
  detail.append(channelDetail(maps, data.input, {channel, max, field: output.receptiveField, size, label: layer.id}));
  const announcement = `${layer.id} channel ${channel} of ${maps.channels}: largest value ${maxima[channel]!.toPrecision(3)}${maxima[channel] === 0 ? ", silent for this image" : ""}.`;
  return {detail, announcement};
}

export interface ExplorerPanelOptions {
  layer: string;
  scale: ScaleMode;
  onLayer: (id: string) => void;
  onScale: (scale: ScaleMode) => void;
}

export type ExplorerPanel = HTMLElement & {
  /** Redraws the layer and its detail. */
  draw(data: ExplorerData, view: ExplorerView & {onChannel: (channel: number) => void}): void;
  /** Redraws only the detail, leaving the grid (and its focus) alone. */
  drawDetail(data: ExplorerData, view: ExplorerView): void;
};

export function explorerPanel({layer, scale, onLayer, onScale}: ExplorerPanelOptions): ExplorerPanel {
  const layerSelect = el("select", {"aria-label": "Layer"}, ...EXPLORER_LAYERS.map((l) => el("option", {value: l.id}, `${l.id} — ${l.caption}`)));
  layerSelect.value = layer;
  layerSelect.addEventListener("change", () => onLayer(layerSelect.value));
  const radios = (["shared", "per-map"] as const).map((value) => {
    const radio = el("input", {type: "radio", name: "alexnet-scale", value});
    radio.checked = scale === value;
    radio.addEventListener("change", () => onScale(value));
    return el("label", {}, radio, ` ${value === "shared" ? "shared across the layer" : "each map its own"}`);
  });
  const scaleGroup = el("fieldset", {class: "scale-switch"}, el("legend", {}, "Colour scale"), ...radios);
  const controls = el("div", {class: "explorer-controls"}, el("label", {class: "layer-label"}, "Layer ", layerSelect), scaleGroup);
  let body: HTMLElement = el("div", {class: "explorer-body"});
  let detail: HTMLElement = el("div", {class: "explorer-detail"});
  // Canvas grids say nothing by themselves: announce the channel the keyboard (or a click) lands on.
  const announce = el("p", {class: "sr-only", "aria-live": "polite"});
  const panel = el("section", {class: "alexnet-explorer"}, controls, body, detail, announce) as ExplorerPanel;

  panel.drawDetail = (data, view) => {
    const next = channelView(data, view);
    detail.replaceWith(next.detail);
    detail = next.detail;
    if (next.announcement === undefined) return;
    announce.textContent = next.announcement;
    panel.dataset.channel = String(view.channel);
  };
  panel.draw = (data, view) => {
    layerSelect.value = view.layer.id;
    scaleGroup.hidden = view.layer.shape !== "maps";
    panel.dataset.layer = view.layer.id;
    const next = layerView(data, view);
    body.replaceWith(next);
    body = next;
    panel.drawDetail(data, view);
  };
  return panel;
}
