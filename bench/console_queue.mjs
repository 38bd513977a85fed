// The directorate queue over many seeded requests (issue 37: 100 000, first page within 1 s on
// loopback). Seeds a fresh SQLite DATA_DIR with `plate-permits seed --requests N` (50 agencies,
// every state), starts the service, registers a directorate officer, signs in once in Debian's
// headless chromium (playwright-core), then loads the console's queue LOADS times, each in a
// new browser context signed in through the page and then reloaded on the queue with an empty
// HTTP cache (only the session cookie kept): the time from
// the navigation's start to the first row of the first page on screen is read in the page
// (performance.now() when a MutationObserver sees the first `tbody tr`), so it covers the HTML,
// the bundles, the silent refresh, the agencies' list and the queue's own call. The queue's
// API call alone (`GET /requests?limit=25&sort=due_at`, as the console sends it) is timed
// too. Bounded: the whole run fails after --timeout seconds (default 900); a load fails after
// 15 s.
//
//   node bench/console_queue.mjs [--requests 100000] [--loads 7] [--limit-ms 1000]
//                                [--bin target/release/plate-permits] [--timeout 900]
//
// Needs console/node_modules (cd console && npm ci) and chromium (Debian). Exits non-zero when
// the median load exceeds --limit-ms. .ci/console runs it at a reduced size (2 000 requests);
// docs/BENCHMARKS.md records the full size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { cleanup, cleanups, client, startServer, watchdog } from "../tests/browser/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");
// playwright-core is the console's dev dependency.
const { chromium } = createRequire(path.join(root, "console/package.json"))("playwright-core");

const { values: opt } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    loads: { type: "string", default: "7" },
    "limit-ms": { type: "string", default: "1000" },
    bin: { type: "string" },
    timeout: { type: "string", default: "900" },
  },
});
const REQUESTS = Number(opt.requests);
const LOADS = Number(opt.loads);
const LIMIT_MS = Number(opt["limit-ms"]);
const BIN =
  opt.bin ||
  process.env.PLATE_PERMITS_BIN ||
  [path.join(root, "target/release/plate-permits"), path.join(root, "target/debug/plate-permits")].find((p) => existsSync(p));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ADMIN_PW = "Queue-bench-admin-Pa55";
const OFFICER_PW = "Queue-bench-officer-Pa55";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-queue-bench-"));
cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("console queue bench", Number(opt.timeout));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dataDir = path.join(WORK, "data");
  const env = { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_FORMAT: "json" };
  let t = performance.now();
  const seeded = spawnSync(BIN, ["seed", "--requests", String(REQUESTS), "--agencies", "50"], { env, encoding: "utf8", timeout: Number(opt.timeout) * 1000 });
  if (seeded.status !== 0) throw new Error(`seed failed (${seeded.status}): ${seeded.stderr}`);
  const seedSecs = (performance.now() - t) / 1000;
  console.log(`seeded ${REQUESTS} requests in ${seedSecs.toFixed(0)} s (${BIN})`);
  // The seeded users stop the bootstrap administrator: create one, as bench/load.py does.
  const made = spawnSync(BIN, ["create-admin", "--username", "admin"], { env: { ...env, ADMIN_PASSWORD: ADMIN_PW }, encoding: "utf8", timeout: 60_000 });
  if (made.status !== 0) throw new Error(`create-admin failed (${made.status}): ${made.stderr}`);

  const base = await startServer(BIN, dataDir, ADMIN_PW);
  const call = client(base);
  const admin = (await call(null, "POST", "/auth/login", { username: "admin", password: ADMIN_PW }, 200)).access_token;
  const me = await call(admin, "GET", "/me", undefined, 200);
  await call(
    admin,
    "POST",
    "/users",
    { username: "queue-bench", full_name: "مریم کریمی", role: "directorate", organisation_id: me.organisation_id, password: OFFICER_PW, position: "معاون اموال دولتی" },
    201,
  );
  const officer = (await call(null, "POST", "/auth/login", { username: "queue-bench", password: OFFICER_PW }, 200)).access_token;

  // The queue's own call, as the console sends it.
  const apiMs = [];
  let total = null;
  for (let i = 0; i < LOADS; i++) {
    t = performance.now();
    const page = await call(officer, "GET", "/requests?limit=25&sort=due_at", undefined, 200);
    apiMs.push(performance.now() - t);
    total = page.items.length;
  }
  if (total !== 25) throw new Error(`the queue's first page has ${total} items`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  cleanups.push(() => browser.close());
  const loadMs = [];
  for (let i = 0; i < LOADS; i++) {
    // Each load its own session (a refresh token is used once), signed in through the page.
    const ctx = await browser.newContext({ locale: "fa-IR" });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.fill('[name="username"]', "queue-bench");
    await page.fill('[name="password"]', OFFICER_PW);
    await page.click('button[type="submit"]');
    await page.locator("tbody tr").first().waitFor({ timeout: 15_000 });
    // Then a cold load of the queue: empty HTTP cache, the session cookie only.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await page.goto("about:blank");
    // Injected by the browser, outside the console's CSP: stamps the first row's appearance.
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector("tbody tr")) {
          window.__firstRow = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/#/queue`);
    await page.waitForFunction(() => window.__firstRow !== undefined, null, { timeout: 15_000 });
    const ms = await page.evaluate(() => window.__firstRow);
    const rows = await page.locator("tbody tr").count();
    if (rows !== 25) throw new Error(`load ${i + 1}: ${rows} rows on the first page`);
    loadMs.push(ms);
    console.log(`load ${i + 1}: first page (${rows} rows) on screen after ${ms.toFixed(0)} ms`);
    await ctx.close();
  }

  const m = median(loadMs);
  console.log(
    `\n| seeded requests | queue call (API) median | first page on screen: median | max | limit |\n|---|---|---|---|---|\n| ${REQUESTS} | ${median(apiMs).toFixed(1)} ms | ${m.toFixed(0)} ms | ${Math.max(...loadMs).toFixed(0)} ms | ${LIMIT_MS} ms |`,
  );
  if (m > LIMIT_MS) throw new Error(`the queue's first page took ${m.toFixed(0)} ms (median of ${LOADS}), over ${LIMIT_MS} ms`);
  console.log(`\nok   the directorate queue over ${REQUESTS} requests shows its first page in ${m.toFixed(0)} ms (median of ${LOADS}, limit ${LIMIT_MS} ms)`);
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error(`FAIL: ${e?.stack || e}`);
} finally {
  clearTimeout(timer);
  await cleanup();
}
process.exit(failed ? 1 : 0);
