//! Issue 19, item 1 (the output half): text stored with escape sequences — written through duban
//! today, or tampered into an old file — reaches no reader's terminal as control characters.
//! Every CLI output shows them visibly (`\e`, `\x0d`).

#[path = "support/cli.rs"]
mod cli;

use cli::{demo_db, duban, err, p};

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
    let o = duban(&[
        "--db",
        db,
        "update",
        "--task",
        "2",
        "--dept",
        "区大数据中心",
        "--percent",
        "60",
        "--note",
        TITLE,
    ]);
    // (Refusing control characters on write is the other half of the item; either way nothing
    // may reach a terminal.)
    let _ = o;
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
    // Shown visibly, not dropped: the reader sees that something odd is in the record.
    let log = String::from_utf8(duban(&["--db", db, "tasks"]).stdout).unwrap();
    assert!(log.contains("\\e[2J") || log.contains("\\e"), "{log}");
}
