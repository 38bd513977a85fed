//! The printed permit as an official order (issue 31, point 5): the body text's template, its
//! placeholders, checking an administrator's text and filling it for one permit.
//!
//! A template is Persian text with named placeholders (`{plate}`) and optional passages in
//! square brackets (`[ به رنگ {colour}]`). A passage is printed only when every placeholder
//! in it has a value; a placeholder that may have none (the colour, the representative, VIN or
//! chassis number: requests filed before they were asked, vehicles with only one of the two)
//! must stand inside a passage, so the printed order never shows an empty placeholder. The
//! check refuses, naming `body`: an unknown placeholder (`unknown_placeholder`), an optional
//! one outside a passage (`optional_placeholder_outside_brackets`), an unbalanced or nested
//! brace or bracket (`invalid_template`).

use crate::domain::text::persian_digits;
use crate::error::FieldIssue;

/// The name the administrator's text is stored under (`print_templates.name`).
pub const TEMPLATE_NAME: &str = "permit_order";

/// Longest template body, in characters.
pub const MAX_LEN: usize = 4000;

/// A placeholder of the order's template.
pub struct Placeholder {
    pub name: &'static str,
    /// May have no value: allowed only inside a `[…]` passage.
    pub optional: bool,
    /// What it stands for (Persian).
    pub label_fa: &'static str,
}

const fn p(name: &'static str, optional: bool, label_fa: &'static str) -> Placeholder {
    Placeholder {
        name,
        optional,
        label_fa,
    }
}

/// Every placeholder the order's template may use.
pub const PLACEHOLDERS: &[Placeholder] = &[
    p("agency_name", false, "نام دستگاه مالک خودرو"),
    p("agency_legal_id", true, "شناسهٔ ملی دستگاه"),
    p("vehicle_type", false, "نوع خودرو (سواری، وانت، …)"),
    p("make", false, "سازنده"),
    p("model", false, "مدل (تیپ)"),
    p("year", false, "سال ساخت"),
    p("colour", true, "رنگ خودرو"),
    p("plate", false, "شمارهٔ پلاک"),
    p("vin", true, "شمارهٔ شناسایی خودرو (VIN)"),
    p("chassis_number", true, "شمارهٔ شاسی"),
    p("engine_number", false, "شمارهٔ موتور"),
    p("reason", false, "علت فک پلاک"),
    p("letter_number", false, "شمارهٔ نامهٔ دستگاه"),
    p("letter_date", false, "تاریخ نامهٔ دستگاه"),
    p("representative_name", true, "نام نمایندهٔ تحویل‌دهندهٔ خودرو"),
    p(
        "representative_national_code",
        true,
        "کد ملی نمایندهٔ تحویل‌دهندهٔ خودرو",
    ),
    p("representative_mobile", true, "شمارهٔ همراه نماینده"),
    p("permit_number", false, "شمارهٔ مجوز"),
    p(
        "national_permit_number",
        false,
        "شمارهٔ مجوز در سامانهٔ جامع خودرو",
    ),
    p("tracking_code", false, "کد رهگیری درخواست"),
    p("issued_on", false, "تاریخ صدور مجوز"),
    p("valid_until", false, "پایان مهلت اعتبار (روز و تاریخ)"),
    p("addressee", false, "گیرندهٔ نامه (ORDER_ADDRESSEE)"),
    p("directorate_name", false, "نام اداره کل (DIRECTORATE_NAME)"),
];

/// The built-in body: a formal order to the traffic police.
pub const DEFAULT_BODY: &str = "با سلام و احترام؛\n\
بازگشت به نامهٔ شمارهٔ {letter_number} مورخ {letter_date} {agency_name}[ به شناسهٔ ملی {agency_legal_id}] \
و به استناد ضوابط فک پلاک خودروهای دولتی، با فک پلاک خودروی {vehicle_type} {make} {model} مدل {year}\
[ به رنگ {colour}] به شمارهٔ انتظامی {plate}[، شمارهٔ شناسایی (VIN) {vin}][، شمارهٔ شاسی {chassis_number}] \
و شمارهٔ موتور {engine_number}، متعلق به دستگاه یادشده، به علت «{reason}» موافقت می‌شود.\
[ خودرو توسط {representative_name} به کد ملی {representative_national_code}، نمایندهٔ دستگاه، تحویل می‌گردد.]\n\
خواهشمند است دستور فرمایید پس از تطبیق مشخصات خودرو با این مجوز، نسبت به فک پلاک و تنظیم صورتجلسه \
اقدام و نتیجه را در سامانه ثبت نمایند. این مجوز تا پایان روز {valid_until} معتبر است.";

