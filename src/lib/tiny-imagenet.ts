// The Tiny ImageNet validation split (10,000 64×64 JPEGs, 200 classes) for the build-time loaders.
//
// Where the images come from, in order:
//   1. TINY_IMAGENET_VALID=/path/to/valid.parquet — a local copy; a bad file there is an error, never a silent fallback.
//   2. The Hugging Face parquet (zh-plus/tiny-imagenet), downloaded once into the cache folder (skipped when
//      TINY_IMAGENET_OFFLINE=1). A cached copy that no longer parses is deleted, so the cache is never poisoned.
//   3. TINY_IMAGENET_FIXTURES=/path/to/folder — a folder in the original release's layout (val/val_annotations.txt,
//      val/images/) holding a few real validation images, such as the 50 goldfish the tests use.
//   4. A small synthetic set drawn here, clearly labelled as such.
// Labels always index the 200 wnids sorted ascending (label 0 = n01443537 goldfish), as in the Hugging Face dataset.
import {existsSync} from "node:fs";
import {readFile, rm} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parquetMetadata, parquetReadObjects} from "hyparquet";
import {fetchWithIntegrity} from "./fetch-with-integrity.ts";
import type {DataSource} from "../components/core/artifacts.ts";
import {encodePng} from "../components/core/decode/png.ts";
import {mulberry32} from "../components/core/seeded-random.ts";

export const TINY_IMAGENET_VALID_URL =
  "https://huggingface.co/datasets/zh-plus/tiny-imagenet/resolve/main/data/valid-00000-of-00001-70d52db3c749a935.parquet";
export const TINY_IMAGENET_VALID_FILE = "tiny-imagenet-valid-00000-of-00001-70d52db3c749a935.parquet";
export const GOLDFISH_WNID = "n01443537";
export const TINY_IMAGENET_CLASS_COUNT = 200;

export interface TinyImagenetImage {
  /** Stable id: the dataset's file name when known, else `valid_<row>`. */
  id: string;
  /** Index into the 200 sorted wnids. */
  label: number;
  wnid: string;
  /** The encoded image as stored (JPEG for real data, PNG for the synthetic set). */
  bytes: Uint8Array;
  mime: "image/jpeg" | "image/png";
}

export interface TinyImagenetSplit {
  source: DataSource;
  /** One sentence for the page: which data this is and why. */
  note: string;
  /** SHA-256 of the parquet file, when the real data was read. */
  sha256?: string;
  /** The 200 wnids in label order (sorted ascending). */
  wnids: string[];
  images: TinyImagenetImage[];
}

export class TinyImagenetError extends Error {
  override name = "TinyImagenetError";
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The repo's own copy of the 200 class ids: the source of truth for the label order. */
export const WNIDS_FILE = join(REPO_ROOT, "src/data/tiny-imagenet-wnids.txt");

/** The folder of real sample images named by TINY_IMAGENET_FIXTURES, if that is set. */
export function fixturesDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TINY_IMAGENET_FIXTURES || undefined;
}

/** The 200 class ids in label order. */
export async function loadSortedWnids(): Promise<string[]> {
  if (!existsSync(WNIDS_FILE)) throw new TinyImagenetError(`tiny-imagenet: no wnid list found at ${WNIDS_FILE}`);
  return parseWnidList(await readFile(WNIDS_FILE, "utf8"), WNIDS_FILE);
}

export function parseWnidList(text: string, fileName = "wnids"): string[] {
  const wnids = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (wnids.length !== TINY_IMAGENET_CLASS_COUNT || !wnids.every((wnid) => /^n\d{8}$/.test(wnid)) || new Set(wnids).size !== wnids.length) {
    throw new TinyImagenetError(`${fileName}: expected ${TINY_IMAGENET_CLASS_COUNT} distinct wnids, got ${wnids.length} lines`);
  }
  // The Hugging Face ClassLabel order is the sorted order (the Stanford wnids.txt is not sorted).
  return [...wnids].sort();
}

