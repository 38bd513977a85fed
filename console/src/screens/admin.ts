// The administrators' screens: organisations and users, service accounts, webhooks and
// notices. A secret the API shows once (a temporary password, a client secret, a webhook's
// signing secret) is shown once in a box that says so, with a copy button, and is gone from
// the page when the administrator confirms it was kept.
import { api, Failure, messageOf, ok, type Schemas } from "../api.js";
import { h, replace, type Child } from "../dom.js";
import { fa } from "../fa.js";
import { busy, clearErrors, field, notice, requiredFilled, showProblem, values } from "../forms.js";
import { toInstant } from "../jalali.js";
import { session } from "../session.js";

export const ROLE_LABELS: Record<Schemas["Role"], string> = {
  agency: "کاربر دستگاه متقاضی",
  directorate: "کارشناس اداره کل",
  police: "پلیس راهور",
  registry: "کاربر سامانهٔ جامع خودرو",
  admin: "مدیر سامانه",
};
const ORG_KINDS: Record<Schemas["OrgKind"], string> = {
  agency: "دستگاه متقاضی",
  directorate: "اداره کل",
  police: "پلیس راهور",
};

/** The admin area's own navigation (a second row under the title). */
export function adminTabs(current: string): HTMLElement {
  const tabs: Array<[string, string]> = [
    ["#/admin/users", "کاربران و دستگاه‌ها"],
    ["#/admin/service-accounts", "حساب‌های سرویس"],
    ["#/admin/webhooks", "وب‌هوک‌ها"],
    ["#/admin/sms", "قالب‌های پیامک"],
    ["#/admin/calendar", "تقویم کاری"],
    ["#/admin/notices", "اطلاعیه‌ها"],
    ["#/admin/audit", "رویدادنگاری"],
  ];
  return h(
    "nav",
    { class: "tabs", "aria-label": "بخش‌های مدیریت" },
    h("ul", null, tabs.map(([href, text]) => h("li", null, h("a", { href, "aria-current": current === href ? "page" : null }, text)))),
  );
}

export function page(current: string, title: string, lead: string, ...children: Child[]): HTMLElement {
  const id = `h-${current.replace(/[^a-z]/g, "")}`;
  return h("section", { "aria-labelledby": id, class: "admin" }, adminTabs(current), h("h1", { id }, title), h("p", { class: "lead" }, lead), children);
}

/** A secret shown once: the value, a copy button, and a button that removes it from the page. */
export function secretOnce(label: string, value: string): HTMLElement {
  const box = h(
    "div",
    { class: "secret-once", role: "alert", tabindex: "-1" },
    h("p", null, h("strong", null, label), " — فقط همین یک بار نمایش داده می‌شود؛ آن را اکنون نگه دارید و از راهی امن به صاحبش برسانید."),
    h("p", { class: "secret" }, h("code", { dir: "ltr", "data-secret": "" }, value)),
  );
  const copy = h("button", { type: "button", class: "secondary" }, "رونوشت");
  copy.addEventListener("click", () => {
    void navigator.clipboard?.writeText(value).then(
      () => (copy.textContent = "رونوشت شد"),
      () => (copy.textContent = "رونوشت ممکن نشد؛ متن را انتخاب کنید"),
    );
  });
  const done = h("button", { type: "button" }, "نگه داشتم؛ پنهان شود");
  done.addEventListener("click", () => box.replaceWith(notice(`${label} از صفحه پاک شد و دیگر قابل نمایش نیست.`)));
  box.append(h("div", { class: "actions" }, copy, done));
  setTimeout(() => box.focus(), 0);
  return box;
}

/** The `ETag` version of a resource read just now (for `If-Match`). */
async function etag(read: Promise<{ response: Response }>): Promise<string> {
  const r = await read;
  const tag = r.response.headers.get("ETag");
  if (!r.response.ok || !tag) throw new Failure(r.response.status, undefined);
  return tag;
}

function table(headers: string[], rows: Child[][], label: string): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, "موردی نیست.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": label },
    h(
      "table",
      null,
      h("thead", null, h("tr", null, headers.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, rows.map((r) => h("tr", null, r.map((c) => h("td", null, c))))),
    ),
  );
}

