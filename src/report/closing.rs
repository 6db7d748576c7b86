//! `duban close list`: the tasks with a closing step (办结销号), as text for people and as JSON
//! for scripts. Pending applications first, oldest first (the review queue), each with every
//! unit's latest percent beside the lead's.

use chrono::FixedOffset;
use serde_json::{Value, json};

use crate::domain::{Closing, Role};
use crate::i18n::{self, Lang, closing as words};
use crate::store::{ClosingEntry, ClosingItem};

/// An instant as stored (ISO UTC) in local time, to the minute; as stored when unreadable.
fn local(at: &str, offset: FixedOffset) -> String {
    at.parse::<chrono::DateTime<chrono::Utc>>()
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// The list as text: one block per task.
pub fn render_text(
    items: &[ClosingItem],
    pending_only: bool,
    lang: Lang,
    offset: FixedOffset,
) -> String {
    let w = words::words(lang);
    if items.is_empty() {
        return format!("{}\n", if pending_only { w.none_pending } else { w.none });
    }
    let mut out = String::new();
    for item in items {
        out.push_str(&format!(
            "{} {}  {} {}  {} {}\n",
            words::glyph(item.state),
            words::state(lang, item.state),
            item.task.number,
            item.task.title,
            local(&item.last.at, offset),
            item.last.by,
        ));
        let units: Vec<String> = item
            .units
            .iter()
            .map(|u| match u.role {
                Role::Lead => format!(
                    "{}({}) {}%",
                    u.name,
                    i18n::role(lang, u.role),
                    u.percent.value()
                ),
                Role::Co => format!("{} {}%", u.name, u.percent.value()),
            })
            .collect();
        out.push_str(&format!("    {}: {}\n", w.units, units.join(" · ")));
        if let Some(applied) = &item.applied {
            out.push_str(&format!("    {}: {}\n", w.note, applied.note));
            if !applied.why.is_empty() {
                out.push_str(&format!("    {}: {}\n", w.why, applied.why));
            }
        }
        if item.state != Closing::Pending {
            let last = &item.last;
            let step = words::step(lang, last.step);
            if last.note.is_empty() {
                out.push_str(&format!("    {step}\n"));
            } else {
                let label = match item.state {
                    Closing::Returned => w.reason,
                    _ => step,
                };
                out.push_str(&format!("    {label}: {}\n", last.note));
            }
        }
    }
    out
}

fn entry_json(e: &ClosingEntry) -> Value {
    json!({
        "id": e.id,
        "step": e.step.as_str(),
        "department": e.department,
        "note": e.note,
        "why": e.why,
        "by": e.by,
        "at": e.at,
    })
}

/// The list as JSON: an array of objects with stable keys.
pub fn render_json(items: &[ClosingItem]) -> String {
    let list: Vec<Value> = items
        .iter()
        .map(|item| {
            json!({
                "task_id": item.task.id,
                "number": item.task.number,
                "title": item.task.title,
                "plan": item.task.plan_title,
                "state": item.state.as_str(),
                "last": entry_json(&item.last),
                "applied": item.applied.as_ref().map(entry_json),
                "units": item.units.iter().map(|u| json!({
                    "department_id": u.department_id,
                    "department": u.name,
                    "role": match u.role { Role::Lead => "lead", Role::Co => "co" },
                    "percent": u.percent.value(),
                    "reported_at": u.reported_at,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    format!("{}\n", Value::Array(list))
}
