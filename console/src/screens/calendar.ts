// The working calendar: a Jalali month (Saturday first) showing holidays (`GET /holidays`),
// closures and weekends (`GET /working-rules`) and working days; a closure declared at short
// notice (`POST /closures`, today or tomorrow), undone by deleting its rule; a holiday added by
// hand; the official calendar imported (`POST /holidays/import`, all or nothing).
import { jalaaliMonthLength, toGregorian, toJalaali } from "jalaali-js";
import { api, ifMatch, messageOf, ok, type Schemas } from "../api.js";
import { h, replace } from "../dom.js";
import { ascii, fa } from "../fa.js";
import { busy, clearErrors, field, notice, requiredFilled, showProblem, values } from "../forms.js";
import { format, today } from "../jalali.js";
import { page } from "./admin.js";

const MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
const WEEKDAYS = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"];
const WEEKDAY_KEYS = ["saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday"];
const APPLIES: Array<[Schemas["AppliesTo"], string]> = [
  ["all", "همه"],
  ["directorate", "اداره کل"],
  ["agencies", "دستگاه‌های متقاضی"],
  ["police", "پلیس راهور"],
];

const pad = (n: number): string => String(n).padStart(2, "0");
const isoOf = (jy: number, jm: number, jd: number): string => {
  const g = toGregorian(jy, jm, jd);
  return `${g.gy}-${pad(g.gm)}-${pad(g.gd)}`;
};

const inForce = (r: Schemas["WorkingRule"], iso: string): boolean =>
  r.effective_from <= iso && (r.effective_to === null || r.effective_to === undefined || iso <= r.effective_to);

/** The weekend on `iso`: the latest weekend rule in force, else the service's default (Friday). */
function weekendOn(rules: Schemas["WorkingRule"][], iso: string): string[] {
  const rule = rules
    .filter((r) => r.kind === "weekend" && inForce(r, iso))
    .sort((a, b) => (a.effective_from === b.effective_from ? b.created_at.localeCompare(a.created_at) : b.effective_from.localeCompare(a.effective_from)))[0];
  return rule?.weekdays ?? ["friday"];
}

export async function calendarScreen(): Promise<Node> {
  const t = today();
  let view = { jy: t.jy, jm: t.jm };
  const month = h("div", { class: "month", "aria-live": "polite" });
  const closures = h("div");
  const draw = async (): Promise<void> => {
    const { jy, jm } = view;
    const len = jalaaliMonthLength(jy, jm);
    month.setAttribute("aria-busy", "true");
    try {
      const [holidays, rules] = await Promise.all([
        ok(api.GET("/api/v1/holidays", { params: { query: { from: `${jy}/${pad(jm)}/01`, to: `${jy}/${pad(jm)}/${pad(len)}`, limit: 200 } } })),
        ok(api.GET("/api/v1/working-rules", { params: { query: { limit: 200 } } })),
      ]);
      replace(month, grid(jy, jm, holidays.items, rules.items));
      const first = isoOf(jy, jm, 1);
      const last = isoOf(jy, jm, len);
      const mine = rules.items.filter((r) => r.kind === "closure" && r.effective_from <= last && (r.effective_to ?? r.effective_from) >= first);
      replace(closures, closureList(mine, draw));
    } catch (e) {
      replace(month, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    } finally {
      month.removeAttribute("aria-busy");
    }
  };
  const move = (delta: number): void => {
    let m = view.jm + delta;
    let y = view.jy;
    if (m < 1) (m = 12), (y -= 1);
    if (m > 12) (m = 1), (y += 1);
    view = { jy: y, jm: m };
    caption.textContent = `${MONTHS[m - 1]} ${fa(y)}`;
    void draw();
  };
  const caption = h("strong", { class: "month-name" }, `${MONTHS[view.jm - 1]} ${fa(view.jy)}`);
  const head = h(
    "div",
    { class: "month-head" },
    h("button", { type: "button", class: "secondary", onclick: () => move(-1) }, "ماه قبل"),
    caption,
    h("button", { type: "button", class: "secondary", onclick: () => move(1) }, "ماه بعد"),
  );
  await draw();
  return page(
    "#/admin/calendar",
    "تقویم کاری",
    "روزهای کاری، تعطیلات رسمی، تعطیلی‌های اعلام‌شده و تعطیلی آخر هفته؛ مهلت‌های در جریان با هر تغییر همان لحظه دوباره محاسبه می‌شوند.",
    h("div", { class: "card" }, head, legend(), month),
    h("div", { class: "columns" }, closureForm(draw), h("div", null, closures, holidayForm(draw))),
    importForm(draw),
  );
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend cal-legend" },
    [
      ["working", "روز کاری"],
      ["weekend", "تعطیل آخر هفته"],
      ["holiday", "تعطیل رسمی"],
      ["closure", "تعطیلی اعلام‌شده"],
    ].map(([c, l]) => h("li", null, h("span", { class: `swatch day-${c}` }), l)),
  );
}

