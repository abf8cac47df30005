// A WordNet path as a breadcrumb: entity › physical entity › … › Siberian husky. Reusable on any page:
// `wordnetBreadcrumb(pathFromRoot(tree, wnid), {onSelect})` makes each step a button; `{linkTo: "/wordnet"}` makes
// each step a link into the explorer (deep link by URL hash); with neither, steps are plain text.
// Its styles are in the global style.css, since it appears on several pages.
import type {WordnetNode} from "../core/wordnet-tree.js";
import {el} from "./dom.js";

export type BreadcrumbStep = Pick<WordnetNode, "wnid" | "names"> & Partial<Pick<WordnetNode, "classIndex" | "gloss">>;

export interface BreadcrumbOptions {
  onSelect?: (wnid: string) => void;
  /** Page to link each step to, as `${linkTo}#${wnid}`. */
  linkTo?: string;
  /** Accessible name of the navigation landmark. */
  label?: string;
  /** Steps to show at the end; earlier ones fold into one "…" button that unfolds them. All by default. */
  tail?: number;
}

export function wordnetBreadcrumb(path: readonly BreadcrumbStep[], options: BreadcrumbOptions = {}): HTMLElement {
  const {onSelect, linkTo, label = "WordNet path", tail = Infinity} = options;
  const list = el("ol");
  const nav = el("nav", {class: "wordnet-breadcrumb", "aria-label": label}, list);

  const stepElement = (step: BreadcrumbStep, isLast: boolean): HTMLElement => {
    const name = step.names[0] ?? step.wnid;
    const attrs = {
      "data-wnid": step.wnid,
      title: step.gloss || undefined,
      class: step.classIndex !== null && step.classIndex !== undefined ? "is-class" : undefined
    };
    if (isLast) return el("span", {"aria-current": "location", ...attrs}, name);
    if (onSelect) {
      const button = el("button", {type: "button", ...attrs}, name);
      button.addEventListener("click", () => onSelect(step.wnid));
      return button;
    }
    if (linkTo !== undefined) return el("a", {href: `${linkTo}#${step.wnid}`, ...attrs}, name);
    return el("span", attrs, name);
  };

  const render = (visibleFrom: number) => {
    list.replaceChildren();
    if (visibleFrom > 0) {
      const more = el("button", {type: "button", class: "wordnet-breadcrumb-more", "aria-label": `Show ${visibleFrom} more general steps`}, "…");
      more.addEventListener("click", () => {
        render(0);
        (list.querySelector("button, a") as HTMLElement | null)?.focus();
      });
      list.append(el("li", {}, more));
    }
    path.slice(visibleFrom).forEach((step, i, shown) => list.append(el("li", {}, stepElement(step, i === shown.length - 1))));
  };
  render(Math.max(0, path.length - tail));
  return nav;
}
