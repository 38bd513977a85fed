// For iterating on the console without rebuilding the service (which embeds console/dist at
// compile time): a loopback server that answers `/` and `/assets/…` from a console build on disk,
// with the console's CSP, and forwards everything else to the service at `upstream`. The
// journeys use it when DEV_DIST names a build directory; CI never sets it.
import { createReadStream, existsSync } from "node:fs";
import { createServer, request } from "node:http";
import path from "node:path";

import { cleanups } from "../../tests/browser/harness.mjs";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const TYPES = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8", ".woff2": "font/woff2" };

export async function devProxy(upstream, dist) {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const file = url.pathname === "/" ? path.join(dist, "index.html") : url.pathname.startsWith("/assets/") ? path.join(dist, url.pathname) : null;
    if (file && req.method === "GET" && existsSync(file)) {
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP, "Cache-Control": "no-cache" });
      createReadStream(file).pipe(res);
      return;
    }
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    fwd.on("error", () => res.writeHead(502).end());
    req.pipe(fwd);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${server.address().port}`;
}
