/**
 * The browser decoders and preprocessing (as built by Framework, WASM served from our own
 * site) give the same bytes as PIL/torchvision: digests compared with the golden manifest
 * written by scripts/golden/preprocess_fixtures.py. Also: damaged files give a one-line error
 * and no console noise.
 */
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {expectClean, openPage, SITE_DIR, startSite, type Site} from "../support/e2e-harness.ts";
import {GOLDFISH_IMAGES_DIR as GOLDFISH} from "../support/shared-data.ts";

const GOLDEN = join(import.meta.dirname, "../fixtures/golden/preprocess");
const manifest = JSON.parse(readFileSync(join(GOLDEN, "manifest.json"), "utf8"));

/** The built (hashed) URL of a module under src/components/, e.g. "ui/decode-blob". */
function builtModule(path: string): string {
  const [folder, name] = [path.slice(0, path.lastIndexOf("/") + 1), path.slice(path.lastIndexOf("/") + 1)];
  const dir = join(SITE_DIR, "_import/components", folder);
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".js"));
  if (!file) throw new Error(`${name}.*.js not in ${dir}: is a page importing it?`);
  return `/_import/components/${folder}${file}`;
}

interface Case {
  name: string;
  base64: string;
}
interface Outcome {
  name: string;
  error?: string;
  mode?: string;
  approximate?: string;
  decoded?: string;
  rgb?: string;
  cropped?: string;
  normalized?: string;
}

/** Runs in the page: decode and preprocess every case with the built modules, return SHA-256 digests. */
const IN_PAGE = `async ({decoderUrl, preprocessUrl, cases}) => {
  const {decodeImageBlob} = await import(decoderUrl);
  const {preprocess, toRgb} = await import(preprocessUrl);
  const hex = async (a) => Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256",
      new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice()))).map((b) => b.toString(16).padStart(2, "0")).join("");
  const results = [];
  for (const {name, base64} of cases) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      const image = await decodeImageBlob(new Blob([bytes]));
      const r = preprocess(image);
      results.push({name, mode: image.mode, approximate: image.approximate, decoded: await hex(image.data),
        rgb: await hex(toRgb(image).data), cropped: await hex(r.cropped.data), normalized: await hex(r.tensor)});
    } catch (error) {
      results.push({name, error: error.message});
    }
  }
  return results;
}`;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

async function runInBrowser(cases: Case[]): Promise<{outcomes: Outcome[]; watched: Awaited<ReturnType<typeof openPage>>}> {
  const watched = await openPage(site, "/cnn", {waitFor: "#observablehq-main h1"});
  // Passed as source text: vitest rewrites import() in test code, which would not exist in the page.
  const args = {decoderUrl: builtModule("ui/decode-blob"), preprocessUrl: builtModule("core/preprocess"), cases};
  const outcomes = (await watched.page.evaluate(`(${IN_PAGE})(${JSON.stringify(args)})`)) as Outcome[];
  return {outcomes, watched};
}

const read = (path: string) => readFileSync(path).toString("base64");

describe("browser decode + preprocess equal PIL/torchvision", () => {
  test("synthetic JPEGs/PNGs of every mode, and damaged files", async () => {
    const names = Object.keys(manifest.synthetic).filter((n) => !n.endsWith(".raw"));
    const cases = [...names, ...Object.keys(manifest.corrupt)].map((name) => ({name, base64: read(join(GOLDEN, "inputs", name))}));
    cases.push({name: "not-an-image", base64: Buffer.from("plain text").toString("base64")});
    const {outcomes, watched} = await runInBrowser(cases);
    expect(outcomes.map((o) => o.name)).toEqual(cases.map((c) => c.name));
    for (const o of outcomes) {
      if (o.name === "not-an-image") {
        expect(o.error).toMatch(/^Not an image this browser can read/);
        continue;
      }
      const corrupt = manifest.corrupt[o.name];
      if (corrupt) {
        if (corrupt.error) expect(o.error, o.name).toMatch(/^Truncated JPEG/);
        else expect(o.decoded, o.name).toBe(corrupt.decoded);
        continue;
      }
      const rec = manifest.synthetic[o.name];
      expect(o.error, o.name).toBeUndefined();
      if (o.approximate) {
        expect(o.name).toMatch(/^cmyk_/);
        continue;
      }
      expect(o.rgb, `${o.name} RGB`).toBe(rec.rgb);
      expect(o.cropped, `${o.name} cropped`).toBe(rec.cropped);
      expect(o.normalized, `${o.name} tensor`).toBe(rec.normalized);
    }
    expectClean(watched);
    await watched.context.close();
  });

  test.skipIf(!existsSync(GOLDFISH))("all 50 goldfish: uint8 crop and float32 tensor bit-identical", async () => {
    const names = Object.keys(manifest.goldfish);
    const {outcomes, watched} = await runInBrowser(names.map((name) => ({name, base64: read(join(GOLDFISH, name))})));
    expect(outcomes.length).toBe(50);
    for (const o of outcomes) {
      const rec = manifest.goldfish[o.name];
      expect([o.error, o.decoded, o.cropped, o.normalized], o.name).toEqual([undefined, rec.decoded, rec.cropped, rec.normalized]);
    }
    expectClean(watched);
    await watched.context.close();
  });
});
