// Data loader → alexnet.onnx: torchvision's AlexNet with every module's output exposed (see src/lib/onnx/).
// Weights: ALEXNET_WEIGHTS, else the verified torchvision checkpoint, else seeded random (one line on stderr says so).
import {loadAlexNetModel, runLoader} from "../lib/onnx/alexnet-model.js";

await runLoader(async () => (await loadAlexNetModel()).bytes);
