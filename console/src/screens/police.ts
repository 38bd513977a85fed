// The traffic police on a phone (360 px first): the queue of permits waiting for them, a
// search by plate (typed as officers type it, read live by GET /plates/check) or by permit
// number, a permit's page with the removal or the refusal, and the photo of the signed removal
// record taken with the camera and made small in the browser before it is sent. The last-seen
// queue is kept on the phone (police-store.ts) and shown with no network under the offline
// banner; a receipt is either acknowledged by the service or shown as not sent, never kept
// for later.
import "./police.css";
import {
  api,
  getAccessToken,
  idempotencyKey,
  ifMatch,
  messageOf,
  ok,
  Failure,
  Offline,
  type PermitView,
  type Schemas,
} from "../api.js";
import { h, replace, type Child } from "../dom.js";
import { bytes, fa, grouped } from "../fa.js";
import { busy, clearErrors, field, notice, requiredFilled, showProblem, values } from "../forms.js";
import { toJalaali } from "jalaali-js";
import { format, today, toInstant } from "../jalali.js";
import { isOffline, setOffline } from "../offline.js";
import { resize, type Resized } from "../photo.js";
import { plate, plateReading } from "../plate.js";
import { saveSnapshot, snapshot, updateInSnapshot } from "../police-store.js";
import { session } from "../session.js";
import { plateParts, refreshKeys } from "../signature.js";

export const REFUSAL_REASONS: Record<Schemas["RefusalReason"], string> = {
  unpaid_fines: "خلافی پرداخت‌نشده",
  vehicle_not_presented: "خودرو ارائه نشد",
  identity_mismatch: "مغایرت مشخصات خودرو با مجوز",
  judicial_seizure: "توقیف قضایی",
  other: "سایر (با توضیح)",
};

const PAGE = 20;

/** The plate of a permit, drawn as on the paper (or as text when it cannot be split). */
export function permitPlate(p: PermitView, size: "small" | "large" = "small"): Child {
  const parts = plateParts(p.vehicle.plate);
  return parts ? plate(parts, size) : h("bdi", { dir: "ltr" }, p.plate);
}

function card(p: PermitView): HTMLElement {
  const v = p.vehicle;
  return h(
    "li",
    { class: `permit-card st-${p.status}` },
    h(
      "a",
      { href: `#/police/permits/${p.id}` },
      h("span", { class: "pc-plate" }, permitPlate(p)),
      h("span", { class: "pc-car" }, `${v.make} ${v.model}`, v.vehicle_colour ? `، ${v.vehicle_colour}` : ""),
      h("span", { class: "pc-meta" }, "مجوز ", h("bdi", { dir: "ltr" }, grouped(p.permit_number))),
      h("span", { class: "pc-meta" }, "اعتبار تا ", p.valid_until_jalali_time),
      h("span", { class: "pc-meta" }, p.agency.name),
      h("span", { class: `status ps-${p.status}` }, p.status_label_fa),
    ),
  );
}

function cards(items: PermitView[]): HTMLElement {
  return h("ul", { class: "permit-cards" }, items.map(card));
}

function savedAt(iso: string): string {
  const d = new Date(iso);
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  const j = toJalaali(d);
  const date = d.toDateString() === new Date().toDateString() ? "امروز" : format(j.jy, j.jm, j.jd);
  return `${date} ساعت ${fa(time)}`;
}

