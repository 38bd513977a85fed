// The plate drawn as on the printed permit (src/permits/print.rs): the blue band, two digits,
// the letter, three digits, and the region box; government plates (الف) red with white
// characters.
import { h } from "./dom.js";
import { fa } from "./fa.js";
import type { PlateParts } from "./api.js";

export function plate(p: PlateParts, size: "small" | "large" = "small"): HTMLElement {
  const gov = p.letter === "الف";
  return h(
    "span",
    {
      class: `plate plate-${size}${gov ? " gov" : ""}`,
      dir: "ltr",
      role: "img",
      "aria-label": `پلاک ${fa(p.first)} ${p.letter} ${fa(p.second)} ایران ${fa(p.region)}`,
    },
    h(
      "span",
      { class: "band", "aria-hidden": "true" },
      h("span", { class: "flag" }, h("i", { class: "g" }), h("i", { class: "w" }), h("i", { class: "r" })),
      h("span", { class: "iri" }, "I.R.", h("br"), "IRAN"),
    ),
    h(
      "span",
      { class: "main", "aria-hidden": "true" },
      h("span", null, fa(p.first)),
      h("span", { class: "letter" }, p.letter),
      h("span", null, fa(p.second)),
    ),
    h(
      "span",
      { class: "region", "aria-hidden": "true" },
      h("span", { class: "iran" }, "ایران"),
      h("span", { class: "code" }, fa(p.region)),
    ),
  );
}