function grid(jy: number, jm: number, holidays: Schemas["Holiday"][], rules: Schemas["WorkingRule"][]): HTMLElement {
  const len = jalaaliMonthLength(jy, jm);
  const g = toGregorian(jy, jm, 1);
  const offset = (new Date(g.gy, g.gm - 1, g.gd).getDay() + 1) % 7;
  const t = today();
  const cells: HTMLElement[] = [];
  for (let i = 0; i < offset; i++) cells.push(h("td", { class: "blank" }));
  for (let d = 1; d <= len; d++) {
    const iso = isoOf(jy, jm, d);
    const wd = (offset + d - 1) % 7;
    const hol = holidays.filter((x) => x.date === iso);
    const clo = rules.filter((r) => r.kind === "closure" && inForce(r, iso));
    const weekend = weekendOn(rules, iso).includes(WEEKDAY_KEYS[wd] ?? "");
    const kind = hol.length ? "holiday" : clo.length ? "closure" : weekend ? "weekend" : "working";
    const notes: string[] = [
      ...hol.map((x) => `${x.title_fa}${x.source === "provisional" ? " (موقت)" : ""}`),
      ...clo.map((r) => `${r.title}${r.from_time ? ` (از ساعت ${fa(r.from_time)})` : ""}${r.applies_to !== "all" ? ` — ${r.applies_to_label_fa}` : ""}`),
    ];
    const label = kind === "holiday" ? "تعطیل رسمی" : kind === "closure" ? "تعطیلی اعلام‌شده" : kind === "weekend" ? "تعطیل آخر هفته" : "روز کاری";
    cells.push(
      h(
        "td",
        { class: `day day-${kind}${jy === t.jy && jm === t.jm && d === t.jd ? " today" : ""}`, "data-date": iso },
        h("span", { class: "num" }, fa(d)),
        h("span", { class: "kind" }, label),
        notes.map((n) => h("span", { class: "note" }, n)),
      ),
    );
  }
  while (cells.length % 7) cells.push(h("td", { class: "blank" }));
  const rows: HTMLElement[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h("tr", null, cells.slice(i, i + 7)));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `تقویم ${MONTHS[jm - 1]} ${fa(jy)}` },
    h(
      "table",
      { class: "calendar" },
      h("caption", null, `${MONTHS[jm - 1]} ${fa(jy)}`),
      h("thead", null, h("tr", null, WEEKDAYS.map((w) => h("th", { scope: "col" }, w)))),
      h("tbody", null, rows),
    ),
  );
}

function closureList(rules: Schemas["WorkingRule"][], redraw: () => Promise<void>): HTMLElement {
  return h(
    "div",
    { class: "card" },
    h("h2", null, "تعطیلی‌های این ماه"),
    rules.length
      ? h(
          "ul",
          { class: "docs" },
          rules.map((r) => {
            const b = h("button", { type: "button", class: "secondary", "aria-label": `لغو تعطیلی ${r.title}` }, "لغو");
            b.addEventListener("click", async () => {
              if (!confirm(`تعطیلی «${r.title}» لغو شود؟ مهلت‌ها دوباره محاسبه می‌شوند.`)) return;
              b.disabled = true;
              try {
                await ok(api.DELETE("/api/v1/working-rules/{id}", { params: { path: { id: r.id }, header: { "If-Match": ifMatch(r.version) } } }));
                await redraw();
              } catch (e) {
                b.disabled = false;
                b.after(h("span", { class: "error", role: "alert" }, messageOf(e)));
              }
            });
            return h("li", null, `${fa(r.effective_from_jalali)} — ${r.title} (${r.applies_to_label_fa}) `, b);
          }),
        )
      : h("p", { class: "empty" }, "تعطیلی اعلام‌شده‌ای در این ماه نیست."),
  );
}

