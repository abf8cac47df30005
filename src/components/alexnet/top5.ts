// The five most probable classes for the current image: name, probability bar, WordNet path.
import type {ImagenetClass} from "../core/artifacts.js";
import {className} from "../core/format.js";
import type {Prediction} from "../core/inference.js";

export interface Top5Options {
  /** Builds the WordNet breadcrumb for a class, if the page has one. */
  breadcrumb?: (wnid: string) => Element | null;
  /** Ground truth of the image, when known (gallery images), to mark a hit. */
  trueWnid?: string;
}

/** "goldfish 71.9%" — the line screen readers hear. */
export function describeTop(predictions: readonly Prediction[], classes: readonly ImagenetClass[]): string {
  return predictions.map((p, rank) => `${rank + 1}: ${className(classes[p.index], p.index)}, ${(100 * p.probability).toFixed(1)} percent`).join("; ");
}

export function top5List(predictions: readonly Prediction[], classes: readonly ImagenetClass[], {breadcrumb, trueWnid}: Top5Options = {}): HTMLElement {
  const list = document.createElement("ol");
  list.className = "top5";
  for (const {index, probability} of predictions) {
    const cls = classes[index];
    const item = document.createElement("li");
    item.dataset.index = String(index);
    if (cls && cls.wnid === trueWnid) item.classList.add("top5-hit");
    const head = document.createElement("div");
    head.className = "top5-head";
    const name = document.createElement("span");
    name.className = "top5-name";
    name.textContent = className(cls, index);
    name.title = cls ? `${cls.names.join(", ")} — ${cls.gloss} (${cls.wnid}, class ${index})` : `class ${index}`;
    const value = document.createElement("span");
    value.className = "top5-prob";
    value.textContent = `${(100 * probability).toFixed(probability < 0.001 ? 3 : 1)}%`;
    head.append(name, value);
    if (cls && cls.wnid === trueWnid) {
      const badge = document.createElement("span");
      badge.className = "top5-badge";
      badge.textContent = "true label";
      head.append(badge);
    }
    const bar = document.createElement("div");
    bar.className = "top5-bar";
    bar.setAttribute("aria-hidden", "true");
    bar.style.setProperty("--p", String(probability));
    item.append(head, bar);
    const crumb = cls && breadcrumb ? breadcrumb(cls.wnid) : null;
    if (crumb) {
      crumb.classList.add("top5-breadcrumb");
      item.append(crumb);
    }
    list.append(item);
  }
  return list;
}
