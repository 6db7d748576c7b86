//! The plan switcher (`P`): a file may hold several plans, each numbering its tasks from 1. The
//! screens show one plan, or all of them with a short plan label where numbers could be confused.
//! The choice, and an admin's or viewer's selected department, are remembered for this login
//! (`super::prefs`; the runner does the file I/O).

use super::action::{Command, Effect};
use super::prefs::Remembered;
use super::state::{DeptTasks, Detail, Mode, PlanItem, State, TaskList, View};
use crate::i18n::tui as t;

/// The plans as the file holds them now; on the first open, what this login last looked at.
pub fn opened(
    state: &mut State,
    plans: Vec<PlanItem>,
    remembered: Option<Remembered>,
    fx: &mut Vec<Effect>,
) {
    state.plans = plans;
    if let Some(r) = remembered {
        state.plan = r.plan;
        // An editor opens on their own department (see `update`); others where they left off.
        if state.session.role != Some(crate::domain::ClerkRole::Editor) {
            state.restore_department = r.department;
        }
    }
    // A plan no longer in the file (or the only one left): every plan is shown.
    if state.plans.len() < 2 || !state.plans.iter().any(|p| Some(p.id) == state.plan) {
        state.plan = None;
    }
    fx.push(Effect::UsePlan { plan: state.plan });
}

/// `P`: opens the switcher on the plan shown, or says why there is nothing to switch.
pub fn start(state: &mut State) {
    if state.plans.len() < 2 {
        let text = t::one_plan(state.session.lang);
        state.say(text, false);
        return;
    }
    state.plan_pick = state
        .plan
        .and_then(|id| state.plans.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    state.mode = Mode::Plans;
}

/// A key in the switcher: move, pick (Enter), or leave it as it was (Esc).
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let rows = state.plans.len() + 1;
    if super::nav::move_selection(cmd, &mut state.plan_pick, rows, rows) {
        return;
    }
    match cmd {
        Command::Pick | Command::Open => {
            let plan = match state.plan_pick {
                0 => None,
                i => state.plans.get(i - 1).map(|p| p.id),
            };
            state.mode = Mode::Normal;
            choose(state, plan, fx);
        }
        Command::Cancel | Command::Close | Command::Plans => state.mode = Mode::Normal,
        Command::Quit => {
            state.quit = true;
            remember(state, fx);
        }
        _ => {}
    }
}

/// Shows `plan` (`None`: all): every list is read again in the new scope.
fn choose(state: &mut State, plan: Option<i64>, fx: &mut Vec<Effect>) {
    if plan == state.plan {
        return;
    }
    state.plan = plan;
    fx.push(Effect::UsePlan { plan });
    remember(state, fx);
    // What was read for the other scope is dropped; the department list keeps its selection
    // when the department has a part in this plan too.
    state.tasks = TaskList::default();
    state.deadlines = TaskList::default();
    state.wall.list = TaskList::default();
    state.dept_tasks = DeptTasks::default();
    state.detail = Detail::default();
    state.unreported.clear();
    state.unreported_loaded = false;
    state.report.circular = None;
    state.report.trends.clear();
    state.indicators.view = None;
    super::lists::reload(state, fx);
    if matches!(state.view, View::Tasks | View::Deadlines | View::Wall) {
        fx.push(Effect::LoadTaskKeys {
            view: state.view,
            query: super::lists::query_for(state, state.view),
        });
    }
    let text = t::plan_shown(state.session.lang, plan_name(state).as_deref());
    state.say(text, false);
}

/// The title of the plan shown, `None` when all are.
pub fn plan_name(state: &State) -> Option<String> {
    let id = state.plan?;
    state
        .plans
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.title.clone())
}

/// Keeps the plan shown and (admins and viewers) the selected department for the next session.
pub fn remember(state: &State, fx: &mut Vec<Effect>) {
    if state.session.remember.is_none() {
        return;
    }
    let department = match state.session.role {
        Some(crate::domain::ClerkRole::Editor) => None,
        // Before the list is read, what was remembered stays.
        _ => state
            .depts
            .selected_item()
            .map(|d| d.id)
            .or(state.restore_department),
    };
    fx.push(Effect::Remember(Remembered {
        plan: state.plan,
        department,
    }));
}
