//! Views 5 (the circular: the ranking, Enter shows a department's score breakdown) and 6 (the
//! indicators). Both read only; the figures come from `report::circular` and
//! `report::indicators` through the runner, as the command line prints them.

use crate::domain::{CycleKind, Period};
use crate::report::circular::Circular;
use crate::report::indicators::IndicatorView;

use super::action::{Command, Effect};
use super::state::{State, View};
use super::update::follow;

#[derive(Debug, Clone, Default)]
pub struct ReportScreen {
    pub period: Option<Period>,
    /// `None` inside: the period has not begun.
    pub circular: Option<Option<Circular>>,
    pub selected: usize,
    pub offset: usize,
    /// The selected department's score breakdown is shown.
    pub open: bool,
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorScreen {
    pub view: Option<IndicatorView>,
    pub selected: usize,
    pub offset: usize,
}

impl ReportScreen {
    /// Departments in the ranking's order (ranked, then the rest).
    pub fn rows(&self) -> usize {
        self.circular
            .as_ref()
            .and_then(|c| c.as_ref())
            .map_or(0, |c| c.departments.len())
    }
}

impl IndicatorScreen {
    pub fn rows(&self) -> usize {
        self.view.as_ref().map_or(0, |v| {
            v.indicators.len() + v.matrices.iter().map(|m| m.rows.len()).sum::<usize>()
        })
    }
}

/// Loads what view 5 or 6 shows, when first opened or after a reload.
pub fn load(state: &mut State, fx: &mut Vec<Effect>) {
    match state.view {
        View::Report => {
            let period = *state
                .report
                .period
                .get_or_insert_with(|| CycleKind::Quarterly.period_of(state.session.today));
            fx.push(Effect::LoadReport { period });
        }
        View::Indicators => fx.push(Effect::LoadIndicators),
        _ => {}
    }
}

pub fn report_loaded(state: &mut State, circular: Option<Circular>) {
    state.report.circular = Some(circular);
    let len = state.report.rows();
    state.report.selected = state.report.selected.min(len.saturating_sub(1));
}

pub fn indicators_loaded(state: &mut State, view: IndicatorView) {
    state.indicators.view = Some(view);
    let len = state.indicators.rows();
    state.indicators.selected = state.indicators.selected.min(len.saturating_sub(1));
}

/// Keys of views 5 and 6; true when handled.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    let view = state.view;
    let rows = state.viewport.list_rows.max(1);
    let (selected, len) = match view {
        View::Report => (state.report.selected, state.report.rows()),
        View::Indicators => (state.indicators.selected, state.indicators.rows()),
        _ => return false,
    };
    let last = len.saturating_sub(1);
    let moved = match cmd {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(rows),
        Command::PageDown => (selected + rows).min(last),
        Command::First => 0,
        Command::Last => last,
        Command::Open if view == View::Report => {
            state.report.open = !state.report.open;
            return true;
        }
        Command::Close if view == View::Report => {
            state.report.open = false;
            return true;
        }
        Command::PrevPeriod | Command::NextPeriod if view == View::Report => {
            if let Some(p) = state.report.period {
                let p = if cmd == Command::PrevPeriod {
                    p.previous()
                } else {
                    p.next()
                };
                state.report.period = Some(p);
                state.report.circular = None;
                state.report.open = false;
                fx.push(Effect::LoadReport { period: p });
            }
            return true;
        }
        _ => return false,
    };
    match view {
        View::Report => {
            let r = &mut state.report;
            r.selected = moved;
            r.offset = follow(moved, r.offset, rows, len);
        }
        _ => {
            let i = &mut state.indicators;
            i.selected = moved;
            i.offset = follow(moved, i.offset, rows, len);
        }
    }
    true
}
