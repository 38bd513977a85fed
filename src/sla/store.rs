//! Stored SLA clocks: one `request_sla` row per request, recomputed from the request's history
//! in the same transaction as every transition and every holiday change.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::access::Scope;
use crate::config::Config;
use crate::db::schema::{holidays, request_history, request_sla, requests, service_settings};
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;
use crate::sla::calendar::{Calendar, Holidays};
use crate::sla::clock::{self, ClockState, Stage, Summary, Transition};
use crate::sla::model::{HolidayQuery, HolidayRow, RequestHead};
use crate::sla::official;

#[derive(Clone, Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = request_sla)]
// NULL for `None` in both the update and the insert: each is then one SQL text that stays
// prepared (with `None` as DEFAULT the insert's text varies and is prepared on every filing).
#[diesel(treat_none_as_null = true, treat_none_as_default_value = false)]
pub struct SlaRow {
    pub request_id: String,
    pub organisation_id: String,
    pub status: RequestStatus,
    pub created_at: NaiveDateTime,
    pub stage: Option<Stage>,
    pub clock: ClockState,
    pub clock_since: Option<NaiveDateTime>,
    pub used_days: i64,
    pub due_at: Option<NaiveDateTime>,
    pub decision_cd: Option<i64>,
    pub police_cd: Option<i64>,
    pub registration_cd: Option<i64>,
    pub computed_at: NaiveDateTime,
}

/// Adds `title` to a day's title unless it is already one of its parts (« و »-joined).
fn join_title(day: &mut Option<String>, title: &str) {
    match day {
        Some(t) => {
            if !t.split(" و ").any(|p| p == title) {
                t.push_str(" و ");
                t.push_str(title);
            }
        }
        None => *day = Some(title.to_owned()),
    }
}

/// The built-in holidays as a calendar table, and each built-in's day by id; built once per
/// process and shared by every calendar load.
struct OfficialTable {
    days: Arc<BTreeMap<NaiveDate, String>>,
    day_of: HashMap<&'static str, NaiveDate>,
}

static OFFICIAL: LazyLock<OfficialTable> = LazyLock::new(|| {
    let mut days: BTreeMap<NaiveDate, Option<String>> = BTreeMap::new();
    let mut day_of = HashMap::new();
    for b in official::all() {
        join_title(days.entry(b.date).or_default(), b.title_fa);
        day_of.insert(b.id.as_str(), b.date);
    }
    let days = days
        .into_iter()
        .filter_map(|(d, t)| t.map(|t| (d, t)))
        .collect();
    OfficialTable {
        days: Arc::new(days),
        day_of,
    }
});

/// The calendar in force: the configuration, the built-in holidays (provisional days a stored
/// row confirms or moves left out) and the whole holiday table (a few dozen rows a year), read
/// fresh so that every replica agrees. A day that is two holidays counts once, its titles
/// joined with « و ». The built-in table is shared; only the days stored rows touch are
/// recomputed on top of it.
pub fn calendar(conn: &mut DbConnection, config: &Config) -> ApiResult<Arc<Calendar>> {
    let version = crate::sla::calendar_version::current(conn)?;
    let key = format!(
        "{}|{}",
        config.effective_database_url().expose(),
        fingerprint(config)
    );
    if let Some(cal) = CALENDARS.get(&key, &version) {
        return Ok(cal);
    }
    let rows: Vec<(NaiveDate, String, Option<String>)> = holidays::table
        .select((holidays::date, holidays::title, holidays::builtin_id))
        .load(conn)?;
    let mut rules = crate::sla::rules::store::calendar_rules(conn)?;
    rules.extend(crate::sla::rules::builtin::calendar_rules());
    let cal = Arc::new(Calendar::with_holidays(config, holidays_over(&rows)).with_rules(rules));
    CALENDARS.put(key, version, cal.clone());
    Ok(cal)
}

