// The Performance page shows the benchmark's tables and chart (or says there are none yet), on a phone and a
// laptop; the in-browser benchmark page offers every model variant and installs the hook `npm run bench` drives.
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";
import {DEFAULT_VARIANT} from "../../src/components/core/model-variants.ts";

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

describe("/performance", () => {
  for (const width of [390, 1280]) {
    test(`shows the results or says how to make them, at ${width} px`, async () => {
      const watched = await openPage(site, "/performance", {width, waitFor: "#observablehq-main h1"});
      const {page} = watched;
      await page.waitForSelector(".bench-table, .notice", {timeout: 60_000});
      if (await page.locator(".notice").count()) {
        expect(await page.locator(".notice").first().textContent()).toContain("npm run bench");
      } else {
        expect(await page.locator(".bench-table table").count()).toBeGreaterThanOrEqual(3);
        expect(await page.locator("#observablehq-main svg, #observablehq-main figure").count()).toBeGreaterThan(0);
        // Tables scroll inside their own box instead of widening the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
      }
      expectClean(watched);
      await watched.context.close();
    });
  }
});

describe("/performance/bench", () => {
  test("offers the three model files, the default selected, and installs the benchmark hook", async () => {
    const watched = await openPage(site, "/performance/bench", {waitFor: ".bench-browser select"});
    const {page} = watched;
    expect(await page.locator(".bench-browser option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["int8", "fp16", "fp32"]);
    expect(await page.locator(".bench-browser select").inputValue()).toBe(DEFAULT_VARIANT);
    const urls = await page.evaluate(() => window.__alexnetBench?.urls);
    expect(Object.keys(urls ?? {}).sort()).toEqual(["fp16", "fp32", "int8"]);
    for (const url of Object.values(urls ?? {})) expect((await page.request.head(new URL(url, page.url()).href)).status()).toBe(200);
    expectClean(watched);
    await watched.context.close();
  });
});
