//! Plan import: each style on a fixture written for the project, the five seed documents (when
//! present), encodings and bad input, a large file, and the round trip through `duban tasks --json`.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use duban::domain::Role;
use duban::import::{DecodeError, DoubtKind, ImportError, Options, PlanDraft, read_plan};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn opts() -> Options {
    Options {
        fallback_title: "untitled".into(),
        fallback_year: 2030,
    }
}

fn parse_bytes(bytes: &[u8]) -> PlanDraft {
    read_plan(bytes, &opts()).expect("imports").0
}

fn parse_fixture(name: &str) -> PlanDraft {
    parse_bytes(&std::fs::read(fixture_path(name)).unwrap())
}

/// (number, title, "*lead、co" units, deadline date or "-")
fn rows(d: &PlanDraft) -> Vec<(String, String, String, String)> {
    d.tasks
        .iter()
        .map(|t| {
            (
                t.number.clone(),
                t.title.clone(),
                duban::report::import::units_line(t),
                t.deadline
                    .as_ref()
                    .and_then(|x| x.date)
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "-".into()),
            )
        })
        .collect()
}

fn row(n: &str, title: &str, units: &str, due: &str) -> (String, String, String, String) {
    (n.into(), title.into(), units.into(), due.into())
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn straight_numbering_ascii_notes_common_note_goals_and_web_noise() {
    let d = parse_fixture("straight.txt");
    assert_eq!(d.title, "青禾县冷链物流提升2025年工作要点");
    assert_eq!(
        (d.starts_on, d.ends_on),
        (day("2025-01-01"), day("2025-12-31"))
    );
    assert_eq!(d.issued_on, Some(day("2025-02-18")));
    assert_eq!(
        rows(&d),
        vec![
            row(
                "1",
                "建设产地冷藏保鲜设施",
                "*县农业农村局、县供销社、各乡镇人民政府",
                "2025-09-30"
            ),
            row(
                "2",
                "改造提升冷链集散中心",
                "*县发改局、县商务局",
                "2025-06-30"
            ),
            row("3", "扶持冷链龙头企业", "*县商务局", "-"),
            row("4", "发展冷链共同配送", "*县交通运输局、县邮政管理局", "-"),
            row("5", "加强冷链食品追溯", "*县市场监管局", "-"),
            row("6", "做好统计监测", "", "-"),
            row("三(一)", "加强组织领导", "*县商务局", "-"),
            row("三(二)", "加大资金支持", "*县财政局、县商务局", "-"),
        ]
    );
    // The note for every later task is on the plan, not repeated on tasks 2..
    assert_eq!(
        d.common_units_note.as_deref(),
        Some("以下各项工作均需各乡镇人民政府负责落实,不再列出")
    );
    // Text kept: the recurring deadline, the (1)(2) sub-items in their task's body.
    assert_eq!(d.tasks[2].deadline.as_ref().unwrap().text, "每年");
    assert!(d.tasks[3].body.contains("(2)推进乡镇冷链网点共建"));
    assert!(!d.tasks[0].body.contains("责任单位"));
    // Goals are not tasks; the closing line and the footer are not part of the last task.
    assert!(d.tasks.iter().all(|t| !t.title.contains("规模扩大")));
    assert!(!d.tasks[7].body.contains("施行") && !d.tasks[7].body.contains("版权"));
    let no_units: Vec<_> = d
        .doubts
        .iter()
        .filter(|x| x.kind == DoubtKind::NoUnits)
        .collect();
    assert_eq!(no_units.len(), 1);
    assert_eq!(d.sections.len(), 6);
}

#[test]
fn restarting_numbers_full_width_stars_and_several_notes_in_one_task() {
    let d = parse_fixture("restart_star.txt");
    assert_eq!(d.title, "松桥区城市更新三年行动方案（2024-2026年）");
    assert_eq!(
        (d.starts_on, d.ends_on),
        (day("2024-01-01"), day("2026-12-31"))
    );
    assert_eq!(
        rows(&d),
        vec![
            row(
                "(一)1",
                "摸清改造底数",
                "*区住建局、区财政局、各街道",
                "2024-06-30"
            ),
            row(
                "(一)2",
                "推进综合改造",
                "*区住建局、区城管局、*区民政局、区卫健局",
                "2026-12-31"
            ),
            row("(二)1", "打造特色街区", "区文旅局、*区住建局", "2025-12-31"),
            row("(二)2", "完善停车设施", "*区交通局", "-"),
            row("(二)3", "整治背街小巷", "", "-"),
            row("三(一)", "加强统筹协调", "*区府办、区住建局", "-"),
        ]
    );
    assert_eq!(d.tasks[0].deadline.as_ref().unwrap().text, "2024年6月底前");
    assert_eq!(d.tasks[1].deadline.as_ref().unwrap().text, "到2026年");
    // "标记*的为牵头单位" is a declaration, not a unit.
    assert!(
        d.unit_names()
            .iter()
            .all(|n| !n.contains('*') && !n.contains("标记"))
    );
}

#[test]
fn labels_role_words_first_listed_leads_and_lines_under_a_task() {
    let d = parse_fixture("labels.txt");
    assert_eq!(
        rows(&d),
        vec![
            row(
                "1",
                "推进户厕改造",
                "*镇农业办、镇财政所、各村委会",
                "2024-10-31"
            ),
            row("2", "开展垃圾分类", "*镇环卫所、镇综治办、各村委会", "-"),
            row("3", "整治村庄河道", "*镇水利站、镇农业办", "-"),
            row(
                "4",
                "提升村容村貌",
                "*镇建设办、镇宣传办、镇妇联",
                "2024-11-30"
            ),
            row("5", "建立长效机制", "*镇农业办、各村委会", "-"),
            row("6", "加强宣传发动", "", "-"),
        ]
    );
    // The deadline field under task 4 is kept as written; the label lines are not body text.
    assert_eq!(d.tasks[3].deadline.as_ref().unwrap().text, "2024年11月底前");
    assert!(!d.tasks[3].body.contains("牵头单位"));
    let roles: Vec<_> = d.tasks[1].units.iter().map(|u| u.role).collect();
    assert_eq!(roles, vec![Role::Lead, Role::Co, Role::Co]);
}

#[test]
fn tables_become_indicators_and_tasks() {
    let d = parse_fixture("tables.txt");
    let ind: Vec<_> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.unit.as_str(),
                i.department.as_deref().unwrap_or(""),
                i.targets.clone(),
            )
        })
        .collect();
    assert_eq!(
        ind,
        vec![
            (
                "行政村5G覆盖率",
                "%",
                "县经信局",
                vec![(2024, 80.0), (2025, 90.0), (2026, 100.0)]
            ),
            (
                "农村网络零售额",
                "亿元",
                "县商务局",
                vec![(2024, 12.5), (2025, 14.0), (2026, 16.0)]
            ),
            ("电商村 新增数", "个", "东塘镇", vec![(2025, 3.0)]),
            ("电商村 新增数", "个", "南岭乡", vec![(2025, 2.0)]),
            ("电商村 新增数", "个", "北坡镇", vec![(2025, 1.0)]),
            ("直播带货 培训人次", "人", "东塘镇", vec![(2025, 300.0)]),
            ("直播带货 培训人次", "人", "南岭乡", vec![(2025, 150.0)]),
            ("直播带货 培训人次", "人", "北坡镇", vec![(2025, 120.0)]),
        ]
    );
    assert_eq!(
        rows(&d),
        vec![
            row(
                "1",
                "完善乡村信息基础设施",
                "*县经信局、县通信发展办",
                "2026-12-31"
            ),
            row("2", "发展农村电子商务", "*县商务局", "-"),
            row("附件1-1", "益农信息社(个)", "*县农业农村局", "-"),
            row(
                "附件2-1",
                "村级服务站整合",
                "*东塘镇、*南岭乡、*北坡镇",
                "-"
            ),
            row("附件3-1", "县域数字农业平台", "", "-"),
            row("附件3-2", "农村物流智能分拣中心", "", "-"),
        ]
    );
    assert_eq!(d.tasks[5].body, "县邮政公司；总投资(万元):2600");
    assert!(d.doubts.iter().any(|x| x.kind == DoubtKind::RowAsTask));
    // The attachment list ("附件:1.主要指标分解表 2.…") is not a task.
    assert!(
        d.tasks
            .iter()
            .all(|t| !t.title.contains("各乡镇年度任务表"))
    );
}

