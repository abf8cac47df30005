// Data loader → alexnet-filters.bin: the five convolutions' weights (features.0/3/6/8/10.weight), raw float32
// little-endian, concatenated in that order, so the page can draw the filters without touching the 244 MB model.
// Shapes are torchvision's (ALEXNET_PARAM_SHAPES); the weights are the same ones alexnet.onnx is built from.
import {endianness} from "node:os";
import {ALEXNET_PARAM_SHAPES, loadAlexNetWeights} from "../lib/alexnet-weights.ts";
import {CONV_WEIGHT_KEYS} from "../components/core/conv-weights.ts";

// The model loader already prints the fallback notice; saying it again here would only repeat it.
const {stateDict} = await loadAlexNetWeights({log: () => {}});
const parts = CONV_WEIGHT_KEYS.map((key) => {
  const tensor = stateDict.get(key);
  if (!tensor || tensor.shape.join("x") !== ALEXNET_PARAM_SHAPES[key]!.join("x")) throw new Error(`alexnet-filters: ${key} is missing or misshapen`);
  return tensor.data;
});
const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
let at = 0;
for (const part of parts) {
  out.set(part, at);
  at += part.length;
}
// Float32Array bytes are in the platform's order; the file format is little-endian.
if (endianness() !== "LE") throw new Error("alexnet-filters: writing float32 on a big-endian machine is not supported");
process.stdout.write(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
