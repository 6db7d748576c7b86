//! A bounded property test of the plan importer (runs in `cargo test`; `fuzz/` keeps the long
//! runs): arbitrary plan text assembled from the pieces real plans are made of, and real-looking
//! plans mutated at random, must import or be refused, never panic, and what imports must be
//! consistent: every task has a number, numbers are unique, sections point inside the draft, and
//! no unit name is empty or holds a control character or a space.

use duban::import::{Options, PlanDraft, plan_units, read_plan};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Pieces of plan text: numbering, labels, role words, brackets, names, table cells, noise.
const PIECES: &[&str] = &[
    "一、",
    "二、",
    "十二、",
    "(一)",
    "（二）",
    "(十)",
    "1.",
    "2、",
    "3．",
    "12.",
    "999.",
    "1000.",
    "1001.",
    "2025.",
    "(1)",
    "①",
    "序号",
    "序号 工 作 任 务 牵头负责部门",
    "工作任务",
    "事项",
    "牵头单位",
    "责任单位",
    "配合单位",
    "分管领导",
    "完成时限",
    "分类",
    "|",
    " |",
    "||",
    "牵头单位:",
    "责任单位：",
    "配合单位:",
    "协同责任单位:",
    "负责部门：",
    "牵头负责部门:",
    "适用范围:",
    "数据提供单位:",
    "牵头负责领导:",
    "(",
    ")",
    "（",
    "）",
    "〔",
    "〕",
    "[",
    "]",
    "【",
    "】",
    "<",
    ">",
    "、",
    ",",
    "，",
    ";",
    "；",
    ":",
    "。",
    "*",
    "＊",
    "等",
    "等和",
    "等有关部门",
    "会同",
    "牵头",
    "配合",
    "分别牵头",
    "负责",
    "参与",
    "指导",
    "区农业局",
    "县住建局",
    "市发改委",
    "各乡镇(街道)",
    "各县(市、区)政府",
    "有关部门",
    "张某某",
    "列第一位者为牵头单位",
    "标记*的为牵头单位,下同",
    "以下各项工作均需各乡镇负责落实,不再列出",
    "12月底前",
    "2025年底前",
    "完成时限:",
    "每季度",
    "长期",
    "附件",
    "附件2",
    "分享到:",
    "抄送:",
    "本方案自印发之日起施行。",
    "指标",
    "2024年",
    "2025年",
    "总投资(万元)",
    "3200",
    "12.5%",
    "推进改造",
    "建设公园",
    "\n",
    "\n",
    "\n",
    " ",
    "\t",
    "\u{3000}",
    "\r",
    "\u{0}",
    "\u{1b}[2J",
    "\u{7}",
    "\u{feff}",
    "\u{200b}",
    "a",
    "9",
    "０",
    "\u{10FFFF}",
];

const BASE: &str = "某区2025年重点工作任务分解方案\n一、主要目标\n1.地区生产总值增长6%。\n责任单位:区发改局\n二、重点任务\n(一)稳增长\n1.开展项目攻坚。(区发改局牵头,区财政局、区住建局等部门,各街道(功能区)配合)\n2.优化营商环境。〔牵头单位:区政务服务局,责任单位:区司法局〕\n3.推进数字政府。(负责部门:区大数据局;适用范围:全区)\n附件\n2025年民生实事分解表\n序号\n实事项目\n责任单位\n分管领导\n完成时限\n1\n改造老旧小区12个。\n区住建局\n区城投公司\n张某某\n10月底前\n2\n新建停车泊位800个。\n区交通局\n6月底前开工\n建成停车平台。\n12月底前\n";

fn opts() -> Options {
    Options {
        fallback_title: "t".into(),
        fallback_year: 2025,
    }
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok((d, _)) = read_plan(bytes, &opts()) else {
        return Ok(());
    };
    consistent(&d)
}

