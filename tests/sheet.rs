//! The spreadsheet round trip through the binary: `duban export xlsx|csv` read back with calamine
//! (layout, a known row, the percent format), export → import changing nothing, an edited sheet
//! applying exactly its changes, and refusals (bad cells, a stale sheet, someone who may not write,
//! files that are no sheet) that name the cell and leave the database as it was.
//!
//! The database is the demo plan built by the library on a fixed day, so its figures are fixed;
//! the login running the tests is its admin (as `duban demo` makes it).

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::{Db, Scope};
use rust_xlsxwriter::{Format, Workbook};

fn duban(args: &[&str]) -> Output {
    cli::command().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

/// A user error: exit 2, one line on stderr containing every needle, no panic.
fn assert_user_error(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    for needle in needles {
        assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    }
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

struct Demo {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let mut handle = Db::create(&db).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 6, 15, 2, 0, 0).unwrap();
        duban::sample::demo::build(&mut handle, today, now, &os_login()).unwrap();
        Demo { dir, db }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", p(&self.db)];
        all.extend_from_slice(args);
        duban(&all)
    }

    fn export(&self, format: &str, name: &str, more: &[&str]) -> PathBuf {
        let out = self.file(name);
        let mut args = vec!["export", format, "-o", p(&out)];
        args.extend_from_slice(more);
        assert_ok(&self.run(&args));
        out
    }

    /// Rows of the tables an import may change, to show that nothing did.
    fn counts(&self) -> [i64; 5] {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        [
            n("SELECT count(*) FROM task"),
            n("SELECT count(*) FROM assignment"),
            n("SELECT count(*) FROM progress"),
            // Clerk changes the tests make are audited too; the plan's are what counts here.
            n("SELECT count(*) FROM audit WHERE entity <> 'clerk'"),
            n("SELECT coalesce(sum(version), 0) FROM task"),
        ]
    }

    fn me(&self, role: ClerkRole, dept: Option<&str>) {
        let mut db = Db::open(&self.db).unwrap();
        let department = dept.map(|name| {
            db.departments()
                .unwrap()
                .into_iter()
                .find(|d| d.name == name)
                .unwrap()
                .id
        });
        // The demo's other admin changes the test login's role: the store checks every change.
        db.set_clerk_role(&os_login(), role, department, "sunhui", cli::pinned_now())
            .unwrap();
    }
}

/// A sheet's cells as calamine reads them, by 0-based row and column.
fn read_xlsx(
    path: &Path,
) -> (
    Vec<String>,
    Vec<Vec<Data>>,
    Xlsx<std::io::BufReader<std::fs::File>>,
) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names().to_vec();
    let range = book.worksheet_range(&names[0]).unwrap();
    let rows = range.rows().map(|r| r.to_vec()).collect();
    (names, rows, book)
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// `text` (a CSV) with the cell at 0-based `line` and `col` replaced.
fn edit_csv(text: &str, line: usize, col: usize, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut rec = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(lines[line].as_bytes());
    let mut fields: Vec<String> = rec
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    fields[col] = value.to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&fields).unwrap();
    lines[line] = String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_string();
    lines.join("\n")
}

/// The cell at 0-based `line` and `col` of a CSV.
fn csv_cell(text: &str, line: usize, col: usize) -> String {
    let line = text.lines().nth(line).unwrap();
    let mut rec = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    rec.records().next().unwrap().unwrap()[col].to_string()
}

/// A percent cell one step away from what it says ("70%" -> "80%").
fn other_percent(cell: &str) -> String {
    let n: u8 = cell.trim_end_matches('%').parse().unwrap();
    format!("{}%", if n >= 90 { n - 10 } else { n + 10 })
}

const HEADINGS: [&str; 11] = [
    "序号",
    "任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "进展情况",
    "完成率",
    "存在问题",
    "下一步计划",
    "备注",
    "基于版本",
];

