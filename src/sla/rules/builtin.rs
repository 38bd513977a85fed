//! Built-in working rules: the working week and office hours of executive bodies as decided
//! by the cabinet and the law, with the source of each. They apply on a fresh install; every
//! stored rule (`/working-rules`) takes precedence over them, so an administrator corrects or
//! ends one by adding a rule of the same kind for the dates concerned.
//!
//! What was found (issue 32), and what could not be confirmed:
//! - Cabinet resolution of 1381/08/19: every government body works on Thursdays, except the
//!   provincial universities and the national headquarters in Tehran, which close on
//!   Thursdays. A provincial directorate therefore worked Thursdays (Friday only: the
//!   `WEEKEND_DAYS` default) until the closure below.
//! - Thursday closure of executive bodies (Saturday–Wednesday week): the Administrative and
//!   Recruitment Organisation cites cabinet resolution No. 243187/ت61011هـ of 1401/12/28 for
//!   the working hours of executive bodies; another report cites a resolution of 1400/12/28
//!   for the bodies exempted from them. Neither text was available to confirm the Thursday
//!   clause and its first day: the rule starts on 1402/01/01, the first day after the
//!   1401/12/28 resolution, and says so in its title.
//! - The amendment of Article 87 of the Civil Service Management Law: parliament first
//!   passed a Sunday–Thursday week (Saturday closed), which the Guardian Council rejected as
//!   contrary to the Sharia; parliament then amended note 3 to a Saturday–Wednesday week for
//!   every executive body, headquarters and provincial, except military, law-enforcement and
//!   security units and the operational parts of banks, customs, hospitals, health centres and
//!   sports venues; to meet the Expediency Council's supervisory board the duty ("مکلف است")
//!   became a permission ("مجاز است"). Its promulgation and first day in force could not be
//!   confirmed; it confirms the Thursday closure below rather than changing it, and it is why
//!   the police calendar keeps its Thursdays.
//! - 1404: provincial energy working groups closed Thursdays (e.g. from 1404/02/16 "until
//!   further notice", 11 provinces by early summer), exempting relief, medical and
//!   law-enforcement units.
//! - Office hours from 1404/10/01 to 1405/01/15: provincial units 08:00–14:00.

use chrono::NaiveDate;
use chrono::Weekday;

use crate::domain::jalali::jalali_to_gregorian;
use crate::domain::party::{Parties, Party};
use crate::sla::rules::model::{CalendarRule, RuleBody};

/// A source a built-in rule cites.
#[derive(Clone, Copy, Debug)]
pub struct Citation {
    pub title: &'static str,
    pub url: &'static str,
}

/// A built-in rule and its sources.
#[derive(Clone, Debug)]
pub struct BuiltinRule {
    pub rule: CalendarRule,
    pub sources: &'static [Citation],
    /// What could not be confirmed (empty when nothing).
    pub uncertainty: &'static str,
}

const THURSDAYS: &[Citation] = &[
    Citation {
        title: "مصوبه هیئت وزیران ۱۳۸۱/۰۸/۱۹ (کار در روز پنجشنبه، به استثنای دستگاه‌های ستادی مستقر در تهران)",
        url: "https://shenasname.ir/subjects/morakhasi/121-1391-05-16-08-31-41",
    },
    Citation {
        title: "سازمان اداری و استخدامی: ساعات کار بر اساس تصویب‌نامه ۱۴۰۱/۱۲/۲۸ شماره ۲۴۳۱۸۷/ت۶۱۰۱۱هـ (مهر، از طریق وُنا)",
        url: "https://wona.ir/news/27euueebw4/",
    },
    Citation {
        title: "مصوبه ۱۴۰۰/۱۲/۲۸ و دستگاه‌های مستثنی (تابناک، ۱۴۰۴/۰۹/۳۰)",
        url: "https://www.tabnak.ir/fa/news/1347130/",
    },
    Citation {
        title: "اصلاح تبصره ۳ لایحه اصلاح ماده ۸۷ قانون مدیریت خدمات کشوری: شنبه تا چهارشنبه، به استثنای واحدهای نظامی، انتظامی و امنیتی (مهر)",
        url: "https://khuoshe.ir/29/346669",
    },
    Citation {
        title: "شورای نگهبان: تعطیلی شنبه خلاف موازین شرع",
        url: "https://eitaa.ir/s/khabarfarda_ir/33773",
    },
    Citation {
        title: "رفع ایراد هیئت عالی نظارت مجمع تشخیص: «مکلف است» به «مجاز است»",
        url: "https://charsooeghtesad.ir/",
    },
    Citation {
        title: "تعطیلی پنجشنبه‌ها در ۱۱ استان برای مدیریت مصرف انرژی (حوزه، ۱۴۰۴)",
        url: "https://www.hawzahnews.com/news/1255697/",
    },
];