fn consistent(d: &PlanDraft) -> Result<(), TestCaseError> {
    let mut numbers = std::collections::HashSet::new();
    for t in &d.tasks {
        prop_assert!(
            !t.number.trim().is_empty(),
            "a task without a number: {t:?}"
        );
        prop_assert!(
            numbers.insert(t.number.clone()),
            "number {} twice",
            t.number
        );
        prop_assert!(t.section.is_none_or(|s| s < d.sections.len()));
        let mut names = std::collections::HashSet::new();
        for u in &t.units {
            prop_assert!(!u.name.is_empty(), "an empty unit name in {t:?}");
            prop_assert!(
                !u.name.chars().any(|c| c.is_control() || c.is_whitespace()),
                "unit name {:?}",
                u.name
            );
            prop_assert!(
                names.insert(&u.name),
                "{} twice in task {}",
                u.name,
                t.number
            );
        }
    }
    for (i, s) in d.sections.iter().enumerate() {
        prop_assert!(
            s.parent.is_none_or(|p| p < i),
            "section {i} points at {:?}",
            s.parent
        );
    }
    let _ = plan_units(&d.unit_names(), &[]);
    for t in &d.tasks {
        let _ = t.section.map(|i| d.section_path(i));
    }
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn plans_built_from_pieces_import_or_are_refused_and_are_consistent() {
    let pieces = prop::collection::vec(prop::sample::select(PIECES), 0..80);
    runner(700)
        .run(&pieces, |p| check(p.concat().as_bytes()))
        .unwrap();
}

/// An edit of the base plan: delete a span, insert a piece, or duplicate a span (by char).
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Repeat(usize, usize),
}

fn apply(base: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match *e {
            Edit::Delete(at, len) => {
                let at = at % n;
                let end = (at + len % 40).min(chars.len());
                chars.drain(at.min(chars.len())..end.max(at.min(chars.len())));
            }
            Edit::Insert(at, piece) => {
                let at = (at % n).min(chars.len());
                for (k, c) in piece.chars().enumerate() {
                    chars.insert(at + k, c);
                }
            }
            Edit::Repeat(at, len) => {
                let at = (at % n).min(chars.len());
                let end = (at + len % 60).min(chars.len());
                let span: Vec<char> = chars[at..end].to_vec();
                for (k, c) in span.into_iter().enumerate() {
                    chars.insert(end + k, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_plans_import_or_are_refused_and_are_consistent() {
    let edit = prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), prop::sample::select(PIECES)).prop_map(|(a, p)| Edit::Insert(a, p)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Repeat(a, l)),
    ];
    let edits = prop::collection::vec(edit, 0..12);
    runner(700)
        .run(&edits, |e| check(apply(BASE, &e).as_bytes()))
        .unwrap();
}

#[test]
fn arbitrary_bytes_never_panic() {
    let bytes = prop::collection::vec(any::<u8>(), 0..400);
    runner(300).run(&bytes, |b| check(&b)).unwrap();
}

#[test]
fn the_base_plan_imports_as_written() {
    let (d, _) = read_plan(BASE.as_bytes(), &opts()).unwrap();
    // Three items, and three table rows (one row holds two tasks).
    assert_eq!(d.tasks.len(), 7, "{:#?}", d.tasks);
    consistent(&d).unwrap();
}

/// What the property test found first: an escape sequence inside a unit's name, and two
/// appendices both called "附件" whose rows took the same numbers; a per-unit table naming a
/// unit twice.
#[test]
fn found_by_this_test() {
    // (The decoder refuses a short text with an escape as binary; in a long one it passes.)
    let text = "1.任务。(责任单位:\u{1b}[2J区发改局、区\u{200b}财政局)\n";
    let d = duban::import::plan_text::parse(text, &opts()).unwrap();
    assert_eq!(d.unit_names(), vec!["[2J区发改局", "区财政局"]);
    let text = "1.任务。(责任单位:区发改局)\n附件\n重点项目表\n序号\n项目名称\n总投资(万元)\n1\n冷链中心\n100\n附件\n重点项目表\n序号\n项目名称\n总投资(万元)\n1\n物流园\n200\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    consistent(&d).unwrap();
    let text = "1.任务。(责任单位:区发改局)\n附件\n2025年各镇任务表\n镇\n东湖镇\n东湖镇\n秸秆整治\n完成\n完成\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    consistent(&d).unwrap();
}

/// A table header followed by a flood of cells, or a row with a flood of cells, imports in
/// bounded time (the fitting of cells to columns is quadratic in a row's cells).
#[test]
fn a_flood_of_table_cells_is_bounded() {
    let mut text = String::from("序号\n工作任务\n牵头单位\n1\n");
    for k in 0..200_000 {
        text.push_str(&format!("区第{k}局\n"));
    }
    text.push_str("序号 工作任务 牵头单位\n1 ");
    text.push_str(&"区某局 ".repeat(200_000));
    text.push_str("\n序号 | 工作任务 | 牵头单位 |\n1 |");
    text.push_str(&"区某局 |".repeat(200_000));
    let started = std::time::Instant::now();
    let _ = duban::import::plan_text::parse(&text, &opts());
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
}