#[test]
fn the_xlsx_export_has_the_office_layout() {
    let demo = Demo::new();
    let path = demo.export("xlsx", "tasks.xlsx", &[]);
    let (names, rows, mut book) = read_xlsx(&path);
    let db = Db::open(&demo.db).unwrap();
    let plan = db.plans().unwrap().remove(0);
    // One sheet per plan, then the milestones of every task that has some (项目节点).
    assert_eq!(
        names.len(),
        2,
        "one sheet per plan and the milestones: {names:?}"
    );
    assert_eq!(names[1], "项目节点");
    assert!(names[0].chars().count() <= 31);
    assert!(plan.title.starts_with(&names[0]));
    // Title row: the plan, and when it was exported.
    assert_eq!(text(&rows[0][0]), plan.title);
    assert!(text(&rows[0][8]).starts_with("导出时间:"), "{:?}", rows[0]);
    let headings: Vec<String> = rows[1].iter().map(text).collect();
    // The office's columns, then the key projects' (建设单位, 总投资…).
    assert_eq!(headings[..HEADINGS.len()], HEADINGS);
    assert!(
        headings[HEADINGS.len()].starts_with("建设单位"),
        "{headings:?}"
    );
    assert_eq!(rows.len(), 2 + 34, "a row per task (28 and 6 key projects)");

    // Task 1 as the store has it.
    let task = db
        .tasks(Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.number == "1")
        .unwrap();
    let row = &rows[2];
    assert_eq!(row[0], Data::Float(1.0), "a plain number is a number");
    assert_eq!(text(&row[1]), "推进规上企业数字化诊断全覆盖");
    assert_eq!(text(&row[2]), "区经信局");
    assert_eq!(text(&row[3]), "区大数据中心、城东街道、城西街道");
    assert_eq!(text(&row[4]), task.deadline_text.clone().unwrap());
    let lead = &task.units[0];
    assert_eq!(row[6], Data::Float(f64::from(lead.percent.value()) / 100.0));
    let last = db
        .history(task.id, lead.department_id)
        .unwrap()
        .pop()
        .unwrap();
    let note = duban::domain::ReportNote::parse(&last.note);
    assert_eq!(text(&row[5]), note.progress);
    assert_eq!(text(&row[7]), note.problems);
    assert_eq!(text(&row[8]), note.next);
    // 基于版本: the newest report the row shows, as a number.
    assert_eq!(row[10], Data::Float(last.id as f64));

    // 完成率 is a number shown as a percent.
    let styles = book.worksheet_style(&names[0]).unwrap();
    let format = styles.get((2, 6)).unwrap().number_format.clone().unwrap();
    assert_eq!(format.format_code, "0%");
    // The task with no unit has an empty 完成率, not 0%.
    let unassigned = rows
        .iter()
        .find(|r| text(&r[2]).is_empty() && r[6] == Data::Empty);
    assert!(unassigned.is_some());
}

#[test]
fn the_csv_export_has_a_bom_and_a_department_sheet_its_own_figures() {
    let demo = Demo::new();
    let o = demo.run(&["export", "csv"]);
    assert_ok(&o);
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("导出时间:"));
    assert_eq!(
        lines[1],
        format!(
            "{},建设单位,总投资(万元),年度计划投资(万元),本年累计完成(万元),投资完成率,项目节点",
            HEADINGS.join(",")
        )
    );
    assert!(lines[2].starts_with("1,推进规上企业数字化诊断全覆盖,区经信局,"));

    let path = demo.export("csv", "dept.csv", &["--dept", "科技局"]);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("序号,任务,牵头单位,配合单位,完成时限,填报单位,进展情况,完成率"));
    let db = Db::open(&demo.db).unwrap();
    let kj = db
        .departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "区科技局")
        .unwrap();
    let tasks = db
        .tasks(Scope {
            department: Some(kj.id),
            as_of: None,
            plan: None,
        })
        .unwrap();
    assert_eq!(lines.len() - 2, tasks.len(), "only the department's tasks");
    // Its own percent, also where it is a co-unit.
    for (line, task) in lines[2..].iter().zip(&tasks) {
        let own = task
            .units
            .iter()
            .find(|u| u.department_id == kj.id)
            .unwrap();
        assert!(line.contains(",区科技局,"), "{line}");
        assert!(
            line.contains(&format!(",{}%,", own.percent.value())),
            "{line}"
        );
    }
}

