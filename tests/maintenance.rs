//! `duban check`, `duban backup` and `duban restore` as a user runs them: a clean file passes, a
//! damaged one is reported and left byte for byte as it was; a backup taken while a clerk writes
//! is whole and consistent; a restore asks first, refuses a bad backup, and never deletes a file.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use cli::{duban, err, out, p};
use duban::domain::Percent;
use duban::store::{Db, ProgressReport, StoreError, maintenance};

fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("d.db");
    let o = duban(&["demo", p(&path), "--no-open"]);
    assert!(o.status.success(), "{}", err(&o));
    path
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Writes to the file behind duban's back, as someone with `sqlite3` could.
fn tamper(path: &Path, sql: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    c.execute_batch(sql).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
}

#[test]
fn check_passes_a_clean_file_and_reports_a_damaged_one_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = duban(&["--db", p(&db), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("检查通过"), "{}", out(&o));

    // A current value that its journal does not explain, and a report of a task that is gone.
    tamper(
        &db,
        "UPDATE assignment SET percent = 7
          WHERE task_id = (SELECT min(task_id) FROM assignment WHERE percent <> 7);
         DROP TRIGGER progress_link;
         INSERT INTO progress (task_id, department_id, percent, note, reported_by, reported_at)
         VALUES (999999, 1, 5, '', 'x', '2026-01-01T00:00:00Z');",
    );
    let before = bytes(&db);
    let o = duban(&["--db", p(&db), "check"]);
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("当前值与记录不符"), "{text}");
    assert!(text.contains("外键:progress"), "{text}");
    assert!(text.contains("文件未作任何改动"), "{text}");
    assert_eq!(bytes(&db), before, "check never writes");

    // Not a database: the usual one-line refusal.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let o = duban(&["--db", p(&junk), "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(bytes(&junk), b"not a database");
}

#[test]
fn a_backup_taken_while_a_clerk_writes_is_whole_and_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut db = Db::open(&path).unwrap();
            let (task, dept) = {
                let row = db.tasks(Default::default()).unwrap().remove(0);
                (row.id, row.units[0].department_id)
            };
            let mut saved: i64 = 0;
            while !stop.load(Ordering::Relaxed) {
                let version = db.assignment(task, dept).unwrap().unwrap().version;
                db.report_progress(&ProgressReport {
                    task_id: task,
                    department_id: dept,
                    percent: Percent::new(saved % 100).unwrap(),
                    note: format!("第 {saved} 次"),
                    by: "root".into(),
                    at: cli::pinned_now(),
                    expected_version: version,
                })
                .unwrap();
                saved += 1;
            }
            saved
        })
    };
    let mut backups = Vec::new();
    for k in 0..5 {
        let dest = dir.path().join(format!("b{k}.db"));
        let o = duban(&["--db", p(&path), "backup", p(&dest)]);
        assert!(o.status.success(), "{}", err(&o));
        backups.push(dest);
    }
    stop.store(true, Ordering::Relaxed);
    let saved = writer.join().unwrap();
    assert!(saved > 0);
    for b in &backups {
        // Each backup is one snapshot: its journal explains every current value.
        let report = maintenance::check(b).unwrap();
        assert!(report.is_clean(), "{b:?}: {report:?}");
        assert!(
            !Path::new(&format!("{}-wal", p(b))).exists(),
            "self-contained"
        );
    }
    // An existing file is not replaced without --force.
    let before = bytes(&backups[0]);
    let o = duban(&["--db", p(&path), "backup", p(&backups[0])]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--force"), "{}", err(&o));
    assert_eq!(bytes(&backups[0]), before);
}

