//! The verification page: what a phone's browser shows when the printed permit's QR code is
//! scanned (`GET /permits/verify/{permit_number}` asked for `text/html`).
//!
//! Persian, right to left, mobile first (readable at 360 px), no script, one hashed inline style
//! sheet under a strict `Content-Security-Policy`. It says in large words and colour whether
//! the police may act on the paper (`معتبر` in green; anything else in red), draws the plate as
//! on the printed permit (left to right, its own bidi isolate, so the bidi algorithm cannot
//! reorder it), gives the validity as a Jalali date with its weekday, the permit number in
//! groups of four, and whether the paper's signature matches (see `permits::signing`).

use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;
use chrono::NaiveDateTime;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use sha2::{Digest, Sha256};

use crate::clock::{utc, Clock};
use crate::domain::jalali::{format_jalali_long, weekday_fa};
use crate::domain::text::persian_digits;
use crate::error::ApiError;
use crate::http::middleware::PagePolicy;
use crate::i18n::Lang;
use crate::permits::model::PermitStatus;
use crate::permits::signing::SignatureCheck;
use crate::requests::model::plate_parts;

/// Whether the client asked for the page rather than the JSON: `text/html` (or XHTML) named
/// explicitly with a weight at least that of JSON. `*/*`, no `Accept` and `application/json`
/// get JSON, so API clients are unaffected.
pub fn wants_html(req: &HttpRequest) -> bool {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let (mut html, mut json) = (0.0f32, 0.0f32);
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match media.as_str() {
            "text/html" | "application/xhtml+xml" => html = html.max(q),
            "application/json" | "application/problem+json" | "application/*" | "*/*" => {
                json = json.max(q)
            }
            _ => {}
        }
    }
    html > 0.0 && html >= json
}

/// What the page shows of a permit.
pub struct Verified<'a> {
    pub permit_number: &'a str,
    pub status: PermitStatus,
    pub status_label_fa: &'a str,
    /// The canonical plate.
    pub plate: &'a str,
    pub valid_until: NaiveDateTime,
    pub signature: &'a SignatureCheck,
}

/// The HTML response: `Content-Language: fa`, no caching (the status is that of the moment),
/// the page's own CSP.
fn respond(status: actix_web::http::StatusCode, markup: Markup) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_LANGUAGE, HeaderValue::from_static("fa")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(markup.into_string());
    res.extensions_mut()
        .insert(PagePolicy(crate::http::middleware::page_csp(&STYLE_SHA256)));
    res
}

fn fa(s: &str) -> String {
    persian_digits(s)
}

/// `7319 0455 2817` in Persian digits.
fn grouped(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    fa(&groups.join(" "))
}

/// The verdict: whether the police may act on the paper, in a word, and a sentence.
fn verdict(v: &Verified<'_>) -> (&'static str, String, String) {
    if *v.signature == SignatureCheck::Invalid {
        return (
            "bad",
            "نامعتبر".to_owned(),
            "اطلاعات این برگه با امضای دیجیتال آن نمی‌خواند: برگه دستکاری یا جعل شده است. نباید بر اساس آن پلاکی فک شود."
                .to_owned(),
        );
    }
    if v.status == PermitStatus::Issued {
        return (
            "ok",
            "معتبر".to_owned(),
            "این مجوز صادر شده و هم‌اکنون معتبر است؛ پلاک خودرو را با پلاک زیر مقایسه کنید."
                .to_owned(),
        );
    }
    (
        "bad",
        "فاقد اعتبار".to_owned(),
        format!(
            "وضعیت این مجوز «{}» است؛ نباید بر اساس آن پلاکی فک شود.",
            v.status_label_fa
        ),
    )
}

fn signature_line(check: &SignatureCheck) -> (&'static str, Markup) {
    match check {
        // The key id is Latin: isolated, so the parenthesis and full stop stay in place.
        SignatureCheck::Valid { key_id } => (
            "ok",
            html! { "امضای دیجیتال برگه معتبر است (کلید " bdi dir="ltr" { (key_id) } ")." },
        ),
        SignatureCheck::Invalid => ("bad", html! { "امضای دیجیتال برگه معتبر نیست." }),
        SignatureCheck::Absent => (
            "none",
            html! { "این نشانی امضای دیجیتال ندارد (شماره دستی وارد شده است)؛ برای بررسی امضا، کد QR برگه را پویش کنید." },
        ),
    }
}

/// `سه‌شنبه ۴ آذر ۱۴۰۵، ساعت ۲۳:۵۹`.
fn long_instant(clock: &Clock, at: NaiveDateTime) -> String {
    let day = clock.local_date(at);
    let time = utc(at)
        .with_timezone(&clock.tz())
        .format("%H:%M")
        .to_string();
    format!(
        "{} {}، ساعت {}",
        weekday_fa(day),
        format_jalali_long(day),
        fa(&time)
    )
}