#[test]
fn xlsx_to_a_terminal_or_without_a_file_is_refused() {
    let demo = Demo::new();
    assert_user_error(&demo.run(&["export", "xlsx"]), &["-o"]);
    // `-o -` into a pipe is fine: the bytes are a zip.
    let o = demo.run(&["export", "xlsx", "-o", "-"]);
    assert_ok(&o);
    assert!(o.stdout.starts_with(b"PK"));
    // A missing directory is named as such, never by the temporary file beside the target.
    for args in [
        vec!["export", "csv", "-o", "/nonexistent-dir/x.csv"],
        vec!["backup", "/nonexistent-dir/x.db"],
        vec![
            "report",
            "--period",
            "2025-Q2",
            "-o",
            "/nonexistent-dir/x.md",
        ],
    ] {
        let o = demo.run(&args);
        assert_user_error(&o, &["目录 /nonexistent-dir 不存在"]);
        assert!(!stderr(&o).contains(".x."), "{}", stderr(&o));
    }
}

/// Issue 19 item 12: the temporary files of a backup or export killed mid-write are removed by
/// the next write to the same name, and the user is told; a live process's file is left alone.
#[test]
fn leftovers_of_a_killed_write_are_swept_and_said() {
    let demo = Demo::new();
    let dead = demo.file(".copy.db.999999999.partial");
    let dead_side = demo.file(".copy.db.999999999.partial-journal");
    let dead_tmp = demo.file(".copy.db.999999998.tmp");
    let live = demo.file(&format!(".copy.db.{}.partial", std::process::id()));
    for f in [&dead, &dead_side, &dead_tmp, &live] {
        std::fs::write(f, b"half a backup").unwrap();
    }
    let o = demo.run(&["backup", p(&demo.file("copy.db"))]);
    assert_ok(&o);
    assert!(
        stderr(&o).contains("已删除此前中断的写入留下的 3 个临时文件"),
        "{}",
        stderr(&o)
    );
    assert!(!dead.exists() && !dead_side.exists() && !dead_tmp.exists());
    assert!(live.exists(), "a running process's file is not touched");
}

#[test]
fn a_round_trip_changes_nothing() {
    let demo = Demo::new();
    let before = demo.counts();
    for (format, name, more) in [
        ("xlsx", "all.xlsx", vec![]),
        ("csv", "all.csv", vec![]),
        ("xlsx", "dept.xlsx", vec!["--dept", "经信局"]),
        ("csv", "dept.csv", vec!["--dept", "区财政局"]),
    ] {
        let path = demo.export(format, name, &more);
        let o = demo.run(&["import", format, p(&path)]);
        assert_ok(&o);
        assert!(stdout(&o).contains("没有需要导入的改动"), "{}", stdout(&o));
        assert_eq!(demo.counts(), before, "{name} changed something");
    }
}

/// Rewrites an exported xlsx: `edit` changes the cells (rows as read, 0-based), then the sheet is
/// written again as a clerk's Excel would save it (percent cells as numbers formatted 0%).
fn rewrite_xlsx(from: &Path, to: &Path, edit: impl FnOnce(&mut Vec<Vec<Data>>)) {
    let (names, mut rows, _) = read_xlsx(from);
    edit(&mut rows);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&names[0]).unwrap();
    let percent = Format::new().set_num_format("0%");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Float(f) if c == 6 && r > 1 => {
                    sheet.write_number_with_format(r, c, *f, &percent).unwrap();
                }
                Data::Float(f) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                Data::String(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                _ => {}
            }
        }
    }
    book.save(to).unwrap();
}

