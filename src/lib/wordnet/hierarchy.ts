// The WordNet hierarchy above the 1000 ImageNet classes, as one tree for the explorer and for tree distances.
// WordNet is a DAG: a synset may have several hypernyms (dog: canine and domestic animal). The tree keeps the
// first hypernym WordNet lists as the parent and records the others, so every class sits in exactly one place and
// subtree counts add up; docs/wordnet.md explains the choice.
import type {ImagenetClass, WordnetNode, WordnetTreeData} from "../../components/core/wordnet-tree.ts";
import {requireSynset, type NounDatabase} from "./wndb.ts";

export const ROOT_WNID = "n00001740"; // entity

/** Every synset on any hypernym path from `wnid` up to the root, `wnid` included. */
export function ancestorsOf(db: NounDatabase, wnid: string): Set<string> {
  const seen = new Set<string>();
  const stack = [wnid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...requireSynset(db, current).hypernyms);
  }
  return seen;
}

/** The tree parent: WordNet's first listed hypernym (or instance hypernym). */
export function treeParentOf(db: NounDatabase, wnid: string): string | null {
  return requireSynset(db, wnid).hypernyms[0] ?? null;
}

/**
 * Builds the tree of the classes' ancestors. With `allPaths`, synsets reached only through a second hypernym are
 * included too (each hangs under its own first hypernym); without, only the tree-parent chains of the classes.
 */
export function buildWordnetTree(db: NounDatabase, classes: readonly ImagenetClass[], {allPaths = true} = {}): WordnetTreeData {
  const included = new Set<string>();
  for (const {wnid} of classes) {
    const starts = allPaths ? [...ancestorsOf(db, wnid)] : [wnid];
    for (const start of starts) {
      for (let at: string | null = start; at && !included.has(at); at = treeParentOf(db, at)) included.add(at);
    }
  }
  const classIndex = new Map(classes.map((c) => [c.wnid, c.index]));
  const nodes = new Map<string, WordnetNode>();
  for (const wnid of [...included].sort()) {
    const synset = requireSynset(db, wnid);
    const [parent = null, ...otherParents] = synset.hypernyms;
    nodes.set(wnid, {
      wnid,
      names: synset.lemmas,
      gloss: synset.gloss,
      parent,
      otherParents: otherParents.filter((other) => included.has(other)),
      children: [],
      depth: 0,
      classIndex: classIndex.get(wnid) ?? null,
      classCount: 0,
      classCountAllPaths: 0
    });
  }
  for (const {wnid} of classes) for (const ancestor of ancestorsOf(db, wnid)) {
    const node = nodes.get(ancestor);
    if (node) node.classCountAllPaths += 1;
  }
  const roots = [...nodes.values()].filter((node) => node.parent === null);
  if (roots.length !== 1 || roots[0].wnid !== ROOT_WNID) {
    throw new Error(`WordNet tree: expected the single root entity, found ${roots.map((r) => r.wnid).join(", ") || "none"}`);
  }
  for (const node of nodes.values()) if (node.parent) nodes.get(node.parent)!.children.push(node.wnid);
  // Depth-first from the root: depths on the way down, class counts on the way back up.
  const order: WordnetNode[] = [];
  const stack: WordnetNode[] = [roots[0]];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (const child of node.children) {
      const childNode = nodes.get(child)!;
      childNode.depth = node.depth + 1;
      stack.push(childNode);
    }
  }
  for (const node of order.reverse()) {
    node.classCount += node.classIndex === null ? 0 : 1;
    if (node.parent) nodes.get(node.parent)!.classCount += node.classCount;
  }
  const byCount = (a: string, b: string) => {
    const [x, y] = [nodes.get(a)!, nodes.get(b)!];
    return y.classCount - x.classCount || x.names[0].localeCompare(y.names[0]);
  };
  for (const node of nodes.values()) node.children.sort(byCount);
  return {root: ROOT_WNID, nodes: [...nodes.values()]};
}
