// Charts in plain SVG, right to left: the value axis grows from the right, time runs from the
// right (oldest) to the left (newest), every number in Persian digits. Each chart is a figure
// with its data table beside it (the table is what a screen reader reads; the SVG is an image
// with a one-sentence summary). Built with createElementNS and presentation attributes only,
// so the console's CSP (no inline style) holds.
import { h, uid } from "./dom.js";
import { fa } from "./fa.js";

const NS = "http://www.w3.org/2000/svg";

function s(tag: string, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** A number as people read it: Persian digits, the Persian decimal separator, at most 2 decimals. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  const r = Math.round(v * 100) / 100;
  return fa(String(r)).replace(".", "٫");
}

/** Round tick values from 0 to at least `max` (about five of them). */
function ticks(max: number): number[] {
  const top = max <= 0 ? 1 : max;
  const raw = top / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= top + step * 0.999; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

export interface Series {
  name: string;
  /** One value per category (`null`: no figure). */
  values: Array<number | null>;
  /** Colour class: `c1`, `c2` (styles.css). */
  cls: string;
}

interface ChartOptions {
  id: string;
  title: string;
  summary: string;
  categories: string[];
  series: Series[];
  unit: string;
  /** Shorter labels for the axis (default: the categories). */
  axisLabels?: string[];
  /** Extra columns of the data table (after the series), e.g. the budget. */
  extra?: { name: string; values: string[] };
}

function legend(series: Series[]): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-hidden": "true" },
    series.map((x) => h("li", null, h("span", { class: `swatch ${x.cls}` }), x.name)),
  );
}

function dataTable(o: ChartOptions, firstHeader: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap chart-table", tabindex: "0", role: "region", "aria-label": `جدول داده‌های ${o.title}` },
    h(
      "table",
      null,
      h("caption", null, `${o.title} (${o.unit})`),
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, firstHeader), o.series.map((x) => h("th", { scope: "col" }, x.name)), o.extra ? h("th", { scope: "col" }, o.extra.name) : null),
      ),
      h(
        "tbody",
        null,
        o.categories.map((c, i) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, c),
            o.series.map((x) => h("td", null, num(x.values[i]))),
            o.extra ? h("td", null, o.extra.values[i] ?? "—") : null,
          ),
        ),
      ),
    ),
  );
}

/** Horizontal bars, one group per category, growing from the right. */
export function barChart(o: ChartOptions): HTMLElement {
  const W = 640;
  const labelW = 190;
  const barH = 16;
  const gap = 4;
  const groupGap = 14;
  const top = 10;
  const axisH = 28;
  const groupH = o.series.length * (barH + gap) - gap;
  const H = top + o.categories.length * (groupH + groupGap) + axisH;
  const x0 = W - labelW; // zero, on the right
  const left = 24;
  const max = Math.max(0, ...o.series.flatMap((x) => x.values.map((v) => v ?? 0)));
  const t = ticks(max);
  const top_ = t[t.length - 1] ?? 1;
  const xOf = (v: number): number => x0 - (v / top_) * (x0 - left);
  const titleId = uid("chart-t");
  const descId = uid("chart-d");
  const svg = s(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${titleId} ${descId}`, class: "chart", preserveAspectRatio: "xMidYMin meet" },
    s("title", { id: titleId }, o.title),
    s("desc", { id: descId }, o.summary),
  );
  const axisY = H - axisH + 4;
  for (const v of t) {
    const x = xOf(v);
    svg.append(s("line", { x1: x, x2: x, y1: top - 4, y2: axisY, class: "grid" }));
    svg.append(s("text", { x, y: axisY + 16, "text-anchor": "middle", class: "tick" }, num(v)));
  }
  svg.append(s("line", { x1: x0, x2: x0, y1: top - 4, y2: axisY, class: "axis" }));
  o.categories.forEach((c, i) => {
    const gy = top + i * (groupH + groupGap);
    svg.append(s("text", { x: W - 4, y: gy + groupH / 2 + 5, "text-anchor": "start", class: "cat", direction: "rtl" }, c));
    o.series.forEach((x, j) => {
      const v = x.values[i];
      const y = gy + j * (barH + gap);
      if (v === null || v === undefined) {
        svg.append(s("text", { x: x0 - 6, y: y + barH - 3, "text-anchor": "start", class: "val", direction: "rtl" }, "بدون داده"));
        return;
      }
      const xv = xOf(v);
      svg.append(s("rect", { x: xv, y, width: Math.max(1, x0 - xv), height: barH, class: `bar ${x.cls}` }));
      svg.append(s("text", { x: xv - 4, y: y + barH - 3, "text-anchor": "end", class: "val" }, num(v)));
    });
  });
  return h(
    "figure",
    { class: "chart-card card", id: o.id },
    h("figcaption", null, h("h2", null, o.title)),
    o.series.length > 1 ? legend(o.series) : null,
    h("div", { class: "chart-pair" }, h("div", { class: "chart-box" }, svg), dataTable(o, "دسته")),
  );
}

/** Lines over weeks: the oldest week on the right, the newest on the left. */
export function weekChart(o: ChartOptions): HTMLElement {
  const W = 640;
  const H = 260;
  const right = 44; // the value axis, on the right
  const left = 16;
  const top = 12;
  const bottom = 40;
  const n = o.categories.length;
  const max = Math.max(0, ...o.series.flatMap((x) => x.values.map((v) => v ?? 0)));
  const t = ticks(max);
  const top_ = t[t.length - 1] ?? 1;
  const plotW = W - right - left;
  const xOf = (i: number): number => (n <= 1 ? W - right - plotW / 2 : W - right - (i / (n - 1)) * plotW);
  const yOf = (v: number): number => H - bottom - (v / top_) * (H - bottom - top);
  const titleId = uid("chart-t");
  const descId = uid("chart-d");
  const svg = s(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${titleId} ${descId}`, class: "chart", preserveAspectRatio: "xMidYMin meet" },
    s("title", { id: titleId }, o.title),
    s("desc", { id: descId }, o.summary),
  );
  for (const v of t) {
    const y = yOf(v);
    svg.append(s("line", { x1: left, x2: W - right, y1: y, y2: y, class: "grid" }));
    svg.append(s("text", { x: W - right + 6, y: y + 5, "text-anchor": "start", class: "tick" }, num(v)));
  }
  svg.append(s("line", { x1: W - right, x2: W - right, y1: top, y2: H - bottom, class: "axis" }));
  const every = Math.max(1, Math.ceil(n / 8));
  o.categories.forEach((c, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    svg.append(s("text", { x: xOf(i), y: H - bottom + 18, "text-anchor": "middle", class: "tick" }, o.axisLabels?.[i] ?? c));
  });
  for (const x of o.series) {
    const pts = x.values.map((v, i) => `${xOf(i).toFixed(1)},${yOf(v ?? 0).toFixed(1)}`).join(" ");
    svg.append(s("polyline", { points: pts, class: `line ${x.cls}`, fill: "none" }));
    x.values.forEach((v, i) => svg.append(s("circle", { cx: xOf(i), cy: yOf(v ?? 0), r: 3.5, class: `dot ${x.cls}` })));
  }
  return h(
    "figure",
    { class: "chart-card card", id: o.id },
    h("figcaption", null, h("h2", null, o.title)),
    legend(o.series),
    h("div", { class: "chart-pair" }, h("div", { class: "chart-box" }, svg), dataTable(o, "هفته")),
  );
}
