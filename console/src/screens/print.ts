// Printing a permit: the API's print page (`GET /permits/{id}/print`, bearer-authenticated) is
// fetched and shown in a print layer. Its markup is the server's own (escaped there, no
// script); its style sheet is adopted as a constructed sheet inside a shadow root, so the
// console's strict CSP (no inline style) still holds and the two style sheets cannot mix.
import { getAccessToken, Failure, messageOf } from "../api.js";
import { h } from "../dom.js";

export async function printPermit(id: string): Promise<void> {
  const layer = h("div", { class: "print-layer", role: "dialog", "aria-modal": "true", "aria-label": "پیش‌نمایش چاپ مجوز" });
  const close = h("button", { type: "button", class: "secondary no-print", onclick: () => finish() }, "بستن");
  const print = h("button", { type: "button", class: "no-print", onclick: () => window.print() }, "چاپ");
  const host = h("div", { class: "print-host" });
  layer.append(h("div", { class: "print-bar no-print" }, print, close), host);
  const finish = (): void => {
    layer.remove();
    document.body.classList.remove("printing");
  };
  document.body.append(layer);
  document.body.classList.add("printing");
  try {
    const res = await fetch(`/api/v1/permits/${id}/print`, {
      headers: { Authorization: `Bearer ${getAccessToken() ?? ""}`, "Accept-Language": "fa" },
    });
    if (!res.ok) throw new Failure(res.status, undefined);
    // The style elements are taken out of the text before parsing: even an inert parsed
    // document would report them as CSP violations.
    const html = await res.text();
    const styles: string[] = [];
    const markup = html.replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_, css: string) => {
      styles.push(css);
      return "";
    });
    const doc = new DOMParser().parseFromString(markup, "text/html");
    const shadow = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    const css = styles.join("\n").replace(/\bbody\b/g, ":host");
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    // Only markup crosses over: the style elements were adopted above, and nothing inline
    // (script, style element or attribute) would pass the console's CSP anyway.
    for (const el of Array.from(doc.querySelectorAll("script, style, link"))) el.remove();
    for (const el of Array.from(doc.querySelectorAll("[style]"))) el.removeAttribute("style");
    const body = h("div", { class: "permit-body", dir: "rtl", lang: "fa" });
    for (const n of Array.from(doc.body.childNodes)) body.append(document.importNode(n, true));
    shadow.append(body);
    print.focus();
  } catch (e) {
    host.append(h("p", { class: "alert", role: "alert" }, messageOf(e)));
  }
}
