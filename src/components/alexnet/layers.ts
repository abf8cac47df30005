// The layers a reader can open on /alexnet, named as the papers and talks name them (conv1…fc8),
// each tied to the torchvision module that computes it and the graph output that shows it.
import type {LayerInfo} from "../core/architecture.js";

export interface ExplorerLayer {
  /** Short name used in the page and in the URL (?layer=conv3). */
  id: string;
  /** Graph output shown: after the ReLU for convolutions and hidden linear layers. */
  output: string;
  /** The module with the weights (conv/linear), or the pooling module itself. */
  module: string;
  /** "maps" = C×H×W activation maps, "vector" = one value per unit. */
  shape: "maps" | "vector";
  caption: string;
}

export const EXPLORER_LAYERS: readonly ExplorerLayer[] = [
  {id: "conv1", output: "features.1", module: "features.0", shape: "maps", caption: "conv1 (11×11, stride 4) + ReLU"},
  {id: "pool1", output: "features.2", module: "features.2", shape: "maps", caption: "max-pool 3×3, stride 2"},
  {id: "conv2", output: "features.4", module: "features.3", shape: "maps", caption: "conv2 (5×5) + ReLU"},
  {id: "pool2", output: "features.5", module: "features.5", shape: "maps", caption: "max-pool 3×3, stride 2"},
  {id: "conv3", output: "features.7", module: "features.6", shape: "maps", caption: "conv3 (3×3) + ReLU"},
  {id: "conv4", output: "features.9", module: "features.8", shape: "maps", caption: "conv4 (3×3) + ReLU"},
  {id: "conv5", output: "features.11", module: "features.10", shape: "maps", caption: "conv5 (3×3) + ReLU"},
  {id: "pool5", output: "features.12", module: "features.12", shape: "maps", caption: "max-pool 3×3, stride 2"},
  {id: "fc6", output: "classifier.2", module: "classifier.1", shape: "vector", caption: "fully connected 9216→4096 + ReLU"},
  {id: "fc7", output: "classifier.5", module: "classifier.4", shape: "vector", caption: "fully connected 4096→4096 + ReLU"},
  {id: "fc8", output: "classifier.6", module: "classifier.6", shape: "vector", caption: "fully connected 4096→1000: the logits"}
];

export const DEFAULT_LAYER = "conv1";

export function explorerLayer(id: string | null | undefined): ExplorerLayer | undefined {
  return EXPLORER_LAYERS.find((layer) => layer.id === id);
}

/** Every graph output the page needs for one image. */
export const PAGE_OUTPUTS: readonly string[] = [...new Set([...EXPLORER_LAYERS.map((layer) => layer.output), "logits", "probabilities"])];

/** The metadata rows behind an explorer layer: its output (shape, receptive field) and its module (params, MACs). */
export function layerRows(layer: ExplorerLayer, infos: readonly LayerInfo[]): {output: LayerInfo; module: LayerInfo} {
  const output = infos.find((info) => info.name === layer.output);
  const module = infos.find((info) => info.name === layer.module);
  if (!output || !module) throw new Error(`The model metadata has no layer ${layer.output}/${layer.module}.`);
  return {output, module};
}
