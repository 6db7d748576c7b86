//! The circular, the cycle check and reminders through the binary: golden Markdown on the demo
//! plan built on a fixed day, the xlsx read back with calamine, the as-of property (a past period's
//! circular does not change when later progress is entered), and the due day at the boundaries,
//! in two time zones.

#[path = "support/cli.rs"]
mod cli;

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, TimeZone, Utc};
use common::{at, day};
use duban::domain::{Percent, Role};
use duban::identity::os_login;
use duban::store::{Db, NewTask};

fn duban_tz(tz: &str, args: &[&str]) -> Output {
    cli::command()
        .args(args)
        .env("TZ", tz)
        .output()
        .expect("the binary runs")
}

fn duban(args: &[&str]) -> Output {
    duban_tz("UTC", args)
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn assert_user_error(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The demo plan built as if today were 15 August 2024: the plan runs 2023–2025.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut db = Db::create(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 8, 15).unwrap();
    let now = Utc.with_ymd_and_hms(2024, 8, 15, 2, 0, 0).unwrap();
    duban::sample::demo::build(&mut db, today, now, &os_login()).unwrap();
    (dir, path)
}

fn report(db: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", p(db), "report"];
    all.extend_from_slice(args);
    stdout(&duban(&all))
}

#[test]
fn golden_circular_markdown() {
    let (_dir, db) = demo();
    let md = report(&db, &["--period", "2024-Q2"]);
    insta::assert_snapshot!("circular_2024q2_zh", md);
    let en = stdout(&duban(&[
        "--db",
        p(&db),
        "--lang",
        "en",
        "report",
        "--period",
        "2024-Q2",
    ]));
    insta::assert_snapshot!("circular_2024q2_en", en);
}

#[test]
fn a_past_circular_does_not_change_when_progress_is_entered_later() {
    let (_dir, db) = demo();
    let q2 = report(&db, &["--period", "2024-Q2"]);
    let q3 = report(&db, &["--period", "2024-Q3"]);
    let csv = report(&db, &["--period", "2024-Q2", "--format", "csv"]);
    // Every led assignment moves to 100%, on 2 July 2024 and again now (through the binary).
    let mut handle = Db::open(&db).unwrap();
    let tasks = handle.tasks(Default::default()).unwrap();
    handle
        .load(at("2024-07-02T03:00:00"), |w| {
            for t in &tasks {
                for u in &t.units {
                    w.progress(
                        t.id,
                        u.department_id,
                        Percent::FULL,
                        "进展情况:完成",
                        "sunhui",
                        at("2024-07-02T03:00:00"),
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
    let first = &tasks[0];
    let dept = &first.units[0].name;
    let task = format!("#{}", first.id);
    stdout(&duban(&[
        "--db",
        p(&db),
        "update",
        "--task",
        &task,
        "--dept",
        dept,
        "--percent",
        "50",
    ]));
    assert_eq!(report(&db, &["--period", "2024-Q2"]), q2);
    assert_eq!(
        report(&db, &["--period", "2024-Q2", "--format", "csv"]),
        csv
    );
    assert_ne!(report(&db, &["--period", "2024-Q3"]), q3);
}

fn cells(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_xlsx_has_the_ranking_the_red_tasks_and_every_task() {
    let (dir, db) = demo();
    let md = report(&db, &["--period", "2024-Q2"]);
    let out = dir.path().join("q2.xlsx");
    report(
        &db,
        &["--period", "2024-Q2", "--format", "xlsx", "-o", p(&out)],
    );
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["排名", "红灯任务", "未按时报送", "任务清单", "重点项目投资"]
    );

    let rank = cells(&mut book, "排名");
    assert_eq!(text(&rank[0][0]), "2024年第二季度工作推进情况通报");
    assert!(
        text(&rank[1][0]).contains("统计截至:2024-06-30"),
        "{:?}",
        rank[1][0]
    );
    assert_eq!(text(&rank[2][0]), "排名");
    assert_eq!(text(&rank[2][11]), "得分");
    // The first ranked row says what the Markdown's first row says, as numbers.
    let md_first: Vec<String> = md
        .lines()
        .find(|l| l.starts_with("| 1 |"))
        .unwrap()
        .split('|')
        .map(|c| c.trim().to_string())
        .collect();
    assert_eq!(text(&rank[3][0]), "1");
    assert_eq!(text(&rank[3][2]), md_first[3]);
    let Data::Float(completion) = rank[3][4] else {
        panic!("completion is a number: {:?}", rank[3][4])
    };
    assert_eq!(format!("{:.1}%", completion * 100.0), md_first[5]);
    let Data::Float(score) = rank[3][11] else {
        panic!("score is a number: {:?}", rank[3][11])
    };
    assert_eq!(format!("{score:.2}"), md_first[12]);
    // Heading and separator rows of the ranking table have as many cells.
    let ranked = md
        .lines()
        .filter(|l| l.starts_with("| ") && l.split('|').count() == 14)
        .count()
        - 2;
    assert!(
        rank[3..3 + ranked]
            .iter()
            .all(|r| matches!(r[0], Data::Float(_)))
    );

    let red = cells(&mut book, "红灯任务");
    let red_in_md = md
        .lines()
        .skip_while(|l| !l.starts_with("## 二"))
        .take_while(|l| !l.starts_with("## 三"))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 编号") && !l.starts_with("| ---"))
        .count();
    assert_eq!(red.len() - 3, red_in_md);
    assert_eq!(text(&red[2][6]), "原因");

    let all = cells(&mut book, "任务清单");
    assert_eq!(
        all.len() - 3,
        34,
        "every task of the demo (28 and 6 key projects)"
    );
    assert_eq!(text(&all[3][0]), "1");
    // Both lists are written from one reading of the tasks: the red sheet is the task list's
    // red rows, in the same order, with the same figures.
    let red_of_all: Vec<[String; 4]> = all[3..]
        .iter()
        .filter(|r| text(&r[6]) == "滞后")
        .map(|r| [0, 1, 5, 7].map(|i| text(&r[i])))
        .collect();
    let red_rows: Vec<[String; 4]> = red[3..]
        .iter()
        .map(|r| [0, 1, 5, 6].map(|i| text(&r[i])))
        .collect();
    assert!(!red_rows.is_empty());
    assert_eq!(red_rows, red_of_all);
}

/// The small fixture plus a task whose only report is at 20:00 UTC on the due day: the 25th in
/// UTC, already the 26th in Shanghai.
fn boundary() -> common::Fixture {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let cj = db
        .departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "城建公司")
        .unwrap()
        .id;
    db.load(at("2024-01-01T00:00:00"), |w| {
        let t = w.task(&NewTask {
            plan_id: 1,
            section_id: None,
            number: "6",
            title: "夜里报送的任务",
            body: "",
            starts_on: None,
            deadline: Some(day("2024-12-31")),
            deadline_text: None,
            weight: 1.0,
            position: 6,
            created_at: at("2024-01-01T00:00:00"),
        })?;
        w.assign(t, cj, Role::Lead, 0)?;
        w.progress(
            t,
            cj,
            Percent::new(50).unwrap(),
            "",
            "dave",
            at("2024-06-25T20:00:00"),
        )?;
        Ok(())
    })
    .unwrap();
    f
}

fn status_of(json: &str, dept: &str, number: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let d = v["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == dept)
        .unwrap();
    d["owed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["task_number"] == number)
        .map(|o| o["status"].as_str().unwrap().to_string())
}

#[test]
fn the_due_day_itself_is_on_time_in_the_clerks_time_zone() {
    let f = boundary();
    let args = ["--db", p(&f.path), "cycle", "--period", "2024-06", "--json"];
    // UTC: reported on the 25th, the due day: on time, so not owed.
    let utc = stdout(&duban_tz("UTC", &args));
    assert_eq!(status_of(&utc, "城建公司", "6"), None);
    // Two hours west the same instant is still the 25th.
    assert_eq!(
        status_of(
            &stdout(&duban_tz("America/Los_Angeles", &args)),
            "城建公司",
            "6"
        ),
        None
    );
    // Shanghai: 04:00 on the 26th, late (迟报).
    let cst = stdout(&duban_tz("Asia/Shanghai", &args));
    assert_eq!(status_of(&cst, "城建公司", "6").as_deref(), Some("late"));
    // 经信局 reported at 02:00 UTC on the 25th (10:00 in Shanghai): on time in both.
    assert_eq!(status_of(&utc, "区经济和信息化局", "1"), None);
    assert_eq!(status_of(&cst, "区经济和信息化局", "1"), None);
    // July: no report before 1 August, so missing (漏报); the task done in May owes nothing.
    let july = stdout(&duban(&[
        "--db",
        p(&f.path),
        "cycle",
        "--period",
        "2024-07",
        "--json",
    ]));
    assert_eq!(
        status_of(&july, "区经济和信息化局", "1").as_deref(),
        Some("missing")
    );
    assert_eq!(status_of(&july, "城建公司", "5"), None);
    let table = stdout(&duban(&[
        "--db",
        p(&f.path),
        "cycle",
        "--period",
        "2024-07",
    ]));
    assert!(
        table.contains("报送情况 2024年7月(每月25日前报送) 截至 2024-07-31"),
        "{table}"
    );
    assert!(
        table.contains("漏报  牵头  任务 1「推进企业数字化改造」"),
        "{table}"
    );
}

#[test]
fn reminders_name_the_tasks_and_what_is_missing() {
    let f = boundary();
    let text = stdout(&duban(&[
        "--db",
        p(&f.path),
        "remind",
        "--dept",
        "经信局",
        "--period",
        "2024-07",
    ]));
    assert!(text.starts_with("区经济和信息化局:\n"), "{text}");
    assert!(
        text.contains("1. 任务 1「推进企业数字化改造」(牵头,完成时限6月底前):2024年7月漏报"),
        "{text}"
    );
    assert!(text.contains("二、进度滞后的任务"), "{text}");
    assert!(text.contains("当前进度60%,逾期31天"), "{text}");
    assert!(text.contains("感谢支持"), "{text}");
    // Only that department.
    assert!(!text.contains("星海街道"), "{text}");
}

#[test]
fn bad_periods_are_user_errors() {
    let f = common::fixture();
    for bad in ["2024-13", "Q2", "二季度"] {
        let o = duban(&["--db", p(&f.path), "report", "--period", bad]);
        assert_user_error(&o, "2024-Q2");
    }
    let o = duban(&["--db", p(&f.path), "report", "--period", "2199-Q1"]);
    assert_user_error(&o, "尚未开始");
    let o = duban(&["--db", p(&f.path), "cycle", "--period", "x"]);
    assert_user_error(&o, "2024-06");
}

#[test]
fn settings_change_the_circular_and_only_admins_change_them() {
    let (_dir, db) = demo();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", p(&db)];
        all.extend_from_slice(args);
        duban(&all)
    };
    // Set during the quarter: its circular is scored and lit by them (a change made after a
    // period leaves that period's circular as it was: tests/asof_property.rs).
    let during = |args: &[&str]| {
        let o = cli::command()
            .env("DUBAN_TODAY", "2024-06-01")
            .args(["--db", p(&db)])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    during(&[
        "setting",
        "set",
        "score.weight.timeliness=40",
        "score.weight.on_schedule=10",
        "cycle.due_day=20",
    ]);
    during(&["setting", "preset", "light", "strict"]);
    let md = report(&db, &["--period", "2024-Q2"]);
    assert!(
        md.contains("| 按时报送率 | 应报送次数中按时报送的比例 | 40 |"),
        "{md}"
    );
    assert!(md.contains("每月,20日(含)前报送"), "{md}");
    assert!(md.contains("为临期提示(蓝)"), "{md}");
    let list = stdout(&run(&["setting", "list"]));
    assert!(list.contains("红黄灯预设:strict"), "{list}");
    assert!(
        list.contains("score.weight.completion      50  (默认)"),
        "{list}"
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let audited: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'setting'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 2);
    assert_user_error(&run(&["setting", "set", "cycle.due_day=40"]), "1..31");
    assert_user_error(&run(&["setting", "set", "colour=red"]), "colour");
    assert_user_error(&run(&["setting", "preset", "light", "lax"]), "strict");
    // Weights that would not total 100 are refused, in one line naming the total and each.
    let o = run(&["setting", "set", "score.weight.completion=60"]);
    assert_user_error(
        &o,
        "评分权重合计须为 100,这样改后为 110(完成率 60 + 序时进度 10 + 按时报送 40)",
    );
    assert!(stdout(&run(&["setting", "list"])).contains("score.weight.completion      50  (默认)"));
    // A viewer may list but not change.
    let mut handle = Db::open(&db).unwrap();
    handle
        .set_clerk_role(
            &os_login(),
            duban::domain::ClerkRole::Viewer,
            None,
            "sunhui",
            cli::pinned_now(),
        )
        .unwrap();
    let o = run(&["setting", "set", "cycle.due_day=21"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&run(&["setting", "list"])).contains("cycle.due_day                20"));
}

/// The department list's ○N marks come from a lean count that holds no task texts; it must say
/// what the full cycle check says, for monthly and quarterly cycles, on the due day, after it,
/// at a period's first day and at the plan's end.
#[test]
fn the_lean_unreported_count_agrees_with_the_cycle_check() {
    use duban::report::cycle;
    let (_dir, path) = demo();
    let mut db = Db::open(&path).unwrap();
    let mut compared = 0;
    for kind in ["monthly", "quarterly"] {
        db.set_settings(
            &[("cycle.kind".into(), kind.into())],
            &os_login(),
            cli::pinned_now(),
        )
        .unwrap();
        for today in [
            "2024-06-25",
            "2024-06-26",
            "2024-07-01",
            "2024-08-15",
            "2024-09-30",
            "2025-12-31",
        ] {
            let today = day(today);
            let period = db.cycle_settings().unwrap().kind.period_of(today);
            let full = cycle::build(&db, period, today, None).unwrap().unwrap();
            let expected: std::collections::HashMap<i64, u32> = full
                .departments
                .iter()
                .map(|d| (d.department_id, d.tally.pending + d.tally.missing))
                .filter(|(_, n)| *n > 0)
                .collect();
            let lean = cycle::unreported_counts(&db, period, today, None).unwrap();
            assert_eq!(lean, expected, "{kind} {today} {period}");
            compared += expected.len();
        }
    }
    assert!(
        compared > 10,
        "the demo owes reports on these days: {compared}"
    );
}

/// The workbooks say they were made at the instant of duban's one clock (docProps/core.xml), not
/// at the wall clock's, which rust_xlsxwriter would read: with the day pinned, the same file
/// every time.
#[test]
fn a_workbook_is_stamped_by_the_one_clock() {
    use std::io::Read;
    let (dir, db) = demo();
    let made = cli::pinned_now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for (name, args) in [
        (
            "circular.xlsx",
            vec!["report", "--period", "2024-Q2", "--format", "xlsx"],
        ),
        ("export.xlsx", vec!["export", "xlsx"]),
    ] {
        let out = dir.path().join(name);
        let mut all = vec!["--db", p(&db)];
        all.extend(args);
        all.extend(["-o", p(&out)]);
        stdout(&duban(&all));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut core = String::new();
        zip.by_name("docProps/core.xml")
            .unwrap()
            .read_to_string(&mut core)
            .unwrap();
        assert!(
            core.contains(&format!(">{made}</dcterms:created>")),
            "{name}: {core}"
        );
    }
}
