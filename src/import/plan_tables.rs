//! The tables of a plan into the draft: task tables (`task_table`) as tasks under a section of
//! their own, and the other tables (`tables`: indicators, per-unit targets, key projects).

use std::collections::HashMap;

use crate::domain::{Deadline, Role};

use super::draft::{Doubt, DoubtKind, MilestoneDraft, PlanDraft, SectionDraft, TaskDraft, UnitRef};
use super::plan_text::shorten;
use super::structure::{push_task, task_deadline};
use super::tables::{self, TableTask};
use super::task_table::TaskTable;
use super::units;

/// The tasks of the task tables. When the tables name units and the numbered items of the text
/// name none, and the text is a notice (`notice`: "…的通知", "通知如下") or its items sum up the
/// table's rows, those items are the notice's requests or a summary: the rows are the tasks, and
/// the items are listed among the lines to check instead. A plan whose own items simply have no
/// notes keeps them beside its table.
pub(super) fn add_task_tables(
    draft: &mut PlanDraft,
    tables: Vec<TaskTable>,
    plan_year: i32,
    notice: bool,
) {
    let table_units = tables
        .iter()
        .any(|t| t.rows.iter().any(|r| !r.note.is_empty()));
    let text_units = draft.tasks.iter().any(|t| !t.units.is_empty());
    let sums_up = || {
        draft.tasks.iter().any(|t| {
            tables
                .iter()
                .flat_map(|tb| tb.rows.iter())
                .any(|r| r.title.chars().count() >= 4 && t.body.contains(r.title.as_str()))
        })
    };
    if table_units && !text_units && !draft.tasks.is_empty() && (notice || sums_up()) {
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
            push_task(
                draft,
                TaskDraft {
                    number,
                    title,
                    body,
                    section: Some(section),
                    units: units_found,
                    deadline,
                    line: row.line,
                    project: None,
                    milestones: Vec::new(),
                },
            );
        }
    }
}

