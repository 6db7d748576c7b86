//! Batch entry for the supervision office: several rows marked with Space, one percent or note
//! for all of them, written in one transaction (all or nothing), each row journaled and
//! permission-checked as a single save is.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ui.rs"]
mod support;

use duban::domain::Percent;
use duban::store::{Db, ProgressReport, StoreError};
use support::{NOW, demo};

fn department_id(db: &Db, name: &str) -> i64 {
    db.departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

/// The first `n` tasks of a department, with their current versions there.
fn parts(db: &Db, dept: i64, n: usize) -> Vec<(i64, i64, i64)> {
    db.tasks(duban::store::Scope {
        department: Some(dept),
        ..Default::default()
    })
    .unwrap()
    .into_iter()
    .take(n)
    .map(|t| {
        let a = db.assignment(t.id, dept).unwrap().unwrap();
        (t.id, dept, a.version)
    })
    .collect()
}

fn report(
    (task, dept, version): (i64, i64, i64),
    percent: i64,
    note: &str,
    by: &str,
) -> ProgressReport {
    ProgressReport {
        task_id: task,
        department_id: dept,
        percent: Percent::new(percent).unwrap(),
        note: note.into(),
        by: by.into(),
        at: NOW,
        expected_version: version,
    }
}

fn journal_len(db: &Db, (task, dept, _): (i64, i64, i64)) -> usize {
    db.history(task, dept).unwrap().len()
}

fn check_is_clean(path: &std::path::Path) {
    let out = cli::duban(&["check", "--db", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "duban check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_batch_writes_every_row_journaled_and_the_chain_checks() {
    let (dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let rows = parts(&db, jxj, 3);
    let before: Vec<usize> = rows.iter().map(|r| journal_len(&db, *r)).collect();
    let reports: Vec<ProgressReport> = rows
        .iter()
        .map(|r| report(*r, 55, "进展情况:统一调度", "zhangli"))
        .collect();
    let saved = db.report_batch(&reports).unwrap();
    assert_eq!(saved.len(), 3);
    for (i, r) in rows.iter().enumerate() {
        let history = db.history(r.0, r.1).unwrap();
        assert_eq!(history.len(), before[i] + 1, "one journal row each");
        let last = history.last().unwrap();
        assert_eq!(last.percent.value(), 55);
        assert_eq!(last.note, "进展情况:统一调度");
        assert_eq!(last.reported_by, "zhangli");
        assert_eq!(saved[i].entry_id, last.id);
        let now = db.assignment(r.0, r.1).unwrap().unwrap();
        assert_eq!((now.percent.value(), now.version), (55, r.2 + 1));
    }
    // Each row of the batch is undoable as a single save is.
    db.undo_progress(saved[1].entry_id, "zhangli", NOW).unwrap();
    drop(db);
    check_is_clean(&dir.path().join("demo.db"));
}

#[test]
fn one_refused_row_writes_nothing_and_names_the_row() {
    let (dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let fgj = department_id(&db, "区发改局");
    let mut rows = parts(&db, jxj, 2);
    rows.push(parts(&db, fgj, 1)[0]);
    let lens: Vec<usize> = rows.iter().map(|r| journal_len(&db, *r)).collect();
    // zhangli (区经信局's editor) may not report for 区发改局: the third row is refused.
    let reports: Vec<ProgressReport> = rows.iter().map(|r| report(*r, 70, "", "zhangli")).collect();
    let err = db.report_batch(&reports).unwrap_err();
    assert_eq!(err.row, Some(2));
    assert!(matches!(err.error, StoreError::Forbidden { .. }), "{err:?}");
    // A stale version (another clerk saved the first row meanwhile) refuses the whole batch too.
    let mut stale = reports.clone();
    stale.truncate(2);
    stale[1].expected_version -= 1;
    let err = db.report_batch(&stale).unwrap_err();
    assert_eq!(err.row, Some(1));
    assert!(matches!(err.error, StoreError::Conflict(_)), "{err:?}");
    // Text with a control character is refused, by row, like a single save's.
    let mut bad = reports.clone();
    bad.truncate(2);
    bad[0].note = "进展\u{1b}[2J".into();
    let err = db.report_batch(&bad).unwrap_err();
    assert_eq!(err.row, Some(0));
    for (r, len) in rows.iter().zip(&lens) {
        assert_eq!(journal_len(&db, *r), *len, "nothing written for {r:?}");
        assert_eq!(db.assignment(r.0, r.1).unwrap().unwrap().version, r.2);
    }
    drop(db);
    check_is_clean(&dir.path().join("demo.db"));
}

// ---- In the UI: marks, the form, the save ----

use duban::domain::ClerkRole;
use duban::i18n::Lang;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session, View};
use support::{Ui, session};

impl Ui<'_> {
    fn type_batch(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::BatchEdit(Edit::Insert(c))));
    }

    /// The (task, department) of each row the open batch form will write.
    fn batch_parts(&self) -> Vec<(i64, i64, i64)> {
        let form = self.state.batch.as_ref().expect("the batch form is open");
        form.rows
            .iter()
            .map(|r| {
                let d = r.part.as_ref().expect("a writable row");
                (d.task_id, d.department_id, d.version)
            })
            .collect()
    }
}

fn editor_session(db: &Db, lang: Lang) -> Session {
    Session {
        user: "zhangli".into(),
        role: Some(ClerkRole::Editor),
        department: Some(department_id(db, "区经信局")),
        ..session(lang)
    }
}

#[test]
fn an_admin_marks_two_rows_and_saves_one_percent_on_both() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let dept = ui.state.depts.selected_item().unwrap().id;
    // Space marks the selected row and moves down, so two Spaces mark two rows.
    ui.cmd(&[Command::NextPane, Command::Mark, Command::Mark]);
    assert_eq!(ui.state.marks.len(), 2);
    let screen = ui.screen();
    assert_eq!(screen.matches('☑').count(), 2, "two rows:\n{screen}");
    assert!(screen.contains("已标记 2 项"), "{screen}");
    ui.cmd(&[Command::Batch]);
    assert_eq!(ui.state.mode, Mode::Batch);
    let screen = ui.screen();
    assert!(screen.contains("批量填报 2 项"), "{screen}");
    let name = ui.state.depts.selected_item().unwrap().name.clone();
    assert!(
        screen.contains(&format!("每项写入 {name} 的部分")),
        "{screen}"
    );
    let parts = ui.batch_parts();
    assert!(
        parts.iter().all(|p| p.1 == dept),
        "view 1's department: {parts:?}"
    );
    ui.type_batch("66");
    ui.cmd(&[Command::NextField]);
    ui.type_batch("按统一部署推进");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.marks.is_empty(), "the marks go with the save");
    let notice = ui.state.notice.clone().unwrap().text;
    assert!(notice.contains("已批量报送 2 项"), "{notice}");
    for &(task, d, version) in &parts {
        let last = ui.runner.db.history(task, d).unwrap().pop().unwrap();
        assert_eq!(last.percent.value(), 66);
        assert_eq!(last.note, "进展情况:按统一部署推进");
        assert_eq!(last.reported_by, "sunhui");
        let now = ui.runner.db.assignment(task, d).unwrap().unwrap();
        assert_eq!(now.version, version + 1);
    }
    // Each row is undoable as a single save: `u` takes back the last one.
    ui.cmd(&[Command::Undo]);
    let (task, d, _) = parts[1];
    let last = ui.runner.db.history(task, d).unwrap().pop().unwrap();
    assert!(last.percent.value() != 66, "{last:?}");
    let (task, d, _) = parts[0];
    assert_eq!(
        ui.runner
            .db
            .assignment(task, d)
            .unwrap()
            .unwrap()
            .percent
            .value(),
        66
    );
}

