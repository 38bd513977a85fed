// What the real-browser tests share: teardown in reverse order, a whole-run watchdog, a free
// loopback port, and the service started on it (bounded wait for readiness; SIGTERM, then SIGKILL
// after 5 s, at teardown).
import { spawn } from "node:child_process";
import net from "node:net";

export const HOST = "127.0.0.1";

// Teardown steps, run last-in first-out by cleanup().
export const cleanups = [];
export async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (_) {
      /* best effort */
    }
  }
}

// Nothing may hang CI: the whole run fails after `seconds`; SIGINT/SIGTERM tear down too.
export function watchdog(name, seconds = 180) {
  const timer = setTimeout(async () => {
    console.error(`FAIL: ${name} timed out after ${seconds} s`);
    await cleanup();
    process.exit(1);
  }, seconds * 1000);
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      await cleanup();
      process.exit(1);
    });
  }
  return timer;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `bin serve` on a free loopback port with DATA_DIR `dataDir`, the bootstrap administrator's
// `password` and `env` on top; resolves to its base URL once /health/ready answers (30 s at most).
// `env` may be a function of the base URL (for settings that name it).
export async function startServer(bin, dataDir, password, env = {}) {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const extra = typeof env === "function" ? env(base) : env;
  const child = spawn(bin, ["serve"], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      LISTEN_ADDR: `${HOST}:${port}`,
      BOOTSTRAP_ADMIN_PASSWORD: password,
      LOG_FORMAT: "json",
      HTTP_WORKERS: "2",
      ...extra,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => {
    log = (log + d).slice(-8000);
  });
  cleanups.push(
    () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
        setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 5000);
      }),
  );
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return base;
    } catch (_) {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready on ${base} within 30 s:\n${log}`);
}

// A small JSON client: call(token, method, path, body, want, ifMatch) → parsed body, asserting
// the status. State changes require `If-Match` (428 without it): pass `ifMatch(resource)`.
export function client(base) {
  return async function call(token, method, path, body, want, tag) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (tag) headers["If-Match"] = tag;
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status !== want) {
      throw new Error(`${method} ${path}: ${res.status}, expected ${want}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
  };
}

// The `ETag` of a resource as last read or changed: its `version` as a strong tag.
export function ifMatch(resource) {
  return `"${resource.version}"`;
}

// An 11-digit legal-entity id (شناسه ملی) with its check digit, from ten digits
// (src/domain/legal_id.rs).
export function legalId(ten) {
  const w = [29, 27, 23, 19, 17];
  const d = [...ten].map(Number);
  const sum = d.reduce((s, x, i) => s + (d[9] + 2 + x) * w[i % 5], 0);
  return ten + String(sum % 11 === 10 ? 0 : sum % 11);
}
