//! Drafts survive `kill -9` (issue 19, item 10): the real binary in a pseudo-terminal keeps the
//! open form's text in the draft table about a second after the last key, removes it at once
//! when the clerk throws it away, and two sessions of one login keep each other's drafts.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use duban::store::{Db, StoredDraft};
use pty::{Tui, WAIT, demo_db};

/// Longer than the draft's pause (`tui::draft::QUIET`) plus a poll of the loop.
const PAUSE: Duration = Duration::from_millis(1500);

fn signal(tui: &mut Tui, signal: i32) {
    let pid = tui.child.process_id().unwrap() as i32;
    // SAFETY: sending a signal to the child we started.
    unsafe {
        libc::kill(pid, signal);
    }
    let started = Instant::now();
    while tui.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < WAIT,
            "still running after signal {signal}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn my_drafts(db: &Path) -> Vec<StoredDraft> {
    Db::open(db)
        .unwrap()
        .drafts(&duban::identity::os_login())
        .unwrap()
}

fn open_form(tui: &mut Tui) {
    tui.keys("e");
    tui.wait_text("填报进展");
}

#[test]
fn typed_text_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    open_form(&mut tui);
    tui.keys("66\t被强制结束前正在填写的说明");
    tui.wait_text("正在填写的说明");
    std::thread::sleep(PAUSE);
    signal(&mut tui, libc::SIGKILL);

    // The next session: `e` on the same task has the text back, and says whose it was.
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    open_form(&mut tui);
    tui.wait_text("被强制结束前正在填写的说明");
    tui.wait_text("另一个会话于 09:00 暂存");
    let screen = tui.screen();
    assert!(screen.contains("66"), "{screen}");
    tui.keys("\x1b");
    tui.wait_text("放弃");
    tui.keys("n");
    tui.keys("\x1b");
    signal(&mut tui, libc::SIGKILL);
}

#[test]
fn a_discarded_draft_does_not_come_back_after_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // A draft from a session that ended with the form open.
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    open_form(&mut tui);
    tui.keys("66\t不要了的说明");
    tui.wait_text("不要了的说明");
    signal(&mut tui, libc::SIGTERM);
    assert_eq!(my_drafts(&db).len(), 1);

    // Thrown away on purpose: gone at once, even if the process dies right after.
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    open_form(&mut tui);
    tui.wait_text("不要了的说明");
    tui.keys("\x1b");
    tui.wait_text("放弃");
    tui.keys("y");
    tui.wait_for("the form to close", |s| !s.contents().contains("填报进展"));
    signal(&mut tui, libc::SIGKILL);
    assert_eq!(my_drafts(&db), Vec::new());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    open_form(&mut tui);
    tui.wait_text("存在问题    ");
    let screen = tui.screen();
    assert!(!screen.contains("不要了的说明"), "{screen}");
    tui.keys("\x1b");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn two_sessions_of_one_login_keep_both_drafts_and_say_when_one_takes_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut first = Tui::start(&db, 80, 24);
    let mut second = Tui::start(&db, 80, 24);
    first.wait_ready();
    second.wait_ready();

    // Different tasks (the second session is on the next department): each keeps its own, and
    // however the sessions end, neither removes the other's.
    open_form(&mut first);
    first.keys("70\t第一个会话的草稿");
    first.wait_text("第一个会话的草稿");
    second.keys("j");
    open_form(&mut second);
    second.keys("40\t第二个会话的草稿");
    second.wait_text("第二个会话的草稿");
    std::thread::sleep(PAUSE);
    signal(&mut first, libc::SIGTERM);
    signal(&mut second, libc::SIGTERM);
    let mut notes: Vec<String> = my_drafts(&db)
        .into_iter()
        .map(|d| d.note[0].clone())
        .collect();
    notes.sort();
    assert_eq!(notes, ["第一个会话的草稿", "第二个会话的草稿"]);

    // The same task in two sessions: one draft, the newest; each session says when it took
    // another's text or wrote over it.
    let mut first = Tui::start(&db, 80, 24);
    let mut second = Tui::start(&db, 80, 24);
    first.wait_ready();
    second.wait_ready();
    open_form(&mut first);
    first.wait_text("第一个会话的草稿");
    first.keys("\x1b");
    first.wait_text("放弃");
    first.keys("n");
    // Back in the form: typing at the end of the percent, then the note.
    first.keys("\t\x05，又补充一句");
    first.wait_text("又补充一句");
    std::thread::sleep(PAUSE);
    open_form(&mut second);
    second.wait_text("又补充一句");
    second.wait_text("另一个会话于 09:00 暂存");
    second.keys("\t\x05，第二个会话接着写");
    second.wait_text("第二个会话接着写");
    std::thread::sleep(PAUSE);
    first.keys("！");
    first.wait_text("已替换另一个会话于 09:00 暂存的草稿");
    let drafts = my_drafts(&db);
    let task_one: Vec<&StoredDraft> = drafts
        .iter()
        .filter(|d| d.note[0].contains("第一个会话"))
        .collect();
    assert_eq!(task_one.len(), 1, "{drafts:?}");
    assert!(task_one[0].note[0].ends_with('！'), "{drafts:?}");
    for t in [&mut first, &mut second] {
        signal(t, libc::SIGKILL);
    }
}
