//! The progress journal in the store: undo (a compensating row, never an edit), the reads behind
//! `duban log` and their query plans, and a schema-1 file migrated with its journal intact.

mod common;

use std::ops::ControlFlow;
use std::path::Path;

use common::{at, fixture};
use duban::domain::{ClerkRole, Denied, Percent};
use duban::store::{Clerk, Db, JournalQuery, JournalRow, ProgressReport, StoreError};

fn dept_id(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

/// (percent, note, by) of an assignment's journal, oldest first.
fn history(db: &Db, task: i64, dept: i64) -> Vec<(u8, String, String)> {
    db.history(task, dept)
        .unwrap()
        .into_iter()
        .map(|e| (e.percent.value(), e.note, e.reported_by))
        .collect()
}

fn entry(percent: u8, note: &str, by: &str) -> (u8, String, String) {
    (percent, note.to_string(), by.to_string())
}

fn rows(db: &Db, q: &JournalQuery) -> Vec<JournalRow> {
    let mut out = Vec::new();
    db.for_each_journal_row(q, |r| {
        out.push(r);
        ControlFlow::Continue(())
    })
    .unwrap();
    out
}

fn journal_len(db: &Db) -> usize {
    rows(db, &JournalQuery::default()).len()
}

/// The fixture's task 1 (区经济和信息化局 reported 20, 60, 100, all by alice): (db, task, dept,
/// id of each of alice's entries).
fn task_one(path: &Path) -> (Db, i64, i64, Vec<i64>) {
    let db = Db::open(path).unwrap();
    let jxj = dept_id(&db, "区经济和信息化局");
    let ids = db.history(1, jxj).unwrap().iter().map(|e| e.id).collect();
    (db, 1, jxj, ids)
}

fn report(task: i64, dept: i64, percent: i64, by: &str, expected_version: i64) -> ProgressReport {
    ProgressReport {
        task_id: task,
        department_id: dept,
        percent: Percent::new(percent).unwrap(),
        note: String::new(),
        by: by.to_string(),
        at: at("2024-08-05T00:00:00"),
        expected_version,
    }
}

#[test]
fn undo_puts_back_the_value_and_note_before_with_a_row_that_names_the_entry() {
    let f = fixture();
    let (mut db, task, jxj, ids) = task_one(&f.path);
    assert_eq!(ids.len(), 3);
    let version = db.assignment(task, jxj).unwrap().unwrap().version;

    let undone = db
        .undo_progress(ids[2], "alice", at("2024-08-02T00:00:00"))
        .unwrap();
    assert_eq!(undone.undone.id, ids[2]);
    assert_eq!(undone.undone.percent.value(), 100);
    assert_eq!(undone.restored.state.percent.value(), 60);
    assert_eq!(undone.restored.state.version, version + 1);
    let now = db.assignment(task, jxj).unwrap().unwrap();
    assert_eq!((now.percent.value(), now.version), (60, version + 1));
    assert_eq!(now.updated_by.as_deref(), Some("alice"));
    // Appended, never edited: the undone entry is still there, and the new row names it.
    assert_eq!(
        history(&db, task, jxj),
        [
            entry(20, "进展情况:启动", "alice"),
            entry(60, "进展情况:过半", "alice"),
            entry(100, "进展情况:完成", "alice"),
            entry(60, "进展情况:过半", "alice"),
        ]
    );
    let newest = &rows(
        &db,
        &JournalQuery {
            task_id: Some(task),
            department_id: Some(jxj),
            limit: Some(1),
            ..Default::default()
        },
    )[0];
    assert_eq!(
        (newest.id, newest.undoes),
        (undone.restored.entry_id, Some(ids[2]))
    );

    // Once only; an undo row is not itself undone.
    let count = journal_len(&db);
    for id in [ids[2], undone.restored.entry_id] {
        assert!(matches!(
            db.undo_progress(id, "alice", at("2024-08-03T00:00:00")),
            Err(StoreError::NothingToUndo)
        ));
    }
    assert_eq!(journal_len(&db), count);

    // The entry before it can be undone in turn.
    let again = db
        .undo_progress(ids[1], "alice", at("2024-08-03T00:00:00"))
        .unwrap();
    assert_eq!(again.restored.state.percent.value(), 20);
    assert_eq!(
        history(&db, task, jxj).last().unwrap(),
        &entry(20, "进展情况:启动", "alice")
    );
}

#[test]
fn undo_of_a_first_report_goes_back_to_zero_and_no_note() {
    let f = fixture();
    let mut db = Db::open(&f.path).unwrap();
    let xh = dept_id(&db, "星海街道");
    db.add_clerk(
        &Clerk {
            username: "carol".into(),
            display_name: None,
            department_id: Some(xh),
            role: ClerkRole::Editor,
        },
        "bob",
        at("2024-08-01T00:00:00"),
    )
    .unwrap();
    let first = db.history(2, xh).unwrap()[0].id;
    let undone = db
        .undo_progress(first, "carol", at("2024-08-02T00:00:00"))
        .unwrap();
    assert_eq!(undone.restored.state.percent, Percent::ZERO);
    assert_eq!(history(&db, 2, xh).last().unwrap(), &entry(0, "", "carol"));
}

#[test]
fn undo_is_refused_once_another_clerk_has_reported() {
    let f = fixture();
    let (mut db, task, jxj, ids) = task_one(&f.path);
    let version = db.assignment(task, jxj).unwrap().unwrap().version;
    db.report_progress(&report(task, jxj, 80, "bob", version))
        .unwrap();
    let count = journal_len(&db);
    match db.undo_progress(ids[2], "alice", at("2024-08-06T00:00:00")) {
        Err(StoreError::UndoOverwritten { by }) => assert_eq!(by, "bob"),
        other => panic!("expected UndoOverwritten, got {other:?}"),
    }
    assert_eq!(journal_len(&db), count);
    assert_eq!(
        db.assignment(task, jxj).unwrap().unwrap().percent.value(),
        80
    );
}

#[test]
fn undo_never_drops_the_users_own_later_report_but_takes_saves_back_newest_first() {
    let f = fixture();
    // alice reported 20, 60, 100: undoing the 60 would put back 20 and lose her 100.
    let (mut db, _task, _jxj, ids) = task_one(&f.path);
    let count = journal_len(&db);
    match db.undo_progress(ids[1], "alice", at("2024-08-06T00:00:00")) {
        Err(StoreError::UndoOverwritten { by }) => assert_eq!(by, "alice"),
        other => panic!("expected UndoOverwritten, got {other:?}"),
    }
    assert_eq!(journal_len(&db), count);
    // Newest first works: 100 is taken back, then 60, which is now the latest standing one.
    db.undo_progress(ids[2], "alice", at("2024-08-06T00:00:00"))
        .unwrap();
    let undone = db
        .undo_progress(ids[1], "alice", at("2024-08-06T00:01:00"))
        .unwrap();
    assert_eq!(undone.restored.state.percent.value(), 20);
}

#[test]
fn undo_of_someone_elses_entry_is_refused_even_for_an_admin() {
    let f = fixture();
    let (mut db, task, jxj, ids) = task_one(&f.path);
    let count = journal_len(&db);
    // bob is an admin, but the entry is alice's.
    assert!(matches!(
        db.undo_progress(ids[2], "bob", at("2024-08-02T00:00:00")),
        Err(StoreError::NothingToUndo)
    ));
    assert!(matches!(
        db.undo_progress(999_999, "alice", at("2024-08-02T00:00:00")),
        Err(StoreError::NothingToUndo)
    ));
    assert_eq!(journal_len(&db), count);
    assert_eq!(
        db.assignment(task, jxj).unwrap().unwrap().percent.value(),
        100
    );
}

#[test]
fn undo_needs_the_right_to_report_now() {
    let f = fixture();
    let (mut db, _, jxj, ids) = task_one(&f.path);
    db.set_clerk_role(
        "alice",
        ClerkRole::Viewer,
        Some(jxj),
        "bob",
        at("2024-08-01T00:00:00"),
    )
    .unwrap();
    let count = journal_len(&db);
    match db.undo_progress(ids[2], "alice", at("2024-08-02T00:00:00")) {
        Err(StoreError::Forbidden { user, why }) => {
            assert_eq!((user.as_str(), why), ("alice", Denied::Viewer))
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert_eq!(journal_len(&db), count);
}

#[test]
fn journal_filters_walk_indexes_not_the_whole_journal() {
    let f = fixture();
    let db = Db::open(&f.path).unwrap();
    let since = Some(at("2024-06-01T00:00:00"));
    for (task_id, department_id) in [(Some(1), None), (None, Some(1)), (Some(1), Some(1))] {
        for since in [None, since] {
            let q = JournalQuery {
                task_id,
                department_id,
                since,
                limit: Some(20),
                plan: None,
            };
            let plan = db.journal_query_plan(&q).unwrap();
            assert!(
                plan.iter().all(|step| !step.starts_with("SCAN")),
                "{q:?}: {plan:?}"
            );
            assert!(
                plan.iter().any(|s| s.contains("progress_by_assignment")),
                "{q:?}: {plan:?}"
            );
        }
    }
    // Everything, newest first: walks the time index backwards and stops at the limit (no sort).
    let plan = db
        .journal_query_plan(&JournalQuery {
            limit: Some(20),
            ..Default::default()
        })
        .unwrap();
    assert!(
        plan.iter().any(|s| s.contains("progress_by_time")),
        "{plan:?}"
    );
    assert!(
        !plan
            .iter()
            .any(|s| s.starts_with("SCAN") || s.contains("TEMP B-TREE")),
        "{plan:?}"
    );
}

#[test]
fn journal_rows_carry_names_and_come_newest_first() {
    let f = fixture();
    let db = Db::open(&f.path).unwrap();
    let all = rows(&db, &JournalQuery::default());
    assert_eq!(all.len(), 8);
    assert_eq!(
        (
            all[0].task_number.as_str(),
            all[0].department.as_str(),
            all[0].percent.value(),
            all[0].reported_at.as_str()
        ),
        ("1", "区经济和信息化局", 100, "2024-08-01T02:00:00Z")
    );
    assert!(all.windows(2).all(|w| w[0].reported_at >= w[1].reported_at));
    let jxj = dept_id(&db, "区经济和信息化局");
    let mine = rows(
        &db,
        &JournalQuery {
            department_id: Some(jxj),
            since: Some(at("2024-06-01T00:00:00")),
            ..Default::default()
        },
    );
    let percents: Vec<u8> = mine.iter().map(|r| r.percent.value()).collect();
    assert_eq!(percents, [100, 60]);
}

const SCHEMA_V1: &str = include_str!("fixtures/schema_v1.sql");

/// A file as duban wrote it before undo existed: schema 1, a plan, a unit, a task, two reports.
fn schema_1_file(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(SCHEMA_V1).unwrap();
    c.pragma_update(None, "application_id", 0x6475_626E)
        .unwrap();
    c.pragma_update(None, "user_version", 1).unwrap();
    c.execute_batch(
        "INSERT INTO plan (id, title, starts_on, ends_on, created_at)
             VALUES (1, '旧计划', '2024-01-01', '2024-12-31', '2024-01-01T00:00:00Z');
         INSERT INTO department (id, name) VALUES (1, '区经信局');
         INSERT INTO task (id, plan_id, number, title, position, created_at, updated_at)
             VALUES (1, 1, '(一)1', '旧任务', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
         INSERT INTO assignment (task_id, department_id, role, percent, updated_at, updated_by, version)
             VALUES (1, 1, 'lead', 30, '2024-04-01T00:00:00Z', 'alice', 2);
         INSERT INTO progress (id, task_id, department_id, percent, note, reported_by, reported_at)
             VALUES (1, 1, 1, 10, '进展情况:启动', 'alice', '2024-03-01T00:00:00Z'),
                    (2, 1, 1, 30, '进展情况:推进', 'alice', '2024-04-01T00:00:00Z');
         INSERT INTO clerk (username, department_id, role) VALUES ('alice', 1, 'editor');",
    )
    .unwrap();
}

#[test]
fn a_schema_1_file_is_migrated_with_its_journal_and_undo_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    schema_1_file(&path);

    let mut db = Db::open(&path).unwrap();
    assert_eq!(
        db.schema_version().unwrap(),
        duban::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(db.plans().unwrap()[0].title, "旧计划");
    assert_eq!(
        history(&db, 1, 1),
        [
            entry(10, "进展情况:启动", "alice"),
            entry(30, "进展情况:推进", "alice")
        ]
    );
    let state = db.assignment(1, 1).unwrap().unwrap();
    assert_eq!((state.percent.value(), state.version), (30, 2));
    let old = rows(&db, &JournalQuery::default());
    assert!(old.iter().all(|r| r.undoes.is_none()), "{old:?}");
    assert_eq!(db.find_tasks_by_number("（一）1").unwrap()[0].id, 1);

    // Undo, new in schema 2, works on entries written under schema 1.
    let undone = db
        .undo_progress(2, "alice", at("2024-05-01T00:00:00"))
        .unwrap();
    assert_eq!(undone.restored.state.percent.value(), 10);
    let newest = &rows(&db, &JournalQuery::default())[0];
    assert_eq!(
        (newest.undoes, newest.note.as_str()),
        (Some(2), "进展情况:启动")
    );
    assert!(matches!(
        db.undo_progress(2, "alice", at("2024-05-02T00:00:00")),
        Err(StoreError::NothingToUndo)
    ));
    // Reports go on as before.
    let version = db.assignment(1, 1).unwrap().unwrap().version;
    db.report_progress(&report(1, 1, 50, "alice", version))
        .unwrap();
    drop(db);

    // The migrated trigger guards the new column too, and opening again changes nothing.
    let c = rusqlite::Connection::open(&path).unwrap();
    assert!(
        c.execute(
            "UPDATE progress SET undoes = NULL WHERE undoes IS NOT NULL",
            []
        )
        .is_err()
    );
    drop(c);
    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.schema_version().unwrap(),
        duban::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(journal_len(&db), 4);
}