/// The page for a permit that exists.
pub fn page(v: &Verified<'_>, directorate: &str, clock: &Clock) -> HttpResponse {
    let (class, word, sentence) = verdict(v);
    let (sig_class, sig_text) = signature_line(v.signature);
    // The whole plate only when the paper's signature vouches for it (the paper shows it
    // anyway); otherwise its three middle digits hidden, as in the JSON.
    let full = matches!(v.signature, SignatureCheck::Valid { .. });
    let now = clock.now();
    let markup = html! {
        (DOCTYPE)
        html dir="rtl" lang="fa" {
            (head("استعلام مجوز فک پلاک"))
            body class=(class) {
                main {
                    (masthead(directorate))
                    section class="verdict" role="status" data-field="verdict" {
                        p class="word" data-field="verdict_word" { (word) }
                        p class="sentence" { (sentence) }
                    }
                    section class="plate-row" { (plate(v.plate, full)) }
                    dl class="facts" {
                        div {
                            dt { "شمارهٔ مجوز" }
                            dd { bdi dir="ltr" class="number" data-field="permit_number" { (grouped(v.permit_number)) } }
                        }
                        div {
                            dt { "وضعیت" }
                            dd data-field="status" { (v.status_label_fa) }
                        }
                        div {
                            dt { "اعتبار تا پایان" }
                            dd data-field="valid_until" { (long_instant(clock, v.valid_until)) }
                        }
                        div class=(format!("sig {sig_class}")) {
                            dt { "امضای دیجیتال" }
                            dd data-field="signature" data-signature=(v.signature.as_str()) { (sig_text) }
                        }
                    }
                    p class="note" {
                        "این پاسخ وضعیت مجوز در لحظهٔ استعلام است: "
                        span data-field="checked_at" { (long_instant(clock, now)) }
                        "."
                    }
                }
            }
        }
    };
    respond(actix_web::http::StatusCode::OK, markup)
}

/// [`error_page`], keeping the rate-limit headers the problem carries.
pub fn error_page_with_limits(e: &ApiError, directorate: &str) -> HttpResponse {
    let mut page = error_page(e, directorate);
    let problem = e.render(crate::i18n::Lang::Fa);
    for (name, value) in problem.headers() {
        if name.as_str().starts_with("ratelimit") || name == header::RETRY_AFTER {
            page.headers_mut().insert(name.clone(), value.clone());
        }
    }
    page
}

/// The page for a number that names no permit, cannot be a permit number, or a look-up
/// refused (429): the problem's status, its Persian detail, in red.
pub fn error_page(e: &ApiError, directorate: &str) -> HttpResponse {
    let body = e.body(Lang::Fa);
    let detail = body["detail"].as_str().unwrap_or_default().to_owned();
    let word = match e.status().as_u16() {
        404 => "مجوز یافت نشد",
        422 => "شماره نادرست است",
        429 => "استعلام‌ها بیش از حد مجاز",
        _ => "استعلام ناموفق بود",
    };
    let class = if e.status().as_u16() == 429 || e.status().is_server_error() {
        "warn"
    } else {
        "bad"
    };
    let markup = html! {
        (DOCTYPE)
        html dir="rtl" lang="fa" {
            (head("استعلام مجوز فک پلاک"))
            body class=(class) {
                main {
                    (masthead(directorate))
                    section class="verdict" role="status" data-field="verdict" {
                        p class="word" data-field="verdict_word" { (word) }
                        p class="sentence" data-field="detail" { (detail) }
                    }
                    @if e.status().as_u16() == 404 {
                        p class="note" { "برگه‌ای که چنین شماره‌ای دارد از این اداره صادر نشده است؛ نباید بر اساس آن پلاکی فک شود." }
                    }
                }
            }
        }
    };
    let mut res = respond(e.status(), markup);
    if e.status().as_u16() == 429 {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    res
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="robots" content="noindex, nofollow";
            meta name="referrer" content="no-referrer";
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    }
}

fn masthead(directorate: &str) -> Markup {
    html! {
        header class="mast" {
            p class="state" { "جمهوری اسلامی ایران" }
            p class="directorate" { (directorate) }
            h1 { "استعلام مجوز فک پلاک خودروی دولتی" }
        }
    }
}

