//! The lines of a plan -> its structure: title and years, headings, numbered tasks with their
//! notes and deadlines, and the appendix tables (handed to `tables`).
//!
//! Numbering levels: `一、` (1), `(一)`/`（一）` (2), `1.`/`1、`/`1．` (3); `(1)`/`①` are sub-items
//! and stay in their task's body. A numbered item with numbered children is a section; a leaf is a
//! task, except in goal / principle / guiding-idea parts, where only an item with a responsibility
//! note is a task. Every slice here is by `char`, never by byte offset.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::deadline::{self, DeadlineKind};
use crate::domain::{Deadline, Role};

use super::draft::{Doubt, DoubtKind, PlanDraft, SectionDraft, TaskDraft, UnitRef};
use super::tables;
use super::task_table::{self, TaskTable};
use super::units::{self, merge_units};

/// What the caller knows that the text may not say.
#[derive(Debug, Clone)]
pub struct Options {
    /// Title when the document names none (the file's name).
    pub fallback_title: String,
    /// Year when the document names none (this year).
    pub fallback_year: i32,
}

/// Why there is nothing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// No numbered task, table row or indicator.
    NoTasks,
}

#[derive(Debug, Clone)]
struct Line {
    no: usize,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    One,
    Two,
    Three,
}

#[derive(Debug)]
struct Node {
    level: Level,
    /// As written, without punctuation: 三 / (一) / 3.
    number: String,
    value: u32,
    /// The item's text: its own line, then the paragraphs that follow it.
    text: String,
    /// Standalone lines "牵头单位:…" under the item.
    line_notes: Vec<String>,
    /// A "完成时限:…" line under the item.
    deadline_field: Option<String>,
    line: usize,
    parent: Option<usize>,
    has_children: bool,
}

pub fn parse(text: &str, opts: &Options) -> Result<PlanDraft, ParseError> {
    let all_lines = split_lines(text);
    // Task tables first, wherever they are (the body, an appendix, a page without numbered
    // items): their cells are not paragraphs.
    let task_tables = {
        let pairs: Vec<(usize, &str)> = all_lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        task_table::find(&pairs)
    };
    let mut taken = vec![false; all_lines.len()];
    for t in &task_tables {
        for k in t.start..t.end.min(taken.len()) {
            taken[k] = true;
        }
    }
    let lines: Vec<Line> = all_lines
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(l, _)| l.clone())
        .collect();
    let first = lines.iter().position(|l| numbered(&l.text).is_some());
    let preamble_end = first.unwrap_or(lines.len());
    let preamble = &lines[..preamble_end];

    let title = find_title(preamble).unwrap_or_else(|| opts.fallback_title.clone());
    let mut doubts = Vec::new();
    let (starts_on, ends_on) = match plan_years(&title, preamble) {
        Some(span) => span,
        None => {
            doubts.push(Doubt {
                line: 1,
                kind: DoubtKind::NoYear,
                text: opts.fallback_year.to_string(),
            });
            year_span(opts.fallback_year, opts.fallback_year)
                .expect("the fallback year is a real year")
        }
    };
    let plan_year = chrono::Datelike::year(&starts_on);

    // Main text: from the first numbered line to the end marker.
    let mut main_end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(preamble_end) {
        if ends_main_text(&l.text) {
            main_end = i;
            break;
        }
    }
    let main = &lines[preamble_end..main_end.max(preamble_end)];

    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut table_runs: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    let mut pipe_run: Vec<(usize, String)> = Vec::new();
    let mut last_plain = String::new();
    let mut last_three: Option<u32> = None;
    for l in main {
        if is_page_noise(&l.text) {
            continue;
        }
        if l.text.matches('|').count() >= 2 {
            pipe_run.push((l.no, l.text.clone()));
            continue;
        }
        if !pipe_run.is_empty() {
            table_runs.push((last_plain.clone(), std::mem::take(&mut pipe_run)));
        }
        // "1000." only after "999.": a four-digit number is otherwise a year or a count that
        // starts a line ("2025.全年…", "1200、户…"), text of the item before.
        let item = numbered(&l.text).filter(|(level, number, value, _)| {
            *level != Level::Three
                || number.len() <= 3
                || last_three.is_some_and(|p| p + 1 == *value)
        });
        if let Some((level, number, value, rest)) = item {
            if level == Level::Three {
                last_three = Some(value);
            }
            while let Some(&top) = stack.last() {
                if nodes[top].level as u8 >= level as u8 {
                    stack.pop();
                } else {
                    break;
                }
            }
            let parent = stack.last().copied();
            if let Some(p) = parent {
                nodes[p].has_children = true;
            }
            nodes.push(Node {
                level,
                number,
                value,
                text: rest,
                line_notes: Vec::new(),
                deadline_field: None,
                line: l.no,
                parent,
                has_children: false,
            });
            stack.push(nodes.len() - 1);
            continue;
        }
        last_plain = l.text.clone();
        let Some(current) = nodes.last_mut() else {
            continue;
        };
        if units::starts_with_label(&l.text) {
            current.line_notes.push(l.text.clone());
        } else if let Some(field) = deadline_field(&l.text) {
            current.deadline_field = Some(field);
        } else {
            current.text.push('\n');
            current.text.push_str(&l.text);
        }
    }
    if !pipe_run.is_empty() {
        table_runs.push((last_plain, pipe_run));
    }

    let mut draft = PlanDraft {
        title,
        doc_no: find_doc_no(preamble),
        issued_on: find_issued_on(preamble),
        starts_on,
        ends_on,
        common_units_note: None,
        sections: Vec::new(),
        tasks: Vec::new(),
        indicators: Vec::new(),
        doubts,
        mappings: Vec::new(),
    };
    build_structure(&nodes, &mut draft, plan_year);

    // Tables: pipe runs in the main text, then the appendix blocks after it.
    for (title, rows) in table_runs {
        let block: Vec<(usize, &str)> = rows.iter().map(|(n, t)| (*n, t.as_str())).collect();
        add_table(&mut draft, None, &title, &block, plan_year);
    }
    for (number, title, block) in appendix_blocks(&lines[main_end.min(lines.len())..]) {
        let block: Vec<(usize, &str)> = block.iter().map(|l| (l.no, l.text.as_str())).collect();
        add_table(&mut draft, Some(&number), &title, &block, plan_year);
    }
    unique_indicator_names(&mut draft);
    add_task_tables(&mut draft, task_tables, plan_year);
    drop_cut_off_name(&mut draft, &all_lines);
    distinct_numbers_and_units(&mut draft);
    if draft.tasks.is_empty() && draft.indicators.is_empty() {
        return Err(ParseError::NoTasks);
    }
    Ok(draft)
}

