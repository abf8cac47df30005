// `npm run bench`: measures AlexNet on this machine in one run (onnxruntime-node, onnxruntime-web in headless
// Chromium, PyTorch CPU when installed; fp32 and the compressed variants) and writes bench/results.json and
// docs/performance.md (+ docs/performance-layers.svg). The /performance page reads bench/results.json.
//
// Env: SITE_OUT (built site to drive, default dist; built first if its bench page is missing),
// BENCH_RUNS (timed runs per figure, default 10; slow paths use fewer, see PLAN), PYTHON (default /usr/bin/python3),
// BENCH_QUICK=1 (3 runs, small batches: checks the pipeline end to end in a few minutes; figures not for quoting),
// TINY_IMAGENET_FIXTURES (the goldfish images the agreement figures use; without it those figures are skipped),
// BENCH_RESULTS and BENCH_DOCS (where the results file and the report go, default bench/results.json and docs/:
// a trial run can write elsewhere and leave the published figures alone).
import {execFile, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir, totalmem} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {argmax, INPUT_NAME, LOGITS} from "../src/components/core/inference.ts";
import type {BenchResults, NodeRun} from "../src/components/core/bench-results.ts";
import {COMPACT_VARIANT, DEFAULT_VARIANT, type ModelVariantId} from "../src/components/core/model-variants.ts";
import {loadAlexNetWeights} from "../src/lib/alexnet-weights.ts";
import {buildAlexNetOnnx} from "../src/lib/onnx/alexnet-onnx.ts";
import {provenanceMetadata} from "../src/lib/onnx/alexnet-model.ts";
import {compressModel} from "../src/lib/onnx/compress.ts";
import * as ort from "onnxruntime-node";
import {BENCH_PAGE, runBrowserBench, runPairedBench} from "./browser.ts";
import {compareLogits} from "../src/components/core/logit-agreement.ts";
import {goldfishInputs, IMAGE_VALUES, randomInputs} from "../src/lib/sample-inputs.ts";
import {logits, openSession, profileLayers, timeLogitsAndActivations, timeRun} from "./node.ts";
import {writeReport} from "./report.ts";

const SITE = process.env.SITE_OUT ?? "dist";
const QUICK = process.env.BENCH_QUICK === "1";
const RUNS = QUICK ? 3 : Math.max(10, Number(process.env.BENCH_RUNS ?? 10));
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const CORES = cpus().length;
const VARIANTS: ModelVariantId[] = ["fp32", "fp16", "int8"];
const GOLDFISH_CLASS = 1; // ImageNet class 1 is n01443537 goldfish
const RESULTS_FILE = process.env.BENCH_RESULTS ?? "bench/results.json";
const DOCS_DIR = process.env.BENCH_DOCS ?? "docs";

/** How many timed runs each figure gets: ≥ 10 at batch 1; batch 50 takes seconds per run, so 5 there. */
const PLAN = QUICK
  ? {warmup: 1, runs: RUNS, batch: 10, batchRuns: 2, profileRuns: 3, randomImages: 10}
  : {warmup: 3, runs: RUNS, batch: 50, batchRuns: 5, profileRuns: 10, randomImages: 200};

const started = performance.now();
const loadStart = loadavg();
const log = (line: string) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// 1. The site (for the browser), built only when its bench page is missing.
if (!existsSync(join(SITE, `${BENCH_PAGE}.html`))) {
  log(`building the site into ${SITE}/ (its bench page is missing)…`);
  const build = spawnSync("npx", ["observable", "build"], {stdio: "inherit", env: {...process.env, SITE_OUT: SITE}});
  if (build.status !== 0) throw new Error("observable build failed");
}

// 2. The models, made the way the loaders make them (same weights resolution), so every runtime sees the same weights.
log("resolving weights and building fp32, fp16 and int8 models…");
const {stateDict, provenance} = await loadAlexNetWeights();
const models: Record<ModelVariantId, Uint8Array> = {fp32: buildAlexNetOnnx(stateDict, {metadata: provenanceMetadata(provenance)})} as Record<ModelVariantId, Uint8Array>;
models.fp16 = compressModel(models.fp32, "fp16");
models.int8 = compressModel(models.fp32, "int8");
const siteFiles = existsSync(join(SITE, "_file/data")) ? readdirSync(join(SITE, "_file/data")) : [];
const modelInfo = Object.fromEntries(
  VARIANTS.map((id) => {
    const stem = id === "fp32" ? "alexnet." : `alexnet-${id}.`;
    const siteFile = siteFiles.find((f) => f.startsWith(stem) && f.endsWith(".onnx"));
    return [id, {bytes: models[id].byteLength, sha256: sha256(models[id]), siteFile}];
  })
) as BenchResults["models"];

