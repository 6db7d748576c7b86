//! View 5: the circular's ranking (Enter shows a department's score breakdown) and its
//! settings screen (`o`). The figures come from `report::circular` through the runner, as the
//! command line prints them. View 6 is `tui::indicator_view`.

pub mod model;
pub mod trend;
pub use model::{ReportScreen, SettingsScreen};

use crate::domain::{CycleKind, Period};
use crate::report::circular::Circular;
use crate::report::settings::Settings;

use super::field::TextField;
use super::people::{Prompt, PromptKind};
use super::state::Mode;

use super::action::{Command, Effect};
use super::nav::follow;
use super::state::{State, View};

/// Loads what view 5 or 6 shows, when first opened or after a reload.
pub fn load(state: &mut State, fx: &mut Vec<Effect>) {
    match state.view {
        View::Report => {
            let period = *state
                .report
                .period
                .get_or_insert_with(|| CycleKind::Quarterly.period_of(state.session.today));
            fx.push(Effect::LoadReport { period });
            trend::if_needed(state, fx);
        }
        View::Indicators => super::indicator_view::load(state, fx),
        _ => {}
    }
}

pub fn report_loaded(state: &mut State, period: Period, circular: Option<Circular>) {
    state.report.circular = Some(circular);
    state.report.shown = Some(period);
    let len = state.report.rows();
    state.report.selected = state.report.selected.min(len.saturating_sub(1));
}

pub fn settings_loaded(state: &mut State, settings: Settings) {
    let screen = state.report.settings.get_or_insert_with(Default::default);
    screen.selected = screen.selected.min(settings.rows.len().saturating_sub(1));
    screen.settings = Some(settings);
}

pub fn settings_saved(state: &mut State, result: Result<String, String>, fx: &mut Vec<Effect>) {
    match result {
        Ok(message) => {
            state.say(message, false);
            fx.push(Effect::LoadSettings);
            // Thresholds, cycle and score change lights, the ranking and the marks.
            fx.push(Effect::Reopen);
            super::lists::reload(state, fx);
        }
        Err(why) => state.say(why, true),
    }
}

/// Enter in the setting's prompt: checked here (the store checks again) so that a bad value
/// stays in the line with the reason above it.
pub fn submit_setting(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let Some(Prompt {
        kind: PromptKind::Setting(key),
        field,
        ..
    }) = state.prompt.clone()
    else {
        return;
    };
    // The words shown (每季度, 黄灯) stand for the tokens the store keeps.
    let value = crate::i18n::report::setting_token(&key, field.text());
    let mut changes = weight_changes(&key, &value);
    if changes.is_empty() {
        changes = vec![(key.clone(), value.clone())];
    }
    let checked: Result<Vec<(String, String)>, _> = changes
        .iter()
        .map(|(k, v)| crate::domain::setting::validate(k, v).map(|v| (k.clone(), v)))
        .collect();
    match checked {
        Ok(changes) => {
            // The weights must total 100 (the store refuses otherwise): said here, in the line.
            let current = current_weights(state);
            if let Some(weights) = crate::domain::setting::weights_after(&current, &changes) {
                let (total, ok) = crate::domain::setting::weights_total_100(&weights);
                if !ok {
                    let why = crate::i18n::report::weights_total_tui(lang, &weights, total);
                    if let Some(p) = state.prompt.as_mut() {
                        p.error = Some(why);
                    }
                    return;
                }
            }
            state.prompt = None;
            state.mode = Mode::Normal;
            fx.push(Effect::SaveSettings(changes));
        }
        Err(e) => {
            let why = match e {
                crate::domain::SettingError::UnknownKey(k) => {
                    crate::i18n::report::unknown_setting(lang, &k)
                }
                crate::domain::SettingError::BadValue { key, expected } => {
                    crate::i18n::report::bad_setting(lang, &key, &value, expected)
                }
            };
            if let Some(p) = state.prompt.as_mut() {
                p.error = Some(why);
            }
        }
    }
}

/// In a weight's prompt, three numbers set the three weights at once (in their listed order), so
/// that they can move and still total 100; anything else is one value for the key.
fn weight_changes(key: &str, value: &str) -> Vec<(String, String)> {
    use crate::domain::score::Metric;
    if !key.starts_with("score.weight.") {
        return Vec::new();
    }
    let parts: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '、' | '+' | '\u{ff0c}'))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != Metric::ALL.len() {
        return Vec::new();
    }
    Metric::ALL
        .iter()
        .zip(parts)
        .map(|(m, v)| (format!("score.weight.{}", m.key()), v.to_string()))
        .collect()
}