#[test]
fn restore_asks_first_checks_the_backup_and_keeps_what_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = dir.path().join("b.db");
    assert!(
        duban(&["--db", p(&db), "backup", p(&backup)])
            .status
            .success()
    );
    let o = duban(&[
        "--db",
        p(&db),
        "update",
        "--task",
        "1",
        "--dept",
        "经信局",
        "--percent",
        "3",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let changed = bytes(&db);

    let o = duban(&["--db", p(&db), "restore", p(&backup)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--force"), "{}", err(&o));
    assert_eq!(bytes(&db), changed, "no --force, no change");

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![0u8; 4096]).unwrap();
    let o = duban(&["--db", p(&db), "restore", p(&garbage), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("不可用"), "{}", err(&o));
    assert_eq!(bytes(&db), changed, "a bad backup changes nothing");

    // Only an admin of the file may replace it.
    let refused = maintenance::restore(&backup, &db, "zhangli", cli::pinned_now());
    assert!(
        matches!(refused, Err(StoreError::Forbidden { .. })),
        "{refused:?}"
    );

    let o = duban(&["--db", p(&db), "restore", p(&backup), "--force"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = duban(&["--db", p(&db), "log", "--limit", "1", "--json"]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_ne!(log[0]["percent"], 3, "the report after the backup is gone");
    let o = duban(&["--db", p(&db), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let audit: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'restore'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1);

    // A file that is not a duban database is moved aside, never deleted.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "a clerk's notes").unwrap();
    let o = duban(&["--db", p(&junk), "restore", p(&backup), "--force"]);
    assert!(o.status.success(), "{}", err(&o));
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.to_string_lossy().contains("junk.db.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(bytes(&kept[0]), b"a clerk's notes");
    assert!(maintenance::check(&junk).unwrap().is_clean());
}

#[test]
fn init_shared_gives_the_directory_file_and_wal_files_to_the_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    let path = office.join("duban.db");
    // A group other than our own where the system has one, so that the change is visible.
    let group = ["users", "daemon"]
        .into_iter()
        .find(|g| duban::identity::group_id(g).is_some())
        .expect("a group to share with");
    let gid = duban::identity::group_id(group).unwrap();
    let o = duban(&["init", "--shared", "--group", group, p(&path)]);
    assert!(o.status.success(), "{}", err(&o));
    let meta = |p: &Path| std::fs::metadata(p).unwrap();
    assert_eq!(meta(&office).gid(), gid);
    assert_eq!(meta(&office).mode() & 0o7777, 0o2770);
    assert_eq!(meta(&path).gid(), gid);
    assert_eq!(meta(&path).mode() & 0o777, 0o660);

    // A clerk's session creates the WAL side files: they get the group and its write bit too.
    let db = Db::open(&path).unwrap();
    db.clerks().unwrap();
    for side in ["-wal", "-shm"] {
        let f = PathBuf::from(format!("{}{side}", p(&path)));
        assert_eq!(meta(&f).gid(), gid, "{side}");
        assert_eq!(meta(&f).mode() & 0o060, 0o060, "{side} group read/write");
    }
    drop(db);

    let o = duban(&[
        "init",
        "--shared",
        "--group",
        "no-such-group-duban",
        p(&office.join("x.db")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no-such-group-duban"), "{}", err(&o));
    assert!(!office.join("x.db").exists());
}

/// The restore's audit row is written with the data it records: a restore that cannot write its
/// row (here a trigger in the backup refuses it; a kill -9 at the wrong moment is the real case)
/// leaves the database as it was, not restored without a trace.
#[test]
fn a_restore_and_its_audit_row_are_one_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = dir.path().join("b.db");
    assert!(
        duban(&["--db", p(&db), "backup", p(&backup)])
            .status
            .success()
    );
    tamper(
        &backup,
        "UPDATE plan SET title = title || '(备份)';
         CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'no'); END;",
    );
    let before = bytes(&db);
    let failed = maintenance::restore(
        &backup,
        &db,
        &duban::identity::os_login(),
        cli::pinned_now(),
    );
    assert!(failed.is_err(), "{failed:?}");
    assert!(
        bytes(&db) == before,
        "nothing restored without its audit row"
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restoring"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // Without the trigger the restore lands, and its row is there.
    tamper(&backup, "DROP TRIGGER refuse_audit;");
    maintenance::restore(
        &backup,
        &db,
        &duban::identity::os_login(),
        cli::pinned_now(),
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'database' AND action = 'restore'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1);
}
