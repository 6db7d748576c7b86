//! The TUI without a terminal: `update` driven with real effects against the demo database, and
//! the screens drawn into ratatui's `TestBackend`, compared with reviewed snapshots.

#[path = "support/ui.rs"]
mod support;

use chrono::{NaiveDate, TimeZone, Utc};
use duban::i18n::Lang;
use duban::store::Db;
use duban::tui::action::{Action, Command};
use duban::tui::state::{Mode, Pane, Session, View};
use support::{TODAY, Ui, demo, session};

#[test]
fn departments_view_80x24_zh() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 80, 24);
    insta::assert_snapshot!("departments_80x24_zh", ui.screen());
}

#[test]
fn departments_view_120x40_zh_with_detail_below() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::NextPane, Command::Down]);
    insta::assert_snapshot!("departments_120x40_zh", ui.screen());
}

#[test]
fn departments_view_80x24_en() {
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let ui = Ui::new(&mut db, &s, 80, 24);
    insta::assert_snapshot!("departments_80x24_en", ui.screen());
}

#[test]
fn tasks_view_80x24_and_120x40() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks)]);
    insta::assert_snapshot!("tasks_80x24_zh", ui.screen());
    let mut wide = Ui::new(&mut db, &s, 120, 40);
    wide.cmd(&[Command::View(View::Tasks)]);
    insta::assert_snapshot!("tasks_120x40_zh", wide.screen());
}

#[test]
fn deadlines_view_80x24_and_120x40() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Deadlines)]);
    insta::assert_snapshot!("deadlines_80x24_zh", ui.screen());
    let mut wide = Ui::new(&mut db, &s, 120, 40);
    wide.cmd(&[Command::View(View::Deadlines)]);
    insta::assert_snapshot!("deadlines_120x40_zh", wide.screen());
}

#[test]
fn detail_80x24() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Open]);
    assert_eq!(ui.state.mode, Mode::Detail);
    insta::assert_snapshot!("detail_80x24_zh", ui.screen());
}

#[test]
fn help_80x24() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Help]);
    insta::assert_snapshot!("help_80x24_zh", ui.screen());
}

/// Issue 21 item 11: Home and End move to the first and last item (and to a line's ends in a
/// text field), and help says so in every view, as it says PgUp/PgDn.
#[test]
fn help_names_home_end_and_page_keys_in_every_view() {
    let (_dir, mut db) = demo();
    for (lang, home, page, line) in [
        (
            Lang::Zh,
            "(Home / End 同)",
            "上一页 / 下一页",
            "到行首 / 行尾",
        ),
        (
            Lang::En,
            "(Home / End too)",
            "page up / page down",
            "start / end of the line",
        ),
    ] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 120, 100);
        for view in [
            View::Departments,
            View::Tasks,
            View::Deadlines,
            View::People,
            View::Report,
            View::Indicators,
        ] {
            ui.cmd(&[Command::View(view), Command::Help]);
            let help = ui.screen();
            assert!(help.contains(home), "{view:?}: {home} in\n{help}");
            assert!(help.contains("PgUp/PgDn"), "{view:?}: PgUp in\n{help}");
            assert!(help.contains(page), "{view:?}: {page} in\n{help}");
            if matches!(view, View::Departments | View::Tasks | View::Deadlines) {
                assert!(
                    help.contains(line),
                    "{view:?}: the form's {line} in\n{help}"
                );
            }
            ui.cmd(&[Command::Close]);
        }
    }
}

