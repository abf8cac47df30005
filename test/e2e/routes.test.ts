import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";

const ROUTES = ["/", "/wordnet", "/cnn", "/alexnet", "/goldfish", "/performance"];

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

describe("every route", () => {
  for (const route of ROUTES) {
    test(`${route} loads with no errors and no third-party requests`, async () => {
      const watched = await openPage(site, route, {waitFor: "#observablehq-main h1"});
      // Give the page's cells a moment to run and fail, if they are going to.
      await watched.page.waitForTimeout(500);
      expect(await watched.page.locator("#observablehq-main h1").first().textContent()).toBeTruthy();
      expectClean(watched);
      await watched.context.close();
    });
  }
});
