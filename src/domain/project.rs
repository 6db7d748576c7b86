//! Key projects (重点项目, 挂图作战): a task that is also a project has an owner (建设单位, a
//! company, not a department), a total investment, a planned investment per year, and monthly
//! figures of investment completed. Amounts are in 万元 (ten thousand yuan), as the plans write
//! them. A monthly figure is the year's cumulative amount (本年累计完成) at the month's end, so
//! the year's rate (年度投资完成率) is the latest figure of the year over the year's plan; a
//! figure lower than the one before it in the same year is a correction and needs a reason.
//!
//! Completion of a project can be read three ways, a setting per plan
//! (`project.completion.<plan id>`, default `percent`):
//! - `percent`: the units' reported percent, as for any task;
//! - `investment`: completed investment over the total (each year's last figure, summed);
//! - `milestones`: the milestones reached (`milestone::completion_by_milestones`).
//!
//! With `investment` or `milestones`, a figure or a milestone entered by a unit also appends a
//! progress report for that unit with the percent read from it (its note says so): completion
//! stays one journal, and every rollup, light and as-of read works on it unchanged.

use chrono::{Datelike, NaiveDate};

/// The largest amount accepted (万元): a trillion yuan is beyond any local project.
pub const MAX_AMOUNT: f64 = 1e8;

/// A key project's fields as they stand.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub task_id: i64,
    /// 建设单位.
    pub owner: String,
    /// 总投资 (万元); `None` when not given.
    pub total: Option<f64>,
}

/// A year's planned investment (年度计划投资).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearPlan {
    pub year: i32,
    pub planned: f64,
}

/// A month of a year, as figures are reported (`2026-05`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1..=12.
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// Parses `2026-05` (also `2026-5`, `2026年5月`).
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        let (y, m) = if let Some(rest) = s.strip_suffix('月') {
            rest.split_once('年')?
        } else {
            s.split_once('-')?
        };
        let year: i32 = y.trim().parse().ok()?;
        let month: u32 = m.trim().parse().ok()?;
        ((1900..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One monthly figure as reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub month: Month,
    /// The year's cumulative investment completed at the month's end (万元).
    pub amount: f64,
}

/// Why a figure, a project's fields or a milestone was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refusal {
    /// Negative, not a number, or beyond `MAX_AMOUNT`.
    BadAmount,
    /// The year's cumulative figure falls below `previous` (reported for `month`) without a reason.
    FallsWithoutReason { previous: f64, month: Month },
    /// A figure for a month that has not begun.
    FutureMonth,
    /// The task is not a key project (investment needs one).
    NotAProject,
    /// The figure or milestone changed since the clerk read it (another clerk wrote first).
    Stale,
    /// A milestone reached on a day after today.
    FutureDate,
    /// No such milestone on this task.
    NoSuchMilestone,
    /// The task is deleted or closed.
    TaskClosed,
}

/// Checks an amount in 万元.
pub fn check_amount(amount: f64) -> Result<(), Refusal> {
    if amount.is_finite() && (0.0..=MAX_AMOUNT).contains(&amount) {
        Ok(())
    } else {
        Err(Refusal::BadAmount)
    }
}

/// Parses an amount as typed: digits with an optional decimal point, thousands commas and full-
/// width digits allowed, an optional 万元/万 suffix.
pub fn parse_amount(typed: &str) -> Option<f64> {
    let ascii = super::text::ascii_digits(typed);
    let t = ascii
        .trim()
        .trim_end_matches("万元")
        .trim_end_matches('万')
        .replace([',', '，'], "");
    let t = t.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    check_amount(v).ok().map(|_| v)
}

/// The rule for a new figure: not for a month after `today`'s, and not lower than the latest
/// figure before it in the same year (`previous`: that figure and its month) unless a reason
/// is given.
pub fn check_figure(
    figure: &Figure,
    previous: Option<&Figure>,
    reason: &str,
    today: NaiveDate,
) -> Result<(), Refusal> {
    check_amount(figure.amount)?;
    if figure.month > Month::of(today) {
        return Err(Refusal::FutureMonth);
    }
    if let Some(p) = previous
        && p.month.year == figure.month.year
        && p.month <= figure.month
        && figure.amount < p.amount
        && reason.trim().is_empty()
    {
        return Err(Refusal::FallsWithoutReason {
            previous: p.amount,
            month: p.month,
        });
    }
    Ok(())
}

/// The year's completed investment on `as_of`: the latest figure of that year for a month up to
/// `as_of`'s (the figures as they stand, one per month, latest month first or in any order).
pub fn completed_in_year(figures: &[Figure], year: i32, as_of: NaiveDate) -> Option<f64> {
    let until = Month::of(as_of);
    figures
        .iter()
        .filter(|f| f.month.year == year && f.month <= until)
        .max_by_key(|f| f.month)
        .map(|f| f.amount)
}