/// The plate as on the car and the printed permit, left to right in its own isolate: two
/// digits, the letter, three digits (`***` when hidden), the region box.
fn plate(canonical: &str, full: bool) -> Markup {
    let p = plate_parts(canonical);
    let second = if full {
        fa(&p.second)
    } else {
        "***".to_owned()
    };
    let kind = if p.letter == "الف" {
        "plate gov"
    } else {
        "plate"
    };
    let label = format!(
        "پلاک {} {} {} ایران {}",
        fa(&p.first),
        p.letter,
        second,
        fa(&p.region)
    );
    html! {
        bdi class=(kind) dir="ltr" role="img" aria-label=(label) data-field="plate" data-full=(full) {
            span class="band" aria-hidden="true" { "I.R." br; "IRAN" }
            span class="main" {
                span class="two" data-part="first" { (fa(&p.first)) }
                span class="letter" data-part="letter" { (p.letter) }
                span class="three" data-part="second" { (second) }
            }
            span class="region" {
                span class="iran" { "ایران" }
                span class="code" data-part="region" { (fa(&p.region)) }
            }
        }
    }
}

/// SHA-256 of [`STYLE`], base64: the page's CSP allows exactly this style element.
static STYLE_SHA256: LazyLock<String> =
    LazyLock::new(|| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE)));

/// Mobile first: one column, sizes in px/rem that fit 360 px; wider screens centre it.
const STYLE: &str = r#"
* { box-sizing: border-box; }
html { font-size: 17px; -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: #111; background: #f4f4f4; line-height: 1.7;
  font-family: Vazirmatn, "Vazirmatn FD", Vazir, Tahoma, "DejaVu Sans", "Noto Sans Arabic", "Segoe UI", sans-serif;
}
main { max-width: 32rem; margin: 0 auto; padding: 12px; }
.mast { text-align: center; margin-bottom: 10px; }
.mast p { margin: 0; font-size: 0.85rem; }
.mast .directorate { font-weight: bold; }
.mast h1 { font-size: 1.05rem; margin: 6px 0 0; }
.verdict { border-radius: 10px; padding: 14px 12px; text-align: center; color: #fff; }
.ok .verdict { background: #0a7d32; }
.bad .verdict { background: #b00020; }
.warn .verdict { background: #8a5a00; }
.verdict p { margin: 0; }
.verdict .word { font-size: 2.2rem; font-weight: bold; line-height: 1.3; }
.verdict .sentence { font-size: 1rem; margin-top: 6px; }
.plate-row { display: flex; justify-content: center; margin: 16px 0; }
.plate { display: inline-flex; align-items: stretch; direction: ltr; unicode-bidi: isolate; height: 64px; border: 3px solid #111; border-radius: 6px; overflow: hidden; background: #fff; color: #111; font-weight: bold; max-width: 100%; }
.plate.gov { background: #c8102e; color: #fff; }
.plate .band { width: 30px; background: #1d3f94; color: #fff; display: flex; flex-direction: column; align-items: center; justify-content: flex-end; padding: 4px 0; font: bold 8px/1.1 Arial, "DejaVu Sans", sans-serif; text-align: center; }
.plate .main { display: flex; align-items: center; gap: 8px; padding: 0 10px; font-size: 36px; line-height: 1; white-space: nowrap; }
.plate .letter { font-size: 26px; }
.plate .region { display: flex; flex-direction: column; align-items: center; justify-content: center; border-left: 3px solid currentColor; padding: 0 8px; min-width: 50px; }
.plate .iran { font-size: 11px; line-height: 1.2; }
.plate .code { font-size: 26px; line-height: 1; }
.facts { background: #fff; border-radius: 10px; margin: 0; padding: 4px 12px; }
.facts div { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 12px; padding: 8px 0; border-bottom: 1px solid #ddd; }
.facts div:last-child { border-bottom: 0; }
.facts dt { color: #555; font-size: 0.9rem; }
.facts dd { margin: 0; font-weight: bold; }
.facts .number { font-size: 1.25rem; letter-spacing: 0.06em; unicode-bidi: isolate; direction: ltr; }
.sig.ok dd { color: #0a7d32; }
.sig.bad dd { color: #b00020; }
.sig.none dd { color: #555; font-weight: normal; font-size: 0.9rem; }
.note { font-size: 0.85rem; color: #444; margin: 12px 4px; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_four() {
        assert_eq!(grouped("731904552817"), "۷۳۱۹ ۰۴۵۵ ۲۸۱۷");
    }

    #[test]
    fn the_plate_is_isolated_and_masked_unless_signed() {
        let full = plate("12الف345-67", true).into_string();
        assert!(
            full.starts_with(r#"<bdi class="plate gov" dir="ltr""#),
            "{full}"
        );
        assert!(full.contains(">۳۴۵<"));
        let masked = plate("12الف345-67", false).into_string();
        assert!(!masked.contains("۳۴۵"), "{masked}");
        assert!(masked.contains(">***<"));
    }
}
