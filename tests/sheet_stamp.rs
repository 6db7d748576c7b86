//! The sheet-stamp rule (issue 18, item 5): a sheet filled in over an older state never overwrites
//! a newer report. A duban sheet carries 基于版本 on every row, so a stale row is refused even when
//! the title row's export time is blanked; an office's own sheet must say the day it reflects
//! (`--sheet-date`), and its rows older than a report are held back and listed while the others
//! apply.
//!
//! Every run is on the pinned day (`cli::TODAY`, 09:00 UTC): the CLI report below is made in the
//! same second as the export, which the title row's time alone could not tell apart.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use cli::{assert_refused, demo_db, duban, duban_en, err, out, p};
use rust_xlsxwriter::{Format, Workbook};

/// Task 1's lead in the demo, and the percent it stands at after the demo is made.
const UNIT: &str = "区经信局";

/// The current percent of a task's unit (by the task's number and the unit's name).
fn percent(db: &Path, number: &str, unit: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(
        "SELECT a.percent FROM assignment a
         JOIN task t ON t.id = a.task_id JOIN department d ON d.id = a.department_id
         WHERE t.number = ?1 AND d.name = ?2 AND t.deleted_at IS NULL",
        [number, unit],
        |r| r.get(0),
    )
    .unwrap()
}

fn journal_rows(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
        .unwrap()
}

/// A demo database, a sheet of it exported in `format`, and then task 1 reported at 77% from the
/// command line: the sheet is now older than that report.
fn exported_then_reported(dir: &Path, format: &str) -> (PathBuf, PathBuf) {
    let db = demo_db(dir);
    let sheet = dir.join(format!("s.{format}"));
    let o = duban(&["--db", p(&db), "export", format, "-o", p(&sheet)]);
    assert!(o.status.success(), "{}", err(&o));
    let o = duban(&[
        "--db",
        p(&db),
        "update",
        "--task",
        "1",
        "--dept",
        UNIT,
        "--percent",
        "77",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(percent(&db, "1", UNIT), 77);
    (db, sheet)
}

#[test]
fn a_stale_csv_row_is_refused_by_its_stamp_when_the_title_stamp_is_blanked() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sheet) = exported_then_reported(dir.path(), "csv");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The title row's 导出时间 cell blanked, task 1's 完成率 (column G) set to 30.
    let at = lines[0]
        .find("导出时间")
        .expect("the title row has the export time");
    lines[0].truncate(at);
    assert!(lines[2].starts_with("1,"), "{}", lines[2]);
    // The demo's task 1 stood at 85% when the sheet was exported.
    assert!(lines[2].contains(",85%,"), "{}", lines[2]);
    lines[2] = lines[2].replacen(",85%,", ",30%,", 1);
    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, lines.join("\r\n")).unwrap();
    let before = journal_rows(&db);

    let o = duban(&["--db", p(&db), "import", "csv", p(&edited)]);
    assert_refused(&o, 2, "第 3 行");
    for needle in [
        "任务 1",
        UNIT,
        "77%",
        &duban::identity::os_login(),
        "导出之后",
        "未导入任何内容",
    ] {
        assert!(err(&o).contains(needle), "{needle:?} in {}", err(&o));
    }
    assert_eq!(percent(&db, "1", UNIT), 77, "the newer report is kept");
    assert_eq!(journal_rows(&db), before, "nothing written");

    // The preview refuses it the same way, and says so in English too.
    let o = duban(&["--db", p(&db), "import", "csv", p(&edited), "--dry-run"]);
    assert_refused(&o, 2, "第 3 行");
    let o = duban_en(&["--db", p(&db), "import", "csv", p(&edited)]);
    assert_refused(&o, 2, "reported after this sheet was exported (now 77%");
}

#[test]
fn a_stale_xlsx_row_is_refused_by_its_stamp_when_the_title_stamp_is_blanked() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sheet) = exported_then_reported(dir.path(), "xlsx");
    let mut book: Xlsx<_> = open_workbook(&sheet).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[2][0], Data::Float(1.0), "task 1's row");

    // Saved again as a clerk's Excel would: the title row without its export time, task 1 at 30%.
    let edited = dir.path().join("edited.xlsx");
    let mut out_book = Workbook::new();
    let ws = out_book.add_worksheet();
    ws.set_name(&name).unwrap();
    let pct = Format::new().set_num_format("0%");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) if s.starts_with("导出时间") => {}
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(_) | Data::Int(_) if r == 2 && c == 6 => {
                    ws.write_number_with_format(r, c, 0.3, &pct).unwrap();
                }
                Data::Float(f) if c == 6 => {
                    ws.write_number_with_format(r, c, *f, &pct).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, *f).unwrap();
                }
                Data::Int(n) => {
                    ws.write_number(r, c, *n as f64).unwrap();
                }
                _ => {}
            }
        }
    }
    out_book.save(&edited).unwrap();
    let before = journal_rows(&db);

    let o = duban(&["--db", p(&db), "import", "xlsx", p(&edited)]);
    assert_refused(&o, 2, "第 3 行");
    assert!(err(&o).contains("77%"), "{}", err(&o));
    assert_eq!(percent(&db, "1", UNIT), 77);
    assert_eq!(journal_rows(&db), before);
}

