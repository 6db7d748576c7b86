//! The settings an office may change (`setting` table), what each accepts, and the presets that
//! write several at once. Values are validated here before the store saves them.

use super::light::{Light, LightPreset, Thresholds};
use super::notice::pattern_ok;
use super::notice_rule::{NoticePreset, NoticeSettings};
use super::period::CycleKind;
use super::score::{Metric, PointItem, ScorePreset, ScoreRule};

/// A refused setting: an unknown key, or a value the key does not take (with what it takes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    UnknownKey(String),
    BadValue { key: String, expected: &'static str },
}

/// What a key accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Points0To100,
    Days0To366,
    DueDay,
    NearDeadline,
    Cycle,
    Preset,
    /// A non-negative weight (min-max).
    Weight,
    /// Points per item, any sign.
    Points,
    /// true or false.
    Bool,
    /// Days to reply to a notice: 1..90.
    ReplyDays,
    /// A notice number pattern with `{n}` (`notice::pattern_ok`).
    NumberPattern,
    /// An office's name: a line of up to 40 characters (empty: the default words).
    OfficeName,
    /// Lines of text (the 通报's 下步要求): up to 2000 characters, no control characters but
    /// line breaks.
    Paragraphs,
    /// Whole megabytes, at least 1 (`attach.max_total_mb`).
    Megabytes,
    /// Whole megabytes of one file: at most 900, under SQLite's largest value (10^9 bytes).
    FileMegabytes,
    /// Where a plan's key projects read completion from (`project::CompletionSource`).
    Completion,
}

impl Kind {
    fn expected(self) -> &'static str {
        match self {
            Kind::Points0To100 => "0..100",
            Kind::Days0To366 => "0..366",
            Kind::DueDay => "1..31",
            Kind::NearDeadline => "yellow|notice",
            Kind::Cycle => "monthly|quarterly",
            Kind::Preset => "minmax|points",
            Kind::Weight => "a number >= 0",
            Kind::Points => "a number",
            Kind::Bool => "true|false",
            Kind::ReplyDays => "1..90",
            Kind::NumberPattern => "…{n}… (≤40)",
            Kind::OfficeName => "≤40",
            Kind::Paragraphs => "≤2000",
            Kind::Megabytes => "1..1048576 (MB)",
            Kind::FileMegabytes => "1..900 (MB)",
            Kind::Completion => "percent|investment|milestones",
        }
    }
}

fn kind_of(key: &str) -> Option<Kind> {
    Some(match key {
        "light.red_behind" | "light.yellow_behind" => Kind::Points0To100,
        "light.due_soon_days" => Kind::Days0To366,
        "light.near_deadline" => Kind::NearDeadline,
        "cycle.kind" => Kind::Cycle,
        "cycle.due_day" => Kind::DueDay,
        "score.preset" => Kind::Preset,
        "score.done_requires_closing" => Kind::Bool,
        "notice.blue_days_before" => Kind::Days0To366,
        "notice.yellow_behind" => Kind::Points0To100,
        "notice.reply_days" => Kind::ReplyDays,
        "notice.number_pattern" => Kind::NumberPattern,
        "notice.office" | "circular.office" => Kind::OfficeName,
        "circular.number_pattern" => Kind::NumberPattern,
        "circular.requirements" => Kind::Paragraphs,
        "attach.max_file_mb" => Kind::FileMegabytes,
        "attach.max_total_mb" => Kind::Megabytes,
        _ => {
            if let Some(m) = key.strip_prefix("score.weight.") {
                Metric::ALL.iter().find(|x| x.key() == m)?;
                Kind::Weight
            } else if let Some(plan) = key.strip_prefix("project.completion.") {
                // A plan's id, as `duban plans` lists it.
                plan.parse::<u32>().ok().filter(|n| *n > 0)?;
                Kind::Completion
            } else if let Some(i) = key.strip_prefix("score.points.") {
                PointItem::ALL.iter().find(|x| x.key() == i)?;
                Kind::Points
            } else {
                return None;
            }
        }
    })
}

