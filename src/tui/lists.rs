//! The list screens' machinery: filters, sorting, the department and task lists, moving in
//! them, and what each asks the store for (rows on screen, the detail). `update` calls it.

use crate::domain::Light;
use crate::store::{TaskKey, TaskQuery};

use super::action::Effect;
use super::nav::follow;
use super::report_view;
use super::state::*;

/// Above this many tasks the "not yet reported" marks are not refreshed after every change.
pub(super) const BIG_FILE_TASKS: usize = 20_000;

/// Reads everything on screen again (after a reload or another clerk's write).
pub(super) fn reload(state: &mut State, fx: &mut Vec<Effect>) {
    fx.push(Effect::LoadOverview);
    fx.push(Effect::LoadDrafts);
    if state.view == View::People {
        fx.push(Effect::LoadPeople);
    }
    // The trends read before are of the file as it was: kept on screen until read again.
    report_view::trend::stale(state);
    report_view::load(state, fx);
    super::wall::forget_rows(state);
    for view in [View::Tasks, View::Deadlines, View::Wall] {
        let list = list_of(state, view);
        list.rows.clear();
        if list.loaded {
            fx.push(Effect::LoadTaskKeys {
                view,
                query: query_for(state, view),
            });
        }
    }
    // The overview brings the department's tasks, and they bring the detail; in the task
    // lists the keys do. Force it anyway in case the selection does not change.
    detail_if_needed(state, true, fx);
}

pub(super) fn list_view(state: &State) -> Option<View> {
    (state.view != View::Departments).then_some(state.view)
}

pub(super) fn list_of(state: &mut State, view: View) -> &mut TaskList {
    match view {
        View::Deadlines => &mut state.deadlines,
        View::Wall => &mut state.wall.list,
        _ => &mut state.tasks,
    }
}

/// Lines of a task list on screen (view 7 spends one more on its time axis).
pub(super) fn page_rows(state: &State, view: View) -> usize {
    match view {
        View::Wall => super::ui::layout::wall_rows(&state.viewport),
        _ => state.viewport.list_rows,
    }
}

/// A task list's keys arrived (`Action::TaskKeys`, and view 7's with its lead units).
pub(super) fn keys_loaded(state: &mut State, view: View, keys: Vec<TaskKey>, fx: &mut Vec<Effect>) {
    let list = list_of(state, view);
    list.all = keys;
    list.loaded = true;
    rebuild(state, view);
    if state.view == view {
        rows_if_needed(state, fx);
        detail_if_needed(state, true, fx);
    }
    // The queue's Enter waited for this list: the task is there now, or not in the
    // plan shown.
    if view == View::Tasks && !goto_pending(state, fx) {
        state.goto_task = None;
        let text = crate::i18n::closing::queue_words(state.session.lang).not_shown;
        state.say(text.to_string(), true);
    }
}

pub(super) fn query_for(state: &State, view: View) -> TaskQuery {
    let slot = match view {
        View::Deadlines => 3,
        View::Wall => 4,
        _ => 2,
    };
    TaskQuery {
        text: state.filters[slot].clone(),
        scope: crate::store::Scope {
            department: state
                .only_mine
                .then_some(state.session.department)
                .flatten(),
            as_of: state.session.as_of,
            plan: state.plan,
        },
    }
}

pub(super) fn apply_filter(state: &mut State, fx: &mut Vec<Effect>) {
    match (state.view, state.pane) {
        (View::Departments, Pane::Departments) => {
            let keep = state.depts.selected_item().map(|d| d.id);
            refilter_departments(state, keep);
            department_tasks(state, false, fx);
        }
        (View::Departments, Pane::Tasks) => {
            let keep = state.dept_tasks.selected_item().map(|t| t.row.id);
            refilter_dept_tasks(state, keep);
            detail_if_needed(state, false, fx);
        }
        (view, _) => {
            // Typing goes to the database: the runner runs only the last of a burst of keys.
            fx.push(Effect::LoadTaskKeys {
                view,
                query: query_for(state, view),
            });
        }
    }
}