// 3. Inputs: seeded random images for timing and error probing, the goldfish fixtures for agreement.
const random = randomInputs(Math.max(PLAN.batch, PLAN.randomImages));
const goldfish = await goldfishInputs();
log("missing" in goldfish ? `no goldfish agreement figures: ${goldfish.missing}` : `${goldfish.count} goldfish images from ${goldfish.dir}`);

// 4. onnxruntime-node: every variant at all threads, fp32 also at 1 thread; logits for the agreement figures.
const nodeRuns: NodeRun[] = [];
const logitsRandom: Partial<Record<ModelVariantId, Float32Array>> = {};
const logitsGoldfish: Partial<Record<ModelVariantId, Float32Array>> = {};
for (const id of VARIANTS) {
  for (const threads of id === "fp32" ? [1, CORES] : [CORES]) {
    log(`onnxruntime-node ${id}, ${threads} thread(s)…`);
    const {session, createMs} = await openSession(models[id], threads);
    const full = threads === CORES;
    const {latency, activations} = full
      ? await timeLogitsAndActivations(session, random, {warmup: PLAN.warmup, runs: PLAN.runs})
      : {latency: await timeRun(session, random, {batch: 1, warmup: PLAN.warmup, runs: PLAN.runs}), activations: undefined};
    const batchTiming = full ? await timeRun(session, random, {batch: PLAN.batch, warmup: 1, runs: PLAN.batchRuns}) : undefined;
    nodeRuns.push({
      variant: id,
      threads,
      createMs,
      latency,
      activations,
      batch: batchTiming && {size: PLAN.batch, timing: batchTiming, perImageMs: batchTiming.median / PLAN.batch}
    });
    if (full) {
      logitsRandom[id] = await logits(session, random, PLAN.randomImages);
      if (!("missing" in goldfish)) logitsGoldfish[id] = await logits(session, goldfish.data, goldfish.count);
    }
    await session.release();
  }
}

// 5. Where the time goes: onnxruntime's profile of fp32 at batch 1.
log("onnxruntime-node profile (fp32)…");
const profile = await profileLayers(models.fp32, random, {threads: CORES, runs: PLAN.profileRuns, warmup: PLAN.warmup});

// 6. PyTorch CPU on the same weights, through a flat float32 file (torchvision builds the network itself).
log("PyTorch CPU…");
const pytorch = await runPytorch();

// 7. The browser: all threads (cross-origin isolated) and one thread (not isolated).
const browser: BenchResults["browser"] = {};
try {
  log("onnxruntime-web in Chromium, cross-origin isolated…");
  browser.isolated = await runBrowserBench({
    siteDir: SITE,
    isolated: true,
    variants: VARIANTS,
    options: {warmup: PLAN.warmup, runs: PLAN.runs, activations: true, batch: PLAN.batch, batchRuns: PLAN.batchRuns},
    firstPrediction: [...new Set<ModelVariantId>([DEFAULT_VARIANT, COMPACT_VARIANT])],
    log
  });
  log("onnxruntime-web in Chromium, not isolated (one thread)…");
  browser.single = await runBrowserBench({
    siteDir: SITE,
    isolated: false,
    variants: [...new Set<ModelVariantId>([DEFAULT_VARIANT, COMPACT_VARIANT])],
    options: {warmup: PLAN.warmup, runs: PLAN.runs, activations: false, batch: 0, batchRuns: 0},
    firstPrediction: [],
    log
  });
} catch (error) {
  browser.skipped = `the browser benchmark failed: ${(error as Error).message.split("\n")[0]}`;
  log(browser.skipped);
}