fn placeholder(name: &str) -> Option<&'static Placeholder> {
    PLACEHOLDERS.iter().find(|p| p.name == name)
}

/// A piece of a template.
#[derive(Debug, PartialEq, Eq)]
enum Node<'a> {
    Text(&'a str),
    Field(&'a str),
    /// `[…]`: printed only when each of its fields has a value.
    Passage(Vec<Node<'a>>),
}

/// Splits a template; `Err` with the offending character when a brace or bracket is
/// unbalanced or nested.
fn parse(body: &str) -> Result<Vec<Node<'_>>, char> {
    let mut top: Vec<Node<'_>> = Vec::new();
    let mut passage: Option<Vec<Node<'_>>> = None;
    let mut rest = body;
    while let Some(at) = rest.find(['{', '}', '[', ']']) {
        let c = rest[at..].chars().next().unwrap_or('{');
        let into = passage.as_mut().unwrap_or(&mut top);
        if at > 0 {
            into.push(Node::Text(&rest[..at]));
        }
        rest = &rest[at + 1..];
        match c {
            '{' => {
                let close = rest.find('}').ok_or('{')?;
                let name = &rest[..close];
                if let Some(bad) = name.chars().find(|c| matches!(c, '{' | '[' | ']')) {
                    return Err(bad);
                }
                into.push(Node::Field(name));
                rest = &rest[close + 1..];
            }
            '[' => {
                if passage.is_some() {
                    return Err('[');
                }
                passage = Some(Vec::new());
            }
            ']' => {
                let inner = passage.take().ok_or(']')?;
                top.push(Node::Passage(inner));
            }
            _ => return Err(c),
        }
    }
    if passage.is_some() {
        return Err('[');
    }
    if !rest.is_empty() {
        top.push(Node::Text(rest));
    }
    Ok(top)
}

/// Every problem with a template body, each naming `field`.
pub fn check(field: &str, body: &str) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let n = body.chars().count();
    if body.trim().is_empty() {
        issues.push(FieldIssue::required(field));
        return issues;
    }
    if n > MAX_LEN {
        issues.push(FieldIssue::new(
            field,
            "too_long",
            persian_digits(&format!("متن مجوز حداکثر {MAX_LEN} نویسه است.")),
            format!("The order text has at most {MAX_LEN} characters."),
        ));
    }
    let nodes = match parse(body) {
        Ok(nodes) => nodes,
        Err(c) => {
            issues.push(FieldIssue::new(
                field,
                "invalid_template",
                format!("در متن «{field}» نویسهٔ «{c}» بی‌جفت یا تودرتو است؛ جای‌نگه‌دارها به شکل {{plate}} و بخش‌های اختیاری به شکل [ به رنگ {{colour}}] نوشته می‌شوند و بخش اختیاری درون بخش اختیاری دیگر نمی‌آید."),
                format!("The {field} has an unbalanced or nested '{c}'; placeholders look like {{plate}}, optional passages like [ colour {{colour}}], and passages do not nest."),
            ));
            return issues;
        }
    };
    for node in &nodes {
        match node {
            Node::Text(_) => {}
            Node::Field(name) => issues.extend(placeholder_issue(field, name, false)),
            Node::Passage(inner) => {
                for n in inner {
                    if let Node::Field(name) = n {
                        issues.extend(placeholder_issue(field, name, true));
                    }
                }
            }
        }
    }
    issues
}

/// The placeholders' names, for the messages (`{plate}، {colour}` …).
fn placeholder_names(fa: bool) -> String {
    PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{}}}", p.name))
        .collect::<Vec<_>>()
        .join(if fa { "، " } else { ", " })
}

/// What is wrong with the placeholder `name` (`inside` an optional passage or not): unknown,
/// or optional outside brackets.
fn placeholder_issue(field: &str, name: &str, inside: bool) -> Option<FieldIssue> {
    let names = placeholder_names;
    match placeholder(name) {
        None => Some(FieldIssue::new(
            field,
            "unknown_placeholder",
            format!("جای‌نگه‌دار «{{{name}}}» در متن «{field}» شناخته نیست؛ تنها این‌ها به کار می‌روند: {}.", names(true)),
            format!("Unknown placeholder {{{name}}} in {field}; the order allows {}.", names(false)),
        )),
        Some(p) if p.optional && !inside => Some(FieldIssue::new(
            field,
            "optional_placeholder_outside_brackets",
            format!("جای‌نگه‌دار «{{{name}}}» ({}) ممکن است برای برخی درخواست‌ها خالی باشد؛ آن را درون بخشی اختیاری در کروشه بنویسید، مانند [ … {{{name}}} …]، تا در نبودِ آن، آن بخش چاپ نشود.", p.label_fa),
            format!("{{{name}}} may have no value for some requests; put it inside an optional passage in square brackets, e.g. [ … {{{name}}} …], which is left out when it is empty."),
        )),
        Some(_) => None,
    }
}

