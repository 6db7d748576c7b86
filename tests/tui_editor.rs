//! The task editor and the department picker in-process: what an admin sees and what reaches
//! the database, and what everyone else is told.

#[path = "support/ui.rs"]
mod support;

use duban::domain::{ClerkRole, Role};
use duban::i18n::Lang;
use duban::tui::action::{Action, Command};
use duban::tui::editor::EditorField;
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session};
use support::{Ui, demo, session};

impl Ui<'_> {
    fn type_editor(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    }

    fn editor_keys(&mut self, edits: &[Edit]) {
        for e in edits {
            self.send([Action::EditorEdit(e.clone())]);
        }
    }

    fn focus(&mut self, field: EditorField) {
        while self.state.editor.as_ref().unwrap().focus != field {
            self.cmd(&[Command::NextField]);
        }
    }
}

#[test]
fn e_opens_the_editor_on_the_selected_task() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::EditTask]);
    assert_eq!(ui.state.mode, Mode::Editor, "{}", ui.screen());
}

#[test]
fn an_admin_adds_a_task_with_units_found_by_pinyin_initials() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let before = ui.runner.db.task_count().unwrap();
    ui.cmd(&[Command::NewTask]);
    assert_eq!(ui.state.mode, Mode::Editor);
    ui.type_editor("99");
    ui.cmd(&[Command::NextField]);
    ui.type_editor("建设城市大脑");
    ui.focus(EditorField::Deadline);
    ui.type_editor("2026年底前");
    assert!(
        ui.screen().contains("→ 理解为 2026-12-31"),
        "{}",
        ui.screen()
    );
    ui.focus(EditorField::Units);
    ui.editor_keys(&[Edit::Insert('a')]);
    assert_eq!(ui.state.mode, Mode::Picker);
    ui.type_editor("jxj");
    insta::assert_snapshot!("editor_picker_80x24_zh", ui.screen());
    ui.cmd(&[Command::Pick]);
    ui.editor_keys(&[Edit::Insert('a')]);
    ui.type_editor("dsj");
    ui.cmd(&[Command::Pick]);
    insta::assert_snapshot!("editor_new_task_80x24_zh", ui.screen());
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    assert!(ui.screen().contains("已新建任务:99 建设城市大脑"));
    assert_eq!(ui.runner.db.task_count().unwrap(), before + 1);
    let task = ui
        .runner
        .db
        .find_tasks_by_number("99")
        .unwrap()
        .pop()
        .unwrap();
    let t = ui.runner.db.task_for_edit(task.id).unwrap();
    let units: Vec<(&str, Role)> = t.units.iter().map(|u| (u.name.as_str(), u.role)).collect();
    assert_eq!(
        units,
        vec![("区经信局", Role::Lead), ("区大数据中心", Role::Co)]
    );
    assert_eq!(t.deadline, Some("2026-12-31".parse().unwrap()));
    let audit = ui
        .runner
        .db
        .audit_trail("task", &task.id.to_string())
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].by, "sunhui");
}

#[test]
fn a_new_department_from_the_picker_is_asked_for_with_its_close_names() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let departments = ui.runner.db.departments().unwrap().len();
    ui.cmd(&[Command::NextPane, Command::EditTask]);
    ui.focus(EditorField::Units);
    ui.editor_keys(&[Edit::Insert('a')]);
    ui.type_editor("区大数据局");
    ui.cmd(&[Command::Pick]);
    assert_eq!(ui.state.mode, Mode::Ask);
    assert!(
        ui.screen().contains("已有相近的单位:区大数据中心"),
        "{}",
        ui.screen()
    );
    // No: back to the picker with the name still typed; nothing created.
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.mode, Mode::Picker);
    assert_eq!(ui.runner.db.departments().unwrap().len(), departments);
    ui.cmd(&[Command::Pick, Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Editor);
    assert_eq!(ui.runner.db.departments().unwrap().len(), departments + 1);
    let e = ui.state.editor.as_ref().unwrap();
    assert_eq!(e.units.last().unwrap().name, "区大数据局");
}

