//! How a person names a task on the command line: its number as `duban tasks` prints it (`3`,
//! `(二)3`, `四(一)`), or its id as `#17`.
//!
//! Plans and IMEs mix ASCII and full-width brackets and digits for the same number, so both sides
//! of a comparison go through `normalise_number`.

/// What was typed after `--task`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskSpec {
    /// `#17`: the task's id, unambiguous whatever the numbering.
    Id(i64),
    /// A number as printed, normalised.
    Number(String),
}

/// Why a `--task` value was refused before looking anything up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskSpecError {
    Empty,
    /// `#` followed by something that is not a positive integer.
    BadId(String),
}

impl TaskSpec {
    pub fn parse(input: &str) -> Result<TaskSpec, TaskSpecError> {
        let text = input.trim();
        if let Some(rest) = text.strip_prefix('#').or_else(|| text.strip_prefix('＃')) {
            let digits = normalise_number(rest);
            return match digits.parse::<i64>() {
                Ok(id) if id > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(TaskSpec::Id(id))
                }
                _ => Err(TaskSpecError::BadId(text.to_string())),
            };
        }
        let number = normalise_number(text);
        if number.is_empty() {
            return Err(TaskSpecError::Empty);
        }
        Ok(TaskSpec::Number(number))
    }
}

/// The form numbers are compared in: ASCII brackets and digits, no spaces. `（二）３` and
/// `(二) 3` are both `(二)3`.
pub fn normalise_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_either_bracket_width_are_the_same() {
        assert_eq!(TaskSpec::parse(" 3 "), Ok(TaskSpec::Number("3".into())));
        assert_eq!(
            TaskSpec::parse("（二）３"),
            Ok(TaskSpec::Number("(二)3".into()))
        );
        assert_eq!(
            TaskSpec::parse("(二) 3"),
            Ok(TaskSpec::Number("(二)3".into()))
        );
        assert_eq!(
            TaskSpec::parse("四(一)"),
            Ok(TaskSpec::Number("四(一)".into()))
        );
    }

    #[test]
    fn ids_take_a_hash() {
        assert_eq!(TaskSpec::parse("#17"), Ok(TaskSpec::Id(17)));
        assert_eq!(TaskSpec::parse("＃１７"), Ok(TaskSpec::Id(17)));
        assert_eq!(
            TaskSpec::parse("#x"),
            Err(TaskSpecError::BadId("#x".into()))
        );
        assert_eq!(
            TaskSpec::parse("#0"),
            Err(TaskSpecError::BadId("#0".into()))
        );
        assert_eq!(
            TaskSpec::parse("#+5"),
            Err(TaskSpecError::BadId("#+5".into()))
        );
        assert_eq!(
            TaskSpec::parse("#99999999999999999999"),
            Err(TaskSpecError::BadId("#99999999999999999999".into()))
        );
        assert_eq!(TaskSpec::parse("  "), Err(TaskSpecError::Empty));
    }
}
