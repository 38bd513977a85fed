// A request's page, for whoever may see it: the plate, the SLA clock, the details, the history
// as a timeline, the documents (viewed inline) with upload, and only the actions the API's
// `allowed_actions` offers. Every state change sends `If-Match` with the version shown; a 412
// says "changed by someone else" and reloads the page's facts while the forms keep their input.
import {
  api,
  getAccessToken,
  ifMatch,
  messageOf,
  ok,
  Failure,
  type Action,
  type DocumentView,
  type PermitView,
  type RequestView,
  type Schemas,
} from "../api.js";
import { h, replace, type Child } from "../dom.js";
import { ascii, bytes, fa, grouped } from "../fa.js";
import { busy, field, notice, requiredFilled, showProblem, values } from "../forms.js";
import { fromIso, toInstant } from "../jalali.js";
import { plate } from "../plate.js";
import { session } from "../session.js";
import { DOCUMENT_TYPES, REJECTION_REASONS, REVOKE_REASONS } from "../vocab.js";
import { printPermit } from "./print.js";

interface State {
  r: RequestView;
  /** The request's current permit, when one was issued (its version is the revoke's If-Match). */
  permit?: PermitView;
}

export async function requestPage(id: string): Promise<Node> {
  let r: RequestView;
  try {
    r = await ok(api.GET("/api/v1/requests/{id}", { params: { path: { id } } }));
  } catch (e) {
    return h("section", { class: "card" }, h("h1", null, "پرونده"), h("p", { class: "alert", role: "alert" }, messageOf(e)));
  }
  const state: State = { r };
  const summary = h("div");
  const history = h("section", { class: "card", "aria-labelledby": "hist-h" });
  const documents = h("section", { class: "card", "aria-labelledby": "docs-h" });
  const permit = h("div");
  const actions = h("section", { class: "card actions-panel", "aria-labelledby": "act-h" });
  const feedback = h("div");

  const refresh = async (): Promise<void> => {
    state.r = await ok(api.GET("/api/v1/requests/{id}", { params: { path: { id } } }));
    await drawFacts();
  };
  const drawFacts = async (): Promise<void> => {
    replace(summary, facts(state.r));
    const [hist, docs, asks] = await Promise.all([
      ok(api.GET("/api/v1/requests/{id}/history", { params: { path: { id } } })).catch(() => undefined),
      ok(api.GET("/api/v1/requests/{id}/documents", { params: { path: { id } } })).catch(() => undefined),
      ok(api.GET("/api/v1/requests/{id}/document-requests", { params: { path: { id } } })).catch(() => undefined),
    ]);
    replace(history, h("h2", { id: "hist-h" }, "سابقهٔ پرونده"), hist ? timeline(hist.items) : h("p", null, "سابقه در دسترس نیست."));
    replace(
      documents,
      h("h2", { id: "docs-h" }, "مدارک"),
      asks && asks.items.length ? askedDocuments(asks.items) : null,
      docs ? documentList(docs.items) : null,
      canUpload(state.r) ? uploader(id, refresh) : null,
    );
    state.permit = await currentPermit(state.r);
    replace(permit, state.permit ? permitBox(state.permit) : null);
    drawActions();
    replace(feedback, feedbackBox(state.r));
  };
  // Forms are kept across reloads, so what the user typed survives a 412 and its reload.
  const forms = new Map<Action, Node>();
  const drawActions = (): void => {
    const offered = state.r.allowed_actions.filter((a) => a in FORMS);
    replace(
      actions,
      h("h2", { id: "act-h" }, "اقدام‌ها"),
      offered.length
        ? offered.map((a) => {
            let form = forms.get(a);
            if (!form) {
              form = FORMS[a]?.(state, refresh) ?? h("span");
              forms.set(a, form);
            }
            return form;
          })
        : h("p", { class: "empty" }, "در وضعیت کنونی اقدامی از شما انتظار نمی‌رود."),
    );
  };
  await drawFacts();
  return h(
    "div",
    { class: "request-page" },
    h("div", { id: "page-status" }),
    summary,
    permit,
    h("div", { class: "columns" }, h("div", null, actions, feedback, documents), history),
  );
}

function canUpload(r: RequestView): boolean {
  return ["submitted", "under_review", "awaiting_documents"].includes(r.status) && r.contact !== null && r.allowed_actions.length > 0;
}

