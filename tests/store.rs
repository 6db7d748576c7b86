//! The store on real files: round trips, constraints, optimistic locking, concurrency, refusing
//! files that are not ours, migrations and as-of.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::{at, day, fixture};
use duban::domain::{Percent, Role};
use duban::store::migrate::{self, Migration};
use duban::store::{Db, ProgressReport, Scope, StoreError};

fn sha(path: &std::path::Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[test]
fn round_trip_on_a_temp_file() {
    let f = fixture();
    let db = Db::open(&f.path).unwrap();
    let plans = db.plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].title, "测试行动计划(2024年)");
    assert_eq!(plans[0].ends_on, day("2024-12-31"));
    let names = db.department_names().unwrap();
    assert_eq!(names[0].name, "区经济和信息化局");
    assert_eq!(names[0].aliases, vec!["经信局".to_string()]);
    let tasks = db.tasks(Scope::default()).unwrap();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks[0].units.len(), 2);
    assert_eq!(tasks[0].units[0].role, Role::Lead);
    assert_eq!(tasks[0].units[0].percent.value(), 100);
    assert_eq!(tasks[0].deadline_text.as_deref(), Some("6月底前"));
    // A task with no deadline runs to the plan's end.
    assert_eq!(tasks[2].deadline, None);
    assert_eq!(tasks[2].schedule.deadline, day("2024-12-31"));
    assert!(tasks[3].units.is_empty());
    let history = db
        .history(tasks[0].id, tasks[0].units[0].department_id)
        .unwrap();
    let percents: Vec<u8> = history.iter().map(|h| h.percent.value()).collect();
    assert_eq!(percents, vec![20, 60, 100]);
    assert_eq!(db.task_counts(Scope::default()).unwrap(), (5, 1));
    let mode = fs::metadata(&f.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660, "a new file is shared with the group");
    assert_eq!(
        db.thresholds().unwrap(),
        duban::domain::Thresholds::default()
    );
}

#[test]
fn report_progress_appends_and_bumps_the_version() {
    let f = fixture();
    let mut db = Db::open(&f.path).unwrap();
    let t = &db.tasks(Scope::default()).unwrap()[1];
    let (task, dept) = (t.id, t.units[0].department_id);
    let before = db.assignment(task, dept).unwrap().unwrap();
    let after = db
        .report_progress(&ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(55).unwrap(),
            note: "进展情况:园区主体完工".into(),
            by: "bob".into(),
            at: at("2024-07-10T02:00:00"),
            expected_version: before.version,
        })
        .unwrap();
    assert_eq!(after.state.version, before.version + 1);
    let stored = db.assignment(task, dept).unwrap().unwrap();
    assert_eq!(stored, after.state);
    let last = db.history(task, dept).unwrap().pop().unwrap();
    assert_eq!(
        (last.percent.value(), last.note.as_str()),
        (55, "进展情况:园区主体完工")
    );
}

