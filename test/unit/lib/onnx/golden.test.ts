// The ONNX builder against PyTorch on a reduced AlexNet-shaped net (test/fixtures/golden/model, written by
// scripts/golden/model_fixtures.py with Debian's PyTorch): every exposed module, logits and probabilities.
import {readFileSync} from "node:fs";
import * as ort from "onnxruntime-node";
import {describe, expect, it} from "vitest";
import {buildAlexNetOnnx, configFromWeights} from "../../../../src/lib/onnx/alexnet-onnx.ts";
import {readCheckpoint} from "../../../../src/lib/torch-checkpoint/index.ts";
import {GRAPH_OUTPUT_NAMES, INPUT_NAME} from "../../../../src/components/core/inference.ts";
import {alexNetLayers, describeLayers} from "../../../../src/components/core/architecture.ts";
import {GOLDEN_MODEL_DIR, maxRelativeError, readF32, readGoldenModel} from "../../../support/model-fixtures.ts";

const DIR = GOLDEN_MODEL_DIR;
const {manifest, weights} = readGoldenModel();

// Tolerance: float32 kernels in different orders; 1e-5 of each layer's largest |value| (the criterion).
const TOLERANCE = 1e-5;

describe("ONNX AlexNet vs PyTorch (reduced net, golden fixtures)", () => {
  it("reads the channel widths off the weights", () => {
    expect(configFromWeights(weights)).toEqual({inputChannels: 3, ...manifest.config});
  });

  for (const testCase of manifest.cases) {
    it(`matches every module's output: ${testCase.name} (input ${testCase.inputShape.join("×")})`, async () => {
      const inputSize = testCase.inputShape[2];
      const session = await ort.InferenceSession.create(buildAlexNetOnnx(weights, {inputSize}));
      expect(session.outputNames).toEqual([...GRAPH_OUTPUT_NAMES]);
      const input = readF32(`${DIR}/${testCase.name}/input.bin`);
      const results = await session.run({[INPUT_NAME]: new ort.Tensor("float32", input, testCase.inputShape)});
      const layerInfo = describeLayers(alexNetLayers(configFromWeights(weights)), inputSize);
      for (const name of GRAPH_OUTPUT_NAMES) {
        const expected = readF32(`${DIR}/${testCase.name}/${name}.bin`);
        const actual = results[name];
        expect(actual.dims, name).toEqual(testCase.outputs[name]);
        const info = layerInfo.find((l) => l.name === name);
        if (info) expect([testCase.inputShape[0], ...info.outputShape], `${name} shape in the layer table`).toEqual(testCase.outputs[name]);
        expect(maxRelativeError(actual.data as Float32Array, expected), name).toBeLessThanOrEqual(TOLERANCE);
      }
      const logits = results.logits.data as Float32Array;
      const classes = manifest.config.numClasses;
      const top1 = testCase.top1.map((_, i) => {
        const row = logits.subarray(i * classes, (i + 1) * classes);
        return row.indexOf(Math.max(...row));
      });
      expect(top1).toEqual(testCase.top1);
      await session.release();
    });
  }

  for (const format of ["zip", "legacy"] as const) {
    it(`A1's checkpoint reader gives the same weights from the ${format} file`, () => {
      const file = manifest.checkpoints[format];
      const stateDict = readCheckpoint(new Uint8Array(readFileSync(`${DIR}/${file}`)), file);
      expect([...stateDict.keys()]).toEqual([...weights.keys()]);
      for (const [key, tensor] of weights) {
        expect(stateDict.get(key)!.shape, key).toEqual(tensor.shape);
        expect(Buffer.from(stateDict.get(key)!.data.buffer, stateDict.get(key)!.data.byteOffset, tensor.data.byteLength).equals(Buffer.from(tensor.data.buffer)), key).toBe(true);
      }
    });
  }
});
