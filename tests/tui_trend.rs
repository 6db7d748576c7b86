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

mod view_5 {
    use super::support::{Ui, demo, session};
    use duban::domain::Period;
    use duban::i18n::Lang;
    use duban::tui::action::{Action, Command, Effect};
    use duban::tui::state::{Load, View};
    use duban::tui::update;

    const Q4: Period = Period::Quarter {
        year: 2026,
        quarter: 4,
    };
    const Q3: Period = Period::Quarter {
        year: 2026,
        quarter: 3,
    };

    /// `action` through `update`; its effects run as the runner would, their results sent on.
    /// Returns the trends it asked for.
    fn step(ui: &mut Ui<'_>, action: Action) -> Vec<Period> {
        let fx = update(&mut ui.state, action);
        let asked = fx
            .iter()
            .filter_map(|e| match e {
                Effect::LoadTrend { period, .. } => Some(*period),
                _ => None,
            })
            .collect();
        let results: Vec<Action> = fx.into_iter().map(|e| ui.runner.run(e)).collect();
        ui.send(results);
        asked
    }

    fn key(ui: &mut Ui<'_>, c: Command) -> Vec<Period> {
        step(ui, Action::Command(c))
    }

    /// The breakdown's trend line.
    fn trend_line(screen: &str) -> String {
        screen
            .lines()
            .find(|l| l.trim_start().starts_with("完成率走势"))
            .unwrap_or_else(|| panic!("no trend line:\n{screen}"))
            .to_string()
    }

    /// The selected department's ranking line says its completion: the trend's last figure.
    fn selected_completion(screen: &str) -> String {
        let row = screen
            .lines()
            .find(|l| l.ends_with('◀') && l.contains('%'))
            .unwrap_or_else(|| panic!("no selected row:\n{screen}"));
        row.split_whitespace()
            .find(|w| w.ends_with('%'))
            .unwrap()
            .to_string()
    }

    #[test]
    fn the_trend_is_read_once_per_period_and_ends_with_the_ranking_figure() {
        let (_dir, mut db) = demo();
        let s = session(Lang::Zh);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        assert!(key(&mut ui, Command::View(View::Report)).is_empty());
        assert_eq!(key(&mut ui, Command::Open), vec![Q4]);
        let screen = ui.screen();
        let line = trend_line(&screen);
        assert!(line.contains("1月 ") && line.contains(" 11月"), "{line}");
        assert!(line.ends_with(&selected_completion(&screen)), "{screen}");
        // Another department: drawn from what was read, nothing asked.
        assert!(key(&mut ui, Command::Down).is_empty());
        let screen = ui.screen();
        let other = trend_line(&screen);
        assert_ne!(other, line);
        assert!(other.ends_with(&selected_completion(&screen)), "{screen}");
        // The previous quarter: its own trend, to September.
        assert!(key(&mut ui, Command::PrevPeriod).is_empty());
        assert_eq!(key(&mut ui, Command::Open), vec![Q3]);
        let screen = ui.screen();
        assert!(trend_line(&screen).contains(" 9月 "), "{screen}");
        assert!(trend_line(&screen).ends_with(&selected_completion(&screen)));
        // Back to this quarter: kept.
        assert!(key(&mut ui, Command::NextPeriod).is_empty());
        assert!(key(&mut ui, Command::Open).is_empty());
        assert!(!ui.screen().contains("计算中"), "{}", ui.screen());
    }

    #[test]
    fn a_first_draw_says_computing_and_a_change_keeps_the_old_figures_marked() {
        let (_dir, mut db) = demo();
        let s = session(Lang::Zh);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        key(&mut ui, Command::View(View::Report));
        // Enter, its read not come yet: as the screen is while the thread computes.
        let fx = update(&mut ui.state, Action::Command(Command::Open));
        assert_eq!(
            fx,
            vec![Effect::LoadTrend {
                period: Q4,
                plan: None,
                generation: 0
            }]
        );
        let screen = ui.screen();
        assert_eq!(trend_line(&screen).trim(), "完成率走势 计算中…", "{screen}");
        let results: Vec<Action> = fx.into_iter().map(|e| ui.runner.run(e)).collect();
        ui.send(results);
        let shown = trend_line(&ui.screen());
        assert!(!shown.contains("计算中"), "{shown}");
        // Another clerk wrote: read again, the old figures shown meanwhile, marked.
        let fx = update(
            &mut ui.state,
            Action::Changed {
                by: vec!["zhangli".into()],
                now: std::time::Instant::now(),
            },
        );
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::LoadTrend { generation: 1, .. })),
            "{fx:?}"
        );
        update(&mut ui.state, Action::Loading(vec![Load::Trend]));
        let waiting = trend_line(&ui.screen());
        assert!(
            waiting.starts_with(&shown) && waiting.ends_with("计算中…"),
            "{waiting}"
        );
        ui.send([Action::Loading(Vec::new())]);
        let results: Vec<Action> = fx.into_iter().map(|e| ui.runner.run(e)).collect();
        ui.send(results);
        assert_eq!(trend_line(&ui.screen()), shown);
    }

    #[test]
    fn the_trend_speaks_english() {
        let (_dir, mut db) = demo();
        let s = session(Lang::En);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        key(&mut ui, Command::View(View::Report));
        key(&mut ui, Command::Open);
        let screen = ui.screen();
        let line = screen
            .lines()
            .find(|l| l.trim_start().starts_with("Completion by month"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(line.contains("Jan ") && line.contains(" Nov"), "{line}");
        assert!(line.chars().count() <= 80, "{line}");
    }

    /// The reader thread computes it: of two periods asked in a row only the second comes, and
    /// nothing comes for a screen the user has left.
    #[test]
    fn the_reader_thread_computes_it_and_keeps_only_the_newest_question() {
        use duban::tui::worker::Worker;
        use std::time::{Duration, Instant};
        let (_dir, db) = demo();
        let s = session(Lang::Zh);
        let mut worker = Worker::start(&db, &s).expect("a reader thread");
        let ask = |period| Effect::LoadTrend {
            period,
            plan: None,
            generation: 0,
        };
        let wait = |worker: &mut Worker, view: View| {
            // A bound so that a broken worker fails instead of hanging, not a timing assertion.
            let give_up = Instant::now() + Duration::from_secs(120);
            let mut got = Vec::new();
            while worker.busy() {
                assert!(Instant::now() < give_up, "the worker never answered");
                std::thread::sleep(Duration::from_millis(5));
                got.extend(worker.take(view));
            }
            got.into_iter()
                .filter_map(|a| match a {
                    Action::TrendLoaded { period, trend, .. } => {
                        Some((period, trend.map(|t| t.months.len())))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let now = Instant::now();
        assert!(worker.offer(ask(Q3), now).is_none());
        assert!(worker.offer(ask(Q4), now).is_none());
        assert_eq!(wait(&mut worker, View::Report), vec![(Q4, Some(11))]);
        assert!(worker.offer(ask(Q3), now).is_none());
        assert!(wait(&mut worker, View::Tasks).is_empty());
    }
}
