//! Completion over time (issue 23 §4): the month-end trend the TUI's view 5 and the circular
//! workbook show agrees with the circular itself — the last month with the period's circular, every
//! month with the circular of that month, department by department.

#[path = "support/cli.rs"]
mod cli;

use std::io::Read;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::Period;
use duban::report::{circular, trend};
use duban::store::Db;

const TODAY: &str = "2026-11-23";

fn demo() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("demo.db")).unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    duban::sample::demo::build(&mut db, today, now, "sunhui").unwrap();
    (dir, db)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn every_month_is_what_the_circular_of_that_month_says() {
    let (_dir, db) = demo();
    let today: NaiveDate = TODAY.parse().unwrap();
    let q4: Period = "2026-Q4".parse().unwrap();
    let t = trend::monthly(&db, q4, today, None).unwrap().unwrap();
    // January to the running month, the last as of today.
    assert_eq!(t.months.len(), 11);
    assert_eq!(t.months[0].month, "2026-01".parse().unwrap());
    assert_eq!(t.months[10].as_of, today);
    assert_eq!(
        t.months[9].as_of,
        "2026-10-31".parse::<NaiveDate>().unwrap()
    );
    for m in &t.months {
        let c = circular::build(&db, m.month, today, None).unwrap().unwrap();
        assert_eq!(c.as_of, m.as_of);
        assert!(
            close(m.total, c.tasks.completion()),
            "{}: {:?} vs {:?}",
            m.month,
            m.total,
            c.tasks.completion()
        );
        for d in &c.departments {
            assert!(
                close(m.department(d.department_id), d.completion),
                "{} {}: {:?} vs {:?}",
                m.month,
                d.name,
                m.department(d.department_id),
                d.completion
            );
        }
    }
    // The period's own circular: its last month. Read in the circular's own walk (as the
    // workbook does), the trend is the same, and so is the circular.
    let c = circular::build(&db, q4, today, None).unwrap().unwrap();
    let (c2, t2) =
        circular::read_with_trend::<duban::store::StoreError>(&db, q4, today, None, |_| Ok(()))
            .unwrap()
            .unwrap();
    assert_eq!(t2.as_ref(), Some(&t));
    assert_eq!(c2, c);
    let last = t.months.last().unwrap();
    assert!(close(last.total, c.tasks.completion()));
    // The figures move: not one value repeated for every month.
    let totals = t.totals();
    assert!(totals.first() != totals.last(), "{totals:?}");
}

#[test]
fn a_past_quarter_ends_with_its_circular_and_a_future_one_is_none() {
    let (_dir, db) = demo();
    let today: NaiveDate = TODAY.parse().unwrap();
    let q2: Period = "2026-Q2".parse().unwrap();
    let t = trend::monthly(&db, q2, today, None).unwrap().unwrap();
    assert_eq!(t.months.len(), 6);
    let c = circular::build(&db, q2, today, None).unwrap().unwrap();
    let june = &t.months[5];
    assert_eq!(june.as_of, "2026-06-30".parse::<NaiveDate>().unwrap());
    assert!(close(june.total, c.tasks.completion()));
    for d in &c.departments {
        assert!(
            close(june.department(d.department_id), d.completion),
            "{}",
            d.name
        );
        assert_eq!(t.department(d.department_id).len(), 6);
    }
    // The previous quarter's figure in the circular is March's in the trend.
    let q1 = circular::build(&db, "2026-Q1".parse().unwrap(), today, None)
        .unwrap()
        .unwrap();
    assert!(close(t.months[2].total, q1.tasks.completion()));
    assert!(close(t.months[2].total, c.previous_tasks.completion()));
    assert_eq!(
        trend::monthly(&db, "2027-Q1".parse().unwrap(), today, None).unwrap(),
        None
    );
}

/// A part of the workbook's zip, as text.
fn part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the workbook"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The `<c:f>` ranges of a chart, in order (categories, then values).
fn ranges(chart: &str) -> Vec<String> {
    chart
        .split("<c:f>")
        .skip(1)
        .map(|s| s.split("</c:f>").next().unwrap().to_string())
        .collect()
}

/// "排名!$C$4:$C$14" as (sheet, column, first row, last row), zero-based.
fn cells_of(range: &str) -> (String, u32, u32, u32) {
    let (sheet, cells) = range.rsplit_once('!').unwrap();
    let (a, b) = cells.split_once(':').unwrap();
    let parse = |c: &str| {
        let c = c.replace('$', "");
        let letters: String = c.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let row: u32 = c[letters.len()..].parse().unwrap();
        let col = letters
            .bytes()
            .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
        (col - 1, row - 1)
    };
    let ((col, first), (col2, last)) = (parse(a), parse(b));
    assert_eq!(col, col2, "{range}");
    (sheet.trim_matches('\'').to_string(), col, first, last)
}

