//! The hot queries use their indexes (issue 8). Every statement that the frequent operations run
//! (status, a department's tasks, a filter keystroke, a task's detail, a report saved, the TUI's
//! change polling, finding a task by its number) is caught as it runs, and `EXPLAIN QUERY PLAN`
//! must show no full scan of a big table, except the few that read every row on purpose, each
//! named below with its reason. A new query that scans fails here with its SQL and plan.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::Percent;
use duban::report::status;
use duban::store::{Db, JournalQuery, ProgressReport, Scope, TaskQuery};

/// Tables that grow with the plan.
const BIG: [&str; 5] = [
    "task",
    "assignment",
    "progress",
    "indicator_actual",
    "audit",
];

/// Statements allowed to read a whole big table, found by a piece of their SQL or plan.
const WHOLE_TABLE_ON_PURPOSE: [(&str, &str); 3] = [
    (
        "FROM assignment WHERE removed_at IS NULL",
        "the whole-plan rollup reads every assignment once, from one table",
    ),
    (
        "SELECT (SELECT count(*) FROM task)",
        "counting tasks: the smallest index, no rows",
    ),
    (
        "SCAN t USING INDEX task_by_plan",
        "the list of every task in plan order (view 2, unfiltered or filtered over all tasks)",
    ),
];

fn database() -> (tempfile::TempDir, Db) {
    let (dir, _, db) = common::generated(3000, 60, 7);
    (dir, db)
}

/// The full scans in a plan: `SCAN t` or `SCAN t USING [COVERING] INDEX i` of a big table.
/// The plan names a table by its alias when the SQL gives one (`FROM task t` scans as `SCAN t`),
/// so the aliases of the big tables are read from the SQL.
fn full_scans(sql: &str, plan: &[String]) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut big: Vec<&str> = BIG.to_vec();
    for (i, w) in words.iter().enumerate() {
        if !BIG.contains(w) {
            continue;
        }
        let alias = match words.get(i + 1) {
            Some(a) if a.eq_ignore_ascii_case("AS") => words.get(i + 2),
            other => other,
        };
        if let Some(alias) = alias {
            big.push(alias);
        }
    }
    plan.iter()
        .filter(|line| {
            let Some(rest) = line.strip_prefix("SCAN ") else {
                return false;
            };
            let table = rest.split_whitespace().next().unwrap_or("");
            big.contains(&table)
        })
        .cloned()
        .collect()
}

#[test]
fn hot_queries_search_their_indexes() {
    let (dir, mut db) = database();
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = seen.clone();
    db.trace_statements(move |sql| sink.lock().unwrap().push(sql))
        .unwrap();

    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let departments = db.departments().unwrap();
    let dept = departments[3].id;
    // duban status, whole and for one department; the TUI's department list.
    status::build(&db, today, Scope::default()).unwrap();
    status::build(
        &db,
        today,
        Scope {
            department: Some(dept),
            as_of: None,
            plan: None,
        },
    )
    .unwrap();
    // The TUI's department pane, a filter keystroke in it, and the rows it then shows.
    let mine = db
        .tasks(Scope {
            department: Some(dept),
            as_of: None,
            plan: None,
        })
        .unwrap();
    let keys = db
        .task_keys(&TaskQuery {
            text: "建设".into(),
            scope: Scope {
                department: Some(dept),
                ..Scope::default()
            },
        })
        .unwrap();
    let ids: Vec<i64> = keys.iter().take(20).map(|k| k.id).collect();
    // View 2: every task, filtered.
    db.task_keys(&TaskQuery {
        text: "建设".into(),
        scope: Scope::default(),
    })
    .unwrap();
    db.tasks_by_id(&ids, None).unwrap();
    // The TUI's filter corpus (read once, then kept until the file changes) and its stamp.
    db.task_index().unwrap();
    db.change_stamp().unwrap();
    // Enter on a task: its detail and each unit's journal.
    let task = &mine[0];
    db.task_detail(task.id, None).unwrap();
    db.history(task.id, dept).unwrap();
    // A report saved (the form, duban update) and the polling that tells other sessions.
    let state = db.assignment(task.id, dept).unwrap().unwrap();
    db.report_progress(&ProgressReport {
        task_id: task.id,
        department_id: dept,
        percent: Percent::new(50).unwrap(),
        note: "进展情况:计划测试".into(),
        by: "admin".into(),
        at: Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap(),
        expected_version: state.version,
    })
    .unwrap();
    db.data_version().unwrap();
    let latest = db.latest_report().unwrap().unwrap();
    db.reporters_since(latest.id - 1).unwrap();
    // duban update --task "(一)3": the number as typed.
    db.find_tasks_by_number(&task.number).unwrap();
    // duban log for one department.
    db.for_each_journal_row(
        &JournalQuery {
            department_id: Some(dept),
            limit: Some(20),
            ..Default::default()
        },
        |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();

    let statements: BTreeSet<String> = seen.lock().unwrap().iter().cloned().collect();
    assert!(statements.len() > 10, "{statements:#?}");
    let check = rusqlite::Connection::open(dir.path().join("plans.db")).unwrap();
    // The journals' triggers call duban's link function: every duban connection registers it.
    duban::store::chain::register(&check).unwrap();
    let mut offenders = Vec::new();
    for sql in &statements {
        let head = sql.trim_start().to_ascii_uppercase();
        if !(head.starts_with("SELECT")
            || head.starts_with("WITH")
            || head.starts_with("UPDATE")
            || head.starts_with("INSERT"))
        {
            continue;
        }
        // Planned with its placeholders unbound, as the real statement is planned.
        let mut explain = check.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let mut rows = explain.raw_query();
        let mut plan: Vec<String> = Vec::new();
        while let Some(r) = rows.next().unwrap() {
            plan.push(r.get(3).unwrap());
        }
        let scans = full_scans(sql, &plan);
        if std::env::var_os("SHOW_PLANS").is_some() {
            eprintln!("{sql}\n  → {}\n", plan.join("\n  → "));
        }
        let allowed = WHOLE_TABLE_ON_PURPOSE
            .iter()
            .any(|(needle, _)| sql.contains(needle) || plan.iter().any(|l| l.contains(needle)));
        if !scans.is_empty() && !allowed {
            offenders.push(format!("{sql}\n  → {}", plan.join("\n  → ")));
        }
    }
    assert!(
        offenders.is_empty(),
        "hot queries that scan a whole table:\n\n{}",
        offenders.join("\n\n")
    );
}

/// The check itself can fail: a query the planner can only answer by reading every row.
#[test]
fn a_scan_is_seen_as_one() {
    let (dir, _db) = database();
    let c = rusqlite::Connection::open(dir.path().join("plans.db")).unwrap();
    let plan_of = |sql: &str| -> Vec<String> {
        c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let sql = "SELECT id FROM task WHERE title = '无'";
    assert_eq!(full_scans(sql, &plan_of(sql)), ["SCAN task"]);
    // The same through an alias, as the plan then names it.
    let sql = "SELECT t.id FROM task t WHERE t.title = '无'";
    assert_eq!(full_scans(sql, &plan_of(sql)), ["SCAN t"]);
    let sql = "SELECT x.id FROM task AS x WHERE x.title = '无'";
    assert_eq!(full_scans(sql, &plan_of(sql)), ["SCAN x"]);
    // A search by key through an alias is no scan.
    let sql = "SELECT t.title FROM task t WHERE t.id = 3";
    assert!(full_scans(sql, &plan_of(sql)).is_empty());
}
