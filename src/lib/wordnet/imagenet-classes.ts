// The 1000 ILSVRC-2012 classes in torchvision index order, each tied to its WordNet 3.0 synset.
// Labels come from a packaged list in index order (@tensorflow-models/mobilenet); wnids are derived here, not typed in:
// each label is matched to the noun synsets with exactly its lemmas, and because ILSVRC indices follow sorted wnids,
// the one strictly increasing choice settles most names shared by several synsets (crane ×2, kite, hen, …).
// Where the order still allows several synsets, a sense hint (sense-hints.ts) picks one; the build fails otherwise.
import {createRequire} from "node:module";
import type {ImagenetClass} from "../../components/core/wordnet-tree.ts";
import {SENSE_HINTS} from "./sense-hints.ts";
import {loadNounDatabase, type NounDatabase} from "./wndb.ts";

export type {ImagenetClass};

export const CLASS_COUNT = 1000;

/** A label the plain rule (exact lemmas + order) could not place alone, and how it was placed. */
export interface LabelCorrection {
  index: number;
  label: string;
  wnid: string;
  lemmas: string[];
  /** "spelling": the label's text differs from WordNet's lemmas; "sense hint": several synsets fit the order, a hint chose. */
  reason: "spelling" | "sense hint";
}

export interface DerivedClasses {
  classes: ImagenetClass[];
  corrections: LabelCorrection[];
}

/** The packaged labels, one string per class in index order ("tench, Tinca tinca"). */
export function loadPackagedLabels(): string[] {
  const require = createRequire(import.meta.url);
  const {IMAGENET_CLASSES} = require("@tensorflow-models/mobilenet/dist/imagenet_classes.js") as {
    IMAGENET_CLASSES: Record<number, string>;
  };
  const labels = Array.from({length: CLASS_COUNT}, (_, i) => IMAGENET_CLASSES[i]);
  const missing = labels.findIndex((label) => typeof label !== "string" || label.length === 0);
  if (missing >= 0 || Object.keys(IMAGENET_CLASSES).length !== CLASS_COUNT) {
    throw new Error(`ImageNet labels: the packaged list is not 1000 labels in index order (first gap at ${missing})`);
  }
  return labels;
}

export function splitLabel(label: string): string[] {
  return label.split(", ").map((name) => name.trim());
}

/** Spelling key for the evidence-based fallback: "jelly fish", "jellyfish" and "Jelly-fish" share one. */
function looseKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-'’.]/g, "");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameLooseSet(a: readonly string[], b: readonly string[]): boolean {
  const keys = (list: readonly string[]) => [...new Set(list.map(looseKey))].sort();
  return sameList(keys(a), keys(b));
}

/** Loose spelling key → wnids, built once per database. */
const looseIndexes = new WeakMap<NounDatabase, Map<string, string[]>>();

function looseIndex(db: NounDatabase): Map<string, string[]> {
  let index = looseIndexes.get(db);
  if (!index) {
    index = new Map();
    for (const [lemma, wnids] of db.byLemma) {
      const key = looseKey(lemma);
      index.set(key, [...(index.get(key) ?? []), ...wnids]);
    }
    looseIndexes.set(db, index);
  }
  return index;
}

/** Synsets whose lemmas are exactly the label's names; when none, those equal up to spacing, hyphens and case. */
export function candidateSynsets(db: NounDatabase, names: readonly string[]): {wnids: string[]; exact: boolean} {
  const index = looseIndex(db);
  const sorted = [...new Set(names.flatMap((name) => index.get(looseKey(name)) ?? []))].sort();
  const exact = sorted.filter((wnid) => sameList(db.synsets.get(wnid)!.lemmas, names));
  if (exact.length > 0) return {wnids: exact, exact: true};
  return {wnids: sorted.filter((wnid) => sameLooseSet(db.synsets.get(wnid)!.lemmas, names)), exact: false};
}

/** Chooses among synsets the order cannot tell apart (WordNet has twin synsets with identical lemmas). */
export type TieBreak = (index: number, options: readonly string[]) => string | undefined;

/** The smallest feasible wnid per index going forward, or the largest going backward. */
function greedyPicks(candidates: readonly (readonly string[])[], direction: "forward" | "backward"): string[] {
  const picks: string[] = new Array(candidates.length);
  let bound = direction === "forward" ? "" : "o"; // "o" sorts after every "n…" wnid
  for (let step = 0; step < candidates.length; step++) {
    const i = direction === "forward" ? step : candidates.length - 1 - step;
    const options = direction === "forward" ? candidates[i] : [...candidates[i]].reverse();
    const pick = options.find((wnid) => (direction === "forward" ? wnid > bound : wnid < bound));
    if (!pick) throw new Error(`ImageNet labels: no wnid for index ${i} keeps the order (options ${options.join(", ") || "none"})`);
    picks[i] = pick;
    bound = pick;
  }
  return picks;
}