fn column(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, range: &str) -> Vec<Data> {
    let (sheet, col, first, last) = cells_of(range);
    let cells = book.worksheet_range(&sheet).unwrap();
    (first..=last)
        .map(|r| cells.get_value((r, col)).cloned().unwrap_or(Data::Empty))
        .collect()
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn the_workbook_charts_read_the_cells_that_hold_the_circulars_figures() {
    let (dir, db) = demo();
    let out = dir.path().join("q3.xlsx");
    let mut run = cli::command();
    // The binary reads days in the time zone this process computes its figures in.
    match std::env::var_os("TZ") {
        Some(tz) => run.env("TZ", tz),
        None => run.env_remove("TZ"),
    };
    let o = run
        .args(["--db"])
        .arg(db.path())
        .args(["report", "--period", "2026-Q3", "--format", "xlsx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let today: NaiveDate = cli::TODAY.parse().unwrap();
    let q3: Period = "2026-Q3".parse().unwrap();
    let c = circular::build(&db, q3, today, None).unwrap().unwrap();
    let t = trend::monthly(&db, q3, today, None).unwrap().unwrap();

    // The first sheet's drawing holds both charts.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let rels = part(&mut zip, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(rels.contains("../drawings/drawing1.xml"), "{rels}");
    let drawing = part(&mut zip, "xl/drawings/_rels/drawing1.xml.rels");
    assert!(drawing.contains("../charts/chart1.xml"), "{drawing}");
    assert!(drawing.contains("../charts/chart2.xml"), "{drawing}");
    let charts = [
        part(&mut zip, "xl/charts/chart1.xml"),
        part(&mut zip, "xl/charts/chart2.xml"),
    ];
    let line = charts
        .iter()
        .find(|c| c.contains("<c:lineChart>"))
        .expect("a line chart");
    let bars = charts
        .iter()
        .find(|c| c.contains("<c:barChart>"))
        .expect("a bar chart");
    assert!(line.contains("全部任务完成率(各月末)"), "{line}");
    assert!(bars.contains("各单位得分"), "{bars}");

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    // The bars: every ranked department's name and score, in ranking order.
    let r = ranges(bars);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|r| r.starts_with("排名!")), "{r:?}");
    let ranked: Vec<_> = c.departments.iter().filter(|d| d.rank.is_some()).collect();
    let names: Vec<String> = column(&mut book, &r[0]).iter().map(text).collect();
    let wanted: Vec<String> = ranked.iter().map(|d| d.name.clone()).collect();
    assert_eq!(names, wanted);
    let scores: Vec<f64> = column(&mut book, &r[1]).iter().map(number).collect();
    for (got, d) in scores.iter().zip(&ranked) {
        assert!(
            (got - d.score.as_ref().unwrap().total).abs() < 1e-9,
            "{}",
            d.name
        );
    }
    // The line: January to September, each month's completion of all tasks; September's is
    // the circular's own.
    let r = ranges(line);
    assert_eq!(r.len(), 2, "{r:?}");
    let months: Vec<String> = column(&mut book, &r[0]).iter().map(text).collect();
    assert_eq!(
        months,
        [
            "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月"
        ]
    );
    let figures: Vec<f64> = column(&mut book, &r[1]).iter().map(number).collect();
    assert_eq!(figures.len(), t.months.len());
    for (got, m) in figures.iter().zip(&t.months) {
        assert!((got * 100.0 - m.total.unwrap()).abs() < 1e-9, "{}", m.month);
    }
    let last = figures.last().unwrap() * 100.0;
    assert!((last - c.tasks.completion().unwrap()).abs() < 1e-9);
    // The table the line reads has its heads over it, under the ranking's 牵头任务 and 完成率.
    let (sheet, col, first, _) = cells_of(&r[0]);
    let sheet_cells = book.worksheet_range(&sheet).unwrap();
    assert_eq!(col, 3);
    assert_eq!(
        sheet_cells.get_value((first - 1, col)),
        Some(&Data::String("月份".into()))
    );
}

/// A file with no task yet: the workbook is written, with no empty chart in it.
#[test]
fn a_new_file_has_no_charts_to_draw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let out = dir.path().join("q4.xlsx");
    let o = cli::command()
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = cli::command()
        .arg("--db")
        .arg(&db)
        .args(["report", "--format", "xlsx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    assert!(!zip.file_names().any(|n| n.starts_with("xl/charts/")));
}