/// Calendars built in this process, by database and calendar settings, each with the version it
/// was built from. A view reads the version (one small row) instead of the holiday and
/// working-rule tables; a change made anywhere, by any replica, changes the version in its own
/// transaction ([`crate::sla::calendar_version::changed`]), so the next view rebuilds. (Profile: the two tables were 8.4 % of a request
/// view's samples, docs/BENCHMARKS.md.)
struct CalendarCache(std::sync::Mutex<HashMap<String, (String, Arc<Calendar>)>>);

/// Databases × settings seen by one process (one in service; many in the test suite).
const CALENDAR_CACHE_ENTRIES: usize = 64;

static CALENDARS: LazyLock<CalendarCache> =
    LazyLock::new(|| CalendarCache(std::sync::Mutex::new(HashMap::new())));

impl CalendarCache {
    fn get(&self, key: &str, version: &str) -> Option<Arc<Calendar>> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(key)
            .filter(|(built_from, _)| built_from == version)
            .map(|(_, cal)| cal.clone())
    }

    fn put(&self, key: String, version: String, cal: Arc<Calendar>) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= CALENDAR_CACHE_ENTRIES && !map.contains_key(&key) {
            map.clear();
        }
        map.insert(key, (version, cal));
    }
}

/// The holiday table with stored rows (date, title, built-in id confirmed or moved) merged
/// on top of the shared built-in one.
fn holidays_over(rows: &[(NaiveDate, String, Option<String>)]) -> Holidays {
    let official_table = &*OFFICIAL;
    let suppressed: HashSet<&str> = rows.iter().filter_map(|r| r.2.as_deref()).collect();
    // The days whose title can differ from the built-in table's: a suppressed built-in's day
    // and a stored row's day. Each is rebuilt as the whole merge would: built-ins first (by
    // date then id), then stored rows in the order read.
    let mut stored_on: BTreeMap<NaiveDate, Vec<&str>> = BTreeMap::new();
    for (date, title, _) in rows {
        stored_on.entry(*date).or_default().push(title);
    }
    let mut touched: BTreeSet<NaiveDate> = stored_on.keys().copied().collect();
    touched.extend(
        suppressed
            .iter()
            .filter_map(|id| official_table.day_of.get(id).copied()),
    );
    let mut overlay: BTreeMap<NaiveDate, Option<String>> = BTreeMap::new();
    for date in touched {
        let mut day = None;
        for b in official::between(date, date) {
            if !suppressed.contains(b.id.as_str()) {
                join_title(&mut day, b.title_fa);
            }
        }
        for title in stored_on.get(&date).into_iter().flatten() {
            join_title(&mut day, title);
        }
        overlay.insert(date, day);
    }
    Holidays::new(official_table.days.clone(), overlay)
}

/// Provisional built-in ids a stored row confirms or moves (those days are the stored ones now).
pub fn suppressed_builtins(conn: &mut DbConnection) -> ApiResult<HashSet<String>> {
    let ids: Vec<Option<String>> = holidays::table
        .filter(holidays::builtin_id.is_not_null())
        .select(holidays::builtin_id)
        .load(conn)?;
    Ok(ids.into_iter().flatten().collect())
}

/// Recomputes and stores the clocks of the given requests.
pub fn recompute(
    conn: &mut DbConnection,
    config: &Config,
    cal: &Calendar,
    ids: &[String],
    now: NaiveDateTime,
) -> ApiResult<()> {
    for chunk in ids.chunks(500) {
        let heads: Vec<(String, String, RequestStatus, NaiveDateTime)> = requests::table
            .filter(requests::id.eq_any(chunk))
            .select((
                requests::id,
                requests::organisation_id,
                requests::status,
                requests::created_at,
            ))
            .load(conn)?;
        let steps: Vec<(String, RequestStatus, NaiveDateTime)> = request_history::table
            .filter(request_history::request_id.eq_any(chunk))
            .order((request_history::request_id, request_history::seq))
            .select((
                request_history::request_id,
                request_history::to_status,
                request_history::at,
            ))
            .load(conn)?;
        let mut histories: HashMap<String, Vec<Transition>> = HashMap::new();
        for (id, to, at) in steps {
            histories.entry(id).or_default().push(Transition { to, at });
        }
        for (id, organisation_id, status, created_at) in heads {
            let history = histories.remove(&id).unwrap_or_default();
            let summary = clock::summarise(&history, cal, &config.sla, now);
            store(
                conn,
                SlaRow::from_summary(id, organisation_id, status, created_at, summary, now),
            )?;
        }
    }
    Ok(())
}

