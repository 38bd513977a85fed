// What a police officer's phone keeps so the queue opens with no network: the last-seen page of
// the queue (the permits as the API gave them) and who saw it, in localStorage, replaced at each
// successful read and removed at sign-out or when the session is ended. Writes are never kept
// here: a receipt is sent or shown as not sent.
import type { PermitView } from "./api.js";

const KEY = "pp.police.queue.v1";

export interface Snapshot {
  saved_at: string;
  user: { full_name: string; role_label_fa: string };
  items: PermitView[];
}

export function saveSnapshot(s: Snapshot): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    /* a full or disabled storage: the queue is then not available offline */
  }
}

export function snapshot(): Snapshot | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "null") as Snapshot | null;
    return v && Array.isArray(v.items) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Updates one permit in the snapshot (after a receipt), so the offline view is not stale. */
export function updateInSnapshot(p: PermitView): void {
  const s = snapshot();
  if (!s) return;
  s.items = s.items.map((x) => (x.id === p.id ? p : x));
  saveSnapshot(s);
}

export function forgetSnapshot(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing kept */
  }
}