#[test]
fn a_stale_version_is_refused_and_nothing_changes() {
    let f = fixture();
    let mut db = Db::open(&f.path).unwrap();
    let t = &db.tasks(Scope::default()).unwrap()[1];
    let (task, dept) = (t.id, t.units[0].department_id);
    let read = db.assignment(task, dept).unwrap().unwrap();
    let report = |percent, version| ProgressReport {
        task_id: task,
        department_id: dept,
        percent: Percent::new(percent).unwrap(),
        note: String::new(),
        by: "bob".into(),
        at: at("2024-07-10T02:00:00"),
        expected_version: version,
    };
    // Another clerk saves first.
    db.report_progress(&report(70, read.version)).unwrap();
    let journal_before = db.history(task, dept).unwrap();
    match db.report_progress(&report(50, read.version)) {
        Err(StoreError::Conflict(c)) => {
            assert_eq!(c.current.percent.value(), 70);
            assert_eq!(c.current.updated_by.as_deref(), Some("bob"));
            assert_eq!(c.last.map(|e| e.percent.value()), Some(70));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        db.assignment(task, dept).unwrap().unwrap().percent.value(),
        70
    );
    assert_eq!(db.history(task, dept).unwrap(), journal_before);
}

#[test]
fn constraints_refuse_bad_rows_with_a_clear_error() {
    let f = fixture();
    let mut db = Db::open(&f.path).unwrap();
    let refused = |r: Result<(), StoreError>, needle: &str| match r {
        Err(StoreError::Refused(why)) => assert!(why.contains(needle), "{why}"),
        other => panic!("expected refusal containing {needle:?}, got {other:?}"),
    };
    // A duplicate department name.
    refused(
        db.load(at("2024-01-01T00:00:00"), |w| {
            w.department("区发改局", duban::store::DepartmentKind::Bureau, 9)
                .map(|_| ())
        }),
        "UNIQUE",
    );
    // An assignment to a task that does not exist.
    refused(
        db.load(at("2024-01-01T00:00:00"), |w| {
            w.assign(9999, 1, Role::Lead, 0)
        }),
        "FOREIGN KEY",
    );
    // The journal is append-only, even through raw SQL-level writes of the loader's connection.
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let err = conn
        .execute("UPDATE progress SET percent = 99", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM progress", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    // CHECKs in SQL: percent range, role names, real dates.
    for sql in [
        "UPDATE assignment SET percent = 101",
        "UPDATE assignment SET role = 'boss'",
        "UPDATE task SET deadline = '2024-02-30'",
        "INSERT INTO clerk (username, role) VALUES ('x', 'editor')",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{sql}: {err}");
    }
    // Deleting a department that still has tasks would orphan them.
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let err = conn
        .execute("DELETE FROM department WHERE name = '星海街道'", [])
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn two_connections_writing_at_once_both_succeed() {
    let f = fixture();
    let db = Db::open(&f.path).unwrap();
    let tasks = db.tasks(Scope::default()).unwrap();
    let targets: Vec<(i64, i64)> = vec![
        (tasks[1].id, tasks[1].units[0].department_id),
        (tasks[2].id, tasks[2].units[0].department_id),
    ];
    drop(db);
    let handles: Vec<_> = targets
        .into_iter()
        .map(|(task, dept)| {
            let path = f.path.clone();
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                for i in 0..50 {
                    let current = db.assignment(task, dept).unwrap().unwrap();
                    db.report_progress(&ProgressReport {
                        task_id: task,
                        department_id: dept,
                        percent: Percent::new(i * 2).unwrap(),
                        note: String::new(),
                        by: "bob".into(),
                        at: at("2024-07-10T02:00:00"),
                        expected_version: current.version,
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let db = Db::open(&f.path).unwrap();
    let tasks = db.tasks(Scope::default()).unwrap();
    assert_eq!(tasks[1].units[0].percent.value(), 98);
    assert_eq!(tasks[2].units[0].percent.value(), 98);
}

#[test]
fn files_that_are_not_ours_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(matches!(Db::open(&missing), Err(StoreError::Missing(_))));
    assert!(
        !missing.exists(),
        "opening a missing file must not create it"
    );

    assert!(matches!(
        Db::open(dir.path()),
        Err(StoreError::IsDirectory(_))
    ));

    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    assert!(matches!(Db::open(&empty), Err(StoreError::Empty(_))));
    assert_eq!(fs::metadata(&empty).unwrap().len(), 0);

    let text = dir.path().join("plan.txt");
    fs::write(
        &text,
        "一、总体要求\n这不是数据库文件,而是一份计划的文字。".repeat(20),
    )
    .unwrap();
    let before = sha(&text);
    assert!(matches!(Db::open(&text), Err(StoreError::NotSqlite(_))));
    assert_eq!(sha(&text), before);

    let foreign = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
    }
    let before = sha(&foreign);
    assert!(matches!(Db::open(&foreign), Err(StoreError::NotDuban(_))));
    assert_eq!(sha(&foreign), before);
    assert!(!dir.path().join("other.db-wal").exists());

    // Creating over an existing file is refused too.
    assert!(matches!(
        Db::create(&foreign),
        Err(StoreError::AlreadyExists(_))
    ));
    assert_eq!(sha(&foreign), before);
}

#[test]
fn a_file_from_a_newer_duban_is_refused_untouched() {
    let f = fixture();
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.pragma_update(None, "user_version", migrate::SCHEMA_VERSION + 1)
            .unwrap();
        c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    }
    let before = sha(&f.path);
    match Db::open(&f.path) {
        Err(StoreError::TooNew {
            found, supported, ..
        }) => {
            assert_eq!(
                (found, supported),
                (migrate::SCHEMA_VERSION + 1, migrate::SCHEMA_VERSION)
            );
        }
        Err(other) => panic!("expected TooNew, got {other:?}"),
        Ok(_) => panic!("expected TooNew, got a database"),
    }
    assert_eq!(sha(&f.path), before);
}

#[test]
fn migrations_run_in_order_each_in_its_own_transaction() {
    let f = fixture();
    let mut c = rusqlite::Connection::open(&f.path).unwrap();
    let base = migrate::SCHEMA_VERSION;
    let steps = [
        Migration {
            to: base + 1,
            sql: "CREATE TABLE extra_one (x INTEGER) STRICT;",
            then: None,
        },
        // Fails halfway: its table must not survive, and the version must stay at base + 1.
        Migration {
            to: base + 2,
            sql: "CREATE TABLE extra_two (x INTEGER) STRICT; SELECT no_such_function();",
            then: None,
        },
    ];
    assert!(migrate::migrate(&mut c, &steps).is_err());
    let version: i32 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, base + 1);
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'extra_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, vec!["extra_one".to_string()]);
    // Running again skips what is done.
    migrate::migrate(&mut c, &steps[..1]).unwrap();
}

#[test]
fn as_of_rebuilds_the_state_from_the_journal() {
    let f = fixture();
    let db = Db::open(&f.path).unwrap();
    let bound = |s: &str| Scope {
        department: None,
        as_of: Some(at(s)),
        plan: None,
    };
    let percent_of_first = |scope| db.tasks(scope).unwrap()[0].units[0].percent.value();
    assert_eq!(percent_of_first(Scope::default()), 100);
    assert_eq!(percent_of_first(bound("2024-07-02T00:00:00")), 60);
    assert_eq!(percent_of_first(bound("2024-04-01T00:00:00")), 20);
    assert_eq!(percent_of_first(bound("2024-02-01T00:00:00")), 0);
    // Tasks created after the bound did not exist then.
    assert_eq!(
        db.task_counts(bound("2023-12-31T00:00:00")).unwrap(),
        (0, 0)
    );
    let mut seen = 0;
    db.for_each_fact(bound("2024-07-02T00:00:00"), |fact| {
        if fact.task_id == 1 && fact.role == Role::Lead {
            assert_eq!(fact.percent.value(), 60);
            seen += 1;
        }
    })
    .unwrap();
    assert_eq!(seen, 1);
}

/// The columns of `table` as `PRAGMA table_info` lists them (name, type, not null, default).
fn columns(c: &rusqlite::Connection, table: &str) -> Vec<(String, String, bool, Option<String>)> {
    c.prepare(&format!(
        "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{table}')"
    ))
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn a_version_2_file_gains_task_deleted_at_and_keeps_its_data() {
    let f = fixture();
    let fresh = {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        columns(&c, "task")
    };
    assert!(fresh.iter().any(|col| col.0 == "deleted_at"));
    // Make the fixture a version 2 file: the task table as it was before schema 3.
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute_batch(&format!(
            "{UNDO_SCHEMA_12} {UNDO_SCHEMA_10} {UNDO_SCHEMA_9} {UNDO_SCHEMA_8} {UNDO_SCHEMA_7} {UNDO_SCHEMA_5} ALTER TABLE task DROP COLUMN deleted_at; DROP TABLE draft;
                 PRAGMA user_version = 2;"
        ))
        .unwrap();
        assert!(!columns(&c, "task").iter().any(|col| col.0 == "deleted_at"));
    }
    let db = Db::open(&f.path).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrate::SCHEMA_VERSION);
    // Later steps came too: the drafts table (schema 4).
    assert!(db.drafts("anyone").unwrap().is_empty());
    drop(db);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    assert_eq!(columns(&c, "task"), fresh);
    // The column's check came along: only instants.
    assert!(
        c.execute("UPDATE task SET deleted_at = 'yesterday' WHERE id = 1", [])
            .is_err()
    );
    drop(c);
    let db = Db::open(&f.path).unwrap();
    assert_eq!(db.tasks(Scope::default()).unwrap().len(), 5);
    assert_eq!(db.task_count().unwrap(), 5);
    assert_eq!(db.history(1, 1).unwrap().len(), 3);
}

#[test]
fn drafts_are_kept_per_login_and_assignment_and_two_sessions_keep_both() {
    use duban::store::{DRAFT_BUSY_WAIT, StoredDraft};
    let f = fixture();
    // Two sessions of one login on the same file: two connections.
    let mut a = Db::open(&f.path).unwrap();
    let mut b = Db::open(&f.path).unwrap();
    let units: Vec<(i64, i64)> = a
        .tasks(Scope::default())
        .unwrap()
        .into_iter()
        .flat_map(|t| {
            let id = t.id;
            t.units.into_iter().map(move |u| (id, u.department_id))
        })
        .collect();
    let draft = |(task_id, department_id): (i64, i64), text: &str| StoredDraft {
        task_id,
        department_id,
        percent: "60".into(),
        note: [text.into(), String::new(), String::new()],
        saved_at: at("2024-07-01T09:00:00"),
    };
    let notes = |db: &Db, user: &str| -> Vec<String> {
        db.drafts(user)
            .unwrap()
            .into_iter()
            .map(|d| d.note[0].clone())
            .collect()
    };
    let wait = DRAFT_BUSY_WAIT;
    // Each session keeps its own form; neither write removes the other's.
    assert_eq!(
        a.keep_draft("alice", &draft(units[0], "甲"), wait).unwrap(),
        None
    );
    assert_eq!(
        b.keep_draft("alice", &draft(units[1], "乙"), wait).unwrap(),
        None
    );
    b.keep_draft("bob", &draft(units[0], "丙"), wait).unwrap();
    let mut both = notes(&a, "alice");
    both.sort();
    assert_eq!(both, ["乙", "甲"]);
    assert_eq!(notes(&a, "bob"), ["丙"], "never mixed up");
    // The same assignment from both: the newest wins, and the write says what it replaced.
    let replaced = b
        .keep_draft("alice", &draft(units[0], "甲改"), wait)
        .unwrap();
    assert_eq!(replaced.map(|r| r.note[0].clone()).as_deref(), Some("甲"));
    let read = a.draft("alice", units[0].0, units[0].1).unwrap().unwrap();
    assert_eq!(read.note[0], "甲改");
    // Discarding what session a kept leaves b's newer text alone; b's own discard removes it.
    assert!(!a.drop_draft("alice", &draft(units[0], "甲"), wait).unwrap());
    assert_eq!(
        a.draft("alice", units[0].0, units[0].1).unwrap(),
        Some(read)
    );
    assert!(
        b.drop_draft("alice", &draft(units[0], "甲改"), wait)
            .unwrap()
    );
    assert_eq!(notes(&a, "alice"), ["乙"]);
    // A draft for an assignment that no longer exists is not kept.
    a.keep_draft("alice", &draft((999_999, units[0].1), "孤"), wait)
        .unwrap();
    assert_eq!(notes(&a, "alice"), ["乙"]);
    // Not a change of the record: the screen's caches stay valid.
    let stamp = a.change_stamp().unwrap();
    a.keep_draft("alice", &draft(units[2], "丁"), wait).unwrap();
    assert_eq!(a.change_stamp().unwrap(), stamp);
    // Another session's TUI tells a draft write from a change of the record.
    let seen = b.write_stamp().unwrap();
    a.keep_draft("alice", &draft(units[2], "丁二"), wait)
        .unwrap();
    assert!(seen.only_drafts_since(&b.write_stamp().unwrap()));
    let seen = b.write_stamp().unwrap();
    let (task, dept) = units[2];
    let version = a.assignment(task, dept).unwrap().unwrap().version;
    a.report_progress(&duban::store::ProgressReport {
        task_id: task,
        department_id: dept,
        percent: duban::domain::Percent::new(55).unwrap(),
        note: "进展情况:丁".into(),
        by: "bob".into(),
        at: at("2024-07-10T02:00:00"),
        expected_version: version,
    })
    .unwrap();
    a.keep_draft("alice", &draft(units[2], "丁三"), wait)
        .unwrap();
    assert!(!seen.only_drafts_since(&b.write_stamp().unwrap()));
    // A file held by another writer: refused as busy after about DRAFT_BUSY_WAIT, not 5 s.
    let holder = rusqlite::Connection::open(&f.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let busy = a.keep_draft("alice", &draft(units[2], "戊"), wait);
    assert!(
        matches!(busy, Err(duban::store::StoreError::Busy)),
        "{busy:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    holder.execute_batch("COMMIT").unwrap();
    a.keep_draft("alice", &draft(units[2], "戊"), wait).unwrap();
}

/// Takes a file back to schema 4: no copies of the schedule on assignments, no triggers keeping
/// them, the narrower department index (and no index of task creation, schema 6).
/// A fresh file back to schema 6: no chain, no merge columns (the triggers that read them are
/// dropped; schema 5's undo below does not need them).
/// Schema 11's tables gone, then 10's, then 9's (their indexes and triggers go with them).
use common::UNDO_SCHEMA_12;

const UNDO_SCHEMA_10: &str = "
    DROP TABLE milestone_reached; DROP TABLE milestone; DROP TABLE investment;
    DROP TABLE project_plan; DROP TABLE project;
    DROP TABLE circular_issue;";

const UNDO_SCHEMA_9: &str = "
    DROP TABLE attachment_data; DROP TABLE attachment; DROP TABLE notice_step;
    DROP TABLE notice; DROP TABLE extension;";

const UNDO_SCHEMA_8: &str = "
    DROP TRIGGER closing_link;
    DROP TRIGGER closing_append_only;
    DROP TRIGGER closing_no_delete;
    DROP TABLE closing;";

const UNDO_SCHEMA_7: &str = "
    DROP TABLE task_past;
    DROP TABLE assignment_past;
    DROP TABLE department_past;
    DROP TABLE setting_past;
    DROP TRIGGER progress_link;
    DROP TRIGGER indicator_actual_link;
    DROP TRIGGER audit_link;
    DROP TRIGGER chain_append_only;
    DROP TRIGGER chain_no_delete;
    DROP TABLE chain;
    DROP TRIGGER progress_append_only;
    CREATE TRIGGER progress_append_only
    BEFORE UPDATE OF id, task_id, percent, note, reported_by, reported_at, undoes ON progress
    BEGIN
        SELECT RAISE(ABORT, 'the progress journal is append-only');
    END;
    DROP TRIGGER assignment_ended;
    DROP INDEX assignment_ended_at;
    DROP TRIGGER assignment_schedule_on_insert;
    DROP TRIGGER task_schedule_to_assignments;
    ALTER TABLE assignment DROP COLUMN ended_at;
    ALTER TABLE department DROP COLUMN merged_at;
    ALTER TABLE department DROP COLUMN merged_into;";

const UNDO_SCHEMA_5: &str = "
    DROP INDEX task_by_created;
    DROP TRIGGER IF EXISTS assignment_schedule_on_insert;
    DROP TRIGGER IF EXISTS task_schedule_to_assignments;
    DROP TRIGGER plan_schedule_to_assignments;
    DROP INDEX task_removed;
    DROP INDEX task_by_number;
    DROP INDEX assignment_by_department;
    CREATE INDEX assignment_by_department ON assignment (department_id, role, percent);
    ALTER TABLE assignment DROP COLUMN starts_on;
    ALTER TABLE assignment DROP COLUMN deadline;
    ALTER TABLE assignment DROP COLUMN weight;
    ALTER TABLE assignment DROP COLUMN removed_at;";

/// Each assignment's copy of its task's schedule, weight and deletion, and what the task and its
/// plan say, side by side.
fn copies_and_truth(c: &rusqlite::Connection) -> Vec<(i64, i64, String, String)> {
    c.prepare(
        "SELECT a.task_id, a.department_id,
                a.starts_on || ' ' || a.deadline || ' ' || a.weight || ' ' || ifnull(a.removed_at, '-'),
                coalesce(t.starts_on, p.starts_on) || ' ' || coalesce(t.deadline, p.ends_on) || ' '
                    || t.weight || ' ' || ifnull(t.deleted_at, '-')
         FROM assignment a JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id
         ORDER BY 1, 2",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn facts(db: &Db, scope: Scope) -> Vec<String> {
    let mut out = Vec::new();
    db.for_each_fact(scope, |f| out.push(format!("{f:?}")))
        .unwrap();
    out.sort();
    out
}

#[test]
fn assignment_copies_follow_every_edit_and_the_fast_rollup_matches_the_join() {
    let f = fixture();
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let agree = |c: &rusqlite::Connection, when: &str| {
        let rows = copies_and_truth(c);
        assert!(!rows.is_empty());
        for (task, dept, copy, truth) in rows {
            assert_eq!(copy, truth, "{when}: task {task}, department {dept}");
        }
    };
    agree(&c, "as loaded");
    // Every way the truth can change, written as plain SQL: the triggers, not duban's code,
    // must keep up.
    let edits = [
        (
            "a task's deadline",
            "UPDATE task SET deadline = '2024-09-30' WHERE id = 1",
        ),
        (
            "a task's start",
            "UPDATE task SET starts_on = '2024-03-01' WHERE id = 2",
        ),
        (
            "a task's weight",
            "UPDATE task SET weight = 2.5 WHERE id = 2",
        ),
        (
            "the deadline removed",
            "UPDATE task SET deadline = NULL WHERE id = 1",
        ),
        (
            "the plan's dates",
            "UPDATE plan SET starts_on = '2024-02-01', ends_on = '2025-06-30'",
        ),
        (
            "a new unit",
            "INSERT INTO assignment (task_id, department_id, role) VALUES (4, 3, 'lead')",
        ),
        (
            "a deletion",
            "UPDATE task SET deleted_at = '2024-05-01T00:00:00Z' WHERE id = 3",
        ),
    ];
    let db = Db::open(&f.path).unwrap();
    for (what, sql) in edits {
        c.execute(sql, []).unwrap();
        agree(&c, what);
        // The whole-plan current read uses the copies; a department's read and an as-of read
        // still join the task. Read far ahead, an as-of read sees today's state.
        let future = at("2030-01-01T00:00:00");
        let joined = facts(
            &db,
            Scope {
                department: None,
                as_of: Some(future),
                plan: None,
            },
        );
        assert_eq!(facts(&db, Scope::default()), joined, "after {what}");
    }
    assert_eq!(
        db.task_count().unwrap(),
        4,
        "the deleted task is not counted"
    );
    assert!(
        duban::store::maintenance::check(&f.path)
            .unwrap()
            .is_clean()
    );

    // A copy written around the triggers is found by `check`.
    c.execute_batch(
        "DROP TRIGGER task_schedule_to_assignments;
         UPDATE task SET deadline = '2024-10-31' WHERE id = 2;",
    )
    .unwrap();
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert_eq!(report.stale_copies, [(2, "2".to_string())]);
    assert!(!report.is_clean());
}

#[test]
fn a_migrated_file_has_the_schema_of_a_new_one() {
    let f = fixture();
    let objects = |c: &rusqlite::Connection| -> Vec<(String, String, String)> {
        let squash = |sql: String| sql.split_whitespace().collect::<Vec<_>>().join(" ");
        c.prepare(
            "SELECT type, name, ifnull(sql, '') FROM sqlite_schema
             WHERE type IN ('index', 'trigger') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, squash(r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let tables = [
        "plan",
        "department",
        "task",
        "assignment",
        "progress",
        "draft",
        "setting",
        "chain",
        "closing",
        "extension",
        "notice",
        "notice_step",
        "attachment",
        "attachment_data",
        "circular_issue",
        "project",
        "project_plan",
        "investment",
        "milestone",
        "milestone_reached",
    ];
    let (fresh, fresh_columns) = {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        let cols: Vec<_> = tables.iter().map(|t| columns(&c, t)).collect();
        (objects(&c), cols)
    };
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute_batch(&format!(
            "{UNDO_SCHEMA_12} {UNDO_SCHEMA_10} {UNDO_SCHEMA_9} {UNDO_SCHEMA_8} {UNDO_SCHEMA_7} {UNDO_SCHEMA_5} PRAGMA user_version = 4;"
        ))
        .unwrap();
        assert_ne!(objects(&c), fresh);
    }
    // Reading an older file migrates a copy in memory, never the file.
    let before = std::fs::read(&f.path).unwrap();
    let reader = Db::open_reader(&f.path).unwrap();
    assert_eq!(reader.schema_version().unwrap(), migrate::SCHEMA_VERSION);
    assert_eq!(reader.tasks(Scope::default()).unwrap().len(), 5);
    drop(reader);
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
    let db = Db::open(&f.path).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrate::SCHEMA_VERSION);
    drop(db);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    assert_eq!(objects(&c), fresh);
    let cols: Vec<_> = tables.iter().map(|t| columns(&c, t)).collect();
    assert_eq!(cols, fresh_columns);
    // The migration filled the copies of the rows that were there.
    for (task, dept, copy, truth) in copies_and_truth(&c) {
        assert_eq!(copy, truth, "task {task}, department {dept}");
    }
    // ... and linked every journal row that was there into the chain, which holds.
    drop(c);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert!(report.chain_links > 0);
}

/// The circular writes its task lists from `for_each_task_existing_at`, one task at a time: it
/// must give the rows `tasks_existing_at` gives, in the same order with the units in the same
/// order, at any instant (tasks added later, a deleted task, units and departments reordered).
#[test]
fn the_task_stream_gives_the_task_list() {
    let (_dir, path, mut db) = common::generated(400, 15, 11);
    let c = rusqlite::Connection::open(&path).unwrap();
    // The units' own order (assignment position, then the department's place in the list) is
    // not the primary key's; some tasks are added in May; one moves to the front of the plan.
    c.execute_batch(
        "UPDATE assignment SET position = (task_id * 7 + department_id * 3) % 4;
         UPDATE department SET position = (id * 5) % 7;
         UPDATE task SET created_at = '2026-05-10T02:00:00Z' WHERE id % 9 = 0;
         UPDATE task SET position = -1 WHERE id = 200;",
    )
    .unwrap();
    drop(c);
    db.delete_task(17, true, "admin", at("2026-06-15T00:00:00"))
        .unwrap();
    let unitless = db
        .tasks_existing_at(at("2026-12-01T00:00:00"), None)
        .unwrap()
        .iter()
        .filter(|t| t.units.is_empty())
        .count();
    assert!(unitless > 0, "the data has a task with no unit");
    for when in [
        "2026-02-01T00:00:00",
        "2026-06-01T00:00:00",
        "2026-06-15T00:00:00",
        "2026-12-01T00:00:00",
    ] {
        let when = at(when);
        let mut streamed = Vec::new();
        db.for_each_task_existing_at(when, None, |t| {
            streamed.push(t.clone());
            Ok(())
        })
        .unwrap();
        let listed = db.tasks_existing_at(when, None).unwrap();
        assert!(!listed.is_empty());
        assert_eq!(streamed, listed, "as of {when}");
    }
    // A department's list (the TUI's task pane) is the whole list's tasks it holds, in the same
    // order, each with all its units in the same order.
    let all = db.tasks(Scope::default()).unwrap();
    for dept in [1, 5, 12] {
        let mine = db
            .tasks(Scope {
                department: Some(dept),
                as_of: None,
                plan: None,
            })
            .unwrap();
        let expected: Vec<_> = all
            .iter()
            .filter(|t| t.units.iter().any(|u| u.department_id == dept))
            .cloned()
            .collect();
        assert!(!mine.is_empty());
        assert_eq!(mine, expected, "department {dept}");
    }
}

/// `gen` loads with the indexes, the schedule-copy trigger and the chain's time index put off
/// until the end (`Loader::defer_indexes`): the file must come out as any other — every copy of a
/// schedule set, every journal row linked in time order, the same triggers and indexes — and the
/// trigger made again must keep working for the next unit added.
#[test]
fn a_generated_file_passes_check_and_its_trigger_works_again() {
    let (_dir, path, db) = common::generated(600, 20, 5);
    let report = duban::store::maintenance::check(&path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.tasks, 600);
    assert!(
        report.journal_rows > 600,
        "reports were written: {report:?}"
    );
    // Every journal row has its link (`is_clean` holds the chain); the plan's audit row has one too.
    assert!(report.chain_links > report.journal_rows, "{report:?}");
    // A unit added after the load gets its schedule from the recreated trigger.
    let c = rusqlite::Connection::open(&path).unwrap();
    let (task, dept): (i64, i64) = c
        .query_row(
            "SELECT t.id, d.id FROM task t, department d
             WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.department_id = d.id)
             ORDER BY t.id, d.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "INSERT INTO assignment (task_id, department_id, role, position) VALUES (?1, ?2, 'co', 9)",
        [task, dept],
    )
    .unwrap();
    let (copied, wanted): (Option<String>, Option<String>) = c
        .query_row(
            "SELECT a.deadline, coalesce(t.deadline, p.ends_on) FROM assignment a
             JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id
             WHERE a.task_id = ?1 AND a.department_id = ?2",
            [task, dept],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(copied.is_some());
    assert_eq!(copied, wanted);
    drop(c);
    drop(db);
    let report = duban::store::maintenance::check(&path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}
