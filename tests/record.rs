//! The record can be trusted (issue 18): a department merge changes no figure already reported
//! and no circular already issued, and the journals' hash chain makes a rewrite visible to
//! `duban check`, with a circular's 留痕校验码 provable later.

#[path = "support/cli.rs"]
mod cli;

use cli::{demo_db, duban, duban_en, err, out, p};

fn sql(path: &std::path::Path, statements: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(statements).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
}

/// The check code a period's Markdown circular prints.
fn printed_code(db: &str, period: &str) -> String {
    let o = duban_en(&["--db", db, "report", "--period", period, "--format", "md"]);
    assert!(o.status.success(), "{}", err(&o));
    out(&o)
        .split("Record check code: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string()
}

/// Task 9's lead and completion, read from `duban tasks --json`.
fn lead_of_task_9(db: &str) -> (String, f64) {
    let o = duban_en(&["--db", db, "tasks", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let tasks: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let t = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == "9")
        .unwrap()
        .clone();
    (
        t["lead"][0].as_str().unwrap().to_string(),
        t["percent"].as_f64().unwrap(),
    )
}

#[test]
fn a_merge_keeps_the_survivors_figures_the_makers_of_reports_and_past_circulars() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let circular = || {
        let o = duban(&[
            "--db", db, "report", "--period", "2026-Q3", "--format", "md",
        ]);
        assert!(o.status.success(), "{}", err(&o));
        out(&o)
    };
    let q3 = circular();
    let before = lead_of_task_9(db);
    assert_eq!(before.0, "区经信局");

    let preview = duban(&["--db", db, "dept", "merge", "区统计局", "区经信局"]);
    assert_eq!(preview.status.code(), Some(2));
    // The preview names each task the merge changes and how.
    let shown = out(&preview);
    assert!(
        shown.contains(&format!(
            "9 扩大工业有效投资:「区经信局」牵头 {0}% → 牵头 {0}%(「区统计局」原为 配合",
            before.1
        )),
        "{shown}"
    );

    let o = duban(&["--db", db, "dept", "merge", "区统计局", "区经信局", "--yes"]);
    assert!(o.status.success(), "{}", err(&o));
    // The survivor's figure on a shared task does not drop to the merged unit's.
    assert_eq!(lead_of_task_9(db), before);
    // The circular issued for Q3 says what it said.
    assert_eq!(circular(), q3);
    // Reports keep the department that made them.
    let log = out(&duban(&["--db", db, "log", "--task", "5"]));
    assert!(log.contains("区统计局(已并入区经信局)"), "{log}");
    let o = duban(&["--db", db, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
}

#[test]
fn check_finds_a_deleted_row_a_rewritten_note_a_percent_out_of_range_and_a_dropped_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let clean = demo_db(dir.path());
    // A rename keeps the old name (department_past), a record in the chain like the journals'.
    let o = duban(&[
        "--db",
        p(&clean),
        "dept",
        "rename",
        "区统计局",
        "区统计局(新)",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&clean, &to).unwrap();
        to
    };
    let cases = [
        (
            "deleted.db",
            "DROP TRIGGER progress_no_delete; DELETE FROM progress WHERE id = 10;",
            "journal chain: link",
        ),
        (
            "rewritten.db",
            "DROP TRIGGER progress_append_only; UPDATE progress SET note = '已完成' WHERE id = 3;",
            "the row or one before it was changed",
        ),
        (
            "range.db",
            "PRAGMA ignore_check_constraints = ON; UPDATE assignment SET percent = 500
             WHERE task_id = 1;",
            "integrity: CHECK rule broken in assignment",
        ),
        (
            "past.db",
            "DROP TRIGGER department_past_no_delete; DELETE FROM department_past;",
            "journal chain: link",
        ),
        (
            "trigger.db",
            "DROP TRIGGER audit_no_delete;",
            "schema: trigger audit_no_delete missing",
        ),
        (
            "unlinked.db",
            "DROP TRIGGER indicator_actual_link;
             INSERT INTO indicator_actual (indicator_id, period, value, reported_by, reported_at)
             SELECT id, '2026', 1.0, 'x', '2026-01-01T00:00:00Z' FROM indicator LIMIT 1;",
            "has no link (written around duban)",
        ),
    ];
    for (name, tamper, finding) in cases {
        let f = copy(name);
        sql(&f, tamper);
        let before = std::fs::read(&f).unwrap();
        let o = duban_en(&["--db", p(&f), "check"]);
        assert_eq!(o.status.code(), Some(3), "{name}: {}{}", out(&o), err(&o));
        assert!(out(&o).contains(finding), "{name}: {}", out(&o));
        assert_eq!(std::fs::read(&f).unwrap(), before, "{name}: check wrote");
    }
    // The sqlite3 shell cannot add a journal row at all while the triggers stand: it lacks the
    // link function.
    let f = copy("shell.db");
    let c = rusqlite::Connection::open(&f).unwrap();
    assert!(
        c.execute_batch(
            "INSERT INTO progress (task_id, department_id, percent, reported_by, reported_at)
             SELECT task_id, department_id, 1, 'x', '2026-01-01T00:00:00Z' FROM assignment LIMIT 1"
        )
        .is_err()
    );
}

#[test]
fn a_circulars_code_proves_the_record_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let code = printed_code(db, "2026-Q3");
    // The csv carries the same code.
    let csv = out(&duban_en(&[
        "--db", db, "report", "--period", "2026-Q3", "--format", "csv",
    ]));
    assert!(csv.contains(&code), "{csv}");
    let check =
        |code: &str, day: &str| duban_en(&["--db", db, "check", "--code", code, "--as-of", day]);
    assert_eq!(check(&code, "2026-09-30").status.code(), Some(0));
    // Reports made later do not change it.
    let o = duban(&[
        "--db",
        db,
        "update",
        "--task",
        "2",
        "--dept",
        "区经信局",
        "--percent",
        "80",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(check(&code, "2026-09-30").status.code(), Some(0));
    // A code for another day, a mistyped code, and a rewritten record do not match.
    assert_eq!(check(&code, "2026-11-23").status.code(), Some(3));
    let mistyped = format!("{}0", &code[..code.len() - 1]).replace("00", "01");
    assert_eq!(check(&mistyped, "2026-09-30").status.code(), Some(3));
    assert_eq!(check("not-a-code", "2026-09-30").status.code(), Some(2));
    sql(
        std::path::Path::new(db),
        "DROP TRIGGER progress_append_only; UPDATE progress SET percent = 99 WHERE id = 1;",
    );
    let o = check(&code, "2026-09-30");
    assert_eq!(o.status.code(), Some(3));
    assert!(
        err(&o).contains("was changed") || out(&o).contains("was changed"),
        "{}{}",
        out(&o),
        err(&o)
    );
}

#[test]
fn commands_that_only_read_leave_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // A backup is a rollback-journal file: reading it must not switch it to WAL.
    let backup = dir.path().join("b.db");
    let o = duban(&["--db", p(&db), "backup", p(&backup)]);
    assert!(o.status.success(), "{}", err(&o));
    // (A file of an older schema is read from a migrated copy in memory: tests/store.rs.)
    for file in [&backup, &db] {
        let before = std::fs::read(file).unwrap();
        for args in [
            vec!["status"],
            vec!["tasks"],
            vec!["log", "--limit", "5"],
            vec!["report", "--period", "2026-Q3", "--format", "md"],
            vec!["cycle"],
            vec!["check"],
        ] {
            let mut all = vec!["--db", p(file)];
            all.extend(args.iter().copied());
            let o = duban(&all);
            assert!(o.status.code() != Some(101), "{args:?}: {}", err(&o));
            assert_eq!(
                std::fs::read(file).unwrap(),
                before,
                "{args:?} changed {file:?}"
            );
            for side in ["-wal", "-shm", "-journal"] {
                assert!(
                    !std::path::Path::new(&format!("{}{side}", p(file))).exists(),
                    "{args:?} left {side} beside {file:?}"
                );
            }
        }
    }
}

#[test]
fn a_report_dated_into_a_closed_period_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let code = printed_code(db, "2026-Q3");
    // A clerk's clock set back into the quarter (here with DUBAN_TODAY).
    let o = cli::command()
        .env("DUBAN_TODAY", "2026-09-30T20:00")
        .args([
            "--db",
            db,
            "update",
            "--task",
            "2",
            "--dept",
            "区经信局",
            "--percent",
            "100",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let o = duban_en(&[
        "--db",
        db,
        "check",
        "--code",
        &code,
        "--as-of",
        "2026-09-30",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    assert!(
        out(&o).contains("dated 2026-09-30 or earlier"),
        "{}",
        out(&o)
    );
    let o = duban_en(&["--db", db, "check"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        out(&o).contains("is dated before rows recorded earlier"),
        "{}",
        out(&o)
    );
}

/// However many backdated rows a file has, a row written around the triggers is still found,
/// and the circular's code no longer matches.
#[test]
fn backdated_rows_never_hide_a_row_written_around_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let code = printed_code(db, "2026-Q2");
    for minute in 0..22 {
        let o = cli::command()
            .env("DUBAN_TODAY", format!("2026-11-22T10:{minute:02}"))
            .args([
                "--db",
                db,
                "update",
                "--task",
                "8",
                "--dept",
                "区发改局",
                "--percent",
            ])
            .arg((minute + 50).to_string())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", err(&o));
    }
    let sql_path = std::path::Path::new(db);
    let trigger: String = rusqlite::Connection::open(sql_path)
        .unwrap()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'progress_link'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    sql(
        sql_path,
        &format!(
            "DROP TRIGGER progress_link;
             INSERT INTO progress (task_id, department_id, percent, reported_by, reported_at)
             SELECT task_id, department_id, 0, 'x', '2026-06-29T08:00:00Z' FROM assignment
             WHERE task_id = 8 LIMIT 1;
             {trigger};"
        ),
    );
    let o = duban_en(&[
        "--db",
        db,
        "check",
        "--code",
        &code,
        "--as-of",
        "2026-06-30",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    let o = duban_en(&["--db", db, "check"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(out(&o).contains("has no link"), "{}", out(&o));
}
