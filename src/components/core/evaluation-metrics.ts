// Scoring AlexNet's predictions on Tiny ImageNet against ImageNet-1k classes: the label mapping, top-1/top-5,
// per-class accuracy, mistakes grouped by their lowest common WordNet ancestor, accuracy at coarser levels of
// the tree, and the agreement between two runs (build time vs in the browser). Pure and browser-safe: the
// build-time loader and the page use the same code.
import {imageSlice, topK} from "./inference.js";

/**
 * How one Tiny ImageNet class is scored. Tiny ImageNet labels index its 200 sorted wnids, AlexNet's outputs index
 * the 1000 ILSVRC-2012 classes, so "label 0" means goldfish to the dataset and tench to AlexNet. The relation is
 * the one the WordNet module computes (src/lib/wordnet/tiny-imagenet-classes.ts):
 * - "same": the class is one of the 1000; only that output counts as right.
 * - "broader": the class is an ancestor of some of the 1000; any of those more specific outputs counts as right.
 * - "narrower": the class lies below some of the 1000; those more general outputs count as right.
 * - "none": nothing among the 1000 corresponds; its images are left out of every accuracy and counted separately.
 */
export type MappingRelation = "same" | "broader" | "narrower" | "none";

export interface ClassMapping {
  /** Tiny ImageNet label (index into its 200 sorted wnids). */
  label: number;
  wnid: string;
  name: string;
  relation: MappingRelation;
  /** ImageNet-1k output indices that count as a correct answer (empty for "none"). */
  imagenetIndices: number[];
}

/** What one image's run produced: the five best ImageNet-1k indices with their probabilities. */
export interface ImagePrediction {
  id: string;
  label: number;
  top5: number[];
  top5Probabilities: number[];
}

export interface ImageScore extends ImagePrediction {
  scored: boolean;
  top1Correct: boolean;
  top5Correct: boolean;
}

/**
 * The top-5 of every image of a batch, from the graph's `probabilities` output ([N, classes], softmax applied):
 * the one place a batch becomes predictions, for the build-time evaluation and the browser re-run alike.
 */
export function batchPredictions(images: readonly {id: string; label: number}[], probabilities: Float32Array): ImagePrediction[] {
  const dims = [images.length, probabilities.length / images.length];
  return images.map((image, i) => {
    const best = topK(imageSlice(probabilities, dims, i), 5);
    return {id: image.id, label: image.label, top5: best.map((p) => p.index), top5Probabilities: best.map((p) => p.probability)};
  });
}

/** Label → its mapping (scoreImage throws for a label with none, so a missing class is never scored as "wrong"). */
export function mappingByLabel(mappings: readonly ClassMapping[]): Map<number, ClassMapping> {
  const byLabel = new Map(mappings.map((mapping) => [mapping.label, mapping]));
  return byLabel;
}

export function scoreImage(prediction: ImagePrediction, mapping: ClassMapping | undefined): ImageScore {
  if (!mapping) throw new Error(`image ${prediction.id}: label ${prediction.label} has no class mapping`);
  const accepted = new Set(mapping.imagenetIndices);
  const scored = mapping.relation !== "none" && accepted.size > 0;
  return {
    ...prediction,
    scored,
    top1Correct: scored && accepted.has(prediction.top5[0]),
    top5Correct: scored && prediction.top5.slice(0, 5).some((index) => accepted.has(index))
  };
}

export function scoreAll(predictions: readonly ImagePrediction[], mappings: readonly ClassMapping[]): ImageScore[] {
  const byLabel = mappingByLabel(mappings);
  return predictions.map((prediction) => scoreImage(prediction, byLabel.get(prediction.label)));
}

export interface Accuracy {
  /** Images that count (their class maps onto the 1000). */
  scored: number;
  /** Images left out because their class has no counterpart among the 1000. */
  unscored: number;
  top1Correct: number;
  top5Correct: number;
  /** Fractions of `scored`; NaN when nothing was scored. */
  top1: number;
  top5: number;
}

export function accuracy(scores: readonly ImageScore[]): Accuracy {
  const counted = scores.filter((score) => score.scored);
  const top1Correct = counted.filter((score) => score.top1Correct).length;
  const top5Correct = counted.filter((score) => score.top5Correct).length;
  return {
    scored: counted.length,
    unscored: scores.length - counted.length,
    top1Correct,
    top5Correct,
    top1: counted.length ? top1Correct / counted.length : Number.NaN,
    top5: counted.length ? top5Correct / counted.length : Number.NaN
  };
}

export interface ClassAccuracy extends Accuracy {
  label: number;
  wnid: string;
  name: string;
  relation: MappingRelation;
}

/** One row per class that has images, in label order. */
export function perClassAccuracy(scores: readonly ImageScore[], mappings: readonly ClassMapping[]): ClassAccuracy[] {
  const byLabel = new Map<number, ImageScore[]>();
  for (const score of scores) byLabel.set(score.label, [...(byLabel.get(score.label) ?? []), score]);
  return mappings
    .filter((mapping) => byLabel.has(mapping.label))
    .map((mapping) => ({label: mapping.label, wnid: mapping.wnid, name: mapping.name, relation: mapping.relation, ...accuracy(byLabel.get(mapping.label)!)}));
}

