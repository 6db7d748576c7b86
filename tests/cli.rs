//! The binary as a user runs it: golden status output with Chinese names, the JSON contracts,
//! and clear one-line errors with exit code 2.

#[path = "support/cli.rs"]
mod cli;

mod common;

use std::path::Path;
use std::process::Output;

use unicode_width::UnicodeWidthStr;

fn duban(args: &[&str]) -> Output {
    // Deterministic: the day pinned, journal bounds in UTC, no colour, no user database.
    cli::command().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A user error: exit 2, one line on stderr containing `needle`, no panic or backtrace.
fn assert_user_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(
        !err.contains("panicked") && !err.contains("Backtrace"),
        "{err}"
    );
}

const GOLDEN_ZH: &str = "\
督办进度概况  截至 2024-07-01
测试行动计划(2024年)
任务 5 项,其中 1 项未分配责任单位

单位              牵头  配合  完成  平均  红灯  黄灯    最近期限
区发改局             1     1     0   40%     1     0  2024-12-31
星海街道             1     1     0   45%     1     0  2024-12-31
区经济和信息化局     1     0     0   60%     1     0           —
城建公司             1     0     1  100%     0     0           —
────────────────────────────────────────────────────────────────
合计(4个单位)        4     2     1   61%     3     0  2024-12-31
";

