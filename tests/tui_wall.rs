//! View 7, the wall chart (挂图作战), on the demo with milestones added through the store: the
//! timeline's layout (bar ends, today's line, the zooms, Chinese labels) as snapshots at 80x24
//! and 120x40 in Chinese and English, and its keys (zoom, pan, today, grouping, Enter, the
//! filter, `w` and `m`).

#[path = "support/ui.rs"]
mod support;

use chrono::NaiveDate;
use duban::domain::{ClerkRole, Light};
use duban::i18n::Lang;
use duban::store::{Db, MilestoneEdit, MilestoneReach, TaskQuery};
use duban::tui::action::{Action, Command};
use duban::tui::state::{Entry, Group, Mode, Session, View};
use duban::tui::wall::model::WallGroup;
use duban::tui::wall::timeline::{Scale, Zoom, pan_days, start_for};
use support::{NOW, TODAY, Ui, demo, session};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// The id of the demo's task numbered `number`.
fn task(db: &Db, number: &str) -> i64 {
    let ids: Vec<i64> = db
        .task_keys(&TaskQuery::default())
        .unwrap()
        .iter()
        .map(|k| k.id)
        .collect();
    db.tasks_by_id(&ids, None)
        .unwrap()
        .into_iter()
        .find(|t| t.number == number)
        .unwrap()
        .id
}

/// The demo with milestones: task 2 (2025-01-01 to 2027-12-31) has 开工 reached (in June, on
/// the 120-column chart's window), 主体结顶 39 days late and 竣工 ahead; task 8 has 投产 ahead,
/// four weeks away.
fn demo_with_milestones() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = demo();
    let edit = |name: &str, on: &str| MilestoneEdit {
        id: None,
        name: name.into(),
        planned_on: day(on),
        share: None,
    };
    let two = task(&db, "2");
    db.set_milestones(
        two,
        &[
            edit("开工", "2026-06-01"),
            edit("主体结顶", "2026-10-15"),
            edit("竣工", "2027-06-30"),
        ],
        "sunhui",
        NOW,
    )
    .unwrap();
    let eight = task(&db, "8");
    db.set_milestones(eight, &[edit("投产", "2026-12-20")], "sunhui", NOW)
        .unwrap();
    let started = db.milestone_rows(two).unwrap()[0].milestone.id;
    let unit = db.tasks_by_id(&[two], None).unwrap()[0].units[0].department_id;
    db.reach_milestone(&MilestoneReach {
        task_id: two,
        milestone_id: started,
        department_id: unit,
        reached_on: Some(day("2026-06-10")),
        note: "",
        expected_last: None,
        by: "sunhui",
        at: NOW,
        today: today(),
        progress_note: &|_: &str, _: usize, _: usize| String::new(),
    })
    .unwrap();
    (dir, db)
}

/// The row of task `number` on screen.
fn row<'s>(screen: &'s str, number: &str) -> &'s str {
    screen
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(number))
        .unwrap_or_else(|| panic!("no row {number}:\n{screen}"))
}

#[test]
fn wall_chart_at_80x24_and_120x40_in_both_languages() {
    let (_dir, mut db) = demo_with_milestones();
    for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let s = session(lang);
        for (w, h) in [(80, 24), (120, 40)] {
            let mut ui = Ui::new(&mut db, &s, w, h);
            ui.cmd(&[Command::View(View::Wall)]);
            let screen = ui.screen();
            insta::assert_snapshot!(format!("wall_{w}x{h}_{tag}"), screen);
            // The time axis has its 50 columns at 80.
            let (label, axis) = duban::tui::ui::layout::wall_columns(w);
            assert!(axis >= 50, "{label} + {axis}");
        }
    }
}

#[test]
fn the_bars_read_without_colour() {
    let (_dir, mut db) = demo_with_milestones();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::View(View::Wall)]);
    let screen = ui.screen();
    // Task 2: done part, an eighth block where it ends, the rest to do, milestones ◆ reached
    // and ◇ not, and the light: 主体结顶 39 days late makes it red.
    let two = row(&screen, "2");
    assert!(two.starts_with("✖ 2 "), "{two}");
    assert!(two.contains('◆') && two.contains('◇'), "{two}");
    assert!(two.contains('█') && two.contains('░'), "{two}");
    assert!(
        two.chars()
            .any(|c| ['▏', '▎', '▍', '▌', '▋', '▊', '▉'].contains(&c)),
        "{two}"
    );
    // Task 1, overdue: its overdue part is ×, up to today, then its light.
    let one = row(&screen, "1");
    assert!(one.contains("×✖"), "{one}");
    // Today's line in an empty row part, ▼ (or a reversed label) on the axis.
    assert!(screen.lines().any(|l| l.contains('│')), "{screen}");
}

