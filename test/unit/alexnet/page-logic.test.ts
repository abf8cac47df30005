// The pure parts of /alexnet: URL state, the layer table, grid layout and maxima, conv weight splitting.
import {describe, expect, it} from "vitest";
import {alexNetLayers, describeLayers} from "../../../src/components/core/architecture.ts";
import {channelMaxima, gridLayout} from "../../../src/components/alexnet/activation-grid.ts";
import {CONV_WEIGHT_KEYS, filterNorms, kernelSlice, splitConvWeights} from "../../../src/components/core/conv-weights.ts";
import {EXPLORER_LAYERS, PAGE_OUTPUTS, explorerLayer, layerRows} from "../../../src/components/alexnet/layers.ts";
import {formatState, parseState} from "../../../src/components/alexnet/url-state.ts";
import {GRAPH_OUTPUT_NAMES} from "../../../src/components/core/inference.ts";

describe("URL state", () => {
  it("reads image, layer, channel and scale, with safe defaults", () => {
    expect(parseState("?image=val_68&layer=conv3&channel=12&scale=per-map&model=int8")).toEqual({image: "val_68", layer: "conv3", channel: 12, scale: "per-map", model: "int8"});
    expect(parseState("")).toEqual({image: undefined, layer: "conv1", channel: 0, scale: "shared", model: "fp32"});
    expect(parseState("?layer=conv9&channel=-3&scale=odd&model=fp64")).toEqual({image: undefined, layer: "conv1", channel: 0, scale: "shared", model: "fp32"});
  });

  it("round-trips and keeps unrelated parameters", () => {
    const state = {image: "val_611", layer: "pool5", channel: 7, scale: "shared" as const, model: "fp16" as const};
    const search = formatState(state, "?utm=x&image=old");
    expect(new URLSearchParams(search).get("utm")).toBe("x");
    expect(parseState(search)).toEqual(state);
    expect(new URLSearchParams(formatState({...state, image: undefined})).has("image")).toBe(false);
  });
});

describe("explorer layers", () => {
  const infos = describeLayers(alexNetLayers(), 224);

  it("asks the model only for outputs it has", () => {
    for (const name of PAGE_OUTPUTS) expect(GRAPH_OUTPUT_NAMES).toContain(name);
  });

  it("shows convolutions after their ReLU, with the convolution's costs and receptive field", () => {
    const conv1 = layerRows(explorerLayer("conv1")!, infos);
    expect(conv1.output.outputShape).toEqual([64, 55, 55]);
    expect(conv1.module.params).toBe(64 * 3 * 11 * 11 + 64);
    expect(conv1.output.receptiveField).toEqual({size: 11, jump: 4, start: 3});
    const pool5 = layerRows(explorerLayer("pool5")!, infos);
    expect(pool5.output.outputShape).toEqual([256, 6, 6]);
    expect(pool5.output.receptiveField.size).toBe(195);
    expect(layerRows(explorerLayer("fc8")!, infos).output.outputShape).toEqual([1000]);
  });

  it("names every layer once, in forward order", () => {
    const ids = EXPLORER_LAYERS.map((l) => l.id);
    expect(ids).toEqual(["conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5", "fc6", "fc7", "fc8"]);
    const order = infos.map((info) => info.name);
    const positions = EXPLORER_LAYERS.map((l) => order.indexOf(l.output));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });
});

describe("activation grid", () => {
  it("finds each channel's maximum (0 for a dead channel)", () => {
    const data = new Float32Array([0, 1, 2, 3, 0, 0, 0, 0, 5, 0.5, 0, 0]);
    expect([...channelMaxima({channels: 3, height: 2, width: 2, data})]).toEqual([3, 0, 5]);
  });

  it("fits the grid into the width it is given, at phone and laptop widths", () => {
    for (const width of [358, 640, 1200]) {
      for (const [channels, side] of [[64, 55], [192, 27], [384, 13], [256, 6]] as const) {
        const {tile, columns, rows} = gridLayout(channels, side, width);
        expect(columns * (tile + 2) - 2).toBeLessThanOrEqual(width);
        expect(columns * rows).toBeGreaterThanOrEqual(channels);
        expect(tile).toBeGreaterThanOrEqual(12);
      }
    }
  });
});

describe("conv filters file", () => {
  const convs = alexNetLayers().filter((l) => l.kind === "conv");
  const sizes = convs.map((c) => (c.kind === "conv" ? c.outChannels * c.inChannels * c.kernel * c.kernel : 0));
  const total = sizes.reduce((a, b) => a + b, 0);

  it("splits the five weight tensors in file order", () => {
    const all = new Float32Array(total).map((_, i) => i);
    const weights = splitConvWeights(all.buffer);
    expect([...weights.keys()]).toEqual(CONV_WEIGHT_KEYS.map((key) => key.replace(".weight", "")));
    const conv2 = weights.get("features.3")!;
    expect([conv2.outChannels, conv2.inChannels, conv2.kernel]).toEqual([192, 64, 5]);
    expect(conv2.data[0]).toBe(sizes[0]);
    // PyTorch layout [out, in, k, k]: filter 1, input channel 2 starts at (1*64 + 2) * 25.
    expect(kernelSlice(conv2, 1, 2)[0]).toBe(sizes[0]! + (1 * 64 + 2) * 25);
  });

  it("rejects a file of the wrong size with a clear message", () => {
    expect(() => splitConvWeights(new ArrayBuffer(12))).toThrow(/expected 9874176/);
  });

  it("computes L2 norms per output filter", () => {
    const norms = filterNorms({module: "x", outChannels: 2, inChannels: 1, kernel: 2, data: new Float32Array([3, 4, 0, 0, 1, 1, 1, 1])});
    expect([...norms]).toEqual([5, 2]);
  });
});
