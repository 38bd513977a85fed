//! The two languages of user-facing messages and a message in both: Persian by default,
//! English when the client's `Accept-Language` prefers it — or, with `PREFER_PERSIAN` (the
//! default), only when the client does not accept Persian at all. Pure: reading the header off
//! a request is the web layer's (`crate::i18n`).

use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    /// Picks the language from an `Accept-Language` value. With `prefer_persian`, Persian
    /// whenever `fa` (`fa-IR`, `per`, `fas`) is named with a quality above zero; otherwise (and
    /// without `prefer_persian`) English only when `en` has a higher quality than `fa`. Persian
    /// when neither is named.
    pub fn negotiate(accept_language: &str, prefer_persian: bool) -> Lang {
        let mut fa_q: Option<f32> = None;
        let mut en_q: Option<f32> = None;
        for item in accept_language.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let primary = tag.split('-').next().unwrap_or("");
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|v| v.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            let slot = match primary {
                "fa" | "per" | "fas" => &mut fa_q,
                "en" | "eng" => &mut en_q,
                _ => continue,
            };
            *slot = Some(slot.map_or(q, |old: f32| old.max(q)));
        }
        if prefer_persian && fa_q.is_some_and(|q| q > 0.0) {
            return Lang::Fa;
        }
        match (fa_q, en_q) {
            (_, Some(en)) if en > 0.0 && en > fa_q.unwrap_or(0.0) => Lang::En,
            _ => Lang::Fa,
        }
    }
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub fa: String,
    pub en: String,
}

impl Msg {
    pub fn new(fa: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            fa: fa.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fa => &self.fa,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(header, without PREFER_PERSIAN, with PREFER_PERSIAN)`.
    #[test]
    fn negotiation_table() {
        use Lang::{En, Fa};
        for (header, plain, preferring) in [
            ("", Fa, Fa),
            ("en", En, En),
            ("en-US,en;q=0.9", En, En),
            ("fa", Fa, Fa),
            ("fa-IR,fa;q=0.9,en;q=0.8", Fa, Fa),
            ("en;q=0.5,fa;q=0.9", Fa, Fa),
            ("fa;q=0.5,en;q=0.9", En, Fa),
            ("en-US,en;q=0.9,fa;q=0.8", En, Fa),
            ("en-US,en;q=0.9,fa-IR;q=0.1", En, Fa),
            ("en,per;q=0.2", En, Fa),
            ("en,fas;q=0.2", En, Fa),
            ("en,fa;q=0", En, En),
            ("en;q=1,fa;q=0.001", En, Fa),
            ("de,en;q=0.3", En, En),
            ("de,fr", Fa, Fa),
            ("*", Fa, Fa),
            ("en;q=0", Fa, Fa),
            ("EN-gb", En, En),
            ("EN-gb, FA-ir;q=0.5", En, Fa),
        ] {
            assert_eq!(Lang::negotiate(header, false), plain, "{header:?} plain");
            assert_eq!(
                Lang::negotiate(header, true),
                preferring,
                "{header:?} preferring"
            );
        }
    }

    #[test]
    fn old_negotiation_table_still_holds_without_the_preference() {
        for (header, want) in [
            ("", Lang::Fa),
            ("en", Lang::En),
            ("en-US,en;q=0.9", Lang::En),
            ("fa", Lang::Fa),
            ("fa-IR,fa;q=0.9,en;q=0.8", Lang::Fa),
            ("en;q=0.5,fa;q=0.9", Lang::Fa),
            ("fa;q=0.5,en;q=0.9", Lang::En),
            ("de,en;q=0.3", Lang::En),
            ("de,fr", Lang::Fa),
            ("*", Lang::Fa),
            ("en;q=0", Lang::Fa),
            ("EN-gb", Lang::En),
        ] {
            assert_eq!(Lang::negotiate(header, false), want, "{header:?}");
        }
    }
}
