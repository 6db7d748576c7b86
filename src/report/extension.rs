//! `duban extend list`: extension requests (延期申请) with their answers, as text for people and
//! as JSON for scripts. Requests waiting for an answer first, oldest first (the queue).

use chrono::FixedOffset;
use serde_json::{Value, json};

use crate::i18n::{Lang, extension as words};
use crate::store::{ExtensionEntry, ExtensionItem};

/// An instant as stored (ISO UTC) in local time, to the minute; as stored when unreadable.
pub fn local(at: &str, offset: FixedOffset) -> String {
    at.parse::<chrono::DateTime<chrono::Utc>>()
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// The glyph of a request: ◇ waiting, ✓ approved, ✗ refused.
fn glyph(item: &ExtensionItem) -> &'static str {
    match item.answer.as_ref().map(|a| a.step) {
        None => "◇",
        Some(crate::domain::ExtensionStep::Approve) => "✓",
        Some(_) => "✗",
    }
}

/// The list as text: one block per request.
pub fn render_text(
    items: &[ExtensionItem],
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
        let r = &item.request;
        let state = match &item.answer {
            None => w.waiting,
            Some(a) => words::step(lang, a.step),
        };
        out.push_str(&format!(
            "{} {state}  {} {}\n",
            glyph(item),
            item.task.number,
            item.task.title,
        ));
        out.push_str(&format!(
            "    {}\n",
            words::history_line(
                lang,
                r.step,
                r.old_deadline,
                r.new_deadline,
                r.department.as_deref(),
                &r.by,
                &local(&r.at, offset),
            )
        ));
        out.push_str(&format!("      {}: {}\n", w.reason, indent(&r.reason)));
        if let Some(a) = &item.answer {
            out.push_str(&format!(
                "    {}\n",
                words::history_line(
                    lang,
                    a.step,
                    a.old_deadline,
                    a.new_deadline,
                    None,
                    &a.by,
                    &local(&a.at, offset),
                )
            ));
            if !a.reason.is_empty() {
                let label = match a.step {
                    crate::domain::ExtensionStep::Approve => w.note,
                    _ => w.reason,
                };
                out.push_str(&format!("      {label}: {}\n", indent(&a.reason)));
            }
        }
    }
    out
}

/// A reason of several lines, its later lines under its first.
fn indent(text: &str) -> String {
    text.replace('\n', "\n        ")
}

fn entry_json(e: &ExtensionEntry) -> Value {
    json!({
        "id": e.id,
        "step": e.step.as_str(),
        "department": e.department,
        "old_deadline": e.old_deadline.format("%Y-%m-%d").to_string(),
        "new_deadline": e.new_deadline.map(|d| d.format("%Y-%m-%d").to_string()),
        "reason": e.reason,
        "by": e.by,
        "at": e.at,
    })
}

/// The list as JSON: an array of objects with stable keys.
pub fn render_json(items: &[ExtensionItem]) -> String {
    let list: Vec<Value> = items
        .iter()
        .map(|item| {
            json!({
                "task_id": item.task.id,
                "number": item.task.number,
                "title": item.task.title,
                "plan": item.task.plan_title,
                "state": match item.answer.as_ref().map(|a| a.step) {
                    None => "pending",
                    Some(crate::domain::ExtensionStep::Approve) => "approved",
                    Some(_) => "refused",
                },
                "request": entry_json(&item.request),
                "answer": item.answer.as_ref().map(entry_json),
            })
        })
        .collect();
    format!("{}\n", Value::Array(list))
}
