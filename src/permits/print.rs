//! The printable permit (`GET /permits/{id}/print`): one self-contained HTML page an agency
//! hands to the driver and a police officer checks at the roadside.
//!
//! - Laid out as an official order to the traffic police (issue 31, point 5): the letterhead
//!   (`ORDER_MINISTRY_LINE`, `DIRECTORATE_NAME`, `ORDER_PROVINCE`), the number/date/attachment
//!   block, the addressee (`ORDER_ADDRESSEE`), the body filled from the administrator's
//!   template ([`crate::permits::order`]: passages whose data is not on file are left out, each
//!   value isolated in a `<bdi>`), and the signatory recorded at issue; then the roadside table,
//!   the plate and the QR code. One A4 page.
//!
//! - Right to left, Persian, Persian digits in every number a person reads; dates in the Solar
//!   Hijri calendar in the service's time zone. Codes stamped on the vehicle (VIN, chassis and
//!   engine numbers) are printed left to right exactly as stamped, so they can be compared
//!   character by character.
//! - The plate is drawn as an Iranian plate (two digits, the letter, three digits, the region
//!   box "ایران NN"); government plates (`الف`) are red with white characters, as on the car.
//! - A QR code (inline SVG from the `qrcode` crate) encodes the public verification URL,
//!   `PUBLIC_BASE_URL/api/v1/permits/verify/<permit number>`, which tells anyone scanning it the
//!   permit's status now, not when it was printed.
//! - No external asset of any kind: the styles are one inline `<style>` element (allowed by its
//!   SHA-256 in the page's `Content-Security-Policy`), fonts come from the reader's system
//!   (Vazirmatn when installed, then Tahoma and other fonts with Persian glyphs), the QR code
//!   and plate are inline SVG and HTML. The page runs no script.
//! - A permit that may not be acted on (revoked, expired, used, refused) still prints, so the
//!   paper trail stays readable, but it cannot be mistaken for a valid one: a large diagonal
//!   watermark (`باطل شده`, `منقضی شده`, `استفاده شده`, `فاقد اعتبار`) repeated on every
//!   printed page, a boxed banner at the top saying in words that it has no validity and why,
//!   and the validity row struck through. The banner and the watermark's outline survive a
//!   black-and-white printer. Only `issued` prints as a valid permit.
//!
//! HTML is built with `maud`: every value spliced into the page is HTML-escaped by the
//! compiler-checked template (text and attributes alike), so an agency named `<script>…` prints
//! as text. The only unescaped inserts are the constant style sheet and the QR code's SVG, which
//! is made of numbers only (module coordinates), never of input. `maud` is chosen over a
//! runtime template engine because the template is Rust, type-checked at build time, and escapes
//! by default; over hand-written `format!` with an escaping function because forgetting to
//! escape one value is impossible rather than a review finding.

use std::sync::LazyLock;

use base64::Engine;
use chrono::NaiveDateTime;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

use crate::clock::Clock;
use crate::domain::jalali::format_jalali;
use crate::domain::jalali::{format_jalali_long, weekday_fa};
use crate::domain::text::persian_digits;
use crate::error::{ApiError, ApiResult};
use crate::permits::model::PermitStatus;
use crate::permits::order::{self, Piece, Value};
use crate::permits::order_template::OrderFacts;
use crate::permits::signing::{Facts, PermitSigner};
use crate::permits::views::PermitView;
use crate::requests::model::plate_parts;
use crate::requests::model::Reason;

/// What the page needs besides the permit.
pub struct PrintContext<'a> {
    /// `DIRECTORATE_NAME`.
    pub directorate_name: &'a str,
    /// `ORDER_MINISTRY_LINE`, `ORDER_PROVINCE`, `ORDER_ADDRESSEE`.
    pub ministry_line: &'a str,
    pub province: &'a str,
    pub addressee: &'a str,
    /// The order's body template in effect (`/permit-template`).
    pub order_body: &'a str,
    /// The request's facts the order names (reason, letter, representative, legal id).
    pub facts: &'a OrderFacts,
    /// `PUBLIC_BASE_URL`, without a trailing slash.
    pub public_base_url: &'a str,
    /// Signs the URL the QR code carries.
    pub signer: &'a PermitSigner,
    pub clock: &'a Clock,
    /// When the page is printed (UTC).
    pub printed_at: NaiveDateTime,
}

