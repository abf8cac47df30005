// The model's section on /alexnet: its size before any download, a progress bar during it, the engine after,
// and the choice of model file. It renders ModelStatus's state; the controller decides when to load.
import {el} from "../ui/dom.js";
import {MODEL_VARIANTS, type ModelVariant, type ModelVariantId} from "../core/model-variants.js";
import {downloadButtonText, downloadFraction, explainedStatus, runtimeSentence, type ModelState} from "../runtime/model-status.js";

export interface ModelStatusViewOptions {
  /** The reader asked for the download before choosing an image. */
  onLoad: () => void;
  /** The reader chose another model file. */
  onVariant: (id: ModelVariantId) => void;
}

export type ModelStatusView = HTMLElement & {show(state: ModelState): void};

export function modelStatusView(variant: ModelVariant, {onLoad, onVariant}: ModelStatusViewOptions): ModelStatusView {
  const text = el("p", {class: "model-status-text"});
  const progress = el("progress", {class: "model-progress", "aria-label": "Model download"});
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  const loadButton = el("button", {class: "model-load", type: "button"});
  loadButton.addEventListener("click", onLoad);
  const runtimeText = el("p", {class: "model-runtime"});
  const select = el("select", {}, ...MODEL_VARIANTS.map((v) => el("option", {value: v.id}, `${v.label}${v.id === "fp32" ? ", exact" : ""}`)));
  select.value = variant.id;
  select.addEventListener("change", () => onVariant(select.value as ModelVariantId));
  const variantLabel = el("label", {class: "model-variant"}, "Model file ", select, el("small", {}, ` ${variant.note}`));
  const root = el("section", {class: "model-status", "aria-label": "The model"}, text, progress, loadButton, variantLabel, runtimeText) as ModelStatusView;
  // "float32 weights (244 MB)" → "float32 weights": the measured size is said separately.
  const name = variant.label.replace(/ \(.*\)$/, "");

  root.show = (state) => {
    const sentence = explainedStatus(state, name);
    if (sentence !== undefined) text.textContent = sentence;
    loadButton.textContent = downloadButtonText(state);
    // After a failure the button comes back, so the reader can try again; the bar keeps showing how far it got.
    loadButton.hidden = state.phase !== "idle" && state.phase !== "failed";
    if (state.phase === "loading") {
      progress.hidden = false;
      progress.value = downloadFraction(state);
    } else if (state.phase === "ready") progress.hidden = true;
    if (state.info) runtimeText.textContent = runtimeSentence(state.info);
  };
  return root;
}