function dl(rows: Array<[string, Child]>): HTMLElement {
  return h("dl", { class: "facts" }, rows.filter(([, v]) => v !== null && v !== "").map(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

/** Persian names of the fields a correction may change (the API's `corrected_fields`). */
const FIELD_LABELS: Record<string, string> = {
  "vehicle.plate": "پلاک",
  "vehicle.chassis_number": "شمارهٔ شاسی",
  "vehicle.vin": "شمارهٔ VIN",
  "vehicle.engine_number": "شمارهٔ موتور",
  "vehicle.make": "سازنده",
  "vehicle.model": "مدل",
  "vehicle.year": "سال ساخت",
  "vehicle.vehicle_type": "نوع خودرو",
  "vehicle.vehicle_colour": "رنگ",
  "letter.number": "شمارهٔ نامهٔ دستگاه",
  "letter.date": "تاریخ نامه",
  "contact.name": "نام رابط",
  "contact.mobile": "شمارهٔ همراه رابط",
  "representative": "نماینده",
  "representative.full_name": "نام نماینده",
  "representative.national_code": "کد ملی نماینده",
  "representative.mobile": "شمارهٔ همراه نماینده",
};

function facts(r: RequestView): Node {
  const v = r.vehicle;
  return h(
    "section",
    { class: "card", "aria-labelledby": "req-h" },
    h(
      "div",
      { class: "title-row" },
      h("h1", { id: "req-h" }, "پرونده ", h("bdi", { dir: "ltr" }, grouped(r.tracking_code))),
      h("span", { class: `status s-${r.status}` }, r.status_label_fa),
    ),
    h("div", { class: "plate-row" }, plate(v.plate_parts, "large")),
    h(
      "div",
      { class: `sla${r.sla.overdue ? " overdue" : ""}` },
      h("strong", null, r.sla.stage_label_fa ?? "بدون مرحلهٔ باز"),
      " — ",
      r.sla.clock_label_fa,
      r.sla.due_at_jalali ? [" — مهلت: ", r.sla.due_at_jalali] : null,
      r.sla.remaining_working_days !== null && r.sla.remaining_working_days !== undefined
        ? [" — ", fa(Math.abs(r.sla.remaining_working_days).toFixed(1)), r.sla.remaining_working_days < 0 ? " روز کاری دیرکرد" : " روز کاری مانده"]
        : null,
    ),
    r.corrected_since_review
      ? h(
          "p",
          { class: "corrected", role: "status" },
          "دستگاه پس از آخرین اقدام اداره کل این موارد را اصلاح کرده است: ",
          r.corrected_fields.map((f) => FIELD_LABELS[f] ?? f).join("، "),
          r.corrected_at_jalali ? ` (${fa(r.corrected_at_jalali)})` : "",
        )
      : null,
    dl([
      ["خودرو", `${v.vehicle_type_label_fa} ${v.make} ${v.model} — سال ${fa(v.year)}${v.vehicle_colour ? ` — ${v.vehicle_colour}` : ""}`],
      ["VIN / شاسی", h("bdi", { dir: "ltr" }, v.vin ?? v.chassis_number ?? "—")],
      ["شمارهٔ موتور", h("bdi", { dir: "ltr" }, v.engine_number)],
      ["علت", `${r.reason_label_fa}${r.reason_details ? ` — ${r.reason_details}` : ""}`],
      ["نامهٔ دستگاه", `${fa(r.letter.number)} مورخ ${fa(r.letter.date_jalali ?? r.letter.date)}`],
      ["رابط", r.contact ? `${r.contact.name} — ${fa(r.contact.mobile)}` : null],
      ["نماینده", r.representative ? `${r.representative.full_name} — کد ملی ${fa(r.representative.national_code)}` : null],
      ["علت رد", r.rejection_reason_label_fa ?? null],
      ["ثبت", r.created_at_jalali],
      ["آخرین تغییر", r.updated_at_jalali],
    ]),
    h(
      "p",
      { class: "links" },
      h("a", { href: `#/requests/${r.id}/receipt` }, "رسید ثبت درخواست"),
      session()?.user.role === "agency" ? [" · ", h("a", { href: `#/complaints/new/${r.tracking_code}` }, "ثبت شکایت دربارهٔ این پرونده")] : null,
    ),
  );
}

function timeline(items: Schemas["HistoryEntry"][]): Node {
  return h(
    "ol",
    { class: "timeline" },
    items.map((e) =>
      h(
        "li",
        null,
        h("time", { datetime: e.at }, e.at_jalali),
        h("strong", null, e.to_label_fa),
        h("span", { class: "actor" }, `${e.actor.full_name} (${e.actor.role_label_fa})`),
        e.note ? h("p", { class: "note" }, e.note) : null,
      ),
    ),
  );
}

function askedDocuments(items: Schemas["DocumentRequestView"][]): Node {
  return h(
    "div",
    { class: "asked" },
    h("h3", null, "مدارک خواسته‌شده"),
    items.map((a) =>
      h(
        "div",
        { class: "ask" },
        h("p", null, a.message),
        h("ul", null, a.items.map((i) => h("li", null, i.document_type_label_fa, i.description ? ` — ${i.description}` : "", i.fulfilled ? " ✓ بارگذاری شد" : " — بارگذاری نشده"))),
        a.due_date ? h("p", { class: "hint" }, "مهلت: ", fromIso(a.due_date)) : null,
      ),
    ),
  );
}

async function blobOf(doc: DocumentView): Promise<string> {
  const res = await fetch(`/api/v1/documents/${doc.id}/content`, {
    headers: { Authorization: `Bearer ${getAccessToken() ?? ""}`, "Accept-Language": "fa" },
  });
  if (!res.ok) throw new Failure(res.status, undefined);
  return URL.createObjectURL(await res.blob());
}

function documentList(items: DocumentView[]): Node {
  if (!items.length) return h("p", { class: "empty" }, "مدرکی بارگذاری نشده است.");
  return h(
    "ul",
    { class: "docs" },
    items.map((d) => {
      const viewer = h("div", { class: "viewer" });
      const label = `${d.document_type_label_fa} — ${d.filename}`;
      return h(
        "li",
        null,
        h("span", null, label),
        h("span", { class: "hint" }, ` ${bytes(d.size)} — ${d.uploaded_at_jalali} `),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              try {
                const url = await blobOf(d);
                if (d.content_type === "application/pdf") {
                  const a = h("a", { href: url, target: "_blank", rel: "noopener" }, "باز کردن PDF در زبانهٔ تازه");
                  replace(viewer, a);
                  window.open(url, "_blank", "noopener");
                } else {
                  replace(viewer, h("img", { src: url, alt: label }));
                }
              } catch (e) {
                replace(viewer, h("p", { class: "alert", role: "alert" }, messageOf(e)));
              }
            },
          },
          "نمایش",
        ),
        viewer,
      );
    }),
  );
}

