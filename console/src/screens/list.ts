// The agency's "my requests" and the directorate's work queue: one list over
// `GET /requests`, paged with the API's cursors. The queue is sorted by the SLA due time
// (`sort=due_at`), overdue and due-today rows highlighted.
import { api, messageOf, ok, type paths, type RequestStatus, type RequestView, type Schemas } from "../api.js";
import { h, replace } from "../dom.js";
import { fa, grouped } from "../fa.js";
import { field, values } from "../forms.js";
import { format, today } from "../jalali.js";
import { plate } from "../plate.js";
import { STATUS_LABELS } from "../vocab.js";

type Query = NonNullable<paths["/api/v1/requests"]["get"]["parameters"]["query"]>;

export async function requestList(kind: "mine" | "queue"): Promise<Node> {
  const queue = kind === "queue";
  const heading = queue ? "کارتابل اداره کل" : "درخواست‌های من";
  const results = h("div", { class: "results", "aria-live": "polite" });
  // The first page and the agencies (for the filter) are asked for at once: on a slow
  // network the queue waits for one round trip, not two.
  const firstPage = ok(api.GET("/api/v1/requests", { params: { query: { limit: 25, sort: queue ? "due_at" : "created_at" } } }));
  firstPage.catch(() => undefined);
  let organisations: Schemas["Organisation"][] = [];
  if (queue) {
    try {
      const page = await ok(api.GET("/api/v1/organisations", { params: { query: { kind: "agency", limit: 200 } } }));
      organisations = page.items;
    } catch {
      organisations = [];
    }
  }
  const filters = h(
    "form",
    { class: "filters", role: "search", "aria-label": "جست‌وجو و پالایش" },
    field({ name: "q", label: "جست‌وجو (کد رهگیری، پلاک، شماره شاسی یا شماره نامه)", type: "search" }),
    field({ name: "status", label: "وضعیت", options: Object.entries(STATUS_LABELS) }),
    queue && organisations.length
      ? field({ name: "organisation_id", label: "دستگاه متقاضی", options: organisations.map((o) => [o.id, o.name]) })
      : null,
    queue ? field({ name: "overdue", label: "مهلت", options: [["true", "فقط دیرکرد"], ["false", "بدون دیرکرد"]] }) : null,
    queue
      ? field({
          name: "sort",
          label: "ترتیب",
          required: false,
          value: "due_at",
          options: [
            ["due_at", "نزدیک‌ترین مهلت (فقط مهلت‌های در جریان)"],
            ["created_at", "تازه‌ترین ثبت (همهٔ پرونده‌ها)"],
          ],
        })
      : null,
    h("button", { type: "submit" }, "نمایش"),
  );
  const cursors: Array<string | undefined> = [undefined];
  const load = async (cursor: string | undefined, first?: typeof firstPage): Promise<void> => {
    const v = values(filters);
    const sort = v.get("sort") === "created_at" || !queue ? "created_at" : "due_at";
    const query: Query = { limit: 25, sort };
    if (cursor) query.cursor = cursor;
    const q = v.get("q");
    if (q) query.q = q;
    const st = v.get("status");
    if (st) query.status = st as RequestStatus;
    const org = v.get("organisation_id");
    if (org) query.organisation_id = org;
    const od = v.get("overdue");
    if (od) query.overdue = od === "true";
    results.setAttribute("aria-busy", "true");
    try {
      const page = await (first ?? ok(api.GET("/api/v1/requests", { params: { query } })));
      replace(results, table(page.items, queue), pager(page.next_cursor ?? undefined));
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
      next
        ? h("button", { type: "button", class: "secondary", onclick: () => { cursors.push(next); void load(next); } }, "صفحهٔ بعد")
        : null,
    );
  };
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    cursors.length = 1;
    void load(undefined);
  });
  await load(undefined, firstPage);
  return h(
    "section",
    { "aria-labelledby": "list-h" },
    h(
      "div",
      { class: "title-row" },
      h("h1", { id: "list-h" }, heading),
      queue ? null : h("a", { class: "button", href: "#/requests/new" }, "ثبت درخواست تازه"),
    ),
    queue ? h("p", { class: "lead" }, "پرونده‌هایی که مهلت آن‌ها در جریان است، به ترتیب نزدیک‌ترین مهلت.") : null,
    filters,
    results,
  );
}

function dueState(r: RequestView): "overdue" | "today" | null {
  if (r.sla.overdue) return "overdue";
  const todayJ = today();
  const t = format(todayJ.jy, todayJ.jm, todayJ.jd);
  const due = r.sla.due_date_jalali ? fa(r.sla.due_date_jalali) : null;
  return due === t ? "today" : null;
}

function table(items: RequestView[], queue: boolean): Node {
  if (!items.length) {
    return h("p", { class: "empty" }, queue ? "پرونده‌ای در کارتابل نیست." : "درخواستی یافت نشد.");
  }
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "فهرست پرونده‌ها" },
    h(
      "table",
      null,
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["کد رهگیری", "پلاک", "خودرو", "وضعیت", "مرحله", "مهلت مرحله"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        null,
        items.map((r) => {
          const due = dueState(r);
          return h(
            "tr",
            { class: due ?? null },
            h("td", null, h("a", { href: `#/requests/${r.id}`, "aria-label": `پرونده ${grouped(r.tracking_code)}` }, grouped(r.tracking_code))),
            h("td", null, plate(r.vehicle.plate_parts)),
            h("td", null, `${r.vehicle.make} ${r.vehicle.model}`),
            h("td", null, h("span", { class: `status s-${r.status}` }, r.status_label_fa)),
            h("td", null, r.sla.stage_label_fa ?? "—"),
            h(
              "td",
              null,
              r.sla.due_at_jalali ?? "—",
              due === "overdue" ? h("span", { class: "badge overdue" }, "دیرکرد") : null,
              due === "today" ? h("span", { class: "badge today" }, "مهلت امروز") : null,
            ),
          );
        }),
      ),
    ),
  );
}
