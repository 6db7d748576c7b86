//! Bad database files as a clerk meets them: zero-length, truncated, damaged inside, someone
//! else's SQLite file, a directory, a file locked by a long write, a read-only filesystem, a full
//! disk. Each gets one plain line and exit code 2 (3 for `check`'s findings), never a panic or a
//! backtrace, and the file is left byte for byte as it was.
//!
//! The read-only and full-disk cases mount a small tmpfs (root on Linux); where mounting is not
//! allowed they say so on stderr and check nothing else.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cli::{assert_refused, duban_en as duban, duban_en_with_input, err, p};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn demo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let o = duban(&["demo", p(&path), "--no-open"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    path
}

const UPDATE: [&str; 7] = [
    "update",
    "--task",
    "1",
    "--dept",
    "经信局",
    "--percent",
    "55",
];

fn update(db: &Path) -> Output {
    let mut args = vec!["--db", p(db)];
    args.extend(UPDATE);
    duban(&args)
}

#[test]
fn broken_and_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = demo(dir.path(), "good.db");
    let whole = bytes(&good);

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &whole[..whole.len() / 3]).unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "会议纪要\n").unwrap();
    let folder = dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();

    for (file, needle) in [
        (&empty, "empty"),
        (&truncated, "damaged"),
        (&foreign, "left untouched"),
        (&text, "left untouched"),
    ] {
        let before = bytes(file);
        for args in [
            vec!["--db", p(file), "status"],
            vec!["--db", p(file), "check"],
            {
                let mut a = vec!["--db", p(file)];
                a.extend(UPDATE);
                a
            },
        ] {
            let o = duban(&args);
            assert_refused(&o, 2, needle);
            assert_eq!(bytes(file), before, "{file:?} untouched by {args:?}");
        }
    }
    assert_refused(&update(&folder), 2, "directory");
}

#[test]
fn a_file_damaged_inside_is_reported_by_check_and_refused_for_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "d.db");
    // Scribble over pages in the middle, as a failing disk or a bad copy would.
    let mut data = bytes(&db);
    let page = 4096;
    for b in &mut data[page * 8..page * 20] {
        *b = 0xA5;
    }
    std::fs::write(&db, &data).unwrap();
    let o = duban(&["--db", p(&db), "check"]);
    let code = o.status.code();
    assert!(code == Some(3) || code == Some(2), "{o:?}");
    if code == Some(3) {
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("integrity"),
            "{o:?}"
        );
    }
    assert_eq!(bytes(&db), data, "check never writes");
    let o = update(&db);
    assert_ne!(o.status.code(), Some(0), "a damaged file takes no report");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("BACKTRACE"),
        "{err}"
    );
}

#[test]
fn a_file_locked_by_a_long_write_is_waited_for_then_refused_and_readers_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "d.db");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Readers are not blocked by a writer (WAL).
    let o = duban(&["--db", p(&db), "status"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let started = Instant::now();
    let o = update(&db);
    assert_refused(&o, 2, "busy");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(4),
        "waited the busy timeout: {waited:?}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let o = duban(&["--db", p(&db), "log", "--limit", "1", "--json"]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_ne!(log[0]["percent"], 55, "the refused report is not there");
    assert!(update(&db).status.success(), "works once the lock is gone");
}

/// A small tmpfs, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(dir: &Path, size: &str) -> Option<Mount> {
        let at = dir.join("mnt");
        std::fs::create_dir_all(&at).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                p(&at),
            ])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: this machine does not let the test mount a tmpfs");
            return None;
        }
        Some(Mount(at))
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro", p(&self.0)])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn free_bytes(&self) -> u64 {
        let o = Command::new("df")
            .args(["--output=avail", "-B1", p(&self.0)])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .nth(1)
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_filesystem_refuses_the_write_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo(dir.path(), "d.db");
    let Some(mnt) = Mount::new(dir.path(), "4m") else {
        return;
    };
    let db = mnt.0.join("d.db");
    std::fs::copy(&source, &db).unwrap();
    // As a clerk's session leaves it: in WAL mode, side files gone.
    assert!(duban(&["--db", p(&db), "status"]).status.success());
    let before = bytes(&db);
    mnt.remount_read_only();
    assert_refused(&update(&db), 2, "read-only");
    // Reading needs no write: a file on a read-only mount is still read (as immutable: no side
    // file can be made there, and no session can be writing it).
    let o = duban(&["--db", p(&db), "status"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(bytes(&db), before);
}

#[test]
fn a_full_disk_refuses_the_write_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo(dir.path(), "d.db");
    let Some(mnt) = Mount::new(dir.path(), "1m") else {
        return;
    };
    let db = mnt.0.join("d.db");
    std::fs::copy(&source, &db).unwrap();
    let filler = mnt.0.join("filler");
    let before = bytes(&db);
    // As long as a note may be (10,000 characters, about 30 KB).
    let note = "进展".repeat(4_900);
    // Two ways to be full: no room even for the WAL index, and room to open but not to write.
    for leave in [0u64, 40 * 1024] {
        let room = mnt.free_bytes().saturating_sub(leave);
        std::fs::write(&filler, vec![0u8; room as usize]).unwrap_or(());
        let mut args = vec!["--db", p(&db)];
        args.extend(UPDATE);
        args.extend(["--note", "-"]);
        let o = duban_en_with_input(&args, note.as_bytes());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("disk is full") || err.contains("full disk"),
            "{err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("BACKTRACE"),
            "{err}"
        );
        std::fs::remove_file(&filler).unwrap();
        let o = duban(&["--db", p(&db), "check"]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
    }
    let o = duban(&["--db", p(&db), "log", "--limit", "1", "--json"]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_ne!(log[0]["percent"], 55, "nothing half-saved");
    let _ = before;
}
