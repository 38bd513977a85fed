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

/// The placeholders a template of `event` may use.
pub fn placeholders(event: SmsEvent) -> &'static [&'static str] {
    match event {
        SmsEvent::Filed | SmsEvent::Completed => &["tracking_code", "plate"],
        SmsEvent::DocumentsRequested => &["tracking_code", "plate", "documents"],
        SmsEvent::PermitIssued => &["tracking_code", "plate", "permit_number", "valid_until"],
        SmsEvent::PermitExpired => &["tracking_code", "plate", "permit_number"],
        SmsEvent::RemovalRefused | SmsEvent::Rejected | SmsEvent::Withdrawn => {
            &["tracking_code", "plate", "reason"]
        }
        SmsEvent::Outage | SmsEvent::Maintenance => &["title", "starts_at", "ends_at"],
    }
}

/// The longest value, in characters, `{name}` is filled with; longer values are cut with «…».
/// Placeholders this table does not name (events added later) get 40.
pub fn bound(name: &str) -> usize {
    match name {
        "tracking_code" => 16,
        "plate" | "permit_number" | "starts_at" | "ends_at" => 32,
        "valid_until" => 20,
        "reason" => 40,
        "title" => 60,
        "documents" => 120,
        _ => 40,
    }
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

/// The built-in text of each event.
pub fn default_body(event: SmsEvent) -> &'static str {
    match event {
        SmsEvent::Filed => "درخواست فک پلاک خودروی {plate} ثبت شد. کد رهگیری: {tracking_code}. اداره‌کل اموال دولتی",
        SmsEvent::DocumentsRequested => "برای درخواست {tracking_code} ارسال این مدارک لازم است: {documents}. اداره‌کل اموال دولتی",
        SmsEvent::PermitIssued => "مجوز فک پلاک درخواست {tracking_code} به شمارهٔ {permit_number} صادر شد و تا {valid_until} اعتبار دارد. اداره‌کل اموال دولتی",
        SmsEvent::PermitExpired => "مهلت مجوز فک پلاک شمارهٔ {permit_number} (درخواست {tracking_code}) بدون اقدام پلیس راهور به پایان رسید؛ برای صدور مجوز تازه از سامانه درخواست دهید. اداره‌کل اموال دولتی",
        SmsEvent::RemovalRefused => "فک پلاک درخواست {tracking_code} از سوی پلیس تأیید نشد. علت: {reason}. اداره‌کل اموال دولتی",
        SmsEvent::Completed => "فک پلاک درخواست {tracking_code} در سامانهٔ ملی خودرو ثبت شد و پرونده بسته شد. اداره‌کل اموال دولتی",
        SmsEvent::Rejected => "درخواست {tracking_code} رد شد. علت: {reason}. اداره‌کل اموال دولتی",
        SmsEvent::Withdrawn => "درخواست {tracking_code} به درخواست دستگاه مسترد شد. علت: {reason}. اداره‌کل اموال دولتی",
        SmsEvent::Outage => "اختلال در سامانهٔ مجوز فک پلاک: {title} (از {starts_at} تا {ends_at}). پوزش می‌طلبیم.",
        SmsEvent::Maintenance => "یادآوری: سامانهٔ مجوز فک پلاک از {starts_at} تا {ends_at} برای نگهداری در دسترس نیست. {title}",
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

/// Fills a template; a placeholder without a value is left empty, every value goes through
/// [`clean_value`]. ASCII digits, in the text and in the values, are written as Persian digits.
pub fn render(body: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    match parse(body) {
        Ok(parts) => {
            for part in parts {
                match part {
                    Part::Text(t) => out.push_str(t),
                    Part::Field(name) => {
                        if let Some((_, v)) = values.iter().find(|(k, _)| *k == name) {
                            out.push_str(&clean_value(name, v));
                        }
                    }
                }
            }
        }
        // Stored templates were checked; an unparsable one is sent as written.
        Err(_) => out.push_str(body),
    }
    persian_digits(&out)
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
