// A WordNet path as a breadcrumb: entity › physical entity › … › Siberian husky. Reusable on any page:
// `wordnetBreadcrumb(pathFromRoot(tree, wnid), {onSelect})` makes each step a button; `{linkTo: "/wordnet"}` makes
// each step a link into the explorer (deep link by URL hash); with neither, steps are plain text.
import type {WordnetNode} from "../core/wordnet-tree.js";

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
  ensureStyle("wordnet-breadcrumb-style", BREADCRUMB_CSS);
  const nav = document.createElement("nav");
  nav.className = "wordnet-breadcrumb";
  nav.setAttribute("aria-label", label);
  const list = document.createElement("ol");
  nav.append(list);

  const stepElement = (step: BreadcrumbStep, isLast: boolean): HTMLElement => {
    const name = step.names[0] ?? step.wnid;
    let element: HTMLElement;
    if (isLast) {
      element = document.createElement("span");
      element.setAttribute("aria-current", "location");
    } else if (onSelect) {
      const button = document.createElement("button");
      button.type = "button";
      button.addEventListener("click", () => onSelect(step.wnid));
      element = button;
    } else if (linkTo !== undefined) {
      const link = document.createElement("a");
      link.href = `${linkTo}#${step.wnid}`;
      element = link;
    } else {
      element = document.createElement("span");
    }
    element.textContent = name;
    element.dataset.wnid = step.wnid;
    if (step.gloss) element.title = step.gloss;
    if (step.classIndex !== null && step.classIndex !== undefined) element.classList.add("is-class");
    return element;
  };

  const render = (visibleFrom: number) => {
    list.replaceChildren();
    if (visibleFrom > 0) {
      const item = document.createElement("li");
      const more = document.createElement("button");
      more.type = "button";
      more.className = "wordnet-breadcrumb-more";
      more.textContent = "…";
      more.setAttribute("aria-label", `Show ${visibleFrom} more general steps`);
      more.addEventListener("click", () => {
        render(0);
        (list.querySelector("button, a") as HTMLElement | null)?.focus();
      });
      item.append(more);
      list.append(item);
    }
    path.slice(visibleFrom).forEach((step, i, shown) => {
      const item = document.createElement("li");
      item.append(stepElement(step, i === shown.length - 1));
      list.append(item);
    });
  };
  render(Math.max(0, path.length - tail));
  return nav;
}

/** Adds a stylesheet once per document, so a component works on any page without a CSS import. */
export function ensureStyle(id: string, css: string): void {
  if (document.getElementById(id)) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}

const BREADCRUMB_CSS = `
.wordnet-breadcrumb ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.15rem 0; font-size: 0.9em; line-height: 1.6; }
.wordnet-breadcrumb li { display: inline-flex; align-items: center; max-width: 100%; }
.wordnet-breadcrumb li + li::before { content: "›"; margin: 0 0.35em; color: var(--theme-foreground-faint, #888); }
.wordnet-breadcrumb button, .wordnet-breadcrumb a { font: inherit; color: var(--theme-foreground-focus, #3b5fc0); background: none; border: none; padding: 0.1em 0.15em; cursor: pointer; text-decoration: underline; text-decoration-color: color-mix(in srgb, currentColor 35%, transparent); text-underline-offset: 0.2em; overflow-wrap: anywhere; text-align: left; }
.wordnet-breadcrumb [aria-current] { font-weight: 600; overflow-wrap: anywhere; }
.wordnet-breadcrumb .is-class::after { content: "●"; font-size: 0.6em; margin-left: 0.3em; vertical-align: middle; color: var(--accent, #d9480f); }
`;
