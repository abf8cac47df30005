// The WordNet explorer: an indented, collapsible tree of the ~1,860 synsets above the 1000 ImageNet classes, with
// search over every synonym, a breadcrumb, counts and glosses, a deep link per node (URL hash #n…) and the WAI-ARIA
// tree keyboard model (arrows, Home/End, Enter). Why an indented tree and not an icicle or sunburst: docs/wordnet.md.
import * as d3 from "d3";
import {ensureStyle, wordnetBreadcrumb} from "../ui/wordnet-breadcrumb.js";
import {
  displayName,
  indexTree,
  nodeOf,
  pathFromRoot,
  searchTree,
  type SearchHit,
  type WordnetNode,
  type WordnetTree,
  type WordnetTreeData
} from "../core/wordnet-tree.js";

export interface ExplorerOptions {
  width?: number;
  /** Synset shown first when the URL has no hash. */
  initial?: string;
  /** Depth down to which branches start expanded. */
  openDepth?: number;
  /** Read and write the URL hash (#n02110185) for deep links. */
  deepLink?: boolean;
  /** Resolves when the cell re-runs; listeners are removed then. */
  invalidation?: Promise<unknown>;
}

const WNID_HASH = /^#(n\d{8})$/;
let instances = 0;

export function wordnetExplorer(data: WordnetTreeData, options: ExplorerOptions = {}): HTMLElement {
  const {width = 640, initial = data.root, openDepth = 2, deepLink = true, invalidation} = options;
  ensureStyle("wordnet-explorer-style", EXPLORER_CSS);
  const tree: WordnetTree = indexTree(data);
  const id = `wx${++instances}`;
  const rowId = (wnid: string) => `${id}-${wnid}`;
  const total = nodeOf(tree, tree.root).classCount;

  const expanded = new Set(tree.nodes.filter((node) => node.depth < openDepth && node.children.length > 0).map((node) => node.wnid));
  let selected = tree.byWnid.has(initial) ? initial : tree.root;

  const root = d3.create("div").attr("class", "wordnet-explorer").style("--wx-indent", width < 520 ? "0.5rem" : "1.1rem");

  // Search: a combobox over every lemma of every node.
  const search = root.append("div").attr("class", "wx-search");
  search.append("label").attr("for", `${id}-q`).text("Find a synset (any synonym)");
  const input = search
    .append("input")
    .attr("id", `${id}-q`)
    .attr("type", "search")
    .attr("autocomplete", "off")
    .attr("spellcheck", "false")
    .attr("placeholder", "e.g. husky, Canis familiaris, toilet paper")
    .attr("role", "combobox")
    .attr("aria-autocomplete", "list")
    .attr("aria-expanded", "false")
    .attr("aria-controls", `${id}-results`);
  const results = search.append("ul").attr("id", `${id}-results`).attr("role", "listbox").attr("class", "wx-results").attr("hidden", "");
  const status = search.append("p").attr("class", "wx-status").attr("aria-live", "polite");

  const body = root.append("div").attr("class", "wx-body");
  const detail = body.append("section").attr("class", "wx-detail").attr("aria-label", "Selected synset");
  const treeWrap = body.append("div").attr("class", "wx-tree-wrap");
  const list = treeWrap
    .append("ul")
    .attr("role", "tree")
    .attr("class", "wx-tree")
    .attr("aria-label", "WordNet tree above the 1000 ImageNet classes");

  const countScale = d3.scaleLinear().domain([0, total]).range([0, 100]);

  function visibleRows(): WordnetNode[] {
    const rows: WordnetNode[] = [];
    const walk = (wnid: string) => {
      const node = nodeOf(tree, wnid);
      rows.push(node);
      if (expanded.has(wnid)) node.children.forEach(walk);
    };
    walk(tree.root);
    return rows;
  }

  function renderTree(): void {
    const rows = visibleRows();
    list
      .selectAll<HTMLLIElement, WordnetNode>("li")
      .data(rows, (node) => node.wnid)
      .join((enter) => {
        const li = enter.append("li").attr("role", "treeitem").attr("id", (node) => rowId(node.wnid)).attr("data-wnid", (node) => node.wnid);
        li.append("span").attr("class", "wx-toggle").attr("aria-hidden", "true");
        const label = li.append("span").attr("class", "wx-label");
        label.append("span").attr("class", "wx-name").text(displayName);
        label
          .filter((node) => node.classIndex !== null)
          .append("span")
          .attr("class", "wx-class")
          .text((node) => `#${node.classIndex}`);
        const count = li.append("span").attr("class", "wx-count");
        count
          .append("span")
          .attr("class", "wx-track")
          .append("span")
          .attr("class", "wx-bar")
          .style("width", (node) => `${countScale(node.classCount)}%`);
        count.append("span").attr("class", "wx-count-text").text((node) => node.classCount);
        li.attr("title", (node) => `${displayName(node)}: ${node.classCount} of the ${total} classes`);
        return li;
      })
      .order()
      .style("--wx-depth", (node) => node.depth)
      .attr("aria-level", (node) => node.depth + 1)
      .attr("aria-expanded", (node) => (node.children.length > 0 ? String(expanded.has(node.wnid)) : null))
      .attr("aria-selected", (node) => String(node.wnid === selected))
      .attr("tabindex", (node) => (node.wnid === selected ? 0 : -1))
      .classed("is-leaf", (node) => node.children.length === 0)
      .select(".wx-toggle")
      .text((node) => (node.children.length === 0 ? "" : expanded.has(node.wnid) ? "▾" : "▸"));
  }

  function renderDetail(): void {
    const node = nodeOf(tree, selected);
    const path = pathFromRoot(tree, selected);
    detail.selectAll("*").remove();
    const tail = width < 520 ? 5 : Infinity; // on a phone the full path would push the tree off screen; "…" unfolds it
    detail.node()!.append(wordnetBreadcrumb(path, {onSelect: (wnid) => select(wnid, {focus: true}), label: "Path from the root", tail}));
    detail.append("h3").attr("class", "wx-title").text(displayName(node));
    if (node.names.length > 1) detail.append("p").attr("class", "wx-synonyms").text(`Also: ${node.names.slice(1).join(", ")}`);
    detail.append("p").attr("class", "wx-gloss").text(node.gloss);
    const facts = detail.append("dl").attr("class", "wx-facts");
    const fact = (term: string, value: string) => {
      facts.append("dt").text(term);
      facts.append("dd").text(value);
    };
    fact("WordNet id", node.wnid);
    if (node.classIndex !== null) fact("ImageNet class", `index ${node.classIndex} of 0–999`);
    fact("Depth", `${node.depth} step${node.depth === 1 ? "" : "s"} below entity`);
    fact("Classes in this branch", `${node.classCount} of ${total}`);
    if (node.classCountAllPaths > node.classCount) {
      fact("Counting every parent", `${node.classCountAllPaths} classes reach it (some through a second parent)`);
    }
    if (node.otherParents.length > 0) {
      facts.append("dt").text("Also a kind of");
      const value = facts.append("dd");
      node.otherParents.forEach((wnid, i) => {
        if (i > 0) value.append("span").text(", ");
        value
          .append("button")
          .attr("type", "button")
          .attr("class", "wx-link")
          .text(displayName(nodeOf(tree, wnid)))
          .on("click", () => select(wnid, {focus: true}));
      });
    }
  }

  function revealPath(wnid: string): void {
    for (const node of pathFromRoot(tree, wnid).slice(0, -1)) expanded.add(node.wnid);
  }


  /** Scrolls only the tree panel, so the page itself does not jump. */
  function scrollRowIntoView(wnid: string, centre = true): void {
    const wrap = treeWrap.node()!;
    const row = list.node()!.querySelector<HTMLElement>(`[data-wnid="${wnid}"]`);
    if (!row) return;
    const top = row.offsetTop; // the panel is the rows' offset parent (position: relative)
    if (centre) wrap.scrollTop = top - wrap.clientHeight / 2 + row.offsetHeight / 2;
    else if (top < wrap.scrollTop) wrap.scrollTop = top;
    else if (top + row.offsetHeight > wrap.scrollTop + wrap.clientHeight) wrap.scrollTop = top + row.offsetHeight - wrap.clientHeight;
  }

  function select(wnid: string, {focus = false, updateHash = true, centre = true} = {}): void {
    if (!tree.byWnid.has(wnid)) return;
    selected = wnid;
    revealPath(wnid);
    renderTree();
    renderDetail();
    if (focus) list.node()!.querySelector<HTMLElement>(`[data-wnid="${wnid}"]`)?.focus({preventScroll: true});
    scrollRowIntoView(wnid, centre);
    if (deepLink && updateHash && location.hash !== `#${wnid}`) history.replaceState(history.state, "", `#${wnid}`);
  }

  function toggle(wnid: string): void {
    if (nodeOf(tree, wnid).children.length === 0) return;
    if (expanded.has(wnid)) expanded.delete(wnid);
    else expanded.add(wnid);
    renderTree();
  }

  list.on("click", (event: MouseEvent) => {
    const row = (event.target as Element).closest<HTMLElement>("[data-wnid]");
    if (!row) return;
    const wnid = row.dataset.wnid!;
    if ((event.target as Element).closest(".wx-toggle") || wnid === selected) toggle(wnid);
    select(wnid, {focus: true, centre: false});
  });

  list.on("keydown", (event: KeyboardEvent) => {
    const rows = visibleRows();
    const at = rows.findIndex((node) => node.wnid === selected);
    const node = rows[at];
    let target: string | undefined;
    switch (event.key) {
      case "ArrowDown":
        target = rows[Math.min(at + 1, rows.length - 1)].wnid;
        break;
      case "ArrowUp":
        target = rows[Math.max(at - 1, 0)].wnid;
        break;
      case "Home":
        target = rows[0].wnid;
        break;
      case "End":
        target = rows[rows.length - 1].wnid;
        break;
      case "ArrowRight":
        if (node.children.length === 0) break;
        if (!expanded.has(node.wnid)) toggle(node.wnid);
        else target = node.children[0];
        break;
      case "ArrowLeft":
        if (expanded.has(node.wnid)) toggle(node.wnid);
        else if (node.parent) target = node.parent;
        break;
      case "Enter":
      case " ":
        toggle(node.wnid);
        break;
      default:
        return;
    }
    event.preventDefault();
    select(target ?? node.wnid, {focus: true, centre: false});
  });

  // Search box behaviour (combobox with a listbox popup).
  let hits: SearchHit[] = [];
  let active = -1;

  function renderResults(): void {
    const open = hits.length > 0;
    results.attr("hidden", open ? null : "");
    input.attr("aria-expanded", String(open));
    input.attr("aria-activedescendant", active >= 0 ? `${id}-hit-${active}` : null);
    results
      .selectAll("li")
      .data(hits)
      .join("li")
      .attr("id", (_, i) => `${id}-hit-${i}`)
      .attr("role", "option")
      .attr("aria-selected", (_, i) => String(i === active))
      .attr("data-wnid", (hit) => hit.node.wnid)
      .html("")
      .call((li) => {
        li.append("span").attr("class", "wx-hit-name").text((hit) => hit.name);
        li.append("span")
          .attr("class", "wx-hit-context")
          .text((hit) => {
            const parent = hit.node.parent ? displayName(nodeOf(tree, hit.node.parent)) : "root";
            const main = hit.name === displayName(hit.node) ? "" : `${displayName(hit.node)} · `;
            return `${main}in ${parent}${hit.node.classIndex !== null ? ` · class #${hit.node.classIndex}` : ""}`;
          });
      });
  }

  function runSearch(): void {
    const query = (input.node()!.value ?? "").trim();
    hits = searchTree(tree, query, 12);
    active = hits.length > 0 ? 0 : -1;
    status.text(query.length === 0 ? "" : hits.length === 0 ? `No synset above the 1000 classes is called “${query}”.` : `${hits.length}${hits.length === 12 ? "+" : ""} matches`);
    renderResults();
  }

  function pick(hit: SearchHit | undefined): void {
    if (!hit) return;
    hits = [];
    active = -1;
    renderResults();
    status.text(`Showing ${displayName(hit.node)}.`);
    select(hit.node.wnid, {focus: true});
  }

  input.on("input", runSearch);
  input.on("keydown", (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (hits.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderResults();
      results.node()!.querySelector(`#${id}-hit-${active}`)?.scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(hits[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      hits = [];
      active = -1;
      renderResults();
    }
  });
  results.on("mousedown", (event: MouseEvent) => event.preventDefault()); // keep focus in the input until a pick
  results.on("click", (event: MouseEvent) => {
    const option = (event.target as Element).closest<HTMLElement>("[data-wnid]");
    if (option) pick(hits.find((hit) => hit.node.wnid === option.dataset.wnid));
  });

  // Deep links: #n02110185 opens that synset; later hash changes (back/forward, typed links) follow.
  const fromHash = () => {
    const match = WNID_HASH.exec(location.hash);
    if (match && tree.byWnid.has(match[1])) select(match[1], {updateHash: false});
    return Boolean(match && tree.byWnid.has(match[1]));
  };
  if (deepLink) {
    const onHash = () => fromHash();
    addEventListener("hashchange", onHash);
    invalidation?.then(() => removeEventListener("hashchange", onHash));
  }
  if (!(deepLink && fromHash())) select(selected, {updateHash: false});
  // Scrolling needs layout, which exists only once the page has inserted the explorer.
  const centreWhenAttached = (framesLeft: number) => {
    if (root.node()!.isConnected) scrollRowIntoView(selected);
    else if (framesLeft > 0) requestAnimationFrame(() => centreWhenAttached(framesLeft - 1));
  };
  requestAnimationFrame(() => centreWhenAttached(120));
  return root.node()!;
}

const EXPLORER_CSS = `
.wordnet-explorer { container-type: inline-size; max-width: 100%; }
.wordnet-explorer .wx-search { position: relative; max-width: 32rem; margin-bottom: 0.75rem; }
.wordnet-explorer .wx-search label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.wordnet-explorer input[type=search] { width: 100%; box-sizing: border-box; font: inherit; padding: 0.45rem 0.6rem; border: 1px solid var(--theme-foreground-faint, #999); border-radius: 4px; background: var(--theme-background, #fff); color: inherit; }
.wordnet-explorer .wx-results { position: absolute; z-index: 5; left: 0; right: 0; margin: 2px 0 0; padding: 0; list-style: none; max-height: 18rem; overflow-y: auto; background: var(--theme-background, #fff); border: 1px solid var(--theme-foreground-faint, #999); border-radius: 4px; box-shadow: 0 4px 14px rgb(0 0 0 / 0.15); }
.wordnet-explorer .wx-results li { padding: 0.35rem 0.6rem; cursor: pointer; display: flex; flex-direction: column; }
.wordnet-explorer .wx-results li[aria-selected=true] { background: color-mix(in srgb, var(--accent, #d9480f) 16%, transparent); }
.wordnet-explorer .wx-hit-context { font-size: 0.8em; color: var(--theme-foreground-muted, #666); }
.wordnet-explorer .wx-status { min-height: 1.2em; margin: 0.25rem 0 0; font-size: 0.85em; color: var(--theme-foreground-muted, #666); }
.wordnet-explorer .wx-body { display: flex; flex-direction: column; gap: 1rem; }
@container (min-width: 760px) {
  .wordnet-explorer .wx-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
  .wordnet-explorer .wx-tree-wrap { order: 1; }
  .wordnet-explorer .wx-detail { order: 2; position: sticky; top: 1rem; }
}
.wordnet-explorer .wx-detail { border: 1px solid var(--theme-foreground-faintest, #ddd); border-radius: 6px; padding: 0.75rem 1rem; min-width: 0; }
.wordnet-explorer .wx-title { margin: 0.5rem 0 0.25rem; }
.wordnet-explorer .wx-synonyms { margin: 0 0 0.25rem; font-style: italic; }
.wordnet-explorer .wx-gloss { margin: 0 0 0.5rem; }
.wordnet-explorer .wx-facts { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.15rem 0.75rem; margin: 0; font-size: 0.9em; }
.wordnet-explorer .wx-facts dt { color: var(--theme-foreground-muted, #666); }
.wordnet-explorer .wx-facts dd { margin: 0; overflow-wrap: anywhere; }
.wordnet-explorer .wx-link { font: inherit; color: var(--theme-foreground-focus, #3b5fc0); background: none; border: none; padding: 0; cursor: pointer; text-decoration: underline; }
.wordnet-explorer .wx-tree-wrap { position: relative; max-height: 70vh; overflow: auto; border: 1px solid var(--theme-foreground-faintest, #ddd); border-radius: 6px; min-width: 0; }
.wordnet-explorer .wx-tree { list-style: none; margin: 0; padding: 0.25rem 0; max-width: none; }
.wordnet-explorer .wx-tree li { display: grid; grid-template-columns: 1.1rem minmax(0, 1fr) auto; align-items: center; gap: 0.25rem; padding: 0.15rem 0.5rem 0.15rem calc(0.25rem + var(--wx-depth) * var(--wx-indent)); cursor: pointer; line-height: 1.35; margin: 0; }
.wordnet-explorer .wx-tree li:hover { background: var(--theme-background-alt, #f4f4f4); }
.wordnet-explorer .wx-tree li[aria-selected=true] { background: color-mix(in srgb, var(--accent, #d9480f) 14%, transparent); }
.wordnet-explorer .wx-tree li:focus { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: -2px; }
.wordnet-explorer .wx-toggle { text-align: center; color: var(--theme-foreground-muted, #666); }
.wordnet-explorer .wx-label { min-width: 0; overflow-wrap: break-word; hyphens: auto; }
.wordnet-explorer .wx-class { margin-left: 0.35em; font-size: 0.75em; color: var(--accent, #d9480f); font-variant-numeric: tabular-nums; white-space: nowrap; }
.wordnet-explorer .wx-count { display: flex; align-items: center; gap: 0.35rem; font-size: 0.8em; font-variant-numeric: tabular-nums; color: var(--theme-foreground-muted, #666); }
.wordnet-explorer .wx-track { width: 3.5rem; height: 0.55rem; border-radius: 2px; background: var(--theme-foreground-faintest, #eee); overflow: hidden; }
.wordnet-explorer .wx-bar { display: block; height: 100%; min-width: 1px; background: color-mix(in srgb, var(--accent, #d9480f) 70%, transparent); }
.wordnet-explorer .wx-count-text { min-width: 2.6em; text-align: right; }
@container (max-width: 480px) {
  .wordnet-explorer .wx-track { display: none; }
  .wordnet-explorer .wx-tree li { padding-right: 0.35rem; }
}
`;
