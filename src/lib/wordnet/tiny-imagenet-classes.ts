// How each of the 200 Tiny ImageNet classes relates to the 1000 ImageNet classes, so the evaluation pages can score
// AlexNet's 1000-way output against Tiny ImageNet labels. Both datasets name classes by WordNet 3.0 wnid.
import type {ImagenetClass} from "../../components/core/wordnet-tree.ts";
import {ancestorsOf} from "./hierarchy.ts";
import {requireSynset, type NounDatabase} from "./wndb.ts";

/**
 * - same: the synset is one of the 1000 (`imagenet` holds its index);
 * - broader: the synset is an ancestor of some of the 1000 (`imagenet`: those more specific classes);
 * - narrower: the synset lies below some of the 1000 (`imagenet`: those more general classes);
 * - none: no ImageNet class is on or under any of its hypernym paths.
 */
export type TinyImagenetRelation = "same" | "broader" | "narrower" | "none";

export interface TinyImagenetClass {
  /** Tiny ImageNet label: position among the 200 wnids sorted ascending. */
  label: number;
  wnid: string;
  names: string[];
  gloss: string;
  relation: TinyImagenetRelation;
  /** ImageNet-1k indices for the relation, ascending. */
  imagenet: number[];
}

export function mapTinyImagenetClasses(
  db: NounDatabase,
  sortedWnids: readonly string[],
  classes: readonly ImagenetClass[]
): TinyImagenetClass[] {
  const byWnid = new Map(classes.map((c) => [c.wnid, c.index]));
  const classAncestors = classes.map((c) => ({index: c.index, ancestors: ancestorsOf(db, c.wnid)}));
  return sortedWnids.map((wnid, label): TinyImagenetClass => {
    const synset = requireSynset(db, wnid);
    const base = {label, wnid, names: synset.lemmas, gloss: synset.gloss};
    const same = byWnid.get(wnid);
    if (same !== undefined) return {...base, relation: "same", imagenet: [same]};
    const below = classAncestors.filter(({ancestors}) => ancestors.has(wnid)).map(({index}) => index);
    if (below.length > 0) return {...base, relation: "broader", imagenet: below};
    const above = [...ancestorsOf(db, wnid)].flatMap((ancestor) => byWnid.get(ancestor) ?? []).sort((a, b) => a - b);
    if (above.length > 0) return {...base, relation: "narrower", imagenet: above};
    return {...base, relation: "none", imagenet: []};
  });
}
