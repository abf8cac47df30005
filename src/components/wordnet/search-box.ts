// The explorer's search: a WAI-ARIA combobox over every lemma of every synset, with a listbox of up to 12 hits.
// The input keeps focus while the reader moves through the hits with ↑/↓; Enter or a click picks one.
import {el} from "../ui/dom.js";
import {displayName, nodeOf, searchTree, type SearchHit, type WordnetTree} from "../core/wordnet-tree.js";

const MAX_HITS = 12;

export interface SearchBoxOptions {
  /** Prefix for element ids, unique on the page. */
  id: string;
  /** The reader picked a synset. */
  onPick: (wnid: string) => void;
}

/** Where a hit sits, so two synsets called "crane" can be told apart. */
function hitContext(tree: WordnetTree, hit: SearchHit): string {
  const parent = hit.node.parent ? displayName(nodeOf(tree, hit.node.parent)) : "root";
  const main = hit.name === displayName(hit.node) ? "" : `${displayName(hit.node)} · `;
  return `${main}in ${parent}${hit.node.classIndex !== null ? ` · class #${hit.node.classIndex}` : ""}`;
}

export function searchBox(tree: WordnetTree, {id, onPick}: SearchBoxOptions): HTMLElement {
  const input = el("input", {
    id: `${id}-q`,
    type: "search",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "e.g. husky, Canis familiaris, toilet paper",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": `${id}-results`
  });
  const results = el("ul", {id: `${id}-results`, role: "listbox", class: "wx-results", hidden: true});
  const status = el("p", {class: "wx-status", "aria-live": "polite"});

  let hits: SearchHit[] = [];
  let active = -1;

  function renderResults(): void {
    const open = hits.length > 0;
    results.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${id}-hit-${active}`);
    else input.removeAttribute("aria-activedescendant");
    results.replaceChildren(
      ...hits.map((hit, i) =>
        el(
          "li",
          {id: `${id}-hit-${i}`, role: "option", "aria-selected": String(i === active), "data-wnid": hit.node.wnid},
          el("span", {class: "wx-hit-name"}, hit.name),
          el("span", {class: "wx-hit-context"}, hitContext(tree, hit))
        )
      )
    );
  }

  function runSearch(): void {
    const query = input.value.trim();
    hits = searchTree(tree, query, MAX_HITS);
    active = hits.length > 0 ? 0 : -1;
    status.textContent =
      query.length === 0 ? "" : hits.length === 0 ? `No synset above the 1000 classes is called “${query}”.` : `${hits.length}${hits.length === MAX_HITS ? "+" : ""} matches`;
    renderResults();
  }

  function pick(hit: SearchHit | undefined): void {
    if (!hit) return;
    hits = [];
    active = -1;
    renderResults();
    status.textContent = `Showing ${displayName(hit.node)}.`;
    onPick(hit.node.wnid);
  }

  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (hits.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderResults();
      results.querySelector(`#${id}-hit-${active}`)?.scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(hits[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      hits = [];
      active = -1;
      renderResults();
    }
  });
  results.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input until a pick
  results.addEventListener("click", (event) => {
    const option = (event.target as Element).closest<HTMLElement>("[data-wnid]");
    if (option) pick(hits.find((hit) => hit.node.wnid === option.dataset.wnid));
  });

  return el("div", {class: "wx-search"}, el("label", {for: `${id}-q`}, "Find a synset (any synonym)"), input, results, status);
}
