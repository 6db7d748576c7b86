//! Key projects' investment and milestones in the outputs (issue 23), figured by hand on the
//! fixture: per leading department and in total (each project once), the rate, as of the
//! circular's period end (a figure entered later does not change it), `status --json`, the
//! export's columns and milestones sheet read back, and a file without projects unchanged.
//!
//! The fixture's leads: task 1 区经济和信息化局 (区发改局 co), task 2 区发改局 (星海街道 co), task 4
//! none. Projects on tasks 1, 2 and 4, planned for 2024: 2000, 18000 and 1000 (万元).
//! Figures: task 1 March 500 (entered 5 April), task 1 June 1200 (entered 3 July, after Q2),
//! task 2 May 9000 (entered 10 June). So at Q2's end: 经信局 500/2000 = 25%, 发改局 9000/18000 =
//! 50%, total 9500/21000 = 45.2%; now: 经信局 1200/2000 = 60%, total 10200/21000 = 48.6%.

mod common;

use std::io::Read;

use calamine::{Data, DataType, Reader};
use common::{at, day};
use duban::domain::Period;
use duban::domain::project::{Month, YearPlan};
use duban::i18n::Lang;
use duban::report::circular::{self, Circular};
use duban::report::export::{self, Export};
use duban::report::investment::Sum;
use duban::report::{circular_docx, circular_text, circular_xlsx, status};
use duban::store::{Db, InvestmentReport, MilestoneEdit, MilestoneReach, ProjectEdit, Scope};

const T1: i64 = 1;
const T2: i64 = 2;
const T4: i64 = 4;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn project(db: &mut Db, task: i64, owner: &str, total: f64, planned: f64, when: &str) {
    let edit = ProjectEdit {
        owner: Some(owner),
        total: Some(Some(total)),
        year_plan: Some(YearPlan {
            year: 2024,
            planned,
        }),
        active: None,
    };
    db.edit_project(task, &edit, "bob", at(when)).unwrap();
}

fn figure(db: &mut Db, task: i64, unit: &str, month: &str, amount: f64, when: &str) {
    let last = db.projects(Some(&[task]), None).unwrap()[&task].last_figure;
    let department_id = dept(db, unit);
    db.report_investment(&InvestmentReport {
        task_id: task,
        department_id,
        month: Month::parse(month).unwrap(),
        amount,
        note: "",
        reason: "",
        expected_last: last,
        by: "bob",
        at: at(when),
        today: at(when).date_naive(),
        progress_note: &|_, _| String::new(),
    })
    .unwrap();
}

/// The fixture with the three projects and the figures entered up to Q2's end.
fn with_projects() -> (common::Fixture, Db) {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let feb = "2024-02-01T00:00:00";
    project(&mut db, T1, "某数字科技有限公司", 5000.0, 2000.0, feb);
    project(&mut db, T2, "浙江某某新材料有限公司", 52000.0, 18000.0, feb);
    project(&mut db, T4, "某城投公司", 3000.0, 1000.0, feb);
    figure(
        &mut db,
        T1,
        "区经济和信息化局",
        "2024-03",
        500.0,
        "2024-04-05T02:00:00",
    );
    figure(
        &mut db,
        T2,
        "区发改局",
        "2024-05",
        9000.0,
        "2024-06-10T02:00:00",
    );
    (f, db)
}

/// The June figure of task 1, entered after Q2 ended.
fn late_june_figure(db: &mut Db) {
    figure(
        db,
        T1,
        "区经济和信息化局",
        "2024-06",
        1200.0,
        "2024-07-03T02:00:00",
    );
}

fn q2(db: &Db, today: &str) -> Circular {
    let period: Period = "2024-Q2".parse().unwrap();
    circular::build(db, period, day(today), None)
        .unwrap()
        .unwrap()
}

fn sum(projects: u32, planned: f64, completed: f64) -> Sum {
    Sum {
        projects,
        planned,
        completed,
    }
}