#[test]
fn marks_in_view_2_toggle_clear_with_esc_and_the_form_closes_keeping_them() {
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks)]);
    let first = ui.state.selected_task().unwrap();
    ui.cmd(&[Command::Mark, Command::Up, Command::Mark]);
    assert!(ui.state.marks.is_empty(), "Space again unmarks");
    ui.cmd(&[Command::Up, Command::Mark, Command::Mark]);
    assert_eq!(ui.state.marks.len(), 2);
    assert!(ui.state.marks.contains(&first));
    assert!(ui.screen().contains("2 marked"), "{}", ui.screen());
    ui.cmd(&[Command::Batch]);
    assert!(
        ui.screen().contains("Batch entry: 2 rows"),
        "{}",
        ui.screen()
    );
    // Nothing typed: Ctrl-S says so and writes nothing.
    ui.cmd(&[Command::Save]);
    let failure = ui.state.batch.as_ref().unwrap().failure.clone().unwrap();
    assert!(failure.contains("enter a percent or a note"), "{failure}");
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(ui.state.marks.len(), 2, "closing the form keeps the marks");
    ui.cmd(&[Command::Close]);
    assert!(
        ui.state.marks.is_empty(),
        "Esc without a filter clears the marks"
    );
    // In view 1's department pane there is no task row to mark.
    ui.cmd(&[Command::View(View::Departments), Command::Mark]);
    assert!(ui.state.marks.is_empty());
    ui.cmd(&[Command::Batch]);
    assert_eq!(ui.state.mode, Mode::Normal, "no marks, no form");
}