#[test]
fn gb18030_input_reads_like_utf8() {
    let text = std::fs::read_to_string(fixture_path("restart_star.txt")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let (draft, enc) = read_plan(&bytes, &opts()).unwrap();
    assert_eq!(enc, duban::import::Encoding::Gb18030);
    assert_eq!(rows(&draft), rows(&parse_fixture("restart_star.txt")));
    assert_eq!(draft.title, "松桥区城市更新三年行动方案（2024-2026年）");
}

#[test]
fn empty_binary_and_garbage_are_refused_without_panic() {
    assert_eq!(
        read_plan(b"", &opts()).unwrap_err(),
        ImportError::Decode(DecodeError::Empty)
    );
    assert_eq!(
        read_plan(b"\n \r\n", &opts()).unwrap_err(),
        ImportError::Decode(DecodeError::Empty)
    );
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    assert_eq!(
        read_plan(&png, &opts()).unwrap_err(),
        ImportError::Decode(DecodeError::Binary)
    );
    assert_eq!(
        read_plan("这是一段没有编号的文字。\n没有任务。".as_bytes(), &opts()).unwrap_err(),
        ImportError::NoTasks
    );
    // Awkward text: must not panic, whatever it returns.
    let nasty = [
        "((((((((((((((((((((((((((",
        "一、\n(一)\n1.\n(责任单位:\n(责任单位:)\n1.(责任单位:*)",
        "1.任务(责任单位:区经信局、、、,,;;。)(责任单位:*)(牵头单位:配合单位:)",
        "一、一、一、\n十十十、\n(十一十)x\n999.x\n0.x\n1.\u{0}",
        "附件\n附件1\n|||\n||||\n序号\n1\n1\n2",
        "附件1\n表\n街道\n东街道\n西街道\n1\n",
        "1.到2023年2021年底前6月底前每年每季度长期\n2.２０２４年底前（责任单位：＊区局）",
    ];
    for text in nasty {
        let _ = read_plan(text.as_bytes(), &opts());
    }
}

fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

#[test]
fn a_large_file_imports_in_bounded_time() {
    // About 20 MB: 一、 x (一) x 1. numbering, plus long lines of unclosed brackets.
    let mut text = String::from("某区大型测试行动计划(2024-2026年)\n");
    let mut n = 0;
    'outer: for a in 1..=40 {
        text.push_str(&format!("{}、第{a}部分\n", cn(a)));
        for b in 1..=40 {
            text.push_str(&format!("({})第{b}组\n", cn(b)));
            for c in 1..=400 {
                n += 1;
                text.push_str(&format!(
                    "{c}.推进第{n}项工作。2025年底前完成建设任务,到2026年全面达标。(责任单位:*区农业局、区林业局、区水利局)\n"
                ));
                if n % 5000 == 0 {
                    text.push_str(&"(".repeat(20_000));
                    text.push('\n');
                }
                if text.len() >= 20 * 1024 * 1024 {
                    break 'outer;
                }
            }
        }
    }
    let started = Instant::now();
    let (draft, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    let took = started.elapsed();
    assert_eq!(draft.tasks.len(), n);
    let last = draft.tasks.last().unwrap();
    assert_eq!(last.units.len(), 3);
    assert_eq!(
        last.deadline.as_ref().unwrap().date,
        Some(day("2026-12-31"))
    );
    // Linear work takes seconds (a minute on a busy machine in a debug build); a quadratic step
    // would take hours.
    assert!(took < Duration::from_secs(240), "took {took:?}");
    eprintln!(
        "{} MB, {n} tasks parsed in {took:?}",
        text.len() / (1024 * 1024)
    );
}

/// The seed documents (real public plans), when the shared directory is there.
fn seed(name: &str) -> Option<PlanDraft> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(parse_bytes(&bytes)),
        Err(_) => {
            eprintln!("skipped: seed {} not found", path.display());
            None
        }
    }
}

