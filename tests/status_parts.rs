//! `duban status` over a big file reads the plan in parts side by side, each on its own
//! connection (report::status::Rolled::in_parts): the figures must be the ones one pass gives.

use chrono::NaiveDate;
mod common;

use chrono::TimeZone;
use duban::report::parts::Split;
use duban::report::{cycle, status};
use duban::store::ALL_TASKS;
use duban::store::Scope;

#[test]
fn parts_read_side_by_side_add_up_to_one_pass() {
    let (_dir, path, db) = common::generated(3000, 60, 11);
    // A deleted task, and one without units, at the edges of the parts.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id IN (1000, 1001);
         INSERT INTO task (id, plan_id, number, title, position, created_at, updated_at)
         VALUES (3001, 1, '999', '无单位的任务', 3001,
                 '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z');",
    )
    .unwrap();
    drop(raw);

    let one_pass = Split::ONE_PASS;
    for today in ["2026-01-05", "2026-06-15", "2026-12-31"] {
        let today: NaiveDate = today.parse().unwrap();
        let whole = status::build_split(&db, today, Scope::default(), one_pass).unwrap();
        assert_eq!(whole.read_in_parts, 1);
        assert!(
            whole.total.red + whole.total.yellow > 0,
            "figures to compare"
        );
        for parts in [2, 3, 7] {
            let split = Split { from: 0, parts };
            let mut side_by_side =
                status::build_split(&db, today, Scope::default(), split).unwrap();
            assert_eq!(
                side_by_side.read_in_parts, parts,
                "read in parts, not one pass"
            );
            side_by_side.read_in_parts = 1;
            assert_eq!(side_by_side, whole, "{parts} parts on {today}");
        }
    }
}

/// The ○ marks of the department list (report::cycle::unreported_counts) are read in parts the
/// same way, on a day in a period that has ended (the tasks joined to their assignments) and in
/// the one still running (the assignments alone).
#[test]
fn the_unreported_counts_in_parts_are_the_one_pass_counts() {
    let (_dir, path, db) = common::generated(3000, 60, 11);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id = 1500;")
        .unwrap();
    drop(raw);
    let today = chrono::Local::now().date_naive();
    for today in [NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(), today] {
        let period = db.cycle_settings().unwrap().kind.period_of(today);
        let whole = cycle::unreported_counts_split(&db, period, today, Split::ONE_PASS).unwrap();
        assert!(whole.values().sum::<u32>() > 0, "counts to compare");
        for parts in [2, 3, 7] {
            let split = Split { from: 0, parts };
            let side_by_side = cycle::unreported_counts_split(&db, period, today, split).unwrap();
            assert_eq!(side_by_side, whole, "{parts} parts on {today}");
        }
    }
}

/// A period still running reads the assignments alone (their copy of the task's deletion); one
/// that has ended joins the tasks (created before its end, not deleted by then). For an end just
/// past, after every task was made and the deletion done, both must give the same assignments.
#[test]
fn a_running_period_reads_the_assignments_its_tasks_have() {
    let (_dir, path, db) = common::generated(800, 20, 5);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id = 300;")
        .unwrap();
    drop(raw);
    let start = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let read = |end| {
        let mut list = Vec::new();
        db.period_assignments(start, end, ALL_TASKS, |a| list.push(a))
            .unwrap();
        list
    };
    let now = chrono::Utc::now();
    let running = read(now + chrono::Duration::days(30));
    let ended = read(now - chrono::Duration::seconds(1));
    assert!(
        !running.iter().any(|a| a.task_id == 300),
        "the deleted task is left out"
    );
    assert!(running.len() > 1000);
    assert_eq!(running, ended);
}