/// The tasks of the task tables. When the tables name units and the numbered items of the text
/// name none, those items are the notice around the tables (or a summary of them): the rows are
/// the tasks, and the items are listed among the lines to check instead.
fn add_task_tables(draft: &mut PlanDraft, tables: Vec<TaskTable>, plan_year: i32) {
    let table_units = tables
        .iter()
        .any(|t| t.rows.iter().any(|r| !r.note.is_empty()));
    let text_units = draft.tasks.iter().any(|t| !t.units.is_empty());
    if table_units && !text_units && !draft.tasks.is_empty() {
        let dropped: Vec<TaskDraft> = std::mem::take(&mut draft.tasks);
        let lines: std::collections::HashSet<usize> = dropped.iter().map(|t| t.line).collect();
        draft
            .doubts
            .retain(|d| !(d.kind == DoubtKind::NoUnits && lines.contains(&d.line)));
        for t in dropped {
            draft.doubts.push(Doubt {
                line: t.line,
                kind: DoubtKind::NoticeItems,
                text: format!("{} {}", t.number, shorten(&t.title, 40)),
            });
        }
    }
    let mut numbers: std::collections::HashSet<String> =
        draft.tasks.iter().map(|t| t.number.clone()).collect();
    let several = tables.len() > 1;
    for (k, table) in tables.into_iter().enumerate() {
        let prefix = if several {
            format!("表{}", k + 1)
        } else {
            "表".to_string()
        };
        draft.sections.push(SectionDraft {
            number: prefix.clone(),
            title: table.title.clone(),
            parent: None,
            line: table.rows.first().map(|r| r.line).unwrap_or(0),
        });
        let table_section = draft.sections.len() - 1;
        let mut category_section: Option<(String, usize)> = None;
        for row in table.rows {
            let section = match &row.category {
                None => table_section,
                Some(c) => match &category_section {
                    Some((name, at)) if name == c => *at,
                    _ => {
                        draft.sections.push(SectionDraft {
                            number: String::new(),
                            title: c.clone(),
                            parent: Some(table_section),
                            line: row.line,
                        });
                        let at = draft.sections.len() - 1;
                        category_section = Some((c.clone(), at));
                        at
                    }
                },
            };
            let units_found = if row.note.is_empty() {
                Vec::new()
            } else {
                units::parse_note(&row.note).units
            };
            let mut number = row.number.clone();
            let mut n = 1;
            while numbers.contains(&number) {
                n += 1;
                number = format!("{}-{n}", row.number);
            }
            numbers.insert(number.clone());
            let mut body = row.title.clone();
            for extra in &row.extra {
                body.push('\n');
                body.push_str(extra);
            }
            // The deadline cell as written; the date as the deadline parser reads it.
            let deadline = row.deadline.as_ref().map(|d| Deadline {
                text: d.clone(),
                ..Deadline::parse(d, plan_year)
            });
            let title = shorten(&row.title, 60);
            if units_found.is_empty() {
                draft.doubts.push(Doubt {
                    line: row.line,
                    kind: DoubtKind::NoUnits,
                    text: format!("{number} {}", shorten(&title, 40)),
                });
            }
            draft.tasks.push(TaskDraft {
                number,
                title,
                body,
                section: Some(section),
                units: units_found,
                deadline,
                line: row.line,
            });
        }
    }
}

