// The model the build ships, made one way for everyone: the two data loaders (alexnet.onnx, alexnet-meta.json)
// and the classify CLI all call loadAlexNetModel(), so they always agree on weights and graph.
import {createHash} from "node:crypto";
import {alexNetLayers, describeLayers, EXPOSED_LAYER_NAMES, totals, type LayerInfo} from "../../components/core/architecture.js";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME} from "../../components/core/inference.js";
import {CROP_SIZE, IMAGENET_MEAN, IMAGENET_STD} from "../../components/core/preprocess.js";
import {loadAlexNetWeights, type LoadAlexNetWeightsOptions, type WeightsProvenance} from "../alexnet-weights.js";
import {buildAlexNetOnnx, OPSET} from "./alexnet-onnx.js";
import type {AlexNetMeta} from "../../components/core/artifacts.js";

export interface AlexNetModel {
  /** The complete .onnx file. */
  bytes: Uint8Array;
  provenance: WeightsProvenance;
}

/** Weights provenance as ONNX metadata_props, so a model file says which weights it holds. */
export function provenanceMetadata(provenance: WeightsProvenance): Record<string, string> {
  const entries = Object.entries(provenance).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries.map(([key, value]) => [`weights.${key}`, String(value)]));
}

/** Weights as the build would choose them (ALEXNET_WEIGHTS, cached/downloaded checkpoint, or seeded random), as ONNX. */
export async function loadAlexNetModel(options: LoadAlexNetWeightsOptions = {}): Promise<AlexNetModel> {
  const {stateDict, provenance} = await loadAlexNetWeights(options);
  const bytes = buildAlexNetOnnx(stateDict, {metadata: provenanceMetadata(provenance)});
  return {bytes, provenance};
}

export type {AlexNetMeta};

export function alexNetMeta(model: AlexNetModel): AlexNetMeta {
  const all = describeLayers(alexNetLayers(), CROP_SIZE);
  return {
    weights: model.provenance,
    input: {name: INPUT_NAME, shape: ["N", 3, CROP_SIZE, CROP_SIZE], mean: IMAGENET_MEAN, std: IMAGENET_STD},
    layers: all.filter((layer) => EXPOSED_LAYER_NAMES.includes(layer.name)),
    totals: totals(all),
    modelBytes: model.bytes.byteLength,
    modelSha256: createHash("sha256").update(model.bytes).digest("hex"),
    opset: OPSET,
    outputs: [...GRAPH_OUTPUT_NAMES]
  };
}

/**
 * Run a data loader's body; a failure (e.g. a bad ALEXNET_WEIGHTS file) becomes one line on stderr and exit code 1
 * instead of a stack trace, and nothing partial is written to stdout, so Framework caches nothing.
 */
export async function runLoader(body: () => Promise<Uint8Array | string>): Promise<void> {
  let output: Uint8Array | string;
  try {
    output = await body();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  await writeStdout(output);
}

/** Write bytes to stdout and wait until they are flushed (a loader's stdout is a pipe; exiting early truncates it). */
export function writeStdout(data: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve())));
}
