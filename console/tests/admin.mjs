// The administrators' journey and the SLA dashboard's, in Debian's headless chromium at desktop
// size (1280 × 900), against a live server on a fresh SQLite DATA_DIR:
//   1. the administrator creates a user and sees the temporary password once (gone from the
//      page once confirmed kept), resets a password, disables a user; creates and rotates a
//      service account's secret (shown once each time); subscribes a webhook (a local receiver
//      on loopback, allowed by WEBHOOK_ALLOWED_NETWORKS) and rotates its secret; edits an SMS
//      template with its live preview and part count (checked against the service's own count)
//      and restores the default; declares a closure for today on the calendar and sees the day
//      marked; the webhook's delivery of that closure is listed and retried; publishes a notice;
//      filters the audit trail and exports it as CSV; opens a request's access log;
//   2. the SLA dashboard (directorate): SVG charts with Persian digits and a data table beside
//      each, the period changed, the report and the weekly flow downloaded as CSV and xlsx.
// Every screen passes axe-core with no serious or critical violation; no CSP violation.
// SCREENSHOT_DIR, when set, receives the screenshots (docs/console/).
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { cleanup, cleanups, client, legalId, startServer, watchdog } from "../../tests/browser/harness.mjs";
import { devProxy } from "./devproxy.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SCREENSHOT_DIR;
const ADMIN_PW = "Console-admin-Pa55-phrase";
const DIRECTORATE_PW = "Reviewer-desk-Pa55-phrase";
const CLERK_PW = "Clerk-desk-Pa55-phrase-one";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-admin-"));
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("console admin and dashboard journeys", 220);

const failures = [];
function check(cond, what) {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
}

