//! Reporting cycles (月度监测): whether a unit reported for a period on time, late (迟报) or not
//! at all (漏报).
//!
//! The rule: a period's reports are those dated inside the period, by the clerk's local date (the
//! server's time zone: clerks and server sit in the same office). The first of them decides: on or
//! before the due day is on time, after it is late. With none, the unit is missing once the due day
//! has passed, and merely pending before. An assignment that was done (100%) before the period began
//! owes no report.
//!
//! The due day itself is still in time (a report that day is on time, none that day is not yet
//! missing): a period is due — its missing reports are 漏报 and chased — only from the day after.
//! Before that its unreported assignments are "not due yet" (未到报送期限), never chased.

use chrono::NaiveDate;

use super::percent::Percent;
use super::period::Period;
use super::setting::CycleSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Timeliness {
    OnTime,
    /// Reported after the due day (迟报).
    Late,
    /// Due day passed with no report (漏报).
    Missing,
    /// No report yet, but the due day has not passed.
    Pending,
}

impl Timeliness {
    pub fn as_str(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
            Timeliness::Missing => "missing",
            Timeliness::Pending => "pending",
        }
    }
}

/// Whether a unit owes a report for a period: not when its part was already done before the period.
pub fn must_report(percent_at_start: Percent) -> bool {
    !percent_at_start.is_done()
}

/// Classifies one assignment for one period on `today`. `first_report` is the local date of the
/// first report inside the period (reports after `today` are not passed in: as-of views).
pub fn classify(first_report: Option<NaiveDate>, due: NaiveDate, today: NaiveDate) -> Timeliness {
    match first_report {
        Some(d) if d <= due => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None if today > due => Timeliness::Missing,
        None => Timeliness::Pending,
    }
}

/// Whether `period`'s reports can be missing on `today`: its due day has passed.
pub fn is_due(period: Period, settings: CycleSettings, today: NaiveDate) -> bool {
    today > period.due_date(settings.due_day)
}

/// The period `cycle` and `remind` read when none is named: the latest whose due day has passed
/// on `today`, so what they list as missing is missing for good. On 3 December with reports due on
/// the 25th that is November; from 26 December, December. The running period is read by naming
/// it (`--period 2026-12`), its unreported assignments shown as not due yet.
pub fn last_due_period(settings: CycleSettings, today: NaiveDate) -> Period {
    let current = settings.kind.period_of(today);
    if is_due(current, settings, today) {
        current
    } else {
        // The previous period ended before today began, so its due day has passed.
        current.previous()
    }
}

/// Counts of one department (or everyone) over one or more periods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleTally {
    pub required: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub pending: u32,
}

impl CycleTally {
    pub fn add(&mut self, t: Timeliness) {
        self.required += 1;
        match t {
            Timeliness::OnTime => self.on_time += 1,
            Timeliness::Late => self.late += 1,
            Timeliness::Missing => self.missing += 1,
            Timeliness::Pending => self.pending += 1,
        }
    }

    pub fn absorb(&mut self, other: &CycleTally) {
        self.required += other.required;
        self.on_time += other.on_time;
        self.late += other.late;
        self.missing += other.missing;
        self.pending += other.pending;
    }

    /// On-time reports as a share of those due (pending ones are not yet due), 0..=100; a
    /// department that owed nothing is fully on time.
    pub fn on_time_rate(&self) -> f64 {
        let due = self.required - self.pending;
        if due == 0 {
            100.0
        } else {
            f64::from(self.on_time) * 100.0 / f64::from(due)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_due_day_itself_is_on_time() {
        let due = day("2024-06-25");
        let today = day("2024-07-10");
        assert_eq!(
            classify(Some(day("2024-06-25")), due, today),
            Timeliness::OnTime
        );
        assert_eq!(
            classify(Some(day("2024-06-01")), due, today),
            Timeliness::OnTime
        );
        assert_eq!(
            classify(Some(day("2024-06-26")), due, today),
            Timeliness::Late
        );
        assert_eq!(classify(None, due, today), Timeliness::Missing);
    }

    #[test]
    fn nothing_is_missing_until_the_due_day_has_passed() {
        let due = day("2024-06-25");
        assert_eq!(classify(None, due, day("2024-06-24")), Timeliness::Pending);
        assert_eq!(classify(None, due, day("2024-06-25")), Timeliness::Pending);
        assert_eq!(classify(None, due, day("2024-06-26")), Timeliness::Missing);
    }

    #[test]
    fn the_default_period_is_the_last_one_whose_due_day_has_passed() {
        use super::super::period::CycleKind;
        let monthly = CycleSettings {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(last_due_period(monthly, day("2026-12-03")), p("2026-11"));
        // The due day itself is still in time: December is not due until the 26th.
        assert_eq!(last_due_period(monthly, day("2026-12-25")), p("2026-11"));
        assert_eq!(last_due_period(monthly, day("2026-12-26")), p("2026-12"));
        assert_eq!(last_due_period(monthly, day("2027-01-01")), p("2026-12"));
        assert!(!is_due(p("2026-12"), monthly, day("2026-12-03")));
        assert!(!is_due(p("2026-12"), monthly, day("2026-12-25")));
        assert!(is_due(p("2026-11"), monthly, day("2026-12-03")));
        let quarterly = CycleSettings {
            kind: CycleKind::Quarterly,
            due_day: 25,
        };
        assert_eq!(last_due_period(quarterly, day("2026-12-03")), p("2026-Q3"));
        assert_eq!(last_due_period(quarterly, day("2026-12-26")), p("2026-Q4"));
        // A due day past the month's end is its last day (31 in November is the 30th).
        let late = CycleSettings {
            kind: CycleKind::Monthly,
            due_day: 31,
        };
        assert_eq!(last_due_period(late, day("2026-12-01")), p("2026-11"));
        assert_eq!(last_due_period(late, day("2026-11-30")), p("2026-10"));
    }

    #[test]
    fn done_work_owes_no_report() {
        assert!(must_report(Percent::new(99).unwrap()));
        assert!(!must_report(Percent::FULL));
    }

    #[test]
    fn on_time_rate_leaves_out_what_is_not_due() {
        let mut t = CycleTally::default();
        for x in [
            Timeliness::OnTime,
            Timeliness::Late,
            Timeliness::Missing,
            Timeliness::OnTime,
            Timeliness::Pending,
        ] {
            t.add(x);
        }
        assert_eq!(t.required, 5);
        assert_eq!(t.on_time_rate(), 50.0);
        assert_eq!(CycleTally::default().on_time_rate(), 100.0);
    }
}
