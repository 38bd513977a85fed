//! Every query on `organisations`, named by intent.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::organisations;
use crate::db::DbConnection;
use crate::domain::identity::OrgKind;
use crate::error::ApiResult;
use crate::http::pagination::Page;
use crate::organisations::model::OrganisationRow;

/// The organisation `id`; 404 when there is none.
pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<OrganisationRow> {
    Ok(organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)?)
}

/// A page of organisations, newest first, optionally of one kind.
pub fn list(
    conn: &mut DbConnection,
    kind: Option<OrgKind>,
    page: &Page,
) -> ApiResult<Vec<OrganisationRow>> {
    let mut q = organisations::table
        .select(OrganisationRow::as_select())
        .order(organisations::id.desc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(k) = kind {
        q = q.filter(organisations::kind.eq(k));
    }
    if let Some(after) = &page.after {
        q = q.filter(organisations::id.lt(after.clone()));
    }
    Ok(q.load(conn)?)
}

/// The kind of organisation `id`, if it exists.
pub fn kind_of(conn: &mut DbConnection, id: &str) -> ApiResult<Option<OrgKind>> {
    Ok(organisations::table
        .find(id)
        .select(organisations::kind)
        .first(conn)
        .optional()?)
}

/// An organisation's name (`None`: no such organisation).
pub fn name_of(conn: &mut DbConnection, id: &str) -> ApiResult<Option<String>> {
    Ok(organisations::table
        .find(id)
        .select(organisations::name)
        .first(conn)
        .optional()?)
}

/// The oldest organisation of a kind.
pub fn oldest_of_kind(conn: &mut DbConnection, kind: OrgKind) -> ApiResult<Option<String>> {
    Ok(organisations::table
        .filter(organisations::kind.eq(kind))
        .order((organisations::created_at.asc(), organisations::id.asc()))
        .select(organisations::id)
        .first(conn)
        .optional()?)
}

/// Whether `id` names an organisation of `kind`.
pub fn is_of_kind(conn: &mut DbConnection, id: &str, kind: OrgKind) -> ApiResult<bool> {
    let n: i64 = organisations::table
        .filter(organisations::id.eq(id))
        .filter(organisations::kind.eq(kind))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Which unique field another organisation already uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    Name,
    NationalId,
}

/// Whether an organisation other than `except_id` has this name key or national id (the name
/// is reported first).
pub fn taken_by_another(
    conn: &mut DbConnection,
    name_key: &str,
    national_id: &str,
    except_id: &str,
) -> ApiResult<Option<Taken>> {
    let clash: Option<String> = organisations::table
        .filter(
            organisations::name_key
                .eq(name_key)
                .or(organisations::national_id.eq(national_id)),
        )
        .filter(organisations::id.ne(except_id))
        .select(organisations::name_key)
        .first(conn)
        .optional()?;
    Ok(clash.map(|k| {
        if k == name_key {
            Taken::Name
        } else {
            Taken::NationalId
        }
    }))
}

pub fn insert(conn: &mut DbConnection, row: &OrganisationRow) -> ApiResult<()> {
    diesel::insert_into(organisations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// An organisation's name and legal id.
pub struct Naming<'a> {
    pub name: &'a str,
    pub name_key: &'a str,
    pub national_id: &'a str,
}

/// Renames an organisation or corrects its legal id, if it is still at `version`; false when
/// another change came first.
pub fn rename(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    naming: Naming<'_>,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        organisations::table
            .filter(organisations::id.eq(id))
            .filter(organisations::version.eq(version)),
    )
    .set((
        organisations::name.eq(naming.name),
        organisations::name_key.eq(naming.name_key),
        organisations::national_id.eq(naming.national_id),
        organisations::updated_at.eq(at),
        organisations::version.eq(version + 1),
    ))
    .execute(conn)?;
    Ok(n > 0)
}

/// Recomputes every organisation's `name_key` with the current [`search_key`] rules (start-up,
/// idempotent). A name whose new key another organisation already holds keeps its old key and
/// is logged, so an administrator can rename one of the two. Returns the number re-keyed.
///
/// [`search_key`]: crate::domain::text::search_key
pub fn rekey_names(conn: &mut DbConnection) -> ApiResult<usize> {
    let rows: Vec<(String, String, String)> = organisations::table
        .select((
            organisations::id,
            organisations::name,
            organisations::name_key,
        ))
        .order(organisations::id.asc())
        .load(conn)?;
    let mut changed = 0;
    for (id, name, old_key) in rows {
        let key = crate::domain::text::search_key(&name);
        if key == old_key {
            continue;
        }
        let holder: Option<String> = organisations::table
            .filter(organisations::name_key.eq(&key))
            .select(organisations::id)
            .first(conn)
            .optional()?;
        if let Some(other) = holder {
            tracing::warn!(
                organisation_id = %id,
                clashes_with = %other,
                "organisation name is now the same name as another's; rename one of them"
            );
            continue;
        }
        diesel::update(organisations::table.find(&id))
            .set(organisations::name_key.eq(&key))
            .execute(conn)?;
        changed += 1;
    }
    Ok(changed)
}