impl<'a> PrintContext<'a> {
    /// The context from the settings, printed now.
    pub fn of(
        config: &'a crate::config::Config,
        order_body: &'a str,
        facts: &'a OrderFacts,
        signer: &'a PermitSigner,
        clock: &'a Clock,
    ) -> Self {
        PrintContext {
            directorate_name: config.permits.directorate_name.as_str(),
            ministry_line: config.permits.order_ministry_line.as_str(),
            province: config.permits.order_province.as_str(),
            addressee: config.permits.order_addressee.as_str(),
            order_body,
            facts,
            public_base_url: config.http.public_base_url.as_str(),
            signer,
            clock,
            printed_at: clock.now(),
        }
    }
}

/// A rendered page and the `Content-Security-Policy` it needs.
pub struct PrintedPermit {
    pub html: String,
    pub csp: String,
}

/// The public verification URL of a permit number, as printed for typing.
pub fn verification_url(public_base_url: &str, permit_number: &str) -> String {
    crate::permits::signing::unsigned_url(public_base_url, permit_number)
}

/// What the QR code encodes: the verification URL signed over the permit's number, plate and
/// validity (see `permits::signing`), so that it checks itself offline.
pub fn qr_url(permit: &PermitView, ctx: &PrintContext<'_>) -> String {
    ctx.signer.signed_url(
        ctx.public_base_url,
        &Facts {
            permit_number: &permit.permit_number,
            plate: &permit.plate,
            valid_until: permit.valid_until.naive_utc(),
        },
    )
}

/// The page of `permit`.
pub fn render(permit: &PermitView, ctx: &PrintContext<'_>) -> ApiResult<PrintedPermit> {
    let url = verification_url(ctx.public_base_url, &permit.permit_number);
    let qr = qr_svg(&qr_url(permit, ctx))?;
    let markup = page(permit, ctx, &url, &qr);
    Ok(PrintedPermit {
        html: markup.into_string(),
        csp: crate::http::middleware::page_csp(&STYLE_SHA256),
    })
}

/// The QR code of `text` as an inline `<svg>` element (error correction M: a crease or a
/// stamp over a corner still scans).
fn qr_svg(text: &str) -> ApiResult<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(ApiError::internal)?;
    let svg = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // Inline in HTML: the XML declaration the renderer starts with has no place there.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].to_owned())
}

/// How a permit that may not be acted on is marked: the watermark word and the banner's words.
fn invalid_marks(permit: &PermitView) -> Option<(&'static str, String)> {
    let why = match permit.status {
        PermitStatus::Issued => return None,
        PermitStatus::Revoked => {
            let detail = permit
                .revocation
                .as_ref()
                .map(|r| format!(" در {} به سبب «{}»", r.revoked_at_jalali, r.reason_label_fa))
                .unwrap_or_default();
            (
                "باطل شده",
                format!("این مجوز{detail} ابطال شده است؛ نباید بر اساس آن پلاکی فک شود."),
            )
        }
        PermitStatus::Expired => (
            "منقضی شده",
            format!(
                "مهلت اعتبار این مجوز در {} به پایان رسیده است؛ نباید بر اساس آن پلاکی فک شود.",
                permit.valid_until_jalali_time
            ),
        ),
        PermitStatus::Used => (
            "استفاده شده",
            "پلاک این خودرو بر اساس این مجوز فک شده است؛ این برگه دیگر اعتبار ندارد.".to_owned(),
        ),
        PermitStatus::Refused => (
            "فاقد اعتبار",
            "پلیس راهور فک پلاک را بر اساس این مجوز تأیید نکرده است؛ این برگه اعتبار ندارد."
                .to_owned(),
        ),
    };
    Some(why)
}

fn fa(s: &str) -> String {
    persian_digits(s)
}

/// A number from another system: Persian digits when it is digits and separators only; as
/// issued when it has Latin letters (`NV-1405-778812`), so that it can be typed back into
/// that system exactly.
fn number_fa(s: &str) -> String {
    if s.chars().any(|c| c.is_ascii_alphabetic()) {
        s.to_owned()
    } else {
        fa(s)
    }
}

