//! The review queue (待办, `I`, issue 22), in-process: an admin's queue of applications, oldest
//! first, with the application under the list; `V` and `X` from the queue; Enter going to the
//! task in view 2 (clearing a filter that hid it); a unit's own queue with the reason it was sent
//! back; `X` on a closed task reopening it with a reason; a 督办单 answered (`F`), returned (`X`)
//! and accepted (`V`) without leaving the queue.

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
    fn prompt(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
        self.cmd(&[Command::Yes]);
    }

    fn select(&mut self, id: i64) {
        self.cmd(&[Command::View(View::Tasks), Command::First]);
        while self.state.selected_task() != Some(id) {
            let before = self.state.selected_task();
            self.cmd(&[Command::Down]);
            assert_ne!(before, self.state.selected_task(), "task {id} not listed");
        }
    }

    fn notice(&self) -> String {
        self.state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }
}

/// alice (the lead unit's editor) applies to close task 1, with why the co-unit is below 100%.
fn apply_t1(db: &mut Db, lang: Lang) {
    let alice = as_user("alice", lang);
    let mut ui = Ui::new(db, &alice, 80, 24);
    ui.select(T1);
    ui.cmd(&[Command::CloseApply]);
    ui.prompt("主体工作已完成");
    ui.prompt("发改局部分已并入");
    // No evidence files: an empty line.
    ui.prompt("");
    assert_eq!(ui.state.tasks.rows[&T1].closing_state(), Closing::Pending);
}

#[test]
fn the_admin_reviews_from_the_queue_and_it_empties() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    apply_t1(&mut db, Lang::Zh);
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::Queue]);
    assert_eq!(ui.state.mode, Mode::Queue);
    let screen = ui.screen();
    assert!(screen.contains("待审核的办结申请"), "{screen}");
    assert!(screen.contains("1 项"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("推进企业数字化改造"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.starts_with('◇'), "{screen}");
    assert!(row.ends_with('◀'), "the row is selected: {screen}");
    // The application under the list: its note, why, and each unit's percent.
    assert!(screen.contains("办结说明: 主体工作已完成"), "{screen}");
    assert!(
        screen.contains("未达100%原因: 发改局部分已并入"),
        "{screen}"
    );
    assert!(screen.contains("30%"), "{screen}");
    // The footer names the queue's keys.
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("V 审核通过"), "{footer}");
    assert!(footer.contains("X 退回"), "{footer}");
    ui.cmd(&[Command::CloseApprove]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.prompt("材料齐全");
    // Back in the queue, read again: nothing waits now.
    assert_eq!(ui.state.mode, Mode::Queue);
    assert!(ui.notice().contains("已办结"), "{}", ui.notice());
    assert!(ui.state.queue.items.is_empty());
    assert!(ui.screen().contains("没有待办事项"), "{}", ui.screen());
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Normal);
    ui.select(T1);
    assert_eq!(ui.state.tasks.rows[&T1].closing_state(), Closing::Closed);
}

#[test]
fn enter_goes_to_the_task_even_when_a_filter_hid_it() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    apply_t1(&mut db, Lang::Zh);
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::View(View::Tasks), Command::Filter]);
    ui.typed("星海");
    ui.send([Action::FilterAccept]);
    assert_ne!(ui.state.selected_task(), Some(T1));
    ui.cmd(&[
        Command::View(View::Deadlines),
        Command::Queue,
        Command::Open,
    ]);
    assert_eq!(ui.state.view, View::Tasks);
    assert_eq!(ui.state.selected_task(), Some(T1));
    assert_eq!(ui.state.mode, Mode::Detail);
    assert_eq!(ui.state.filters[2], "");
    assert!(ui.state.goto_task.is_none());
    let screen = ui.screen();
    assert!(screen.contains("◇待审核"), "{screen}");
    // Esc leaves the detail onto the list, the cursor on the task.
    ui.cmd(&[Command::Close]);
    let screen = ui.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("推进企业数字化改造"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.ends_with('◀'), "{screen}");
}

