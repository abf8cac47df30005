// The batch as a grid of thumbnails, each with AlexNet's top-1 guess and a right/wrong mark
// (a symbol and a word, not colour alone).
import {el} from "../ui/dom.js";
import {roughProbability} from "../core/format.js";

export interface GridItem {
  id: string;
  dataUrl: string;
  /** Top-1 class name, or undefined before the model has run. */
  predicted?: string;
  probability?: number;
  correct?: boolean;
}

export function goldfishGrid(items: readonly GridItem[], {width}: {width: number}): HTMLElement {
  const columns = Math.max(3, Math.min(10, Math.floor(width / 112)));
  return el(
    "ol",
    {class: "goldfish-grid", style: `grid-template-columns: repeat(${columns}, minmax(0, 1fr));`, "aria-label": `${items.length} images`},
    ...items.map((item) => {
      const verdict = item.correct === undefined ? null : item.correct ? "right" : "wrong";
      return el(
        "li",
        {class: `goldfish-cell${verdict ? ` goldfish-${verdict}` : ""}`, "data-id": item.id, "data-verdict": verdict ?? undefined},
        el("img", {src: item.dataUrl, alt: `${item.id}${item.predicted ? `, classified as ${item.predicted}` : ""}`, width: 64, height: 64, loading: "lazy"}),
        item.predicted === undefined
          ? el("span", {class: "goldfish-caption"}, item.id)
          : el(
              "span",
              {class: "goldfish-caption"},
              el("span", {class: "goldfish-mark", "aria-hidden": "true"}, item.correct ? "✓ " : "✗ "),
              el("span", {class: "sr-only"}, item.correct ? "right: " : "wrong: "),
              item.predicted,
              item.probability === undefined ? null : el("span", {class: "goldfish-probability"}, ` ${roughProbability(item.probability)}`)
            )
      );
    })
  );
}
