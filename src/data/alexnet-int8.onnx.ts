// Data loader → alexnet-int8.onnx: the same model as alexnet.onnx (same weights resolution, same outputs),
// with its weights stored as per-channel int8 (src/lib/onnx/compress.ts).
import {compressModel} from "../lib/onnx/compress.js";
import {loadAlexNetModel, writeStdout} from "../lib/onnx/alexnet-model.js";

const model = await loadAlexNetModel();
await writeStdout(compressModel(model.bytes, "int8"));
