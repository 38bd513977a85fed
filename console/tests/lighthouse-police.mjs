// Lighthouse (npm, Debian's headless chromium through puppeteer-core) on the police's queue at
// the phone size Lighthouse emulates by default (Moto G Power, simulated slow 4G, 4× CPU
// slowdown): a police officer signs in in the page, then the queue (`#/police`) is audited with
// the session cookie kept and, before every run, the HTTP cache, the service worker and its
// cache emptied (a cold load). Accessibility ≥ 95, best practices ≥ 95, performance ≥ 90, best
// of up to LIGHTHOUSE_RUNS runs (default 3).
//
// Lighthouse 12 removed its "installable" (PWA) audits and Lighthouse 13 reports none, so the
// installable-app check is Chromium's own, the one those audits read: CDP
// Page.getInstallabilityErrors must be empty and Page.getAppManifest must parse without error,
// in this non-incognito profile once the service worker controls the page.
import { writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import * as jalaali from "jalaali-js";

import { cleanup, cleanups, client, legalId, startServer, watchdog } from "../../tests/browser/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
const ADMIN_PW = "Lighthouse-admin-Pa55-phrase";
const DIRECTORATE_PW = "Lighthouse-desk-Pa55-phrase";
const AGENCY_PW = "Lighthouse-clerk-Pa55-phrase";
const POLICE_PW = "Lighthouse-road-Pa55-phrase";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-lighthouse-police-"));
const MIN = { performance: 90, accessibility: 95, "best-practices": 95 };

cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("police lighthouse", 300);
const failures = [];

// The traffic police with an officer, and ten permits waiting for them.
async function setUp(base) {
  const call = client(base);
  const login = async (username, password) => (await call(null, "POST", "/auth/login", { username, password }, 200)).access_token;
  const admin = await login("admin", ADMIN_PW);
  const me = await call(admin, "GET", "/me", undefined, 200);
  const org = (await call(admin, "POST", "/organisations", { name: "اداره کل راه و شهرسازی استان آزمون", kind: "agency", national_id: legalId("1450012345") }, 201)).id;
  const policeOrg = (await call(admin, "POST", "/organisations", { name: "پلیس راهور استان آزمون", kind: "police", national_id: legalId("1450098765") }, 201)).id;
  await call(admin, "POST", "/users", { username: "police-lh", full_name: "سروان احمد رضایی", role: "police", organisation_id: policeOrg, password: POLICE_PW }, 201);
  await call(admin, "POST", "/users", { username: "clerk-lh", full_name: "زهرا محمدی", role: "agency", organisation_id: org, password: AGENCY_PW }, 201);
  await call(
    admin,
    "POST",
    "/users",
    { username: "reviewer-lh", full_name: "مریم کریمی", role: "directorate", organisation_id: me.organisation_id, password: DIRECTORATE_PW, position: "معاون اموال دولتی" },
    201,
  );
  const clerk = await login("clerk-lh", AGENCY_PW);
  const reviewer = await login("reviewer-lh", DIRECTORATE_PW);
  const j = jalaali.toJalaali(new Date(Date.now() + 10 * 86_400_000));
  const until = `${j.jy}/${String(j.jm).padStart(2, "0")}/${String(j.jd).padStart(2, "0")}`;
  for (let i = 0; i < 10; i++) {
    const n = String(100 + i);
    const r = await call(
      clerk,
      "POST",
      "/requests",
      {
        vehicle: { plate: `${10 + (i % 80)} الف ${n} ایران ${10 + ((i * 7) % 90)}`, chassis_number: `IRFC84LP${String(i).padStart(6, "0")}`, engine_number: `M15L${n}`, make: "پارس خودرو", model: "تیبا", year: 1398, vehicle_type: "passenger_car" },
        reason: "scrapping",
        letter: { number: `۷۸۹/${i}`, date: "1405/01/15" },
        contact: { name: "رضا احمدی", mobile: "09141234567" },
      },
      201,
    );
    const reviewed = await call(reviewer, "POST", `/requests/${r.id}/review`, undefined, 200, `"${r.version}"`);
    await call(reviewer, "POST", `/requests/${r.id}/permit`, { national_permit_number: `NV-LH-${n}`, valid_until: until }, 201, `"${reviewed.version}"`);
  }
}

function summary(lhr) {
  const cats = Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  const ms = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
  const failing = (cat) =>
    lhr.categories[cat].auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => `${r.id} (${lhr.audits[r.id].score})`);
  return {
    scores: cats,
    timings_ms: { fcp: ms("first-contentful-paint"), lcp: ms("largest-contentful-paint"), tbt: ms("total-blocking-time"), si: ms("speed-index") },
    cls: Number((lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)),
    below_full_marks: { accessibility: failing("accessibility"), "best-practices": failing("best-practices"), performance: failing("performance") },
    lighthouse: lhr.lighthouseVersion,
    form_factor: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod,
  };
}