struct Counts {
    tasks: usize,
    with_units: usize,
    sections: usize,
    indicators: usize,
    units: usize,
}

fn counts(d: &PlanDraft) -> Counts {
    Counts {
        tasks: d.tasks.len(),
        with_units: d.tasks.iter().filter(|t| !t.units.is_empty()).count(),
        sections: d.sections.len(),
        indicators: d.indicators.len(),
        units: d.unit_names().len(),
    }
}

fn assert_counts(d: &PlanDraft, want: [usize; 5]) {
    let c = counts(d);
    assert_eq!(
        [c.tasks, c.with_units, c.sections, c.indicators, c.units],
        want,
        "[tasks, with units, sections, indicators, units] of {}",
        d.title
    );
}

#[test]
fn seed_000_yearly_plan_with_street_targets_and_key_projects() {
    let Some(d) = seed("000_e8534a3dcf47a5b8.txt") else {
        return;
    };
    // 17 tasks under 三(一)..(五) + 4 under 四 + 1 table row + 10 key projects; the projects
    // take the units of (二)1, the item that refers to them (tests/import_projects.rs).
    assert_counts(&d, [32, 32, 11, 44, 24]);
    assert_eq!(d.ends_on, day("2015-12-31"));
    let t = &d.tasks[2];
    assert_eq!(t.number, "(一)3");
    assert_eq!(
        duban::report::import::units_line(t),
        "*经济发展局、质监分局、市场监督局、财政局（地税分局）、国税分局、各街道办事处"
    );
    assert!(d.doubts.iter().any(|x| x.kind == DoubtKind::NoteRepaired));
    assert!(d.doubts.iter().any(|x| x.kind == DoubtKind::SkippedTable));
}

