//! A duban process never drops its own SQLite locks on the database file. POSIX drops every lock a
//! process holds on a file when the process closes any descriptor of it: a header read through a
//! fresh descriptor (a reader opened beside a session, the parts of a status read side by side)
//! used to drop the SHARED lock of the session's WAL connection, and another program's SQLite
//! closing its connection (the sqlite3 shell, Python's) then deleted the -wal with the session's
//! later commits in it.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use duban::report::parts::Split;
use duban::report::status;
use duban::store::{Db, Scope};

/// Whether this process holds SQLite's SHARED lock (its byte range above the pending byte) on
/// the file, as /proc/locks lists it.
fn holds_shared_lock(path: &Path) -> bool {
    let ino = std::fs::metadata(path).unwrap().ino();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .any(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            // "1: POSIX  ADVISORY  READ 4242 fe:00:123 1073741826 1073742335"
            f.len() >= 8
                && f[1] == "POSIX"
                && f[4] == pid
                && f[5].rsplit(':').next() == Some(ino.to_string().as_str())
                && f[6] == "1073741826"
        })
}

#[test]
fn readers_opened_and_closed_beside_a_session_leave_its_lock() {
    let (_dir, path, db) = common::generated(3000, 20, 5);
    drop(db);
    let session = Db::open(&path).unwrap();
    session.departments().unwrap();
    assert!(
        holds_shared_lock(&path),
        "a WAL connection keeps a SHARED lock"
    );

    // The TUI's reader thread, a command's second connection, a writer opened and closed.
    drop(Db::open_reader(&path).unwrap());
    assert!(holds_shared_lock(&path), "after a reader closed");
    drop(Db::open(&path).unwrap());
    assert!(holds_shared_lock(&path), "after a writer closed");
    // A status read in parts side by side, each part on a connection of its own.
    let split = Split { from: 0, parts: 3 };
    let report =
        status::build_split(&session, common::day("2026-06-15"), Scope::default(), split).unwrap();
    assert_eq!(report.read_in_parts, 3);
    assert!(holds_shared_lock(&path), "after a status read in parts");
    // `check` reads the file through connections of its own.
    duban::store::maintenance::check(&path).unwrap();
    assert!(holds_shared_lock(&path), "after a check");
}
