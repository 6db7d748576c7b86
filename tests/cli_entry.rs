//! Scriptable entry as a user runs it: `duban update` saves one report or refuses with exit 2 and
//! the reason (leaving the journal as it was), and `duban log` prints the journal as a table or
//! JSON, filtered.
//!
//! The binary writes as the OS login of whoever runs the tests, so each test makes that login the
//! clerk it needs through the store (as the fixture's admin) before running it.

#[path = "support/cli.rs"]
mod cli;

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use common::{at, day};
use duban::domain::{ClerkRole, Percent, Role};
use duban::identity::os_login;
use duban::store::{Clerk, Db, NewPlan, NewTask};
use unicode_width::UnicodeWidthStr;

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    // Deterministic: the day pinned, local time UTC, no colour, no user database, Chinese.
    let mut child = cli::command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    {
        // Dropping stdin closes it: a command that reads it sees the end.
        let mut input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            input.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn duban(args: &[&str]) -> Output {
    run(args, None)
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

/// A user error: exit 2, one line on stderr containing every needle, no panic.
fn assert_user_error(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    for needle in needles {
        assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    }
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The whole journal, oldest first: (id, task, department, percent, note, by, undoes).
type Row = (i64, i64, i64, i64, String, String, Option<i64>);

fn journal(path: &Path) -> Vec<Row> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT id, task_id, department_id, percent, note, reported_by, undoes
             FROM progress ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The common fixture plus a second plan whose numbers collide with the first's (`1`) or are
/// written with full-width brackets (`（三）2`), as imported plans are.
struct Entry {
    f: common::Fixture,
}

impl Entry {
    fn new() -> Entry {
        let f = common::fixture();
        let mut db = Db::open(&f.path).unwrap();
        let fgj = dept_id(&db, "区发改局");
        let xh = dept_id(&db, "星海街道");
        db.load(at("2024-01-02T00:00:00"), |w| {
            let plan = w.plan(&NewPlan {
                title: "第二个计划",
                doc_no: None,
                issuer: None,
                issued_on: None,
                starts_on: day("2024-01-01"),
                ends_on: day("2024-12-31"),
                common_units_note: None,
            })?;
            for (position, number, title, unit) in [
                (1, "1", "同号的另一项任务", fgj),
                (2, "（三）2", "全角括号编号的任务", xh),
                (3, "(二)7", "按部分重新编号的任务", xh),
            ] {
                let task = w.task(&NewTask {
                    plan_id: plan,
                    section_id: None,
                    number,
                    title,
                    body: "",
                    starts_on: None,
                    deadline: None,
                    deadline_text: None,
                    weight: 1.0,
                    position,
                    created_at: at("2024-01-02T00:00:00"),
                })?;
                w.assign(task, unit, Role::Lead, 0)?;
            }
            Ok(())
        })
        .unwrap();
        Entry { f }
    }

    fn path(&self) -> &str {
        p(&self.f.path)
    }

    fn db(&self) -> Db {
        Db::open(&self.f.path).unwrap()
    }

    /// Makes the login running the tests a clerk with `role` (of `dept`, by name).
    fn me(&self, role: ClerkRole, dept: Option<&str>) {
        let mut db = self.db();
        let department_id = dept.map(|name| dept_id(&db, name));
        // The fixture's admin bob sets it: the store checks every clerk change.
        let now = cli::pinned_now();
        if db.clerk(&os_login()).unwrap().is_some() {
            db.set_clerk_role(&os_login(), role, department_id, "bob", now)
                .unwrap();
        } else {
            let clerk = Clerk {
                username: os_login(),
                display_name: None,
                department_id,
                role,
            };
            db.add_clerk(&clerk, "bob", now).unwrap();
        }
    }

    fn task_id(&self, plan: &str, number: &str) -> i64 {
        let c = rusqlite::Connection::open(&self.f.path).unwrap();
        c.query_row(
            "SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id
             WHERE p.title = ?1 AND t.number = ?2",
            [plan, number],
            |r| r.get(0),
        )
        .unwrap()
    }

    fn percent(&self, task_id: i64, dept: &str) -> u8 {
        let db = self.db();
        let d = dept_id(&db, dept);
        db.assignment(task_id, d).unwrap().unwrap().percent.value()
    }

    fn update(&self, args: &[&str]) -> Output {
        let mut all = vec!["update", "--db", self.path()];
        all.extend_from_slice(args);
        duban(&all)
    }

    fn log(&self, args: &[&str]) -> Output {
        let mut all = vec!["log", "--db", self.path()];
        all.extend_from_slice(args);
        duban(&all)
    }
}

const PLAN1: &str = "测试行动计划(2024年)";

fn dept_id(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

// ---------------------------------------------------------------- duban update

#[test]
fn update_saves_one_report_and_says_so_in_one_line() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let before = journal(&e.f.path);
    let t2 = e.task_id(PLAN1, "2");
    let o = e.update(&[
        "--task",
        "2",
        "--dept",
        "区发改",
        "--percent",
        "55",
        "--note",
        "  园区主体完工  ",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "已更新 任务 2「建设产业园区」 区发改局 40% → 55%\n"
    );
    let after = journal(&e.f.path);
    assert_eq!(after.len(), before.len() + 1);
    let fgj = dept_id(&e.db(), "区发改局");
    let last = after.last().unwrap();
    assert_eq!(
        (last.1, last.2, last.3, last.4.as_str(), last.5.as_str()),
        (t2, fgj, 55, "园区主体完工", os_login().as_str())
    );
    assert_eq!(last.6, None);
    assert_eq!(e.percent(t2, "区发改局"), 55);

    // A step adds to the value just saved; `60%` and full-width digits are plain values.
    let o = e.update(&["--task", "2", "--dept", "区发改局", "--percent", "+10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("55% → 65%"), "{}", stdout(&o));
    let o = e.update(&["--task", "2", "--dept", "区发改局", "--percent", "７０％"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(e.percent(t2, "区发改局"), 70);
    // No --note stores an empty one.
    assert_eq!(journal(&e.f.path).last().unwrap().4, "");
}

#[test]
fn update_in_english() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let o = duban(&[
        "--lang",
        "en",
        "update",
        "--db",
        e.path(),
        "--task",
        "3",
        "--dept",
        "星海街道",
        "--percent",
        "50",
    ]);
    assert_eq!(
        stdout(&o),
        "updated task 3 \"盘活低效工业用地\" 星海街道: 45% → 50%\n"
    );
    let o = duban(&[
        "--lang",
        "en",
        "update",
        "--db",
        e.path(),
        "--task",
        "3",
        "--dept",
        "星海街道",
        "--percent",
        "150",
    ]);
    assert_user_error(
        &o,
        &[
            "the percent 150 is out of range",
            "a whole number from 0 to 100",
        ],
    );
}

#[test]
fn bad_percents_are_refused_with_what_is_allowed_and_nothing_saved() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let before = journal(&e.f.path);
    let allowed = "应为 0 到 100 的整数(如 60 或 60%),或用 +N 在当前 40% 上增加";
    for (percent, why) in [
        ("150", "进度 150 超出范围"),
        ("-3", "进度 \"-3\" 是负数"),
        ("-0", "进度 \"-0\" 是负数"),
        ("60.5", "进度 \"60.5\" 带小数"),
        ("abc", "进度 \"abc\" 不是数字"),
        ("6 0", "进度 \"6 0\" 不是数字"),
        ("", "进度为空"),
        ("+70", "+70 会使进度变为 110%,超过 100%"),
    ] {
        let o = e.update(&["--task", "2", "--dept", "区发改局", "--percent", percent]);
        assert_user_error(&o, &[why, allowed]);
        assert!(stdout(&o).is_empty(), "{percent}: {}", stdout(&o));
    }
    assert_eq!(journal(&e.f.path), before);
    assert_eq!(e.percent(e.task_id(PLAN1, "2"), "区发改局"), 40);
}

#[test]
fn unknown_tasks_and_departments_are_refused_by_name() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let before = journal(&e.f.path);
    let update =
        |task: &str, dept: &str| e.update(&["--task", task, "--dept", dept, "--percent", "50"]);
    assert_user_error(
        &update("99", "区发改局"),
        &["没有编号为 \"99\" 的任务", "duban tasks"],
    );
    // A number that only ends a restarted numbering is offered, not taken.
    let t7 = e.task_id("第二个计划", "(二)7");
    assert_user_error(
        &update("7", "星海街道"),
        &[
            "没有编号为 \"7\" 的任务。是否要找",
            &format!("#{t7} (二)7「按部分重新编号的任务」《第二个计划》"),
        ],
    );
    assert_user_error(&update("#999", "区发改局"), &["没有 id 为 #999 的任务"]);
    assert_user_error(&update("#abc", "区发改局"), &["\"#abc\" 不是任务 id"]);
    assert_user_error(&update(" ", "区发改局"), &["--task 为空"]);
    assert_user_error(&update("2", "教育局"), &["没有名为 \"教育局\" 的单位"]);
    assert_user_error(
        &update("2", "区"),
        &["\"区\" 对应多个单位", "区经济和信息化局", "区发改局"],
    );
    assert_eq!(journal(&e.f.path), before);
}

#[test]
fn a_number_shared_by_several_tasks_lists_them_and_saves_nothing() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let before = journal(&e.f.path);
    let (a, b) = (e.task_id(PLAN1, "1"), e.task_id("第二个计划", "1"));
    let o = e.update(&["--task", "1", "--dept", "区发改局", "--percent", "50"]);
    assert_user_error(
        &o,
        &[
            "编号 \"1\" 对应 2 项任务",
            &format!("#{a} 1「推进企业数字化改造」《测试行动计划(2024年)》"),
            &format!("#{b} 1「同号的另一项任务」《第二个计划》"),
            &format!("--task #{a}"),
        ],
    );
    assert_eq!(journal(&e.f.path), before);

    // The id picks one; the other keeps its value.
    let id = format!("#{b}");
    let o = e.update(&["--task", &id, "--dept", "区发改局", "--percent", "50"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(e.percent(b, "区发改局"), 50);
    assert_eq!(e.percent(a, "区发改局"), 30);
}

#[test]
fn numbers_match_in_either_bracket_width() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let t = e.task_id("第二个计划", "（三）2");
    for (typed, percent) in [("(三)2", "10"), ("（三）2", "20"), ("(三) 2", "30")] {
        let o = e.update(&["--task", typed, "--dept", "星海街道", "--percent", percent]);
        assert_eq!(o.status.code(), Some(0), "{typed}: {}", stderr(&o));
        assert_eq!(e.percent(t, "星海街道").to_string(), percent);
    }
}

#[test]
fn the_department_must_be_one_of_the_tasks_units() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let before = journal(&e.f.path);
    let o = e.update(&["--task", "3", "--dept", "经信局", "--percent", "50"]);
    assert_user_error(
        &o,
        &["区经济和信息化局 不是任务 3「盘活低效工业用地」的责任单位;该任务的责任单位:星海街道"],
    );
    let o = e.update(&["--task", "4", "--dept", "经信局", "--percent", "50"]);
    assert_user_error(&o, &["任务 4「没有责任单位的任务」还没有责任单位"]);
    assert_eq!(journal(&e.f.path), before);
}

#[test]
fn permissions_are_checked_for_the_os_login() {
    let e = Entry::new();
    let me = os_login();
    let before = journal(&e.f.path);
    let update =
        |task: &str, dept: &str| e.update(&["--task", task, "--dept", dept, "--percent", "90"]);

    // Not a clerk of this file (the fixture's clerks are alice and bob).
    if e.db().clerk(&me).unwrap().is_none() {
        assert_user_error(
            &update("2", "区发改局"),
            &[&format!("{me} 不是本数据库的填报人员")],
        );
    }
    e.me(ClerkRole::Viewer, Some("区发改局"));
    assert_user_error(
        &update("2", "区发改局"),
        &[&format!("{me} 是查看人员,只能查看")],
    );
    e.me(ClerkRole::Editor, Some("区经济和信息化局"));
    assert_user_error(
        &update("2", "区发改局"),
        &[&format!("{me} 只能填报本单位的任务")],
    );
    assert_eq!(journal(&e.f.path), before);

    // The same editor on their own department's assignment.
    let o = update("#1", "经信局");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(journal(&e.f.path).len(), before.len() + 1);
    assert_eq!(e.percent(1, "区经济和信息化局"), 90);
}

#[test]
fn the_note_can_come_from_stdin() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let note =
        "进展情况:已完成方案初稿。\n召开协调会两次。\n存在问题:资金未到位\n下一步计划:6月底前报审";
    let args = [
        "update",
        "--db",
        e.path(),
        "--task",
        "2",
        "--dept",
        "区发改局",
        "--percent",
        "60",
        "--note",
        "-",
    ];
    let o = run(&args, Some(format!("\n{note}\n\n").as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(journal(&e.f.path).last().unwrap().4, note);

    // Not UTF-8: refused with the reason, nothing saved.
    let before = journal(&e.f.path);
    let o = run(&args, Some(b"\xff\xfe bad"));
    assert_user_error(&o, &["无法从标准输入读取说明"]);
    assert_eq!(journal(&e.f.path), before);
}

// ---------------------------------------------------------------- duban log

/// Display column where the first `%` of a line ends (the percent column's right edge).
fn percent_edge(line: &str) -> usize {
    let end = line.find('%').map(|i| i + 1).unwrap_or(0);
    UnicodeWidthStr::width(&line[..end])
}

#[test]
fn log_prints_the_whole_journal_newest_first_aligned() {
    let e = Entry::new();
    let o = e.log(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // The file holds two plans: a line names them, and each number carries its plan's letter.
    let (above, out) = out.split_once('\n').unwrap();
    assert_eq!(above, format!("涵盖 2 个计划:A《{PLAN1}》;B《第二个计划》"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + journal(&e.f.path).len(), "{out}");
    assert!(lines[0].starts_with("时间"), "{out}");
    for heading in ["编号", "单位", "进度", "填报人", "说明"] {
        assert!(lines[0].contains(heading), "{heading}: {out}");
    }
    assert_eq!(
        lines[1],
        "2024-08-01 02:00  A 1   区经济和信息化局  100%  alice   进展情况:完成"
    );
    assert!(lines[2].starts_with("2024-06-25 02:00  A 1   区经济和信息化局   60%"));
    assert!(
        lines.last().unwrap().starts_with("2024-03-25 02:00"),
        "{out}"
    );
    let edges: Vec<usize> = lines[1..].iter().map(|l| percent_edge(l)).collect();
    assert!(edges.iter().all(|e| *e == edges[0]), "{edges:?}\n{out}");
    assert!(
        lines.iter().all(|l| UnicodeWidthStr::width(*l) <= 80),
        "{out}"
    );
}

#[test]
fn log_json_is_the_documented_shape_with_undo_rows() {
    let e = Entry::new();
    // An undo appends a row naming the entry it takes back.
    let last_alice = journal(&e.f.path)
        .iter()
        .filter(|r| r.5 == "alice")
        .map(|r| r.0)
        .max()
        .unwrap();
    let undo = e
        .db()
        .undo_progress(last_alice, "alice", at("2024-08-02T00:00:00"))
        .unwrap();
    let o = e.log(&["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), journal(&e.f.path).len());
    let mut keys: Vec<&str> = list[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "department",
            "id",
            "note",
            "percent",
            "plan_id",
            "reported_at",
            "reported_by",
            "task_id",
            "task_number",
            "undoes"
        ]
    );
    let newest = &list[0];
    assert_eq!(newest["id"], undo.restored.entry_id);
    assert_eq!(newest["undoes"], last_alice);
    assert_eq!(newest["percent"], 60);
    assert_eq!(newest["note"], "进展情况:过半");
    assert_eq!(newest["department"], "区经济和信息化局");
    assert_eq!(newest["task_number"], "1");
    assert_eq!(newest["task_id"], 1);
    assert_eq!(newest["reported_by"], "alice");
    assert_eq!(newest["reported_at"], "2024-08-02T00:00:00Z");
    assert_eq!(list[1]["undoes"], serde_json::Value::Null);
    let times: Vec<&str> = list
        .iter()
        .map(|r| r["reported_at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    // The text table marks the undo row (below the plans' line and the headings).
    let out = stdout(&e.log(&["--limit", "1"]));
    assert!(
        out.lines()
            .nth(2)
            .unwrap()
            .ends_with(&format!("撤销#{last_alice} 进展情况:过半")),
        "{out}"
    );
}

/// `log --json` with `args`: (task_number, department, percent) of each row.
fn log_rows(e: &Entry, args: &[&str]) -> Vec<(String, String, i64)> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let o = e.log(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["task_number"].as_str().unwrap().to_string(),
                r["department"].as_str().unwrap().to_string(),
                r["percent"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn log_filters_by_task_department_day_and_count() {
    let e = Entry::new();
    let row = |n: &str, d: &str, pc: i64| (n.to_string(), d.to_string(), pc);
    assert_eq!(
        log_rows(&e, &["--dept", "星海"]),
        [row("3", "星海街道", 45), row("2", "星海街道", 10)]
    );
    assert_eq!(
        log_rows(&e, &["--task", "2"]),
        [row("2", "星海街道", 10), row("2", "区发改局", 40)]
    );
    assert_eq!(
        log_rows(&e, &["--task", "#1", "--dept", "经信局"]),
        [
            row("1", "区经济和信息化局", 100),
            row("1", "区经济和信息化局", 60),
            row("1", "区经济和信息化局", 20)
        ]
    );
    // --since is the start of that day (local time; the tests run in UTC).
    assert_eq!(
        log_rows(&e, &["--since", "2024-06-21"]),
        [
            row("1", "区经济和信息化局", 100),
            row("1", "区经济和信息化局", 60),
            row("3", "星海街道", 45),
            row("2", "星海街道", 10)
        ]
    );
    assert_eq!(
        log_rows(&e, &["--limit", "2"]),
        [
            row("1", "区经济和信息化局", 100),
            row("1", "区经济和信息化局", 60)
        ]
    );
    assert_eq!(
        log_rows(
            &e,
            &[
                "--dept",
                "区发改局",
                "--since",
                "2024-06-20",
                "--limit",
                "1"
            ]
        ),
        [row("2", "区发改局", 40)]
    );
    assert_eq!(log_rows(&e, &["--since", "2030-01-01"]), []);

    // The same task lookup as update: a shared number is refused, not guessed.
    assert_user_error(&e.log(&["--task", "1"]), &["编号 \"1\" 对应 2 项任务"]);
    assert_user_error(
        &e.log(&["--since", "2024-13-01"]),
        &["日期 \"2024-13-01\" 无法识别"],
    );
    assert_user_error(&e.log(&["--limit", "0"]), &["--limit \"0\" 无效"]);
    assert_user_error(
        &e.log(&["--dept", "教育局"]),
        &["没有名为 \"教育局\" 的单位"],
    );

    // Nothing to show: said on stderr, success.
    let o = e.log(&["--since", "2030-01-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());
    assert_eq!(stderr(&o), "没有符合条件的进度记录\n");
}

#[test]
fn log_follows_an_update() {
    let e = Entry::new();
    e.me(ClerkRole::Admin, None);
    let o = e.update(&[
        "--task",
        "3",
        "--dept",
        "星海街道",
        "--percent",
        "+5",
        "--note",
        "新增用地",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = log_rows(&e, &["--limit", "1"]);
    assert_eq!(rows, [("3".to_string(), "星海街道".to_string(), 50)]);
    let out = stdout(&e.log(&["--limit", "1"]));
    // Below the line naming the two plans and the headings.
    let line = out.lines().nth(2).unwrap();
    assert!(
        line.contains(&os_login()) && line.ends_with("新增用地"),
        "{out}"
    );
    // Sanity: the percent the journal shows is the assignment's.
    assert_eq!(
        e.db()
            .assignment(3, dept_id(&e.db(), "星海街道"))
            .unwrap()
            .unwrap()
            .percent,
        Percent::new(50).unwrap()
    );
}
