// The audit trail (`GET /audit`): filters (actor, action, subject kind and id, organisation,
// Jalali period), keyset pages, and the same filters exported as CSV (`format=csv`, up to
// 10 000 rows a file). A request's access log (`GET /requests/{id}/access-log`): who read or
// changed it, found by its tracking code.
import { api, getAccessToken, messageOf, ok, type Schemas } from "../api.js";
import { h, replace } from "../dom.js";
import { ascii, fa, grouped } from "../fa.js";
import { field, values } from "../forms.js";
import { page } from "./admin.js";

type AuditQuery = NonNullable<import("../api.js").paths["/api/v1/audit"]["get"]["parameters"]["query"]>;

const SUBJECTS: Record<Schemas["AuditSubject"], string> = {
  user: "کاربر",
  organisation: "دستگاه",
  holiday: "تعطیل",
  working_rule: "قاعدهٔ کاری",
  request: "درخواست",
  permit: "مجوز",
  document: "مدرک",
  service_account: "حساب سرویس",
  webhook: "وب‌هوک",
  sms_template: "قالب پیامک",
  permit_template: "قالب مجوز",
  notice: "اطلاعیه",
  resource: "منبع",
  vehicle_conflict: "تعارض خودرو",
};

const ACTIONS: Schemas["AuditAction"][] = [
  "login.success", "login.failure", "user.created", "user.updated", "user.password_reset", "user.password_changed",
  "organisation.created", "organisation.updated", "holiday.create", "holiday.delete", "holiday.import", "holiday.confirm",
  "working_rule.created", "working_rule.updated", "working_rule.deleted", "working_rule.closure_declared",
  "permit.issued", "permit.revoked", "permit.receipt", "permit.printed", "receipt.record_attached", "request.viewed", "request.listed",
  "document.downloaded", "service_account.created", "service_account.updated", "service_account.secret_rotated",
  "client.token_issued", "client.auth_failure", "webhook.subscribed", "webhook.unsubscribed", "webhook.secret_rotated",
  "webhook.delivery_retried", "sms_template.updated", "sms_template.restored", "permit_template.updated",
  "permit_template.restored", "access.denied", "notice.created", "notice.deleted", "vehicle_conflict.recorded", "vehicle_conflict.resolved",
];

async function downloadCsv(query: Record<string, string>): Promise<void> {
  const url = new URL("/api/v1/audit", location.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  url.searchParams.set("format", "csv");
  const headers: Record<string, string> = { "Accept-Language": "fa", Accept: "text/csv" };
  const token = getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url, { headers, credentials: "same-origin" });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const a = h("a", { href: URL.createObjectURL(await r.blob()), download: "audit.csv", hidden: true });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

export async function auditScreen(): Promise<Node> {
  const orgs = (await ok(api.GET("/api/v1/organisations", { params: { query: { limit: 200 } } }))).items;
  const results = h("div", { class: "results", "aria-live": "polite" });
  const filters = h(
    "form",
    { class: "filters", role: "search", "aria-label": "پالایش رویدادنگاری" },
    field({ name: "action", label: "رویداد", options: ACTIONS.map((a) => [a, a]) }),
    field({ name: "subject_kind", label: "نوع موضوع", options: Object.entries(SUBJECTS) }),
    field({ name: "subject", label: "شناسهٔ موضوع", ltr: true }),
    field({ name: "actor", label: "شناسهٔ کنشگر", ltr: true }),
    field({ name: "organisation_id", label: "دستگاه", options: orgs.map((o) => [o.id, o.name]) }),
    field({ name: "from", label: "از تاریخ", date: true }),
    field({ name: "to", label: "تا تاریخ", date: true }),
    h("button", { type: "submit" }, "نمایش"),
  );
  const current = (): Record<string, string> => Object.fromEntries(values(filters));
  const cursors: Array<string | undefined> = [undefined];
  const load = async (cursor: string | undefined): Promise<void> => {
    const q: AuditQuery = { ...(current() as AuditQuery), limit: 50 };
    if (cursor) q.cursor = cursor;
    results.setAttribute("aria-busy", "true");
    try {
      // The JSON answer (the CSV one is asked for by the export alone).
      const p = (await ok(api.GET("/api/v1/audit", { params: { query: q } }))) as Schemas["Paginated_AuditEntry"];
      replace(results, entries(p.items), pager(p.next_cursor ?? undefined));
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
      at > 0 ? h("button", { type: "button", class: "secondary", onclick: () => { cursors.pop(); void load(cursors[cursors.length - 1]); } }, "صفحهٔ قبل") : null,
      h("span", null, `صفحهٔ ${fa(at + 1)}`),
      next ? h("button", { type: "button", class: "secondary", onclick: () => { cursors.push(next); void load(next); } }, "صفحهٔ بعد") : null,
    );
  };
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    cursors.length = 1;
    void load(undefined);
  });
  const exportButton = h("button", { type: "button", class: "secondary", "data-export": "csv" }, "دریافت CSV با همین پالایه‌ها");
  exportButton.addEventListener("click", () => {
    exportButton.disabled = true;
    downloadCsv(current())
      .catch((e: unknown) => exportButton.after(h("span", { class: "error", role: "alert" }, messageOf(e))))
      .finally(() => (exportButton.disabled = false));
  });
  await load(undefined);
  return page(
    "#/admin/audit",
    "رویدادنگاری",
    "ورودها، تغییرات مدیریتی، صدور و ابطال مجوز، مشاهدهٔ پرونده‌ها و دریافت مدارک؛ تازه‌ترین در بالا.",
    filters,
    h("div", { class: "actions" }, exportButton, accessLogForm()),
    results,
  );
}