pub(super) fn clear_filter(state: &mut State, fx: &mut Vec<Effect>) {
    let slot = state.filter_slot();
    if !state.filters[slot].is_empty() {
        state.filters[slot].clear();
        apply_filter(state, fx);
    }
}

pub(super) fn reapply_toggles(state: &mut State, fx: &mut Vec<Effect>) {
    let keep = state.depts.selected_item().map(|d| d.id);
    refilter_departments(state, keep);
    let keep = state.dept_tasks.selected_item().map(|t| t.row.id);
    refilter_dept_tasks(state, keep);
    for view in [View::Tasks, View::Deadlines] {
        if list_of(state, view).loaded {
            rebuild(state, view);
        }
    }
    // The chart's list when it is shown, else when it next is (`wall::enter`).
    if state.wall.list.loaded {
        match state.view {
            View::Wall => rebuild(state, View::Wall),
            _ => state.wall.stale = true,
        }
    }
    if state.view == View::Departments {
        department_tasks(state, false, fx);
    } else {
        rows_if_needed(state, fx);
    }
    detail_if_needed(state, false, fx);
}

pub(super) fn sort_departments(state: &mut State) {
    let items = &mut state.depts.items;
    match state.sort {
        DeptSort::WorstFirst => items.sort_by(|a, b| {
            a.rollup
                .worst_first(&b.rollup)
                .then_with(|| a.name.cmp(&b.name))
        }),
        DeptSort::Name => items.sort_by_cached_key(|d| crate::domain::pinyin::sort_key(&d.name)),
        DeptSort::Percent => items.sort_by(|a, b| {
            match (a.rollup.avg_percent(), b.rollup.avg_percent()) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.name.cmp(&b.name))
        }),
    }
}

/// Case-insensitive "contains" (ASCII case; Chinese has none).
pub(super) fn contains(hay: &str, needle: &str) -> bool {
    needle.is_empty() || hay.to_lowercase().contains(&needle.to_lowercase())
}

pub(super) fn refilter_departments(state: &mut State, keep: Option<i64>) {
    let needle = state.filters[0].trim().to_string();
    let mine = state
        .only_mine
        .then_some(state.session.department)
        .flatten();
    let only_alert = state.only_alert;
    let pane = &mut state.depts;
    pane.shown = pane
        .items
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            (contains(&d.name, &needle) || d.aliases.iter().any(|a| contains(a, &needle)))
                && mine.is_none_or(|m| m == d.id)
                && (!only_alert || d.rollup.red + d.rollup.yellow > 0)
        })
        .map(|(i, _)| i)
        .collect();
    pane.selected = keep
        .and_then(|id| pane.shown.iter().position(|&i| pane.items[i].id == id))
        .unwrap_or(0);
    pane.offset = follow(
        pane.selected,
        pane.offset,
        state.viewport.dept_rows,
        pane.shown.len(),
    );
}

pub(super) fn refilter_dept_tasks(state: &mut State, keep: Option<i64>) {
    let needle = state.filters[1].trim().to_string();
    let only_alert = state.only_alert;
    let pane = &mut state.dept_tasks;
    pane.shown = pane
        .items
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            // As view 2's filter: the number, the title, or a unit's name.
            (contains(&t.row.number, &needle)
                || contains(&t.row.title, &needle)
                || t.row.units.iter().any(|u| contains(&u.name, &needle)))
                && (!only_alert || matches!(t.light(), Some(Light::Red | Light::Yellow)))
        })
        .map(|(i, _)| i)
        .collect();
    pane.selected = keep
        .and_then(|id| pane.shown.iter().position(|&i| pane.items[i].row.id == id))
        .unwrap_or(0);
    pane.offset = follow(
        pane.selected,
        pane.offset,
        state.viewport.dept_task_rows,
        pane.shown.len(),
    );
}

