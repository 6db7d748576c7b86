//! A file with several plans (issue 21 item 10): the read scope's plan, the plan switcher, the
//! header and the plan labels, and the plan and department remembered per login.

#[path = "support/ui.rs"]
mod support;

use chrono::{TimeZone, Utc};
use duban::i18n::Lang;
use duban::report::status;
use duban::store::{Db, ProgressReport, Scope, TaskQuery};
use duban::tui::action::Command;
use duban::tui::prefs::PrefsFile;
use duban::tui::state::{Mode, View};
use support::{NOW, TODAY, Ui, demo, session};
use tempfile::TempDir;

/// The demo (plan 1, 28 tasks numbered 1 to 28) with a second plan imported from a fixture (plan
/// 2, its own tasks numbered from 1, its own units).
fn two_plans() -> (TempDir, Db, i64) {
    let (dir, mut db) = demo();
    let opts = duban::import::Options {
        fallback_title: "second".into(),
        fallback_year: 2025,
    };
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/straight.txt");
    let draft = duban::import::file::read_plan_file(&path, &opts).unwrap();
    db.save_draft(&draft, duban::import::units::match_existing, "sunhui", NOW)
        .unwrap();
    let plans = db.plans().unwrap();
    assert_eq!(plans.len(), 2);
    (dir, db, plans[1].id)
}

fn plan_of(db: &Db, task: i64) -> i64 {
    db.tasks(Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.id == task)
        .unwrap()
        .plan_id
}

#[test]
fn the_plan_scope_filters_rollups_task_lists_and_keys_now_and_as_of() {
    let (_dir, mut db, second) = two_plans();
    let today = TODAY.parse().unwrap();
    let all = db.tasks(Scope::default()).unwrap();
    let theirs: Vec<i64> = all
        .iter()
        .filter(|t| t.plan_id == second)
        .map(|t| t.id)
        .collect();
    assert!(!theirs.is_empty() && theirs.len() < all.len());
    let only = Scope {
        plan: Some(second),
        ..Scope::default()
    };
    let ids = |rows: Vec<duban::store::TaskRow>| rows.into_iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(ids(db.tasks(only).unwrap()), theirs);
    // The rollups count that plan's tasks and list only departments with a part in it.
    let whole = status::build(&db, today, Scope::default()).unwrap();
    let one = status::build(&db, today, only).unwrap();
    assert_eq!(one.tasks as usize, theirs.len());
    assert!(one.tasks < whole.tasks);
    assert_eq!(one.plans.len(), 1);
    assert!(one.rows.len() < whole.rows.len());
    assert!(one.rows.iter().all(|r| r.rollup.led + r.rollup.co > 0));
    let led: u32 = one.rows.iter().map(|r| r.rollup.led).sum();
    let plan_led = db
        .tasks(only)
        .unwrap()
        .iter()
        .flat_map(|t| &t.units)
        .filter(|u| u.role == duban::domain::Role::Lead)
        .count();
    assert_eq!(led as usize, plan_led);
    // The filter's keys, from SQLite and from the in-memory index alike.
    let q = TaskQuery {
        scope: only,
        ..TaskQuery::default()
    };
    let keys: Vec<i64> = db.task_keys(&q).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(keys, theirs);
    let indexed: Vec<i64> = db
        .task_index()
        .unwrap()
        .keys(&q)
        .iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(indexed, theirs);
    // As of a past instant: a report made later is not counted, in that plan's scope too.
    let task = theirs[0];
    let unit = db.tasks(only).unwrap()[0].units[0].department_id;
    let version = db.assignment(task, unit).unwrap().unwrap().version;
    let later = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    db.report_progress(&ProgressReport {
        task_id: task,
        department_id: unit,
        percent: duban::domain::Percent::new(40).unwrap(),
        note: "进展".into(),
        by: "sunhui".into(),
        at: later,
        expected_version: version,
    })
    .unwrap();
    let before = Scope {
        as_of: Some(later),
        ..only
    };
    let after = Scope {
        as_of: Some(later + chrono::Duration::seconds(1)),
        ..only
    };
    let percent = |s: Scope| db.tasks(s).unwrap()[0].units[0].percent.value();
    assert_eq!((percent(before), percent(after)), (0, 40));
    assert_eq!(ids(db.tasks(before).unwrap()), theirs);
    let avg = |s: Scope| {
        status::build(&db, today, s)
            .unwrap()
            .rows
            .iter()
            .find(|r| r.department_id == unit)
            .and_then(|r| r.rollup.avg_percent())
    };
    assert!(avg(after) > avg(before));
    // The other plan, as of the same instant, has none of these tasks.
    let first = Scope {
        plan: Some(plan_of(&db, all[0].id)),
        as_of: Some(later),
        ..Scope::default()
    };
    assert!(
        db.tasks(first)
            .unwrap()
            .iter()
            .all(|t| !theirs.contains(&t.id))
    );
    let cycle_period = duban::domain::CycleKind::Monthly.period_of(today);
    let counts =
        duban::report::cycle::unreported_counts(&db, cycle_period, today, Some(second)).unwrap();
    let plan_units: std::collections::HashSet<i64> = db
        .tasks(only)
        .unwrap()
        .iter()
        .flat_map(|t| t.units.iter().map(|u| u.department_id))
        .collect();
    assert!(counts.keys().all(|d| plan_units.contains(d)));
}

