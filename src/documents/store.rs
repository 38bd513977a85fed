//! Queries on documents and document requests, each named by what it is for.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    document_chunks, document_request_items, document_requests, documents, requests,
};
use crate::db::DbConnection;
use crate::documents::model::{
    BlobLocation, DocumentRequestItemRow, DocumentRequestRow, DocumentRow, DocumentType,
};
use crate::error::ApiResult;

pub fn insert_document(conn: &mut DbConnection, row: &DocumentRow) -> ApiResult<()> {
    diesel::insert_into(documents::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Takes the request's row lock until the transaction ends (on PostgreSQL; SQLite's
/// `BEGIN IMMEDIATE` already holds the database's write lock), by a no-op update.
pub fn lock_request(conn: &mut DbConnection, request_id: &str) -> ApiResult<()> {
    diesel::update(requests::table.filter(requests::id.eq(request_id)))
        .set(requests::id.eq(requests::id))
        .execute(conn)?;
    Ok(())
}

/// How many documents a request holds and their total size in bytes.
pub fn usage_of(conn: &mut DbConnection, request_id: &str) -> ApiResult<(u64, u64)> {
    // The police's removal records are not the agency's documents.
    let sizes: Vec<i64> = documents::table
        .filter(documents::request_id.eq(request_id))
        .filter(documents::document_type.ne(DocumentType::RemovalRecord))
        .select(documents::size)
        .load(conn)?;
    let total = sizes.iter().map(|s| (*s).max(0) as u64).sum();
    Ok((sizes.len() as u64, total))
}

/// A request's documents, oldest first (the police's removal records are shown with their
/// receipt, not here).
pub fn documents_of(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<DocumentRow>> {
    Ok(documents::table
        .filter(documents::request_id.eq(request_id))
        .filter(documents::document_type.ne(DocumentType::RemovalRecord))
        .order((documents::uploaded_at.asc(), documents::id.asc()))
        .select(DocumentRow::as_select())
        .load(conn)?)
}

/// A document with the organisation that owns its request (404 when there is none).
pub fn document_with_owner(conn: &mut DbConnection, id: &str) -> ApiResult<(DocumentRow, String)> {
    Ok(documents::table
        .inner_join(requests::table)
        .filter(documents::id.eq(id))
        .select((DocumentRow::as_select(), requests::organisation_id))
        .first(conn)?)
}

/// When each type was uploaded to a request (to judge which asked-for items are fulfilled).
pub fn uploads_of(
    conn: &mut DbConnection,
    request_id: &str,
) -> ApiResult<Vec<(DocumentType, NaiveDateTime)>> {
    Ok(documents::table
        .filter(documents::request_id.eq(request_id))
        .select((documents::document_type, documents::uploaded_at))
        .load(conn)?)
}

/// A request's document requests, oldest first.
pub fn asks_of(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<DocumentRequestRow>> {
    Ok(document_requests::table
        .filter(document_requests::request_id.eq(request_id))
        .order((
            document_requests::created_at.asc(),
            document_requests::id.asc(),
        ))
        .select(DocumentRequestRow::as_select())
        .load(conn)?)
}

/// One document request's items, in the order asked.
pub fn items_of(conn: &mut DbConnection, ask_id: &str) -> ApiResult<Vec<DocumentRequestItemRow>> {
    Ok(document_request_items::table
        .filter(document_request_items::document_request_id.eq(ask_id))
        .order(document_request_items::position.asc())
        .select(DocumentRequestItemRow::as_select())
        .load(conn)?)
}

/// The items of all a request's document requests, by document request, each in the order
/// asked: one query for the whole list of asks.
pub fn items_by_ask(
    conn: &mut DbConnection,
    request_id: &str,
) -> ApiResult<std::collections::HashMap<String, Vec<DocumentRequestItemRow>>> {
    let rows: Vec<DocumentRequestItemRow> = document_request_items::table
        .inner_join(document_requests::table)
        .filter(document_requests::request_id.eq(request_id))
        .order((
            document_request_items::document_request_id.asc(),
            document_request_items::position.asc(),
        ))
        .select(DocumentRequestItemRow::as_select())
        .load(conn)?;
    let mut out = std::collections::HashMap::<String, Vec<DocumentRequestItemRow>>::new();
    for row in rows {
        out.entry(row.document_request_id.clone())
            .or_default()
            .push(row);
    }
    Ok(out)
}

/// Records a document request and its items.
pub fn insert_ask(
    conn: &mut DbConnection,
    ask: &DocumentRequestRow,
    items: &[DocumentRequestItemRow],
) -> ApiResult<()> {
    diesel::insert_into(document_requests::table)
        .values(ask)
        .execute(conn)?;
    for item in items {
        diesel::insert_into(document_request_items::table)
            .values(item)
            .execute(conn)?;
    }
    Ok(())
}

// ---- bytes kept in the database (`BLOB_STORE=database`) ---------------------------------

/// Stores chunk `seq` of a document's bytes.
pub fn insert_chunk(
    conn: &mut DbConnection,
    document_id: &str,
    seq: i32,
    data: &[u8],
) -> ApiResult<()> {
    diesel::insert_into(document_chunks::table)
        .values((
            document_chunks::document_id.eq(document_id),
            document_chunks::seq.eq(seq),
            document_chunks::data.eq(data),
        ))
        .execute(conn)?;
    Ok(())
}

/// Chunk `seq` of a document's bytes, if there is one.
pub fn chunk(conn: &mut DbConnection, document_id: &str, seq: i32) -> ApiResult<Option<Vec<u8>>> {
    Ok(document_chunks::table
        .filter(document_chunks::document_id.eq(document_id))
        .filter(document_chunks::seq.eq(seq))
        .select(document_chunks::data)
        .first(conn)
        .optional()?)
}

/// Whether a document whose bytes belong on the filesystem has `storage_key` (start-up
/// recovery keeps such files and removes every other).
pub fn file_has_row(conn: &mut DbConnection, storage_key: &str) -> ApiResult<bool> {
    let n: i64 = documents::table
        .filter(documents::storage_key.eq(storage_key))
        .filter(documents::blob_store.eq(BlobLocation::Filesystem))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Up to `limit` documents kept in `location`, by id, after `after` (paging a migration).
pub fn documents_in(
    conn: &mut DbConnection,
    location: BlobLocation,
    after: &str,
    limit: i64,
) -> ApiResult<Vec<DocumentRow>> {
    Ok(documents::table
        .filter(documents::blob_store.eq(location))
        .filter(documents::id.gt(after))
        .order(documents::id.asc())
        .limit(limit)
        .select(DocumentRow::as_select())
        .load(conn)?)
}

/// Moves a document's record from `from` to `to`; false when another run moved it first.
pub fn relocate(
    conn: &mut DbConnection,
    id: &str,
    from: BlobLocation,
    to: BlobLocation,
) -> ApiResult<bool> {
    let n = diesel::update(
        documents::table
            .filter(documents::id.eq(id))
            .filter(documents::blob_store.eq(from)),
    )
    .set(documents::blob_store.eq(to))
    .execute(conn)?;
    Ok(n == 1)
}
