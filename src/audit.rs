//! The audit log: administrator actions and sign-ins, with who, when and the client address.
//! Never passwords or tokens.

use diesel::prelude::*;

use crate::clock::now;
use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::error::ApiResult;

/// One audit entry.
pub struct Entry<'a> {
    pub actor_user_id: Option<&'a str>,
    pub action: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: Option<&'a str>,
    pub client_ip: Option<&'a str>,
    /// Non-secret detail as JSON.
    pub detail: Option<serde_json::Value>,
}

pub fn record(conn: &mut DbConnection, e: Entry<'_>) -> ApiResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(uuid::Uuid::now_v7().to_string()),
            audit_log::at.eq(now()),
            audit_log::actor_user_id.eq(e.actor_user_id),
            audit_log::action.eq(e.action),
            audit_log::subject_kind.eq(e.subject_kind),
            audit_log::subject_id.eq(e.subject_id),
            audit_log::client_ip.eq(e.client_ip),
            audit_log::detail.eq(e.detail.map(|d| d.to_string())),
        ))
        .execute(conn)?;
    Ok(())
}
