//! The web console (`console/`): its built files (`console/dist`, committed) are embedded in the
//! binary at compile time, so serving it needs no Node.js and no file on disk. `/` answers the
//! HTML entry (`no-cache`: it names the current bundles), `/assets/<name>` the content-hashed
//! bundles and fonts (`immutable`, a year). The console routes with `#/…` fragments, so it owns
//! no path but these two and never shadows `/api/v1`, `/docs`, `/health` or `/metrics`.
//!
//! Both answers carry [`CONSOLE_CSP`]: scripts, styles, fonts and calls from this origin only,
//! no inline script or style, framed nowhere.
//!
//! The installable app (the police on a phone): `/manifest.webmanifest`
//! (`application/manifest+json`) and the service worker `/sw.js` (`text/javascript`), both
//! `no-cache` so a new build reaches phones at once. The worker's scope is `/` (it must contain
//! the console's page), but it answers only the console's own files (`/`, `/assets/…`, the
//! manifest): the API, `/docs`, `/guide`, `/health` and `/metrics` always go to the network
//! and are never stored by it (console/src/sw.js).

use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Compress;
use actix_web::{web, HttpResponse};
use rust_embed::RustEmbed;

use crate::error::ApiError;
use crate::http::middleware::PagePolicy;

/// The built console, embedded (the `debug-embed` feature embeds it in debug builds too).
#[derive(RustEmbed)]
#[folder = "console/dist/"]
struct Dist;

/// The console's Content-Security-Policy.
pub const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
base-uri 'none'; form-action 'self'";

/// The HTML entry's caching: always revalidate (it names the current hashed bundles).
pub const ENTRY_CACHE: &str = "no-cache";
/// A hashed asset's caching: its name changes with its content.
pub const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

/// Registers `/` and `/assets/{name}` (GET and HEAD), compressed for a client that accepts it
/// (gzip, brotli or zstd, by `Accept-Encoding`; `Vary: accept-encoding`): the bundles are a
/// third of their size on the wire, which the first load on a slow network feels most.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/")
            .wrap(Compress::default())
            .route(web::get().to(index))
            .route(web::head().to(index)),
    )
    .service(
        web::resource("/assets/{name}")
            .wrap(Compress::default())
            .route(web::get().to(asset))
            .route(web::head().to(asset)),
    )
    .service(
        web::resource("/sw.js")
            .wrap(Compress::default())
            .route(web::get().to(service_worker))
            .route(web::head().to(service_worker)),
    )
    .service(
        web::resource("/manifest.webmanifest")
            .wrap(Compress::default())
            .route(web::get().to(manifest))
            .route(web::head().to(manifest)),
    );
}

/// The content type of an embedded file, by its extension.
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") | Some("map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn file(path: &str, cache: &'static str) -> Result<HttpResponse, ApiError> {
    let found = Dist::get(path).ok_or_else(ApiError::not_found)?;
    let mut res = HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type(path)))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(cache)))
        .body(found.data.into_owned());
    res.extensions_mut()
        .insert(PagePolicy(CONSOLE_CSP.to_owned()));
    Ok(res)
}

async fn index() -> Result<HttpResponse, ApiError> {
    file("index.html", ENTRY_CACHE)
}

/// The service worker: revalidated every time (it names the current hashed bundles).
async fn service_worker() -> Result<HttpResponse, ApiError> {
    file("sw.js", ENTRY_CACHE)
}

/// The web app manifest (`lang: fa`, `dir: rtl`, the icons).
async fn manifest() -> Result<HttpResponse, ApiError> {
    file("manifest.webmanifest", ENTRY_CACHE)
}

async fn asset(name: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let name = name.into_inner();
    // One plain file name: the router already refuses `/`, and embedded names hold no `..`.
    if name.starts_with('.') || name.contains('\\') {
        return Err(ApiError::not_found());
    }
    file(&format!("assets/{name}"), ASSET_CACHE)
}
