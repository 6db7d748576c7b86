//! Undo takes back the on-time credit (issue 19, item 11): a report saved and undone is no report
//! for `duban cycle`, the department list's ○ marks and the circular (view 5), since they all
//! read the net journal; and an undo made after a period's end leaves that period's figures as
//! they were printed (an undo takes effect at the instant it was made).

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use chrono::{Duration, NaiveDate};
use cli::{TODAY, demo_db, duban, err, out, p, pinned_now};
use duban::domain::CycleKind;
use duban::store::Db;

/// `duban cycle --json` for `period` on day `today`.
fn cycle(db: &Path, period: &str, today: &str) -> serde_json::Value {
    let o = cli::command()
        .args(["--db", p(db), "cycle", "--period", period, "--json"])
        .env("DUBAN_TODAY", today)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    serde_json::from_str(&out(&o)).unwrap()
}

/// One department's (on time, late, missing, pending) in a `cycle --json`.
fn tally(report: &serde_json::Value, department: &str) -> [u64; 4] {
    let d = report["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == department)
        .unwrap_or_else(|| panic!("{department} in {report}"));
    ["on_time", "late", "missing", "pending"].map(|k| d[k].as_u64().unwrap())
}

/// The circular's ranking (what view 5 shows), as CSV, without the record's check code (the
/// chain's head: every row moves it, an undo's too).
fn circular(db: &Path, period: &str) -> String {
    let o = duban(&[
        "--db",
        p(db),
        "report",
        "--period",
        period,
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    // Without the 存证码 column: the journal's code counts the undo's own row.
    let text = out(&o);
    let code = text
        .lines()
        .next()
        .and_then(|h| h.split(',').position(|c| c == "存证码"))
        .expect("the 存证码 column");
    text.lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if cells.len() > code {
                cells.remove(code);
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The ○ marks of the department list: reports still owed this month, per department.
fn marks(db: &Path) -> Vec<(i64, u32)> {
    let db = Db::open(db).unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    let period = CycleKind::Monthly.period_of(today);
    let mut counts: Vec<(i64, u32)> =
        duban::report::cycle::unreported_counts(&db, period, today, None)
            .unwrap()
            .into_iter()
            .collect();
    counts.sort();
    counts
}

/// `duban update` on task 5 for its lead, 区发改局; the journal row's id.
fn report(db: &Path) -> i64 {
    let o = duban(&[
        "--db",
        p(db),
        "update",
        "--task",
        "5",
        "--dept",
        "区发改局",
        "--percent",
        "80",
        "--note",
        "本月进展",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    Db::open(db).unwrap().latest_report().unwrap().unwrap().id
}

/// What the TUI's `u` does: the store's undo, by the clerk who saved, at `at`.
fn undo(db: &Path, entry: i64, at: chrono::DateTime<chrono::Utc>) {
    Db::open(db)
        .unwrap()
        .undo_progress(entry, &duban::identity::os_login(), at)
        .unwrap();
}

#[test]
fn a_report_saved_and_undone_counts_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let month = &TODAY[..7];
    let quarter = CycleKind::Quarterly
        .period_of(TODAY.parse().unwrap())
        .to_string();
    let before = (
        cycle(&db, month, TODAY),
        marks(&db),
        circular(&db, &quarter),
    );

    let entry = report(&db);
    let [on_time, ..] = tally(&cycle(&db, month, TODAY), "区发改局");
    assert_eq!(
        on_time,
        tally(&before.0, "区发改局")[0] + 1,
        "the save counts"
    );
    assert_ne!(marks(&db), before.1, "its ○ mark drops by one");
    assert_ne!(circular(&db, &quarter), before.2, "the circular credits it");

    // Taken back five minutes later, the same day: as if it had never been made.
    undo(&db, entry, pinned_now() + Duration::minutes(5));
    let after = (
        cycle(&db, month, TODAY),
        marks(&db),
        circular(&db, &quarter),
    );
    assert_eq!(
        tally(&after.0, "区发改局"),
        tally(&before.0, "区发改局"),
        "duban cycle"
    );
    assert_eq!(after.0, before.0, "duban cycle, every department");
    assert_eq!(after.1, before.1, "the ○ marks");
    assert_eq!(after.2, before.2, "the circular (view 5)");
}

#[test]
fn an_undo_after_the_period_ended_leaves_that_periods_figures_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let month = &TODAY[..7];
    let today: NaiveDate = TODAY.parse().unwrap();
    // The fifth day of the next month: the month is closed.
    let next = CycleKind::Monthly.period_of(today).last_day() + Duration::days(1);
    let later = next + Duration::days(4);
    let later_text = later.to_string();
    // 区发改局's other reports this month (its key project's) count as they are.
    let before = tally(&cycle(&db, month, &later_text), "区发改局")[0];
    let entry = report(&db);
    let printed = cycle(&db, month, &later_text);
    assert_eq!(tally(&printed, "区发改局")[0], before + 1, "{printed}");

    // Undone on the second day of the next month: the closed month keeps its credit.
    let second = (next + Duration::days(1)).and_hms_opt(9, 0, 0).unwrap();
    undo(&db, entry, second.and_utc());
    assert_eq!(cycle(&db, month, &later_text), printed);
}