#[test]
fn the_switcher_shows_one_plan_or_all_and_the_header_says_which() {
    let (_dir, mut db, second) = two_plans();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = ui.screen();
    assert!(
        screen.lines().next().unwrap().contains("2 个计划"),
        "{screen}"
    );
    ui.cmd(&[Command::View(View::Tasks)]);
    let all = ui.state.tasks.all.len();
    // All plans: the task rows carry the plan's short label before the number.
    let screen = ui.screen();
    assert!(screen.contains("A 1 "), "{screen}");
    assert!(screen.contains("▸ A (一)"), "{screen}");
    ui.cmd(&[Command::Plans]);
    assert_eq!(ui.state.mode, Mode::Plans);
    let screen = ui.screen();
    assert!(screen.contains("全部计划"), "{screen}");
    assert!(
        screen.contains("青禾县冷链物流提升2025年工作要点"),
        "{screen}"
    );
    // Esc leaves it as it was.
    ui.cmd(&[Command::Down, Command::Down, Command::Cancel]);
    assert_eq!((ui.state.mode, ui.state.plan), (Mode::Normal, None));
    ui.cmd(&[Command::Plans, Command::Down, Command::Down, Command::Pick]);
    assert_eq!(ui.state.plan, Some(second));
    let shown = ui.state.tasks.all.len();
    assert!(shown > 0 && shown < all, "{shown} of {all}");
    assert!(ui.state.tasks.all.iter().all(|k| k.plan_id == second));
    let screen = ui.screen();
    let header = screen.lines().next().unwrap();
    assert!(header.contains("青禾县冷链"), "{screen}");
    assert!(
        !screen.contains("A 1 ") && !screen.contains("B 1 "),
        "{screen}"
    );
    // Departments: only those with a part in the plan, and their counts in the header.
    ui.cmd(&[Command::View(View::Departments)]);
    assert_eq!(ui.state.summary.tasks, shown);
    assert!(
        ui.state
            .depts
            .items
            .iter()
            .all(|d| d.rollup.led + d.rollup.co > 0)
    );
    // Back to all.
    ui.cmd(&[Command::Plans, Command::First, Command::Pick]);
    assert_eq!(ui.state.plan, None);
    ui.cmd(&[Command::View(View::Deadlines)]);
    assert_eq!(ui.state.deadlines.all.len(), all);
}

#[test]
fn the_detail_names_the_plan_when_all_are_shown_in_english_too() {
    let (_dir, mut db, _second) = two_plans();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let screen = ui.screen();
    assert!(
        screen.lines().next().unwrap().contains("2 plans"),
        "{screen}"
    );
    ui.cmd(&[Command::View(View::Tasks), Command::Last, Command::Open]);
    let screen = ui.screen();
    assert!(screen.contains("B "), "{screen}");
    assert!(
        screen.contains("Plan: B 青禾县冷链物流提升2025年工作要点"),
        "{screen}"
    );
    for line in screen.lines() {
        let line = line.trim_end_matches("  ◀");
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn with_one_plan_the_key_says_there_is_nothing_to_switch() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Plans]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.screen().contains("只有一个计划"));
    // No labels with one plan.
    ui.cmd(&[Command::View(View::Tasks)]);
    assert!(!ui.screen().contains("A 1 "));
}

#[test]
fn the_plan_and_department_are_remembered_for_the_next_session() {
    let (dir, mut db, second) = two_plans();
    let state_home = dir.path().join("state");
    let mut s = session(Lang::Zh);
    s.remember = PrefsFile::for_db(db.path(), state_home.to_str(), None);
    let department = {
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&[Command::Plans, Command::Last, Command::Pick]);
        ui.cmd(&[Command::Down, Command::Down]);
        let picked = ui.state.depts.selected_item().unwrap().id;
        assert_ne!(ui.state.depts.selected, 0);
        ui.cmd(&[Command::Quit]);
        picked
    };
    assert!(state_home.join("duban").is_dir());
    let ui = Ui::new(&mut db, &s, 80, 24);
    assert_eq!(ui.state.plan, Some(second));
    assert_eq!(ui.state.depts.selected_item().unwrap().id, department);
    drop(ui);
    // Another file is another view; a corrupt preference is ignored.
    let file = s.remember.clone().unwrap().file;
    std::fs::write(&file, "db=\u{1b}[2J\nplan=garbage\n").unwrap();
    let ui = Ui::new(&mut db, &s, 80, 24);
    assert_eq!(ui.state.plan, None);
    assert_eq!(ui.state.depts.selected, 0);
}

#[test]
fn a_remembered_plan_that_is_gone_falls_back_to_all_and_an_editor_starts_at_home() {
    let (dir, mut db, _second) = two_plans();
    let mut s = session(Lang::Zh);
    s.remember = PrefsFile::for_db(db.path(), dir.path().join("state").to_str(), None);
    let prefs = s.remember.clone().unwrap();
    prefs.save(&duban::tui::prefs::Remembered {
        plan: Some(999),
        department: Some(99_999),
    });
    let ui = Ui::new(&mut db, &s, 80, 24);
    assert_eq!(ui.state.plan, None);
    assert_eq!(ui.state.depts.selected, 0, "the worst department");
    drop(ui);
    // An editor: their own department, whatever was remembered.
    let home = db.departments().unwrap()[3].id;
    let worst_other = db.departments().unwrap()[5].id;
    prefs.save(&duban::tui::prefs::Remembered {
        plan: None,
        department: Some(worst_other),
    });
    let editor = duban::tui::state::Session {
        role: Some(duban::domain::ClerkRole::Editor),
        department: Some(home),
        ..s.clone()
    };
    let ui = Ui::new(&mut db, &editor, 80, 24);
    assert_eq!(ui.state.depts.selected_item().unwrap().id, home);
}