pub(super) fn add_table(
    draft: &mut PlanDraft,
    number: Option<&str>,
    title: &str,
    block: &[(usize, &str)],
    plan_year: i32,
) {
    let out = tables::parse_block(title, block, plan_year);
    draft.doubts.extend(out.doubts);
    draft.indicators.extend(out.indicators);
    let mut tasks = out.tasks;
    // Milestone rows go to the task they name; the others are tasks of their own.
    let unmatched = attach_milestones(draft, out.milestones);
    let from_milestones = tasks.len();
    tasks.extend(unmatched);
    if tasks.is_empty() {
        return;
    }
    let prefix = number.unwrap_or("表").to_string();
    // Key projects (and the projects of a milestone table) with no unit column: the units of the
    // item of the text that refers to the table.
    let referring = (tasks
        .iter()
        .any(|t| t.project.is_some() || !t.milestones.is_empty())
        && tasks.iter().all(|t| t.units.is_empty()))
    .then(|| referring_item(draft, number, title))
    .flatten();
    let line = block.first().map(|b| b.0).unwrap_or(0);
    if let Some(k) = referring {
        let item = &draft.tasks[k];
        draft.doubts.push(Doubt {
            line,
            kind: DoubtKind::ProjectUnits,
            text: format!(
                "{prefix} ← {} {}  [{}]",
                item.number,
                shorten(&item.title, 20),
                item.units
                    .iter()
                    .map(|u| match u.role {
                        Role::Lead => format!("*{}", u.name),
                        Role::Co => u.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        });
    }
    let units_of_item = referring.map(|k| draft.tasks[k].units.clone());
    draft.sections.push(SectionDraft {
        number: prefix.clone(),
        title: title.to_string(),
        parent: None,
        line,
    });
    let section = draft.sections.len() - 1;
    for (k, mut t) in tasks.into_iter().enumerate() {
        if t.units.is_empty()
            && (t.project.is_some() || k >= from_milestones)
            && let Some(units) = &units_of_item
        {
            t.units = units.clone();
        }
        if k >= from_milestones {
            draft.doubts.push(Doubt {
                line: t.line,
                kind: DoubtKind::MilestoneTask,
                text: format!("{prefix}-{} {}", k + 1, shorten(&t.title, 40)),
            });
        } else if t.units.is_empty() {
            draft.doubts.push(Doubt {
                line: t.line,
                kind: DoubtKind::NoUnits,
                text: format!("{prefix}-{} {}", k + 1, shorten(&t.title, 40)),
            });
        }
        // A project runs to its completion (竣工); a date in its row is a node's, not a deadline.
        let deadline = if t.project.is_some() || !t.milestones.is_empty() {
            completion(&t.milestones)
        } else {
            task_deadline(&t.body, draft.starts_on)
        };
        in_time_order(&mut t.milestones);
        draft.tasks.push(TaskDraft {
            number: format!("{prefix}-{}", k + 1),
            title: shorten(&t.title, 60),
            body: t.body,
            section: Some(section),
            units: t.units,
            deadline,
            line: t.line,
            project: t.project,
            milestones: t.milestones,
        });
    }
}

/// Milestones by planned date (a table lists 开工, 竣工 before the nodes of another table in
/// between), the same node on the same day once.
fn in_time_order(list: &mut Vec<MilestoneDraft>) {
    list.sort_by_key(|m| m.planned_on);
    let mut seen = std::collections::HashSet::new();
    list.retain(|m| seen.insert((m.name.clone(), m.planned_on)));
}

/// A project's deadline: its completion node (竣工, 完工, 建成), as the table wrote it.
fn completion(list: &[MilestoneDraft]) -> Option<Deadline> {
    list.iter()
        .filter(|m| ["竣工", "完工", "建成"].iter().any(|w| m.name.contains(w)))
        .max_by_key(|m| m.planned_on)
        .map(|m| Deadline {
            text: m.text.clone(),
            ..Deadline::on(m.planned_on)
        })
}

/// A project's name as compared: without spaces, quotes and brackets.
fn name_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’()（）《》".contains(*c))
        .collect()
}

/// Gives each milestone row to the task of the draft it names (the same name, else the one task
/// whose name holds it or is held by it); returns the rows that name none, one task per name
/// with all its rows' milestones.
fn attach_milestones(draft: &mut PlanDraft, rows: Vec<TableTask>) -> Vec<TableTask> {
    let mut left: Vec<TableTask> = Vec::new();
    for row in rows {
        let key = name_key(&row.title);
        let exact: Vec<usize> = (0..draft.tasks.len())
            .filter(|&i| name_key(&draft.tasks[i].title) == key)
            .collect();
        let found = match exact.as_slice() {
            [i, ..] => Some(*i),
            [] if key.chars().count() >= 4 => {
                let near: Vec<usize> = (0..draft.tasks.len())
                    .filter(|&i| {
                        let t = name_key(&draft.tasks[i].title);
                        t.contains(&key) || (t.chars().count() >= 4 && key.contains(&t))
                    })
                    .collect();
                (near.len() == 1).then(|| near[0])
            }
            [] => None,
        };
        match found {
            Some(i) => {
                let task = &mut draft.tasks[i];
                task.milestones.extend(row.milestones);
                in_time_order(&mut task.milestones);
                if task.units.is_empty() {
                    task.units = row.units;
                }
            }
            None => match left.iter_mut().find(|t| name_key(&t.title) == key) {
                Some(t) => t.milestones.extend(row.milestones),
                None => left.push(row),
            },
        }
    }
    left
}

/// The item of the text that refers to the table: one that names its appendix ("详见附件2"),
/// else the one item that refers to an appendix and quotes what the table's title quotes
/// (seed 000's item says "详见附件1" of the “机器换人” projects listed in 附件2).
fn referring_item(draft: &PlanDraft, number: Option<&str>, title: &str) -> Option<usize> {
    let candidates = || {
        (0..draft.tasks.len()).filter(|&i| {
            let t = &draft.tasks[i];
            t.project.is_none() && !t.units.is_empty() && t.body.contains("附件")
        })
    };
    if let Some(n) = number.filter(|n| n.chars().count() > 2) {
        let names = |body: &str| {
            body.match_indices(n).any(|(at, _)| {
                !body[at + n.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            })
        };
        if let Some(i) = candidates().find(|&i| names(&draft.tasks[i].body)) {
            return Some(i);
        }
    }
    let quoted = quoted_terms(title);
    if quoted.is_empty() {
        return None;
    }
    let found: Vec<usize> = candidates()
        .filter(|&i| {
            quoted
                .iter()
                .any(|q| draft.tasks[i].body.contains(q.as_str()))
        })
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// The terms a title quotes: “机器换人” -> 机器换人.
fn quoted_terms(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = title;
    while let Some(open) = rest.find(['“', '"', '‘']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = after.find(['”', '"', '’']) else {
            break;
        };
        let term = &after[..close];
        if (2..=12).contains(&term.chars().count()) {
            out.push(term.to_string());
        }
        rest = &after[close..];
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
    out
}

/// The store refuses two indicators of one plan with the same name and unit: number repeats.
pub(super) fn unique_indicator_names(draft: &mut PlanDraft) {
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
