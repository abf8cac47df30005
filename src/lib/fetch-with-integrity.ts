/**
 * Downloads a file into a cache directory so that only a complete file with the expected SHA-256 prefix ever
 * appears under its cached name: bytes go to a temporary file in the same directory, are hashed while streaming,
 * and are renamed into place only after the length and hash checks pass. A sidecar `<name>.sha256` records
 * the hash with the file's size and mtime, so later builds can reuse the file without re-hashing 244 MB.
 */
import {createHash, randomBytes} from "node:crypto";
import {createReadStream, createWriteStream} from "node:fs";
import {mkdir, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {once} from "node:events";

export interface FetchWithIntegrityOptions {
  url: string;
  cacheDir: string;
  fileName: string;
  /** Leading hex digits the file's SHA-256 must start with (torch hub style, e.g. "7be5be79"). */
  sha256Prefix?: string;
  /** Name shown in progress and error messages; defaults to fileName. */
  label?: string;
  fetchImpl?: typeof fetch;
  /** Called as bytes arrive; defaults to a progress line on stderr. */
  progress?: (received: number, total?: number) => void;
  /** Give up when no response headers arrive within this time (default 15 s). */
  connectTimeoutMs?: number;
  /** Give up when the body stalls for this long (default 60 s). */
  stallTimeoutMs?: number;
}

export interface FetchWithIntegrityResult {
  path: string;
  sha256: string;
  fromCache: boolean;
}

interface Sidecar {
  sha256: string;
  size: number;
  mtimeMs: number;
}

function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const message = error instanceof Error ? error.message + cause : String(error);
  return message.replace(/\s*\n\s*/g, " ");
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function matchesPrefix(sha256: string, prefix: string | undefined): boolean {
  return prefix === undefined || sha256.startsWith(prefix.toLowerCase());
}

/** Returns the hash of a usable cached file, or undefined after discarding a missing or failing one. */
async function checkCached(path: string, sidecarPath: string, prefix: string | undefined): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const sidecar = await readFile(sidecarPath, "utf8")
    .then((text) => JSON.parse(text) as Sidecar)
    .catch(() => undefined);
  let sha256: string;
  if (sidecar && sidecar.size === info.size && sidecar.mtimeMs === info.mtimeMs && typeof sidecar.sha256 === "string") {
    sha256 = sidecar.sha256;
  } else {
    sha256 = await sha256OfFile(path);
    if (matchesPrefix(sha256, prefix)) await writeSidecar(path, sidecarPath, sha256);
  }
  if (matchesPrefix(sha256, prefix)) return sha256;
  await rm(path, {force: true});
  await rm(sidecarPath, {force: true});
  return undefined;
}

async function writeSidecar(path: string, sidecarPath: string, sha256: string): Promise<void> {
  const info = await stat(path);
  const sidecar: Sidecar = {sha256, size: info.size, mtimeMs: info.mtimeMs};
  const temporary = `${sidecarPath}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, JSON.stringify(sidecar) + "\n");
  await rename(temporary, sidecarPath);
}

const MiB = 1024 * 1024;

/** Default progress: a carriage-return line on a terminal, otherwise one line per 10 %. */
export function stderrProgress(label: string): (received: number, total?: number) => void {
  let lastDecile = -1;
  let lastPrint = 0;
  return (received, total) => {
    const done = total !== undefined && received >= total;
    const text = total
      ? `${label}: ${(received / MiB).toFixed(1)} / ${(total / MiB).toFixed(1)} MiB (${Math.floor((100 * received) / total)}%)`
      : `${label}: ${(received / MiB).toFixed(1)} MiB`;
    if (process.stderr.isTTY) {
      const now = Date.now();
      if (done || now - lastPrint > 200) {
        lastPrint = now;
        process.stderr.write(`\r${text}${done ? "\n" : ""}`);
      }
      return;
    }
    const decile = total ? Math.floor((10 * received) / total) : Math.floor(received / (25 * MiB));
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${text}\n`);
    }
  };
}

/** The cached copy of `fileName` if it exists and passes the hash check (a failing copy is deleted), without any network access. */
export async function findCachedWithIntegrity(opts: {
  cacheDir: string;
  fileName: string;
  sha256Prefix?: string;
}): Promise<FetchWithIntegrityResult | undefined> {
  const path = join(opts.cacheDir, opts.fileName);
  const sha256 = await checkCached(path, `${path}.sha256`, opts.sha256Prefix);
  return sha256 ? {path, sha256, fromCache: true} : undefined;
}

export async function fetchWithIntegrity(opts: FetchWithIntegrityOptions): Promise<FetchWithIntegrityResult> {
  const {url, cacheDir, fileName, sha256Prefix} = opts;
  const label = opts.label ?? fileName;
  const path = join(cacheDir, fileName);
  const sidecarPath = `${path}.sha256`;
  await mkdir(cacheDir, {recursive: true});

  const cached = await checkCached(path, sidecarPath, sha256Prefix);
  if (cached) return {path, sha256: cached, fromCache: true};

  const fetchImpl = opts.fetchImpl ?? fetch;
  const progress = opts.progress ?? stderrProgress(label);
  const temporary = join(cacheDir, `.${fileName}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(new Error(`no response within ${(opts.connectTimeoutMs ?? 15_000) / 1000} s`)), opts.connectTimeoutMs ?? 15_000);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {signal: abort.signal, redirect: "follow"});
    } catch (error) {
      throw new Error(`${label}: download failed: ${oneLine(abort.signal.reason ?? error)}`);
    }
    if (!response.ok || !response.body) {
      throw new Error(`${label}: download failed: HTTP ${response.status} ${response.statusText} from ${url}`);
    }
    const lengthHeader = response.headers.get("content-length");
    const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    const stallMs = opts.stallTimeoutMs ?? 60_000;
    const restartTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(new Error(`download stalled for ${stallMs / 1000} s`)), stallMs);
    };
    restartTimer();

    const hash = createHash("sha256");
    const out = createWriteStream(temporary, {flags: "wx"});
    const outClosed = once(out, "close");
    let received = 0;
    try {
      const reader = response.body.getReader();
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        restartTimer();
        hash.update(value);
        received += value.byteLength;
        if (!out.write(value)) await once(out, "drain");
        progress(received, total);
      }
    } catch (error) {
      out.destroy();
      await outClosed.catch(() => undefined);
      throw new Error(`${label}: download interrupted after ${received} bytes: ${oneLine(abort.signal.reason ?? error)}`);
    } finally {
      clearTimeout(timer);
    }
    out.end();
    await outClosed;
    if (total !== undefined && received !== total) {
      throw new Error(`${label}: truncated download (${received} of ${total} bytes); nothing was cached, try again`);
    }
    const sha256 = hash.digest("hex");
    if (!matchesPrefix(sha256, sha256Prefix)) {
      throw new Error(`${label}: SHA-256 ${sha256.slice(0, 16)}… does not start with ${sha256Prefix}; the download was discarded`);
    }
    await rename(temporary, path);
    await writeSidecar(path, sidecarPath, sha256);
    return {path, sha256, fromCache: false};
  } finally {
    clearTimeout(timer);
    await rm(temporary, {force: true});
  }
}