/** The queue (`#/police`): waiting permits first page, the search, the scan button. */
export async function policeQueue(): Promise<Node> {
  const list = h("div", { class: "results", "aria-live": "polite" });
  const searchOut = h("div", { class: "results", "aria-live": "polite" });
  const plateInput = h("input", {
    id: "police-plate",
    name: "plate",
    type: "search",
    autocomplete: "off",
    "data-err": "police-plate-err",
    placeholder: "۱۲ الف ۳۴۵ ایران ۶۷",
  });
  const reading = plateReading(plateInput);
  // A plate without its region code is a search over every province, not a mistake: the
  // filing's reading calls it incomplete, the search says what it will do.
  new MutationObserver(() => {
    if (reading.dataset.state !== "problem") return;
    if (!/^\s*[0-9۰-۹]{2}\s*[\u0600-\u06FF]+\s*[0-9۰-۹]{3}\s*$/.test(plateInput.value)) return;
    reading.dataset.state = "partial";
    replace(reading, h("span", { class: "hint" }, "بدون کد ایران: این پلاک در همهٔ استان‌ها جست‌وجو می‌شود."));
  }).observe(reading, { attributes: true, attributeFilter: ["data-state"], childList: true });
  const search = h(
    "form",
    { class: "card police-search", role: "search", "aria-labelledby": "ps-h", novalidate: true },
    h("h2", { id: "ps-h" }, "جست‌وجوی مجوز"),
    h(
      "div",
      { class: "field", "data-field": "plate" },
      h("label", { for: "police-plate" }, "پلاک خودرو"),
      plateInput,
      h("p", { class: "hint" }, "همان‌گونه که روی پلاک می‌بینید؛ بدون کد ایران، پلاک در همهٔ استان‌ها جست‌وجو می‌شود."),
      reading,
      h("p", { class: "error", id: "police-plate-err", hidden: true }),
    ),
    field({ name: "permit_number", label: "یا شمارهٔ مجوز", inputmode: "numeric", ltr: true, autocomplete: "off" }),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "جست‌وجو"), h("a", { class: "button secondary", href: "#/police/scan" }, "خواندن QR مجوز")),
  );
  search.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(search);
    const v = values(search);
    const query: { plate?: string; permit_number?: string; limit: number } = { limit: PAGE };
    if (v.get("plate")) query.plate = v.get("plate");
    if (v.get("permit_number")) query.permit_number = v.get("permit_number");
    if (!query.plate && !query.permit_number) {
      replace(searchOut, h("p", { class: "alert", role: "alert" }, "پلاک یا شمارهٔ مجوز را وارد کنید."));
      return;
    }
    busy(search, true);
    replace(searchOut, h("p", { class: "loading", role: "status" }, "در حال جست‌وجو…"));
    try {
      const r = await ok(api.GET("/api/v1/permits", { params: { query } }));
      replace(
        searchOut,
        h("h2", { id: "found-h" }, "نتیجهٔ جست‌وجو"),
        r.items.length ? cards(r.items) : h("p", { class: "empty" }, "مجوزی با این مشخصات برای پلیس راهور صادر نشده است."),
      );
    } catch (e) {
      if (e instanceof Offline) {
        // With no network, the last-seen queue is searched on the phone.
        const found = offlineSearch(query.plate, query.permit_number);
        replace(
          searchOut,
          h("p", { class: "alert", role: "alert" }, "ارتباط با سامانه برقرار نیست؛ فقط در آخرین فهرست دیده‌شده جست‌وجو شد."),
          found.length ? cards(found) : h("p", { class: "empty" }, "در آخرین فهرست دیده‌شده یافت نشد."),
        );
      } else {
        replace(searchOut);
        showProblem(search, e);
      }
    } finally {
      busy(search, false);
    }
  });

  const drawSnapshot = (why: string): void => {
    const s = snapshot();
    replace(
      list,
      h("p", { class: "stale", role: "note" }, why, " ", s ? `آخرین فهرست دیده‌شده: ${savedAt(s.saved_at)}.` : "فهرستی روی این دستگاه ذخیره نشده است."),
      s ? (s.items.length ? cards(s.items) : h("p", { class: "empty" }, "مجوزی در انتظار اقدام نبود.")) : null,
    );
  };

  let cursor: string | null = null;
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "مجوزهای بیشتر");
  const load = async (first: boolean): Promise<void> => {
    const query: { status: "issued"; limit: number; cursor?: string } = { status: "issued", limit: PAGE };
    if (!first && cursor) query.cursor = cursor;
    try {
      const r = await ok(api.GET("/api/v1/permits", { params: { query } }));
      cursor = r.next_cursor ?? null;
      more.hidden = !cursor;
      if (first) {
        const s = session();
        if (s) saveSnapshot({ saved_at: new Date().toISOString(), user: { full_name: s.user.full_name, role_label_fa: s.user.role_label_fa }, items: r.items });
        replace(list, r.items.length ? cards(r.items) : h("p", { class: "empty" }, "در حال حاضر مجوزی در انتظار اقدام شما نیست."));
      } else {
        list.querySelector(".permit-cards")?.append(...r.items.map(card));
      }
    } catch (e) {
      if (first && e instanceof Offline) drawSnapshot("ارتباط با سامانه برقرار نیست.");
      else replace(list, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    }
  };
  more.addEventListener("click", () => void load(false));
  if (session()) {
    await load(true);
    // The signing keys, kept for checking papers with no network.
    void refreshKeys();
  } else {
    drawSnapshot("ارتباط با سامانه برقرار نیست و نشست شما بازیابی نشد.");
  }
  return h(
    "div",
    { class: "police" },
    h(
      "section",
      { class: "card", "aria-labelledby": "pq-h" },
      h("div", { class: "title-row" }, h("h1", { id: "pq-h" }, "مجوزهای در انتظار اقدام"), h("a", { class: "button", href: "#/police/scan" }, "خواندن QR")),
      list,
      more,
    ),
    search,
    searchOut,
  );
}