/// Two appendices both called "附件", a table row repeating a number of the text: every task
/// still gets a number of its own ("附件-1", "附件-1-2"), so that the office can name it.
/// And a unit named twice in one task (a table repeating a column) is one assignment, a lead if
/// either was: the database holds one row per task and unit.
fn distinct_numbers_and_units(draft: &mut PlanDraft) {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for t in &mut draft.tasks {
        let units = std::mem::take(&mut t.units);
        merge_units(&mut t.units, units);
        if !seen.contains(&t.number) {
            seen.insert(t.number.clone());
            continue;
        }
        let mut n = 2;
        while seen.contains(&format!("{}-{n}", t.number)) {
            n += 1;
        }
        t.number = format!("{}-{n}", t.number);
        seen.insert(t.number.clone());
    }
}

/// A copy of a web page often stops mid-word: "…(牵头单位:市人". When the text ends without a
/// closing mark and the last task's last unit does not end like a unit (局, 委, 中心…), that name
/// is a piece of one: it is left out and shown among the lines to check, never guessed.
fn drop_cut_off_name(draft: &mut PlanDraft, lines: &[Line]) {
    let Some(last) = lines.last() else {
        return;
    };
    let closed = last.text.ends_with([
        '。', '.', ')', '）', '〕', ']', '】', '；', ';', '！', '!', '”', '"', '|',
    ]);
    if closed {
        return;
    }
    let Some(task) = draft.tasks.iter_mut().max_by_key(|t| t.line) else {
        return;
    };
    if task
        .units
        .last()
        .is_some_and(|u| !units::looks_like_unit(&u.name))
    {
        let cut = task.units.pop().map(|u| u.name).unwrap_or_default();
        draft.doubts.push(Doubt {
            line: last.no,
            kind: DoubtKind::CutOff,
            text: format!("{} {cut}", task.number),
        });
    }
}

/// Trimmed, non-empty lines with their 1-based numbers.
fn split_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            (!t.is_empty()).then(|| Line {
                no: i + 1,
                text: t.to_string(),
            })
        })
        .collect()
}

const CN_DIGITS: &str = "一二三四五六七八九十";

fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?.min(9)),
        [c, '十'] => Some(digit(*c)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A numbered heading or item at the start of a line: (level, number as shown, value, rest).
fn numbered(text: &str) -> Option<(Level, String, u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    // 一、
    let n = chars.iter().take_while(|c| CN_DIGITS.contains(**c)).count();
    if (1..=3).contains(&n) && chars.get(n) == Some(&'、') {
        let num: String = chars[..n].iter().collect();
        let value = cn_value(&num)?;
        let rest: String = chars[n + 1..].iter().collect();
        return (!rest.trim().is_empty())
            .then(|| (Level::One, num, value, rest.trim().to_string()));
    }
    // (一)
    if matches!(chars.first(), Some('(' | '（')) {
        let n = chars[1..]
            .iter()
            .take_while(|c| CN_DIGITS.contains(**c))
            .count();
        if (1..=3).contains(&n) && matches!(chars.get(n + 1), Some(')' | '）')) {
            let num: String = chars[1..=n].iter().collect();
            let value = cn_value(&num)?;
            let rest: String = chars[n + 2..].iter().collect();
            let rest = rest
                .trim_start_matches(['、', '.', '．', ' '])
                .trim()
                .to_string();
            return (!rest.is_empty()).then(|| (Level::Two, format!("({num})"), value, rest));
        }
        return None;
    }
    // 1. 1、 1．  (not 2.5 or 2.2015年: a digit after the dot is a decimal)
    let n = chars
        .iter()
        .take_while(|c| ascii_digit(**c).is_some())
        .count();
    // Up to seven digits; four and more only continue a count (see `parse`).
    if (1..=7).contains(&n)
        && matches!(chars.get(n), Some('.' | '、' | '．'))
        && chars
            .get(n + 1)
            .is_some_and(|c| ascii_digit(*c).is_none() && *c != '%')
    {
        let value = chars[..n]
            .iter()
            .try_fold(0u32, |v, c| Some(v * 10 + ascii_digit(*c)?))?;
        let rest: String = chars[n + 1..].iter().collect();
        let rest = rest.trim().to_string();
        return (!rest.is_empty() && value > 0)
            .then(|| (Level::Three, value.to_string(), value, rest));
    }
    None
}

/// Lines that end the main text: the attachment list, the signature line, web-page footers, the
/// closing sentence ("本文件自…起施行", "各地各部门要按照本决定要求…").
fn ends_main_text(t: &str) -> bool {
    let starts = |p: &str| t.starts_with(p);
    if starts("附件") {
        return true;
    }
    const FOOTERS: &[&str] = &[
        "特别声明",
        "版权所有",
        "版权声明",
        "Copyright",
        "copyright",
        "©",
        "责任编辑",
        "打印本页",
        "【打印",
        "关闭窗口",
        "扫一扫",
        "分享到",
        "相关链接",
        "上一篇",
        "下一篇",
        "抄送",
    ];
    if FOOTERS.iter().any(|f| starts(f)) {
        return true;
    }
    if t.ends_with("印发") && t.contains('年') && t.contains('日') && t.chars().count() < 60 {
        return true;
    }
    let closers = [
        "本文件",
        "本方案",
        "本计划",
        "本意见",
        "本决定",
        "本通知",
        "本办法",
        "本要点",
    ];
    let openers = ["各地", "各部门", "各单位", "各级", "各有关"];
    let mentions = closers.iter().any(|c| t.contains(c));
    (closers.iter().any(|c| starts(c))
        && (t.contains("施行") || t.contains("执行") || t.contains("解释")))
        || (openers.iter().any(|o| starts(o)) && mentions && t.chars().count() < 120)
}

/// Print-layout and web noise inside the text: "(上接第1版)", "(本文有删减)".
fn is_page_noise(t: &str) -> bool {
    let inner = t
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    inner.len() < t.len()
        && [
            "上接",
            "下转",
            "接上",
            "转下",
            "本文有删减",
            "此件公开发布",
            "此件主动公开",
        ]
        .iter()
        .any(|w| inner.starts_with(w))
}

/// "完成时限:2021年底前" / "时间节点：6月底前" -> the phrase.
fn deadline_field(t: &str) -> Option<String> {
    for label in ["完成时限", "完成时间", "时间节点", "时限要求", "完成期限"] {
        if let Some(rest) = t.strip_prefix(label) {
            let rest = rest.trim_start().strip_prefix([':', '：'])?;
            return Some(rest.trim().to_string());
        }
    }
    None
}

const TITLE_WORDS: &[&str] = &[
    "计划", "方案", "要点", "决定", "意见", "规划", "办法", "清单", "措施", "安排",
];

/// The plan's title: the last standalone title-like line before the first numbered line, or the
/// longer 《》 quote that ends with it (a title broken over lines), or "关于印发…的通知".
fn find_title(preamble: &[Line]) -> Option<String> {
    let quotes: Vec<String> = preamble.iter().flat_map(|l| quoted(&l.text)).collect();
    let candidate = preamble
        .iter()
        .rev()
        .map(|l| l.text.as_str())
        .find(|t| {
            let n = t.chars().count();
            (4..=80).contains(&n)
                && TITLE_WORDS.iter().any(|w| t.contains(w))
                && !t.contains('。')
                && !t.contains('《')
                && !t.contains('|')
                && !t.starts_with("关于印发")
                && !t.ends_with(['：', ':'])
        })
        .map(str::to_string);
    if let Some(c) = candidate {
        let longer = quotes
            .iter()
            .filter(|q| q.ends_with(c.as_str()) && q.chars().count() > c.chars().count())
            .max_by_key(|q| q.chars().count());
        return Some(longer.cloned().unwrap_or(c));
    }
    for l in preamble {
        if let Some(rest) = l.text.strip_prefix("关于印发") {
            let rest = rest.strip_suffix("的通知").unwrap_or(rest);
            let rest = rest.trim_matches(['《', '》']);
            if !rest.is_empty() {
                return Some(rest.to_string());
            }
        }
    }
    quotes
        .into_iter()
        .find(|q| TITLE_WORDS.iter().any(|w| q.contains(w)))
}

/// The texts between 《 and 》.
fn quoted(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for c in t.chars() {
        match (c, &mut current) {
            ('《', _) => current = Some(String::new()),
            ('》', Some(q)) => {
                out.push(std::mem::take(q));
                current = None;
            }
            (c, Some(q)) => q.push(c),
            _ => {}
        }
    }
    out
}

fn year_span(from: i32, to: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(from, 1, 1)?,
        NaiveDate::from_ymd_opt(to, 12, 31)?,
    ))
}

