//! Working rules: the kinds, the stored row, the checked rule the calendar reads, the wire
//! inputs (creating and editing share one checker) and the list filter.

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::working_rules;
use crate::domain::jalali::parse_date;
use crate::domain::party::{AppliesTo, Parties, Party};
use crate::domain::text::ascii_digit;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::pagination::{Page, PageParams};
use crate::http::query_date;
use crate::validate::Issues;

crate::vocabulary! {
    /// What a rule decides on the days it is in force.
    pub enum RuleKind {
        /// The weekend days (replaces `WEEKEND_DAYS`), e.g. Thursday and Friday.
        Weekend => "weekend",
        /// Office hours (replaces `OFFICE_HOURS`), optionally on some weekdays only.
        OfficeHours => "office_hours",
        /// The province's offices closed, the whole day or part of it.
        Closure => "closure",
    }
}

impl RuleKind {
    pub fn label_fa(self) -> &'static str {
        match self {
            RuleKind::Weekend => "تعطیلی هفتگی",
            RuleKind::OfficeHours => "ساعت کار اداری",
            RuleKind::Closure => "تعطیلی اعلام‌شده",
        }
    }
}

/// The rule that made a day non-working or shortened it, as explanations name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RuleRef {
    pub id: String,
    pub kind: RuleKind,
    #[schema(example = "تعطیلی پنجشنبه‌ها")]
    pub title: String,
}

/// Minutes after local midnight, `0..=1440` (`1440` is `24:00`, the end of the day).
pub type Minute = u32;

pub const END_OF_DAY: Minute = 24 * 60;

/// What a rule says, by kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleBody {
    Weekend {
        weekdays: Vec<Weekday>,
    },
    OfficeHours {
        opens: Minute,
        closes: Minute,
        /// Only these weekdays; `None` for every day.
        weekdays: Option<Vec<Weekday>>,
    },
    /// Closed over `[from, to)`; both absent is the whole day.
    Closure {
        from: Option<Minute>,
        to: Option<Minute>,
    },
}

/// A rule as the calendar reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarRule {
    pub id: String,
    pub title: String,
    pub effective_from: NaiveDate,
    /// Inclusive; `None` is open-ended.
    pub effective_to: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub body: RuleBody,
    /// The calendars it applies to.
    pub applies: Parties,
    /// Built into the release (`src/sla/rules/builtin.rs`), not stored: every stored rule
    /// takes precedence over every built-in one.
    pub builtin: bool,
}

impl CalendarRule {
    /// Whether the rule counts on `party`'s calendar.
    pub fn applies_to(&self, party: Party) -> bool {
        self.applies.contains(party)
    }

    pub fn kind(&self) -> RuleKind {
        match self.body {
            RuleBody::Weekend { .. } => RuleKind::Weekend,
            RuleBody::OfficeHours { .. } => RuleKind::OfficeHours,
            RuleBody::Closure { .. } => RuleKind::Closure,
        }
    }

    /// Whether the rule's date range covers `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_to.is_none_or(|to| date <= to)
    }

    /// Whether the rule's date range meets `[from, to]`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.effective_from <= to && self.effective_to.is_none_or(|end| from <= end)
    }

    pub fn reference(&self) -> RuleRef {
        RuleRef {
            id: self.id.clone(),
            kind: self.kind(),
            title: self.title.clone(),
        }
    }

    /// Precedence among rules of one kind: a stored rule before a built-in one, then the
    /// latest `effective_from`, then the latest created (then the id, to be total).
    pub fn precedence(&self) -> (bool, NaiveDate, NaiveDateTime, &str) {
        (
            !self.builtin,
            self.effective_from,
            self.created_at,
            &self.id,
        )
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = working_rules)]
pub struct WorkingRuleRow {
    pub id: String,
    pub kind: RuleKind,
    pub title: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    /// English lowercase names, comma separated.
    pub weekdays: Option<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub from_time: Option<String>,
    pub to_time: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
    pub applies_to: AppliesTo,
}

impl TryFrom<&WorkingRuleRow> for CalendarRule {
    type Error = ApiError;

