//! Issue 19, items 2 and 3: inputs that are not what they claim. A device that never ends, a FIFO
//! with no writer, standard input that never stops: each is refused at once with one plain line,
//! and memory stays bounded. A hung command is a failure here (each run has a deadline).

#[path = "support/cli.rs"]
mod cli;

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use cli::{assert_refused, command, demo_db, err, p};

/// Runs the binary in English with stdin from `/dev/zero` (a pipe or device that never ends), and
/// kills it if it has not finished within ten seconds: a hang fails the test instead of CI.
fn run_within_deadline(args: &[&str]) -> Output {
    let mut child = command()
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(p(path)).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_or_a_device_as_the_database_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    for path in [p(&fifo), "/dev/zero"] {
        for cmd in [vec!["status"], vec!["check"], vec!["tasks"], vec!["log"]] {
            let mut args = vec!["--db", path];
            args.extend(cmd);
            let o = run_within_deadline(&args);
            assert_refused(&o, 2, "is not a regular file");
        }
    }
    let o = run_within_deadline(&["--db", p(&db), "restore", p(&fifo)]);
    assert_refused(&o, 2, "is not a regular file");
}

#[test]
fn imports_from_devices_and_fifos_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    for source in ["/dev/zero", p(&fifo)] {
        for kind in ["plan", "csv", "xlsx"] {
            let o = run_within_deadline(&["--db", p(&db), "import", kind, source]);
            assert_refused(&o, 2, "not a regular file");
        }
    }
}

#[test]
fn a_note_from_a_stream_that_never_ends_is_cut_off_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let o = run_within_deadline(&[
        "--db",
        p(&db),
        "update",
        "--task",
        "1",
        "--dept",
        "区经信局",
        "--percent",
        "60",
        "--note",
        "-",
    ]);
    assert_refused(&o, 2, "longer than 64 KiB");
}

/// Item 6: a day far outside the years a plan can concern is refused, not read as "nothing yet"
/// or "everything".
#[test]
fn far_dates_are_refused_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    for args in [
        vec!["status", "--as-of", "9999-12-31"],
        vec!["tasks", "--as-of", "1899-12-31"],
        vec!["log", "--since", "+10000-01-01"],
        vec![
            "check",
            "--code",
            "1523-9F86-D081-884C-7D65-9A2F",
            "--as-of",
            "3000-01-01",
        ],
    ] {
        let mut all = vec!["--db", db];
        all.extend(args.iter().copied());
        let o = cli::duban_en(&all);
        assert_refused(
            &o,
            2,
            "out of range; write a day from 1900-01-01 to 2200-12-31",
        );
    }
    // The edges are days like any other.
    let o = cli::duban_en(&["--db", db, "status", "--as-of", "2200-12-31"]);
    assert!(o.status.success(), "{}", cli::err(&o));
}

/// Item 7: a percent that cannot be saved is refused with what is wrong with it.
#[test]
fn percent_refusals_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let update = |percent: &str| {
        cli::duban_en(&[
            "--db",
            db,
            "update",
            "--task",
            "1",
            "--dept",
            "区经信局",
            "--percent",
            percent,
        ])
    };
    assert_refused(&update("-0"), 2, "\"-0\" is negative");
    assert_refused(&update("60.5"), 2, "\"60.5\" has decimals");
    assert_refused(
        &update("+99999999999999999999"),
        2,
        "would make it over 100%",
    );
    assert_refused(&update("99999999999999999999"), 2, "out of range");
    let o = update("+99999999999999999999");
    assert!(
        !cli::err(&o).contains("9223372036854775807"),
        "{}",
        cli::err(&o)
    );
}

/// Item 9, for plans: an editor's `import plan --dry-run` is refused as the real import is (the
/// import is rehearsed and rolled back), after the preview; nothing is written.
#[test]
fn a_plan_dry_run_refuses_what_the_import_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, "一、总体\n1.推进数字化诊断。(责任单位:区经信局)\n").unwrap();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "UPDATE clerk SET role = 'editor', department_id = 1 WHERE username = ?1",
        [duban::identity::os_login()],
    )
    .unwrap();
    let tasks: i64 = c
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    drop(c);
    for dry in [true, false] {
        let mut args = vec!["--db", p(&db), "import", "plan", p(&plan)];
        if dry {
            args.push("--dry-run");
        }
        let o = cli::duban_en(&args);
        assert_refused(&o, 2, "only an admin may take this step");
    }
    let c = rusqlite::Connection::open(&db).unwrap();
    let after: i64 = c
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, tasks);
}

#[test]
fn an_escape_sequence_in_a_text_setting_is_refused_as_such_not_as_too_long() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let office = "circular.office=\u{1b}[31m督查室";
    let o = cli::duban(&["--db", p(&db), "setting", "set", office]);
    assert_refused(&o, 2, "不含控制字符");
    assert!(
        cli::err(&o).contains("\\u{1b}"),
        "escaped: {}",
        cli::err(&o)
    );
    let o = cli::duban_en(&["--db", p(&db), "setting", "set", office]);
    assert_refused(&o, 2, "no control characters");
    // Nothing changed: the office is still the default.
    let list = cli::duban(&["--db", p(&db), "setting", "list"]);
    assert!(!cli::out(&list).contains('\u{1b}'));
}

/// Standard output onto a full disk (`/dev/full`): one plain line naming it, exit 2, not a
/// backtrace. (A full disk under an `-o` file is `book_save`'s unit test and was tried by hand.)
#[test]
fn a_full_disk_under_the_output_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let to_full = |args: &[&str]| {
        command()
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    for args in [
        &["tasks"][..],
        &["tasks", "--json"],
        &["status"],
        &["log"],
        &["report", "--format", "md"],
        &["export", "csv"],
    ] {
        let o = to_full(args);
        assert_refused(&o, 2, "cannot write standard output");
        assert!(err(&o).contains("No space left"), "{args:?}: {}", err(&o));
    }
}
