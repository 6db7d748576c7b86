//! Several plans in one file from the command line (issue 24 section 2): `--plan NAME|ID` on the
//! read commands, outputs that cover several plans naming them, one-plan files printing as
//! before; and `status --fail-on` (exit 4).

#[path = "support/cli.rs"]
mod cli;

use cli::{assert_refused, command, demo_db, duban, duban_en, err, out, p};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const A: &str = "青川区数字经济与先进制造业高质量发展三年行动计划(2025—2027年)";
const B: &str = "青禾县冷链物流提升2025年工作要点";

/// The demo (plan 1, tasks 1–28) with a second plan imported from a fixture (plan 2, its own
/// tasks numbered from 1, its own units), both made by the binary.
fn two_plans(dir: &Path) -> PathBuf {
    let db = demo_db(dir);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/straight.txt");
    let o = duban(&["--db", p(&db), "import", "plan", p(&fixture)]);
    assert!(o.status.success(), "{}", err(&o));
    db
}

fn ok(args: &[&str]) -> String {
    let o = duban(args);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    out(&o)
}

#[test]
fn plan_is_found_by_title_part_or_id_and_refused_when_unknown_or_ambiguous() {
    let dir = TempDir::new().unwrap();
    let db = two_plans(dir.path());
    let db = p(&db);
    // A unique part, a prefix, the id with and without #, the exact title: all plan 2.
    for q in ["冷链", "青禾县", "2", "#2", B] {
        let text = ok(&["--db", db, "tasks", "--plan", q, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), 8, "--plan {q}");
        assert!(list.iter().all(|t| t["plan_id"] == 2), "--plan {q}");
    }
    // "青" starts both titles: refused, both listed with their ids.
    let o = duban(&["--db", db, "tasks", "--plan", "青"]);
    assert_refused(&o, 2, "对应多个计划");
    assert!(
        err(&o).contains("#1《") && err(&o).contains("#2《"),
        "{}",
        err(&o)
    );
    let o = duban_en(&["--db", db, "status", "--plan", "9"]);
    assert_refused(&o, 2, "no plan matches \"9\"");
    assert!(err(&o).contains(B), "{}", err(&o));
    // Every command that takes --plan refuses the same way, before writing anything.
    let out_file = dir.path().join("x.csv");
    for args in [
        vec!["status"],
        vec!["tasks"],
        vec!["report"],
        vec!["cycle"],
        vec!["remind"],
        vec!["export", "csv", "-o", p(&out_file)],
        vec!["indicators"],
        vec!["log"],
    ] {
        let mut full = vec!["--db", db];
        full.extend(args.iter().copied());
        full.extend(["--plan", "没有这个计划"]);
        assert_refused(&duban(&full), 2, "没有与");
    }
    assert!(!out_file.exists());
}

