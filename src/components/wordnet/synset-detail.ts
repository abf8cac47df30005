// The explorer's panel for the selected synset: its path from the root, synonyms, gloss and counts, and links to
// the further hypernyms WordNet lists (the tree files each synset under its first one only).
import {el} from "../ui/dom.js";
import {wordnetBreadcrumb} from "../ui/wordnet-breadcrumb.js";
import {displayName, nodeOf, pathFromRoot, type WordnetTree} from "../core/wordnet-tree.js";

export interface SynsetDetailOptions {
  /** Steps of the path to show before it folds into "…". */
  tail: number;
  /** The reader followed a step of the path or an "Also a kind of" link. */
  onSelect: (wnid: string) => void;
}

export function synsetDetail(tree: WordnetTree, wnid: string, {tail, onSelect}: SynsetDetailOptions): Node[] {
  const node = nodeOf(tree, wnid);
  const total = nodeOf(tree, tree.root).classCount;
  const facts = el("dl", {class: "wx-facts"});
  const fact = (term: string, value: string | Node) => facts.append(el("dt", {}, term), el("dd", {}, value));
  fact("WordNet id", node.wnid);
  if (node.classIndex !== null) fact("ImageNet class", `index ${node.classIndex} of 0–999`);
  fact("Depth", `${node.depth} step${node.depth === 1 ? "" : "s"} below entity`);
  fact("Classes in this branch", `${node.classCount} of ${total}`);
  if (node.classCountAllPaths > node.classCount) {
    fact("Counting every parent", `${node.classCountAllPaths} classes reach it (some through a second parent)`);
  }
  if (node.otherParents.length > 0) {
    const links = el("dd");
    node.otherParents.forEach((parent, i) => {
      if (i > 0) links.append(el("span", {}, ", "));
      const link = el("button", {type: "button", class: "wx-link"}, displayName(nodeOf(tree, parent)));
      link.addEventListener("click", () => onSelect(parent));
      links.append(link);
    });
    facts.append(el("dt", {}, "Also a kind of"), links);
  }
  return [
    wordnetBreadcrumb(pathFromRoot(tree, wnid), {onSelect, label: "Path from the root", tail}),
    el("h3", {class: "wx-title"}, displayName(node)),
    node.names.length > 1 && el("p", {class: "wx-synonyms"}, `Also: ${node.names.slice(1).join(", ")}`),
    el("p", {class: "wx-gloss"}, node.gloss),
    facts
  ].filter((child): child is HTMLElement => child !== false);
}
