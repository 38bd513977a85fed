// The agency files a request: every field of `CreateRequest`, each problem shown next to the
// field the API names, sent once with an `Idempotency-Key` (kept across retries of the same
// attempt, so a lost answer never files twice).
import { api, idempotencyKey, ok, type Schemas } from "../api.js";
import { h } from "../dom.js";
import { busy, field, requiredFilled, showProblem, values } from "../forms.js";
import { go } from "../main.js";
import { plateReading } from "../plate.js";
import { REASONS, VEHICLE_TYPES } from "../vocab.js";

type Body = Schemas["CreateRequest"];

/** The request body from the form's named fields (`vehicle.plate` → `{vehicle: {plate}}`). */
export function bodyFrom(v: Map<string, string>): Body {
  const get = (k: string): string => v.get(k) ?? "";
  const opt = (k: string): string | null => v.get(k) ?? null;
  const year = Number(get("vehicle.year"));
  const rep = ["representative.full_name", "representative.national_code", "representative.mobile"].some((k) => v.has(k));
  return {
    vehicle: {
      plate: get("vehicle.plate"),
      vin: opt("vehicle.vin"),
      chassis_number: opt("vehicle.chassis_number"),
      engine_number: get("vehicle.engine_number"),
      make: get("vehicle.make"),
      model: get("vehicle.model"),
      year: Number.isFinite(year) ? year : 0,
      vehicle_type: (v.get("vehicle.vehicle_type") ?? "") as Schemas["VehicleType"],
      vehicle_colour: opt("vehicle.vehicle_colour"),
    },
    reason: (v.get("reason") ?? "") as Schemas["Reason"],
    reason_details: opt("reason_details"),
    letter: { number: get("letter.number"), date: get("letter.date") },
    contact: { name: get("contact.name"), mobile: get("contact.mobile") },
    representative: rep
      ? {
          full_name: get("representative.full_name"),
          national_code: get("representative.national_code"),
          mobile: opt("representative.mobile"),
        }
      : null,
    description: opt("description"),
  };
}

/** The plate field, with the service's live reading of what is typed under it. */
function plateField(): HTMLElement {
  const f = field({ name: "vehicle.plate", label: "پلاک", required: true, hint: "همان‌گونه که روی پلاک است، مانند ۱۲ الف ۳۴۵ ایران ۶۷" });
  const input = f.querySelector("input");
  if (input) f.append(plateReading(input));
  return f;
}

export function fileRequest(): Node {
  let key = idempotencyKey();
  const form = h(
    "form",
    { class: "card", novalidate: true, "aria-labelledby": "file-h" },
    h("h1", { id: "file-h" }, "ثبت درخواست مجوز فک پلاک"),
    h("p", { class: "lead" }, "نشانهٔ * یعنی پر کردن آن الزامی است. پس از ثبت، رسید با کد رهگیری نمایش داده می‌شود."),
    h(
      "fieldset",
      null,
      h("legend", null, "خودرو"),
      h(
        "div",
        { class: "grid" },
        plateField(),
        field({ name: "vehicle.vehicle_type", label: "نوع خودرو", required: true, options: Object.entries(VEHICLE_TYPES) }),
        field({ name: "vehicle.make", label: "سازنده", required: true }),
        field({ name: "vehicle.model", label: "مدل", required: true }),
        field({ name: "vehicle.year", label: "سال ساخت", required: true, inputmode: "numeric", hint: "شمسی (مانند ۱۳۹۱) یا میلادی" }),
        field({ name: "vehicle.vehicle_colour", label: "رنگ" }),
        field({ name: "vehicle.vin", label: "شمارهٔ VIN", ltr: true, hint: "۱۷ نویسه؛ اگر خودرو VIN ندارد، شمارهٔ شاسی را وارد کنید" }),
        field({ name: "vehicle.chassis_number", label: "شمارهٔ شاسی", ltr: true }),
        field({ name: "vehicle.engine_number", label: "شمارهٔ موتور", required: true, ltr: true }),
      ),
    ),
    h(
      "fieldset",
      null,
      h("legend", null, "علت و نامه"),
      h(
        "div",
        { class: "grid" },
        field({ name: "reason", label: "علت فک پلاک", required: true, options: Object.entries(REASONS) }),
        field({ name: "reason_details", label: "شرح علت", hint: "اگر علت «سایر» است، الزامی است" }),
        field({ name: "letter.number", label: "شمارهٔ نامهٔ دستگاه", required: true }),
        field({ name: "letter.date", label: "تاریخ نامه", required: true, date: true, hint: "به تاریخ شمسی، مانند ۱۴۰۵/۰۹/۱۵" }),
      ),
    ),
    h(
      "fieldset",
      null,
      h("legend", null, "رابط دستگاه"),
      h(
        "div",
        { class: "grid" },
        field({ name: "contact.name", label: "نام و نام خانوادگی", required: true, autocomplete: "name" }),
        field({ name: "contact.mobile", label: "تلفن همراه", required: true, inputmode: "tel", autocomplete: "tel", ltr: true }),
      ),
    ),
    h(
      "fieldset",
      null,
      h("legend", null, "نمایندهٔ تحویل خودرو (اختیاری)"),
      h(
        "div",
        { class: "grid" },
        field({ name: "representative.full_name", label: "نام و نام خانوادگی" }),
        field({ name: "representative.national_code", label: "کد ملی", inputmode: "numeric", ltr: true }),
        field({ name: "representative.mobile", label: "تلفن همراه", inputmode: "tel", ltr: true }),
      ),
    ),
    field({ name: "description", label: "توضیحات", textarea: true }),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "ثبت درخواست"), h("a", { class: "button secondary", href: "#/requests" }, "انصراف")),
  );
  // A changed form is a new attempt: it gets a new key.
  form.addEventListener("input", () => {
    key = idempotencyKey();
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!requiredFilled(form)) return;
    busy(form, true);
    try {
      const created = await ok(
        api.POST("/api/v1/requests", { body: bodyFrom(values(form)), params: { header: { "Idempotency-Key": key } } }),
      );
      go(`#/requests/${created.id}/receipt`);
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}