/// A placeholder's value for one permit.
#[derive(Clone, Debug)]
pub struct Value {
    pub text: String,
    /// A code stamped or typed in Latin letters (VIN, chassis and engine numbers): printed left
    /// to right as it is, not with Persian digits.
    pub ltr: bool,
}

impl Value {
    /// Persian text; its ASCII digits are printed as Persian digits.
    pub fn fa(text: impl AsRef<str>) -> Option<Value> {
        let text = text.as_ref().trim();
        (!text.is_empty()).then(|| Value {
            text: persian_digits(text),
            ltr: false,
        })
    }

    /// A code, printed as it is, left to right.
    pub fn code(text: impl AsRef<str>) -> Option<Value> {
        let text = text.as_ref().trim();
        (!text.is_empty()).then(|| Value {
            text: text.to_owned(),
            ltr: true,
        })
    }
}

/// A piece of the filled body: template text (Persian digits), or a placeholder's value, which
/// the page isolates (`<bdi>`) so that the bidi algorithm cannot reorder it with its
/// neighbours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Value {
        name: String,
        text: String,
        ltr: bool,
    },
}

/// Fills `body` with `values` (by placeholder name; `None` or missing: no value). A passage
/// with a field without a value is left out whole; a required field without a value (it
/// should not happen) prints as «—», never as an empty gap.
pub fn render(body: &str, values: &[(&str, Option<Value>)]) -> Vec<Piece> {
    let get = |name: &str| {
        values
            .iter()
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.clone())
    };
    let field = |name: &str, v: Option<Value>| match v {
        Some(v) => Piece::Value {
            name: name.to_owned(),
            text: v.text,
            ltr: v.ltr,
        },
        None => Piece::Text("—".to_owned()),
    };
    let nodes = match parse(body) {
        Ok(nodes) => nodes,
        // Stored templates were checked; an unparsable one prints as written.
        Err(_) => return vec![Piece::Text(persian_digits(body))],
    };
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Text(t) => out.push(Piece::Text(persian_digits(t))),
            Node::Field(name) => out.push(field(name, get(name))),
            Node::Passage(inner) => {
                let complete = inner.iter().all(|n| match n {
                    Node::Field(name) => get(name).is_some(),
                    _ => true,
                });
                if complete {
                    for n in inner {
                        match n {
                            Node::Text(t) => out.push(Piece::Text(persian_digits(t))),
                            Node::Field(name) => out.push(field(name, get(name))),
                            Node::Passage(_) => {}
                        }
                    }
                }
            }
        }
    }
    out
}

/// The filled body as plain text (for tests and logs).
pub fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Value { text, .. } => text.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_passes_its_own_check() {
        assert!(check("body", DEFAULT_BODY).is_empty());
    }

    #[test]
    fn problems_are_named() {
        let codes = |body: &str| -> Vec<String> {
            check("body", body)
                .into_iter()
                .map(|i| i.code.to_string())
                .collect()
        };
        assert_eq!(codes("پلاک {plate} و {nope}"), ["unknown_placeholder"]);
        assert_eq!(
            codes("رنگ {colour}"),
            ["optional_placeholder_outside_brackets"]
        );
        assert!(codes("[ رنگ {colour}]").is_empty());
        for bad in [
            "{plate",
            "plate}",
            "[ {colour}",
            "]",
            "[[{colour}]]",
            "{pl[ate}",
        ] {
            assert_eq!(codes(bad), ["invalid_template"], "{bad}");
        }
        assert_eq!(codes("  "), ["required"]);
    }

    #[test]
    fn passages_without_values_are_left_out() {
        let values = [
            ("plate", Value::fa("12 الف 345 ایران 67")),
            ("colour", None),
            ("vin", Value::code("NAAM01CA9JK123456")),
        ];
        let text = plain(&render(
            "پلاک {plate}[ به رنگ {colour}][ VIN {vin}] سال 1405",
            &values,
        ));
        assert_eq!(
            text,
            "پلاک ۱۲ الف ۳۴۵ ایران ۶۷ VIN NAAM01CA9JK123456 سال ۱۴۰۵"
        );
    }
}