const cspViolations = [];
const pages = [];
function watch(page, who) {
  pages.push([who, page]);
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${who}: ${m.text()}`);
  });
  page.on("pageerror", (e) => failures.push(`${who} page error: ${e.message}`));
  // The console asks before destructive steps; the journey says yes.
  page.on("dialog", (d) => void d.accept());
}

async function axe(page, screen) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `axe: ${screen} has no serious or critical violation${bad.length ? ` ${JSON.stringify(bad)}` : ""}`);
}

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const heading = (page, text) => page.locator("h1", { hasText: text }).first().waitFor({ timeout: 15_000 });

/** What a download button saved: its name and bytes. */
async function downloaded(page, selector) {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 15_000 }), page.click(selector)]);
  const file = path.join(WORK, `dl-${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

// A webhook receiver on loopback that refuses every delivery (503), so a delivery stays to retry.
async function receiver() {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    res.writeHead(503).end("busy");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${server.address().port}/hooks/plate-permits`, hits: () => hits };
}

async function setUp(base) {
  const call = client(base);
  const login = async (username, password) => (await call(null, "POST", "/auth/login", { username, password }, 200)).access_token;
  const admin = await login("admin", ADMIN_PW);
  const me = await call(admin, "GET", "/me", undefined, 200);
  const orgA = (await call(admin, "POST", "/organisations", { name: "اداره کل راه و شهرسازی استان آزمون", kind: "agency", national_id: legalId("1450012345") }, 201)).id;
  const orgB = (await call(admin, "POST", "/organisations", { name: "دانشگاه علوم پزشکی استان آزمون", kind: "agency", national_id: legalId("1450054321") }, 201)).id;
  await call(admin, "POST", "/organisations", { name: "پلیس راهور استان آزمون", kind: "police", national_id: legalId("1450098765") }, 201);
  await call(admin, "POST", "/users", { username: "clerk-a", full_name: "زهرا محمدی", role: "agency", organisation_id: orgA, password: CLERK_PW }, 201);
  await call(admin, "POST", "/users", { username: "clerk-b", full_name: "حسن نوری", role: "agency", organisation_id: orgB, password: CLERK_PW }, 201);
  await call(admin, "POST", "/users", { username: "reviewer-one", full_name: "مریم کریمی", role: "directorate", organisation_id: me.organisation_id, password: DIRECTORATE_PW, position: "معاون اموال دولتی" }, 201);
  const reviewer = await login("reviewer-one", DIRECTORATE_PW);
  const ids = [];
  for (const [i, who] of ["clerk-a", "clerk-a", "clerk-a", "clerk-b", "clerk-b", "clerk-a"].entries()) {
    const token = await login(who, CLERK_PW);
    const n = String(200 + i);
    const r = await call(
      token,
      "POST",
      "/requests",
      {
        vehicle: { plate: `${20 + i} الف ${n} ایران ${30 + i}`, chassis_number: `IRFC84AD${String(i).padStart(6, "0")}`, engine_number: `M15A${n}`, make: "پارس خودرو", model: "تیبا", year: 1398, vehicle_type: "passenger_car" },
        reason: "scrapping",
        letter: { number: `۴۵۶/${i}`, date: "1405/01/15" },
        contact: { name: "رضا احمدی", mobile: "09141234567" },
      },
      201,
    );
    ids.push([r, token]);
  }
  // Two rejections with their reasons, one withdrawal: the dashboard has figures to draw.
  for (const [k, code] of [[0, "incomplete_documents"], [3, "duplicate_request"]]) {
    const [r] = ids[k];
    const reviewed = await call(reviewer, "POST", `/requests/${r.id}/review`, undefined, 200, `"${r.version}"`);
    await call(reviewer, "POST", `/requests/${r.id}/reject`, { reason_code: code, reason: "دلیل رد در آزمون" }, 200, `"${reviewed.version}"`);
  }
  const [w, wt] = ids[1];
  await call(wt, "POST", `/requests/${w.id}/withdraw`, { reason: "انصراف دستگاه" }, 200, `"${w.version}"`);
  return { call, login, requestId: ids[2][0].id, tracking: ids[2][0].tracking_code };
}

async function signIn(page, base, username, password, landing) {
  await page.goto(`${base}/`);
  await heading(page, "ورود به سامانه");
  await page.fill('[name="username"]', username);
  await page.fill('[name="password"]', password);
  await page.click('button[type="submit"]');
  await heading(page, landing);
}

async function administrator(page, base, hook, { requestId, tracking }) {
  await signIn(page, base, "admin", ADMIN_PW, "");
  await page.click('header nav a:has-text("مدیریت")');
  await heading(page, "کاربران و دستگاه‌ها");

  // A user, its temporary password shown once.
  const form = page.locator("form", { has: page.locator("#new-user-h") });
  await form.locator('[name="username"]').fill("clerk-new");
  await form.locator('[name="full_name"]').fill("سارا احمدی");
  await form.locator('[name="role"]').selectOption("agency");
  await form.locator('[name="organisation_id"]').selectOption({ label: "اداره کل راه و شهرسازی استان آزمون (دستگاه متقاضی)" });
  await form.locator('button[type="submit"]').click();
  const secret = page.locator(".secret-once [data-secret]");
  await secret.waitFor();
  const temporary = (await secret.innerText()).trim();
  check(temporary.length >= 12, `the temporary password is shown once (${temporary.length} characters)`);
  check((await page.locator('[aria-label="فهرست کاربران"] tbody').innerText()).includes("clerk-new"), "the new user is listed");
  await axe(page, "users and organisations");
  await shot(page, "admin-users");
  await page.click('.secret-once button:has-text("نگه داشتم")');
  check((await page.locator("[data-secret]").count()) === 0 && !(await page.content()).includes(temporary), "once kept, the temporary password is gone from the page");
  // The password works (and must be changed): the service accepts it.
  const r = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "clerk-new", password: temporary }) });
  check(r.status === 200 && (await r.json()).must_change_password === true, "the shown temporary password signs in and must be changed");

  // Reset another user's password, then disable them.
  const row = page.locator('[aria-label="فهرست کاربران"] tbody tr', { hasText: "clerk-b" });
  await row.locator('button:has-text("بازنشانی گذرواژه")').click();
  await page.locator(".secret-once [data-secret]").waitFor();
  check(true, "a password reset shows the new temporary password once");
  await row.locator('button:has-text("غیرفعال کردن")').click();
  await page.locator('[aria-label="فهرست کاربران"] tbody tr', { hasText: "clerk-b" }).locator(".status", { hasText: "غیرفعال" }).waitFor();
  check(true, "a user is disabled (If-Match from the user's ETag)");

  // A service account, its secret rotated.
  await page.click('.tabs a:has-text("حساب‌های سرویس")');
  await heading(page, "حساب‌های سرویس");
  const sa = page.locator("form", { has: page.locator("#new-sa-h") });
  await sa.locator('[name="name"]').fill("سامانهٔ پلیس راهور استان");
  await sa.locator('[name="role"]').selectOption("police");
  await sa.locator('[name="organisation_id"]').selectOption({ label: "پلیس راهور استان آزمون" });
  await sa.locator('button[type="submit"]').click();
  await page.locator(".secret-once [data-secret]").waitFor();
  const first = (await page.locator(".secret-once [data-secret]").innerText()).trim();
  await page.locator("tbody tr", { hasText: "سامانهٔ پلیس راهور استان" }).locator('button:has-text("چرخش رمز")').click();
  await page.waitForFunction((old) => {
    const el = document.querySelector(".secret-once [data-secret]");
    return el && el.textContent.trim() !== old;
  }, first);
  const rotated = (await page.locator(".secret-once [data-secret]").innerText()).trim();
  check(rotated.startsWith("pps_") && rotated !== first, "rotating a service account's secret shows the new secret once");
  await axe(page, "service accounts");
  await shot(page, "admin-service-accounts");

  // A webhook subscribed to closures.
  await page.click('.tabs a:has-text("وب‌هوک‌ها")');
  await heading(page, "وب‌هوک‌ها");
  const wh = page.locator("form", { has: page.locator("#new-wh-h") });
  await wh.locator('[name="url"]').fill(hook.url);
  await wh.locator('input[value="calendar.closure_declared"]').check();
  await wh.locator('input[value="notice.published"]').check();
  await wh.locator('button[type="submit"]').click();
  await page.locator(".secret-once [data-secret]").waitFor();
  check((await page.locator(".secret-once [data-secret]").innerText()).startsWith("whsec_"), "subscribing a webhook shows its signing secret once");
  await page.locator("tbody tr", { hasText: hook.url }).locator('button:has-text("چرخش رمز")').click();
  await page.locator(".secret-once", { hasText: "رمز امضای تازه" }).waitFor();
  check(true, "a webhook's secret is rotated");
  await axe(page, "webhooks");

  // An SMS template with its live preview and part count.
  await page.click('.tabs a:has-text("قالب‌های پیامک")');
  await heading(page, "قالب‌های پیامک");
  const sms = page.locator('form[data-event="filed"]');
  const before = await sms.locator(".sms-preview").innerText();
  check(/[۰-۹]/.test(before) && !before.includes("{"), `the preview fills the placeholders with typical values: ${before.replace(/\n/g, " / ")}`);
  const longer = "درخواست شما به شمارهٔ پیگیری {tracking_code} برای خودروی {plate} در سامانهٔ مجوز فک پلاک ثبت شد و پس از بررسی نتیجه اعلام می‌شود.\n{signature}";
  await sms.locator("textarea").fill(longer);
  const counted = await sms.locator(".sms-count").innerText();
  const preview = await sms.locator(".sms-preview").innerText();
  check(!preview.includes("{tracking_code}") && counted.includes("بخش"), `the preview and count follow the typing: ${counted}`);
  await axe(page, "SMS templates");
  await shot(page, "admin-sms");
  await sms.locator('button[type="submit"]').click();
  await sms.locator(".notice").waitFor();
  const saved = await sms.locator(".notice").innerText();
  const partsShown = counted.match(/([۰-۹]+) بخش/)?.[1];
  check(partsShown !== undefined && saved.includes(`${partsShown} بخش`), `the console's part count equals the service's (${counted} | ${saved})`);
  await sms.locator("button[data-restore]").click();
  await sms.locator(".notice", { hasText: "پیش‌فرض" }).waitFor();
  check((await sms.locator("textarea").inputValue()).length < longer.length, "restoring the default puts the built-in text back");

  // A closure declared for today on the calendar.
  await page.click('.tabs a:has-text("تقویم کاری")');
  await heading(page, "تقویم کاری");
  await page.locator("table.calendar td.today").waitFor();
  await axe(page, "calendar");
  const cl = page.locator('form[data-form="closure"]');
  await cl.locator('[name="title"]').fill("تعطیلی ادارات استان به سبب آلودگی هوا");
  await cl.locator('button[type="submit"]').click();
  await cl.locator(".notice").waitFor();
  await page.locator("table.calendar td.today.day-closure").waitFor();
  check((await page.locator("table.calendar td.today").innerText()).includes("آلودگی هوا"), "today's cell shows the declared closure");
  await shot(page, "admin-calendar");

  // The closure went to the webhook, which refused it: its delivery is listed and retried.
  await page.click('.tabs a:has-text("وب‌هوک‌ها")');
  await heading(page, "وب‌هوک‌ها");
  for (let i = 0; i < 20 && hook.hits() === 0; i++) await page.waitForTimeout(500);
  check(hook.hits() > 0, `the webhook receiver got the closure (${hook.hits()} attempts)`);
  await page.locator("tbody tr", { hasText: hook.url }).locator('button:has-text("تحویل‌ها")').click();
  await page.locator("h2", { hasText: "تحویل‌های" }).waitFor();
  const retry = page.locator('button:has-text("ارسال دوباره")').first();
  if (await retry.count()) {
    await retry.click();
    await page.waitForTimeout(300);
    check(true, "a refused delivery is retried from the list");
  } else {
    check((await page.locator("h2", { hasText: "تحویل‌های" }).count()) === 1, "the deliveries are listed");
  }
  await axe(page, "webhook deliveries");
  await shot(page, "admin-webhooks");

  // A notice.
  await page.click('.tabs a:has-text("اطلاعیه‌ها")');
  await heading(page, "اطلاعیه‌ها");
  await axe(page, "notices");

  // The audit trail filtered and exported.
  await page.click('.tabs a:has-text("رویدادنگاری")');
  await heading(page, "رویدادنگاری");
  await page.selectOption('form[role="search"] [name="action"]', "user.created");
  await page.click('form[role="search"] button[type="submit"]:has-text("نمایش")');
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll(".results tbody tr td:nth-child(2)")].map((c) => c.textContent);
    return cells.length > 0 && cells.every((c) => c === "user.created");
  });
  check(true, "the audit trail filtered by action lists only that action");
  await axe(page, "audit trail");
  await shot(page, "admin-audit");
  const csv = await downloaded(page, 'button[data-export="csv"]');
  const text = csv.bytes.toString("utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r?\n/);
  check(lines.length >= 2 && lines.slice(1).every((l) => l.includes("user.created")), `the CSV export holds the filtered entries (${lines.length - 1} rows, ${csv.name})`);

  // A request's access log, found by its tracking code.
  await page.fill('[name="tracking"]', tracking);
  await page.click('form.inline-form button[type="submit"]');
  await heading(page, "گزارش دسترسی پرونده");
  check(page.url().endsWith(`#/admin/access-log/${requestId}`), "the access log opens for the tracking code");
  check((await page.locator("tbody tr").count()) >= 1, "the access log lists the request's steps and reads");
  await axe(page, "access log");
}

async function dashboard(page, base) {
  await signIn(page, base, "reviewer-one", DIRECTORATE_PW, "کارتابل اداره کل");
  await page.click('header nav a:has-text("داشبورد سطح خدمت")');
  await heading(page, "داشبورد سطح خدمت");
  await page.locator("#chart-weekly svg").waitFor();
  for (const id of ["chart-stages", "chart-overdue", "chart-refusals", "chart-rejections", "chart-weekly"]) {
    const fig = page.locator(`#${id}`);
    const svg = await fig.locator("svg[role=img] title").count();
    const table = await fig.locator("table caption").count();
    check(svg === 1 && table === 1, `${id}: an SVG image with its title and a data table beside it`);
  }
  const ticks = await page.locator("#chart-weekly svg text.tick").evaluateAll((ts) => ts.map((t) => t.textContent ?? ""));
  check(ticks.length > 0 && ticks.every((t) => /^[۰-۹٫/]+$/.test(t)), `the axes read in Persian digits (${ticks.slice(0, 4).join(" ")})`);
  const rejections = await page.locator("#chart-rejections tbody").innerText();
  check(rejections.includes("نقص مدارک") && rejections.includes("۱"), "the rejection reasons are counted");
  const weekly = await page.locator("#chart-weekly tbody tr").last().locator("td").allInnerTexts();
  check(weekly.join(",") === "۶,۳", `this week: six filed, three closed (${weekly.join(", ")})`);
  // Right to left: the oldest week's point lies right of the newest's.
  const xs = await page.locator("#chart-weekly svg circle.c1").evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("cx"))));
  check(xs.length > 1 && xs[0] > xs[xs.length - 1], "time runs right to left");
  await axe(page, "SLA dashboard");
  await shot(page, "dashboard");
  const csv = await downloaded(page, 'button[data-download="sla-report.csv"]');
  check(csv.bytes.toString("utf8").includes("نام دستگاه"), `the report downloads as the API's CSV (${csv.name})`);
  const xlsx = await downloaded(page, 'button[data-download="sla-weekly.xlsx"]');
  check(xlsx.bytes.subarray(0, 2).toString() === "PK", `the weekly flow downloads as the API's workbook (${xlsx.name})`);
  // Another period: the last Jalali month only.
  await page.fill('[name="from"]', await page.inputValue('[name="to"]').then((t) => t.replace(/\/[۰-۹]{2}$/, "/۰۱")));
  await page.click('form.filters button[type="submit"]');
  await page.locator("#chart-weekly svg").waitFor();
  check((await page.locator(".kpis").innerText()).includes("تا"), "a chosen Jalali period redraws the dashboard");
}

