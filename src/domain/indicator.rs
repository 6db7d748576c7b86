//! Indicators (指标): a value as clerks type it, completion against the year's target, the growth
//! rate over the previous year, and which reported figure is a year's latest.

use chrono::{Datelike, NaiveDate};

use super::period::{CycleKind, Period};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    Empty,
    NotANumber(String),
    /// A unit written after the number that is not the indicator's: `7.5%` for an indicator in
    /// 亿元. `expected` is the indicator's unit (empty: it has none).
    WrongUnit {
        written: String,
        expected: String,
    },
}

/// Units that are themselves a rate: a figure in them is a share, not an amount.
const RATE_UNITS: [&str; 5] = ["%", "％", "‰", "百分点", "个百分点"];

/// Whether an indicator is a rate (增速, a share, a percent): its unit is a percent or percentage
/// points, or its name says so (…增速, …增长率, …率, …占比, …比重). The growth of a rate over a
/// year earlier — 6.1% against 5.6% as "+8.9%" — reads as a second growth rate and misleads; the
/// indicator table shows — for it (compare the figures themselves, in points).
pub fn is_rate(name: &str, unit: &str) -> bool {
    let name = name.trim();
    RATE_UNITS.contains(&unit.trim())
        || ["增速", "增长率", "占比", "比重"]
            .iter()
            .any(|w| name.contains(w))
        || name.ends_with('率')
}

/// A figure as typed for an indicator measured in `unit`: `parse_value`, after checking a unit
/// written after the number. The indicator's own unit may be written (`38.5亿元` for 亿元, `7.5%`
/// for %); any other is refused (`7.5%` for 亿元, `38.5万元` for 亿元) rather than stored as a
/// number in the wrong unit.
pub fn parse_figure(input: &str, unit: &str) -> Result<f64, ValueError> {
    let trimmed = input.trim();
    let numeric = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, '.' | '．' | '。' | ',' | '，' | '-' | '－' | '+' | ' ')
    };
    let number_end = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| numeric(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (number, written) = trimmed.split_at(number_end);
    let written = written.trim();
    if written.is_empty() || number.trim().is_empty() {
        return parse_value(input);
    }
    let unit = unit.trim();
    let percent = |u: &str| matches!(u, "%" | "％");
    let same = written == unit || (percent(written) && percent(unit));
    if !same {
        // A number first: "abc" stays "not a number", "7.5%" in 亿元 is the wrong unit.
        parse_value(number)?;
        return Err(ValueError::WrongUnit {
            written: written.to_string(),
            expected: unit.to_string(),
        });
    }
    parse_value(number)
}

/// Reads `12.5`, `1,234.5`, full-width digits from an IME (`１２．５`), a trailing `%`. A comma
/// must group thousands: `38,5` (a decimal comma) is refused rather than read as 385.
pub fn parse_value(input: &str) -> Result<f64, ValueError> {
    let s: String = input
        .trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => Some(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' | '。' => Some('.'),
            '－' => Some('-'),
            '，' => Some(','),
            ' ' => None,
            other => Some(other),
        })
        .collect();
    let s = s.trim_end_matches(['%', '％']);
    let whole = s.split('.').next().unwrap_or_default();
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return Err(ValueError::NotANumber(input.trim().to_string()));
    }
    let s = s.replace(',', "");
    if s.is_empty() {
        return Err(ValueError::Empty);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ValueError::NotANumber(input.trim().to_string())),
    }
}

/// Completion against a target, in percent: actual ÷ target when higher is better, target ÷
/// actual when lower is better (an energy-use figure under its cap is over 100%). `None` when
/// the divisor is zero or the signs make a ratio meaningless.
pub fn completion(actual: f64, target: f64, higher_is_better: bool) -> Option<f64> {
    let (num, den) = if higher_is_better {
        (actual, target)
    } else {
        (target, actual)
    };
    (den > 0.0 && num >= 0.0).then(|| num / den * 100.0)
}

/// Growth over a previous value, in percent; `None` without a positive base.
pub fn growth(value: f64, base: f64) -> Option<f64> {
    (base > 0.0).then(|| (value - base) / base * 100.0)
}

/// The latest figure of `year` among `(period, value)` rows in journal order (later rows
/// correct earlier ones for the same period): the period that ends last wins, a year's own figure
/// counting as its end.
pub fn latest_in_year(rows: &[(Period, f64)], year: i32) -> Option<(Period, f64)> {
    let mut best: Option<(Period, f64)> = None;
    for (p, v) in rows {
        if p.year() != year {
            continue;
        }
        let better = match best {
            None => true,
            Some((b, _)) => (p.last_day(), period_rank(*p)) >= (b.last_day(), period_rank(b)),
        };
        if better {
            best = Some((*p, *v));
        }
    }
    best
}

/// The period a new figure is most likely for, in `year`: of the kind the indicator was last
/// reported by (a month or a quarter; `reported` in journal order), else of the reporting cycle;
/// the one containing `today` in this year, the year's last in a past year, its first in a future
/// one. Only a default: the clerk may type any period.
pub fn default_period(
    reported: &[Period],
    cycle: CycleKind,
    year: i32,
    today: NaiveDate,
) -> Period {
    let kind = reported
        .iter()
        .rev()
        .find_map(|p| match p {
            Period::Month { .. } => Some(CycleKind::Monthly),
            Period::Quarter { .. } => Some(CycleKind::Quarterly),
            Period::Year(_) => None,
        })
        .unwrap_or(cycle);
    let day = if year == today.year() {
        today
    } else if year < today.year() {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)
    } else {
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today)
    };
    kind.period_of(day)
}

