// Real-browser test of the verification page the printed QR code opens (issue 31, points 1
// and 2). A permit is made through the API and printed in Debian's headless chromium; its QR
// code is decoded with `zbarimg` to the signed verification URL, which
//  - an independent Ed25519 implementation (Python `cryptography`, tests/browser/
//    check_signature.py) verifies against the published public keys, refusing a tampered plate,
//    date or number (and the service agrees);
//  - opened in a phone-sized browser (360 × 740 CSS px, the browser's own `Accept`) is a Persian,
//    right-to-left page under its own CSP, with no script, no horizontal scrolling, the verdict
//    in words and colour, and — read in VISUAL order, character by character from the layout's
//    client rects — the plate left to right as on the car and the permit number's groups in
//    their printed order (a control paragraph without isolation shows the method sees bidi
//    reordering); the JSON's `plate_masked` shown inside Persian text keeps the plate's order
//    too (and would not without its isolates and mark);
//  - tampered, shows the red "نامعتبر" page.
//
// Usage: node verify-page.mjs   (env: PLATE_PERMITS_BIN, CHROMIUM, WORK_DIR as print-permit.mjs;
//   SCREENSHOT_DIR, when set, receives verify-page.png)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { cleanup, cleanups, client, ifMatch, legalId, startServer, watchdog } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "Verify-page-Pa55-word";
const USER_PASSWORD = "Officer-verify-Pa55-word";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-verify-"));

cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("verify-page browser test");

const failures = [];
function check(cond, what) {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
}

const FA = (s) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);

function startApi() {
  return startServer(BIN, path.join(WORK, "data"), PASSWORD, (base) => ({ PUBLIC_BASE_URL: base }));
}

// Bootstrap admin → agency and police organisations and users → filing → review → issue.
async function makePermit(base) {
  const call = client(base);
  const login = async (username, password) =>
    (await call(null, "POST", "/auth/login", { username, password }, 200)).access_token;
  const admin = await login("admin", PASSWORD);
  const me = await call(admin, "GET", "/me", undefined, 200);
  const org = async (name, kind, national_id) =>
    (await call(admin, "POST", "/organisations", { name, kind, national_id }, 201)).id;
  const agencyOrg = await org("اداره کل راه و شهرسازی استان آزمون", "agency", legalId("1450012345"));
  const policeOrg = await org("پلیس راهور استان آزمون", "police", legalId("1460067890"));
  const user = async (username, role, organisation_id) => {
    await call(
      admin,
      "POST",
      "/users",
      { username, full_name: `کاربر ${username}`, role, organisation_id, password: USER_PASSWORD },
      201,
    );
    return login(username, USER_PASSWORD);
  };
  const agency = await user("agency-verify", "agency", agencyOrg);
  const directorate = await user("reviewer-verify", "directorate", me.organisation_id);
  const police = await user("officer-verify", "police", policeOrg);
  const filed = await call(
    agency,
    "POST",
    "/requests",
    {
      vehicle: {
        plate: "۲۴ الف ۳۶۵ ایران ۱۵",
        vin: "NAAM01CA9JK123456",
        engine_number: "124K0123456",
        make: "ایران خودرو",
        model: "سمند LX",
        year: 1391,
        vehicle_type: "passenger_car",
      },
      reason: "auction_sale",
      letter: { number: "۱۲۳/۴۵۶", date: "1403/08/15" },
      contact: { name: "رضا احمدی", mobile: "۰۹۱۴۱۲۳۴۵۶۷" },
    },
    201,
  );
  const reviewed = await call(
    directorate,
    "POST",
    `/requests/${filed.id}/review`,
    {},
    200,
    ifMatch(filed),
  );
  const validUntil = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const permit = await call(
    directorate,
    "POST",
    `/requests/${filed.id}/permit`,
    { national_permit_number: "NV-1405-778812", valid_until: validUntil },
    201,
    ifMatch(reviewed),
  );
  const revoke = async () =>
    call(
      directorate,
      "POST",
      `/permits/${permit.id}/revoke`,
      { reason_code: "issued_in_error", notes: "شمارهٔ موتور اشتباه ثبت شده بود" },
      200,
      ifMatch(await call(directorate, "GET", `/permits/${permit.id}`, undefined, 200)),
    );
  return { permit, police, revoke };
}

function decodeQr(png) {
  try {
    return execFileSync("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png], {
      encoding: "utf8",
      timeout: 30_000,
    }).trim();
  } catch (e) {
    return `zbarimg failed: ${e.status} ${e.stderr || ""}`;
  }
}


// The text of `selector`'s element as it is DRAWN, left to right: every character's client
// rect from the layout (a Range per character), lines top to bottom, within a line by x.
// This is what the eye reads on the screen, after the bidi algorithm, not the DOM order.
async function visualText(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return null;
    const glyphs = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        // Spaces and the invisible bidi controls (LRM, RLM, LRI…PDI) are not drawn.
        if (/[\s\u200e\u200f\u2066-\u2069]/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const rect = r.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        glyphs.push({ ch: n.data[i], x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, h: rect.height });
      }
    }
    glyphs.sort((a, b) => (Math.abs(a.y - b.y) > Math.min(a.h, b.h) / 2 ? a.y - b.y : a.x - b.x));
    return glyphs.map((g) => g.ch).join("");
  }, selector);
}

