//! A long window's journal rows read in two halves side by side (`WindowReports::read`, the year
//! a circular's trend replays), or through the table by id and sorted afterwards, are the rows,
//! the order and the `stands` of one pass by time: including a report in the first half taken
//! back by an undo in the second, a report and its undo in one second, and an instant written
//! around duban (not in its form: its text order is not its time order).

mod common;

use common::{at, generated};
use duban::domain::Percent;
use duban::report::period::{Walk, WindowReports};
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

    // A report and its undo in the same second: only the id orders them.
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT version FROM assignment WHERE task_id = ?1 AND department_id = ?2",
            [task, dept],
            |r| r.get(0),
        )
        .unwrap();
    let same = db
        .report_progress(&ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(88).unwrap(),
            note: String::new(),
            by: "admin".into(),
            at: at("2026-09-01T00:00:00"),
            expected_version: version,
        })
        .unwrap();
    db.undo_progress(same.entry_id, "admin", at("2026-09-01T00:00:00"))
        .unwrap();

    // Windows whose middle falls between the report and its undo, before both, and one that
    // ends before the undo (the report still stands then); the year holds most of the journal.
    let windows = [
        ("2026-06-01T00:00:00", "2026-12-31T00:00:00"),
        ("2026-01-01T00:00:00", "2027-01-01T00:00:00"),
        ("2026-01-01T00:00:00", "2026-10-01T00:00:00"),
    ];
    let every_way = |db: &duban::store::Db| {
        for (start, end) in windows {
            let one =
                WindowReports::read_with(db, at(start), at(end), false, Walk::ByTime).unwrap();
            assert!(!one.is_empty(), "{start}..{end} has rows");
            for split in [false, true] {
                for walk in [Walk::ByTime, Walk::ById, Walk::BySize] {
                    let other = WindowReports::read_with(db, at(start), at(end), split, walk);
                    assert!(
                        one == other.unwrap(),
                        "{start}..{end}: {walk:?} (halves: {split}) differs from one pass by time"
                    );
                }
            }
        }
    };
    every_way(&db);

    // Rows written around duban, of the report's assignment, their chain links left out (a test
    // of reading, not of the record). One in the same second as one of duban's but with a
    // fraction: as text it sorts before `…:00Z`, though later in time.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.create_scalar_function(
        "duban_linking",
        0,
        rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |_| Ok(false),
    )
    .unwrap();
    raw.create_scalar_function(
        "duban_link",
        -1,
        rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |_| Ok(String::new()),
    )
    .unwrap();
    let write = |percent: i64, instant: &str| {
        raw.execute(
            "INSERT INTO progress (task_id, department_id, percent, reported_by, reported_at)
             VALUES (?1, ?2, ?3, 'admin', ?4)",
            rusqlite::params![task, dept, percent, instant],
        )
        .unwrap();
    };
    // A leap second first, then the second before it: the same instant to the second, but as
    // text (and in time) the leap second comes after.
    write(80, "2026-09-02T10:17:60Z");
    write(50, "2026-09-02T10:17:59Z");
    every_way(&db);
    write(55, "2026-09-01T00:00:00.5Z");
    every_way(&db);
}