/// Asks for the selected department's tasks when they are not the ones held (or always, on
/// `force`).
pub(super) fn department_tasks(state: &mut State, force: bool, fx: &mut Vec<Effect>) {
    match state.depts.selected_item().map(|d| d.id) {
        Some(id)
            if force || !state.dept_tasks.loaded || state.dept_tasks.department != Some(id) =>
        {
            if state.dept_tasks.department != Some(id) {
                state.dept_tasks.loaded = false;
                state.dept_tasks.selected = 0;
                state.dept_tasks.offset = 0;
            }
            fx.push(Effect::LoadDepartmentTasks { department: id });
        }
        Some(_) => {}
        None => {
            state.dept_tasks = DeptTasks {
                loaded: state.depts.loaded,
                ..DeptTasks::default()
            };
        }
    }
}

pub(super) fn key_light(state: &State, key: &TaskKey) -> Option<Light> {
    key.completion.map(|c| {
        state
            .milestones
            .assess(
                key.id,
                None,
                floor_percent(c),
                key.schedule,
                state.session.today,
                &state.thresholds,
            )
            .light
    })
}

/// Orders, groups and light-filters a task list from its keys, keeping the selected task.
pub(super) fn rebuild(state: &mut State, view: View) {
    let today = state.session.today;
    let only_alert = state.only_alert;
    let all = std::mem::take(&mut list_of(state, view).all);
    let mut keys: Vec<TaskKey> = all
        .iter()
        .filter(|k| !only_alert || matches!(key_light(state, k), Some(Light::Red | Light::Yellow)))
        .copied()
        .collect();
    if view == View::Deadlines {
        // Stable: same bucket and day keep plan order.
        keys.sort_by_key(|k| (Bucket::of(k, today), k.schedule.deadline));
    }
    // View 7 by lead unit: the department list's order, plan order under each.
    let by_unit = view == View::Wall && state.wall.group == super::wall::model::WallGroup::Unit;
    let leads = state.wall.leads.clone();
    if by_unit {
        keys = super::wall::by_lead_unit(keys, &leads);
    }
    let mut entries = Vec::with_capacity(keys.len() + 16);
    let mut group = None;
    for (i, k) in keys.iter().enumerate() {
        let g = match view {
            View::Deadlines => Group::Bucket(Bucket::of(k, today)),
            View::Wall if by_unit => Group::Unit(leads.lead_of(k.id)),
            _ => Group::Section(k.section_id),
        };
        // Sections are a plan's: tasks of two plans without one are two groups.
        let plan = (view != View::Deadlines && !by_unit).then_some(k.plan_id);
        if group != Some((g, plan)) {
            entries.push(Entry::Group(g));
            group = Some((g, plan));
        }
        entries.push(Entry::Task(i));
    }
    if view == View::Wall {
        state.wall.stale = false;
    }
    let rows = page_rows(state, view);
    let list = list_of(state, view);
    let keep = list.selected_task();
    list.all = all;
    list.keys = keys;
    list.entries = entries;
    list.selected = keep
        .and_then(|id| {
            list.entries
                .iter()
                .position(|e| matches!(e, Entry::Task(i) if list.keys[*i].id == id))
        })
        .or_else(|| first_task(&list.entries))
        .unwrap_or(0);
    list.offset = follow_grouped(&list.entries, list.selected, list.offset, rows);
}

pub(super) fn first_task(entries: &[Entry]) -> Option<usize> {
    entries.iter().position(|e| matches!(e, Entry::Task(_)))
}

