// The live re-run panel on /goldfish: runs the page's batch through AlexNet in the browser's inference Worker,
// with a progress bar, pause/resume, cancel and images per second, then checks image by image that the browser
// agrees with the build-time results. State is mirrored in data-* attributes for tests and assistive tech.
import type {AlexNetRuntime} from "../runtime/alexnet-runtime.js";
import {compareRuns, type RunAgreement, type ImagePrediction} from "../core/evaluation-metrics.js";
import {loadWithBriefStatus} from "../runtime/model-status.js";
import {PauseGate, runLive, type LiveImage, type LiveRun} from "./live-run.js";
import {el} from "../ui/dom.js";
import {seconds} from "../core/format.js";

export interface RerunOptions {
  runtime: AlexNetRuntime;
  modelUrl: string;
  /** Build-time predictions for the same images (matched by id). */
  reference: readonly ImagePrediction[];
  /** ImageNet-1k class names by index, for the list of disagreements. */
  classNames: readonly string[];
}

export type RerunState = "idle" | "loading" | "running" | "paused" | "done" | "cancelled" | "failed";

export function goldfishRerun(images: readonly LiveImage[], {runtime, modelUrl, reference, classNames}: RerunOptions): HTMLElement & {value?: LiveRun} {
  const start = el("button", {type: "button", class: "goldfish-rerun-start"}, `Re-run all ${images.length} images in this browser`);
  const pause = el("button", {type: "button", disabled: true}, "Pause");
  const cancel = el("button", {type: "button", disabled: true}, "Cancel");
  const progress = el("progress", {max: images.length, value: 0, "aria-label": "Images classified"});
  const status = el("p", {class: "goldfish-rerun-status", role: "status", "aria-live": "polite"}, "Not run yet. The model is downloaded only when you press the button.");
  const result = el("div", {class: "goldfish-rerun-result"});
  const root = el("div", {class: "goldfish-rerun", "data-state": "idle"}, el("div", {class: "goldfish-rerun-buttons"}, start, pause, cancel), progress, status, result) as HTMLElement & {value?: LiveRun};

  let controller: AbortController | undefined;
  let gate: PauseGate | undefined;
  const setState = (state: RerunState) => {
    root.dataset.state = state;
    const active = state === "loading" || state === "running" || state === "paused";
    start.disabled = active;
    pause.disabled = !(state === "running" || state === "paused");
    cancel.disabled = !active;
    pause.textContent = state === "paused" ? "Resume" : "Pause";
  };

  pause.addEventListener("click", () => {
    if (!gate) return;
    if (gate.paused) {
      gate.resume();
      setState("running");
      status.textContent = "Resumed.";
    } else {
      gate.pause();
      setState("paused");
      status.textContent = "Pausing after the images in flight…";
    }
  });
  cancel.addEventListener("click", () => controller?.abort());

  start.addEventListener("click", async () => {
    controller = new AbortController();
    gate = new PauseGate();
    result.replaceChildren();
    progress.value = 0;
    progress.removeAttribute("value");
    try {
      setState("loading");
      await loadWithBriefStatus(runtime, modelUrl, (text, fraction) => {
        status.textContent = text;
        if (fraction === undefined) progress.removeAttribute("value");
        else progress.value = fraction * images.length;
      });
      if (controller.signal.aborted) throw new DOMException("cancelled", "AbortError");
      setState("running");
      progress.value = 0;
      const run = await runLive(images, {
        runtime,
        signal: controller.signal,
        gate,
        onProgress: ({done, total, imagesPerSecond}) => {
          progress.value = done;
          if (!gate?.paused) status.textContent = `Classified ${done} of ${total} images · ${imagesPerSecond.toFixed(1)} images per second`;
          else status.textContent = `Paused after ${done} of ${total} images.`;
        }
      });
      const agreement = compareRuns(reference, run.predictions);
      root.value = run;
      root.dataset.imagesPerSecond = run.imagesPerSecond.toFixed(2);
      root.dataset.agreeTop1 = String(agreement.sameTop1);
      root.dataset.compared = String(agreement.compared);
      const info = runtime.info;
      status.textContent = `Done: ${run.predictions.length} images in ${seconds(run.elapsedMs)}, ${run.imagesPerSecond.toFixed(1)} images per second${
        info ? ` (${info.backend}, ${info.threads} thread${info.threads === 1 ? "" : "s"})` : ""
      }.`;
      result.replaceChildren(agreementReport(agreement, reference, run.predictions, classNames));
      setState("done");
      root.dispatchEvent(new Event("input", {bubbles: true}));
    } catch (error) {
      const cancelled = error instanceof DOMException && error.name === "AbortError";
      status.textContent = cancelled ? `Cancelled after ${progress.value || 0} images.` : `The re-run failed: ${(error as Error).message}`;
      setState(cancelled ? "cancelled" : "failed");
    }
  });
  return root;
}

function agreementReport(agreement: RunAgreement, reference: readonly ImagePrediction[], live: readonly ImagePrediction[], classNames: readonly string[]): HTMLElement {
  const all = agreement.sameTop1 === agreement.compared;
  const summary = el(
    "p",
    {class: all ? "goldfish-agree" : "goldfish-disagree"},
    el("strong", {}, all ? "✓ Agrees with the build: " : "✗ Differs from the build: "),
    `${agreement.sameTop1} of ${agreement.compared} images get the same top-1 class in the browser as in the build-time run with onnxruntime-node; `,
    `${agreement.sameTop5} have the identical top-5 list; the largest difference in the top-1 probability is ${agreement.maxProbabilityDifference.toExponential(1)}.`
  );
  if (all) return summary;
  const byId = new Map(live.map((p) => [p.id, p]));
  const rows = reference
    .filter((p) => agreement.differing.includes(p.id))
    .map((p) => el("li", {}, `${p.id}: build ${classNames[p.top5[0]] ?? p.top5[0]}, browser ${classNames[byId.get(p.id)!.top5[0]] ?? byId.get(p.id)!.top5[0]}`));
  return el("div", {}, summary, el("ul", {}, ...rows));
}
