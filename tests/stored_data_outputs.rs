//! Issue 19, item 4: no output path crashes on what the file holds. The journal is append-only,
//! so a note longer than Excel's cell limit (written by an older duban, or around it) stays
//! forever; every workbook cuts such a cell with a visible marker and says so on stderr.

#[path = "support/cli.rs"]
mod cli;

use calamine::{Data, Reader, Xlsx, open_workbook, open_workbook_from_rs};
use cli::{demo_db, duban_en, err, p};

/// Gives the newest report a 40,000-character note, written around duban's own limit.
fn store_a_huge_note(db: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    let note = "很长的说明".repeat(8_000);
    c.execute("DROP TRIGGER progress_append_only", []).unwrap();
    c.execute(
        "UPDATE progress SET note = ?1 WHERE id = (SELECT max(id) FROM progress)",
        [&note],
    )
    .unwrap();
}

/// Whether any cell of any sheet holds the cut marker.
fn has_cut_cell<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>) -> bool {
    let names = book.sheet_names();
    names.iter().any(|name| {
        let range = book.worksheet_range(name).unwrap();
        range.rows().flatten().any(|cell| match cell {
            Data::String(s) => s.ends_with("已截断)") && s.chars().count() <= 32_767,
            _ => false,
        })
    })
}

#[test]
fn a_note_longer_than_a_cell_is_cut_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    store_a_huge_note(db);

    let sheet = dir.path().join("tasks.xlsx");
    let o = duban_en(&["--db", db, "export", "xlsx", "-o", p(&sheet)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("1 cells held more text than Excel allows"),
        "{}",
        err(&o)
    );
    let mut book: Xlsx<_> = open_workbook(&sheet).unwrap();
    assert!(
        has_cut_cell(&mut book),
        "the export shows the cut note with its marker"
    );

    // The circular's workbook, to a file and to standard output (binary, not made "visible").
    let circular = dir.path().join("circular.xlsx");
    let o = duban_en(&[
        "--db",
        db,
        "report",
        "--period",
        "2026-11",
        "--format",
        "xlsx",
        "-o",
        p(&circular),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let o = duban_en(&[
        "--db", db, "report", "--period", "2026-11", "--format", "xlsx",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let book: Result<Xlsx<_>, _> = open_workbook_from_rs(std::io::Cursor::new(o.stdout));
    assert!(book.is_ok(), "the workbook on stdout is a valid zip");
}