    fn try_from(r: &WorkingRuleRow) -> ApiResult<Self> {
        let bad = || ApiError::internal(format!("working rule {} is malformed", r.id));
        let time = |v: &Option<String>| -> ApiResult<Option<Minute>> {
            v.as_deref()
                .map(|t| parse_minute(t).ok_or_else(bad))
                .transpose()
        };
        let days = |v: &Option<String>| -> ApiResult<Option<Vec<Weekday>>> {
            v.as_deref()
                .map(|s| {
                    s.split(',')
                        .map(|d| d.parse::<Weekday>().map_err(|_| bad()))
                        .collect()
                })
                .transpose()
        };
        let body = match r.kind {
            RuleKind::Weekend => RuleBody::Weekend {
                weekdays: days(&r.weekdays)?.unwrap_or_default(),
            },
            RuleKind::OfficeHours => RuleBody::OfficeHours {
                opens: time(&r.opens)?.ok_or_else(bad)?,
                closes: time(&r.closes)?.ok_or_else(bad)?,
                weekdays: days(&r.weekdays)?,
            },
            RuleKind::Closure => RuleBody::Closure {
                from: time(&r.from_time)?,
                to: time(&r.to_time)?,
            },
        };
        Ok(CalendarRule {
            id: r.id.clone(),
            title: r.title.clone(),
            effective_from: r.effective_from,
            effective_to: r.effective_to,
            created_at: r.created_at,
            body,
            applies: r.applies_to.parties(),
            builtin: false,
        })
    }
}

// ---- Times and weekdays ----------------------------------------------------------------------

/// `HH:MM` (Persian digits accepted) from `00:00` to `24:00`.
pub fn parse_minute(s: &str) -> Option<Minute> {
    let s: String = s.trim().chars().map(ascii_digit).collect();
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// `07:30`; `1440` is `24:00`.
pub fn format_minute(m: Minute) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `thursday`.
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// The Persian name of a stored weekday (`thursday` → پنجشنبه); the stored text otherwise.
pub fn weekday_fa(name: &str) -> &'static str {
    match name.parse::<Weekday>() {
        Ok(Weekday::Sat) => "شنبه",
        Ok(Weekday::Sun) => "یکشنبه",
        Ok(Weekday::Mon) => "دوشنبه",
        Ok(Weekday::Tue) => "سه‌شنبه",
        Ok(Weekday::Wed) => "چهارشنبه",
        Ok(Weekday::Thu) => "پنجشنبه",
        Ok(Weekday::Fri) => "جمعه",
        Err(_) => "نامعلوم",
    }
}