/// Every key an office may set, in the order they are listed.
pub fn keys() -> Vec<String> {
    let mut out: Vec<String> = [
        "cycle.kind",
        "cycle.due_day",
        "light.red_behind",
        "light.yellow_behind",
        "light.due_soon_days",
        "light.near_deadline",
        "score.preset",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.extend(
        Metric::ALL
            .iter()
            .map(|m| format!("score.weight.{}", m.key())),
    );
    out.extend(
        PointItem::ALL
            .iter()
            .map(|i| format!("score.points.{}", i.key())),
    );
    // Last: a row added later keeps the others where the settings screen had them.
    out.push("score.done_requires_closing".into());
    // 督办单 (issue 22), after it for the same reason.
    out.extend(NOTICE_KEYS.iter().map(|s| s.to_string()));
    out.push("attach.max_file_mb".into());
    out.push("attach.max_total_mb".into());
    out
}

/// The notice settings' numeric keys, in the order they are listed.
pub const NOTICE_KEYS: [&str; 3] = [
    "notice.blue_days_before",
    "notice.yellow_behind",
    "notice.reply_days",
];

/// The notice settings that are text: `duban setting list` shows them after the others, the
/// settings screen (numbers and choices) not yet.
pub const NOTICE_TEXT_KEYS: [&str; 2] = ["notice.number_pattern", "notice.office"];

/// The 通报 document's settings (issue 24), text too: listed after the notice's.
pub const CIRCULAR_TEXT_KEYS: [&str; 3] = [
    "circular.office",
    "circular.number_pattern",
    "circular.requirements",
];

/// The value as it will be stored (trimmed, numbers in their plain form), or why not.
pub fn validate(key: &str, value: &str) -> Result<String, SettingError> {
    let kind = kind_of(key).ok_or_else(|| SettingError::UnknownKey(key.to_string()))?;
    let v = value.trim();
    let bad = || SettingError::BadValue {
        key: key.to_string(),
        expected: kind.expected(),
    };
    let int_in = |lo: i64, hi: i64| -> Result<String, SettingError> {
        let n: i64 = v.parse().map_err(|_| bad())?;
        if (lo..=hi).contains(&n) {
            Ok(n.to_string())
        } else {
            Err(bad())
        }
    };
    let number = |min: Option<f64>| -> Result<String, SettingError> {
        let n: f64 = v.parse().map_err(|_| bad())?;
        if !n.is_finite() || min.is_some_and(|m| n < m) {
            return Err(bad());
        }
        Ok(n.to_string())
    };
    match kind {
        Kind::Points0To100 => int_in(0, 100),
        Kind::Days0To366 => int_in(0, 366),
        Kind::DueDay => int_in(1, 31),
        Kind::NearDeadline => match v {
            "yellow" | "notice" => Ok(v.to_string()),
            _ => Err(bad()),
        },
        Kind::Cycle => v
            .parse::<CycleKind>()
            .map(|c| c.as_str().to_string())
            .map_err(|_| bad()),
        Kind::Preset => v
            .parse::<ScorePreset>()
            .map(|p| p.as_str().to_string())
            .map_err(|_| bad()),
        Kind::Weight => number(Some(0.0)),
        Kind::Points => number(None),
        Kind::Bool => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok("true".into()),
            "false" | "no" | "off" | "0" => Ok("false".into()),
            _ => Err(bad()),
        },
        Kind::ReplyDays => int_in(1, 90),
        Kind::NumberPattern if pattern_ok(v) => Ok(v.to_string()),
        Kind::NumberPattern => Err(bad()),
        Kind::OfficeName if v.chars().count() <= 40 && !v.chars().any(char::is_control) => {
            Ok(v.to_string())
        }
        Kind::OfficeName => Err(bad()),
        Kind::Paragraphs if super::circular_issue::requirements_ok(v) => Ok(v.to_string()),
        Kind::Paragraphs => Err(bad()),
        // A terabyte in all is far past what one SQLite file of an office should hold.
        Kind::Megabytes => int_in(1, 1 << 20),
        Kind::FileMegabytes => int_in(1, 900),
        Kind::Completion => super::project::CompletionSource::parse(v)
            .map(|c| c.as_str().to_string())
            .ok_or_else(bad),
    }
}

/// The three notice thresholds a preset writes.
pub fn notice_preset_values(preset: NoticePreset) -> Vec<(&'static str, String)> {
    let (blue, yellow, reply) = preset.thresholds();
    vec![
        ("notice.blue_days_before", blue.to_string()),
        ("notice.yellow_behind", yellow.to_string()),
        ("notice.reply_days", reply.to_string()),
    ]
}