function closureForm(redraw: () => Promise<void>): HTMLElement {
  const t = today();
  const tomorrow = toJalaali(new Date(Date.now() + 86_400_000));
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "closure-h", novalidate: true, "data-form": "closure" },
    h("h2", { id: "closure-h" }, "اعلام تعطیلی (امروز یا فردا)"),
    field({
      name: "date",
      label: "روز",
      required: true,
      value: `${t.jy}/${pad(t.jm)}/${pad(t.jd)}`,
      options: [
        [`${t.jy}/${pad(t.jm)}/${pad(t.jd)}`, `امروز ${format(t.jy, t.jm, t.jd)}`],
        [`${tomorrow.jy}/${pad(tomorrow.jm)}/${pad(tomorrow.jd)}`, `فردا ${format(tomorrow.jy, tomorrow.jm, tomorrow.jd)}`],
      ],
    }),
    field({ name: "title", label: "متن اعلام (مانند «تعطیلی ادارات استان به سبب گرمای هوا»)", required: true }),
    field({ name: "from_time", label: "از ساعت (خالی: تمام روز)", ltr: true, hint: "مانند ۱۱:۰۰" }),
    field({ name: "applies_to", label: "تقویم چه کسی", options: APPLIES }),
    h("button", { type: "submit" }, "اعلام تعطیلی"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    busy(form, true);
    try {
      const r = await ok(
        api.POST("/api/v1/closures", {
          body: {
            date: v.get("date") ?? "",
            title: v.get("title") ?? "",
            from_time: v.get("from_time") ?? null,
            applies_to: (v.get("applies_to") as Schemas["AppliesTo"] | undefined) ?? null,
          },
        }),
      );
      form.reset();
      clearErrors(form);
      form.querySelector(".notice")?.remove();
      form.append(notice(`تعطیلی «${r.rule.title}» ثبت شد؛ مهلت ${fa(r.recomputed_requests)} پرونده دوباره محاسبه شد.`));
      await redraw();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

function holidayForm(redraw: () => Promise<void>): HTMLElement {
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "holiday-h", novalidate: true },
    h("h2", { id: "holiday-h" }, "افزودن تعطیل رسمی"),
    field({ name: "date", label: "تاریخ", required: true, date: true }),
    field({ name: "title", label: "عنوان", required: true }),
    h("button", { type: "submit" }, "افزودن"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    busy(form, true);
    try {
      const hday = await ok(api.POST("/api/v1/holidays", { body: { date: v.get("date") ?? "", title: v.get("title") ?? "" } }));
      form.reset();
      clearErrors(form);
      form.querySelector(".notice")?.remove();
      form.append(notice(`${fa(hday.date_jalali)} به تعطیلات افزوده شد.`));
      await redraw();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

/** One official day a line: `1405/10/05 عنوان` (or `date,title`, either digits). */
export function parseImport(text: string): Array<{ date: string; title: string }> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const m = l.match(/^(\S+?)[,\t ]+(.+)$/);
      return m ? { date: ascii(m[1] ?? ""), title: (m[2] ?? "").trim() } : { date: ascii(l), title: "" };
    });
}

function importForm(redraw: () => Promise<void>): HTMLElement {
  const file = h("input", { type: "file", id: "import-file", accept: ".csv,.txt,text/csv,text/plain" });
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "import-h", novalidate: true },
    h("h2", { id: "import-h" }, "درون‌ریزی تقویم رسمی"),
    h("p", { class: "hint" }, "هر خط یک روز: تاریخ (شمسی یا میلادی) و عنوان، جدا با فاصله یا ویرگول. همه یا هیچ: اگر یک خط نادرست باشد هیچ روزی ثبت نمی‌شود. تعطیلات قمری موقت با روز رسمی تأیید یا جابه‌جا می‌شوند."),
    field({ name: "rows", label: "روزها", textarea: true, required: true }),
    h("div", { class: "field" }, h("label", { for: "import-file" }, "یا پروندهٔ CSV"), file),
    h("button", { type: "submit" }, "درون‌ریزی"),
  );
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    const area = form.querySelector<HTMLTextAreaElement>('[name="rows"]');
    if (f && area) area.value = await f.text();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const rows = parseImport(form.querySelector<HTMLTextAreaElement>('[name="rows"]')?.value ?? "");
    busy(form, true);
    try {
      const s = await ok(api.POST("/api/v1/holidays/import", { body: rows }));
      clearErrors(form);
      form.querySelector(".notice")?.remove();
      form.append(
        notice(
          `${fa(s.rows)} روز خوانده شد: ${fa(s.confirmed)} تأیید، ${fa(s.moved)} جابه‌جا، ${fa(s.added)} افزوده، ${fa(s.unchanged)} بی‌تغییر؛ مهلت ${fa(s.recomputed_requests)} پرونده دوباره محاسبه شد.`,
        ),
      );
      await redraw();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

