// SMS templates: each event's text with a live preview filled with typical values and its SMS
// part count, computed as the service counts them (src/sms/templates.rs `parts`): Persian text
// goes in UCS-2, 70 characters in one part, 67 in each part of a longer message; text of GSM
// 03.38 characters only, 160 and 153. Saving sends the text (`PUT /sms-templates/{event}`); the
// service's answer (its own example and part count) replaces the preview. "Restore the
// default" sends `body: null`.
import { api, ok, type Schemas } from "../api.js";
import { h, replace } from "../dom.js";
import { fa } from "../fa.js";
import { busy, clearErrors, notice, showProblem } from "../forms.js";
import { page } from "./admin.js";

const EVENT_LABELS: Record<Schemas["SmsEvent"], string> = {
  filed: "ثبت درخواست",
  documents_requested: "درخواست مدارک",
  documents_due: "یادآوری مهلت مدارک",
  permit_issued: "صدور مجوز",
  permit_expired: "انقضای مجوز",
  permit_revoked: "ابطال مجوز",
  removal_refused: "عدم تأیید فک پلاک",
  completed: "پایان پرونده",
  rejected: "رد درخواست",
  withdrawn: "انصراف",
  complaint_answered: "پاسخ شکایت",
  batch_filed: "ثبت دسته‌ای",
  batch_progress: "پیشرفت دسته",
  outage: "اختلال سامانه",
  maintenance: "نگهداری برنامه‌ریزی‌شده",
};

const GSM7 = " \n\r@$_!\"#%&'()*+,-./:;<=>?";
const isGsm7 = (c: string): boolean => /^[A-Za-z0-9]$/.test(c) || GSM7.includes(c);

/** SMS parts of `text`, as the service counts them. */
export function smsParts(text: string): { chars: number; parts: number; ucs2: boolean } {
  const chars = Array.from(text);
  const ucs2 = !chars.every(isGsm7);
  const [single, part] = ucs2 ? [70, 67] : [160, 153];
  const n = chars.length;
  return { chars: n, parts: n <= single ? 1 : Math.ceil(n / part), ucs2 };
}

/**
 * The typical value of each placeholder, read back from the service's own examples: a
 * template's text with `{name}` as a capture, matched against its filled example.
 */
export function exampleValues(items: Schemas["TemplateView"][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of items) {
    const names: string[] = [];
    const pattern = t.body.replace(/\{([a-z_]+)\}|[\s\S]/g, (m, name: string | undefined) => {
      if (name) {
        names.push(name);
        return "([\\s\\S]*?)";
      }
      return m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    const match = new RegExp(`^${pattern}$`).exec(t.example);
    if (!match) continue;
    names.forEach((n, i) => {
      const v = match[i + 1];
      if (v !== undefined && !out.has(n)) out.set(n, v);
    });
  }
  return out;
}

/** `body` filled with `vals`; unknown placeholders are left as written. */
export function fill(body: string, vals: Map<string, string>): string {
  return body.replace(/\{([a-z_]+)\}/g, (m, name: string) => vals.get(name) ?? m);
}

export async function smsScreen(): Promise<Node> {
  const items = (await ok(api.GET("/api/v1/sms-templates"))).items;
  const vals = exampleValues(items);
  return page(
    "#/admin/sms",
    "قالب‌های پیامک",
    "متن پیامک هر رویداد با جای‌نگهدارهای نام‌دار؛ پیش‌نمایش با مقادیر نمونه و شمار بخش‌های پیامک هنگام نوشتن به‌روز می‌شود (فارسی: ۷۰ نویسه در پیامک تک‌بخشی، ۶۷ نویسه در هر بخش پیامک چندبخشی).",
    items.map((t) => templateCard(t, vals)),
  );
}

function templateCard(initial: Schemas["TemplateView"], vals: Map<string, string>): HTMLElement {
  let t = initial;
  const id = `sms-${t.event}`;
  const area = h("textarea", { id: `${id}-body`, name: "body", rows: 4, "aria-describedby": `${id}-ph ${id}-count`, "data-err": `${id}-err` }, t.body);
  const preview = h("p", { class: "sms-preview", id: `${id}-preview` });
  const count = h("p", { class: "sms-count", id: `${id}-count`, "aria-live": "polite" });
  const state = h("span", { class: "status" });
  const form = h(
    "form",
    { class: "card sms", "aria-labelledby": `${id}-h`, "data-event": t.event },
    h("div", { class: "title-row" }, h("h2", { id: `${id}-h` }, EVENT_LABELS[t.event] ?? t.event), state),
    h(
      "div",
      { class: "field", "data-field": "body" },
      h("label", { for: `${id}-body` }, "متن پیامک"),
      area,
      h("p", { class: "hint", id: `${id}-ph` }, "جای‌نگهدارها: ", t.placeholders.map((p) => h("code", { dir: "ltr" }, `{${p}}`)).flatMap((c, i) => (i ? ["، ", c] : [c]))),
      h("p", { class: "error", id: `${id}-err`, hidden: true }),
    ),
    h("div", { class: "preview-box" }, h("h3", null, "پیش‌نمایش (با مقادیر نمونه)"), preview, count),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit" }, "ذخیره"),
      h("button", { type: "button", class: "secondary", "data-restore": "" }, "بازگرداندن متن پیش‌فرض"),
    ),
  );
  const draw = (): void => {
    const text = fill(area.value, vals);
    preview.textContent = text;
    const p = smsParts(text);
    const def = t.default_parts;
    count.textContent = `${fa(p.chars)} نویسه، ${fa(p.parts)} بخش پیامک${p.ucs2 ? "" : " (لاتین)"}${p.parts > def ? ` — بیش از متن پیش‌فرض (${fa(def)} بخش)` : ""}`;
    count.classList.toggle("over", p.parts > def);
    state.textContent = t.overridden ? "متن اختصاصی" : "متن پیش‌فرض";
  };
  area.addEventListener("input", draw);
  const save = async (body: string | null): Promise<void> => {
    busy(form, true);
    try {
      t = await ok(api.PUT("/api/v1/sms-templates/{event}", { params: { path: { event: t.event } }, body: { body } }));
      clearErrors(form);
      area.value = t.body;
      draw();
      // The service's own count for what was saved.
      form.querySelector(".notice")?.remove();
      form.append(notice(body === null ? `متن پیش‌فرض بازگردانده شد (${fa(t.parts)} بخش).` : `ذخیره شد؛ سامانه آن را ${fa(t.parts)} بخش می‌شمارد.`));
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void save(area.value);
  });
  form.querySelector<HTMLButtonElement>("[data-restore]")?.addEventListener("click", () => {
    if (confirm("متن پیش‌فرض این رویداد بازگردانده شود؟")) void save(null);
  });
  draw();
  replace(form.querySelector(".preview-box") ?? form, h("h3", null, "پیش‌نمایش (با مقادیر نمونه)"), preview, count);
  return form;
}