/// A weekday by its English (`thursday`, `thu`) or Persian name (پنجشنبه, پنج‌شنبه, پنج شنبه;
/// Arabic letter forms and Persian digits do not matter).
pub fn parse_weekday(name: &str) -> Option<Weekday> {
    if let Ok(d) = name.trim().to_lowercase().parse::<Weekday>() {
        return Some(d);
    }
    let key: String = crate::domain::text::search_key(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(match key.as_str() {
        "شنبه" => Weekday::Sat,
        "یکشنبه" | "1شنبه" => Weekday::Sun,
        "دوشنبه" | "2شنبه" => Weekday::Mon,
        "سهشنبه" | "3شنبه" => Weekday::Tue,
        "چهارشنبه" | "4شنبه" => Weekday::Wed,
        "پنجشنبه" | "5شنبه" => Weekday::Thu,
        "جمعه" | "آدینه" => Weekday::Fri,
        _ => return None,
    })
}

fn join_weekdays(days: &[Weekday]) -> String {
    days.iter()
        .map(|d| weekday_name(*d))
        .collect::<Vec<_>>()
        .join(",")
}

// ---- Wire inputs -----------------------------------------------------------------------------

/// A new working rule. Which fields apply depends on `kind`:
/// `weekend` needs `weekdays`; `office_hours` needs `opens` and `closes` and may restrict them
/// to some `weekdays`; `closure` is the whole day without `from_time`/`to_time`, or the part of
/// the day from `from_time` (default `00:00`) to `to_time` (default `24:00`). A field that does
/// not apply to the kind is refused.
#[derive(Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
// Not `NewWorkingRule`: generated clients (Go) name their constructors `New<Schema>`.
#[schema(as = WorkingRuleInput)]
pub struct NewWorkingRule {
    /// `weekend`, `office_hours` or `closure`.
    #[schema(value_type = RuleKind, example = "weekend")]
    pub kind: String,
    /// 2–200 characters, shown in SLA explanations.
    #[schema(example = "تعطیلی پنجشنبه‌ها")]
    pub title: String,
    /// First day in force: ISO `2026-06-22` or Jalali `1405/04/01` (Persian digits accepted).
    #[schema(example = "1405/04/01")]
    pub effective_from: String,
    /// Last day in force (inclusive); absent or `null` for open-ended.
    #[schema(example = "1405/06/31")]
    pub effective_to: Option<String>,
    /// English weekday names (`thursday` or `thu`).
    #[schema(example = json!(["thursday", "friday"]))]
    pub weekdays: Option<Vec<String>>,
    /// `office_hours`: opening, `HH:MM`.
    #[schema(example = "06:00")]
    pub opens: Option<String>,
    /// `office_hours`: closing, `HH:MM` (up to `24:00`), after `opens`.
    #[schema(example = "13:00")]
    pub closes: Option<String>,
    /// `closure`: closed from this time (`HH:MM`).
    #[schema(example = "11:00")]
    pub from_time: Option<String>,
    /// `closure`: closed until this time (`HH:MM`, up to `24:00`).
    #[schema(example = "10:00")]
    pub to_time: Option<String>,
    /// Whose calendar the rule changes: `directorate`, `agencies`, `police` or `all`
    /// (default). A Thursday closure of executive bodies is not the police's, for instance.
    #[schema(value_type = Option<AppliesTo>, example = "all")]
    pub applies_to: Option<String>,
}

/// Changes to a working rule (its kind cannot change). `null` clears `effective_to` (open-ended),
/// `weekdays`, `from_time` and `to_time`. The rule as changed is checked as a new one would be.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkingRule {
    pub title: Option<String>,
    pub effective_from: Option<String>,
    #[serde(default, deserialize_with = "with_null::deserialize")]
    #[schema(value_type = Option<String>)]
    pub effective_to: Option<Option<String>>,
    #[serde(default, deserialize_with = "with_null::deserialize")]
    #[schema(value_type = Option<Vec<String>>)]
    pub weekdays: Option<Option<Vec<String>>>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    #[serde(default, deserialize_with = "with_null::deserialize")]
    #[schema(value_type = Option<String>)]
    pub from_time: Option<Option<String>>,
    #[serde(default, deserialize_with = "with_null::deserialize")]
    #[schema(value_type = Option<String>)]
    pub to_time: Option<Option<String>>,
    #[schema(value_type = Option<AppliesTo>)]
    pub applies_to: Option<String>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
mod with_null {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }
}

impl NewWorkingRule {
    /// The stored rule with `edit` applied, in wire form, to be checked again as a whole.
    pub fn merged(row: &WorkingRuleRow, edit: UpdateWorkingRule) -> Self {
        let pick = |e: Option<Option<String>>, cur: &Option<String>| match e {
            Some(v) => v,
            None => cur.clone(),
        };
        NewWorkingRule {
            kind: row.kind.as_str().to_owned(),
            title: edit.title.unwrap_or_else(|| row.title.clone()),
            effective_from: edit
                .effective_from
                .unwrap_or_else(|| row.effective_from.to_string()),
            effective_to: pick(edit.effective_to, &row.effective_to.map(|d| d.to_string())),
            weekdays: match edit.weekdays {
                Some(v) => v,
                None => row
                    .weekdays
                    .as_deref()
                    .map(|s| s.split(',').map(str::to_owned).collect()),
            },
            opens: edit.opens.or_else(|| row.opens.clone()),
            closes: edit.closes.or_else(|| row.closes.clone()),
            from_time: pick(edit.from_time, &row.from_time),
            to_time: pick(edit.to_time, &row.to_time),
            applies_to: Some(
                edit.applies_to
                    .unwrap_or_else(|| row.applies_to.as_str().to_owned()),
            ),
        }
    }
}

// ---- Checked input ---------------------------------------------------------------------------

/// A working rule's content, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSpec {
    pub title: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub body: RuleBody,
    pub applies_to: AppliesTo,
}

