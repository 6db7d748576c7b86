//! The progress form in-process: what a clerk sees and what reaches the database for each
//! input, refusal, conflict and undo. Screens at 80x24 with Chinese text are snapshots.

#[path = "support/ui.rs"]
mod support;

use chrono::{TimeZone, Utc};
use duban::domain::{ClerkRole, Percent};
use duban::i18n::Lang;
use duban::store::{Db, ProgressReport};
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session};
use support::{Ui, demo, session};

impl Ui<'_> {
    fn type_form(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::FormEdit(Edit::Insert(c))));
    }

    fn edit(&mut self, edits: &[Edit]) {
        self.send(edits.iter().cloned().map(Action::FormEdit));
    }

    /// Ctrl-S, and once more when the form asks about a figure lower than the current one with
    /// no note (not what the test is about).
    fn save_even_lower(&mut self) {
        self.cmd(&[Command::Save]);
        if self
            .state
            .form
            .as_ref()
            .is_some_and(|f| f.lowering_confirmed.is_some() && !f.saving)
        {
            self.cmd(&[Command::Save]);
        }
    }

    /// The assignment the form is open on, and its journal length.
    fn target(&self) -> (i64, i64) {
        let f = self.state.form.as_ref().expect("the form is open");
        (f.data.task_id, f.data.department_id)
    }
}

/// Another clerk (zhangli, from her own connection) reports on the assignment, over its
/// current version, as a second process would.
fn zhangli_reports(
    other: &mut Db,
    (task, dept): (i64, i64),
    percent: i64,
    note: &str,
    at: chrono::DateTime<Utc>,
) {
    let current = other.assignment(task, dept).unwrap().unwrap();
    other
        .report_progress(&ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(percent).unwrap(),
            note: note.into(),
            by: "zhangli".into(),
            at,
            expected_version: current.version,
        })
        .unwrap();
}

fn journal_len(db: &Db, (task, dept): (i64, i64)) -> usize {
    db.history(task, dept).unwrap().len()
}

fn department_id(db: &Db, name: &str) -> i64 {
    db.departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

#[test]
fn the_form_at_80x24_with_chinese_text() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
    insta::assert_snapshot!("form_opened_80x24_zh", ui.screen());
    ui.type_form("60");
    ui.cmd(&[Command::NextField]);
    ui.type_form("已完成全部企业诊断报告,正在汇总分析,形成全区数字化转型路线图初稿");
    ui.edit(&[Edit::Newline]);
    ui.type_form("召开推进会两次");
    ui.cmd(&[Command::NextField]);
    ui.type_form("专业人才不足");
    insta::assert_snapshot!("form_typed_80x24_zh", ui.screen());
}

#[test]
fn good_and_bad_percents_with_their_messages() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let target = ui.target();
    let before = journal_len(ui.runner.db, target);
    let current = ui.state.form.as_ref().unwrap().data.current.value();
    let bad = [
        ("150", "150 超出范围:进度须在 0 到 100 之间"),
        ("-3", "“-3”是负数:进度须在 0 到 100 之间"),
        ("60.5", "“60.5”带小数:进度只填整数 0–100"),
        ("abc", "“abc”不是数字"),
        ("", "请填写进度(0–100)"),
        ("+50", "超出范围"),
    ];
    for (input, message) in bad {
        ui.edit(&[Edit::Home, Edit::ClearToStart, Edit::End]);
        ui.state.form.as_mut().unwrap().focus = duban::tui::form::Field::Percent;
        // Clear the field, then type the bad value.
        while !ui.state.form.as_ref().unwrap().percent.text().is_empty() {
            ui.edit(&[Edit::Backspace]);
        }
        ui.type_form(input);
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Form, "{input}: the form stays open");
        let screen = ui.screen();
        assert!(screen.contains(message), "{input}: {screen}");
        assert_eq!(
            journal_len(ui.runner.db, target),
            before,
            "{input}: nothing saved"
        );
    }
    assert!(
        current + 50 > 100,
        "the demo's first task is far enough on for +50 to overflow"
    );
    for (input, want) in [("60", 60), ("60%", 60), ("６０％", 60), ("+5", 65)] {
        ui.cmd(&[Command::Cancel, Command::Yes]);
        ui.cmd(&[Command::Report]);
        if input.starts_with('+') {
            // Steps add to the value the form opened with (60 after the last save).
            ui.edit(&[Edit::End]);
            ui.edit(&[Edit::Backspace, Edit::Backspace]);
        }
        ui.type_form(input);
        ui.save_even_lower();
        assert_eq!(ui.state.mode, Mode::Normal, "{input}: saved and closed");
        let (task, dept) = target;
        let stored = ui.runner.db.assignment(task, dept).unwrap().unwrap();
        assert_eq!(stored.percent.value(), want, "{input}");
        // Back to the same task for the next input.
        ui.cmd(&[Command::Up]);
    }
}