// 7b. Browser against Node under the same load: single runs alternated between the two.
const pairedVariants = [...new Set<ModelVariantId>([DEFAULT_VARIANT, COMPACT_VARIANT])];
let paired: BenchResults["paired"];
if (!browser.skipped) {
  const sessions = new Map<ModelVariantId, Awaited<ReturnType<typeof openSession>>["session"]>();
  try {
    for (const id of pairedVariants) sessions.set(id, (await openSession(models[id], CORES)).session);
    const one = {[INPUT_NAME]: new ort.Tensor("float32", random.subarray(0, IMAGE_VALUES), [1, 3, 224, 224])};
    paired = await runPairedBench({
      siteDir: SITE,
      variants: pairedVariants,
      nodeRun: (id) => sessions.get(id)!.run(one, [LOGITS]),
      warmup: PLAN.warmup,
      runs: PLAN.runs,
      log
    });
  } catch (error) {
    log(`the alternated browser/node run failed: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    for (const session of sessions.values()) await session.release();
  }
}

// 8. Agreement of the compressed variants with fp32.
const agreement = (all: Partial<Record<ModelVariantId, Float32Array>>) =>
  Object.fromEntries(VARIANTS.filter((id) => id !== "fp32").map((id) => [id, compareLogits(all.fp32!, all[id]!)]));
const top1Goldfish = (data: Float32Array) => {
  let hits = 0;
  for (let n = 0; n < data.length / 1000; n++) if (argmax(data.subarray(n * 1000, (n + 1) * 1000)) === GOLDFISH_CLASS) hits++;
  return hits;
};
const accuracy: BenchResults["accuracy"] = {
  goldfish:
    "missing" in goldfish
      ? {skipped: goldfish.missing}
      : {
          images: goldfish.count,
          goldfishTop1: Object.fromEntries(VARIANTS.map((id) => [id, top1Goldfish(logitsGoldfish[id]!)])) as Record<ModelVariantId, number>,
          vsFp32: agreement(logitsGoldfish)
        },
  random: {images: PLAN.randomImages, vsFp32: agreement(logitsRandom)}
};

const notes = [
  ...(QUICK ? ["BENCH_QUICK=1: 3 runs per figure and small batches, a pipeline check; do not quote these figures."] : []),
  `${CORES} cores shared with other work: load average ${loadStart.map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min) at the start, so timings are noisy; medians and interquartile ranges are given, never means.`,
  `Batch 1: ${PLAN.warmup} warm-up runs, then ${PLAN.runs} timed. Batch ${PLAN.batch}: 1 warm-up, ${PLAN.batchRuns} timed (each run takes seconds). One-thread browser runs: batch 1 only. Node runs one variant after another.`,
  "Browser times are round trips through the site's Worker (page → Worker → page), as the /alexnet page experiences them. The model files are timed side by side in one page, their runs interleaved, so they can be compared with each other; browser and Node figures are taken minutes apart.",
  provenance.kind === "random"
    ? "Weights: seeded random (the real checkpoint is not reachable here), so agreement figures probe rounding, not accuracy on goldfish; timings do not depend on the weights."
    : `Weights: ${provenance.kind} (${provenance.source}).`
];
const results: BenchResults = {
  meta: {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: CORES,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage: {start: loadStart, end: loadavg()},
    node: process.version,
    onnxruntime: "onnxruntime-node / onnxruntime-web 1.30.0",
    durationS: Math.round((performance.now() - started) / 1000),
    notes
  },
  weights: {kind: provenance.kind, source: provenance.source, reason: provenance.reason},
  defaultVariant: DEFAULT_VARIANT,
  models: modelInfo,
  node: nodeRuns,
  pytorch,
  browser,
  paired,
  profile: {variant: "fp32", threads: CORES, runMs: profile.runMs, layers: profile.layers},
  accuracy
};
const markdownFile = join(DOCS_DIR, "performance.md");
const chartFile = join(DOCS_DIR, "performance-layers.svg");
mkdirSync(DOCS_DIR, {recursive: true});
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 1)}\n`);
await writeReport(results, markdownFile, chartFile);
// Framework never re-runs a cached loader on its own: drop the page's copy so the next build reads these results.
if (resolve(RESULTS_FILE) === resolve("bench/results.json")) rmSync("src/.observablehq/cache/data/bench-results.json", {force: true});
log(`wrote ${RESULTS_FILE}, ${markdownFile} and ${chartFile} in ${results.meta.durationS} s`);

async function runPytorch(): Promise<BenchResults["pytorch"]> {
  if (!existsSync(PYTHON)) return {skipped: `${PYTHON} not found (install Debian's python3-torch to compare with PyTorch)`};
  const dir = mkdtempSync(join(tmpdir(), "alexnet-bench-"));
  try {
    const manifest: {key: string; shape: number[]; offset: number}[] = [];
    let offset = 0;
    for (const [key, tensor] of stateDict) {
      manifest.push({key, shape: [...tensor.shape], offset});
      offset += tensor.data.length;
    }
    const flat = new Float32Array(offset);
    for (const [i, [, tensor]] of [...stateDict].entries()) flat.set(tensor.data as Float32Array, manifest[i]!.offset);
    writeFileSync(join(dir, "weights.bin"), new Uint8Array(flat.buffer));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    const args = ["bench/pytorch_bench.py", join(dir, "weights.bin"), join(dir, "manifest.json"), "--threads", String(CORES), "--runs", String(PLAN.runs), "--batch", String(PLAN.batch), "--batch-runs", String(PLAN.batchRuns), "--warmup", String(PLAN.warmup)];
    const {stdout} = await promisify(execFile)(PYTHON, args, {maxBuffer: 1 << 24});
    return JSON.parse(stdout) as BenchResults["pytorch"];
  } catch (error) {
    return {skipped: `PyTorch run failed: ${(error as Error).message.split("\n")[0]}`};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
