// The printed filing receipt: the tracking code in large digits, what was filed and when, and
// how to follow it up.
import { api, messageOf, ok } from "../api.js";
import { h } from "../dom.js";
import { fa, grouped } from "../fa.js";
import { plate } from "../plate.js";

export async function receipt(id: string): Promise<Node> {
  try {
    const r = await ok(api.GET("/api/v1/requests/{id}", { params: { path: { id } } }));
    return h(
      "section",
      { class: "card receipt", "aria-labelledby": "rc-h" },
      h("h1", { id: "rc-h" }, "رسید ثبت درخواست مجوز فک پلاک"),
      h("p", { class: "lead" }, "درخواست شما ثبت شد. کد رهگیری را نگه دارید."),
      h("p", { class: "tracking" }, "کد رهگیری: ", h("bdi", { dir: "ltr" }, grouped(r.tracking_code))),
      h("div", { class: "plate-row" }, plate(r.vehicle.plate_parts, "large")),
      h(
        "dl",
        { class: "facts" },
        h("dt", null, "خودرو"),
        h("dd", null, `${r.vehicle.vehicle_type_label_fa} ${r.vehicle.make} ${r.vehicle.model} — سال ${fa(r.vehicle.year)}`),
        h("dt", null, "علت"),
        h("dd", null, r.reason_label_fa),
        h("dt", null, "نامهٔ دستگاه"),
        h("dd", null, `${fa(r.letter.number)} مورخ ${fa(r.letter.date_jalali ?? r.letter.date)}`),
        h("dt", null, "زمان ثبت"),
        h("dd", null, r.created_at_jalali),
        h("dt", null, "وضعیت"),
        h("dd", null, r.status_label_fa),
      ),
      h("div", { class: "actions no-print" }, h("button", { type: "button", onclick: () => window.print() }, "چاپ رسید"), h("a", { class: "button secondary", href: `#/requests/${r.id}` }, "رفتن به پرونده")),
    );
  } catch (e) {
    return h("p", { class: "alert", role: "alert" }, messageOf(e));
  }
}