fn set(rows: &mut [Vec<Data>], row: usize, col: usize, value: Data) {
    if rows[row].len() <= col {
        rows[row].resize(col + 1, Data::Empty);
    }
    rows[row][col] = value;
}

#[test]
fn an_edited_sheet_applies_exactly_its_changes() {
    let demo = Demo::new();
    let exported = demo.export("xlsx", "all.xlsx", &[]);
    let edited = demo.file("edited.xlsx");
    rewrite_xlsx(&exported, &edited, |rows| {
        // Task 2: 70% -> 90% with a new progress note.
        set(rows, 3, 6, Data::Float(0.9));
        set(rows, 3, 5, Data::String("已完成设备安装调试。".into()));
        // Task 3: a co-unit added.
        set(
            rows,
            4,
            3,
            Data::String("区大数据中心、区科技局、区财政局".into()),
        );
        // A new task after the last row, typed the way clerks do.
        let n = rows.len();
        rows.push(vec![Data::Empty; 10]);
        // (The demo's tasks run to 34: its key projects come after the plan's 28.)
        set(rows, n, 0, Data::Float(35.0));
        set(rows, n, 1, Data::String("建设数字孪生园区".into()));
        set(rows, n, 2, Data::String("区经信局".into()));
        set(rows, n, 3, Data::String("区住建局".into()));
        set(rows, n, 4, Data::String("2026年底前".into()));
    });
    let before = demo.counts();

    let dry = demo.run(&["import", "xlsx", p(&edited), "--dry-run"]);
    assert_ok(&dry);
    let listed = stdout(&dry);
    assert!(
        listed.contains("第 4 行") && listed.contains("→ 90%"),
        "{listed}"
    );
    assert!(
        listed.contains("区财政局") && listed.contains("新任务"),
        "{listed}"
    );
    assert!(listed.contains("未保存任何内容"), "{listed}");
    assert_eq!(demo.counts(), before, "a dry run saves nothing");

    let o = demo.run(&["import", "xlsx", p(&edited), "--json"]);
    assert_ok(&o);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["reports"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["edits"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["new_tasks"].as_array().unwrap().len(), 1, "{json}");
    let after = demo.counts();
    assert_eq!(after[0], before[0] + 1, "one task more");
    assert_eq!(
        after[1],
        before[1] + 1 + 2,
        "a co-unit, and the new task's two units"
    );
    assert_eq!(after[2], before[2] + 1, "one journal row");

    let db = Db::open(&demo.db).unwrap();
    let tasks = db.tasks(Scope::default()).unwrap();
    let t2 = tasks.iter().find(|t| t.number == "2").unwrap();
    let lead = &t2.units[0];
    assert_eq!(lead.percent.value(), 90);
    let last = db
        .history(t2.id, lead.department_id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.reported_by, os_login());
    assert!(
        last.note.starts_with("进展情况:已完成设备安装调试。"),
        "{}",
        last.note
    );
    let t3 = tasks.iter().find(|t| t.number == "3").unwrap();
    assert!(
        t3.units
            .iter()
            .any(|u| u.name == "区财政局" && u.role == duban::domain::Role::Co)
    );
    let new = tasks.iter().find(|t| t.number == "35").unwrap();
    assert_eq!(new.title, "建设数字孪生园区");
    assert_eq!(new.deadline_text.as_deref(), Some("2026年底前"));
    assert_eq!(
        new.units
            .iter()
            .map(|u| (u.name.as_str(), u.role))
            .collect::<Vec<_>>(),
        [
            ("区经信局", duban::domain::Role::Lead),
            ("区住建局", duban::domain::Role::Co)
        ]
    );
    // The changes to the plan are audited under the importing login.
    let c = rusqlite::Connection::open(&demo.db).unwrap();
    let audited: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE by = ?1 AND entity = 'task'",
            [os_login()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 2);

    // The same file again: everything in it is now in the database.
    let again = demo.run(&["import", "xlsx", p(&edited)]);
    assert_ok(&again);
    assert!(
        stdout(&again).contains("没有需要导入的改动"),
        "{}",
        stdout(&again)
    );
    assert_eq!(demo.counts(), after);
}

#[test]
fn bad_cells_are_named_and_nothing_is_saved() {
    let demo = Demo::new();
    let exported = demo.export("csv", "all.csv", &[]);
    let good = std::fs::read_to_string(&exported).unwrap();
    let before = demo.counts();
    // Line 3 of the file is task 1; its 完成率 is column G.
    let edit = |col: usize, value: &str| {
        let path = demo.file("bad.csv");
        std::fs::write(&path, edit_csv(&good, 2, col, value)).unwrap();
        path
    };
    for (col, value, needles) in [
        (
            6,
            "150%",
            vec!["第 3 行", "G 列(完成率)", "150%", "超出范围"],
        ),
        (6, "abc", vec!["第 3 行", "G 列", "「abc」不是数字"]),
        (2, "区不存在局", vec!["C 列(牵头单位)", "区不存在局"]),
        (4, "明年再说", vec!["E 列(完成时限)", "明年再说"]),
    ] {
        let path = edit(col, value);
        let o = demo.run(&["import", "csv", p(&path)]);
        assert_user_error(&o, &needles);
        assert!(stderr(&o).contains("未导入任何内容"));
        assert_eq!(demo.counts(), before);
    }
    let path = edit(6, "150%");
    let o = demo.run(&["--lang", "en", "import", "csv", p(&path)]);
    assert_user_error(&o, &["row 3, column G (完成率)", "out of range"]);
    // Every bad cell is listed, each with its file, row and column, then the count.
    let twice = edit_csv(&std::fs::read_to_string(&path).unwrap(), 3, 6, "abc");
    std::fs::write(&path, twice).unwrap();
    let o = demo.run(&["import", "csv", p(&path)]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<String> = stderr(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].contains("第 3 行") && lines[0].contains("G 列"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("第 4 行") && lines[1].contains("「abc」不是数字"),
        "{lines:?}"
    );
    assert!(lines[2].contains("共 2 处问题;未导入任何内容"), "{lines:?}");
    assert!(!stderr(&o).contains("panicked"));
    assert_eq!(demo.counts(), before);
}

#[test]
fn a_sheet_older_than_a_report_is_refused() {
    let demo = Demo::new();
    let exported = demo.export("csv", "all.csv", &[]);
    // The sheet was exported a while ago (stamps count seconds: a report in the export's own
    // second would not be seen as later)…
    let text = std::fs::read_to_string(&exported).unwrap();
    let stamp_at = text.find("导出时间:").unwrap();
    let old = format!(
        "{}导出时间:2025-06-16 00:00:00{}",
        &text[..stamp_at],
        &text[stamp_at + "导出时间:2025-06-16 00:00:00".len()..]
    );
    std::fs::write(&exported, &old).unwrap();
    // …someone reported on task 2 since…
    assert_ok(&demo.run(&[
        "update",
        "--task",
        "2",
        "--dept",
        "经信局",
        "--percent",
        "+1",
    ]));
    let before = demo.counts();
    // …and a clerk returns the old sheet with task 2 changed: refused, naming who reported.
    let stale = demo.file("stale.csv");
    let cell = csv_cell(&old, 3, 6);
    std::fs::write(&stale, edit_csv(&old, 3, 6, &other_percent(&cell))).unwrap();
    let o = demo.run(&["import", "csv", p(&stale)]);
    assert_user_error(&o, &["第 4 行", "导出之后", &os_login()]);
    assert_eq!(demo.counts(), before);
    // The old sheet unchanged: its task 2 row now differs from the database, so it would
    // overwrite the newer report too; refused the same way.
    assert_user_error(&demo.run(&["import", "csv", p(&exported)]), &["第 4 行"]);
    // Without task 2's row, the old sheet's change to task 1 goes in: that report did not touch
    // task 1.
    let task1 = edit_csv(&old, 2, 6, &other_percent(&csv_cell(&old, 2, 6)));
    let task1: Vec<&str> = task1
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, l)| l)
        .collect();
    let path = demo.file("task1.csv");
    std::fs::write(&path, task1.join("\n")).unwrap();
    assert_ok(&demo.run(&["import", "csv", p(&path)]));
    assert_eq!(demo.counts()[2], before[2] + 1);
}

