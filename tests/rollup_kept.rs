//! The day's rollup kept in the file (store::rollup_cache, schema 12): whatever is written, and
//! by whom, the status read from the kept parts is the one read from the assignments; parts read
//! before a write are never kept after it; a reader never writes them.

mod common;

use chrono::NaiveDate;
use duban::domain::Percent;
use duban::report::parts::Split;
use duban::report::status::{self, Kept, StatusReport};
use duban::store::rollup_cache::Kept as Keeping;
use duban::store::{Db, MilestoneEdit, MilestoneReach, ProgressReport, Scope};

const ADMIN: &str = "admin";

fn fresh(db: &Db, today: NaiveDate) -> StatusReport {
    let (report, keep) =
        status::build_kept(db, today, Scope::default(), Split::default(), Kept::Ignore).unwrap();
    assert!(keep.is_none(), "an ignoring read offers nothing to keep");
    report
}

/// Reads with the kept parts, keeps what it read anew, and checks both reads against a fresh one.
/// Returns how many parts were read anew.
fn read_and_keep(db: &mut Db, today: NaiveDate, why: &str) -> usize {
    let (report, keep) = status::build_keeping(db, today, Scope::default()).unwrap();
    assert_eq!(report, fresh(db, today), "{why}: read with what is kept");
    let Some(keep) = keep else {
        return 0;
    };
    let parts = keep.departments.len() + keep.chunks.len();
    // A whole pass offers every part; those still kept stay as they are.
    match db.keep_rollup(&keep).unwrap() {
        Keeping::Added(n) => assert!(n > 0 && n <= parts, "{why}: {n} of {parts}"),
        other => panic!("{why}: {other:?}"),
    }
    let (again, nothing) = status::build_keeping(db, today, Scope::default()).unwrap();
    assert_eq!(again, report, "{why}: read from the parts just kept");
    assert!(nothing.is_none(), "{why}: everything is kept now");
    parts
}

fn report(db: &mut Db, task: i64, department: i64, percent: i64, at: &str) {
    let version = db.assignment(task, department).unwrap().unwrap().version;
    db.report_progress(&ProgressReport {
        task_id: task,
        department_id: department,
        percent: Percent::new(percent).unwrap(),
        note: "进展".into(),
        by: ADMIN.into(),
        at: common::at(at),
        expected_version: version,
    })
    .unwrap();
}