impl RuleSpec {
    pub fn kind(&self) -> RuleKind {
        match self.body {
            RuleBody::Weekend { .. } => RuleKind::Weekend,
            RuleBody::OfficeHours { .. } => RuleKind::OfficeHours,
            RuleBody::Closure { .. } => RuleKind::Closure,
        }
    }

    /// The stored columns `(weekdays, opens, closes, from_time, to_time)`.
    #[allow(clippy::type_complexity)]
    pub fn columns(
        &self,
    ) -> (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        match &self.body {
            RuleBody::Weekend { weekdays } => {
                (Some(join_weekdays(weekdays)), None, None, None, None)
            }
            RuleBody::OfficeHours {
                opens,
                closes,
                weekdays,
            } => (
                weekdays.as_deref().map(join_weekdays),
                Some(format_minute(*opens)),
                Some(format_minute(*closes)),
                None,
                None,
            ),
            RuleBody::Closure { from, to } => (
                None,
                None,
                None,
                from.map(format_minute),
                to.map(format_minute),
            ),
        }
    }
}

fn not_allowed(issues: &mut Issues, field: &str, kind: RuleKind) {
    issues.push(FieldIssue::new(
        field,
        "not_allowed",
        format!("این فیلد در قاعدهٔ «{}» به کار نمی‌رود.", kind.label_fa()),
        format!("This field does not apply to {kind} rules."),
    ));
}

fn date_field(issues: &mut Issues, field: &str, value: &str) -> Option<NaiveDate> {
    let date = parse_date(value).ok();
    if date.is_none() {
        issues.push(FieldIssue::new(
            field,
            "invalid_date",
            "تاریخ باید به شکل ۱۴۰۵/۰۴/۰۱ یا 2026-06-22 و روزی موجود باشد.",
            "The date must look like 1405/04/01 or 2026-06-22 and exist.",
        ));
    }
    date
}

fn time_field(issues: &mut Issues, field: &str, value: Option<&str>) -> Option<Minute> {
    let v = value?;
    let m = parse_minute(v);
    if m.is_none() {
        issues.push(FieldIssue::new(
            field,
            "invalid_time",
            "ساعت باید به شکل ۰۷:۳۰ و میان ۰۰:۰۰ تا ۲۴:۰۰ باشد.",
            "The time must look like 07:30 and lie between 00:00 and 24:00.",
        ));
    }
    m
}

fn weekdays_field(issues: &mut Issues, value: Option<&[String]>) -> Option<Vec<Weekday>> {
    let list = value?;
    let mut out = Vec::new();
    let mut bad = false;
    for name in list {
        match parse_weekday(name) {
            Some(d) if !out.contains(&d) => out.push(d),
            Some(_) => {}
            None => bad = true,
        }
    }
    if bad {
        issues.push(FieldIssue::new(
            "weekdays",
            "invalid_weekday",
            "روزهای هفته باید با نام فارسی یا انگلیسی روز آمده باشند، مانند پنجشنبه.",
            "Weekdays must be day names in Persian or English, e.g. thursday or پنجشنبه.",
        ));
        return None;
    }
    if out.is_empty() {
        issues.push(FieldIssue::required("weekdays"));
        return None;
    }
    Some(out)
}

fn kind_field(issues: &mut Issues, value: &str) -> Option<RuleKind> {
    let kind = value.trim().parse::<RuleKind>().ok();
    if kind.is_none() {
        issues.push(FieldIssue::new(
            "kind",
            "invalid_kind",
            "نوع قاعده باید تعطیلی هفتگی، ساعت کار اداری یا تعطیلی اعلام‌شده باشد.",
            "kind must be weekend, office_hours or closure.",
        ));
    }
    kind
}

/// `effective_from` and the optional `effective_to`, which must not come before it.
fn period_fields(
    issues: &mut Issues,
    i: &NewWorkingRule,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = date_field(issues, "effective_from", &i.effective_from);
    let to = i
        .effective_to
        .as_deref()
        .and_then(|v| date_field(issues, "effective_to", v));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            issues.push(FieldIssue::new(
                "effective_to",
                "before_start",
                "پایان اعتبار نمی‌تواند پیش از آغاز آن باشد.",
                "effective_to cannot be before effective_from.",
            ));
        }
    }
    (from, to)
}

