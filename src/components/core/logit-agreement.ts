// How far a compressed model's outputs are from float32's: the figures the variant choice rests on.
import {argmax} from "./inference.js";

/** How far a compressed variant's logits are from float32's on the same images. */
export interface LogitAgreement {
  images: number;
  /** Largest |logit − logit_fp32| over every image and class. */
  maxLogitError: number;
  /** The same, divided by the largest |logit_fp32|, so random and trained weights can be compared. */
  relativeLogitError: number;
  /** Share of images whose top-1 class is float32's. */
  top1Agreement: number;
  top1Disagreements: number;
  /** For each disagreement, float32's gap between its top two logits: a flip where the gap is below the logit error is a near-tie. */
  disagreementGaps?: number[];
}

/** Compares [N, classes] logits, row by row. */
export function compareLogits(reference: Float32Array, other: Float32Array, classes = 1000): LogitAgreement {
  if (reference.length !== other.length || reference.length % classes !== 0) {
    throw new Error(`compareLogits: ${reference.length} vs ${other.length} values for ${classes} classes`);
  }
  const images = reference.length / classes;
  let maxError = 0;
  let maxReference = 0;
  for (let i = 0; i < reference.length; i++) {
    maxError = Math.max(maxError, Math.abs(reference[i]! - other[i]!));
    maxReference = Math.max(maxReference, Math.abs(reference[i]!));
  }
  let disagreements = 0;
  const gaps: number[] = [];
  for (let n = 0; n < images; n++) {
    const row = (data: Float32Array) => data.subarray(n * classes, (n + 1) * classes);
    if (argmax(row(reference)) !== argmax(row(other))) {
      disagreements++;
      gaps.push(topTwoGap(row(reference)));
    }
  }
  return {
    images,
    maxLogitError: maxError,
    relativeLogitError: maxReference > 0 ? maxError / maxReference : 0,
    top1Agreement: (images - disagreements) / images,
    top1Disagreements: disagreements,
    disagreementGaps: gaps
  };
}

/** Difference between the largest and second-largest value. */
function topTwoGap(values: Float32Array): number {
  let first = -Infinity;
  let second = -Infinity;
  for (const v of values) {
    if (v > first) [first, second] = [v, first];
    else if (v > second) second = v;
  }
  return first - second;
}