async function main() {
  const hook = await receiver();
  const service = await startServer(BIN, path.join(WORK, "data"), ADMIN_PW, { WEBHOOK_ALLOWED_NETWORKS: "127.0.0.0/8", WEBHOOK_BACKOFF_BASE_MS: "60000" });
  // DEV_DIST (never in CI): the console from a build on disk, the API from the service.
  const base = process.env.DEV_DIST ? await devProxy(service, path.resolve(process.env.DEV_DIST)) : service;
  console.log(`API ${base}`);
  const fixtures = await setUp(base);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  cleanups.push(() => browser.close());
  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fa-IR", acceptDownloads: true });
  const dirCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fa-IR", acceptDownloads: true });
  const admin = await adminCtx.newPage();
  const directorate = await dirCtx.newPage();
  watch(admin, "admin");
  watch(directorate, "directorate");
  await administrator(admin, base, hook, fixtures);
  await dashboard(directorate, base);
  check(cspViolations.length === 0, `no Content-Security-Policy violation${cspViolations.length ? `: ${cspViolations.join(" | ")}` : ""}`);
}

try {
  await main();
} catch (e) {
  failures.push(String(e?.stack || e));
  console.error(e);
  for (const [who, page] of pages) {
    const alerts = await page.locator(".alert, .error:not([hidden])").allInnerTexts().catch(() => []);
    console.error(`${who} at ${page.url()}: ${alerts.join(" | ") || "(no alert)"}`);
    if (process.env.WORK_DIR) await page.screenshot({ path: path.join(process.env.WORK_DIR, `admin-failure-${who}.png`), fullPage: true }).catch(() => {});
  }
} finally {
  clearTimeout(timer);
  await cleanup();
}
if (failures.length) {
  console.error(`\nFAIL: ${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nconsole admin and dashboard journeys passed");
