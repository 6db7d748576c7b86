//! Extensions from the TUI (延期申请, issue 22), in-process on the demo file: `T` by a unit's
//! editor (the date, then the reason), by an admin on the waiting request (y and the date asked,
//! editable; n and a reason) or filing one after the deadline; the rows' 延/+ mark, the detail's
//! history, and every refusal as one line before anything is typed.

#[path = "support/ui.rs"]
mod support;

use duban::domain::ClerkRole;
use duban::i18n::Lang;
use duban::store::{Db, Scope};
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session, View};
use support::{Ui, demo, session};

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn task(db: &Db, title: &str) -> i64 {
    db.tasks(Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.title == title)
        .unwrap()
        .id
}

/// 培育高新技术企业: 区科技局 leads it, deadline 2027-12-31.
const OPEN_TASK: &str = "培育高新技术企业";
/// 推进规上企业数字化诊断全覆盖: deadline 2025-12-31, long past; 区大数据中心 is a co-unit.
const LATE_TASK: &str = "推进规上企业数字化诊断全覆盖";

fn as_clerk(user: &str, role: ClerkRole, department: Option<i64>, lang: Lang) -> Session {
    let mut s = session(lang);
    s.user = user.into();
    s.role = Some(role);
    s.department = department;
    s
}

impl Ui<'_> {
    fn type_in(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    }

    fn clear(&mut self) {
        let n = self
            .state
            .prompt
            .as_ref()
            .map_or(0, |p| p.field.text().chars().count());
        self.send((0..n).map(|_| Action::EditorEdit(Edit::Backspace)));
    }

    fn answer(&mut self, text: &str) {
        self.clear();
        self.type_in(text);
        self.cmd(&[Command::Yes]);
    }

    fn select(&mut self, id: i64) {
        self.cmd(&[Command::View(View::Tasks), Command::First]);
        while self.state.selected_task() != Some(id) {
            let before = self.state.selected_task();
            self.cmd(&[Command::Down]);
            assert_ne!(
                before,
                self.state.selected_task(),
                "task {id} not in the list"
            );
        }
    }

    fn notice(&self) -> String {
        self.state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }

    fn prompt_error(&self) -> String {
        self.state
            .prompt
            .as_ref()
            .and_then(|p| p.error.clone())
            .unwrap_or_default()
    }

    fn row(&self, title: &str) -> String {
        let screen = self.screen();
        screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} not on screen:\n{screen}"))
            .to_string()
    }
}

#[test]
fn an_editor_asks_and_the_admin_grants_another_date_and_the_row_and_detail_show_it() {
    let (_dir, mut db) = demo();
    let kjj = dept(&db, "区科技局");
    let id = task(&db, OPEN_TASK);
    let editor = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &editor, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Extend]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        let screen = ui.screen();
        assert!(
            screen.contains("区科技局 申请延期,现期限 2027-12-31"),
            "{screen}"
        );
        // No such day, not later: told in the prompt, which stays open.
        ui.answer("2027-02-30");
        assert!(
            ui.prompt_error().contains("无法识别"),
            "{}",
            ui.prompt_error()
        );
        ui.answer("2027-06-30");
        assert!(
            ui.prompt_error().contains("须晚于现在的期限 2027-12-31"),
            "{}",
            ui.prompt_error()
        );
        ui.answer("2028-03-31");
        assert!(ui.screen().contains("延期理由"), "{}", ui.screen());
        ui.answer("");
        assert_eq!(ui.prompt_error(), "请写理由");
        ui.answer("实验室建设周期较长");
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(
            ui.notice().contains("已申请延期至 2028-03-31"),
            "{}",
            ui.notice()
        );
        assert!(ui.state.tasks.rows[&id].extension.pending.is_some());
        // One at a time.
        ui.cmd(&[Command::Extend]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.notice().contains("正在等待"), "{}", ui.notice());
    }
    let admin = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &admin, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::Extend]);
    let screen = ui.screen();
    assert!(
        screen.contains("y 批准 / n 驳回:区科技局申请延期至 2028-03-31,理由:实验室"),
        "{screen}"
    );
    ui.answer("x");
    assert!(
        ui.prompt_error().contains("批准输入 y"),
        "{}",
        ui.prompt_error()
    );
    ui.answer("y");
    // The date asked, ready to change.
    assert_eq!(
        ui.state.prompt.as_ref().map(|p| p.field.text().to_string()),
        Some("2028-03-31".to_string())
    );
    ui.answer("2028-01-31");
    assert!(
        ui.notice().contains("完成期限改为 2028-01-31"),
        "{}",
        ui.notice()
    );
    let row = ui.row(OPEN_TASK);
    assert!(row.contains("延28-01-31"), "{row}");
    ui.cmd(&[Command::Open]);
    let screen = ui.screen();
    assert!(
        screen.contains("延期: 已延期 (原期限 2027-12-31)"),
        "{screen}"
    );
    assert!(
        screen.contains("区科技局 liuyang 申请延期 2027-12-31 → 2028-03-31"),
        "{screen}"
    );
    assert!(screen.contains("理由: 实验室建设周期较长"), "{screen}");
    assert!(
        screen.contains("sunhui 批准延期 2027-12-31 → 2028-01-31"),
        "{screen}"
    );
    assert_eq!(
        db_deadline(&ui, id),
        "2028-01-31".parse::<chrono::NaiveDate>().unwrap()
    );
}