/// The weights in force, as the settings screen shows them.
fn current_weights(state: &State) -> Vec<(crate::domain::score::Metric, f64)> {
    let mut weights = crate::domain::ScoreRule::default().weights;
    if let Some(settings) = state
        .report
        .settings
        .as_ref()
        .and_then(|s| s.settings.as_ref())
    {
        for (m, w) in weights.iter_mut() {
            let key = format!("score.weight.{}", m.key());
            if let Some(row) = settings.rows.iter().find(|r| r.key == key) {
                *w = row.value.parse().unwrap_or(*w);
            }
        }
    }
    weights
}

fn is_admin(state: &State) -> bool {
    state.session.role == Some(crate::domain::ClerkRole::Admin)
}

/// Keys of the settings screen; true when handled.
fn settings_command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    let lang = state.session.lang;
    let rows = state.viewport.list_rows.max(1);
    let admin = is_admin(state);
    let Some(screen) = state.report.settings.as_mut() else {
        return false;
    };
    let len = screen.settings.as_ref().map_or(0, |s| s.rows.len());
    let last = len.saturating_sub(1);
    let moved = match cmd {
        Command::Up => screen.selected.saturating_sub(1),
        Command::Down => (screen.selected + 1).min(last),
        Command::PageUp => screen.selected.saturating_sub(rows),
        Command::PageDown => (screen.selected + rows).min(last),
        Command::First => 0,
        Command::Last => last,
        Command::Settings | Command::Close => {
            state.report.settings = None;
            trend::if_needed(state, fx);
            return true;
        }
        Command::Open | Command::LightPreset if !admin => {
            state.say(crate::i18n::report::settings_admins_only(lang), true);
            return true;
        }
        Command::Open => {
            let Some(row) = screen
                .settings
                .as_ref()
                .and_then(|s| s.rows.get(screen.selected))
            else {
                return true;
            };
            state.prompt = Some(Prompt {
                kind: PromptKind::Setting(row.key.clone()),
                field: TextField::single(&crate::i18n::report::setting_value(
                    lang, &row.key, &row.value,
                )),
                error: None,
            });
            state.mode = Mode::Prompt;
            return true;
        }
        Command::LightPreset => {
            let next = match screen.settings.as_ref().and_then(|s| s.light_preset) {
                Some(crate::domain::LightPreset::Default) => crate::domain::LightPreset::Strict,
                _ => crate::domain::LightPreset::Default,
            };
            let changes = crate::domain::setting::light_preset_values(next)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            fx.push(Effect::SaveSettings(changes));
            return true;
        }
        // Period keys mean nothing on the settings screen.
        Command::PrevPeriod | Command::NextPeriod => return true,
        _ => return false,
    };
    screen.selected = moved;
    screen.offset = follow(moved, screen.offset, rows, len);
    true
}

/// Keys of views 5 and 6; true when handled.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    let view = state.view;
    if view == View::Indicators {
        return super::indicator_view::command(state, cmd, fx);
    }
    if view == View::Report {
        if state.report.settings.is_some() {
            return settings_command(state, cmd, fx);
        }
        if cmd == Command::Settings {
            state.report.settings = Some(SettingsScreen::default());
            fx.push(Effect::LoadSettings);
            return true;
        }
    }
    let rows = state.viewport.list_rows.max(1);
    if view != View::Report {
        return false;
    }
    let (selected, len) = (state.report.selected, state.report.rows());
    let last = len.saturating_sub(1);
    let moved = match cmd {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(rows),
        Command::PageDown => (selected + rows).min(last),
        Command::First => 0,
        Command::Last => last,
        Command::Open => {
            state.report.open = !state.report.open;
            trend::if_needed(state, fx);
            return true;
        }
        Command::Close => {
            state.report.open = false;
            return true;
        }
        Command::PrevPeriod | Command::NextPeriod => {
            if let Some(p) = state.report.period {
                let p = if cmd == Command::PrevPeriod {
                    p.previous()
                } else {
                    p.next()
                };
                // The ranking shown stays, marked, until the new one is computed.
                state.report.period = Some(p);
                state.report.open = false;
                fx.push(Effect::LoadReport { period: p });
            }
            return true;
        }
        _ => return false,
    };
    let r = &mut state.report;
    r.selected = moved;
    r.offset = follow(moved, r.offset, rows, len);
    true
}
