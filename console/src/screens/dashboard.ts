// The SLA dashboard (directorate and administrators): over a chosen Jalali period, per stage
// the median and 90th percentile working days, requests overdue now by agency, the police's
// refusal and the directorate's rejection reasons, and requests filed and closed per week.
// Figures come from `GET /reports/sla` and `GET /reports/sla/weekly`; each chart has its data
// table beside it, and the same figures download as the API's CSV or workbook.
import { api, getAccessToken, messageOf, ok, type Schemas } from "../api.js";
import { barChart, num, weekChart } from "../chart.js";
import { h, replace } from "../dom.js";
import { fa } from "../fa.js";
import { field, values } from "../forms.js";
import { format, today } from "../jalali.js";
import { toJalaali } from "jalaali-js";

const STAGES: Array<[keyof Schemas["StageSet"], string]> = [
  ["decision", "بررسی و تصمیم اداره کل"],
  ["police", "اقدام پلیس راهور"],
  ["registration", "ثبت در سامانهٔ جامع خودرو"],
];

const REFUSALS: Record<string, string> = {
  unpaid_fines: "خلافی پرداخت‌نشده",
  vehicle_not_presented: "عدم حضور خودرو",
  identity_mismatch: "مغایرت مشخصات خودرو",
  judicial_seizure: "توقیف قضایی",
  other: "سایر",
};
const REJECTIONS: Record<string, string> = {
  incomplete_documents: "نقص مدارک",
  not_government_vehicle: "خودرو دولتی نیست",
  ownership_unclear: "ابهام در مالکیت",
  duplicate_request: "درخواست تکراری",
  other: "سایر",
};

/** The first day of the Jalali month `back` months before this one. */
function monthStart(back: number): string {
  const t = today();
  let m = t.jm - back;
  let y = t.jy;
  while (m < 1) (m += 12), (y -= 1);
  return format(y, m, 1);
}

/** `YYYY/MM/DD` (either digits) to the Jalali `MM/DD` of a week's start. */
function shortJalali(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return fa(iso);
  const j = toJalaali(Number(m[1]), Number(m[2]), Number(m[3]));
  return fa(`${String(j.jm).padStart(2, "0")}/${String(j.jd).padStart(2, "0")}`);
}

