//! Closing a task (办结销号, issue 22) in the real binary, at 80x24: an editor of the lead unit
//! applies, the admin sends it back with a reason, the editor reads the reason and applies
//! again, the admin approves. The login comes from the OS, so between sessions the test changes
//! this login's role in the file (as an admin would in view 4).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

mod common;

use duban::domain::{ClerkRole, Closing};
use duban::identity::os_login;
use duban::store::{Clerk, Db};
use pty::Tui;

/// The fixture's task 5, 已经完成的任务: 城建公司 alone, at 100%.
const T5: i64 = 5;

fn be(path: &std::path::Path, role: ClerkRole) {
    let mut db = Db::open(path).unwrap();
    let cj = db
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "城建公司")
        .unwrap()
        .id;
    let department = (role == ClerkRole::Editor).then_some(cj);
    let me = os_login();
    let now = cli::pinned_now();
    if db.clerks().unwrap().iter().any(|c| c.username == me) {
        db.set_clerk_role(&me, role, department, "bob", now)
            .unwrap();
    } else {
        let clerk = Clerk {
            username: me,
            display_name: None,
            department_id: department,
            role,
        };
        db.add_clerk(&clerk, "bob", now).unwrap();
    }
}

fn state(path: &std::path::Path) -> Closing {
    Db::open(path).unwrap().closing_state(T5, None).unwrap()
}

/// View 2 narrowed to task 5, which is then the selected row.
fn open_task(path: &std::path::Path) -> Tui {
    let mut tui = Tui::start(path, 80, 24);
    tui.wait_text("单位  4 项");
    tui.keys("2");
    tui.wait_text("任务  5 项");
    tui.keys("/已经完成\r");
    tui.wait_text("任务  1 项");
    tui.settle(std::time::Duration::from_millis(200));
    tui
}

fn quit(mut tui: Tui) {
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn an_editor_applies_the_admin_sends_it_back_then_approves_the_second_application() {
    let f = common::fixture();
    let path = f.path.clone();

    be(&path, ClerkRole::Editor);
    let mut tui = open_task(&path);
    tui.keys("K");
    tui.wait_text("办结说明");
    tui.keys("已通过验收\r");
    // The evidence files' prompt: none this time.
    tui.wait_text("佐证材料");
    tui.keys("\r");
    tui.wait_text("已申请办结");
    tui.wait_text("◇");
    quit(tui);
    assert_eq!(state(&path), Closing::Pending);

    be(&path, ClerkRole::Admin);
    let mut tui = open_task(&path);
    tui.keys("X");
    tui.wait_text("退回原因");
    tui.keys("缺少验收报告\r");
    tui.wait_text("已退回");
    quit(tui);
    assert_eq!(state(&path), Closing::Returned);

    be(&path, ClerkRole::Editor);
    let mut tui = open_task(&path);
    tui.wait_text("↺");
    tui.keys("\r");
    tui.wait_text("退回原因: 缺少验收报告");
    // The progress form says it too, then Esc leaves it untouched.
    tui.keys("e");
    tui.wait_text("↺ 退回原因: 缺少验收报告");
    tui.keys("\x1b");
    tui.wait_for("the form to close", |s| {
        !s.contents().contains("↺ 退回原因")
    });
    tui.keys("K");
    tui.wait_text("办结说明");
    tui.keys("已补充验收报告\r");
    // This time with the report as evidence, its name completed by Tab.
    tui.wait_text("佐证材料");
    let evidence = f.dir.path().join("验收报告.pdf");
    std::fs::write(&evidence, b"report").unwrap();
    tui.keys(&format!("{}/验收", f.dir.path().display()));
    tui.keys("\t");
    tui.wait_text("验收报告.pdf");
    tui.keys("\r");
    tui.wait_text("附佐证材料 1 个");
    quit(tui);
    assert_eq!(state(&path), Closing::Pending);

    be(&path, ClerkRole::Admin);
    let mut tui = open_task(&path);
    tui.keys("V");
    tui.wait_text("审核通过这项申请?可写审核意见");
    tui.keys("\r");
    tui.wait_text("审核通过,已办结");
    tui.wait_text("■");
    quit(tui);
    assert_eq!(state(&path), Closing::Closed);
}
