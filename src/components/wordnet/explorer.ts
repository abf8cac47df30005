// The WordNet explorer: an indented, collapsible tree of the ~1,860 synsets above the 1000 ImageNet classes, with
// search over every synonym, a breadcrumb, counts and glosses, and a deep link per node (URL hash #n…).
// Why an indented tree and not an icicle or sunburst: docs/wordnet.md. Styles: src/wordnet.css.
import {el} from "../ui/dom.js";
import {indexTree, type WordnetTree, type WordnetTreeData} from "../core/wordnet-tree.js";
import {searchBox} from "./search-box.js";
import {synsetDetail} from "./synset-detail.js";
import {treeView} from "./tree-view.js";

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
  const tree: WordnetTree = indexTree(data);
  const id = `wx${++instances}`;
  let selected = tree.byWnid.has(initial) ? initial : tree.root;

  const rows = treeView(tree, {rowId: (wnid) => `${id}-${wnid}`, openDepth, onChoose: (wnid) => select(wnid, {focus: true, centre: false})});
  const detail = el("section", {class: "wx-detail", "aria-label": "Selected synset"});
  const search = searchBox(tree, {id, onPick: (wnid) => select(wnid, {focus: true})});
  const root = el("div", {class: "wordnet-explorer"}, search, el("div", {class: "wx-body"}, detail, rows.element));
  root.style.setProperty("--wx-indent", width < 520 ? "0.5rem" : "1.1rem");
  const tail = width < 520 ? 5 : Infinity; // on a phone the full path would push the tree off screen; "…" unfolds it

  function select(wnid: string, {focus = false, updateHash = true, centre = true} = {}): void {
    if (!tree.byWnid.has(wnid)) return;
    selected = wnid;
    rows.show(wnid);
    detail.replaceChildren(...synsetDetail(tree, wnid, {tail, onSelect: (next) => select(next, {focus: true})}));
    if (focus) rows.focusRow(wnid);
    rows.scrollToRow(wnid, centre);
    if (deepLink && updateHash && location.hash !== `#${wnid}`) history.replaceState(history.state, "", `#${wnid}`);
  }

  // Deep links: #n02110185 opens that synset; later hash changes (back/forward, typed links) follow.
  const fromHash = () => {
    const match = WNID_HASH.exec(location.hash);
    const found = Boolean(match && tree.byWnid.has(match[1]!));
    if (found) select(match![1]!, {updateHash: false});
    return found;
  };
  if (deepLink) {
    const onHash = () => fromHash();
    addEventListener("hashchange", onHash);
    invalidation?.then(() => removeEventListener("hashchange", onHash));
  }
  if (!(deepLink && fromHash())) select(selected, {updateHash: false});
  // Scrolling needs layout, which exists only once the page has inserted the explorer.
  const centreWhenAttached = (framesLeft: number) => {
    if (root.isConnected) rows.scrollToRow(selected, true);
    else if (framesLeft > 0) requestAnimationFrame(() => centreWhenAttached(framesLeft - 1));
  };
  requestAnimationFrame(() => centreWhenAttached(120));
  return root;
}