#[test]
fn a_unit_sees_its_task_sent_back_with_the_reason_in_english() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    apply_t1(&mut db, Lang::En);
    {
        let bob = as_user("bob", Lang::En);
        let mut ui = Ui::new(&mut db, &bob, 80, 24);
        ui.cmd(&[Command::Queue, Command::CloseReturn]);
        assert!(ui.screen().contains("reason for sending it back"));
        ui.cmd(&[Command::Yes]);
        assert!(ui.screen().contains("write the reason"), "{}", ui.screen());
        ui.prompt("no acceptance report");
        assert!(ui.state.queue.items.is_empty());
    }
    let alice = as_user("alice", Lang::En);
    let mut ui = Ui::new(&mut db, &alice, 80, 24);
    ui.cmd(&[Command::Queue]);
    let screen = ui.screen();
    assert!(
        screen.contains("your tasks in review or sent back"),
        "{screen}"
    );
    let row = screen
        .lines()
        .find(|l| l.starts_with('↺'))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("today"), "{row}");
    assert!(
        screen.contains("sent back because: no acceptance report"),
        "{screen}"
    );
    // Reviewing is not a unit's: one line, no prompt.
    ui.cmd(&[Command::CloseApprove]);
    assert_eq!(ui.state.mode, Mode::Queue);
    assert!(!ui.notice().is_empty());
}

#[test]
fn x_on_a_closed_task_reopens_it_with_a_reason() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    apply_t1(&mut db, Lang::Zh);
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.select(T1);
    ui.cmd(&[Command::CloseApprove]);
    ui.prompt("");
    assert_eq!(ui.state.tasks.rows[&T1].closing_state(), Closing::Closed);
    ui.cmd(&[Command::CloseReturn]);
    assert!(
        ui.screen().contains("重新打开这项已办结的任务"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::Yes]);
    assert!(
        ui.screen().contains("请写重新打开的原因"),
        "{}",
        ui.screen()
    );
    ui.prompt("复查发现未完成");
    assert!(ui.notice().contains("重新打开"), "{}", ui.notice());
    assert_eq!(ui.state.tasks.rows[&T1].closing_state(), Closing::Returned);
    let history = Db::open(&f.path)
        .unwrap()
        .closing_history(T1, None)
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[2].note, "复查发现未完成");
}

#[test]
fn an_extension_request_is_granted_from_the_queue_with_the_date_asked() {
    use duban::store::ExtensionAction;
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let today = support::TODAY.parse().unwrap();
    let asked = chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
    // Past the deadline only an admin files a request; bob files it for the lead unit.
    db.extension_step(
        T1,
        &ExtensionAction::Request {
            department_id: 1,
            to: asked,
            reason: "征地手续未完成",
            today,
        },
        "bob",
        support::NOW,
    )
    .unwrap();
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::Queue]);
    let screen = ui.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("推进企业数字化改造"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.starts_with('延'), "{screen}");
    assert!(screen.contains("申请延至"), "{screen}");
    assert!(screen.contains("2027-06-30"), "{screen}");
    assert!(screen.contains("征地手续未完成"), "{screen}");
    ui.cmd(&[Command::CloseApprove]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert_eq!(ui.state.prompt.as_ref().unwrap().field.text(), "2027-06-30");
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Queue, "{}", ui.notice());
    assert!(ui.state.queue.items.is_empty(), "{}", ui.notice());
    drop(ui);
    let history = db.extension_history(T1, None).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].new_deadline, Some(asked));
}

