//! View 7, the wall chart (挂图作战): one row per task under its lead unit or its section, a
//! label column and a time axis with the task's bar (done part, part still to do, overdue part),
//! its milestones, today's line and its light. `+`/`-` zoom (year, quarter, month, week), `h`/`l`
//! move the window, `t` brings today back, `s` switches the grouping.
//!
//! The list is a `TaskList` like views 2 and 3: the keys of every task come from the same query
//! (the filter, `w` and `m` included), the text and the milestones only for the rows on screen.

pub mod model;
pub mod timeline;
#[cfg(test)]
mod timeline_tests;

use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::Milestone;
use crate::store::{LeadUnits, TaskKey};

use super::action::{Command, Effect};
use super::lists::{keys_loaded as list_keys_loaded, rebuild, rows_if_needed};
use super::state::{State, TaskItem, View};
use super::ui::layout;
use model::WallGroup;
use timeline::{Scale, focus, pan_days, rezoom, start_for};

/// The window on screen now (today a third in before the first move).
pub fn scale(state: &State) -> Scale {
    let (_, width) = layout::wall_columns(state.viewport.width);
    state.wall.scale(state.session.today, width)
}

/// The view is shown: the window is placed the first time, and the list rebuilt if a toggle
/// changed meanwhile.
pub fn enter(state: &mut State) {
    if state.wall.start.is_none() && state.viewport.width > 0 {
        state.wall.start = Some(scale(state).start);
    }
    if state.wall.stale && state.wall.list.loaded {
        rebuild(state, View::Wall);
    }
}

/// The keys of view 7; true when handled.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    let today = state.session.today;
    let lang = state.session.lang;
    let now = scale(state);
    match cmd {
        Command::ZoomIn | Command::ZoomOut => {
            let next = if cmd == Command::ZoomIn {
                now.zoom.closer()
            } else {
                now.zoom.wider()
            };
            match next {
                Some(zoom) => {
                    state.wall.start = Some(rezoom(now, zoom, focus(now, today)));
                    state.wall.zoom = zoom;
                }
                None => state.say(
                    crate::i18n::wall::zoom_limit(lang, cmd == Command::ZoomIn),
                    false,
                ),
            }
        }
        Command::PanLeft | Command::PanRight => {
            let step = pan_days(now.zoom, now.width);
            let step = if cmd == Command::PanLeft { -step } else { step };
            state.wall.start = Some(timeline::add_days(now.start, step));
        }
        Command::Today => state.wall.start = Some(start_for(today, now.zoom, now.width)),
        Command::Group => {
            state.wall.group = match state.wall.group {
                WallGroup::Unit => WallGroup::Section,
                WallGroup::Section => WallGroup::Unit,
            };
            if state.wall.list.loaded {
                rebuild(state, View::Wall);
                rows_if_needed(state, fx);
            }
            let w = crate::i18n::wall::words(lang);
            let how = match state.wall.group {
                WallGroup::Unit => w.by_unit,
                WallGroup::Section => w.by_section,
            };
            state.say(format!("{}{how}", w.grouped), false);
        }
        _ => return false,
    }
    true
}

/// The keys of every task shown, with each one's lead unit for the grouping.
pub fn keys_loaded(
    state: &mut State,
    keys: Vec<TaskKey>,
    leads: Arc<LeadUnits>,
    fx: &mut Vec<Effect>,
) {
    state.wall.leads = leads;
    list_keys_loaded(state, View::Wall, keys, fx);
}

/// The text of rows, and the milestones of the same tasks (`ids`: every task asked for, so
/// that one without milestones is not asked again).
pub fn rows_loaded(
    state: &mut State,
    items: Vec<TaskItem>,
    mut milestones: HashMap<i64, Vec<Milestone>>,
    ids: &[i64],
) {
    let wall = &mut state.wall;
    // The cache holds about a screen or two; start over rather than grow without end.
    if wall.list.rows.len() > 1000 {
        wall.list.rows.clear();
        wall.milestones.clear();
    }
    for id in ids {
        wall.milestones
            .insert(*id, milestones.remove(id).unwrap_or_default());
    }
    for item in items {
        wall.list.rows.insert(item.row.id, item);
    }
}

/// `keys` in the order of their lead units in the department list (tasks without a unit last),
/// plan order kept under each: a counting sort, a few milliseconds at 100,000 tasks.
pub fn by_lead_unit(keys: Vec<TaskKey>, leads: &LeadUnits) -> Vec<TaskKey> {
    let none = leads.departments.len();
    let slot = |k: &TaskKey| leads.rank_of(k.id).map_or(none, |r| (r as usize).min(none));
    let mut starts = vec![0usize; none + 2];
    for k in &keys {
        starts[slot(k) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out: Vec<Option<TaskKey>> = vec![None; keys.len()];
    for k in keys {
        let s = slot(&k);
        out[starts[s]] = Some(k);
        starts[s] += 1;
    }
    out.into_iter().flatten().collect()
}

/// Forgets what was read (a reload, another plan): the rows and their milestones.
pub fn forget_rows(state: &mut State) {
    state.wall.list.rows.clear();
    state.wall.milestones.clear();
}
