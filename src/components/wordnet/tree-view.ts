// The explorer's indented tree: one row per visible synset with its class count, collapsible branches and the
// WAI-ARIA tree keyboard model (arrows, Home/End, Enter). Rows are joined by synset (d3's keyed join), so the
// focused row stays focused while branches open and close around it.
import {select} from "d3";
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

  function rowFor(node: WordnetNode): HTMLLIElement {
    const bar = el("span", {class: "wx-bar"});
    bar.style.width = `${100 * (node.classCount / total)}%`;
    const row = el(
      "li",
      {role: "treeitem", id: rowId(node.wnid), "data-wnid": node.wnid, title: `${displayName(node)}: ${node.classCount} of the ${total} classes`},
      el("span", {class: "wx-toggle", "aria-hidden": "true"}),
      el("span", {class: "wx-label"}, el("span", {class: "wx-name"}, displayName(node)), node.classIndex !== null && el("span", {class: "wx-class"}, `#${node.classIndex}`)),
      el("span", {class: "wx-count"}, el("span", {class: "wx-track"}, bar), el("span", {class: "wx-count-text"}, node.classCount))
    );
    row.style.setProperty("--wx-depth", String(node.depth));
    row.setAttribute("aria-level", String(node.depth + 1));
    row.classList.toggle("is-leaf", node.children.length === 0);
    return row;
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

  /** A keyed join: rows that stay visible keep their element (and so the keyboard focus). */
  function render(): void {
    select(list)
      .selectAll<HTMLLIElement, WordnetNode>(":scope > li")
      .data(visibleRows(), (node) => node.wnid)
      .join((enter) => enter.append(rowFor))
      .order()
      .each(function (node) {
        const open = expanded.has(node.wnid);
        if (node.children.length > 0) this.setAttribute("aria-expanded", String(open));
        this.setAttribute("aria-selected", String(node.wnid === selected));
        this.tabIndex = node.wnid === selected ? 0 : -1;
        this.querySelector(".wx-toggle")!.textContent = node.children.length === 0 ? "" : open ? "▾" : "▸";
      });
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
