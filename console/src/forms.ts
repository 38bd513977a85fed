// Labelled fields, each with a slot for the problem the API names it in (`errors[].field`),
// and the form-level alert for the problem's `detail`.
import { Failure, messageOf, type Problem } from "./api.js";
import { h, uid, type Child } from "./dom.js";
import { ascii, fa } from "./fa.js";
import { datePicker } from "./jalali.js";

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: string;
  value?: string;
  options?: Array<[string, string]>;
  textarea?: boolean;
  ltr?: boolean;
  date?: boolean;
}

/** A labelled input (or select/textarea) named by the API's field path, e.g. `vehicle.plate`. */
export function field(o: FieldOptions): HTMLElement {
  const id = uid("f");
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = o.hint ? hintId : null;
  const common = {
    id,
    name: o.name,
    required: o.required ?? false,
    "aria-describedby": describedBy,
    "data-err": errId,
  };
  let control: HTMLElement;
  if (o.options) {
    control = h(
      "select",
      common,
      o.required ? h("option", { value: "" }, "انتخاب کنید") : h("option", { value: "" }, "—"),
      o.options.map(([v, l]) => h("option", { value: v, selected: v === o.value }, l)),
    );
  } else if (o.textarea) {
    control = h("textarea", { ...common, rows: 3 }, o.value ?? "");
  } else {
    control = h("input", {
      ...common,
      type: o.type ?? "text",
      autocomplete: o.autocomplete ?? null,
      inputmode: o.inputmode ?? null,
      value: o.value ?? null,
      dir: o.ltr ? "ltr" : null,
      placeholder: o.date ? "۱۴۰۵/۰۹/۱۵" : null,
    });
  }
  const label = h("label", { for: id }, o.label, o.required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null);
  return h(
    "div",
    { class: "field", "data-field": o.name },
    label,
    o.date && control instanceof HTMLInputElement ? h("div", { class: "date-row" }, control, datePicker(control)) : control,
    o.hint ? h("p", { class: "hint", id: hintId }, o.hint) : null,
    h("p", { class: "error", id: errId, hidden: true }),
  );
}

/** The form's values by field name, digits as ASCII, blanks omitted. */
export function values(form: HTMLFormElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
    if (!el.name || el.type === "file") continue;
    const v = el.value.trim();
    if (v !== "") out.set(el.name, el.type === "password" ? el.value : normalise(v));
  }
  return out;
}

function normalise(v: string): string {
  return ascii(v);
}

/** The form-level alert (created on first use, at the top of the form). */
function alertOf(form: HTMLFormElement): HTMLElement {
  let a = form.querySelector<HTMLElement>(":scope > .alert");
  if (!a) {
    a = h("div", { class: "alert", role: "alert", tabindex: "-1" });
    const title = form.querySelector(":scope > h1, :scope > h3");
    if (title) title.after(a);
    else form.prepend(a);
  }
  return a;
}

export function clearErrors(form: HTMLFormElement): void {
  form.querySelector(":scope > .alert")?.remove();
  for (const el of Array.from(form.querySelectorAll<HTMLElement>("[aria-invalid]"))) {
    el.removeAttribute("aria-invalid");
    const err = document.getElementById(el.dataset.err ?? "");
    if (err) {
      err.hidden = true;
      err.textContent = "";
    }
    const hint = el.getAttribute("aria-describedby")?.split(" ").filter((x) => !x.endsWith("-err")).join(" ");
    if (hint) el.setAttribute("aria-describedby", hint);
    else el.removeAttribute("aria-describedby");
  }
}

/** Shows a failure: each field error next to its field, the problem's detail above the form. */
export function showProblem(form: HTMLFormElement, e: unknown, extra: Child = null): void {
  clearErrors(form);
  const alert = alertOf(form);
  alert.replaceChildren();
  alert.append(messageOf(e));
  const unplaced: string[] = [];
  let first: HTMLElement | undefined;
  if (e instanceof Failure && e.problem) {
    for (const fe of e.problem.errors) {
      const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(fe.field)}"]`);
      const err = control ? document.getElementById(control.dataset.err ?? "") : null;
      if (!control || !err) {
        unplaced.push(fe.message);
        continue;
      }
      control.setAttribute("aria-invalid", "true");
      const d = control.getAttribute("aria-describedby");
      control.setAttribute("aria-describedby", d ? `${d} ${err.id}` : err.id);
      err.textContent = err.textContent ? `${err.textContent} ${fe.message}` : fe.message;
      err.hidden = false;
      first ??= control;
    }
  }
  if (unplaced.length) alert.append(h("ul", null, unplaced.map((m) => h("li", null, m))));
  if (extra) alert.append(h("div", null, extra));
  (first ?? alert).focus();
}

/** Disables the form's submit buttons while a call runs. */
export function busy(form: HTMLFormElement, on: boolean): void {
  form.setAttribute("aria-busy", String(on));
  for (const b of Array.from(form.querySelectorAll<HTMLButtonElement>("button[type=submit]"))) b.disabled = on;
}

/** A status line announced politely (saved, sent, …). */
export function notice(text: string): HTMLElement {
  return h("p", { class: "notice", role: "status" }, text);
}

export const faCount = (n: number): string => fa(n);

/**
 * Checks the form's required fields before sending: the API reports a missing or empty choice
 * (an enum) on its own, one at a time, so every empty required field is marked here at once,
 * with the API's own wording. Returns false (and shows the problems) when one is empty.
 */
export function requiredFilled(form: HTMLFormElement): boolean {
  const errors: Problem["errors"] = [];
  for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[required]"))) {
    if (el.value.trim() === "") errors.push({ field: el.name, code: "required", message: "این فیلد الزامی است." });
  }
  if (!errors.length) return true;
  const problem: Problem = {
    type: "urn:plate-permits:problem:validation_failed",
    title: "درخواست نامعتبر",
    status: 422,
    detail: "یک یا چند فیلد نامعتبر است.",
    code: "validation_failed",
    errors,
  };
  showProblem(form, new Failure(422, problem));
  return false;
}