/// Applies one stored `(key, value)` to the notice settings; unknown keys are left alone.
pub fn apply_notice(n: &mut NoticeSettings, key: &str, value: &str) -> Result<(), SettingError> {
    let v = validate(key, value)?;
    match key {
        "notice.blue_days_before" => n.blue_days_before = v.parse().unwrap_or(n.blue_days_before),
        "notice.yellow_behind" => n.yellow_behind = v.parse().unwrap_or(n.yellow_behind),
        "notice.reply_days" => n.reply_days = v.parse().unwrap_or(n.reply_days),
        "notice.number_pattern" => n.number_pattern = v,
        "notice.office" => n.office = v,
        _ => {}
    }
    Ok(())
}

/// The four light keys a preset writes.
pub fn light_preset_values(preset: LightPreset) -> Vec<(&'static str, String)> {
    let t = preset.thresholds();
    vec![
        ("light.red_behind", t.red_behind.to_string()),
        ("light.yellow_behind", t.yellow_behind.to_string()),
        ("light.due_soon_days", t.due_soon_days.to_string()),
        (
            "light.near_deadline",
            near_deadline_text(t.near_deadline).to_string(),
        ),
    ]
}

pub fn near_deadline_text(light: Light) -> &'static str {
    if light == Light::Notice {
        "notice"
    } else {
        "yellow"
    }
}

/// Applies one stored `(key, value)` to the light thresholds; unknown keys are left alone.
pub fn apply_light(t: &mut Thresholds, key: &str, value: &str) -> Result<(), SettingError> {
    let v = validate(key, value)?;
    match key {
        "light.red_behind" => t.red_behind = v.parse().unwrap_or(t.red_behind),
        "light.yellow_behind" => t.yellow_behind = v.parse().unwrap_or(t.yellow_behind),
        "light.due_soon_days" => t.due_soon_days = v.parse().unwrap_or(t.due_soon_days),
        "light.near_deadline" => {
            t.near_deadline = if v == "notice" {
                Light::Notice
            } else {
                Light::Yellow
            }
        }
        _ => {}
    }
    Ok(())
}

/// Applies one stored `(key, value)` to the scoring rule.
pub fn apply_score(rule: &mut ScoreRule, key: &str, value: &str) -> Result<(), SettingError> {
    let v = validate(key, value)?;
    if key == "score.preset" {
        rule.preset = v.parse().unwrap_or(rule.preset);
    } else if key == "score.done_requires_closing" {
        rule.done_requires_closing = v == "true";
    } else if let Some(m) = key.strip_prefix("score.weight.") {
        let n: f64 = v.parse().unwrap_or(0.0);
        for (metric, w) in rule.weights.iter_mut() {
            if metric.key() == m {
                *w = n;
            }
        }
    } else if let Some(i) = key.strip_prefix("score.points.") {
        let n: f64 = v.parse().unwrap_or(0.0);
        for (item, p) in rule.points.iter_mut() {
            if item.key() == i {
                *p = n;
            }
        }
    }
    Ok(())
}

/// The cycle settings: how often, and the day of the (last) month reports are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleSettings {
    pub kind: CycleKind,
    pub due_day: u32,
}

impl Default for CycleSettings {
    fn default() -> Self {
        CycleSettings {
            kind: CycleKind::Monthly,
            due_day: 25,
        }
    }
}

pub fn apply_cycle(c: &mut CycleSettings, key: &str, value: &str) -> Result<(), SettingError> {
    let v = validate(key, value)?;
    match key {
        "cycle.kind" => c.kind = v.parse().unwrap_or(c.kind),
        "cycle.due_day" => c.due_day = v.parse().unwrap_or(c.due_day),
        _ => {}
    }
    Ok(())
}

/// The min-max weights once `changes` are made, when they change one (`None` otherwise), in the
/// order of `current`. The store refuses a change after which they do not total 100
/// (`weights_total_100`): the best department's score would pass 100, or never reach it.
pub fn weights_after(
    current: &[(Metric, f64)],
    changes: &[(String, String)],
) -> Option<Vec<(Metric, f64)>> {
    let mut out = current.to_vec();
    let mut touched = false;
    for (key, value) in changes {
        let Some(m) = key.strip_prefix("score.weight.") else {
            continue;
        };
        let Ok(n) = validate(key, value).map(|v| v.parse::<f64>().unwrap_or(0.0)) else {
            continue;
        };
        for (metric, w) in out.iter_mut() {
            if metric.key() == m {
                *w = n;
                touched = true;
            }
        }
    }
    touched.then_some(out)
}

