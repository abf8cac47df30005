// The /wordnet page in headless Chromium: the explorer renders, search finds Siberian husky and shows its path,
// deep links open a node, the keyboard moves through the tree, the phone layout does not overflow, no console errors.
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {expectClean, openPage, startSite, type Site} from "../support/e2e-harness.ts";

const HUSKY = "n02110185";
const GOLDFISH = "n01443537";
const EXPLORER = ".wordnet-explorer";
const TREE_ROW = `${EXPLORER} [role=tree] [role=treeitem]`;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

const detailTitle = (page: Page) => page.locator(`${EXPLORER} .wx-title`).textContent();
const detailPath = (page: Page) => page.locator(`${EXPLORER} .wx-detail .wordnet-breadcrumb li`).allTextContents();
const selectedRow = (page: Page) => page.locator(`${TREE_ROW}[aria-selected=true]`).getAttribute("data-wnid");
const focusedRow = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.wnid ?? null);
const hash = (page: Page) => page.evaluate(() => location.hash);

describe("/wordnet", () => {
  test("the explorer renders the tree from entity with class counts", async () => {
    const watched = await openPage(site, "/wordnet", {waitFor: TREE_ROW});
    const {page} = watched;
    const first = page.locator(TREE_ROW).first();
    expect(await first.locator(".wx-name").textContent()).toBe("entity");
    expect(await first.locator(".wx-count-text").textContent()).toBe("1000");
    expect(await first.getAttribute("aria-expanded")).toBe("true");
    expect(await page.locator(TREE_ROW).count()).toBeGreaterThan(20);
    // The talk's example path is on the page as a breadcrumb.
    const talkPath = await page.locator("nav[aria-label='From entity to Siberian husky'] li").allTextContents();
    expect(talkPath.slice(-4)).toEqual(["dog", "working dog", "sled dog", "Siberian husky"]);
    await page.screenshot({path: "/tmp/c-wordnet-1280.png", fullPage: true});
    expectClean(watched);
    await watched.context.close();
  });

  test("typing “husky” finds Siberian husky and shows its path", async () => {
    const watched = await openPage(site, `/wordnet#${GOLDFISH}`, {waitFor: TREE_ROW});
    const {page} = watched;
    await page.waitForFunction(() => document.querySelector(".wordnet-explorer .wx-title")?.textContent === "goldfish");
    const input = page.getByRole("combobox", {name: /Find a synset/});
    await input.pressSequentially("husky");
    const option = page.getByRole("option", {name: /Siberian husky/});
    await option.waitFor();
    await option.click();
    expect(await detailTitle(page)).toBe("Siberian husky");
    const path = await detailPath(page);
    expect(path[0]).toBe("entity");
    expect(path.slice(-5)).toEqual(["canine", "dog", "working dog", "sled dog", "Siberian husky"]);
    expect(await selectedRow(page)).toBe(HUSKY);
    expect(await hash(page)).toBe(`#${HUSKY}`);
    expectClean(watched);
    await watched.context.close();
  });

  test("a deep link opens the same node", async () => {
    const watched = await openPage(site, `/wordnet#${HUSKY}`, {waitFor: TREE_ROW});
    const {page} = watched;
    await page.waitForFunction((wnid) => document.querySelector(".wordnet-explorer [aria-selected=true]")?.getAttribute("data-wnid") === wnid, HUSKY);
    expect(await detailTitle(page)).toBe("Siberian husky");
    expect((await detailPath(page)).slice(-2)).toEqual(["sled dog", "Siberian husky"]);
    // Following a link on the page to another synset moves the explorer there.
    await page.locator(`nav[aria-label='From entity to Siberian husky'] a[href$='#n02084071']`).click();
    await page.waitForFunction(() => document.querySelector(".wordnet-explorer .wx-title")?.textContent === "dog");
    expect(await selectedRow(page)).toBe("n02084071");
    expectClean(watched);
    await watched.context.close();
  });

  test("the keyboard moves through the tree", async () => {
    const watched = await openPage(site, `/wordnet#${HUSKY}`, {waitFor: TREE_ROW});
    const {page} = watched;
    await page.locator(`${TREE_ROW}[data-wnid=${HUSKY}]`).focus();
    await page.keyboard.press("ArrowLeft"); // a leaf: step out to the parent
    const sledDog = "n02109811";
    expect(await focusedRow(page)).toBe(sledDog);
    expect(await detailTitle(page)).toBe("sled dog");
    expect(await hash(page)).toBe(`#${sledDog}`);
    await page.keyboard.press("ArrowLeft"); // open branch: close it
    expect(await page.locator(`${TREE_ROW}[data-wnid=${sledDog}]`).getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator(`${TREE_ROW}[data-wnid=${HUSKY}]`).count()).toBe(0);
    await page.keyboard.press("ArrowRight"); // open it again
    expect(await page.locator(`${TREE_ROW}[data-wnid=${sledDog}]`).getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowRight"); // step in to the first child
    const firstChild = await focusedRow(page);
    expect(await page.locator(`${TREE_ROW}[data-wnid=${sledDog}] + [role=treeitem]`).getAttribute("data-wnid")).toBe(firstChild);
    await page.keyboard.press("ArrowDown");
    const second = await focusedRow(page);
    expect(second).not.toBe(firstChild);
    expect(await selectedRow(page)).toBe(second);
    await page.keyboard.press("ArrowUp");
    expect(await focusedRow(page)).toBe(firstChild);
    await page.keyboard.press("Home");
    expect(await detailTitle(page)).toBe("entity");
    await page.keyboard.press("Enter"); // close the root: one row left
    expect(await page.locator(TREE_ROW).count()).toBe(1);
    await page.keyboard.press("Enter");
    expect(await page.locator(TREE_ROW).count()).toBeGreaterThan(1);
    expectClean(watched);
    await watched.context.close();
  });

  test("the phone layout fits 390 px", async () => {
    const watched = await openPage(site, `/wordnet#${HUSKY}`, {width: 390, height: 844, waitFor: TREE_ROW});
    const {page} = watched;
    await page.waitForFunction(() => document.querySelector(".wordnet-explorer .wx-title")?.textContent === "Siberian husky");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const treeBox = await page.locator(`${EXPLORER} .wx-tree-wrap`).boundingBox();
    expect(treeBox!.x + treeBox!.width).toBeLessThanOrEqual(390);
    await page.screenshot({path: "/tmp/c-wordnet-390.png", fullPage: true});
    expectClean(watched);
    await watched.context.close();
  });
});
