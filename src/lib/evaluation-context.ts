// What the build-time evaluation needs from WordNet, in one place: ImageNet class names, the 200→1000 class
// mapping, lowest common ancestors and "is this class a kind of X" — all from the WordNet module, none re-derived.
import type {ClassMapping, CoarseLevel} from "../components/core/evaluation-metrics.ts";
import {displayName, indexTree, lowestCommonAncestor, pathFromRoot, type WordnetTree} from "../components/core/wordnet-tree.ts";
import {buildWordnetTree} from "./wordnet/hierarchy.ts";
import {loadImagenetClasses} from "./wordnet/imagenet-classes.ts";
import {mapTinyImagenetClasses} from "./wordnet/tiny-imagenet-classes.ts";
import {loadNounDatabase} from "./wordnet/wndb.ts";

/** Coarse categories for "right at a coarser level" (WordNet 3.0 noun synsets). */
export const COARSE_LEVELS: readonly CoarseLevel[] = [
  {wnid: "n02084071", name: "dog"},
  {wnid: "n01861778", name: "mammal"},
  {wnid: "n01503061", name: "bird"},
  {wnid: "n02512053", name: "fish"},
  {wnid: "n01661091", name: "reptile"},
  {wnid: "n02159955", name: "insect"},
  {wnid: "n01905661", name: "invertebrate"},
  {wnid: "n04524313", name: "vehicle"},
  {wnid: "n03094503", name: "container"},
  {wnid: "n03183080", name: "device"},
  {wnid: "n04341686", name: "structure"},
  {wnid: "n03051540", name: "clothing"},
  {wnid: "n00021265", name: "food"}
];

export interface Ancestry {
  /** Lowest common ancestor of the true class and the guess. */
  lca: {wnid: string; name: string; distance: number};
  /** Root-to-class paths as breadcrumb steps (first name only, to keep the file small). */
  truthPath: {wnid: string; names: string[]}[];
  guessPath: {wnid: string; names: string[]}[];
}

export async function evaluationContext(sortedWnids: readonly string[]) {
  const db = await loadNounDatabase();
  const classes = await loadImagenetClasses();
  const tree: WordnetTree = indexTree(buildWordnetTree(db, classes));
  const tiny = mapTinyImagenetClasses(db, sortedWnids, classes);
  const mappings: ClassMapping[] = tiny.map((c) => ({label: c.label, wnid: c.wnid, name: c.names[0] ?? c.wnid, relation: c.relation, imagenetIndices: c.imagenet}));

  const className = (index: number) => displayName(classes[index]!);
  const classWnid = (index: number) => classes[index]!.wnid;
  // A Tiny ImageNet class below one of the 1000 is not in the tree of the 1000; it stands in for the class above it.
  const inTree = (wnid: string) => {
    if (tree.byWnid.has(wnid)) return wnid;
    const mapped = tiny.find((c) => c.wnid === wnid)?.imagenet[0];
    if (mapped === undefined) throw new Error(`evaluation: ${wnid} is neither in the WordNet tree of the 1000 classes nor mapped onto one`);
    return classWnid(mapped);
  };
  const ancestorOf = (wnidA: string, wnidB: string) => {
    const {ancestor, distance} = lowestCommonAncestor(tree, inTree(wnidA), inTree(wnidB));
    return {wnid: ancestor.wnid, name: displayName(ancestor), distance};
  };
  const isUnder = (wnid: string, ancestor: string) => pathFromRoot(tree, inTree(wnid)).some((node) => node.wnid === ancestor);
  const step = (node: {wnid: string; names: string[]}) => ({wnid: node.wnid, names: [displayName(node)]});
  const ancestry = (truth: string, guess: string): Ancestry => ({
    lca: ancestorOf(truth, guess),
    truthPath: pathFromRoot(tree, inTree(truth)).map(step),
    guessPath: pathFromRoot(tree, inTree(guess)).map(step)
  });
  const coarseLevels = COARSE_LEVELS.filter((level) => tree.byWnid.has(level.wnid));
  const mappingSummary = {
    counts: Object.fromEntries((["same", "broader", "narrower", "none"] as const).map((relation) => [relation, tiny.filter((c) => c.relation === relation).length])),
    notSame: mappings.filter((m) => m.relation !== "same").map((m) => ({...m, imagenetNames: m.imagenetIndices.map(className)}))
  };
  return {classes, tree, mappings, className, classWnid, ancestorOf, isUnder, ancestry, coarseLevels, mappingSummary};
}
