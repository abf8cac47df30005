// The explorer's indented tree: one row per visible synset with its class count, collapsible branches and the
// WAI-ARIA tree keyboard model (arrows, Home/End, Enter). Rows are kept per synset and only inserted or removed
// as branches open and close, so the focused row stays focused while the tree changes around it.
import {el} from "../ui/dom.js";
import {displayName, nodeOf, pathFromRoot, type WordnetNode, type WordnetTree} from "../core/wordnet-tree.js";

export interface TreeViewOptions {
  /** Element id for a synset's row, unique on the page. */
  rowId: (wnid: string) => string;
  /** Depth down to which branches start expanded. */
  openDepth: number;
  /** The reader chose a row, by click or keyboard. */
  onChoose: (wnid: string) => void;
}

export interface TreeView {
  /** The scrollable panel holding the tree. */
  element: HTMLElement;
  /** Marks `wnid` as selected, opening every branch above it. */
  show(wnid: string): void;
  focusRow(wnid: string): void;
  /** Scrolls only the tree panel, so the page itself does not jump. */
  scrollToRow(wnid: string, centre: boolean): void;
}

export function treeView(tree: WordnetTree, {rowId, openDepth, onChoose}: TreeViewOptions): TreeView {
  const total = nodeOf(tree, tree.root).classCount;
  const expanded = new Set(tree.nodes.filter((node) => node.depth < openDepth && node.children.length > 0).map((node) => node.wnid));
  let selected = tree.root;
  const list = el("ul", {role: "tree", class: "wx-tree", "aria-label": "WordNet tree above the 1000 ImageNet classes"});
  const element = el("div", {class: "wx-tree-wrap"}, list);

  const rows = new Map<string, {row: HTMLLIElement; toggle: HTMLElement}>();
  function rowOf(node: WordnetNode): {row: HTMLLIElement; toggle: HTMLElement} {
    let made = rows.get(node.wnid);
    if (made) return made;
    const toggle = el("span", {class: "wx-toggle", "aria-hidden": "true"});
    const bar = el("span", {class: "wx-bar"});
    bar.style.width = `${100 * (node.classCount / total)}%`;
    const row = el(
      "li",
      {role: "treeitem", id: rowId(node.wnid), "data-wnid": node.wnid, title: `${displayName(node)}: ${node.classCount} of the ${total} classes`},
      toggle,
      el("span", {class: "wx-label"}, el("span", {class: "wx-name"}, displayName(node)), node.classIndex !== null && el("span", {class: "wx-class"}, `#${node.classIndex}`)),
      el("span", {class: "wx-count"}, el("span", {class: "wx-track"}, bar), el("span", {class: "wx-count-text"}, node.classCount))
    );
    row.style.setProperty("--wx-depth", String(node.depth));
    row.setAttribute("aria-level", String(node.depth + 1));
    row.classList.toggle("is-leaf", node.children.length === 0);
    made = {row, toggle};
    rows.set(node.wnid, made);
    return made;
  }

  function visibleRows(): WordnetNode[] {
    const visible: WordnetNode[] = [];
    const walk = (wnid: string) => {
      const node = nodeOf(tree, wnid);
      visible.push(node);
      if (expanded.has(wnid)) node.children.forEach(walk);
    };
    walk(tree.root);
    return visible;
  }

  function render(): void {
    const wanted = visibleRows().map((node) => {
      const {row, toggle} = rowOf(node);
      const open = expanded.has(node.wnid);
      if (node.children.length > 0) row.setAttribute("aria-expanded", String(open));
      row.setAttribute("aria-selected", String(node.wnid === selected));
      row.tabIndex = node.wnid === selected ? 0 : -1;
      toggle.textContent = node.children.length === 0 ? "" : open ? "▾" : "▸";
      return row;
    });
    // Rows stay in tree order, so after dropping the hidden ones every new row only needs inserting.
    const keep = new Set<Element>(wanted);
    for (const child of [...list.children]) if (!keep.has(child)) child.remove();
    let cursor = list.firstElementChild;
    for (const row of wanted) {
      if (row === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(row, cursor);
    }
  }

  function toggle(wnid: string): void {
    if (nodeOf(tree, wnid).children.length === 0) return;
    if (expanded.has(wnid)) expanded.delete(wnid);
    else expanded.add(wnid);
    render();
  }

  const rowElement = (wnid: string) => list.querySelector<HTMLElement>(`[data-wnid="${wnid}"]`);

  list.addEventListener("click", (event) => {
    const row = (event.target as Element).closest<HTMLElement>("[data-wnid]");
    if (!row) return;
    const wnid = row.dataset.wnid!;
    if ((event.target as Element).closest(".wx-toggle") || wnid === selected) toggle(wnid);
    onChoose(wnid);
  });

  list.addEventListener("keydown", (event) => {
    const visible = visibleRows();
    const at = visible.findIndex((node) => node.wnid === selected);
    const node = visible[at]!;
    let target: string | undefined;
    switch (event.key) {
      case "ArrowDown":
        target = visible[Math.min(at + 1, visible.length - 1)]!.wnid;
        break;
      case "ArrowUp":
        target = visible[Math.max(at - 1, 0)]!.wnid;
        break;
      case "Home":
        target = visible[0]!.wnid;
        break;
      case "End":
        target = visible[visible.length - 1]!.wnid;
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
    onChoose(target ?? node.wnid);
  });

  return {
    element,
    show(wnid) {
      selected = wnid;
      for (const node of pathFromRoot(tree, wnid).slice(0, -1)) expanded.add(node.wnid);
      render();
    },
    focusRow(wnid) {
      rowElement(wnid)?.focus({preventScroll: true});
    },
    scrollToRow(wnid, centre) {
      const row = rowElement(wnid);
      if (!row) return;
      const top = row.offsetTop; // the panel is the rows' offset parent (position: relative)
      if (centre) element.scrollTop = top - element.clientHeight / 2 + row.offsetHeight / 2;
      else if (top < element.scrollTop) element.scrollTop = top;
      else if (top + row.offsetHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + row.offsetHeight - element.clientHeight;
    }
  };
}
