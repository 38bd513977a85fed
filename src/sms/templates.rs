//! Message templates: Persian text with named placeholders (`{tracking_code}`), a built-in
//! default per event that an administrator may override, checked on save, and rendered with
//! Persian digits.

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

/// Fills a template; a placeholder without a value is left empty. ASCII digits, in the text
/// and in the values, are written as Persian digits.
pub fn render(body: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    match parse(body) {
        Ok(parts) => {
            for part in parts {
                match part {
                    Part::Text(t) => out.push_str(t),
                    Part::Field(name) => {
                        if let Some((_, v)) = values.iter().find(|(k, _)| *k == name) {
                            out.push_str(v);
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
}