/** Downloads an authenticated file (the API's CSV or workbook) under its own name. */
async function download(path: string, query: Record<string, string>, fallback: string): Promise<void> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "Accept-Language": "fa" };
  const token = getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url, { headers, credentials: "same-origin" });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const name = r.headers.get("Content-Disposition")?.match(/filename="?([^";]+)"?/)?.[1] ?? fallback;
  const blob = await r.blob();
  const a = h("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

export async function dashboard(): Promise<Node> {
  const out = h("div", { class: "dash", "aria-live": "polite" });
  // The agencies (for the filter) are asked for beside the first report, not before it.
  const agencies = ok(api.GET("/api/v1/organisations", { params: { query: { kind: "agency", limit: 200 } } }));
  const form = h(
    "form",
    { class: "filters", "aria-label": "دورهٔ گزارش" },
    field({ name: "from", label: "از تاریخ", date: true, value: monthStart(2), required: true }),
    field({ name: "to", label: "تا تاریخ", date: true, value: format(today().jy, today().jm, today().jd), required: true }),
    field({ name: "organisation_id", label: "دستگاه متقاضی", options: [] }),
    h("button", { type: "submit" }, "نمایش"),
  );
  const select = form.querySelector<HTMLSelectElement>('[name="organisation_id"]');
  agencies.then(
    (page) => select?.append(...page.items.map((o: Schemas["Organisation"]) => h("option", { value: o.id }, o.name))),
    () => undefined,
  );
  const status = h("p", { class: "sr-status", role: "status" });
  const load = async (): Promise<void> => {
    const v = values(form);
    const query: Record<string, string> = {};
    const from = v.get("from");
    const to = v.get("to");
    if (from) query.from = from;
    if (to) query.to = to;
    const org = v.get("organisation_id");
    if (org) query.organisation_id = org;
    out.setAttribute("aria-busy", "true");
    replace(out, h("p", { class: "loading", role: "status" }, "در حال محاسبهٔ گزارش…"));
    try {
      const [report, weekly] = await Promise.all([
        // JSON answers (the CSV and the workbook are asked for by the downloads alone).
        ok(api.GET("/api/v1/reports/sla", { params: { query } })) as Promise<Schemas["SlaReport"]>,
        ok(api.GET("/api/v1/reports/sla/weekly", { params: { query } })) as Promise<Schemas["SlaWeekly"]>,
      ]);
      replace(out, render(report, weekly, query));
      status.textContent = `گزارش ${fa(report.from_jalali ?? "")} تا ${fa(report.to_jalali ?? "")} نمایش داده شد.`;
    } catch (e) {
      replace(out, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    } finally {
      out.removeAttribute("aria-busy");
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  await load();
  return h(
    "section",
    { "aria-labelledby": "dash-h" },
    h("h1", { id: "dash-h" }, "داشبورد سطح خدمت"),
    h("p", { class: "lead" }, "مدت هر مرحله به روز کاری، پرونده‌های دیرکرددار، دلایل رد و عدم تأیید، و جریان هفتگی درخواست‌ها در دورهٔ انتخابی (تاریخ ثبت درخواست)."),
    form,
    status,
    out,
  );
}

function render(report: Schemas["SlaReport"], weekly: Schemas["SlaWeekly"], query: Record<string, string>): Node {
  const o = report.overall;
  const stageValues = (k: "median_working_days" | "p90_working_days"): Array<number | null> =>
    STAGES.map(([s]) => o.stages[s][k] ?? null);
  const agencies = report.agencies;
  const refusals = Object.entries(REFUSALS);
  const rejections = Object.entries(REJECTIONS);
  const refusalCounts = o.refusal_reasons as Record<string, number>;
  const rejectionCounts = o.rejection_reasons as Record<string, number>;
  const downloads = h(
    "div",
    { class: "card downloads" },
    h("h2", null, "دریافت همین ارقام"),
    h(
      "div",
      { class: "actions" },
      dl("گزارش سطح خدمت (CSV)", "/api/v1/reports/sla", { ...query, format: "csv", lang: "fa" }, "sla-report.csv"),
      dl("گزارش سطح خدمت (اکسل)", "/api/v1/reports/sla", { ...query, format: "xlsx" }, "sla-report.xlsx"),
      dl("جریان هفتگی (CSV)", "/api/v1/reports/sla/weekly", { ...query, format: "csv", lang: "fa" }, "sla-weekly.csv"),
      dl("جریان هفتگی (اکسل)", "/api/v1/reports/sla/weekly", { ...query, format: "xlsx" }, "sla-weekly.xlsx"),
    ),
  );
  return h(
    "div",
    null,
    h(
      "dl",
      { class: "kpis" },
      kpi("درخواست‌های ثبت‌شده در دوره", fa(o.requests)),
      kpi("دیرکرددار در این لحظه", fa(o.overdue_now)),
      kpi("بازهٔ گزارش", `${fa(report.from_jalali ?? "—")} تا ${fa(report.to_jalali ?? "—")}`),
      kpi("زمان تهیه", report.generated_at_jalali),
    ),
    barChart({
      id: "chart-stages",
      title: "مدت هر مرحله (روز کاری)",
      summary: STAGES.map(([s, l]) => `${l}: میانه ${num(o.stages[s].median_working_days)}، صدک نود ${num(o.stages[s].p90_working_days)}`).join("؛ "),
      categories: STAGES.map(([, l]) => l),
      series: [
        { name: "میانه", values: stageValues("median_working_days"), cls: "c1" },
        { name: "صدک نودم", values: stageValues("p90_working_days"), cls: "c2" },
      ],
      unit: "روز کاری",
      extra: { name: "مهلت مقرر", values: STAGES.map(([s]) => `${fa(report.budgets[s])} روز`) },
    }),
    barChart({
      id: "chart-overdue",
      title: "پرونده‌های دیرکرددار به تفکیک دستگاه",
      summary: agencies.length ? agencies.map((a) => `${a.organisation_name}: ${fa(a.overdue_now)}`).join("؛ ") : "در این دوره پرونده‌ای ثبت نشده است.",
      categories: agencies.map((a) => a.organisation_name),
      series: [{ name: "دیرکرددار", values: agencies.map((a) => a.overdue_now), cls: "c3" }],
      unit: "پرونده",
    }),
    h(
      "div",
      { class: "chart-row" },
      barChart({
        id: "chart-refusals",
        title: "دلایل عدم تأیید فک پلاک (پلیس راهور)",
        summary: refusals.map(([k, l]) => `${l}: ${fa(refusalCounts[k] ?? 0)}`).join("؛ "),
        categories: refusals.map(([, l]) => l),
        series: [{ name: "تعداد", values: refusals.map(([k]) => refusalCounts[k] ?? 0), cls: "c2" }],
        unit: "مورد",
      }),
      barChart({
        id: "chart-rejections",
        title: "دلایل رد درخواست (اداره کل)",
        summary: rejections.map(([k, l]) => `${l}: ${fa(rejectionCounts[k] ?? 0)}`).join("؛ "),
        categories: rejections.map(([, l]) => l),
        series: [{ name: "تعداد", values: rejections.map(([k]) => rejectionCounts[k] ?? 0), cls: "c4" }],
        unit: "مورد",
      }),
    ),
    weekChart({
      id: "chart-weekly",
      title: "درخواست‌های ثبت‌شده و بسته‌شده در هر هفته",
      summary: `${fa(weekly.weeks.length)} هفته از ${fa(weekly.from_jalali)} تا ${fa(weekly.to_jalali)}؛ جمع ثبت‌شده ${fa(weekly.weeks.reduce((a, w) => a + w.filed, 0))}، جمع بسته‌شده ${fa(weekly.weeks.reduce((a, w) => a + w.closed, 0))}.`,
      categories: weekly.weeks.map((w) => `${fa(w.week_start_jalali)} تا ${fa(w.week_end_jalali)}`),
      axisLabels: weekly.weeks.map((w) => shortJalali(w.week_start)),
      series: [
        { name: "ثبت‌شده", values: weekly.weeks.map((w) => w.filed), cls: "c1" },
        { name: "بسته‌شده", values: weekly.weeks.map((w) => w.closed), cls: "c3" },
      ],
      unit: "درخواست",
    }),
    downloads,
  );
}

function kpi(label: string, value: string): Node {
  return h("div", null, h("dt", null, label), h("dd", null, value));
}

function dl(text: string, path: string, query: Record<string, string>, name: string): HTMLElement {
  const b = h("button", { type: "button", class: "secondary", "data-download": name }, text);
  b.addEventListener("click", () => {
    b.disabled = true;
    download(path, query, name)
      .catch((e: unknown) => b.after(h("span", { class: "error", role: "alert" }, messageOf(e))))
      .finally(() => (b.disabled = false));
  });
  return b;
}
