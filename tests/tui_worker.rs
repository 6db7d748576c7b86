//! Issue 21 item 2: the slow reads run on a second thread (`tui::worker`) so that no key waits
//! for them. What the UI thread gets back: the newest answer of each question, nothing for a
//! screen the user has left, and a "computing" mark only for a read that takes a while. And
//! what the screen shows meanwhile: the last ranking, saying which period it is.

#[path = "support/ui.rs"]
mod support;

use std::time::{Duration, Instant};

use duban::domain::Period;
use duban::i18n::Lang;
use duban::tui::action::{Action, Command, Effect};
use duban::tui::state::{Load, View};
use duban::tui::update;
use duban::tui::worker::{MARK_AFTER, Worker};
use support::{Ui, demo, session};

const Q3: Period = Period::Quarter {
    year: 2026,
    quarter: 3,
};
const Q2: Period = Period::Quarter {
    year: 2026,
    quarter: 2,
};

/// Everything the worker sends back until it has nothing out, for the screen `view`.
fn results(worker: &mut Worker, view: View) -> Vec<Action> {
    // Not a timing assertion: a bound so that a broken worker fails instead of hanging.
    let give_up = Instant::now() + Duration::from_secs(120);
    let mut got = Vec::new();
    while worker.busy() {
        assert!(Instant::now() < give_up, "the worker never answered");
        std::thread::sleep(Duration::from_millis(5));
        got.extend(worker.take(view));
    }
    got
}

fn periods(actions: &[Action]) -> Vec<Period> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::ReportLoaded { period, .. } => Some(*period),
            _ => None,
        })
        .collect()
}

#[test]
fn of_two_periods_asked_in_a_row_only_the_second_is_shown() {
    let (_dir, db) = demo();
    let s = session(Lang::Zh);
    let mut worker = Worker::start(&db, &s).expect("a reader thread");
    let now = Instant::now();
    assert!(
        worker
            .offer(Effect::LoadReport { period: Q3 }, now)
            .is_none()
    );
    assert!(
        worker
            .offer(Effect::LoadReport { period: Q2 }, now)
            .is_none()
    );
    let got = results(&mut worker, View::Report);
    assert_eq!(periods(&got), vec![Q2]);
}

#[test]
fn a_result_for_a_screen_the_user_left_is_dropped() {
    let (_dir, db) = demo();
    let s = session(Lang::Zh);
    let mut worker = Worker::start(&db, &s).expect("a reader thread");
    let now = Instant::now();
    assert!(
        worker
            .offer(Effect::LoadReport { period: Q3 }, now)
            .is_none()
    );
    assert!(worker.offer(Effect::LoadPeople, now).is_none());
    // The rollups are for every screen (the header's counts): they are kept.
    assert!(worker.offer(Effect::LoadOverview, now).is_none());
    let got = results(&mut worker, View::Tasks);
    assert!(periods(&got).is_empty(), "{got:?}");
    assert!(!got.iter().any(|a| matches!(a, Action::People { .. })));
    assert!(got.iter().any(|a| matches!(a, Action::Overview { .. })));
}

#[test]
fn a_read_is_marked_computing_only_once_it_takes_a_while() {
    let (_dir, db) = demo();
    let s = session(Lang::Zh);
    let mut worker = Worker::start(&db, &s).expect("a reader thread");
    let sent = Instant::now();
    assert!(
        worker
            .offer(Effect::LoadReport { period: Q3 }, sent)
            .is_none()
    );
    // Before any result is taken, the read counts as out.
    assert_eq!(worker.pending(sent), Vec::<Load>::new());
    assert_eq!(worker.next_mark(sent), Some(MARK_AFTER));
    assert_eq!(worker.pending(sent + MARK_AFTER), vec![Load::Report]);
    results(&mut worker, View::Report);
    assert_eq!(worker.pending(sent + MARK_AFTER * 10), Vec::<Load>::new());
    assert_eq!(worker.next_mark(sent), None);
}

#[test]
fn a_changed_period_keeps_the_last_ranking_on_screen_and_says_which_it_is() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report)]);
    let before = ui.screen();
    assert!(before.contains("2026年第四季度"), "{before}");
    // `[` without its result yet: as the screen is while the thread computes.
    let fx = update(&mut ui.state, Action::Command(Command::PrevPeriod));
    assert_eq!(fx, vec![Effect::LoadReport { period: Q3 }]);
    update(&mut ui.state, Action::Loading(vec![Load::Report]));
    let waiting = ui.screen();
    assert!(waiting.contains("2026年第三季度"), "{waiting}");
    assert!(
        waiting.contains("计算中…下表仍为2026年第四季度"),
        "{waiting}"
    );
    assert!(waiting.contains("督办 │ 计算中…"), "{waiting}");
    // The ranking rows are still there.
    let rows = |screen: &str| screen.lines().filter(|l| l.contains('%')).count();
    assert!(
        rows(&waiting) > 0 && rows(&waiting) == rows(&before),
        "{waiting}"
    );
    ui.send([Action::Loading(Vec::new())]);
    let results: Vec<Action> = fx.into_iter().map(|e| ui.runner.run(e)).collect();
    ui.send(results);
    let after = ui.screen();
    assert!(!after.contains("计算中"), "{after}");
    assert!(after.contains("2026年第三季度"), "{after}");
}

/// The plan switcher narrows the reads of the reader thread as it does the UI thread's: the
/// thread hears of the plan before the reads asked after it.
#[test]
fn the_plan_shown_narrows_the_reads_of_the_thread() {
    let (_dir, mut db) = demo();
    let opts = duban::import::Options {
        fallback_title: "second".into(),
        fallback_year: 2025,
    };
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/straight.txt");
    let draft = duban::import::file::read_plan_file(&path, &opts).unwrap();
    db.save_draft(
        &draft,
        duban::import::units::match_existing,
        "sunhui",
        support::NOW,
    )
    .unwrap();
    let second = db.plans().unwrap()[1].id;
    let theirs = db
        .tasks(duban::store::Scope::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.plan_id == second)
        .count();
    let s = session(Lang::Zh);
    let mut worker = Worker::start(&db, &s).expect("a reader thread");
    let now = Instant::now();
    let tasks = |got: &[Action]| {
        got.iter()
            .find_map(|a| match a {
                Action::Overview { summary, .. } => Some(summary.tasks),
                _ => None,
            })
            .expect("the rollups")
    };
    assert!(worker.offer(Effect::LoadOverview, now).is_none());
    assert_eq!(tasks(&results(&mut worker, View::Departments)), 34 + theirs);
    // The UI thread runs the plan change too: it is handed back.
    let used = Effect::UsePlan { plan: Some(second) };
    assert_eq!(worker.offer(used.clone(), now), Some(used));
    assert!(worker.offer(Effect::LoadOverview, now).is_none());
    assert_eq!(tasks(&results(&mut worker, View::Departments)), theirs);
}
