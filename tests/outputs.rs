//! Every command that writes a file (`export`, `report`, `backup`) as an adversary uses it: onto
//! the database and its side files under any name, onto a device, a FIFO, a directory, onto an
//! existing file. Each is refused in one line with exit 2 and the target is left as it was; only
//! `--force` replaces a regular file, keeping its mode.

#[path = "support/cli.rs"]
mod cli;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use cli::{assert_refused, duban_en as duban, out, p};

use cli::demo_db as demo;

/// The three writing commands with `FILE` as their output.
fn writers(db: &Path, file: &Path) -> Vec<Vec<String>> {
    let (db, f) = (p(db).to_string(), p(file).to_string());
    let base = |rest: &[&str]| {
        let mut v = vec!["--db".to_string(), db.clone()];
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    vec![
        base(&["export", "csv", "-o", &f]),
        base(&["export", "xlsx", "-o", &f]),
        base(&["report", "--period", "2026-Q3", "-o", &f]),
        base(&[
            "report", "--period", "2026-Q3", "--format", "xlsx", "-o", &f,
        ]),
        base(&["backup", &f]),
    ]
}

fn run(args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    duban(&args)
}

#[test]
fn the_database_and_its_side_files_are_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let d = dir.path();
    std::os::unix::fs::symlink(&db, d.join("link.csv")).unwrap();
    std::fs::hard_link(&db, d.join("hard.csv")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    let before = std::fs::read(&db).unwrap();
    for target in [
        db.clone(),
        d.join("e.db-wal"),
        d.join("e.db-shm"),
        d.join("e.db-journal"),
        d.join("link.csv"),
        d.join("hard.csv"),
        d.join("sub/../e.db"),
    ] {
        for args in writers(&db, &target) {
            let mut forced = args.clone();
            forced.push("--force".into());
            for a in [args, forced] {
                assert_refused(&run(&a), 2, "it is the database itself");
            }
        }
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
    for side in ["e.db-wal", "e.db-shm", "e.db-journal"] {
        assert!(!d.join(side).exists(), "{side} was not created");
    }
    let o = duban(&["--db", p(&db), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

#[test]
fn devices_fifos_and_directories_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let fifo = dir.path().join("pipe");
    let c = std::ffi::CString::new(p(&fifo)).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for target in [
        PathBuf::from("/dev/null"),
        PathBuf::from("/dev/zero"),
        fifo.clone(),
        dir.path().to_path_buf(),
    ] {
        for mut args in writers(&db, &target) {
            args.push("--force".into());
            assert_refused(&run(&args), 2, "not a regular file");
        }
    }
    let dev_null = std::fs::metadata("/dev/null").unwrap();
    assert!(!dev_null.is_file(), "/dev/null is still the device");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let target = dir.path().join("old.out");
    for args in writers(&db, &target) {
        std::fs::write(&target, b"last quarter's circular").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert_refused(&run(&args), 2, "already exists; add --force");
        assert_eq!(std::fs::read(&target).unwrap(), b"last quarter's circular");

        let mut forced = args.clone();
        forced.push("--force".into());
        let o = run(&forced);
        assert_eq!(o.status.code(), Some(0), "{forced:?}: {}", cli::err(&o));
        assert_ne!(std::fs::read(&target).unwrap(), b"last quarter's circular");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{forced:?} kept the mode");
        std::fs::remove_file(&target).unwrap();
    }
    // Nothing is left beside it.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["e.db"]);
}

#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = duban(&["--db", p(&db), "export", "csv", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    assert!(out(&o).contains("区经信局"));
    let o = duban(&["--db", p(&db), "report", "--period", "2026-Q3", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    assert!(out(&o).contains("区经信局"));
    assert!(!dir.path().join("-").exists());
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `demo --force` and `gen --force` on the office's file: only its admin may, the old file is
/// moved aside and never deleted, and a file open in another session is left alone.
#[test]
fn force_moves_the_old_file_aside_and_only_for_its_admin() {
    use duban::domain::ClerkRole;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let gen_force = |path: &Path| {
        duban(&[
            "gen",
            p(path),
            "--tasks",
            "20",
            "--departments",
            "3",
            "--force",
        ])
    };

    // An editor of the file may not replace it.
    {
        let mut handle = duban::store::Db::open(&db).unwrap();
        let dept = handle.departments().unwrap()[0].id;
        handle
            .set_clerk_role(
                &duban::identity::os_login(),
                ClerkRole::Editor,
                Some(dept),
                "sunhui",
                cli::pinned_now(),
            )
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    assert_refused(&duban(&["demo", p(&db), "--no-open", "--force"]), 2, "");
    assert_refused(&gen_force(&db), 2, "");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(names(dir.path()), ["e.db"]);

    // Open in another session (its -wal beside it): refused, even for an admin.
    let mut handle = duban::store::Db::open(&db).unwrap();
    handle
        .set_clerk_role(
            &duban::identity::os_login(),
            ClerkRole::Admin,
            None,
            "sunhui",
            cli::pinned_now(),
        )
        .unwrap();
    assert_refused(
        &duban(&["demo", p(&db), "--no-open", "--force"]),
        2,
        "in use by another duban session",
    );
    drop(handle);
    let before = std::fs::read(&db).unwrap();

    // Its admin may: the old file is kept beside, byte for byte.
    let o = duban(&["demo", p(&db), "--no-open", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    assert!(cli::err(&o).contains("kept as"), "{}", cli::err(&o));
    let kept: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("e.db.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", names(dir.path()));
    assert_eq!(std::fs::read(dir.path().join(&kept[0])).unwrap(), before);

    // Someone's own file under that name is not deleted either.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "会议记录").unwrap();
    let o = gen_force(&notes);
    assert_eq!(o.status.code(), Some(0), "{}", cli::err(&o));
    let kept: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("notes.txt.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", names(dir.path()));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
        "会议记录"
    );
}
