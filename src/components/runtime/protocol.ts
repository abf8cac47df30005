// The messages between the page (alexnet-runtime.ts) and the Worker (worker.ts).
// Types only: both sides import them, so a change to the protocol is a type error on both sides.
import type {Backend, LoadedInfo, TensorData} from "../core/inference.js";

export type {Backend, LoadedInfo, TensorData};


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

export type WorkerResponse =
  | {type: "download"; id: number; loaded: number; total: number | undefined}
  | {type: "loaded"; id: number; info: LoadedInfo}
  | {type: "chunk"; id: number; start: number; count: number; outputs: Record<string, TensorData>; ms: number}
  | {type: "done"; id: number; ms: number}
  | {type: "error"; id: number; message: string; cancelled: boolean};