/** Reads the Hugging Face parquet layout: `image` struct<bytes, path> + `label` int64. */
export async function readTinyImagenetParquet(
  bytes: Uint8Array,
  fileName: string,
  fallbackWnids?: string[]
): Promise<{wnids: string[]; images: TinyImagenetImage[]}> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  let wnids: string[] | undefined;
  try {
    const metadata = parquetMetadata(buffer);
    wnids = classLabelNames(metadata.key_value_metadata);
    rows = await parquetReadObjects({file: buffer, metadata, columns: ["image", "label"], utf8: false});
  } catch (error) {
    throw new TinyImagenetError(`${fileName}: not a readable Tiny ImageNet parquet file (${oneLine(error)})`);
  }
  if (wnids && fallbackWnids && wnids.join() !== fallbackWnids.join()) {
    throw new TinyImagenetError(`${fileName}: its class list differs from the 200 sorted Tiny ImageNet wnids`);
  }
  wnids ??= fallbackWnids;
  if (!wnids) throw new TinyImagenetError(`${fileName}: the file names no classes and no wnid list was given`);
  const images = rows.map((row, index) => {
    const image = row.image as {bytes?: unknown; path?: unknown} | null | undefined;
    const label = Number(row.label);
    if (!image || !(image.bytes instanceof Uint8Array)) throw new TinyImagenetError(`${fileName}: row ${index} has no image bytes`);
    if (!Number.isInteger(label) || label < 0 || label >= wnids!.length) throw new TinyImagenetError(`${fileName}: row ${index} has label ${String(row.label)} outside 0–${wnids!.length - 1}`);
    const path = typeof image.path === "string" ? image.path : image.path instanceof Uint8Array ? new TextDecoder().decode(image.path) : "";
    return {
      id: path ? path.replace(/^.*[/\\]/, "").replace(/\.[^.]*$/, "") : `valid_${index}`,
      label,
      wnid: wnids![label],
      bytes: image.bytes,
      mime: sniffMime(image.bytes)
    } satisfies TinyImagenetImage;
  });
  if (images.length === 0) throw new TinyImagenetError(`${fileName}: the file has no rows`);
  return {wnids, images};
}