/**
 * Picks one wnid per index so that the sequence strictly increases, and proves the pick is the only one: the smallest
 * feasible choice going forward and the largest going backward must coincide at every index. Where they differ the
 * order cannot decide; `tieBreak` may choose among the feasible options, else this throws.
 */
export function resolveIncreasing(
  candidates: readonly (readonly string[])[],
  tieBreak: TieBreak = () => undefined
): {wnids: string[]; ties: number[]} {
  const working = candidates.map((options) => [...options].sort());
  const ties: number[] = [];
  for (;;) {
    const forward = greedyPicks(working, "forward");
    const backward = greedyPicks(working, "backward");
    const i = forward.findIndex((wnid, k) => wnid !== backward[k]);
    if (i < 0) return {wnids: forward, ties};
    const feasible = working[i].filter((wnid) => wnid >= forward[i] && wnid <= backward[i]);
    const pick = tieBreak(i, feasible);
    if (!pick || !feasible.includes(pick)) {
      throw new Error(`ImageNet labels: index ${i} could be any of ${feasible.join(", ")}; nothing decides`);
    }
    working[i] = [pick];
    ties.push(i);
  }
}

/** Tie break from SENSE_HINTS: the one feasible synset whose gloss the label's hint matches. */
function senseHint(db: NounDatabase, labels: readonly string[], used: Set<string>): TieBreak {
  return (index, options) => {
    const hint = SENSE_HINTS[labels[index]];
    if (!hint) return undefined;
    const matches = options.filter((wnid) => hint.test(db.synsets.get(wnid)!.gloss));
    if (matches.length !== 1) {
      throw new Error(`ImageNet labels: the sense hint ${hint} for "${labels[index]}" matches ${matches.length} of ${options.join(", ")}`);
    }
    used.add(labels[index]);
    return matches[0];
  };
}

/** Derives the class list and checks every rule; throws a one-line message naming the first violation. */
export function deriveImagenetClasses(db: NounDatabase, labels: readonly string[]): DerivedClasses {
  if (labels.length !== CLASS_COUNT) throw new Error(`ImageNet labels: expected ${CLASS_COUNT}, got ${labels.length}`);
  const names = labels.map(splitLabel);
  const found = names.map((list) => candidateSynsets(db, list));
  found.forEach(({wnids}, i) => {
    if (wnids.length === 0) throw new Error(`ImageNet labels: "${labels[i]}" (index ${i}) matches no WordNet 3.0 noun synset`);
  });
  const usedHints = new Set<string>();
  const {wnids, ties} = resolveIncreasing(
    found.map(({wnids}) => wnids),
    senseHint(db, labels, usedHints)
  );
  const unused = Object.keys(SENSE_HINTS).filter((label) => !usedHints.has(label));
  if (unused.length > 0) throw new Error(`ImageNet labels: sense hints no longer needed (remove them): ${unused.join("; ")}`);
  const corrections: LabelCorrection[] = [];
  const classes = wnids.map((wnid, index): ImagenetClass => {
    const synset = db.synsets.get(wnid)!;
    if (!found[index].exact) corrections.push({index, label: labels[index], wnid, lemmas: synset.lemmas, reason: "spelling"});
    if (ties.includes(index)) corrections.push({index, label: labels[index], wnid, lemmas: synset.lemmas, reason: "sense hint"});
    return {index, wnid, names: synset.lemmas, gloss: synset.gloss};
  });
  validateImagenetClasses(classes, db);
  return {classes, corrections};
}

/** The build fails on any of these: 1000 classes, indices 0…999, unique strictly increasing wnids, names = the synset's lemmas. */
export function validateImagenetClasses(classes: readonly ImagenetClass[], db: NounDatabase): void {
  if (classes.length !== CLASS_COUNT) throw new Error(`ImageNet classes: expected ${CLASS_COUNT}, got ${classes.length}`);
  classes.forEach((item, i) => {
    if (item.index !== i) throw new Error(`ImageNet classes: entry ${i} has index ${item.index}`);
    if (i > 0 && !(item.wnid > classes[i - 1].wnid)) throw new Error(`ImageNet classes: wnids not strictly increasing at ${i}`);
    const synset = db.synsets.get(item.wnid);
    if (!synset) throw new Error(`ImageNet classes: ${item.wnid} (index ${i}) is not a WordNet 3.0 noun synset`);
    if (!sameList(synset.lemmas, item.names)) throw new Error(`ImageNet classes: names of ${item.wnid} differ from its WordNet lemmas`);
  });
}

let cached: Promise<DerivedClasses> | undefined;

/** Class list with the corrections that were needed (for the loader's log). Computed once per process. */
export function loadDerivedImagenetClasses(): Promise<DerivedClasses> {
  cached ??= loadNounDatabase()
    .then((db) => deriveImagenetClasses(db, loadPackagedLabels()))
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

/** The 1000 classes `{index, wnid, names, gloss}` in torchvision index order (used by the `classify` CLI and loaders). */
export async function loadImagenetClasses(): Promise<ImagenetClass[]> {
  return (await loadDerivedImagenetClasses()).classes;
}
