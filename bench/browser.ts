// onnxruntime-web measurements in headless Chromium, through the built site's bench page
// (src/performance/bench.md → window.__alexnetBench), so the browser figures include the site's Worker,
// message passing and Cache API exactly as a reader gets them.
import type {Page} from "playwright-core";
import {launchChromium} from "../scripts/chromium.ts";
import {startStaticServer} from "../scripts/serve.ts";
import type {BenchOptions, BrowserBench, FirstPrediction} from "../src/components/bench-browser.ts";
import type {ModelVariantId} from "../src/components/model-variants.ts";

export const BENCH_PAGE = "/performance/bench";

export interface BrowserPlan {
  siteDir: string;
  /** Cross-origin isolated: onnxruntime-web may use every core; otherwise one thread. */
  isolated: boolean;
  variants: {id: ModelVariantId; options: BenchOptions}[];
  /** Variants whose cold-load and reload time to first prediction are measured. */
  firstPrediction: ModelVariantId[];
  log: (line: string) => void;
}

export interface BrowserResults {
  isolated: boolean;
  userAgent: string;
  webgpu: {available: boolean; note: string};
  runs: Partial<Record<ModelVariantId, BrowserBench>>;
  firstPrediction: Partial<Record<ModelVariantId, {cold: FirstPrediction; reload: FirstPrediction}>>;
  /** Uncaught errors and console errors seen on the page (should stay empty). */
  problems: string[];
}

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
    for (const {id, options} of plan.variants) {
      plan.log(`  browser ${plan.isolated ? "isolated" : "not isolated"}: ${id}…`);
      runs[id] = await page.evaluate(([variant, opts]) => window.__alexnetBench!.benchModel(window.__alexnetBench!.urls[variant], opts), [id, options] as const);
    }
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
