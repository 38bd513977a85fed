//! Queries on permits, receipts and registrations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::access::PermitScope;
use crate::db::schema::{organisations, permits, receipts, registrations, requests};
use crate::db::DbConnection;
use crate::domain::plate::PlateSearch;
use crate::domain::reasons::RevocationReason;
use crate::error::ApiResult;
use crate::permits::model::{
    FiledVehicle, PermitListing, PermitListingRow, PermitRow, PermitSearch, PermitState,
    PermitStatus, ReceiptRow, RegistrationRow, QUEUE_DONE, QUEUE_OPEN,
};

pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<PermitRow> {
    Ok(permits::table
        .find(id)
        .select(PermitRow::as_select())
        .first(conn)?)
}

/// The default police organisation: the oldest of kind `police` (the province's traffic
/// police, registered first); `None` when none is registered.
pub fn default_police(conn: &mut DbConnection) -> ApiResult<Option<String>> {
    crate::organisations::queries::oldest_of_kind(conn, crate::domain::identity::OrgKind::Police)
}

/// Whether `scope` sees a permit of a request of `agency_id` sent to `police_id`.
fn visible(
    conn: &mut DbConnection,
    scope: &PermitScope,
    agency_id: &str,
    police_id: Option<&str>,
) -> ApiResult<bool> {
    scope.allows(agency_id, police_id, || default_police(conn))
}

/// A permit with its request's organisation, if `scope` may see it (else not found: another
/// agency's permit, or one sent to another police organisation).
pub fn load_visible(
    conn: &mut DbConnection,
    scope: &PermitScope,
    id: &str,
) -> ApiResult<(PermitRow, String)> {
    let (row, org): (PermitRow, String) = permits::table
        .inner_join(requests::table)
        .filter(permits::id.eq(id))
        .select((PermitRow::as_select(), requests::organisation_id))
        .first(conn)?;
    if !visible(conn, scope, &org, row.police_organisation_id.as_deref())? {
        return Err(crate::error::ApiError::not_found());
    }
    Ok((row, org))
}

/// The police organisations' names of these listings, filled in (one query).
fn with_police_names(
    conn: &mut DbConnection,
    mut listings: Vec<PermitListing>,
) -> ApiResult<Vec<PermitListing>> {
    let mut ids: Vec<String> = listings
        .iter()
        .filter_map(|l| l.permit.police_organisation_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(listings);
    }
    let names: Vec<(String, String)> = organisations::table
        .filter(organisations::id.eq_any(&ids))
        .select((organisations::id, organisations::name))
        .load(conn)?;
    for l in &mut listings {
        let Some(pid) = l.permit.police_organisation_id.as_deref() else {
            continue;
        };
        l.police = names.iter().find(|(id, _)| id == pid).cloned();
    }
    Ok(listings)
}

pub fn by_number(conn: &mut DbConnection, permit_number: &str) -> ApiResult<PermitRow> {
    Ok(permits::table
        .filter(permits::permit_number.eq(permit_number))
        .select(PermitRow::as_select())
        .first(conn)?)
}

/// A permit with its filed vehicle, agency and receipt, in one query; not found unless
/// `scope` may see it.
pub fn listing(conn: &mut DbConnection, scope: &PermitScope, id: &str) -> ApiResult<PermitListing> {
    let found: PermitListing = permits::table
        .inner_join(requests::table.inner_join(organisations::table))
        .left_join(receipts::table)
        .filter(permits::id.eq(id))
        .select((
            PermitRow::as_select(),
            FiledVehicle::as_select(),
            (organisations::id, organisations::name),
            Option::<ReceiptRow>::as_select(),
        ))
        .first::<PermitListingRow>(conn)?
        .into();
    let police = found.permit.police_organisation_id.as_deref();
    if !visible(conn, scope, &found.agency.0, police)? {
        return Err(crate::error::ApiError::not_found());
    }
    let [found] = with_police_names(conn, vec![found])?
        .try_into()
        .map_err(|_| crate::error::ApiError::internal("one permit listing"))?;
    Ok(found)
}

