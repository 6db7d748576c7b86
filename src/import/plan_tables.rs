//! The tables of a plan into the draft: task tables (`task_table`) as tasks under a section of
//! their own, and the other tables (`tables`: indicators, per-unit targets, key projects).

use std::collections::HashMap;

use crate::domain::{Deadline, Role};

use super::draft::{Doubt, DoubtKind, PlanDraft, SectionDraft, TaskDraft, UnitRef};
use super::plan_text::shorten;
use super::structure::{push_task, task_deadline};
use super::tables;
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
            project: t.project,
        });
    }
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
