//! `duban milestone list`: a task's milestones (节点) in order, numbered as the other milestone
//! commands name them: planned date, share, the date reached, the state on the day (reached, late,
//! not yet) and who entered the reached date when. As text for people and as JSON for scripts.

use chrono::{FixedOffset, NaiveDate};
use serde_json::{Value, json};

use super::text::{Align, columns, truncate};
use crate::i18n::{Lang, project_cli as words};
use crate::store::{MilestoneRow, ReachedEntry};

/// The latest reached row of a milestone in the history (what the row stands on).
fn latest<'a>(row: &MilestoneRow, history: &'a [ReachedEntry]) -> Option<&'a ReachedEntry> {
    history
        .iter()
        .rev()
        .find(|e| Some(e.id) == row.last_reached)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn state(lang: Lang, row: &MilestoneRow, today: NaiveDate) -> String {
    let m = &row.milestone;
    words::milestone_state(
        lang,
        m.reached_on.map(|_| m.reached_late()),
        m.days_late(today),
        row.last_reached.is_some(),
    )
}

/// The list as text, under a caption naming the task.
pub fn render_text(
    rows: &[MilestoneRow],
    history: &[ReachedEntry],
    task: (&str, &str),
    today: NaiveDate,
    lang: Lang,
    offset: FixedOffset,
) -> String {
    let (number, title) = task;
    if rows.is_empty() {
        return format!("{}\n", words::no_milestones(lang, number, title));
    }
    let reached = rows
        .iter()
        .filter(|r| r.milestone.reached_on.is_some())
        .count();
    let mut out = format!(
        "{}\n",
        words::milestones_caption(lang, number, title, rows.len(), reached)
    );
    let mut table = vec![words::milestone_heads(lang).map(String::from).to_vec()];
    for (i, row) in rows.iter().enumerate() {
        let m = &row.milestone;
        let entered = match latest(row, history) {
            Some(e) => {
                let mut s = format!("{} {}", e.by, super::extension::local(&e.at, offset));
                if let Some(note) = e.note.lines().next().filter(|n| !n.is_empty()) {
                    s.push(' ');
                    s.push_str(&truncate(note, 30));
                }
                s
            }
            None => String::new(),
        };
        table.push(vec![
            (i + 1).to_string(),
            truncate(&m.name, 30),
            date(m.planned_on),
            m.share
                .map_or_else(|| "—".to_string(), |s| format!("{}%", s.value())),
            m.reached_on.map_or_else(|| "—".to_string(), date),
            state(lang, row, today),
            entered,
        ]);
    }
    let aligns = [
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
    ];
    out.push_str(&columns(&table, &aligns));
    out
}

/// The list as JSON: an array in order, `number` as the commands take it.
pub fn render_json(
    rows: &[MilestoneRow],
    history: &[ReachedEntry],
    today: NaiveDate,
    offset: FixedOffset,
) -> String {
    let list: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let m = &row.milestone;
            let last = latest(row, history);
            json!({
                "number": i + 1,
                "id": m.id,
                "name": m.name,
                "planned_on": date(m.planned_on),
                "share": m.share.map(|s| s.value()),
                "reached_on": m.reached_on.map(date),
                "days_late": m.days_late(today).max(0),
                "reached_late": m.reached_on.map(|_| m.reached_late()),
                "department": last.and_then(|e| e.department.clone()),
                "note": last.map(|e| e.note.clone()),
                "by": last.map(|e| e.by.clone()),
                "at": last.map(|e| e.at.clone()),
                "at_local": last.map(|e| super::extension::local(&e.at, offset)),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).expect("plain data always serialises");
    s.push('\n');
    s
}