#[test]
fn saving_moves_to_the_next_task_and_undo_takes_it_back() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let first = ui.state.dept_tasks.selected_item().unwrap().row.id;
    ui.cmd(&[Command::Report]);
    let target = ui.target();
    let before = ui
        .runner
        .db
        .assignment(target.0, target.1)
        .unwrap()
        .unwrap();
    ui.type_form("99");
    ui.cmd(&[Command::NextField]);
    ui.type_form("验收材料已报送");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    let next = ui.state.dept_tasks.selected_item().unwrap().row.id;
    assert_ne!(next, first, "the cursor went on to the next task");
    assert!(ui.screen().contains("已保存"));
    let saved = ui
        .runner
        .db
        .assignment(target.0, target.1)
        .unwrap()
        .unwrap();
    assert_eq!(saved.percent.value(), 99);
    let history = ui.runner.db.history(target.0, target.1).unwrap();
    assert_eq!(history.last().unwrap().note, "进展情况:验收材料已报送");
    assert_eq!(history.last().unwrap().reported_by, "sunhui");

    ui.cmd(&[Command::Undo]);
    assert!(ui.screen().contains("已撤销"), "{}", ui.screen());
    let undone = ui
        .runner
        .db
        .assignment(target.0, target.1)
        .unwrap()
        .unwrap();
    assert_eq!(undone.percent, before.percent);
    let after = ui.runner.db.history(target.0, target.1).unwrap();
    assert_eq!(
        after.len(),
        history.len() + 1,
        "undo appends; the journal keeps the save"
    );
    // Nothing more of this session's to undo, and the one save made is said to be undone.
    ui.cmd(&[Command::Undo]);
    assert!(
        ui.screen()
            .contains("没有可再撤销的:本次打开后的 1 次保存都已撤销"),
        "{}",
        ui.screen()
    );
}

/// Issue 21 item 11: a second `u` takes back the save before the last, and once none is left
/// it says they were undone, not that no save was made.
#[test]
fn a_second_undo_takes_back_the_save_before_and_then_says_all_are_undone() {
    let (_dir, mut db) = demo();
    for (lang, none_left) in [
        (Lang::Zh, "没有可再撤销的:本次打开后的 2 次保存都已撤销"),
        (
            Lang::En,
            "nothing more to undo: this session's 2 save(s) are all undone",
        ),
    ] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&[Command::NextPane]);
        let mut targets = Vec::new();
        for percent in ["97", "98"] {
            ui.cmd(&[Command::Report]);
            let target = ui.target();
            let before = ui
                .runner
                .db
                .assignment(target.0, target.1)
                .unwrap()
                .unwrap();
            ui.type_form(percent);
            ui.cmd(&[Command::Save]);
            assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
            targets.push((target, before.percent));
        }
        assert_ne!(targets[0].0, targets[1].0, "two assignments");
        for (target, before) in targets.iter().rev() {
            ui.cmd(&[Command::Undo]);
            let now = ui
                .runner
                .db
                .assignment(target.0, target.1)
                .unwrap()
                .unwrap();
            assert_eq!(now.percent, *before, "{}", ui.screen());
        }
        ui.cmd(&[Command::Undo]);
        assert!(ui.screen().contains(none_left), "{}", ui.screen());
    }
}

