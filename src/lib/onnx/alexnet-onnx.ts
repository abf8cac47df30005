// Builds the ONNX graph of a torchvision-shaped AlexNet from a state dict, exposing the output of every
// torchvision module as a graph output named by its module path (features.0 … classifier.6), plus
// `logits` and `probabilities`. Weights go in as raw little-endian initializers.
import {
  alexNetLayers,
  describeLayers,
  EXPOSED_LAYER_NAMES,
  type AlexNetConfig,
  type LayerSpec
} from "../../components/core/architecture.js";
import {INPUT_NAME, LOGITS, PROBABILITIES} from "../../components/core/inference.js";
import {floatInitializer, int64Initializer, intAttribute, intsAttribute, node, onnx, valueInfo, type NodeProto, type TensorProto} from "./proto.js";

/** What the builder needs of a tensor; A1's StateDict entries have this shape. */
export interface WeightTensor {
  shape: readonly number[];
  data: Float32Array;
}
export type WeightMap = ReadonlyMap<string, WeightTensor>;

export const OPSET = 17;
/** IR version 8 is what ONNX 1.12 (opset 17) writes; onnxruntime 1.30 reads it. */
const IR_VERSION = 8;

export interface BuildOptions {
  /** Square input side; the graph's spatial size is fixed, only the batch is dynamic. Default 224. */
  inputSize?: number;
  /** Stored as model metadata_props (e.g. weights provenance) so a model file says what it contains. */
  metadata?: Record<string, string>;
}

/** Channel widths read off the weight shapes, so reduced AlexNet-shaped test nets build with the same code. */
export function configFromWeights(weights: WeightMap): AlexNetConfig {
  const shapeOf = (key: string): readonly number[] => {
    const tensor = weights.get(key);
    if (!tensor) throw new Error(`AlexNet weights: missing key ${key}`);
    return tensor.shape;
  };
  const conv = ["features.0", "features.3", "features.6", "features.8", "features.10"].map((m) => shapeOf(`${m}.weight`)[0]);
  const hidden = shapeOf("classifier.1.weight");
  const c5 = conv[4];
  const poolOutput = Math.round(Math.sqrt(hidden[1] / c5));
  return {
    inputChannels: shapeOf("features.0.weight")[1],
    convChannels: [conv[0], conv[1], conv[2], conv[3], conv[4]],
    hiddenUnits: hidden[0],
    numClasses: shapeOf("classifier.6.weight")[0],
    poolOutput
  };
}

/** The state-dict keys and shapes a network of this config has, in torchvision order. */
export function expectedWeightShapes(config: AlexNetConfig): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const layer of alexNetLayers(config)) {
    if (layer.kind === "conv") {
      shapes.set(`${layer.name}.weight`, [layer.outChannels, layer.inChannels, layer.kernel, layer.kernel]);
      shapes.set(`${layer.name}.bias`, [layer.outChannels]);
    } else if (layer.kind === "linear") {
      shapes.set(`${layer.name}.weight`, [layer.outFeatures, layer.inFeatures]);
      shapes.set(`${layer.name}.bias`, [layer.outFeatures]);
    }
  }
  return shapes;
}

function checkWeights(weights: WeightMap, config: AlexNetConfig): void {
  const expected = expectedWeightShapes(config);
  for (const [key, shape] of expected) {
    const tensor = weights.get(key);
    if (!tensor) throw new Error(`AlexNet weights: missing key ${key}`);
    if (tensor.shape.join(",") !== shape.join(",")) {
      throw new Error(`AlexNet weights: ${key} has shape [${tensor.shape.join(", ")}], expected [${shape.join(", ")}]`);
    }
  }
  const extra = [...weights.keys()].filter((key) => !expected.has(key));
  if (extra.length > 0) throw new Error(`AlexNet weights: unexpected key${extra.length > 1 ? "s" : ""} ${extra.join(", ")}`);
}

/**
 * torchvision's AdaptiveAvgPool2d as a constant matrix: bin (i, j) averages rows [floor(iH/o), ceil((i+1)H/o))
 * and the same columns. ONNX has no adaptive pooling op, and a matrix product is exact for any input size.
 */
export function adaptivePoolMatrix(inSide: number, outSide: number): Float32Array {
  const matrix = new Float32Array(inSide * inSide * outSide * outSide);
  const bin = (i: number): [number, number] => [Math.floor((i * inSide) / outSide), Math.ceil(((i + 1) * inSide) / outSide)];
  for (let oy = 0; oy < outSide; oy++) {
    const [y0, y1] = bin(oy);
    for (let ox = 0; ox < outSide; ox++) {
      const [x0, x1] = bin(ox);
      const weight = 1 / ((y1 - y0) * (x1 - x0));
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) matrix[(y * inSide + x) * outSide * outSide + oy * outSide + ox] = weight;
    }
  }
  return matrix;
}

