//! A big file's assignments are read in parts side by side, each on its own connection
//! (report::parts): `duban status` and the department list's ○ marks must give the figures one
//! pass gives. And how a period's assignments are read.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, TimeZone};
use duban::report::parts::Split;
use duban::report::{cycle, status};
use duban::store::{ALL_TASKS, Scope};

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
    // A day in an ended period, and one in the period still running at the generated plan's
    // "now" (it runs through 2026).
    let ended = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
    let running = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for today in [ended, running] {
        let period = db.cycle_settings().unwrap().kind.period_of(today);
        let whole =
            cycle::unreported_counts_split(&db, period, today, None, Split::ONE_PASS).unwrap();
        assert!(whole.values().sum::<u32>() > 0, "counts to compare");
        for parts in [2, 3, 7] {
            let split = Split { from: 0, parts };
            let side_by_side =
                cycle::unreported_counts_split(&db, period, today, None, split).unwrap();
            assert_eq!(side_by_side, whole, "{parts} parts on {today}");
        }
    }
}

/// A period that every task was created before, and none deleted in or after, reads the
/// assignments alone (their copy of the task's deletion); any other joins the tasks (created
/// before its end, not deleted by then). Each must give the assignments of the tasks that
/// existed at the end.
#[test]
fn a_period_reads_the_assignments_of_the_tasks_existing_at_its_end() {
    let (_dir, path, mut db) = common::generated(800, 20, 5);
    // Every task was created on 2026-01-01; task 300 is deleted on 2 March; a task without
    // units is added on 1 September.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id = 300;
         INSERT INTO task (id, plan_id, number, title, position, created_at, updated_at)
         VALUES (801, 1, '999', '九月加的任务', 801,
                 '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z');",
    )
    .unwrap();
    drop(raw);
    let statements = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = statements.clone();
    db.trace_statements(move |sql| sink.lock().unwrap().push(sql))
        .unwrap();
    let start = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let read = |end: &str| {
        statements.lock().unwrap().clear();
        let end = chrono::DateTime::parse_from_rfc3339(end).unwrap().to_utc();
        let mut list = Vec::new();
        db.period_assignments(start, end, ALL_TASKS, None, |a| list.push(a))
            .unwrap();
        let joined = statements
            .lock()
            .unwrap()
            .iter()
            .any(|sql| sql.contains("CROSS JOIN assignment"));
        (list, joined)
    };
    let has =
        |list: &[duban::store::PeriodAssignment], task| list.iter().any(|a| a.task_id == task);
    // The year's end: after every creation and the deletion.
    let (year, joined) = read("2026-12-31T16:00:00Z");
    assert!(!joined, "read from the assignments alone");
    assert!(!has(&year, 300) && year.len() > 1000);
    // 1 August: the September task did not exist yet (it has no units: the same assignments).
    let (august, joined) = read("2026-08-01T00:00:00Z");
    assert!(joined, "read with the tasks");
    assert_eq!(august, year);
    // 1 March: task 300 still existed.
    let (march, joined) = read("2026-03-01T00:00:00Z");
    assert!(joined);
    assert!(has(&march, 300));
    assert_eq!(
        march.len(),
        year.len() + march.iter().filter(|a| a.task_id == 300).count()
    );
}
