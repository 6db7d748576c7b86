//! `duban update` with other writers about: an absolute percent is never refused because someone
//! saved a moment before, `+N` adds to what is there at the moment of writing, `--expect` is the
//! opt-in check, and `--note -` is read whole before the database is.

#[path = "support/cli.rs"]
mod cli;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use cli::{assert_refused, duban_en as duban, p};

use cli::demo_db as demo;

fn journal_rows(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
        .unwrap()
}

fn update(db: &Path, percent: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--db",
        p(db),
        "update",
        "--task",
        "1",
        "--dept",
        "经信局",
        "--percent",
        percent,
    ];
    args.extend_from_slice(extra);
    duban(&args)
}

#[test]
fn eight_concurrent_scripts_with_absolute_percents_are_all_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = journal_rows(&db);
    let rounds = 8;
    let refused: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..8)
            .map(|w| {
                let db = db.clone();
                s.spawn(move || {
                    let mut refused = Vec::new();
                    for k in 0..rounds {
                        let o = update(&db, &format!("{}", (w * 7 + k) % 101), &[]);
                        if o.status.code() != Some(0) {
                            refused.push(cli::err(&o));
                        }
                    }
                    refused
                })
            })
            .flat_map(|h| h.join().unwrap())
            .collect::<Vec<_>>();
        workers
    });
    assert!(refused.is_empty(), "{} refused: {refused:?}", refused.len());
    assert_eq!(
        journal_rows(&db),
        before + 8 * rounds as i64,
        "every report is in the journal"
    );
    let o = duban(&["--db", p(&db), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::out(&o));
}

#[test]
fn expect_is_the_opt_in_check_and_names_who_saved_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    assert_eq!(update(&db, "40", &[]).status.code(), Some(0));
    let o = update(&db, "45", &["--expect", "40"]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    let o = update(&db, "50", &["--expect", "40"]);
    assert_refused(&o, 2, "the percent is now 45% (not the 40% of --expect)");
    let e = cli::err(&o);
    assert!(e.contains(&duban::identity::os_login()), "{e}");
    assert!(
        e.contains("2026-11-23 09:00"),
        "local time of the save: {e}"
    );
    // +N adds to what is there when it is written.
    let o = update(&db, "+5", &[]);
    assert!(cli::out(&o).contains("45% → 50%"), "{}", cli::out(&o));
    assert_refused(&update(&db, "+60", &[]), 2, "");
    assert_refused(&update(&db, "50", &["--expect", "+3"]), 2, "");
}

/// `update --percent N --note -` in English, for the caller to give standard input.
fn note_from_stdin(db: &Path, percent: &str) -> std::process::Command {
    let mut c = cli::command();
    c.env("LANG", "en_US.UTF-8").args([
        "--db",
        p(db),
        "update",
        "--task",
        "1",
        "--dept",
        "经信局",
        "--percent",
        percent,
        "--note",
        "-",
    ]);
    c
}

/// A note typed slowly into a pipe: the other clerk saves meanwhile, and the note still lands.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn a_slow_note_on_stdin_is_read_before_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut child = note_from_stdin(&db, "61")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it sits in read(0, …) on its standard input (x86_64: syscall 0, fd 0).
    let syscall = format!("/proc/{}/syscall", child.id());
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let s = std::fs::read_to_string(&syscall).unwrap_or_default();
        if s.starts_with("0 0x0 ") {
            break;
        }
        assert!(std::time::Instant::now() < end, "never read stdin: {s}");
        std::thread::yield_now();
    }
    assert_eq!(
        update(&db, "70", &[]).status.code(),
        Some(0),
        "the other clerk"
    );
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all("进展情况:慢慢写完的说明".as_bytes())
        .unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    assert!(cli::out(&o).contains("70% → 61%"), "{}", cli::out(&o));

    // Standard input is bounded: /dev/zero is refused, not read forever.
    let o = note_from_stdin(&db, "62")
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_refused(&o, 2, "64 KiB");
}
