//! Synthetic data for benchmarks and tests, up to a national-size database: agencies spread
//! over provinces (each province with its police), a directorate, and requests with
//! backdated histories in every state, their SLA clocks (computed by the real clock code),
//! permits, feedback, and on PostgreSQL their feed events and audit log. `plate-permits seed`
//! runs it ([`run`]); never point it at a production database.
//!
//! Requests go in batches (`rows`, `COPY` on PostgreSQL); events and audit entries are then
//! derived from them set-based (`activity`).

mod activity;
mod rows;

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::auth::model::{username_key, UserRow};
use crate::config::{Config, SeedArgs};
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::domain::legal_id::LegalId;
use crate::domain::status::RequestStatus;
use crate::domain::text::search_key;
use crate::error::{ApiError, ApiResult};
use crate::sla::clock::Transition;

pub use rows::{requests, requests_with};

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
    (0..count)
        .map(|k| account(conn, OrgKind::Agency, &format!("{prefix}-{k}"), &hash, at))
        .collect()
}

/// One organisation of `kind` named `name` with one user of the matching role
/// (`{name}-user`), whose password hash is `hash`.
fn account(
    conn: &mut DbConnection,
    kind: OrgKind,
    name: &str,
    hash: &str,
    at: NaiveDateTime,
) -> ApiResult<SeededAgency> {
    let org_id = organisation(conn, kind, name, at)?;
    let username = username_for(kind, name);
    let role = match kind {
        OrgKind::Agency => Role::Agency,
        OrgKind::Directorate => Role::Directorate,
        OrgKind::Police => Role::Police,
    };
    let user = UserRow {
        id: uuid::Uuid::now_v7().to_string(),
        username: username.clone(),
        username_key: username_key(&username),
        full_name: format!("کاربر {name}"),
        role,
        organisation_id: org_id.clone(),
        mobile: None,
        password_hash: hash.to_owned(),
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
    Ok(SeededAgency {
        organisation_id: org_id,
        user_id: user.id,
        username,
    })
}

/// Inserts an organisation of `kind` named `name` with a random valid national id; returns its
/// id.
fn organisation(
    conn: &mut DbConnection,
    kind: OrgKind,
    name: &str,
    at: NaiveDateTime,
) -> ApiResult<String> {
    let org_id = uuid::Uuid::now_v7().to_string();
    let digits = format!(
        "{:010}",
        1_000_000_000u64 + (uuid::Uuid::new_v4().as_u128() % 8_999_999_999) as u64
    );
    let legal =
        LegalId::complete(&digits).ok_or_else(|| ApiError::internal("legal id check digit"))?;
    diesel::insert_into(organisations::table)
        .values((
            organisations::id.eq(&org_id),
            organisations::name.eq(name),
            organisations::name_key.eq(search_key(name)),
            organisations::kind.eq(kind),
            organisations::national_id.eq(legal.as_str()),
            organisations::created_at.eq(at),
            organisations::updated_at.eq(at),
            organisations::version.eq(1i64),
        ))
        .execute(conn)?;
    Ok(org_id)
}

/// The user name of the organisation `name`'s user: `{name}-user`, but agencies keep their
/// historical user names (`{prefix}-user-{k}`, the benchmarks log in with them).
fn username_for(kind: OrgKind, name: &str) -> String {
    match name.rsplit_once('-') {
        Some((head, k)) if kind == OrgKind::Agency => format!("{head}-user-{k}"),
        _ => format!("{name}-user"),
    }
}

/// The directorate and the provinces' police that take the seeded requests' other steps.
/// Agency `k` lies in province `k % provinces` (its index in `agencies`).
pub struct Staff {
    pub directorate: SeededAgency,
    pub police: Vec<SeededAgency>,
    province_of: std::collections::HashMap<String, usize>,
}

impl Staff {
    /// A directorate and one police organisation per province, each with its user.
    pub fn create(
        conn: &mut DbConnection,
        prefix: &str,
        agencies: &[SeededAgency],
        provinces: usize,
        password: &str,
        at: NaiveDateTime,
    ) -> ApiResult<Staff> {
        let hash = crate::auth::password::hash(password).map_err(ApiError::internal)?;
        let directorate = account(
            conn,
            OrgKind::Directorate,
            &format!("{prefix}-directorate"),
            &hash,
            at,
        )?;
        let police = (0..provinces.max(1))
            .map(|p| {
                account(
                    conn,
                    OrgKind::Police,
                    &format!("{prefix}-police-{p}"),
                    &hash,
                    at,
                )
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let province_of = agencies
            .iter()
            .enumerate()
            .map(|(k, a)| (a.organisation_id.clone(), k % police.len()))
            .collect();
        Ok(Staff {
            directorate,
            police,
            province_of,
        })
    }

    /// The police of the agency's province (the first province's for an agency not seeded).
    pub fn police_for(&self, agency: &SeededAgency) -> &SeededAgency {
        let p = self
            .province_of
            .get(&agency.organisation_id)
            .copied()
            .unwrap_or(0);
        &self.police[p % self.police.len()]
    }
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

/// How recent a request must be to still wait for the directorate or the police.
const OPEN_WITHIN_DAYS: i64 = 20;
/// The first of `random_history`'s paths that ends out of the directorate's and the police's
/// hands.
const FIRST_SETTLED: usize = 4;

/// The histories [`random_history`] chooses from, by the status they end in: the first
/// [`FIRST_SETTLED`] still wait for the directorate or the police.
const HISTORY_PATHS: &[&[RequestStatus]] = {
    use RequestStatus as S;
    &[
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
    ]
};

/// A plausible history ending in a status chosen so that every state is represented: filed up
/// to `max_age_days` ago, each step taking up to a few working days.
pub fn random_history(rng: &mut Rng, end: NaiveDateTime, max_age_days: i64) -> Vec<Transition> {
    let paths = HISTORY_PATHS;
    let age_minutes = 60 + rng.below((max_age_days.max(1) * 24 * 60) as u64) as i64;
    // Open work is recent: a request filed more than `OPEN_WITHIN_DAYS` ago has left the
    // directorate's and the police's queues (its permit, if any, was used or refused before
    // the validity ended, so the expiry worker finds nothing to do in a seeded database).
    let settled = age_minutes > OPEN_WITHIN_DAYS * 24 * 60;
    let first = if settled { FIRST_SETTLED } else { 0 };
    let path = paths[first + rng.below((paths.len() - first) as u64) as usize];
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

/// How many requests one transaction writes.
const BATCH: u64 = 5_000;

/// `plate-permits seed`: accounts, then the requests in batches, then (PostgreSQL) their
/// events and audit log, then fresh planner statistics. Returns the JSON summary the command
/// prints (the agencies' user names, the shared password, the row counts and the seconds
/// each phase took).
pub fn run(
    conn: &mut DbConnection,
    config: &Config,
    args: &SeedArgs,
    now: NaiveDateTime,
) -> ApiResult<serde_json::Value> {
    let started = std::time::Instant::now();
    let prefix = format!("bench-{}", &uuid::Uuid::new_v4().simple().to_string()[..6]);
    let (agencies, staff) = accounts(conn, args, &prefix, now)?;
    let max_age_days = args.years.map_or(args.max_age_days, |y| i64::from(y) * 365);
    let mut rng = Rng::new(args.seed);
    let salt = rng.next_u64() % 1_000_000_000;
    let plan = RequestPlan {
        args,
        agencies: &agencies,
        staff: &staff,
        salt,
        max_age_days,
        now,
    };
    let done = all_requests(conn, config, plan)?;
    let requests_s = started.elapsed().as_secs_f64();
    let orgs: Vec<String> = agencies.iter().map(|a| a.organisation_id.clone()).collect();
    let events = activity::events(conn, &orgs)?;
    let events_s = started.elapsed().as_secs_f64() - requests_s;
    let audit = activity::audit(
        conn,
        &orgs,
        &staff.directorate.user_id,
        &staff.directorate.organisation_id,
        args.reads_per_request,
    )?;
    let audit_s = started.elapsed().as_secs_f64() - requests_s - events_s;
    activity::analyze(conn)?;
    Ok(serde_json::json!({
        "requests": done,
        "events": events,
        "audit_entries": audit,
        "password": args.password,
        "agencies": agencies.iter().map(|a| serde_json::json!({
            "organisation_id": a.organisation_id,
            "username": a.username,
        })).collect::<Vec<_>>(),
        "directorate": staff.directorate.username,
        "police": staff.police.iter().map(|p| p.username.clone()).collect::<Vec<_>>(),
        "seconds": started.elapsed().as_secs_f64(),
        "phases": {"requests": requests_s, "events": events_s, "audit": audit_s},
    }))
}

/// The agencies (at least one per province), the directorate and the provinces' police, in
/// one transaction.
fn accounts(
    conn: &mut DbConnection,
    args: &SeedArgs,
    prefix: &str,
    now: NaiveDateTime,
) -> ApiResult<(Vec<SeededAgency>, Staff)> {
    let provinces = args.provinces.max(1);
    crate::db::write_tx(conn, |c| {
        let agencies = agencies(c, prefix, args.agencies.max(provinces), &args.password, now)?;
        let staff = Staff::create(c, prefix, &agencies, provinces, &args.password, now)?;
        Ok((agencies, staff))
    })
}

/// What the requests are seeded from: the command's arguments, the accounts that file and
/// handle them, the salt of their vehicles' identifiers, how far back their histories start
/// and the instant they end by.
struct RequestPlan<'a> {
    args: &'a SeedArgs,
    agencies: &'a [SeededAgency],
    staff: &'a Staff,
    salt: u64,
    max_age_days: i64,
    now: NaiveDateTime,
}

/// Writes `args.requests` requests in batches of [`BATCH`], agency by agency in turn; logs
/// progress every 100 000. Returns how many were written.
fn all_requests(conn: &mut DbConnection, config: &Config, plan: RequestPlan<'_>) -> ApiResult<u64> {
    let RequestPlan {
        args,
        agencies,
        staff,
        salt,
        max_age_days,
        now,
    } = plan;
    let started = std::time::Instant::now();
    let mut rng = Rng::new(args.seed.wrapping_add(salt));
    let mut done = 0u64;
    while done < args.requests {
        let n = (args.requests - done).min(BATCH);
        let batch: Vec<SeedRequest<'_>> = (0..n)
            .map(|i| {
                let steps = random_history(&mut rng, now, max_age_days);
                // Feedback on about a third of the finished requests.
                let finished = steps.last().is_some_and(|s| {
                    matches!(s.to, RequestStatus::Completed | RequestStatus::Rejected)
                });
                let rating = (finished && rng.below(3) == 0).then(|| 1 + rng.below(5) as i32);
                SeedRequest {
                    agency: &agencies[((done + i) % agencies.len() as u64) as usize],
                    number: done + i,
                    steps,
                    rating,
                }
            })
            .collect();
        requests_with(conn, config, &batch, salt, now, Some(staff))?;
        done += n;
        if done % 100_000 == 0 || done == args.requests {
            tracing::info!(done, elapsed_s = started.elapsed().as_secs(), "seeding");
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plate::Plate;
    use crate::domain::vin::{ChassisNumber, Vin};

    #[test]
    fn seeded_vehicles_are_valid_and_stored_canonically() {
        let letters = Config::defaults().plate_letters;
        for n in (0..1_200_000u64).step_by(997) {
            let plate = plate_for(n);
            let parsed = Plate::parse(&plate, &letters).expect("seeded plate parses");
            assert_eq!(parsed.canonical(), plate, "{n}");
            match vehicle_identity(n, 12_345) {
                (Some(vin), None) => {
                    assert_eq!(Vin::parse(&vin).map(|v| v.as_str().to_owned()), Some(vin));
                }
                (None, Some(chassis)) => {
                    assert_eq!(
                        ChassisNumber::parse(&chassis).map(|c| c.into_inner()),
                        Ok(chassis)
                    );
                }
                other => panic!("{n}: {other:?}"),
            }
        }
    }

    #[test]
    fn plates_are_unique_at_national_volume() {
        let mut seen = std::collections::HashSet::new();
        assert!((0..1_500_000u64).all(|n| seen.insert(plate_for(n))));
    }

    #[test]
    fn old_requests_have_left_the_queues() {
        let mut rng = Rng::new(9);
        let end = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("date");
        let open = [
            RequestStatus::Submitted,
            RequestStatus::UnderReview,
            RequestStatus::AwaitingDocuments,
            RequestStatus::PermitIssued,
        ];
        let mut states = std::collections::HashSet::new();
        for _ in 0..20_000 {
            let steps = random_history(&mut rng, end, 3650);
            let last = steps.last().expect("a step");
            states.insert(last.to);
            assert!(steps.windows(2).all(|w| w[0].at < w[1].at));
            if open.contains(&last.to) {
                assert!(
                    end - steps[0].at <= TimeDelta::days(OPEN_WITHIN_DAYS),
                    "{steps:?}"
                );
            }
        }
        assert_eq!(states.len(), 9, "{states:?}");
    }
}
