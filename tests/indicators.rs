//! `duban indicators` on the demo built on a fixed day, and reporting a figure: validated, appended
//! to the journal, permitted as progress is.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::Db;

fn duban(args: &[&str]) -> Output {
    cli::command().args(args).output().expect("the binary runs")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn user_error(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut db = Db::create(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 8, 15).unwrap();
    let now = Utc.with_ymd_and_hms(2024, 8, 15, 2, 0, 0).unwrap();
    duban::sample::demo::build(&mut db, today, now, &os_login()).unwrap();
    (dir, path)
}

fn actuals(path: &Path) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("SELECT count(*) FROM indicator_actual", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_table_and_json_for_a_year() {
    let (_dir, db) = demo();
    let table = ok(&duban(&["--db", p(&db), "indicators", "--year", "2023"]));
    assert!(table.starts_with("指标完成情况 2023年"), "{table}");
    assert!(table.contains("规上工业增加值增速"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&ok(&duban(&[
        "--db",
        p(&db),
        "indicators",
        "--year",
        "2023",
        "--json",
    ])))
    .unwrap();
    let first = &json["indicators"][0];
    assert_eq!(first["target"], 7.0);
    assert_eq!(first["latest_period"], "2023");
    // Completion is the figure over the target.
    let latest = first["latest"].as_f64().unwrap();
    let completion = first["completion"].as_f64().unwrap();
    assert!((completion - (latest / 7.0 * 100.0 * 100.0).round() / 100.0).abs() < 1e-9);
    // 增速 is a rate: no growth of it (issue 24), though its base year (6.8 in 2022) is known.
    assert!(first["growth"].is_null(), "{first}");
    // An amount has its growth over the base year.
    let amount = &json["indicators"][1];
    assert_eq!(amount["unit"], "亿元");
    assert!(amount["growth"].as_f64().is_some(), "{amount}");
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_string()
    };
    assert!(row("规上工业增加值增速").ends_with('—'), "{table}");
    assert!(row("单位工业增加值能耗下降").ends_with('—'), "{table}");
    assert!(row("数字经济核心产业增加值").ends_with('%'), "{table}");
}

#[test]
fn a_figure_in_another_unit_and_a_year_out_of_range_are_one_line_each() {
    let (_dir, db) = demo();
    let before = actuals(&db);
    let set = |value: &str| {
        duban(&[
            "--db",
            p(&db),
            "indicators",
            "set",
            "工业投资",
            "--period",
            "2024-Q3",
            "--value",
            value,
        ])
    };
    user_error(&set("7.5%"), "工业投资的单位是亿元,不能填 7.5%");
    user_error(&set("38.5万元"), "单位是亿元");
    let o = cli::command()
        .env("LANG", "en_US.UTF-8")
        .args(["--db", p(&db), "indicators", "set", "工业投资"])
        .args(["--period", "2024-Q3", "--value", "7.5%"])
        .output()
        .unwrap();
    user_error(&o, "measured in 亿元");
    assert_eq!(actuals(&db), before);
    // Its own unit may be written; a rate takes a percent.
    ok(&set("38.5亿元"));
    ok(&duban(&[
        "--db",
        p(&db),
        "indicators",
        "set",
        "规上工业增加值增速",
        "--period",
        "2024-Q3",
        "--value",
        "7.5%",
    ]));
    assert_eq!(actuals(&db), before + 2);
    for year in ["12345", "abc", "99999999999", "-5", "1899", ""] {
        let o = duban(&["--db", p(&db), "indicators", "--year", year]);
        user_error(&o, "1900–2200");
    }
    let o = cli::command()
        .env("LANG", "en_US.UTF-8")
        .args(["--db", p(&db), "indicators", "--year", "abc"])
        .output()
        .unwrap();
    user_error(&o, "from 1900 to 2200");
    ok(&duban(&["--db", p(&db), "indicators", "--year", "2200"]));
}

#[test]
fn reporting_a_figure_follows_the_progress_rules() {
    let (_dir, db) = demo();
    let before = actuals(&db);
    // An admin (the login that made the demo) may report any indicator.
    let o = duban(&[
        "--db",
        p(&db),
        "indicators",
        "set",
        "工业投资",
        "--period",
        "2024-Q3",
        "--value",
        "1,234.5",
    ]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("2024-Q3:1234.5亿元"));
    assert_eq!(actuals(&db), before + 1);
    let json: serde_json::Value = serde_json::from_str(&ok(&duban(&[
        "--db",
        p(&db),
        "indicators",
        "--year",
        "2024",
        "--json",
    ])))
    .unwrap();
    let row = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "工业投资")
        .unwrap()
        .clone();
    assert_eq!(row["latest"], 1234.5);
    assert_eq!(row["latest_period"], "2024-Q3");

    for (args, needle) in [
        (
            vec!["工业投资", "--period", "2024-Q5", "--value", "1"],
            "2024-Q2",
        ),
        (
            vec!["工业投资", "--period", "2024-Q3", "--value", "38,5"],
            "38,5",
        ),
        (
            vec!["工业投资", "--period", "2024-Q3", "--value", "abc"],
            "abc",
        ),
        (
            vec!["没有的指标", "--period", "2024-Q3", "--value", "1"],
            "工业投资",
        ),
    ] {
        let mut all = vec!["--db", p(&db), "indicators", "set"];
        all.extend(args);
        user_error(&duban(&all), needle);
    }
    // An editor of another department may not; nothing is written.
    let mut handle = Db::open(&db).unwrap();
    let other = handle
        .departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "区发改局")
        .unwrap()
        .id;
    handle
        .set_clerk_role(
            &os_login(),
            ClerkRole::Editor,
            Some(other),
            "sunhui",
            cli::pinned_now(),
        )
        .unwrap();
    let o = duban(&[
        "--db",
        p(&db),
        "indicators",
        "set",
        "工业投资",
        "--period",
        "2024-Q3",
        "--value",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(actuals(&db), before + 1);
    // Its own department's indicator, yes.
    ok(&duban(&[
        "--db",
        p(&db),
        "indicators",
        "set",
        "数字经济核心产业增加值",
        "--period",
        "2024-07",
        "--value",
        "30",
    ]));
    assert_eq!(actuals(&db), before + 2);
}

#[test]
fn a_figure_saved_since_the_writer_read_is_not_written_over() {
    let (_dir, path) = demo();
    let mut db = Db::open(&path).unwrap();
    let id = db
        .indicators(None)
        .unwrap()
        .into_iter()
        .find(|r| r.name == "工业投资")
        .unwrap()
        .id;
    let figure = |value: f64, by: &str, expected_last: Option<i64>| duban::store::NewActual {
        indicator_id: id,
        period: "2024-Q4".into(),
        value,
        by: by.into(),
        at: cli::pinned_now(),
        expected_last,
    };
    let before = actuals(&path);
    // Two clerks read 2024-Q4 empty; the first to save wins, the second is shown theirs.
    let first = db.report_actual(&figure(40.0, "zhangli", None)).unwrap();
    match db.report_actual(&figure(41.0, &os_login(), None)) {
        Err(duban::store::StoreError::FigureConflict(theirs)) => {
            assert_eq!(
                (theirs.id, theirs.value, theirs.reported_by.as_str()),
                (first, 40.0, "zhangli")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        actuals(&path),
        before + 1,
        "the refused figure is not written"
    );
    // Having seen theirs, the second saves on top; the journal keeps both.
    db.report_actual(&figure(41.0, &os_login(), Some(first)))
        .unwrap();
    assert_eq!(actuals(&path), before + 2);
    // The check is per period: an empty one takes a figure, one with figures wants the newest.
    let q3 = duban::store::NewActual {
        period: "2024-Q3".into(),
        ..figure(38.0, "zhangli", None)
    };
    db.report_actual(&q3).unwrap();
    let q2 = duban::store::NewActual {
        period: "2024-Q2".into(),
        ..figure(20.0, "zhangli", None)
    };
    assert!(matches!(
        db.report_actual(&q2),
        Err(duban::store::StoreError::FigureConflict(_))
    ));
    let q2_last = db
        .indicators(None)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
        .actuals
        .iter()
        .filter(|a| a.period == "2024-Q2")
        .map(|a| a.id)
        .max();
    assert!(q2_last.is_some());
    db.report_actual(&duban::store::NewActual {
        expected_last: q2_last,
        ..q2
    })
    .unwrap();
    assert_eq!(actuals(&path), before + 4);
}
