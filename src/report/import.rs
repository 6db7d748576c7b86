//! The preview of an imported plan (`duban import plan --dry-run`): what would be created, the
//! new departments with the names they are close to, and the lines to check.

use std::fmt::Write;

use crate::domain::Role;
use crate::i18n::{self, Lang};
use serde_json::{Value, json};

use crate::import::{DoubtKind, PlanDraft, TaskDraft, UnitPlan};
use crate::store::SavedDraft;

/// The units of a task as a plan lists them, leads marked with `*`: "*区经信局、区发改局".
pub fn units_line(task: &TaskDraft) -> String {
    task.units
        .iter()
        .map(|u| match u.role {
            Role::Lead => format!("*{}", u.name),
            Role::Co => u.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A task's milestones from a table, in one line.
pub fn milestones_line(lang: Lang, task: &TaskDraft) -> String {
    let list: Vec<(&str, chrono::NaiveDate)> = task
        .milestones
        .iter()
        .map(|m| (m.name.as_str(), m.planned_on))
        .collect();
    i18n::preview::milestones(lang, &list)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn render_preview(draft: &PlanDraft, units: &UnitPlan, lang: Lang) -> String {
    let l = i18n::import_labels(lang);
    let sep = if lang.zh() { ":" } else { ": " };
    let mut s = String::new();
    let _ = writeln!(s, "{}{sep}{}", l.plan, draft.title);
    let _ = write!(
        s,
        "{}{sep}{} — {}",
        l.period, draft.starts_on, draft.ends_on
    );
    if let Some(no) = &draft.doc_no {
        let _ = write!(s, "   {}{sep}{no}", l.doc_no);
    }
    if let Some(d) = draft.issued_on {
        let _ = write!(s, "   {}{sep}{d}", l.issued);
    }
    s.push('\n');
    if let Some(note) = &draft.common_units_note {
        let _ = writeln!(s, "{}{sep}{note}", l.common_note);
    }

    let _ = writeln!(s, "\n{} ({})", l.sections, draft.sections.len());
    for sec in &draft.sections {
        let mut depth = 0;
        let mut p = sec.parent;
        while let Some(pi) = p {
            depth += 1;
            p = draft.sections.get(pi).and_then(|x| x.parent);
            if depth > 8 {
                break;
            }
        }
        let _ = writeln!(s, "  {}{} {}", "  ".repeat(depth), sec.number, sec.title);
    }

    let with_units = draft.tasks.iter().filter(|t| !t.units.is_empty()).count();
    let _ = writeln!(
        s,
        "\n{} ({}, {} {})   {}",
        l.tasks,
        draft.tasks.len(),
        l.with_units,
        with_units,
        l.lead_mark
    );
    for t in &draft.tasks {
        let units = if t.units.is_empty() {
            format!("({})", l.no_unit)
        } else {
            units_line(t)
        };
        let deadline = match &t.deadline {
            Some(d) => match d.date {
                Some(date) => format!("{} ({date})", d.text),
                None => format!("{} ({})", d.text, l.plan_end),
            },
            None => l.plan_end.to_string(),
        };
        let _ = writeln!(s, "  {}  {}  [{}]  {}", t.number, t.title, units, deadline);
        if let Some(p) = &t.project {
            let line =
                i18n::preview::key_project(lang, p.owner.as_deref(), p.investment, p.year_plan);
            if !line.is_empty() {
                let _ = writeln!(s, "      {line}");
            }
        }
        if !t.milestones.is_empty() {
            let _ = writeln!(s, "      {}", milestones_line(lang, t));
        }
    }

    let _ = writeln!(s, "\n{} ({})", l.indicators, draft.indicators.len());
    for ind in &draft.indicators {
        let unit = if ind.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", ind.unit)
        };
        let dept = ind
            .department
            .as_deref()
            .map(|d| format!(" · {d}"))
            .unwrap_or_default();
        let targets = ind
            .targets
            .iter()
            .map(|(y, v)| format!("{y}={}", number(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(s, "  {}{unit}{dept}  {targets}", ind.name);
    }

    let _ = writeln!(s, "\n{} ({})", l.new_units, units.new.len());
    for u in &units.new {
        let collective = if crate::import::units::is_collective(&u.name) {
            format!("  {}", i18n::preview::collective_mark(lang))
        } else {
            String::new()
        };
        if u.close.is_empty() {
            let _ = writeln!(s, "  {}{collective}", u.name);
        } else {
            let _ = writeln!(
                s,
                "  {}{collective}  ~ {}{sep}{}",
                u.name,
                l.close_to,
                u.close.join("、")
            );
        }
    }
    if !units.existing.is_empty() {
        let _ = writeln!(s, "\n{} ({})", l.existing_units, units.existing.len());
        for (name, found) in &units.existing {
            if name == found {
                let _ = writeln!(s, "  {name}");
            } else {
                let _ = writeln!(s, "  {name} → {found}");
            }
        }
    }

    let _ = writeln!(s, "\n{} ({})", l.doubts, draft.doubts.len());
    for d in &draft.doubts {
        let _ = writeln!(
            s,
            "  {} {}: {}{sep}{}",
            l.line,
            d.line,
            i18n::doubt(lang, d.kind),
            d.text
        );
    }
    s
}

fn doubt_key(kind: DoubtKind) -> &'static str {
    match kind {
        DoubtKind::NoUnits => "no_units",
        DoubtKind::NoteRepaired => "note_repaired",
        DoubtKind::SkippedTable => "skipped_table",
        DoubtKind::RowAsTask => "row_as_task",
        DoubtKind::NoYear => "no_year",
        DoubtKind::CutOff => "cut_off",
        DoubtKind::NoticeItems => "notice_items",
        DoubtKind::ProjectUnits => "project_units",
        DoubtKind::MilestoneTask => "milestone_task",
    }
}

fn task_json(draft: &PlanDraft, t: &TaskDraft) -> Value {
    json!({
        "number": t.number,
        "title": t.title,
        "section": t.section.map(|i| draft.section_path(i)),
        "lead": t.units.iter().filter(|u| u.role == Role::Lead).map(|u| &u.name).collect::<Vec<_>>(),
        "co": t.units.iter().filter(|u| u.role == Role::Co).map(|u| &u.name).collect::<Vec<_>>(),
        "deadline": t.deadline.as_ref().and_then(|d| d.date).map(|d| d.to_string()),
        "deadline_text": t.deadline.as_ref().map(|d| &d.text),
        "line": t.line,
        "project": t.project.as_ref().map(|p| json!({
            "owner": p.owner,
            "investment": p.investment,
            "investment_label": p.investment_label,
            "year_plan": p.year_plan.map(|(year, planned)| json!({"year": year, "planned": planned})),
        })),
        "milestones": t.milestones.iter().map(|m| json!({
            "name": m.name,
            "planned_on": m.planned_on.to_string(),
            "text": m.text,
        })).collect::<Vec<_>>(),
    })
}

/// `import plan --dry-run --json`: everything the text preview shows, for scripts. Dates are
/// ISO; a task's `deadline` is null when it runs to the plan's end.
pub fn preview_json(draft: &PlanDraft, units: &UnitPlan) -> Value {
    json!({
        "plan": {
            "title": draft.title,
            "doc_no": draft.doc_no,
            "issued_on": draft.issued_on.map(|d| d.to_string()),
            "starts_on": draft.starts_on.to_string(),
            "ends_on": draft.ends_on.to_string(),
            "common_units_note": draft.common_units_note,
        },
        "sections": draft.sections.iter().enumerate().map(|(i, s)| json!({
            "number": s.number,
            "title": s.title,
            "path": draft.section_path(i),
            "line": s.line,
        })).collect::<Vec<_>>(),
        "tasks": draft.tasks.iter().map(|t| task_json(draft, t)).collect::<Vec<_>>(),
        "indicators": draft.indicators.iter().map(|i| json!({
            "name": i.name,
            "unit": i.unit,
            "department": i.department,
            "targets": i.targets.iter().map(|(y, v)| json!({"year": y, "value": v})).collect::<Vec<_>>(),
            "line": i.line,
        })).collect::<Vec<_>>(),
        "new_departments": units.new.iter().map(|u| json!({
            "name": u.name,
            "close_to": u.close,
        })).collect::<Vec<_>>(),
        "existing_departments": units.existing.iter().map(|(name, dept)| json!({
            "name": name,
            "department": dept,
        })).collect::<Vec<_>>(),
        "mappings": draft.mappings.iter().map(|m| json!({"from": m.from, "to": m.to})).collect::<Vec<_>>(),
        "doubts": draft.doubts.iter().map(|d| json!({
            "line": d.line,
            "kind": doubt_key(d.kind),
            "text": d.text,
        })).collect::<Vec<_>>(),
        "saved": false,
    })
}

/// `import plan --json` after saving.
pub fn saved_json(draft: &PlanDraft, saved: &SavedDraft) -> Value {
    json!({
        "plan_id": saved.plan_id,
        "title": draft.title,
        "sections": saved.sections,
        "tasks": saved.tasks,
        "assignments": saved.assignments,
        "indicators": saved.indicators,
        "projects": saved.projects,
        "milestones": saved.milestones,
        "new_departments": saved.new_departments,
        "existing_departments": saved.existing_departments,
        "new_aliases": saved.new_aliases.iter().map(|(a, d)| json!({"alias": a, "department": d})).collect::<Vec<_>>(),
        "doubts": draft.doubts.iter().map(|d| json!({
            "line": d.line,
            "kind": doubt_key(d.kind),
            "text": d.text,
        })).collect::<Vec<_>>(),
        "saved": true,
    })
}