/// The weights' sum, and whether it is 100 (to a hundredth).
pub fn weights_total_100(weights: &[(Metric, f64)]) -> (f64, bool) {
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    (total, (total - 100.0).abs() < 0.005)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_after_a_change_and_their_total() {
        let current = ScoreRule::default().weights;
        let one = [("score.weight.completion".to_string(), "60".to_string())];
        let w = weights_after(&current, &one).unwrap();
        assert_eq!(weights_total_100(&w), (110.0, false));
        let three = [
            ("score.weight.completion".to_string(), "60".to_string()),
            ("score.weight.on_schedule".to_string(), "20".to_string()),
        ];
        let w = weights_after(&current, &three).unwrap();
        assert_eq!(weights_total_100(&w), (100.0, true));
        let other = [("cycle.due_day".to_string(), "20".to_string())];
        assert_eq!(weights_after(&current, &other), None);
    }

    #[test]
    fn values_are_checked_and_normalised() {
        assert_eq!(validate("cycle.due_day", " 25 "), Ok("25".into()));
        assert!(validate("cycle.due_day", "32").is_err());
        assert!(validate("cycle.due_day", "0").is_err());
        assert_eq!(validate("cycle.kind", "季度"), Ok("quarterly".into()));
        assert_eq!(validate("score.weight.completion", "50"), Ok("50".into()));
        assert!(validate("score.weight.completion", "-1").is_err());
        assert!(validate("score.weight.speed", "1").is_err());
        assert_eq!(
            validate("score.points.late_report", "-0.1"),
            Ok("-0.1".into())
        );
        assert!(validate("score.points.late_report", "NaN").is_err());
        assert_eq!(
            validate("score.done_requires_closing", " True "),
            Ok("true".into())
        );
        assert_eq!(
            validate("score.done_requires_closing", "off"),
            Ok("false".into())
        );
        assert!(validate("score.done_requires_closing", "maybe").is_err());
        assert_eq!(validate("notice.reply_days", "7"), Ok("7".into()));
        assert!(validate("notice.reply_days", "0").is_err());
        assert_eq!(
            validate("notice.number_pattern", " 青督〔{year}〕{n}号 "),
            Ok("青督〔{year}〕{n}号".into())
        );
        assert!(validate("notice.number_pattern", "督办〔{year}〕").is_err());
        assert!(validate("notice.office", "区委督查室").is_ok());
        assert!(validate("notice.office", "a\u{1b}b").is_err());
        assert_eq!(validate("attach.max_file_mb", " 50 "), Ok("50".into()));
        assert!(validate("attach.max_file_mb", "0").is_err());
        assert!(validate("attach.max_total_mb", "1.5").is_err());
        assert!(validate("attach.max_file_mb", "901").is_err());
        assert!(matches!(
            validate("colour", "red"),
            Err(SettingError::UnknownKey(_))
        ));
        for key in keys() {
            assert!(kind_of(&key).is_some(), "{key}");
        }
        for key in NOTICE_TEXT_KEYS.iter().chain(&CIRCULAR_TEXT_KEYS) {
            assert!(kind_of(key).is_some(), "{key}");
        }
    }

    #[test]
    fn presets_round_trip_through_the_keys() {
        let mut t = Thresholds::default();
        for (k, v) in light_preset_values(LightPreset::Strict) {
            apply_light(&mut t, k, &v).unwrap();
        }
        assert_eq!(t, LightPreset::Strict.thresholds());
        let mut rule = ScoreRule::default();
        apply_score(&mut rule, "score.preset", "points").unwrap();
        apply_score(&mut rule, "score.weight.timeliness", "40").unwrap();
        assert_eq!(rule.preset, ScorePreset::Points);
        assert_eq!(rule.weight(Metric::Timeliness), 40.0);
        assert!(!rule.done_requires_closing);
        apply_score(&mut rule, "score.done_requires_closing", "true").unwrap();
        assert!(rule.done_requires_closing);
        let mut n = NoticeSettings::default();
        for (k, v) in notice_preset_values(NoticePreset::Strict) {
            apply_notice(&mut n, k, &v).unwrap();
        }
        assert_eq!(NoticePreset::of(&n), Some(NoticePreset::Strict));
        apply_notice(&mut n, "notice.number_pattern", "DB-{n}").unwrap();
        assert_eq!(n.number_pattern, "DB-{n}");
    }
}
