// A small Jalali date picker for a text input holding `YYYY/MM/DD` (the API accepts Jalali
// dates as they are): a button opens a month grid (Saturday first), arrows change the month,
// each day is a button read as its full date.
import { jalaaliMonthLength, toGregorian, toJalaali } from "jalaali-js";
import { h } from "./dom.js";
import { ascii, fa } from "./fa.js";

const MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
const WEEKDAYS = ["ش", "ی", "د", "س", "چ", "پ", "ج"];
const WEEKDAY_NAMES = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"];

const pad = (n: number): string => String(n).padStart(2, "0");

export function today(): { jy: number; jm: number; jd: number } {
  return toJalaali(new Date());
}

/** `YYYY/MM/DD` in Persian digits. */
export function format(jy: number, jm: number, jd: number): string {
  return fa(`${jy}/${pad(jm)}/${pad(jd)}`);
}

/** An ISO date (`2026-12-10`) as a Jalali date in Persian digits (`۱۴۰۵/۰۹/۱۹`). */
export function fromIso(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return fa(iso);
  const j = toJalaali(Number(m[1]), Number(m[2]), Number(m[3]));
  return format(j.jy, j.jm, j.jd);
}

/**
 * A Jalali date (`YYYY/MM/DD`, either digits) and a wall-clock `HH:MM` in this browser's time
 * zone as a Date; undefined when either cannot be read.
 */
export function toInstant(jalaliDate: string, hm: string): Date | undefined {
  const d = parse(jalaliDate.trim());
  const t = ascii(hm.trim()).match(/^(\d{1,2}):(\d{2})$/);
  if (!d || !t) return undefined;
  const g = toGregorian(d.jy, d.jm, d.jd);
  return new Date(g.gy, g.gm - 1, g.gd, Number(t[1]), Number(t[2]));
}

function parse(v: string): { jy: number; jm: number; jd: number } | undefined {
  const m = ascii(v).match(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/);
  if (!m) return undefined;
  return { jy: Number(m[1]), jm: Number(m[2]), jd: Number(m[3]) };
}

export function datePicker(input: HTMLInputElement): HTMLElement {
  const panel = h("div", { class: "picker", role: "group", hidden: true });
  const button = h(
    "button",
    { type: "button", class: "secondary", "aria-expanded": "false", "aria-label": "انتخاب تاریخ از تقویم" },
    "تقویم",
  );
  let view = today();
  const draw = (): void => {
    const { jy, jm } = view;
    const g = toGregorian(jy, jm, 1);
    const offset = (new Date(g.gy, g.gm - 1, g.gd).getDay() + 1) % 7;
    const len = jalaaliMonthLength(jy, jm);
    const cells: HTMLElement[] = [];
    for (let i = 0; i < offset; i++) cells.push(h("span", { class: "blank" }));
    for (let d = 1; d <= len; d++) {
      const wd = (offset + d - 1) % 7;
      cells.push(
        h(
          "button",
          {
            type: "button",
            class: "day",
            "aria-label": `${WEEKDAY_NAMES[wd]} ${fa(d)} ${MONTHS[jm - 1]} ${fa(jy)}`,
            onclick: () => {
              input.value = format(jy, jm, d);
              close();
              input.focus();
            },
          },
          fa(d),
        ),
      );
    }
    const move = (delta: number): void => {
      let m = jm + delta;
      let y = jy;
      if (m < 1) (m = 12), (y -= 1);
      if (m > 12) (m = 1), (y += 1);
      view = { jy: y, jm: m, jd: 1 };
      draw();
      panel.querySelector<HTMLElement>(delta < 0 ? ".prev" : ".next")?.focus();
    };
    panel.replaceChildren(
      h(
        "div",
        { class: "picker-head" },
        h("button", { type: "button", class: "prev secondary", "aria-label": "ماه قبل", onclick: () => move(-1) }, "›"),
        h("strong", { "aria-live": "polite" }, `${MONTHS[jm - 1]} ${fa(jy)}`),
        h("button", { type: "button", class: "next secondary", "aria-label": "ماه بعد", onclick: () => move(1) }, "‹"),
      ),
      h("div", { class: "picker-grid" }, WEEKDAYS.map((w, i) => h("abbr", { title: WEEKDAY_NAMES[i] ?? "", class: "wd" }, w)), cells),
    );
  };
  const close = (): void => {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  button.addEventListener("click", () => {
    if (!panel.hidden) return close();
    view = parse(input.value) ?? today();
    draw();
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    panel.querySelector<HTMLElement>(".day")?.focus();
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      close();
      button.focus();
    }
  });
  return h("span", { class: "picker-wrap" }, button, panel);
}
