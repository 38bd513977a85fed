// The network as the console last saw it, and the banner that says so. A call that got no
// answer at all (openapi-fetch's onError, an upload's XHR error, the browser's `offline`
// event) shows the banner; any answer from the service hides it. Nothing is ever queued for
// later: a write that fails here is shown as not sent by the screen that tried it.
import { api } from "./api.js";
import { h } from "./dom.js";

let offline = typeof navigator !== "undefined" && navigator.onLine === false;
const bar = h(
  "div",
  { class: "offline-banner", role: "status", "data-offline": "false", hidden: true },
  h("strong", null, "بدون اتصال به سامانه. "),
  "آنچه می‌بینید آخرین اطلاعات دریافت‌شده است؛ هیچ ثبتی ارسال نمی‌شود تا ارتباط برقرار شود.",
);

function draw(): void {
  bar.hidden = !offline;
  bar.dataset.offline = String(offline);
}
draw();

export function isOffline(): boolean {
  return offline;
}

export function setOffline(on: boolean): void {
  if (on === offline) return;
  offline = on;
  draw();
}

/** The one banner (the shell puts it above the header). */
export function offlineBanner(): HTMLElement {
  return bar;
}

api.use({
  onResponse() {
    setOffline(false);
    return undefined;
  },
  onError() {
    setOffline(true);
    return undefined;
  },
});
window.addEventListener("offline", () => setOffline(true));
window.addEventListener("online", () => setOffline(false));

/** Registers the service worker (console/src/sw.js) once the page has loaded. */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const go = (): void => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      /* the console works without it, only not offline */
    });
  };
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}
