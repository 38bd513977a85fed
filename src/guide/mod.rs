//! The book and the Persian guide (`docs/`), served by the service itself at `/guide/`, with no
//! internet access and nothing to build: the Markdown files are embedded in the binary at
//! compile time (like the console) and rendered on request with `pulldown-cmark`.
//!
//! - `/guide/` is `docs/README.md`, `/guide/<dir>/` its folder's `README.md`, and
//!   `/guide/<path>.md` any page, answered as HTML: the pages' relative links (`../fa/README.md`,
//!   `settings.md#anchor`) resolve here as they do on disk and in the built book.
//! - Headings get the ids mdBook gives them ([`slug`]), so `#anchors` resolve in both.
//! - Pages under `fa/` are `lang="fa" dir="rtl"`; the others `lang="en" dir="ltr"`.
//! - Raw HTML in the Markdown is dropped (the Persian pages' `<div dir="rtl">`, meant for the
//!   built book, is replaced by the page's own direction), so a page cannot carry markup the
//!   renderer did not make. Images (`.png`, `.svg`) are served from the same folder.
//! - Every page carries [`GUIDE_CSP`]: no script at all, one inline style allowed by its hash,
//!   images from this origin only.
//!
//! The pages printed from the code are in [`generate`].

pub mod generate;

use std::collections::HashSet;
use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpResponse};
use base64::Engine as _;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::http::middleware::PagePolicy;

/// The book's sources, embedded (Markdown and images).
#[derive(RustEmbed)]
#[folder = "docs/"]
struct Docs;

/// The one style sheet of every guide page (inline, allowed by its hash).
const STYLE: &str = "body{font-family:Vazirmatn,Tahoma,'DejaVu Sans','Noto Sans Arabic',sans-serif;\
line-height:1.7;margin:0;color:#1b1f24;background:#fff}\
header{background:#1d3557;padding:.6rem 1rem}header a{color:#fff;margin-inline-end:1.2rem;text-decoration:none}\
main{max-width:52rem;margin:0 auto;padding:1rem 1.2rem 3rem}\
table{border-collapse:collapse;display:block;overflow-x:auto;margin:1rem 0}\
th,td{border:1px solid #c9d1d9;padding:.3rem .5rem;vertical-align:top}th{background:#f0f3f6}\
code{background:#f0f3f6;padding:0 .2rem;border-radius:3px;font-size:.92em;unicode-bidi:isolate}\
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;direction:ltr;text-align:left}pre code{background:none;padding:0}\
img{max-width:100%;max-height:42rem;width:auto;height:auto;border:1px solid #c9d1d9}\
blockquote{border-inline-start:4px solid #c9d1d9;margin-inline-start:0;padding-inline-start:1rem;color:#444}\
a{color:#0b5cad}";

static STYLE_SHA256: LazyLock<String> = LazyLock::new(|| {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()))
});

/// The guide pages' Content-Security-Policy: nothing runs, nothing loads but this origin's
/// images, and the only style is the page's own (by hash).
pub static GUIDE_CSP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'none'; style-src 'sha256-{}'; img-src 'self'; frame-ancestors 'none'; \
base-uri 'none'; form-action 'none'",
        *STYLE_SHA256
    )
});

/// Registers `/guide` (a redirect to `/guide/`) and `/guide/{path}` (GET and HEAD).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/guide", web::get().to(redirect))
        .route("/guide", web::head().to(redirect))
        .route("/guide/{path:.*}", web::get().to(page))
        .route("/guide/{path:.*}", web::head().to(page));
}

async fn redirect() -> HttpResponse {
    HttpResponse::Found()
        .insert_header((header::LOCATION, "/guide/"))
        .finish()
}