#[test]
fn status_golden_table_in_chinese() {
    let f = common::fixture();
    let o = duban(&["status", "--db", p(&f.path), "--as-of", "2024-07-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), GOLDEN_ZH);
}

#[test]
fn status_table_columns_line_up_by_display_width() {
    let f = common::fixture();
    let out = stdout(&duban(&[
        "status",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
    ]));
    let table: Vec<&str> = out.lines().skip(4).collect();
    let widths: Vec<usize> = table.iter().map(|l| UnicodeWidthStr::width(*l)).collect();
    assert!(
        widths.iter().all(|w| *w == widths[0] && *w <= 80),
        "{widths:?}\n{out}"
    );
    // The right edge of each numeric column is at the same display column on every row.
    let edges = |line: &str| -> Vec<usize> {
        let mut col = 0;
        let mut ends = Vec::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            col += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            if *c != ' ' && chars.get(i + 1).is_none_or(|n| *n == ' ') {
                ends.push(col);
            }
        }
        ends
    };
    let header = edges(table[0]);
    for row in [table[1], table[3], table[6]] {
        let e = edges(row);
        assert_eq!(e[e.len() - 7..], header[header.len() - 7..], "{row}");
    }
}

#[test]
fn status_in_english_and_long_names_are_cut_to_fit() {
    let f = common::fixture();
    let o = duban(&[
        "--lang",
        "en",
        "status",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
    ]);
    let out = stdout(&o);
    assert!(out.starts_with("duban status  as of 2024-07-01\n"), "{out}");
    assert!(out.contains("Department"), "{out}");
    assert!(out.contains("Total (4)"), "{out}");
}

#[test]
fn status_json_is_the_documented_shape() {
    let f = common::fixture();
    let o = duban(&[
        "status",
        "--json",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["as_of"], "2024-07-01");
    let depts = v["departments"].as_array().unwrap();
    let keys: Vec<&str> = depts[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "department",
        "led",
        "co",
        "done",
        "avg_percent",
        "red",
        "yellow",
        "next_deadline",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    let order: Vec<&str> = depts
        .iter()
        .map(|d| d["department"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["区发改局", "星海街道", "区经济和信息化局", "城建公司"]
    );
    assert_eq!(depts[2]["next_deadline"], serde_json::Value::Null);
    assert_eq!(v["total"]["red"], 3);
    assert_eq!(v["total"]["avg_percent"], 61.3);
    assert_eq!(v["total"]["tasks"], 5);
    assert_eq!(v["total"]["unassigned_tasks"], 1);
}

#[test]
fn as_of_later_shows_the_later_report() {
    let f = common::fixture();
    let o = duban(&[
        "status",
        "--json",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-08-15",
        "--dept",
        "经信局",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["departments"][0];
    assert_eq!(d["department"], "区经济和信息化局");
    assert_eq!(
        (d["done"].as_u64(), d["avg_percent"].as_f64()),
        (Some(1), Some(100.0))
    );
    assert_eq!(v["departments"].as_array().unwrap().len(), 1);
}

#[test]
fn dept_accepts_name_alias_and_prefix_and_suggests_close_names() {
    let f = common::fixture();
    for query in ["区发改局", "区发", "经信局", "星海"] {
        let o = duban(&["status", "--json", "--db", p(&f.path), "--dept", query]);
        assert_eq!(o.status.code(), Some(0), "{query}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["departments"].as_array().unwrap().len(), 1, "{query}");
    }
    assert_user_error(
        &duban(&["status", "--db", p(&f.path), "--dept", "发改委"]),
        "区发改局",
    );
    assert_user_error(
        &duban(&["status", "--db", p(&f.path), "--dept", "区"]),
        "区经济和信息化局",
    );
}

#[test]
fn tasks_json_and_table() {
    let f = common::fixture();
    let o = duban(&[
        "tasks",
        "--json",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for key in [
        "id",
        "number",
        "title",
        "section",
        "lead",
        "co",
        "deadline",
        "deadline_text",
        "percent",
        "light",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(list[0]["lead"][0], "区经济和信息化局");
    assert_eq!(list[0]["co"][0], "区发改局");
    assert_eq!(list[0]["light"], "red");
    assert_eq!(list[2]["deadline_text"], "长期");
    assert_eq!(list[3]["light"], "unassigned");
    assert_eq!(list[4]["light"], "done");

    let o = duban(&[
        "tasks",
        "--overdue",
        "--json",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let numbers: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1"]);

    let o = duban(&[
        "tasks",
        "--db",
        p(&f.path),
        "--as-of",
        "2024-07-01",
        "--dept",
        "星海",
    ]);
    let out = stdout(&o);
    // The caption (星海街道's own part, issue 24), the header, two tasks.
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.starts_with("进度、状态为星海街道本单位"), "{out}");
    assert!(
        out.contains("✖逾期1天") || out.contains("盘活低效工业用地"),
        "{out}"
    );
    assert!(
        out.lines().all(|l| UnicodeWidthStr::width(l) <= 80),
        "{out}"
    );
}

#[test]
fn user_errors_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    assert_user_error(&duban(&["status", "--db", p(&missing)]), "duban init");
    assert!(!missing.exists());

    // The default path, when nothing is set up.
    assert_user_error(
        &duban(&["status"]),
        "/nonexistent-duban-test/duban/duban.db",
    );

    let text = dir.path().join("plan.txt");
    std::fs::write(&text, "这不是数据库".repeat(40)).unwrap();
    assert_user_error(&duban(&["status", "--db", p(&text)]), "不是督办数据库");
    assert_user_error(&duban(&["tasks", "--db", p(dir.path())]), "目录");

    let f = common::fixture();
    assert_user_error(
        &duban(&["status", "--db", p(&f.path), "--as-of", "2024-13-01"]),
        "2024-06-30",
    );

    let o = duban(&["status", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn db_flag_works_before_and_after_the_command_and_env_var_too() {
    let f = common::fixture();
    let after = duban(&["status", "--json", "--db", p(&f.path)]);
    let before = duban(&["--db", p(&f.path), "status", "--json"]);
    assert_eq!(after.status.code(), Some(0));
    assert_eq!(after.stdout, before.stdout);
    let via_env = cli::command()
        .args(["status", "--json"])
        .env("DUBAN_DB", &f.path)
        .output()
        .unwrap();
    assert_eq!(via_env.stdout, after.stdout);
}

#[test]
fn demo_creates_refuses_to_overwrite_and_replaces_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let o = duban(&["demo", p(&path), "--no-open"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("管理员"));

    let o = duban(&["status", "--json", "--db", p(&path)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["departments"].as_array().unwrap().len() >= 15);
    assert!(v["total"]["tasks"].as_u64().unwrap() >= 24);
    assert!(v["total"]["unassigned_tasks"].as_u64().unwrap() >= 1);
    assert!(
        v["total"]["red"].as_u64().unwrap() >= 1,
        "the demo shows every light"
    );
    assert!(v["total"]["done"].as_u64().unwrap() >= 1);

    let before = std::fs::read(&path).unwrap();
    assert_user_error(&duban(&["demo", p(&path), "--no-open"]), "--force");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Without --no-open, running the demo again opens the existing file (here, with no
    // terminal, as the status table) and says how to start afresh.
    let o = duban(&["demo", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert!(stdout(&o).contains("区经信局"), "{}", stdout(&o));
    let o = duban(&["demo", p(&path), "--no-open", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // `--db` names the file when no FILE is given; $DUBAN_DB never does (a demo must not land
    // on the office's file).
    let via_flag = dir.path().join("flag.db");
    let o = duban(&["--db", p(&via_flag), "demo", "--no-open"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(via_flag.exists());
}

#[test]
fn gen_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for path in [&a, &b] {
        let o = duban(&[
            "gen",
            "--tasks",
            "400",
            "--departments",
            "30",
            "--seed",
            "7",
            "--year",
            "2024",
            p(path),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let status = |path: &Path| {
        stdout(&duban(&[
            "status",
            "--json",
            "--db",
            p(path),
            "--as-of",
            "2024-07-01",
        ]))
    };
    assert_eq!(status(&a), status(&b));
    let v: serde_json::Value = serde_json::from_str(&status(&a)).unwrap();
    assert_eq!(v["total"]["tasks"], 400);
    assert_eq!(v["departments"].as_array().unwrap().len(), 30);
}

#[test]
fn init_creates_an_empty_database_with_its_creator_as_admin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/office.db");
    let o = duban(&["init", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let db = duban::store::Db::open(&path).unwrap();
    let clerks = db.clerks().unwrap();
    assert_eq!(clerks.len(), 1);
    assert_eq!(clerks[0].role, duban::domain::ClerkRole::Admin);
    assert_eq!(clerks[0].username, duban::identity::os_login());
    let o = duban(&["status", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_user_error(&duban(&["init", p(&path)]), "已存在");
}

/// `DUBAN_TODAY` is the one way to tell the binary what day it is: it moves the lights and the
/// demo, it reproduces a demo exactly, and anything but a date is refused in one line.
#[test]
fn the_day_is_pinned_by_duban_today_and_a_bad_one_is_refused() {
    let f = common::fixture();
    let status_on = |day: &str| {
        let o = cli::command()
            .args(["--db", p(&f.path), "status", "--json"])
            .env("DUBAN_TODAY", day)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let march = status_on("2024-03-01");
    let next_year = status_on("2025-01-01T08:30");
    assert_eq!(march["as_of"], "2024-03-01");
    assert_eq!(next_year["as_of"], "2025-01-01");
    assert!(
        next_year["total"]["red"].as_u64() > march["total"]["red"].as_u64(),
        "after the plan's end the unfinished tasks are overdue: {march} {next_year}"
    );

    for bad in ["tomorrow", "2027-02-29", "2026-12-03 25:00", "\u{1b}[31m"] {
        let o = cli::command()
            .args(["--db", p(&f.path), "status"])
            .env("DUBAN_TODAY", bad)
            .output()
            .unwrap();
        assert_user_error(&o, "DUBAN_TODAY");
        assert!(
            !stderr(&o).contains('\u{1b}'),
            "shown escaped: {}",
            stderr(&o)
        );
        let o = cli::command()
            .args(["--lang", "en", "--db", p(&f.path), "tasks"])
            .env("DUBAN_TODAY", bad)
            .output()
            .unwrap();
        assert_user_error(&o, "cannot read DUBAN_TODAY");
    }

    // The same day gives the same demo, byte for byte in what it shows; on 29 February too.
    let dir = tempfile::tempdir().unwrap();
    let shown = |name: &str, day: &str| {
        let path = dir.path().join(name);
        let o = cli::command()
            .args(["demo", p(&path), "--no-open"])
            .env("DUBAN_TODAY", day)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = cli::command()
            .args(["--db", p(&path), "tasks", "--json"])
            .env("DUBAN_TODAY", day)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let a = shown("a.db", "2028-02-29");
    assert_eq!(a, shown("b.db", "2028-02-29"));
    assert!(a.contains("2029-12-31") && !a.contains("2026-"), "{a}");
    assert_ne!(a, shown("c.db", "2028-03-01"));
}
