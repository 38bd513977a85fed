//! Queries on batches. An agency reads only its own organisation's batches.

use diesel::prelude::*;

use crate::auth::access::Scope;
use crate::batches::model::{BatchItemRow, BatchRow};
use crate::db::schema::{request_batch_items, request_batches, requests};
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;

pub fn insert(conn: &mut DbConnection, row: &BatchRow) -> ApiResult<()> {
    diesel::insert_into(request_batches::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn insert_item(conn: &mut DbConnection, row: &BatchItemRow) -> ApiResult<()> {
    diesel::insert_into(request_batch_items::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The batch `id` if `scope` sees it (404 otherwise).
pub fn load_visible(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<BatchRow> {
    let row: BatchRow = request_batches::table
        .find(id)
        .select(BatchRow::as_select())
        .first(conn)?;
    if !scope.allows(&row.organisation_id) {
        return Err(crate::error::ApiError::not_found());
    }
    Ok(row)
}

pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<BatchRow> {
    Ok(request_batches::table
        .find(id)
        .select(BatchRow::as_select())
        .first(conn)?)
}

/// One request of a batch as the batch view shows it.
pub struct Member {
    pub position: i32,
    pub request_id: String,
    pub tracking_code: String,
    pub plate: String,
    pub status: RequestStatus,
    pub version: i64,
}

/// The batch's requests in filing order.
pub fn members_of(conn: &mut DbConnection, batch_id: &str) -> ApiResult<Vec<Member>> {
    let rows: Vec<(i32, String, String, String, RequestStatus, i64)> = request_batch_items::table
        .inner_join(requests::table)
        .filter(request_batch_items::batch_id.eq(batch_id))
        .order(request_batch_items::position.asc())
        .select((
            request_batch_items::position,
            requests::id,
            requests::tracking_code,
            requests::plate,
            requests::status,
            requests::version,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(position, request_id, tracking_code, plate, status, version)| Member {
                position,
                request_id,
                tracking_code,
                plate,
                status,
                version,
            },
        )
        .collect())
}
