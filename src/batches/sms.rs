//! One SMS per batch step to the batch's contact: when the batch is filed, and after each bulk
//! call that changed some of its requests (a digest of where its vehicles stand). The
//! per-request messages of those steps are held back ([`super::quiet`]).

use chrono::NaiveDateTime;

use crate::batches::model::BatchRow;
use crate::batches::service::{counts, summary};
use crate::batches::store;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::sms::queries::NewMessage;
use crate::sms::{templates, SmsEvent};

fn send(
    conn: &mut DbConnection,
    event: SmsEvent,
    batch: &BatchRow,
    key: &str,
    values: &[(&str, String)],
    at: NaiveDateTime,
) -> ApiResult<()> {
    if crate::sms::queries::exists(conn, key)? {
        return Ok(());
    }
    let body = templates::render(&crate::sms::service::template(conn, event)?, values);
    crate::sms::queries::insert(
        conn,
        NewMessage {
            dedupe_key: key,
            event,
            request_id: None,
            notice_id: None,
            recipient: &batch.contact_mobile,
            body: &body,
            expires_at: None,
            at,
        },
    )
}

/// The batch was filed: «دسته ۳۱۰۳ ۲۲۶۳ ۲۱۵۶: ۴۰ خودرو ثبت شد.», in the filing's transaction.
pub fn filed(
    conn: &mut DbConnection,
    config: &Config,
    batch: &BatchRow,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let key = format!("batch:{}:filed:{}", batch.id, batch.contact_mobile);
    let values = [
        ("tracking_code", templates::group_code(&batch.tracking_code)),
        ("count", batch.vehicle_count.to_string()),
        (
            "signature",
            config.permits.directorate_name.as_str().to_owned(),
        ),
    ];
    send(conn, SmsEvent::BatchFiled, batch, &key, &values, at)
}

/// After the bulk call `step_id` changed some of the batch's requests: one digest of where all
/// its vehicles stand («دسته …، ۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک.»). Answers the
/// counts as the SMS says them (ASCII digits).
pub fn progress(
    conn: &mut DbConnection,
    config: &Config,
    batch: &BatchRow,
    step_id: &str,
    at: NaiveDateTime,
) -> ApiResult<String> {
    let members = store::members_of(conn, &batch.id)?;
    let counted = counts(members.iter().map(|m| m.status));
    let said = summary(&counted);
    let key = format!("batch:{}:step:{step_id}:{}", batch.id, batch.contact_mobile);
    let values = [
        ("tracking_code", templates::group_code(&batch.tracking_code)),
        ("count", members.len().to_string()),
        ("summary", said.clone()),
        (
            "signature",
            config.permits.directorate_name.as_str().to_owned(),
        ),
    ];
    send(conn, SmsEvent::BatchProgress, batch, &key, &values, at)?;
    Ok(format!("{} خودرو: {said}", members.len()))
}
