// The police on a phone, in Debian's headless chromium at 360 × 740 (playwright-core, a
// persistent profile so the app is installable), against a live server on a fresh SQLite
// DATA_DIR reached through a loopback TCP relay that the test can cut (the network cut for real,
// service worker included, besides Chromium's own offline emulation):
//   1. sign in as a police officer; the queue of permits waiting for the police; the search by
//      plate typed as officers type it (read live by GET /plates/check) and its result;
//   2. the printed permit's QR code read by the camera: Chromium's fake camera is fed a Y4M
//      video of the QR code taken from the permit's own print page. Linux Chromium has no
//      BarcodeDetector, so a stand-in with the same interface is injected in the page when the
//      browser lacks one: it grabs the video frame in the page and has zbarimg decode it (the
//      frame is real, the decoding is zbar's, the API shape is the stub's). The signature is
//      then checked in the page (WebCrypto Ed25519) and a tampered URL is refused;
//   3. the removal posted (If-Match, time defaulting to now) and the photo of the signed record
//      chosen from the camera input, resized in the page (2400 × 1800 PNG → 1600 × 1200 JPEG)
//      and uploaded;
//   4. the manual path: the permit number typed by hand, then a refusal with its reason;
//   5. Chromium's installability check (CDP Page.getInstallabilityErrors: none) with the
//      manifest and the service worker; the service worker's cache holds no /api, /docs or
//      /guide response;
//   6. the network cut (context.setOffline and the relay closed): a reload opens the shell from
//      the service worker with the last-seen queue and the offline banner; a receipt attempted
//      offline is shown as not sent, and the service indeed has none.
// Every police screen passes axe-core with no serious or critical violation and fits 360 px.
// SCREENSHOT_DIR, when set, receives the screenshots (docs/console/police-*.png).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import * as jalaali from "jalaali-js";

import { cleanup, cleanups, client, HOST, legalId, startServer, watchdog } from "../../tests/browser/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const run = promisify(execFile);
const BIN = process.env.PLATE_PERMITS_BIN || path.join(here, "../../target/debug/plate-permits");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SCREENSHOT_DIR;
const ADMIN_PW = "Police-admin-Pa55-phrase";
const DIRECTORATE_PW = "Police-reviewer-Pa55-phrase";
const CLERK_PW = "Police-clerk-Pa55-phrase-one";
const POLICE_PW = "Roadside-officer-Pa55-phrase";
const WORK = mkdtempSync(path.join(process.env.WORK_DIR || os.tmpdir(), "pp-police-"));
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VIEWPORT = { width: 360, height: 740 };

cleanups.push(() => rmSync(WORK, { recursive: true, force: true }));
const timer = watchdog("police journey", 200);

const failures = [];
let lastPage = null;
function check(cond, what) {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
}

const FA = "۰۱۲۳۴۵۶۷۸۹";
const fa = (s) => String(s).replace(/[0-9]/g, (d) => FA[Number(d)]);

function validUntil(days) {
  const j = jalaali.toJalaali(new Date(Date.now() + days * 86_400_000));
  return `${j.jy}/${String(j.jm).padStart(2, "0")}/${String(j.jd).padStart(2, "0")}`;
}

