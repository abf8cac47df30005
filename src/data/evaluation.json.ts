// Data loader → evaluation.json: AlexNet (onnxruntime-node, the same weights and preprocessing as the site) on
// the Tiny ImageNet validation images. The talk's batch (the first 50 images) with the preprocessing ablations,
// then every image the build has (all 10,000 with the real data) scored through the 200→1000 class mapping.
import {
  accuracy,
  coarseAccuracy,
  groupMistakesByAncestor,
  perClassAccuracy,
  scoreAll,
  type ImagePrediction
} from "../components/core/evaluation-metrics.ts";
import {ABLATIONS, describePreprocessing} from "../components/core/preprocess.ts";
import {openAlexNetSession, predictImages} from "../lib/evaluate.ts";
import {evaluationContext} from "../lib/evaluation-context.ts";
import {GOLDFISH_WNID, loadTinyImagenetValid} from "../lib/tiny-imagenet.ts";

const BATCH = 50;
const log = (line: string) => process.stderr.write(`evaluation: ${line}\n`);
const split = await loadTinyImagenetValid();
const context = await evaluationContext(split.wnids);
const {session, provenance, setupMs, modelBytes} = await openAlexNetSession();
log(`model ready in ${(setupMs / 1000).toFixed(1)} s (${provenance.kind} weights)`);

// 1. The talk's batch, and the same batch under each preprocessing ablation.
const batchImages = split.images.slice(0, BATCH);
const ablations = [];
let batchRun: Awaited<ReturnType<typeof predictImages>> | undefined;
for (const ablation of ABLATIONS.map((a) => ({...a, label: describePreprocessing(a.options)}))) {
  const run = await predictImages(session, batchImages, {batchSize: BATCH, preprocessing: ablation.options});
  if (ablation.id === "none") batchRun = run;
  const scores = scoreAll(run.predictions, context.mappings);
  ablations.push({...ablation, correct: accuracy(scores).top1Correct, total: scores.length, top1: run.predictions.map((p) => p.top5[0])});
}
const batchPredictions = batchRun!.predictions;
const batchScores = scoreAll(batchPredictions, context.mappings);
const argmaxCounts = new Map<number, number>();
for (const prediction of batchPredictions) argmaxCounts.set(prediction.top5[0], (argmaxCounts.get(prediction.top5[0]) ?? 0) + 1);

const withNames = (prediction: ImagePrediction) => ({
  ...prediction,
  top5Names: prediction.top5.map((index) => context.className(index))
});
const misses = batchScores
  .filter((score) => score.scored && !score.top1Correct)
  .map((score) => {
    const truth = context.mappings[score.label]!.wnid;
    const guess = context.classWnid(score.top5[0]);
    return {id: score.id, predicted: score.top5[0], predictedName: context.className(score.top5[0]), probability: score.top5Probabilities[0], ...context.ancestry(truth, guess)};
  });

// 2. Every image the build has. With only the 50-image batch available, this is the same set again.
let full = null;
if (split.images.length > BATCH) {
  const started = performance.now();
  let lastReport = 0;
  const rest = await predictImages(session, split.images.slice(BATCH), {
    batchSize: BATCH,
    onProgress: (done, total) => {
      if (performance.now() - lastReport > 5000 || done === total) {
        lastReport = performance.now();
        log(`${done + BATCH} of ${split.images.length} images`);
      }
    }
  });
  const predictions = [...batchPredictions, ...rest.predictions];
  const scores = scoreAll(predictions, context.mappings);
  full = {
    images: predictions.length,
    ms: performance.now() - started + batchRun!.ms,
    cpuMs: rest.cpuMs + batchRun!.cpuMs,
    accuracy: accuracy(scores),
    perClass: perClassAccuracy(scores, context.mappings),
    mistakeGroups: groupMistakesByAncestor(scores, context.mappings, context.classWnid, context.ancestorOf),
    coarse: coarseAccuracy(scores, context.mappings, context.coarseLevels, context.classWnid, context.isUnder)
  };
  log(`all ${predictions.length} images in ${(full.ms / 1000).toFixed(1)} s (${(full.ms / predictions.length).toFixed(1)} ms per image; CPU ${(full.cpuMs / predictions.length).toFixed(1)} ms per image)`);
}
const batchScoresAccuracy = accuracy(batchScores);

const goldfishIndex = context.mappings[0]!.imagenetIndices[0];
process.stdout.write(
  JSON.stringify({
    data: {source: split.source, note: split.note, sha256: split.sha256 ?? null, images: split.images.length},
    weights: provenance,
    model: {bytes: modelBytes, setupMs},
    labels: {
      datasetLabel: 0,
      datasetWnid: split.wnids[0],
      goldfishWnid: GOLDFISH_WNID,
      imagenetIndex: goldfishIndex,
      imagenetIndex0: {wnid: context.classWnid(0), name: context.className(0)},
      firstWnids: split.wnids.slice(0, 5)
    },
    mapping: context.mappingSummary,
    batch: {
      size: batchImages.length,
      predictions: batchPredictions.map(withNames),
      accuracy: batchScoresAccuracy,
      argmaxCounts: [...argmaxCounts].map(([index, count]) => ({index, name: context.className(index), count})).sort((a, b) => b.count - a.count),
      misses,
      ms: batchRun!.ms,
      inferenceMs: batchRun!.inferenceMs,
      cpuMs: batchRun!.cpuMs,
      msPerImage: batchRun!.ms / batchImages.length
    },
    ablations,
    full,
    coarseLevels: context.coarseLevels
  })
);