fn units(db: &Db, task: i64) -> Vec<i64> {
    let raw = rusqlite::Connection::open(db.path()).unwrap();
    let mut stmt = raw
        .prepare("SELECT department_id FROM assignment WHERE task_id = ?1 ORDER BY position")
        .unwrap();
    stmt.query_map([task], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn every_kind_of_write_leaves_the_kept_rollup_equal_to_a_fresh_read() {
    // Big enough to be read in parts side by side, and to span several chunks of 1,024 tasks.
    let (_dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");

    let first = read_and_keep(&mut db, today, "nothing kept yet");
    assert!(first > 60, "a whole read keeps every part ({first})");
    assert_eq!(read_and_keep(&mut db, today, "all kept"), 0);

    // A report: its department and its chunk are read again, nothing else.
    let task = 1500;
    let dept = units(&db, task)[0];
    report(&mut db, task, dept, 100, "2026-06-14T09:00:00");
    assert_eq!(read_and_keep(&mut db, today, "a report"), 2);

    // Writes around duban: the triggers see them too.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("UPDATE task SET deadline = '2026-06-01' WHERE id = 20;")
        .unwrap();
    read_and_keep(&mut db, today, "a deadline moved");
    raw.execute_batch("UPDATE plan SET ends_on = '2026-06-30' WHERE id = 1;")
        .unwrap();
    read_and_keep(
        &mut db,
        today,
        "the plan's end moved (every task without a deadline)",
    );

    db.delete_task(2999, true, ADMIN, common::at("2026-06-14T10:00:00"))
        .unwrap();
    read_and_keep(&mut db, today, "a task deleted");

    let departments = db.departments().unwrap();
    db.merge_departments(
        departments[3].id,
        departments[4].id,
        ADMIN,
        common::at("2026-06-14T11:00:00"),
    )
    .unwrap();
    read_and_keep(&mut db, today, "two departments merged");

    let behind = 42;
    db.set_milestones(
        behind,
        &[MilestoneEdit {
            id: None,
            name: "开工".into(),
            planned_on: common::day("2026-04-01"),
            share: Some(Percent::new(90).unwrap()),
        }],
        ADMIN,
        common::at("2026-06-14T12:00:00"),
    )
    .unwrap();
    read_and_keep(&mut db, today, "a milestone set");
    let row = db.milestone_rows(behind).unwrap().remove(0);
    db.reach_milestone(&MilestoneReach {
        task_id: behind,
        milestone_id: row.milestone.id,
        department_id: units(&db, behind)[0],
        reached_on: Some(common::day("2026-04-03")),
        note: "",
        expected_last: row.last_reached,
        by: ADMIN,
        at: common::at("2026-06-14T12:30:00"),
        today,
        progress_note: &|_, _, _| String::new(),
    })
    .unwrap();
    read_and_keep(&mut db, today, "a milestone reached");

    db.set_settings(
        &[("light.red_behind".to_string(), "5".to_string())],
        ADMIN,
        common::at("2026-06-14T13:00:00"),
    )
    .unwrap();
    let after_setting = read_and_keep(&mut db, today, "the light rule changed");
    assert!(after_setting > 60, "a new rule reads everything again");

    // The next day: nothing kept holds, and keeping replaces the day before's parts.
    let tomorrow = common::day("2026-06-16");
    assert!(read_and_keep(&mut db, tomorrow, "the next day") > 60);
    // A session begun the day before still reads correctly, but does not replace the later
    // day's parts (two sessions would otherwise replace each other's on every read).
    let (report, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    assert_eq!(report, fresh(&db, today));
    assert_eq!(
        db.keep_rollup(&keep.expect("nothing kept for the day before"))
            .unwrap(),
        Keeping::Superseded
    );
    assert_eq!(
        read_and_keep(&mut db, tomorrow, "the later day's parts stay"),
        0
    );
}

#[test]
fn parts_read_before_a_write_are_not_kept_after_it() {
    let (_dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "first read");

    let task = 700;
    let dept = units(&db, task)[0];
    report(&mut db, task, dept, 100, "2026-06-14T09:00:00");
    let (_, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    let keep = keep.expect("the reported department is read again");

    // Another clerk writes to the same department between the read and the keeping.
    let mut other = Db::open(&path).unwrap();
    report(&mut other, task, dept, 10, "2026-06-14T10:00:00");
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Stale);
    read_and_keep(&mut db, today, "after the refused keeping");

    // A write anywhere refuses the keeping (the count is the file's, not the department's).
    report(&mut db, task, dept, 50, "2026-06-14T11:00:00");
    let (_, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    let keep = keep.unwrap();
    let elsewhere = 2500;
    let unit = units(&other, elsewhere)[0];
    report(&mut other, elsewhere, unit, 77, "2026-06-14T12:00:00");
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Stale);

    // Another clerk holding the write lock: nothing is kept and nobody waits.
    let (_, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    let keep = keep.unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Busy);
    raw.execute_batch("ROLLBACK").unwrap();
    read_and_keep(&mut db, today, "after the lock");
}

#[test]
fn a_reader_reads_the_kept_parts_and_never_writes_them() {
    let (_dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "kept by the writer");
    let task = 900;
    let dept = units(&db, task)[0];
    report(&mut db, task, dept, 100, "2026-06-14T09:00:00");

    let before = std::fs::read(&path).unwrap();
    let reader = Db::open_reader(&path).unwrap();
    let (report, keep) = status::build_keeping(&reader, today, Scope::default()).unwrap();
    assert_eq!(report, fresh(&reader, today));
    let keep = keep.expect("the reported department is read again");
    let mut reader = reader;
    assert!(
        reader.keep_rollup(&keep).is_err(),
        "a reader's connection may not write"
    );
    drop(reader);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file's bytes are unchanged"
    );
}

#[test]
fn a_bulk_load_leaves_nothing_kept() {
    let (_dir, _path, mut db) = common::generated(1500, 30, 3);
    let check = duban::store::maintenance::check(db.path()).unwrap();
    assert!(
        check.schema_objects.is_empty(),
        "{:?}",
        check.schema_objects
    );
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "kept");
    // A load that sets the indexes and the kept rollup's triggers aside (`gen`'s) makes them
    // again after it, drops every kept part, and counts as a write.
    let (_, keep) = {
        let raw = rusqlite::Connection::open(db.path()).unwrap();
        raw.execute_batch("DELETE FROM rollup_tasks WHERE chunk = 0")
            .unwrap();
        status::build_keeping(&db, today, Scope::default()).unwrap()
    };
    let keep = keep.expect("chunk 0 read again");
    db.load(common::at("2026-03-02T00:00:00"), |l| l.defer_indexes())
        .unwrap();
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Stale);
    assert!(
        read_and_keep(&mut db, today, "after the load") > 30,
        "everything read again"
    );
    let check = duban::store::maintenance::check(db.path()).unwrap();
    assert!(
        check.schema_objects.is_empty(),
        "{:?}",
        check.schema_objects
    );
}

#[path = "support/cli.rs"]
mod cli;

#[test]
fn check_compares_the_kept_parts_with_a_fresh_count_and_can_drop_them() {
    let (_dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "kept");
    let drift = status::kept_drift(&db).unwrap().expect("parts kept");
    assert_eq!(drift.day, today);
    assert!(drift.parts > 60, "{drift:?}");
    assert!(drift.departments.is_empty() && drift.chunks.is_empty());

    let file = path.to_str().unwrap();
    let check = |args: &[&str]| {
        let out = cli::command()
            .args(["--lang", "en", "--db", file])
            .arg("check")
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, text) = check(&[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("kept for 2026-06-15 agree with a fresh count"),
        "{text}"
    );

    // Figures written around the triggers (nothing in duban writes them so).
    let department = db.departments().unwrap()[5].clone();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE rollup_department SET red = red + 1 WHERE department_id = ?1",
        [department.id],
    )
    .unwrap();
    raw.execute_batch("UPDATE rollup_tasks SET done = done + 1 WHERE chunk = 1")
        .unwrap();
    let drift = status::kept_drift(&db).unwrap().unwrap();
    assert_eq!(drift.departments, [department.id]);
    assert_eq!(drift.chunks, [(1024, 2047)]);
    let (code, text) = check(&[]);
    assert_eq!(code, Some(3), "{text}");
    assert!(
        text.contains(&format!("{} differs from a fresh count", department.name)),
        "{text}"
    );
    assert!(text.contains("tasks #1024–#2047"), "{text}");
    assert!(text.contains("duban check --drop-kept"), "{text}");

    let (code, text) = check(&["--drop-kept"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(status::kept_drift(&db).unwrap().is_none(), "nothing kept");
    let (code, text) = check(&[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(read_and_keep(&mut db, today, "counted again") > 60);
}

#[test]
fn figures_read_before_a_restore_are_not_kept_into_the_restored_file() {
    let (dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "kept before the backup");
    let backup = dir.path().join("backup.db");
    db.backup_into(&backup).unwrap();
    // Writes after the backup, then a session reads the dropped parts …
    for (k, task) in [300, 301, 302].into_iter().enumerate() {
        let dept = units(&db, task)[0];
        report(&mut db, task, dept, 90, &format!("2026-06-14T1{k}:00:00"));
    }
    let (_, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    let keep = keep.expect("the reported departments read again");
    // A backup whose write count happens to be the one the session read (the count alone could
    // not tell the two files apart) …
    rusqlite::Connection::open(&backup)
        .unwrap()
        .execute("UPDATE rollup_state SET writes = ?1", [keep.writes])
        .unwrap();
    // … is restored before the session keeps them.
    duban::store::maintenance::restore(&backup, &path, ADMIN, common::at("2026-06-14T20:00:00"))
        .unwrap();
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Stale);
    assert!(
        read_and_keep(&mut db, today, "after the restore") > 60,
        "the restored file keeps nothing: everything is counted again"
    );
}

#[test]
fn another_session_sees_a_keeping_as_nothing_to_read_again() {
    let (_dir, path, mut db) = common::generated(3000, 60, 7);
    let today = common::day("2026-06-15");
    let other = Db::open(&path).unwrap();
    let seen = other.write_stamp().unwrap();
    read_and_keep(&mut db, today, "kept");
    let now = other.write_stamp().unwrap();
    assert_ne!(seen, now, "the keeping is seen");
    assert!(seen.only_drafts_since(&now), "but shows nothing new");

    // A report is a change of the record, kept figures or not.
    let task = 1200;
    let dept = units(&db, task)[0];
    report(&mut db, task, dept, 100, "2026-06-14T09:00:00");
    read_and_keep(&mut db, today, "after the report");
    assert!(!now.only_drafts_since(&other.write_stamp().unwrap()));

    // The same day's parts kept by another build of duban are left to it.
    let (_, keep) = {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("DELETE FROM rollup_tasks WHERE chunk = 1")
            .unwrap();
        status::build_keeping(&db, today, Scope::default()).unwrap()
    };
    let mut keep = keep.unwrap();
    keep.basis = format!("{today} 99.0.0/rollup-1");
    assert_eq!(db.keep_rollup(&keep).unwrap(), Keeping::Superseded);
}

#[test]
fn kept_figures_dropped_around_duban_are_counted_instead() {
    let (_dir, path, mut db) = common::generated(1500, 30, 3);
    let today = common::day("2026-06-15");
    read_and_keep(&mut db, today, "kept");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(common::UNDO_SCHEMA_12)
        .unwrap();
    let (report, keep) = status::build_keeping(&db, today, Scope::default()).unwrap();
    assert_eq!(report, fresh(&db, today));
    assert!(keep.is_none(), "nothing to keep into");
}
