// What /alexnet shows, as it travels in the URL (?image=…&layer=…&channel=…&scale=…) so a view can be shared.
import type {ScaleMode} from "./activation-grid.js";
import {DEFAULT_LAYER, explorerLayer} from "./layers.js";
import {DEFAULT_VARIANT, MODEL_VARIANTS, type ModelVariantId} from "../core/model-variants.js";


export interface ViewState {
  /** Gallery image id; uploads have none (they cannot be shared by URL). */
  image?: string;
  layer: string;
  channel: number;
  scale: ScaleMode;
  /** Which model file (see model-variants.ts). */
  model: ModelVariantId;
}

export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const layer = explorerLayer(params.get("layer"))?.id ?? DEFAULT_LAYER;
  const channel = Number.parseInt(params.get("channel") ?? "", 10);
  return {
    image: params.get("image") || undefined,
    layer,
    channel: Number.isFinite(channel) && channel >= 0 ? channel : 0,
    scale: params.get("scale") === "per-map" ? "per-map" : "shared",
    model: MODEL_VARIANTS.find((variant) => variant.id === params.get("model"))?.id ?? DEFAULT_VARIANT
  };
}

/** The query string for `state`, keeping any unrelated parameters already in `search`. */
export function formatState(state: ViewState, search = ""): string {
  const params = new URLSearchParams(search);
  if (state.image) params.set("image", state.image);
  else params.delete("image");
  params.set("layer", state.layer);
  params.set("channel", String(state.channel));
  if (state.scale === "per-map") params.set("scale", "per-map");
  else params.delete("scale");
  if (state.model !== DEFAULT_VARIANT) params.set("model", state.model);
  else params.delete("model");
  return `?${params}`;
}
