//! What a spreadsheet import changes (or would, with `--dry-run`), for people and for scripts.

use serde_json::{Value, json};

use super::text::truncate;
use crate::domain::Role;
use crate::i18n::sheet::{SheetMsg, labels, msg};
use crate::i18n::{self, Lang};
use crate::import::sheet_changes::{ChangeSet, Newer, UnitChoice};

/// One line per change, in sheet and row order, then the unchanged rows and the titles left as
/// they were.
pub fn render(changes: &ChangeSet, lang: Lang) -> String {
    let l = labels(lang);
    let colon = if lang.zh() { ":" } else { ": " };
    let task = |number: &str, title: &str| {
        let title = truncate(title, 30);
        if lang.zh() {
            format!("任务 {number}「{title}」")
        } else {
            format!("task {number} “{title}”")
        }
    };
    let deadline = |d: &Option<crate::domain::Deadline>| match d {
        Some(d) => d.text.clone(),
        None => l.plan_end.to_string(),
    };
    let mut lines: Vec<(usize, usize, String)> = Vec::new();
    let sheet_index = |name: &str| {
        changes
            .sheets
            .iter()
            .position(|s| s == name)
            .unwrap_or(usize::MAX)
    };
    for t in &changes.new_tasks {
        let mut line = format!("{}  {}", l.new_task, task(&t.number, &t.title));
        if !t.units.is_empty() {
            line.push_str(&format!("  {}", units(lang, &t.units)));
        }
        if t.deadline.is_some() {
            line.push_str(&format!("  {} {}", l.deadline, deadline(&t.deadline)));
        }
        lines.push((sheet_index(&t.at.sheet), t.at.row, line));
    }
    for e in &changes.edits {
        if let Some((before, after)) = &e.units {
            lines.push((
                sheet_index(&e.at.sheet),
                e.at.row,
                format!(
                    "{}  {}{colon}{} → {}",
                    task(&e.number, &e.title),
                    l.units,
                    units(lang, before),
                    units(lang, after)
                ),
            ));
        }
        if let Some((before, after)) = &e.deadline {
            let before = if before.is_empty() {
                l.plan_end.to_string()
            } else {
                before.clone()
            };
            lines.push((
                sheet_index(&e.at.sheet),
                e.at.row,
                format!(
                    "{}  {}{colon}{before} → {}",
                    task(&e.number, &e.title),
                    l.deadline,
                    deadline(after)
                ),
            ));
        }
    }
    for r in &changes.reports {
        let before = r
            .before
            .map_or_else(|| "—".to_string(), |p| format!("{}%", p.value()));
        let mut line = format!(
            "{}  {} {} {before} → {}%",
            task(&r.number, &r.title),
            r.department,
            l.progress,
            r.percent.value()
        );
        if r.note_changed {
            line.push_str(if lang.zh() { "," } else { ", " });
            line.push_str(l.note_changed);
        }
        lines.push((sheet_index(&r.at.sheet), r.at.row, line));
    }
    for h in &changes.held_back {
        lines.push((
            sheet_index(&h.at.sheet),
            h.at.row,
            format!(
                "{}  {}",
                task(&h.number, &h.title),
                crate::i18n::sheet::held_back(lang, h.day, &h.newer)
            ),
        ));
    }
    lines.sort_by_key(|(s, r, _)| (*s, *r));
    let mut out = String::new();
    let mut sheet = usize::MAX;
    for (s, row, line) in &lines {
        if *s != sheet && changes.sheets.len() > 1 {
            if let Some(name) = changes.sheets.get(*s) {
                out.push_str(&if lang.zh() {
                    format!("工作表「{name}」\n")
                } else {
                    format!("sheet “{name}”\n")
                });
            }
            sheet = *s;
        }
        let at = if lang.zh() {
            format!("第 {row} 行")
        } else {
            format!("{} {row}", l.row)
        };
        out.push_str(&format!("  {at}  {line}\n"));
    }
    for t in &changes.titles_differ {
        let at = if lang.zh() {
            format!("第 {} 行", t.at.row)
        } else {
            format!("{} {}", l.row, t.at.row)
        };
        out.push_str(&format!(
            "  {at}  {}  {} “{}”)\n",
            task(&t.number, &t.stored),
            l.title_kept,
            truncate(&t.sheet, 30)
        ));
    }
    if !changes.skipped_sheets.is_empty() {
        out.push_str(&format!(
            "{}{colon}{}\n",
            l.skipped_sheets,
            changes
                .skipped_sheets
                .join(if lang.zh() { "、" } else { ", " })
        ));
    }
    out.push_str(&format!(
        "{}{colon}{}\n",
        l.unchanged_rows, changes.unchanged
    ));
    out
}

