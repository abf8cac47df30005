// The messages between the page (alexnet-runtime.ts) and the Worker (alexnet-worker.ts).
// Types only: both sides import them, so a change to the protocol is a type error on both sides.

/** A float32 tensor as it crosses the Worker boundary (the buffer is transferred, not copied). */
export interface TensorData {
  dims: number[];
  data: Float32Array;
}

export type Backend = "wasm" | "webgpu";

export interface LoadRequest {
  type: "load";
  id: number;
  modelUrl: string;
  /** Try WebGPU when the browser has a real (non-fallback) adapter. */
  preferWebGPU: boolean;
}

export interface RunRequest {
  type: "run";
  id: number;
  /** [batch, 3, 224, 224] row-major; transferred to the Worker. */
  input: Float32Array;
  batch: number;
  /** Graph output names to fetch; asking for fewer costs less. */
  outputs: string[];
  /** Images per session.run; each chunk is posted as soon as it is done. */
  chunkSize: number;
}

export interface CancelRequest {
  type: "cancel";
  id: number;
}

export type WorkerRequest = LoadRequest | RunRequest | CancelRequest;

export interface LoadedInfo {
  backend: Backend;
  /** WASM threads the session was created with (1 when the page is not cross-origin isolated). */
  threads: number;
  crossOriginIsolated: boolean;
  modelBytes: number;
  fromCache: boolean;
  /** Whether the model is now in the Cache API (a reload will not download it again). */
  stored: boolean;
  downloadMs: number;
  sessionMs: number;
  /** Why WebGPU was not used, when it was asked for. */
  webgpuNote?: string;
}

export type WorkerResponse =
  | {type: "download"; id: number; loaded: number; total: number | undefined}
  | {type: "loaded"; id: number; info: LoadedInfo}
  | {type: "chunk"; id: number; start: number; count: number; outputs: Record<string, TensorData>; ms: number}
  | {type: "done"; id: number; ms: number}
  | {type: "error"; id: number; message: string; cancelled: boolean};
