// The whole life of a plate-removal request, driven through the typed client against a real
// server: the administrator's first sign-in and password change; organisations and users;
// filing; review; a document request; a PDF upload; resubmission; the permit; the police
// receipt; the registration; and public tracking answering `completed`.
//
// Every step asserts its status and key fields and throws on any difference, so the process
// exits non-zero. Usage (a fresh database whose `admin` has BOOTSTRAP_ADMIN_PASSWORD):
//
//   PLATE_PERMITS_URL=http://127.0.0.1:8080 ADMIN_PASSWORD=... npm run lifecycle

import { createHash, randomUUID } from "node:crypto";
import process from "node:process";

import {
  type ApiClient,
  type Schemas,
  createApiClient,
  etagOf,
  expectNoContent,
  expectProblem,
  expectStatus,
} from "./client.js";

const baseUrl = process.env.PLATE_PERMITS_URL ?? "http://127.0.0.1:8080";
const adminPassword = requiredEnv("ADMIN_PASSWORD");

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

function equal<T>(actual: T, expected: T, what: string): void {
  check(
    actual === expected,
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

let stepNo = 0;
function step(title: string): void {
  stepNo += 1;
  console.log(`${String(stepNo).padStart(2, " ")}. ${title}`);
}

// --- Valid data -----------------------------------------------------------------------------

/** Ten digits completed with the legal-entity check digit (شناسه ملی اشخاص حقوقی). */
function legalId(firstTen: string): string {
  const weights = [29, 27, 23, 19, 17];
  const d = [...firstTen].map(Number);
  const base = (d[9] ?? 0) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    sum += (base + (d[i] ?? 0)) * (weights[i % 5] ?? 0);
  }
  const r = sum % 11;
  return firstTen + String(r === 10 ? 0 : r);
}

function randomDigits(n: number): string {
  let s = "";
  for (let i = 0; i < n; i += 1) {
    s += String(Math.floor(Math.random() * 10));
  }
  return s;
}

function randomInt(from: number, to: number): number {
  return from + Math.floor(Math.random() * (to - from + 1));
}

const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

function randomVin(): string {
  let vin = "";
  for (let i = 0; i < 17; i += 1) {
    vin += VIN_CHARS.charAt(Math.floor(Math.random() * VIN_CHARS.length));
  }
  return vin;
}

/** The same text with Persian digits, as people type plates. */
function persianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** A minimal, valid PDF: a catalog, an empty page tree, a cross-reference table, a trailer. */
function minimalPdf(): Uint8Array<ArrayBuffer> {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [] /Count 0 >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

// --- Signing in -----------------------------------------------------------------------------

function client(): ApiClient {
  // English problems keep CI logs readable; integrators' front ends leave the Persian default.
  return createApiClient({ baseUrl, language: "en" });
}

async function signIn(api: ApiClient, username: string, password: string) {
  const login = expectStatus(
    await api.POST("/api/v1/auth/login", { body: { username, password } }),
    200,
  );
  equal(login.token_type, "Bearer", "token_type");
  equal(login.user.username, username, "signed-in username");
  api.session.token = login.access_token;
  return login;
}

async function changePassword(api: ApiClient, current: string, next: string): Promise<void> {
  expectNoContent(
    await api.POST("/api/v1/auth/password", {
      body: { current_password: current, new_password: next },
    }),
  );
}

/** A signed-in user of `role` in `organisation`, with a password of its own. */
async function user(
  admin: ApiClient,
  role: Schemas["Role"],
  organisationId: string,
  fullName: string,
): Promise<ApiClient> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const created = expectStatus(
    await admin.POST("/api/v1/users", {
      body: { username, full_name: fullName, role, organisation_id: organisationId, password },
    }),
    201,
  );
  equal(created.role, role, "created user's role");
  equal(created.must_change_password, false, "must_change_password with a chosen password");
  const api = client();
  await signIn(api, username, password);
  return api;
}

// --- The lifecycle --------------------------------------------------------------------------

async function main(): Promise<void> {
  const anonymous = client();

  step("the service is ready");
  const ready = await anonymous.GET("/health/ready");
  equal(ready.response.status, 200, "GET /health/ready");

  step("the administrator signs in for the first time and changes the password");
  const admin = client();
  const first = await signIn(admin, "admin", adminPassword);
  equal(first.user.role, "admin", "admin's role");
  const newAdminPassword = `admin-${randomUUID()}`;
  await changePassword(admin, adminPassword, newAdminPassword);
  const stale = await anonymous.POST("/api/v1/auth/login", {
    body: { username: "admin", password: adminPassword },
  });
  expectProblem(stale, 401, "invalid_credentials");
  const again = await signIn(admin, "admin", newAdminPassword);
  equal(again.must_change_password, false, "admin's must_change_password after the change");
  const directorateOrg = again.user.organisation_id;

  step("the administrator creates an agency and a police organisation");
  const orgs = expectStatus(await admin.GET("/api/v1/organisations"), 200);
  const home = orgs.items.find((o) => o.id === directorateOrg);
  check(home !== undefined, "the admin's organisation is listed");
  equal(home.kind, "directorate", "the admin's organisation kind");
  const agencyOrg = expectStatus(
    await admin.POST("/api/v1/organisations", {
      body: {
        name: "شهرداری آزمون",
        kind: "agency",
        national_id: legalId(`1${randomDigits(9)}`),
      },
    }),
    201,
  );
  equal(agencyOrg.kind, "agency", "agency organisation kind");
  const policeOrg = expectStatus(
    await admin.POST("/api/v1/organisations", {
      body: {
        name: "پلیس راهور آزمون",
        kind: "police",
        national_id: legalId(`1${randomDigits(9)}`),
      },
    }),
    201,
  );
  equal(policeOrg.kind, "police", "police organisation kind");
  const badId = await admin.POST("/api/v1/organisations", {
    body: { name: "شناسه نادرست", kind: "agency", national_id: "10380284792" },
  });
  const badIdProblem = expectProblem(badId, 422, "validation_failed");
  check(
    badIdProblem.errors.some((e) => e.field === "national_id"),
    "a wrong legal-id check digit names national_id",
  );

  step("the administrator creates users; the agency user must change a temporary password");
  const agencyUsername = `agency-${randomUUID().slice(0, 8)}`;
  const agencyCreated = expectStatus(
    await admin.POST("/api/v1/users", {
      body: {
        username: agencyUsername,
        full_name: "مریم کریمی",
        role: "agency",
        organisation_id: agencyOrg.id,
        mobile: "09121234567",
      },
    }),
    201,
  );
  equal(agencyCreated.must_change_password, true, "must_change_password without a password");
  const temporary = agencyCreated.temporary_password;
  check(typeof temporary === "string" && temporary.length > 0, "a temporary password");
  const agency = client();
  const agencyLogin = await signIn(agency, agencyUsername, temporary);
  equal(agencyLogin.must_change_password, true, "agency must_change_password at first sign-in");
  expectProblem(await agency.GET("/api/v1/requests"), 403, "password_change_required");
  const agencyPassword = `agency-${randomUUID()}`;
  await changePassword(agency, temporary, agencyPassword);
  await signIn(agency, agencyUsername, agencyPassword);
  const me = expectStatus(await agency.GET("/api/v1/me"), 200);
  equal(me.must_change_password, false, "agency must_change_password after the change");
  equal(me.organisation_id, agencyOrg.id, "agency user's organisation");

  const directorate = await user(admin, "directorate", directorateOrg, "علی رضایی");
  const police = await user(admin, "police", policeOrg.id, "سرهنگ احمدی");
  const registry = await user(admin, "registry", directorateOrg, "سامانه جامع خودرو");

  step("the agency files a request (Idempotency-Key; a retry replays it)");
  const first2 = randomInt(10, 99);
  const serial = randomInt(100, 999);
  const region = randomInt(10, 99);
  const vin = randomVin();
  const body: Schemas["CreateRequest"] = {
    vehicle: {
      plate: persianDigits(`${first2} الف ${serial} ایران ${region}`),
      vin,
      engine_number: "124K0123456",
      make: "ایران خودرو",
      model: "سمند LX",
      year: 1391,
      vehicle_type: "passenger_car",
    },
    reason: "auction_sale",
    letter: { number: "۱۲۳/۴۵۶", date: "1403/08/15" },
    contact: { name: "رضا احمدی", mobile: "۰۹۱۴۱۲۳۴۵۶۷" },
    description: "خودروی فرسوده",
  };
  const idempotencyKey = randomUUID();
  const filing = await agency.POST("/api/v1/requests", {
    body,
    params: { header: { "Idempotency-Key": idempotencyKey } },
  });
  const filed = expectStatus(filing, 201);
  equal(filed.status, "submitted", "status after filing");
  equal(filed.vehicle.plate, `${first2}الف${serial}-${region}`, "canonical plate");
  equal(filed.vehicle.vin, vin, "vin");
  check(/^[0-9]{12}$/.test(filed.tracking_code), "a 12-digit tracking code");
  equal(filing.response.headers.get("Location"), `/api/v1/requests/${filed.id}`, "Location");
  equal(etagOf(filing.response), `"${filed.version}"`, "ETag is the version");
  const replay = expectStatus(
    await agency.POST("/api/v1/requests", {
      body,
      params: { header: { "Idempotency-Key": idempotencyKey } },
    }),
    201,
  );
  equal(replay.id, filed.id, "an idempotent retry returns the same request");
  const id = filed.id;
  const trackingCode = filed.tracking_code;
  const path = { id };

  step("anyone tracks it by its tracking code");
  const tracked = expectStatus(
    await anonymous.GET("/api/v1/track/{tracking_code}", {
      params: { path: { tracking_code: persianDigits(trackingCode) } },
    }),
    200,
  );
  equal(tracked.status, "submitted", "tracked status");
  equal(tracked.kind, "request", "tracked kind");

  step("the directorate takes it for review (If-Match)");
  const read = await directorate.GET("/api/v1/requests/{id}", { params: { path } });
  const seen = expectStatus(read, 200);
  check(seen.allowed_actions.includes("review"), "review is an allowed action");
  const beforeReview = etagOf(read.response);
  const review = await directorate.POST("/api/v1/requests/{id}/review", {
    params: { path, header: { "If-Match": beforeReview } },
  });
  equal(expectStatus(review, 200).status, "under_review", "status after review");

  step("the directorate asks for a document; a stale If-Match changes nothing");
  const ask: Schemas["CreateDocumentRequest"] = {
    message: "لطفاً تصویر سند مالکیت خودرو را بارگذاری کنید.",
    items: [{ document_type: "ownership_document" }],
  };
  expectProblem(
    await directorate.POST("/api/v1/requests/{id}/document-requests", {
      body: ask,
      params: { path, header: { "If-Match": beforeReview } },
    }),
    412,
    "precondition_failed",
  );
  const askedAnswer = await directorate.POST("/api/v1/requests/{id}/document-requests", {
    body: ask,
    params: { path, header: { "If-Match": etagOf(review.response) } },
  });
  const asked = expectStatus(askedAnswer, 201);
  equal(asked.request_status, "awaiting_documents", "status after asking for documents");
  check(asked.outstanding.includes("ownership_document"), "the asked type is outstanding");

  step("the agency cannot resubmit before uploading");
  const early = await agency.POST("/api/v1/requests/{id}/resubmit", {
    body: {},
    params: { path, header: { "If-Match": etagOf(askedAnswer.response) } },
  });
  const missing = expectProblem(early, 409, "documents_missing");
  check(
    (missing.missing_document_types ?? []).includes("ownership_document"),
    "the problem names the missing document type",
  );

  step("the agency uploads the document as a PDF (multipart/form-data)");
  const pdf = minimalPdf();
  const uploaded = expectStatus(
    await agency.POST("/api/v1/requests/{id}/documents", {
      params: { path },
      body: {
        file: new Blob([pdf], { type: "application/pdf" }),
        document_type: "ownership_document",
      },
      bodySerializer(form) {
        const data = new FormData();
        data.append("file", form.file, "ownership.pdf");
        data.append("document_type", form.document_type);
        return data;
      },
    }),
    201,
  );
  equal(uploaded.document_type, "ownership_document", "uploaded document type");
  equal(uploaded.content_type, "application/pdf", "uploaded content type");
  equal(uploaded.size, pdf.byteLength, "uploaded size");
  equal(uploaded.sha256, sha256Hex(pdf), "uploaded sha256");
  const download = await directorate.GET("/api/v1/documents/{id}/content", {
    params: { path: { id: uploaded.id } },
    parseAs: "arrayBuffer",
  });
  const bytes = new Uint8Array(expectStatus(download, 200));
  equal(sha256Hex(bytes), sha256Hex(pdf), "downloaded bytes");
  equal(download.response.headers.get("X-Content-Type-Options"), "nosniff", "nosniff");

  step("the agency resubmits it");
  const current = await agency.GET("/api/v1/requests/{id}", { params: { path } });
  const resubmitted = expectStatus(
    await agency.POST("/api/v1/requests/{id}/resubmit", {
      body: { note: "سند مالکیت بارگذاری شد." },
      params: { path, header: { "If-Match": etagOf(current.response) } },
    }),
    200,
  );
  equal(resubmitted.status, "under_review", "status after resubmission");

  step("the directorate issues the permit");
  const beforePermit = await directorate.GET("/api/v1/requests/{id}", { params: { path } });
  const permit = expectStatus(
    await directorate.POST("/api/v1/requests/{id}/permit", {
      body: { national_permit_number: `NV-${randomUUID()}`, valid_until: inDays(10) },
      params: { path, header: { "If-Match": etagOf(beforePermit.response) } },
    }),
    201,
  );
  equal(permit.status, "issued", "permit status");
  equal(permit.request_id, id, "permit's request");
  equal(permit.tracking_code, trackingCode, "permit's tracking code");
  equal(
    expectStatus(await directorate.GET("/api/v1/requests/{id}", { params: { path } }), 200)
      .status,
    "permit_issued",
    "status after the permit",
  );

  step("the police find it in their queue and post the receipt");
  const queue = expectStatus(
    await police.GET("/api/v1/permits", { params: { query: { status: "issued" } } }),
    200,
  );
  check(
    queue.items.some((p) => p.id === permit.id),
    "the permit is in the police's queue",
  );
  const permitRead = await police.GET("/api/v1/permits/{id}", {
    params: { path: { id: permit.id } },
  });
  expectStatus(permitRead, 200);
  const receiptKey = randomUUID();
  const receiptBody: Schemas["PostReceipt"] = {
    outcome: "removed",
    receipt_number: `R-${randomDigits(6)}`,
    occurred_at: new Date().toISOString(),
    plates_count: 2,
    officer_name: "سرهنگ احمدی",
    unit: "راهور تهران",
  };
  const receiptAnswer = await police.POST("/api/v1/permits/{id}/receipt", {
    body: receiptBody,
    params: {
      path: { id: permit.id },
      header: { "Idempotency-Key": receiptKey, "If-Match": etagOf(permitRead.response) },
    },
  });
  const receipted = expectStatus(receiptAnswer, 201);
  equal(receipted.status, "used", "permit status after the receipt");
  equal(receipted.receipt?.outcome, "removed", "receipt outcome");
  equal(receipted.receipt?.plates_count, 2, "plates removed");
  expectProblem(
    await police.POST("/api/v1/permits/{id}/receipt", {
      body: { ...receiptBody, receipt_number: `R-${randomDigits(6)}` },
      params: {
        path: { id: permit.id },
        header: { "If-Match": etagOf(receiptAnswer.response) },
      },
    }),
    409,
    "duplicate",
  );
  equal(
    expectStatus(await directorate.GET("/api/v1/requests/{id}", { params: { path } }), 200)
      .status,
    "plate_removed",
    "status after the receipt",
  );

  step("the national vehicle system records the registration");
  const beforeRegistration = await registry.GET("/api/v1/requests/{id}", { params: { path } });
  const completed = expectStatus(
    await registry.POST("/api/v1/requests/{id}/registration", {
      body: {
        national_registration_number: `REG-${randomUUID()}`,
        registered_at: new Date().toISOString(),
      },
      params: { path, header: { "If-Match": etagOf(beforeRegistration.response) } },
    }),
    200,
  );
  equal(completed.status, "completed", "status after registration");

  step("the history has every step, oldest first");
  const history = expectStatus(
    await directorate.GET("/api/v1/requests/{id}/history", { params: { path } }),
    200,
  );
  const steps = history.items.map((e) => `${e.from ?? "(new)"} -> ${e.to}`);
  equal(
    steps.join(", "),
    [
      "(new) -> submitted",
      "submitted -> under_review",
      "under_review -> awaiting_documents",
      "awaiting_documents -> under_review",
      "under_review -> permit_issued",
      "permit_issued -> plate_removed",
      "plate_removed -> completed",
    ].join(", "),
    "history",
  );

  step("public tracking answers completed; the printed permit verifies as used");
  const done = expectStatus(
    await anonymous.GET("/api/v1/track/{tracking_code}", {
      params: { path: { tracking_code: trackingCode } },
    }),
    200,
  );
  equal(done.kind, "request", "tracked kind");
  equal(done.status, "completed", "tracked status");
  check(done.status_label_fa.length > 0, "a Persian status label");
  const verified = expectStatus(
    await anonymous.GET("/api/v1/permits/verify/{permit_number}", {
      params: { path: { permit_number: permit.permit_number } },
    }),
    200,
  );
  // The same URL serves people a page when they ask for text/html (Vary: Accept); this
  // client asks for JSON.
  if (typeof verified === "string") throw new Error("verification answered a page, not JSON");
  equal(verified.status, "used", "verified permit status");
  equal(verified.signature, "absent", "a number looked up by hand carries no signature");

  console.log(`lifecycle passed: ${trackingCode} is ${done.status} (${stepNo} steps)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
