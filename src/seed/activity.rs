//! What the seeded requests left behind besides their rows, generated set-based on PostgreSQL
//! from the rows already written (one `INSERT … SELECT` each, no row crosses the wire): the
//! feed's events (one per history step, in the order of the steps) and the audit log (the
//! permits' issuing entries and the reads of each request by its agency and the directorate).

use diesel::prelude::*;
use diesel::sql_types::{Array, Integer, Text};

use crate::db::DbConnection;
use crate::error::ApiResult;

/// The feed's events of the requests of `orgs`: `request.submitted` for the first step,
/// `request.status_changed` for each later one (and `request.completed` with the completing
/// one), sequenced after the feed's last position. Returns how many were written.
pub fn events(conn: &mut DbConnection, orgs: &[String]) -> ApiResult<usize> {
    let DbConnection::Postgresql(pg) = conn else {
        return Ok(0);
    };
    let sql = r#"
INSERT INTO events (id, position, event_type, occurred_at, subject_kind, subject_id,
                    tracking_code, organisation_id, data)
SELECT gen_random_uuid()::text,
       (SELECT COALESCE(max(position), 0) FROM events)
           + row_number() OVER (ORDER BY s.at, s.hid, s.event_type),
       s.event_type, s.at, 'request', s.rid, s.tracking_code, s.organisation_id, s.data
FROM (
    SELECT h.id AS hid, h.at, r.id AS rid, r.tracking_code, r.organisation_id,
           t.event_type,
           CASE WHEN h.seq = 1 THEN json_build_object(
                    'request_id', r.id, 'tracking_code', r.tracking_code,
                    'organisation_id', r.organisation_id, 'status', 'submitted',
                    'plate', r.plate, 'vin', r.vin, 'chassis_number', r.chassis_number,
                    'reason', r.reason)::text
                ELSE json_build_object(
                    'request_id', r.id, 'tracking_code', r.tracking_code,
                    'organisation_id', r.organisation_id, 'from', h.from_status,
                    'to', h.to_status, 'action', h.action, 'version', h.seq,
                    'actor_role', h.actor_role)::text
           END AS data
    FROM requests r
    JOIN request_history h ON h.request_id = r.id
    CROSS JOIN LATERAL (
        SELECT CASE WHEN h.seq = 1 THEN 'request.submitted'
                    ELSE 'request.status_changed' END AS event_type
        UNION ALL
        SELECT 'request.completed' WHERE h.to_status = 'completed'
    ) t
    WHERE r.organisation_id = ANY($1)
) s"#;
    Ok(diesel::sql_query(sql)
        .bind::<Array<Text>, _>(orgs)
        .execute(pg)?)
}

/// The audit log of the requests of `orgs`: `permit.issued` for every permit, and between
/// `min_reads` and `min_reads + 4` reads (`request.viewed`) of every request, spread from its
/// filing to a month after its last step, alternately by its agency and by `directorate`.
/// Returns how many entries were written.
pub fn audit(
    conn: &mut DbConnection,
    orgs: &[String],
    directorate_user: &str,
    directorate_org: &str,
    min_reads: i32,
) -> ApiResult<usize> {
    let DbConnection::Postgresql(pg) = conn else {
        return Ok(0);
    };
    let permits = r#"
INSERT INTO audit_log (id, at, actor_user_id, action, subject_kind, subject_id, client_ip,
                       detail, actor_kind, actor_role, organisation_id, http_request_id,
                       about_request_id)
SELECT gen_random_uuid()::text, p.issued_at, p.issued_by, 'permit.issued', 'permit', p.id,
       '10.20.0.5', NULL, 'user', 'directorate', $2, gen_random_uuid()::text, r.id
FROM permits p JOIN requests r ON r.id = p.request_id
WHERE r.organisation_id = ANY($1)"#;
    let issued = diesel::sql_query(permits)
        .bind::<Array<Text>, _>(orgs)
        .bind::<Text, _>(directorate_org)
        .execute(pg)?;
    if min_reads <= 0 {
        return Ok(issued);
    }
    let reads = r#"
INSERT INTO audit_log (id, at, actor_user_id, action, subject_kind, subject_id, client_ip,
                       detail, actor_kind, actor_role, organisation_id, http_request_id,
                       about_request_id)
SELECT gen_random_uuid()::text,
       LEAST(r.created_at + (LEAST(r.updated_at + interval '30 days', now()::timestamp)
                             - r.created_at) * random(),
             now()::timestamp),
       CASE WHEN k % 2 = 0 THEN r.created_by ELSE $2 END,
       'request.viewed', 'request', r.id,
       '10.' || (k % 200) || '.' || (abs(hashtext(r.id)) % 250) || '.' || (1 + k % 250),
       NULL, 'user',
       CASE WHEN k % 2 = 0 THEN 'agency' ELSE 'directorate' END,
       CASE WHEN k % 2 = 0 THEN r.organisation_id ELSE $3 END,
       gen_random_uuid()::text, r.id
FROM requests r
CROSS JOIN LATERAL generate_series(1, $4 + abs(hashtext(r.tracking_code)) % 5) AS k
WHERE r.organisation_id = ANY($1)"#;
    let read = diesel::sql_query(reads)
        .bind::<Array<Text>, _>(orgs)
        .bind::<Text, _>(directorate_user)
        .bind::<Text, _>(directorate_org)
        .bind::<Integer, _>(min_reads)
        .execute(pg)?;
    Ok(issued + read)
}

/// Fresh planner statistics for the tables the seed filled, and on PostgreSQL their
/// visibility maps set (`VACUUM`), as autovacuum leaves them in production: the planner counts
/// on index-only scans of the SLA report's index. SQLite's `ANALYZE` runs whole.
pub fn analyze(conn: &mut DbConnection) -> ApiResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConnection::Postgresql(pg) => pg.batch_execute(
            "VACUUM (ANALYZE) requests, request_history, request_sla, tracking_codes, permits, \
             feedback, events, audit_log",
        )?,
        DbConnection::Sqlite(lite) => lite.batch_execute("ANALYZE")?,
    }
    Ok(())
}
