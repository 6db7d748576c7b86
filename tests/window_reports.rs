//! A long window's journal rows read in two halves side by side (`WindowReports::read`, the year
//! a circular's trend replays) are the rows, the order and the `stands` of one pass, including a
//! report in the first half taken back by an undo in the second.

mod common;

use common::{at, generated};
use duban::domain::Percent;
use duban::report::period::WindowReports;
use duban::store::ProgressReport;

#[test]
fn a_window_read_in_halves_is_the_window_read_in_one_pass() {
    let (_dir, path, mut db) = generated(600, 20, 5);
    // A report after the generated ones, taken back months later by the one who made it.
    let (task, dept, version): (i64, i64, i64) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT task_id, department_id, version FROM assignment ORDER BY task_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let saved = db
        .report_progress(&ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(77).unwrap(),
            note: String::new(),
            by: "admin".into(),
            at: at("2026-08-01T00:00:00"),
            expected_version: version,
        })
        .unwrap();
    db.undo_progress(saved.entry_id, "admin", at("2026-11-01T00:00:00"))
        .unwrap();
    // The report stands in a window that ends before its undo, not in one that ends after.
    let stands = |end: &str| {
        let mut it = None;
        db.period_reports(at("2026-07-31T00:00:00"), at(end), |r| {
            if (r.task_id, r.department_id, r.percent.value()) == (task, dept, 77) {
                it = Some(r.stands);
            }
        })
        .unwrap();
        it
    };
    assert_eq!(stands("2026-10-01T00:00:00"), Some(true));
    assert_eq!(stands("2026-12-31T00:00:00"), Some(false));

    // Windows whose middle falls between the report and its undo, before both, and one that
    // ends before the undo (the report still stands then).
    for (start, end) in [
        ("2026-06-01T00:00:00", "2026-12-31T00:00:00"),
        ("2026-01-01T00:00:00", "2027-01-01T00:00:00"),
        ("2026-01-01T00:00:00", "2026-10-01T00:00:00"),
    ] {
        let one = WindowReports::read_with(&db, at(start), at(end), false).unwrap();
        let halves = WindowReports::read_with(&db, at(start), at(end), true).unwrap();
        assert!(!one.is_empty(), "{start}..{end} has rows");
        assert!(
            one == halves,
            "{start}..{end}: the halves differ from one pass"
        );
    }
}