/// Completed since the start: each year's last figure up to `as_of`, summed.
pub fn completed_to_date(figures: &[Figure], as_of: NaiveDate) -> f64 {
    let mut years: Vec<i32> = figures.iter().map(|f| f.month.year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .filter_map(|y| completed_in_year(figures, y, as_of))
        .sum()
}

/// A rate in percent (completed over planned), `None` when nothing is planned.
pub fn rate(completed: f64, planned: f64) -> Option<f64> {
    (planned > 0.0).then(|| completed * 100.0 / planned)
}

/// Where a project's completion is read from (a setting per plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompletionSource {
    #[default]
    Percent,
    Investment,
    Milestones,
}

impl CompletionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CompletionSource::Percent => "percent",
            CompletionSource::Investment => "investment",
            CompletionSource::Milestones => "milestones",
        }
    }

    pub fn parse(s: &str) -> Option<CompletionSource> {
        match s.trim() {
            "percent" => Some(CompletionSource::Percent),
            "investment" => Some(CompletionSource::Investment),
            "milestones" => Some(CompletionSource::Milestones),
            _ => None,
        }
    }

    /// The setting's key for a plan.
    pub fn key(plan_id: i64) -> String {
        format!("project.completion.{plan_id}")
    }
}

/// Completion read from investment: completed to date over the total, rounded down, at most 100.
pub fn completion_by_investment(
    figures: &[Figure],
    total: Option<f64>,
    as_of: NaiveDate,
) -> Option<i64> {
    let total = total.filter(|t| *t > 0.0)?;
    let share = completed_to_date(figures, as_of) * 100.0 / total;
    Some((share.floor() as i64).clamp(0, 100))
}

/// An amount as offices write it: up to two decimals, no trailing zeros ("1200", "35.5").
pub fn amount_text(amount: f64) -> String {
    let s = format!("{amount:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn fig(m: &str, amount: f64) -> Figure {
        Figure {
            month: Month::parse(m).unwrap(),
            amount,
        }
    }

    #[test]
    fn months_parse_and_bound() {
        assert_eq!(Month::parse("2026-05").unwrap().to_string(), "2026-05");
        assert_eq!(Month::parse("2026年5月").unwrap().to_string(), "2026-05");
        assert!(Month::parse("2026-13").is_none());
        assert!(Month::parse("26-1").is_none());
        assert_eq!(
            Month::parse("2028-02").unwrap().last_day(),
            day("2028-02-29")
        );
        assert_eq!(
            Month::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
    }

    #[test]
    fn amounts_parse_as_typed() {
        assert_eq!(parse_amount("1,200.5"), Some(1200.5));
        assert_eq!(parse_amount("３５万元"), Some(35.0));
        assert_eq!(parse_amount("-3"), None);
        assert_eq!(parse_amount("1e9"), None);
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_amount("200000000"), None);
        assert_eq!(amount_text(1200.0), "1200");
        assert_eq!(amount_text(35.5), "35.5");
    }

    #[test]
    fn a_falling_figure_needs_a_reason() {
        let today = day("2026-07-10");
        let prev = fig("2026-05", 800.0);
        let lower = fig("2026-06", 700.0);
        assert_eq!(
            check_figure(&lower, Some(&prev), "", today),
            Err(Refusal::FallsWithoutReason {
                previous: 800.0,
                month: Month::parse("2026-05").unwrap()
            })
        );
        assert_eq!(
            check_figure(&lower, Some(&prev), "统计口径调整", today),
            Ok(())
        );
        // A new year starts again from zero.
        let january = fig("2027-01", 10.0);
        assert_eq!(
            check_figure(
                &january,
                Some(&fig("2026-12", 900.0)),
                "",
                day("2027-02-01")
            ),
            Ok(())
        );
        assert_eq!(
            check_figure(&fig("2026-08", 900.0), None, "", today),
            Err(Refusal::FutureMonth)
        );
        assert_eq!(
            check_figure(&fig("2026-06", f64::NAN), None, "", today),
            Err(Refusal::BadAmount)
        );
    }

    #[test]
    fn completed_investment_and_rates() {
        let figures = [
            fig("2025-11", 300.0),
            fig("2025-12", 500.0),
            fig("2026-03", 120.0),
            fig("2026-06", 400.0),
        ];
        assert_eq!(
            completed_in_year(&figures, 2026, day("2026-05-31")),
            Some(120.0)
        );
        assert_eq!(
            completed_in_year(&figures, 2026, day("2026-06-30")),
            Some(400.0)
        );
        assert_eq!(completed_to_date(&figures, day("2026-06-30")), 900.0);
        assert_eq!(rate(400.0, 1000.0), Some(40.0));
        assert_eq!(rate(1.0, 0.0), None);
        assert_eq!(
            completion_by_investment(&figures, Some(3000.0), day("2026-06-30")),
            Some(30)
        );
        assert_eq!(
            completion_by_investment(&figures, None, day("2026-06-30")),
            None
        );
    }
}
