//! Language negotiation for user-facing messages: Persian by default, English when the client's
//! `Accept-Language` prefers it.

use actix_web::http::header::{HeaderMap, ACCEPT_LANGUAGE};
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    /// Picks the language from an `Accept-Language` value: English only when `en` has a higher
    /// quality than `fa`; Persian otherwise (also when neither is named).
    pub fn negotiate(accept_language: &str) -> Lang {
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
        match (fa_q, en_q) {
            (_, Some(en)) if en > 0.0 && en > fa_q.unwrap_or(0.0) => Lang::En,
            _ => Lang::Fa,
        }
    }

    pub fn from_headers(headers: &HeaderMap) -> Lang {
        headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
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

    #[test]
    fn negotiation_table() {
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
            assert_eq!(Lang::negotiate(header), want, "{header:?}");
        }
    }
}
