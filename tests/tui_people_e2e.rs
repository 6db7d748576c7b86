//! View 4's clerks list driven through the real binary in a pseudo-terminal, as an admin on an
//! SSH session would: Tab to the list, add a clerk with the prompt (a refused line first), change
//! a role, remove one; then what the file says (issue 21 item 11: "the pty tests cover view 4's
//! clerks list").

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use duban::domain::ClerkRole;
use duban::store::Db;
use pty::{Tui, demo_db};

/// Where the clerks list starts at 80 columns (the departments take the left half and a gap).
const CLERKS_COL: u16 = 41;

/// Moves the clerks list's selection down until it is on `user`.
fn select_clerk(tui: &mut Tui, user: &str) {
    // Only the list's rows count: the footer (keys, a notice) is not the selection. A frame that showed some other reversed cell once let a second `j` go out
    // before the first had landed, and `x` then removed the clerk below the one seen selected.
    let selected = |s: &vt100::Screen| -> Option<String> {
        let (rows, cols) = s.size();
        (3..rows.saturating_sub(1)).find_map(|r| {
            s.cell(r, CLERKS_COL).is_some_and(|c| c.inverse()).then(|| {
                s.contents_between(r, CLERKS_COL, r, cols)
                    .trim()
                    .to_string()
            })
        })
    };
    for _ in 0..40 {
        let row = selected(tui.parser.screen()).unwrap_or_default();
        if row.split_whitespace().next() == Some(user) {
            return;
        }
        tui.keys("j");
        tui.wait_for("the selection to move", move |s| {
            selected(s).is_some_and(|now| now != row)
        });
        // The move may scroll the list, redrawn in several reads: read the whole frame before
        // deciding, or a half-drawn row sends a second `j` past the clerk.
        tui.settle(std::time::Duration::from_millis(150));
    }
    panic!("{user} not reached:\n{}", tui.screen());
}

/// The row above the prompt line: the question, or why the answer was refused.
fn question_row(tui: &Tui) -> String {
    tui.parser.screen().contents_between(22, 0, 22, 80)
}

#[test]
fn an_admin_adds_a_clerk_changes_a_role_and_removes_one_in_view_4() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let clerks_before = Db::open(&path).unwrap().clerks().unwrap().len();
    let mut tui = Tui::start(&path, 80, 24);
    tui.wait_ready();
    tui.keys("4");
    tui.wait_text(&format!("填报人员  {clerks_before} 人"));
    // Tab gives the clerks list the keyboard: its selection is drawn in reverse video.
    tui.keys("\t");
    tui.wait_for("the clerks list to take focus", |s| {
        s.cell(3, CLERKS_COL).is_some_and(|c| c.inverse())
    });

    // Add: a department that does not exist is refused under the text, which stays.
    tui.keys("a");
    tui.wait_text("登录名 角色 [单位]");
    tui.keys("qianwei 填报员 没有这个局");
    tui.keys("\r");
    tui.wait_text("没有单位");
    let refused = question_row(&tui);
    assert!(
        refused.trim_end().ends_with("Enter 确定  Esc 取消"),
        "nothing of the lists beside the refusal: {refused:?}\n{}",
        tui.screen()
    );
    // Ctrl-U empties the line; the full answer adds the clerk.
    tui.keys("\x15");
    tui.keys("qianwei 填报员 经信局\r");
    tui.wait_text("已添加填报人员:qianwei");
    tui.wait_text(&format!("填报人员  {} 人", clerks_before + 1));

    // Change qianwei's role: read-only, no department.
    select_clerk(&mut tui, "qianwei");
    tui.keys("R");
    tui.wait_text("qianwei(现为 填报员 · 区经信局)的新角色 [单位]");
    tui.keys("只读\r");
    tui.wait_text("已修改 qianwei 的角色");

    // Remove zhaolei: asked first, then gone from the list.
    select_clerk(&mut tui, "zhaolei");
    tui.keys("x");
    tui.wait_text("移除填报人员?");
    tui.wait_text("zhaolei 将只能查看");
    tui.keys("y");
    tui.wait_text("已移除 zhaolei");
    tui.wait_text(&format!("填报人员  {clerks_before} 人"));
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let db = Db::open(&path).unwrap();
    let qianwei = db.clerk("qianwei").unwrap().expect("qianwei was added");
    assert_eq!(qianwei.role, ClerkRole::Viewer);
    assert_eq!(qianwei.department_id, None);
    assert!(
        db.clerk("zhaolei").unwrap().is_none(),
        "zhaolei was removed"
    );
    assert_eq!(db.clerks().unwrap().len(), clerks_before);
    // The CLI reads the same file the same way.
    let list = cli::duban(&["--db", cli::p(&path), "clerk", "list"]);
    let text = cli::out(&list);
    assert!(text.contains("qianwei"), "{text}");
    assert!(!text.contains("zhaolei"), "{text}");
}
