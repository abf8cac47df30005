// Section 3 of /alexnet: what the network says about the current image, or why it says nothing yet.
import type {ImagenetClass, WeightsProvenance} from "../core/artifacts.js";
import type {Prediction} from "../core/inference.js";
import {milliseconds} from "../core/format.js";
import {el} from "../ui/dom.js";
import {describeTop, top5List} from "./top5.js";
import {randomReminder} from "./weights-notice.js";

export interface PredictionData {
  label: string;
  top: readonly Prediction[];
  runMs: number;
  /** Ground truth, for gallery images. */
  trueWnid?: string;
}

export interface PredictionOptions {
  classes: readonly ImagenetClass[];
  weights: WeightsProvenance;
  breadcrumb?: (wnid: string) => Element | null;
}

export function predictionView({label, top, runMs, trueWnid}: PredictionData, {classes, weights, breadcrumb}: PredictionOptions): HTMLElement {
  return el(
    "div",
    {},
    el("h3", {}, `What AlexNet sees in ${label}`),
    ...randomReminder(weights, "these probabilities come from untrained, random weights and mean nothing."),
    top5List(top, classes, {breadcrumb, trueWnid}),
    el("p", {class: "timing"}, `Inference took ${milliseconds(runMs, 0)} in the Worker.`)
  );
}

export type PredictionPanel = HTMLElement & {
  /** A one-line placeholder instead of a prediction. */
  note(text: string): void;
  show(data: PredictionData): void;
};

export function predictionPanel(options: PredictionOptions): PredictionPanel {
  const announce = el("p", {class: "sr-only", "aria-live": "polite"});
  let body: HTMLElement = el("div", {}, el("p", {class: "placeholder"}, "The five most likely classes appear here."));
  const panel = el("section", {class: "alexnet-prediction"}, announce, body) as PredictionPanel;
  const replace = (next: HTMLElement) => {
    body.replaceWith(next);
    body = next;
  };
  panel.note = (text) => replace(el("div", {}, el("p", {class: "placeholder"}, text)));
  panel.show = (data) => {
    replace(predictionView(data, options));
    announce.textContent = `Top prediction for ${data.label}: ${describeTop(data.top, options.classes)}`;
  };
  return panel;
}
