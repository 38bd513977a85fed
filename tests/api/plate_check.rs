//! `GET /plates/check`: how the service reads a plate before anything is filed (the console's
//! live plate reading). Its reading is the filing's own.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_plate_typed_as_a_clerk_types_it_is_read_canonically() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for (who, typed) in [
        (&c.agency_a, "۱۲ الف ۳۴۵ ایران ۶۷"),
        (&c.directorate, "12الف345-67"),
        (&c.police, "١٢ الف ٣٤٥ - ٦٧"),
    ] {
        let r = app
            .get_as(who, &format!("/plates/check?plate={typed}"))
            .await
            .json(200);
        assert_eq!(r["plate"], "12الف345-67", "{typed}");
        assert_eq!(
            r["plate_parts"],
            json!({"first": "12", "letter": "الف", "second": "345", "region": "67"}),
            "{typed}"
        );
        assert_eq!(r["plate_fa"], "۱۲ الف ۳۴۵ ایران ۶۷", "{typed}");
    }
}

#[tokio::test]
async fn a_plate_the_filing_refuses_gets_the_filings_own_message() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for typed in ["۲۴ ابج ۳۶", "۱۲ ب ۳۴۵ ایران ۶۷", "12الف345-05"] {
        let checked = app
            .get_as(&c.agency_a, &format!("/plates/check?plate={typed}"))
            .await
            .problem(422, "validation_failed");
        let errors = checked["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{typed}: {checked}");
        assert_eq!(errors[0]["field"], "plate");
        assert_eq!(errors[0]["code"], "invalid_plate");
        let message = text(&errors[0], "message");
        assert!(
            message
                .chars()
                .any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)),
            "{typed}: a Persian message: {message}"
        );
        let mut body = new_request();
        body["vehicle"]["plate"] = json!(typed);
        let filed = app
            .file(&c.agency_a, &body)
            .await
            .problem(422, "validation_failed");
        let at_plate = filed["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .find(|e| e["field"] == "vehicle.plate")
            .cloned()
            .expect("the filing names the plate");
        assert_eq!(at_plate["message"], errors[0]["message"], "{typed}");
    }
}

#[tokio::test]
async fn an_empty_plate_is_required_and_the_caller_must_be_signed_in() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let empty = app
        .get_as(&c.agency_a, "/plates/check?plate=%20")
        .await
        .problem(422, "validation_failed");
    assert_eq!(empty["errors"][0]["field"], "plate");
    assert_eq!(empty["errors"][0]["code"], "required");
    app.get_public("/plates/check?plate=12الف345-67")
        .await
        .problem(401, "unauthorized");
}
