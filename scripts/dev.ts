// `npm run dev`: Framework's preview server behind a small proxy that adds the cross-origin isolation headers,
// so the dev site can use WASM threads just like the built site served by scripts/serve.ts.
// Live reload keeps working: WebSocket upgrades are piped through untouched.
//   PORT=3000 (the proxy), the preview itself listens on an internal port on loopback.
import {spawn} from "node:child_process";
import {createServer, request as httpRequest} from "node:http";
import {connect} from "node:net";
import {ISOLATION_HEADERS} from "./serve.ts";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const innerPort = Number(process.env.PREVIEW_PORT ?? port + 1);
const innerHost = "127.0.0.1";

const preview = spawn("observable", ["preview", "--host", innerHost, "--port", String(innerPort), "--no-open", ...process.argv.slice(2).filter((arg) => arg !== "--no-open")], {
  stdio: ["ignore", "inherit", "inherit"]
});
preview.on("exit", (code) => {
  console.error(`dev: observable preview exited (${code ?? "signal"})`);
  process.exit(code ?? 1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));

const proxy = createServer((incoming, outgoing) => {
  const upstream = httpRequest(
    {host: innerHost, port: innerPort, method: incoming.method, path: incoming.url, headers: incoming.headers},
    (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.statusMessage, {...response.headers, ...ISOLATION_HEADERS});
      response.pipe(outgoing);
    }
  );
  upstream.on("error", (error) => {
    // The preview is still starting (or restarting): say so instead of hanging.
    if (!outgoing.headersSent) outgoing.writeHead(502, {"Content-Type": "text/plain", ...ISOLATION_HEADERS});
    outgoing.end(`dev proxy: the preview server is not answering (${error.message}); try again in a moment.\n`);
  });
  incoming.pipe(upstream);
});

// Live reload: Framework's client opens a WebSocket; pass the upgrade request and both byte streams through.
proxy.on("upgrade", (incoming, socket, head) => {
  const upstream = connect(innerPort, innerHost, () => {
    const lines = [`${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}`];
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on("error", close);
  socket.on("error", close);
});

proxy.listen(port, host, () => {
  const url = `http://${host}:${port}/`;
  console.log(`dev: cross-origin isolated preview at ${url} (Framework preview on ${innerPort})`);
  // Open the proxy (not the preview) in the reader's browser, as `observable preview` would; --no-open or a
  // non-interactive run (CI, tests) skips it.
  if (process.stdout.isTTY && !process.env.CI && !process.argv.includes("--no-open")) {
    import("open").then(({default: open}) => open(url)).catch(() => {});
  }
});
