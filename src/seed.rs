//! Synthetic data for benchmarks and tests: agencies with a user each, and requests with
//! backdated histories in every state, written in batches straight to the database (with their
//! SLA clocks computed by the real clock code). `plate-permits seed` runs it; never point it at
//! a production database.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::auth::model::{username_key, UserRow};
use crate::config::Config;
use crate::db::schema::{
    feedback, organisations, request_history, request_sla, requests, tracking_codes, users,
};
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::domain::legal_id::LegalId;
use crate::domain::status::RequestStatus;
use crate::domain::text::search_key;
use crate::domain::tracking::with_check_digit;
use crate::error::{ApiError, ApiResult};
use crate::requests::model::{HistoryRow, Reason, RequestRow, VehicleType};
use crate::sla::clock::{summarise, Transition};
use crate::sla::store::SlaRow;

/// A seeded agency: its organisation and the user that files its requests.
#[derive(Clone, Debug)]
pub struct SeededAgency {
    pub organisation_id: String,
    pub user_id: String,
    pub username: String,
}

/// Creates `count` agencies named `{prefix}-{k}`, each with one `agency` user whose password is
/// `password`.
pub fn agencies(
    conn: &mut DbConnection,
    prefix: &str,
    count: usize,
    password: &str,
    at: NaiveDateTime,
) -> ApiResult<Vec<SeededAgency>> {
    let hash = crate::auth::password::hash(password).map_err(ApiError::internal)?;
    let mut out = Vec::with_capacity(count);
    for k in 0..count {
        let org_id = uuid::Uuid::now_v7().to_string();
        let name = format!("{prefix}-{k}");
        let digits = format!(
            "{:010}",
            1_000_000_000u64 + (uuid::Uuid::new_v4().as_u128() % 8_999_999_999) as u64
        );
        let legal =
            LegalId::complete(&digits).ok_or_else(|| ApiError::internal("legal id check digit"))?;
        diesel::insert_into(organisations::table)
            .values((
                organisations::id.eq(&org_id),
                organisations::name.eq(&name),
                organisations::name_key.eq(search_key(&name)),
                organisations::kind.eq(OrgKind::Agency),
                organisations::national_id.eq(legal.as_str()),
                organisations::created_at.eq(at),
                organisations::updated_at.eq(at),
                organisations::version.eq(1i64),
            ))
            .execute(conn)?;
        let username = format!("{prefix}-user-{k}");
        let user = UserRow {
            id: uuid::Uuid::now_v7().to_string(),
            username: username.clone(),
            username_key: username_key(&username),
            full_name: format!("کاربر {name}"),
            role: Role::Agency,
            organisation_id: org_id.clone(),
            mobile: None,
            password_hash: hash.clone(),
            must_change_password: false,
            disabled: false,
            password_changed_at: at,
            created_at: at,
            updated_at: at,
            version: 1,
            position: None,
        };
        diesel::insert_into(users::table)
            .values(&user)
            .execute(conn)?;
        out.push(SeededAgency {
            organisation_id: org_id,
            user_id: user.id,
            username,
        });
    }
    Ok(out)
}

/// One request to seed: its agency, a unique number (plate, VIN and tracking code derive
/// from it) and its history, oldest first (the first step must be `submitted`).
pub struct SeedRequest<'a> {
    pub agency: &'a SeededAgency,
    pub number: u64,
    pub steps: Vec<Transition>,
    /// Feedback rating (1–5) the agency gave, for finished requests.
    pub rating: Option<i32>,
}

const VIN_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A unique government plate for `n` (unique for n below 7 290 000).
fn plate_for(n: u64) -> String {
    let first = 10 + n % 90;
    let second = 100 + (n / 90) % 900;
    let region = 10 + (n / 81_000) % 90;
    format!("{first}الف{second}-{region}")
}

fn vin_for(n: u64, salt: u64) -> String {
    let mut x = n.wrapping_mul(1_000_003).wrapping_add(salt);
    let mut vin = String::with_capacity(17);
    for _ in 0..17 {
        vin.push(VIN_ALPHABET[(x % VIN_ALPHABET.len() as u64) as usize] as char);
        x /= VIN_ALPHABET.len() as u64;
        if x == 0 {
            x = n.wrapping_add(salt).wrapping_add(7);
        }
    }
    vin
}

/// `(vin, chassis_number)`: one vehicle in five is an older one with a chassis number only.
fn vehicle_identity(n: u64, salt: u64) -> (Option<String>, Option<String>) {
    if n % 5 == 4 {
        let chassis = format!("IR{:013}", (n + salt) % 10_000_000_000_000);
        (None, Some(chassis))
    } else {
        (Some(vin_for(n, salt)), None)
    }
}

