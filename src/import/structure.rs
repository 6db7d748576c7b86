//! Numbered items -> sections and tasks. A numbered item with numbered children is a section; a
//! leaf is a task, except at the top level and in goal / principle / guiding-idea parts, where only
//! an item with a responsibility note is a task. Numbers restart per section when printed so
//! (number = parent + own).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::Deadline;
use crate::domain::deadline::{self, DeadlineKind};

use super::draft::{Doubt, DoubtKind, PlanDraft, SectionDraft, TaskDraft, UnitRef};
use super::note_cut::{Found, cut_notes};
use super::numbering::Level;
use super::plan_text::shorten;
use super::units::{self, merge_units};

#[derive(Debug)]
pub(super) struct Node {
    pub(super) level: Level,
    /// As written, without punctuation: 三 / (一) / 3.
    pub(super) number: String,
    pub(super) value: u32,
    /// The item's text: its own line, then the paragraphs that follow it.
    pub(super) text: String,
    /// Standalone lines "牵头单位:…" under the item.
    pub(super) line_notes: Vec<String>,
    /// A "完成时限:…" line under the item.
    pub(super) deadline_field: Option<String>,
    pub(super) line: usize,
    pub(super) parent: Option<usize>,
    pub(super) has_children: bool,
}

pub(super) const GOAL_WORDS: &[&str] = &[
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

pub(super) fn build_structure(nodes: &[Node], draft: &mut PlanDraft, plan_year: i32) {
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
        push_task(
            draft,
            TaskDraft {
                number,
                title,
                body,
                section,
                units: units_found,
                deadline,
                line: node.line,
                project: None,
                milestones: Vec::new(),
            },
        );
    }
    unique_task_numbers(nodes, draft);
}

/// Adds a task to the draft; one that names no unit is also listed among the lines to check
/// (it is kept, unassigned).
pub(super) fn push_task(draft: &mut PlanDraft, task: TaskDraft) {
    if task.units.is_empty() {
        draft.doubts.push(Doubt {
            line: task.line,
            kind: DoubtKind::NoUnits,
            text: format!("{} {}", task.number, shorten(&task.title, 40)),
        });
    }
    draft.tasks.push(task);
}

/// The heading of an item: its text up to the first full stop (or the whole first line), at most
/// 60 characters.
pub(super) fn heading(text: &str) -> String {
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

pub(super) fn display_number(nodes: &[Node], i: usize, restart: bool) -> String {
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
pub(super) fn unique_task_numbers(nodes: &[Node], draft: &mut PlanDraft) {
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
