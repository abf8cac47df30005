// Preprocessing ablations on the goldfish batch: switch off one step of torchvision's evaluation transform (or get
// it subtly wrong), re-run the batch in the browser and see what the accuracy does. The switches are options of the
// shared preprocessing module, not copies of it.
import type {AlexNetRuntime} from "../runtime/alexnet-runtime.js";
import type {ImagePrediction} from "../core/evaluation-metrics.js";
import {loadWithBriefStatus} from "../runtime/model-status.js";
import {runLive, type LiveImage} from "./live-run.js";
import {describePreprocessing, type PreprocessOptions, type ResizeFilter} from "../core/preprocess.js";
import {el, uid} from "../ui/dom.js";
import {pointsChange, wholePercent} from "../core/format.js";

export interface AblationOptions {
  runtime: AlexNetRuntime;
  modelUrl: string;
  /** Correct top-1 answers for a run's predictions. */
  countCorrect: (predictions: readonly ImagePrediction[]) => number;
  /** Correct answers with torchvision's own preprocessing (the build-time run). */
  baselineCorrect: number;
}

export function goldfishAblations(images: readonly LiveImage[], {runtime, modelUrl, countCorrect, baselineCorrect}: AblationOptions): HTMLElement {
  const checkbox = (label: string) => {
    const id = uid("ablation");
    const input = el("input", {type: "checkbox", id});
    return {input, field: el("div", {class: "goldfish-ablation-field"}, input, " ", el("label", {for: id}, label))};
  };
  const noNormalize = checkbox("No normalization (feed ToTensor's 0–1 values)");
  const squash = checkbox("Squash to 224×224 instead of Resize(256) + CenterCrop(224)");
  const bgr = checkbox("BGR channel order (red and blue swapped)");
  const filterId = uid("ablation-filter");
  const filter = el(
    "select",
    {id: filterId},
    el("option", {value: "bilinear"}, "bilinear with antialiasing (torchvision)"),
    el("option", {value: "nearest"}, "nearest neighbour"),
    el("option", {value: "bicubic"}, "bicubic")
  );
  const run = el("button", {type: "button"}, "Re-run the batch with these settings");
  const status = el("p", {role: "status", "aria-live": "polite"}, `With torchvision's preprocessing: ${baselineCorrect} of ${images.length} (${wholePercent(baselineCorrect, images.length)}).`);
  const history = el("tbody");
  const table = el(
    "table",
    {class: "goldfish-ablation-history"},
    el("caption", {}, "Runs in this browser"),
    el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "settings"), el("th", {scope: "col"}, "goldfish found"), el("th", {scope: "col"}, "change"))),
    history
  );
  table.hidden = true;
  const root = el(
    "div",
    {class: "goldfish-ablations", "data-state": "idle"},
    el("fieldset", {}, el("legend", {}, "Preprocessing switches"), noNormalize.field, el("div", {class: "goldfish-ablation-field"}, el("label", {for: filterId}, "Resize filter: "), filter), squash.field, bgr.field),
    run,
    status,
    table
  );

  const options = (): PreprocessOptions => ({
    normalize: !noNormalize.input.checked,
    filter: filter.value as ResizeFilter,
    crop: squash.input.checked ? "squash" : "center",
    channelOrder: bgr.input.checked ? "BGR" : "RGB"
  });

  let controller: AbortController | undefined;
  run.addEventListener("click", async () => {
    controller?.abort();
    const mine = (controller = new AbortController());
    const chosen = options();
    root.dataset.state = "running";
    run.disabled = true;
    try {
      await loadWithBriefStatus(runtime, modelUrl, (text) => (status.textContent = text));
      const result = await runLive(images, {
        runtime,
        preprocessing: chosen,
        signal: mine.signal,
        onProgress: ({done, total}) => (status.textContent = `Running ${describePreprocessing(chosen)}: ${done} of ${total} images…`)
      });
      const correct = countCorrect(result.predictions);
      status.textContent = `${describePreprocessing(chosen)}: ${correct} of ${images.length} goldfish found (${wholePercent(correct, images.length)}), ${pointsChange(
        correct,
        baselineCorrect,
        images.length,
        {words: true}
      )} against torchvision's preprocessing.`;
      history.prepend(el("tr", {}, el("td", {}, describePreprocessing(chosen)), el("td", {}, `${correct} / ${images.length}`), el("td", {}, pointsChange(correct, baselineCorrect, images.length))));
      table.hidden = false;
      root.dataset.state = "done";
      root.dataset.correct = String(correct);
    } catch (error) {
      if (mine.signal.aborted) return;
      status.textContent = `The run failed: ${(error as Error).message}`;
      root.dataset.state = "failed";
    } finally {
      if (controller === mine) run.disabled = false;
    }
  });
  return root;
}
