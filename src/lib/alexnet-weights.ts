/**
 * Decides which AlexNet weights a build uses, in this order: the file named by ALEXNET_WEIGHTS (a bad file is an
 * error, never silently replaced), the torchvision checkpoint (cached, or downloaded with a hash check), and
 * finally seeded random weights with one line on stderr saying why and how to get the real ones.
 */
import {createHash} from "node:crypto";
import {readFile} from "node:fs/promises";
import {basename, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {CheckpointError, readCheckpoint, type StateDict} from "./torch-checkpoint/index.ts";
import {fetchWithIntegrity, findCachedWithIntegrity} from "./fetch-with-integrity.ts";
import {mulberry32} from "../components/core/seeded-random.ts";
import type {WeightsProvenance} from "../components/core/artifacts.ts";

export const ALEXNET_URL = "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth";
export const ALEXNET_SHA256_PREFIX = "7be5be79";
export const ALEXNET_FILE_NAME = "alexnet-owt-7be5be79.pth";
export const DEFAULT_RANDOM_SEED = 2012;

/** torchvision `alexnet().state_dict()` keys and shapes, in state-dict order. */
export const ALEXNET_PARAM_SHAPES: Record<string, number[]> = {
  "features.0.weight": [64, 3, 11, 11],
  "features.0.bias": [64],
  "features.3.weight": [192, 64, 5, 5],
  "features.3.bias": [192],
  "features.6.weight": [384, 192, 3, 3],
  "features.6.bias": [384],
  "features.8.weight": [256, 384, 3, 3],
  "features.8.bias": [256],
  "features.10.weight": [256, 256, 3, 3],
  "features.10.bias": [256],
  "classifier.1.weight": [4096, 9216],
  "classifier.1.bias": [4096],
  "classifier.4.weight": [4096, 4096],
  "classifier.4.bias": [4096],
  "classifier.6.weight": [1000, 4096],
  "classifier.6.bias": [1000]
};

export type {WeightsProvenance};

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The reason ends up on the pages: name a folder inside the project by its project path, not by this machine's. */
function shownPath(path: string): string {
  const inside = relative(REPO_ROOT, path);
  return inside && !inside.startsWith("..") ? `${inside}/` : path;
}

function listProblems(kind: string, items: string[]): string {
  const shown = items.slice(0, 3).join(", ");
  return `${kind} ${shown}${items.length > 3 ? ` and ${items.length - 3} more` : ""}`;
}

export function validateAlexNetStateDict(sd: StateDict, fileName: string): void {
  const expected = Object.keys(ALEXNET_PARAM_SHAPES);
  const missing = expected.filter((key) => !sd.has(key));
  const extra = [...sd.keys()].filter((key) => !Object.hasOwn(ALEXNET_PARAM_SHAPES, key));
  const wrongShape = expected
    .filter((key) => sd.has(key) && sd.get(key)!.shape.join("x") !== ALEXNET_PARAM_SHAPES[key].join("x"))
    .map((key) => `${key} is ${sd.get(key)!.shape.join("x") || "a scalar"} (expected ${ALEXNET_PARAM_SHAPES[key].join("x")})`);
  const problems: string[] = [];
  if (missing.length) problems.push(listProblems("missing keys", missing));
  if (extra.length) problems.push(listProblems("extra keys", extra));
  if (wrongShape.length) problems.push(listProblems("wrong shapes:", wrongShape));
  if (problems.length) {
    throw new CheckpointError(fileName, `not a torchvision AlexNet state dict: ${problems.join("; ")}`);
  }
}

/**
 * Weights drawn like PyTorch's default Conv2d/Linear init: kaiming_uniform(a=√5) gives U(±1/√fan_in) for the
 * weight, and the bias uses the same bound. Same seed, same weights, on every machine.
 */
export function randomAlexNetStateDict(seed = DEFAULT_RANDOM_SEED): StateDict {
  const random = mulberry32(seed);
  const sd: StateDict = new Map();
  let fanIn = 1;
  for (const [key, shape] of Object.entries(ALEXNET_PARAM_SHAPES)) {
    if (key.endsWith(".weight")) fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
    const bound = 1 / Math.sqrt(fanIn);
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = (2 * random() - 1) * bound;
    sd.set(key, {dtype: "float32", shape: [...shape], data, sourceDtype: "float32"});
  }
  return sd;
}

async function readValidated(path: string): Promise<{stateDict: StateDict; sha256: string}> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckpointError(path, `cannot read the file (${code === "ENOENT" ? "no such file" : code ?? String(error)})`);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const stateDict = readCheckpoint(bytes, name);
  validateAlexNetStateDict(stateDict, name);
  return {stateDict, sha256};
}

export interface LoadAlexNetWeightsOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  fetchImpl?: typeof fetch;
  /** Skip the network and use only the cache (also ALEXNET_OFFLINE=1). */
  offline?: boolean;
  /** Where the one-line fallback notice and download progress go; defaults to stderr. */
  log?: (line: string) => void;
}

export async function loadAlexNetWeights(
  opts: LoadAlexNetWeightsOptions = {}
): Promise<{stateDict: StateDict; provenance: WeightsProvenance}> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const localPath = env.ALEXNET_WEIGHTS?.trim();
  if (localPath) {
    const path = resolve(localPath);
    const {stateDict, sha256} = await readValidated(path);
    const kind = sha256.startsWith(ALEXNET_SHA256_PREFIX) ? "pretrained" : "local";
    return {stateDict, provenance: {kind, source: path, sha256}};
  }

  const cacheDir = resolve(opts.cacheDir ?? env.ALEXNET_CACHE_DIR ?? resolve(REPO_ROOT, ".cache"));
  const offline = opts.offline ?? env.ALEXNET_OFFLINE === "1";
  const wanted = {cacheDir, fileName: ALEXNET_FILE_NAME, sha256Prefix: ALEXNET_SHA256_PREFIX};
  let reason: string;
  try {
    const found = offline
      ? await findCachedWithIntegrity(wanted)
      : await fetchWithIntegrity({...wanted, url: ALEXNET_URL, fetchImpl: opts.fetchImpl, label: ALEXNET_FILE_NAME});
    if (found) {
      const {stateDict, sha256} = await readValidated(found.path);
      return {stateDict, provenance: {kind: "pretrained", source: ALEXNET_URL, sha256}};
    }
    reason = `ALEXNET_OFFLINE=1 and no verified ${ALEXNET_FILE_NAME} in ${shownPath(cacheDir)}`;
  } catch (error) {
    // A file that passed the hash check but cannot be read is our bug, not a reason to fall back quietly.
    if (error instanceof CheckpointError) throw error;
    reason = (error instanceof Error ? error.message : String(error)).replace(`${ALEXNET_FILE_NAME}: `, "");
  }
  log(
    `AlexNet: using seeded random weights (${reason}). For the real weights, connect to the internet or set ` +
      `ALEXNET_WEIGHTS=/path/to/${ALEXNET_FILE_NAME}, then run \`npm run clean && npm run build\`.`
  );
  return {
    stateDict: randomAlexNetStateDict(DEFAULT_RANDOM_SEED),
    provenance: {kind: "random", source: `seeded random (seed ${DEFAULT_RANDOM_SEED})`, reason}
  };
}