/// `applies_to`, `all` when absent.
fn applies_to_field(issues: &mut Issues, value: Option<&str>) -> Option<AppliesTo> {
    let Some(v) = value.map(str::trim) else {
        return Some(AppliesTo::All);
    };
    let parsed = v.parse::<AppliesTo>().ok();
    if parsed.is_none() {
        issues.push(FieldIssue::new(
            "applies_to",
            "invalid_applies_to",
            "«applies_to» باید یکی از directorate، agencies، police یا all باشد.",
            "applies_to must be directorate, agencies, police or all.",
        ));
    }
    parsed
}

/// Flags each present field that a rule of `kind` does not take.
fn refuse_fields(issues: &mut Issues, kind: RuleKind, fields: &[(&str, bool)]) {
    for (field, present) in fields {
        if *present {
            not_allowed(issues, field, kind);
        }
    }
}

/// The parsed optional fields of a new rule, before its kind decides which it takes.
struct RuleFields {
    weekdays: Option<Vec<Weekday>>,
    opens: Option<Minute>,
    closes: Option<Minute>,
    from_time: Option<Minute>,
    to_time: Option<Minute>,
}

impl RuleFields {
    fn parse(issues: &mut Issues, i: &NewWorkingRule) -> Self {
        RuleFields {
            weekdays: weekdays_field(issues, i.weekdays.as_deref()),
            opens: time_field(issues, "opens", i.opens.as_deref()),
            closes: time_field(issues, "closes", i.closes.as_deref()),
            from_time: time_field(issues, "from_time", i.from_time.as_deref()),
            to_time: time_field(issues, "to_time", i.to_time.as_deref()),
        }
    }
}

fn weekend_body(issues: &mut Issues, i: &NewWorkingRule, f: RuleFields) -> Option<RuleBody> {
    refuse_fields(
        issues,
        RuleKind::Weekend,
        &[
            ("opens", i.opens.is_some()),
            ("closes", i.closes.is_some()),
            ("from_time", i.from_time.is_some()),
            ("to_time", i.to_time.is_some()),
        ],
    );
    if i.weekdays.is_none() {
        issues.push(FieldIssue::required("weekdays"));
    }
    if f.weekdays.as_ref().is_some_and(|w| w.len() >= 7) {
        issues.push(FieldIssue::new(
            "weekdays",
            "all_days",
            "دست‌کم یک روز هفته باید کاری بماند.",
            "At least one day of the week must stay a working day.",
        ));
    }
    f.weekdays.map(|weekdays| RuleBody::Weekend { weekdays })
}

fn office_hours_body(issues: &mut Issues, i: &NewWorkingRule, f: RuleFields) -> Option<RuleBody> {
    refuse_fields(
        issues,
        RuleKind::OfficeHours,
        &[
            ("from_time", i.from_time.is_some()),
            ("to_time", i.to_time.is_some()),
        ],
    );
    for (field, present) in [("opens", i.opens.is_some()), ("closes", i.closes.is_some())] {
        if !present {
            issues.push(FieldIssue::required(field));
        }
    }
    let (Some(opens), Some(closes)) = (f.opens, f.closes) else {
        return None;
    };
    if closes <= opens {
        issues.push(FieldIssue::new(
            "closes",
            "before_opens",
            "ساعت پایان کار باید پس از ساعت آغاز آن باشد.",
            "closes must be after opens.",
        ));
    }
    Some(RuleBody::OfficeHours {
        opens,
        closes,
        weekdays: f.weekdays,
    })
}

fn closure_body(issues: &mut Issues, i: &NewWorkingRule, f: RuleFields) -> Option<RuleBody> {
    refuse_fields(
        issues,
        RuleKind::Closure,
        &[
            ("weekdays", i.weekdays.is_some()),
            ("opens", i.opens.is_some()),
            ("closes", i.closes.is_some()),
        ],
    );
    if let (Some(from), Some(to)) = (f.from_time, f.to_time) {
        if to <= from {
            issues.push(FieldIssue::new(
                "to_time",
                "before_start",
                "پایان تعطیلی باید پس از آغاز آن باشد.",
                "to_time must be after from_time.",
            ));
        }
    }
    Some(RuleBody::Closure {
        from: f.from_time,
        to: f.to_time,
    })
}