/// Issue 21 item 11: the too-small screen says, in columns and rows, what is needed (the real
/// minimum, `layout::MIN_WIDTH` × `MIN_HEIGHT`), what the window is, what it lacks and what to
/// do; on a narrow window its words wrap without splitting a number, the size needed first.
#[test]
fn too_small_says_the_size_needed_in_columns_and_rows() {
    use duban::tui::ui::layout::{MIN_HEIGHT, MIN_WIDTH};
    let (_dir, mut db) = demo();
    let need = |lang| match lang {
        Lang::Zh => (
            format!("{MIN_WIDTH} 列"),
            format!("{MIN_HEIGHT} 行"),
            "窗口太小",
            "拉大",
        ),
        _ => (
            format!("{MIN_WIDTH} columns"),
            format!("{MIN_HEIGHT} rows"),
            "Window too small",
            "larger",
        ),
    };
    for lang in [Lang::Zh, Lang::En] {
        let s = session(lang);
        let (cols, rows, title, ask) = need(lang);
        for (w, h, short) in [
            (59, 16, ["1 列", "1 column short"]),
            (80, 12, ["4 行", "4 rows short"]),
            (40, 14, ["20 列、2 行", "20 columns and 2 rows short"]),
            (24, 12, ["36 列、4 行", "36 columns and 4 rows short"]),
        ] {
            let ui = Ui::new(&mut db, &s, w, h);
            let screen = ui.screen();
            // Rows joined: a number or word never broken across two.
            let text = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
            let text = match lang {
                Lang::Zh => text.replace(' ', ""),
                _ => text,
            };
            let squeeze = |s: &str| match lang {
                Lang::Zh => s.replace(' ', ""),
                _ => s.to_string(),
            };
            let short = short[usize::from(lang != Lang::Zh)];
            for want in [&cols, &rows, &format!("{w}"), &format!("{h}"), short, ask] {
                assert!(
                    text.contains(&squeeze(want)),
                    "{want} at {w}x{h}:\n{screen}"
                );
            }
            if h >= 12 && w >= 40 {
                assert!(screen.contains(title), "{w}x{h}:\n{screen}");
            }
        }
        // Three rows: the size needed comes first.
        let ui = Ui::new(&mut db, &s, 70, 3);
        assert!(ui.screen().contains(&cols), "{}", ui.screen());
    }
}

#[test]
fn too_small_and_tiny_screens_never_panic() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 59, 16);
    insta::assert_snapshot!("too_small_59x16_zh", ui.screen());
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (2, 20),
        (7, 30),
        (60, 16),
        (61, 17),
        (200, 60),
    ] {
        let mut ui = Ui::new(&mut db, &s, w, h);
        for view in [View::Departments, View::Tasks, View::Deadlines] {
            ui.cmd(&[Command::View(view), Command::Down, Command::Open]);
            let _ = ui.screen();
            ui.cmd(&[Command::Close, Command::Help]);
            let _ = ui.screen();
            ui.cmd(&[Command::Close]);
        }
    }
}

#[test]
fn the_department_list_is_worst_first_like_duban_status() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 80, 24);
    let report = duban::report::status::build(
        ui.runner.db,
        TODAY.parse().unwrap(),
        duban::store::Scope::default(),
    )
    .unwrap();
    let status_order: Vec<&str> = report.rows.iter().map(|r| r.department.as_str()).collect();
    let ui_order: Vec<&str> = ui
        .state
        .depts
        .shown
        .iter()
        .map(|&i| ui.state.depts.items[i].name.as_str())
        .collect();
    assert_eq!(ui_order, status_order);
}

#[test]
fn moving_down_the_departments_loads_each_ones_tasks() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let first = ui.selected_department();
    ui.cmd(&[Command::Down]);
    let second = ui.selected_department();
    assert_ne!(first, second);
    let id = ui.state.depts.selected_item().unwrap().id;
    assert_eq!(ui.state.dept_tasks.department, Some(id));
    // Every task listed is one this department holds.
    for item in &ui.state.dept_tasks.items {
        assert!(item.row.units.iter().any(|u| u.department_id == id));
        assert!(item.share.is_some());
    }
    ui.cmd(&[Command::Last]);
    assert_eq!(ui.state.depts.selected, ui.state.depts.shown.len() - 1);
    ui.cmd(&[Command::First]);
    assert_eq!(ui.selected_department(), first);
}

