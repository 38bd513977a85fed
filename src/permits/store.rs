//! Queries on permits.

use diesel::prelude::*;

use crate::db::schema::{permits, receipts};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::permits::model::{PermitRow, ReceiptRow};

/// The most recently issued permit of a request.
pub fn latest_for_request(
    conn: &mut DbConnection,
    request_id: &str,
) -> ApiResult<Option<PermitRow>> {
    Ok(permits::table
        .filter(permits::request_id.eq(request_id))
        .order((permits::issued_at.desc(), permits::id.desc()))
        .select(PermitRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn receipt_of(conn: &mut DbConnection, permit_id: &str) -> ApiResult<Option<ReceiptRow>> {
    Ok(receipts::table
        .filter(receipts::permit_id.eq(permit_id))
        .select(ReceiptRow::as_select())
        .first(conn)
        .optional()?)
}