#[test]
fn the_circular_counts_lead_departments_and_each_project_once_as_of_its_end() {
    let (_f, mut db) = with_projects();
    let (jxj, fgj) = (dept(&db, "区经济和信息化局"), dept(&db, "区发改局"));
    let before = q2(&db, "2024-07-02");
    let inv = before.investment.clone().expect("the file has projects");
    assert_eq!((inv.year, inv.as_of), (2024, day("2024-06-30")));
    assert_eq!(inv.of(jxj), Some(&sum(1, 2000.0, 500.0)));
    assert_eq!(inv.of(fgj), Some(&sum(1, 18000.0, 9000.0)));
    assert_eq!(inv.of(fgj).unwrap().rate(), Some(50.0));
    // 星海街道 is only a co-unit of a project: no line. Task 4 has no unit: in the total only.
    assert_eq!(inv.departments.len(), 2);
    assert_eq!(inv.total, sum(3, 21000.0, 9500.0));
    assert!((inv.total.rate().unwrap() - 45.238).abs() < 0.001);

    // A June figure entered in July, and a plan changed in July: Q2's circular is as issued.
    late_june_figure(&mut db);
    let july = "2024-07-10T00:00:00";
    project(
        &mut db,
        T2,
        "浙江某某新材料有限公司",
        52000.0,
        20000.0,
        july,
    );
    let after = q2(&db, "2024-08-05");
    assert_eq!(after.investment, before.investment);
    // Now (the status) both count.
    let now = status::build(&db, day("2024-08-05"), Scope::default()).unwrap();
    let inv = now.investment.unwrap();
    assert_eq!(inv.of(jxj), Some(&sum(1, 2000.0, 1200.0)));
    assert_eq!(inv.of(jxj).unwrap().rate(), Some(60.0));
    assert_eq!(inv.total, sum(3, 23000.0, 10200.0));
    // As of Q2's end, the status says what the circular says.
    let asof = status::build(
        &db,
        day("2024-06-30"),
        Scope {
            as_of: Some(at("2024-07-01T00:00:00")),
            ..Scope::default()
        },
    )
    .unwrap();
    assert_eq!(asof.investment, before.investment);
    // One department: its projects only.
    let mine = status::build(
        &db,
        day("2024-08-05"),
        Scope {
            department: Some(fgj),
            ..Scope::default()
        },
    )
    .unwrap();
    let mine = mine.investment.unwrap();
    assert_eq!(mine.departments.len(), 1);
    assert_eq!(mine.total, sum(1, 20000.0, 9000.0));
}

#[test]
fn the_circular_prints_the_table_in_every_form() {
    let (_f, db) = with_projects();
    let c = q2(&db, "2024-07-02");
    // Markdown.
    let mut md = Vec::new();
    circular_text::write_markdown(
        &c,
        circular_text::RedTasks::new(Lang::Zh).unwrap(),
        Lang::Zh,
        &mut md,
    )
    .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("重点项目年度投资完成情况(2024年,单位:万元)"),
        "{md}"
    );
    assert!(
        md.contains("| 区经济和信息化局 | 1 | 2000 | 500 | 25.0% |"),
        "{md}"
    );
    assert!(
        md.contains("| 区发改局 | 1 | 18000 | 9000 | 50.0% |"),
        "{md}"
    );
    assert!(md.contains("| 合计 | 3 | 21000 | 9500 | 45.2% |"), "{md}");
    assert!(md.contains("牵头单位"), "{md}");
    // CSV: three columns at the end of each department's row, blank for one without projects.
    for lang in [Lang::Zh, Lang::En] {
        let csv = circular_text::render_csv(&c, lang);
        let mut rows = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|l| l.split(',').map(String::from).collect::<Vec<_>>());
        let head = rows.next().unwrap();
        let n = head.len();
        let rate = if lang == Lang::Zh {
            "年度投资完成率"
        } else {
            "Investment rate"
        };
        assert_eq!(head[n - 1], rate);
        for row in rows {
            let tail = &row[n - 3..];
            match row
                .iter()
                .find(|c| c.contains("局") || c.contains("街道") || c.contains("公司"))
            {
                Some(name) if name == "区发改局" => assert_eq!(tail, ["18000", "9000", "50"]),
                Some(name) if name == "区经济和信息化局" => {
                    assert_eq!(tail, ["2000", "500", "25"])
                }
                _ => assert_eq!(tail, ["", "", ""], "{row:?}"),
            }
        }
    }
    // xlsx: a sheet of its own, numbers as numbers.
    let sheets = circular_xlsx::TaskSheets::new(Lang::Zh).unwrap();
    let made = at("2024-08-01T09:00:00");
    let mut book = circular_xlsx::write_xlsx(&c, sheets, None, Lang::Zh, made).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut x = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = x.sheet_names();
    assert_eq!(names.last().unwrap(), "重点项目投资");
    let range = x.worksheet_range("重点项目投资").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let find = |name: &str| {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| *c == name))
            .copied()
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
    };
    let total = find("合计");
    assert_eq!(total[1].as_f64(), Some(3.0));
    assert_eq!(total[2].as_f64(), Some(21000.0));
    assert_eq!(total[3].as_f64(), Some(9500.0));
    assert!((total[4].as_f64().unwrap() - 0.45238).abs() < 1e-4);
    assert_eq!(find("区发改局")[4].as_f64(), Some(0.5));
    // docx: the sentence in 一、总体情况 and the table.
    let head = circular_docx::Heading {
        office: "",
        number: "",
        requirements: "",
        dated: day("2024-07-05"),
    };
    let doc = circular_docx::circular_docx(&c, &Default::default(), &head, Lang::Zh);
    let mut packed = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut packed).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(packed.into_inner())).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(
            "纳入督办的重点项目共3个,2024年度计划投资21000万元,已完成9500万元,年度投资完成率45.2%。"
        ),
        "the overview's sentence"
    );
    assert!(xml.contains("本年累计完成"));
}