/// `سه‌شنبه ۴ آذر ۱۴۰۵` for a UTC instant, in the service's time zone.
fn long_date(clock: &Clock, at: NaiveDateTime) -> String {
    let day = clock.local_date(at);
    format!("{} {}", weekday_fa(day), format_jalali_long(day))
}

/// A plate as written in a sentence: `۱۲ الف ۳۴۵ ایران ۶۷`.
fn plate_words(canonical: &str) -> String {
    let p = plate_parts(canonical);
    if p.second.is_empty() {
        return canonical.to_owned();
    }
    fa(&format!(
        "{} {} {} ایران {}",
        p.first, p.letter, p.second, p.region
    ))
}

/// Text printed as given (names, make, model): no digit conversion, right to left.
fn as_given(text: &str) -> Option<Value> {
    let text = text.trim();
    (!text.is_empty()).then(|| Value {
        text: text.to_owned(),
        ltr: false,
    })
}

/// Every placeholder's value for `permit` (`None`: not on file).
fn order_values(permit: &PermitView, ctx: &PrintContext<'_>) -> Vec<(&'static str, Option<Value>)> {
    let (v, f) = (&permit.vehicle, ctx.facts);
    let reason = match (f.reason, f.reason_details.as_deref()) {
        (Reason::Other, Some(details)) => details.to_owned(),
        (reason, _) => reason.label_fa().to_owned(),
    };
    vec![
        ("agency_name", as_given(&permit.agency.name)),
        ("agency_legal_id", Value::fa(&f.agency_legal_id)),
        ("vehicle_type", as_given(v.vehicle_type_label_fa)),
        ("make", as_given(&v.make)),
        ("model", as_given(&v.model)),
        ("year", Value::fa(v.year.to_string())),
        ("colour", v.vehicle_colour.as_deref().and_then(as_given)),
        ("plate", as_given(&plate_words(&permit.plate))),
        ("vin", v.vin.as_deref().and_then(Value::code)),
        (
            "chassis_number",
            v.chassis_number.as_deref().and_then(Value::code),
        ),
        ("engine_number", Value::code(&v.engine_number)),
        ("reason", as_given(&reason)),
        ("letter_number", as_given(&number_fa(&f.letter_number))),
        ("letter_date", Value::fa(format_jalali(f.letter_date))),
        (
            "representative_name",
            f.representative_full_name.as_deref().and_then(as_given),
        ),
        (
            "representative_national_code",
            f.representative_national_code
                .as_deref()
                .and_then(Value::fa),
        ),
        (
            "representative_mobile",
            f.representative_mobile.as_deref().and_then(Value::fa),
        ),
        ("permit_number", Value::fa(&permit.permit_number)),
        (
            "national_permit_number",
            as_given(&number_fa(&permit.national_permit_number)),
        ),
        ("tracking_code", Value::fa(&permit.tracking_code)),
        (
            "issued_on",
            as_given(&long_date(ctx.clock, permit.issued_at.naive_utc())),
        ),
        (
            "valid_until",
            as_given(&long_date(ctx.clock, permit.valid_until.naive_utc())),
        ),
        ("addressee", as_given(ctx.addressee)),
        ("directorate_name", as_given(ctx.directorate_name)),
    ]
}

/// The order's body: template text, and each value isolated (`<bdi>`) so that a plate or a
/// code cannot be reordered with the words around it.
fn order_body(permit: &PermitView, ctx: &PrintContext<'_>) -> Markup {
    let pieces = order::render(ctx.order_body, &order_values(permit, ctx));
    html! {
        @for piece in &pieces {
            @match piece {
                Piece::Text(t) => { (t) }
                Piece::Value { name, text, ltr: true } => {
                    bdi class="code" dir="ltr" data-value=(name) { (text) }
                }
                Piece::Value { name, text, ltr: false } => {
                    bdi data-value=(name) { (text) }
                }
            }
        }
    }
}

