// The contract of /alexnet's controller: what the page passes in, what it gets back to place between its
// paragraphs, and what the end-to-end tests read from the running page.
import type {AlexNetMeta, Gallery, ImagenetClass} from "../core/artifacts.js";
import type {ModelVariantId} from "../core/model-variants.js";
import type {AlexNetRuntime, LoadedInfo, TensorData} from "../runtime/alexnet-runtime.js";
import type {ViewState} from "./url-state.js";

export interface AlexNetPageData {
  meta: Pick<AlexNetMeta, "weights" | "layers" | "modelBytes">;
  gallery: Gallery;
  classes: ImagenetClass[];
  /** URL of each model file (FileAttachment hrefs), by variant id. */
  modelUrls: Record<ModelVariantId, string>;
  /** Loads alexnet-filters.bin (only when a reader opens the filters). */
  loadFilters: () => Promise<ArrayBuffer>;
  /** WordNet breadcrumb for a class, if the page has one. */
  breadcrumb?: (wnid: string) => Element | null;
}

export interface AlexNetPage {
  notice: HTMLElement;
  strip: HTMLElement;
  status: HTMLElement;
  picker: HTMLElement;
  steps: HTMLElement;
  prediction: HTMLElement;
  explorer: HTMLElement;
  filters: HTMLElement;
  /** The width the sections have (from Framework's `width`); canvases are redrawn when it really changes. */
  setWidth(width: number): void;
  dispose(): void;
}

/** What the end-to-end tests read (as `window.__alexnet`): the exact numbers the page shows. */
export interface TestHook {
  state: ViewState;
  /** The page's runtime, for benchmarks (e.g. logits-only latency). */
  runtime: AlexNetRuntime;
  info?: LoadedInfo;
  imageLabel?: string;
  lastInput?: Float32Array;
  lastOutputs?: Record<string, TensorData>;
  lastRunMs?: number;
  runs: number;
}
