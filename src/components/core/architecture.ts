// torchvision's AlexNet as data: the module list in torchvision order, and per-layer shapes,
// parameter counts, multiply-accumulates and receptive fields for a given input size.
// Pure and browser-safe: the ONNX builder (Node), the metadata loader and the pages all read it,
// so the architecture is written down exactly once.

/** Channel widths of an AlexNet-shaped network; the default is torchvision's ("one weird trick" variant). */
export interface AlexNetConfig {
  inputChannels: number;
  /** Output channels of the five convolutions (features.0, .3, .6, .8, .10). */
  convChannels: readonly [number, number, number, number, number];
  hiddenUnits: number;
  numClasses: number;
  /** AdaptiveAvgPool2d output size (square). */
  poolOutput: number;
}

export const TORCHVISION_ALEXNET: AlexNetConfig = {
  inputChannels: 3,
  convChannels: [64, 192, 384, 256, 256],
  hiddenUnits: 4096,
  numClasses: 1000,
  poolOutput: 6
};

export type LayerSpec =
  | {name: string; kind: "conv"; inChannels: number; outChannels: number; kernel: number; stride: number; padding: number}
  | {name: string; kind: "relu"}
  | {name: string; kind: "maxpool"; kernel: number; stride: number; padding: number}
  | {name: string; kind: "avgpool"; outputSize: number}
  | {name: string; kind: "dropout"; p: number}
  | {name: string; kind: "linear"; inFeatures: number; outFeatures: number};

export type LayerKind = LayerSpec["kind"];

/** Every torchvision module of AlexNet in forward order (flatten happens between avgpool and classifier.0). */
export function alexNetLayers(config: AlexNetConfig = TORCHVISION_ALEXNET): LayerSpec[] {
  const [c1, c2, c3, c4, c5] = config.convChannels;
  const conv = (name: string, inChannels: number, outChannels: number, kernel: number, stride: number, padding: number): LayerSpec =>
    ({name, kind: "conv", inChannels, outChannels, kernel, stride, padding});
  const relu = (name: string): LayerSpec => ({name, kind: "relu"});
  const maxpool = (name: string): LayerSpec => ({name, kind: "maxpool", kernel: 3, stride: 2, padding: 0});
  const flat = c5 * config.poolOutput * config.poolOutput;
  return [
    conv("features.0", config.inputChannels, c1, 11, 4, 2),
    relu("features.1"),
    maxpool("features.2"),
    conv("features.3", c1, c2, 5, 1, 2),
    relu("features.4"),
    maxpool("features.5"),
    conv("features.6", c2, c3, 3, 1, 1),
    relu("features.7"),
    conv("features.8", c3, c4, 3, 1, 1),
    relu("features.9"),
    conv("features.10", c4, c5, 3, 1, 1),
    relu("features.11"),
    maxpool("features.12"),
    {name: "avgpool", kind: "avgpool", outputSize: config.poolOutput},
    {name: "classifier.0", kind: "dropout", p: 0.5},
    {name: "classifier.1", kind: "linear", inFeatures: flat, outFeatures: config.hiddenUnits},
    relu("classifier.2"),
    {name: "classifier.3", kind: "dropout", p: 0.5},
    {name: "classifier.4", kind: "linear", inFeatures: config.hiddenUnits, outFeatures: config.hiddenUnits},
    relu("classifier.5"),
    {name: "classifier.6", kind: "linear", inFeatures: config.hiddenUnits, outFeatures: config.numClasses}
  ];
}

/**
 * The modules whose outputs the ONNX graph exposes, by torchvision module path.
 * classifier.0 (dropout on the flattened avgpool output) is left out: at evaluation it only repeats avgpool.
 */
export const EXPOSED_LAYER_NAMES: readonly string[] = alexNetLayers()
  .map((layer) => layer.name)
  .filter((name) => name !== "classifier.0");

/** Where an activation pixel looks in the input, in input pixel indices (pixel i has its centre at i). */
export interface ReceptiveField {
  /** Side of the square box of input pixels that can influence one output pixel (padding included). */
  size: number;
  /** Input pixels between the centres of neighbouring output pixels. */
  jump: number;
  /** Input coordinate of the centre of output pixel 0; pixel i is centred at start + i * jump. */
  start: number;
}

export interface LayerInfo {
  name: string;
  kind: LayerKind;
  /** PyTorch's printed form of the module, e.g. "Conv2d(3, 64, kernel_size=(11, 11), stride=(4, 4), padding=(2, 2))". */
  module: string;
  /** Shape of one image's output: [C, H, W] or [features]. */
  outputShape: number[];
  kernel: number | null;
  stride: number | null;
  padding: number | null;
  params: number;
  macs: number;
  receptiveField: ReceptiveField;
}

/** PyTorch's repr of a module, so pages can show exactly what `print(model)` prints. */
export function moduleRepr(layer: LayerSpec): string {
  switch (layer.kind) {
    case "conv": {
      const pad = layer.padding > 0 ? `, padding=(${layer.padding}, ${layer.padding})` : "";
      const stride = `, stride=(${layer.stride}, ${layer.stride})`;
      return `Conv2d(${layer.inChannels}, ${layer.outChannels}, kernel_size=(${layer.kernel}, ${layer.kernel})${stride}${pad})`;
    }
    case "relu":
      return "ReLU(inplace=True)";
    case "maxpool":
      return `MaxPool2d(kernel_size=${layer.kernel}, stride=${layer.stride}, padding=${layer.padding}, dilation=1, ceil_mode=False)`;
    case "avgpool":
      return `AdaptiveAvgPool2d(output_size=(${layer.outputSize}, ${layer.outputSize}))`;
    case "dropout":
      return `Dropout(p=${layer.p.toFixed(1)}, inplace=False)`;
    case "linear":
      return `Linear(in_features=${layer.inFeatures}, out_features=${layer.outFeatures}, bias=True)`;
  }
}

