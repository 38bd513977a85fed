// The printed permit's offline signature, checked in the page. The QR code carries the
// verification URL `…/api/v1/permits/verify/<number>?p=<plate>&u=<valid_until>&k=<key id>&s=<sig>`
// (src/permits/signing.rs): an Ed25519 signature over `PP1|<number>|<plate>|<valid_until>`
// (UTF-8) by one of the keys published at `GET /permits/signing-keys`. The keys are kept in
// this browser (localStorage) whenever they are read, so a paper is checked with no network.
// A browser without Ed25519 in WebCrypto asks the service instead (`GET /permits/verify/…`,
// which answers the same check) when it is online.
import { api, ok, type Schemas } from "./api.js";

const KEYS = "pp.signing-keys.v1";

export interface Scanned {
  permitNumber: string;
  plate?: string;
  validUntil?: string;
  keyId?: string;
  signature?: string;
}

export type Verdict =
  | { state: "valid"; keyId: string; by: "page" | "service" }
  | { state: "invalid"; why: string }
  | { state: "absent" }
  | { state: "unchecked"; why: string };

/** What a QR code or a typed text names: the verification URL's parts, or a bare number. */
export function parseScanned(text: string): Scanned | undefined {
  const t = text.trim();
  const bare = t.replace(/[\s-]/g, "").replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  if (/^\d{12}$/.test(bare)) return { permitNumber: bare };
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return undefined;
  }
  const m = url.pathname.match(/\/permits\/verify\/(\d{12})\/?$/);
  if (!m?.[1]) return undefined;
  const q = url.searchParams;
  return {
    permitNumber: m[1],
    plate: q.get("p") ?? undefined,
    validUntil: q.get("u") ?? undefined,
    keyId: q.get("k") ?? undefined,
    signature: q.get("s") ?? undefined,
  };
}

function b64url(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(std + "=".repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

type Key = Schemas["PublicKeyView"];

function storedKeys(): Key[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEYS) ?? "null") as { keys?: Key[] } | null;
    return Array.isArray(v?.keys) ? v.keys : [];
  } catch {
    return [];
  }
}

/** Reads the published keys and keeps them for offline checks; undefined when offline. */
export async function refreshKeys(): Promise<Key[] | undefined> {
  try {
    const r = await ok(api.GET("/api/v1/permits/signing-keys"));
    localStorage.setItem(KEYS, JSON.stringify({ keys: r.keys, saved_at: new Date().toISOString() }));
    return r.keys;
  } catch {
    return undefined;
  }
}

async function webCryptoVerify(publicKey: Uint8Array<ArrayBuffer>, sig: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>): Promise<boolean | undefined> {
  try {
    const key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, sig, message);
  } catch (e) {
    // NotSupportedError: this browser has no Ed25519; a malformed key or signature is invalid.
    if (e instanceof DOMException && e.name === "NotSupportedError") return undefined;
    return false;
  }
}

/** Checks the scanned signature: in the page when it can, else by the service. */
export async function verify(s: Scanned): Promise<Verdict> {
  if (!s.keyId && !s.signature) return { state: "absent" };
  if (!s.keyId || !s.signature || !s.plate || !s.validUntil) return { state: "invalid", why: "نشانی خوانده‌شده کامل نیست." };
  let keys = storedKeys();
  if (!keys.some((k) => k.key_id === s.keyId)) keys = (await refreshKeys()) ?? keys;
  const key = keys.find((k) => k.key_id === s.keyId);
  if (!key) {
    return keys.length
      ? { state: "invalid", why: "این برگه با کلیدی امضا شده که سامانه منتشر نکرده است." }
      : { state: "unchecked", why: "کلیدهای امضا هنوز روی این دستگاه دریافت نشده است؛ یک بار با اتصال به سامانه وارد شوید." };
  }
  const pub = b64url(key.public_key);
  const sig = b64url(s.signature);
  if (!pub || !sig || sig.length !== 64) return { state: "invalid", why: "امضای برگه خوانا نیست." };
  const message = new TextEncoder().encode(`PP1|${s.permitNumber}|${s.plate}|${s.validUntil}`);
  const checked = await webCryptoVerify(pub, sig, message);
  if (checked === true) return { state: "valid", keyId: key.key_id, by: "page" };
  if (checked === false) return { state: "invalid", why: "امضا با اطلاعات برگه نمی‌خواند: برگه دستکاری شده یا نادرست خوانده شده است." };
  // No Ed25519 here: the service checks the same signature.
  try {
    const r = await ok(
      api.GET("/api/v1/permits/verify/{permit_number}", {
        params: { path: { permit_number: s.permitNumber }, query: { p: s.plate, u: s.validUntil, k: s.keyId, s: s.signature } },
        headers: { Accept: "application/json" },
      }),
    );
    if (typeof r !== "string" && r.signature === "valid") return { state: "valid", keyId: key.key_id, by: "service" };
    return { state: "invalid", why: "سامانه امضای این برگه را نپذیرفت." };
  } catch {
    return { state: "unchecked", why: "این مرورگر امضای Ed25519 را بررسی نمی‌کند و ارتباط با سامانه برقرار نیست." };
  }
}

/** A canonical plate (`12الف345-67`) as its parts, for drawing. */
export function plateParts(canonical: string): Schemas["PlateParts"] | undefined {
  const m = canonical.match(/^(\d{2})(\D+?)(\d{3})-(\d{2})$/);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  return { first: m[1], letter: m[2], second: m[3], region: m[4] } as Schemas["PlateParts"];
}
