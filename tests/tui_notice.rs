//! 督办单 from the TUI (issue 22), in-process on the demo file: `N` by an admin issues a notice
//! drafted from the rules' proposal (only what is required typed) and names its number; the
//! row's [R] mark and the detail's notice lines; `F` by the unit's editor replies, by the admin
//! returns (n and a reason) and accepts (y); an overdue notice's [Y!]; and every refusal (a
//! viewer, another department's clerk, an editor issuing, a second notice in time, a task with
//! none) as one line before anything is typed.

#[path = "support/ui.rs"]
mod support;

use duban::domain::{ClerkRole, NoticeLevel, Role};
use duban::i18n::Lang;
use duban::store::{Db, NewNotice, Scope};
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session, View};
use support::{NOW, Ui, demo, session};

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

/// The task's lead unit: (id, name).
fn lead(db: &Db, task: i64) -> (i64, String) {
    let u = db
        .task_units(task)
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Lead)
        .unwrap();
    (u.department_id, u.name)
}

/// 推进闲置厂房招商盘活: deadline 2026-03-31, long past, and no notice in the demo: the rules
/// propose red for its lead unit (区商务局); 区投资促进中心 is a co-unit. (The demo's own notices
/// are 第1号 and 第2号, so the first one issued here is 第3号.)
const LATE_TASK: &str = "推进闲置厂房招商盘活";
/// 培育高新技术企业: 区科技局 leads it, deadline 2027-12-31.
const OPEN_TASK: &str = "培育高新技术企业";

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

    fn said(&self) -> String {
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
            .find(|l| l.contains(title) || l.contains(&title[..12]))
            .unwrap_or_else(|| panic!("{title} not on screen:\n{screen}"))
            .to_string()
    }

    /// The detail of the selected task, and back to the list.
    fn detail(&mut self) -> String {
        self.cmd(&[Command::Open]);
        let screen = self.screen();
        self.cmd(&[Command::Close]);
        screen
    }
}

#[test]
fn an_admin_issues_the_unit_replies_the_admin_returns_then_accepts() {
    let (_dir, mut db) = demo();
    let id = task(&db, LATE_TASK);
    let (lead_id, lead_name) = lead(&db, id);
    let today = support::TODAY.parse().unwrap();
    assert!(
        db.notice_proposal(id, lead_id, today).unwrap().is_some(),
        "the demo's late task should be proposed"
    );
    let admin = session(Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &admin, 80, 24);
        ui.select(id);
        assert!(!ui.row(LATE_TASK).contains("[R"), "{}", ui.row(LATE_TASK));
        ui.cmd(&[Command::NoticeIssue]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        let label = duban::tui::notice::label(
            Lang::Zh,
            match &ui.state.prompt.as_ref().unwrap().kind {
                duban::tui::people::PromptKind::Notice(p) => p,
                other => panic!("{other:?}"),
            },
        );
        assert!(
            label.starts_with(&format!(
                "督办要求(可不填,Enter 签发)[R 红色挂牌督办] 致{lead_name}"
            )),
            "{label}"
        );
        assert!(label.contains("事由:逾期"), "{label}");
        // Esc issues nothing.
        ui.cmd(&[Command::Cancel]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(db_notices(&ui, id).is_empty());
        ui.cmd(&[Command::NoticeIssue]);
        ui.answer("三日内报送整改方案");
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(
            ui.said().contains("已签发 督办〔2026〕第3号(红色挂牌督办)"),
            "{}",
            ui.said()
        );
        assert!(ui.said().contains(&lead_name), "{}", ui.said());
        let row = ui.row(LATE_TASK);
        assert!(row.contains("[R]"), "{row}");
        let screen = ui.detail();
        assert!(
            screen.contains(&format!(
                "督办〔2026〕第3号 [R 红色挂牌督办] 致{lead_name} 待反馈"
            )),
            "{screen}"
        );
        assert!(screen.contains("督办事由: 逾期"), "{screen}");
        assert!(screen.contains("督办要求: 三日内报送整改方案"), "{screen}");
        // A second one while the first is in time: refused before anything is typed.
        ui.cmd(&[Command::NoticeIssue]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.said().contains("尚在反馈期内"), "{}", ui.said());
        // Nothing to review yet: the admin would reply for the unit; Esc leaves it.
        ui.cmd(&[Command::NoticeReply]);
        assert!(ui.screen().contains("的反馈"), "{}", ui.screen());
        ui.cmd(&[Command::Cancel]);
    }
    // The lead unit's own clerk in the demo.
    let clerk = db
        .clerks()
        .unwrap()
        .into_iter()
        .find(|c| c.department_id == Some(lead_id) && c.role == ClerkRole::Editor)
        .expect("the lead unit has an editor")
        .username;
    let editor = as_clerk(&clerk, ClerkRole::Editor, Some(lead_id), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &editor, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        assert!(
            ui.screen().contains("对 督办〔2026〕第3号 的反馈"),
            "{}",
            ui.screen()
        );
        ui.answer("");
        assert_eq!(ui.prompt_error(), "请写反馈内容");
        ui.answer("诊断已覆盖 80%,年底前完成");
        assert!(ui.said().contains("第3号 已反馈"), "{}", ui.said());
        // Under review: still live, the mark stays; a second reply is refused.
        assert!(ui.row(LATE_TASK).contains("[R]"), "{}", ui.row(LATE_TASK));
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.said().contains("正在等待督查科审核"), "{}", ui.said());
        // Issuing is the office's.
        ui.cmd(&[Command::NoticeIssue]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.said().contains("只有督查科的管理员"), "{}", ui.said());
        let screen = ui.detail();
        assert!(screen.contains("已反馈待审核"), "{screen}");
        assert!(
            screen.contains("最近反馈: 诊断已覆盖 80%,年底前完成"),
            "{screen}"
        );
    }
    {
        let mut ui = Ui::new(&mut db, &admin, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::NoticeReply]);
        let screen = ui.screen();
        assert!(
            screen.contains("y 通过 / n 退回:督办〔2026〕第3号"),
            "{screen}"
        );
        ui.answer("x");
        assert!(
            ui.prompt_error().contains("请输入 y"),
            "{}",
            ui.prompt_error()
        );
        ui.answer("n");
        assert!(ui.screen().contains("退回原因"), "{}", ui.screen());
        ui.answer("");
        assert_eq!(ui.prompt_error(), "请写退回原因");
        ui.answer("请写明完成时间");
        assert!(ui.said().contains("反馈已退回"), "{}", ui.said());
        assert!(ui.detail().contains("已退回待反馈"));
    }
    {
        let mut ui = Ui::new(&mut db, &editor, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::NoticeReply]);
        ui.answer("12月20日前完成");
    }
    let mut ui = Ui::new(&mut db, &admin, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::NoticeReply]);
    assert!(ui.screen().contains("12月20日前完成"), "{}", ui.screen());
    ui.answer("y");
    assert!(ui.said().contains("督办单已办结"), "{}", ui.said());
    assert!(!ui.row(LATE_TASK).contains("[R"), "{}", ui.row(LATE_TASK));
    let screen = ui.detail();
    assert!(
        screen.contains(&format!(
            "督办〔2026〕第3号 [R 红色挂牌督办] 致{lead_name} 已办结"
        )),
        "{screen}"
    );
    // Nothing live any more.
    ui.cmd(&[Command::NoticeReply]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.said().contains("没有待反馈或待审核"), "{}", ui.said());
}