#[test]
fn a_plan_titled_like_a_number_is_found_by_its_title_before_an_id() {
    let dir = TempDir::new().unwrap();
    let db = two_plans(dir.path());
    // Plan 3 is titled "2" (a text without a title is named after its file): `--plan 2` is that
    // plan, `--plan #2` the plan with id 2.
    let text = dir.path().join("2.txt");
    std::fs::write(&text, "一、任务\n1. 做好第三件事(责任单位:县财政局)\n").unwrap();
    let o = duban(&["--db", p(&db), "import", "plan", p(&text)]);
    assert!(o.status.success(), "{}", err(&o));
    let by_title = ok(&["--db", p(&db), "tasks", "--plan", "2", "--json"]);
    let by_id = ok(&["--db", p(&db), "tasks", "--plan", "#2", "--json"]);
    let plans = |t: &str| {
        let v: serde_json::Value = serde_json::from_str(t).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["plan_id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(plans(&by_title), [3]);
    assert!(plans(&by_id).iter().all(|&id| id == 2));
}

#[test]
fn outputs_of_several_plans_name_them_and_one_plan_reads_as_before() {
    let dir = TempDir::new().unwrap();
    let db = two_plans(dir.path());
    let db = p(&db);
    let covers = "涵盖 2 个计划:A《";
    // tasks: the header names the plans, numbers carry the plan's label.
    let all = ok(&["--db", db, "tasks"]);
    assert!(all.starts_with(covers), "{all}");
    assert!(all.contains(&format!("B《{B}》")), "{all}");
    assert!(all.lines().any(|l| l.starts_with("A 1 ")), "{all}");
    assert!(all.lines().any(|l| l.starts_with("B 1 ")), "{all}");
    // tasks --csv: a plan column first, the table intact.
    let csv = ok(&["--db", db, "tasks", "--csv"]);
    assert!(csv.starts_with("\u{feff}计划,内部号,编号,"), "{csv}");
    assert!(
        csv.lines().any(|l| l.starts_with(&format!("{B},"))),
        "{csv}"
    );
    // One plan chosen: no header, no label, no column, as a file with that plan alone.
    let one = ok(&["--db", db, "tasks", "--plan", "1"]);
    assert!(
        !one.contains("涵盖") && one.lines().nth(1).unwrap().starts_with("1 "),
        "{one}"
    );
    assert!(ok(&["--db", db, "tasks", "--plan", "1", "--csv"]).starts_with("\u{feff}内部号,编号,"));
    // log: labels and the header; --plan narrows the journal and --task finds that plan's task.
    let log = ok(&["--db", db, "log", "--limit", "3"]);
    assert!(log.starts_with(covers), "{log}");
    assert!(log.lines().nth(2).unwrap().contains(" A "), "{log}");
    let json = ok(&["--db", db, "log", "--json", "--limit", "2"]);
    assert!(json.contains("\"plan_id\":1"), "{json}");
    let o = duban(&["--db", db, "log", "--plan", "2", "--task", "1"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).is_empty(), "plan 2 has no reports: {}", out(&o));
    // Task 1 exists in both plans: ambiguous without --plan, found with it.
    assert_refused(&duban(&["--db", db, "log", "--task", "1"]), 2, "1");
    let mine = ok(&["--db", db, "log", "--plan", "1", "--task", "1", "--json"]);
    assert!(mine.contains("\"task_number\":\"1\""), "{mine}");
    // An id of plan 1's task with plan 2 chosen: refused, not an empty output.
    assert_refused(
        &duban(&["--db", db, "log", "--plan", "2", "--task", "#1"]),
        2,
        "不在 --plan 所选的计划中",
    );
    // status, cycle, remind, indicators, report: each says which plans it covers.
    let status = ok(&["--db", db, "status"]);
    assert!(status.contains(A) && status.contains(B), "{status}");
    let status_b = ok(&["--db", db, "status", "--plan", "冷链"]);
    assert!(status_b.contains(B) && !status_b.contains(A), "{status_b}");
    // The plan's own counts: the demo's closings are all in plan 1.
    assert!(!status_b.contains("已办结"), "{status_b}");
    let sj: serde_json::Value =
        serde_json::from_str(&ok(&["--db", db, "status", "--json", "--plan", "2"])).unwrap();
    assert_eq!(sj["plans"], serde_json::json!([B]));
    assert!(ok(&["--db", db, "cycle"]).starts_with(covers));
    assert!(!ok(&["--db", db, "cycle", "--plan", "2"]).contains("涵盖"));
    // November, named: plan 2 came after October, and November's reports are owed (not due yet).
    let cj: serde_json::Value =
        serde_json::from_str(&ok(&["--db", db, "cycle", "--json", "--period", "2026-11"])).unwrap();
    assert_eq!(cj["plans"], serde_json::json!([A, B]));
    let owed_b = cj["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == "县商务局")
        .unwrap();
    let owed = owed_b["owed"].as_array().unwrap();
    assert!(
        !owed.is_empty() && owed.iter().all(|o| o["plan_id"] == 2),
        "{owed_b}"
    );
    let remind = ok(&["--db", db, "remind", "--period", "2026-11"]);
    assert!(remind.starts_with(covers), "{remind}");
    assert!(
        remind.contains("任务 B 1「") && remind.contains("任务 A 1「"),
        "{remind}"
    );
    // status --csv: a plans column with the titles covered.
    let csv = ok(&["--db", db, "status", "--csv"]);
    assert!(csv.starts_with("\u{feff}涵盖计划,单位,"), "{csv}");
    let row = format!("{A}; {B},");
    assert!(csv.lines().nth(1).unwrap().starts_with(&row), "{csv}");
    let csv_b = ok(&["--db", db, "status", "--csv", "--plan", "2"]);
    assert!(
        csv_b.lines().nth(1).unwrap().starts_with(&format!("{B},")),
        "{csv_b}"
    );
    assert!(ok(&["--db", db, "indicators"]).starts_with(covers));
    assert!(ok(&["--db", db, "indicators", "--plan", "2"]).contains("指标完成情况"));
    let ij = ok(&["--db", db, "indicators", "--json", "--plan", "1"]);
    assert!(ij.contains("\"plan_id\": 1"), "{ij}");
    let report = ok(&["--db", db, "report", "--plan", "2"]);
    assert!(report.contains(B) && !report.contains(A), "{report}");
    // The ranking's CSV names the plans in a first column when it covers several.
    let rcsv = ok(&["--db", db, "report", "--format", "csv"]);
    assert!(rcsv.starts_with("\u{feff}涵盖计划,"), "{rcsv}");
    assert!(rcsv.lines().nth(1).unwrap().contains(B), "{rcsv}");
    let rcsv_b = ok(&["--db", db, "report", "--format", "csv", "--plan", "2"]);
    assert!(!rcsv_b.contains("涵盖计划"), "{rcsv_b}");
    // The docx draft takes --plan too, and so does an issued circular: its record keeps the
    // plan, so that it can be recomputed, and `--issued` names it.
    let docx = dir.path().join("b.docx");
    ok(&[
        "--db",
        db,
        "report",
        "--plan",
        "2",
        "--format",
        "docx",
        "-o",
        p(&docx),
    ]);
    let zip = std::fs::read(&docx).unwrap();
    assert!(zip.starts_with(b"PK"), "a docx is a zip");
    let issued = dir.path().join("issued.docx");
    let o = duban(&[
        "--db",
        db,
        "report",
        "--plan",
        "2",
        "--format",
        "docx",
        "--issue",
        "-o",
        p(&issued),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(issued.exists());
    let list = ok(&["--db", db, "report", "--issued"]);
    let row = list.lines().nth(1).unwrap_or_else(|| panic!("{list}"));
    assert_eq!(row.split('\t').nth(3), Some(B), "{list}");
    // The plan is part of the chained record: moved to another plan by hand, `check` finds it.
    ok(&["--db", db, "check"]);
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(
        "DROP TRIGGER circular_issue_append_only; UPDATE circular_issue SET plan_id = 1;",
    )
    .unwrap();
    drop(c);
    let check = duban(&["--db", db, "check"]);
    assert_eq!(check.status.code(), Some(3), "{}", out(&check));
    // export: one plan's CSV is that plan's sheet alone (its title, no plan column).
    let csv = ok(&["--db", db, "export", "csv", "--plan", "2"]);
    assert!(csv.trim_start_matches('\u{feff}').starts_with(B), "{csv}");
    assert!(!csv.contains(A), "{csv}");
    let both = ok(&["--db", db, "export", "csv"]);
    assert!(both.contains(A) && both.contains(B));
}

#[test]
fn a_file_with_one_plan_prints_no_plan_header_label_or_column() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    for args in [
        vec!["tasks"],
        vec!["log", "--limit", "3"],
        vec!["cycle"],
        vec!["remind"],
        vec!["indicators"],
    ] {
        let mut full = vec!["--db", db];
        full.extend(args.iter().copied());
        let text = ok(&full);
        assert!(!text.contains("涵盖"), "{args:?}: {text}");
    }
    assert!(ok(&["--db", db, "tasks", "--csv"]).starts_with("\u{feff}内部号,编号,"));
    assert!(ok(&["--db", db, "status", "--csv"]).starts_with("\u{feff}单位,"));
    assert!(!ok(&["--db", db, "status", "--json"]).contains("\"plans\""));
    assert!(!ok(&["--db", db, "cycle", "--json"]).contains("\"plans\""));
    // --plan on the one plan is the same list.
    assert_eq!(
        ok(&["--db", db, "tasks"]),
        ok(&["--db", db, "tasks", "--plan", "1"])
    );
}

#[test]
fn plan_titles_with_escape_sequences_reach_the_terminal_escaped() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    // A title tampered with in sqlite3 (the app refuses control characters).
    conn.execute(
        "INSERT INTO plan (title, starts_on, ends_on, created_at)
         VALUES ('坏\u{1b}]0;pwned\u{7}计\n划', '2026-01-01', '2026-12-31', '2026-01-01T00:00:00Z')",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        vec!["tasks"],
        vec!["tasks", "--plan", "坏"],
        vec!["tasks", "--plan", "nope"],
    ] {
        let mut full = vec!["--db", p(&db)];
        full.extend(args.iter().copied());
        let o = duban(&full);
        assert!(
            !out(&o).contains('\u{1b}') && !err(&o).contains('\u{1b}'),
            "{args:?}"
        );
    }
    // The line naming the plans stays one line, and so does a refusal listing them.
    let o = duban(&["--db", p(&db), "tasks"]);
    assert!(
        out(&o)
            .lines()
            .next()
            .unwrap()
            .contains("坏\\e]0;pwned\\x07计 划》"),
        "{}",
        out(&o)
    );
    assert_refused(
        &duban(&["--db", p(&db), "tasks", "--plan", "nope"]),
        2,
        "计 划》",
    );
}

fn status_exit(db: &str, today: &str, extra: &[&str]) -> (i32, String, String) {
    let o = command()
        .env("DUBAN_TODAY", today)
        .args(["--db", db, "status"])
        .args(extra)
        .output()
        .unwrap();
    (o.status.code().unwrap(), out(&o), err(&o))
}

#[test]
fn fail_on_exits_4_for_what_it_finds_and_leaves_the_output_alone() {
    let dir = TempDir::new().unwrap();
    let db = two_plans(dir.path());
    let db = p(&db);
    let day = cli::TODAY;
    let (code, plain, _) = status_exit(db, day, &[]);
    assert_eq!(code, 0);
    // red: the demo has red lights; the output is the same table.
    let (code, text, e) = status_exit(db, day, &["--fail-on", "red"]);
    assert_eq!((code, text.as_str()), (4, plain.as_str()));
    assert!(e.contains("个红灯") && e.lines().count() == 1, "{e}");
    // A department with nothing red and nothing overdue: exit 0.
    let calm = ["--dept", "区发改局", "--fail-on", "red,overdue"];
    assert_eq!(status_exit(db, day, &calm).0, 0);
    // overdue: plan 2's tasks are all past their deadlines.
    let (code, _, e) = status_exit(db, day, &["--plan", "2", "--fail-on", "overdue"]);
    assert_eq!(code, 4, "{e}");
    assert!(e.contains("逾期"), "{e}");
    // missing: on the 23rd, before the 25th, November is not due yet, so the period judged is
    // October, as `cycle` shows by default: its missing reports count; on the 28th November's.
    let october = ok(&["--db", db, "cycle", "--json"]);
    assert!(october.contains("\"period\": \"2026-10\""), "{october}");
    let (code, _, e) = status_exit(db, day, &["--fail-on", "missing"]);
    assert_eq!(code, 4, "{e}");
    let (code, _, e) = status_exit(db, "2026-11-28", &["--fail-on", "missing"]);
    assert_eq!(code, 4, "{e}");
    assert!(e.contains("漏报"), "{e}");
    // Repeated and comma forms; JSON and CSV unchanged too.
    let (code, json, _) = status_exit(
        db,
        day,
        &["--json", "--fail-on", "missing", "--fail-on", "red"],
    );
    assert_eq!(code, 4);
    assert_eq!(json, status_exit(db, day, &["--json"]).1);
    let (code, csv, _) = status_exit(db, day, &["--csv", "--fail-on", "missing,overdue"]);
    assert_eq!(code, 4);
    assert_eq!(csv, status_exit(db, day, &["--csv"]).1);
    // An unknown value is refused (exit 2).
    assert_eq!(status_exit(db, day, &["--fail-on", "blue"]).0, 2);
}