#[test]
fn seed_001_pipe_indicator_table() {
    let Some(d) = seed("001_b8e0c2232e5722c4.txt") else {
        return;
    };
    assert_counts(&d, [13, 1, 6, 19, 4]);
    assert_eq!(
        (d.starts_on, d.ends_on),
        (day("2018-01-01"), day("2020-12-31"))
    );
    assert_eq!(d.doc_no.as_deref(), Some("温浙集(开)管〔2018〕61号"));
    let gdp = &d.indicators[0];
    assert_eq!(gdp.name, "地区生产总值");
    assert_eq!(gdp.unit, "亿元");
    assert_eq!(gdp.department.as_deref(), Some("经济发展局"));
    assert_eq!(
        gdp.targets,
        vec![(2018, 228.0), (2019, 249.0), (2020, 270.0)]
    );
}

#[test]
fn seed_002_common_note_and_straight_numbers() {
    let Some(d) = seed("002_809699550816e9d5.txt") else {
        return;
    };
    assert_counts(&d, [21, 19, 10, 0, 12]);
    let numbers: Vec<_> = d.tasks.iter().map(|t| t.number.clone()).collect();
    let want: Vec<_> = (1..=21).map(|n| n.to_string()).collect();
    assert_eq!(numbers, want);
    assert!(d.common_units_note.as_deref().unwrap().contains("不再列出"));
    assert_eq!(d.title, "温州市传统制造业改造提升2018年工作要点");
}

#[test]
fn seed_003_star_leads_and_several_notes() {
    let Some(d) = seed("003_f0b102db7cae8bea.txt") else {
        return;
    };
    assert_counts(&d, [34, 34, 9, 0, 30]);
    assert_eq!(
        (d.starts_on, d.ends_on),
        (day("2021-01-01"), day("2023-12-31"))
    );
    let t2 = &d.tasks[1];
    assert_eq!(t2.deadline.as_ref().unwrap().date, Some(day("2023-12-31")));
    let t7 = &d.tasks[6];
    assert_eq!(
        duban::report::import::units_line(t7),
        "*区科技局、*区经信局"
    );
}

