//! Issue 19, item 1 (the output half): text stored with escape sequences — written through duban
//! today, or tampered into an old file — reaches no reader's terminal as control characters.
//! Every CLI output shows them visibly (`\e`, `\x0d`). And the write half: duban itself refuses
//! control characters in names, titles and notes, and text longer than the documented limits.

#[path = "support/cli.rs"]
mod cli;

use cli::{assert_refused, demo_db, duban, duban_en, duban_en_with_input, err, p};

const TITLE: &str = "\u{1b}]0;PWNED\u{1b}\\";
const CLEAR: &str = "\u{1b}[2J\u{1b}[H FAKE\r";

#[test]
fn stored_escape_sequences_reach_no_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    // Written around duban, as an old or tampered file would hold them: in a note, a task title
    // and a department name.
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(&format!(
        "UPDATE task SET title = title || '{CLEAR}' WHERE id = 1;
         UPDATE department SET name = name || '{TITLE}' WHERE id = 1;
         UPDATE clerk SET display_name = '{CLEAR}';"
    ))
    .unwrap();
    drop(c);
    // A note with escapes, written around duban's refusal (the append-only trigger dropped, as a
    // tamperer would).
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(&format!(
        "DROP TRIGGER progress_append_only;
         UPDATE progress SET note = note || '{TITLE}' WHERE id = (SELECT max(id) FROM progress);"
    ))
    .unwrap();
    drop(c);
    for args in [
        vec!["log"],
        vec!["log", "--json"],
        vec!["status"],
        vec!["status", "--csv"],
        vec!["tasks"],
        vec!["tasks", "--csv"],
        vec!["dept", "list"],
        vec!["clerk", "list"],
        vec!["report", "--period", "2026-Q4", "--format", "md"],
        vec!["report", "--period", "2026-Q4", "--format", "csv"],
        vec!["export", "csv"],
        vec!["cycle"],
        vec!["remind"],
    ] {
        let mut all = vec!["--db", db];
        all.extend(args.iter().copied());
        let o = duban(&all);
        assert!(o.status.code() != Some(101), "{args:?}: {}", err(&o));
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            // A CSV's line ends are CRLF; a lone carriage return would redraw the line.
            let lone_cr = bytes.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n')
                || bytes.last() == Some(&b'\r');
            assert!(
                !bytes.contains(&0x1b) && !lone_cr,
                "{args:?} sent a control character on {stream}: {}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    // A circular written to a file is read with `cat` too.
    for format in ["md", "csv"] {
        let file = dir.path().join(format!("circular.{format}"));
        let o = duban(&[
            "--db",
            db,
            "report",
            "--period",
            "2026-Q4",
            "--format",
            format,
            "-o",
            p(&file),
        ]);
        assert!(o.status.success(), "{}", err(&o));
        assert!(!std::fs::read(&file).unwrap().contains(&0x1b), "{format}");
    }
    // Shown visibly, not dropped: the reader sees that something odd is in the record.
    let log = String::from_utf8(duban(&["--db", db, "tasks"]).stdout).unwrap();
    assert!(log.contains("\\e[2J") || log.contains("\\e"), "{log}");
}

/// The update a clerk of 区经信局 could send, with `note` (`-` for standard input).
fn update_with_note<'a>(db: &'a str, note: &'a str) -> Vec<&'a str> {
    vec![
        "--db",
        db,
        "update",
        "--task",
        "2",
        "--dept",
        "区经信局",
        "--percent",
        "60",
        "--note",
        note,
    ]
}

#[test]
fn writes_refuse_control_characters_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let log_before = duban(&["--db", db, "log", "--json"]).stdout;
    let o = duban_en(&update_with_note(db, TITLE));
    assert_refused(&o, 2, "control character (ESC) at character 1");
    let o = duban(&update_with_note(db, "进展\u{7}"));
    assert_refused(&o, 2, "控制字符 BEL");
    let o = duban_en(&[
        "--db", db, "clerk", "add", "evil", "--name", CLEAR, "--role", "viewer",
    ]);
    assert_refused(&o, 2, "the display name has a control character (ESC)");
    let o = duban_en(&["--db", db, "dept", "add", &format!("区{TITLE}局")]);
    assert_refused(
        &o,
        2,
        "the department's name has a control character (ESC) at character 2",
    );
    let o = duban_en(&["--db", db, "dept", "rename", "区统计局", "区统\n计局"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    // Nothing was written by any of them.
    assert_eq!(duban(&["--db", db, "log", "--json"]).stdout, log_before);
    let clerks = String::from_utf8(duban(&["--db", db, "clerk", "list"]).stdout).unwrap();
    assert!(!clerks.contains("evil"), "{clerks}");
    // A note's own lines and tabs are text, and a Windows line end is a newline.
    let o = duban_en_with_input(
        &update_with_note(db, "-"),
        "进展情况:完成\r\n\t下一步".as_bytes(),
    );
    assert!(o.status.success(), "{}", err(&o));
    let log =
        String::from_utf8(duban(&["--db", db, "log", "--limit", "1", "--json"]).stdout).unwrap();
    assert!(log.contains("进展情况:完成\\n\\t下一步"), "{log}");
}

#[test]
fn names_and_notes_have_documented_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let long_name = "局".repeat(101);
    let o = duban_en(&["--db", db, "dept", "add", &long_name]);
    assert_refused(&o, 2, "101 characters, more than the limit of 100");
    assert!(
        duban(&["--db", db, "dept", "add", &"局".repeat(100)])
            .status
            .success()
    );
    let note = "字".repeat(10_001);
    let o = duban_en(&update_with_note(db, &note));
    assert_refused(&o, 2, "10001 characters, more than the limit of 10000");
    let o = duban_en_with_input(&update_with_note(db, "-"), note.as_bytes());
    assert_refused(&o, 2, "limit of 10000");
    // Standard input is read up to a cap whatever its source, so a device cannot fill memory.
    let zeros = vec![0u8; 65 * 1024];
    let o = duban_en_with_input(&update_with_note(db, "-"), &zeros);
    assert_refused(&o, 2, "longer than 64 KiB");
}