/** Upload with drag-and-drop and a progress bar (XMLHttpRequest reports upload progress). */
function uploader(id: string, done: () => Promise<void>): Node {
  const fileInput = h("input", { type: "file", name: "file", accept: "application/pdf,image/jpeg,image/png", id: `up-${id}`, "data-err": `up-${id}-err` });
  const progress = h("progress", { max: "100", value: "0", hidden: true, "aria-label": "پیشرفت بارگذاری" });
  const form = h(
    "form",
    { class: "upload", novalidate: true },
    h("h3", null, "بارگذاری مدرک"),
    field({ name: "document_type", label: "نوع مدرک", required: true, options: Object.entries(DOCUMENT_TYPES).filter(([k]) => k !== "removal_record") }),
    h(
      "div",
      { class: "field drop", "data-field": "file" },
      h("label", { for: `up-${id}` }, "پرونده (PDF، JPEG یا PNG) — یا آن را به اینجا بکشید"),
      fileInput,
      h("p", { class: "error", id: `up-${id}-err`, hidden: true }),
    ),
    progress,
    h("button", { type: "submit" }, "بارگذاری"),
  );
  form.addEventListener("dragover", (e) => {
    e.preventDefault();
    form.classList.add("dragging");
  });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    form.classList.remove("dragging");
    if (e.dataTransfer?.files.length) fileInput.files = e.dataTransfer.files;
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!requiredFilled(form)) return;
    const file = fileInput.files?.[0];
    const type = values(form).get("document_type") ?? "";
    const data = new FormData();
    data.append("document_type", type);
    if (file) data.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/requests/${id}/documents`);
    xhr.setRequestHeader("Authorization", `Bearer ${getAccessToken() ?? ""}`);
    xhr.setRequestHeader("Accept-Language", "fa");
    progress.hidden = false;
    progress.value = 0;
    busy(form, true);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", () => {
      busy(form, false);
      if (xhr.status === 201) {
        progress.value = 100;
        void done();
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
      showProblem(form, new Error("network"));
    });
    xhr.send(data);
  });
  return form;
}

/** The request's newest permit (the list is newest first), when it has one. */
async function currentPermit(r: RequestView): Promise<PermitView | undefined> {
  if (!["permit_issued", "permit_expired", "plate_removed", "removal_refused", "completed"].includes(r.status)) return undefined;
  try {
    const page = await ok(api.GET("/api/v1/permits", { params: { query: { plate: r.vehicle.plate, limit: 20 } } }));
    return page.items.find((x) => x.request_id === r.id && x.status !== "revoked") ?? page.items.find((x) => x.request_id === r.id);
  } catch {
    return undefined;
  }
}

function permitBox(permit: PermitView): Node {
  return h(
    "section",
    { class: "card", "aria-labelledby": "permit-h" },
    h("h2", { id: "permit-h" }, "مجوز فک پلاک"),
    dl([
      ["شمارهٔ مجوز", h("bdi", { dir: "ltr" }, grouped(permit.permit_number))],
      ["شمارهٔ سامانهٔ جامع", h("bdi", { dir: "ltr" }, fa(permit.national_permit_number))],
      ["وضعیت", permit.status_label_fa],
      ["صدور", permit.issued_at_jalali],
      ["اعتبار تا", permit.valid_until_jalali_time],
    ]),
    h("button", { type: "button", onclick: () => void printPermit(permit.id) }, "چاپ مجوز"),
  );
}

type ActionForm = (s: State, refresh: () => Promise<void>) => Node;

/** Says what just happened in the page's status line (read out by screen readers). */
function announce(text: string): void {
  const line = document.getElementById("page-status");
  if (line) replace(line, notice(text));
}

/** A form that runs `send` with the version shown; 412 offers a reload that keeps the input. */
function actionForm(title: string, submit: string, fields: Node[], send: (version: number, v: Map<string, string>) => Promise<unknown>, s: State, refresh: () => Promise<void>, danger = false): Node {
  const form = h("form", { class: "action", novalidate: true }, h("h3", null, title), fields, h("button", { type: "submit", class: danger ? "danger" : null }, submit));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!requiredFilled(form)) return;
    busy(form, true);
    try {
      await send(s.r.version, values(form));
      form.reset();
      await refresh();
      announce(`${title}: ثبت شد.`);
    } catch (e) {
      const reload =
        e instanceof Failure && e.status === 412
          ? h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: async () => {
                  try {
                    await refresh();
                    announce("آخرین وضعیت پرونده بارگذاری شد؛ آنچه وارد کرده بودید حفظ شده است.");
                  } catch (err) {
                    showProblem(form, err);
                  }
                },
              },
              "بارگذاری آخرین وضعیت",
            )
          : null;
      showProblem(form, e, reload);
    } finally {
      busy(form, false);
    }
  });
  return form;
}

const path = (s: State) => ({ path: { id: s.r.id } });
const header = (version: number) => ({ "If-Match": ifMatch(version) });

const FORMS: Partial<Record<Action, ActionForm>> = {
  review: (s, refresh) =>
    actionForm("بررسی", "برداشتن پرونده برای بررسی", [], (ver) => ok(api.POST("/api/v1/requests/{id}/review", { params: { ...path(s), header: header(ver) } })), s, refresh),
  request_documents: (s, refresh) =>
    actionForm(
      "درخواست مدارک تکمیلی",
      "ارسال درخواست مدارک",
      [
        field({ name: "message", label: "پیام به دستگاه", required: true, textarea: true }),
        field({ name: "document_type", label: "مدرک لازم", required: true, options: Object.entries(DOCUMENT_TYPES).filter(([k]) => k !== "removal_record") }),
        field({ name: "items.0.description", label: "شرح مدرک" }),
        field({ name: "due_date", label: "مهلت ارائه", date: true }),
      ],
      (ver, v) =>
        ok(
          api.POST("/api/v1/requests/{id}/document-requests", {
            params: { ...path(s), header: header(ver) },
            body: {
              message: v.get("message") ?? "",
              items: [{ document_type: (v.get("document_type") ?? "") as Schemas["DocumentType"], description: v.get("items.0.description") ?? null }],
              due_date: v.get("due_date") ?? null,
            },
          }),
        ),
      s,
      refresh,
    ),
  issue_permit: (s, refresh) =>
    actionForm(
      "تأیید و صدور مجوز",
      "صدور مجوز",
      [
        field({ name: "national_permit_number", label: "شمارهٔ مجوز در سامانهٔ جامع خودرو", required: true, ltr: true }),
        field({ name: "valid_until", label: "اعتبار تا", required: true, date: true }),
        field({ name: "notes", label: "یادداشت", textarea: true }),
      ],
      (ver, v) =>
        ok(
          api.POST("/api/v1/requests/{id}/permit", {
            params: { ...path(s), header: header(ver) },
            body: { national_permit_number: v.get("national_permit_number") ?? "", valid_until: v.get("valid_until") ?? "", notes: v.get("notes") ?? null },
          }),
        ),
      s,
      refresh,
    ),
  correct: (s, refresh) => {
    // Prefilled with the request as it stands; only the fields the clerk changed are sent (the
    // API checks the whole request again as at filing). After a correction the form keeps the
    // new values, so a second correction starts from them.
    const r = s.r;
    const now: Array<[string, string]> = [
      ["vehicle.plate", r.vehicle.plate],
      ["vehicle.chassis_number", r.vehicle.chassis_number ?? ""],
      ["vehicle.vin", r.vehicle.vin ?? ""],
      ["letter.number", r.letter.number],
      ["letter.date", fromIso(r.letter.date)],
      ["contact.name", r.contact?.name ?? ""],
      ["contact.mobile", r.contact?.mobile ?? ""],
    ];
    const node = actionForm(
      "اصلاح اطلاعات درخواست",
      "ثبت اصلاح",
      now.map(([name, value]) =>
        field({ name, label: FIELD_LABELS[name] ?? name, value, date: name === "letter.date", ltr: name.startsWith("vehicle.") && name !== "vehicle.plate" }),
      ),
      (ver, v) => {
        const changed = (name: string, before: string): string | undefined => {
          const after = v.get(name) ?? "";
          return after !== ascii(before).trim() ? after : undefined;
        };
        const body: Schemas["CorrectRequest"] = {};
        const vehicle: Schemas["VehiclePatch"] = {};
        const letter: Schemas["LetterPatch"] = {};
        const contact: Schemas["ContactPatch"] = {};
        for (const [name, before] of now) {
          const after = changed(name, before);
          if (after === undefined) continue;
          const [group, key] = name.split(".") as [string, string];
          if (group === "vehicle") (vehicle as Record<string, string>)[key] = after;
          else if (group === "letter") (letter as Record<string, string>)[key] = after;
          else (contact as Record<string, string>)[key] = after;
        }
        if (Object.keys(vehicle).length) body.vehicle = vehicle;
        if (Object.keys(letter).length) body.letter = letter;
        if (Object.keys(contact).length) body.contact = contact;
        return ok(api.PATCH("/api/v1/requests/{id}", { params: { ...path(s), header: header(ver) }, body })).then((out) => {
          for (const el of Array.from((node as HTMLElement).querySelectorAll("input"))) el.defaultValue = el.value;
          return out;
        });
      },
      s,
      refresh,
    );
    return node;
  },
  revoke: (s, refresh) =>
    actionForm(
      "ابطال مجوز",
      "ابطال مجوز",
      [
        field({ name: "reason_code", label: "علت ابطال", required: true, options: Object.entries(REVOKE_REASONS) }),
        field({ name: "notes", label: "توضیح", textarea: true, hint: "برای علت «سایر» الزامی است" }),
      ],
      (_ver, v) => {
        const permit = s.permit;
        if (!permit) throw new Failure(404, undefined);
        const code = (v.get("reason_code") ?? "") as keyof typeof REVOKE_REASONS;
        const notes = v.get("notes") ?? null;
        const body: Schemas["RevokePermit"] = code === "other" ? { reason_code: "other", notes: notes ?? "" } : { reason_code: code, notes };
        return ok(api.POST("/api/v1/permits/{id}/revoke", { params: { path: { id: permit.id }, header: header(permit.version) }, body }));
      },
      s,
      refresh,
      true,
    ),
  register: (s, refresh) =>
    actionForm(
      "ثبت فک پلاک در سامانهٔ جامع خودرو",
      "ثبت در سامانهٔ جامع",
      [
        field({ name: "national_registration_number", label: "شمارهٔ ثبت در سامانهٔ جامع", required: true, ltr: true }),
        field({ name: "registered_at", label: "تاریخ ثبت", required: true, date: true }),
        field({ name: "registered_time", label: "ساعت ثبت", type: "time", required: true, ltr: true, value: nowHm() }),
      ],
      (ver, v) =>
        ok(
          api.POST("/api/v1/requests/{id}/registration", {
            params: { ...path(s), header: header(ver) },
            body: { national_registration_number: v.get("national_registration_number") ?? "", registered_at: instant(v.get("registered_at") ?? "", v.get("registered_time") ?? "") },
          }),
        ),
      s,
      refresh,
    ),
  reject: (s, refresh) =>
    actionForm(
      "رد درخواست",
      "رد درخواست",
      [
        field({ name: "reason_code", label: "علت رد", required: true, options: Object.entries(REJECTION_REASONS) }),
        field({ name: "reason", label: "شرح علت", required: true, textarea: true }),
      ],
      (ver, v) =>
        ok(
          api.POST("/api/v1/requests/{id}/reject", {
            params: { ...path(s), header: header(ver) },
            body: { reason_code: (v.get("reason_code") ?? "") as Schemas["RejectionReason"], reason: v.get("reason") ?? "" },
          }),
        ),
      s,
      refresh,
      true,
    ),
  resubmit: (s, refresh) =>
    actionForm(
      "ارسال دوباره پس از تکمیل مدارک",
      "ارسال دوباره",
      [field({ name: "note", label: "یادداشت", textarea: true })],
      (ver, v) => ok(api.POST("/api/v1/requests/{id}/resubmit", { params: { ...path(s), header: header(ver) }, body: { note: v.get("note") ?? null } })),
      s,
      refresh,
    ),
  withdraw: (s, refresh) =>
    actionForm(
      "انصراف از درخواست",
      "انصراف",
      [field({ name: "reason", label: "علت انصراف", required: true, textarea: true })],
      (ver, v) => ok(api.POST("/api/v1/requests/{id}/withdraw", { params: { ...path(s), header: header(ver) }, body: { reason: v.get("reason") ?? "" } })),
      s,
      refresh,
      true,
    ),
};

/** The current wall-clock time as `HH:MM`. */
function nowHm(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/**
 * A Jalali date (`۱۴۰۵/۰۹/۱۵`) and a wall-clock time (`HH:MM`, this browser's time zone) as an
 * RFC 3339 instant; what cannot be read is sent as typed, for the API to name at its field.
 */
function instant(jalaliDate: string, hm: string): string {
  const d = toInstant(jalaliDate, hm);
  return d ? d.toISOString() : jalaliDate;
}

/** The agency rates a finished request once (`POST /requests/{id}/feedback`). */
function feedbackBox(r: RequestView): Node | null {
  if (session()?.user.role !== "agency" || !["completed", "rejected"].includes(r.status)) return null;
  const errId = `fb-${r.id}-err`;
  const labels = ["۱ — ضعیف", "۲", "۳", "۴", "۵ — عالی"];
  const form = h(
    "form",
    { class: "card action feedback", novalidate: true, "aria-labelledby": "fb-h" },
    h("h2", { id: "fb-h" }, "نظر شما دربارهٔ رسیدگی"),
    h(
      "fieldset",
      { class: "rating" },
      h("legend", null, "امتیاز (از ۱ تا ۵)"),
      labels.map((l, i) => h("label", null, h("input", { type: "radio", name: "rating", value: String(i + 1), "data-err": errId }), l)),
    ),
    h("p", { class: "error", id: errId, hidden: true }),
    field({ name: "comment", label: "توضیح (اختیاری)", textarea: true }),
    h("button", { type: "submit" }, "ثبت نظر"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const picked = form.querySelector<HTMLInputElement>('input[name="rating"]:checked');
    busy(form, true);
    try {
      await ok(
        api.POST("/api/v1/requests/{id}/feedback", {
          params: { path: { id: r.id } },
          body: { rating: picked ? Number(picked.value) : 0, comment: values(form).get("comment") ?? null },
        }),
      );
      replace(form, h("h2", { id: "fb-h" }, "نظر شما دربارهٔ رسیدگی"), notice("نظر شما ثبت شد. سپاس از همکاری شما."));
    } catch (e) {
      showProblem(form, e);
    } finally {
      busy(form, false);
    }
  });
  return form;
}
