// Real-browser CORS test (issue 17, part 1): Debian's headless chromium loads a page from an
// allowed origin on another loopback port and reads, with fetch(), the bodies and exposed headers
// of a 401, 404, 412 and 422 from the API; a page from an origin the API does not allow must get
// `TypeError: Failed to fetch` (the negative control that lets this test fail).
//
// Driver: playwright-core (pinned in package-lock.json). It ships no browser and downloads none;
// it launches the system's /usr/bin/chromium and speaks CDP to it over a pipe, with bounded
// timeouts and reliable teardown. Driving `chromium --remote-debugging-pipe` by hand would mean
// writing our own CDP framing and target/session handling here for no gain.
//
// Usage: node cors.mjs   (env: PLATE_PERMITS_BIN, default ../../target/debug/plate-permits;
//                         CHROMIUM, default /usr/bin/chromium; WORK_DIR, a scratch directory)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { HOST, cleanup, cleanups, startServer, watchdog } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "Browser-cors-Pa55";
const PAGE = readFileSync(path.join(here, "page.html"));

const timer = watchdog("browser CORS test");

// A static site on its own loopback port: its origin is http://127.0.0.1:<port>.
function servePage() {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      if (req.url === "/" || req.url === "/index.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(PAGE);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    server.once("error", reject);
    server.listen(0, HOST, () => {
      cleanups.push(() => new Promise((r) => server.close(() => r())));
      resolve(`http://${HOST}:${server.address().port}`);
    });
  });
}

async function startApi(allowedOrigin) {
  const dataDir = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-cors-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return startServer(BIN, dataDir, PASSWORD, { CORS_ALLOWED_ORIGINS: allowedOrigin });
}

const failures = [];
function check(cond, what) {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
}

// A problem the page could read: status, code, Persian title, problem+json, X-Request-Id.
function checkProblem(r, status, code, title, what) {
  if (!r || r.error) {
    check(false, `${what}: the page could not read the response (${r && r.error})`);
    return;
  }
  check(r.status === status, `${what}: status ${r.status} is ${status}`);
  check(r.json && r.json.code === code, `${what}: body code ${r.json && r.json.code} is ${code}`);
  check(r.json && r.json.title === title, `${what}: Persian title read (${r.json && r.json.title})`);
  check(
    (r.contentType || "").startsWith("application/problem+json"),
    `${what}: Content-Type ${r.contentType}`,
  );
  check(!!r.requestId, `${what}: X-Request-Id readable (${r.requestId})`);
  check(r.contentLanguage === "fa", `${what}: Content-Language readable (${r.contentLanguage})`);
}

async function main() {
  const allowed = await servePage();
  const denied = await servePage();
  const api = await startApi(allowed);
  console.log(`API ${api}; allowed page ${allowed}; other page ${denied}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
  });
  cleanups.push(() => browser.close());
  // A Persian-speaking user's browser: it sends `Accept-Language: fa-IR`.
  const context = await browser.newContext({ locale: "fa-IR" });
  context.setDefaultTimeout(30_000);

  const page = await context.newPage();
  await page.goto(`${allowed}/`);
  const r = await page.evaluate(([a, p]) => probe(a, p), [api, PASSWORD]);

  checkProblem(r.unauthorized, 401, "unauthorized", "احراز هویت لازم است", "401 without a token");
  checkProblem(r.badToken, 401, "invalid_token", "توکن نامعتبر یا منقضی است", "401 with an invalid token");
  check(r.login && r.login.status === 200, `sign-in from the page: ${JSON.stringify(r.login)}`);
  checkProblem(r.notFound, 404, "not_found", "یافت نشد", "404 unknown request");
  check(r.user && r.user.status === 200, `GET /users/{id}: ${r.user && r.user.status}`);
  check(!!(r.user && r.user.etag), `ETag readable on a success (${r.user && r.user.etag})`);
  check(!!(r.user && r.user.requestId), "X-Request-Id readable on a success");
  check(
    r.patched && r.patched.status === 200 && r.patched.etag && r.patched.etag !== r.user.etag,
    `PATCH with the current If-Match: 200 and a new ETag (${r.patched && r.patched.status}, ${r.patched && r.patched.etag})`,
  );
  checkProblem(r.stale, 412, "precondition_failed", "نسخهٔ ارسالی قدیمی است", "412 stale If-Match");
  checkProblem(r.invalid, 422, "validation_failed", "اطلاعات ارسالی نامعتبر است", "422 validation");
  check(
    r.invalid && r.invalid.json && Array.isArray(r.invalid.json.errors) && r.invalid.json.errors.length > 0,
    "422: the field errors are readable",
  );

  // English on request: the page asks with `Accept-Language: en` and reads the English title.
  const en = await page.evaluate(async (a) => {
    try {
      const res = await fetch(a + "/api/v1/requests", {
        headers: { "Accept-Language": "en" },
        signal: AbortSignal.timeout(10000),
      });
      return { status: res.status, lang: res.headers.get("Content-Language"), json: await res.json() };
    } catch (e) {
      return { error: String(e) };
    }
  }, api);
  check(
    en.status === 401 && en.lang === "en" && en.json && en.json.title === "Authentication required",
    `401 in English with Accept-Language: en (${JSON.stringify(en)})`,
  );

  // Negative control: the same page served from an origin the API does not allow.
  const other = await context.newPage();
  await other.goto(`${denied}/`);
  const d = await other.evaluate((a) => probeDenied(a), api);
  for (const [name, res] of Object.entries(d)) {
    check(
      !!res.error && res.error.startsWith("TypeError"),
      `not-allowed origin, ${name} request: hidden from the page (${res.error || "status " + res.status})`,
    );
  }
}

let code = 0;
try {
  await main();
  if (failures.length) {
    console.error(`\n${failures.length} browser CORS check(s) failed`);
    code = 1;
  } else {
    console.log("\nbrowser CORS test passed");
  }
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`);
  code = 1;
} finally {
  clearTimeout(timer);
  await cleanup();
}
process.exit(code);
