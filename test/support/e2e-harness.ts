// Shared end-to-end harness: one static server over dist/ and one headless Chromium per test file.
// Every page opened through `openPage` records uncaught errors, console errors and any request that
// leaves loopback; `expectClean` fails the test on any of them.
import {existsSync} from "node:fs";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {expect} from "vitest";
import {launchChromium} from "../../scripts/chromium.ts";
import {startStaticServer, type StaticServer} from "../../scripts/serve.ts";

export interface Site {
  server: StaticServer;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** Where the built site is: dist/ unless SITE_OUT says otherwise (as for `observable build`). */
export const SITE_DIR = process.env.SITE_OUT ?? "dist";

export async function startSite({isolated = true, extraArgs = []}: {isolated?: boolean; extraArgs?: string[]} = {}): Promise<Site> {
  if (!existsSync(`${SITE_DIR}/index.html`)) throw new Error(`${SITE_DIR}/ is missing: run \`npm run build\` first (npm run test:e2e does).`);
  const server = await startStaticServer({root: SITE_DIR, isolated});
  const browser = await launchChromium(extraArgs);
  return {
    server,
    browser,
    baseUrl: server.url,
    async close() {
      await browser.close();
      await server.close();
    }
  };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors, console errors and non-local requests seen so far. */
  problems: string[];
}

function isLocal(url: string): boolean {
  if (/^(data|blob|about|chrome|chrome-extension):/.test(url)) return true;
  try {
    const {hostname} = new URL(url);
    return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
  } catch {
    return false;
  }
}

export async function openPage(
  site: Site,
  path: string,
  {width = 1280, height = 900, waitFor}: {width?: number; height?: number; waitFor?: string} = {}
): Promise<WatchedPage> {
  const context = await site.browser.newContext({viewport: {width, height}, acceptDownloads: true});
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problems.push(`non-local request: ${url}`);
    return route.abort();
  });
  await page.goto(site.baseUrl + path, {waitUntil: "load"});
  if (waitFor) await page.waitForSelector(waitFor, {timeout: 120_000});
  return {page, context, problems};
}

export function expectClean(watched: WatchedPage): void {
  expect(watched.problems, watched.problems.join("\n")).toEqual([]);
}