/** Encode the whole model; the result is a complete `.onnx` file. */
export function buildAlexNetOnnx(weights: WeightMap, options: BuildOptions = {}): Uint8Array {
  const inputSize = options.inputSize ?? 224;
  const config = configFromWeights(weights);
  checkWeights(weights, config);
  const layers = alexNetLayers(config);
  const infos = describeLayers(layers, inputSize);

  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const weight = (key: string): TensorProto => {
    const tensor = weights.get(key)!;
    return floatInitializer(key, tensor.shape, tensor.data);
  };

  let current = INPUT_NAME;
  let spatial = inputSize;
  for (const layer of layers) {
    const out = layer.name;
    switch (layer.kind) {
      case "conv":
        initializers.push(weight(`${out}.weight`), weight(`${out}.bias`));
        nodes.push(node("Conv", out, [current, `${out}.weight`, `${out}.bias`], [out], convAttributes(layer)));
        break;
      case "maxpool":
        nodes.push(node("MaxPool", out, [current], [out], convAttributes(layer)));
        break;
      case "relu":
        nodes.push(node("Relu", out, [current], [out]));
        break;
      case "avgpool":
        nodes.push(...adaptivePoolNodes(current, out, spatial, layer.outputSize, config.convChannels[4], initializers));
        break;
      case "dropout":
        // Evaluation-mode dropout is the identity. classifier.0 also marks where torchvision flattens.
        if (layer.name === "classifier.0") nodes.push(node("Flatten", "flatten", [current], ["flatten"], [intAttribute("axis", 1)]));
        else nodes.push(node("Identity", out, [current], [out]));
        break;
      case "linear":
        initializers.push(weight(`${out}.weight`), weight(`${out}.bias`));
        nodes.push(node("Gemm", out, [current, `${out}.weight`, `${out}.bias`], [out], [intAttribute("transB", 1)]));
        break;
    }
    current = layer.name === "classifier.0" ? "flatten" : out;
    const info = infos.find((i) => i.name === layer.name)!;
    if (info.outputShape.length === 3) spatial = info.outputShape[1];
  }
  // Aliases get their own Identity node: an ONNX value has exactly one name.
  nodes.push(node("Identity", LOGITS, [current], [LOGITS]));
  nodes.push(node("Softmax", PROBABILITIES, [LOGITS], [PROBABILITIES], [intAttribute("axis", 1)]));

  const outputs = [
    ...EXPOSED_LAYER_NAMES.map((name) => valueInfo(name, ["N", ...infos.find((i) => i.name === name)!.outputShape])),
    valueInfo(LOGITS, ["N", config.numClasses]),
    valueInfo(PROBABILITIES, ["N", config.numClasses])
  ];

  const model: ModelProtoInit = {
    irVersion: IR_VERSION,
    opsetImport: [{domain: "", version: OPSET}],
    producerName: "alexnet-explorable",
    graph: {
      name: "torchvision_alexnet",
      node: nodes,
      initializer: initializers,
      input: [valueInfo(INPUT_NAME, ["N", config.inputChannels, inputSize, inputSize])],
      output: outputs
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({key, value}))
  };
  return onnx.ModelProto.encode(model).finish();
}

type ModelProtoInit = Parameters<typeof onnx.ModelProto.encode>[0];

function convAttributes(layer: Extract<LayerSpec, {kind: "conv" | "maxpool"}>) {
  return [
    intsAttribute("kernel_shape", [layer.kernel, layer.kernel]),
    intsAttribute("strides", [layer.stride, layer.stride]),
    intsAttribute("pads", [layer.padding, layer.padding, layer.padding, layer.padding])
  ];
}

/** Identity when the map already has the pooled size (224 input → 6×6, torchvision's case); else a pooling matrix. */
function adaptivePoolNodes(input: string, output: string, inSide: number, outSide: number, channels: number, initializers: TensorProto[]): NodeProto[] {
  if (inSide === outSide) return [node("Identity", output, [input], [output])];
  const matrix = `${output}.pool_matrix`;
  initializers.push(
    floatInitializer(matrix, [inSide * inSide, outSide * outSide], adaptivePoolMatrix(inSide, outSide)),
    int64Initializer(`${output}.flat_shape`, [0, channels, inSide * inSide]),
    int64Initializer(`${output}.grid_shape`, [0, channels, outSide, outSide])
  );
  return [
    node("Reshape", `${output}/flatten_pixels`, [input, `${output}.flat_shape`], [`${output}/pixels`]),
    node("MatMul", `${output}/average`, [`${output}/pixels`, matrix], [`${output}/bins`]),
    node("Reshape", output, [`${output}/bins`, `${output}.grid_shape`], [output])
  ];
}