pub(super) fn last_task(entries: &[Entry]) -> Option<usize> {
    entries.iter().rposition(|e| matches!(e, Entry::Task(_)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
}

/// Moves an index in a list of `len` rows by one step, `page` rows to a page.
pub(super) fn moved(i: usize, len: usize, page: usize, s: Step) -> usize {
    if len == 0 {
        return 0;
    }
    let page = page.max(1);
    let last = len - 1;
    match s {
        Step::Up => i.saturating_sub(1),
        Step::Down => (i + 1).min(last),
        Step::PageUp => i.saturating_sub(page),
        Step::PageDown => (i + page).min(last),
        Step::First => 0,
        Step::Last => last,
    }
}

pub(super) fn step(state: &mut State, s: Step, fx: &mut Vec<Effect>) {
    let vp = state.viewport;
    match (state.view, state.pane) {
        (View::Departments, Pane::Departments) => {
            let pane = &mut state.depts;
            pane.selected = moved(pane.selected, pane.shown.len(), vp.dept_rows, s);
            pane.offset = follow(pane.selected, pane.offset, vp.dept_rows, pane.shown.len());
            department_tasks(state, false, fx);
        }
        (View::Departments, Pane::Tasks) => {
            let pane = &mut state.dept_tasks;
            pane.selected = moved(pane.selected, pane.shown.len(), vp.dept_task_rows, s);
            pane.offset = follow(
                pane.selected,
                pane.offset,
                vp.dept_task_rows,
                pane.shown.len(),
            );
            detail_if_needed(state, false, fx);
        }
        (view, _) => {
            let page = page_rows(state, view);
            let list = list_of(state, view);
            let Some(first) = first_task(&list.entries) else {
                return;
            };
            let last = last_task(&list.entries).unwrap_or(first);
            let is_task = |i: usize| matches!(list.entries.get(i), Some(Entry::Task(_)));
            let target = moved(list.selected, list.entries.len(), page, s);
            // Land on a task line: headings are skipped in the direction of travel.
            let forward = matches!(s, Step::Down | Step::PageDown | Step::Last);
            let mut i = target.clamp(first, last);
            while !is_task(i) {
                if forward { i += 1 } else { i -= 1 }
            }
            list.selected = i;
            list.offset = follow_grouped(&list.entries, list.selected, list.offset, page);
            rows_if_needed(state, fx);
            detail_if_needed(state, false, fx);
        }
    }
}

/// Like `follow`, and a task's heading stays on screen with its first task.
pub(super) fn follow_grouped(
    entries: &[Entry],
    selected: usize,
    offset: usize,
    rows: usize,
) -> usize {
    let offset = follow(selected, offset, rows, entries.len());
    if offset == selected
        && selected > 0
        && matches!(entries.get(selected - 1), Some(Entry::Group(_)))
    {
        selected - 1
    } else {
        offset
    }
}

pub(super) fn follow_all(state: &mut State) {
    let vp = state.viewport;
    let d = &mut state.depts;
    d.offset = follow(d.selected, d.offset, vp.dept_rows, d.shown.len());
    let t = &mut state.dept_tasks;
    t.offset = follow(t.selected, t.offset, vp.dept_task_rows, t.shown.len());
    for list in [&mut state.tasks, &mut state.deadlines] {
        list.offset = follow_grouped(&list.entries, list.selected, list.offset, vp.list_rows);
    }
    let page = page_rows(state, View::Wall);
    let wall = &mut state.wall.list;
    wall.offset = follow_grouped(&wall.entries, wall.selected, wall.offset, page);
}

/// Asks for the text of task rows on screen that the cache lacks (a screen either side too, so
/// that moving line by line rarely waits).
pub(super) fn rows_if_needed(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(view) = list_view(state) else {
        return;
    };
    let rows = page_rows(state, view).max(1);
    let list = list_of(state, view);
    let ids_in = |from: usize, to: usize| -> Vec<i64> {
        list.entries
            .get(from.min(list.entries.len())..to.min(list.entries.len()))
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| match e {
                Entry::Task(i) => Some(list.keys[*i].id),
                Entry::Group(_) => None,
            })
            .collect()
    };
    let visible = ids_in(list.offset, list.offset + rows);
    if visible.iter().all(|id| list.rows.contains_key(id)) {
        return;
    }
    let ids: Vec<i64> = ids_in(list.offset.saturating_sub(rows), list.offset + 2 * rows)
        .into_iter()
        .filter(|id| !list.rows.contains_key(id))
        .collect();
    fx.push(Effect::LoadRows { view, ids });
}

/// Asks for the selected task's detail when it is on screen and not the one held.
pub(super) fn detail_if_needed(state: &mut State, force: bool, fx: &mut Vec<Effect>) {
    if !state.detail_visible() {
        return;
    }
    let Some(task) = state.selected_task() else {
        state.detail = Detail::default();
        return;
    };
    if force || state.detail.task != Some(task) {
        // Reloading the same task keeps the unit the user moved to with Tab; a new task
        // starts at the selected department's unit.
        let same = state.detail.task == Some(task);
        fx.push(Effect::LoadDetail {
            task,
            department: if same {
                None
            } else {
                state.selected_department()
            },
            unit: if same { state.detail.unit } else { 0 },
        });
    }
}

pub(super) fn cycle_unit(state: &mut State, forward: bool, fx: &mut Vec<Effect>) {
    let Some(data) = &state.detail.data else {
        return;
    };
    let n = data.units.len();
    if n < 2 {
        return;
    }
    let unit = if forward {
        (state.detail.unit + 1) % n
    } else {
        (state.detail.unit + n - 1) % n
    };
    fx.push(Effect::LoadDetail {
        task: data.id,
        department: None,
        unit,
    });
}

/// Puts the cursor on task `task` in the list on screen, if the list shows it (after an undo:
/// the save had moved the cursor on).
pub(super) fn select_task(state: &mut State, task: i64) {
    match state.view {
        View::Departments => {
            let rows = state.viewport.dept_task_rows;
            let pane = &mut state.dept_tasks;
            if let Some(i) = pane
                .shown
                .iter()
                .position(|&j| pane.items[j].row.id == task)
            {
                pane.selected = i;
                pane.offset = follow(i, pane.offset, rows, pane.shown.len());
            }
        }
        View::Tasks | View::Deadlines | View::Wall => {
            let rows = page_rows(state, state.view);
            if let Some(list) = state.list_mut()
                && let Some(i) = list.entries.iter().position(
                    |e| matches!(e, Entry::Task(k) if list.keys.get(*k).is_some_and(|key| key.id == task)),
                )
            {
                list.selected = i;
                list.offset = follow_grouped(&list.entries, i, list.offset, rows);
            }
        }
        View::People | View::Report | View::Indicators => {}
    }
}

/// The queue's Enter (`super::queue`): puts view 2's cursor on `State::goto_task` and opens its
/// detail, if view 2's list is read and shows it. `false`: not (yet) there.
pub(super) fn goto_pending(state: &mut State, fx: &mut Vec<Effect>) -> bool {
    let Some(task) = state.goto_task else {
        return true;
    };
    if state.view != View::Tasks || !state.tasks.loaded {
        return false;
    }
    select_task(state, task);
    if state.selected_task() != Some(task) {
        return false;
    }
    state.goto_task = None;
    state.mode = Mode::Detail;
    rows_if_needed(state, fx);
    detail_if_needed(state, false, fx);
    true
}

/// Clears what could hide a task from view 2 (its filter, the red/yellow and my-department
/// toggles) and reads the list again; `goto_pending` runs when it arrives.
pub(super) fn clear_narrowing(state: &mut State, fx: &mut Vec<Effect>) {
    state.filters[2].clear();
    state.only_alert = false;
    state.only_mine = false;
    state.tasks.loaded = false;
    reapply_toggles(state, fx);
    fx.push(Effect::LoadTaskKeys {
        view: View::Tasks,
        query: query_for(state, View::Tasks),
    });
}
