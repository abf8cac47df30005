// /alexnet end to end in headless Chromium: one page, one model load, many steps (the 244 MB model takes seconds to open).
// Also checks the browser's numbers against the classify CLI (onnxruntime-node) for the same fixture image,
// and measures model bytes, time to first prediction (cold and reload), per-image latency and threads.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import {join} from "node:path";
import encodeJpeg, {init as initJpegEncoder} from "@jsquash/jpeg/encode.js";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {TestHook} from "../../src/components/alexnet/page.ts";
import type {Gallery} from "../../src/components/core/artifacts.ts";
import {expectClean, openPage, SITE_DIR, startSite, type Site, type WatchedPage} from "../support/e2e-harness.ts";

// The first two gallery images of the built site: the real goldfish fixtures here, the first Tiny ImageNet images on a
// networked machine, drawn stand-ins elsewhere. Reading them from the build keeps the test independent of ../shared.
const GALLERY = builtGallery();
const FIRST = GALLERY.images[0]!.id;
const SECOND = GALLERY.images[1]!.id;
const MODEL_TIMEOUT = 170_000;

declare global {
  interface Window {
    __alexnet?: TestHook;
  }
}

/** Waits until the page has finished `count` runs in total. */
async function waitForRuns(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window.__alexnet?.runs ?? 0) >= n, count, {timeout: MODEL_TIMEOUT});
}

async function runs(page: Page): Promise<number> {
  return page.evaluate(() => window.__alexnet?.runs ?? 0);
}

/** One output of the last run (or the input), as float32, read from the page's test hook. */
async function pageTensor(page: Page, name: string): Promise<Float32Array> {
  const base64 = await page.evaluate((wanted) => {
    const hook = (window as unknown as {__alexnet: {lastInput: Float32Array; lastOutputs: Record<string, {data: Float32Array}>}}).__alexnet;
    const data = wanted === "input" ? hook.lastInput : hook.lastOutputs[wanted]!.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  }, name);
  const buffer = Buffer.from(base64, "base64");
  return new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): {diff: number; scale: number} {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return {diff, scale};
}