function digitsOnly(s: string): string {
  return s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/\D/g, "");
}

function offlineSearch(plateText: string | undefined, number: string | undefined): PermitView[] {
  const items = snapshot()?.items ?? [];
  if (number) return items.filter((p) => p.permit_number === digitsOnly(number));
  const wanted = digitsOnly(plateText ?? "");
  if (!wanted) return [];
  return items.filter((p) => digitsOnly(p.vehicle.plate).startsWith(wanted));
}

/** A permit's page (`#/police/permits/<id>`): what to check, and the outcome to post. */
export async function policePermit(id: string): Promise<Node> {
  let p: PermitView | undefined;
  let stale = false;
  try {
    p = await ok(api.GET("/api/v1/permits/{id}", { params: { path: { id } } }));
  } catch (e) {
    if (!(e instanceof Offline)) return h("section", { class: "card" }, h("h1", null, "مجوز"), h("p", { class: "alert", role: "alert" }, messageOf(e)));
    p = snapshot()?.items.find((x) => x.id === id);
    stale = true;
    if (!p) return h("section", { class: "card" }, h("h1", null, "مجوز"), h("p", { class: "alert", role: "alert" }, messageOf(e)));
  }
  return permitView(p, stale);
}

export function permitFacts(p: PermitView): HTMLElement {
  const v = p.vehicle;
  const rows: Array<[string, Child]> = [
    ["شمارهٔ مجوز", h("bdi", { dir: "ltr" }, grouped(p.permit_number))],
    ["اعتبار تا", p.valid_until_jalali_time],
    ["خودرو", `${v.vehicle_type_label_fa} ${v.make} ${v.model}، مدل ${fa(v.year)}`],
    ["رنگ", v.vehicle_colour ?? null],
    ["شمارهٔ شاسی", v.chassis_number ? h("bdi", { dir: "ltr" }, v.chassis_number) : null],
    ["VIN", v.vin ? h("bdi", { dir: "ltr" }, v.vin) : null],
    ["شمارهٔ موتور", h("bdi", { dir: "ltr" }, v.engine_number)],
    ["دستگاه", p.agency.name],
    ["صادرکننده", p.signatory ? `${p.signatory.full_name}${p.signatory.position ? `، ${p.signatory.position}` : ""}` : null],
    ["تاریخ صدور", p.issued_at_jalali],
  ];
  return h("dl", { class: "facts" }, rows.filter(([, x]) => x !== null && x !== "").map(([k, x]) => [h("dt", null, k), h("dd", null, x)]));
}

function receiptFacts(r: NonNullable<PermitView["receipt"]>): HTMLElement {
  const rows: Array<[string, Child]> = [
    ["نتیجه", r.outcome_label_fa],
    ["شمارهٔ صورت‌جلسه", h("bdi", { dir: "ltr" }, r.receipt_number)],
    ["زمان", r.occurred_at_jalali],
    ["تعداد پلاک", r.plates_count ? fa(r.plates_count) : null],
    ["علت", r.refusal_reason_label_fa ?? null],
    ["مأمور", r.officer_name ?? null],
    ["یگان", r.unit ?? null],
    ["توضیح", r.notes ?? null],
    ["ثبت در سامانه", r.recorded_at_jalali],
    ["عکس صورت‌جلسه", r.removal_record ? `پیوست شد (${r.removal_record.attached_at_jalali}، ${bytes(r.removal_record.size)})` : null],
  ];
  return h("dl", { class: "facts" }, rows.filter(([, x]) => x !== null && x !== "").map(([k, x]) => [h("dt", null, k), h("dd", null, x)]));
}