pub fn permit_number_taken(conn: &mut DbConnection, permit_number: &str) -> ApiResult<bool> {
    let n: i64 = permits::table
        .filter(permits::permit_number.eq(permit_number))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn national_number_taken(conn: &mut DbConnection, number: &str) -> ApiResult<bool> {
    let n: i64 = permits::table
        .filter(permits::national_permit_number.eq(number))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert(conn: &mut DbConnection, row: &PermitRow) -> ApiResult<()> {
    diesel::insert_into(permits::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn receipt_of(conn: &mut DbConnection, permit_id: &str) -> ApiResult<Option<ReceiptRow>> {
    Ok(receipts::table
        .filter(receipts::permit_id.eq(permit_id))
        .select(ReceiptRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_receipt(conn: &mut DbConnection, row: &ReceiptRow) -> ApiResult<()> {
    diesel::insert_into(receipts::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Moves the permit out of the police's queue into `state`, if nobody changed it since it was
/// read (its version); `false` when someone did.
pub fn mark_receipted(
    conn: &mut DbConnection,
    permit: &PermitRow,
    state: PermitState,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        permits::table
            .filter(permits::id.eq(&permit.id))
            .filter(permits::version.eq(permit.version)),
    )
    .set((
        permits::status.eq(state),
        permits::queue_rank.eq(QUEUE_DONE),
        permits::version.eq(permit.version + 1),
        permits::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The request's latest permit (the one the police act on while the request is
/// `permit_issued`).
pub fn latest_of_request(
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

/// A permit's revocation.
pub struct Revocation<'a> {
    pub by: &'a str,
    pub reason: RevocationReason,
    pub notes: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Revokes a permit still waiting for the police, if nobody changed it since it was read (its
/// version); `false` when someone did.
pub fn mark_revoked(
    conn: &mut DbConnection,
    permit: &PermitRow,
    r: Revocation<'_>,
) -> ApiResult<bool> {
    let n = diesel::update(
        permits::table
            .filter(permits::id.eq(&permit.id))
            .filter(permits::version.eq(permit.version))
            .filter(permits::status.eq(PermitState::Issued)),
    )
    .set((
        permits::status.eq(PermitState::Revoked),
        permits::queue_rank.eq(QUEUE_DONE),
        permits::version.eq(permit.version + 1),
        permits::updated_at.eq(r.at),
        permits::revoked_at.eq(Some(r.at)),
        permits::revoked_by.eq(Some(r.by)),
        permits::revocation_reason.eq(Some(r.reason)),
        permits::revocation_notes.eq(r.notes),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn registration_number_taken(conn: &mut DbConnection, number: &str) -> ApiResult<bool> {
    let n: i64 = registrations::table
        .filter(registrations::national_registration_number.eq(number))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert_registration(conn: &mut DbConnection, row: &RegistrationRow) -> ApiResult<()> {
    diesel::insert_into(registrations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// One page of the permit list.
pub struct ListQuery {
    pub scope: PermitScope,
    pub status: Option<PermitStatus>,
    pub updated_since: Option<NaiveDateTime>,
    /// After this `(queue_rank, id)`.
    pub after: Option<(i32, String)>,
    pub limit: i64,
    /// "Now", for the derived `issued` / `expired`.
    pub at: NaiveDateTime,
    /// The police's queue: revoked permits are left out unless `status` or `updated_since`
    /// asks for them (a polling system must still see the revocation).
    pub police_queue: bool,
    /// The look-ups (`plate`, `permit_number`, `national_number`).
    pub search: PermitSearch,
}

/// Permits waiting for the police first, then newest first (one more than `limit`), each with
/// its filed vehicle, agency and receipt (joined, one query per part of the scope).
///
/// The default police organisation's queue has two parts, the permits sent to it and those
/// sent to none: each is read as its own page, in the index's order
/// (`permits_police_queue_idx`, `permits_unaddressed_queue_idx`), and the two pages are merged
/// here. One query with `… = org OR … IS NULL` made PostgreSQL fetch and sort every permit of
/// the province's ten years to keep one page (1.2 s at p99 on the national database).
pub fn list(conn: &mut DbConnection, query: &ListQuery) -> ApiResult<Vec<PermitListing>> {
    let mut rows: Vec<PermitListingRow> = Vec::new();
    for part in scope_parts(conn, &query.scope)? {
        rows.extend(page(conn, part, query)?);
    }
    rows.sort_by(|a, b| (a.0.queue_rank, &b.0.id).cmp(&(b.0.queue_rank, &a.0.id)));
    rows.truncate(usize::try_from(query.limit + 1).unwrap_or(usize::MAX));
    with_police_names(conn, rows.into_iter().map(PermitListing::from).collect())
}

/// One part of the list's scope, as a page in `(queue_rank, id DESC)` order.
fn page(
    conn: &mut DbConnection,
    part: Option<Condition>,
    query: &ListQuery,
) -> ApiResult<Vec<PermitListingRow>> {
    let mut q = permits::table
        .inner_join(requests::table.inner_join(organisations::table))
        .left_join(receipts::table)
        .select((
            PermitRow::as_select(),
            FiledVehicle::as_select(),
            (organisations::id, organisations::name),
            Option::<ReceiptRow>::as_select(),
        ))
        .order((permits::queue_rank.asc(), permits::id.desc()))
        .limit(query.limit + 1)
        .into_boxed();
    let mut conditions = vec![];
    conditions.extend(part);
    conditions.extend(status_condition(query.status, query.at));
    conditions.extend(search_conditions(&query.search));
    if query.police_queue
        && query.status.is_none()
        && query.updated_since.is_none()
        && query.search.is_empty()
    {
        conditions.extend(police_queue_conditions(query.at));
    }
    if let Some(since) = query.updated_since {
        conditions.push(Box::new(permits::updated_at.ge(since)));
    }
    if let Some((rank, id)) = &query.after {
        conditions.push(Box::new(
            permits::queue_rank.gt(*rank).or(permits::queue_rank
                .eq(*rank)
                .and(permits::id.lt(id.clone()))),
        ));
    }
    for condition in conditions {
        q = q.filter(condition);
    }
    Ok(q.load(conn)?)
}

/// The list's FROM clause: permits with their request (and its agency) and their receipt.
type ListSource = diesel::dsl::LeftJoinQuerySource<
    diesel::dsl::InnerJoinQuerySource<
        permits::table,
        diesel::dsl::InnerJoin<requests::table, organisations::table>,
    >,
    receipts::table,
>;
/// One condition of the list's WHERE clause.
type Condition = Box<
    dyn BoxableExpression<
        ListSource,
        <DbConnection as diesel::Connection>::Backend,
        SqlType = diesel::sql_types::Bool,
    >,
>;

/// Who sees which permits, as the parts of the list read one page each (`None`: every
/// permit): an agency its own; the police the permits sent to their organisation, and the
/// default one also those sent to none (issued before any police organisation was
/// registered).
fn scope_parts(conn: &mut DbConnection, scope: &PermitScope) -> ApiResult<Vec<Option<Condition>>> {
    Ok(match scope {
        PermitScope::All => vec![None],
        PermitScope::Agency(org) => vec![Some(Box::new(requests::organisation_id.eq(org.clone())))],
        PermitScope::Police(org) => {
            let sent_here: Condition = Box::new(
                permits::police_organisation_id
                    .eq(org.clone())
                    .assume_not_null(),
            );
            if default_police(conn)?.as_deref() == Some(org.as_str()) {
                vec![
                    Some(sent_here),
                    Some(Box::new(permits::police_organisation_id.is_null())),
                ]
            } else {
                vec![Some(sent_here)]
            }
        }
    })
}

/// The shown status asked for, as of `at` (an issued permit past `valid_until` is expired).
fn status_condition(status: Option<PermitStatus>, at: NaiveDateTime) -> Option<Condition> {
    let issued = permits::status.eq(PermitState::Issued);
    Some(match status? {
        PermitStatus::Used => Box::new(permits::status.eq(PermitState::Used)),
        PermitStatus::Refused => Box::new(permits::status.eq(PermitState::Refused)),
        PermitStatus::Revoked => Box::new(permits::status.eq(PermitState::Revoked)),
        PermitStatus::Issued => Box::new(issued.and(permits::valid_until.ge(at))),
        PermitStatus::Expired => Box::new(issued.and(permits::valid_until.lt(at))),
    })
}

/// The search's plate, permit number, national number and free text.
fn search_conditions(search: &PermitSearch) -> Vec<Condition> {
    let mut conditions: Vec<Condition> = vec![];
    match &search.plate {
        None => {}
        Some(PlateSearch::Exact(plate)) => {
            conditions.push(Box::new(permits::plate.eq(plate.clone())))
        }
        Some(PlateSearch::WithoutRegion(start)) => {
            conditions.push(Box::new(permits::plate.like(format!("{start}%"))))
        }
    }
    if let Some(n) = &search.permit_number {
        conditions.push(Box::new(permits::permit_number.eq(n.clone())));
    }
    if let Some(n) = &search.national_number {
        conditions.push(Box::new(permits::national_permit_number.eq(n.clone())));
    }
    if let Some(any) = &search.any {
        conditions.push(Box::new(
            permits::national_permit_number
                .eq(any.national_number.clone())
                .or(permits::permit_number.eq(any.permit_number.clone()))
                .or(permits::plate.like(any.plate_pattern.clone())),
        ));
    }
    conditions
}

/// The police queue leaves out revoked permits, and expired unused ones at `valid_until` (the
/// police cannot act on them), whether or not the expiry worker has run yet.
fn police_queue_conditions(at: NaiveDateTime) -> [Condition; 2] {
    [
        Box::new(permits::status.ne(PermitState::Revoked)),
        Box::new(
            permits::status
                .ne(PermitState::Issued)
                .or(permits::valid_until.ge(at)),
        ),
    ]
}

/// Permits whose validity ended before `at` and that still wait in the police's queue with no
/// receipt (the expiry worker's work), oldest `valid_until` first.
pub fn due_for_expiry(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    limit: i64,
) -> ApiResult<Vec<PermitRow>> {
    Ok(permits::table
        .filter(permits::status.eq(PermitState::Issued))
        .filter(permits::queue_rank.eq(QUEUE_OPEN))
        .filter(permits::valid_until.lt(at))
        .order((permits::valid_until.asc(), permits::id.asc()))
        .limit(limit)
        .select(PermitRow::as_select())
        .load(conn)?)
}

/// Takes an expired, unreceipted permit out of the police's queue (it stays `issued` as
/// stored, shown `expired`), if it is still there: the conditional update that makes one
/// replica's worker, and only one, apply an expiry. `false` when another got there first (or a
/// receipt or a revocation did).
pub fn mark_expired(
    conn: &mut DbConnection,
    permit_id: &str,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        permits::table
            .filter(permits::id.eq(permit_id))
            .filter(permits::status.eq(PermitState::Issued))
            .filter(permits::queue_rank.eq(QUEUE_OPEN))
            .filter(permits::valid_until.lt(at)),
    )
    .set((
        permits::queue_rank.eq(QUEUE_DONE),
        permits::version.eq(permits::version + 1),
        permits::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