#[test]
fn zoom_keeps_today_in_place_pan_moves_a_quarter_and_t_comes_back() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall)]);
    let (_, width) = duban::tui::ui::layout::wall_columns(80);
    let scale = |ui: &Ui<'_>| Scale {
        start: ui.state.wall.start.unwrap(),
        zoom: ui.state.wall.zoom,
        width,
    };
    assert_eq!(ui.state.wall.zoom, Zoom::Year);
    assert_eq!(
        ui.state.wall.start,
        Some(start_for(today(), Zoom::Year, width))
    );
    let x = scale(&ui).x(today());
    for (cmd, zoom) in [
        (Command::ZoomIn, Zoom::Quarter),
        (Command::ZoomIn, Zoom::Month),
        (Command::ZoomIn, Zoom::Week),
    ] {
        ui.cmd(&[cmd]);
        assert_eq!(ui.state.wall.zoom, zoom);
        // The window starts on a whole day: today stays within a day's columns.
        let day = (1.0 / zoom.days_per_cell()).max(1.0);
        assert!((scale(&ui).x(today()) - x).abs() < day, "{zoom:?}");
    }
    // No closer than a week: said, nothing changes.
    ui.cmd(&[Command::ZoomIn]);
    assert_eq!(ui.state.wall.zoom, Zoom::Week);
    assert!(ui.state.notice.is_some());
    insta::assert_snapshot!("wall_week_80x24_zh", ui.screen());
    ui.cmd(&[Command::ZoomOut, Command::ZoomOut]);
    assert_eq!(ui.state.wall.zoom, Zoom::Quarter);
    insta::assert_snapshot!("wall_quarter_80x24_zh", ui.screen());
    let before = ui.state.wall.start.unwrap();
    ui.cmd(&[Command::PanRight]);
    let step = pan_days(Zoom::Quarter, width);
    assert_eq!(
        ui.state.wall.start.unwrap(),
        before + chrono::Days::new(step as u64)
    );
    ui.cmd(&[Command::PanLeft, Command::PanLeft]);
    assert_eq!(
        ui.state.wall.start.unwrap(),
        before - chrono::Days::new(step as u64)
    );
    ui.cmd(&[Command::Today]);
    assert_eq!(
        ui.state.wall.start,
        Some(start_for(today(), Zoom::Quarter, width))
    );
}

#[test]
fn month_zoom_labels_weeks_in_english() {
    let (_dir, mut db) = demo_with_milestones();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall), Command::ZoomIn, Command::ZoomIn]);
    let screen = ui.screen();
    // Weeks where the months leave room (W49 would cover Dec).
    assert!(screen.contains("W48") && screen.contains("Dec"), "{screen}");
    insta::assert_snapshot!("wall_month_80x24_en", screen);
}

#[test]
fn s_groups_by_section_and_back_by_lead_unit() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::View(View::Wall)]);
    let groups = |ui: &Ui<'_>| -> Vec<Group> {
        ui.state
            .wall
            .list
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Group(g) => Some(*g),
                Entry::Task(_) => None,
            })
            .collect()
    };
    assert!(
        groups(&ui).iter().all(|g| matches!(g, Group::Unit(_))),
        "{:?}",
        groups(&ui)
    );
    // Each lead unit once: the tasks of a unit are together.
    let mut seen = groups(&ui);
    let n = seen.len();
    seen.dedup();
    assert_eq!(seen.len(), n);
    assert!(ui.screen().contains("▸ 区经信局"));
    ui.cmd(&[Command::Group]);
    assert_eq!(ui.state.wall.group, WallGroup::Section);
    assert!(groups(&ui).iter().all(|g| matches!(g, Group::Section(_))));
    insta::assert_snapshot!("wall_sections_120x40_zh", ui.screen());
    ui.cmd(&[Command::Group]);
    assert_eq!(ui.state.wall.group, WallGroup::Unit);
}

#[test]
fn enter_opens_the_selected_tasks_detail_and_esc_comes_back() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall), Command::Down, Command::Down]);
    let selected = ui.state.selected_task().unwrap();
    // Wide or not, the chart keeps its width: no detail is read beside it.
    ui.cmd(&[Command::Open]);
    assert_eq!(ui.state.mode, Mode::Detail);
    assert_eq!(ui.state.detail.task, Some(selected));
    ui.cmd(&[Command::Close]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(ui.state.view, View::Wall);
    assert_eq!(ui.state.selected_task(), Some(selected));
}

