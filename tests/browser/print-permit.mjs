// Real-browser test of the printable permit (issue 20, part 2): a permit made through the API
// (bootstrap admin → organisations and users → filing → review → issue) is opened at
// GET /api/v1/permits/{id}/print in Debian's headless chromium under the page's own
// Content-Security-Policy, printed to PDF (A4 and A5, one page each) and photographed (PNG);
// the QR code is decoded from the PNG with `zbarimg` (zbar-tools) and must be the public
// verification URL built from PUBLIC_BASE_URL, and that URL must answer 200 for this permit.
// Then the permit is revoked: the page must show the void watermark, and the same QR code's
// URL must now say `revoked`.
//
// Driver: playwright-core (pinned in package-lock.json; it drives /usr/bin/chromium and downloads
// no browser), as tests/browser/cors.mjs.
//
// Usage: node print-permit.mjs   (env: PLATE_PERMITS_BIN, default ../../target/debug/plate-permits;
//   CHROMIUM, default /usr/bin/chromium; WORK_DIR, a scratch directory; SCREENSHOT_DIR, when
//   set, receives permit-print.png and permit-print-revoked.png, e.g. docs/)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { cleanup, cleanups, client, ifMatch, legalId, startServer, watchdog } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "Print-permit-Pa55-word";
const USER_PASSWORD = "Officer-print-Pa55-word";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-print-"));

cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("print-permit browser test");

const failures = [];
function check(cond, what) {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
}

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
  const user = async (username, role, organisation_id, extra = {}) => {
    await call(
      admin,
      "POST",
      "/users",
      { username, full_name: `کاربر ${username}`, role, organisation_id, password: USER_PASSWORD, ...extra },
      201,
    );
    return login(username, USER_PASSWORD);
  };
  const agency = await user("agency-print", "agency", agencyOrg);
  // The signatory of the order: name and post printed under the body.
  const directorate = await user("reviewer-print", "directorate", me.organisation_id, {
    full_name: "مریم کریمی",
    position: "معاون اموال دولتی",
  });
  const police = await user("officer-print", "police", policeOrg);
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
        vehicle_colour: "سفید",
      },
      reason: "auction_sale",
      letter: { number: "۱۲۳/۴۵۶", date: "1403/08/15" },
      contact: { name: "رضا احمدی", mobile: "۰۹۱۴۱۲۳۴۵۶۷" },
      representative: { full_name: "علی رضایی", national_code: "۰۰۱۲۳۴۵۶۷۹" },
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

