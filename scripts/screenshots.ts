// Screenshots of every route at laptop and phone width, for a person to look at (`npx tsx scripts/screenshots.ts [outDir]`).
// Reads the built site (SITE_OUT or dist/).
import {mkdir} from "node:fs/promises";
import {launchChromium} from "./chromium.ts";
import {startStaticServer} from "./serve.ts";

const ROUTES = ["/", "/wordnet", "/cnn", "/alexnet", "/goldfish", "/performance"];
const WIDTHS = [1280, 390];
const outDir = process.argv[2] ?? "/tmp/screenshots";
const settleMs = Number(process.env.SETTLE_MS ?? 4000);

await mkdir(outDir, {recursive: true});
const server = await startStaticServer({root: process.env.SITE_OUT ?? "dist"});
const browser = await launchChromium();
try {
  for (const route of ROUTES) {
    for (const width of WIDTHS) {
      const page = await browser.newPage({viewport: {width, height: 900}});
      page.on("pageerror", (error) => console.error(`${route} @${width}: ${error.message}`));
      await page.goto(server.url + route, {waitUntil: "load"});
      await page.waitForTimeout(settleMs);
      const name = `${route === "/" ? "index" : route.slice(1)}-${width}.png`;
      await page.screenshot({path: `${outDir}/${name}`, fullPage: true});
      console.log(`${outDir}/${name}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
