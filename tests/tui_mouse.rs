//! The mouse (`c` turns it on): the wheel moves in the list under the pointer, a click selects
//! the row under it, and nothing else reacts to it — not a form, a dialog, help, or the chrome.

#[path = "support/ui.rs"]
mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duban::i18n::Lang;
use duban::tui::action::{Action, Command, Effect};
use duban::tui::keymap::{self, Place};
use duban::tui::mouse::{List, MouseKind, Target};
use duban::tui::people::PeoplePane;
use duban::tui::state::{Entry, Mode, Pane, View};
use support::{Ui, demo, session};

// At 80x24: the header and the status line, each pane's title on row 2, rows from 3; view 1's
// departments in columns 0-31, a gap at 32, the tasks from 33.
const FIRST_ROW: u16 = 3;
const LEFT: u16 = 5;
const GAP: u16 = 32;
const RIGHT: u16 = 40;

fn mouse(kind: MouseKind, column: u16, row: u16) -> Action {
    Action::Mouse { kind, column, row }
}

fn wheel_down(ui: &mut Ui<'_>, column: u16, row: u16) {
    ui.send([mouse(MouseKind::WheelDown, column, row)]);
}

fn click(ui: &mut Ui<'_>, column: u16, row: u16) {
    ui.send([mouse(MouseKind::Click, column, row)]);
}

/// The screen's line `row`.
fn line(ui: &Ui<'_>, row: u16) -> String {
    ui.screen()
        .lines()
        .nth(usize::from(row))
        .unwrap()
        .to_string()
}

/// What the mouse may change: the focus and every list's selection.
fn selections(ui: &Ui<'_>) -> (Pane, usize, usize, usize, usize) {
    let s = &ui.state;
    (
        s.pane,
        s.depts.selected,
        s.dept_tasks.selected,
        s.tasks.selected,
        s.deadlines.selected,
    )
}

#[test]
fn the_mouse_is_off_until_c_and_c_says_what_it_means() {
    let (_dir, mut db) = demo();
    for lang in [Lang::Zh, Lang::En] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        assert!(!ui.state.mouse);
        // Off: the terminal sends nothing, and were it to, nothing moves.
        wheel_down(&mut ui, LEFT, 5);
        click(&mut ui, LEFT, FIRST_ROW + 4);
        assert_eq!(ui.state.depts.selected, 0);
        let fx = duban::tui::update(&mut ui.state, Action::Command(Command::Mouse));
        assert_eq!(fx, vec![Effect::MouseCapture(true)]);
        assert!(ui.state.mouse);
        let on = ui.screen();
        let fx = duban::tui::update(&mut ui.state, Action::Command(Command::Mouse));
        assert_eq!(fx, vec![Effect::MouseCapture(false)]);
        let off = ui.screen();
        match lang {
            Lang::Zh => {
                assert!(
                    on.contains("鼠标已开启:滚轮滚动、单击选中;按 c 关闭后可用鼠标选中文字复制"),
                    "{on}"
                );
                assert!(off.contains("鼠标已关闭"), "{off}");
            }
            Lang::En => {
                assert!(
                    on.contains("mouse on: the wheel scrolls, a click selects"),
                    "{on}"
                );
                assert!(
                    off.contains("mouse off: the mouse selects text to copy"),
                    "{off}"
                );
            }
        }
    }
}

#[test]
fn c_toggles_the_mouse_in_every_list_view_and_the_detail_and_help_says_so() {
    let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
    for view in [
        View::Departments,
        View::Tasks,
        View::Deadlines,
        View::People,
        View::Report,
        View::Indicators,
    ] {
        let place = Place::new(Mode::Normal, view);
        assert_eq!(keymap::lookup(&c, place), Some(Command::Mouse), "{view:?}");
        assert_eq!(
            keymap::lookup(&c, place.with_mode(Mode::Detail)),
            Some(Command::Mouse),
            "{view:?}"
        );
    }
    // In a form `c` is a letter of the text.
    for mode in [
        Mode::Form,
        Mode::Editor,
        Mode::Batch,
        Mode::Figure,
        Mode::Prompt,
    ] {
        assert_eq!(
            keymap::lookup(&c, Place::new(mode, View::Tasks)),
            None,
            "{mode:?}"
        );
    }
    let (_dir, mut db) = demo();
    for (lang, words) in [
        (
            Lang::Zh,
            ["鼠标开/关(默认关)", "单击选中一行", "选中文字复制"],
        ),
        (
            Lang::En,
            ["mouse on/off (off at start)", "a click selects", "select"],
        ),
    ] {
        let s = session(lang);
        // Tall enough for the whole help of a view.
        let mut ui = Ui::new(&mut db, &s, 100, 80);
        for view in [View::Departments, View::Tasks, View::People, View::Report] {
            ui.cmd(&[Command::View(view), Command::Help]);
            let help = ui.screen();
            let row = help
                .lines()
                .find(|l| l.trim_start().starts_with("c "))
                .unwrap_or_else(|| panic!("{view:?}: no c in\n{help}"));
            assert!(row.contains(words[0]), "{view:?}: {row}");
            let flat: String = help.split_whitespace().collect();
            for w in &words[1..] {
                let w: String = w.split_whitespace().collect();
                assert!(flat.contains(&w), "{view:?}: {w} in\n{help}");
            }
            ui.cmd(&[Command::Close]);
        }
    }
}

