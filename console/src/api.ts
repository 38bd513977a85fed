// The one typed client of the console: every call goes through openapi-fetch typed by the
// OpenAPI document (clients/typescript/src/schema.d.ts, generated from openapi/openapi.json), so
// a contract change that breaks the console fails `tsc --strict`.
import createClient from "openapi-fetch";
import type { components, paths } from "../../clients/typescript/src/schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type User = Schemas["User"];
export type RequestView = Schemas["RequestView"];
export type PlateParts = Schemas["PlateParts"];
export type Action = Schemas["Action"];
export type RequestStatus = Schemas["RequestStatus"];
export type DocumentView = Schemas["Document"];
export type PermitView = Schemas["PermitView"];
export type { paths };

let accessToken: string | undefined;
let onSessionLost: (() => void) | undefined;

export function setAccessToken(token: string | undefined): void {
  accessToken = token;
}
export function getAccessToken(): string | undefined {
  return accessToken;
}
/** Called when a signed-in call answers 401: the session was ended elsewhere. */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

export const api = createClient<paths>({ baseUrl: location.origin, credentials: "same-origin" });
api.use({
  onRequest({ request }) {
    if (accessToken !== undefined && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${accessToken}`);
    }
    request.headers.set("Accept-Language", "fa");
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && accessToken !== undefined && !path.startsWith("/api/v1/auth/")) {
      onSessionLost?.();
    }
    return response;
  },
});

/** A failed call: the status and the service's problem document (when it sent one). */
export class Failure extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = "Failure";
  }
}

export function isProblem(body: unknown): body is Problem {
  return (
    typeof body === "object" &&
    body !== null &&
    "code" in body &&
    "detail" in body &&
    "errors" in body &&
    Array.isArray((body as { errors: unknown }).errors)
  );
}

/** The network failed (no answer at all). */
export class Offline extends Error {
  constructor() {
    super("ارتباط با سامانه برقرار نشد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید.");
    this.name = "Offline";
  }
}

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; a failure throws [`Failure`], no answer [`Offline`]. */
export async function ok<D>(call: Promise<Result<D>>): Promise<D> {
  let r: Result<D>;
  try {
    r = await call;
  } catch (e) {
    if (e instanceof TypeError) throw new Offline();
    throw e;
  }
  if (r.response.ok) return r.data as D;
  throw new Failure(r.response.status, isProblem(r.error) ? r.error : undefined);
}

/** The `If-Match` value for a resource at `version` (its ETag). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

/** A new idempotency key (one per filing attempt, kept across its retries). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** The message to show for any error thrown by a call. */
export function messageOf(e: unknown): string {
  if (e instanceof Failure) {
    if (e.status === 412) return CHANGED_ELSEWHERE;
    return e.problem?.detail ?? `خطای سامانه (کد ${e.status}).`;
  }
  if (e instanceof Offline) return e.message;
  return "خطای پیش‌بینی‌نشده‌ای رخ داد. صفحه را دوباره بارگذاری کنید.";
}

export const CHANGED_ELSEWHERE =
  "این پرونده در همین فاصله توسط شخص دیگری تغییر کرده است. آخرین وضعیت را بارگذاری کنید؛ آنچه وارد کرده‌اید حفظ می‌شود.";