function permitView(initial: PermitView, stale: boolean): HTMLElement {
  let p = initial;
  const head = h("section", { class: "card", "aria-labelledby": "pp-h" });
  const outcome = h("div");
  const drawHead = (): void => {
    replace(
      head,
      stale ? h("p", { class: "stale", role: "note" }, "بدون اتصال: آخرین وضعیت دیده‌شدهٔ این مجوز نمایش داده می‌شود.") : null,
      h("div", { class: "title-row" }, h("h1", { id: "pp-h" }, "مجوز فک پلاک"), h("span", { class: `status ps-${p.status}` }, p.status_label_fa)),
      h("div", { class: "plate-row" }, permitPlate(p, "large")),
      p.revocation ? h("p", { class: "alert", role: "alert" }, `این مجوز ابطال شده است (${p.revocation.reason_label_fa}، ${p.revocation.revoked_at_jalali}). اقدام بر اساس آن مجاز نیست.`) : null,
      permitFacts(p),
    );
  };
  const changed = (next: PermitView): void => {
    p = next;
    updateInSnapshot(next);
    drawHead();
    drawOutcome();
  };
  const drawOutcome = (): void => {
    if (p.receipt) {
      replace(
        outcome,
        h("section", { class: "card", "aria-labelledby": "rc-h" }, h("h2", { id: "rc-h" }, "رسید پلیس راهور"), receiptFacts(p.receipt)),
        p.receipt.outcome === "removed" && (!p.receipt.removal_record || p.receipt.removal_record.replaceable) ? recordUpload(() => p, changed) : null,
      );
    } else if (p.status === "issued" || (p.status === "expired" && !p.revocation)) {
      // An expired permit still takes a removal that happened while it was valid.
      replace(
        outcome,
        p.status === "expired" ? h("p", { class: "stale", role: "note" }, "اعتبار این مجوز گذشته است؛ فقط فک پلاکی که در مدت اعتبار انجام شده ثبت می‌شود.") : null,
        receiptForm(() => p, changed),
      );
    } else {
      replace(outcome, h("p", { class: "card empty" }, "در وضعیت کنونی این مجوز اقدامی از پلیس راهور انتظار نمی‌رود."));
    }
  };
  drawHead();
  drawOutcome();
  return h("div", { class: "police" }, head, outcome, h("p", null, h("a", { href: "#/police" }, "بازگشت به فهرست مجوزها")));
}