#[test]
fn who_may_write_what_is_checked_for_the_importing_login() {
    let demo = Demo::new();
    let exported = demo.export("csv", "dept.csv", &["--dept", "经信局"]);
    let text = std::fs::read_to_string(&exported).unwrap();
    // Task 1's row (区经信局 leads): a new percent in 完成率, column H of a department's sheet.
    assert!(text.lines().nth(2).unwrap().starts_with("1,"));
    let changed_text = edit_csv(&text, 2, 7, &other_percent(&csv_cell(&text, 2, 7)));
    let changed = demo.file("changed.csv");
    std::fs::write(&changed, &changed_text).unwrap();
    let before = demo.counts();

    demo.me(ClerkRole::Viewer, None);
    let o = demo.run(&["import", "csv", p(&changed)]);
    assert_user_error(&o, &["第 3 行", "查看人员"]);
    assert_eq!(demo.counts(), before);

    // An editor of another department may not report for 区经信局.
    demo.me(ClerkRole::Editor, Some("区财政局"));
    assert_user_error(
        &demo.run(&["import", "csv", p(&changed)]),
        &["只能填报本单位"],
    );
    assert_eq!(demo.counts(), before);

    // 区经信局's own editor may; a changed unit in the same sheet needs an admin.
    demo.me(ClerkRole::Editor, Some("区经信局"));
    assert_eq!(
        csv_cell(&changed_text, 3, 3),
        "区财政局",
        "task 2's co-unit"
    );
    let unit = demo.file("unit.csv");
    std::fs::write(&unit, edit_csv(&changed_text, 3, 3, "区财政局、区科技局")).unwrap();
    assert_user_error(
        &demo.run(&["import", "csv", p(&unit)]),
        &["第 4 行", "只有管理员"],
    );
    assert_eq!(demo.counts(), before);
    assert_ok(&demo.run(&["import", "csv", p(&changed)]));
    assert_eq!(demo.counts()[2], before[2] + 1);
}

