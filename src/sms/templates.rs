//! Message templates: Persian text with named placeholders (`{tracking_code}`), a built-in
//! default per event that an administrator may override, checked on save, and rendered with
//! Persian digits.
//!
//! What a placeholder carries is never an agency's free text (reasons go out as the Persian
//! labels of their codes, see `sms::service`), and whatever it carries, [`render`] cleans every
//! value, for every template (built-in, administrator's, and any added later): one line, no
//! invisible characters, no URL-like token ([`is_url_like`]), at most [`bound`] characters
//! (cut with «…»). An administrator's text may hold no URL but the service's own public
//! address ([`check_urls`]).

use crate::domain::text::persian_digits;
use crate::error::FieldIssue;
use crate::sms::SmsEvent;

/// Longest template body, in characters (a few SMS parts).
pub const MAX_LEN: usize = 500;

/// The placeholders a template of `event` may use. `{signature}` is the directorate's name
/// (`DIRECTORATE_NAME`); plates are written as people write them (`۱۲ الف ۳۵۱ - ایران ۱۵`),
/// tracking codes and permit numbers in groups of four (`۳۱۰۳ ۲۲۶۳ ۲۱۵۶`), dates in Jalali.
pub fn placeholders(event: SmsEvent) -> &'static [&'static str] {
    match event {
        SmsEvent::Filed | SmsEvent::Completed => &["tracking_code", "plate", "signature"],
        SmsEvent::DocumentsRequested | SmsEvent::DocumentsDue => &[
            "tracking_code",
            "plate",
            "documents",
            "due_date",
            "signature",
        ],
        SmsEvent::PermitIssued => &[
            "tracking_code",
            "plate",
            "permit_number",
            "valid_until",
            "signature",
        ],
        SmsEvent::PermitExpired => &["tracking_code", "plate", "permit_number", "signature"],
        SmsEvent::PermitRevoked => &[
            "tracking_code",
            "plate",
            "permit_number",
            "reason",
            "signature",
        ],
        SmsEvent::RemovalRefused | SmsEvent::Rejected | SmsEvent::Withdrawn => {
            &["tracking_code", "plate", "reason", "signature"]
        }
        SmsEvent::ComplaintAnswered => &["tracking_code", "signature"],
        SmsEvent::BatchFiled => &["tracking_code", "count", "signature"],
        SmsEvent::BatchProgress => &["tracking_code", "count", "summary", "signature"],
        SmsEvent::Outage | SmsEvent::Maintenance => &["title", "starts_at", "ends_at"],
    }
}

/// The longest value, in characters, `{name}` is filled with; longer values are cut with «…».
/// Placeholders this table does not name (events added later) get 40.
pub fn bound(name: &str) -> usize {
    match name {
        "tracking_code" => 16,
        "plate" | "permit_number" | "starts_at" | "ends_at" => 32,
        "valid_until" | "due_date" => 20,
        "reason" => 40,
        "title" | "signature" => 60,
        "documents" => 120,
        "count" => 8,
        "summary" => 120,
        _ => 40,
    }
}

/// Characters in one SMS part: 70 UCS-2 characters alone, 67 each when concatenated (GSM-7:
/// 160 and 153).
const UCS2_SINGLE: usize = 70;
const UCS2_PART: usize = 67;
const GSM_SINGLE: usize = 160;
const GSM_PART: usize = 153;

/// Whether `c` is in the GSM 03.38 basic character set (the common part of it: Latin letters,
/// digits, space, newline and usual punctuation); any other character makes the message UCS-2.
fn is_gsm7(c: char) -> bool {
    c.is_ascii_alphanumeric() || " \n\r@$_!\"#%&'()*+,-./:;<=>?".contains(c)
}

/// How many SMS parts `text` takes: Persian text is sent in UCS-2, 70 characters in one part,
/// 67 in each part of a longer message.
pub fn parts(text: &str) -> u32 {
    let n = text.chars().count();
    let (single, part) = if text.chars().all(is_gsm7) {
        (GSM_SINGLE, GSM_PART)
    } else {
        (UCS2_SINGLE, UCS2_PART)
    };
    if n <= single {
        1
    } else {
        n.div_ceil(part) as u32
    }
}

