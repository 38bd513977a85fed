//! The queries of this module's tables that other modules run, in their own transaction: the
//! whole of its store that is public. Everything else in the store is this module's own; a
//! new use elsewhere is added here, by name, where its owner sees it.

use chrono::NaiveDateTime;

pub use super::store::{calendar, overdue_count, reconcile, refresh, row_for, rows_for, SlaRow};
use super::views::SlaView;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::sla::calendar::Calendar;

/// A request's clock now, from its stored row (or from its history, should the row be
/// missing: start-up reconciliation fills such gaps).
pub fn view_of(
    conn: &mut DbConnection,
    config: &Config,
    cal: &Calendar,
    stored: Option<SlaRow>,
    request_id: &str,
    now: NaiveDateTime,
) -> ApiResult<SlaView> {
    let row = super::store::stored_or_summarised(conn, config, cal, stored, request_id, now)?;
    Ok(SlaView::build(&row, cal, config, now))
}