// Counts the pages of a PDF chromium wrote (its page objects are plain dictionaries).
function pdfPages(file) {
  const bytes = readFileSync(file).toString("latin1");
  return { header: bytes.slice(0, 5), pages: (bytes.match(/\/Type\s*\/Page[^s]/g) || []).length };
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

async function verify(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
}

async function main() {
  const base = await startApi();
  console.log(`API ${base}`);
  const { permit, police, revoke } = await makePermit(base);
  const printUrl = `${base}/api/v1/permits/${permit.id}/print`;
  const verificationUrl = `${base}/api/v1/permits/verify/${permit.permit_number}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 60_000 });
  cleanups.push(() => browser.close());
  // The police officer's browser: the bearer token on every request (the page itself loads
  // nothing else). A4 at 96 dpi, twice the pixels so the QR code's modules are sharp.
  const context = await browser.newContext({
    locale: "fa-IR",
    extraHTTPHeaders: { Authorization: `Bearer ${police}` },
    viewport: { width: 794, height: 1123 },
    deviceScaleFactor: 2,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleErrors.push(m.text());
  });
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));

  const res = await page.goto(printUrl);
  check(res.status() === 200, `print page: status ${res.status()}`);
  const h = res.headers();
  check(h["content-type"] === "text/html; charset=utf-8", `Content-Type ${h["content-type"]}`);
  check(
    /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/.test(h["content-security-policy"] || ""),
    `the page's own CSP: ${h["content-security-policy"]}`,
  );
  check(h["x-frame-options"] === "DENY", "X-Frame-Options stays DENY");
  check(requested.length === 1, `the page loaded nothing else (${requested.join(", ")})`);
  check(consoleErrors.length === 0, `no CSP violation or error in the console (${consoleErrors.join(" | ")})`);
  const dom = await page.evaluate(() => ({
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    plateBackground: getComputedStyle(document.querySelector(".plate.gov")).backgroundColor,
    plateText: document.querySelector('[data-field="plate"]').innerText.replace(/\s+/g, " "),
    number: document.querySelector('[data-field="permit_number"]').textContent,
    watermark: !!document.querySelector(".watermark"),
    // Left to right as on the car: band, two digits, letter, three digits, region box.
    plateOrder: ["band", '[data-part="first"]', '[data-part="letter"]', '[data-part="second"]', ".region"].map(
      (sel) => document.querySelector(sel.startsWith("[") || sel.startsWith(".") ? sel : `.${sel}`).getBoundingClientRect().left,
    ),
  }));
  check(
    dom.plateOrder.every((x, i) => i === 0 || dom.plateOrder[i - 1] < x),
    `the plate reads left to right as on the car (${dom.plateOrder.map(Math.round).join(" < ")})`,
  );
  check(dom.dir === "rtl" && dom.lang === "fa", `dir=${dom.dir} lang=${dom.lang}`);
  // The inline style applied (the CSP hash matched): the government plate is red.
  check(dom.plateBackground === "rgb(200, 16, 46)", `styles applied under the CSP (${dom.plateBackground})`);
  check(
    ["۲۴", "الف", "۳۶۵", "ایران", "۱۵"].every((p) => dom.plateText.includes(p)),
    `the plate drawn: ${dom.plateText}`,
  );
  check(
    dom.number === permit.permit_number.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]),
    `permit number in Persian digits: ${dom.number}`,
  );
  check(!dom.watermark, "a valid permit has no watermark");

  // The order (issue 31, point 5): letterhead, number/date/attachment block, addressee, body
  // with the vehicle, the reason, the letter and the representative, and the signatory. Text
  // as the reader sees it (innerText of the laid-out page).
  const order = await page.evaluate(() => ({
    text: document.body.innerText.replace(/\s+/g, " "),
    body: document.querySelector('[data-field="order_body"]').innerText.replace(/\s+/g, " "),
    // The reference block sits to the left of the letterhead (RTL page: letterhead at the right).
    refLeftOfLetterhead:
      document.querySelector('[data-field="reference"]').getBoundingClientRect().right <=
      document.querySelector('[data-field="letterhead"]').getBoundingClientRect().left,
  }));
  for (const want of [
    "جمهوری اسلامی ایران",
    "وزارت امور اقتصادی و دارایی",
    "استان آذربایجان شرقی",
    "شماره:",
    "تاریخ:",
    "پیوست:",
    "ریاست محترم پلیس راهور استان آذربایجان شرقی",
    "مریم کریمی",
    "معاون اموال دولتی",
  ]) {
    check(order.text.includes(want), `the order shows «${want}»`);
  }
  for (const want of [
    "اداره کل راه و شهرسازی استان آزمون",
    "سواری ایران خودرو سمند LX مدل ۱۳۹۱ به رنگ سفید",
    "۲۴ الف ۳۶۵ ایران ۱۵",
    "NAAM01CA9JK123456",
    "«فروش از طریق مزایده»",
    "۱۴۰۳/۰۸/۱۵",
    "علی رضایی به کد ملی ۰۰۱۲۳۴۵۶۷۹",
  ]) {
    check(order.body.includes(want), `the order's body names «${want}»`);
  }
  check(!/[{}\[\]]/.test(order.body), `no placeholder or bracket left in the body: ${order.body}`);
  check(order.refLeftOfLetterhead, "the number/date/attachment block is left of the letterhead");

  // Print: A4 and A5 PDFs of one page each; a PNG of the page as printed.
  await page.emulateMedia({ media: "print" });
  for (const format of ["A4", "A5"]) {
    const file = path.join(WORK, `permit-${format}.pdf`);
    await page.pdf({ path: file, format, printBackground: true });
    const pdf = pdfPages(file);
    check(pdf.header === "%PDF-" && pdf.pages === 1, `${format} PDF: ${pdf.header}, ${pdf.pages} page(s)`);
  }
  const png = path.join(WORK, "permit-print.png");
  await page.screenshot({ path: png, fullPage: true });
  check(statSync(png).size > 10_000, `PNG written (${statSync(png).size} bytes)`);

  const decoded = decodeQr(png);
  check(decoded.startsWith(`${verificationUrl}?`), `QR decodes to the signed verification URL (${decoded})`);
  const answer = await verify(decoded);
  check(
    answer.status === 200 && answer.body.permit_number === permit.permit_number && answer.body.status === "issued",
    `the verification URL answers for this permit: ${answer.status} ${JSON.stringify(answer.body)}`,
  );

  // The A5 layout (an A5 sheet's width at 96 dpi, print media): its smaller QR code scans too.
  await page.setViewportSize({ width: 559, height: 794 });
  const a5png = path.join(WORK, "permit-print-a5.png");
  await page.screenshot({ path: a5png, fullPage: true });
  const decodedA5 = decodeQr(a5png);
  check(decodedA5 === decoded, `A5 layout: QR decodes to the signed verification URL (${decodedA5})`);
  await page.setViewportSize({ width: 794, height: 1123 });

  // Revoked: the same page now says so, and the same QR code's answer too.
  await revoke();
  await page.emulateMedia({ media: "screen" });
  await page.goto(printUrl);
  await page.emulateMedia({ media: "print" });
  const mark = await page.evaluate(() => {
    const w = document.querySelector(".watermark");
    if (!w) return null;
    const r = w.getBoundingClientRect();
    return { text: w.textContent, width: r.width, height: r.height, banner: !!document.querySelector('[data-field="invalid"]') };
  });
  check(
    !!mark && mark.text === "باطل شده" && mark.width > 100 && mark.height > 50 && mark.banner,
    `a revoked permit shows the void watermark and banner (${JSON.stringify(mark)})`,
  );
  const revokedPng = path.join(WORK, "permit-print-revoked.png");
  await page.screenshot({ path: revokedPng, fullPage: true });
  for (const format of ["A4", "A5"]) {
    const file = path.join(WORK, `permit-revoked-${format}.pdf`);
    await page.pdf({ path: file, format, printBackground: true });
    const pages = pdfPages(file).pages;
    check(pages === 1, `revoked permit, ${format} PDF: ${pages} page(s)`);
  }
  const decodedAgain = decodeQr(revokedPng);
  check(decodedAgain === decoded, `revoked page: QR still decodes (${decodedAgain})`);
  const after = await verify(decodedAgain);
  check(after.status === 200 && after.body.status === "revoked", `verification now says revoked (${after.body.status})`);

  if (process.env.SCREENSHOT_DIR) {
    copyFileSync(png, path.join(process.env.SCREENSHOT_DIR, "permit-print.png"));
    copyFileSync(revokedPng, path.join(process.env.SCREENSHOT_DIR, "permit-print-revoked.png"));
    console.log(`screenshots copied to ${process.env.SCREENSHOT_DIR}`);
  }
}

let code = 0;
try {
  await main();
  if (failures.length) {
    console.error(`\n${failures.length} print-permit check(s) failed`);
    code = 1;
  } else {
    console.log("\nprint-permit browser test passed");
  }
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`);
  code = 1;
} finally {
  clearTimeout(timer);
  await cleanup();
}
process.exit(code);