/// The parts the built-in text of `event` takes with typical values ([`example_values`]) and
/// the default signature: the templates name their length, and a test holds them to it.
pub fn default_parts(event: SmsEvent) -> u32 {
    match event {
        SmsEvent::Filed | SmsEvent::ComplaintAnswered => 1,
        SmsEvent::DocumentsRequested
        | SmsEvent::DocumentsDue
        | SmsEvent::Outage
        | SmsEvent::Maintenance => 3,
        _ => 2,
    }
}

/// Typical values of every placeholder, as real messages carry them (used to count a
/// template's parts before it is sent).
pub fn example_values(signature: &str) -> Vec<(&'static str, String)> {
    vec![
        ("tracking_code", group_code("310322632156")),
        ("plate", spoken_plate("12الف351-15")),
        ("permit_number", group_code("710322632157")),
        ("valid_until", "1405/09/27".to_owned()),
        ("due_date", "1405/09/20".to_owned()),
        ("documents", "سند مالکیت، کارت خودرو".to_owned()),
        ("reason", "خلافی پرداخت‌نشده".to_owned()),
        ("title", "قطعی شبکه مرکز داده".to_owned()),
        ("starts_at", "1405/09/20 22:00".to_owned()),
        ("ends_at", "1405/09/21 02:00".to_owned()),
        ("count", "40".to_owned()),
        ("summary", "38 مجوز صادر شد، 2 در انتظار مدرک".to_owned()),
        ("signature", signature.to_owned()),
    ]
}

/// A 12-digit code (tracking code, permit number) in groups of four, as people read it out:
/// `3103 2263 2156`; any other text is left as it is.
pub fn group_code(code: &str) -> String {
    let digits: Vec<char> = code.chars().collect();
    if digits.len() != 12 || !digits.iter().all(|c| c.is_ascii_digit()) {
        return code.to_owned();
    }
    digits
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A canonical plate (`12الف351-15`) as people write it: spaced, the region last after
/// «ایران» (`12 الف 351 - ایران 15`); any other text is left as it is.
pub fn spoken_plate(canonical: &str) -> String {
    let Some((left, region)) = canonical.split_once('-') else {
        return canonical.to_owned();
    };
    let first: String = left.chars().take_while(char::is_ascii_digit).collect();
    let rest = &left[first.len()..];
    let letter: String = rest.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let second = &rest[letter.len()..];
    let ok = !first.is_empty()
        && !letter.is_empty()
        && !second.is_empty()
        && second.chars().all(|c| c.is_ascii_digit())
        && !region.is_empty()
        && region.chars().all(|c| c.is_ascii_digit());
    if !ok {
        return canonical.to_owned();
    }
    format!("{first} {letter} {second} - ایران {region}")
}

/// Whether a whitespace-free token reads as a link: a scheme (`http://`, `tg:`-like `…://`),
/// `www.`, an e-mail-like `@`, a dotted IPv4 address, or a host name with an alphabetic
/// top-level label (`pay.example.com/x`, `t.me/x`, `bit.ly`).
pub fn is_url_like(token: &str) -> bool {
    let t = token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty() {
        return false;
    }
    if t.contains("://") || t.starts_with("www.") || t.contains("www.") {
        return true;
    }
    // The host part: before any path, query or port.
    let host = t
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return t.contains('@') && t.contains('.');
    }
    if labels.len() == 4 && labels.iter().all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return true;
    }
    let tld = labels[labels.len() - 1];
    (2..=24).contains(&tld.chars().count())
        && tld.chars().all(|c| c.is_alphabetic())
        && labels[..labels.len() - 1]
            .iter()
            .all(|l| l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// A placeholder's value as it may go out: one line, invisible characters dropped, URL-like
/// tokens removed, at most [`bound`]`(name)` characters (the cut ends in «…»).
pub fn clean_value(name: &str, value: &str) -> String {
    let line = crate::domain::text::normalize_line(value);
    let kept: Vec<&str> = line.split(' ').filter(|t| !is_url_like(t)).collect();
    let text = kept.join(" ");
    let max = bound(name);
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut = cut.trim_end().to_owned();
    cut.push('…');
    cut
}

/// The host of the service's public address (`PUBLIC_BASE_URL`), lower case.
fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
}