const WINTER_HOURS_1404: &[Citation] = &[
    Citation {
        title: "جزئیات تغییر ساعت کاری دستگاه‌های اجرایی از اول دی ۱۴۰۴ تا ۱۵ فروردین ۱۴۰۵ (ایلنا)",
        url: "https://www.ilna.ir/%D8%A8%D8%AE%D8%B4-%D8%B3%DB%8C%D8%A7%D8%B3%DB%8C-3/1730513",
    },
    Citation {
        title:
            "ساعات کاری دستگاه‌های اجرایی از ابتدای دی‌ماه تا پانزدهم فروردین ۱۴۰۵ (مهر، ۱۴۰۴/۰۹/۲۲)",
        url: "https://www.mehrnews.com/news/6688047/",
    },
];

fn j(y: i32, m: u8, d: u8) -> NaiveDate {
    jalali_to_gregorian(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn executive() -> Parties {
    Parties::of(&[Party::Directorate, Party::Agencies])
}

/// Every built-in rule.
pub fn all() -> &'static [BuiltinRule] {
    static ALL: std::sync::OnceLock<Vec<BuiltinRule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        vec![
            BuiltinRule {
                rule: CalendarRule {
                    id: "b-thursdays-1402".into(),
                    title: "تعطیلی پنجشنبه‌های دستگاه‌های اجرایی (از ۱۴۰۲/۰۱/۰۱، پس از مصوبه ۱۴۰۱/۱۲/۲۸ هیئت وزیران)".into(),
                    effective_from: j(1402, 1, 1),
                    effective_to: None,
                    created_at: NaiveDate::MIN.and_time(chrono::NaiveTime::MIN),
                    body: RuleBody::Weekend {
                        weekdays: vec![Weekday::Thu, Weekday::Fri],
                    },
                    applies: executive(),
                    builtin: true,
                },
                sources: THURSDAYS,
                uncertainty: "The first day of the Thursday closure for provincial executive bodies is not confirmed by the resolution's text (1401/12/28 is cited by the Administrative and Recruitment Organisation, 1400/12/28 by another report); the promulgation of the Article 87 amendment and its first day in force were not confirmed either.",
            },
            BuiltinRule {
                rule: CalendarRule {
                    id: "b-hours-1404-10".into(),
                    title: "ساعت کار واحدهای استانی دستگاه‌های اجرایی ۰۸:۰۰ تا ۱۴:۰۰ (۱۴۰۴/۱۰/۰۱ تا ۱۴۰۵/۰۱/۱۵)".into(),
                    effective_from: j(1404, 10, 1),
                    effective_to: Some(j(1405, 1, 15)),
                    created_at: NaiveDate::MIN.and_time(chrono::NaiveTime::MIN),
                    body: RuleBody::OfficeHours {
                        opens: 8 * 60,
                        closes: 14 * 60,
                        weekdays: None,
                    },
                    applies: executive(),
                    builtin: true,
                },
                sources: WINTER_HOURS_1404,
                uncertainty: "",
            },
        ]
    })
}

/// The built-in rules as the calendar reads them.
pub fn calendar_rules() -> Vec<CalendarRule> {
    all().iter().map(|b| b.rule.clone()).collect()
}

/// A version of the built-in rules and holidays, part of the fingerprint of stored clocks: a
/// release that changes them recomputes open clocks at start-up.
pub const DATA_VERSION: &str = "issue32-2026-12";
