// Probing, loading and telling it: the sentences /alexnet and /goldfish show for each step of getting the model.
import {describe, expect, it} from "vitest";
import type {AlexNetRuntime, LoadedInfo, ModelProbe} from "../../../src/components/runtime/alexnet-runtime.ts";
import {
  ModelStatus,
  downloadButtonText,
  downloadFraction,
  explainedStatus,
  loadWithBriefStatus,
  runtimeSentence,
  type ModelState
} from "../../../src/components/runtime/model-status.ts";

const INFO: LoadedInfo = {
  backend: "wasm",
  threads: 4,
  crossOriginIsolated: true,
  modelBytes: 244_406_719,
  fromCache: false,
  stored: true,
  downloadMs: 2480,
  sessionMs: 1234,
  webgpuNote: undefined
};

/** A runtime whose probe and download are scripted: `progress` is reported, then `info` is returned (or `fail` thrown). */
function fakeRuntime({probe, progress = [], info = INFO, fail, hold}: {probe: ModelProbe | Error; progress?: [number, number | undefined][]; info?: LoadedInfo; fail?: Error; hold?: Promise<void>}) {
  let loaded: LoadedInfo | undefined;
  let loads = 0;
  const runtime = {
    get info() {
      return loaded;
    },
    probe: async () => {
      if (probe instanceof Error) throw probe;
      return probe;
    },
    load: async (_url: string, {onProgress}: {onProgress?: (loaded: number, total: number | undefined) => void} = {}) => {
      loads++;
      for (const [done, total] of progress) onProgress?.(done, total);
      await hold;
      if (fail && loads === 1) throw fail;
      loaded = info;
      return info;
    }
  };
  return {runtime: runtime as unknown as AlexNetRuntime, loads: () => loads};
}

describe("ModelStatus on /alexnet", () => {
  it("says the size before any download, then the probe's size, then progress, then what happened", async () => {
    const {runtime} = fakeRuntime({probe: {bytes: 244_406_719, cached: false}, progress: [[100_000_000, 244_406_719]]});
    const seen: ModelState[] = [];
    const model = new ModelStatus(runtime, "/m.onnx", {bytes: 244_400_000, onChange: (state) => seen.push(state)});
    expect(explainedStatus(model.state, "float32 weights")).toBe(
      "The model is 244.4 MB (float32 weights). It downloads once, when you choose an image, and stays in your browser's cache for later visits."
    );
    expect(downloadButtonText(model.state)).toBe("Download the model now (244.4 MB)");
    await model.probe();
    expect(model.state).toMatchObject({phase: "idle", bytes: 244_406_719, cached: false});
    await model.load();
    const texts = seen.map((state) => explainedStatus(state, "float32 weights"));
    expect(texts.slice(1)).toEqual([
      "Loading the model (244.4 MB)…",
      "Downloading the model: 100.0 MB of 244.4 MB…",
      "Model ready: 244.4 MB, downloaded in 2.5 s."
    ]);
    expect(downloadFraction(seen[2]!)).toBeCloseTo(100_000_000 / 244_406_719);
    expect(runtimeSentence(INFO)).toBe("onnxruntime-web on WebAssembly, 4 threads (cross-origin isolated); session created in 1.2 s.");
  });

  it("tells a cached model and a refused cache apart", () => {
    const ready = (info: Partial<LoadedInfo>): ModelState => ({phase: "ready", bytes: INFO.modelBytes, cached: true, info: {...INFO, ...info}});
    expect(explainedStatus({phase: "cached", bytes: 61_234_567, cached: true}, "int8 weights")).toBe("The model (61.2 MB) is in your browser's cache: loading it.");
    expect(explainedStatus(ready({fromCache: true}), "")).toBe("Model ready: 244.4 MB, read from your browser's cache.");
    expect(explainedStatus(ready({stored: false}), "")).toBe("Model ready: 244.4 MB, downloaded in 2.5 s (the cache refused it, so a reload downloads it again).");
    expect(runtimeSentence({...INFO, backend: "webgpu", crossOriginIsolated: false, webgpuNote: undefined})).toBe(
      "onnxruntime-web on WebGPU (not cross-origin isolated, so one thread); session created in 1.2 s."
    );
  });

  it("ignores a probe that answers after the load started, and can retry a failed load", async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const {runtime, loads} = fakeRuntime({probe: {bytes: 5, cached: true}, fail: new Error("offline"), hold});
    const model = new ModelStatus(runtime, "/m.onnx", {bytes: 244_400_000});
    const first = model.load();
    first.catch(() => {});
    await model.probe();
    expect(model.state).toMatchObject({phase: "loading", bytes: 244_400_000, cached: false});
    release();
    await expect(first).rejects.toThrow("offline");
    expect(model.state.phase).toBe("failed");
    expect(explainedStatus(model.state, "")).toBeUndefined();
    await model.load();
    expect(model.state.phase).toBe("ready");
    expect(loads()).toBe(2);
  });
});

describe("loadWithBriefStatus on /goldfish", () => {
  async function statuses(options: Parameters<typeof fakeRuntime>[0]): Promise<[string, number | undefined][]> {
    const {runtime} = fakeRuntime(options);
    const seen: [string, number | undefined][] = [];
    await loadWithBriefStatus(runtime, "/m.onnx", (text, fraction) => seen.push([text, fraction]));
    return seen;
  }

  it("says whole megabytes, and the fraction only when the download announced its size", async () => {
    expect(await statuses({probe: {bytes: 244_406_719, cached: false}, progress: [[122_000_000, 244_406_719], [130_000_000, undefined]]})).toEqual([
      ["Downloading the model (244 MB)…", 0],
      ["Downloading the model: 122 MB of 244 MB…", 122_000_000 / 244_406_719],
      ["Downloading the model: 130 MB…", undefined]
    ]);
  });

  it("opens a cached model, and carries on without a size when the probe fails", async () => {
    expect(await statuses({probe: {bytes: 244_406_719, cached: true}})).toEqual([["Opening the model from the browser cache…", 0]]);
    expect(await statuses({probe: new Error("no HEAD")})).toEqual([["Downloading the model…", 0]]);
  });

  it("says nothing when the model is already loaded", async () => {
    const {runtime} = fakeRuntime({probe: {bytes: 1, cached: false}});
    await runtime.load("/m.onnx");
    const seen: string[] = [];
    await loadWithBriefStatus(runtime, "/m.onnx", (text) => seen.push(text));
    expect(seen).toEqual([]);
  });
});