/// An administrator's text may carry no link but the service's own public address: any other
/// URL-like token is an issue naming `field` (`url_not_allowed`).
pub fn check_urls(field: &str, body: &str, public_base_url: &str) -> Vec<crate::error::FieldIssue> {
    let own = host_of(public_base_url);
    let mut issues = Vec::new();
    for token in body.split_whitespace() {
        if !is_url_like(token) {
            continue;
        }
        let t = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        let with_scheme = if t.contains("://") {
            t.to_owned()
        } else {
            format!("https://{t}")
        };
        if own.is_some() && host_of(&with_scheme) == own {
            continue;
        }
        issues.push(FieldIssue::new(
            field,
            "url_not_allowed",
            format!("متن پیامک جز نشانی خود سامانه ({public_base_url}) پیوندی نمی‌پذیرد: «{token}»."),
            format!("The message text may carry no link but the service's own address ({public_base_url}): '{token}'."),
        ));
    }
    issues
}

/// The built-in text of each event: short (one UCS-2 part where the content allows, see
/// [`default_parts`]), signed with `{signature}`, no link.
pub fn default_body(event: SmsEvent) -> &'static str {
    match event {
        SmsEvent::Filed => "درخواست {tracking_code} ثبت شد.\n{signature}",
        SmsEvent::DocumentsRequested => "مدارک لازم برای درخواست {tracking_code}: {documents}؛ مهلت: {due_date}.\n{signature}",
        SmsEvent::DocumentsDue => "یادآوری: مهلت مدارک درخواست {tracking_code} فردا {due_date} است: {documents}.\n{signature}",
        SmsEvent::PermitIssued => "مجوز فک پلاک {plate} به شماره {permit_number} صادر شد؛ معتبر تا {valid_until}.\n{signature}",
        SmsEvent::PermitExpired => "مجوز {permit_number} پلاک {plate} بی‌اقدام پلیس منقضی شد؛ مجوز تازه بخواهید.\n{signature}",
        SmsEvent::PermitRevoked => "مجوز {permit_number} پلاک {plate} باطل شد. علت: {reason}.\n{signature}",
        SmsEvent::RemovalRefused => "پلیس فک پلاک {plate} را تأیید نکرد. علت: {reason}.\n{signature}",
        SmsEvent::Completed => "فک پلاک {plate} در سامانه جامع خودرو ثبت و پرونده بسته شد.\n{signature}",
        SmsEvent::Rejected => "درخواست {tracking_code} رد شد. علت: {reason}.\n{signature}",
        SmsEvent::Withdrawn => "درخواست {tracking_code} بسته شد. علت: {reason}.\n{signature}",
        SmsEvent::ComplaintAnswered => "شکایت {tracking_code} پاسخ داده شد.\n{signature}",
        SmsEvent::BatchFiled => "دسته {tracking_code}: {count} خودرو ثبت شد.\n{signature}",
        SmsEvent::BatchProgress => "دسته {tracking_code}، {count} خودرو: {summary}.\n{signature}",
        SmsEvent::Outage => "اختلال در سامانه مجوز فک پلاک: {title}، از {starts_at} تا {ends_at}. پوزش می‌طلبیم.",
        SmsEvent::Maintenance => "یادآوری: سامانه مجوز فک پلاک از {starts_at} تا {ends_at} برای نگهداری در دسترس نیست: {title}.",
    }
}