#[test]
fn undo_is_refused_once_another_clerk_has_reported() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let (task, dept) = ui.target();
    ui.type_form("70");
    ui.save_even_lower();
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    zhangli_reports(&mut other, (task, dept), 75, "", support::NOW);
    ui.cmd(&[Command::Undo]);
    assert!(
        ui.screen().contains("zhangli 之后又报送了"),
        "{}",
        ui.screen()
    );
    assert_eq!(
        ui.runner
            .db
            .assignment(task, dept)
            .unwrap()
            .unwrap()
            .percent
            .value(),
        75
    );
    // The save can no longer be undone; `u` again says so rather than "no save was made".
    ui.cmd(&[Command::Undo]);
    assert!(
        ui.screen()
            .contains("没有可再撤销的:本次打开后的 1 次保存已不能撤销"),
        "{}",
        ui.screen()
    );
}

#[test]
fn the_form_says_why_instead_of_opening_when_not_allowed() {
    let (_dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let cases = [
        (
            Some(ClerkRole::Editor),
            Some(jxj),
            "wangfang",
            "只能填报本单位的任务",
        ),
        (
            Some(ClerkRole::Viewer),
            None,
            "zhouming",
            "是查看人员,只能查看",
        ),
        (None, None, "stranger", "不是本数据库的填报人员"),
    ];
    for (role, department, user, message) in cases {
        let s = Session {
            role,
            department,
            user: user.into(),
            ..session(Lang::Zh)
        };
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        // An editor opens in their own tasks: back to the department list first.
        if ui.state.pane == duban::tui::state::Pane::Tasks {
            ui.cmd(&[Command::NextPane]);
        }
        // The first department in the list is not 区经信局's neighbour: move off it if needed.
        if ui.state.depts.selected_item().unwrap().id == jxj {
            ui.cmd(&[Command::Down]);
        }
        ui.cmd(&[Command::NextPane, Command::Report]);
        assert_eq!(ui.state.mode, Mode::Normal, "{user}");
        assert!(ui.screen().contains(message), "{user}: {}", ui.screen());
    }
    // An editor reports on their own department.
    let s = Session {
        role: Some(ClerkRole::Editor),
        department: Some(jxj),
        user: "zhangli".into(),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    while ui.state.depts.selected_item().unwrap().id != jxj {
        ui.cmd(&[Command::Down]);
    }
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
}

#[test]
fn the_store_refuses_what_the_ui_would_not_offer() {
    // The UI's check is a courtesy; the store's is the rule. A session that thinks it is an
    // admin but is an editor in the file is still refused, with the form kept open.
    let (_dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let s = Session {
        user: "wangfang".into(),
        role: Some(ClerkRole::Admin),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    if ui.state.depts.selected_item().unwrap().id != jxj {
        while ui.state.depts.selected_item().unwrap().id != jxj {
            ui.cmd(&[Command::Down]);
        }
    }
    ui.cmd(&[Command::NextPane, Command::Report]);
    let target = ui.target();
    let before = journal_len(ui.runner.db, target);
    ui.type_form("50");
    ui.cmd(&[Command::NextField]);
    ui.type_form("不应保存");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Form);
    assert!(
        ui.screen().contains("只能填报本单位的任务"),
        "{}",
        ui.screen()
    );
    assert_eq!(ui.state.form.as_ref().unwrap().note[0].text(), "不应保存");
    assert_eq!(journal_len(ui.runner.db, target), before);
}

#[test]
fn a_conflict_keeps_the_typed_text_and_taking_theirs_leaves_it_as_a_draft() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let (task, dept) = ui.target();
    ui.type_form("95");
    ui.cmd(&[Command::NextField]);
    ui.type_form("我的进展");
    // Another clerk saves first.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    zhangli_reports(
        &mut other,
        (task, dept),
        88,
        "进展情况:对方的进展",
        // A fixed instant: the dialog shows it (13:30 local at UTC+8).
        Utc.with_ymd_and_hms(2026, 11, 23, 5, 30, 0).unwrap(),
    );
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Conflict);
    insta::assert_snapshot!("form_conflict_80x24_zh", ui.screen());
    // Back to editing: nothing lost; take theirs: the form closes, the text waits.
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.form.as_ref().unwrap().note[0].text(), "我的进展");
    ui.cmd(&[Command::Save]);
    assert_eq!(
        ui.runner
            .db
            .assignment(task, dept)
            .unwrap()
            .unwrap()
            .percent
            .value(),
        95,
        "saved on top after looking at theirs"
    );
    // Conflict again, and this time take theirs.
    ui.cmd(&[Command::Up, Command::Report]);
    ui.type_form("10");
    zhangli_reports(&mut other, (task, dept), 96, "", support::NOW);
    ui.save_even_lower();
    ui.cmd(&[Command::TakeTheirs]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(
        ui.runner
            .db
            .assignment(task, dept)
            .unwrap()
            .unwrap()
            .percent
            .value(),
        96
    );
    ui.cmd(&[Command::Report]);
    let form = ui.state.form.as_ref().unwrap();
    assert_eq!(form.percent.text(), "10", "the draft came back");
    assert!(ui.screen().contains("已恢复你上次未保存的内容"));
}