#[test]
fn editing_keeps_reported_units_and_a_stale_save_is_refused_then_saved_over() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::EditTask]);
    let id = ui.state.editor.as_ref().unwrap().id.unwrap();
    // A unit with reports cannot be taken off.
    ui.focus(EditorField::Units);
    let units = ui.state.editor.as_ref().unwrap().units.len();
    ui.editor_keys(&[Edit::Delete]);
    assert_eq!(ui.state.editor.as_ref().unwrap().units.len(), units);
    assert!(ui.screen().contains("不能移除"), "{}", ui.screen());
    // Another admin edits the task meanwhile.
    let mut other = duban::store::Db::open(&dir.path().join("demo.db")).unwrap();
    let t = other.task_for_edit(id).unwrap();
    let mut spec = t.spec();
    spec.title = "另一位管理员改的名称".into();
    other
        .update_task(id, t.version, &spec, "sunhui", support::NOW)
        .unwrap();
    ui.focus(EditorField::Title);
    ui.editor_keys(&[Edit::End]);
    ui.type_editor("(修订)");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Editor, "refused, still editing");
    assert!(
        ui.screen().contains("刚刚修改了这项任务"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    let title = ui.runner.db.task_for_edit(id).unwrap().title;
    assert!(title.ends_with("(修订)"), "{title}");
}

#[test]
fn only_admins_edit_the_plan() {
    let (_dir, mut db) = demo();
    let s = Session {
        user: "zhangli".into(),
        role: Some(ClerkRole::Editor),
        department: Some(1),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    for cmd in [Command::NewTask, Command::EditTask, Command::DeleteTask] {
        ui.cmd(&[Command::NextPane, cmd]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.screen().contains("只有管理员"), "{}", ui.screen());
        ui.cmd(&[Command::PrevPane]);
    }
}

#[test]
fn deleting_asks_first_and_keeps_the_reports() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let item = ui.state.dept_tasks.selected_item().unwrap().clone();
    let dept = ui.state.depts.selected_item().unwrap().id;
    let reports = ui.runner.db.history(item.row.id, dept).unwrap().len();
    let before = ui.runner.db.task_count().unwrap();
    ui.cmd(&[Command::DeleteTask]);
    assert_eq!(ui.state.mode, Mode::Ask);
    assert!(ui.screen().contains("条报送"), "{}", ui.screen());
    ui.cmd(&[Command::No]);
    assert_eq!(ui.runner.db.task_count().unwrap(), before);
    ui.cmd(&[Command::DeleteTask, Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.screen().contains("已删除任务"));
    assert_eq!(ui.runner.db.task_count().unwrap(), before - 1);
    assert_ne!(
        ui.state.dept_tasks.selected_item().map(|t| t.row.id),
        Some(item.row.id),
        "the list no longer shows it"
    );
    assert_eq!(
        ui.runner.db.history(item.row.id, dept).unwrap().len(),
        reports
    );
}

#[test]
fn cancelling_an_untouched_editor_closes_and_a_touched_one_asks() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NewTask, Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal);
    ui.cmd(&[Command::NewTask]);
    ui.type_editor("1");
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Ask);
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.editor.is_none());
}

#[test]
fn fixing_a_title_keeps_a_deadline_written_without_a_year() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let id = ui.state.dept_tasks.selected_item().unwrap().row.id;
    // The plan's first year's June, as the importer reads "6月底前".
    let mut other = duban::store::Db::open(&dir.path().join("demo.db")).unwrap();
    let t = other.task_for_edit(id).unwrap();
    let mut spec = t.spec();
    spec.deadline = Some("2025-06-30".parse().unwrap());
    spec.deadline_text = Some("6月底前".into());
    other
        .update_task(id, t.version, &spec, "sunhui", support::NOW)
        .unwrap();
    ui.cmd(&[Command::EditTask]);
    ui.focus(EditorField::Title);
    ui.editor_keys(&[Edit::End]);
    ui.type_editor("!");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let after = ui.runner.db.task_for_edit(id).unwrap();
    assert_eq!(after.deadline, Some("2025-06-30".parse().unwrap()));
    assert_eq!(after.deadline_text.as_deref(), Some("6月底前"));
}

#[test]
fn enter_on_the_untouched_picker_adds_nothing() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NewTask]);
    ui.focus(EditorField::Units);
    ui.editor_keys(&[Edit::Newline]);
    assert_eq!(ui.state.mode, Mode::Picker);
    ui.cmd(&[Command::Pick]);
    assert!(ui.state.editor.as_ref().unwrap().units.is_empty());
    ui.editor_keys(&[Edit::Down]);
    ui.cmd(&[Command::Pick]);
    assert_eq!(
        ui.state.editor.as_ref().unwrap().units.len(),
        1,
        "moved, then chosen"
    );
}