function formCard(title: string, id: string, ...children: Child[]): HTMLFormElement {
  return h("form", { class: "card", "aria-labelledby": id, novalidate: true }, h("h2", { id }, title), children);
}

// ---------------------------------------------------------------------------------------------
// Organisations and users.

export async function usersScreen(): Promise<Node> {
  const orgs = (await ok(api.GET("/api/v1/organisations", { params: { query: { limit: 200 } } }))).items;
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const list = h("div", { "aria-live": "polite" });
  const secretSlot = h("div");
  const filter = h(
    "form",
    { class: "filters", role: "search", "aria-label": "پالایش کاربران" },
    field({ name: "organisation_id", label: "دستگاه", options: orgs.map((o) => [o.id, o.name]) }),
    field({ name: "role", label: "نقش", options: Object.entries(ROLE_LABELS) }),
    h("button", { type: "submit" }, "نمایش"),
  );
  const load = async (): Promise<void> => {
    const v = values(filter);
    const query: { limit: number; organisation_id?: string; role?: Schemas["Role"] } = { limit: 200 };
    const o = v.get("organisation_id");
    if (o) query.organisation_id = o;
    const r = v.get("role");
    if (r) query.role = r as Schemas["Role"];
    try {
      const users = (await ok(api.GET("/api/v1/users", { params: { query } }))).items;
      replace(
        list,
        table(
          ["نام کاربری", "نام", "نقش", "دستگاه", "وضعیت", "اقدام"],
          users.map((u) => [
            h("bdi", { dir: "ltr" }, u.username),
            u.full_name,
            u.role_label_fa,
            orgName.get(u.organisation_id) ?? "—",
            u.disabled ? h("span", { class: "status s-rejected" }, "غیرفعال") : u.must_change_password ? "در انتظار تغییر گذرواژه" : "فعال",
            // Administrators do not disable or reset themselves here (their own password is
            // changed at sign-in).
            u.id === session()?.user.id ? "حساب خود شما" : h("div", { class: "actions" }, toggleButton(u, load), resetButton(u, secretSlot)),
          ]),
          "فهرست کاربران",
        ),
      );
    } catch (e) {
      replace(list, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    }
  };
  filter.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });

  const userForm = formCard(
    "کاربر تازه",
    "new-user-h",
    h(
      "div",
      { class: "grid" },
      field({ name: "username", label: "نام کاربری", required: true, ltr: true, autocomplete: "off" }),
      field({ name: "full_name", label: "نام و نام خانوادگی", required: true }),
      field({ name: "role", label: "نقش", required: true, options: Object.entries(ROLE_LABELS) }),
      field({ name: "organisation_id", label: "دستگاه", required: true, options: orgs.map((o) => [o.id, `${o.name} (${o.kind_label_fa})`]) }),
      field({ name: "position", label: "سمت (برای امضای مجوز)" }),
      field({ name: "mobile", label: "تلفن همراه", inputmode: "numeric", ltr: true }),
    ),
    h("p", { class: "hint" }, "گذرواژهٔ موقت را سامانه می‌سازد و فقط یک بار نشان می‌دهد؛ کاربر در نخستین ورود آن را تغییر می‌دهد."),
    h("button", { type: "submit" }, "ساخت کاربر"),
  );
  userForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(userForm)) return;
    const v = values(userForm);
    busy(userForm, true);
    try {
      const created = await ok(
        api.POST("/api/v1/users", {
          body: {
            username: v.get("username") ?? "",
            full_name: v.get("full_name") ?? "",
            role: v.get("role") as Schemas["Role"],
            organisation_id: v.get("organisation_id") ?? "",
            position: v.get("position") ?? null,
            mobile: v.get("mobile") ?? null,
          },
        }),
      );
      clearErrors(userForm);
      userForm.reset();
      const pw = (created as { temporary_password?: string | null }).temporary_password;
      replace(secretSlot, notice(`کاربر «${(created as Schemas["User"]).full_name}» ساخته شد.`), pw ? secretOnce("گذرواژهٔ موقت", pw) : null);
      await load();
    } catch (err) {
      showProblem(userForm, err);
    } finally {
      busy(userForm, false);
    }
  });

  const orgForm = formCard(
    "دستگاه تازه",
    "new-org-h",
    h(
      "div",
      { class: "grid" },
      field({ name: "name", label: "نام دستگاه", required: true }),
      field({ name: "kind", label: "نوع", required: true, options: Object.entries(ORG_KINDS) }),
      field({ name: "national_id", label: "شناسهٔ ملی (۱۱ رقم)", required: true, inputmode: "numeric", ltr: true }),
    ),
    h("button", { type: "submit" }, "ثبت دستگاه"),
  );
  orgForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(orgForm)) return;
    const v = values(orgForm);
    busy(orgForm, true);
    try {
      await ok(api.POST("/api/v1/organisations", { body: { name: v.get("name") ?? "", kind: v.get("kind") as Schemas["OrgKind"], national_id: v.get("national_id") ?? "" } }));
      // The screen is drawn again with the new organisation in its lists.
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (err) {
      showProblem(orgForm, err);
    } finally {
      busy(orgForm, false);
    }
  });

  await load();
  return page(
    "#/admin/users",
    "کاربران و دستگاه‌ها",
    "ساخت کاربر، غیرفعال کردن، و بازنشانی گذرواژه با گذرواژهٔ موقتی که فقط یک بار نمایش داده می‌شود.",
    secretSlot,
    filter,
    list,
    h("div", { class: "columns" }, userForm, orgForm),
    h(
      "details",
      { class: "card" },
      h("summary", null, `دستگاه‌ها (${fa(orgs.length)})`),
      table(["نام", "نوع", "شناسهٔ ملی"], orgs.map((o) => [o.name, o.kind_label_fa, fa(o.national_id)]), "فهرست دستگاه‌ها"),
    ),
  );
}