function entries(items: Schemas["AuditEntry"][]): Node {
  if (!items.length) return h("p", { class: "empty" }, "رویدادی با این پالایه‌ها نیست.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "رویدادها" },
    h(
      "table",
      null,
      h("thead", null, h("tr", null, ["زمان", "رویداد", "کنشگر", "نقش", "موضوع", "نشانی", "پرونده"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        null,
        items.map((a) =>
          h(
            "tr",
            null,
            h("td", null, a.at_jalali),
            h("td", null, h("code", { dir: "ltr" }, a.action)),
            h("td", null, a.actor_id ? h("bdi", { dir: "ltr", class: "id" }, a.actor_id.slice(0, 8)) : "—"),
            h("td", null, a.actor_role ?? "—"),
            h("td", null, SUBJECTS[a.subject_kind] ?? a.subject_kind, a.subject_id ? [" ", h("bdi", { dir: "ltr", class: "id" }, a.subject_id.slice(0, 8))] : null),
            h("td", null, a.client_ip ? h("bdi", { dir: "ltr" }, a.client_ip) : "—"),
            h("td", null, a.request_id ? h("a", { href: `#/admin/access-log/${a.request_id}` }, "گزارش دسترسی") : "—"),
          ),
        ),
      ),
    ),
  );
}

function accessLogForm(): HTMLElement {
  const form = h(
    "form",
    { class: "inline-form", role: "search", "aria-label": "گزارش دسترسی یک پرونده" },
    field({ name: "tracking", label: "گزارش دسترسی پرونده (کد رهگیری)", inputmode: "numeric", ltr: true }),
    h("button", { type: "submit", class: "secondary" }, "نمایش"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const code = ascii(values(form).get("tracking") ?? "").replace(/\s/g, "");
    if (!code) return;
    try {
      const p = await ok(api.GET("/api/v1/requests", { params: { query: { q: code, limit: 1 } } }));
      const r = p.items[0];
      if (r) location.hash = `#/admin/access-log/${r.id}`;
      else form.append(h("span", { class: "error", role: "alert" }, "پرونده‌ای با این کد رهگیری یافت نشد."));
    } catch (err) {
      form.append(h("span", { class: "error", role: "alert" }, messageOf(err)));
    }
  });
  return form;
}

export async function accessLogScreen(id: string): Promise<Node> {
  const [req, log] = await Promise.all([
    ok(api.GET("/api/v1/requests/{id}", { params: { path: { id } } })),
    ok(api.GET("/api/v1/requests/{id}/access-log", { params: { path: { id } } })),
  ]);
  return page(
    "#/admin/audit",
    `گزارش دسترسی پرونده ${grouped(req.tracking_code)}`,
    "هر مشاهده، دریافت مدرک و اقدام روی این پرونده، از قدیم به جدید.",
    h("p", null, h("a", { href: `#/requests/${id}` }, "صفحهٔ پرونده")),
    log.items.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "گزارش دسترسی" },
          h(
            "table",
            null,
            h("thead", null, h("tr", null, ["زمان", "منبع", "اقدام", "کنشگر", "نقش", "نشانی", "یادداشت"].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              null,
              log.items.map((x) =>
                h(
                  "tr",
                  null,
                  h("td", null, fa(x.at_jalali)),
                  h("td", null, x.source === "history" ? "گردش کار" : "رویدادنگاری"),
                  h("td", null, h("code", { dir: "ltr" }, x.action)),
                  h("td", null, x.actor_name ?? (x.actor_id ? h("bdi", { dir: "ltr", class: "id" }, x.actor_id.slice(0, 8)) : "—")),
                  h("td", null, x.actor_role ?? "—"),
                  h("td", null, x.client_ip ? h("bdi", { dir: "ltr" }, x.client_ip) : "—"),
                  h("td", null, x.note ?? "—"),
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "empty" }, "دسترسی ثبت‌شده‌ای نیست."),
  );
}
