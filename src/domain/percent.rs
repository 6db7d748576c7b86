//! `Percent`: a completion value that is always within 0..=100.

use std::fmt;

/// A completion percentage, validated to 0..=100 on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(u8);

/// Why a typed percent was refused. The UI turns this into a message in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentError {
    Empty,
    NotANumber(String),
    OutOfRange(i64),
    /// A minus sign (`-3`, `-0`): a percent is never negative, and only `+` is a step.
    Negative(String),
    /// `60.5`: a percent is a whole number. Offices report whole percents, and the journal,
    /// the sheets and the score all keep one; a decimal is refused rather than rounded, so what
    /// is saved is what was typed.
    Decimal(String),
    /// More digits than any percent (or step) could have: the text as typed.
    Huge(String),
}

impl Percent {
    pub const ZERO: Percent = Percent(0);
    pub const FULL: Percent = Percent(100);

    pub fn new(value: i64) -> Result<Percent, PercentError> {
        if (0..=100).contains(&value) {
            Ok(Percent(value as u8))
        } else {
            Err(PercentError::OutOfRange(value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn is_done(self) -> bool {
        self.0 == 100
    }

    /// Parses what a clerk types: `60`, `60%`, `60％`, or a step `+10` added to `current`.
    /// Full-width digits (from a Chinese IME) are accepted.
    pub fn parse(input: &str, current: Percent) -> Result<Percent, PercentError> {
        let normalised = super::text::ascii_digits(input);
        let body = normalised
            .strip_suffix('%')
            .or_else(|| normalised.strip_suffix('％'))
            .unwrap_or(&normalised)
            .trim();
        if body.is_empty() {
            return Err(PercentError::Empty);
        }
        // Only `+` is a step: "-3" is what a clerk types by mistake, and it must be refused, not
        // silently subtracted.
        let (step, digits) = match body.strip_prefix('+') {
            Some(rest) => (true, rest.trim()),
            None => (false, body),
        };
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(rest) if !step => (true, rest),
            _ => (false, digits),
        };
        let typed = || input.trim().to_string();
        let decimal = digits.split_once(['.', '．']).is_some_and(|(whole, part)| {
            !whole.is_empty()
                && !part.is_empty()
                && (whole.bytes().chain(part.bytes())).all(|b| b.is_ascii_digit())
        });
        if decimal {
            return Err(PercentError::Decimal(typed()));
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PercentError::NotANumber(typed()));
        }
        if negative {
            return Err(PercentError::Negative(typed()));
        }
        // Leading zeros are digits of no value: "007" is 7, "000…0100" is 100.
        let significant = digits.trim_start_matches('0');
        if significant.len() > 3 {
            return Err(PercentError::Huge(typed()));
        }
        let n: i64 = significant.parse().unwrap_or(0);
        if step {
            Percent::new(i64::from(current.0) + n)
        } else {
            Percent::new(n)
        }
    }
}

/// A completion (a mean of percents, 85.9) as a whole percent for people: rounded half up, the
/// one rule of the TUI, the CLI and the reports, so the same figure reads the same everywhere.
/// Except that 100% is only ever shown for what is done: 99.5 to 99.99 shows as 99.
pub fn shown_percent(completion: f64) -> i64 {
    let rounded = completion.round();
    if rounded >= 100.0 && completion < 100.0 {
        99
    } else {
        rounded as i64
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl TryFrom<i64> for Percent {
    type Error = PercentError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Percent::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u8) -> Percent {
        Percent::new(n.into()).unwrap()
    }

    #[test]
    fn completions_show_rounded_and_100_only_when_done() {
        assert_eq!(shown_percent(85.9), 86);
        assert_eq!(shown_percent(92.5), 93);
        assert_eq!(shown_percent(92.49), 92);
        assert_eq!(shown_percent(99.6), 99);
        assert_eq!(shown_percent(100.0), 100);
        assert_eq!(shown_percent(0.4), 0);
    }

    #[test]
    fn accepts_plain_percent_sign_and_steps() {
        assert_eq!(Percent::parse("60", p(10)), Ok(p(60)));
        assert_eq!(Percent::parse(" 60% ", p(10)), Ok(p(60)));
        assert_eq!(Percent::parse("６０％", p(10)), Ok(p(60)));
        assert_eq!(Percent::parse("+10", p(55)), Ok(p(65)));
        assert_eq!(Percent::parse("0", p(55)), Ok(p(0)));
        assert_eq!(Percent::parse("100", p(55)), Ok(p(100)));
    }

    #[test]
    fn refuses_out_of_range_and_garbage() {
        assert_eq!(
            Percent::parse("150", p(0)),
            Err(PercentError::OutOfRange(150))
        );
        assert_eq!(
            Percent::parse("-3", p(0)),
            Err(PercentError::Negative("-3".into()))
        );
        assert_eq!(
            Percent::parse("-0", p(0)),
            Err(PercentError::Negative("-0".into()))
        );
        assert_eq!(
            Percent::parse("60.5", p(0)),
            Err(PercentError::Decimal("60.5".into()))
        );
        assert_eq!(
            Percent::parse("+2.5%", p(0)),
            Err(PercentError::Decimal("+2.5%".into()))
        );
        assert_eq!(
            Percent::parse("+99999999999999999999", p(10)),
            Err(PercentError::Huge("+99999999999999999999".into()))
        );
        assert_eq!(Percent::parse("0000000000000000000100", p(0)), Ok(p(100)));
        assert_eq!(
            Percent::parse("1000", p(0)),
            Err(PercentError::Huge("1000".into()))
        );
        assert_eq!(
            Percent::parse("+999", p(0)),
            Err(PercentError::OutOfRange(999))
        );
        assert_eq!(
            Percent::parse("+50", p(60)),
            Err(PercentError::OutOfRange(110))
        );
        assert_eq!(
            Percent::parse("abc", p(0)),
            Err(PercentError::NotANumber("abc".into()))
        );
        assert_eq!(
            Percent::parse("6 0", p(0)),
            Err(PercentError::NotANumber("6 0".into()))
        );
        assert_eq!(Percent::parse("", p(0)), Err(PercentError::Empty));
        assert_eq!(Percent::parse("%", p(0)), Err(PercentError::Empty));
        assert!(Percent::parse("99999999999999999999999", p(0)).is_err());
    }
}
