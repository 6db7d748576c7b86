//! What the form says about drafts (issue 19, item 10), in-process: a session's own draft comes
//! back as its own; another session's is said to be another's when it is restored and when it
//! is written over; taking theirs in a conflict keeps the text without claiming anything.

#[path = "support/ui.rs"]
mod support;

use duban::domain::Percent;
use duban::i18n::Lang;
use duban::store::{Db, ProgressReport};
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::Mode;
use support::{Ui, demo, session};

fn type_form(ui: &mut Ui<'_>, text: &str) {
    ui.send(text.chars().map(|c| Action::FormEdit(Edit::Insert(c))));
}

/// What the loop's timer sends after a pause in typing.
fn pause(ui: &mut Ui<'_>) {
    ui.send([Action::KeepDraft]);
}

fn kept_note(db: &Db, (task, dept): (i64, i64)) -> Option<String> {
    db.draft("sunhui", task, dept)
        .unwrap()
        .map(|d| d.note[0].clone())
}

#[test]
fn the_form_says_whose_draft_it_restored_or_wrote_over() {
    let (dir, mut db) = demo();
    let path = dir.path().join("demo.db");
    let mut second_db = Db::open(&path).unwrap();
    let mut other = Db::open(&path).unwrap();
    let s = session(Lang::Zh);
    let mut first = Ui::new(&mut db, &s, 80, 24);
    first.cmd(&[Command::NextPane, Command::Report]);
    let form = first.state.form.as_ref().unwrap();
    let key = (form.data.task_id, form.data.department_id);
    type_form(&mut first, "95");
    first.cmd(&[Command::NextField]);
    type_form(&mut first, "我的进展");
    assert_eq!(kept_note(first.runner.db, key), None, "not on every key");
    pause(&mut first);
    assert_eq!(kept_note(first.runner.db, key).as_deref(), Some("我的进展"));
    assert!(!first.screen().contains("另一个会话"));

    // Another clerk saves first; taking theirs leaves the text as this session's draft.
    let current = other.assignment(key.0, key.1).unwrap().unwrap();
    other
        .report_progress(&ProgressReport {
            task_id: key.0,
            department_id: key.1,
            percent: Percent::new(88).unwrap(),
            note: String::new(),
            by: "zhangli".into(),
            at: support::NOW,
            expected_version: current.version,
        })
        .unwrap();
    first.cmd(&[Command::Save, Command::TakeTheirs]);
    assert_eq!(first.state.mode, Mode::Normal);
    assert!(!first.screen().contains("另一个会话"), "{}", first.screen());
    assert_eq!(kept_note(first.runner.db, key).as_deref(), Some("我的进展"));
    first.cmd(&[Command::Report]);
    let screen = first.screen();
    assert!(screen.contains("已恢复你上次未保存的内容"), "{screen}");

    // A second session of the same login opens the same form: another session's draft.
    let mut second = Ui::new(&mut second_db, &s, 80, 24);
    second.cmd(&[Command::NextPane, Command::Report]);
    let screen = second.screen();
    assert!(screen.contains("我的进展"), "{screen}");
    assert!(
        screen.contains("已恢复草稿:另一个会话于 09:00 暂存的内容"),
        "{screen}"
    );
    // Building on what it restored is no taking over.
    second.cmd(&[Command::NextField]);
    second.send([Action::FormEdit(Edit::End)]);
    type_form(&mut second, ",接着写");
    pause(&mut second);
    assert!(!second.screen().contains("已替换"), "{}", second.screen());
    assert_eq!(
        kept_note(second.runner.db, key).as_deref(),
        Some("我的进展,接着写")
    );
    // The first session types on: its text is the newest, and it says whose it replaced.
    first.cmd(&[Command::NextField]);
    first.send([Action::FormEdit(Edit::End)]);
    type_form(&mut first, "!");
    pause(&mut first);
    let screen = first.screen();
    assert!(
        screen.contains("已替换另一个会话于 09:00 暂存的草稿(以最新为准)"),
        "{screen}"
    );
    assert_eq!(
        kept_note(first.runner.db, key).as_deref(),
        Some("我的进展!")
    );
    // Saved: the draft is gone.
    first.cmd(&[Command::PrevField]);
    first.send([Action::FormEdit(Edit::ClearToStart)]);
    type_form(&mut first, "97");
    first.cmd(&[Command::Save]);
    assert_eq!(first.state.form, None);
    assert_eq!(kept_note(first.runner.db, key), None);
}
