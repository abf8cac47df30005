// The layer table against torchvision's published numbers (facts.md A1/A2) and hand-worked receptive fields.
import {describe, expect, it} from "vitest";
import {alexNetLayers, describeLayers, EXPOSED_LAYER_NAMES, receptiveBox, totals} from "../../../src/components/core/architecture.ts";
import {GRAPH_OUTPUT_NAMES, argmax, imageSlice, topK} from "../../../src/components/core/inference.ts";

describe("AlexNet layer table", () => {
  const layers = describeLayers(alexNetLayers(), 224);
  const byName = new Map(layers.map((l) => [l.name, l]));

  it("has torchvision's output shapes at 224", () => {
    expect(byName.get("features.0")!.outputShape).toEqual([64, 55, 55]);
    expect(byName.get("features.2")!.outputShape).toEqual([64, 27, 27]);
    expect(byName.get("features.5")!.outputShape).toEqual([192, 13, 13]);
    expect(byName.get("features.12")!.outputShape).toEqual([256, 6, 6]);
    expect(byName.get("avgpool")!.outputShape).toEqual([256, 6, 6]);
    expect(byName.get("classifier.0")!.outputShape).toEqual([9216]);
    expect(byName.get("classifier.6")!.outputShape).toEqual([1000]);
  });

  it("totals torchvision's 61,100,840 parameters and 0.714 G multiply-accumulates", () => {
    const sum = totals(layers);
    expect(sum.params).toBe(61_100_840);
    expect(sum.macs).toBe(714_188_480);
    expect(byName.get("features.0")!.macs).toBe(64 * 55 * 55 * 3 * 11 * 11);
  });

  it("prints modules as PyTorch does", () => {
    expect(byName.get("features.0")!.module).toBe("Conv2d(3, 64, kernel_size=(11, 11), stride=(4, 4), padding=(2, 2))");
    expect(byName.get("features.2")!.module).toBe("MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False)");
    expect(byName.get("classifier.1")!.module).toBe("Linear(in_features=9216, out_features=4096, bias=True)");
  });

  it("computes receptive fields: size, jump and the centre of pixel 0", () => {
    expect(byName.get("features.0")!.receptiveField).toEqual({size: 11, jump: 4, start: 3});
    expect(byName.get("features.2")!.receptiveField).toEqual({size: 19, jump: 8, start: 7});
    expect(byName.get("features.12")!.receptiveField).toEqual({size: 195, jump: 32, start: 31});
    expect(byName.get("avgpool")!.receptiveField).toEqual({size: 195, jump: 32, start: 31});
    // conv1 pixel (0, 0) sees input rows/cols -2 … 8 (two of them padding).
    expect(receptiveBox(byName.get("features.0")!.receptiveField, 0, 0)).toEqual([-2, -2, 8, 8]);
    expect(receptiveBox(byName.get("features.0")!.receptiveField, 54, 54)).toEqual([214, 214, 224, 224]);
  });

  it("pools adaptively like torchvision when the input is not 224", () => {
    const small = describeLayers(alexNetLayers(), 100);
    expect(small.find((l) => l.name === "features.12")!.outputShape).toEqual([256, 2, 2]);
    expect(small.find((l) => l.name === "avgpool")!.outputShape).toEqual([256, 6, 6]);
    expect(() => describeLayers(alexNetLayers(), 62)).toThrow(/too small/);
    expect(describeLayers(alexNetLayers(), 63).find((l) => l.name === "features.12")!.outputShape).toEqual([256, 1, 1]);
  });

  it("exposes every module but classifier.0, plus logits and probabilities", () => {
    expect(EXPOSED_LAYER_NAMES).toHaveLength(20);
    expect(GRAPH_OUTPUT_NAMES.slice(-2)).toEqual(["logits", "probabilities"]);
    expect(EXPOSED_LAYER_NAMES).not.toContain("classifier.0");
  });
});

describe("inference helpers", () => {
  it("top-k is ordered, stable on ties, and handles k > length", () => {
    expect(topK([0.1, 0.4, 0.4, 0.05, 0.05], 3)).toEqual([
      {index: 1, probability: 0.4},
      {index: 2, probability: 0.4},
      {index: 0, probability: 0.1}
    ]);
    expect(topK([0.2, 0.8], 5).map((p) => p.index)).toEqual([1, 0]);
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });

  it("slices one image out of a batch-first output", () => {
    const batch = new Float32Array(2 * 3 * 4 * 4).fill(1, 48);
    expect(imageSlice(batch, [2, 3, 4, 4], 1)).toEqual(new Float32Array(48).fill(1));
    expect(imageSlice(batch, [2, 3, 4, 4], 0)).toEqual(new Float32Array(48));
    expect(() => imageSlice(batch, [2, 3, 4, 4], 2)).toThrow(/outside/);
  });
});
