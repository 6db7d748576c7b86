//! Progress over time: a figure at each month's end, and the sparkline of eighth blocks that shows
//! it one cell a month, readable without colour.
//!
//! A unit's series comes from its journal (`at_month_ends`): the percent the last report on or
//! before a month's last day set, 0 before the first. A department's or the plan's series comes
//! from `report::trend`, which replays the journal as the circular does.

use chrono::{Datelike, NaiveDate};

use super::{Percent, Period};

/// The eight heights, lowest first.
pub const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The month that holds `day`.
pub fn month_of(day: NaiveDate) -> Period {
    Period::Month {
        year: day.year(),
        month: day.month(),
    }
}

/// Every month from the one holding `first` to the one holding `last`, in order; none when
/// `first` is after `last`.
pub fn months(first: NaiveDate, last: NaiveDate) -> Vec<Period> {
    let (mut m, end) = (month_of(first), month_of(last));
    let mut out = Vec::new();
    while m <= end {
        out.push(m);
        m = m.next();
    }
    out
}

/// The months a unit's sparkline covers: from the task's start month — or its first report's
/// month, when that is earlier — to the month of `today` (the day the screen is for).
pub fn unit_months(
    starts_on: NaiveDate,
    first_report: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Period> {
    let first = first_report.map_or(starts_on, |d| d.min(starts_on));
    months(first, today)
}

/// The percent at the end of each of `months`: what the last of `steps` (the day of a journal row
/// and the percent it set, oldest first) on or before the month's last day set; 0 before the
/// first. An undo's row counts like any other: it sets the value it put back.
pub fn at_month_ends(steps: &[(NaiveDate, Percent)], months: &[Period]) -> Vec<Percent> {
    let mut out = Vec::with_capacity(months.len());
    let mut next = 0;
    let mut value = Percent::ZERO;
    for m in months {
        let end = m.last_day();
        while let Some(&(day, p)) = steps.get(next) {
            if day > end {
                break;
            }
            value = p;
            next += 1;
        }
        out.push(value);
    }
    out
}

/// The block for a figure of 0..=100: seven heights share 0–99 (▁ for 0–14 … ▇ for 86–99) and
/// the full block is 100 alone, so that "done" never looks like "nearly done".
pub fn block(value: f64) -> char {
    if value >= 100.0 {
        return BLOCKS[7];
    }
    let v = value.max(0.0);
    BLOCKS[((v * 7.0 / 100.0).floor() as usize).min(6)]
}

/// One cell a figure; a month without one (`None`: nothing to measure then) is a space.
pub fn sparkline(values: &[Option<f64>]) -> String {
    values.iter().map(|v| v.map_or(' ', block)).collect()
}

/// The last `cells` entries of a series: what fits, keeping the newest months.
pub fn last_fitting<T>(series: &[T], cells: usize) -> &[T] {
    &series[series.len().saturating_sub(cells)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn pct(n: i64) -> Percent {
        Percent::new(n).unwrap()
    }
    fn m(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn months_run_across_a_year_end_and_none_when_reversed() {
        assert_eq!(
            months(day("2025-11-30"), day("2026-02-01")),
            vec![m("2025-11"), m("2025-12"), m("2026-01"), m("2026-02")]
        );
        assert_eq!(
            months(day("2026-03-15"), day("2026-03-01")),
            vec![m("2026-03")]
        );
        assert!(months(day("2026-04-01"), day("2026-03-31")).is_empty());
    }

    #[test]
    fn a_unit_starts_at_its_task_start_or_an_earlier_report() {
        let today = day("2026-11-23");
        assert_eq!(unit_months(day("2026-09-01"), None, today).len(), 3);
        // Reported before the task's own start (a task whose start was moved later).
        let early = unit_months(day("2026-09-01"), Some(day("2026-07-20")), today);
        assert_eq!(early.first(), Some(&m("2026-07")));
        assert_eq!(early.last(), Some(&m("2026-11")));
        // A task that starts after today: nothing yet.
        assert!(unit_months(day("2027-01-01"), None, today).is_empty());
    }

    #[test]
    fn each_month_holds_its_last_report_and_zero_before_the_first() {
        let steps = [
            (day("2026-02-10"), pct(20)),
            (day("2026-02-27"), pct(30)),
            // Reported on the month's last day: that month's figure.
            (day("2026-04-30"), pct(60)),
            // Undone the next day: the value the undo put back.
            (day("2026-05-01"), pct(30)),
        ];
        let ms = months(day("2026-01-01"), day("2026-06-15"));
        let got: Vec<u8> = at_month_ends(&steps, &ms)
            .iter()
            .map(|p| p.value())
            .collect();
        assert_eq!(got, vec![0, 30, 30, 60, 30, 30]);
        assert!(at_month_ends(&steps, &[]).is_empty());
    }

    #[test]
    fn blocks_keep_the_full_one_for_done() {
        assert_eq!(block(0.0), '▁');
        // Whole percents: 0–14 the lowest, 15 the next (the line is at 100/7).
        assert_eq!(block(14.0), '▁');
        assert_eq!(block(15.0), '▂');
        assert_eq!(block(86.0), '▇');
        assert_eq!(block(50.0), '▄');
        assert_eq!(block(85.0), '▆');
        assert_eq!(block(99.0), '▇');
        assert_eq!(block(99.9), '▇');
        assert_eq!(block(100.0), '█');
        assert_eq!(block(-3.0), '▁');
        assert_eq!(
            sparkline(&[Some(0.0), None, Some(50.0), Some(100.0)]),
            "▁ ▄█"
        );
    }

    #[test]
    fn only_the_newest_months_are_kept_when_they_do_not_all_fit() {
        let s = [1, 2, 3, 4, 5];
        assert_eq!(last_fitting(&s, 3), &[3, 4, 5]);
        assert_eq!(last_fitting(&s, 9), &s);
        assert!(last_fitting(&s, 0).is_empty());
    }
}
