//! View 5's department trend: every department's completion at each month's end of the period's
//! year (`report::trend`), read off the UI thread when the breakdown is open, and kept per
//! period, so that moving between departments and back to a period shown before reads nothing.
//! A change to the file makes what was read stale: it stays on screen, marked, until read again.

use crate::domain::Period;
use crate::report::trend::Trend;
use crate::tui::action::Effect;
use crate::tui::state::{State, View};

use super::model::TrendEntry;

/// Asks for the shown period's trend when the breakdown is open and it is missing or stale,
/// unless that read is already out.
pub fn if_needed(state: &mut State, fx: &mut Vec<Effect>) {
    let r = &mut state.report;
    if state.view != View::Report || !r.open || r.settings.is_some() {
        return;
    }
    let Some(period) = r.period else {
        return;
    };
    let generation = r.trend_generation;
    let fresh = r
        .trends
        .get(&period)
        .is_some_and(|e| e.generation == generation);
    if fresh || r.trend_asked == Some((period, generation)) {
        return;
    }
    r.trend_asked = Some((period, generation));
    fx.push(Effect::LoadTrend {
        period,
        plan: state.plan,
        generation,
    });
}

/// The file changed: every trend read so far is of the file as it was.
pub fn stale(state: &mut State) {
    let r = &mut state.report;
    r.trend_generation += 1;
    r.trend_asked = None;
}

/// A trend came: kept for its period unless it is of another plan than the one shown, or older
/// than what is kept.
pub fn loaded(
    state: &mut State,
    (period, plan, generation): (Period, Option<i64>, u64),
    trend: Option<Trend>,
) {
    if plan != state.plan {
        return;
    }
    let r = &mut state.report;
    if r.trend_asked == Some((period, generation)) {
        r.trend_asked = None;
    }
    if r.trends
        .get(&period)
        .is_some_and(|e| e.generation > generation)
    {
        return;
    }
    r.trends.insert(period, TrendEntry { trend, generation });
}

/// What the breakdown shows of the shown period's trend: the entry, and whether it is being
/// read (again).
pub fn shown(state: &State) -> (Option<&TrendEntry>, bool) {
    let r = &state.report;
    let entry = r.period.and_then(|p| r.trends.get(&p));
    let reading = match (entry, r.period) {
        (Some(e), _) => e.generation != r.trend_generation,
        (None, _) => true,
    };
    (entry, reading)
}
