//! Valid data for the calls the tests make: ids, vehicles, request, permit and receipt bodies,
//! small real files, and ways to read what comes back (digits, history steps).

use serde_json::{json, Value};

/// An instant as the fixtures take it: the app's clock's reading ([`TestApp::now`]).
///
/// [`TestApp::now`]: super::TestApp::now
pub type Now = chrono::DateTime<chrono::Utc>;

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
pub const USER_PASSWORD: &str = "user-password-for-tests";

/// A checksum-valid, random legal-entity id.
pub fn random_national_id() -> String {
    loop {
        let n = uuid::Uuid::new_v4().as_u128();
        let ten = format!("1{:09}", n % 1_000_000_000);
        if let Some(id) = plate_permits::domain::legal_id::LegalId::complete(&ten) {
            return id.as_str().to_owned();
        }
    }
}

const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A random, valid, unique vehicle: (plate in Persian digits, VIN).
pub fn random_vehicle() -> (String, String) {
    let n = uuid::Uuid::new_v4().as_u128();
    let first = 10 + (n % 90) as u32;
    let second = 100 + ((n >> 8) % 900) as u32;
    let region = 10 + ((n >> 20) % 90) as u32;
    let plate = format!("{first} الف {second} ایران {region}");
    let mut vin = String::new();
    let mut x = n >> 32;
    for _ in 0..17 {
        vin.push(VIN_CHARS[(x % VIN_CHARS.len() as u128) as usize] as char);
        x /= VIN_CHARS.len() as u128;
        if x == 0 {
            x = uuid::Uuid::new_v4().as_u128();
        }
    }
    (plate, vin)
}

pub fn request_body(plate: &str, vin: &str) -> Value {
    json!({
        "vehicle": {
            "plate": plate,
            "vin": vin,
            "engine_number": "124K0123456",
            "make": "ایران خودرو",
            "model": "سمند LX",
            "year": 1391,
            "vehicle_type": "passenger_car"
        },
        "reason": "auction_sale",
        "letter": {"number": "۱۲۳/۴۵۶", "date": "1402/12/20"},
        "contact": {"name": "رضا احمدي", "mobile": "۰۹۱۴۱۲۳۴۵۶۷"},
        "description": "خودروی فرسوده"
    })
}

/// A valid request body for a random vehicle.
pub fn new_request() -> Value {
    let (plate, vin) = random_vehicle();
    request_body(&plate, &vin)
}

/// RFC 3339, `days` after `now` (negative: before).
pub fn in_days(now: Now, days: i64) -> String {
    (now + chrono::Duration::days(days)).to_rfc3339()
}

/// RFC 3339, `minutes` after `now` (negative: before).
pub fn in_minutes(now: Now, minutes: i64) -> String {
    (now + chrono::Duration::minutes(minutes)).to_rfc3339()
}

/// A permit valid for `valid_days` after `now` (the app's [`TestApp::now`]).
pub fn permit_body(now: Now, national_number: &str, valid_days: i64) -> Value {
    json!({"national_permit_number": national_number, "valid_until": in_days(now, valid_days)})
}

/// A permit body with a unique national number, valid for ten days after `now`.
pub fn new_permit(now: Now) -> Value {
    permit_body(now, &format!("NV-{}", uuid::Uuid::new_v4().simple()), 10)
}

/// A police receipt happening at `now`: two plates removed, or a refusal with its coded reason.
pub fn receipt(now: Now, outcome: &str, number: &str) -> Value {
    let mut b = json!({
        "outcome": outcome,
        "receipt_number": number,
        "occurred_at": now.to_rfc3339(),
        "plates_count": 2,
        "officer_name": "سرهنگ رضایی",
        "unit": "راهور تبریز"
    });
    if outcome == "refused" {
        b["refusal_reason"] = json!("vehicle_not_presented");
        b["notes"] = json!("خودرو در محل حاضر نبود");
    }
    b
}

pub fn registration(now: Now, number: &str) -> Value {
    json!({"national_registration_number": number, "registered_at": now.to_rfc3339()})
}

/// A document request asking for these types.
pub fn ask_for(types: &[&str]) -> Value {
    let items: Vec<Value> = types.iter().map(|t| json!({"document_type": t})).collect();
    json!({"message": "سند", "items": items})
}

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0xFF, 0xD9,
];
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
];

/// The same number in Persian digits (other characters kept).
pub fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|ch| match ch.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => ch,
        })
        .collect()
}

/// A history as `from -> to` steps, the first from `(new)`.
pub fn transitions(history: &[Value]) -> Vec<String> {
    history
        .iter()
        .map(|e| {
            let from = match &e["from"] {
                Value::Null => "(new)",
                v => v.as_str().expect("from is a status"),
            };
            format!("{from} -> {}", e["to"].as_str().expect("to is a status"))
        })
        .collect()
}

/// The `id` of each item.
pub fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|x| x["id"].as_str().unwrap()).collect()
}

/// The string `key` of each item.
pub fn field<'a>(items: &'a [Value], key: &str) -> Vec<&'a str> {
    items.iter().map(|x| x[key].as_str().unwrap()).collect()
}

/// The string at `key` of a JSON object.
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not text in {v}"))
}