#[test]
fn sort_cycles_worst_first_name_percent() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let names = |ui: &Ui| -> Vec<String> {
        ui.state
            .depts
            .shown
            .iter()
            .map(|&i| ui.state.depts.items[i].name.clone())
            .collect()
    };
    let worst = names(&ui);
    let selected = ui.selected_department();
    ui.cmd(&[Command::Sort]);
    let by_name = names(&ui);
    let mut sorted = by_name.clone();
    sorted.sort_by_key(|n| duban::domain::pinyin::sort_key(n));
    assert_eq!(by_name, sorted);
    // By pinyin, as a Chinese reader looks for a name: 白云街道 (bai) before 城东街道 (cheng).
    let at = |n: &str| by_name.iter().position(|x| x == n).unwrap();
    assert!(at("白云街道") < at("城东街道") && at("城东街道") < at("区财政局"));
    assert!(ui.screen().contains("排序:按名称(拼音)"), "{}", ui.screen());
    assert_eq!(ui.selected_department(), selected, "the selection stays");
    ui.cmd(&[Command::Sort]);
    let pcts: Vec<Option<f64>> = ui
        .state
        .depts
        .shown
        .iter()
        .map(|&i| ui.state.depts.items[i].rollup.avg_percent())
        .collect();
    let known: Vec<f64> = pcts.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{pcts:?}");
    ui.cmd(&[Command::Sort]);
    assert_eq!(names(&ui), worst);
}

#[test]
fn filter_narrows_departments_by_name_or_alias_and_esc_clears() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let all = ui.state.depts.shown.len();
    ui.cmd(&[Command::Filter]);
    assert_eq!(ui.state.mode, Mode::Filter);
    ui.typed("街道");
    let shown: Vec<String> = ui
        .state
        .depts
        .shown
        .iter()
        .map(|&i| ui.state.depts.items[i].name.clone())
        .collect();
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(shown.iter().all(|n| n.contains("街道")), "{shown:?}");
    // The department's tasks follow the filtered selection.
    assert_eq!(
        ui.state.dept_tasks.department,
        ui.state.depts.selected_item().map(|d| d.id)
    );
    ui.send([Action::FilterCancel]);
    assert_eq!(ui.state.depts.shown.len(), all);
    assert_eq!(ui.state.mode, Mode::Normal);
    // An alias finds its department: 经信局 is 区经济和信息化局's short name in the demo.
    ui.cmd(&[Command::Filter]);
    ui.typed("经信");
    assert_eq!(ui.state.depts.shown.len(), 1);
    ui.send([Action::FilterAccept]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(ui.state.filter(), "经信");
    ui.cmd(&[Command::Close]);
    assert_eq!(ui.state.filter(), "");
}

#[test]
fn filter_in_the_tasks_view_matches_title_number_and_unit() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks)]);
    let all = ui.state.tasks.keys.len();
    // 28 tasks of the plan and 6 key projects.
    assert_eq!(all, 34);
    ui.cmd(&[Command::Filter]);
    ui.typed("招商");
    let n = ui.state.tasks.keys.len();
    assert!(n >= 1 && n < all);
    let screen = ui.screen();
    assert!(screen.contains("招商"), "{screen}");
    ui.send([Action::FilterCancel]);
    // A department's alias finds the tasks it holds.
    ui.cmd(&[Command::Filter]);
    ui.typed("大数据");
    let by_unit = ui.state.tasks.keys.len();
    assert!(by_unit >= 2 && by_unit < all, "{by_unit}");
    // Wildcards are literal.
    ui.send([Action::FilterCancel]);
    ui.cmd(&[Command::Filter]);
    ui.typed("%");
    assert_eq!(ui.state.tasks.keys.len(), 0);
    assert!(ui.screen().contains("没有符合筛选的项"));
}

