// The builder's contract beyond numerics: graph input/outputs, opset, metadata, and clear errors for wrong weights.
import onnxProto from "onnx-proto";
import {describe, expect, it} from "vitest";
import {GRAPH_OUTPUT_NAMES} from "../../../../src/components/core/inference.ts";
import {adaptivePoolMatrix, buildAlexNetOnnx} from "../../../../src/lib/onnx/alexnet-onnx.ts";
import {alexNetMeta, provenanceMetadata} from "../../../../src/lib/onnx/alexnet-model.ts";
import {readGoldenModel} from "../../../support/model-fixtures.ts";

const {weights} = readGoldenModel();

describe("ONNX builder", () => {
  it("declares input [N, 3, S, S], every output with its shape, opset 17 and the weights provenance", () => {
    const model = onnxProto.onnx.ModelProto.decode(buildAlexNetOnnx(weights, {metadata: provenanceMetadata({kind: "random", source: "seeded random (seed 1)", reason: "offline"})}));
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", 17]]);
    const graph = model.graph as onnxProto.onnx.GraphProto;
    expect(graph.input.map((i) => i.name)).toEqual(["input"]);
    const dims = (v: onnxProto.onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(dims(graph.input[0])).toEqual(["N", 3, 224, 224]);
    expect(graph.output.map((o) => o.name)).toEqual([...GRAPH_OUTPUT_NAMES]);
    expect(dims(graph.output.find((o) => o.name === "features.5")!)).toEqual(["N", 8, 13, 13]);
    expect(dims(graph.output.find((o) => o.name === "probabilities")!)).toEqual(["N", 10]);
    expect(Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]))).toEqual({
      "weights.kind": "random",
      "weights.source": "seeded random (seed 1)",
      "weights.reason": "offline"
    });
    // Weights travel as raw little-endian bytes, unchanged.
    const conv = graph.initializer.find((t) => t.name === "features.0.weight")!;
    expect(Buffer.from(conv.rawData!).equals(Buffer.from(weights.get("features.0.weight")!.data.buffer))).toBe(true);
  });

  it("rejects missing, extra and wrongly-shaped weights with one line naming the key", () => {
    const without = new Map(weights);
    without.delete("classifier.4.bias");
    expect(() => buildAlexNetOnnx(without)).toThrow(/^AlexNet weights: missing key classifier\.4\.bias$/);
    const extra = new Map(weights).set("features.1.weight", {shape: [1], data: new Float32Array(1)});
    expect(() => buildAlexNetOnnx(extra)).toThrow(/^AlexNet weights: unexpected key features\.1\.weight$/);
    const wrong = new Map(weights).set("features.3.weight", {shape: [8, 4, 3, 3], data: new Float32Array(8 * 4 * 9)});
    expect(() => buildAlexNetOnnx(wrong)).toThrow(/^AlexNet weights: features\.3\.weight has shape \[8, 4, 3, 3\], expected \[8, 4, 5, 5\]$/);
    const shortData = new Map(weights).set("features.0.bias", {shape: [4], data: new Float32Array(3)});
    expect(() => buildAlexNetOnnx(shortData)).toThrow(/features\.0\.bias: 3 values for shape \[4\]/);
    expect(() => buildAlexNetOnnx(weights, {inputSize: 40})).toThrow(/too small/);
  });

  it("builds torchvision's adaptive pooling bins (overlapping when the size does not divide)", () => {
    // 5 → 3: bins [0,2), [1,4), [3,5) per axis, as torch's start=floor(i*5/3), end=ceil((i+1)*5/3).
    const m = adaptivePoolMatrix(5, 3);
    const column = (bin: number) => Array.from({length: 25}, (_, p) => m[p * 9 + bin]);
    expect(column(0).filter((w) => w > 0)).toHaveLength(4);
    expect(column(4).filter((w) => w > 0)).toHaveLength(9);
    for (let bin = 0; bin < 9; bin++) expect(column(bin).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it("writes the metadata the pages read", () => {
    const modelBytes = new Uint8Array([1, 2, 3]);
    const meta = alexNetMeta({bytes: modelBytes, provenance: {kind: "pretrained", source: "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth", sha256: "7be5be79…"}});
    expect(meta.weights.kind).toBe("pretrained");
    expect(meta.modelBytes).toBe(3);
    expect(meta.modelSha256).toBe("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
    expect(meta.input).toEqual({name: "input", shape: ["N", 3, 224, 224], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]});
    expect(meta.layers.map((l) => l.name)).toEqual(GRAPH_OUTPUT_NAMES.slice(0, -2));
    expect(meta.totals).toEqual({params: 61_100_840, macs: 714_188_480});
    expect(meta.outputs).toEqual([...GRAPH_OUTPUT_NAMES]);
    expect(meta.layers.find((l) => l.name === "features.12")!.receptiveField).toEqual({size: 195, jump: 32, start: 31});
  });
});
