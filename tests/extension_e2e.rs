//! Extensions (延期申请, issue 22) in the real binary, at 80x24 on the demo file: the editor of
//! the lead unit asks with `T` (the new deadline, then the reason), the admin approves with `T`,
//! `y` and the date asked; the row then shows 延 before the new deadline and `duban extend list`
//! says so. The login comes from the OS, so between sessions the test changes this login's role
//! in the file (as an admin would in view 4).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::{Clerk, Db, Scope};
use pty::Tui;

/// 培育高新技术企业: 区科技局 leads it, deadline 2027-12-31.
const TITLE: &str = "培育高新技术企业";

fn be(path: &std::path::Path, role: ClerkRole) {
    let mut db = Db::open(path).unwrap();
    let kjj = db
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "区科技局")
        .unwrap()
        .id;
    let department = (role == ClerkRole::Editor).then_some(kjj);
    let me = os_login();
    let now = cli::pinned_now();
    if db.clerks().unwrap().iter().any(|c| c.username == me) {
        // sunhui stays an admin of the demo, so this login may be made an editor.
        db.set_clerk_role(&me, role, department, "sunhui", now)
            .unwrap();
    } else {
        let clerk = Clerk {
            username: me,
            display_name: None,
            department_id: department,
            role,
        };
        db.add_clerk(&clerk, "sunhui", now).unwrap();
    }
}

fn deadline(path: &std::path::Path) -> String {
    let db = Db::open(path).unwrap();
    let t = db
        .tasks(Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.title == TITLE)
        .unwrap();
    t.schedule.deadline.format("%Y-%m-%d").to_string()
}

/// View 2 narrowed to the task, which is then the selected row.
fn open_task(path: &std::path::Path) -> Tui {
    let mut tui = Tui::start(path, 80, 24);
    tui.wait_ready();
    tui.keys("2");
    tui.wait_text("任务  34 项");
    tui.keys("/培育高新\r");
    tui.wait_text("任务  1 项");
    tui.settle(std::time::Duration::from_millis(200));
    tui
}

fn quit(mut tui: Tui) {
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn the_editor_asks_with_t_and_the_admin_approves_the_date_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = cli::demo_db(dir.path());

    be(&path, ClerkRole::Editor);
    let mut tui = open_task(&path);
    tui.keys("T");
    tui.wait_text("现期限 2027-12-31");
    tui.keys("2028-03-31\r");
    tui.wait_text("延期理由");
    tui.keys("实验室建设周期较长\r");
    tui.wait_text("已申请延期至 2028-03-31");
    quit(tui);
    assert_eq!(deadline(&path), "2027-12-31");

    be(&path, ClerkRole::Admin);
    let mut tui = open_task(&path);
    tui.keys("T");
    tui.wait_text("y 批准 / n 驳回");
    tui.keys("y\r");
    tui.wait_text("批准延期至");
    tui.keys("\r");
    tui.wait_text("完成期限改为 2028-03-31");
    tui.wait_text("延28-03-31");
    quit(tui);
    assert_eq!(deadline(&path), "2028-03-31");

    let o = cli::duban(&["extend", "--db", cli::p(&path), "list"]);
    assert!(o.status.success(), "{}", cli::err(&o));
    let list = cli::out(&o);
    assert!(list.contains("✓ 批准延期"), "{list}");
    assert!(list.contains("2027-12-31 → 2028-03-31"), "{list}");
}
