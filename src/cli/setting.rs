//! `duban setting list|set|preset`: the reporting cycle, light thresholds and the score's preset,
//! weights and points. Anyone may list; only an admin may change (checked in the write, audited).

use clap::{Args, Subcommand, ValueEnum};

use super::{CmdResult, Ctx, Failure};
use crate::domain::SettingError;
use crate::domain::setting::{light_preset_values, notice_preset_values, validate};
use crate::domain::{LightPreset, NoticePreset, ScorePreset};
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
    /// Apply a preset: `light default|strict`, `score minmax|points` or `notice default|strict`
    /// (admins)
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
    /// 督办单 proposals: blue days, yellow points behind, days to reply.
    Notice,
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
                // The words the TUI shows (每季度, 黄灯) are taken for their tokens too.
                let k = k.trim();
                changes.push((k.to_string(), words::setting_token(k, v)));
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
                PresetKind::Notice => {
                    let preset: NoticePreset = name.parse().map_err(|_| {
                        Failure::User(words::unknown_preset(ctx.lang, &name, "default|strict"))
                    })?;
                    notice_preset_values(preset)
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect()
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
    // A plan's key: the plan must be one of the file's (the rule alone takes any id).
    if let Some((k, _)) = changes.iter().find(|(k, _)| {
        k.strip_prefix("project.completion.")
            .and_then(|id| id.parse::<i64>().ok())
            .is_some_and(|id| !db.plans().is_ok_and(|p| p.iter().any(|p| p.id == id)))
    }) {
        let plans: Vec<(i64, String)> = db
            .plans()
            .map_err(ctx.store_err_at(db.path()))?
            .into_iter()
            .map(|p| (p.id, crate::report::text::truncate(&p.title, 30)))
            .collect();
        return Err(Failure::User(crate::i18n::project_cli::no_such_plan(
            ctx.lang, k, &plans,
        )));
    }
    let saved = db
        .set_settings(&changes, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(db.path()))?;
    for (k, v) in saved {
        eprintln!("{}", words::setting_saved(ctx.lang, &k, &v));
    }
    Ok(())
}

/// Each known key with its effective value: stored, or the default the rules use.
fn list(ctx: &Ctx, json: bool) -> CmdResult {
    let db = ctx.open()?;
    let settings = crate::report::settings::read(&db).map_err(ctx.store_err_at(db.path()))?;
    if json {
        let list: Vec<serde_json::Value> = settings
            .rows
            .iter()
            .chain(&settings.text_rows)
            .map(|r| serde_json::json!({"key": r.key, "value": r.value, "default": r.default}))
            .chain(settings.plan_rows.iter().map(|(r, plan)| {
                serde_json::json!({"key": r.key, "value": r.value, "default": r.default, "plan": plan})
            }))
            .collect();
        let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
        s.push('\n');
        return ctx.out(&s);
    }
    let mut out = String::new();
    let light = settings.light_preset.map_or("—", |p| p.as_str());
    out.push_str(&words::presets_line(
        ctx.lang,
        light,
        settings.score_preset.as_str(),
    ));
    out.push('\n');
    out.push_str(&words::notice_preset_line(
        ctx.lang,
        settings.notice_preset.map_or("—", |p| p.as_str()),
    ));
    out.push('\n');
    let width = settings.rows.iter().map(|r| r.key.len()).max().unwrap_or(0);
    for r in settings.rows.iter().chain(&settings.text_rows) {
        let mark = if r.default {
            format!("  {}", words::default_mark(ctx.lang))
        } else {
            String::new()
        };
        out.push_str(&format!("{:<width$}  {}{mark}\n", r.key, r.value));
        if let Some(help) = words::setting_help(ctx.lang, &r.key) {
            out.push_str(&format!("{:<width$}  ({help})\n", ""));
        }
    }
    // Per plan: the plan's title on the key's line, the rule once below the last.
    for (i, (r, plan)) in settings.plan_rows.iter().enumerate() {
        let mark = if r.default {
            format!("  {}", words::default_mark(ctx.lang))
        } else {
            String::new()
        };
        let plan = crate::report::text::truncate(plan, 40);
        out.push_str(&format!("{:<width$}  {}{mark}  {plan}\n", r.key, r.value));
        if i + 1 == settings.plan_rows.len()
            && let Some(help) = words::setting_help(ctx.lang, &r.key)
        {
            out.push_str(&format!("{:<width$}  ({help})\n", ""));
        }
    }
    ctx.out(&out)
}
