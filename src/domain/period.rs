//! Reporting periods as offices name them: a month (2024-06), a quarter (2024-Q2) or a year (2024).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPeriod(pub String);

/// How often departments report (月报 or 季报).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleKind {
    Monthly,
    Quarterly,
}

impl CycleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CycleKind::Monthly => "monthly",
            CycleKind::Quarterly => "quarterly",
        }
    }

    /// The reporting period that contains `day`.
    pub fn period_of(self, day: NaiveDate) -> Period {
        match self {
            CycleKind::Monthly => Period::Month {
                year: day.year(),
                month: day.month(),
            },
            CycleKind::Quarterly => Period::Quarter {
                year: day.year(),
                quarter: (day.month() - 1) / 3 + 1,
            },
        }
    }
}

impl FromStr for CycleKind {
    type Err = BadPeriod;
    fn from_str(s: &str) -> Result<Self, BadPeriod> {
        match s.trim() {
            "monthly" | "month" | "月" | "月度" => Ok(CycleKind::Monthly),
            "quarterly" | "quarter" | "季" | "季度" => Ok(CycleKind::Quarterly),
            other => Err(BadPeriod(other.to_string())),
        }
    }
}

impl Period {
    pub fn first_day(self) -> NaiveDate {
        let (y, m) = match self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3 - 2),
            Period::Year(year) => (year, 1),
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("periods are parsed in range")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year(year) => year,
        }
    }

    pub fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::Quarter { year, quarter: 1 } => Period::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter - 1,
            },
            Period::Year(year) => Period::Year(year - 1),
        }
    }

    pub fn next(self) -> Period {
        match self {
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
            Period::Quarter { year, quarter: 4 } => Period::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Year(year) => Period::Year(year + 1),
        }
    }

    /// The reporting periods of `cycle` inside this period, in order (the three months of a
    /// quarter; a quarter itself for a quarterly cycle). A month in a quarterly cycle is inside
    /// its quarter's reporting period, which is returned whole.
    pub fn cycles(self, cycle: CycleKind) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = cycle.period_of(self.first_day());
        while p.first_day() <= self.last_day() {
            out.push(p);
            p = p.next();
        }
        out
    }

    /// The day a report for this period is due: `due_day` of its last month, or that month's last
    /// day when the month is shorter (a due day of 31 in June is 30 June).
    pub fn due_date(self, due_day: u32) -> NaiveDate {
        let last = self.last_day();
        let day = due_day.clamp(1, last.day());
        last.with_day(day).expect("clamped to the month's length")
    }

    /// The stable text form: 2024-06, 2024-Q2, 2024.
    pub fn code(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
        }
    }
}

impl FromStr for Period {
    type Err = BadPeriod;

    /// Reads `2024-06`, `2024-6`, `2024-Q2` (or `q2`), `2024Q2`, `2024`, and the Chinese
    /// `2024年6月`, `2024年第二季度`, `2024年二季度`, `2024年`.
    fn from_str(input: &str) -> Result<Self, BadPeriod> {
        let bad = || BadPeriod(input.to_string());
        let s = super::text::ascii_digits(input);
        let year_of = |t: &str| -> Result<i32, BadPeriod> {
            let y: i32 = t.parse().map_err(|_| bad())?;
            if t.len() == 4 && (super::day::FIRST_YEAR..=super::day::LAST_YEAR).contains(&y) {
                Ok(y)
            } else {
                Err(bad())
            }
        };
        if let Some((y, rest)) = s.split_once('年') {
            let year = year_of(y)?;
            let rest = rest.trim_start_matches('第');
            if rest.is_empty() {
                return Ok(Period::Year(year));
            }
            if let Some(m) = rest.strip_suffix('月') {
                let month: u32 = m.parse().map_err(|_| bad())?;
                return month_period(year, month).ok_or_else(bad);
            }
            if let Some(q) = rest.strip_suffix("季度") {
                let quarter = match q {
                    "一" | "1" => 1,
                    "二" | "2" => 2,
                    "三" | "3" => 3,
                    "四" | "4" => 4,
                    _ => return Err(bad()),
                };
                return Ok(Period::Quarter { year, quarter });
            }
            return Err(bad());
        }
        let upper = s.to_ascii_uppercase();
        if let Some((y, q)) = upper.split_once('Q') {
            let year = year_of(y.trim_end_matches('-'))?;
            let quarter: u32 = q.parse().map_err(|_| bad())?;
            return if (1..=4).contains(&quarter) {
                Ok(Period::Quarter { year, quarter })
            } else {
                Err(bad())
            };
        }
        if let Some((y, m)) = s.split_once('-') {
            let year = year_of(y)?;
            if m.is_empty() || m.len() > 2 {
                return Err(bad());
            }
            let month: u32 = m.parse().map_err(|_| bad())?;
            return month_period(year, month).ok_or_else(bad);
        }
        Ok(Period::Year(year_of(&s)?))
    }
}

fn month_period(year: i32, month: u32) -> Option<Period> {
    (1..=12)
        .contains(&month)
        .then_some(Period::Month { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_what_offices_write() {
        assert_eq!(
            p("2024-06"),
            Period::Month {
                year: 2024,
                month: 6
            }
        );
        assert_eq!(p("2024-6"), p("2024-06"));
        assert_eq!(p("2024年6月"), p("2024-06"));
        assert_eq!(
            p("2024-Q2"),
            Period::Quarter {
                year: 2024,
                quarter: 2
            }
        );
        assert_eq!(p("2024q2"), p("2024-Q2"));
        assert_eq!(p("2024年第二季度"), p("2024-Q2"));
        assert_eq!(p("2024年二季度"), p("2024-Q2"));
        assert_eq!(p("2024"), Period::Year(2024));
        assert_eq!(p("２０２４年"), Period::Year(2024));
        for bad in [
            "",
            "2024-13",
            "2024-00",
            "2024-Q5",
            "24-06",
            "2024-006",
            "abc",
            "2024年五季度",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_and_neighbours() {
        assert_eq!(p("2024-Q1").first_day(), day("2024-01-01"));
        assert_eq!(p("2024-Q1").last_day(), day("2024-03-31"));
        assert_eq!(p("2024-02").last_day(), day("2024-02-29"));
        assert_eq!(p("2024-12").last_day(), day("2024-12-31"));
        assert_eq!(p("2024").last_day(), day("2024-12-31"));
        assert_eq!(p("2024-Q1").previous(), p("2023-Q4"));
        assert_eq!(p("2024-01").previous(), p("2023-12"));
        assert_eq!(p("2024-Q4").next(), p("2025-Q1"));
        assert_eq!(p("2024-Q2").to_string(), "2024-Q2");
    }

    #[test]
    fn cycles_inside_a_period() {
        assert_eq!(
            p("2024-Q2").cycles(CycleKind::Monthly),
            vec![p("2024-04"), p("2024-05"), p("2024-06")]
        );
        assert_eq!(
            p("2024-Q2").cycles(CycleKind::Quarterly),
            vec![p("2024-Q2")]
        );
        assert_eq!(p("2024").cycles(CycleKind::Quarterly).len(), 4);
        assert_eq!(
            p("2024-05").cycles(CycleKind::Quarterly),
            vec![p("2024-Q2")]
        );
    }

    #[test]
    fn due_dates_clamp_to_the_month() {
        assert_eq!(p("2024-06").due_date(25), day("2024-06-25"));
        assert_eq!(p("2024-Q2").due_date(25), day("2024-06-25"));
        assert_eq!(p("2024-02").due_date(31), day("2024-02-29"));
        assert_eq!(p("2024-06").due_date(0), day("2024-06-01"));
    }
}