impl TryFrom<NewWorkingRule> for RuleSpec {
    type Error = ApiError;

    /// Checks every field (all problems reported at once, in the fields' order) and builds the
    /// rule its kind describes.
    fn try_from(i: NewWorkingRule) -> ApiResult<Self> {
        let mut issues = Issues::new();
        let kind = kind_field(&mut issues, &i.kind);
        let title = issues.line("title", &i.title, 2, 200);
        let (from, to) = period_fields(&mut issues, &i);
        let applies_to = applies_to_field(&mut issues, i.applies_to.as_deref());
        let fields = RuleFields::parse(&mut issues, &i);
        let body = match kind {
            None => None,
            Some(RuleKind::Weekend) => weekend_body(&mut issues, &i, fields),
            Some(RuleKind::OfficeHours) => office_hours_body(&mut issues, &i, fields),
            Some(RuleKind::Closure) => closure_body(&mut issues, &i, fields),
        };
        issues.finish()?;
        match (from, body, applies_to) {
            (Some(effective_from), Some(body), Some(applies_to)) => Ok(RuleSpec {
                title,
                effective_from,
                effective_to: to,
                body,
                applies_to,
            }),
            _ => Err(ApiError::internal("working rule validated above")),
        }
    }
}

// ---- The list --------------------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleFilter {
    /// Only rules of this kind: `weekend`, `office_hours` or `closure`.
    pub kind: Option<String>,
    /// Only rules whose date range covers this date (ISO or Jalali).
    pub on: Option<String>,
}

/// A page of the rule list, checked.
#[derive(Clone, Debug)]
pub struct RuleQuery {
    pub kind: Option<RuleKind>,
    pub on: Option<NaiveDate>,
    pub page: Page,
}

