//! View 6: switching the year, and entering an indicator's figure by the progress rules (the
//! command line's parsers, the journal, permissions asked before the entry opens and again in
//! the store, a figure saved meanwhile by another clerk shown rather than written over), at
//! 80x24 with Chinese names.

#[path = "support/ui.rs"]
mod support;

use duban::domain::ClerkRole;
use duban::i18n::Lang;
use duban::store::{ActualRow, Db, NewActual};
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, Session, View};
use support::{Ui, demo, session};

fn typed(ui: &mut Ui<'_>, text: &str) {
    ui.send(text.chars().map(|c| Action::FigureEdit(Edit::Insert(c))));
}

/// The field with the keyboard, emptied.
fn clear(ui: &mut Ui<'_>) {
    ui.send([Action::FigureEdit(Edit::ClearToStart)]);
}

/// Every figure of the indicator `name` (of `dept`), in journal order.
fn figures(db: &Db, name: &str, dept: &str) -> Vec<ActualRow> {
    db.indicators(None)
        .unwrap()
        .into_iter()
        .find(|r| r.name == name && r.department.as_deref() == Some(dept))
        .unwrap()
        .actuals
}

/// Moves view 6's cursor to the line that starts with `text` (after trimming).
fn select(ui: &mut Ui<'_>, text: &str) {
    ui.cmd(&[Command::First]);
    for _ in 0..30 {
        let screen = ui.screen();
        if screen
            .lines()
            .any(|l| l.trim_start().starts_with(text) && l.ends_with('◀'))
        {
            return;
        }
        ui.cmd(&[Command::Down]);
    }
    panic!("no line {text}:\n{}", ui.screen());
}

fn as_clerk(user: &str, role: ClerkRole, dept: Option<&str>, db: &Db) -> Session {
    let mut s = session(Lang::Zh);
    s.user = user.into();
    s.role = Some(role);
    s.department = dept.map(|name| {
        db.departments()
            .unwrap()
            .into_iter()
            .find(|d| d.name == name)
            .unwrap()
            .id
    });
    s
}

#[test]
fn a_figure_entered_in_view_6_is_journaled_and_shows_at_once() {
    let (_dir, mut db) = demo();
    let before = figures(&db, "工业投资", "区经信局").len();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "工业投资");
    ui.cmd(&[Command::Report]);
    assert_eq!(ui.state.mode, Mode::Figure);
    typed(&mut ui, "45.5");
    insta::assert_snapshot!("figure_entry_80x24_zh", ui.screen());
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    let screen = ui.screen();
    assert!(
        screen.contains("已填报 指标「工业投资」 区经信局 2026-Q4:45.5亿元"),
        "{screen}"
    );
    // The list read again: the new figure is the latest, completion against 44 follows.
    let row = screen.lines().find(|l| l.starts_with("工业投资")).unwrap();
    assert!(row.contains("45.5(2026-Q4)"), "{row}");
    assert!(row.contains("103.4%"), "{row}");
    let after = figures(ui.runner.db, "工业投资", "区经信局");
    assert_eq!(after.len(), before + 1);
    let last = after.last().unwrap();
    assert_eq!(
        (last.period.as_str(), last.value, last.reported_by.as_str()),
        ("2026-Q4", 45.5, "sunhui")
    );
}

#[test]
fn a_bad_period_or_value_is_refused_with_the_text_kept() {
    let (_dir, mut db) = demo();
    let before = figures(&db, "工业投资", "区经信局").len();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "工业投资");
    ui.cmd(&[Command::Report]);
    // A decimal comma is not read as 385.
    typed(&mut ui, "38,5");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Figure);
    let screen = ui.screen();
    assert!(screen.contains("数值 \"38,5\" 无法识别"), "{screen}");
    assert!(screen.contains("[38,5"), "{screen}");
    // A fifth quarter, typed the way the office writes periods.
    ui.cmd(&[Command::NextField]);
    typed(&mut ui, "2026年第五季度");
    ui.cmd(&[Command::Save]);
    let screen = ui.screen();
    assert!(screen.contains("无法识别的期间"), "{screen}");
    assert!(screen.contains("[2026年第五季度"), "{screen}");
    assert!(screen.contains("[38,5"), "the value is kept: {screen}");
    // Esc with text typed asks first; "no" goes back to it.
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Ask);
    assert!(
        ui.screen().contains("放弃填写的指标数值"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.mode, Mode::Figure);
    assert_eq!(
        figures(ui.runner.db, "工业投资", "区经信局").len(),
        before,
        "nothing written"
    );
    // Fixed: a Chinese period and a full-width figure are read as the command line reads them.
    clear(&mut ui);
    typed(&mut ui, "2026年第三季度");
    ui.cmd(&[Command::NextField]);
    typed(&mut ui, "３７．２");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let last = figures(ui.runner.db, "工业投资", "区经信局").pop().unwrap();
    assert_eq!((last.period.as_str(), last.value), ("2026-Q3", 37.2));
}