/// At the same end day the year's own figure outranks the quarter's, which outranks the month's.
fn period_rank(p: Period) -> u8 {
    match p {
        Period::Month { .. } => 0,
        Period::Quarter { .. } => 1,
        Period::Year(_) => 2,
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn a_figure_in_another_unit_is_refused() {
        assert_eq!(parse_figure("38.5", "亿元"), Ok(38.5));
        assert_eq!(parse_figure("38.5亿元", "亿元"), Ok(38.5));
        assert_eq!(parse_figure(" 1,234 亿元 ", "亿元"), Ok(1234.0));
        assert_eq!(parse_figure("7.5%", "%"), Ok(7.5));
        assert_eq!(parse_figure("7.5％", "%"), Ok(7.5));
        assert_eq!(parse_figure("7.5", "%"), Ok(7.5));
        assert_eq!(
            parse_figure("7.5%", "亿元"),
            Err(ValueError::WrongUnit {
                written: "%".into(),
                expected: "亿元".into()
            })
        );
        assert_eq!(
            parse_figure("38.5万元", "亿元"),
            Err(ValueError::WrongUnit {
                written: "万元".into(),
                expected: "亿元".into()
            })
        );
        assert_eq!(
            parse_figure("12家", ""),
            Err(ValueError::WrongUnit {
                written: "家".into(),
                expected: String::new()
            })
        );
        assert!(matches!(
            parse_figure("abc", "亿元"),
            Err(ValueError::NotANumber(_))
        ));
        assert!(matches!(
            parse_figure("38,5", "亿元"),
            Err(ValueError::NotANumber(_))
        ));
        assert_eq!(parse_figure("  ", "亿元"), Err(ValueError::Empty));
        assert_eq!(parse_figure("１２．５", "亿元"), Ok(12.5));
    }

    #[test]
    fn rates_are_told_by_unit_or_name() {
        assert!(is_rate("规上工业增加值增速", "%"));
        assert!(is_rate("单位工业增加值能耗下降", "%"));
        assert!(is_rate("研发投入强度", "个百分点"));
        assert!(is_rate("数字经济核心产业增加值增速", ""));
        assert!(is_rate("宽带覆盖率", ""));
        assert!(!is_rate("工业投资", "亿元"));
        assert!(!is_rate("高新技术企业数", "家"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn values_as_typed() {
        assert_eq!(parse_value("12.5"), Ok(12.5));
        assert_eq!(parse_value(" 1,234.5 "), Ok(1234.5));
        assert_eq!(parse_value("１２．５"), Ok(12.5));
        assert_eq!(parse_value("7.5%"), Ok(7.5));
        assert_eq!(parse_value("-3"), Ok(-3.0));
        assert!(parse_value("38,5").is_err());
        assert_eq!(parse_value("1，234"), Ok(1234.0));
        assert_eq!(parse_value(""), Err(ValueError::Empty));
        assert!(parse_value("abc").is_err());
        assert!(parse_value("inf").is_err());
    }

    #[test]
    fn completion_and_growth_by_hand() {
        assert_eq!(completion(45.0, 60.0, true), Some(75.0));
        assert_eq!(completion(80.0, 100.0, false), Some(125.0));
        assert_eq!(completion(5.0, 0.0, true), None);
        assert_eq!(growth(55.0, 50.0), Some(10.0));
        assert_eq!(growth(5.0, 0.0), None);
    }

    #[test]
    fn a_new_figure_defaults_to_the_period_kind_last_reported() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let quarterly = [p("2025"), p("2026-Q2"), p("2026-Q3")];
        assert_eq!(
            default_period(&quarterly, CycleKind::Monthly, 2026, today),
            p("2026-Q4")
        );
        // A year's own figure says nothing of the kind; the cycle decides.
        assert_eq!(
            default_period(&[p("2025")], CycleKind::Monthly, 2026, today),
            p("2026-11")
        );
        assert_eq!(
            default_period(&[], CycleKind::Quarterly, 2026, today),
            p("2026-Q4")
        );
        assert_eq!(
            default_period(&[p("2026-10")], CycleKind::Quarterly, 2025, today),
            p("2025-12")
        );
        assert_eq!(
            default_period(&quarterly, CycleKind::Monthly, 2027, today),
            p("2027-Q1")
        );
    }

    #[test]
    fn the_latest_figure_of_a_year() {
        let rows = vec![
            (p("2024-Q1"), 10.0),
            (p("2024-Q2"), 20.0),
            (p("2024-05"), 15.0),
            (p("2023"), 99.0),
            (p("2024-Q2"), 21.0), // a correction
        ];
        assert_eq!(latest_in_year(&rows, 2024), Some((p("2024-Q2"), 21.0)));
        assert_eq!(latest_in_year(&rows, 2023), Some((p("2023"), 99.0)));
        assert_eq!(latest_in_year(&rows, 2022), None);
        let with_year = vec![(p("2024-12"), 1.0), (p("2024"), 2.0), (p("2024-Q4"), 3.0)];
        assert_eq!(latest_in_year(&with_year, 2024), Some((p("2024"), 2.0)));
    }
}
