// Serves the built site (dist/) on loopback with the headers that make a page cross-origin isolated,
// so onnxruntime-web can use WASM threads. Used by `npm run serve` and by the end-to-end tests.
import {createReadStream} from "node:fs";
import {stat} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, resolve} from "node:path";
import {pathToFileURL} from "node:url";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".bin": "application/octet-stream",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".parquet": "application/octet-stream"
};

/** The headers a host must send for `crossOriginIsolated` (and so for WASM threads). */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin"
} as const;

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function findFile(root: string, pathname: string): Promise<string | undefined> {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  const base = join(root, clean);
  if (!base.startsWith(root)) return undefined;
  // Framework builds clean URLs: /wordnet is dist/wordnet.html, / is dist/index.html.
  const candidates = clean.endsWith("/") ? [join(base, "index.html")] : [base, `${base}.html`, join(base, "index.html")];
  for (const candidate of candidates) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

export async function startStaticServer({
  root = "dist",
  port = 0,
  host = "127.0.0.1",
  isolated = true
}: {root?: string; port?: number; host?: string; isolated?: boolean} = {}): Promise<StaticServer> {
  const absoluteRoot = resolve(root);
  const server = createServer(async (request, response) => {
    const {pathname} = new URL(request.url ?? "/", "http://localhost");
    const file = await findFile(absoluteRoot, pathname);
    const headers: Record<string, string> = isolated ? {...ISOLATION_HEADERS} : {};
    if (!file) {
      response.writeHead(404, {...headers, "Content-Type": "text/plain"});
      response.end("Not found");
      return;
    }
    const {size} = await stat(file);
    headers["Content-Type"] = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    headers["Content-Length"] = String(size);
    // Hashed assets under _file/, _npm/, _node/ and _import/ never change, so the browser may keep them.
    headers["Cache-Control"] = /\/_(file|npm|node|import|observablehq)\//.test(pathname) ? "public, max-age=31536000, immutable" : "no-cache";
    response.writeHead(200, headers);
    if (request.method === "HEAD") return void response.end();
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(port, host, done));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done()))
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await startStaticServer({port});
  console.log(`Serving dist/ cross-origin isolated at ${url}`);
}
