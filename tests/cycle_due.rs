//! A report is chased only once its due day has passed (issue 24): on 3 December, with reports
//! due on the 25th, December is "not due yet" (未到报送期限) in `cycle`, absent from `remind`, and
//! not counted missing; the due day itself is still in time; from the 26th it is missing. With no
//! `--period`, `cycle` and `remind` read the latest period whose due day has passed.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;
use std::process::Output;

use chrono::NaiveDate;
use cli::{demo_db, err, p};
use duban::domain::Period;
use duban::store::Db;
use serde_json::Value;

fn on(day: &str, lang: &str, db: &Path, args: &[&str]) -> String {
    let o: Output = cli::command()
        .env("DUBAN_TODAY", day)
        .env("LANG", lang)
        .args(["--db", p(db)])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?} on {day}: {}", err(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn zh(day: &str, db: &Path, args: &[&str]) -> String {
    on(day, "zh_CN.UTF-8", db, args)
}

fn en(day: &str, db: &Path, args: &[&str]) -> String {
    on(day, "en_US.UTF-8", db, args)
}

fn json(day: &str, db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&zh(day, db, args)).unwrap()
}

fn total(report: &Value, key: &str) -> u64 {
    report["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[key].as_u64().unwrap())
        .sum()
}

#[test]
fn a_period_before_its_due_day_is_not_due_and_nobody_is_asked_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // 3 December and the due day itself: December is not due.
    for day in ["2026-12-03", "2026-12-25"] {
        let cycle = json(day, &db, &["cycle", "--period", "2026-12", "--json"]);
        assert_eq!(total(&cycle, "missing"), 0, "{day}");
        assert!(
            total(&cycle, "pending") > 0,
            "{day}: the demo has unreported work"
        );
        let table = zh(day, &db, &["cycle", "--period", "2026-12"]);
        assert!(table.contains("2026年12月未到报送期限"), "{day}: {table}");
        assert!(
            !table.contains("漏报  牵头") && !table.contains("漏报  配合"),
            "{day}: {table}"
        );
        let remind = zh(day, &db, &["remind", "--period", "2026-12"]);
        // (A deadline may read 2026年12月底前; the period is never asked for.)
        assert!(!remind.contains("):2026年12月"), "{day}: {remind}");
        let remind = en(day, &db, &["remind", "--period", "2026-12"]);
        assert!(!remind.contains("): December 2026"), "{day}: {remind}");
        let table = en(day, &db, &["cycle", "--period", "2026-12"]);
        assert!(table.contains("December 2026 is not due yet"), "{table}");
    }
    // The day after: what is still unreported is missing, and chased.
    let cycle = json(
        "2026-12-26",
        &db,
        &["cycle", "--period", "2026-12", "--json"],
    );
    assert!(total(&cycle, "missing") > 0);
    assert_eq!(total(&cycle, "pending"), 0);
    let remind = zh("2026-12-26", &db, &["remind", "--period", "2026-12"]);
    assert!(remind.contains("2026年12月漏报"), "{remind}");
}

#[test]
fn without_a_period_cycle_and_remind_read_the_last_period_that_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let cycle = json("2026-12-03", &db, &["cycle", "--json"]);
    assert_eq!(cycle["period"], "2026-11");
    assert!(
        total(&cycle, "missing") > 0,
        "the demo leaves November gaps"
    );
    assert_eq!(total(&cycle, "pending"), 0);
    let remind = zh("2026-12-03", &db, &["remind"]);
    assert!(remind.contains("2026年11月漏报"), "{remind}");
    assert!(!remind.contains("):2026年12月"), "{remind}");
    assert_eq!(
        json("2026-12-25", &db, &["cycle", "--json"])["period"],
        "2026-11"
    );
    assert_eq!(
        json("2026-12-26", &db, &["cycle", "--json"])["period"],
        "2026-12"
    );
}

/// `report::cycle::missing_counts`, the function other checks call, agrees with `cycle`'s 漏报
/// column, department by department, and counts nothing for a period not due.
#[test]
fn the_missing_counts_are_the_cycle_tables() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = demo_db(dir.path());
    let db = Db::open(&db_path).unwrap();
    let today: NaiveDate = "2026-12-03".parse().unwrap();
    let names: std::collections::HashMap<i64, String> = db
        .departments_at(None)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let december: Period = "2026-12".parse().unwrap();
    assert!(
        duban::report::cycle::missing_counts(&db, december, today, None)
            .unwrap()
            .is_empty()
    );
    let november: Period = "2026-11".parse().unwrap();
    let counts = duban::report::cycle::missing_counts(&db, november, today, None).unwrap();
    let cycle = json(
        "2026-12-03",
        &db_path,
        &["cycle", "--period", "2026-11", "--json"],
    );
    let mut seen = 0;
    for d in cycle["departments"].as_array().unwrap() {
        let name = d["department"].as_str().unwrap();
        let id = names.iter().find(|(_, n)| *n == name).map(|(id, _)| *id);
        let counted = id.and_then(|id| counts.get(&id)).copied().unwrap_or(0);
        assert_eq!(u64::from(counted), d["missing"].as_u64().unwrap(), "{name}");
        seen += counted;
    }
    assert!(seen > 0);
}

/// A due day on the period's last day (quarterly, due on the 31st): on that day still in time;
/// once the period is over, what was not reported is missing — read then or any day later.
#[test]
fn a_due_day_on_the_periods_last_day_is_missing_once_the_period_is_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // Set before the quarter, so the whole of 2026-Q4 runs under it.
    let o = cli::command()
        .env("DUBAN_TODAY", "2026-09-01")
        .args(["--db", p(&db), "setting", "set"])
        .args(["cycle.kind=quarterly", "cycle.due_day=31"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let args = ["cycle", "--period", "2026-Q4", "--json"];
    let on_the_day = json("2026-12-31", &db, &args);
    assert_eq!(total(&on_the_day, "missing"), 0);
    let owed = total(&on_the_day, "pending");
    assert!(owed > 0);
    for later in ["2027-01-01", "2027-06-30"] {
        let after = json(later, &db, &args);
        assert_eq!(total(&after, "pending"), 0, "{later}");
        assert_eq!(total(&after, "missing"), owed, "{later}");
    }
    assert_eq!(
        json("2027-01-01", &db, &["cycle", "--json"])["period"],
        "2026-Q4"
    );
    assert_eq!(
        json("2026-12-31", &db, &["cycle", "--json"])["period"],
        "2026-Q3"
    );
}