#[test]
fn a_clerks_batch_with_a_task_not_of_their_department_writes_nothing() {
    let (_dir, mut db) = demo();
    let s = editor_session(&db, Lang::Zh);
    let jxj = s.department.unwrap();
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks)]);
    // Mark rows down the plan until one is not 区经信局's.
    let mut foreign = None;
    for _ in 0..30 {
        let task = ui.state.selected_task().unwrap();
        let row = ui.state.tasks.rows.get(&task).unwrap().row.clone();
        ui.cmd(&[Command::Mark]);
        if !row.units.iter().any(|u| u.department_id == jxj) {
            foreign = Some(row.number);
            break;
        }
    }
    let foreign = foreign.expect("a task without 区经信局");
    ui.cmd(&[Command::Batch]);
    assert!(ui.screen().contains("不是本单位的任务"), "{}", ui.screen());
    let before = ui.runner.db.latest_report().unwrap().map(|r| r.id);
    ui.type_batch("50");
    ui.cmd(&[Command::Save]);
    let failure = ui.state.batch.as_ref().unwrap().failure.clone().unwrap();
    assert!(failure.contains(&foreign), "{failure}");
    assert!(failure.contains("未保存任何一项"), "{failure}");
    assert_eq!(ui.runner.db.latest_report().unwrap().map(|r| r.id), before);
}

#[test]
fn a_row_saved_by_another_clerk_meanwhile_refuses_the_batch_until_seen() {
    let (dir, mut db) = demo();
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let s = editor_session(&db, Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    // An editor opens in their own department's tasks pane.
    ui.cmd(&[Command::Mark, Command::Mark, Command::Batch]);
    let parts = ui.batch_parts();
    // wangfang cannot, but an admin can: sunhui saves the second row from another session.
    let (task, dept, version) = parts[1];
    other
        .report_progress(&report((task, dept, version), 12, "他人的进展", "sunhui"))
        .unwrap();
    ui.type_batch("77");
    ui.cmd(&[Command::Save]);
    let failure = ui.state.batch.as_ref().unwrap().failure.clone().unwrap();
    assert!(failure.contains("未保存任何一项"), "{failure}");
    assert_eq!(journal_len(&other, parts[0]), {
        // The first row was not written either.
        other.history(parts[0].0, parts[0].1).unwrap().len()
    });
    assert_eq!(
        other
            .assignment(parts[0].0, parts[0].1)
            .unwrap()
            .unwrap()
            .version,
        parts[0].2
    );
    // The form read the rows again: it shows 12%, and a second Ctrl-S saves over it.
    assert!(ui.screen().contains("12%"), "{}", ui.screen());
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    for p in &parts {
        assert_eq!(
            other.assignment(p.0, p.1).unwrap().unwrap().percent.value(),
            77
        );
    }
}

#[test]
fn lowering_a_done_row_is_asked_once() {
    let (dir, mut db) = demo();
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let s = editor_session(&db, Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    // An editor opens in their own department's tasks pane.
    ui.cmd(&[Command::Mark, Command::Mark, Command::Batch]);
    let parts = ui.batch_parts();
    ui.cmd(&[Command::Cancel]);
    other
        .report_progress(&report(parts[0], 100, "已完成", "zhangli"))
        .unwrap();
    ui.send([Action::Changed {
        by: vec![],
        now: std::time::Instant::now(),
    }]);
    ui.cmd(&[Command::Batch]);
    ui.type_batch("90");
    ui.cmd(&[Command::Save]);
    let failure = ui.state.batch.as_ref().unwrap().failure.clone().unwrap();
    assert!(failure.contains("再按 Ctrl-S 确认"), "{failure}");
    assert_eq!(
        other
            .assignment(parts[1].0, parts[1].1)
            .unwrap()
            .unwrap()
            .version,
        parts[1].2,
        "nothing written yet"
    );
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(
        other
            .assignment(parts[0].0, parts[0].1)
            .unwrap()
            .unwrap()
            .percent
            .value(),
        90
    );
}

// ---- The draft marker ----

/// The rows of the screen that carry the draft marker.
fn drafted_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.contains('✎'))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_row_with_an_unsaved_draft_of_this_login_shows_a_pencil() {
    let (_dir, mut db) = demo();
    // A draft left by an earlier session of sunhui's on view 1's second task row.
    let s = session(Lang::Zh);
    let (task, dept) = {
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        let dept = ui.state.depts.selected_item().unwrap().id;
        ui.cmd(&[Command::NextPane]);
        assert!(drafted_rows(&ui.screen()).is_empty(), "{}", ui.screen());
        let item = &ui.state.dept_tasks.items[ui.state.dept_tasks.shown[1]];
        (item.row.id, dept)
    };
    db.keep_draft(
        "sunhui",
        &duban::store::StoredDraft {
            task_id: task,
            department_id: dept,
            percent: "40".into(),
            note: ["写了一半".into(), String::new(), String::new()],
            saved_at: NOW,
        },
        std::time::Duration::from_secs(1),
    )
    .unwrap();
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let rows = drafted_rows(&ui.screen());
    assert_eq!(rows.len(), 1, "{}", ui.screen());
    ui.cmd(&[Command::View(View::Tasks)]);
    assert_eq!(drafted_rows(&ui.screen()).len(), 1, "{}", ui.screen());

    // A draft kept while typing on the first row marks it too; discarding it takes it away.
    ui.cmd(&[
        Command::View(View::Departments),
        Command::First,
        Command::Report,
    ]);
    assert_eq!(ui.state.mode, Mode::Form);
    ui.send("55".chars().map(|c| Action::FormEdit(Edit::Insert(c))));
    ui.send([Action::KeepDraft]);
    let first = ui.state.form.as_ref().unwrap().data.task_id;
    assert!(ui.state.has_draft(first), "kept while typing");
    ui.cmd(&[Command::Cancel, Command::Yes]);
    assert!(!ui.state.has_draft(first), "thrown away");
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(drafted_rows(&ui.screen()).len(), 1, "{}", ui.screen());
    // The draft of the second row is still there; saving on it takes its mark away.
    ui.cmd(&[Command::Down, Command::Report]);
    assert_eq!(ui.state.form.as_ref().unwrap().data.task_id, task);
    // The draft's 40% is below the row's figure, but its note says why: saved at once.
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(drafted_rows(&ui.screen()).is_empty(), "{}", ui.screen());
}

// ---- `y`: the selected task to the clipboard ----

#[test]
fn y_copies_the_selected_task_as_one_line_with_a_notice() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks), Command::Down]);
    let task = ui.state.selected_task().unwrap();
    let row = ui.state.tasks.rows.get(&task).unwrap().row.clone();
    let units: Vec<&str> = row.units.iter().map(|u| u.name.as_str()).collect();
    let want = format!("{} {} {}", row.number, row.title, units.join("、"));
    // The update asks the runner to write it: the line, not a sequence (terminal I/O is the
    // runner's).
    let mut state = ui.state.clone();
    let fx = duban::tui::update(&mut state, Action::Command(Command::Copy));
    assert_eq!(fx, vec![duban::tui::action::Effect::Copy(want.clone())]);
    ui.cmd(&[Command::Copy]);
    let notice = ui.state.notice.clone().unwrap();
    assert!(!notice.alert);
    assert!(notice.text.contains("已复制到剪贴板"), "{}", notice.text);
    assert!(notice.text.contains(&row.number), "{}", notice.text);
    assert!(ui.screen().contains("已复制到剪贴板"), "{}", ui.screen());
    // View 1's tasks pane too.
    ui.cmd(&[
        Command::View(View::Departments),
        Command::NextPane,
        Command::Copy,
    ]);
    let first = ui
        .state
        .dept_tasks
        .selected_item()
        .unwrap()
        .row
        .number
        .clone();
    let notice = ui.state.notice.clone().unwrap().text;
    assert!(notice.contains(&format!(":{first} ")), "{notice}");
}