/// An office's own sheet: its headings, no 基于版本 column, no export time.
fn office_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("office.csv");
    std::fs::write(
        &path,
        "序号,任务,牵头单位,完成率\r\n\
         1,推进规上企业数字化诊断全覆盖,区经信局,30%\r\n\
         2,实施智能化技术改造项目,区经信局,72%\r\n",
    )
    .unwrap();
    path
}

#[test]
fn an_unstamped_sheet_without_a_sheet_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = exported_then_reported(dir.path(), "csv");
    let office = office_sheet(dir.path());
    let before = journal_rows(&db);
    let o = duban(&["--db", p(&db), "import", "csv", p(&office)]);
    assert_refused(&o, 2, "--sheet-date");
    assert!(err(&o).contains("office.csv"), "{}", err(&o));
    let o = duban_en(&["--db", p(&db), "import", "csv", p(&office), "--dry-run"]);
    assert_refused(&o, 2, "give it with --sheet-date YYYY-MM-DD");
    assert_eq!(journal_rows(&db), before, "nothing written");
    assert_eq!(percent(&db, "2", UNIT), 70);
}

#[test]
fn with_a_sheet_date_rows_older_than_a_report_are_held_back_and_the_rest_applied() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = exported_then_reported(dir.path(), "csv");
    let office = office_sheet(dir.path());
    // Task 2's last report is from September; task 1's is today's, after the sheet's day.
    assert_eq!(percent(&db, "2", UNIT), 70);
    let args = ["--db", p(&db), "import", "csv", p(&office)];
    let dated = |more: &[&'static str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--sheet-date", "2026-11-22"]);
        all.extend_from_slice(more);
        all
    };
    let before = journal_rows(&db);

    // The preview lists both and saves nothing.
    let o = duban(&dated(&["--dry-run"]));
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("第 2 行"), "{text}");
    assert!(text.contains("未导入"), "{text}");
    assert_eq!(journal_rows(&db), before);

    let o = duban(&dated(&[]));
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let held = text
        .lines()
        .find(|l| l.contains("第 2 行"))
        .unwrap_or_default();
    for needle in [
        "任务 1",
        UNIT,
        "2026-11-22 之后",
        "77%",
        &duban::identity::os_login(),
        "2026-11-23 09:00",
    ] {
        assert!(held.contains(needle), "{needle:?} in {text}");
    }
    assert!(text.contains("70% → 72%"), "{text}");
    assert!(text.contains("1 行的数据早于数据库"), "{text}");
    assert_eq!(percent(&db, "1", UNIT), 77, "held back, never applied");
    assert_eq!(percent(&db, "2", UNIT), 72, "the other row applied");
    assert_eq!(journal_rows(&db), before + 1);

    // A day after the report: nothing is newer than the sheet, its row applies.
    let mut late = args.to_vec();
    late.extend_from_slice(&["--sheet-date", "2026-11-23"]);
    let o = duban(&late);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(percent(&db, "1", UNIT), 30);
}

#[test]
fn a_stamp_that_is_not_a_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let sheet = dir.path().join("s.csv");
    let o = duban(&["--db", p(&db), "export", "csv", "-o", p(&sheet)]);
    assert!(o.status.success(), "{}", err(&o));
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The key-project columns (建设单位…项目节点) follow 基于版本, empty on a task that is none.
    let projects = ",,,,,,";
    assert!(lines[2].ends_with(projects), "{}", lines[2]);
    let keep = lines[2].len() - projects.len();
    lines[2].truncate(keep);
    let cut = lines[2].rfind(',').unwrap();
    lines[2].truncate(cut);
    lines[2].push_str(",abc");
    lines[2].push_str(projects);
    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, lines.join("\r\n")).unwrap();
    let o = duban(&["--db", p(&db), "import", "csv", p(&edited)]);
    assert_refused(&o, 2, "第 3 行 K 列(基于版本)");
    assert!(err(&o).contains("「abc」"), "{}", err(&o));
}