/// Four-digit years (1990..=2100) in `t`, in order, with the char index after each.
fn years_in(t: &str) -> Vec<(i32, usize, usize)> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let n = chars[i..]
            .iter()
            .take_while(|c| ascii_digit(**c).is_some())
            .count();
        if n == 4 && (i == 0 || ascii_digit(chars[i - 1]).is_none()) {
            let y = chars[i..i + 4]
                .iter()
                .fold(0i32, |v, c| v * 10 + ascii_digit(*c).unwrap_or(0) as i32);
            if (1990..=2100).contains(&y) {
                out.push((y, i, i + 4));
            }
        }
        i += n.max(1);
    }
    out
}

/// The plan's span: "2021-2023年" in the title, else a year in the title, else the year of the
/// document's date.
fn plan_years(title: &str, preamble: &[Line]) -> Option<(NaiveDate, NaiveDate)> {
    let chars: Vec<char> = title.chars().collect();
    let ys = years_in(title);
    for w in ys.windows(2) {
        let (a, _, a_end) = w[0];
        let (b, b_start, _) = w[1];
        let between: String = chars[a_end..b_start].iter().collect();
        let between = between.trim_start_matches('年').trim();
        if matches!(
            between,
            "-" | "—" | "–" | "~" | "～" | "至" | "到" | "－" | "——"
        ) && b >= a
            && b - a <= 20
        {
            return year_span(a, b);
        }
    }
    if let Some((y, _, _)) = ys.first() {
        return year_span(*y, *y);
    }
    let issued = find_issued_on(preamble).map(|d| chrono::Datelike::year(&d));
    let any = preamble
        .iter()
        .find_map(|l| years_in(&l.text).first().map(|y| y.0));
    issued.or(any).and_then(|y| year_span(y, y))
}

