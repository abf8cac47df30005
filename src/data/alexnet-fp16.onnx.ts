// Data loader → alexnet-fp16.onnx: the same model as alexnet.onnx (same weights resolution, same outputs),
// with its weights stored as float16 (src/lib/onnx/compress.ts).
import {compressModel} from "../lib/onnx/compress.js";
import {loadAlexNetModel, writeStdout} from "../lib/onnx/alexnet-model.js";

const model = await loadAlexNetModel();
await writeStdout(compressModel(model.bytes, "fp16"));
