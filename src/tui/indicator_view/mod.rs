//! View 6, the indicators of a year: one line per indicator, then each per-department target
//! table (a title, its column heads, a line per department). `[`/`]` change the year; `e` or
//! Enter on an indicator or a department's line enters a figure (`tui::figure`).

pub mod model;
pub use model::{IndicatorScreen, ListLine, lines};

use chrono::Datelike;

use crate::report::indicators::IndicatorView;

use super::action::{Command, Effect};
use super::nav::{follow, move_selection};
use super::state::{Mode, State};
use super::ui::layout;

/// Reads the year shown (this year the first time).
pub fn load(state: &mut State, fx: &mut Vec<Effect>) {
    let today = state.session.today;
    let year = *state.indicators.year.get_or_insert(today.year());
    fx.push(Effect::LoadIndicators { year });
}

/// New figures: the cursor stays on the indicator it was on.
pub fn loaded(state: &mut State, view: IndicatorView) {
    let keep = state.indicators.selected_indicator();
    let s = &mut state.indicators;
    s.view = Some(view);
    let all = s.lines();
    let first = all.iter().position(|l| l.selectable()).unwrap_or(0);
    s.selected = (0..all.len())
        .find(|&i| keep.is_some() && s.indicator_at(i) == keep)
        .unwrap_or_else(|| {
            // Same place, or the nearest line that can be selected.
            let i = s.selected.min(all.len().saturating_sub(1));
            (i..all.len())
                .chain((0..i).rev())
                .find(|&k| all[k].selectable())
                .unwrap_or(first)
        });
    follow_indicators(state);
}

/// Scrolls so that the selected line is on screen, with a table's title and heads above its
/// first department.
pub fn follow_indicators(state: &mut State) {
    let rows = layout::indicator_rows(&state.viewport, state.figure.is_some());
    let s = &mut state.indicators;
    let all = s.lines();
    let mut offset = follow(s.selected, s.offset, rows, all.len());
    while offset > 0 && !all[offset - 1].selectable() && s.selected - (offset - 1) < rows {
        offset -= 1;
    }
    s.offset = offset;
}

/// Keys of view 6; true when handled.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    match cmd {
        Command::PrevPeriod | Command::NextPeriod => {
            let step = if cmd == Command::PrevPeriod { -1 } else { 1 };
            let year = state.indicators.year.unwrap_or(state.session.today.year()) + step;
            // The years a period may be written for (`domain::period`).
            if (1900..=2200).contains(&year) {
                // The old year stays until the new one is read, so the cursor keeps its
                // indicator.
                state.indicators.year = Some(year);
                fx.push(Effect::LoadIndicators { year });
            }
            true
        }
        Command::Report | Command::Open => {
            super::figure::start(state, fx);
            true
        }
        _ => step(state, cmd),
    }
}

/// Moves the cursor; headings are passed over in the direction of travel.
fn step(state: &mut State, cmd: Command) -> bool {
    let rows = layout::indicator_rows(&state.viewport, state.mode == Mode::Figure);
    let s = &mut state.indicators;
    let all = s.lines();
    let mut i = s.selected;
    if !move_selection(cmd, &mut i, rows, all.len()) {
        return false;
    }
    // A file with no indicators: nothing to move to (the key is still taken).
    if all.is_empty() {
        return true;
    }
    let forward = matches!(cmd, Command::Down | Command::PageDown | Command::Last);
    let ahead = |from: usize| (from..all.len()).find(|&k| all[k].selectable());
    let behind = |from: usize| {
        (0..=from.min(all.len().saturating_sub(1)))
            .rev()
            .find(|&k| all[k].selectable())
    };
    let found = if forward {
        ahead(i).or_else(|| behind(i))
    } else {
        behind(i).or_else(|| ahead(i))
    };
    if let Some(k) = found {
        s.selected = k;
    }
    follow_indicators(state);
    true
}