async function grayscaleJpeg(width: number, height: number): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  await initJpegEncoder((await WebAssembly.compile(readFileSync(require.resolve("@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm")))) as never);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(Math.round((255 * (x + y)) / (width + height)), (y * width + x) * 4, (y * width + x) * 4 + 3);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  // color_space 1 = grayscale: a one-component JPEG, which PIL opens as mode "L".
  const bytes = await encodeJpeg({width, height, data, colorSpace: "srgb"} as ImageData, {color_space: 1, quality: 90} as never);
  return Buffer.from(bytes);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("/alexnet", () => {
  let site: Site;
  let watched: WatchedPage;
  let page: Page;
  let coldMs = 0;
  const latencies: number[] = [];

  beforeAll(async () => {
    // A fake camera (a generated test pattern), so the webcam snapshot can be tested without hardware or a prompt.
    site = await startSite({extraArgs: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]});
    const started = Date.now();
    watched = await openPage(site, `/alexnet?image=${FIRST}&layer=conv2&channel=5`, {waitFor: ".image-picker"});
    page = watched.page;
    await waitForRuns(page, 1);
    coldMs = Date.now() - started;
  });

  afterAll(async () => {
    await site?.close();
  });

  async function recordLatency(): Promise<void> {
    latencies.push(await page.evaluate(() => window.__alexnet!.lastRunMs!));
  }

  it("shows the model's size before any download, and downloads nothing until asked", async () => {
    const fresh = await openPage(site, "/alexnet", {waitFor: ".model-status"});
    const modelRequests: string[] = [];
    fresh.page.on("request", (request) => {
      if (request.url().includes(".onnx")) modelRequests.push(request.method());
    });
    await expect.poll(() => fresh.page.locator(".model-status-text").textContent()).toContain(`${(builtMeta().modelBytes / 1e6).toFixed(1)} MB`);
    expect(await fresh.page.locator(".model-load").textContent()).toContain("MB");
    await fresh.page.waitForTimeout(500);
    expect(modelRequests.filter((method) => method === "GET")).toEqual([]);
    expectClean(fresh);
    await fresh.context.close();
  });

  it("restores image, layer and channel from a deep link and shows the top-5", async () => {
    await recordLatency();
    await expect.poll(() => page.locator(".top5 > li").count()).toBe(5);
    expect(await page.locator(".alexnet-explorer").getAttribute("data-layer")).toBe("conv2");
    expect(await page.locator(".activation-detail").getAttribute("data-channel")).toBe("5");
    expect(await page.locator(".activation-grid").getAttribute("data-channels")).toBe("192");
    expect(await page.locator(`.picker-thumb[data-id="${FIRST}"]`).getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(".alexnet-prediction [aria-live=polite]").textContent()).toMatch(/^Top prediction for goldfish/);
    const meta = builtMeta();
    if (meta.weights.kind === "random") await expect.poll(() => page.locator(".weights-random").textContent()).toContain("seeded random weights, not the pretrained AlexNet");
    else await expect.poll(() => page.locator(".weights-random").count()).toBe(0);
  });

  it("gives the same numbers as `npm run classify -- --dump-dir` for the same image", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alexnet-e2e-"));
    // The very bytes the page decoded: the gallery stores each image file as a data URL.
    const [, mime, base64] = /^data:image\/(\w+);base64,(.*)$/.exec(GALLERY.images[0]!.dataUrl)!;
    const file = join(dir, `${FIRST}.${mime === "jpeg" ? "jpg" : mime}`);
    writeFileSync(file, Buffer.from(base64!, "base64"));
    try {
      const cli = spawnSync("npm", ["run", "--silent", "classify", "--", "--dump-dir", dir, file], {encoding: "utf8"});
      expect(cli.status, cli.stderr).toBe(0);
      const read = (name: string) => {
        const buffer = readFileSync(join(dir, `${name}.bin`));
        return new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
      };
      // The input first: if preprocessing differed, every layer would.
      // conv1 and conv2 after their ReLU (the page fetches those), then the logits and probabilities.
      for (const name of ["input", "features.1", "features.4", "logits", "probabilities"]) {
        const {diff, scale} = maxAbsDiff(await pageTensor(page, name), read(name));
        expect(diff, `${name}: max |browser − CLI| = ${diff} (scale ${scale})`).toBeLessThanOrEqual(1e-4 * scale);
        console.log(`parity ${name}: max |browser − CLI| = ${diff.toExponential(2)}, max |value| = ${scale.toPrecision(4)}`);
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it("choosing a gallery image shows its top-5", async () => {
    const before = await runs(page);
    await page.locator(`.picker-thumb[data-id="${SECOND}"]`).click();
    await waitForRuns(page, before + 1);
    await recordLatency();
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toContain(SECOND);
    expect(new URL(page.url()).searchParams.get("image")).toBe(SECOND);
    expect(await page.locator(".top5 > li").count()).toBe(5);
    expect(await page.locator(".preprocess-step").count()).toBeGreaterThanOrEqual(7);
  });

  it("switching layer redraws the grid", async () => {
    await page.locator('.architecture-strip [data-layer="pool5"]').click();
    await expect.poll(() => page.locator(".activation-grid").getAttribute("data-channels")).toBe("256");
    expect(new URL(page.url()).searchParams.get("layer")).toBe("pool5");
    await page.locator(".explorer-controls select").selectOption("conv3");
    await expect.poll(() => page.locator(".activation-grid").getAttribute("data-channels")).toBe("384");
    await page.locator(".explorer-controls select").selectOption("fc8");
    await expect.poll(() => page.locator(".alexnet-explorer canvas.activation-vector").count()).toBe(1);
    await page.locator(".explorer-controls select").selectOption("conv1");
    await expect.poll(() => page.locator(".activation-grid").getAttribute("data-channels")).toBe("64");
  });

  it("clicking a channel enlarges it, arrow keys move between channels", async () => {
    const grid = page.locator(".activation-grid");
    const {columns, tile, gap} = await grid.evaluate((node) => ({...(node as HTMLElement).dataset}));
    const step = Number(tile) + Number(gap);
    const channel = Number(columns) + 2; // second row, third column
    await grid.click({position: {x: 2 * step + Number(tile) / 2, y: step + Number(tile) / 2}});
    await expect.poll(() => page.locator(".activation-detail").getAttribute("data-channel")).toBe(String(channel));
    expect(new URL(page.url()).searchParams.get("channel")).toBe(String(channel));
    await expect.poll(() => page.locator(".alexnet-explorer [aria-live=polite]").textContent()).toContain(`conv1 channel ${channel} of 64`);
    await grid.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator(".activation-detail").getAttribute("data-channel")).toBe(String(channel + 1));
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.locator(".activation-detail").getAttribute("data-channel")).toBe(String(channel + 1 + Number(columns)));
    // Hovering the enlarged map outlines a receptive field and says which input pixels it covers.
    await page.locator(".activation-detail-map").hover({position: {x: 20, y: 20}});
    await expect.poll(() => page.locator(".activation-detail-readout").textContent()).toContain("11×11 receptive field");
  });

  it("clicking a conv1 filter shows that channel's activation", async () => {
    await expect.poll(() => page.locator(".filter-tile").count()).toBe(64);
    await page.locator(".filter-tile").nth(9).click();
    await expect.poll(() => page.locator(".activation-detail").getAttribute("data-channel")).toBe("9");
    expect(await page.locator(".filter-tile").nth(9).getAttribute("aria-pressed")).toBe("true");
  });

  it("classifies an uploaded PNG and an uploaded grayscale JPEG", async () => {
    const png = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(320, 200);
      const context = canvas.getContext("2d")!;
      const gradient = context.createLinearGradient(0, 0, 320, 200);
      gradient.addColorStop(0, "#f80");
      gradient.addColorStop(1, "#08f");
      context.fillStyle = gradient;
      context.fillRect(0, 0, 320, 200);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({type: "image/png"})).arrayBuffer());
      return btoa(String.fromCharCode(...bytes));
    });
    let before = await runs(page);
    await page.locator(".picker-file input[type=file]").setInputFiles({name: "gradient.png", mimeType: "image/png", buffer: Buffer.from(png, "base64")});
    await waitForRuns(page, before + 1);
    await recordLatency();
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toBe("gradient.png");
    await expect.poll(() => page.locator(".preprocess-step").first().textContent()).toContain("320×200");
    expect(new URL(page.url()).searchParams.get("image")).toBeNull();

    before = await runs(page);
    await page.locator(".picker-file input[type=file]").setInputFiles({name: "gray.jpg", mimeType: "image/jpeg", buffer: await grayscaleJpeg(300, 400)});
    await waitForRuns(page, before + 1);
    await recordLatency();
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toBe("gray.jpg");
    await expect.poll(() => page.locator(".preprocess-step").first().textContent()).toContain("grayscale (L)");
    await expect.poll(() => page.locator(".preprocess-step").nth(2).textContent()).toContain("256×341");
    expect(await page.locator(".top5 > li").count()).toBe(5);
  });

  it("takes images by drag-and-drop, by paste and from the webcam", async () => {
    // Drop and paste go through the same DataTransfer the browser builds for real gestures.
    const dispatch = (kind: "drop" | "paste") =>
      page.evaluate(async (kind) => {
        const canvas = new OffscreenCanvas(180, 240);
        const context = canvas.getContext("2d")!;
        context.fillStyle = kind === "drop" ? "#3a6" : "#a36";
        context.fillRect(0, 0, 180, 240);
        const file = new File([await canvas.convertToBlob({type: "image/png"})], `${kind}.png`, {type: "image/png"});
        const transfer = new DataTransfer();
        transfer.items.add(file);
        if (kind === "drop") document.querySelector(".image-picker")!.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        else document.dispatchEvent(new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true, cancelable: true}));
      }, kind);
    let before = await runs(page);
    await dispatch("drop");
    await waitForRuns(page, before + 1);
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toBe("drop.png");
    before = await runs(page);
    await dispatch("paste");
    await waitForRuns(page, before + 1);
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toBe("paste.png");

    before = await runs(page);
    await page.getByRole("button", {name: "Use the webcam"}).click();
    await page.getByRole("button", {name: "Take a snapshot"}).click();
    await waitForRuns(page, before + 1);
    expect(await page.evaluate(() => window.__alexnet!.imageLabel)).toBe("webcam snapshot");
    expect(await page.locator(".top5 > li").count()).toBe(5);
    expect(await page.getByRole("button", {name: "Use the webcam"}).isVisible()).toBe(true); // the camera is closed again
  });

  it("says plainly when a file is not an image, and keeps working", async () => {
    const before = await runs(page);
    await page.locator(".picker-file input[type=file]").setInputFiles({name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture")});
    await expect.poll(() => page.locator(".alexnet-error").textContent()).toContain("notes.png");
    expect(await runs(page)).toBe(before);
    expect((await page.locator(".alexnet-error").textContent())!.split("\n")).toHaveLength(1);
  });

  it("a reload reads the model from the browser cache, and the page made no outside requests or errors", async () => {
    // A fresh visit in the same browser profile: the same deep link, so the page runs an image at once.
    const started = Date.now();
    await page.goto(`${site.baseUrl}/alexnet?image=${FIRST}&layer=conv1&channel=0`, {waitUntil: "load"});
    await page.waitForFunction(() => (window.__alexnet?.runs ?? 0) >= 1, null, {timeout: MODEL_TIMEOUT});
    const reloadMs = Date.now() - started;
    await recordLatency();
    const info = (await page.evaluate(() => window.__alexnet!.info))!;
    expect(info.fromCache).toBe(true);
    console.log(
      `measured: model ${info.modelBytes} bytes; first prediction cold ${coldMs} ms, after reload ${reloadMs} ms; ` +
        `per-image latency median ${median(latencies).toFixed(0)} ms over ${latencies.length} runs (all layers fetched); ` +
        `backend ${info.backend}, threads ${info.threads}, crossOriginIsolated ${info.crossOriginIsolated}, session ${info.sessionMs.toFixed(0)} ms`
    );
    expectClean(watched);
  });

  it("can load the smaller int8 model file instead, keeping the view", async () => {
    await page.locator(".model-variant select").selectOption("int8");
    await page.waitForURL(/model=int8/);
    await page.waitForFunction(() => (window.__alexnet?.runs ?? 0) >= 1 && window.__alexnet?.info !== undefined, null, {timeout: MODEL_TIMEOUT});
    const info = (await page.evaluate(() => window.__alexnet!.info))!;
    expect(info.modelBytes).toBeLessThan(builtMeta().modelBytes / 3);
    expect(await page.locator(".top5 > li").count()).toBe(5);
    expect(await page.locator(".model-variant select").inputValue()).toBe("int8");
    expect(new URL(page.url()).searchParams.get("image")).toBe(FIRST);
    expectClean(watched);
  });
});

/** A data loader's output as the built site serves it (file names carry a content hash). */
function builtData<T>(base: string): T {
  const dir = join(SITE_DIR, "_file", "data");
  const name = readdirSync(dir).find((file) => new RegExp(`^${base}\\.[0-9a-f]+\\.json$`).test(file));
  if (!name) throw new Error(`no ${base}.json in ${dir}`);
  return JSON.parse(readFileSync(join(dir, name), "utf8"));
}

function builtMeta(): {weights: {kind: string}; modelBytes: number} {
  return builtData("alexnet-meta");
}

function builtGallery(): Gallery {
  return builtData("gallery");
}