#[test]
fn cancel_asks_only_when_something_was_typed() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report, Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal, "nothing typed: closes at once");
    ui.cmd(&[Command::Report]);
    ui.type_form("5");
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::ConfirmDiscard);
    assert!(ui.screen().contains("放弃已输入的内容"));
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.form.as_ref().unwrap().percent.text(), "5");
    ui.cmd(&[Command::Cancel, Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.form.is_none());
}

#[test]
fn copying_the_last_note_warns_that_it_is_unchanged() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report, Command::CopyLast]);
    assert!(
        ui.screen().contains("内容与上次报送完全相同"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::Save]);
    assert!(ui.screen().contains("与上次内容相同"));
}

#[test]
fn no_reporting_when_viewing_a_past_date() {
    let (_dir, mut db) = demo();
    let s = Session {
        as_of: Some(support::NOW),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.screen().contains("--as-of"));
}

#[test]
fn on_a_wide_screen_a_clerk_of_a_second_unit_reports_on_their_own_part() {
    let (_dir, mut db) = demo();
    // A task whose second unit is an editor's department.
    let tasks = db.tasks(duban::store::Scope::default()).unwrap();
    let task = tasks.iter().find(|t| t.units.len() > 1).unwrap().clone();
    let second = task.units[1].department_id;
    let s = Session {
        user: "someone".into(),
        role: Some(ClerkRole::Editor),
        department: Some(second),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::View(duban::tui::state::View::Tasks)]);
    while ui.state.selected_task() != Some(task.id) {
        let before = ui.state.selected_task();
        ui.cmd(&[Command::Down]);
        assert_ne!(before, ui.state.selected_task(), "task not in the list");
    }
    ui.cmd(&[Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form, "{}", ui.screen());
    assert_eq!(ui.target().1, second);
}

/// Issue 19 item 13: a file this login may not write (a backup on a read-only share) opens for
/// reading; a key that would write says why instead of opening a form.
#[test]
fn a_read_only_session_says_why_no_form_opens() {
    let (_dir, mut db) = demo();
    let s = Session {
        read_only: Some("只读文件系统上的副本".into()),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(
        ui.screen().contains("只读文件系统上的副本"),
        "{}",
        ui.screen()
    );
}

/// Issue 21 item 5: keys typed at a screen too small to show the form reach no hidden field;
/// only quit acts (and the form's text is kept as a draft at the end).
#[test]
fn keys_at_a_too_small_screen_type_nothing_and_q_quits() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use duban::tui::keymap::Place;
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
    ui.state.form.as_mut().unwrap().focus = duban::tui::form::Field::Note(0);
    ui.send([Action::Resize {
        width: 50,
        height: 12,
    }]);
    let key = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for c in ['a', 'b', ' ', '1'] {
        let action = duban::tui::translate(key(c), Place::of(&ui.state));
        assert!(action.is_none(), "{c:?} acted on a hidden screen");
    }
    let quit = duban::tui::translate(key('q'), Place::of(&ui.state)).unwrap();
    ui.send([quit]);
    assert!(ui.state.quit);
    assert!(
        !ui.state.form.as_ref().unwrap().note[0].text().contains('q'),
        "q is not typed into the note"
    );
}