#[test]
fn status_json_and_csv_carry_the_investment_only_with_projects() {
    let plain = common::fixture();
    let db = Db::open(&plain.path).unwrap();
    let report = status::build(&db, day("2024-08-05"), Scope::default()).unwrap();
    assert_eq!(report.investment, None);
    let json = status::render_json(&report);
    assert!(!json.contains("investment"));
    assert!(!status::render_table(&report, Lang::Zh, 80, false).contains("投资"));
    assert!(!status::render_csv(&report, Lang::Zh).contains("投资"));

    let (_f, mut db) = with_projects();
    late_june_figure(&mut db);
    let report = status::build(&db, day("2024-08-05"), Scope::default()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&status::render_json(&report)).unwrap();
    let inv = &json["investment"];
    assert_eq!(inv["year"], 2024);
    assert_eq!(inv["basis"], "lead");
    assert_eq!(
        inv["total"],
        serde_json::json!({"projects": 3, "planned": 21000.0, "completed": 10200.0, "rate": 48.6})
    );
    let jxj = inv["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == "区经济和信息化局")
        .unwrap();
    assert_eq!(jxj["rate"], 60.0);
    assert_eq!(jxj["planned"], 2000.0);
    let table = status::render_table(&report, Lang::Zh, 80, false);
    assert!(
        table.contains("重点项目年度投资完成情况(2024年,单位:万元)"),
        "{table}"
    );
    let total = table.lines().rev().find(|l| l.starts_with("合计")).unwrap();
    assert!(total.ends_with("48.6%"), "{table}");
    let csv = status::render_csv(&report, Lang::En);
    let last = csv.lines().last().unwrap();
    assert!(last.starts_with("Total,"));
    assert!(last.ends_with(",21000,10200,48.6"), "{csv}");
}

fn milestones(db: &mut Db) {
    let list = vec![
        MilestoneEdit {
            id: None,
            name: "开工".into(),
            planned_on: day("2024-03-01"),
            share: None,
        },
        MilestoneEdit {
            id: None,
            name: "主体结顶".into(),
            planned_on: day("2024-06-30"),
            share: None,
        },
    ];
    db.set_milestones(T2, &list, "bob", at("2024-02-02T00:00:00"))
        .unwrap();
    let start = db.milestone_rows(T2).unwrap()[0].milestone.id;
    let department_id = dept(db, "区发改局");
    db.reach_milestone(&MilestoneReach {
        task_id: T2,
        milestone_id: start,
        department_id,
        reached_on: Some(day("2024-03-05")),
        note: "",
        expected_last: None,
        by: "bob",
        at: at("2024-03-06T00:00:00"),
        today: day("2024-03-06"),
        progress_note: &|_, _, _| String::new(),
    })
    .unwrap();
}

fn export_spec() -> Export {
    Export {
        department: None,
        at: at("2024-08-05T01:00:00"),
        plan: None,
        today: day("2024-08-05"),
    }
}

#[test]
fn the_export_reads_back_with_project_columns_and_a_milestones_sheet() {
    let (_f, mut db) = with_projects();
    late_june_figure(&mut db);
    milestones(&mut db);
    let (mut book, done) = export::write_xlsx(&db, &export_spec()).unwrap();
    assert_eq!(done.sheets, 1);
    let bytes = book.save_to_buffer().unwrap();
    let mut x = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let names = x.sheet_names();
    assert_eq!(names.len(), 2);
    assert_eq!(names[1], "项目节点");
    let tasks = x.worksheet_range(&names[0]).unwrap();
    let rows: Vec<Vec<Data>> = tasks.rows().map(<[Data]>::to_vec).collect();
    // The units on a line of their own under each heading.
    let head: Vec<String> = rows[1]
        .iter()
        .map(|c| c.to_string().replace("\n(", "("))
        .collect();
    let at_col = |h: &str| head.iter().position(|c| c == h).unwrap();
    assert_eq!(at_col("基于版本") + 1, at_col("建设单位"));
    let task2 = rows.iter().find(|r| r[1] == "建设产业园区").unwrap();
    assert_eq!(
        task2[at_col("建设单位")].to_string(),
        "浙江某某新材料有限公司"
    );
    assert_eq!(task2[at_col("总投资(万元)")].as_f64(), Some(52000.0));
    assert_eq!(task2[at_col("年度计划投资(万元)")].as_f64(), Some(18000.0));
    assert_eq!(task2[at_col("本年累计完成(万元)")].as_f64(), Some(9000.0));
    assert_eq!(task2[at_col("投资完成率")].as_f64(), Some(0.5));
    let task3 = rows.iter().find(|r| r[1] == "盘活低效工业用地").unwrap();
    assert!(matches!(task3[at_col("建设单位")], Data::Empty));
    let ms = x.worksheet_range("项目节点").unwrap();
    let ms: Vec<Vec<String>> = ms
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        ms,
        [
            vec![
                "序号",
                "项目名称",
                "牵头单位",
                "节点",
                "计划时间",
                "达到时间",
                "状态"
            ],
            vec![
                "2",
                "建设产业园区",
                "区发改局",
                "开工",
                "2024-03-01",
                "2024-03-05",
                "已达到(逾期4天)"
            ],
            vec![
                "2",
                "建设产业园区",
                "区发改局",
                "主体结顶",
                "2024-06-30",
                "",
                "逾期36天"
            ],
        ]
    );
    // The importer reads the same workbook as before: the task sheet, the milestones skipped.
    let read = duban::import::sheet::read(&bytes, duban::import::sheet::Format::Xlsx, "x").unwrap();
    assert_eq!(read.tables.len(), 1);
    assert_eq!(read.skipped, ["项目节点"]);

    // CSV: the same columns, and the milestones as lines of one cell.
    let mut out = Vec::new();
    export::write_csv(&db, &export_spec(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let head = &rows[1];
    let n = head.len();
    assert_eq!(
        head[n - 6..],
        [
            "建设单位",
            "总投资(万元)",
            "年度计划投资(万元)",
            "本年累计完成(万元)",
            "投资完成率",
            "项目节点"
        ]
    );
    let task2 = rows.iter().find(|r| r[1] == "建设产业园区").unwrap();
    assert_eq!(
        task2[n - 6..],
        [
            "浙江某某新材料有限公司",
            "52000",
            "18000",
            "9000",
            "50%",
            "开工 计划2024-03-01 2024-03-05已达到(逾期4天)\n主体结顶 计划2024-06-30 逾期36天"
        ]
    );
    let task1 = rows.iter().find(|r| r[1] == "推进企业数字化改造").unwrap();
    assert_eq!(task1[n - 2], "60%");
    assert_eq!(task1[n - 1], "");
}

#[test]
fn an_export_without_projects_is_as_it_was() {
    let f = common::fixture();
    let db = Db::open(&f.path).unwrap();
    let mut out = Vec::new();
    export::write_csv(&db, &export_spec(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let head = text.lines().nth(1).unwrap();
    assert!(head.ends_with("备注,基于版本"), "{head}");
    let (mut book, _) = export::write_xlsx(&db, &export_spec()).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let x = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(x.sheet_names().len(), 1);
}