fn page(permit: &PermitView, ctx: &PrintContext<'_>, url: &str, qr: &str) -> Markup {
    let marks = invalid_marks(permit);
    let issued = permit.issued_at.naive_utc();
    let title = format!("مجوز فک پلاک {}", fa(&permit.permit_number));
    html! {
        (DOCTYPE)
        html dir="rtl" lang="fa" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                meta name="referrer" content="no-referrer";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body class=(if marks.is_some() { "void" } else { "valid" }) {
                @if let Some((word, _)) = &marks {
                    div class="watermark" aria-hidden="true" { (word) }
                }
                main class="sheet" {
                    (letterhead(permit, ctx, issued))
                    @if let Some((word, why)) = &marks {
                        div class="banner" role="alert" data-field="invalid" {
                            strong { "این مجوز فاقد اعتبار است (" (word) ")." }
                            " " (why)
                        }
                    }
                    (order_section(permit, ctx))
                    (check_section(permit, ctx))
                    (verify_section(url, qr))
                    (footer_section(permit, ctx))
                }
            }
        }
    }
}

/// The letterhead: the issuer, the title and the number/date/attachment block.
fn letterhead(permit: &PermitView, ctx: &PrintContext<'_>, issued: NaiveDateTime) -> Markup {
    html! {
        header class="head" {
            div class="issuer" data-field="letterhead" {
                p class="state" { "جمهوری اسلامی ایران" }
                p class="ministry" data-field="ministry" { (ctx.ministry_line) }
                p class="directorate" data-field="directorate" { (ctx.directorate_name) }
                p class="province" data-field="province" { (ctx.province) }
            }
            div class="doc" {
                p class="invocation" { "بسمه تعالی" }
                h1 { "مجوز فک پلاک خودروی دولتی" }
            }
            table class="ref" data-field="reference" {
                tbody {
                    tr { th { "شماره:" } td { bdi dir="ltr" data-field="permit_number" { (fa(&permit.permit_number)) } } }
                    tr { th { "تاریخ:" } td { bdi data-field="issued_on" { (fa(&format_jalali(ctx.clock.local_date(issued)))) } } }
                    tr { th { "پیوست:" } td data-field="attachment" { "ندارد" } }
                }
            }
        }
    }
}

/// The order to the addressee, with the body filled from the template and the signatory.
fn order_section(permit: &PermitView, ctx: &PrintContext<'_>) -> Markup {
    html! {
        section class="order" {
            p class="to" { "ریاست محترم " bdi data-field="addressee" { (ctx.addressee) } }
            p class="subject" {
                "موضوع: مجوز فک پلاک خودروی دولتی به شمارهٔ انتظامی "
                bdi data-field="subject_plate" { (plate_words(&permit.plate)) }
            }
            p class="body" data-field="order_body" { (order_body(permit, ctx)) }
            div class="sign" {
                @if let Some(s) = &permit.signatory {
                    p class="signatory" data-field="signatory_name" { (s.full_name) }
                    @if let Some(post) = &s.position {
                        p class="post" data-field="signatory_position" { (post) }
                    }
                } @else {
                    p class="signatory" data-field="signatory_name" { (ctx.directorate_name) }
                }
                p class="seal" { "(امضا و مهر)" }
            }
        }
    }
}

/// The roadside check: the plate and the table of the vehicle's and the permit's facts.
fn check_section(permit: &PermitView, ctx: &PrintContext<'_>) -> Markup {
    html! {
        section class="check" {
            div class="plate-row" { (plate(&permit.plate)) }
            table class="fields" {
                tbody {
                    (vehicle_rows(permit, ctx.facts))
                    (permit_rows(permit, ctx))
                }
            }
        }
    }
}