#[test]
fn seed_004_tasks_without_notes_are_kept() {
    let Some(d) = seed("004_3d9b35fa617c3121.txt") else {
        return;
    };
    assert_counts(&d, [21, 0, 5, 0, 0]);
    assert_eq!(d.tasks[0].number, "3");
    assert_eq!(d.tasks[4].number, "(二)1");
    assert_eq!(
        d.doubts
            .iter()
            .filter(|x| x.kind == DoubtKind::NoUnits)
            .count(),
        21
    );
}

// --- the binary ---

fn duban(args: &[&str]) -> Output {
    cli::command().args(args).output().expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn assert_user_error(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
}

#[test]
fn cli_bad_input_is_a_one_line_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("x.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0xff, 0xfe, 0, 0]).unwrap();
    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "没有任何编号的一段话。").unwrap();
    let missing = dir.path().join("missing.txt");
    for (file, needle) in [
        (&empty, "空文件"),
        (&binary, "不是文本文件"),
        (&prose, "没有找到编号的任务"),
        (&missing, "文件不存在"),
    ] {
        let o = duban(&["--db", s(&db), "import", "plan", "--dry-run", s(file)]);
        assert_user_error(&o, needle);
    }
    // Saving into a database that does not exist says how to make one.
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        s(&fixture_path("labels.txt")),
    ]);
    assert_user_error(&o, "duban init");
}

#[test]
fn cli_dry_run_saves_nothing_and_lists_new_units() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(duban(&["--db", s(&db), "init"]).status.success());
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--dry-run",
        s(&fixture_path("restart_star.txt")),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("(一)2  推进综合改造  [*区住建局、区城管局、*区民政局、区卫健局]"),
        "{out}"
    );
    assert!(out.contains("新单位 (9)"), "{out}");
    assert!(out.contains("未保存"), "{out}");
    let tasks = duban(&["--db", s(&db), "tasks", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&tasks.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0, "dry run saved nothing");
}

/// number, lead, co, deadline, deadline_text
type JsonTask = (String, Vec<String>, Vec<String>, String, Option<String>);

#[test]
fn cli_round_trip_import_then_tasks_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(duban(&["--db", s(&db), "init"]).status.success());
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        s(&fixture_path("restart_star.txt")),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("任务 6 项"));

    let tasks = duban(&["--db", s(&db), "tasks", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&tasks.stdout).unwrap();
    let got: Vec<JsonTask> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let names = |k: &str| {
                t[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            };
            (
                t["number"].as_str().unwrap().to_string(),
                names("lead"),
                names("co"),
                t["deadline"].as_str().unwrap().to_string(),
                t["deadline_text"].as_str().map(str::to_string),
            )
        })
        .collect();
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        vec![
            (
                "(一)1".into(),
                v(&["区住建局"]),
                v(&["区财政局", "各街道"]),
                "2024-06-30".into(),
                Some("2024年6月底前".into())
            ),
            (
                "(一)2".into(),
                v(&["区住建局", "区民政局"]),
                v(&["区城管局", "区卫健局"]),
                "2026-12-31".into(),
                Some("到2026年".into())
            ),
            (
                "(二)1".into(),
                v(&["区住建局"]),
                v(&["区文旅局"]),
                "2025-12-31".into(),
                Some("2025年底前".into())
            ),
            (
                "(二)2".into(),
                v(&["区交通局"]),
                v(&[]),
                "2026-12-31".into(),
                None
            ),
            (
                "(二)3".into(),
                v(&[]),
                v(&[]),
                "2026-12-31".into(),
                Some("每年".into())
            ),
            (
                "三(一)".into(),
                v(&["区府办"]),
                v(&["区住建局"]),
                "2026-12-31".into(),
                None
            ),
        ]
    );

    // A second plan naming the same units reuses their departments: 区住建局 is one department.
    let before = duban::store::Db::open(&db)
        .unwrap()
        .department_names()
        .unwrap()
        .len();
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        s(&fixture_path("restart_star.txt")),
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("新建 0 个、沿用 9 个"));
    let names = duban::store::Db::open(&db)
        .unwrap()
        .department_names()
        .unwrap();
    assert_eq!(names.len(), before);
    assert_eq!(names.iter().filter(|d| d.name == "区住建局").count(), 1);

    // A dry run against the filled database reports a close name instead of silently adding it.
    let close = dir.path().join("close.txt");
    std::fs::write(
        &close,
        "测试计划(2024年)\n一、任务\n1.修缮街巷。(责任单位:住建局)\n",
    )
    .unwrap();
    let o = duban(&["--db", s(&db), "import", "plan", "--dry-run", s(&close)]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("住建局  ~ 与已有或其他名称相近:区住建局"),
        "{out}"
    );
}

