//! The mouse, for those who turn it on (`c`, off at start): the wheel moves in the list under
//! the pointer, a left click selects the row under it, and both give that list the focus.
//!
//! Off by default because a terminal that reports the mouse to a program no longer lets the
//! mouse select text: clerks copy task titles out of an SSH window that way. Only clicks and
//! the wheel are asked for (modes 1000 and 1006), not motion: a moving pointer would otherwise
//! send bytes over the link all the time.
//!
//! Pure like `update`: where a cell falls is computed from the viewport with the same
//! `ui::layout` functions the drawing uses, and a row is selected through the list's own Up and
//! Down (from the row next to it), so that scrolling, the detail and the department's tasks
//! follow exactly as they do for the keys.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::{Action, Command, Effect};
use super::keymap;
use super::people::PeoplePane;
use super::state::{Entry, Mode, Pane, State, View};
use super::ui::layout;
use super::ui::widgets::shown_offset;

/// What the mouse did, of what duban answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    WheelUp,
    WheelDown,
    /// The left button pressed.
    Click,
}

/// The sequences that ask the terminal for clicks and the wheel (normal tracking, 1000) in SGR
/// encoding (1006, no limit on the column), and that stop them. Stopping also clears the modes
/// duban never sets (crossterm's `DisableMouseCapture`, written on every exit), in case a
/// program before it left one on.
pub const ENABLE: &str = "\x1b[?1000h\x1b[?1006h";
pub const DISABLE: &str = "\x1b[?1006l\x1b[?1000l";

/// A terminal's mouse event as an action (clicks of the left button and the wheel only).
pub fn translate(event: &MouseEvent) -> Option<Action> {
    let kind = match event.kind {
        MouseEventKind::ScrollUp => MouseKind::WheelUp,
        MouseEventKind::ScrollDown => MouseKind::WheelDown,
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
        _ => return None,
    };
    Some(Action::Mouse {
        kind,
        column: event.column,
        row: event.row,
    })
}

/// A list that the mouse can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// View 1's departments (left) and the selected department's tasks (right).
    Departments,
    DeptTasks,
    /// Views 2 and 3.
    Tasks,
    /// View 4's two lists.
    PeopleDepartments,
    PeopleClerks,
    /// View 5's ranking (or its settings screen).
    Report,
    /// View 6.
    Indicators,
}

/// What is under a cell: a list, and the index of its row there (`None`: the pane's title, its
/// column heads, or below its last row). For the task lists the index is into `entries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub list: List,
    pub row: Option<usize>,
}

/// The list under the cell at `column`, `row` of the screen, as it is drawn now.
pub fn target(state: &State, column: u16, row: u16) -> Option<Target> {
    let vp = state.viewport;
    let screen = Rect::new(0, 0, vp.width, vp.height);
    if vp.width == 0 || layout::too_small(screen) {
        return None;
    }
    let at = Position::new(column, row);
    let body = layout::areas(screen).body;
    let wide = layout::is_wide(screen);
    // The index of the list row at the cell, if `rows` (where the rows are drawn) holds it.
    let pick = |rows: Rect, offset: usize, len: usize| -> Option<usize> {
        if !rows.contains(at) {
            return None;
        }
        let k = offset + usize::from(row - rows.y);
        (k < len).then_some(k)
    };
    let hit = |list: List, pane: Rect, row: Option<usize>| -> Option<Target> {
        pane.contains(at).then_some(Target { list, row })
    };
    let under_title = super::ui::widgets::body_rows;
    match state.view {
        View::Departments => {
            let (left, right, _) = layout::department_panes(body, wide);
            let d = &state.depts;
            let t = &state.dept_tasks;
            hit(
                List::Departments,
                left,
                pick(under_title(left), d.offset, d.shown.len()),
            )
            .or_else(|| {
                hit(
                    List::DeptTasks,
                    right,
                    pick(under_title(right), t.offset, t.shown.len()),
                )
            })
        }
        View::Tasks | View::Deadlines => {
            let (pane, _) = layout::list_panes(body, wide);
            let list = state.list()?;
            let k = pick(under_title(pane), list.offset, list.entries.len());
            hit(List::Tasks, pane, k)
        }
        // The chart's rows start under its title and its axis.
        View::Wall => {
            let list = state.list()?;
            let k = pick(
                layout::wall_rows_area(body),
                list.offset,
                list.entries.len(),
            );
            hit(List::Tasks, body, k)
        }
        View::People => {
            let (left, right) = layout::people_panes(body);
            let p = &state.people;
            // Drawn from `shown_offset`, as `ui::people` does.
            let rows = |pane: Rect, selected: usize, offset: usize, len: usize| {
                let under = under_title(pane);
                pick(
                    under,
                    shown_offset(selected, offset, under.height.into()),
                    len,
                )
            };
            hit(
                List::PeopleDepartments,
                left,
                rows(left, p.dept, p.dept_offset, p.departments.len()),
            )
            .or_else(|| {
                hit(
                    List::PeopleClerks,
                    right,
                    rows(right, p.clerk, p.clerk_offset, p.clerks.len()),
                )
            })
        }
        View::Report => {
            let r = &state.report;
            if r.settings.is_some() {
                // The settings screen: the wheel moves in it; a click selects nothing.
                return hit(List::Report, body, None);
            }
            let (pane, _) = layout::report_panes(body, r.open);
            hit(
                List::Report,
                pane,
                pick(layout::table_rows(pane), r.offset, r.rows()),
            )
        }
        View::Indicators => {
            let s = &state.indicators;
            let (pane, _) = layout::indicator_panes(body, state.figure.is_some());
            let lines = s.lines();
            // Table titles and column heads are drawn in the list but cannot be selected.
            let k = pick(layout::table_rows(pane), s.offset, lines.len())
                .filter(|&k| lines[k].selectable());
            hit(List::Indicators, pane, k)
        }
    }
}

