//! `duban attach add|list|get` as a user runs it (issue 22): files kept and written back byte for
//! byte, the database and existing files never written over (`--force` replaces a file), and a
//! FIFO, `/dev/zero`, a directory or a file over the limit refused in one line without hanging.

#[path = "support/cli.rs"]
mod cli;

use std::process::Stdio;
use std::time::{Duration, Instant};

use cli::{assert_refused, demo_db, duban, duban_en, err, out, p};

/// Runs the binary, killing it and failing if it has not ended within `bound` (a refusal must
/// come at once; the bound only keeps a hanging binary from hanging the test run).
fn bounded(args: &[&str], bound: Duration) -> std::process::Output {
    let mut child = cli::command()
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            panic!("duban {args:?} did not end within {bound:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn content(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + i / 251) as u8).collect()
}

#[test]
fn add_list_get_and_the_files_get_never_writes_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let d = dir.path();
    let a = d.join("验收报告.pdf");
    let b = d.join("photo.jpg");
    std::fs::write(&a, content(1_500_000)).unwrap();
    std::fs::write(&b, b"jpeg").unwrap();
    let o = duban(&[
        "--db",
        p(&db),
        "attach",
        "add",
        "--task",
        "1",
        "--dept",
        "经信局",
        "--report",
        p(&a),
        p(&b),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(
        said.contains("已存佐证材料 #1 验收报告.pdf(1.4 MB)"),
        "{said}"
    );
    assert!(said.contains("#2 photo.jpg"), "{said}");
    let o = duban_en(&["--db", p(&db), "attach", "list", "--task", "1"]);
    assert!(o.status.success(), "{}", err(&o));
    let list = out(&o);
    assert!(list.contains("验收报告.pdf"), "{list}");
    assert!(
        list.contains("1.4 MB") && list.contains("report #"),
        "{list}"
    );
    let o = duban(&["--db", p(&db), "attach", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["name"], "photo.jpg");
    assert_eq!(rows[1]["size"], 4);
    assert_eq!(rows[0]["owner"], "progress");

    // get: to a named file, then refused over it, then replaced with --force.
    let got = d.join("got.pdf");
    let o = duban(&["--db", p(&db), "attach", "get", "1", "-o", p(&got)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(std::fs::read(&got).unwrap() == content(1_500_000));
    std::fs::write(&got, b"mine").unwrap();
    let o = duban(&["--db", p(&db), "attach", "get", "#1", "-o", p(&got)]);
    assert_refused(&o, 2, "--force");
    assert_eq!(std::fs::read(&got).unwrap(), b"mine");
    let o = duban(&[
        "--db",
        p(&db),
        "attach",
        "get",
        "1",
        "-o",
        p(&got),
        "--force",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(std::fs::read(&got).unwrap() == content(1_500_000));
    // Never onto the database or its side files, even with --force.
    let before = std::fs::read(&db).unwrap();
    for target in [db.clone(), d.join("e.db-wal")] {
        let o = duban(&[
            "--db",
            p(&db),
            "attach",
            "get",
            "2",
            "-o",
            p(&target),
            "--force",
        ]);
        assert_refused(&o, 2, "数据库");
    }
    assert!(std::fs::read(&db).unwrap() == before);
    // Default: its own name, in the current directory; not over an existing file.
    let here = d.join("here");
    std::fs::create_dir(&here).unwrap();
    let o = cli::command()
        .args(["--db", p(&db), "attach", "get", "2"])
        .current_dir(&here)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(std::fs::read(here.join("photo.jpg")).unwrap(), b"jpeg");
    let o = cli::command()
        .args(["--db", p(&db), "attach", "get", "2"])
        .current_dir(&here)
        .output()
        .unwrap();
    assert_refused(&o, 2, "--force");
    let o = duban(&["--db", p(&db), "attach", "get", "99"]);
    assert_refused(&o, 2, "#99");
    let o = duban(&["--db", p(&db), "check"]);
    assert!(o.status.success(), "{}", out(&o));
    assert!(out(&o).contains("佐证材料 2 件"), "{}", out(&o));
}

#[test]
fn a_fifo_dev_zero_a_directory_and_a_file_over_the_limit_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let d = dir.path();
    let fifo = d.join("pipe.pdf");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let ok = d.join("ok.pdf");
    std::fs::write(&ok, b"fine").unwrap();
    let o = duban(&["--db", p(&db), "setting", "set", "attach.max_file_mb=1"]);
    assert!(o.status.success(), "{}", err(&o));
    let big = d.join("big.bin");
    std::fs::write(&big, content(1024 * 1024 + 1)).unwrap();
    let bound = Duration::from_secs(30);
    for (path, needle) in [
        (fifo.as_path(), "not a regular file"),
        (std::path::Path::new("/dev/zero"), "not a regular file"),
        (d, "is a directory"),
        (big.as_path(), "1048577 B, over the limit of 1048576 B"),
    ] {
        // The good file first: nothing is kept when any named file is refused.
        let o = bounded(
            &[
                "--db",
                p(&db),
                "attach",
                "add",
                "--task",
                "1",
                "--dept",
                "经信局",
                p(&ok),
                p(path),
            ],
            bound,
        );
        assert_refused(&o, 2, needle);
    }
    let o = duban(&["--db", p(&db), "attach", "list"]);
    assert_eq!(out(&o).trim(), "没有佐证材料");
    // A clerk of another unit, and a name with an escape sequence.
    let odd = d.join("a\u{1b}[2Jb.pdf");
    std::fs::write(&odd, b"x").unwrap();
    let o = bounded(
        &[
            "--db",
            p(&db),
            "attach",
            "add",
            "--task",
            "1",
            "--dept",
            "经信局",
            p(&odd),
        ],
        bound,
    );
    assert_refused(&o, 2, "control character (ESC)");
    assert!(
        !err(&o).contains('\u{1b}'),
        "the escape reached the terminal"
    );
}