impl SlaRow {
    pub fn from_summary(
        request_id: String,
        organisation_id: String,
        status: RequestStatus,
        created_at: NaiveDateTime,
        s: Summary,
        now: NaiveDateTime,
    ) -> Self {
        SlaRow {
            request_id,
            organisation_id,
            status,
            created_at,
            stage: s.stage,
            clock: s.clock,
            clock_since: s.clock_since,
            used_days: s.used_days,
            due_at: s.due_at,
            decision_cd: s.decision_cd,
            police_cd: s.police_cd,
            registration_cd: s.registration_cd,
            computed_at: now,
        }
    }
}

fn store(conn: &mut DbConnection, row: SlaRow) -> ApiResult<()> {
    // Looked up first: diesel prepares every UPDATE afresh (its SQL is never cached), and a
    // new filing, whose row does not exist yet, needs only the (cached) insert.
    let exists: i64 = request_sla::table
        .find(&row.request_id)
        .count()
        .get_result(conn)?;
    if exists > 0 {
        diesel::update(request_sla::table.find(&row.request_id))
            .set(&row)
            .execute(conn)?;
    } else {
        diesel::insert_into(request_sla::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}

/// Recomputes one request's clocks (after a transition, inside its transaction).
pub fn refresh(
    conn: &mut DbConnection,
    config: &Config,
    request_id: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let cal = calendar(conn, config)?;
    // One request: statements diesel keeps prepared (an `IN` list's SQL varies with its length).
    let (id, organisation_id, status, created_at): (String, String, RequestStatus, NaiveDateTime) =
        requests::table
            .find(request_id)
            .select((
                requests::id,
                requests::organisation_id,
                requests::status,
                requests::created_at,
            ))
            .first(conn)?;
    let history: Vec<Transition> = request_history::table
        .filter(request_history::request_id.eq(request_id))
        .order(request_history::seq)
        .select((request_history::to_status, request_history::at))
        .load::<(RequestStatus, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(to, at)| Transition { to, at })
        .collect();
    let summary = clock::summarise(&history, &cal, &config.sla, now);
    store(
        conn,
        SlaRow::from_summary(id, organisation_id, status, created_at, summary, now),
    )
}

/// After a holiday on `date` was added or removed: see [`recompute_since`].
pub fn recompute_for_holiday(
    conn: &mut DbConnection,
    config: &Config,
    date: NaiveDate,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    recompute_since(conn, config, date, now)
}

/// After the calendar changed from `first_day` on (a holiday added or removed, a working rule
/// created, changed or deleted), the requests whose stored clock can change: running clocks
/// due on or after that day (their deadline moves), and requests that changed status since
/// that day (a finished or paused stage may have spanned it). A running clock due before the
/// day keeps its deadline; its elapsed time is computed when read. Returns how many requests
/// were recomputed.
pub fn recompute_since(
    conn: &mut DbConnection,
    config: &Config,
    first_day: NaiveDate,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let cal = calendar(conn, config)?;
    // The first day's first instant in the service's time zone.
    let since = config.zone().day_start_utc(first_day);
    let mut ids: Vec<String> = request_sla::table
        .filter(request_sla::clock.eq(ClockState::Running))
        .filter(request_sla::due_at.ge(since))
        .select(request_sla::request_id)
        .load(conn)?;
    let touched: Vec<String> = requests::table
        .filter(requests::status_changed_at.ge(since))
        .select(requests::id)
        .load(conn)?;
    ids.extend(touched);
    ids.sort();
    ids.dedup();
    recompute(conn, config, &cal, &ids, now)?;
    Ok(ids.len())
}

const FINGERPRINT_KEY: &str = "sla_calendar";

/// What the stored clocks were computed with, besides the holiday table.
fn fingerprint(config: &Config) -> String {
    let (open, close) = config.sla.office_hours.to_string_pair();
    let weekend: Vec<String> = config
        .sla
        .weekend_days
        .0
        .iter()
        .map(|d| d.to_string())
        .collect();
    format!(
        "tz={};weekend={};hours={open}-{close};budgets={},{},{};police={};counting=days;data={}",
        config.service_timezone,
        weekend.join(","),
        config.sla.decision_days,
        config.sla.police_days,
        config.sla.registration_days,
        config.sla.police_calendar,
        crate::sla::rules::builtin::DATA_VERSION,
    )
}

/// At start-up: computes clocks missing for any request, and recomputes the open ones when
/// the calendar settings or budgets changed since they were stored (finished stages keep the
/// rules they were measured under). Returns how many requests were recomputed.
pub fn reconcile(conn: &mut DbConnection, config: &Config, now: NaiveDateTime) -> ApiResult<usize> {
    crate::db::write_tx(conn, |c| {
        // The calendar's version row exists from the first start on, so that a change later
        // only ever updates it.
        if crate::sla::calendar_version::current(c)?.is_empty() {
            crate::sla::calendar_version::changed(c)?;
        }
        let cal = calendar(c, config)?;
        let mut ids: Vec<String> = requests::table
            .left_join(request_sla::table)
            .filter(request_sla::request_id.is_null())
            .select(requests::id)
            .load(c)?;
        let want = fingerprint(config);
        let stored: Option<String> = service_settings::table
            .find(FINGERPRINT_KEY)
            .select(service_settings::value)
            .first(c)
            .optional()?;
        if stored.as_deref() != Some(want.as_str()) {
            let open: Vec<String> = request_sla::table
                .filter(request_sla::clock.eq_any([ClockState::Running, ClockState::Paused]))
                .select(request_sla::request_id)
                .load(c)?;
            ids.extend(open);
            let updated = diesel::update(service_settings::table.find(FINGERPRINT_KEY))
                .set(service_settings::value.eq(&want))
                .execute(c)?;
            if updated == 0 {
                diesel::insert_into(service_settings::table)
                    .values((
                        service_settings::key.eq(FINGERPRINT_KEY),
                        service_settings::value.eq(&want),
                    ))
                    .execute(c)?;
            }
        }
        ids.sort();
        ids.dedup();
        recompute(c, config, &cal, &ids, now)?;
        Ok(ids.len())
    })
}

/// A request's transitions, oldest first, as the clocks read them.
pub fn transitions(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<Transition>> {
    Ok(request_history::table
        .filter(request_history::request_id.eq(request_id))
        .order(request_history::seq)
        .select((request_history::to_status, request_history::at))
        .load::<(RequestStatus, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(to, at)| Transition { to, at })
        .collect())
}

/// The stored clocks of some requests, by request id.
pub fn rows_for(conn: &mut DbConnection, ids: &[String]) -> ApiResult<HashMap<String, SlaRow>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<SlaRow> = request_sla::table
            .filter(request_sla::request_id.eq_any(chunk))
            .select(SlaRow::as_select())
            .load(conn)?;
        out.extend(rows.into_iter().map(|r| (r.request_id.clone(), r)));
    }
    Ok(out)
}

/// One request's stored clock row. (A query diesel can keep prepared, unlike [`rows_for`]'s
/// `IN` list, whose SQL changes with the number of ids.)
pub fn row_for(conn: &mut DbConnection, id: &str) -> ApiResult<Option<SlaRow>> {
    Ok(request_sla::table
        .filter(request_sla::request_id.eq(id))
        .select(SlaRow::as_select())
        .first(conn)
        .optional()?)
}

/// A request's clock row: the stored one, or one summarised from its history now, should the
/// row be missing (start-up reconciliation fills such gaps).
pub fn stored_or_summarised(
    conn: &mut DbConnection,
    config: &Config,
    cal: &Calendar,
    stored: Option<SlaRow>,
    request_id: &str,
    now: NaiveDateTime,
) -> ApiResult<SlaRow> {
    Ok(match stored {
        Some(r) => r,
        None => {
            let request = request_head(conn, request_id)?;
            let history = transitions(conn, &request.id)?;
            SlaRow::from_summary(
                request.id,
                request.organisation_id,
                request.status,
                request.created_at,
                clock::summarise(&history, cal, &config.sla, now),
                now,
            )
        }
    })
}

/// The columns of a request the clocks need.
pub fn request_head(conn: &mut DbConnection, id: &str) -> ApiResult<RequestHead> {
    Ok(requests::table
        .find(id)
        .select(RequestHead::as_select())
        .first(conn)?)
}

/// A request `scope` may read (404 otherwise), with the columns the clocks need. Two static
/// queries rather than one boxed query: diesel keeps each prepared by its type, without
/// building its SQL text on every call to find it.
pub fn visible_request(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<RequestHead> {
    let q = requests::table
        .filter(requests::id.eq(id))
        .select(RequestHead::as_select());
    Ok(match scope.organisation() {
        Some(org) => q.filter(requests::organisation_id.eq(org)).first(conn)?,
        None => q.first(conn)?,
    })
}

/// Requests whose clock runs past its deadline at `at`.
pub fn overdue_count(conn: &mut DbConnection, at: NaiveDateTime) -> ApiResult<i64> {
    Ok(request_sla::table
        .filter(request_sla::clock.eq(ClockState::Running))
        .filter(request_sla::due_at.lt(at))
        .count()
        .get_result(conn)?)
}

// Holidays.

/// Stored holidays in the query's range from its cursor's day, earliest first; one page and
/// one more at most (the merge with built-in days cuts the page).
pub fn holidays_page(conn: &mut DbConnection, q: &HolidayQuery) -> ApiResult<Vec<HolidayRow>> {
    let from = match &q.after {
        Some((d, _)) => q.from.max(*d),
        None => q.from,
    };
    Ok(holidays::table
        .select(HolidayRow::as_select())
        .filter(holidays::date.ge(from))
        .filter(holidays::date.le(q.to))
        .order((holidays::date.asc(), holidays::id.asc()))
        // Dates are unique: at most one row on the cursor's day is already seen.
        .limit(q.limit + 2)
        .load(conn)?)
}

/// The stored holiday on a day, if any (dates are unique).
pub fn stored_on(conn: &mut DbConnection, date: NaiveDate) -> ApiResult<Option<HolidayRow>> {
    Ok(holidays::table
        .filter(holidays::date.eq(date))
        .select(HolidayRow::as_select())
        .first(conn)
        .optional()?)
}

/// The stored row confirming a provisional built-in holiday, if any.
pub fn confirming(conn: &mut DbConnection, builtin_id: &str) -> ApiResult<Option<HolidayRow>> {
    Ok(holidays::table
        .filter(holidays::builtin_id.eq(builtin_id))
        .select(HolidayRow::as_select())
        .first(conn)
        .optional()?)
}

/// Moves or retitles a stored row, and sets what it is.
pub fn update_holiday(conn: &mut DbConnection, row: &HolidayRow) -> ApiResult<()> {
    diesel::update(holidays::table.find(&row.id))
        .set((
            holidays::date.eq(row.date),
            holidays::title.eq(&row.title),
            holidays::source.eq(&row.source),
            holidays::builtin_id.eq(&row.builtin_id),
        ))
        .execute(conn)?;
    crate::sla::calendar_version::changed(conn)
}

pub fn insert_holiday(conn: &mut DbConnection, row: &HolidayRow) -> ApiResult<()> {
    diesel::insert_into(holidays::table)
        .values(row)
        .execute(conn)?;
    crate::sla::calendar_version::changed(conn)
}

pub fn holiday(conn: &mut DbConnection, id: &str) -> ApiResult<HolidayRow> {
    Ok(holidays::table
        .find(id)
        .select(HolidayRow::as_select())
        .first(conn)?)
}

pub fn delete_holiday(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    diesel::delete(holidays::table.find(id)).execute(conn)?;
    crate::sla::calendar_version::changed(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The merge as it was before the built-in table was shared: every built-in not
    /// suppressed, then every stored row, into one map.
    fn whole_merge(rows: &[(NaiveDate, String, Option<String>)]) -> BTreeMap<NaiveDate, String> {
        let suppressed: HashSet<&str> = rows.iter().filter_map(|r| r.2.as_deref()).collect();
        let mut map: BTreeMap<NaiveDate, Option<String>> = BTreeMap::new();
        for b in official::all() {
            if !suppressed.contains(b.id.as_str()) {
                join_title(map.entry(b.date).or_default(), b.title_fa);
            }
        }
        for (date, title, _) in rows {
            join_title(map.entry(*date).or_default(), title);
        }
        map.into_iter()
            .filter_map(|(d, t)| t.map(|t| (d, t)))
            .collect()
    }

    #[test]
    fn shared_table_with_overlay_equals_the_whole_merge() {
        let all = official::all();
        let provisional: Vec<&official::Builtin> = all
            .iter()
            .filter(|b| b.source == official::BuiltinSource::Provisional)
            .collect();
        let fixed = all
            .iter()
            .find(|b| b.source == official::BuiltinSource::Fixed)
            .expect("a fixed day");
        let moved = provisional[3];
        let day = |d: NaiveDate, n: i64| d + chrono::Duration::days(n);
        let rows = vec![
            // A provisional day confirmed where it is.
            (
                provisional[0].date,
                provisional[0].title_fa.to_owned(),
                Some(provisional[0].id.clone()),
            ),
            // A provisional day moved a day later.
            (
                day(moved.date, 1),
                moved.title_fa.to_owned(),
                Some(moved.id.clone()),
            ),
            // A provisional day moved onto a fixed one.
            (
                fixed.date,
                provisional[5].title_fa.to_owned(),
                Some(provisional[5].id.clone()),
            ),
            // An extra day on no built-in, and one with a title a built-in already has.
            (day(fixed.date, 40), "تعطیلی استانی".to_owned(), None),
            (
                day(provisional[8].date, 0),
                provisional[8].title_fa.to_owned(),
                None,
            ),
            // An id that names no built-in.
            (
                day(fixed.date, 41),
                "تعطیلی دیگر".to_owned(),
                Some("p-0000-01-01".into()),
            ),
        ];
        let want = whole_merge(&rows);
        let got = holidays_over(&rows);
        let first = all[0].date;
        let last = day(all[all.len() - 1].date, 1);
        let mut d = day(first, -1);
        let mut checked = 0;
        while d <= last {
            assert_eq!(got.get(d), want.get(&d).map(String::as_str), "{d}");
            checked += 1;
            d = day(d, 1);
        }
        assert!(checked > 20_000);
        // Nothing stored: the shared table itself.
        let want = whole_merge(&[]);
        let got = holidays_over(&[]);
        for (d, t) in &want {
            assert_eq!(got.get(*d), Some(t.as_str()));
        }
        assert!(want.len() > 1_000);
    }
}
