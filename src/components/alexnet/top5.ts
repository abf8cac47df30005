// The five most probable classes for the current image: name, probability bar, WordNet path.
import type {ImagenetClass} from "../core/artifacts.js";
import {className, percent, probability} from "../core/format.js";
import {el} from "../ui/dom.js";
import type {Prediction} from "../core/inference.js";

export interface Top5Options {
  /** Builds the WordNet breadcrumb for a class, if the page has one. */
  breadcrumb?: (wnid: string) => Element | null;
  /** Ground truth of the image, when known (gallery images), to mark a hit. */
  trueWnid?: string;
}

/** "1: goldfish, 71.9 percent; 2: …" — the line screen readers hear. */
export function describeTop(predictions: readonly Prediction[], classes: readonly ImagenetClass[]): string {
  // Spelled out: this sentence is only ever heard, never seen.
  return predictions.map((p, rank) => `${rank + 1}: ${className(classes[p.index], p.index)}, ${percent(p.probability).replace("%", " percent")}`).join("; ");
}

export function top5List(predictions: readonly Prediction[], classes: readonly ImagenetClass[], {breadcrumb, trueWnid}: Top5Options = {}): HTMLElement {
  const items = predictions.map(({index, probability: p}) => {
    const cls = classes[index];
    const hit = cls !== undefined && cls.wnid === trueWnid;
    const name = el("span", {class: "top5-name", title: cls ? `${cls.names.join(", ")} — ${cls.gloss} (${cls.wnid}, class ${index})` : `class ${index}`}, className(cls, index));
    const head = el("div", {class: "top5-head"}, name, el("span", {class: "top5-prob"}, probability(p)), hit && el("span", {class: "top5-badge"}, "true label"));
    const bar = el("div", {class: "top5-bar", "aria-hidden": "true"});
    bar.style.setProperty("--p", String(p));
    const crumb = cls && breadcrumb ? breadcrumb(cls.wnid) : null;
    crumb?.classList.add("top5-breadcrumb");
    return el("li", {"data-index": index, class: hit ? "top5-hit" : null}, head, bar, crumb);
  });
  return el("ol", {class: "top5"}, ...items);
}