#[test]
fn cli_map_joins_a_close_name_to_a_department_and_keeps_it_as_an_alias() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(duban(&["--db", s(&db), "init"]).status.success());
    let first = dir.path().join("first.txt");
    std::fs::write(
        &first,
        "第一个计划(2025年)\n一、任务\n1.推进改造。(责任单位:*区经信局、区发改局)\n",
    )
    .unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(
        &second,
        "第二个计划(2025年)\n一、任务\n1.建设平台。(责任单位:*区经信委、区发改局)\n2.培育企业。(责任单位:区发改局、区经信委)\n",
    )
    .unwrap();
    assert!(
        duban(&["--db", s(&db), "import", "plan", s(&first)])
            .status
            .success()
    );

    // Unmapped, the close name would be a new department: the preview says so, as JSON too.
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--dry-run",
        "--json",
        s(&second),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let preview: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(preview["saved"], false);
    assert_eq!(preview["new_departments"][0]["name"], "区经信委");
    assert_eq!(preview["tasks"][1]["lead"][0], "区发改局");
    assert_eq!(preview["tasks"][1]["co"][0], "区经信委");

    // A mapping onto nothing known is refused and saves nothing.
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--map",
        "区经信委=区经信厅",
        s(&second),
    ]);
    assert_user_error(&o, "区经信厅");
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--map",
        "区经信委",
        s(&second),
    ]);
    assert_user_error(&o, "--map");
    let tasks = duban(&["--db", s(&db), "tasks", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&tasks.stdout).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "refused imports saved nothing"
    );

    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--json",
        "--map",
        "区经信委=区经信局",
        s(&second),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let saved: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(saved["saved"], true);
    assert_eq!(saved["tasks"], 2);
    assert_eq!(saved["new_departments"].as_array().unwrap().len(), 0);
    assert_eq!(saved["new_aliases"][0]["alias"], "区经信委");
    assert_eq!(saved["new_aliases"][0]["department"], "区经信局");

    // The alias now matches by itself: the same document again needs no --map.
    let o = duban(&[
        "--db",
        s(&db),
        "import",
        "plan",
        "--dry-run",
        "--json",
        s(&second),
    ]);
    let preview: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(preview["new_departments"].as_array().unwrap().len(), 0);
    let o = duban(&["--db", s(&db), "dept", "list"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("区经信局") && l.contains("区经信委")),
        "{out}"
    );
}

#[test]
fn cli_a_100_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // Sparse: 100 MB long, no disk used. The size check comes before any read, so memory stays
    // bounded whatever the file holds.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let started = Instant::now();
    let o = duban(&["--db", s(&db), "import", "plan", "--dry-run", s(&big)]);
    assert_user_error(&o, "太大(100 MB,上限 64 MB)");
    assert!(started.elapsed() < Duration::from_secs(10), "no hang");
    let err = duban::import::file::read_plan_file(&big, &opts()).unwrap_err();
    assert!(matches!(
        err,
        ImportError::Decode(DecodeError::TooLarge { .. })
    ));
}