async function audit(page, url, name) {
  const flags = {
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices"],
    // Keep the session cookie (the queue) and the in-page state the sign-in left.
    disableStorageReset: true,
  };
  let best = null;
  for (let run = 1; run <= RUNS; run++) {
    // A cold load every time: the HTTP cache is emptied (cookies stay).
    const cdp = await page.createCDPSession();
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Storage.clearDataForOrigin", { origin: new URL(url).origin, storageTypes: "service_workers,cache_storage" });
    await cdp.detach();
    const result = await lighthouse(url, flags, undefined, page);
    const s = summary(result.lhr);
    if (result.lhr.runtimeError) throw new Error(`${name}: ${result.lhr.runtimeError.message}`);
    if (process.env.LIGHTHOUSE_REPORT_DIR) writeFileSync(path.join(process.env.LIGHTHOUSE_REPORT_DIR, `${name.replace(/\W+/g, "-")}-${run}.json`), result.report);
    console.log(`${name} run ${run}: ${JSON.stringify(s.scores)} ${JSON.stringify(s.timings_ms)}`);
    if (!best || s.scores.performance > best.scores.performance) best = s;
    if (Object.entries(MIN).every(([k, v]) => best.scores[k] >= v)) break;
  }
  for (const [cat, min] of Object.entries(MIN)) {
    const ok = best.scores[cat] >= min;
    console.log(`${ok ? "ok  " : "FAIL"} lighthouse: ${name} ${cat} ${best.scores[cat]} (≥ ${min})`);
    if (!ok) failures.push(`${name} ${cat} ${best.scores[cat]} < ${min}: ${best.below_full_marks[cat].join(", ")}`);
  }
  if (Object.values(best.below_full_marks).some((l) => l.length)) console.log(`  below full marks: ${JSON.stringify(best.below_full_marks)}`);
  return best;
}

async function main() {
  const base = await startServer(BIN, path.join(WORK, "data"), ADMIN_PW);
  console.log(`API ${base}`);
  await setUp(base);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    userDataDir: path.join(WORK, "profile"),
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();

  await page.goto(`${base}/`, { waitUntil: "load" });
  await page.waitForSelector('[name="username"]');
  await page.type('[name="username"]', "police-lh");
  await page.type('[name="password"]', POLICE_PW);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.querySelectorAll(".permit-card").length > 0, { timeout: 15_000 });

  const result = await audit(page, `${base}/#/police`, "police queue");
  await page.goto(`${base}/#/police`, { waitUntil: "load" });
  const cards = await page
    .waitForFunction(() => document.querySelectorAll(".permit-card").length, { timeout: 15_000 })
    .then((h) => h.jsonValue())
    .catch(() => 0);
  console.log(`${cards === 10 ? "ok  " : "FAIL"} the audited queue is signed in and lists the ten permits (${cards})`);
  if (cards !== 10) failures.push(`the police queue after the audit shows ${cards} permits`);

  // Installable: Chromium's own check, once the worker controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  const cdp = await page.createCDPSession();
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  const manifest = await cdp.send("Page.getAppManifest");
  await cdp.detach();
  const installable = installabilityErrors.length === 0 && manifest.errors.length === 0;
  console.log(`${installable ? "ok  " : "FAIL"} installable: no installability error, the manifest parses (${JSON.stringify({ installabilityErrors, manifestErrors: manifest.errors })})`);
  if (!installable) failures.push(`installability: ${JSON.stringify({ installabilityErrors, manifestErrors: manifest.errors })}`);
  result.installable = installable;

  if (process.env.LIGHTHOUSE_JSON) writeFileSync(process.env.LIGHTHOUSE_JSON, `${JSON.stringify({ "police queue": result }, null, 2)}\n`);
}

try {
  await main();
} catch (e) {
  failures.push(String(e?.stack || e));
  console.error(e);
} finally {
  clearTimeout(timer);
  await cleanup();
}
if (failures.length) {
  console.error(`\nFAIL: ${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\npolice lighthouse passed");
