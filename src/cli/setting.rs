//! `duban setting list|set|preset`: the reporting cycle, light thresholds and the score's preset,
//! weights and points. Anyone may list; only an admin may change (checked in the write, audited).

use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};

use super::{CmdResult, Ctx, Failure};
use crate::domain::SettingError;
use crate::domain::setting::{keys, light_preset_values, validate};
use crate::domain::{LightPreset, ScorePreset};
use crate::i18n::report as words;
use crate::identity::os_login;

#[derive(Args, Debug)]
pub struct SettingArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Every setting with its value (defaults marked)
    List {
        /// Stable JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Change settings: KEY=VALUE … in one audited change (admins)
    ///
    /// Example: duban setting set cycle.due_day=20 score.weight.timeliness=30
    Set {
        #[arg(required = true, value_name = "KEY=VALUE")]
        pairs: Vec<String>,
    },
    /// Apply a preset: `light default|strict` or `score minmax|points` (admins)
    Preset {
        #[arg(value_enum)]
        what: PresetKind,
        name: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PresetKind {
    Light,
    Score,
}

pub fn run(ctx: &Ctx, args: SettingArgs) -> CmdResult {
    match args.action {
        Action::List { json } => list(ctx, json),
        Action::Set { pairs } => {
            let mut changes = Vec::new();
            for pair in &pairs {
                let Some((k, v)) = pair.split_once('=') else {
                    return Err(Failure::User(words::setting_needs_pair(ctx.lang, pair)));
                };
                changes.push((k.trim().to_string(), v.trim().to_string()));
            }
            save(ctx, changes)
        }
        Action::Preset { what, name } => {
            let changes: Vec<(String, String)> = match what {
                PresetKind::Light => {
                    let preset: LightPreset = name.parse().map_err(|_| {
                        Failure::User(words::unknown_preset(ctx.lang, &name, "default|strict"))
                    })?;
                    light_preset_values(preset)
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect()
                }
                PresetKind::Score => {
                    let preset: ScorePreset = name.parse().map_err(|_| {
                        Failure::User(words::unknown_preset(ctx.lang, &name, "minmax|points"))
                    })?;
                    vec![("score.preset".into(), preset.as_str().into())]
                }
            };
            save(ctx, changes)
        }
    }
}

fn save(ctx: &Ctx, changes: Vec<(String, String)>) -> CmdResult {
    // Checked here too, to say it in the user's language (the store checks again).
    for (k, v) in &changes {
        validate(k, v).map_err(|e| {
            Failure::User(match e {
                SettingError::UnknownKey(k) => words::unknown_setting(ctx.lang, &k),
                SettingError::BadValue { key, expected } => {
                    words::bad_setting(ctx.lang, &key, v, expected)
                }
            })
        })?;
    }
    let mut db = ctx.open()?;
    let saved = db
        .set_settings(&changes, &os_login(), Utc::now())
        .map_err(ctx.store_err_at(db.path()))?;
    for (k, v) in saved {
        eprintln!("{}", words::setting_saved(ctx.lang, &k, &v));
    }
    Ok(())
}

/// Each known key with its effective value: stored, or the default the rules use.
fn list(ctx: &Ctx, json: bool) -> CmdResult {
    let db = ctx.open()?;
    let err = ctx.store_err_at(db.path());
    let stored = db.settings_like("%").map_err(&err)?;
    let thresholds = db.thresholds().map_err(&err)?;
    let cycle = db.cycle_settings().map_err(&err)?;
    let rule = db.score_rule().map_err(&err)?;
    let effective = |key: &str| -> String {
        match key {
            "cycle.kind" => cycle.kind.as_str().into(),
            "cycle.due_day" => cycle.due_day.to_string(),
            "light.red_behind" => thresholds.red_behind.to_string(),
            "light.yellow_behind" => thresholds.yellow_behind.to_string(),
            "light.due_soon_days" => thresholds.due_soon_days.to_string(),
            "light.near_deadline" => {
                crate::domain::setting::near_deadline_text(thresholds.near_deadline).into()
            }
            "score.preset" => rule.preset.as_str().into(),
            k => {
                let w = rule
                    .weights
                    .iter()
                    .find(|(m, _)| k == format!("score.weight.{}", m.key()))
                    .map(|(_, w)| *w)
                    .or_else(|| {
                        rule.points
                            .iter()
                            .find(|(i, _)| k == format!("score.points.{}", i.key()))
                            .map(|(_, p)| *p)
                    });
                w.map(|v| v.to_string()).unwrap_or_default()
            }
        }
    };
    let rows: Vec<(String, String, bool)> = keys()
        .into_iter()
        .map(|k| {
            let set = stored.iter().any(|(s, _)| *s == k);
            let v = effective(&k);
            (k, v, set)
        })
        .collect();
    if json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|(k, v, set)| serde_json::json!({"key": k, "value": v, "default": !set}))
            .collect();
        let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
        s.push('\n');
        return ctx.out(&s);
    }
    let mut out = String::new();
    let light = LightPreset::of(&thresholds).map_or("—", |p| p.as_str());
    out.push_str(&words::presets_line(ctx.lang, light, rule.preset.as_str()));
    out.push('\n');
    let width = rows.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    for (k, v, set) in rows {
        let mark = if set {
            String::new()
        } else {
            format!("  {}", words::default_mark(ctx.lang))
        };
        out.push_str(&format!("{k:<width$}  {v}{mark}\n"));
    }
    ctx.out(&out)
}
