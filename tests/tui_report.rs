//! Views 5 (the circular's ranking, with a department's score breakdown) and 6 (indicators), and
//! the department list's mark for reports not yet made this period, at 80x24 with Chinese names.

#[path = "support/ui.rs"]
mod support;

use duban::i18n::Lang;
use duban::tui::action::Command;
use duban::tui::state::View;
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
