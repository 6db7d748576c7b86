//! Every setting an office may change with its effective value (stored, or the default the rules
//! use), for `duban setting list` and the TUI's settings screen.

use crate::domain::setting::{keys, near_deadline_text};
use crate::domain::{LightPreset, NoticePreset, ScorePreset};
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
    /// The notice preset the notice thresholds match, if any.
    pub notice_preset: Option<NoticePreset>,
    /// The text settings (督办单 number pattern, issuing office), after `rows`: `setting list`
    /// shows them; the settings screen edits numbers and choices only.
    pub text_rows: Vec<SettingRow>,
    /// One row per plan, with the plan's title: where its key projects read completion from
    /// (`project.completion.<plan id>`; `setting list` shows them after the others).
    pub plan_rows: Vec<(SettingRow, String)>,
}

pub fn read(db: &Db) -> Result<Settings> {
    let stored = db.settings_like("%")?;
    let thresholds = db.thresholds()?;
    let cycle = db.cycle_settings()?;
    let rule = db.score_rule()?;
    let notice = db.notice_settings_at(None)?;
    let limits = db.attach_limits()?;
    let circular = db.circular_settings()?;
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
            "notice.blue_days_before" => notice.blue_days_before.to_string(),
            "notice.yellow_behind" => notice.yellow_behind.to_string(),
            "notice.reply_days" => notice.reply_days.to_string(),
            "notice.number_pattern" => notice.number_pattern.clone(),
            "notice.office" => notice.office.clone(),
            "circular.office" => circular.office.clone(),
            "circular.number_pattern" => circular.number_pattern.clone(),
            // One line in a list: the paragraphs' breaks shown as ⏎.
            "circular.requirements" => circular.requirements.replace('\n', " ⏎ "),
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
    let row = |key: String| SettingRow {
        default: !stored.iter().any(|(s, _)| *s == key),
        value: effective(&key),
        key,
    };
    let rows = keys().into_iter().map(row).collect();
    let text_rows = crate::domain::setting::NOTICE_TEXT_KEYS
        .iter()
        .chain(&crate::domain::setting::CIRCULAR_TEXT_KEYS)
        .map(|k| row(k.to_string()))
        .collect();
    let mut plan_rows = Vec::new();
    for plan in db.plans()? {
        let key = crate::domain::project::CompletionSource::key(plan.id);
        let value = db.completion_source(plan.id)?.as_str().to_string();
        plan_rows.push((
            SettingRow {
                default: !stored.iter().any(|(s, _)| *s == key),
                value,
                key,
            },
            plan.title,
        ));
    }
    Ok(Settings {
        rows,
        light_preset: LightPreset::of(&thresholds),
        score_preset: rule.preset,
        notice_preset: NoticePreset::of(&notice),
        text_rows,
        plan_rows,
    })
}
