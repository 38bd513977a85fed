// Complaints and suggestions (شکایت و پیشنهاد): the organisation's list (`GET /complaints`,
// paged with the API's cursors), filing one (`POST /complaints`, with an `Idempotency-Key`;
// it may name a request by its tracking code) and a complaint's page with its history and the
// directorate's responses.
import { api, idempotencyKey, messageOf, ok, type Schemas } from "../api.js";
import { h, replace } from "../dom.js";
import { fa, grouped } from "../fa.js";
import { busy, field, requiredFilled, showProblem, values } from "../forms.js";
import { go } from "../main.js";
import { CATEGORIES } from "../vocab.js";

type Complaint = Schemas["Complaint"];

export async function complaintList(): Promise<Node> {
  const results = h("div", { class: "results", "aria-live": "polite" });
  const cursors: Array<string | undefined> = [undefined];
  const load = async (cursor: string | undefined): Promise<void> => {
    results.setAttribute("aria-busy", "true");
    try {
      const page = await ok(api.GET("/api/v1/complaints", { params: { query: cursor ? { limit: 25, cursor } : { limit: 25 } } }));
      replace(results, table(page.items), pager(page.next_cursor ?? undefined));
    } catch (e) {
      replace(results, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    } finally {
      results.removeAttribute("aria-busy");
    }
  };
  const pager = (next: string | undefined): Node => {
    const at = cursors.length - 1;
    return h(
      "nav",
      { class: "pager", "aria-label": "صفحه‌ها" },
      at > 0
        ? h("button", { type: "button", class: "secondary", onclick: () => { cursors.pop(); void load(cursors[cursors.length - 1]); } }, "صفحهٔ قبل")
        : null,
      h("span", null, `صفحهٔ ${fa(at + 1)}`),
      next ? h("button", { type: "button", class: "secondary", onclick: () => { cursors.push(next); void load(next); } }, "صفحهٔ بعد") : null,
    );
  };
  await load(undefined);
  return h(
    "section",
    { "aria-labelledby": "cmp-h" },
    h("div", { class: "title-row" }, h("h1", { id: "cmp-h" }, "شکایت‌ها و پیشنهادها"), h("a", { class: "button", href: "#/complaints/new" }, "ثبت شکایت یا پیشنهاد")),
    h("p", { class: "lead" }, "پاسخ نداده‌ها نخست، به ترتیب قدیمی‌ترین."),
    results,
  );
}

function table(items: Complaint[]): Node {
  if (!items.length) return h("p", { class: "empty" }, "شکایت یا پیشنهادی ثبت نشده است.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "فهرست شکایت‌ها" },
    h(
      "table",
      null,
      h("thead", null, h("tr", null, ["کد رهگیری", "موضوع", "دسته", "وضعیت", "ثبت"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        null,
        items.map((c) =>
          h(
            "tr",
            null,
            h("td", null, h("a", { href: `#/complaints/${c.id}`, "aria-label": `شکایت ${grouped(c.tracking_code)}` }, grouped(c.tracking_code))),
            h("td", null, c.subject),
            h("td", null, c.category_label_fa),
            h("td", null, h("span", { class: `status c-${c.status}` }, c.status_label_fa)),
            h("td", null, c.created_at_jalali),
          ),
        ),
      ),
    ),
  );
}

/** A new complaint; `tracking` (from a request's page) names the request it concerns. */
export function newComplaint(tracking?: string): Node {
  let key = idempotencyKey();
  const form = h(
    "form",
    { class: "card", novalidate: true, "aria-labelledby": "ncmp-h" },
    h("h1", { id: "ncmp-h" }, "ثبت شکایت یا پیشنهاد"),
    h("p", { class: "lead" }, "اداره کل به آن پاسخ می‌دهد؛ با کد رهگیری آن می‌توانید پیگیری کنید."),
    h(
      "div",
      { class: "grid" },
      field({ name: "category", label: "دسته", required: true, options: Object.entries(CATEGORIES) }),
      field({ name: "request_tracking_code", label: "کد رهگیری پرونده (اگر دربارهٔ پرونده‌ای است)", inputmode: "numeric", ltr: true, value: tracking ? grouped(tracking) : undefined }),
    ),
    field({ name: "subject", label: "موضوع", required: true }),
    field({ name: "body", label: "شرح", required: true, textarea: true }),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "ثبت"), h("a", { class: "button secondary", href: "#/complaints" }, "انصراف")),
  );
  form.addEventListener("input", () => {
    key = idempotencyKey();
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    busy(form, true);
    try {
      const created = await ok(
        api.POST("/api/v1/complaints", {
          params: { header: { "Idempotency-Key": key } },
          body: {
            category: (v.get("category") ?? "") as Schemas["Category"],
            subject: v.get("subject") ?? "",
            body: v.get("body") ?? "",
            request_tracking_code: v.get("request_tracking_code")?.replace(/\s/g, "") ?? null,
          },
        }),
      );
      go(`#/complaints/${created.id}`);
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

export async function complaintPage(id: string): Promise<Node> {
  let c: Complaint;
  try {
    c = await ok(api.GET("/api/v1/complaints/{id}", { params: { path: { id } } }));
  } catch (e) {
    return h("section", { class: "card" }, h("h1", null, "شکایت"), h("p", { class: "alert", role: "alert" }, messageOf(e)));
  }
  return h(
    "div",
    { class: "request-page" },
    h(
      "section",
      { class: "card", "aria-labelledby": "cmpd-h" },
      h(
        "div",
        { class: "title-row" },
        h("h1", { id: "cmpd-h" }, "شکایت ", h("bdi", { class: "tracking", dir: "ltr" }, grouped(c.tracking_code))),
        h("span", { class: `status c-${c.status}` }, c.status_label_fa),
      ),
      h(
        "dl",
        { class: "facts" },
        h("dt", null, "موضوع"),
        h("dd", null, c.subject),
        h("dt", null, "دسته"),
        h("dd", null, c.category_label_fa),
        h("dt", null, "ثبت"),
        h("dd", null, c.created_at_jalali),
        c.request_id ? [h("dt", null, "پرونده"), h("dd", null, h("a", { href: `#/requests/${c.request_id}` }, "نمایش پرونده"))] : null,
      ),
      h("p", { class: "body" }, c.body),
      h("p", { class: "hint" }, "با این کد رهگیری، وضعیت را در صفحهٔ پیگیری نیز می‌توانید ببینید."),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "cmph-h" },
      h("h2", { id: "cmph-h" }, "سابقه و پاسخ‌ها"),
      h(
        "ol",
        { class: "timeline" },
        (c.history ?? []).map((e) =>
          h(
            "li",
            null,
            h("time", { datetime: e.at }, e.at_jalali),
            h("strong", null, e.kind_label_fa),
            h("span", { class: "actor" }, `${e.actor.full_name} (${e.actor.role_label_fa})`),
            e.body ? h("p", { class: "note" }, e.body) : null,
          ),
        ),
      ),
    ),
  );
}
