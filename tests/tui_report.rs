//! Views 5 (the circular's ranking, with a department's score breakdown) and 6 (indicators), and
//! the department list's mark for reports not yet made this period, at 80x24 with Chinese names.

#[path = "support/ui.rs"]
mod support;

use duban::domain::{ClerkRole, LightPreset};
use duban::i18n::Lang;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, View};
use support::{Ui, demo, session};

#[test]
fn report_view_ranks_and_explains_a_score() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report)]);
    let screen = ui.screen();
    assert!(screen.contains("排名 变化 单位"), "{screen}");
    // The previous quarter, then the breakdown of its second department.
    ui.cmd(&[Command::PrevPeriod, Command::Down, Command::Open]);
    insta::assert_snapshot!("report_breakdown_80x24_zh", ui.screen());
    let screen = ui.screen();
    assert!(screen.contains("得分明细"), "{screen}");
    assert!(screen.contains("合计"), "{screen}");
    ui.cmd(&[Command::Close]);
    assert!(!ui.screen().contains("── 得分明细"));
}

#[test]
fn indicators_view_80x24() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    insta::assert_snapshot!("indicators_80x24_zh", ui.screen());
}

#[test]
fn departments_show_who_has_not_reported_this_period() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 80, 24);
    let screen = ui.screen();
    assert!(screen.contains("○"), "{screen}");
}

#[test]
fn an_admin_changes_settings_on_the_settings_screen() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    insta::assert_snapshot!("settings_80x24_zh", ui.screen());
    // cycle.due_day is the second row: a bad value stays in the line with the reason.
    ui.cmd(&[Command::Down, Command::Open]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send("40".chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert!(ui.screen().contains("1..31"), "{}", ui.screen());
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send("20".chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.runner.db.cycle_settings().unwrap().due_day, 20);
    assert!(
        ui.screen().contains("cycle.due_day               20"),
        "{}",
        ui.screen()
    );
    // p switches the light preset; the runner's thresholds follow.
    ui.cmd(&[Command::LightPreset]);
    assert_eq!(
        LightPreset::of(&ui.runner.db.thresholds().unwrap()),
        Some(LightPreset::Strict)
    );
    assert_eq!(ui.runner.thresholds, LightPreset::Strict.thresholds());
    assert_eq!(ui.state.thresholds, LightPreset::Strict.thresholds());
    ui.cmd(&[Command::Close]);
    assert!(ui.screen().contains("排名 变化 单位"));
}

#[test]
fn others_may_look_at_settings_but_not_change_them() {
    let (_dir, mut db) = demo();
    let mut s = session(Lang::Zh);
    s.role = Some(ClerkRole::Viewer);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[
        Command::View(View::Report),
        Command::Settings,
        Command::Open,
    ]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(
        ui.screen().contains("只有管理员可以修改设置"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::LightPreset]);
    assert_eq!(
        LightPreset::of(&ui.runner.db.thresholds().unwrap()),
        Some(LightPreset::Default)
    );
}
