//! Inputs that once troubled, or could trouble, the parsers that see untrusted text: the plan
//! importer, the deadline parser, percents and notes. Each must parse or be refused, never panic.
//! Crash inputs found by `fuzz/` (see the README) are added here.

use duban::domain::{Deadline, Percent, deadline, note::ReportNote};
use duban::import::{Options, plan_units, read_plan};

fn opts() -> Options {
    Options {
        fallback_title: "t".into(),
        fallback_year: 2024,
    }
}

/// Runs the importer the way the CLI and the preview do; returns the task count.
fn import(bytes: &[u8]) -> Option<usize> {
    let (draft, _) = read_plan(bytes, &opts()).ok()?;
    let _ = plan_units(&draft.unit_names(), &[]);
    for t in &draft.tasks {
        let _ = t.section.map(|i| draft.section_path(i));
    }
    Some(draft.tasks.len())
}

#[test]
fn odd_plan_documents_parse_or_are_refused() {
    let long_line = "一".repeat(300_000);
    let many_sections = "一、部分\n".repeat(5_000);
    let deep = format!(
        "1.任务{}责任单位:区经信局{}\n",
        "(".repeat(2_000),
        ")".repeat(10)
    );
    let cases: Vec<Vec<u8>> = vec![
        b"(\xe8\xb4\xa3".to_vec(),
        "1.".into(),
        "1.(责任单位:)".into(),
        "1.(责任单位:*)".into(),
        "1.（责任单位：＊、、，）".into(),
        "1.任务(牵头单位:配合单位:)".into(),
        "1.任务。A牵头,配合".into(),
        "1.任务 9999999999年底前 到0年 13月底前 0月底前 2月30日前".into(),
        "附件1\n|||\n| | |\n|指标|2021|2022|\n|a|x|".into(),
        "（一）\n（二）\n(1)\n①\n1、\n1．".into(),
        "以下各项工作均需区经信局负责,不再列出\n1.任务".into(),
        deep.into_bytes(),
        long_line.into_bytes(),
        many_sections.into_bytes(),
        vec![0xff, 0xfe, b'1', 0, b'.'],
        vec![0xfe, 0xff, 0, b'1', 0],
        vec![0x81, 0x30, 0x81],
        vec![0xef, 0xbb, 0xbf],
    ];
    for bytes in &cases {
        let _ = import(bytes);
    }
    // And the parser still does its job on the plain case.
    assert_eq!(import("1.任务一。(责任单位:*区经信局)".as_bytes()), Some(1));
}

#[test]
fn odd_deadlines_percents_and_notes() {
    for text in [
        "",
        "到",
        "年底前",
        "9999999999年底前",
        "到262143年",
        "-1年",
        "2021年13月底前",
        "2021年2月30日前",
        "0月底前",
        "每季度每年长期",
        "到2023年，每年",
        "２０２１年底前",
    ] {
        for year in [i32::MIN / 2, 0, 2024, 262_142] {
            let _ = Deadline::parse(text, year);
            let _ = deadline::scan(text, year);
        }
    }
    for text in [
        "",
        "+",
        "-",
        "+-1",
        "1e3",
        "６０％",
        "+999999999999999999999",
        "٣٠",
        "100.0",
    ] {
        let _ = Percent::parse(text, Percent::ZERO);
    }
    for text in [
        "进展情况",
        "进展情况:",
        "存在问题:\n进展情况:\n",
        "下一步计划:进展情况:",
    ] {
        let note = ReportNote::parse(text);
        let _ = ReportNote::parse(&note.to_text());
    }
}