#[test]
fn the_wheel_moves_in_the_pane_under_the_pointer_of_view_1_and_focuses_it() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse]);
    assert_eq!(ui.state.pane, Pane::Departments);
    let first = ui.selected_department();
    // Over the tasks pane: the focus goes there and its selection moves, not the department's.
    wheel_down(&mut ui, RIGHT, 10);
    assert_eq!(ui.state.pane, Pane::Tasks);
    assert_eq!(ui.state.dept_tasks.selected, 1);
    assert_eq!(ui.selected_department(), first);
    wheel_down(&mut ui, RIGHT, 10);
    ui.send([mouse(MouseKind::WheelUp, RIGHT, 10)]);
    assert_eq!(ui.state.dept_tasks.selected, 1);
    let screen = ui.screen();
    let task = ui
        .state
        .dept_tasks
        .selected_item()
        .unwrap()
        .row
        .title
        .clone();
    let start: String = task.chars().take(4).collect();
    let marked = screen
        .lines()
        .find(|l| l.ends_with("◀") && l.contains(&start));
    assert!(marked.is_some(), "{task} marked in\n{screen}");
    // Over the departments: back there, the next department, and its tasks read.
    wheel_down(&mut ui, LEFT, 20);
    assert_eq!(ui.state.pane, Pane::Departments);
    assert_eq!(ui.state.depts.selected, 1);
    let second = ui.selected_department();
    assert_ne!(second, first);
    assert_eq!(
        ui.state.dept_tasks.department,
        ui.state.depts.selected_item().map(|d| d.id)
    );
    assert!(line(&ui, FIRST_ROW + 1).contains(&second));
    assert!(line(&ui, FIRST_ROW + 1).ends_with("◀"));
}

#[test]
fn a_click_selects_the_row_and_focuses_its_pane_in_view_1() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::NextPane]);
    assert_eq!(ui.state.pane, Pane::Tasks);
    // The fifth department, from the tasks pane.
    click(&mut ui, LEFT, FIRST_ROW + 4);
    assert_eq!(ui.state.pane, Pane::Departments);
    assert_eq!(ui.state.depts.selected, 4);
    let name = ui.selected_department();
    let row = line(&ui, FIRST_ROW + 4);
    assert!(row.starts_with(&name) && row.ends_with("◀"), "{row}");
    // The tasks shown are that department's.
    assert_eq!(
        ui.state.dept_tasks.department,
        ui.state.depts.selected_item().map(|d| d.id)
    );
    assert!(line(&ui, 2).contains(&name), "{}", line(&ui, 2));
    // A task of it, then one above.
    click(&mut ui, RIGHT, FIRST_ROW + 2);
    assert_eq!(ui.state.pane, Pane::Tasks);
    assert_eq!(ui.state.dept_tasks.selected, 2);
    click(&mut ui, RIGHT + 20, FIRST_ROW);
    assert_eq!(ui.state.dept_tasks.selected, 0);
    assert_eq!(ui.state.depts.selected, 4, "the department stays");
    assert!(line(&ui, FIRST_ROW).ends_with("◀"));
}

#[test]
fn a_click_and_the_wheel_in_the_task_lists_of_views_2_and_3() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::View(View::Tasks)]);
    // Row 3 is the first section's heading, 4 its first task.
    let first = ui.state.tasks.selected;
    assert!(matches!(ui.state.tasks.entries[first], Entry::Task(_)));
    wheel_down(&mut ui, 10, 12);
    assert_eq!(ui.state.tasks.selected, first + 1);
    click(&mut ui, 10, FIRST_ROW + 6);
    assert_eq!(ui.state.tasks.selected, 6);
    let task = ui.state.tasks.selected_task().unwrap();
    let row = line(&ui, FIRST_ROW + 6);
    let number = &ui.state.tasks.rows[&task].row.number;
    assert!(
        row.starts_with(number.as_str()) && row.ends_with("◀"),
        "{row}"
    );
    // A detail follows the selection where there is room for one.
    let mut wide = Ui::new(&mut db, &s, 120, 40);
    wide.cmd(&[Command::Mouse, Command::View(View::Deadlines)]);
    let heading = wide
        .state
        .deadlines
        .entries
        .iter()
        .skip(1)
        .position(|e| matches!(e, Entry::Group(_)))
        .unwrap()
        + 1;
    let k = heading + 1;
    click(&mut wide, 10, FIRST_ROW + k as u16);
    assert_eq!(wide.state.deadlines.selected, k);
    let task = wide.state.deadlines.selected_task();
    assert_eq!(wide.state.detail.task, task);
    // A section's heading is not a row to select.
    click(&mut wide, 10, FIRST_ROW + heading as u16);
    assert_eq!(wide.state.deadlines.selected, k);
}

