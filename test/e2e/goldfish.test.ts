import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

describe("/goldfish", () => {
  test("shows 50 results and an accuracy, re-runs live in agreement with the build, runs an ablation", async () => {
    const watched = await openPage(site, "/goldfish", {waitFor: ".goldfish-score[data-total]"});
    const {page} = watched;
    const score = page.locator(".goldfish-score[data-total]").first();
    expect(await score.getAttribute("data-total")).toBe("50");
    expect(await score.textContent()).toMatch(/top-1 accuracy \d+%/);
    expect(await page.locator(".goldfish-cell[data-verdict]").count()).toBe(50);
    // The page says which data and which weights it shows.
    const notice = page.locator(".goldfish-data-notice");
    expect(["tiny-imagenet", "fixtures", "synthetic"]).toContain(await notice.getAttribute("data-source"));
    if ((await notice.getAttribute("data-weights")) === "random") expect(await notice.textContent()).toMatch(/seeded random weights/);

    // Live re-run: progress bar to the end, then image-by-image agreement with the build-time results.
    const rerun = page.locator(".goldfish-rerun");
    await page.locator(".goldfish-rerun-start").click();
    await page.waitForFunction(() => ["running", "done", "failed"].includes(document.querySelector<HTMLElement>(".goldfish-rerun")!.dataset.state!), undefined, {timeout: 120_000});
    // Pause part-way: the progress bar stops until Resume.
    await page.waitForFunction(() => document.querySelector<HTMLProgressElement>(".goldfish-rerun progress")!.value >= 5, undefined, {timeout: 120_000});
    await rerun.getByRole("button", {name: "Pause"}).click();
    await page.waitForFunction(() => /^Paused after \d+ of 50/.test(document.querySelector(".goldfish-rerun-status")!.textContent!), undefined, {timeout: 60_000});
    const pausedAt = await rerun.locator("progress").evaluate((el: HTMLProgressElement) => el.value);
    expect(pausedAt).toBeLessThan(50);
    await page.waitForTimeout(1500);
    expect(await rerun.locator("progress").evaluate((el: HTMLProgressElement) => el.value)).toBe(pausedAt);
    await rerun.getByRole("button", {name: "Resume"}).click();
    await page.waitForFunction(() => ["done", "failed", "cancelled"].includes(document.querySelector<HTMLElement>(".goldfish-rerun")!.dataset.state!), undefined, {timeout: 170_000});
    expect(await page.locator(".goldfish-rerun-status").textContent()).toMatch(/^Done: 50 images/);
    expect(await rerun.getAttribute("data-state")).toBe("done");
    expect(await rerun.locator("progress").evaluate((el: HTMLProgressElement) => [el.value, el.max])).toEqual([50, 50]);
    expect(await rerun.getAttribute("data-compared")).toBe("50");
    expect(await rerun.getAttribute("data-agree-top1")).toBe("50");
    expect(Number(await rerun.getAttribute("data-images-per-second"))).toBeGreaterThan(0);
    console.log(`browser re-run: ${await rerun.getAttribute("data-images-per-second")} images/s; ${await page.locator(".goldfish-rerun-status").textContent()}`);

    // Cancel stops a second run part-way and leaves the page usable.
    await page.locator(".goldfish-rerun-start").click();
    await page.waitForFunction(() => document.querySelector<HTMLProgressElement>(".goldfish-rerun progress")!.value >= 5, undefined, {timeout: 60_000});
    await rerun.getByRole("button", {name: "Cancel"}).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".goldfish-rerun")!.dataset.state === "cancelled", undefined, {timeout: 60_000});
    expect(await page.locator(".goldfish-rerun-status").textContent()).toMatch(/^Cancelled after \d+ images/);
    expect(await page.locator(".goldfish-rerun-start").isEnabled()).toBe(true);

    // One ablation in the browser, with the model already loaded: BGR order, compared with the build-time BGR row.
    const ablations = page.locator(".goldfish-ablations");
    await ablations.getByLabel(/BGR channel order/).check();
    await ablations.getByRole("button", {name: /Re-run the batch/}).click();
    await page.waitForFunction(() => ["done", "failed"].includes(document.querySelector<HTMLElement>(".goldfish-ablations")!.dataset.state!), undefined, {timeout: 120_000});
    expect(await ablations.getAttribute("data-state")).toBe("done");
    const buildBgr = await page.locator('tr[data-ablation="bgr"] td').nth(1).textContent();
    expect(buildBgr).toBe(`${await ablations.getAttribute("data-correct")} / 50`);

    expectClean(watched);
    await watched.context.close();
  });

  test("phone layout: no horizontal overflow", async () => {
    const watched = await openPage(site, "/goldfish", {width: 390, height: 844, waitFor: ".goldfish-score[data-total]"});
    const overflow = await watched.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (process.env.GOLDFISH_SCREENSHOTS) {
      await watched.page.screenshot({path: "/tmp/f/goldfish-390.png", fullPage: true});
    }
    expectClean(watched);
    await watched.context.close();
  });
});
