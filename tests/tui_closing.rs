//! Closing a task from the TUI (办结销号, issue 22), in-process: the rows' ◇/■/↺, the detail's
//! closing lines, the return reason in the next progress form, the keys `K`, `V`, `X` with their
//! prompts, and every refusal as one line before anything is typed.

#[path = "support/ui.rs"]
mod support;

mod common;

use duban::domain::{ClerkRole, Closing};
use duban::i18n::Lang;
use duban::store::Db;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session, View};
use support::{Ui, session};

/// The fixture's task 1: 区经济和信息化局 leads at 100%, 区发改局 is a co-unit at 30%.
const T1: i64 = 1;
/// Task 3: 星海街道 leads at 45%.
const T3: i64 = 3;

fn as_user(user: &str, lang: Lang) -> Session {
    let mut s = session(lang);
    s.user = user.into();
    if user == "alice" {
        s.role = Some(ClerkRole::Editor);
        s.department = Some(1);
    } else {
        s.role = Some(ClerkRole::Admin);
        s.department = None;
    }
    s
}

impl Ui<'_> {
    fn type_in(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    }

    fn prompt(&mut self, text: &str) {
        self.type_in(text);
        self.cmd(&[Command::Yes]);
    }

    /// View 2 with task `id` selected.
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

    fn row_state(&self, id: i64) -> Closing {
        self.state.tasks.rows[&id].closing_state()
    }
}

#[test]
fn an_editor_applies_the_admin_sends_it_back_and_the_unit_reads_why() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let alice = as_user("alice", Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.select(T1);
        ui.cmd(&[Command::CloseApply]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        assert!(ui.screen().contains("办结说明"), "{}", ui.screen());
        // An empty note is refused in the prompt's line.
        ui.cmd(&[Command::Yes]);
        assert!(ui.screen().contains("请写办结说明"), "{}", ui.screen());
        ui.prompt("主体工作已完成");
        // The co-unit is at 30%: the second prompt asks why.
        assert_eq!(ui.state.mode, Mode::Prompt);
        assert!(
            ui.screen().contains("有 1 个单位未到 100%"),
            "{}",
            ui.screen()
        );
        ui.prompt("发改局部分已并入");
        // Evidence files are asked for last, and may be left out.
        assert!(ui.screen().contains("佐证材料"), "{}", ui.screen());
        ui.prompt("");
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.notice().contains("已申请办结"), "{}", ui.notice());
        assert_eq!(ui.row_state(T1), Closing::Pending);
        let screen = ui.screen();
        let row = screen
            .lines()
            .find(|l| l.contains("推进企业数字化改造"))
            .unwrap();
        assert!(row.contains('◇'), "{screen}");
        // View 1, the department's tasks, shows it too.
        ui.cmd(&[Command::View(View::Departments)]);
        let screen = ui.screen();
        let row = screen
            .lines()
            .find(|l| l.contains("推进企业数字化"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains('◇'), "{screen}");
        ui.select(T1);
        // Applying again: one line, no prompt.
        ui.cmd(&[Command::CloseApply]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.notice().contains("等待督查科审核"), "{}", ui.notice());
    }
    let bob = as_user("bob", Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &bob, 80, 24);
        ui.select(T1);
        ui.cmd(&[Command::Open, Command::CloseReturn]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        // Typed under the detail it was opened from.
        assert!(ui.screen().contains("待审核"), "{}", ui.screen());
        ui.cmd(&[Command::Yes]);
        assert!(ui.screen().contains("请写退回原因"), "{}", ui.screen());
        ui.prompt("缺少验收报告");
        assert_eq!(ui.state.mode, Mode::Detail);
        assert!(ui.notice().contains("已退回"), "{}", ui.notice());
        assert_eq!(ui.row_state(T1), Closing::Returned);
    }
    {
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.select(T1);
        let screen = ui.screen();
        let row = screen
            .lines()
            .find(|l| l.contains("推进企业数字化改造"))
            .unwrap();
        assert!(row.contains('↺'), "{screen}");
        ui.cmd(&[Command::Open]);
        let screen = ui.screen();
        assert!(screen.contains("↺已退回"), "{screen}");
        assert!(screen.contains("退回原因: 缺少验收报告"), "{screen}");
        assert!(screen.contains("bob"), "{screen}");
        ui.cmd(&[Command::Report]);
        assert_eq!(ui.state.mode, Mode::Form);
        let screen = ui.screen();
        assert!(screen.contains("↺ 退回原因: 缺少验收报告"), "{screen}");
    }
}

#[test]
fn the_admin_approves_and_the_row_and_detail_show_it_closed_in_english() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let alice = as_user("alice", Lang::En);
    {
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.select(T1);
        ui.cmd(&[Command::CloseApply]);
        ui.prompt("done");
        ui.prompt("merged into ours");
        ui.prompt("");
        assert_eq!(ui.row_state(T1), Closing::Pending);
    }
    let bob = as_user("bob", Lang::En);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.select(T1);
    ui.cmd(&[Command::CloseApprove]);
    assert!(
        ui.screen().contains("approve? a note is optional"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::Yes]);
    assert!(ui.notice().contains("approved, closed"), "{}", ui.notice());
    assert_eq!(ui.row_state(T1), Closing::Closed);
    let screen = ui.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("digital") || l.contains("推进企业"))
        .unwrap();
    assert!(row.contains('■'), "{screen}");
    ui.cmd(&[Command::Open]);
    let screen = ui.screen();
    assert!(screen.contains("Closing: ■closed"), "{screen}");
    assert!(screen.contains("approved by bob"), "{screen}");
}

#[test]
fn each_refusal_is_one_line_before_anything_is_typed() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let alice = as_user("alice", Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.select(T1);
        // Reviewing is for admins.
        for cmd in [Command::CloseApprove, Command::CloseReturn] {
            ui.cmd(&[cmd]);
            assert_eq!(ui.state.mode, Mode::Normal);
            assert!(
                ui.notice().contains("只有督查科的管理员"),
                "{}",
                ui.notice()
            );
        }
        // Task 3 is not alice's department's.
        ui.select(T3);
        ui.cmd(&[Command::CloseApply]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(!ui.notice().is_empty());
        assert!(!ui.notice().contains("--"), "{}", ui.notice());
    }
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.select(T1);
    // Nothing to review yet.
    ui.cmd(&[Command::CloseApprove]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.notice().contains("推进中"), "{}", ui.notice());
    // The lead of task 3 stands at 45%.
    ui.select(T3);
    ui.cmd(&[Command::CloseApply]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.notice().contains("45%"), "{}", ui.notice());
    // Esc in a prompt writes nothing.
    ui.select(T1);
    ui.cmd(&[Command::CloseApply]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.type_in("x");
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(ui.row_state(T1), Closing::Open);
}
