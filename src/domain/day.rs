//! A day typed by a person (`--as-of`, `--since`, `--sheet-date`, `DUBAN_TODAY`), within the range
//! of days the record holds.
//!
//! The schema's CHECKs take any ISO date, but a day like 9999-12-31 turns into an instant whose
//! text no longer sorts with the journal's (`+10000-01-01T…` sorts before `2026-…`), so a far date
//! would silently read as "nothing yet" or "everything". Every day a user types is read here and
//! held to the years an action plan can concern; the periods (`2026-Q3`) use the same years.

use chrono::{Datelike, NaiveDate};

/// The first year a day may be in.
pub const FIRST_YEAR: i32 = 1900;
/// The last year a day may be in.
pub const LAST_YEAR: i32 = 2200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayError {
    /// Not a day written as YYYY-MM-DD (or no such day: 2025-02-29).
    Unreadable,
    /// A real day, outside `FIRST_YEAR..=LAST_YEAR`.
    OutOfRange,
}

/// Reads `2026-11-23` (full-width digits and dash too, as a Chinese input method types them).
pub fn parse_day(text: &str) -> Result<NaiveDate, DayError> {
    let t = super::text::ascii_digits(text);
    let day: NaiveDate = t.parse().map_err(|_| DayError::Unreadable)?;
    if !in_range(day) {
        return Err(DayError::OutOfRange);
    }
    Ok(day)
}

/// Whether `day` lies in the years the record holds.
pub fn in_range(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_range_are_read_and_far_ones_refused() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(parse_day(" 2026-11-23 "), Ok(d(2026, 11, 23)));
        assert_eq!(parse_day("２０２６－１１－２３"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_day("1900-01-01"), Ok(d(1900, 1, 1)));
        assert_eq!(parse_day("2200-12-31"), Ok(d(2200, 12, 31)));
        assert_eq!(parse_day("9999-12-31"), Err(DayError::OutOfRange));
        assert_eq!(parse_day("+10000-01-01"), Err(DayError::OutOfRange));
        assert_eq!(parse_day("1899-12-31"), Err(DayError::OutOfRange));
        assert_eq!(parse_day("2025-02-29"), Err(DayError::Unreadable));
        assert_eq!(parse_day("2028-02-29"), Ok(d(2028, 2, 29)));
        assert_eq!(parse_day("昨天"), Err(DayError::Unreadable));
    }
}