#[test]
fn clicks_outside_the_lists_do_nothing() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::Down]);
    let before = selections(&ui);
    let screen = ui.screen();
    // The header, the status line, the panes' titles, the gap between them, the footer, and
    // the empty rows under the shorter list.
    let tasks = ui.state.dept_tasks.shown.len() as u16;
    for (column, row) in [
        (LEFT, 0),
        (RIGHT, 1),
        (LEFT, 2),
        (RIGHT, 2),
        (GAP, 8),
        (LEFT, 23),
        (RIGHT, FIRST_ROW + tasks + 1),
        (200, 5),
        (5, 200),
    ] {
        click(&mut ui, column, row);
        assert_eq!(selections(&ui), before, "clicked at {column},{row}");
    }
    assert_eq!(ui.screen(), screen);
    assert_eq!(
        duban::tui::mouse::target(&ui.state, GAP, 8),
        None,
        "the gap belongs to neither pane"
    );
    assert_eq!(
        duban::tui::mouse::target(&ui.state, LEFT, 2),
        Some(Target {
            list: List::Departments,
            row: None
        })
    );
}

#[test]
fn in_a_form_help_a_dialog_or_a_small_window_the_mouse_does_nothing() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
    let form = format!("{:?}", ui.state.form);
    let before = selections(&ui);
    let screen = ui.screen();
    for row in 0..24 {
        for kind in [MouseKind::Click, MouseKind::WheelDown, MouseKind::WheelUp] {
            ui.send([mouse(kind, LEFT, row), mouse(kind, RIGHT, row)]);
        }
    }
    assert_eq!(ui.state.mode, Mode::Form);
    assert_eq!(
        format!("{:?}", ui.state.form),
        form,
        "nothing typed or moved"
    );
    assert_eq!(selections(&ui), before);
    assert_eq!(ui.screen(), screen);
    // Help and the filter line.
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::Help]);
    click(&mut ui, LEFT, FIRST_ROW + 3);
    wheel_down(&mut ui, LEFT, FIRST_ROW + 3);
    assert_eq!(ui.state.mode, Mode::Help);
    assert_eq!((ui.state.depts.selected, ui.state.help_scroll), (0, 0));
    ui.cmd(&[Command::Close, Command::Filter]);
    click(&mut ui, RIGHT, FIRST_ROW + 3);
    assert_eq!(ui.state.mode, Mode::Filter);
    assert_eq!(
        ui.state.pane,
        Pane::Departments,
        "the filter keeps its list"
    );
    // Too small a window shows no list to click.
    let mut ui = Ui::new(&mut db, &s, 50, 12);
    ui.cmd(&[Command::Mouse]);
    click(&mut ui, LEFT, FIRST_ROW + 3);
    wheel_down(&mut ui, LEFT, FIRST_ROW + 3);
    assert_eq!(ui.state.depts.selected, 0);
}

#[test]
fn views_4_5_and_6_take_the_wheel_and_clicks_on_their_rows() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Mouse, Command::View(View::People)]);
    // View 4: the clerks on the right half.
    wheel_down(&mut ui, 50, 6);
    assert_eq!(ui.state.people.pane, PeoplePane::Clerks);
    assert_eq!(ui.state.people.clerk, 1);
    click(&mut ui, 5, FIRST_ROW + 3);
    assert_eq!(ui.state.people.pane, PeoplePane::Departments);
    assert_eq!(ui.state.people.dept, 3);
    assert!(line(&ui, FIRST_ROW + 3).ends_with("◀"));
    // View 5: a title and a row of column heads above the ranking.
    ui.cmd(&[Command::View(View::Report)]);
    click(&mut ui, 5, FIRST_ROW + 1 + 2);
    assert_eq!(ui.state.report.selected, 2);
    wheel_down(&mut ui, 5, 10);
    assert_eq!(ui.state.report.selected, 3);
    // View 6: the same, and a table's title is not a row.
    ui.cmd(&[Command::View(View::Indicators)]);
    let lines = ui.state.indicators.lines();
    let row = |k: usize| FIRST_ROW + 1 + k as u16;
    let k = (1..lines.len()).find(|&k| lines[k].selectable()).unwrap();
    click(&mut ui, 5, row(k));
    assert_eq!(ui.state.indicators.selected, k);
    if let Some(title) = (0..lines.len().min(15)).find(|&k| !lines[k].selectable()) {
        click(&mut ui, 5, row(title));
        assert_eq!(ui.state.indicators.selected, k);
    }
}