fn db_deadline(ui: &Ui<'_>, id: i64) -> chrono::NaiveDate {
    ui.state.tasks.rows[&id].row.schedule.deadline
}

#[test]
fn after_the_deadline_a_unit_is_told_and_the_admin_files_it_then_refuses_in_english() {
    let (_dir, mut db) = demo();
    let dsj = dept(&db, "区大数据中心");
    let id = task(&db, LATE_TASK);
    let editor = as_clerk("linxia", ClerkRole::Editor, Some(dsj), Lang::En);
    {
        let mut ui = Ui::new(&mut db, &editor, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Extend]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(
            ui.notice().contains("the deadline 2025-12-31 has passed"),
            "{}",
            ui.notice()
        );
    }
    // An editor of a department that is not on the task.
    let kjj = dept(&db, "区科技局");
    let other = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &other, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Extend]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert_eq!(
            ui.notice(),
            "你的单位不是这项任务的责任单位,不能为它申请延期"
        );
    }
    let viewer = as_clerk("nobody", ClerkRole::Viewer, Some(dsj), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &viewer, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Extend]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.notice().contains("只能查看"), "{}", ui.notice());
    }
    let admin = session(Lang::En);
    let mut ui = Ui::new(&mut db, &admin, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::Extend]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert!(
        ui.screen().contains("new deadline (now 2025-12-31)"),
        "{}",
        ui.screen()
    );
    ui.answer("2026-12-31");
    ui.answer("filed for the unit: waiting for the province");
    assert!(
        ui.notice().contains("asked to extend to 2026-12-31"),
        "{}",
        ui.notice()
    );
    // Esc leaves the decision untouched.
    ui.cmd(&[Command::Extend, Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.tasks.rows[&id].extension.pending.is_some());
    ui.cmd(&[Command::Extend]);
    ui.answer("n");
    assert!(ui.screen().contains("why it is refused"), "{}", ui.screen());
    ui.answer("");
    assert_eq!(ui.prompt_error(), "write the reason");
    ui.answer("finish it as planned");
    assert!(ui.notice().contains("extension refused"), "{}", ui.notice());
    let item = &ui.state.tasks.rows[&id];
    assert!(item.extension.pending.is_none());
    assert!(item.extension.extended_from.is_none());
    assert!(!ui.row(LATE_TASK).contains('+'), "{}", ui.row(LATE_TASK));
    ui.cmd(&[Command::Open]);
    let screen = ui.screen();
    assert!(screen.contains("extension refused"), "{screen}");
    assert!(screen.contains("reason: finish it as planned"), "{screen}");
}
