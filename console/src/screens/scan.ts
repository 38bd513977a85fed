// Reading a printed permit (`#/police/scan`): the camera with the browser's BarcodeDetector
// where it exists, the permit number typed by hand everywhere. What the QR code carries is the
// signed verification URL: its signature is checked in the page (signature.ts, no network
// needed once the keys were read), then the permit is found (GET /permits/by-number/…, or the
// last-seen queue when offline) and its plate and validity compared with the signed ones.
import { api, Failure, messageOf, ok, Offline, type PermitView } from "../api.js";
import { h, replace } from "../dom.js";
import { fa, grouped } from "../fa.js";
import { busy, field, showProblem, values } from "../forms.js";
import { plate } from "../plate.js";
import { snapshot } from "../police-store.js";
import { parseScanned, plateParts, verify, type Scanned, type Verdict } from "../signature.js";
import { permitFacts, permitPlate } from "./police.js";

interface Detected {
  rawValue: string;
}
interface Detector {
  detect(source: CanvasImageSource): Promise<Detected[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | undefined {
  return (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
}

function validUntilText(u: string): string {
  const d = new Date(u);
  if (Number.isNaN(d.getTime())) return u;
  return d.toLocaleString("fa-IR-u-ca-persian-nu-arabext", { timeZone: "Asia/Tehran", dateStyle: "medium", timeStyle: "short" });
}

function verdictBox(v: Verdict): HTMLElement {
  switch (v.state) {
    case "valid":
      return h(
        "p",
        { class: "verdict ok", "data-verdict": "valid", role: "status" },
        h("strong", null, "امضای دیجیتال برگه معتبر است. "),
        v.by === "page" ? "در همین دستگاه بررسی شد (کلید " : "سامانه آن را بررسی کرد (کلید ",
        h("bdi", { dir: "ltr" }, v.keyId),
        ").",
      );
    case "invalid":
      return h("p", { class: "verdict bad", "data-verdict": "invalid", role: "alert" }, h("strong", null, "امضای برگه نامعتبر است. "), v.why);
    case "absent":
      return h("p", { class: "verdict none", "data-verdict": "absent", role: "status" }, "شمارهٔ مجوز دستی وارد شد؛ امضایی برای بررسی نیست. مشخصات را با برگه و خودرو تطبیق دهید.");
    case "unchecked":
      return h("p", { class: "verdict none", "data-verdict": "unchecked", role: "status" }, h("strong", null, "امضا بررسی نشد. "), v.why);
  }
}

function sameInstant(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return !Number.isNaN(x) && Math.floor(x / 1000) === Math.floor(y / 1000);
}

/** The scanned (or typed) permit: the signature's verdict, the signed facts, the permit. */
async function result(s: Scanned): Promise<HTMLElement> {
  const verdict = await verify(s);
  const signed: HTMLElement[] = [];
  if (s.plate && s.validUntil) {
    const parts = plateParts(s.plate);
    signed.push(
      h(
        "dl",
        { class: "facts signed" },
        h("dt", null, "شمارهٔ مجوز"),
        h("dd", null, h("bdi", { dir: "ltr" }, grouped(s.permitNumber))),
        h("dt", null, "پلاک روی برگه"),
        h("dd", null, parts ? plate(parts) : h("bdi", { dir: "ltr" }, s.plate)),
        h("dt", null, "اعتبار تا"),
        h("dd", null, validUntilText(s.validUntil)),
      ),
    );
  }
  let permit: PermitView | undefined;
  let lookup: HTMLElement | null = null;
  try {
    permit = await ok(api.GET("/api/v1/permits/by-number/{permit_number}", { params: { path: { permit_number: s.permitNumber } } }));
  } catch (e) {
    if (e instanceof Offline) {
      permit = snapshot()?.items.find((p) => p.permit_number === s.permitNumber);
      lookup = h(
        "p",
        { class: "stale", role: "note" },
        permit ? "بدون اتصال: وضعیت مجوز از آخرین فهرست دیده‌شده است." : "بدون اتصال: این مجوز در آخرین فهرست دیده‌شده نیست؛ فقط امضای برگه بررسی شد.",
      );
    } else {
      lookup = h("p", { class: "alert", role: "alert" }, messageOf(e));
    }
  }
  let mismatch: HTMLElement | null = null;
  if (permit && s.plate && s.validUntil && (permit.vehicle.plate !== s.plate || !sameInstant(permit.valid_until, s.validUntil))) {
    mismatch = h("p", { class: "verdict bad", role: "alert", "data-verdict": "mismatch" }, "مشخصات برگه با مجوز ثبت‌شده در سامانه یکسان نیست (پلاک یا مهلت اعتبار). بر اساس این برگه اقدام نکنید.");
  }
  return h(
    "section",
    { class: "card scan-result", "aria-labelledby": "sr-h" },
    h("h2", { id: "sr-h", tabindex: "-1" }, "مجوز ", h("bdi", { dir: "ltr" }, grouped(s.permitNumber))),
    verdictBox(verdict),
    signed,
    mismatch,
    lookup,
    permit
      ? h(
          "div",
          { class: "scan-permit" },
          h("div", { class: "title-row" }, h("span", { class: `status ps-${permit.status}` }, permit.status_label_fa), permitPlate(permit)),
          permitFacts(permit),
          h("a", { class: "button", href: `#/police/permits/${permit.id}` }, permit.status === "issued" && !permit.receipt ? "ثبت نتیجهٔ فک پلاک" : "صفحهٔ مجوز"),
        )
      : null,
  );
}

let stopCamera: (() => void) | undefined;
window.addEventListener("hashchange", () => {
  stopCamera?.();
  stopCamera = undefined;
});

/** The scan screen. */
export function scanScreen(): Node {
  const out = h("div", { class: "scan-out", "aria-live": "polite" });
  const show = async (text: string, form?: HTMLFormElement): Promise<void> => {
    const s = parseScanned(text);
    if (!s) {
      const msg = "این متن شمارهٔ مجوز یا نشانی QR مجوز نیست. شمارهٔ ۱۲ رقمی چاپ‌شده زیر QR را وارد کنید.";
      replace(out);
      if (form) {
        const errors = [{ field: "number", code: "invalid_code", message: msg }];
        showProblem(form, new Failure(422, { type: "about:blank", title: "شمارهٔ نادرست", status: 422, detail: "شمارهٔ مجوز خوانا نیست.", code: "invalid_code", errors }));
      } else replace(out, h("p", { class: "alert", role: "alert" }, msg));
      return;
    }
    replace(out, h("p", { class: "loading", role: "status" }, "در حال بررسی امضا و یافتن مجوز…"));
    const node = await result(s);
    replace(out, node);
    node.querySelector<HTMLElement>("h2")?.focus();
  };

  const manual = h(
    "form",
    { class: "card manual", novalidate: true, "aria-labelledby": "mn-h" },
    h("h2", { id: "mn-h" }, "ورود دستی"),
    field({ name: "number", label: "شمارهٔ مجوز (۱۲ رقم زیر QR)", required: true, inputmode: "numeric", ltr: true, autocomplete: "off" }),
    h("button", { type: "submit" }, "بررسی مجوز"),
  );
  manual.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    busy(manual, true);
    try {
      await show(values(manual).get("number") ?? "", manual);
    } finally {
      busy(manual, false);
    }
  });

  const camera = h("section", { class: "card camera", "aria-labelledby": "cam-h" }, h("h2", { id: "cam-h" }, "دوربین"));
  const Detector = detectorClass();
  if (!Detector || !navigator.mediaDevices?.getUserMedia) {
    camera.append(h("p", { class: "hint", "data-camera": "unsupported" }, "این مرورگر خواندن QR با دوربین را پشتیبانی نمی‌کند. شمارهٔ مجوز را دستی وارد کنید."));
  } else {
    const video = h("video", { muted: true, playsinline: true, "aria-label": "تصویر دوربین" });
    const state = h("p", { class: "hint", role: "status" }, "");
    const startButton = h("button", { type: "button" }, "روشن کردن دوربین");
    camera.append(h("p", { class: "hint" }, "QR روی برگهٔ مجوز را جلوی دوربین بگیرید."), startButton, video, state);
    video.hidden = true;
    startButton.addEventListener("click", async () => {
      stopCamera?.();
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      } catch {
        replace(state, "دسترسی به دوربین داده نشد. شمارهٔ مجوز را دستی وارد کنید.");
        camera.dataset.camera = "denied";
        return;
      }
      let running = true;
      stopCamera = () => {
        running = false;
        for (const t of stream.getTracks()) t.stop();
        video.srcObject = null;
        video.hidden = true;
        startButton.hidden = false;
      };
      video.srcObject = stream;
      video.hidden = false;
      startButton.hidden = true;
      camera.dataset.camera = "on";
      await video.play().catch(() => undefined);
      replace(state, "در حال جست‌وجوی QR…");
      const detector = new Detector({ formats: ["qr_code"] });
      const tick = async (): Promise<void> => {
        if (!running) return;
        try {
          if (video.readyState >= 2) {
            const found = (await detector.detect(video)).find((c) => parseScanned(c.rawValue));
            if (found) {
              stopCamera?.();
              replace(state, "QR خوانده شد.");
              camera.dataset.camera = "read";
              await show(found.rawValue);
              return;
            }
          }
        } catch {
          /* a frame that could not be read: try the next one */
        }
        window.setTimeout(() => void tick(), 200);
      };
      void tick();
    });
  }
  return h(
    "div",
    { class: "police" },
    h("h1", null, "خواندن QR مجوز"),
    h("p", { class: "lead" }, `امضای دیجیتال برگه روی همین دستگاه بررسی می‌شود، حتی بدون اتصال. شمارهٔ مجوز ${fa(12)} رقم دارد.`),
    camera,
    manual,
    out,
  );
}