#[test]
fn viewers_and_other_departments_are_refused_before_typing() {
    let (_dir, mut db) = demo();
    let viewer = as_clerk("zhouming", ClerkRole::Viewer, None, &db);
    {
        let mut ui = Ui::new(&mut db, &viewer, 80, 24);
        ui.cmd(&[Command::View(View::Indicators), Command::Report]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(
            ui.screen().contains("zhouming 是查看人员,只能查看"),
            "{}",
            ui.screen()
        );
    }
    // A street's clerk: not the district's indicator, but the street's own line of the table.
    let street = as_clerk("gaofeng", ClerkRole::Editor, Some("城东街道"), &db);
    let before = figures(&db, "规上工业总产值", "城东街道").len();
    let mut ui = Ui::new(&mut db, &street, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "工业投资");
    ui.cmd(&[Command::Report]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(
        ui.screen()
            .contains("这项指标由 区经信局 填报;gaofeng 只能填报本单位的指标"),
        "{}",
        ui.screen()
    );
    select(&mut ui, "城东街道");
    ui.cmd(&[Command::Report]);
    assert_eq!(ui.state.mode, Mode::Figure);
    assert!(
        ui.screen()
            .contains("填报指标:规上工业总产值(亿元) · 城东街道"),
        "{}",
        ui.screen()
    );
    typed(&mut ui, "120");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let rows = figures(ui.runner.db, "规上工业总产值", "城东街道");
    assert_eq!(rows.len(), before + 1);
    assert_eq!(rows.last().unwrap().reported_by, "gaofeng");
    let line = ui
        .screen()
        .lines()
        .find(|l| l.trim_start().starts_with("城东街道"))
        .unwrap()
        .to_string();
    assert!(line.contains("120(2026-Q4)"), "{line}");
}

#[test]
fn a_figure_saved_meanwhile_by_another_clerk_is_shown_not_written_over() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "工业投资");
    ui.cmd(&[Command::Report]);
    typed(&mut ui, "41");
    // Another clerk, in another process, reports the same period first.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let id = other
        .indicators(None)
        .unwrap()
        .into_iter()
        .find(|r| r.name == "工业投资")
        .unwrap()
        .id;
    other
        .report_actual(&NewActual {
            indicator_id: id,
            period: "2026-Q4".into(),
            value: 40.2,
            by: "zhangli".into(),
            at: support::NOW,
            expected_last: None,
        })
        .unwrap();
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Figure);
    let screen = ui.screen();
    assert!(screen.contains("zhangli 已于"), "{screen}");
    assert!(screen.contains("报送 2026-Q4:40.2亿元"), "{screen}");
    assert!(screen.contains("[41"), "mine is kept: {screen}");
    let rows = figures(ui.runner.db, "工业投资", "区经信局");
    assert_eq!(rows.last().unwrap().value, 40.2, "theirs stands");
    // Enter again: mine goes on top of theirs, which stays in the journal.
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let rows = figures(ui.runner.db, "工业投资", "区经信局");
    let n = rows.len();
    assert_eq!(
        (
            rows[n - 2].value,
            rows[n - 1].value,
            rows[n - 1].reported_by.as_str()
        ),
        (40.2, 41.0, "sunhui")
    );
}

#[test]
fn brackets_change_the_year_and_the_cursor_keeps_its_indicator() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "工业投资");
    ui.cmd(&[Command::PrevPeriod]);
    let screen = ui.screen();
    assert!(screen.contains("指标完成情况 2025年"), "{screen}");
    assert!(screen.contains("2025目标"), "{screen}");
    let row = screen.lines().find(|l| l.starts_with("工业投资")).unwrap();
    assert!(row.ends_with('◀'), "{screen}");
    assert!(row.contains("(2025)"), "the year's own figure: {row}");
    ui.cmd(&[Command::NextPeriod, Command::NextPeriod]);
    let screen = ui.screen();
    assert!(screen.contains("指标完成情况 2027年"), "{screen}");
    // Nothing reported for 2027 yet: dashes, not last year's figures.
    let row = screen.lines().find(|l| l.starts_with("工业投资")).unwrap();
    assert!(row.contains("48") && row.contains('—'), "{row}");
    // A figure entered from 2027 defaults to a 2027 period.
    ui.cmd(&[Command::Report]);
    assert!(ui.screen().contains("[2027-Q1"), "{}", ui.screen());
}

#[test]
fn the_matrix_rows_are_reached_past_their_headings() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators), Command::Last]);
    let screen = ui.screen();
    let selected: Vec<&str> = screen.lines().filter(|l| l.ends_with('◀')).collect();
    // The status line (the view tab) and the last street.
    assert!(selected[1].trim_start().starts_with("白云街道"), "{screen}");
    // Up from the first street skips the table's title and heads.
    select(&mut ui, "城东街道");
    ui.cmd(&[Command::Up]);
    let screen = ui.screen();
    let selected: Vec<&str> = screen.lines().filter(|l| l.ends_with('◀')).collect();
    assert!(selected[1].starts_with("单位工业增加值能耗"), "{screen}");
}

#[test]
fn the_entry_at_120x40_and_in_english() {
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::View(View::Indicators)]);
    select(&mut ui, "规上工业增加值增速");
    ui.cmd(&[Command::Report]);
    typed(&mut ui, "7.4");
    insta::assert_snapshot!("figure_entry_120x40_en", ui.screen());
}