/// Each row shows what the typed percent makes of it ("60% → 63%" for +3), and what went wrong
/// goes on the next edit, as in the single form (trial: only "60%", and "超出范围 … 未保存任何一项"
/// stayed after the percent was fixed).
#[test]
fn rows_show_the_result_and_an_edit_clears_the_error() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[
        Command::NextPane,
        Command::Mark,
        Command::Mark,
        Command::Batch,
    ]);
    assert_eq!(ui.state.mode, Mode::Batch);
    let currents: Vec<u8> = ui
        .state
        .batch
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.part.as_ref().unwrap().current.value())
        .collect();
    ui.type_batch("+3");
    let screen = ui.screen();
    for c in &currents {
        let after = (c + 3).min(100);
        assert!(screen.contains(&format!("{c}% → {after}%")), "{screen}");
    }
    // A percent over 100 is refused; the next edit clears the message.
    ui.send([Action::BatchEdit(Edit::ClearToStart)]);
    ui.type_batch("102");
    ui.cmd(&[Command::Save]);
    assert!(ui.state.batch.as_ref().unwrap().failure.is_some());
    assert!(ui.screen().contains("未保存任何一项"), "{}", ui.screen());
    ui.send([Action::BatchEdit(Edit::Backspace)]);
    assert_eq!(ui.state.batch.as_ref().unwrap().failure, None);
    assert!(!ui.screen().contains("未保存任何一项"), "{}", ui.screen());
}