/** Output side of a convolution or pooling window (floor division: ceil_mode off, as in torchvision). */
export function windowOutputSize(input: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((input + 2 * padding - kernel) / stride) + 1;
}

/**
 * Shapes, costs and receptive fields of every layer for a square input of `inputSize` pixels.
 * Throws a one-line error when the input is too small for the network (torchvision's minimum is 63).
 */
export function describeLayers(layers: readonly LayerSpec[], inputSize = 224): LayerInfo[] {
  let shape: number[] = [layers[0]?.kind === "conv" ? layers[0].inChannels : 3, inputSize, inputSize];
  let rf: ReceptiveField = {size: 1, jump: 1, start: 0};
  const out: LayerInfo[] = [];
  for (const layer of layers) {
    let kernel: number | null = null;
    let stride: number | null = null;
    let padding: number | null = null;
    let params = 0;
    let macs = 0;
    switch (layer.kind) {
      case "conv":
      case "maxpool": {
        ({kernel, stride, padding} = layer);
        const side = windowOutputSize(shape[1], layer.kernel, layer.stride, layer.padding);
        if (shape.length !== 3 || side < 1) {
          throw new Error(`AlexNet: input ${inputSize}×${inputSize} is too small for ${layer.name} (needs at least 63×63)`);
        }
        const channels = layer.kind === "conv" ? layer.outChannels : shape[0];
        if (layer.kind === "conv") {
          params = layer.outChannels * layer.inChannels * layer.kernel * layer.kernel + layer.outChannels;
          macs = channels * side * side * layer.inChannels * layer.kernel * layer.kernel;
        }
        rf = extendField(rf, layer.kernel, layer.stride, layer.padding);
        shape = [channels, side, side];
        break;
      }
      case "avgpool": {
        const inSide = shape[1];
        const o = layer.outputSize;
        // torchvision's adaptive bins: bin i covers [floor(i*H/o), ceil((i+1)*H/o)).
        // Equal-width bins make it an ordinary pooling window; otherwise widths vary by one pixel
        // and the widest bin with the mean step is the honest single-number summary.
        const widest = Math.max(...Array.from({length: o}, (_, i) => Math.ceil(((i + 1) * inSide) / o) - Math.floor((i * inSide) / o)));
        const step = inSide / o;
        rf = {size: rf.size + (widest - 1) * rf.jump, jump: rf.jump * step, start: rf.start + ((widest - 1) / 2) * rf.jump};
        kernel = widest;
        stride = Number.isInteger(step) ? step : null;
        padding = 0;
        shape = [shape[0], o, o];
        break;
      }
      case "linear": {
        const inFeatures = shape.reduce((a, b) => a * b, 1);
        if (inFeatures !== layer.inFeatures) {
          throw new Error(`AlexNet: ${layer.name} expects ${layer.inFeatures} inputs but receives ${inFeatures}`);
        }
        params = layer.inFeatures * layer.outFeatures + layer.outFeatures;
        macs = layer.inFeatures * layer.outFeatures;
        if (shape.length === 3) rf = wholeField(rf, shape[1]);
        shape = [layer.outFeatures];
        break;
      }
      case "relu":
        break;
      case "dropout":
        if (shape.length === 3) {
          rf = wholeField(rf, shape[1]);
          shape = [shape[0] * shape[1] * shape[2]];
        }
        break;
    }
    out.push({name: layer.name, kind: layer.kind, module: moduleRepr(layer), outputShape: [...shape], kernel, stride, padding, params, macs, receptiveField: {...rf}});
  }
  return out;
}

/** Standard receptive-field recurrence for a window of `kernel`, `stride`, `padding`. */
function extendField(rf: ReceptiveField, kernel: number, stride: number, padding: number): ReceptiveField {
  return {
    size: rf.size + (kernel - 1) * rf.jump,
    jump: rf.jump * stride,
    start: rf.start + ((kernel - 1) / 2 - padding) * rf.jump
  };
}

/**
 * A dense layer sees every pixel of an side×side map: its one "pixel" covers the union of all their fields.
 * jump is 0 because there is no second output pixel to step to.
 */
function wholeField(rf: ReceptiveField, side: number): ReceptiveField {
  return {size: rf.size + (side - 1) * rf.jump, jump: 0, start: rf.start + ((side - 1) / 2) * rf.jump};
}

/** Input box [x0, y0, x1, y1] (inclusive pixel indices, may extend past the image) seen by activation pixel (row, col). */
export function receptiveBox(rf: ReceptiveField, row: number, col: number): [number, number, number, number] {
  const half = (rf.size - 1) / 2;
  const cx = rf.start + col * rf.jump;
  const cy = rf.start + row * rf.jump;
  return [cx - half, cy - half, cx + half, cy + half];
}

export function totals(layers: readonly LayerInfo[]): {params: number; macs: number} {
  return {
    params: layers.reduce((sum, l) => sum + l.params, 0),
    macs: layers.reduce((sum, l) => sum + l.macs, 0)
  };
}
