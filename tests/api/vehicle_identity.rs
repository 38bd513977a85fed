//! Vehicles as officers handle them: a VIN or a chassis number, plates as clerks type them,
//! permits that show the police the whole vehicle, and public verification that binds the
//! printed permit to the car.

use serde_json::{json, Value};

use crate::helpers::*;

/// A request body for a random plate identified by a chassis number only.
fn chassis_only(chassis: &str) -> Value {
    let (plate, _) = random_vehicle();
    let mut body = request_body(&plate, "unused");
    let vehicle = body["vehicle"].as_object_mut().unwrap();
    vehicle.remove("vin");
    vehicle.insert("chassis_number".into(), json!(chassis));
    body
}

/// A random chassis number that is not a VIN (it has an `I`), e.g. `IRFC8410123456789`.
fn random_chassis() -> String {
    let n = uuid::Uuid::new_v4().as_u128() % 10_000_000_000_000;
    format!("IRFC{n:013}")
}

/// A request body for this plate (as typed) and a random VIN.
fn with_plate(plate: &str) -> Value {
    let (_, vin) = random_vehicle();
    request_body(plate, &vin)
}

/// The field errors of a 422 as `field/code` pairs.
fn issues(problem: &Value) -> Vec<String> {
    let errors = problem["errors"].as_array().expect("errors");
    errors
        .iter()
        .map(|e| format!("{}/{}", text(e, "field"), text(e, "code")))
        .collect()
}

#[tokio::test]
async fn a_vehicle_with_a_chassis_number_only_is_filed() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut body = chassis_only("۱۱۱۵۸ ۴۱۲۳-۴۵");
    body["vehicle"]["engine_number"] = json!("۱۲۴k-۰۱۲ ۳۴۵۶");
    let r = app.file(&c.agency_a, &body).await.json(201);
    assert_eq!(r["vehicle"]["chassis_number"], "11158412345");
    assert_eq!(r["vehicle"]["vin"], Value::Null);
    assert_eq!(r["vehicle"]["engine_number"], "124K0123456");
    let again = app.request_of(&c.directorate, text(&r, "id")).await;
    assert_eq!(again["vehicle"]["chassis_number"], "11158412345");
}

#[tokio::test]
async fn a_second_open_request_for_the_same_chassis_number_is_a_duplicate() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let chassis = random_chassis();
    let first = app
        .file(&c.agency_a, &chassis_only(&chassis))
        .await
        .json(201);
    let spelled = format!(" {}-{} ", &chassis[..6].to_lowercase(), &chassis[6..]);
    let dup = app.file(&c.agency_a, &chassis_only(&spelled)).await;
    let dup = dup.problem(409, "duplicate");
    assert_eq!(dup["existing_tracking_code"], first["tracking_code"]);
    let other_agency = app.file(&c.agency_b, &chassis_only(&chassis)).await;
    let other_agency = other_agency.problem(409, "duplicate");
    assert!(other_agency.get("existing_tracking_code").is_none());
}

#[tokio::test]
async fn a_vin_filed_once_as_a_chassis_number_is_the_same_vehicle() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (_, vin) = random_vehicle();
    app.file(&c.agency_a, &chassis_only(&vin)).await.json(201);
    let (plate, _) = random_vehicle();
    let as_vin = app.file(&c.agency_a, &request_body(&plate, &vin)).await;
    as_vin.problem(409, "duplicate");
}

#[tokio::test]
async fn search_finds_a_request_by_its_chassis_number_in_any_spelling() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let chassis = random_chassis();
    let r = app
        .file(&c.agency_a, &chassis_only(&chassis))
        .await
        .json(201);
    app.file_request(&c.agency_a).await;
    let typed = persian_digits(&format!(
        "{} {}",
        &chassis[..4].to_lowercase(),
        &chassis[4..]
    ));
    for q in [chassis.as_str(), typed.as_str()] {
        let found = app.search(&c.directorate, q).await;
        assert_eq!(ids(&found), vec![text(&r, "id")], "q={q}");
    }
}

#[tokio::test]
async fn a_vehicle_with_a_vin_only_is_still_filed() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let r = app
        .file(&c.agency_a, &request_body(&plate, &vin))
        .await
        .json(201);
    assert_eq!(r["vehicle"]["vin"], vin.as_str());
    assert_eq!(r["vehicle"]["chassis_number"], Value::Null);
}