#[test]
fn files_that_are_no_task_sheet_are_refused() {
    let demo = Demo::new();
    let before = demo.counts();
    let empty = demo.file("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert_user_error(&demo.run(&["import", "xlsx", p(&empty)]), &["空文件"]);
    let garbage = demo.file("garbage.xlsx");
    let noise: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&garbage, &noise).unwrap();
    assert_user_error(
        &demo.run(&["import", "xlsx", p(&garbage)]),
        &["garbage.xlsx"],
    );
    let binary = demo.file("binary.csv");
    std::fs::write(&binary, &noise).unwrap();
    assert_user_error(&demo.run(&["import", "csv", p(&binary)]), &["不是 CSV"]);
    // An xlsx given to `import csv`, and a table without task headings.
    let xlsx = demo.export("xlsx", "real.xlsx", &[]);
    assert_user_error(&demo.run(&["import", "csv", p(&xlsx)]), &["real.xlsx"]);
    let other = demo.file("other.csv");
    std::fs::write(&other, "姓名,电话\n张三,123\n").unwrap();
    assert_user_error(&demo.run(&["import", "csv", p(&other)]), &["没有任务表"]);
    assert_user_error(
        &demo.run(&["import", "csv", p(&demo.file("missing.csv"))]),
        &["文件不存在"],
    );
    assert_eq!(demo.counts(), before);
}