/// A piece of a template.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// Splits a template; `Err` with the offending piece when a brace is unbalanced.
fn parse(body: &str) -> Result<Vec<Part<'_>>, String> {
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("}".to_owned());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "{".to_owned())?;
        let name = &after[..close];
        if name.contains('{') {
            return Err("{".to_owned());
        }
        if open > 0 {
            parts.push(Part::Text(&rest[..open]));
        }
        parts.push(Part::Field(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    Ok(parts)
}

/// Every problem with a template body for `event`, each naming `field`.
pub fn check(event: SmsEvent, field: &str, body: &str) -> Vec<FieldIssue> {
    let allowed = placeholders(event);
    let list = allowed
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join("، ");
    let list_en = allowed
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut issues = Vec::new();
    let n = body.chars().count();
    if body.trim().is_empty() {
        issues.push(FieldIssue::required(field));
    } else if n > MAX_LEN {
        issues.push(FieldIssue::new(
            field,
            "too_long",
            persian_digits(&format!("متن پیامک حداکثر {MAX_LEN} نویسه است.")),
            format!("The message text has at most {MAX_LEN} characters."),
        ));
    }
    match parse(body) {
        Err(brace) => issues.push(FieldIssue::new(
            field,
            "invalid_template",
            format!("در متن «{field}» آکولاد «{brace}» بی‌جفت است؛ جای‌نگه‌دارها به شکل {{tracking_code}} نوشته می‌شوند."),
            format!("The {field} has an unbalanced '{brace}'; placeholders look like {{tracking_code}}."),
        )),
        Ok(parts) => {
            for part in parts {
                if let Part::Field(name) = part {
                    if !allowed.contains(&name) {
                        issues.push(FieldIssue::new(
                            field,
                            "unknown_placeholder",
                            format!("جای‌نگه‌دار «{{{name}}}» در متن «{field}» شناخته نیست؛ برای این رویداد تنها این‌ها به کار می‌روند: {list}."),
                            format!("Unknown placeholder {{{name}}} in {field}; this event allows {list_en}."),
                        ));
                    }
                }
            }
        }
    }
    issues
}

/// Sentence punctuation that must not be doubled (`است..`, `علت: .`).
const PUNCT: [char; 6] = ['.', '،', '؛', ':', '!', '؟'];

/// A value without the sentence punctuation it ends with (the template places its own).
fn without_final_punct(value: &str) -> &str {
    value.trim_end_matches(|c: char| PUNCT.contains(&c) || c.is_whitespace())
}

/// Drops a punctuation mark that follows another one (or «…») directly: a value that ends a
/// sentence never doubles the template's full stop.
fn undouble(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if PUNCT.contains(&c) && out.ends_with(|p: char| PUNCT.contains(&p) || p == '…') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Fills a template; a placeholder without a value is left empty, every value goes through
/// [`clean_value`] and loses its final punctuation, and a punctuation mark that would follow
/// another is dropped. ASCII digits, in the text and in the values, are written as Persian
/// digits.
pub fn render(body: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    match parse(body) {
        Ok(parts) => {
            for part in parts {
                match part {
                    Part::Text(t) => out.push_str(t),
                    Part::Field(name) => {
                        if let Some((_, v)) = values.iter().find(|(k, _)| *k == name) {
                            out.push_str(&clean_value(name, without_final_punct(v)));
                        }
                    }
                }
            }
        }
        // Stored templates were checked; an unparsable one is sent as written.
        Err(_) => out.push_str(body),
    }
    persian_digits(&undouble(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_use_only_their_placeholders() {
        for e in SmsEvent::ALL {
            assert!(check(*e, "body", default_body(*e)).is_empty(), "{e}");
        }
    }

    #[test]
    fn unknown_placeholders_and_braces_are_named() {
        let issues = check(
            SmsEvent::Filed,
            "body",
            "کد {tracking_code} و {permit_number}",
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, "unknown_placeholder");
        assert!(issues[0].message.fa.contains("{permit_number}"));
        for bad in ["کد {tracking_code", "کد }", "{{tracking_code}}"] {
            let issues = check(SmsEvent::Filed, "body", bad);
            assert_eq!(issues[0].code, "invalid_template", "{bad}");
        }
        assert_eq!(check(SmsEvent::Filed, "body", " ")[0].code, "required");
    }

    /// Every check a message must pass: no empty placeholder, no doubled punctuation, Persian
    /// digits only, no link, and at most `max_parts` parts.
    pub fn assert_readable(text: &str, max_parts: u32) {
        assert!(!text.contains('{') && !text.contains('}'), "{text}");
        assert!(
            !text.chars().any(|c| c.is_ascii_digit()),
            "ASCII digit: {text}"
        );
        for bad in [
            "..", ". .", ":.", ": .", "،.", "؛.", "( )", "()", "  ", " .", " ،",
        ] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert!(!text.split_whitespace().any(is_url_like), "{text}");
        assert!(parts(text) <= max_parts, "{} parts: {text}", parts(text));
    }

    #[test]
    fn every_template_renders_readably_within_its_stated_parts() {
        let signature = "اداره کل اموال و اوراق بهادار دولتی";
        for e in SmsEvent::ALL {
            let body = default_body(*e);
            let text = render(body, &example_values(signature));
            assert_readable(&text, default_parts(*e));
            if placeholders(*e).contains(&"signature") {
                assert!(text.ends_with(signature), "{e}: {text}");
            }
            assert!(
                !text.contains("مسترد") && !text.contains("سامانهٔ ملی"),
                "{text}"
            );
        }
        // Filed and complaint answers fit one UCS-2 part.
        for e in [SmsEvent::Filed, SmsEvent::ComplaintAnswered] {
            let text = render(default_body(e), &example_values(signature));
            assert!(text.chars().count() <= 70, "{text}");
        }
    }

    #[test]
    fn parts_count_ucs2_and_gsm() {
        assert_eq!(parts(&"ب".repeat(70)), 1);
        assert_eq!(parts(&"ب".repeat(71)), 2);
        assert_eq!(parts(&"ب".repeat(134)), 2);
        assert_eq!(parts(&"ب".repeat(135)), 3);
        assert_eq!(parts(&"a".repeat(160)), 1);
        assert_eq!(parts(&"a".repeat(161)), 2);
    }

    #[test]
    fn plates_codes_and_punctuation_are_written_as_people_read_them() {
        assert_eq!(spoken_plate("12الف351-15"), "12 الف 351 - ایران 15");
        assert_eq!(
            render("{plate}", &[("plate", spoken_plate("12الف351-15"))]),
            "۱۲ الف ۳۵۱ - ایران ۱۵"
        );
        assert_eq!(spoken_plate("نامعتبر"), "نامعتبر");
        assert_eq!(group_code("310322632156"), "3103 2263 2156");
        assert_eq!(group_code("PP-1"), "PP-1");
        assert_eq!(
            render("علت: {reason}.", &[("reason", "ثبت نشده است.".to_owned())]),
            "علت: ثبت نشده است."
        );
        assert_eq!(render("پایان.. و ،.", &[]), "پایان. و ،");
    }

    #[test]
    fn renders_with_persian_digits() {
        let text = render(
            "کد {tracking_code}، مهلت 3 روز",
            &[("tracking_code", "123456".to_owned())],
        );
        assert_eq!(text, "کد ۱۲۳۴۵۶، مهلت ۳ روز");
    }

    #[test]
    fn urls_are_recognised_in_their_usual_forms() {
        for url in [
            "https://pay.example.com/x",
            "http://[::1]/",
            "hxxp://evil",
            "www.example.ir",
            "pay.example.com/invoice?id=1",
            "t.me/scam",
            "bit.ly",
            "(example.com)",
            "192.168.1.10/x",
            "user@example.com",
            "علتpay.example.com",
        ] {
            assert!(is_url_like(url), "{url}");
        }
        for text in [
            "۱۲ب۳۴۵-۶۷",
            "1405/09/03",
            "PP-1405-000123",
            "سند",
            "3.5",
            "a.1",
            "...",
        ] {
            assert!(!is_url_like(text), "{text}");
        }
    }

    #[test]
    fn values_are_cleaned_and_bounded() {
        let long = format!(
            "{} https://pay.example.com/x {}",
            "الف".repeat(400),
            "ب".repeat(400)
        );
        let v = clean_value("reason", &long);
        assert_eq!(v.chars().count(), bound("reason"));
        assert!(v.ends_with('…'));
        assert!(!v.contains("example"));
        assert_eq!(clean_value("title", "قطعی\nبرق www.x.ir"), "قطعی برق");
        assert_eq!(
            clean_value("future_placeholder", &"ج".repeat(100))
                .chars()
                .count(),
            40
        );
        let text = render(
            "علت: {reason}",
            &[("reason", format!("{} pay.example.com", "د".repeat(2000)))],
        );
        assert!(text.chars().count() <= 5 + bound("reason"), "{text}");
    }

    #[test]
    fn an_administrators_text_may_link_only_to_the_service() {
        let own = "https://permits.example.ir";
        assert!(check_urls("body", "پیگیری: https://permits.example.ir/track", own).is_empty());
        assert!(check_urls("body", "پیگیری: permits.example.ir/track", own).is_empty());
        let issues = check_urls("body", "پرداخت: https://pay.example.com", own);
        assert_eq!(issues[0].code, "url_not_allowed");
        assert_eq!(check_urls("body", "www.evil.ir و t.me/x", own).len(), 2);
    }
}
