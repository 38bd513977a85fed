//! The look-up behind public tracking: requests first (most codes are requests'), then
//! complaints, which share the namespace.

use crate::clock::Clock;
use crate::db::DbConnection;
use crate::domain::tracking::TrackingCode;
use crate::error::ApiResult;
use crate::tracking::views::TrackView;

/// The status of the request or complaint with `code`; 404 when there is none.
pub fn look_up(
    conn: &mut DbConnection,
    clock: &Clock,
    code: &TrackingCode,
) -> ApiResult<TrackView> {
    let code = code.as_str();
    let (kind, status, label, updated_at) =
        match crate::requests::queries::status_by_tracking_code(conn, code)? {
            Some((status, at)) => ("request", status.as_str(), status.label_fa(), at),
            None => {
                let (status, at) = crate::complaints::queries::track_status(conn, code)?;
                ("complaint", status.as_str(), status.label_fa(), at)
            }
        };
    let (updated_at, updated_at_jalali) = clock.stamp(updated_at).into_parts();
    Ok(TrackView {
        tracking_code: code.to_owned(),
        kind: kind.to_owned(),
        status: status.to_owned(),
        status_label_fa: label.to_owned(),
        updated_at_jalali,
        updated_at,
    })
}
