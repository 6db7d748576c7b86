//! The lines of a plan -> a `PlanDraft`, in stages a reader can follow:
//!
//! 1. lines: trimmed, numbered (`split_lines`); task tables are taken out first (`task_table`);
//! 2. the head (`plan_head`): title, years, document number and date;
//! 3. the main text (`layout`: where it ends, page noise) as numbered items (`numbering`), each with
//!    its paragraphs, labelled lines and deadline field;
//! 4. items -> sections and tasks (`structure`), notes cut out of the text (`note_cut`) and read as
//!    units and roles (`units`);
//! 5. tables (`plan_tables`): task tables, indicator and key-project tables;
//! 6. final passes here: a name cut off at the end of a copy, distinct numbers and units.

use super::draft::{Doubt, DoubtKind, PlanDraft};
use super::layout::{appendix_blocks, deadline_field, ends_main_text, is_page_noise};
use super::numbering::{Level, numbered};
use super::plan_head::{find_doc_no, find_issued_on, find_title, plan_years, year_span};
use super::plan_tables::{add_table, add_task_tables, unique_indicator_names};
use super::structure::{Node, build_structure};
use super::task_table;
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
pub(super) struct Line {
    pub(super) no: usize,
    pub(super) text: String,
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
    let last_line = all_lines.last().cloned();
    let lines: Vec<Line> = all_lines
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !*t)
        .map(|(l, _)| l)
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
    // A notice around a plan says so before its first item ("…的通知", "通知如下").
    let notice = preamble.iter().any(|l| l.text.contains("通知"));
    add_task_tables(&mut draft, task_tables, plan_year, notice);
    drop_cut_off_name(&mut draft, last_line.as_ref());
    distinct_numbers_and_units(&mut draft);
    if draft.tasks.is_empty() && draft.indicators.is_empty() {
        return Err(ParseError::NoTasks);
    }
    Ok(draft)
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
fn drop_cut_off_name(draft: &mut PlanDraft, last: Option<&Line>) {
    let Some(last) = last else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::note_cut::cut_notes;
    use crate::import::structure::task_deadline;
    use chrono::NaiveDate;

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
        // A task whose text starts with its deadline is a task, not a decimal.
        assert_eq!(
            numbered("2.2025年底前建成智慧平台。").map(|n| (n.0, n.2)),
            Some((Level::Three, 2))
        );
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