#[tokio::test]
async fn a_vehicle_needs_a_vin_or_a_chassis_number() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for (vin, chassis) in [(None, None), (Some(" "), Some(""))] {
        let mut body = chassis_only("unused");
        body["vehicle"]["vin"] = json!(vin);
        body["vehicle"]["chassis_number"] = json!(chassis);
        let problem = app.file(&c.agency_a, &body).await;
        let problem = problem.problem(422, "validation_failed");
        assert_eq!(issues(&problem), vec!["vehicle.chassis_number/required"]);
        let message = text(&problem["errors"][0], "message");
        assert!(
            message.contains("شاسی") && message.contains("VIN"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn a_vin_is_checked_as_iso_3779_and_a_chassis_number_for_length() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, _) = random_vehicle();
    let digits = request_body(&plate, &persian_digits("12345678901234567"));
    let problem = app.file(&c.agency_a, &digits).await;
    let problem = problem.problem(422, "validation_failed");
    assert_eq!(issues(&problem), vec!["vehicle.vin/invalid_vin"]);
    // The same text is a fine chassis number, and an old chassis number is no VIN.
    let as_chassis = chassis_only(&persian_digits("12345678901234567"));
    app.file(&c.agency_a, &as_chassis).await.json(201);
    let not_a_vin = app
        .file(&c.agency_a, &with_plate_and_vin("IRFC841V3AJ123456"))
        .await;
    let not_a_vin = not_a_vin.problem(422, "validation_failed");
    assert_eq!(issues(&not_a_vin), vec!["vehicle.vin/invalid_vin"]);
    let short = app.file(&c.agency_a, &chassis_only("12-34")).await;
    let short = short.problem(422, "validation_failed");
    assert_eq!(
        issues(&short),
        vec!["vehicle.chassis_number/invalid_chassis_number"]
    );
}

fn with_plate_and_vin(vin: &str) -> Value {
    let (plate, _) = random_vehicle();
    request_body(&plate, vin)
}

#[tokio::test]
async fn plates_typed_region_first_or_with_odd_separators_are_stored_canonically() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for (typed, canonical) in [
        ("ایران ۱۵ - ۳۵۱ الف ۱۲", "12الف351-15"),
        ("13–الف–352–16", "13الف352-16"),
        ("14−الف−353−17", "14الف353-17"),
        ("15/الف/354/18", "15الف354-18"),
        ("16.الف.355.19", "16الف355-19"),
        ("17 آ 356 ایران 20", "17الف356-20"),
        ("18 الـف ۳٥7 ایران 21", "18الف357-21"),
    ] {
        let r = app.file(&c.agency_a, &with_plate(typed)).await.json(201);
        assert_eq!(r["vehicle"]["plate"], canonical, "{typed}");
    }
}

#[tokio::test]
async fn region_01_and_motorcycle_plates_are_refused() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let region = app
        .file(&c.agency_a, &with_plate("12 الف 345 ایران 01"))
        .await;
    let region = region.problem(422, "validation_failed");
    assert_eq!(issues(&region), vec!["vehicle.plate/invalid_plate"]);
    let motorcycle = app.file(&c.agency_a, &with_plate("۱۲۳-۴۵۶۷۸")).await;
    let motorcycle = motorcycle.problem(422, "validation_failed");
    assert_eq!(issues(&motorcycle), vec!["vehicle.plate/invalid_plate"]);
    let message = text(&motorcycle["errors"][0], "message");
    assert!(message.contains("موتورسیکلت"), "{message}");
}

/// Today plus `days` in the service's time zone, as a Jalali date (`1405/09/14`).
fn jalali_in_days(app: &TestApp, days: u64) -> String {
    let today = app
        .now()
        .with_timezone(&app.config.service_timezone)
        .date_naive();
    let day = today + chrono::Days::new(days);
    plate_permits::domain::jalali::format_jalali(day)
}

/// A chassis-only vehicle of agency A under review, then its permit valid through a Jalali
/// date ten days ahead; returns (scenario, the permit, that date).
async fn chassis_permit(app: &TestApp) -> (Scenario<'_>, Value, String) {
    let mut s = Scenario::new(app).await;
    s.request = app
        .file(&s.agency_a, &chassis_only(&random_chassis()))
        .await
        .json(201);
    let s = s.reviewed().await;
    let through = jalali_in_days(app, 10);
    let body = json!({"national_permit_number": "NV-CH-1", "valid_until": through});
    let permit = app
        .issue_permit(&s.directorate, s.id(), &body)
        .await
        .json(201);
    (s, permit, through)
}

