// The story at /: loads clean, and the labelling calculator and the ILSVRC chart respond to input.
import {afterAll, beforeAll, expect, test} from "vitest";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

test("the labelling calculator reproduces the talk's 22 years 10 months and follows its inputs", async () => {
  const watched = await openPage(site, "/", {waitFor: "[data-testid=calc-one-person]"});
  const {page} = watched;
  const onePerson = page.getByTestId("calc-one-person");
  await expect.poll(() => onePerson.textContent()).toBe("22 years 10 months");
  expect(await page.getByTestId("calc-workers").textContent()).toBe("8 days 8 hours");

  // Two seconds per label instead of sixty, typed into the range's number box with the keyboard.
  const seconds = page.locator("form").filter({hasText: "Seconds per label"}).locator("input[type=number]").first();
  await seconds.fill("30");
  await seconds.dispatchEvent("input");
  await expect.poll(() => onePerson.textContent()).toBe("11 years 5 months");
  expectClean(watched);
  await watched.context.close();
});

test("the ILSVRC chart: 2012 highlighted by default, year buttons change the detail and the chart", async () => {
  const watched = await openPage(site, "/", {waitFor: "[data-testid=ilsvrc-detail]"});
  const {page} = watched;
  const detail = page.getByTestId("ilsvrc-detail");
  await expect.poll(() => detail.textContent()).toContain("SuperVision");
  expect(await detail.textContent()).toContain("26.2 %");
  const chartBefore = await page.locator(".ilsvrc-chart").innerHTML();

  const button2015 = page.getByRole("button", {name: "2015", exact: true});
  await button2015.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => detail.textContent()).toContain("MSRA");
  expect(await button2015.getAttribute("aria-pressed")).toBe("true");
  expect(await page.locator(".ilsvrc-chart").innerHTML()).not.toBe(chartBefore);

  // Arrow keys step to the next year.
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => detail.textContent()).toContain("Trimps-Soushen");
  // The human reference line and the table are there.
  expect(await page.locator(".ilsvrc-chart").textContent()).toContain("human ≈ 5.1 %");
  expect(await page.locator(".ilsvrc-table table").textContent()).toContain("WMW");
  expectClean(watched);
  await watched.context.close();
});

test("the story links every AlexNet ingredient to a live view and ends with /wordnet", async () => {
  const watched = await openPage(site, "/", {width: 390, waitFor: ".ingredient"});
  const {page} = watched;
  expect(await page.locator(".ingredient").count()).toBe(6);
  const hrefs = await page.locator(".ingredient-link a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  // Relative links, so the site also works when deployed under a sub-path.
  expect(hrefs).toEqual(expect.arrayContaining(["./cnn#relu", "./cnn#lrn", "./cnn#pooling", "./alexnet"]));
  expect(await page.locator(".next-page a").getAttribute("href")).toMatch(/^\.?\/wordnet$/);
  // Nothing wider than the phone screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expectClean(watched);
  await watched.context.close();
});