/// "成文日期:2018-11-05", else the last line that is only a date ("2015年7月10日").
fn find_issued_on(preamble: &[Line]) -> Option<NaiveDate> {
    for l in preamble {
        if let Some(pos) = l.text.find("成文日期") {
            let rest = &l.text[pos + "成文日期".len()..];
            let rest = rest.trim_start_matches([':', '：', ' ', '|']);
            let d = Deadline::parse(rest, 2000);
            if d.kind == DeadlineKind::Date
                && let Some(date) = d.date
            {
                return Some(date);
            }
        }
    }
    preamble.iter().rev().find_map(|l| {
        let t = l.text.trim();
        let n = t.chars().count();
        if !(8..=12).contains(&n) || !t.ends_with('日') {
            return None;
        }
        let d = Deadline::parse(t, 2000);
        (d.text == t).then_some(d.date).flatten()
    })
}

/// "温瓯政发〔2021〕217号".
fn find_doc_no(preamble: &[Line]) -> Option<String> {
    for l in preamble {
        // The document's own number is on a line of its own or after a label; a number inside a
        // sentence is another document's ("根据…(温政办〔2017〕79号)").
        let labelled = l.text.contains("文号") || l.text.contains("编号");
        if !labelled && l.text.chars().count() > 30 {
            continue;
        }
        let chars: Vec<char> = l.text.chars().collect();
        let Some(open) = chars.iter().position(|c| matches!(c, '〔' | '[' | '［')) else {
            continue;
        };
        let Some(hao) = chars[open..]
            .iter()
            .position(|c| *c == '号')
            .map(|p| p + open)
        else {
            continue;
        };
        if hao - open > 12 {
            continue;
        }
        let stop = |c: &char| {
            c.is_whitespace()
                || matches!(c, '|' | ':' | '：' | '，' | ',' | '。' | '《' | '》' | '、')
        };
        let start = chars[..open]
            .iter()
            .rposition(stop)
            .map(|p| p + 1)
            .unwrap_or(0);
        let no: String = chars[start..=hao].iter().collect();
        let no = no.trim_start_matches(['(', '（']).to_string();
        if years_in(&no).len() == 1 {
            return Some(no);
        }
    }
    None
}

const GOAL_WORDS: &[&str] = &[
    "目标",
    "总体要求",
    "指导思想",
    "原则",
    "定位",
    "总体思路",
    "发展思路",
    "工作思路",
    "发展基础",
    "现状",
    "形势",
    "重要意义",
];

/// A bracket group found in a task's text.
struct Found {
    inner: String,
    repaired: bool,
}

/// The longest bracket group looked at as a note.
const MAX_NOTE: usize = 2000;

/// Cuts responsibility notes out of `text`: returns the text without them and the notes.
fn cut_notes(text: &str) -> (String, Vec<Found>) {
    let chars: Vec<char> = text.chars().collect();
    // Matching brackets in one pass, line by line (a note never spans lines); unmatched: None.
    let mut close_of: Vec<Option<usize>> = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, c) in chars.iter().enumerate() {
        match c {
            '(' | '（' | '〔' | '[' | '【' => open.push(k),
            ')' | '）' | '〕' | ']' | '】' => {
                if let Some(o) = open.pop() {
                    close_of[o] = Some(k);
                }
            }
            '\n' => open.clear(),
            _ => {}
        }
    }
    let mut next_newline = vec![chars.len(); chars.len()];
    let mut at = chars.len();
    for k in (0..chars.len()).rev() {
        if chars[k] == '\n' {
            at = k;
        }
        next_newline[k] = at;
    }
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Notes come in round brackets, and in 〔〕 [] 【】 in some local plans.
        if matches!(c, '(' | '（' | '〔' | '[' | '【') {
            // Looking no further than MAX_NOTE chars.
            let limit = chars.len().min(i + MAX_NOTE);
            let close = close_of[i].filter(|k| *k < limit);
            let line_end = next_newline[i].min(limit);
            if close.is_none() {
                // An unclosed note must at least start with its label.
                let head: String = chars[i + 1..(i + 13).min(chars.len())].iter().collect();
                if !units::starts_with_label(&head) {
                    out.push(c);
                    i += 1;
                    continue;
                }
            }
            // (end of the inside, exclusive; where to go on; repaired)
            let (inner_end, next, repaired) = match close {
                Some(k) => {
                    // "(责任单位:A、B<C>)、D、E)": the note went on after a stray close.
                    let rest_end = next_newline.get(k + 1).copied().unwrap_or(limit).min(limit);
                    let rest = &chars[k + 1..rest_end];
                    let extends = matches!(rest.first(), Some('、' | ',' | '，'))
                        && !rest.contains(&'。')
                        && rest.iter().any(|c| is_close_bracket(*c));
                    if extends {
                        let last = rest.iter().rposition(|c| is_close_bracket(*c)).unwrap_or(0);
                        (k + 1 + last, k + 2 + last, true)
                    } else {
                        (k, k + 1, false)
                    }
                }
                None => (line_end, line_end, true),
            };
            let inner: String = chars[i + 1..inner_end.max(i + 1)].iter().collect();
            // A repaired note may end with the stray close; a name's own "(街道)" stays.
            let mut inner_clean = inner;
            while inner_clean.ends_with(is_close_bracket)
                && inner_clean.chars().filter(|c| is_close_bracket(*c)).count()
                    > inner_clean.chars().filter(|c| is_open_bracket(*c)).count()
            {
                inner_clean.pop();
            }
            if units::looks_like_note(&inner_clean) {
                notes.push(Found {
                    inner: inner_clean,
                    repaired,
                });
                i = next;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, notes)
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '（' | '〔' | '[' | '【')
}

fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | '）' | '〕' | ']' | '】')
}

/// Shortens for display, by characters.
pub fn shorten(t: &str, max: usize) -> String {
    let t = t.replace('\n', " ");
    if t.chars().count() <= max {
        t
    } else {
        let mut s: String = t.chars().take(max).collect();
        s.push('…');
        s
    }
}

fn build_structure(nodes: &[Node], draft: &mut PlanDraft, plan_year: i32) {
    let in_goal_part = |mut i: usize| {
        let mut guard = 0;
        while let Some(p) = nodes[i].parent {
            let head = nodes[p].text.lines().next().unwrap_or("");
            let head: String = head.chars().take(30).collect();
            if GOAL_WORDS.iter().any(|w| head.contains(w)) {
                return true;
            }
            i = p;
            guard += 1;
            if guard > 8 {
                break;
            }
        }
        false
    };
    // Notes first: whether an item is a task can depend on its note.
    let cut: Vec<(String, Vec<Found>)> = nodes.iter().map(|n| cut_notes(&n.text)).collect();

    // Restarting numbering: some item at level three is not above the one before it.
    let mut restart = false;
    let mut prev = 0;
    for n in nodes.iter().filter(|n| n.level == Level::Three) {
        if n.value <= prev {
            restart = true;
        }
        prev = n.value;
    }

    let mut section_of: HashMap<usize, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let (text, notes) = &cut[i];
        let has_notes = !notes.is_empty() || !node.line_notes.is_empty();
        let is_task = if node.has_children {
            false
        } else if node.level == Level::One {
            has_notes
        } else {
            has_notes || !in_goal_part(i)
        };
        if !is_task {
            if node.level == Level::One || node.has_children {
                let parent = node.parent.and_then(|p| section_of.get(&p).copied());
                let title = heading(text);
                draft.sections.push(SectionDraft {
                    number: node.number.clone(),
                    title,
                    parent,
                    line: node.line,
                });
                section_of.insert(i, draft.sections.len() - 1);
            }
            continue;
        }
        // Units: each note after its own sentence; the task has their union, leads kept.
        let mut units_found: Vec<UnitRef> = Vec::new();
        let mut all_notes: Vec<(String, bool)> = notes
            .iter()
            .map(|f| (f.inner.clone(), f.repaired))
            .collect();
        if !node.line_notes.is_empty() {
            all_notes.push((node.line_notes.join(";"), false));
        }
        let mut other_fields: Vec<String> = Vec::new();
        for (inner, repaired) in all_notes {
            let note = units::parse_note(&inner);
            other_fields.extend(note.other.iter().cloned());
            if let Some(common) = note.common {
                match &mut draft.common_units_note {
                    Some(existing) if !existing.contains(&common) => {
                        existing.push('；');
                        existing.push_str(&common);
                    }
                    Some(_) => {}
                    None => draft.common_units_note = Some(common),
                }
            }
            if repaired || note.repaired {
                draft.doubts.push(Doubt {
                    line: node.line,
                    kind: DoubtKind::NoteRepaired,
                    text: shorten(&inner, 80),
                });
            }
            // Each note leads its own sentence: "(A负责)…(B负责)" makes A and B leads.
            merge_units(&mut units_found, note.units);
        }
        let section = {
            let mut p = node.parent;
            let mut found = None;
            while let Some(pi) = p {
                if let Some(&s) = section_of.get(&pi) {
                    found = Some(s);
                    break;
                }
                p = nodes[pi].parent;
            }
            found
        };
        let number = display_number(nodes, i, restart);
        let title = {
            let h = heading(text);
            if h.is_empty() {
                format!("任务{number}")
            } else {
                h
            }
        };
        // Fields of a note that name no unit (适用范围, 数据提供单位) stay readable in the body.
        let mut body = text.trim().to_string();
        for field in &other_fields {
            body.push('\n');
            body.push_str(field);
        }
        let deadline = match &node.deadline_field {
            Some(field) => Some(Deadline::parse(field, plan_year)),
            None => task_deadline(&body, draft.starts_on),
        };
        if units_found.is_empty() {
            draft.doubts.push(Doubt {
                line: node.line,
                kind: DoubtKind::NoUnits,
                text: format!("{number} {}", shorten(&title, 40)),
            });
        }
        draft.tasks.push(TaskDraft {
            number,
            title,
            body,
            section,
            units: units_found,
            deadline,
            line: node.line,
        });
    }
    unique_task_numbers(nodes, draft);
}

/// The heading of an item: its text up to the first full stop (or the whole first line), at most
/// 60 characters.
fn heading(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let cut: String = first
        .chars()
        .take_while(|c| !matches!(c, '。' | '；' | ';'))
        .collect();
    let cut = cut
        .trim()
        .trim_end_matches([':', '：', ',', '，'])
        .to_string();
    shorten(&cut, 60)
}

