// The build-time evaluation path with a reduced AlexNet-shaped network (same graph builder, fewer channels):
// images go through decode → preprocess → batches → onnxruntime-node, and batching changes nothing.
import * as ort from "onnxruntime-node";
import {beforeAll, describe, expect, test} from "vitest";
import {predictImages} from "../../../src/lib/evaluate.ts";
import {buildAlexNetOnnx, expectedWeightShapes} from "../../../src/lib/onnx/alexnet-onnx.ts";
import {syntheticGoldfish} from "../../../src/lib/tiny-imagenet.ts";

const CONFIG = {inputChannels: 3, convChannels: [4, 6, 6, 6, 4] as [number, number, number, number, number], hiddenUnits: 12, numClasses: 10, poolOutput: 6};

function seededWeights(seed = 7) {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const weights = new Map<string, {shape: number[]; data: Float32Array}>();
  for (const [key, shape] of expectedWeightShapes(CONFIG)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).map(() => random() * 0.2);
    weights.set(key, {shape, data});
  }
  return weights;
}

let session: ort.InferenceSession;
beforeAll(async () => {
  session = await ort.InferenceSession.create(buildAlexNetOnnx(seededWeights()));
});

describe("predictImages", () => {
  const images = syntheticGoldfish(5, 3);

  test("one prediction per image, in order, with five classes sorted by probability", async () => {
    const run = await predictImages(session, images, {batchSize: 2});
    expect(run.predictions.map((p) => p.id)).toEqual(images.map((image) => image.id));
    for (const p of run.predictions) {
      expect(p.label).toBe(0);
      expect(new Set(p.top5).size).toBe(5);
      expect(p.top5.every((index) => index >= 0 && index < CONFIG.numClasses)).toBe(true);
      expect([...p.top5Probabilities].sort((a, b) => b - a)).toEqual(p.top5Probabilities);
    }
    expect(run.cpuMs).toBeGreaterThan(0);
  });

  test("batch size does not change the answers", async () => {
    const [one, two, all] = await Promise.all([1, 2, 5].map((batchSize) => predictImages(session, images, {batchSize})));
    for (const other of [two, all]) {
      other!.predictions.forEach((p, i) => {
        expect(p.top5).toEqual(one!.predictions[i]!.top5);
        p.top5Probabilities.forEach((q, k) => expect(q).toBeCloseTo(one!.predictions[i]!.top5Probabilities[k]!, 6));
      });
    }
  });

  test("preprocessing options reach the model (BGR changes the input, so the probabilities)", async () => {
    const rgb = await predictImages(session, images.slice(0, 1));
    const bgr = await predictImages(session, images.slice(0, 1), {preprocessing: {channelOrder: "BGR"}});
    expect(bgr.predictions[0]!.top5Probabilities).not.toEqual(rgb.predictions[0]!.top5Probabilities);
  });

  test("reports progress after each batch", async () => {
    const seen: [number, number][] = [];
    await predictImages(session, images, {batchSize: 2, onProgress: (done, total) => seen.push([done, total])});
    expect(seen).toEqual([[2, 5], [4, 5], [5, 5]]);
  });
});