#[test]
fn filter_w_and_m_narrow_the_chart_as_they_do_view_2() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall)]);
    let all = ui.state.wall.list.keys.len();
    // The demo's 28 plan tasks and its six key projects.
    assert_eq!(all, 34);
    // The filter: its own text, not view 2's.
    ui.cmd(&[Command::Filter]);
    ui.typed("数据");
    ui.send([Action::FilterAccept]);
    let shown = ui.state.wall.list.keys.len();
    assert!(shown > 0 && shown < all, "{shown}");
    assert!(ui.state.filters[2].is_empty());
    assert!(ui.screen().contains("筛选: 数据"));
    ui.cmd(&[Command::Close]);
    assert_eq!(ui.state.wall.list.keys.len(), all);
    // Only red and yellow.
    ui.cmd(&[Command::OnlyAlert]);
    let alert = ui.state.wall.list.keys.len();
    assert!(alert > 0 && alert < all);
    for key in &ui.state.wall.list.keys {
        let c = duban::tui::state::floor_percent(key.completion.unwrap());
        // Judged as the lists judge it: a late milestone makes a task yellow too.
        let light = ui
            .state
            .milestones
            .assess(key.id, None, c, key.schedule, today(), &ui.state.thresholds)
            .light;
        assert!(matches!(light, Light::Red | Light::Yellow), "{light:?}");
    }
    ui.cmd(&[Command::OnlyAlert]);
    assert_eq!(ui.state.wall.list.keys.len(), all);
}

#[test]
fn m_shows_only_my_departments_tasks() {
    let (_dir, mut db) = demo();
    let mut s: Session = session(Lang::Zh);
    let mine = db
        .departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "区科技局")
        .unwrap()
        .id;
    s.role = Some(ClerkRole::Editor);
    s.department = Some(mine);
    s.user = "wangfang".into();
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall), Command::OnlyMine]);
    let ids: Vec<i64> = ui.state.wall.list.keys.iter().map(|k| k.id).collect();
    assert!(!ids.is_empty() && ids.len() < 28);
    let rows = db_tasks(&ui, &ids);
    assert!(rows.iter().all(|units| units.contains(&mine)));
}

/// The units of each task among the rows read.
fn db_tasks(ui: &Ui<'_>, ids: &[i64]) -> Vec<Vec<i64>> {
    ids.iter()
        .filter_map(|id| ui.state.wall.list.rows.get(id))
        .map(|item| item.row.units.iter().map(|u| u.department_id).collect())
        .collect()
}

#[test]
fn milestones_are_read_only_for_the_rows_read() {
    let (_dir, mut db) = demo_with_milestones();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Wall)]);
    let wall = &ui.state.wall;
    assert!(!wall.milestones.is_empty());
    assert!(
        wall.milestones
            .keys()
            .all(|id| wall.list.rows.contains_key(id))
    );
    let two = wall
        .list
        .rows
        .values()
        .find(|i| i.row.number == "2")
        .unwrap()
        .row
        .id;
    assert_eq!(wall.milestones[&two].len(), 3);
}

#[test]
fn the_keys_of_view_7() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use duban::tui::keymap::{Place, lookup};
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let wall = Place::new(Mode::Normal, View::Wall);
    let one = Place::new(Mode::Normal, View::Departments);
    let two = Place::new(Mode::Normal, View::Tasks);
    assert_eq!(lookup(&key('7'), one), Some(Command::View(View::Wall)));
    assert_eq!(lookup(&key('+'), wall), Some(Command::ZoomIn));
    assert_eq!(lookup(&key('='), wall), Some(Command::ZoomIn));
    assert_eq!(lookup(&key('-'), wall), Some(Command::ZoomOut));
    assert_eq!(lookup(&key('h'), wall), Some(Command::PanLeft));
    assert_eq!(lookup(&key('l'), wall), Some(Command::PanRight));
    let right = KeyEvent::new(KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(lookup(&right, wall), Some(Command::PanRight));
    assert_eq!(lookup(&key('t'), wall), Some(Command::Today));
    assert_eq!(lookup(&key('s'), wall), Some(Command::Group));
    // The list keys work as in view 2; the chart's own do nothing elsewhere.
    for c in ['/', 'w', 'm', 'e', 'g'] {
        assert_eq!(lookup(&key(c), wall), lookup(&key(c), two), "{c}");
    }
    assert_eq!(lookup(&key('h'), two), None);
    assert_eq!(lookup(&key('+'), two), None);
    assert_eq!(lookup(&key('s'), one), Some(Command::Sort));
}

#[test]
fn the_chart_draws_on_any_size_without_panicking() {
    let (_dir, mut db) = demo_with_milestones();
    let s = session(Lang::Zh);
    for (w, h) in [(60, 16), (61, 17), (200, 60), (80, 24)] {
        let mut ui = Ui::new(&mut db, &s, w, h);
        ui.cmd(&[Command::View(View::Wall)]);
        for cmd in [
            Command::ZoomIn,
            Command::ZoomIn,
            Command::ZoomIn,
            Command::PanLeft,
            Command::PageDown,
            Command::Last,
            Command::ZoomOut,
            Command::PanRight,
        ] {
            ui.cmd(&[cmd]);
            let screen = ui.screen();
            assert!(screen.lines().count() == usize::from(h));
        }
    }
}