fn db_notices(ui: &Ui<'_>, id: i64) -> Vec<duban::store::Notice> {
    ui.state.tasks.rows[&id].notices.clone()
}

#[test]
fn a_viewer_and_another_departments_clerk_are_refused_and_an_overdue_notice_is_marked() {
    let (_dir, mut db) = demo();
    let id = task(&db, OPEN_TASK);
    let kjj = dept(&db, "区科技局");
    // Issued on 2026-11-01 with a reply-by date three weeks ago by today (2026-11-23).
    let issued_on: chrono::NaiveDate = "2026-11-01".parse().unwrap();
    db.issue_notice(
        &NewNotice {
            task_id: id,
            department_id: kjj,
            level: NoticeLevel::Yellow,
            reason: "进度滞后",
            required: "",
            reply_by: "2026-11-05".parse().unwrap(),
        },
        "sunhui",
        NOW - chrono::Duration::days(22),
        issued_on,
    )
    .unwrap();
    let dsj = dept(&db, "区大数据中心");
    let late = task(&db, LATE_TASK);
    let other = as_clerk("linxia", ClerkRole::Editor, Some(dsj), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &other, 80, 24);
        ui.select(id);
        assert!(ui.row(OPEN_TASK).contains("[Y!]"), "{}", ui.row(OPEN_TASK));
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert_eq!(ui.said(), "这项任务没有致本单位、待反馈的督办单");
        let screen = ui.detail();
        assert!(screen.contains("待反馈 逾期未反馈"), "{screen}");
        // A task with no notice.
        ui.select(late);
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.said(), "这项任务没有待反馈或待审核的督办单");
    }
    let viewer = as_clerk("nobody", ClerkRole::Viewer, Some(kjj), Lang::Zh);
    {
        let mut ui = Ui::new(&mut db, &viewer, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(ui.said().contains("只能查看"), "{}", ui.said());
    }
    // In English, the unit's own clerk replies to the overdue one.
    let editor = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), Lang::En);
    let mut ui = Ui::new(&mut db, &editor, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::NoticeReply]);
    assert!(
        ui.screen().contains("reply to 督办〔2026〕第3号"),
        "{}",
        ui.screen()
    );
    ui.answer("on track again");
    assert!(ui.said().contains("replied, waiting"), "{}", ui.said());
    // Answered: live, no longer overdue.
    let row = ui.row(OPEN_TASK);
    assert!(row.contains("[Y]"), "{row}");
}

#[test]
fn in_view_1_n_addresses_the_selected_department_when_it_is_a_unit_of_the_task() {
    let (_dir, mut db) = demo();
    let id = task(&db, LATE_TASK);
    let co = dept(&db, "区投资促进中心");
    let admin = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &admin, 80, 24);
    ui.cmd(&[Command::View(View::Departments), Command::First]);
    while ui.state.depts.selected_item().map(|d| d.id) != Some(co) {
        let before = ui.state.depts.selected_item().map(|d| d.id);
        ui.cmd(&[Command::Down]);
        assert_ne!(before, ui.state.depts.selected_item().map(|d| d.id));
    }
    ui.cmd(&[Command::NextPane]);
    while ui.state.selected_task() != Some(id) {
        let before = ui.state.selected_task();
        ui.cmd(&[Command::Down]);
        assert_ne!(before, ui.state.selected_task(), "task not in the list");
    }
    // A co-unit: the rules propose nothing for it (its lead answers), and say where to go.
    ui.cmd(&[Command::NoticeIssue]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(
        ui.said()
            .contains("不建议就这项任务向区投资促进中心签发督办单"),
        "{}",
        ui.said()
    );
}
