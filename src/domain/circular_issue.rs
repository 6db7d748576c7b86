//! The 通报 as a numbered document (issue 24): its settings, its number line, and who may issue
//! it. A number is a record: given once per year in order, never reused — issuing the same
//! period again takes the next number.

use super::notice::{format_number, pattern_ok};
use super::{Actor, Denied};

/// The pattern a circular's number is written by, when no setting says otherwise.
pub const DEFAULT_PATTERN: &str = "督查通报〔{year}〕{n}号";

/// The longest 下步要求 text accepted (characters).
pub const MAX_REQUIREMENTS_CHARS: usize = 2000;

/// The settings the document reads (`circular.*`): the issuing office, the number pattern, the
/// 下步要求 text (one paragraph a line). Empty office or text: the default words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircularSettings {
    pub office: String,
    pub number_pattern: String,
    pub requirements: String,
}

impl CircularSettings {
    /// From the stored `circular.*` rows. A pattern that cannot number (set by hand in the file,
    /// past the setting's check) is not used: the default numbers instead.
    pub fn of(rows: &[(String, String)]) -> CircularSettings {
        let get = |k: &str| {
            rows.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        CircularSettings {
            office: get("circular.office").unwrap_or_default(),
            number_pattern: get("circular.number_pattern")
                .filter(|p| pattern_ok(p))
                .unwrap_or_else(|| DEFAULT_PATTERN.to_string()),
            requirements: get("circular.requirements").unwrap_or_default(),
        }
    }

    /// The number given as the `n`th of `year`.
    pub fn number(&self, year: i32, n: i64) -> String {
        format_number(&self.number_pattern, year, n)
    }

    /// A draft's number line: the year filled in, a blank where the number goes.
    pub fn draft_number(&self, year: i32) -> String {
        self.number_pattern
            .replace("{year}", &year.to_string())
            .replace("{n}", "\u{3000}\u{3000}")
    }
}

/// Whether `actor` may issue a circular (give it a number): the office's admins only.
pub fn decide_issue(actor: &Actor) -> Result<(), Denied> {
    actor.may_administer()
}

/// Whether `text` may be the 下步要求: lines of text, no other control characters, not too long.
pub fn requirements_ok(text: &str) -> bool {
    text.chars().count() <= MAX_REQUIREMENTS_CHARS
        && !text.chars().any(|c| c.is_control() && c != '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_leaves_the_number_blank_and_an_issue_fills_it() {
        let s = CircularSettings::of(&[]);
        assert_eq!(s.draft_number(2026), "督查通报〔2026〕\u{3000}\u{3000}号");
        assert_eq!(s.number(2026, 3), "督查通报〔2026〕3号");
        let custom = CircularSettings::of(&[(
            "circular.number_pattern".into(),
            "青督通〔{year}〕第{n}期".into(),
        )]);
        assert_eq!(custom.number(2027, 1), "青督通〔2027〕第1期");
        // A pattern without {n} (written into the file by hand) is not used.
        let bad = CircularSettings::of(&[("circular.number_pattern".into(), "督查通报".into())]);
        assert_eq!(bad.number_pattern, DEFAULT_PATTERN);
    }

    #[test]
    fn requirements_are_lines_of_text() {
        assert!(requirements_ok("(一)加快推进。\n(二)按时报送。"));
        assert!(!requirements_ok("a\u{1b}[2J"));
        assert!(!requirements_ok(&"字".repeat(MAX_REQUIREMENTS_CHARS + 1)));
    }
}