impl RuleQuery {
    pub fn parse(filter: &RuleFilter, page: &PageParams) -> ApiResult<Self> {
        let page = page.page()?;
        let kind = filter
            .kind
            .as_deref()
            .map(|k| {
                k.parse::<RuleKind>().map_err(|_| {
                    ApiError::invalid_query("kind must be weekend, office_hours or closure")
                })
            })
            .transpose()?;
        let on = query_date("on", filter.on.as_deref())?;
        Ok(RuleQuery { kind, on, page })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_parse_in_english_and_persian() {
        for (name, want) in [
            ("thursday", Weekday::Thu),
            ("Thu", Weekday::Thu),
            ("پنجشنبه", Weekday::Thu),
            ("پنج‌شنبه", Weekday::Thu),
            ("پنج شنبه", Weekday::Thu),
            ("۵شنبه", Weekday::Thu),
            ("سه‌شنبه", Weekday::Tue),
            ("يكشنبه", Weekday::Sun),
            ("شنبه", Weekday::Sat),
            ("جمعه", Weekday::Fri),
        ] {
            assert_eq!(parse_weekday(name), Some(want), "{name}");
        }
        assert_eq!(parse_weekday("هشتم"), None);
        assert_eq!(parse_weekday(""), None);
        assert_eq!(weekday_fa("thursday"), "پنجشنبه");
    }

    fn input(kind: &str) -> NewWorkingRule {
        NewWorkingRule {
            kind: kind.into(),
            title: "قاعده".into(),
            effective_from: "1405/04/01".into(),
            effective_to: None,
            weekdays: None,
            opens: None,
            closes: None,
            from_time: None,
            to_time: None,
            applies_to: None,
        }
    }

    fn fields(e: ApiError) -> Vec<String> {
        e.field_errors().iter().map(|i| i.field.clone()).collect()
    }

    #[test]
    fn times_parse_with_persian_digits_up_to_midnight() {
        assert_eq!(parse_minute("07:30"), Some(450));
        assert_eq!(parse_minute("۰۶:۰۰"), Some(360));
        assert_eq!(parse_minute("24:00"), Some(END_OF_DAY));
        assert_eq!(parse_minute("24:01"), None);
        assert_eq!(parse_minute("25:00"), None);
        assert_eq!(parse_minute("7:3"), None);
        assert_eq!(format_minute(END_OF_DAY), "24:00");
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let mut i = input("office_hours");
        i.effective_to = Some("1405/03/01".into());
        i.opens = Some("13:00".into());
        i.closes = Some("06:00".into());
        i.to_time = Some("10:00".into());
        let err = RuleSpec::try_from(i).unwrap_err();
        assert_eq!(fields(err), ["effective_to", "to_time", "closes"]);
    }

    #[test]
    fn a_weekend_of_seven_days_is_refused() {
        let mut i = input("weekend");
        i.weekdays = Some(
            ["sat", "sun", "mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
        );
        assert_eq!(fields(RuleSpec::try_from(i).unwrap_err()), ["weekdays"]);
    }

    #[test]
    fn a_closure_without_times_is_the_whole_day() {
        let spec = RuleSpec::try_from(input("closure")).unwrap();
        assert_eq!(
            spec.body,
            RuleBody::Closure {
                from: None,
                to: None
            }
        );
        let mut i = input("closure");
        i.from_time = Some("11:00".into());
        i.to_time = Some("09:00".into());
        assert_eq!(fields(RuleSpec::try_from(i).unwrap_err()), ["to_time"]);
    }
}

// ---- Closures at short notice ----------------------------------------------------------------

/// A closure declared at short notice (the province's announcement of a closure for heat,
/// energy or pollution): today or tomorrow, the whole day or from a time.
#[derive(Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
// Not `NewClosure`: generated clients (Go) name their constructors `New<Schema>`.
#[schema(as = ClosureInput)]
pub struct NewClosure {
    /// Today or tomorrow in the service's time zone: ISO `2026-06-22` or Jalali `1405/04/01`.
    #[schema(example = "1405/04/01")]
    pub date: String,
    /// 2–200 characters: the announcement, shown in SLA explanations.
    #[schema(example = "تعطیلی ادارات استان به سبب گرمای هوا (اطلاعیهٔ استانداری)")]
    pub title: String,
    /// Closed from this time (`HH:MM`) to the end of the day; absent for the whole day.
    #[schema(example = "11:00")]
    pub from_time: Option<String>,
    /// Whose calendar closes: `directorate`, `agencies`, `police` or `all` (default).
    #[schema(value_type = Option<AppliesTo>, example = "all")]
    pub applies_to: Option<String>,
}

impl NewClosure {
    /// The closure as a working rule, checked; `today` is the service's day. 422 names every
    /// bad field (a date other than today or tomorrow is `not_today_or_tomorrow`).
    pub fn spec(self, today: NaiveDate) -> ApiResult<RuleSpec> {
        let date = parse_date(&self.date).ok();
        let rule = NewWorkingRule {
            kind: RuleKind::Closure.as_str().to_owned(),
            title: self.title,
            effective_from: self.date.clone(),
            effective_to: Some(self.date),
            weekdays: None,
            opens: None,
            closes: None,
            from_time: self.from_time,
            to_time: None,
            applies_to: self.applies_to,
        };
        let checked = RuleSpec::try_from(rule);
        let mut issues: Vec<FieldIssue> = Vec::new();
        let mut date_named = false;
        if let Err(e) = &checked {
            for issue in e.field_errors() {
                let mut issue = issue.clone();
                if issue.field == "effective_from" || issue.field == "effective_to" {
                    if date_named {
                        continue;
                    }
                    issue.field = "date".to_owned();
                    date_named = true;
                }
                issues.push(issue);
            }
        }
        let soon = date.is_some_and(|d| d == today || Some(d) == today.succ_opt());
        if date.is_some() && !soon {
            issues.insert(
                0,
                FieldIssue::new(
                    "date",
                    "not_today_or_tomorrow",
                    "تعطیلی فوری فقط برای امروز یا فردا اعلام می‌شود؛ برای روزهای دیگر قاعدهٔ کاری بیفزایید (POST /working-rules).",
                    "A closure at short notice is for today or tomorrow only; add a working rule for other days (POST /working-rules).",
                ),
            );
        }
        if issues.is_empty() {
            checked
        } else {
            Err(ApiError::validation(issues))
        }
    }
}