#[test]
fn an_office_csv_in_gb18030_with_its_own_headings_is_read() {
    let demo = Demo::new();
    // A sheet made by hand in the office: its own headings, 责任单位 with * for leads, a percent
    // typed as 0.6 and as ６０％, no 配合单位 column, an aliased unit name.
    let text = "重点任务推进情况\r\n\
                序号,重点任务,责任单位,时间节点,工作进展,完成进度\r\n\
                一,推进智能制造,,,,\r\n\
                2,实施智能化技术改造项目,*区经信局、区财政局,,,0.9\r\n\
                40,建设算力调度中心,*经信局、区大数据中心,2026年6月底前,已完成选址,６０％\r\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let path = demo.file("gb.csv");
    std::fs::write(&path, &gb).unwrap();
    let before = demo.counts();
    // An office's own sheet says which day it reflects (the demo's reports are from before).
    let o = demo.run(&[
        "import",
        "csv",
        p(&path),
        "--json",
        "--sheet-date",
        "2025-06-15",
    ]);
    assert_ok(&o);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Task 2: its percent to 90 (its 时间节点 cell is empty: the plan's end, a changed deadline;
    // its units are as they were).
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports[0]["number"], "2");
    assert_eq!(reports[0]["percent"], 90);
    assert_eq!(json["edits"][0]["number"], "2");
    assert!(json["edits"][0]["units"].is_null(), "{json}");
    assert!(json["edits"][0]["deadline"]["after"].is_null(), "{json}");
    assert_eq!(json["new_tasks"][0]["title"], "建设算力调度中心");
    assert_eq!(json["new_tasks"][0]["units"][0]["department"], "区经信局");
    assert_eq!(json["new_tasks"][0]["units"][0]["role"], "lead");
    assert_eq!(reports[1]["percent"], 60);
    assert_eq!(reports[1]["note"], "进展情况:已完成选址");
    assert_eq!(
        json["new_tasks"].as_array().unwrap().len(),
        1,
        "the part's heading row is no task"
    );
    assert_eq!(demo.counts()[0], before[0] + 1);
}

/// Issue 19, items 8 and 9: a dry run rehearses the write, so it refuses what the real run
/// refuses (here: a plan edit by a clerk who is not an admin), and the refusal of an edit names
/// the column that was changed, not the row's title.
#[test]
fn a_dry_run_refuses_what_the_real_run_refuses_at_the_changed_column() {
    let demo = Demo::new();
    let path = demo.export("csv", "tasks.csv", &[]);
    let text = std::fs::read_to_string(&path).unwrap();
    let before = demo.counts();
    // The runner becomes an editor of the first task's lead unit.
    let c = rusqlite::Connection::open(&demo.db).unwrap();
    c.execute(
        "UPDATE clerk SET role = 'editor',
             department_id = (SELECT department_id FROM assignment
                              WHERE task_id = (SELECT min(id) FROM task) AND role = 'lead'
                              LIMIT 1)
         WHERE username = ?1",
        [os_login()],
    )
    .unwrap();
    drop(c);
    for (col, value, column) in [
        (4, "2030年底前", "E 列(完成时限)"),
        (3, "", "D 列(配合单位)"),
    ] {
        let edited = demo.file(&format!("edit-{col}.csv"));
        std::fs::write(&edited, edit_csv(&text, 2, col, value)).unwrap();
        for dry in [true, false] {
            let mut args = vec!["import", "csv", p(&edited)];
            if dry {
                args.push("--dry-run");
            }
            let o = demo.run(&args);
            assert_user_error(&o, &["第 3 行", column, "只有管理员可以办理这一步"]);
        }
    }
    assert_eq!(demo.counts(), before);
}
