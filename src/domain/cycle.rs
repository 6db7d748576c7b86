//! Reporting cycles (月度监测): whether a unit reported for a period on time, late (迟报) or not
//! at all (漏报).
//!
//! The rule: a period's reports are those dated inside the period, by the clerk's local date (the
//! server's time zone: clerks and server sit in the same office). The first of them decides: on or
//! before the due day is on time, after it is late. With none, the unit is missing once the due day
//! has passed, and merely pending before. An assignment that was done (100%) before the period began
//! owes no report.

use chrono::NaiveDate;

use super::percent::Percent;

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