/// The id mdBook gives a heading whose text is `text`: lower case, letters, digits, `_` and
/// `-` kept, white space as `-`, everything else dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A page's Markdown as HTML, its headings given mdBook's ids, raw HTML dropped. Also answers
/// the page's title (its first heading).
pub fn render(markdown: &str) -> (String, String) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let events: Vec<Event> = Parser::new_ext(markdown, options)
        .filter(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .collect();
    let mut used = HashSet::new();
    let mut title = String::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id: None,
            classes,
            attrs,
        }) = &events[i]
        {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            if title.is_empty() && *level == HeadingLevel::H1 {
                title = text.clone();
            }
            let base = slug(&text);
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            out.push(Event::Start(Tag::Heading {
                level: *level,
                id: Some(CowStr::from(id)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            }));
        } else {
            out.push(events[i].clone());
        }
        i += 1;
    }
    let mut body = String::new();
    html::push_html(&mut body, out.into_iter());
    (body, title)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The whole HTML page for the Markdown file at `path` (relative to `docs/`).
pub fn page_html(path: &str, markdown: &str) -> String {
    let persian = path.starts_with("fa/");
    let (lang, dir) = if persian {
        ("fa", "rtl")
    } else {
        ("en", "ltr")
    };
    let (body, title) = render(markdown);
    let nav = if persian {
        "<a href=\"/guide/fa/README.md\">راهنمای فارسی</a><a href=\"/guide/SUMMARY.md\">فهرست کتاب (انگلیسی)</a><a href=\"/\">میز کار</a>"
    } else {
        "<a href=\"/guide/README.md\">Guide</a><a href=\"/guide/SUMMARY.md\">Contents</a><a href=\"/guide/fa/README.md\">راهنمای فارسی</a><a href=\"/\">Console</a><a href=\"/docs/\">API reference</a>"
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · plate-permits</title><style>{STYLE}</style></head>\
<body><header><nav>{nav}</nav></header><main>{body}</main></body></html>\n",
        escape(&title)
    )
}

fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("png") => Some("image/png"),
        Some("svg") => Some("image/svg+xml"),
        Some("jpg") | Some("jpeg") => Some("image/jpeg"),
        _ => None,
    }
}

async fn page(path: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let mut path = path.into_inner();
    if path
        .split('/')
        .any(|part| part == ".." || part.starts_with('.'))
        || path.contains('\\')
    {
        return Err(ApiError::not_found());
    }
    if path.is_empty() || path.ends_with('/') {
        path.push_str("README.md");
    }
    let file = Docs::get(&path).ok_or_else(ApiError::not_found)?;
    let mut res = if path.ends_with(".md") {
        let text = std::str::from_utf8(&file.data).map_err(|_| ApiError::not_found())?;
        HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
            .body(page_html(&path, text))
    } else {
        let ct = content_type(&path).ok_or_else(ApiError::not_found)?;
        HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, ct))
            .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
            .body(file.data.into_owned())
    };
    if path.starts_with("fa/") {
        res.headers_mut()
            .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("fa"));
    }
    res.extensions_mut().insert(PagePolicy(GUIDE_CSP.clone()));
    Ok(res)
}

/// The embedded Markdown files (paths relative to `docs/`), for the tests' link check.
pub fn markdown_files() -> Vec<String> {
    Docs::iter()
        .filter(|p| p.ends_with(".md"))
        .map(|p| p.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_mdbook() {
        assert_eq!(
            slug("Closures at short notice (the province's)"),
            "closures-at-short-notice-the-provinces"
        );
        assert_eq!(
            slug("`GET /events` and webhooks"),
            "get-events-and-webhooks"
        );
        assert_eq!(slug("تعطیلات رسمی"), "تعطیلات-رسمی");
    }

    #[test]
    fn headings_get_unique_ids_and_raw_html_is_dropped() {
        let (html, title) =
            render("# Title\n\n## A\n\n## A\n\n<script>x()</script>\n\ntext <b>x</b>\n");
        assert_eq!(title, "Title");
        assert!(html.contains("<h2 id=\"a\">"), "{html}");
        assert!(html.contains("<h2 id=\"a-1\">"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    /// The committed generated pages are what the code prints now.
    #[test]
    fn generated_pages_match_the_code() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        for (name, path) in generate::PAGES {
            let committed = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            let printed = generate::page(name).unwrap_or_default();
            assert!(
                committed == printed,
                "docs/{path} differs from `plate-permits docs {name}`: regenerate it with \
                 `cargo run -q -- docs {name} > docs/{path}`"
            );
        }
    }
}