/// `Action::Mouse` and `Command::Mouse`, from `update`.
pub fn update(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Command(Command::Mouse) => toggle(state, fx),
        Action::Mouse { kind, column, row } => pointer(state, kind, column, row, fx),
        _ => {}
    }
}

/// Turns capture on or off, and says what that means.
fn toggle(state: &mut State, fx: &mut Vec<Effect>) {
    state.mouse = !state.mouse;
    fx.push(Effect::MouseCapture(state.mouse));
    let key = keymap::bindings()
        .find(|b| b.command == Command::Mouse)
        .map_or("c", |b| b.label);
    let text = crate::i18n::mouse::toggled(state.session.lang, state.mouse, key);
    state.say(text, false);
}

/// The wheel or a click: only over a list, only with nothing open over it (a form, a dialog,
/// help, the filter line being typed, a screen too small to show the lists).
fn pointer(state: &mut State, kind: MouseKind, column: u16, row: u16, fx: &mut Vec<Effect>) {
    if !state.mouse || state.mode != Mode::Normal || state.viewport.too_small() {
        return;
    }
    let Some(target) = target(state, column, row) else {
        return;
    };
    match kind {
        MouseKind::WheelUp | MouseKind::WheelDown => {
            focus(state, target.list);
            let cmd = if kind == MouseKind::WheelUp {
                Command::Up
            } else {
                Command::Down
            };
            fx.extend(super::update(state, Action::Command(cmd)));
        }
        MouseKind::Click => {
            let Some(k) = target.row else {
                return;
            };
            focus(state, target.list);
            select(state, target.list, k, fx);
        }
    }
}

/// Gives `list` the keyboard, as Tab would.
fn focus(state: &mut State, list: List) {
    match list {
        List::Departments => state.pane = Pane::Departments,
        List::DeptTasks => state.pane = Pane::Tasks,
        List::PeopleDepartments => state.people.pane = PeoplePane::Departments,
        List::PeopleClerks => state.people.pane = PeoplePane::Clerks,
        List::Tasks | List::Report | List::Indicators => {}
    }
    state.dirty = true;
}

/// The selection of `list`, to read and to set.
fn selected(state: &mut State, list: List) -> &mut usize {
    match list {
        List::Departments => &mut state.depts.selected,
        List::DeptTasks => &mut state.dept_tasks.selected,
        List::Tasks => match state.view {
            View::Deadlines => &mut state.deadlines.selected,
            View::Wall => &mut state.wall.list.selected,
            _ => &mut state.tasks.selected,
        },
        List::PeopleDepartments => &mut state.people.dept,
        List::PeopleClerks => &mut state.people.clerk,
        List::Report => &mut state.report.selected,
        List::Indicators => &mut state.indicators.selected,
    }
}

/// Selects row `k` of `list`: from the row before it, Down (or from the row after it, Up), so
/// that what a step of the keys brings along (the department's tasks, the detail, the rows'
/// text, the scrolling) comes along here too.
fn select(state: &mut State, list: List, k: usize, fx: &mut Vec<Effect>) {
    // A section's heading in the task lists is not a row to select.
    if list == List::Tasks
        && !state
            .list()
            .is_some_and(|l| matches!(l.entries.get(k), Some(Entry::Task(_))))
    {
        return;
    }
    let current = *selected(state, list);
    let cmd = match k.cmp(&current) {
        std::cmp::Ordering::Equal => return,
        std::cmp::Ordering::Greater => {
            *selected(state, list) = k - 1;
            Command::Down
        }
        std::cmp::Ordering::Less => {
            *selected(state, list) = k + 1;
            Command::Up
        }
    };
    fx.extend(super::update(state, Action::Command(cmd)));
}
