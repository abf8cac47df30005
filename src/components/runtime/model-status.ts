// Getting the model into the page, and saying so: probe the file's size (and whether the browser already has it)
// before anything is downloaded, load it with progress, then tell what happened. /alexnet, where the model is the
// subject, explains each step; /goldfish, where loading is a side step before a run, says it briefly.
// No DOM here: pages render the state and the sentences as they like.
import {megabytes, seconds} from "../core/format.js";
import type {AlexNetRuntime, LoadedInfo} from "./alexnet-runtime.js";

export type ModelPhase = "idle" | "cached" | "loading" | "ready" | "failed";

export interface ModelState {
  /** idle: not asked for yet; cached: the probe found it in the browser's cache; failed: the last load did not work. */
  phase: ModelPhase;
  /** Best known size of the file: what the caller knew, then what the probe measured. */
  bytes: number | undefined;
  /** The probe found the file in the browser's cache, so loading reads it instead of downloading. */
  cached: boolean;
  /** Bytes received so far, once the download reports progress. */
  loaded?: number;
  /** Size the download announced, when the server said. */
  total?: number;
  info?: LoadedInfo;
}

/** One model file on one runtime, with its state told to a listener on every change. */
export class ModelStatus {
  readonly #runtime: AlexNetRuntime;
  readonly #url: string;
  readonly #onChange: (state: ModelState) => void;
  #state: ModelState;
  #loading: Promise<LoadedInfo> | undefined;

  constructor(runtime: AlexNetRuntime, url: string, {bytes, onChange = () => {}}: {bytes?: number; onChange?: (state: ModelState) => void} = {}) {
    this.#runtime = runtime;
    this.#url = url;
    this.#onChange = onChange;
    this.#state = runtime.info ? {phase: "ready", bytes: runtime.info.modelBytes, cached: false, info: runtime.info} : {phase: "idle", bytes, cached: false};
  }

  get state(): ModelState {
    return this.#state;
  }

  #set(change: Partial<ModelState>): void {
    this.#state = {...this.#state, ...change};
    this.#onChange(this.#state);
  }

  /** Asks the server (or the cache) for the size, without downloading; rejects when neither answers. */
  async probe(): Promise<ModelState> {
    const probe = await this.#runtime.probe(this.#url);
    // Once a load has started, its own progress is the better news: a late probe changes nothing.
    if (this.#state.phase === "idle") this.#set({bytes: probe.bytes ?? this.#state.bytes, cached: probe.cached, phase: probe.cached ? "cached" : "idle"});
    return this.#state;
  }

  /** Downloads (or reads from the cache) and opens the model; calls while one load runs share it. */
  load(): Promise<LoadedInfo> {
    if (this.#loading) return this.#loading;
    if (this.#state.phase !== "ready") this.#set({phase: "loading", loaded: undefined, total: undefined});
    this.#loading = this.#runtime
      .load(this.#url, {onProgress: (loaded, total) => this.#set({loaded, total})})
      .then((info) => {
        this.#set({phase: "ready", info});
        return info;
      })
      .catch((error: unknown) => {
        this.#loading = undefined;
        this.#set({phase: "failed"});
        throw error;
      });
    return this.#loading;
  }
}

/** Fraction of the download done, judged against the announced size or else the known one. */
export function downloadFraction(state: ModelState): number {
  const all = state.total ?? state.bytes;
  return state.loaded !== undefined && all ? state.loaded / all : 0;
}

/** /alexnet's main line for each phase; undefined when the last line should stay (a failure is told elsewhere). */
export function explainedStatus(state: ModelState, variantName: string): string | undefined {
  const size = megabytes(state.bytes ?? 0);
  switch (state.phase) {
    case "idle":
      return `The model is ${size} (${variantName}). It downloads once, when you choose an image, and stays in your browser's cache for later visits.`;
    case "cached":
      return `The model (${size}) is in your browser's cache: loading it.`;
    case "loading":
      return state.loaded === undefined ? `Loading the model (${size})…` : `Downloading the model: ${megabytes(state.loaded)} of ${megabytes(state.total ?? state.bytes ?? 0)}…`;
    case "ready": {
      const info = state.info!;
      const source = info.fromCache ? "read from your browser's cache" : `downloaded in ${seconds(info.downloadMs)}`;
      return `Model ready: ${megabytes(info.modelBytes)}, ${source}${info.stored || info.fromCache ? "" : " (the cache refused it, so a reload downloads it again)"}.`;
    }
    case "failed":
      return undefined;
  }
}

export function downloadButtonText(state: ModelState): string {
  return `Download the model now (${megabytes(state.bytes ?? 0)})`;
}

/** Which engine runs the model and how fast its session opened. */
export function runtimeSentence(info: LoadedInfo): string {
  return (
    (info.backend === "webgpu" ? "onnxruntime-web on WebGPU" : `onnxruntime-web on WebAssembly, ${info.threads} thread${info.threads === 1 ? "" : "s"}`) +
    (info.crossOriginIsolated ? " (cross-origin isolated)" : " (not cross-origin isolated, so one thread)") +
    `; session created in ${seconds(info.sessionMs)}` +
    (info.webgpuNote ? `; no WebGPU: ${info.webgpuNote}` : "") +
    "."
  );
}

/** The short line for a page that loads the model on the way to something else: whole MB; fraction undefined when unknown. */
export function briefStatus(state: ModelState): {text: string; fraction: number | undefined} | undefined {
  if (state.phase !== "loading") return undefined;
  if (state.loaded === undefined) {
    const size = state.bytes ? ` (${megabytes(state.bytes, 0)})` : "";
    return {text: state.cached ? "Opening the model from the browser cache…" : `Downloading the model${size}…`, fraction: 0};
  }
  return {
    text: `Downloading the model: ${megabytes(state.loaded, 0)}${state.total ? ` of ${megabytes(state.total, 0)}` : ""}…`,
    fraction: state.total ? state.loaded / state.total : undefined
  };
}

/** Loads the model once for a page (nothing to say when it already is), told in `briefStatus`'s words. */
export async function loadWithBriefStatus(runtime: AlexNetRuntime, modelUrl: string, onStatus: (text: string, fraction?: number) => void): Promise<void> {
  if (runtime.info) return;
  const model = new ModelStatus(runtime, modelUrl, {
    onChange: (state) => {
      const brief = briefStatus(state);
      if (brief) onStatus(brief.text, brief.fraction);
    }
  });
  // Without a size the line just says "Downloading the model…", so a failed probe is no reason to stop.
  await model.probe().catch(() => undefined);
  await model.load();
}