// An RGB PNG of w × h from a pixel function (the photo of the signed record).
function png(w, h, pixel) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(h * (w * 3 + 1));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(pixel(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// A loopback relay in front of the service: closing it cuts the browser's network for real
// (pages and service worker alike) while this test still reaches the service directly.
async function relay(port) {
  const sockets = new Set();
  const server = net.createServer((down) => {
    const up = net.connect(port, HOST);
    sockets.add(down);
    sockets.add(up);
    const drop = () => {
      down.destroy();
      up.destroy();
      sockets.delete(down);
      sockets.delete(up);
    };
    down.on("error", drop).on("close", drop);
    up.on("error", drop).on("close", drop);
    down.pipe(up).pipe(down);
  });
  await new Promise((r) => server.listen(0, HOST, r));
  const cut = () =>
    new Promise((r) => {
      server.close(() => r());
      for (const s of sockets) s.destroy();
    });
  cleanups.push(() => (server.listening ? cut() : undefined));
  return { base: `http://${HOST}:${server.address().port}`, cut };
}

async function axe(page, screen) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `axe: ${screen} has no serious or critical violation${bad.length ? ` ${JSON.stringify(bad)}` : ""}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= VIEWPORT.width, `${screen} fits 360 px (${wide})`);
}

async function shot(page, name) {
  if (!SHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const heading = (page, text) => page.locator("h1", { hasText: text }).first().waitFor({ timeout: 15_000 });

const PLATES = [
  { typed: "۳۸ الف ۵۲۱ ایران ۱۵", canonical: "38الف521-15" },
  { typed: "۵۶ الف ۷۱۲ ایران ۳۳", canonical: "56الف712-33" },
  { typed: "۶۳ الف ۲۱۴ ایران ۲۴", canonical: "63الف214-24" },
];

// An agency, a directorate officer, the province's traffic police with an officer, and three
// permits issued to that police organisation.
async function setUp(base) {
  const call = client(base);
  const login = async (username, password) => (await call(null, "POST", "/auth/login", { username, password }, 200)).access_token;
  const admin = await login("admin", ADMIN_PW);
  const me = await call(admin, "GET", "/me", undefined, 200);
  const agencyOrg = (await call(admin, "POST", "/organisations", { name: "اداره کل راه و شهرسازی استان آزمون", kind: "agency", national_id: legalId("1450012345") }, 201)).id;
  const policeOrg = (await call(admin, "POST", "/organisations", { name: "پلیس راهور استان آزمون", kind: "police", national_id: legalId("1450098765") }, 201)).id;
  await call(admin, "POST", "/users", { username: "police-road", full_name: "سروان احمد رضایی", role: "police", organisation_id: policeOrg, password: POLICE_PW }, 201);
  await call(admin, "POST", "/users", { username: "clerk-p", full_name: "زهرا محمدی", role: "agency", organisation_id: agencyOrg, password: CLERK_PW }, 201);
  await call(
    admin,
    "POST",
    "/users",
    { username: "reviewer-p", full_name: "مریم کریمی", role: "directorate", organisation_id: me.organisation_id, password: DIRECTORATE_PW, position: "معاون اموال دولتی" },
    201,
  );
  const clerk = await login("clerk-p", CLERK_PW);
  const reviewer = await login("reviewer-p", DIRECTORATE_PW);
  const permits = [];
  for (const [i, p] of PLATES.entries()) {
    const r = await call(
      clerk,
      "POST",
      "/requests",
      {
        vehicle: { plate: p.typed, chassis_number: `IRFC84PQ${String(i).padStart(6, "0")}`, engine_number: `M15P${i}0021`, make: "ایران خودرو", model: "سمند LX", year: 1391, vehicle_type: "passenger_car", vehicle_colour: "سفید" },
        reason: "scrapping",
        letter: { number: `۸۰۱/${i}`, date: "1405/01/15" },
        contact: { name: "رضا احمدی", mobile: "09141234567" },
      },
      201,
    );
    const reviewed = await call(reviewer, "POST", `/requests/${r.id}/review`, undefined, 200, `"${r.version}"`);
    const permit = await call(reviewer, "POST", `/requests/${r.id}/permit`, { national_permit_number: `NV-1405-77${i}001`, valid_until: validUntil(10) }, 201, `"${reviewed.version}"`);
    permits.push(permit.permit ?? permit);
  }
  const police = await login("police-road", POLICE_PW);
  const list = await call(police, "GET", "/permits?status=issued", undefined, 200);
  const byPlate = (c) => list.items.find((x) => x.vehicle.plate === c);
  return { call, login, police, permits: PLATES.map((p) => byPlate(p.canonical)) };
}

// The permit's QR code from its print page, drawn on 640 × 480 white and written as a Y4M
// video (I420) for Chromium's fake camera; also returns the URL it encodes (read by zbarimg).
async function qrVideo(base, token, permit) {
  const res = await fetch(`${base}/api/v1/permits/${permit.id}/print`, { headers: { Authorization: `Bearer ${token}` } });
  const html = await res.text();
  const svg = html.match(/class="qr"[^>]*>[\s\S]*?(<svg[\s\S]*?<\/svg>)/)?.[1];
  if (!svg) throw new Error(`no QR svg in the print page (${res.status})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  let rgba;
  try {
    const page = await browser.newPage();
    rgba = await page.evaluate(async (markup) => {
      const img = new Image();
      const url = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
      await new Promise((ok, bad) => {
        img.onload = ok;
        img.onerror = bad;
        img.src = url;
      });
      const c = document.createElement("canvas");
      c.width = 640;
      c.height = 480;
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, 640, 480);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 140, 60, 360, 360);
      const d = ctx.getImageData(0, 0, 640, 480).data;
      let s = "";
      for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));
      return btoa(s);
    }, svg);
  } finally {
    await browser.close();
  }
  const px = Buffer.from(rgba, "base64");
  const W = 640;
  const H = 480;
  const y = Buffer.alloc(W * H);
  for (let i = 0; i < W * H; i++) y[i] = Math.round(0.299 * px[i * 4] + 0.587 * px[i * 4 + 1] + 0.114 * px[i * 4 + 2]);
  const uv = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, uv, uv]);
  const file = path.join(WORK, "qr.y4m");
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F15:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  // What the code says, read from the same frame by zbar (the test's own reference).
  const pngFile = path.join(WORK, "qr-frame.png");
  writeFileSync(pngFile, png(W, H, (x, yy) => [px[(yy * W + x) * 4], px[(yy * W + x) * 4 + 1], px[(yy * W + x) * 4 + 2]]));
  const { stdout } = await run("zbarimg", ["--raw", "-q", pngFile]);
  return { file, url: stdout.trim() };
}