/** Hugging Face writes its features (ClassLabel names) as JSON under the `huggingface` key. */
function classLabelNames(keyValues: {key: string; value?: string}[] | undefined): string[] | undefined {
  const raw = keyValues?.find((entry) => entry.key === "huggingface")?.value;
  if (!raw) return undefined;
  try {
    const info = JSON.parse(raw) as {info?: {features?: {label?: {names?: unknown}}}};
    const names = info.info?.features?.label?.names;
    // Only wnids can be checked against the repo's list; other label names (e.g. words) are ignored.
    return Array.isArray(names) && names.every((name) => typeof name === "string" && /^n\d{8}$/.test(name)) ? (names as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The image as a data: URL, the form the gallery and batch artifacts carry it in. */
export function dataUrlOf(image: Pick<TinyImagenetImage, "bytes" | "mime">): string {
  return `data:${image.mime};base64,${Buffer.from(image.bytes).toString("base64")}`;
}

function sniffMime(bytes: Uint8Array): "image/jpeg" | "image/png" {
  return bytes[0] === 0x89 && bytes[1] === 0x50 ? "image/png" : "image/jpeg";
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/** The fixture images in the annotation file's order (the dataset's own order). */
export async function readFixtureImages(dir: string, wnids?: string[]): Promise<TinyImagenetImage[]> {
  const annotations = await readFile(join(dir, "val/val_annotations.txt"), "utf8");
  const sorted = wnids ?? parseWnidList(await readFile(join(dir, "wnids.txt"), "utf8"), join(dir, "wnids.txt"));
  const images: TinyImagenetImage[] = [];
  for (const line of annotations.split(/\r?\n/)) {
    const [file, wnid] = line.split("\t");
    if (!file || !wnid) continue;
    const label = sorted.indexOf(wnid);
    if (label < 0) throw new TinyImagenetError(`${dir}: ${file} has wnid ${wnid}, which is not one of the 200 classes`);
    const bytes = new Uint8Array(await readFile(join(dir, "val/images", file)));
    images.push({id: file.replace(/\.[^.]*$/, ""), label, wnid, bytes, mime: sniffMime(bytes)});
  }
  if (images.length === 0) throw new TinyImagenetError(`${dir}: val_annotations.txt lists no images`);
  return images;
}

/**
 * A stand-in when there is no real data at all: 50 seeded drawings of an orange fish on blue water,
 * labelled goldfish so the page's steps still run. They are not photographs and say so.
 */
export function syntheticGoldfish(count = 50, seed = 1): TinyImagenetImage[] {
  const random = mulberry32(seed);
  return Array.from({length: count}, (_, index) => {
    const size = 64;
    const rgb = new Uint8Array(size * size * 3);
    const cx = 20 + random() * 24, cy = 20 + random() * 24;
    const rx = 10 + random() * 10, ry = 5 + random() * 6, angle = random() * Math.PI;
    const water = [20 + random() * 40, 60 + random() * 60, 120 + random() * 100];
    const fish = [230 + random() * 25, 100 + random() * 80, 10 + random() * 40];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const dx = x - cx, dy = y - cy;
        const u = (dx * Math.cos(angle) + dy * Math.sin(angle)) / rx;
        const v = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / ry;
        // Body (ellipse) plus a triangular tail behind it.
        const inBody = u * u + v * v <= 1;
        const inTail = u < -0.9 && u > -1.6 && Math.abs(v) < (-0.9 - u) * 1.6;
        const colour = inBody || inTail ? fish : water;
        const shade = 0.85 + 0.15 * Math.sin((x + y + index) / 5);
        for (let c = 0; c < 3; c++) rgb[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(colour[c] * shade)));
      }
    }
    return {id: `synthetic_${index}`, label: 0, wnid: GOLDFISH_WNID, bytes: encodePng(rgb, size, size), mime: "image/png" as const};
  });
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  fetchImpl?: typeof fetch;
  /** Where the fixture images live, instead of TINY_IMAGENET_FIXTURES (tests point this at a temp dir or a missing one). */
  fixturesDir?: string;
  /** Where a failed download is reported; stderr by default. */
  warn?: (line: string) => void;
}

/** The whole validation split, from the best source available (see the top of this file). */
export async function loadTinyImagenetValid(options: LoadOptions = {}): Promise<TinyImagenetSplit> {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const fixtures = options.fixturesDir ?? fixturesDir(env);
  const wnids = await loadSortedWnids().catch(() => undefined);

  const localPath = env.TINY_IMAGENET_VALID;
  if (localPath) {
    const bytes = await readFile(localPath).catch((error) => {
      throw new TinyImagenetError(`TINY_IMAGENET_VALID=${localPath}: cannot read the file (${oneLine(error)})`);
    });
    const {createHash} = await import("node:crypto");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const split = await readTinyImagenetParquet(new Uint8Array(bytes), `TINY_IMAGENET_VALID=${localPath}`, wnids);
    return {source: "tiny-imagenet", note: `Tiny ImageNet validation split from the local file ${localPath} (${split.images.length} images).`, sha256, ...split};
  }

  let reason = "TINY_IMAGENET_OFFLINE=1";
  if (env.TINY_IMAGENET_OFFLINE !== "1") {
    try {
      return await downloadSplit(options, env, wnids);
    } catch (error) {
      reason = oneLine(error).includes("download failed") ? oneLine(error) : `download failed: ${oneLine(error)}`;
    }
  }

  const how = "connect to the internet or set TINY_IMAGENET_VALID=/path/to/valid.parquet, then `npm run clean && npm run build`";
  if (fixtures && existsSync(join(fixtures, "val/val_annotations.txt"))) {
    const images = await readFixtureImages(fixtures, wnids);
    const kind = images.every((image) => image.wnid === GOLDFISH_WNID) ? "goldfish " : "";
    warn(`tiny-imagenet: using the ${images.length} ${kind}fixture images in ${fixtures} instead of the full validation split (${reason}); for all 10,000 images, ${how}.`);
    return {
      source: "fixtures",
      note: `Only the ${images.length} real ${kind}validation images from the fixtures folder are available here (${reason}), not the full 10,000-image split.`,
      wnids: wnids ?? parseWnidList(await readFile(join(fixtures, "wnids.txt"), "utf8")),
      images
    };
  }
  if (!wnids) throw new TinyImagenetError(`tiny-imagenet: no data and no wnid list available (${reason})`);
  warn(`tiny-imagenet: using 50 SYNTHETIC drawings, not photographs (${reason}); for the real images, ${how}.`);
  return {
    source: "synthetic",
    note: `No Tiny ImageNet images are available here (${reason}), so these are 50 synthetic drawings of a fish, labelled "goldfish" only so that every step can run. They are not photographs.`,
    wnids,
    images: syntheticGoldfish()
  };
}

async function downloadSplit(options: LoadOptions, env: NodeJS.ProcessEnv, wnids: string[] | undefined): Promise<TinyImagenetSplit> {
  const cacheDir = options.cacheDir ?? env.ALEXNET_CACHE_DIR ?? join(REPO_ROOT, ".cache");
  const {path, sha256} = await fetchWithIntegrity({
    url: TINY_IMAGENET_VALID_URL,
    cacheDir,
    fileName: TINY_IMAGENET_VALID_FILE,
    label: "Tiny ImageNet validation split (14.6 MB)",
    fetchImpl: options.fetchImpl
  });
  try {
    const split = await readTinyImagenetParquet(new Uint8Array(await readFile(path)), path, wnids);
    return {source: "tiny-imagenet", note: `Tiny ImageNet validation split from Hugging Face zh-plus/tiny-imagenet (${split.images.length} images).`, sha256, ...split};
  } catch (error) {
    // A cached file that does not parse must not be used again.
    await rm(path, {force: true});
    await rm(`${path}.sha256`, {force: true});
    throw error;
  }
}