/// The summary line after the list: what was saved, or that nothing was.
pub fn summary(changes: &ChangeSet, lang: Lang, dry_run: bool) -> String {
    let line = summary_line(changes, lang, dry_run);
    if changes.held_back.is_empty() {
        return line;
    }
    let held = msg(
        lang,
        SheetMsg::HeldBack {
            rows: changes.held_back.len(),
        },
    );
    if changes.is_empty() && !dry_run {
        // "The sheet matches the database" would not be true of the rows held back.
        return held;
    }
    format!("{held}\n{line}")
}

fn summary_line(changes: &ChangeSet, lang: Lang, dry_run: bool) -> String {
    if dry_run {
        return msg(lang, SheetMsg::DryRun);
    }
    if changes.is_empty() {
        return msg(
            lang,
            SheetMsg::NothingToChange {
                unchanged: changes.unchanged,
            },
        );
    }
    msg(
        lang,
        SheetMsg::Imported {
            new_tasks: changes.new_tasks.len(),
            edits: changes.edits.len(),
            reports: changes.reports.len(),
        },
    )
}

/// "牵头 区经信局、区财政局;配合 星海街道".
fn units(lang: Lang, list: &[UnitChoice]) -> String {
    if list.is_empty() {
        return crate::i18n::sheet::labels(lang).none.to_string();
    }
    let names = |role: Role| {
        list.iter()
            .filter(|u| u.role == role)
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join(if lang.zh() { "、" } else { ", " })
    };
    let mut parts = Vec::new();
    for role in [Role::Lead, Role::Co] {
        let n = names(role);
        if !n.is_empty() {
            parts.push(format!("{} {n}", i18n::role(lang, role)));
        }
    }
    parts.join(if lang.zh() { ";" } else { "; " })
}

/// The change set for scripts: stable keys, instants and numbers as stored. `dry_run`: nothing was
/// saved; otherwise every change listed was (an empty list saves nothing either way).
pub fn json(changes: &ChangeSet, dry_run: bool) -> String {
    let unit = |u: &UnitChoice| json!({"department": u.name, "role": u.role.as_str()});
    let units = |l: &[UnitChoice]| l.iter().map(unit).collect::<Vec<_>>();
    let deadline = |d: &Option<crate::domain::Deadline>| -> Value {
        match d {
            Some(d) => json!({"text": d.text, "date": d.date.map(|x| x.to_string())}),
            None => Value::Null,
        }
    };
    let value = json!({
        "dry_run": dry_run,
        "sheets": changes.sheets,
        "skipped_sheets": changes.skipped_sheets,
        "unchanged": changes.unchanged,
        "new_tasks": changes.new_tasks.iter().map(|t| json!({
            "sheet": t.at.sheet, "row": t.at.row, "number": t.number, "title": t.title,
            "units": units(&t.units), "deadline": deadline(&t.deadline),
        })).collect::<Vec<_>>(),
        "edits": changes.edits.iter().map(|e| json!({
            "sheet": e.at.sheet, "row": e.at.row, "task_id": e.task_id, "number": e.number,
            "title": e.title,
            "units": e.units.as_ref().map(|(b, a)| json!({"before": units(b), "after": units(a)})),
            "deadline": e.deadline.as_ref().map(|(b, a)| json!({"before": b, "after": deadline(a)})),
        })).collect::<Vec<_>>(),
        "reports": changes.reports.iter().map(|r| json!({
            "sheet": r.at.sheet, "row": r.at.row, "number": r.number, "title": r.title,
            "department": r.department, "before": r.before.map(|p| p.value()),
            "percent": r.percent.value(), "note": r.note, "note_changed": r.note_changed,
        })).collect::<Vec<_>>(),
        "held_back": changes.held_back.iter().map(|h| {
            let mut v = json!({
                "sheet": h.at.sheet, "row": h.at.row, "number": h.number, "title": h.title,
                "sheet_date": h.day.to_string(),
            });
            v["newer"] = match &h.newer {
                Newer::Report { department, percent, by, at } => json!({
                    "kind": "report", "department": department, "percent": percent.value(),
                    "by": by, "at": at,
                }),
                Newer::Edit { at } => json!({"kind": "edit", "at": at}),
            };
            v
        }).collect::<Vec<_>>(),
        "titles_differ": changes.titles_differ.iter().map(|t| json!({
            "sheet": t.at.sheet, "row": t.at.row, "number": t.number, "stored": t.stored,
            "sheet_title": t.sheet,
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
