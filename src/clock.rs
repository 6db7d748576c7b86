//! The one clock: the only code that reads the wall clock. Everything else is given "today" and
//! "now" by a `Clock` passed down from `main` (or by the caller, in tests).
//!
//! `DUBAN_TODAY` pins it, for tests and reproducible demos:
//! - `DUBAN_TODAY=2026-11-23` stands the clock still at 09:00 local time on that day;
//! - `DUBAN_TODAY=2026-11-23T17:30` (or `…T17:30:05`) at that local minute (second).
//!
//! A pinned clock does not move while the program runs: every write of one process, and of every
//! process given the same value, gets the same instant, and the journal orders equal instants by
//! insertion (row id), so "latest" stays the order things happened in. Anything else in the
//! variable is refused with one line naming it, never silently ignored: a test that believes it
//! pinned the day must not quietly run on the real one.
//!
//! Durations (polling, timeouts) use `std::time::Instant`, which is not a date and is not pinned.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The environment variable that pins the clock.
pub const ENV: &str = "DUBAN_TODAY";

/// The local time of day a date-only `DUBAN_TODAY` stands at: working hours, so that a report
/// "made now" falls on that day in every time zone a test is likely to use.
const PINNED_HOUR: u32 = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pinned: Option<DateTime<Utc>>,
}

/// `DUBAN_TODAY` held something that is not a date: the text, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadClock(pub String);

impl Clock {
    /// The machine's clock.
    pub fn system() -> Clock {
        Clock { pinned: None }
    }

    /// A clock standing still at `at`.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock { pinned: Some(at) }
    }

    /// The machine's clock, or the one `DUBAN_TODAY` pins; unset or empty means the machine's.
    pub fn from_env() -> Result<Clock, BadClock> {
        match std::env::var_os(ENV) {
            None => Ok(Clock::system()),
            Some(v) if v.is_empty() => Ok(Clock::system()),
            Some(v) => match v.to_str() {
                Some(text) => Clock::parse(text),
                None => Err(BadClock(v.to_string_lossy().into_owned())),
            },
        }
    }

    /// Reads a `DUBAN_TODAY` value (local time).
    pub fn parse(text: &str) -> Result<Clock, BadClock> {
        let bad = || BadClock(text.to_string());
        let t = text.trim();
        let local = if let Ok(day) = crate::domain::day::parse_day(t) {
            day.and_hms_opt(PINNED_HOUR, 0, 0).ok_or_else(bad)?
        } else {
            [
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%d %H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
            .filter(|at| crate::domain::day::in_range(at.date()))
            .ok_or_else(bad)?
        };
        Ok(Clock::fixed(local_to_utc(local)))
    }

    /// True when pinned (by `DUBAN_TODAY` or a test).
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// Now, as stored in the file.
    #[allow(clippy::disallowed_methods)] // the one place that may read the wall clock
    pub fn now(&self) -> DateTime<Utc> {
        self.pinned.unwrap_or_else(Utc::now)
    }

    /// Today in local time: the day lights, periods and the demo are computed for.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }

    /// The current year in local time.
    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        self.today().year()
    }

    /// Local time's offset from UTC now, for showing stored instants.
    pub fn utc_offset(&self) -> FixedOffset {
        *self.now().with_timezone(&Local).offset()
    }
}

/// A local wall-clock time as an instant. In a gap (a DST spring-forward) the time is read as UTC
/// offset-free rather than refused; in an overlap the earlier instant is taken.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_pins_the_morning_of_that_day() {
        let c = Clock::parse("2028-02-29").unwrap();
        assert!(c.is_pinned());
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
        assert_eq!(c.now(), c.now(), "a pinned clock stands still");
        let local = c.now().with_timezone(&Local);
        assert_eq!(local.format("%H:%M").to_string(), "09:00");
    }

    #[test]
    fn a_minute_or_second_can_be_pinned() {
        let c = Clock::parse("2026-12-31T23:59").unwrap();
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let c = Clock::parse(" 2027-01-01 00:00:05 ").unwrap();
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(c.year(), 2027);
    }

    #[test]
    fn anything_else_is_refused_with_its_text() {
        for bad in [
            "tomorrow",
            "2027-02-29",
            "2026-13-01",
            "20261203",
            "2026-12-03T25:00",
            "",
        ] {
            assert_eq!(Clock::parse(bad), Err(BadClock(bad.to_string())), "{bad}");
        }
    }

    #[test]
    fn the_system_clock_is_not_pinned() {
        assert!(!Clock::system().is_pinned());
    }
}