/// The rows naming the agency, the vehicle and the representative.
fn vehicle_rows(permit: &PermitView, f: &OrderFacts) -> Markup {
    let v = &permit.vehicle;
    html! {
        tr {
            th { "دستگاه مالک" } td data-field="agency" { (permit.agency.name) }
            th { "شناسهٔ ملی دستگاه" } td { bdi data-field="agency_legal_id" { (fa(&f.agency_legal_id)) } }
        }
        tr {
            th { "نوع خودرو" } td data-field="vehicle_type" { (v.vehicle_type_label_fa) }
            th { "رنگ" }
            td data-field="vehicle_colour" {
                @if let Some(c) = &v.vehicle_colour { (c) } @else { "در پرونده ثبت نشده است" }
            }
        }
        tr {
            th { "سازنده" } td data-field="make" { (v.make) }
            th { "مدل / سال ساخت" } td { bdi data-field="model" { (v.model) } " — " bdi data-field="year" { (fa(&v.year.to_string())) } }
        }
        @if let Some(vin) = &v.vin {
            tr { th { "شمارهٔ شناسایی (VIN)" } td colspan="3" { bdi class="code" dir="ltr" data-field="vin" { (vin) } } }
        }
        @if let Some(chassis) = &v.chassis_number {
            tr { th { "شمارهٔ شاسی" } td colspan="3" { bdi class="code" dir="ltr" data-field="chassis_number" { (chassis) } } }
        }
        tr {
            th { "شمارهٔ موتور" } td { bdi class="code" dir="ltr" data-field="engine_number" { (v.engine_number) } }
            th { "کد رهگیری درخواست" } td { bdi dir="ltr" data-field="tracking_code" { (fa(&permit.tracking_code)) } }
        }
        tr {
            th { "نمایندهٔ تحویل‌دهنده" }
            td colspan="3" data-field="representative" {
                @match (&f.representative_full_name, &f.representative_national_code) {
                    (Some(name), Some(code)) => {
                        (name) "، کد ملی " bdi dir="ltr" data-field="representative_national_code" { (fa(code)) }
                    }
                    _ => { "در پرونده ثبت نشده است" }
                }
            }
        }
    }
}

/// The rows of the validity, the national permit number and the status when printed.
fn permit_rows(permit: &PermitView, ctx: &PrintContext<'_>) -> Markup {
    let issued = permit.issued_at.naive_utc();
    let until = permit.valid_until.naive_utc();
    html! {
        tr class="validity" {
            th { "مدت اعتبار" }
            td colspan="3" data-field="validity" {
                "از " (long_date(ctx.clock, issued))
                " (" (permit.issued_at_jalali) ")"
                " تا پایان " (long_date(ctx.clock, until))
                " (" (permit.valid_until_jalali_time) ")"
            }
        }
        tr {
            th { "شمارهٔ مجوز در سامانهٔ جامع خودرو" } td { bdi dir="ltr" data-field="national_permit_number" { (number_fa(&permit.national_permit_number)) } }
            th { "وضعیت هنگام چاپ" } td data-field="status" { (permit.status_label_fa) }
        }
    }
}

/// The QR code and the verification address in words.
fn verify_section(url: &str, qr: &str) -> Markup {
    html! {
        section class="verify" {
            div class="qr" role="img" aria-label="کد QR نشانی استعلام مجوز" {
                (PreEscaped(qr))
            }
            div class="verify-text" {
                p { strong { "استعلام اصالت و اعتبار" } }
                p {
                    "اعتبار این برگه را پیش از فک پلاک با پویش کد QR یا با "
                    "شمارهٔ مجوز در نشانی زیر استعلام کنید؛ پاسخ استعلام، وضعیت همین لحظهٔ مجوز است."
                }
                p class="url" { bdi dir="ltr" data-field="verification_url" { (url) } }
            }
        }
    }
}

/// The printing date and the permit's notes.
fn footer_section(permit: &PermitView, ctx: &PrintContext<'_>) -> Markup {
    html! {
        footer class="foot" {
            p {
                "تاریخ چاپ: "
                (ctx.clock.jalali(ctx.printed_at))
                ". این برگه از سامانهٔ مجوز فک پلاک خودروهای دولتی چاپ شده است."
            }
            @if let Some(notes) = &permit.notes {
                p class="notes" { "توضیحات: " (notes) }
            }
        }
    }
}

/// The plate as it looks on the car, left to right: the blue band, two digits, the letter,
/// three digits, and the region box (ایران over two digits).
fn plate(canonical: &str) -> Markup {
    let p = plate_parts(canonical);
    let label = fa(&format!(
        "پلاک {} {} {} ایران {}",
        p.first, p.letter, p.second, p.region
    ));
    let kind = if p.letter == "الف" {
        "plate gov"
    } else {
        "plate"
    };
    html! {
        div class=(kind) dir="ltr" role="img" aria-label=(label) data-field="plate" {
            div class="band" aria-hidden="true" {
                span class="flag" { i class="g" {} i class="w" {} i class="r" {} }
                span class="iri" { "I.R." br; "IRAN" }
            }
            div class="main" {
                span class="two" data-part="first" { (fa(&p.first)) }
                span class="letter" data-part="letter" { (p.letter) }
                span class="three" data-part="second" { (fa(&p.second)) }
            }
            div class="region" {
                span class="iran" { "ایران" }
                span class="code" data-part="region" { (fa(&p.region)) }
            }
        }
    }
}

