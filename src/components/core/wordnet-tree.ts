// The WordNet tree of the 1000 ImageNet classes, as used in the browser and by build-time code:
// shared types, lookups, paths to the root, lowest common ancestors and synonym search. Pure: no DOM, no Node.
import type {ImagenetClass} from "./artifacts.js";

export type {ImagenetClass};

/**
 * One synset in the tree. WordNet lets a synset have several hypernyms; the tree keeps the first one WordNet lists
 * as `parent` and names the rest in `otherParents` (see docs/wordnet.md).
 */
export interface WordnetNode {
  wnid: string;
  names: string[];
  gloss: string;
  /** Tree parent (WordNet's first hypernym); null only for the root, entity. */
  parent: string | null;
  /** Further hypernyms WordNet lists; each is also in the tree. */
  otherParents: string[];
  children: string[];
  /** Edges from the root along tree parents (entity = 0). */
  depth: number;
  /** ImageNet-1k index when this synset is one of the 1000 classes. */
  classIndex: number | null;
  /** Number of the 1000 classes in this subtree, itself included. */
  classCount: number;
  /** Number of the 1000 classes with this synset on any hypernym path (≥ classCount; more where a second parent leads here). */
  classCountAllPaths: number;
}

export interface WordnetTreeData {
  root: string;
  nodes: WordnetNode[];
}

/** The tree data with an index by wnid. */
export interface WordnetTree extends WordnetTreeData {
  byWnid: Map<string, WordnetNode>;
}

export function indexTree(data: WordnetTreeData): WordnetTree {
  return {...data, byWnid: new Map(data.nodes.map((node) => [node.wnid, node]))};
}

export function nodeOf(tree: WordnetTree, wnid: string): WordnetNode {
  const node = tree.byWnid.get(wnid);
  if (!node) throw new Error(`WordNet tree: unknown synset ${wnid}`);
  return node;
}

/** Nodes from the root down to `wnid`, both included. */
export function pathFromRoot(tree: WordnetTree, wnid: string): WordnetNode[] {
  const path: WordnetNode[] = [];
  for (let node: WordnetNode | undefined = nodeOf(tree, wnid); node; node = node.parent ? tree.byWnid.get(node.parent) : undefined) {
    path.push(node);
  }
  return path.reverse();
}

export interface CommonAncestor {
  ancestor: WordnetNode;
  /** Tree edges from A up to the ancestor plus edges from there down to B (0 when A = B). */
  distance: number;
}

/** The deepest synset that is an ancestor-or-self of both, along tree parents. */
export function lowestCommonAncestor(tree: WordnetTree, wnidA: string, wnidB: string): CommonAncestor {
  const pathA = pathFromRoot(tree, wnidA);
  const pathB = pathFromRoot(tree, wnidB);
  let shared = 0;
  while (shared < pathA.length && shared < pathB.length && pathA[shared].wnid === pathB[shared].wnid) shared++;
  if (shared === 0) throw new Error(`WordNet tree: ${wnidA} and ${wnidB} share no root`);
  return {ancestor: pathA[shared - 1], distance: pathA.length - shared + (pathB.length - shared)};
}

/** A readable name: the first lemma. */
export function displayName(node: {names: string[]}): string {
  return node.names[0] ?? "";
}

export interface SearchHit {
  node: WordnetNode;
  /** The lemma that matched. */
  name: string;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, " ").trim();
}

/**
 * Synonym search over every lemma: names starting with the query first, then words starting with it, then substrings;
 * among equals, ImageNet classes before inner nodes, then shallower and shorter names.
 */
export function searchTree(tree: WordnetTree, query: string, limit = 12): SearchHit[] {
  const q = normalise(query);
  if (q.length === 0) return [];
  const scored: {hit: SearchHit; score: number}[] = [];
  for (const node of tree.nodes) {
    let best: {name: string; rank: number} | undefined;
    for (const name of node.names) {
      const n = normalise(name);
      const rank = n === q ? 0 : n.startsWith(q) ? 1 : n.split(" ").some((word) => word.startsWith(q)) ? 2 : n.includes(q) ? 3 : -1;
      if (rank >= 0 && (!best || rank < best.rank)) best = {name, rank};
    }
    if (best) {
      const score = best.rank * 1e6 + (node.classIndex === null ? 1e5 : 0) + node.depth * 100 + Math.min(best.name.length, 99);
      scored.push({hit: {node, name: best.name}, score});
    }
  }
  scored.sort((a, b) => a.score - b.score || a.hit.node.wnid.localeCompare(b.hit.node.wnid));
  return scored.slice(0, limit).map(({hit}) => hit);
}