#[test]
fn only_red_and_yellow_toggles_in_every_view() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let all = ui.state.depts.shown.len();
    ui.cmd(&[Command::OnlyAlert]);
    assert!(ui.state.depts.shown.len() < all);
    for &i in &ui.state.depts.shown {
        let r = &ui.state.depts.items[i].rollup;
        assert!(r.red + r.yellow > 0);
    }
    ui.cmd(&[Command::View(View::Deadlines)]);
    let red_yellow = ui.state.summary.red + ui.state.summary.yellow;
    assert_eq!(ui.state.deadlines.keys.len(), red_yellow);
    ui.cmd(&[Command::OnlyAlert]);
    assert_eq!(ui.state.deadlines.keys.len(), 34);
}

#[test]
fn only_mine_needs_a_department_and_then_shows_only_it() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::OnlyMine]);
    assert!(!ui.state.only_mine);
    assert!(ui.state.notice.as_ref().is_some_and(|n| n.alert));
    let mine = db.departments().unwrap()[0].id;
    let s = Session {
        department: Some(mine),
        ..session(Lang::Zh)
    };
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::OnlyMine]);
    assert_eq!(ui.state.depts.shown.len(), 1);
    assert_eq!(ui.state.depts.selected_item().unwrap().id, mine);
    ui.cmd(&[Command::View(View::Tasks)]);
    let n = ui.state.tasks.keys.len();
    assert!(n > 0 && n < 34);
}

#[test]
fn the_deadlines_view_puts_overdue_first_then_this_month_next_month_later() {
    use duban::tui::state::{Bucket, Entry, Group};
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Deadlines)]);
    let groups: Vec<Bucket> = ui
        .state
        .deadlines
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Group(Group::Bucket(b)) => Some(*b),
            _ => None,
        })
        .collect();
    let mut sorted = groups.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(groups, sorted, "each group once, in order");
    assert_eq!(groups.first(), Some(&Bucket::Overdue));
    let today: NaiveDate = TODAY.parse().unwrap();
    let overdue: Vec<_> = ui
        .state
        .deadlines
        .keys
        .iter()
        .take_while(|k| Bucket::of(k, today) == Bucket::Overdue)
        .collect();
    assert!(!overdue.is_empty());
    assert!(overdue.iter().all(|k| k.schedule.deadline < today));
}

#[test]
fn navigation_skips_headings_and_pages() {
    use duban::tui::state::Entry;
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Tasks)]);
    let is_task = |ui: &Ui| {
        matches!(
            ui.state.tasks.entries[ui.state.tasks.selected],
            Entry::Task(_)
        )
    };
    assert!(is_task(&ui));
    for _ in 0..40 {
        ui.cmd(&[Command::Down]);
        assert!(is_task(&ui));
    }
    assert_eq!(
        ui.state.selected_task(),
        ui.state.tasks.keys.last().map(|k| k.id)
    );
    ui.cmd(&[Command::First]);
    assert_eq!(
        ui.state.selected_task(),
        ui.state.tasks.keys.first().map(|k| k.id)
    );
    ui.cmd(&[Command::PageDown]);
    assert!(is_task(&ui));
    let vp = ui.state.viewport;
    let t = &ui.state.tasks;
    assert!(t.selected >= t.offset && t.selected < t.offset + vp.list_rows);
    // Every row on screen has its text loaded.
    let screen = ui.screen();
    assert!(!screen.contains("正在读取"), "{screen}");
    ui.cmd(&[Command::Last, Command::PageUp, Command::Up]);
    assert!(is_task(&ui));
}

#[test]
fn tab_switches_pane_and_enter_opens_the_selected_units_history() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Open]);
    assert_eq!(
        ui.state.pane,
        Pane::Tasks,
        "Enter on a department goes to its tasks"
    );
    ui.cmd(&[Command::PrevPane]);
    assert_eq!(ui.state.pane, Pane::Departments);
    ui.cmd(&[Command::NextPane, Command::Open]);
    assert_eq!(ui.state.mode, Mode::Detail);
    let dept = ui.state.depts.selected_item().unwrap().id;
    let detail = ui.state.detail.data.as_ref().unwrap();
    assert_eq!(detail.units[ui.state.detail.unit].department_id, dept);
    let before = ui.state.detail.unit;
    if detail.units.len() > 1 {
        ui.cmd(&[Command::NextPane]);
        assert_ne!(ui.state.detail.unit, before);
    }
    ui.cmd(&[Command::Close]);
    assert_eq!(ui.state.mode, Mode::Normal);
}