function toggleButton(u: Schemas["User"], reload: () => Promise<void>): HTMLElement {
  const b = h("button", { type: "button", class: u.disabled ? "secondary" : "secondary danger-text", "aria-label": `${u.disabled ? "فعال کردن" : "غیرفعال کردن"} ${u.full_name}` }, u.disabled ? "فعال کردن" : "غیرفعال کردن");
  b.addEventListener("click", async () => {
    if (!u.disabled && !confirm(`حساب «${u.full_name}» غیرفعال شود؟ نشست‌های باز او هم بسته می‌شود.`)) return;
    b.disabled = true;
    try {
      const tag = await etag(api.GET("/api/v1/users/{id}", { params: { path: { id: u.id } } }));
      await ok(api.PATCH("/api/v1/users/{id}", { params: { path: { id: u.id }, header: { "If-Match": tag } }, body: { disabled: !u.disabled } }));
      await reload();
    } catch (e) {
      b.disabled = false;
      b.after(h("span", { class: "error", role: "alert" }, messageOf(e)));
    }
  });
  return b;
}

function resetButton(u: Schemas["User"], slot: HTMLElement): HTMLElement {
  const b = h("button", { type: "button", class: "secondary", "aria-label": `بازنشانی گذرواژهٔ ${u.full_name}` }, "بازنشانی گذرواژه");
  b.addEventListener("click", async () => {
    if (!confirm(`گذرواژهٔ «${u.full_name}» بازنشانی شود؟ نشست‌های باز او بسته می‌شود.`)) return;
    b.disabled = true;
    try {
      const r = await ok(api.POST("/api/v1/users/{id}/password-reset", { params: { path: { id: u.id } } }));
      replace(slot, secretOnce(`گذرواژهٔ موقت ${u.full_name}`, r.temporary_password));
    } catch (e) {
      b.after(h("span", { class: "error", role: "alert" }, messageOf(e)));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

// ---------------------------------------------------------------------------------------------
// Service accounts.

export async function serviceAccountsScreen(): Promise<Node> {
  const orgs = (await ok(api.GET("/api/v1/organisations", { params: { query: { limit: 200 } } }))).items;
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const list = h("div", { "aria-live": "polite" });
  const secretSlot = h("div");
  const load = async (): Promise<void> => {
    try {
      const items = (await ok(api.GET("/api/v1/service-accounts", { params: { query: { limit: 200 } } }))).items;
      replace(
        list,
        table(
          ["نام", "شناسهٔ کلاینت", "نقش", "دستگاه", "آخرین استفاده", "آخرین چرخش رمز", "اقدام"],
          items.map((a) => [
            a.name,
            h("code", { dir: "ltr" }, a.client_id),
            a.role_label_fa,
            orgName.get(a.organisation_id) ?? "—",
            a.last_used_at_jalali ?? "هرگز",
            (a as { secret_rotated_at_jalali?: string | null }).secret_rotated_at_jalali ?? "—",
            a.disabled ? "غیرفعال" : rotateButton(a, secretSlot, load),
          ]),
          "فهرست حساب‌های سرویس",
        ),
      );
    } catch (e) {
      replace(list, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    }
  };
  const form = formCard(
    "حساب سرویس تازه",
    "new-sa-h",
    h(
      "div",
      { class: "grid" },
      field({ name: "name", label: "نام سامانهٔ متصل", required: true }),
      field({ name: "role", label: "نقش", required: true, options: (["directorate", "registry", "police"] as const).map((r) => [r, ROLE_LABELS[r]]) }),
      field({ name: "organisation_id", label: "دستگاه", required: true, options: orgs.map((o) => [o.id, o.name]) }),
    ),
    h("button", { type: "submit" }, "ساخت حساب"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    busy(form, true);
    try {
      const a = await ok(api.POST("/api/v1/service-accounts", { body: { name: v.get("name") ?? "", role: v.get("role") as Schemas["Role"], organisation_id: v.get("organisation_id") ?? "" } }));
      form.reset();
      clearErrors(form);
      replace(secretSlot, secretOnce(`رمز کلاینت ${a.name}`, a.client_secret));
      await load();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  await load();
  return page(
    "#/admin/service-accounts",
    "حساب‌های سرویس",
    "سامانه‌هایی که با شناسه و رمز کلاینت به API وصل می‌شوند. رمز فقط هنگام ساخت و چرخش نمایش داده می‌شود.",
    secretSlot,
    list,
    form,
  );
}

function rotateButton(a: Schemas["ServiceAccount"], slot: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const b = h("button", { type: "button", class: "secondary", "aria-label": `چرخش رمز ${a.name}` }, "چرخش رمز");
  b.addEventListener("click", async () => {
    if (!confirm(`رمز «${a.name}» عوض شود؟ رمز فعلی دیگر پذیرفته نمی‌شود.`)) return;
    b.disabled = true;
    try {
      const tag = await etag(api.GET("/api/v1/service-accounts/{id}", { params: { path: { id: a.id } } }));
      const r = await ok(api.POST("/api/v1/service-accounts/{id}/rotate-secret", { params: { path: { id: a.id }, header: { "If-Match": tag } } }));
      replace(slot, secretOnce(`رمز تازهٔ کلاینت ${a.name}`, r.client_secret));
      await reload();
    } catch (e) {
      b.disabled = false;
      b.after(h("span", { class: "error", role: "alert" }, messageOf(e)));
    }
  });
  return b;
}

// ---------------------------------------------------------------------------------------------
// Webhooks.

const EVENT_LABELS: Record<Schemas["EventType"], string> = {
  "request.submitted": "ثبت درخواست",
  "request.status_changed": "تغییر وضعیت درخواست",
  "permit.issued": "صدور مجوز",
  "permit.receipt_recorded": "ثبت اقدام پلیس",
  "permit.revoked": "ابطال مجوز",
  "permit.expired": "انقضای مجوز",
  "request.completed": "پایان پرونده",
  "complaint.received": "دریافت شکایت",
  "complaint.answered": "پاسخ شکایت",
  "notice.published": "انتشار اطلاعیه",
  "calendar.closure_declared": "اعلام تعطیلی",
  "receipt.record_attached": "پیوست صورت‌جلسه",
  "request.corrected": "اصلاح درخواست",
  "request.documents_overdue": "گذشتن مهلت مدارک",
};
const DELIVERY_LABELS: Record<Schemas["DeliveryStatus"], string> = { pending: "در انتظار", delivered: "تحویل شد", failed: "ناموفق" };

export async function webhooksScreen(): Promise<Node> {
  const list = h("div", { "aria-live": "polite" });
  const secretSlot = h("div");
  const deliveries = h("div", { "aria-live": "polite" });
  const load = async (): Promise<void> => {
    try {
      const items = (await ok(api.GET("/api/v1/webhooks"))).items;
      replace(
        list,
        table(
          ["نشانی", "رویدادها", "ثبت", "اقدام"],
          items.map((w) => [
            h("bdi", { dir: "ltr" }, w.url),
            w.types.map((t) => EVENT_LABELS[t] ?? t).join("، "),
            w.created_at_jalali,
            h(
              "div",
              { class: "actions" },
              action("تحویل‌ها", w.url, async () => showDeliveries(w, deliveries)),
              action("چرخش رمز", w.url, async () => {
                const r = await ok(api.POST("/api/v1/webhooks/{id}/rotate-secret", { params: { path: { id: w.id } } }));
                replace(secretSlot, secretOnce("رمز امضای تازهٔ وب‌هوک", r.secret));
              }),
              action("لغو اشتراک", w.url, async () => {
                if (!confirm("اشتراک این وب‌هوک لغو شود؟")) return;
                await ok(api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id: w.id } } }));
                replace(deliveries);
                await load();
              }),
            ),
          ]),
          "فهرست وب‌هوک‌ها",
        ),
      );
    } catch (e) {
      replace(list, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    }
  };
  const types = h(
    "fieldset",
    { class: "checks" },
    h("legend", null, "رویدادها"),
    Object.entries(EVENT_LABELS).map(([v, l]) => h("label", null, h("input", { type: "checkbox", name: "types", value: v }), l)),
  );
  const form = formCard(
    "اشتراک وب‌هوک تازه",
    "new-wh-h",
    field({ name: "url", label: "نشانی گیرنده (HTTPS)", required: true, ltr: true, type: "url", hint: "رویدادها با امضای استاندارد Standard Webhooks فرستاده می‌شوند." }),
    types,
    h("p", { class: "error", id: "types-err", hidden: true }),
    h("button", { type: "submit" }, "اشتراک"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const chosen = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="types"]:checked')).map((i) => i.value as Schemas["EventType"]);
    const url = (form.querySelector<HTMLInputElement>('[name="url"]')?.value ?? "").trim();
    busy(form, true);
    try {
      const w = await ok(api.POST("/api/v1/webhooks", { body: { url, types: chosen } }));
      form.reset();
      clearErrors(form);
      replace(secretSlot, secretOnce("رمز امضای وب‌هوک", w.secret));
      await load();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  await load();
  return page(
    "#/admin/webhooks",
    "وب‌هوک‌ها",
    "سامانه‌هایی که رویدادها را دریافت می‌کنند؛ تحویل‌های ناموفق دوباره فرستاده می‌شوند و از این‌جا هم می‌توان دوباره فرستاد.",
    secretSlot,
    list,
    deliveries,
    form,
  );
}

function action(text: string, subject: string, run: () => Promise<void>): HTMLElement {
  // The accessible name starts with the visible text (WCAG 2.5.3), then names what it acts on.
  const b = h("button", { type: "button", class: "secondary", "aria-label": `${text}: ${subject}` }, text);
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      await run();
    } catch (e) {
      b.after(h("span", { class: "error", role: "alert" }, messageOf(e)));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

async function showDeliveries(w: Schemas["Webhook"], slot: HTMLElement): Promise<void> {
  const items = (await ok(api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: w.id }, query: { limit: 50 } } }))).items;
  replace(
    slot,
    h(
      "div",
      { class: "card" },
      h("h2", null, "تحویل‌های ", h("bdi", { dir: "ltr" }, w.url)),
      table(
        ["وضعیت", "تلاش‌ها", "آخرین پاسخ", "خطا", "تلاش بعدی", "اقدام"],
        items.map((d) => [
          DELIVERY_LABELS[d.status] ?? d.status,
          fa(d.attempts),
          d.last_status ? fa(d.last_status) : "—",
          d.last_error ? h("bdi", { dir: "ltr" }, d.last_error) : "—",
          d.status === "delivered" ? "—" : d.next_attempt_at_jalali,
          d.status === "delivered"
            ? "—"
            : action("ارسال دوباره", `تحویل ${fa(d.attempts)} تلاش`, async () => {
                await ok(api.POST("/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry", { params: { path: { id: w.id, delivery_id: d.id } } }));
                await showDeliveries(w, slot);
              }),
        ]),
        "فهرست تحویل‌ها",
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Notices.

const NOTICE_KINDS: Record<Schemas["NoticeKind"], string> = {
  info: "اطلاع‌رسانی",
  maintenance: "نگهداری برنامه‌ریزی‌شده",
  outage: "اختلال در سامانه",
};

export async function noticesScreen(): Promise<Node> {
  const list = h("div", { "aria-live": "polite" });
  const load = async (): Promise<void> => {
    try {
      const items = (await ok(api.GET("/api/v1/notices"))).items;
      replace(
        list,
        table(
          ["عنوان", "نوع", "از", "تا", "فقط‌خواندنی", "اقدام"],
          items.map((n) => [
            n.title,
            n.kind_label_fa,
            n.starts_at_jalali,
            n.ends_at_jalali,
            n.read_only ? h("strong", null, "بله") : "خیر",
            action("حذف", n.title, async () => {
              if (!confirm(`اطلاعیهٔ «${n.title}» حذف شود؟`)) return;
              await ok(api.DELETE("/api/v1/notices/{id}", { params: { path: { id: n.id } } }));
              await load();
            }),
          ]),
          "فهرست اطلاعیه‌ها",
        ),
      );
    } catch (e) {
      replace(list, h("p", { class: "alert", role: "alert" }, messageOf(e)));
    }
  };
  const form = formCard(
    "اطلاعیهٔ تازه",
    "new-notice-h",
    h(
      "div",
      { class: "grid" },
      field({ name: "kind", label: "نوع", required: true, options: Object.entries(NOTICE_KINDS) }),
      field({ name: "title", label: "عنوان", required: true }),
      field({ name: "starts_date", label: "از تاریخ", required: true, date: true }),
      field({ name: "starts_time", label: "از ساعت", required: true, value: "۲۲:۰۰", ltr: true }),
      field({ name: "ends_date", label: "تا تاریخ", required: true, date: true }),
      field({ name: "ends_time", label: "تا ساعت", required: true, value: "۰۲:۰۰", ltr: true }),
    ),
    field({ name: "body", label: "متن", required: true, textarea: true }),
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", name: "read_only" }),
      "در این بازه سامانه فقط‌خواندنی باشد (ثبت و تغییر جز برای مدیران پذیرفته نمی‌شود)",
    ),
    h("button", { type: "submit" }, "انتشار"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!requiredFilled(form)) return;
    const v = values(form);
    const starts = toInstant(v.get("starts_date") ?? "", v.get("starts_time") ?? "");
    const ends = toInstant(v.get("ends_date") ?? "", v.get("ends_time") ?? "");
    if (!starts || !ends) {
      showProblem(form, new Failure(422, { type: "", title: "", status: 422, code: "validation_failed", detail: "تاریخ یا ساعت خوانا نیست (مانند ۱۴۰۵/۰۹/۲۰ و ۲۲:۰۰).", errors: [] }));
      return;
    }
    busy(form, true);
    try {
      await ok(
        api.POST("/api/v1/notices", {
          body: {
            kind: v.get("kind") as Schemas["NoticeKind"],
            title: v.get("title") ?? "",
            body: v.get("body") ?? "",
            starts_at: starts.toISOString(),
            ends_at: ends.toISOString(),
            read_only: form.querySelector<HTMLInputElement>('[name="read_only"]')?.checked ?? false,
          },
        }),
      );
      form.reset();
      clearErrors(form);
      await load();
    } catch (err) {
      showProblem(form, err);
    } finally {
      busy(form, false);
    }
  });
  await load();
  return page(
    "#/admin/notices",
    "اطلاعیه‌ها",
    "اطلاعیه‌های نگهداری و اختلال، و بازه‌هایی که سامانه در آن فقط‌خواندنی است.",
    list,
    form,
  );
}