/// SHA-256 of [`STYLE`], base64: the page's CSP allows exactly this style element.
static STYLE_SHA256: LazyLock<String> =
    LazyLock::new(|| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE)));

/// The page's whole style sheet. Sizes are in millimetres and `em`, so the same page fits an
/// A4 sheet and, smaller, an A5 one (the printer's paper decides; `@page` sets only margins).
const STYLE: &str = r#"
@page { margin: 10mm; }
* { box-sizing: border-box; }
html { font-size: 10pt; }
body {
  margin: 0; color: #111; background: #fff;
  font-family: Vazirmatn, "Vazirmatn FD", Vazir, Tahoma, "DejaVu Sans", "Noto Sans Arabic", "Segoe UI", sans-serif;
  line-height: 1.45;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.sheet { max-width: 190mm; margin: 0 auto; padding: 5mm 6mm; border: 0.6mm solid #111; position: relative; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 4mm; border-bottom: 0.4mm solid #111; padding-bottom: 2mm; }
.issuer { flex: 1 1 0; }
.issuer p { margin: 0; line-height: 1.35; }
.state, .ministry { font-size: 0.85em; }
.directorate { font-weight: bold; }
.province { font-size: 0.85em; }
.doc { flex: 1 1 0; text-align: center; }
.doc .invocation { margin: 0; font-size: 0.9em; }
.doc h1 { font-size: 1.25em; margin: 1mm 0 0; }
.ref { flex: 1 1 0; border-collapse: collapse; font-size: 0.95em; }
.ref th { font-weight: normal; text-align: right; padding: 0 0 0 2mm; width: 14mm; white-space: nowrap; }
.ref td { font-weight: bold; text-align: right; padding: 0; }
.banner { margin: 3mm 0 0; padding: 2mm 4mm; border: 0.8mm dashed #b00000; color: #b00000; font-size: 1.05em; }
.order { margin-top: 3mm; }
.order p { margin: 0 0 1.5mm; }
.to { font-weight: bold; font-size: 1.05em; }
.subject { font-weight: bold; }
.body { white-space: pre-line; text-align: justify; }
.sign { width: 70mm; margin: 2mm 0 0 0; margin-right: auto; text-align: center; }
.sign p { margin: 0; }
.signatory { font-weight: bold; }
.seal { font-size: 0.8em; color: #444; }
.check { margin-top: 2mm; border-top: 0.25mm solid #777; padding-top: 2mm; }
.plate-row { display: flex; justify-content: center; margin: 0 0 2mm; }
.plate { display: flex; align-items: stretch; height: 15mm; border: 0.8mm solid #111; border-radius: 2mm; overflow: hidden; background: #fff; color: #111; font-weight: bold; direction: ltr; }
.plate.gov { background: #c8102e; color: #fff; }
.plate .band { width: 9mm; background: #1d3f94; color: #fff; display: flex; flex-direction: column; align-items: center; justify-content: space-between; padding: 1.2mm 0; font: bold 2.3mm/1.1 Arial, "DejaVu Sans", sans-serif; text-align: center; }
.plate .flag { display: flex; flex-direction: column; width: 5.5mm; height: 4mm; border: 0.1mm solid #fff; }
.plate .flag i { flex: 1; }
.plate .flag .g { background: #239f40; }
.plate .flag .w { background: #fff; }
.plate .flag .r { background: #da0000; }
.plate .main { display: flex; align-items: center; gap: 2.5mm; padding: 0 3.5mm; font-size: 10mm; line-height: 1; }
.plate .letter { font-size: 7mm; }
.plate .region { display: flex; flex-direction: column; align-items: center; justify-content: center; border-left: 0.8mm solid currentColor; padding: 0 2.5mm; min-width: 14mm; }
.plate .iran { font-size: 3mm; line-height: 1.2; }
.plate .code { font-size: 7mm; line-height: 1; }
.fields { width: 100%; border-collapse: collapse; font-size: 0.92em; }
.fields th, .fields td { border: 0.25mm solid #777; padding: 0.8mm 2mm; text-align: right; vertical-align: top; }
.fields th { width: 19%; background: #f1f1f1; font-weight: normal; }
.fields td { font-weight: bold; }
.code { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; letter-spacing: 0.05em; }
.verify { display: flex; gap: 4mm; align-items: center; margin-top: 2.5mm; }
.qr { flex: 0 0 28mm; width: 28mm; height: 28mm; }
.qr svg { width: 28mm; height: 28mm; display: block; }
.verify-text p { margin: 0 0 1mm; font-size: 0.92em; }
.url { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.8em; word-break: break-all; }
.foot { margin-top: 2mm; border-top: 0.25mm solid #777; padding-top: 1mm; font-size: 0.78em; color: #333; }
.foot p { margin: 0; }
.void .validity td { text-decoration: line-through; }
.watermark {
  position: fixed; top: 50%; left: 50%; z-index: 10; pointer-events: none;
  transform: translate(-50%, -50%) rotate(-30deg);
  font-size: 30mm; font-weight: bold; white-space: nowrap;
  color: rgba(200, 0, 0, 0.22); border: 2mm solid rgba(200, 0, 0, 0.35); border-radius: 6mm; padding: 2mm 10mm;
}
@media print {
  .sheet { max-width: none; border: 0.6mm solid #111; }
}
@media print and (max-width: 160mm) {
  @page { margin: 6mm; }
  html { font-size: 7pt; }
  body { line-height: 1.3; }
  .sheet { padding: 2.5mm 3mm; }
  .head { padding-bottom: 1mm; gap: 2mm; }
  .banner { margin-top: 1.5mm; padding: 1mm 2mm; }
  .order { margin-top: 1.5mm; }
  .order p { margin-bottom: 0.8mm; }
  .sign { width: 50mm; margin-top: 1mm; }
  .check { margin-top: 1mm; padding-top: 1mm; }
  .plate-row { margin-bottom: 1mm; }
  .plate { height: 12mm; }
  .plate .band { width: 7mm; font-size: 1.8mm; }
  .plate .flag { width: 4.5mm; height: 3.2mm; }
  .plate .main { font-size: 7mm; padding: 0 2.5mm; gap: 1.5mm; }
  .plate .letter, .plate .code { font-size: 5mm; }
  .plate .region { min-width: 10mm; padding: 0 1.5mm; }
  .plate .iran { font-size: 2.3mm; }
  .fields th, .fields td { padding: 0.4mm 1.2mm; }
  .verify { margin-top: 1.5mm; gap: 2.5mm; }
  .qr, .qr svg { width: 24mm; height: 24mm; flex-basis: 24mm; }
  .foot { margin-top: 1mm; padding-top: 0.5mm; }
  .watermark { font-size: 20mm; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_other_systems_keep_their_latin_letters() {
        assert_eq!(number_fa("1405-778812"), "۱۴۰۵-۷۷۸۸۱۲");
        assert_eq!(number_fa("NV-1405-778812"), "NV-1405-778812");
    }

    #[test]
    fn verification_url_joins_base_and_number() {
        assert_eq!(
            verification_url("https://permits.example.ir", "731904552817"),
            "https://permits.example.ir/api/v1/permits/verify/731904552817"
        );
        assert_eq!(
            verification_url("https://example.ir/plates/", "731904552817"),
            "https://example.ir/plates/api/v1/permits/verify/731904552817"
        );
    }

    #[test]
    fn qr_is_an_inline_svg_of_numbers_only() {
        let svg = qr_svg("https://permits.example.ir/api/v1/permits/verify/731904552817")
            .unwrap_or_default();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert!(!svg.contains("permits.example.ir"));
    }

    #[test]
    fn the_plate_reads_in_persian_digits() {
        let html = plate("12الف345-67").into_string();
        for part in ["۱۲", "الف", "۳۴۵", "ایران", "۶۷"] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(html.contains("plate gov"));
    }
}
