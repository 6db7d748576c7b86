//! Every setting an office may change with its effective value (stored, or the default the rules
//! use), for `duban setting list` and the TUI's settings screen.

use crate::domain::setting::{keys, near_deadline_text};
use crate::domain::{LightPreset, ScorePreset};
use crate::store::{Db, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct SettingRow {
    pub key: String,
    pub value: String,
    /// Not stored: the default is in force.
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub rows: Vec<SettingRow>,
    /// The light preset the thresholds match, if any.
    pub light_preset: Option<LightPreset>,
    pub score_preset: ScorePreset,
}

pub fn read(db: &Db) -> Result<Settings> {
    let stored = db.settings_like("%")?;
    let thresholds = db.thresholds()?;
    let cycle = db.cycle_settings()?;
    let rule = db.score_rule()?;
    let limits = db.attach_limits()?;
    let effective = |key: &str| -> String {
        match key {
            "cycle.kind" => cycle.kind.as_str().into(),
            "cycle.due_day" => cycle.due_day.to_string(),
            "light.red_behind" => thresholds.red_behind.to_string(),
            "light.yellow_behind" => thresholds.yellow_behind.to_string(),
            "light.due_soon_days" => thresholds.due_soon_days.to_string(),
            "light.near_deadline" => near_deadline_text(thresholds.near_deadline).into(),
            "score.preset" => rule.preset.as_str().into(),
            "score.done_requires_closing" => rule.done_requires_closing.to_string(),
            "attach.max_file_mb" => (limits.max_file / crate::domain::attachment::MB).to_string(),
            "attach.max_total_mb" => (limits.max_total / crate::domain::attachment::MB).to_string(),
            k => rule
                .weights
                .iter()
                .find(|(m, _)| k == format!("score.weight.{}", m.key()))
                .map(|(_, w)| *w)
                .or_else(|| {
                    rule.points
                        .iter()
                        .find(|(i, _)| k == format!("score.points.{}", i.key()))
                        .map(|(_, p)| *p)
                })
                .map(|v| v.to_string())
                .unwrap_or_default(),
        }
    };
    let rows = keys()
        .into_iter()
        .map(|key| SettingRow {
            default: !stored.iter().any(|(s, _)| *s == key),
            value: effective(&key),
            key,
        })
        .collect();
    Ok(Settings {
        rows,
        light_preset: LightPreset::of(&thresholds),
        score_preset: rule.preset,
    })
}