#[test]
fn quit_from_anywhere() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    for setup in [
        vec![],
        vec![Command::Help],
        vec![Command::NextPane, Command::Open],
        vec![Command::View(View::Deadlines)],
    ] {
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&setup);
        ui.cmd(&[Command::Quit]);
        assert!(ui.state.quit, "{setup:?}");
    }
}

#[test]
fn as_of_a_past_date_shows_that_days_figures() {
    let (_dir, mut db) = demo();
    let today: NaiveDate = "2026-01-31".parse().unwrap();
    let bound = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let s = Session {
        today,
        as_of: Some(bound),
        ..session(Lang::Zh)
    };
    let ui = Ui::new(&mut db, &s, 80, 24);
    let report = duban::report::status::build(
        ui.runner.db,
        today,
        duban::store::Scope {
            department: None,
            as_of: Some(bound),
            plan: None,
        },
    )
    .unwrap();
    let first = &ui.state.depts.items[ui.state.depts.shown[0]];
    assert_eq!(first.name, report.rows[0].department);
    assert_eq!(first.rollup, report.rows[0].rollup);
    assert!(ui.screen().contains("截至 2026-01-31"));
}

#[test]
fn another_clerks_write_is_picked_up_and_named() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let item = ui.state.dept_tasks.selected_item().unwrap().clone();
    let dept = ui.state.depts.selected_item().unwrap().id;
    let task = item.row.id;
    let version_before = ui.runner.db.data_version().unwrap();
    // Another connection (as another process would) reports progress.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let current = other.assignment(task, dept).unwrap().unwrap();
    let new = if current.percent.value() == 100 {
        10
    } else {
        100
    };
    other
        .report_progress(&duban::store::ProgressReport {
            task_id: task,
            department_id: dept,
            percent: duban::domain::Percent::new(new).unwrap(),
            note: "进展情况:测试".into(),
            by: "sunhui".into(),
            at: support::NOW,
            expected_version: current.version,
        })
        .unwrap();
    assert_ne!(ui.runner.db.data_version().unwrap(), version_before);
    ui.send([Action::Changed {
        by: vec!["sunhui".into()],
        now: std::time::Instant::now(),
    }]);
    let after = ui.state.dept_tasks.selected_item().unwrap();
    assert_eq!(after.row.id, task, "the selection stays");
    assert_eq!(after.share.unwrap().percent.value(), new as u8);
    assert!(ui.screen().contains("sunhui"));
}

#[test]
fn rows_read_ahead_are_shown_on_j_and_dropped_when_the_file_changes() {
    let (dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    // Idle: the neighbours are read, one per call, then there is nothing left.
    let mut reads = 0;
    while ui.runner.read_ahead(&ui.state) {
        reads += 1;
        assert!(reads < 10, "read-ahead must come to an end");
    }
    assert!(reads >= 1);
    let next = ui.state.depts.items[ui.state.depts.shown[1]].id;
    let held = ui
        .runner
        .db
        .tasks(duban::store::Scope {
            department: Some(next),
            as_of: None,
            plan: None,
        })
        .unwrap();
    let task = held[0].id;

    // Another clerk changes that department's first task after it was read ahead.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let current = other.assignment(task, next).unwrap().unwrap();
    let new = if current.percent.value() == 37 {
        38
    } else {
        37
    };
    other
        .report_progress(&duban::store::ProgressReport {
            task_id: task,
            department_id: next,
            percent: duban::domain::Percent::new(new).unwrap(),
            note: String::new(),
            by: "sunhui".into(),
            at: support::NOW,
            expected_version: current.version,
        })
        .unwrap();
    ui.cmd(&[Command::Down]);
    assert_eq!(ui.state.dept_tasks.department, Some(next));
    let shown = ui
        .state
        .dept_tasks
        .items
        .iter()
        .find(|i| i.row.id == task)
        .unwrap();
    assert_eq!(
        shown.share.unwrap().percent.value(),
        new as u8,
        "the figure read ahead before the change is not shown"
    );
    // Unchanged file: what was read ahead is what a fresh read gives.
    while ui.runner.read_ahead(&ui.state) {}
    ui.cmd(&[Command::Down]);
    let id = ui.state.depts.selected_item().unwrap().id;
    let fresh = ui
        .runner
        .db
        .tasks(duban::store::Scope {
            department: Some(id),
            as_of: None,
            plan: None,
        })
        .unwrap();
    let shown: Vec<_> = ui.state.dept_tasks.items.iter().map(|i| &i.row).collect();
    assert_eq!(shown, fresh.iter().collect::<Vec<_>>());
}

#[test]
fn control_characters_in_titles_do_not_break_rows() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 80, 24);
    for line in ui.screen().lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line.trim_end_matches("  ◀")) <= 80);
    }
}