// A stand-in for BarcodeDetector where the browser has none (Linux): the same interface; the
// camera frame is taken in the page and decoded by zbarimg.
const DETECTOR_STUB = () => {
  if ("BarcodeDetector" in window) return;
  window.__barcodeDetectorStub = true;
  window.BarcodeDetector = class {
    static async getSupportedFormats() {
      return ["qr_code"];
    }
    constructor() {}
    async detect(source) {
      const c = document.createElement("canvas");
      c.width = source.videoWidth || source.width;
      c.height = source.videoHeight || source.height;
      if (!c.width || !c.height) return [];
      c.getContext("2d").drawImage(source, 0, 0);
      const text = await window.__zbar(c.toDataURL("image/png"));
      return text ? [{ rawValue: text, format: "qr_code", boundingBox: new DOMRectReadOnly(0, 0, 0, 0), cornerPoints: [] }] : [];
    }
  };
};

async function zbar(dataUrl) {
  const file = path.join(WORK, `frame-${Date.now()}.png`);
  writeFileSync(file, Buffer.from(dataUrl.split(",")[1], "base64"));
  try {
    const { stdout } = await run("zbarimg", ["--raw", "-q", file]);
    return stdout.trim().split("\n")[0] || "";
  } catch {
    return "";
  } finally {
    rmSync(file, { force: true });
  }
}