/// Inserts the requests, their histories and SLA clocks in one transaction per call; `at` is
/// the instant the SLA clocks are computed at (and the rows' write time).
pub fn requests(
    conn: &mut DbConnection,
    config: &Config,
    batch: &[SeedRequest<'_>],
    salt: u64,
    at: NaiveDateTime,
) -> ApiResult<Vec<String>> {
    let cal = crate::sla::store::calendar(conn, config)?;
    let mut codes = Vec::with_capacity(batch.len());
    let mut rows = Vec::with_capacity(batch.len());
    let mut history = Vec::new();
    let mut slas = Vec::with_capacity(batch.len());
    let mut ids = Vec::with_capacity(batch.len());
    let mut ratings = Vec::new();
    for r in batch {
        let first = r
            .steps
            .first()
            .ok_or_else(|| ApiError::internal("empty history"))?;
        let last = r.steps.last().unwrap_or(first);
        let id = uuid::Uuid::now_v7().to_string();
        // Tracking codes start with 1–4 (permit numbers with 5–9, see `CodeKind`).
        let payload = format!("4{:010}", (r.number + salt) % 10_000_000_000);
        let code = with_check_digit(&payload).ok_or_else(|| ApiError::internal("check digit"))?;
        codes.push((
            tracking_codes::code.eq(code.clone()),
            tracking_codes::kind.eq("request"),
            tracking_codes::subject_id.eq(id.clone()),
            tracking_codes::created_at.eq(first.at),
        ));
        let identity = vehicle_identity(r.number, salt);
        rows.push(RequestRow {
            id: id.clone(),
            tracking_code: code,
            organisation_id: r.agency.organisation_id.clone(),
            created_by: r.agency.user_id.clone(),
            status: last.to,
            plate: plate_for(r.number),
            vin: identity.0,
            chassis_number: identity.1,
            rejection_reason: None,
            engine_number: format!("ENG{}", r.number),
            make: "ایران خودرو".to_owned(),
            model: "سمند LX".to_owned(),
            model_year: 1395,
            vehicle_type: VehicleType::PassengerCar,
            reason: Reason::AuctionSale,
            reason_details: None,
            letter_number: format!("{}/{}", r.number % 1000, r.number),
            letter_date: first.at.date(),
            contact_name: "رضا احمدی".to_owned(),
            contact_mobile: "09141234567".to_owned(),
            description: None,
            vehicle_colour: None,
            representative_full_name: None,
            representative_national_code: None,
            representative_mobile: None,
            reviewer_id: None,
            version: r.steps.len() as i64,
            created_at: first.at,
            updated_at: last.at,
            status_changed_at: last.at,
        });
        let mut from: Option<RequestStatus> = None;
        for (i, s) in r.steps.iter().enumerate() {
            history.push(HistoryRow {
                id: uuid::Uuid::now_v7().to_string(),
                request_id: id.clone(),
                seq: i as i32 + 1,
                from_status: from,
                to_status: s.to,
                action: if i == 0 { "submit" } else { "seeded" }.to_owned(),
                at: s.at,
                actor_id: r.agency.user_id.clone(),
                actor_name: "seed".to_owned(),
                actor_role: Role::Agency,
                note: None,
            });
            from = Some(s.to);
        }
        let summary = summarise(&r.steps, &cal, &config.sla, at);
        slas.push(SlaRow::from_summary(
            id.clone(),
            r.agency.organisation_id.clone(),
            last.to,
            first.at,
            summary,
            at,
        ));
        if let Some(rating) = r.rating {
            ratings.push((
                feedback::request_id.eq(id.clone()),
                feedback::organisation_id.eq(r.agency.organisation_id.clone()),
                feedback::rating.eq(rating),
                feedback::created_at.eq(last.at),
                feedback::created_by.eq(r.agency.user_id.clone()),
            ));
        }
        ids.push(id);
    }
    // Multi-row inserts need the concrete backend (the multi-backend connection has no
    // batch-insert dialect).
    macro_rules! insert_all {
        ($c:expr, $table:expr, $rows:expr, $per:expr) => {
            for chunk in $rows.chunks($per) {
                match $c {
                    DbConnection::Postgresql(pg) => {
                        diesel::insert_into($table).values(chunk).execute(pg)?
                    }
                    DbConnection::Sqlite(lite) => {
                        diesel::insert_into($table).values(chunk).execute(lite)?
                    }
                };
            }
        };
    }
    crate::db::write_tx(conn, |c| {
        insert_all!(c, tracking_codes::table, codes, 1000);
        insert_all!(c, requests::table, rows, 500);
        insert_all!(c, request_history::table, history, 1000);
        insert_all!(c, request_sla::table, slas, 1000);
        insert_all!(c, feedback::table, ratings, 1000);
        Ok(())
    })?;
    Ok(ids)
}

/// A small deterministic generator (xorshift), so a seeded database is reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A plausible history ending in a status chosen so that every state is represented: filed
/// `age` ago, each step taking up to a few working days.
pub fn random_history(rng: &mut Rng, end: NaiveDateTime, max_age_days: i64) -> Vec<Transition> {
    use RequestStatus as S;
    let paths: &[&[RequestStatus]] = &[
        &[S::Submitted],
        &[S::Submitted, S::UnderReview],
        &[S::Submitted, S::UnderReview, S::AwaitingDocuments],
        &[S::Submitted, S::UnderReview, S::PermitIssued],
        &[
            S::Submitted,
            S::UnderReview,
            S::PermitIssued,
            S::PlateRemoved,
        ],
        &[
            S::Submitted,
            S::UnderReview,
            S::PermitIssued,
            S::RemovalRefused,
        ],
        &[
            S::Submitted,
            S::UnderReview,
            S::AwaitingDocuments,
            S::UnderReview,
            S::PermitIssued,
            S::PlateRemoved,
            S::Completed,
        ],
        &[
            S::Submitted,
            S::UnderReview,
            S::PermitIssued,
            S::PlateRemoved,
            S::Completed,
        ],
        &[S::Submitted, S::UnderReview, S::Rejected],
        &[S::Submitted, S::Withdrawn],
    ];
    let path = paths[rng.below(paths.len() as u64) as usize];
    let age_minutes = 60 + rng.below((max_age_days.max(1) * 24 * 60) as u64) as i64;
    let mut at = end - TimeDelta::minutes(age_minutes);
    let mut out = Vec::with_capacity(path.len());
    for (i, to) in path.iter().enumerate() {
        if i > 0 {
            // Up to ~8 calendar days between steps, never past `end`.
            let gap = 30 + rng.below(8 * 24 * 60) as i64;
            let next = at + TimeDelta::minutes(gap);
            at = if next < end {
                next
            } else {
                at + TimeDelta::minutes(1)
            };
        }
        out.push(Transition { to: *to, at });
    }
    out
}
