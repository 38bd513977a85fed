// Signing in safely. The access token lives in this module's memory only. The refresh token
// is an HttpOnly cookie the script never sees (the API's browser mode, `token_delivery:
// "cookie"`); refresh and logout carry the `X-CSRF-Token` header copied from the readable
// `pp_csrf` cookie. A reload restores the session by a silent refresh; the access token is
// renewed a minute before it expires. A server without the browser mode answers the login
// without the cookie: the console then keeps the refresh token in memory (the session does
// not survive a reload) until the service is upgraded.
import { api, Failure, ok, setAccessToken, type Schemas, type User } from "./api.js";

type TokenAnswer = Omit<Schemas["TokenResponse"], "refresh_token"> & { refresh_token?: string };

export interface Session {
  user: User;
  mustChangePassword: boolean;
}

let current: Session | undefined;
let memoryRefresh: string | undefined;
let timer: number | undefined;
let lostHandler: (() => void) | undefined;

export function session(): Session | undefined {
  return current;
}

/** What to do when a scheduled refresh finds the session ended (revoked, expired). */
export function onRefreshFailure(handler: () => void): void {
  lostHandler = handler;
}

function csrf(): string | undefined {
  const m = document.cookie.match(/(?:^|;\s*)pp_csrf=([^;]*)/);
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
}

function adopt(t: TokenAnswer): Session {
  setAccessToken(t.access_token);
  memoryRefresh = t.refresh_token;
  current = { user: t.user, mustChangePassword: t.must_change_password };
  schedule(t.expires_in);
  return current;
}

function schedule(expiresIn: number): void {
  if (timer !== undefined) clearTimeout(timer);
  const ms = Math.max(10, expiresIn - 60) * 1000;
  timer = window.setTimeout(() => {
    refresh().catch(() => lostHandler?.());
  }, ms);
}

export async function login(username: string, password: string): Promise<Session> {
  // The browser mode; a service that does not know it yet refuses the unknown field.
  const cookieBody = { username, password, token_delivery: "cookie" } as Schemas["LoginRequest"];
  try {
    return adopt(await ok(api.POST("/api/v1/auth/login", { body: cookieBody })));
  } catch (e) {
    const unknownField =
      e instanceof Failure &&
      (e.status === 400 || e.status === 422) &&
      (e.problem?.errors ?? []).some((x) => x.field.includes("token_delivery")) ;
    const malformed = e instanceof Failure && e.problem?.code === "malformed_json";
    if (!unknownField && !malformed) throw e;
  }
  return adopt(await ok(api.POST("/api/v1/auth/login", { body: { username, password } })));
}

/** Exchanges the refresh cookie (or the in-memory refresh token) for a new access token. */
export async function refresh(): Promise<Session> {
  const token = csrf();
  let answer: TokenAnswer;
  if (memoryRefresh !== undefined) {
    answer = await ok(api.POST("/api/v1/auth/refresh", { body: { refresh_token: memoryRefresh } }));
  } else if (token !== undefined) {
    answer = await ok(
      api.POST("/api/v1/auth/refresh", {
        body: {} as Schemas["RefreshRequest"],
        headers: { "X-CSRF-Token": token },
      }),
    );
  } else {
    throw new Failure(401, undefined);
  }
  return adopt(answer);
}

/** On page load: a silent refresh when a browser session may exist. */
export async function restore(): Promise<Session | undefined> {
  if (csrf() === undefined) return undefined;
  try {
    return await refresh();
  } catch {
    return undefined;
  }
}

/** Marks the forced password change done (after `POST /auth/password`). */
export function passwordChanged(): void {
  if (current) current.mustChangePassword = false;
}

export async function logout(): Promise<void> {
  const token = csrf();
  try {
    if (memoryRefresh !== undefined) {
      await ok(api.POST("/api/v1/auth/logout", { body: { refresh_token: memoryRefresh } }));
    } else {
      await ok(
        api.POST("/api/v1/auth/logout", {
          body: {} as Schemas["LogoutRequest"],
          headers: token === undefined ? {} : { "X-CSRF-Token": token },
        }),
      );
    }
  } finally {
    forget();
  }
}

/** Drops everything this tab knows of the session. */
export function forget(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  setAccessToken(undefined);
  memoryRefresh = undefined;
  current = undefined;
}