async function main() {
  const server = await startServer(BIN, path.join(WORK, "data"), ADMIN_PW);
  const net1 = await relay(Number(new URL(server).port));
  const base = net1.base;
  console.log(`API ${server}, browser through ${base}`);
  const { call, police, permits } = await setUp(server);
  check(permits.every(Boolean), "three permits are issued to the police organisation");
  const [p1, p2, p3] = permits;
  const qr = await qrVideo(server, police, p1);
  check(/\/permits\/verify\/\d{12}\?.*&s=/.test(qr.url), `the camera's video carries the permit's signed URL (${qr.url.slice(0, 60)}…)`);

  const ctx = await chromium.launchPersistentContext(path.join(WORK, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${qr.file}`],
    viewport: VIEWPORT,
    locale: "fa-IR",
    permissions: ["camera"],
  });
  cleanups.push(() => ctx.close());
  await ctx.exposeFunction("__zbar", zbar);
  await ctx.addInitScript(DETECTOR_STUB);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  lastPage = page;
  const csp = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));

  // 1. Sign in; the queue; the search by plate.
  await page.goto(`${base}/`);
  await heading(page, "ورود به سامانه");
  await page.fill('[name="username"]', "police-road");
  await page.fill('[name="password"]', POLICE_PW);
  await page.click('button[type="submit"]');
  await heading(page, "مجوزهای در انتظار اقدام");
  check(page.url().endsWith("#/police"), "a police officer lands on the police queue");
  await page.locator(".permit-card").first().waitFor();
  check((await page.locator(".permit-card").count()) === 3, "the queue lists the three permits waiting for the police");
  await axe(page, "police queue");
  await shot(page, "police-queue");

  // Without its region code: a search over every province, said as such under the field.
  await page.fill('[name="plate"]', "۵۶ الف ۷۱۲");
  await page.locator('.plate-reading[data-state="partial"]').waitFor({ timeout: 15_000 });
  await page.click('form.police-search button[type="submit"]');
  await page.locator("#found-h").waitFor();
  check((await page.locator("#found-h ~ .permit-cards .permit-card").count()) === 1, "a plate typed without its region finds the permit (every province)");
  await page.fill('[name="plate"]', "۵۶ الف ۷۱۲ ایران ۳۳");
  await page.locator('.plate-reading[data-state="read"]').waitFor({ timeout: 15_000 });
  check(true, "the typed plate is read live by the service (GET /plates/check)");
  await page.evaluate(() => document.getElementById("found-h")?.remove());
  await page.click('form.police-search button[type="submit"]');
  await page.locator("#found-h").waitFor();
  const found = page.locator("#found-h ~ .permit-cards .permit-card");
  check((await found.count()) === 1 && (await found.first().getAttribute("class")).includes("st-issued"), "the search by plate finds that one permit");
  await axe(page, "police search by plate");
  await shot(page, "police-search");

  // 2. The QR code by the camera; the signature checked in the page.
  await page.click('a.button:has-text("خواندن QR")');
  await heading(page, "خواندن QR مجوز");
  const stub = await page.evaluate(() => Boolean(window.__barcodeDetectorStub));
  console.log(`  BarcodeDetector: ${stub ? "absent in this chromium; the zbar-backed stand-in is used" : "the browser's own"}`);
  await page.click('button:has-text("روشن کردن دوربین")');
  await page.locator('.scan-result [data-verdict="valid"]').waitFor({ timeout: 20_000 });
  const verdict = await page.locator(".scan-result .verdict").innerText();
  check(/در همین دستگاه/.test(verdict), `the QR read by the camera: its signature is valid, checked in the page (${verdict.slice(0, 50)}…)`);
  check((await page.locator(".scan-result h2").innerText()).includes(fa(p1.permit_number.slice(0, 4))), "the scanned permit is the one printed");
  check((await page.evaluate(() => document.querySelector("video")?.srcObject ?? null)) === null, "the camera is released once the code is read");
  await axe(page, "police QR scanned");
  await shot(page, "police-scan");

  // A tampered paper (another plate in the signed URL) is refused by the same check.
  const tampered = qr.url.replace(/p=[^&]+/, `p=${encodeURIComponent("99الف999-15")}`);
  await page.fill('[name="number"]', tampered);
  await page.click('form.manual button[type="submit"]');
  await page.locator('.scan-result [data-verdict="invalid"]').waitFor({ timeout: 15_000 });
  check(true, "a QR URL whose plate was altered fails the signature check in the page");

  // 3. The removal and the photo of the signed record.
  await page.fill('[name="number"]', qr.url);
  await page.click('form.manual button[type="submit"]');
  await page.locator('.scan-result [data-verdict="valid"]').waitFor({ timeout: 15_000 });
  await page.click('.scan-result a.button:has-text("ثبت نتیجهٔ فک پلاک")');
  await heading(page, "مجوز فک پلاک");
  const form = page.locator("form.receipt-form");
  const when = await form.locator('[name="occurred_time"]').inputValue();
  check(/^\d\d:\d\d$/.test(when), `the removal time defaults to now (${when})`);
  await form.locator('[name="receipt_number"]').fill("R-9001");
  await form.locator('[name="unit"]').fill("راهور منطقهٔ ۱");
  await axe(page, "police permit and receipt form");
  await shot(page, "police-permit");
  await form.locator('button[type="submit"]').click();
  await page.locator("#rc-h").waitFor({ timeout: 15_000 });
  const afterReceipt = await call(police, "GET", `/permits/${p1.id}`, undefined, 200);
  check(afterReceipt.status === "used" && afterReceipt.receipt?.plates_count === 2, `the removal is recorded by the service (${afterReceipt.status})`);

  // A photo-like 2400 × 1800 PNG (a light gradient with sensor-like noise), a few megabytes.
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 3;
  const photo = png(2400, 1800, (x, y) => {
    const b = 200 - (x + y) / 40;
    return [b + noise(), b - 10 + noise(), b - 30 + noise()];
  });
  await page.setInputFiles("#record-photo", { name: "record.png", mimeType: "image/png", buffer: photo });
  await page.locator('.photo-preview [data-size="1600x1200"]').waitFor({ timeout: 20_000 });
  check(true, "the photo is resized in the page to 1600 × 1200 before it is sent");
  await shot(page, "police-photo");
  await page.click('form.record-form button[type="submit"]');
  await page.locator("text=عکس صورت‌جلسه در سامانه ثبت شد").waitFor({ timeout: 20_000 });
  const withRecord = await call(police, "GET", `/permits/${p1.id}`, undefined, 200);
  const record = withRecord.receipt?.removal_record;
  check(record?.content_type === "image/jpeg" && record.size < photo.length / 3, `the record stored is the resized JPEG (${record?.size} bytes from a ${photo.length}-byte PNG)`);
  await axe(page, "police receipt with photo");

  // 4. The manual path and a refusal.
  await page.goto(`${base}/#/police/scan`);
  await heading(page, "خواندن QR مجوز");
  await page.fill('[name="number"]', fa(p2.permit_number.replace(/(\d{4})(?=\d)/g, "$1 ")));
  await page.click('form.manual button[type="submit"]');
  await page.locator('.scan-result [data-verdict="absent"]').waitFor({ timeout: 15_000 });
  check(true, "a permit number typed by hand (Persian digits, grouped) finds the permit, with no signature to check");
  await axe(page, "police manual entry");
  await page.click('.scan-result a.button:has-text("ثبت نتیجهٔ فک پلاک")');
  await heading(page, "مجوز فک پلاک");
  await page.check('input[name="outcome"][value="refused"]');
  await page.fill('[name="receipt_number"]', "R-9002");
  await page.selectOption('[name="refusal_reason"]', "vehicle_not_presented");
  await axe(page, "police refusal form");
  await shot(page, "police-refusal");
  await page.click('form.receipt-form button[type="submit"]');
  await page.locator("#rc-h").waitFor({ timeout: 15_000 });
  const refused = await call(police, "GET", `/permits/${p2.id}`, undefined, 200);
  check(refused.status === "refused" && refused.receipt?.refusal_reason === "vehicle_not_presented", `the refusal is recorded with its reason (${refused.status})`);

  // 5. Installable; the worker keeps the shell only.
  await page.goto(`${base}/#/police`);
  await page.locator(".permit-card").first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  check(installabilityErrors.length === 0, `chromium finds the console installable (${JSON.stringify(installabilityErrors)})`);
  const manifest = await cdp.send("Page.getAppManifest");
  check(manifest.errors.length === 0 && manifest.url.endsWith("/manifest.webmanifest"), "the manifest parses with no error");
  await page.click(".permit-card a");
  await heading(page, "مجوز فک پلاک");
  const p3Url = page.url();
  check(p3Url.endsWith(`#/police/permits/${p3.id}`), "the one permit left is opened while online");
  await page.goto(`${base}/#/police`);
  await page.locator(".permit-card").first().waitFor();
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  check(cached.includes("/") && cached.every((u) => !/^\/(api|docs|guide|health|metrics)/.test(u)), `the worker's cache holds the shell only (${cached.length} files, none under /api, /docs, /guide)`);

  // 6. The network cut.
  await ctx.setOffline(true);
  await net1.cut();
  const reloaded = await page.reload();
  check(reloaded?.fromServiceWorker() === true, "with the network cut, the reload is answered by the service worker");
  await page.locator('.offline-banner[data-offline="true"]').waitFor({ timeout: 15_000 });
  await heading(page, "مجوزهای در انتظار اقدام");
  await page.locator(".stale").waitFor();
  check((await page.locator(".permit-card").count()) === 1, "the last-seen queue is shown offline");
  const docsOffline = await page.evaluate(() =>
    fetch("/guide/fa/").then(
      () => "answered",
      () => "failed",
    ),
  );
  check(docsOffline === "failed", "offline, /guide is not answered from the worker's cache");
  await axe(page, "police queue offline");
  await shot(page, "police-offline");
  await page.click(".permit-card a");
  await heading(page, "مجوز فک پلاک");
  await page.locator(".stale").first().waitFor();
  await page.fill('[name="receipt_number"]', "R-9003");
  await page.click('form.receipt-form button[type="submit"]');
  await page.locator('.not-sent[data-state="not-sent"]').waitFor({ timeout: 15_000 });
  check(true, "a receipt attempted offline is shown as not sent");
  await axe(page, "police receipt not sent");
  await shot(page, "police-not-sent");
  const untouched = await call(police, "GET", `/permits/${p3.id}`, undefined, 200);
  check(untouched.status === "issued" && !untouched.receipt, "and the service has no receipt for it (nothing was queued)");
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => /receipt|outbox|queue-write/i.test(k)));
  check(kept.length === 0, "nothing is kept on the phone for sending later");

  check(csp.length === 0, `no Content-Security-Policy violation${csp.length ? `: ${csp.join(" | ")}` : ""}`);
}

try {
  await main();
} catch (e) {
  failures.push(String(e?.stack || e));
  console.error(e);
  // What the page showed when it failed.
  if (lastPage) {
    console.error(`at ${lastPage.url()}: ${(await lastPage.locator("main").innerText().catch(() => "")).slice(0, 400)}`);
    if (process.env.WORK_DIR) await lastPage.screenshot({ path: path.join(process.env.WORK_DIR, "console-failure-police.png"), fullPage: true }).catch(() => {});
  }
} finally {
  clearTimeout(timer);
  await cleanup();
}
if (failures.length) {
  console.error(`\nFAIL: ${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\npolice journey passed");