async function main() {
  const base = await startApi();
  console.log(`API ${base}`);
  const { permit, police, revoke } = await makePermit(base);
  const verificationUrl = `${base}/api/v1/permits/verify/${permit.permit_number}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 60_000 });
  cleanups.push(() => browser.close());

  // 1. The printed permit's QR code, decoded from a real print.
  const officer = await browser.newContext({
    locale: "fa-IR",
    extraHTTPHeaders: { Authorization: `Bearer ${police}` },
    viewport: { width: 794, height: 1123 },
    deviceScaleFactor: 2,
  });
  const printPage = await officer.newPage();
  await printPage.goto(`${base}/api/v1/permits/${permit.id}/print`);
  await printPage.emulateMedia({ media: "print" });
  const png = path.join(WORK, "permit.png");
  await printPage.screenshot({ path: png, fullPage: true });
  const signedUrl = decodeQr(png);
  check(signedUrl.startsWith(`${verificationUrl}?`), `the QR code carries the signed URL (${signedUrl})`);
  await officer.close();

  // 2. An independent Ed25519 implementation checks it (and tampered facts) against the
  // published keys.
  try {
    const out = execFileSync("python3", [path.join(here, "check_signature.py"), signedUrl, base], {
      encoding: "utf8",
      timeout: 60_000,
    });
    process.stdout.write(out.replace(/^/gm, "  py: "));
    check(true, "Python cryptography verifies the QR code's signature and refuses tampered facts");
  } catch (e) {
    process.stdout.write(String(e.stdout || "").replace(/^/gm, "  py: "));
    console.error(String(e.stderr || ""));
    check(false, "Python cryptography verifies the QR code's signature and refuses tampered facts");
  }

  // 3. The page on a phone: 360 CSS px wide, the browser's own Accept header, no token.
  const phone = await browser.newContext({
    locale: "fa-IR",
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  phone.setDefaultTimeout(30_000);
  const page = await phone.newPage();
  const consoleErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleErrors.push(m.text());
  });
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  const res = await page.goto(signedUrl);
  const h = res.headers();
  check(res.status() === 200, `verification page: status ${res.status()}`);
  check(h["content-type"] === "text/html; charset=utf-8", `Content-Type ${h["content-type"]}`);
  check(/(^|,\s*)accept(\s*,|$)/i.test(h["vary"] || ""), `Vary names Accept (${h["vary"]})`);
  check(
    /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/.test(h["content-security-policy"] || "") &&
      !/script-src|unsafe/.test(h["content-security-policy"]),
    `strict CSP: ${h["content-security-policy"]}`,
  );
  check(requested.length === 1, `the page loaded nothing else (${requested.join(", ")})`);
  check(consoleErrors.length === 0, `no CSP violation or error (${consoleErrors.join(" | ")})`);
  const dom = await page.evaluate(() => ({
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    scripts: document.scripts.length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    word: document.querySelector('[data-field="verdict_word"]').textContent,
    wordSize: parseFloat(getComputedStyle(document.querySelector('[data-field="verdict_word"]')).fontSize),
    verdictBg: getComputedStyle(document.querySelector('[data-field="verdict"]')).backgroundColor,
    signature: document.querySelector('[data-field="signature"]').dataset.signature,
    until: document.querySelector('[data-field="valid_until"]').textContent,
    plateOrder: ['[data-part="first"]', '[data-part="letter"]', '[data-part="second"]', '[data-part="region"]'].map(
      (sel) => document.querySelector(sel).getBoundingClientRect().left,
    ),
    top: ["verdict", "plate", "permit_number", "valid_until", "signature"].map(
      (f) => document.querySelector(`[data-field="${f}"]`).getBoundingClientRect().top,
    ),
    bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
  }));
  check(dom.dir === "rtl" && dom.lang === "fa" && dom.scripts === 0, `rtl, fa, no script (${JSON.stringify([dom.dir, dom.lang, dom.scripts])})`);
  check(dom.scrollWidth <= dom.innerWidth, `fits 360 px: no horizontal scroll (${dom.scrollWidth} ≤ ${dom.innerWidth})`);
  check(dom.bodyFont >= 16, `readable text size (${dom.bodyFont}px)`);
  check(dom.word === "معتبر" && dom.wordSize >= 30, `the verdict in large words: ${dom.word} at ${dom.wordSize}px`);
  check(dom.verdictBg === "rgb(10, 125, 50)", `…and in green (${dom.verdictBg})`);
  check(dom.signature === "valid", `the page says the signature matches (${dom.signature})`);
  check(
    /^(شنبه|یکشنبه|دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|جمعه) [۰-۹]+ [^ ]+ [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}$/.test(dom.until),
    `validity in Jalali with its weekday: ${dom.until}`,
  );
  check(dom.top.every((y, i) => i === 0 || dom.top[i - 1] < y), `verdict, plate, number, validity, signature top to bottom`);
  check(
    dom.plateOrder.every((x, i) => i === 0 || dom.plateOrder[i - 1] < x),
    `plate parts left to right as on the car (${dom.plateOrder.map(Math.round).join(" < ")})`,
  );

  // Visual order, character by character.
  const n = permit.permit_number;
  const numberSeen = await visualText(page, '[data-field="permit_number"]');
  check(numberSeen === FA(n), `permit number as drawn, left to right: ${numberSeen} (expected ${FA(n)})`);
  const groups = await page.evaluate(() => document.querySelector('[data-field="permit_number"]').textContent);
  check(groups === FA(`${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`), `grouped for reading: ${groups}`);
  const plateSeen = await visualText(page, '[data-field="plate"] .main');
  // "الف" is drawn right to left inside the plate's left-to-right run: its glyphs by x read ف ل ا.
  check(plateSeen === "۲۴فلا۳۶۵", `plate as drawn, left to right: ${plateSeen}`);
  const regionSeen = await visualText(page, '[data-part="region"]');
  check(regionSeen === "۱۵", `region as drawn: ${regionSeen}`);

  // Control: the same extraction on an unisolated number in right-to-left text shows the
  // reordering the page avoids (so the check above can fail).
  const control = await browser.newPage();
  await control.setContent(
    '<p dir="rtl" id="c" style="font-size:20px">شماره ۷۳۱۹ ۰۴۵۵ ۲۸۱۷ و ۲۴ الف ۳۶۵</p>',
  );
  const controlSeen = await visualText(control, "#c");
  check(
    !controlSeen.includes("۷۳۱۹۰۴۵۵۲۸۱۷") && controlSeen.includes("۲۸۱۷۰۴۵۵۷۳۱۹"),
    `control: an unisolated number's groups come out reordered (${controlSeen})`,
  );
  // The JSON's `plate_masked` (U+2066 … U+2069 around it) shown inside right-to-left text, as
  // a client would display it, keeps the plate's order; without the isolates it would not.
  const json = await (await fetch(verificationUrl, { signal: AbortSignal.timeout(10_000) })).json();
  const masked = json.plate_masked;
  check(masked.startsWith("\u2066") && masked.endsWith("\u2069"), `plate_masked is isolated (${JSON.stringify(masked)})`);
  const bare = masked.replace(/[\u200e\u2066-\u2069]/g, "");
  await control.setContent(
    `<p dir="rtl" id="iso" style="font-size:20px">پلاک: ${masked} است</p>` +
      `<p dir="rtl" id="bare" style="font-size:20px">پلاک: ${bare} است</p>`,
  );
  const expected = "24فلا***-15";
  const isoSeen = await visualText(control, "#iso");
  const bareSeen = await visualText(control, "#bare");
  check(isoSeen.includes(expected), `plate_masked in Persian text, as drawn: ${isoSeen}`);
  check(!bareSeen.includes(expected), `control: without the isolates it is reordered (${bareSeen})`);
  await control.close();

  const shot = path.join(WORK, "verify-page.png");
  await page.screenshot({ path: shot, fullPage: true });

  // 4. Tampered plate: the red page.
  const u = new URL(signedUrl);
  u.searchParams.set("p", u.searchParams.get("p").replace(/^\d\d/, (d) => (d === "11" ? "12" : "11")));
  const bad = await page.goto(u.toString());
  const tampered = await page.evaluate(() => ({
    word: document.querySelector('[data-field="verdict_word"]').textContent,
    bg: getComputedStyle(document.querySelector('[data-field="verdict"]')).backgroundColor,
    signature: document.querySelector('[data-field="signature"]').dataset.signature,
  }));
  check(
    bad.status() === 200 && tampered.word === "نامعتبر" && tampered.bg === "rgb(176, 0, 32)" && tampered.signature === "invalid",
    `a tampered plate: ${JSON.stringify(tampered)}`,
  );

  // 5. Revoked: the genuine paper now reads void.
  await revoke();
  await page.goto(signedUrl);
  const voided = await page.evaluate(() => document.querySelector('[data-field="verdict_word"]').textContent);
  check(voided === "فاقد اعتبار", `revoked: ${voided}`);

  if (process.env.SCREENSHOT_DIR) {
    copyFileSync(shot, path.join(process.env.SCREENSHOT_DIR, "verify-page.png"));
    console.log(`screenshot copied to ${process.env.SCREENSHOT_DIR}`);
  }
}

let code = 0;
try {
  await main();
  if (failures.length) {
    console.error(`\n${failures.length} verify-page check(s) failed`);
    code = 1;
  } else {
    console.log("\nverify-page browser test passed");
  }
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`);
  code = 1;
} finally {
  clearTimeout(timer);
  await cleanup();
}
process.exit(code);
