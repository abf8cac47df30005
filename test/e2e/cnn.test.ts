// /cnn: loads clean, the demos run on a real gallery image and respond to input (mouse and keyboard).
import {writeFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {encodePng} from "../../src/components/core/decode/png.ts";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

/** A small valid PNG (a diagonal gradient), so the upload test needs no fixture file. */
function gradientPng(side: number): Uint8Array {
  const grey = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) grey[y * side + x] = Math.round(((x + y) / (2 * side - 2)) * 255);
  return encodePng(grey, side, side, 1);
}

/** A cheap fingerprint of the convolution output canvas: its size and the sum of its red channel. */
function outputFingerprint(page: Page): Promise<string> {
  return page.getByTestId("conv-output").evaluate((canvas: HTMLCanvasElement) => {
    const {data} = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) red += data[i]!;
    return `${canvas.width}x${canvas.height}:${red}`;
  });
}

test("the convolution demo runs on a gallery image and follows presets, typed weights and the keyboard", async () => {
  const watched = await openPage(site, "/cnn", {waitFor: "[data-testid=conv-output]"});
  const {page} = watched;
  // The gallery image replaces the drawn test card once decoded.
  await expect.poll(() => page.locator(".cnn-picker select").inputValue()).not.toBe("test-card");
  await expect.poll(() => page.locator("canvas[aria-label^='Input:']").getAttribute("aria-label")).not.toContain("Test card");
  const edge = await outputFingerprint(page);
  expect(edge).toMatch(/^\d+x\d+:\d+$/);

  await page.getByRole("button", {name: "Blur", exact: true}).click();
  await expect.poll(() => outputFingerprint(page)).not.toBe(edge);
  const blur = await outputFingerprint(page);
  expect(await page.getByRole("button", {name: "Blur", exact: true}).getAttribute("aria-pressed")).toBe("true");

  // Type a weight with the keyboard: the output changes.
  const centre = page.getByLabel("kernel row 2, column 2");
  await centre.fill("-3");
  await expect.poll(() => outputFingerprint(page)).not.toBe(blur);
  const typed = await outputFingerprint(page);

  // Nonsense is reported on one line and the last valid kernel stays in use.
  await centre.fill("abc");
  await expect.poll(() => page.locator(".cnn-demo .cnn-message").first().textContent()).toContain("not a number");
  expect(await centre.getAttribute("aria-invalid")).toBe("true");
  expect(await outputFingerprint(page)).toBe(typed);

  // Arrow keys on the output move the pixel whose arithmetic is shown.
  const readout = page.locator(".cnn-arithmetic .cnn-control-label");
  const before = await readout.textContent();
  await page.getByTestId("conv-output").focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => readout.textContent()).not.toBe(before);

  // ReLU and pooling follow the convolution output.
  await expect.poll(() => page.getByTestId("relu-summary").textContent()).toMatch(/ReLU set [\d,]+ of [\d,]+ values/);
  expectClean(watched);
  await watched.context.close();
});

test("pooling diagram and LRN respond to input", async () => {
  const watched = await openPage(site, "/cnn", {waitFor: ".pool-diagram"});
  const {page} = watched;
  const overlapping = page.locator(".pool-diagram").nth(1);
  expect(await overlapping.textContent()).toContain("45 of 81 input cells are read by two or more windows");
  expect(await page.locator(".pool-diagram").first().textContent()).toContain("0 of 81 input cells");
  const status = overlapping.locator("p[aria-live]");
  await overlapping.getByRole("button", {name: "output column 2, row 2"}).click();
  await expect.poll(() => status.textContent()).toContain("Output (2, 2) takes the maximum of 9 input cells, 8 of them shared");

  const table = page.locator(".lrn-table tbody");
  await expect.poll(() => table.locator("tr").count()).toBe(8);
  const paperTable = await table.textContent();
  await page.getByLabel("α").fill("0.001");
  await expect.poll(() => table.textContent()).not.toBe(paperTable);
  await page.getByLabel("n (channels)").fill("0");
  await expect.poll(() => page.locator(".cnn-demo .cnn-message").last().textContent()).toContain("whole number");
  await page.getByRole("button", {name: "Paper values"}).click();
  await expect.poll(() => table.textContent()).toBe(paperTable);
  expectClean(watched);
  await watched.context.close();
});

test("the reader's own file is used, a broken file gets a one-line message, and the page fits a phone", async () => {
  const watched = await openPage(site, "/cnn", {width: 390, waitFor: "[data-testid=conv-output]"});
  const {page} = watched;
  const dir = mkdtempSync(join(tmpdir(), "cnn-e2e-"));
  const bad = join(dir, "not-an-image.png");
  writeFileSync(bad, "this is text, not a PNG");
  await page.locator(".cnn-picker input[type=file]").setInputFiles(bad);
  await expect.poll(() => page.locator(".cnn-picker .cnn-message").textContent()).toContain("could not be decoded");

  const good = join(dir, "gradient.png");
  writeFileSync(good, gradientPng(40));
  await page.locator(".cnn-picker input[type=file]").setInputFiles(good);
  await expect.poll(() => page.locator("canvas[aria-label^='Input:']").getAttribute("aria-label")).toContain("gradient.png");
  expect(await page.getByTestId("conv-output").evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([40, 40]);
  expect(await page.locator(".cnn-picker .cnn-message").textContent()).toBe("");

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expectClean(watched);
  await watched.context.close();
});