/// Issue 21 item 4: an editor's list opens on their own department, even far down the list.
#[test]
fn an_editor_opens_on_their_own_department() {
    let (_dir, mut db) = demo();
    let own = department_id(&db, "区发改局");
    let s = Session {
        user: "zhouyan".into(),
        role: Some(ClerkRole::Editor),
        department: Some(own),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    assert_eq!(ui.selected_department(), "区发改局");
    assert!(ui.screen().contains("区发改局"), "scrolled into view");
    // In its tasks pane (day-in-the-life trial): `j` moves to the editor's next task, not to
    // another department where `e` would be refused.
    assert_eq!(ui.state.pane, duban::tui::state::Pane::Tasks);
    let first = ui.state.dept_tasks.selected_item().unwrap().row.id;
    ui.cmd(&[Command::Down]);
    assert_eq!(ui.state.depts.selected_item().unwrap().id, own);
    assert_ne!(ui.state.dept_tasks.selected_item().unwrap().row.id, first);
    ui.cmd(&[Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form, "{}", ui.screen());
}

/// Issue 21 item 6: the percent is checked when the clerk leaves it, and a full-width percent
/// sign is not shown twice.
#[test]
fn the_percent_is_checked_on_leaving_and_its_sign_shown_once() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
    let clear = |ui: &mut Ui<'_>| {
        while !ui.state.form.as_ref().unwrap().percent.text().is_empty() {
            ui.edit(&[Edit::Backspace]);
        }
    };
    ui.state.form.as_mut().unwrap().focus = duban::tui::form::Field::Percent;
    clear(&mut ui);
    ui.type_form("150");
    ui.cmd(&[Command::NextField]);
    let form = ui.state.form.as_ref().unwrap();
    assert_eq!(
        form.focus,
        duban::tui::form::Field::Percent,
        "150 is not left"
    );
    assert!(ui.screen().contains("150 超出范围"), "{}", ui.screen());
    clear(&mut ui);
    ui.type_form("６０％");
    assert!(ui.screen().contains("６０％"), "{}", ui.screen());
    assert!(!ui.screen().contains("６０％ %"), "{}", ui.screen());
    ui.cmd(&[Command::NextField]);
    let form = ui.state.form.as_ref().unwrap();
    assert_eq!(form.focus, duban::tui::form::Field::Note(0));
    assert_eq!(form.percent.text(), "60");
}

/// Issue 21 item 6: lowering an assignment that was done asks first; saving again confirms.
#[test]
fn lowering_a_done_assignment_asks_first() {
    let (dir, mut db) = demo();
    // The first row's assignment is done before the session starts.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    zhangli_reports(&mut other, (1, 1), 100, "", support::NOW);
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let target = ui.target();
    assert_eq!(target, (1, 1));
    let before = journal_len(ui.runner.db, target);
    ui.state.form.as_mut().unwrap().percent.set("60");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Form, "asked, not saved");
    assert!(ui.screen().contains("确要改为 60%"), "{}", ui.screen());
    assert_eq!(journal_len(ui.runner.db, target), before);
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "confirmed");
    assert_eq!(journal_len(ui.runner.db, target), before + 1);
}

/// Issue 21 item 7: the open form follows another clerk's save on the same assignment (its
/// figure, and a line saying so) and keeps what this clerk typed.
#[test]
fn the_open_form_follows_another_clerks_save() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let target = ui.target();
    ui.state.form.as_mut().unwrap().focus = duban::tui::form::Field::Note(0);
    ui.type_form("已完成诊断");
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    zhangli_reports(&mut other, target, 88, "进展情况:平台上线", support::NOW);
    ui.send([Action::Changed {
        by: vec!["zhangli".into()],
        now: std::time::Instant::now(),
    }]);
    let form = ui.state.form.as_ref().unwrap();
    assert_eq!(form.data.current.value(), 88);
    assert_eq!(form.percent.text(), "88", "an untouched percent follows");
    assert_eq!(form.note[0].text(), "已完成诊断", "typed text stays");
    assert!(
        ui.screen().contains("zhangli 刚刚报送了这一项,现为 88%"),
        "{}",
        ui.screen()
    );
}