/// What the police check, as the permit shows it.
fn assert_carries_the_vehicle(p: &Value, s: &Scenario<'_>, through: &str) {
    let filed = &s.request["vehicle"];
    for key in [
        "plate",
        "chassis_number",
        "engine_number",
        "make",
        "model",
        "year",
    ] {
        assert_eq!(p["vehicle"][key], filed[key], "vehicle.{key} in {p}");
    }
    assert_eq!(p["vehicle"]["vin"], Value::Null);
    assert_eq!(p["plate"], filed["plate"], "top-level plate kept");
    assert_eq!(p["agency"]["id"], s.org_a.as_str());
    assert_eq!(p["agency"]["name"], "سازمان الف");
    assert_eq!(p["valid_until_jalali"], through);
}

#[tokio::test]
async fn the_permit_and_the_police_queue_carry_the_vehicle_the_agency_and_the_jalali_date() {
    let app = spawn_app().await;
    let (s, issued, through) = chassis_permit(&app).await;
    assert_carries_the_vehicle(&issued, &s, &through);
    let one = app.permit(&s.police, text(&issued, "id")).await.json(200);
    assert_carries_the_vehicle(&one, &s, &through);
    let queue = app.items(&s.police, "/permits?status=issued").await;
    assert_eq!(queue.len(), 1);
    assert_carries_the_vehicle(&queue[0], &s, &through);
}

#[tokio::test]
async fn verification_shows_seven_fields_and_the_plate_with_its_middle_digits_hidden() {
    let app = spawn_app().await;
    let (s, permit, through) = chassis_permit(&app).await;
    let v = app
        .verify_permit(text(&permit, "permit_number"))
        .await
        .json(200);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let shape = [
        "permit_number",
        "plate_masked",
        "signature",
        "status",
        "status_label_fa",
        "valid_until",
        "valid_until_jalali",
    ];
    assert_eq!(keys, shape);
    let parts = &s.request["vehicle"]["plate_parts"];
    let [first, letter, region] = ["first", "letter", "region"].map(|k| text(parts, k));
    // In a left-to-right isolate, so that no right-to-left text around it reorders it.
    assert_eq!(
        v["plate_masked"],
        format!("\u{2066}{first}{letter}\u{200E}***-{region}\u{2069}")
    );
    assert_eq!(v["signature"], "absent", "a number typed by hand");
    assert_eq!(v["status"], "issued");
    assert_eq!(v["status_label_fa"], "صادر شده و معتبر");
    assert_eq!(v["valid_until"], permit["valid_until"]);
    assert_eq!(v["valid_until_jalali"], through);
}

#[tokio::test]
async fn a_mistyped_permit_number_is_a_plain_422_and_an_unknown_one_404() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.permit_issued().await;
    let number = s.permit_number().to_owned();
    // One digit changed: the check digit no longer matches.
    let mut typo: Vec<char> = number.chars().collect();
    typo[5] = if typo[5] == '0' { '1' } else { '0' };
    let typo: String = typo.into_iter().collect();
    let problem = app.verify_permit(&typo).await.problem(422, "invalid_code");
    assert!(
        text(&problem, "detail").contains("اشتباه تایپی"),
        "{problem}"
    );
    app.verify_permit("12345")
        .await
        .problem(422, "invalid_code");
    // 12345678901 with its check digit: well formed, but no permit has it.
    app.verify_permit("123456789010")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn new_permit_numbers_start_with_5_to_9_and_older_numbers_stay_valid() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut last = String::new();
    for _ in 0..4 {
        let (_, permit) = app.permit_for(&c).await;
        last = text(&permit, "permit_number").to_owned();
        assert!(matches!(last.as_bytes()[0], b'5'..=b'9'), "{last}");
    }
    // A number issued before the rule (first digit 1–4) still verifies.
    let old = "123456789010";
    let sql = format!("UPDATE permits SET permit_number = '{old}' WHERE permit_number = '{last}'");
    diesel::RunQueryDsl::execute(diesel::sql_query(sql), &mut app.db_conn()).unwrap();
    let v = app.verify_permit(old).await.json(200);
    assert_eq!(v["permit_number"], old);
}