#[test]
fn reload_keeps_the_selection() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[
        Command::Down,
        Command::Down,
        Command::NextPane,
        Command::Down,
    ]);
    let dept = ui.selected_department();
    let task = ui.state.selected_task();
    ui.cmd(&[Command::Reload]);
    assert_eq!(ui.selected_department(), dept);
    assert_eq!(ui.state.selected_task(), task);
    assert!(ui.screen().contains("已重新读取"));
}

#[test]
fn another_clerks_write_keeps_the_unit_whose_history_is_shown() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    // The first department's first task with more than one unit.
    ui.cmd(&[Command::NextPane]);
    while ui
        .state
        .detail
        .data
        .as_ref()
        .is_some_and(|d| d.units.len() < 2)
    {
        ui.cmd(&[Command::Down]);
    }
    ui.cmd(&[Command::Open, Command::NextPane]);
    let unit = ui.state.detail.unit;
    ui.send([Action::Changed {
        by: vec!["sunhui".into()],
        now: std::time::Instant::now(),
    }]);
    assert_eq!(ui.state.detail.unit, unit);
}

/// Issue 21 item 9: view 1's task pane filters by a unit's name too, as view 2 does.
#[test]
fn the_department_task_pane_filter_matches_unit_names() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane]);
    let all = ui.state.dept_tasks.shown.len();
    ui.cmd(&[Command::Filter]);
    ui.typed("大数据中心");
    let n = ui.state.dept_tasks.shown.len();
    assert!(n >= 1 && n < all, "{n} of {all}");
}

/// The terminal title names the program, the file and the view (and shows stored control
/// characters visibly: the file's name comes from the user).
#[test]
fn the_terminal_title_names_file_and_view() {
    let (_dir, mut db) = demo();
    let mut s = session(Lang::Zh);
    s.db_name = "办公\u{1b}]0;x.db".into();
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report)]);
    let title = duban::tui::ui::chrome::terminal_title(&ui.state);
    assert_eq!(title, "督办 · 办公\\e]0;x.db · 通报");
}

/// In English, recurring and long-term deadlines read as words, not as the plan's 每年 / 长期
/// (the stored text stays as written; in Chinese it is shown as is).
#[test]
fn undated_deadlines_read_in_the_ui_language() {
    let (_dir, mut db) = demo();
    for (lang, want, not) in [
        (
            Lang::En,
            ["yearly", "quarterly", "long-term"],
            ["每年", "每季度", "长期"],
        ),
        (
            Lang::Zh,
            ["每年", "每季度", "长期"],
            ["yearly", "quarterly", "long-term"],
        ),
    ] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 120, 60);
        ui.cmd(&[Command::View(View::Tasks)]);
        let screen = ui.screen();
        for w in want {
            assert!(screen.contains(w), "{w}: {screen}");
        }
        for w in not {
            assert!(!screen.contains(w), "{w}: {screen}");
        }
    }
}