#[test]
fn a_notice_is_answered_returned_and_accepted_from_the_queue() {
    use duban::domain::NoticeLevel;
    use duban::store::NewNotice;
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let today: chrono::NaiveDate = support::TODAY.parse().unwrap();
    let notice = db
        .issue_notice(
            &NewNotice {
                task_id: T1,
                department_id: 1,
                level: NoticeLevel::Yellow,
                reason: "落后序时进度",
                required: "说明原因并提出措施",
                reply_by: today + chrono::Duration::days(5),
            },
            "bob",
            support::NOW,
            today,
        )
        .unwrap();
    let state = |db: &Db| db.notice(notice.id, None).unwrap().unwrap().state;
    {
        let alice = as_user("alice", Lang::Zh);
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.cmd(&[Command::Queue]);
        let screen = ui.screen();
        let row = screen
            .lines()
            .find(|l| l.contains("推进企业数字化改造"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.starts_with('Y'), "{screen}");
        assert!(screen.contains(&notice.number), "{screen}");
        assert!(screen.contains("待反馈"), "{screen}");
        // X has nothing to send back: one line, no prompt.
        ui.cmd(&[Command::CloseReturn]);
        assert_eq!(ui.state.mode, Mode::Queue);
        assert!(ui.notice().contains("按 F 反馈"), "{}", ui.notice());
        // F asks for the reply; an empty one is refused in the prompt; Esc keeps the queue.
        ui.cmd(&[Command::NoticeReply]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        ui.cmd(&[Command::Yes]);
        assert_eq!(ui.state.mode, Mode::Prompt);
        ui.cmd(&[Command::Cancel]);
        assert_eq!(ui.state.mode, Mode::Queue);
        ui.cmd(&[Command::NoticeReply]);
        ui.prompt("已增派人员,月底前完成");
        assert_eq!(ui.state.mode, Mode::Queue, "{}", ui.notice());
    }
    assert_eq!(state(&db), duban::domain::notice::State::Answered);
    let bob = as_user("bob", Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::Queue]);
    let screen = ui.screen();
    assert!(screen.contains("已反馈待审核"), "{screen}");
    assert!(screen.contains("反馈: 已增派人员,月底前完成"), "{screen}");
    // X: the reason, and the notice waits on the unit again (gone from the admin's queue).
    ui.cmd(&[Command::CloseReturn]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.prompt("措施不具体");
    assert_eq!(ui.state.mode, Mode::Queue, "{}", ui.notice());
    assert!(ui.state.queue.items.is_empty(), "{}", ui.screen());
    drop(ui);
    assert_eq!(state(&db), duban::domain::notice::State::Returned);
    {
        let alice = as_user("alice", Lang::Zh);
        let mut ui = Ui::new(&mut db, &alice, 80, 24);
        ui.cmd(&[Command::Queue, Command::CloseApprove]);
        ui.prompt("明确三项措施,12月20日前完成");
    }
    // V: y is typed already; Enter accepts and the notice is closed.
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::Queue, Command::CloseApprove]);
    assert_eq!(ui.state.prompt.as_ref().unwrap().field.text(), "y");
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Queue, "{}", ui.notice());
    assert!(ui.state.queue.items.is_empty(), "{}", ui.screen());
    drop(ui);
    assert_eq!(state(&db), duban::domain::notice::State::Closed);
}

#[test]
fn moving_in_the_queue_stops_at_its_last_item() {
    let (_dir, mut db) = support::demo();
    let bob = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &bob, 80, 24);
    ui.cmd(&[Command::Queue]);
    let len = ui.state.queue.items.len();
    assert!(
        len >= 2,
        "the demo's admin has items waiting: {}",
        ui.screen()
    );
    ui.cmd(&[Command::Last]);
    assert_eq!(ui.state.queue.pick, len - 1);
    ui.cmd(&[Command::Down, Command::Down, Command::PageDown]);
    assert_eq!(ui.state.queue.pick, len - 1);
    assert!(ui.state.queue.selected().is_some());
    ui.cmd(&[Command::First, Command::Down]);
    assert_eq!(ui.state.queue.pick, 1);
}
