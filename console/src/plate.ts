// The plate drawn as on the printed permit (src/permits/print.rs): the blue band, two digits,
// the letter, three digits, and the region box; government plates (الف) red with white
// characters.
import { api, Failure, messageOf, ok, type PlateParts } from "./api.js";
import { h, replace, uid } from "./dom.js";
import { fa } from "./fa.js";

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

/**
 * How the service reads what is typed in a plate input, shown live under it: the plate drawn
 * from the API's own reading (`GET /plates/check`, the filing's parser), or its Persian
 * problem. Asked 300 ms after the last keystroke; an answer overtaken by newer typing is
 * dropped.
 */
export function plateReading(input: HTMLInputElement): HTMLElement {
  const out = h("div", { class: "plate-reading", id: uid("plate-read"), "aria-live": "polite" });
  const d = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", d ? `${d} ${out.id}` : out.id);
  let timer: number | undefined;
  let seq = 0;
  const read = async (): Promise<void> => {
    const mine = ++seq;
    const typed = input.value.trim();
    if (!typed) {
      replace(out);
      return;
    }
    replace(out, h("span", { class: "hint" }, "در حال خواندن پلاک…"));
    try {
      const r = await ok(api.GET("/api/v1/plates/check", { params: { query: { plate: typed } } }));
      if (mine !== seq) return;
      replace(out, h("span", { class: "read-as" }, "سامانه این پلاک را چنین خواند: "), plate(r.plate_parts));
      out.dataset.state = "read";
    } catch (e) {
      if (mine !== seq) return;
      const problem = e instanceof Failure ? e.problem : undefined;
      const why = problem?.errors[0]?.message ?? messageOf(e);
      replace(out, h("span", { class: "read-problem" }, why));
      out.dataset.state = "problem";
    }
  };
  input.addEventListener("input", () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = window.setTimeout(() => void read(), 300);
  });
  return out;
}
