// Data loader → alexnet-meta.json: the layer table (shapes, kernels, params, MACs, receptive fields), which
// weights the model holds, and the model's size. Builds the same model as alexnet.onnx.ts to measure it.
import {alexNetMeta, loadAlexNetModel, runLoader} from "../lib/onnx/alexnet-model.js";

// The fallback notice belongs to the model loader; printing it twice per build would only repeat it.
await runLoader(async () => JSON.stringify(alexNetMeta(await loadAlexNetModel({log: () => {}})), null, 1));
