//! A sheet's cells read as values duban compares: 完成率 in every spelling offices type it, note
//! parts and titles as compared. Kept apart from `sheet_diff` (which matches rows with tasks) so
//! each reads on its own.

use super::sheet::Value;
use super::sheet_changes::Problem;

/// Titles compare without spaces or line breaks (Excel users break long titles by hand).
pub(super) fn title_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A note part as compared and stored: line ends as "\n", trimmed.
pub(super) fn note_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// 完成率 as 0..=100: a percent-formatted 0.6, a plain 60, "60%", "６０％", a fraction 0.6 typed as
/// a plain number or text. `Ok(None)` for an empty cell.
pub fn sheet_percent(v: &Value) -> Result<Option<f64>, Problem> {
    let value = match v {
        Value::Empty => return Ok(None),
        Value::Number {
            value,
            percent: true,
        } => value * 100.0,
        Value::Number {
            value,
            percent: false,
        } => fraction_or_percent(*value),
        Value::Date(_) => return Err(Problem::PercentNotANumber(v.text())),
        Value::Text(s) => {
            let t: String = s
                .trim()
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '％' => '%',
                    '．' => '.',
                    c => c,
                })
                .collect();
            if t.is_empty() {
                return Ok(None);
            }
            let (body, sign) = match t.strip_suffix('%') {
                Some(b) => (b.trim(), true),
                None => (t.as_str(), false),
            };
            let digits = body.strip_prefix('-').unwrap_or(body);
            let plain = !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && digits.matches('.').count() <= 1
                && digits.chars().any(|c| c.is_ascii_digit());
            let n: f64 = match plain.then(|| body.parse::<f64>().ok()).flatten() {
                Some(n) => n,
                None => return Err(Problem::PercentNotANumber(s.trim().to_string())),
            };
            if sign { n } else { fraction_or_percent(n) }
        }
    };
    if !value.is_finite() {
        return Err(Problem::PercentNotANumber(v.text()));
    }
    if !(-0.005..=100.005).contains(&value) {
        let shown = match v {
            Value::Number { percent: true, .. } => format!("{}%", (value * 100.0).round() / 100.0),
            _ => v.text(),
        };
        return Err(Problem::PercentOutOfRange(shown));
    }
    Ok(Some(value.clamp(0.0, 100.0)))
}

/// 基于版本 as written by the export: a whole number, 0 or more (a number cell from xlsx, digits
/// from a CSV). `Ok(None)` for an empty cell; anything else is refused, never guessed at.
pub fn sheet_stamp(v: &Value) -> Result<Option<i64>, Problem> {
    match v {
        Value::Empty => Ok(None),
        Value::Number { value, .. } if value.fract() == 0.0 && *value >= 0.0 && *value < 9.0e15 => {
            Ok(Some(*value as i64))
        }
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) if s.trim().len() <= 15 && s.trim().bytes().all(|b| b.is_ascii_digit()) => {
            Ok(s.trim().parse().ok())
        }
        _ => Err(Problem::BadStamp(Some(v.text()))),
    }
}

/// A plain number between 0 and 1 (exclusive) is a fraction: 0.6 is 60%. 1 stays 1%.
fn fraction_or_percent(n: f64) -> f64 {
    if n > 0.0 && n < 1.0 { n * 100.0 } else { n }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn stamps_are_whole_numbers_or_refused() {
        let number = |value: f64| Value::Number {
            value,
            percent: false,
        };
        assert_eq!(sheet_stamp(&text(" 42 ")), Ok(Some(42)));
        assert_eq!(sheet_stamp(&number(42.0)), Ok(Some(42)));
        assert_eq!(sheet_stamp(&text("0")), Ok(Some(0)));
        assert_eq!(sheet_stamp(&Value::Empty), Ok(None));
        for bad in [
            text("abc"),
            text("4.5"),
            text("-1"),
            number(4.5),
            number(-1.0),
        ] {
            assert!(
                matches!(sheet_stamp(&bad), Err(Problem::BadStamp(Some(_)))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn percents_in_every_spelling() {
        let ok = |v: Value| sheet_percent(&v).unwrap();
        assert_eq!(
            ok(Value::Number {
                value: 0.6,
                percent: true
            }),
            Some(60.0)
        );
        assert_eq!(
            ok(Value::Number {
                value: 60.0,
                percent: false
            }),
            Some(60.0)
        );
        assert_eq!(
            ok(Value::Number {
                value: 0.6,
                percent: false
            }),
            Some(60.0)
        );
        assert_eq!(ok(text("60%")), Some(60.0));
        assert_eq!(ok(text("６０％")), Some(60.0));
        assert_eq!(ok(text(" 60 ")), Some(60.0));
        assert_eq!(ok(text("62.5%")), Some(62.5));
        assert_eq!(ok(Value::Empty), None);
        assert_eq!(ok(text("0")), Some(0.0));
        assert_eq!(
            ok(Value::Number {
                value: 1.0,
                percent: true
            }),
            Some(100.0)
        );
    }

    #[test]
    fn bad_percents_are_refused() {
        let bad = |v: Value| sheet_percent(&v).unwrap_err();
        assert_eq!(bad(text("150%")), Problem::PercentOutOfRange("150%".into()));
        assert_eq!(bad(text("abc")), Problem::PercentNotANumber("abc".into()));
        assert_eq!(bad(text("-3")), Problem::PercentOutOfRange("-3".into()));
        assert_eq!(bad(text("+10")), Problem::PercentNotANumber("+10".into()));
        assert_eq!(bad(text("6 0")), Problem::PercentNotANumber("6 0".into()));
        assert_eq!(
            bad(Value::Number {
                value: 1.5,
                percent: true
            }),
            Problem::PercentOutOfRange("150%".into())
        );
        assert!(matches!(bad(text("1.2.3")), Problem::PercentNotANumber(_)));
    }
}