function nowHm(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** The not-sent box: what failed to reach the service stays in the form, nothing is kept. */
function notSent(form: HTMLFormElement, what: string): void {
  showProblem(
    form,
    new Offline(),
    h(
      "p",
      { class: "not-sent", "data-state": "not-sent" },
      h("strong", null, `${what} ارسال نشد. `),
      "به سامانه نرسید و روی این دستگاه هم نگه داشته نمی‌شود؛ پس از برقراری ارتباط دوباره دکمهٔ ارسال را بزنید (ارسال دوباره تکراری ثبت نمی‌شود).",
    ),
  );
}

function receiptForm(current: () => PermitView, changed: (p: PermitView) => void): HTMLElement {
  const s = session();
  const j = today();
  const removedOnly = h(
    "div",
    { class: "when-removed" },
    field({
      name: "plates_count",
      label: "تعداد پلاک فک‌شده",
      required: true,
      value: "2",
      options: [
        ["2", "۲ پلاک (جلو و عقب)"],
        ["1", "۱ پلاک (توضیح لازم است)"],
      ],
    }),
  );
  const refusedOnly = h(
    "div",
    { class: "when-refused", hidden: true },
    field({ name: "refusal_reason", label: "علت عدم تأیید فک پلاک", required: true, options: Object.entries(REFUSAL_REASONS) }),
  );
  const outcomes = h(
    "fieldset",
    { class: "outcome" },
    h("legend", null, "نتیجه"),
    h("label", null, h("input", { type: "radio", name: "outcome", value: "removed", checked: true }), "پلاک فک شد"),
    h("label", null, h("input", { type: "radio", name: "outcome", value: "refused" }), "فک پلاک تأیید نشد"),
  );
  const form = h(
    "form",
    { class: "card receipt-form", novalidate: true, "aria-labelledby": "rf-h" },
    h("h2", { id: "rf-h" }, "ثبت نتیجهٔ فک پلاک"),
    outcomes,
    field({ name: "receipt_number", label: "شمارهٔ صورت‌جلسه", required: true, ltr: true, autocomplete: "off" }),
    removedOnly,
    refusedOnly,
    h(
      "div",
      { class: "grid two" },
      field({ name: "occurred_date", label: "تاریخ", required: true, date: true, value: format(j.jy, j.jm, j.jd) }),
      field({ name: "occurred_time", label: "ساعت", type: "time", required: true, ltr: true, value: nowHm() }),
    ),
    h("p", { class: "hint" }, "زمان فک یا عدم تأیید؛ به‌طور پیش‌فرض همین حالا."),
    field({ name: "officer_name", label: "نام مأمور", value: s?.user.full_name ?? "", autocomplete: "name" }),
    field({ name: "unit", label: "یگان" }),
    field({ name: "notes", label: "توضیح", textarea: true, hint: "برای فک یک پلاک یا علت «سایر» لازم است." }),
    h("button", { type: "submit" }, "ثبت و ارسال"),
  );
  // One idempotency key while the form is unchanged: resending after "not sent" never records
  // twice; an edit is a new receipt attempt.
  let key = idempotencyKey();
  form.addEventListener("input", () => {
    key = idempotencyKey();
  });
  const outcomeNow = (): "removed" | "refused" => (form.querySelector<HTMLInputElement>('input[name="outcome"]:checked')?.value === "refused" ? "refused" : "removed");
  const toggle = (): void => {
    const refused = outcomeNow() === "refused";
    removedOnly.hidden = refused;
    refusedOnly.hidden = !refused;
    for (const el of Array.from(removedOnly.querySelectorAll<HTMLSelectElement>("select"))) el.required = !refused;
    for (const el of Array.from(refusedOnly.querySelectorAll<HTMLSelectElement>("select"))) el.required = refused;
    form.querySelector<HTMLButtonElement>("button[type=submit]")!.textContent = refused ? "ثبت عدم تأیید و ارسال" : "ثبت فک پلاک و ارسال";
  };
  outcomes.addEventListener("change", toggle);
  toggle();
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    const at = toInstant(v.get("occurred_date") ?? "", v.get("occurred_time") ?? "");
    const occurred_at = at ? at.toISOString() : (v.get("occurred_date") ?? "");
    const common = {
      receipt_number: v.get("receipt_number") ?? "",
      occurred_at,
      officer_name: v.get("officer_name") ?? null,
      unit: v.get("unit") ?? null,
      notes: v.get("notes") ?? null,
    };
    const body: Schemas["PostReceipt"] =
      outcomeNow() === "refused"
        ? { outcome: "refused", refusal_reason: (v.get("refusal_reason") ?? "other") as Schemas["RefusalReason"], ...common }
        : { outcome: "removed", plates_count: Number(v.get("plates_count") ?? "2"), ...common };
    const p = current();
    busy(form, true);
    try {
      const next = await ok(
        api.POST("/api/v1/permits/{id}/receipt", {
          params: { path: { id: p.id }, header: { "If-Match": ifMatch(p.version), "Idempotency-Key": key } },
          body,
        }),
      );
      changed(next);
      const ack = document.getElementById("rc-h")?.closest("section");
      ack?.prepend(notice(`رسید در سامانه ثبت شد (${next.receipt?.recorded_at_jalali ?? ""}).`));
    } catch (e) {
      if (e instanceof Offline) notSent(form, "رسید");
      else if (e instanceof Failure && e.status === 412) {
        showProblem(
          form,
          e,
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: async () => {
                try {
                  changed(await ok(api.GET("/api/v1/permits/{id}", { params: { path: { id: p.id } } })));
                } catch (err) {
                  showProblem(form, err);
                }
              },
            },
            "بارگذاری آخرین وضعیت",
          ),
        );
      } else showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

/** The signed removal record's photo: taken, resized here, sent with its progress. */
function recordUpload(current: () => PermitView, changed: (p: PermitView) => void): HTMLElement {
  const input = h("input", { type: "file", id: "record-photo", name: "file", accept: "image/*", capture: "environment", "data-err": "record-photo-err" });
  const preview = h("div", { class: "photo-preview", "aria-live": "polite" });
  const progress = h("progress", { max: "100", value: "0", hidden: true, "aria-label": "پیشرفت ارسال عکس" });
  const send = h("button", { type: "submit", disabled: true }, "ارسال عکس");
  const form = h(
    "form",
    { class: "card record-form", novalidate: true, "aria-labelledby": "ru-h" },
    h("h2", { id: "ru-h" }, "عکس صورت‌جلسهٔ امضاشده"),
    h(
      "div",
      { class: "field", "data-field": "file" },
      h("label", { for: "record-photo" }, "عکس گرفتن یا انتخاب عکس"),
      input,
      h("p", { class: "hint" }, "عکس پیش از ارسال روی همین دستگاه کوچک می‌شود."),
      h("p", { class: "error", id: "record-photo-err", hidden: true }),
    ),
    preview,
    progress,
    send,
  );
  let photo: Resized | undefined;
  let url: string | undefined;
  input.addEventListener("change", async () => {
    clearErrors(form);
    const file = input.files?.[0];
    send.disabled = true;
    photo = undefined;
    if (url) URL.revokeObjectURL(url);
    if (!file) return replace(preview);
    replace(preview, h("p", { class: "loading", role: "status" }, "در حال آماده‌سازی عکس…"));
    try {
      photo = await resize(file);
    } catch {
      replace(preview, h("p", { class: "alert", role: "alert" }, "این پرونده تصویر خوانایی نیست. دوباره عکس بگیرید."));
      return;
    }
    url = URL.createObjectURL(photo.blob);
    replace(
      preview,
      h("img", { src: url, alt: "پیش‌نمایش عکس صورت‌جلسه", width: photo.width, height: photo.height }),
      h(
        "p",
        { class: "hint", "data-size": `${photo.width}x${photo.height}` },
        `${fa(photo.originalWidth)}×${fa(photo.originalHeight)} (${bytes(file.size)}) ← ${fa(photo.width)}×${fa(photo.height)} (${bytes(photo.blob.size)})`,
      ),
    );
    send.disabled = false;
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!photo) return;
    const p = current();
    const data = new FormData();
    data.append("file", photo.blob, "removal-record.jpg");
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/v1/permits/${p.id}/receipt/record`);
    xhr.setRequestHeader("Authorization", `Bearer ${getAccessToken() ?? ""}`);
    xhr.setRequestHeader("Accept-Language", "fa");
    xhr.setRequestHeader("If-Match", ifMatch(p.version));
    progress.hidden = false;
    progress.value = 0;
    busy(form, true);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", () => {
      busy(form, false);
      setOffline(false);
      if (xhr.status === 201 || xhr.status === 200) {
        progress.value = 100;
        try {
          changed(JSON.parse(xhr.responseText) as PermitView);
        } catch {
          /* the page is redrawn from the next read */
        }
        document.getElementById("rc-h")?.closest("section")?.prepend(notice("عکس صورت‌جلسه در سامانه ثبت شد."));
        return;
      }
      let problem: Schemas["Problem"] | undefined;
      try {
        problem = JSON.parse(xhr.responseText) as Schemas["Problem"];
      } catch {
        problem = undefined;
      }
      showProblem(form, new Failure(xhr.status, problem));
    });
    xhr.addEventListener("error", () => {
      busy(form, false);
      progress.hidden = true;
      setOffline(true);
      notSent(form, "عکس");
    });
    xhr.send(data);
  });
  return form;
}

/** Whether the console is showing the police's data from the phone (no session, no network). */
export function offlineQueueAvailable(): boolean {
  return isOffline() && snapshot() !== undefined;
}
