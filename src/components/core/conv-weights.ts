// The convolution weights the page draws, read from alexnet-filters.bin (see src/data/alexnet-filters.bin.ts).
import {alexNetLayers, type LayerSpec} from "./architecture.js";

/** The five convolutions' weight tensors, in file order. */
export const CONV_WEIGHT_KEYS: readonly string[] = ["features.0.weight", "features.3.weight", "features.6.weight", "features.8.weight", "features.10.weight"];

export interface ConvWeights {
  /** Module name, e.g. "features.3". */
  module: string;
  outChannels: number;
  inChannels: number;
  kernel: number;
  /** [out, in, kernel, kernel] row-major, as PyTorch stores it. */
  data: Float32Array;
}

type Conv = Extract<LayerSpec, {kind: "conv"}>;

/** Splits the concatenated file into one tensor per convolution; throws if the size does not match torchvision's shapes. */
export function splitConvWeights(buffer: ArrayBuffer): Map<string, ConvWeights> {
  const convs = alexNetLayers().filter((layer): layer is Conv => layer.kind === "conv");
  const expected = convs.reduce((n, c) => n + c.outChannels * c.inChannels * c.kernel * c.kernel, 0);
  if (buffer.byteLength !== expected * 4) throw new Error(`alexnet-filters.bin has ${buffer.byteLength} bytes, expected ${expected * 4}.`);
  const out = new Map<string, ConvWeights>();
  let at = 0;
  for (const conv of convs) {
    const length = conv.outChannels * conv.inChannels * conv.kernel * conv.kernel;
    out.set(conv.name, {module: conv.name, outChannels: conv.outChannels, inChannels: conv.inChannels, kernel: conv.kernel, data: new Float32Array(buffer, at * 4, length)});
    at += length;
  }
  return out;
}

/** L2 norm of each output filter (over all its input channels and taps). */
export function filterNorms(weights: ConvWeights): Float32Array {
  const per = weights.inChannels * weights.kernel * weights.kernel;
  const norms = new Float32Array(weights.outChannels);
  for (let o = 0; o < weights.outChannels; o++) {
    let sum = 0;
    for (let i = o * per; i < (o + 1) * per; i++) sum += weights.data[i]! * weights.data[i]!;
    norms[o] = Math.sqrt(sum);
  }
  return norms;
}

/** The kernel of output filter `out` for input channel `input`: kernel×kernel values (a view). */
export function kernelSlice(weights: ConvWeights, out: number, input: number): Float32Array {
  const k2 = weights.kernel * weights.kernel;
  const start = (out * weights.inChannels + input) * k2;
  return weights.data.subarray(start, start + k2);
}