/// Issue 21 item 11: after an undo the form's "上次报送" is the report now in effect (the one the
/// undo restored, with its own reporter and time), not the undo row under the undoer's name.
#[test]
fn after_an_undo_the_last_report_is_the_one_restored() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let (task, dept) = ui.target();
    let before = ui.state.form.as_ref().unwrap().data.previous.clone();
    let before = before.expect("the demo's assignment has a report");
    assert_ne!(before.reported_by, "sunhui");
    let line = |ui: &Ui| {
        let screen = ui.screen();
        screen
            .lines()
            .find(|l| l.contains("上次报送"))
            .unwrap_or_else(|| panic!("{screen}"))
            .to_string()
    };
    let shown = line(&ui);
    assert!(shown.contains(&before.reported_by), "{shown}");
    ui.type_form("96");
    ui.cmd(&[Command::Save, Command::Undo]);
    assert!(ui.screen().contains("已撤销"), "{}", ui.screen());
    ui.cmd(&[Command::Up, Command::Report]);
    assert_eq!(ui.target(), (task, dept));
    let previous = ui
        .state
        .form
        .as_ref()
        .unwrap()
        .data
        .previous
        .clone()
        .unwrap();
    assert_eq!(previous.id, before.id, "the report the undo restored");
    let shown = line(&ui);
    assert!(shown.contains(&before.reported_by), "{shown}");
    assert!(!shown.contains("sunhui"), "{shown}");
    // The task's detail says the same.
    ui.cmd(&[Command::Cancel]);
    let detail = ui.runner.db.task_detail(task, None).unwrap().unwrap();
    let unit = detail
        .units
        .iter()
        .find(|u| u.department_id == dept)
        .unwrap();
    assert_eq!(unit.last.as_ref().unwrap().id, before.id);
}

/// Day-in-the-life trial: a clerk who pressed `k e` after a save (which had moved the cursor
/// on) lowered another task from 85% to 70% without a word. Any lowering is now asked once, the
/// saved notice says the cursor moved on, and `u` brings the cursor back to the task it undid.
#[test]
fn a_lower_percent_is_asked_once_and_the_cursor_moves_are_said() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let dept = ui.state.depts.selected_item().unwrap().id;
    // A row whose part of this department is neither 0% nor done.
    while !ui.state.dept_tasks.selected_item().is_some_and(|t| {
        t.row
            .units
            .iter()
            .any(|u| u.department_id == dept && (1..100).contains(&u.percent.value()))
    }) {
        let before = ui.state.dept_tasks.selected;
        ui.cmd(&[Command::Down]);
        assert_ne!(
            before, ui.state.dept_tasks.selected,
            "no row between 0 and 100%"
        );
    }
    let first = ui.state.dept_tasks.selected_item().unwrap().row.id;
    ui.cmd(&[Command::Report]);
    let target = ui.target();
    let current = ui.state.form.as_ref().unwrap().data.current.value();
    let journal = journal_len(ui.runner.db, target);
    ui.edit(&[Edit::ClearToStart]);
    ui.type_form(&(current - 1).to_string());
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Form, "{}", ui.screen());
    let asked = format!(
        "比现在的 {current}% 低,且没写说明。确要改为 {}%?",
        current - 1
    );
    assert!(ui.screen().contains(&asked), "{}", ui.screen());
    assert_eq!(
        journal_len(ui.runner.db, target),
        journal,
        "nothing saved yet"
    );
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(journal_len(ui.runner.db, target), journal + 1);
    let moved_to = ui.state.dept_tasks.selected_item().unwrap().row.id;
    assert_ne!(moved_to, first);
    assert!(ui.screen().contains("光标已移到下一项"), "{}", ui.screen());
    ui.cmd(&[Command::Undo]);
    assert_eq!(
        ui.state.dept_tasks.selected_item().unwrap().row.id,
        first,
        "the cursor is back on the task undone"
    );
}
