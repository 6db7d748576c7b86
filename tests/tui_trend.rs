//! Progress over time in the TUI (issue 23 §4): the task detail's month sparklines, one line a
//! unit, and view 5's department trend, computed off the UI thread and kept per period.

#[path = "support/ui.rs"]
mod support;

use duban::i18n::Lang;
use duban::tui::action::Command;
use duban::tui::state::Mode;
use support::{Ui, demo, session};

/// The detail of the first task of the first department, scrolled to its sparklines.
fn detail_at_trend(ui: &mut Ui<'_>) -> String {
    ui.cmd(&[Command::NextPane, Command::Open]);
    assert_eq!(ui.state.mode, Mode::Detail);
    for _ in 0..40 {
        let screen = ui.screen();
        let heading = ["进度走势", "Progress at each month"];
        if let Some(row) = screen
            .lines()
            .position(|l| heading.iter().any(|h| l.starts_with(h)))
            && row <= 4
        {
            return screen;
        }
        ui.cmd(&[Command::Down]);
    }
    panic!("no sparklines in the detail:\n{}", ui.screen());
}

#[test]
fn the_detail_shows_each_units_month_sparkline_80x24_zh() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = detail_at_trend(&mut ui);
    insta::assert_snapshot!("detail_trend_80x24_zh", screen);
}

#[test]
fn the_detail_shows_each_units_month_sparkline_80x24_en() {
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = detail_at_trend(&mut ui);
    insta::assert_snapshot!("detail_trend_80x24_en", screen);
}

/// The sparkline's last cell is the unit's percent now (no report is later than today), and
/// each line spans the same months as the unit's journal says.
#[test]
fn each_units_last_cell_is_its_percent_now() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = detail_at_trend(&mut ui);
    let data = ui.state.detail.data.clone().unwrap();
    for u in &data.units {
        let line = screen
            .lines()
            .find(|l| {
                let rest = l.strip_prefix("▶ ").or_else(|| l.strip_prefix("  "));
                rest.is_some_and(|r| r.starts_with(&format!("{} ", u.name)) && r.contains('月'))
            })
            .unwrap_or_else(|| panic!("no line for {}:\n{screen}", u.name));
        let spark: String = line
            .chars()
            .filter(|c| duban::domain::trend::BLOCKS.contains(c))
            .collect();
        assert_eq!(
            spark.chars().last(),
            Some(duban::domain::trend::block(f64::from(u.percent.value()))),
            "{line}"
        );
        assert!(line.ends_with("2026年11月"), "{line}");
    }
}

/// As of a past day, the months end with that day's month and later reports are not drawn.
#[test]
fn as_of_a_past_day_the_sparklines_end_in_its_month() {
    use chrono::{TimeZone, Utc};
    let (_dir, mut db) = demo();
    let s = duban::tui::state::Session {
        today: "2026-06-30".parse().unwrap(),
        as_of: Some(Utc.with_ymd_and_hms(2026, 6, 30, 16, 0, 0).unwrap()),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = detail_at_trend(&mut ui);
    let lines: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("2025年1月 "))
        .collect();
    assert!(!lines.is_empty(), "{screen}");
    for l in lines {
        assert!(l.ends_with("2026年6月"), "{l}");
    }
}