fn display_number(nodes: &[Node], i: usize, restart: bool) -> String {
    let node = &nodes[i];
    let parent = node.parent.map(|p| &nodes[p]);
    match node.level {
        Level::Three if restart => match parent {
            Some(p) => format!("{}{}", p.number, node.number),
            None => node.number.clone(),
        },
        Level::Three => node.number.clone(),
        Level::Two => match parent {
            Some(p) if p.level == Level::One => format!("{}{}", p.number, node.number),
            _ => node.number.clone(),
        },
        Level::One => node.number.clone(),
    }
}

/// Makes task numbers unique: a repeated number gets its top-level heading's number in front,
/// and then, if still repeated, "-2", "-3".
fn unique_task_numbers(nodes: &[Node], draft: &mut PlanDraft) {
    let mut count: HashMap<String, usize> = HashMap::new();
    for t in &draft.tasks {
        *count.entry(t.number.clone()).or_default() += 1;
    }
    let line_to_node: HashMap<usize, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.line, i)).collect();
    for t in draft.tasks.iter_mut() {
        if count.get(&t.number).copied().unwrap_or(0) > 1
            && let Some(&i) = line_to_node.get(&t.line)
        {
            let mut p = nodes[i].parent;
            while let Some(pi) = p {
                if nodes[pi].level == Level::One {
                    if !t.number.starts_with(&nodes[pi].number) {
                        t.number = format!("{}{}", nodes[pi].number, t.number);
                    }
                    break;
                }
                p = nodes[pi].parent;
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in draft.tasks.iter_mut() {
        let n = seen.entry(t.number.clone()).or_default();
        *n += 1;
        if *n > 1 {
            t.number = format!("{}-{}", t.number, n);
        }
    }
}

/// The deadline written in a task's text: the latest dated phrase on or after the plan's start
/// (earlier ones are milestones), with every phrase kept as text; else a recurring phrase (每年,
/// no date: the plan's end); else none. "长期" inside a sentence ("中长期贷款") is no deadline, so
/// ongoing phrases are read from a deadline field only.
pub fn task_deadline(text: &str, starts_on: NaiveDate) -> Option<Deadline> {
    let year = chrono::Datelike::year(&starts_on);
    let found = deadline::scan(text, year);
    let dated: Vec<&Deadline> = found
        .iter()
        .filter(|d| d.kind == DeadlineKind::Date && d.date.is_some_and(|x| x >= starts_on))
        // A bare "年末" / "年底" in a sentence ("年末有考核") is a habit, not a deadline.
        .filter(|d| !matches!(d.text.as_str(), "年末" | "年底"))
        .collect();
    let recurring: Vec<&Deadline> = found
        .iter()
        .filter(|d| matches!(d.kind, DeadlineKind::Recurring(_)))
        .collect();
    let mut texts: Vec<&str> = Vec::new();
    for d in dated.iter().chain(recurring.iter()) {
        if !texts.contains(&d.text.as_str()) {
            texts.push(&d.text);
        }
    }
    if let Some(latest) = dated.iter().max_by_key(|d| d.date) {
        return Some(Deadline {
            date: latest.date,
            text: texts.join("，"),
            kind: DeadlineKind::Date,
        });
    }
    recurring.first().map(|first| Deadline {
        date: None,
        text: texts.join("，"),
        kind: first.kind,
    })
}

/// Appendix blocks after the main text: a line "附件" / "附件2" starts one; its first line is its
/// title. Returns (number, title, lines after the title).
fn appendix_blocks(rest: &[Line]) -> Vec<(String, String, Vec<Line>)> {
    let mut blocks: Vec<(String, String, Vec<Line>)> = Vec::new();
    let mut current: Option<(String, Option<String>, Vec<Line>)> = None;
    for l in rest {
        let t = l.text.as_str();
        if let Some(num) = appendix_start(t) {
            if let Some((n, title, lines)) = current.take() {
                blocks.push((n, title.unwrap_or_default(), lines));
            }
            current = Some((num, None, Vec::new()));
            continue;
        }
        if let Some((_, title, lines)) = current.as_mut() {
            if ends_main_text(t) && !t.starts_with("附件") {
                let (n, title, lines) = current.take().expect("checked");
                blocks.push((n, title.unwrap_or_default(), lines));
                continue;
            }
            if title.is_none() && !t.contains('|') {
                *title = Some(t.to_string());
            } else {
                lines.push(l.clone());
            }
        }
    }
    if let Some((n, title, lines)) = current {
        blocks.push((n, title.unwrap_or_default(), lines));
    }
    blocks
}

/// "附件", "附件2", "附件 2:" alone on a line (not the list "附件:1.…").
fn appendix_start(t: &str) -> Option<String> {
    let rest = t.strip_prefix("附件")?;
    let rest = rest.trim().trim_end_matches([':', '：']).trim();
    if rest.is_empty() {
        return Some("附件".to_string());
    }
    (rest.chars().count() <= 3
        && rest
            .chars()
            .all(|c| ascii_digit(c).is_some() || CN_DIGITS.contains(c)))
    .then(|| format!("附件{rest}"))
}

fn add_table(
    draft: &mut PlanDraft,
    number: Option<&str>,
    title: &str,
    block: &[(usize, &str)],
    plan_year: i32,
) {
    let out = tables::parse_block(title, block, plan_year);
    draft.doubts.extend(out.doubts);
    draft.indicators.extend(out.indicators);
    if out.tasks.is_empty() {
        return;
    }
    let prefix = number.unwrap_or("表").to_string();
    draft.sections.push(SectionDraft {
        number: prefix.clone(),
        title: title.to_string(),
        parent: None,
        line: block.first().map(|b| b.0).unwrap_or(0),
    });
    let section = draft.sections.len() - 1;
    for (k, t) in out.tasks.into_iter().enumerate() {
        if t.units.is_empty() {
            draft.doubts.push(Doubt {
                line: t.line,
                kind: DoubtKind::NoUnits,
                text: format!("{prefix}-{} {}", k + 1, shorten(&t.title, 40)),
            });
        }
        let deadline = task_deadline(&t.body, draft.starts_on);
        draft.tasks.push(TaskDraft {
            number: format!("{prefix}-{}", k + 1),
            title: shorten(&t.title, 60),
            body: t.body,
            section: Some(section),
            units: t.units,
            deadline,
            line: t.line,
        });
    }
}

/// The store refuses two indicators of one plan with the same name and unit: number repeats.
fn unique_indicator_names(draft: &mut PlanDraft) {
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    for ind in draft.indicators.iter_mut() {
        let n = seen
            .entry((ind.name.clone(), ind.department.clone()))
            .or_default();
        *n += 1;
        if *n > 1 {
            ind.name = format!("{}（{}）", ind.name, n);
        }
    }
}

/// Units all leading: used for rows of a per-unit table (each unit leads its own share).
pub fn all_lead(names: &[String]) -> Vec<UnitRef> {
    names
        .iter()
        .map(|n| UnitRef {
            name: n.clone(),
            role: Role::Lead,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options {
            fallback_title: "文件".into(),
            fallback_year: 2030,
        }
    }

    #[test]
    fn numbering_levels() {
        assert_eq!(
            numbered("三、重点任务").map(|n| (n.0, n.1)),
            Some((Level::One, "三".into()))
        );
        assert_eq!(
            numbered("（十二）加强保障").map(|n| (n.0, n.1, n.2)),
            Some((Level::Two, "(十二)".into(), 12))
        );
        assert_eq!(
            numbered("12、推进改造").map(|n| (n.0, n.2)),
            Some((Level::Three, 12))
        );
        assert_eq!(numbered("2.2025年度重点项目表"), None);
        assert_eq!(numbered("2.5产业"), None);
        assert_eq!(numbered("(1)子项"), None);
        assert_eq!(numbered("2024年,全区"), None);
    }

    #[test]
    fn notes_are_cut_from_the_text() {
        let (text, notes) = cut_notes(
            "建设示范区(含扩区)。(责任单位:区农业局、区林业局)完善机制。(区水利局牵头,区财政局配合)",
        );
        assert_eq!(text, "建设示范区(含扩区)。完善机制。");
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[1].inner, "区水利局牵头,区财政局配合");
    }

    #[test]
    fn stray_bracket_in_a_note_is_repaired() {
        let (text, notes) = cut_notes("完成整治。(责任单位:区农业局、财政局<税务分局>)、区林业局)");
        assert_eq!(text, "完成整治。");
        assert!(notes[0].repaired);
        let n = units::parse_note(&notes[0].inner);
        let names: Vec<_> = n.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, vec!["区农业局", "财政局（税务分局）", "区林业局"]);
    }

    #[test]
    fn deadline_is_the_latest_phrase_with_all_kept() {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let d = task_deadline("2024年底前完成普查,到2026年建成平台。", start).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(d.text, "2024年底前，到2026年");
        let d = task_deadline("每年组织培训两次。", start).unwrap();
        assert_eq!(d.date, None);
        assert_eq!(d.text, "每年");
        assert_eq!(task_deadline("推进2019年以前的项目收尾。", start), None);
    }

    #[test]
    fn title_and_years() {
        let text = "首页 > 政策\n关于印发《某区农业提升行动方案(2024-2026年)》的通知\n某区农业提升\n行动方案(2024-2026年)\n一、主要任务\n1.做好一件事。(责任单位:区农业局)\n";
        let d = parse(text, &opts()).unwrap();
        assert_eq!(d.title, "某区农业提升行动方案(2024-2026年)");
        assert_eq!(d.starts_on, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert_eq!(d.ends_on, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(d.tasks.len(), 1);
    }

    #[test]
    fn nothing_numbered_is_no_tasks() {
        assert_eq!(
            parse("只是一段话。\n另一段。", &opts()),
            Err(ParseError::NoTasks)
        );
    }

    #[test]
    fn no_year_uses_the_fallback_and_says_so() {
        let d = parse("一、任务\n1.做事。", &opts()).unwrap();
        assert_eq!(chrono::Datelike::year(&d.starts_on), 2030);
        assert!(d.doubts.iter().any(|x| x.kind == DoubtKind::NoYear));
    }
}
