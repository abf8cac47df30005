// onnxruntime-web measurements in headless Chromium, through the built site's bench page
// (src/performance/bench.md → window.__alexnetBench), so the browser figures include the site's Worker,
// message passing and Cache API exactly as a reader gets them.
import type {Page} from "playwright-core";
import {launchChromium} from "../scripts/chromium.ts";
import {startStaticServer} from "../scripts/serve.ts";
import type {BenchOptions, BrowserSide, PairedTiming} from "../src/components/core/bench-results.ts";
import {summarize} from "../src/components/core/bench-stats.ts";
import type {ModelVariantId} from "../src/components/core/model-variants.ts";

export const BENCH_PAGE = "/performance/bench";

export interface BrowserPlan {
  siteDir: string;
  /** Cross-origin isolated: onnxruntime-web may use every core; otherwise one thread. */
  isolated: boolean;
  /** Model files timed side by side (interleaved runs, see benchModels). */
  variants: ModelVariantId[];
  options: BenchOptions;
  /** Variants whose cold-load and reload time to first prediction are measured. */
  firstPrediction: ModelVariantId[];
  log: (line: string) => void;
}

/** What one browser session measures: the same shape bench/results.json stores (see core/bench-results.ts). */
export type BrowserResults = BrowserSide;

async function openBenchPage(page: Page, url: string, problems: string[]): Promise<void> {
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url, {waitUntil: "load"});
  await page.waitForFunction(() => window.__alexnetBench !== undefined, undefined, {timeout: 60_000});
}

export async function runBrowserBench(plan: BrowserPlan): Promise<BrowserResults> {
  const server = await startStaticServer({root: plan.siteDir, isolated: plan.isolated});
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBenchPage(page, server.url + BENCH_PAGE, problems);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const webgpu = await page.evaluate(() => window.__alexnetBench!.webgpuStatus());
    const runs: BrowserResults["runs"] = {};
    plan.log(`  browser ${plan.isolated ? "isolated" : "not isolated"}: ${plan.variants.join(", ")}, interleaved…`);
    const measured = await page.evaluate(
      ([ids, opts]) => window.__alexnetBench!.benchModels(ids.map((id) => window.__alexnetBench!.urls[id]), opts),
      [plan.variants, plan.options] as const
    );
    plan.variants.forEach((id, i) => (runs[id] = measured[i]));
    await context.close();

    const firstPrediction: BrowserResults["firstPrediction"] = {};
    for (const id of plan.firstPrediction) {
      plan.log(`  browser ${plan.isolated ? "isolated" : "not isolated"}: first prediction, ${id}, cold then reload…`);
      // A fresh context has an empty HTTP cache and Cache API: the first visit downloads the model.
      const fresh = await browser.newContext();
      const firstPage = await fresh.newPage();
      await openBenchPage(firstPage, `${server.url}${BENCH_PAGE}?first=${id}`, problems);
      const cold = await firstPage.evaluate(() => window.__alexnetBench!.first!);
      await firstPage.reload({waitUntil: "load"});
      await firstPage.waitForFunction(() => window.__alexnetBench?.first !== undefined, undefined, {timeout: 60_000});
      const reload = await firstPage.evaluate(() => window.__alexnetBench!.first!);
      firstPrediction[id] = {cold, reload};
      await fresh.close();
    }
    return {isolated: plan.isolated, userAgent, webgpu, runs, firstPrediction, problems};
  } finally {
    await browser.close();
    await server.close();
  }
}


/**
 * Browser against Node under the same load: for each variant, one Node run, then one browser run, and so on.
 * Only one of the two computes at any moment, so neither steals the other's cores; a burst of load from
 * other programs lands on both series alike, which keeps their ratio honest on a shared machine.
 */
export async function runPairedBench({
  siteDir,
  variants,
  nodeRun,
  warmup,
  runs,
  log
}: {
  siteDir: string;
  variants: ModelVariantId[];
  /** One batch-1 logits-only run of this variant in onnxruntime-node. */
  nodeRun: (variant: ModelVariantId) => Promise<unknown>;
  warmup: number;
  runs: number;
  log: (line: string) => void;
}): Promise<PairedTiming[]> {
  const server = await startStaticServer({root: siteDir, isolated: true});
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await (await browser.newContext()).newPage();
    await openBenchPage(page, server.url + BENCH_PAGE, problems);
    log(`  browser and node alternated: ${variants.join(", ")}…`);
    await page.evaluate((ids) => window.__alexnetBench!.openModels(ids.map((id) => window.__alexnetBench!.urls[id])), variants);
    const results: PairedTiming[] = [];
    for (const [index, variant] of variants.entries()) {
      const nodeTimes: number[] = [];
      const browserTimes: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        await nodeRun(variant);
        const nodeMs = performance.now() - t0;
        const browserMs = await page.evaluate((at) => window.__alexnetBench!.runOnce(at), index);
        if (i >= warmup) {
          nodeTimes.push(nodeMs);
          browserTimes.push(browserMs);
        }
      }
      results.push({variant, node: summarize(nodeTimes), browser: summarize(browserTimes)});
    }
    await page.evaluate(() => window.__alexnetBench!.closeModels());
    if (problems.length) throw new Error(problems.join("; "));
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}