/** The lowest common ancestor of two synsets, as the WordNet tree module computes it. */
export type AncestorOf = (wnidA: string, wnidB: string) => {wnid: string; name: string; distance: number};

export interface MistakeGroup {
  /** The lowest common ancestor of truth and top-1 guess. */
  ancestor: string;
  ancestorName: string;
  count: number;
  /** Mean tree distance between truth and guess in this group. */
  meanDistance: number;
  /** A few image ids, for examples. */
  examples: string[];
}

/**
 * Top-1 mistakes grouped by the lowest common ancestor of the true class and the guess: "another fish" and
 * "a vehicle" are very different mistakes. Largest groups first.
 */
export function groupMistakesByAncestor(
  scores: readonly ImageScore[],
  mappings: readonly ClassMapping[],
  imagenetWnid: (index: number) => string,
  ancestorOf: AncestorOf,
  examplesPerGroup = 6
): MistakeGroup[] {
  const byLabel = mappingByLabel(mappings);
  const groups = new Map<string, MistakeGroup & {distanceSum: number}>();
  for (const score of scores) {
    if (!score.scored || score.top1Correct) continue;
    const truth = byLabel.get(score.label)!.wnid;
    const {wnid, name, distance} = ancestorOf(truth, imagenetWnid(score.top5[0]));
    const group = groups.get(wnid) ?? {ancestor: wnid, ancestorName: name, count: 0, meanDistance: 0, distanceSum: 0, examples: []};
    group.count++;
    group.distanceSum += distance;
    if (group.examples.length < examplesPerGroup) group.examples.push(score.id);
    groups.set(wnid, group);
  }
  return [...groups.values()]
    .map(({distanceSum, ...group}) => ({...group, meanDistance: distanceSum / group.count}))
    .sort((a, b) => b.count - a.count || a.ancestorName.localeCompare(b.ancestorName));
}

export interface CoarseLevel {
  wnid: string;
  name: string;
}

export interface CoarseAccuracy extends CoarseLevel {
  /** Images whose true class lies under this synset. */
  images: number;
  /** Of those, how many got a top-1 guess under the same synset ("it is some dog"). */
  rightAtLevel: number;
  /** And how many got the exact class. */
  exact: number;
}

/**
 * Accuracy when only the coarse category has to be right: among the images whose true class lies under `level`,
 * the share whose top-1 guess lies under it too.
 */
export function coarseAccuracy(
  scores: readonly ImageScore[],
  mappings: readonly ClassMapping[],
  levels: readonly CoarseLevel[],
  imagenetWnid: (index: number) => string,
  isUnder: (wnid: string, ancestor: string) => boolean
): CoarseAccuracy[] {
  const byLabel = mappingByLabel(mappings);
  return levels.map((level) => {
    let images = 0, rightAtLevel = 0, exact = 0;
    for (const score of scores) {
      if (!score.scored) continue;
      if (!isUnder(byLabel.get(score.label)!.wnid, level.wnid)) continue;
      images++;
      if (isUnder(imagenetWnid(score.top5[0]), level.wnid)) rightAtLevel++;
      if (score.top1Correct) exact++;
    }
    return {...level, images, rightAtLevel, exact};
  });
}

/** How two runs over the same images agree (build time vs the browser). */
export interface RunAgreement {
  compared: number;
  /** Images whose top-1 class is the same in both runs. */
  sameTop1: number;
  /** Images whose top-5 list is the same, in the same order. */
  sameTop5: number;
  /** Largest difference between the two runs' top-1 probabilities. */
  maxProbabilityDifference: number;
  /** Ids of images whose top-1 differs. */
  differing: string[];
}

/** Image-by-image comparison of two runs over the same images (matched by id). */
export function compareRuns(reference: readonly ImagePrediction[], other: readonly ImagePrediction[]): RunAgreement {
  const byId = new Map(other.map((prediction) => [prediction.id, prediction]));
  let compared = 0, sameTop1 = 0, sameTop5 = 0, maxProbabilityDifference = 0;
  const differing: string[] = [];
  for (const prediction of reference) {
    const match = byId.get(prediction.id);
    if (!match) continue;
    compared++;
    if (match.top5[0] === prediction.top5[0]) sameTop1++;
    else differing.push(prediction.id);
    if (match.top5.join() === prediction.top5.join()) sameTop5++;
    maxProbabilityDifference = Math.max(maxProbabilityDifference, Math.abs(match.top5Probabilities[0] - prediction.top5Probabilities[0]));
  }
  return {compared, sameTop1, sameTop5, maxProbabilityDifference, differing};
}

/** 95% Wilson score interval for k successes in n trials: how much a small sample's accuracy can wobble. */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
