// Data loader → bench-results.json: the figures `npm run bench` measured (bench/results.json), or a note that
// there are none yet. bench/run.ts deletes this loader's cache entry after each run so the page picks them up.
import {readFile} from "node:fs/promises";

const file = new URL("../../bench/results.json", import.meta.url);
try {
  process.stdout.write(await readFile(file, "utf8"));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  process.stdout.write(JSON.stringify({missing: "No benchmark results yet: run `npm run bench`, then rebuild the site."}));
}
