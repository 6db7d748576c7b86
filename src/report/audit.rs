//! `duban audit`: the audit trail as a table in the UI language — when (local time), who, what
//! kind of thing, which one by name, and each changed field as `old → new` — or as JSON with the
//! stored before and after for scripts. Stored text is shown with its control characters escaped
//! and its line breaks flattened, so one entry stays one block of lines in its columns.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::journal::local_time;
use super::text::{Align, fit, truncate, width};
use crate::i18n::Lang;
use crate::i18n::plan_scope as words;
use crate::store::AuditEntry;

/// The entity kinds the trail holds, as `--entity` takes them.
pub const KINDS: [&str; 6] = ["task", "department", "clerk", "setting", "plan", "database"];

/// Fields that say nothing to a reader: the edit counter every task update bumps.
const SILENT: [&str; 1] = ["version"];

const TIME_WIDTH: usize = 16;
const MAX_BY: usize = 12;
const MAX_KIND: usize = 20;
/// The entity's name gets what is left of the line, at least this.
const MIN_WHAT: usize = 16;
/// A field's value in a change line is cut to this many columns.
const MAX_VALUE: usize = 40;
const GAP: &str = "  ";

/// Names for the ids a stored entry holds (`department_id`, `plan_id`): a reader wants 区财政局,
/// not 4. An id no longer in the file (a merged department) is shown as `#4`.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub departments: HashMap<i64, String>,
    pub plans: HashMap<i64, String>,
}

impl Names {
    fn of(&self, field: &str, v: &Value) -> Option<String> {
        let id = v.as_i64()?;
        let map = match field {
            "department_id" => &self.departments,
            "plan_id" => &self.plans,
            _ => return None,
        };
        Some(map.get(&id).cloned().unwrap_or_else(|| format!("#{id}")))
    }
}

/// One changed field: its name, the value before and after (`None`: there was none).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The fields that differ between before and after: every field of a creation or an import,
/// every field of a deletion, the changed ones of an update, in the stored order.
pub fn changes(e: &AuditEntry) -> Vec<Change> {
    let field = |k: &str, b: Option<&Value>, a: Option<&Value>| Change {
        field: k.to_string(),
        before: b.filter(|v| !v.is_null()).cloned(),
        after: a.filter(|v| !v.is_null()).cloned(),
    };
    let mut out = Vec::new();
    match (e.before.as_ref(), e.after.as_ref()) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for (k, old) in b {
                let new = a.get(k);
                if new != Some(old) {
                    out.push(field(k, Some(old), new));
                }
            }
            for (k, new) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                out.push(field(k, None, Some(new)));
            }
        }
        (None, Some(Value::Object(a))) => {
            out.extend(a.iter().map(|(k, v)| field(k, None, Some(v))));
        }
        (Some(Value::Object(b)), None) => {
            out.extend(b.iter().map(|(k, v)| field(k, Some(v), None)));
        }
        (None, None) => {}
        (b, a) => out.push(field("", b, a)),
    }
    out.retain(|c| {
        !SILENT.contains(&c.field.as_str()) && (c.before.is_some() || c.after.is_some())
    });
    out
}

/// A value as a reader wants it: text as itself, a list of units as their names (`*` before a
/// lead, as plans mark them), anything with a name as the name.
fn shown(v: Option<&Value>, lang: Lang) -> String {
    let Some(v) = v else {
        return words::nothing(lang).to_string();
    };
    match v {
        Value::Null => words::nothing(lang).to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if items.is_empty() => words::nothing(lang).to_string(),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().map(|i| item(i, lang)).collect();
            names.join(if lang.zh() { "、" } else { ", " })
        }
        Value::Object(_) => item(v, lang),
    }
}

fn item(v: &Value, lang: Lang) -> String {
    match v {
        Value::Object(o) => match o.get("name").and_then(Value::as_str) {
            Some(name) if o.get("role").and_then(Value::as_str) == Some("lead") => {
                format!("*{name}")
            }
            Some(name) => name.to_string(),
            None => v.to_string(),
        },
        Value::Array(_) => v.to_string(),
        other => shown(Some(other), lang),
    }
}

/// What the entry is about, by name: a task's number and title, a department's name, a clerk's
/// login, the setting keys, a plan's title. From the entry's own before/after (the thing as it
/// was then), else its stored id.
pub fn entity_name(e: &AuditEntry) -> String {
    let side = |k: &str| {
        e.after
            .as_ref()
            .and_then(|a| a.get(k))
            .or_else(|| e.before.as_ref().and_then(|b| b.get(k)))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let id = e.entity_id.clone().unwrap_or_default();
    match e.entity.as_str() {
        "task" => match (side("number"), side("title")) {
            (Some(n), Some(t)) => format!("{n} {t}"),
            _ => format!("#{id}"),
        },
        "department" if e.action == "merge" => {
            let name = |v: Option<&Value>, k: &str| {
                v.and_then(|v| v.get(k))
                    .and_then(|d| d.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            };
            match (
                name(e.before.as_ref(), "from"),
                name(e.after.as_ref(), "into"),
            ) {
                (Some(from), Some(into)) => format!("{from} → {into}"),
                _ => format!("#{id}"),
            }
        }
        "department" => side("name").unwrap_or_else(|| format!("#{id}")),
        "clerk" => match side("display_name").filter(|d| !d.is_empty() && *d != id) {
            Some(name) => format!("{id} ({name})"),
            None => id,
        },
        "plan" => side("title").unwrap_or_else(|| format!("#{id}")),
        _ => id,
    }
}

/// One line of a cell: line breaks and tabs as spaces.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The change cell's lines: `field: old → new` for an update, `field: value` for what a
/// creation made or a deletion removed, or the action alone when nothing is listed.
fn change_lines(e: &AuditEntry, lang: Lang, names: &Names) -> Vec<String> {
    let list = changes(e);
    if list.is_empty() {
        return vec![words::audit_action(lang, &e.action)];
    }
    list.iter()
        .map(|c| {
            let v = |x: Option<&Value>| {
                let text = match x.and_then(|x| names.of(&c.field, x)) {
                    Some(name) => name,
                    None => shown(x, lang),
                };
                truncate(&flat(&text), MAX_VALUE)
            };
            let name = if c.field.is_empty() {
                String::new()
            } else {
                format!("{}: ", flat(&c.field))
            };
            match (e.before.is_some(), e.after.is_some()) {
                (false, _) => format!("{name}{}", v(c.after.as_ref())),
                (true, false) => format!("{name}{}", v(c.before.as_ref())),
                (true, true) => {
                    format!("{name}{} → {}", v(c.before.as_ref()), v(c.after.as_ref()))
                }
            }
        })
        .collect()
}

/// The table, newest first: one line per entry (when, who, kind and action, what), and under it
/// each changed field on a line of its own, indented to the second column: at 80 columns a
/// change beside four other columns would be cut to nothing.
pub fn render_table(entries: &[AuditEntry], lang: Lang, max_width: usize, names: &Names) -> String {
    let l = words::audit_labels(lang);
    let kind = |e: &AuditEntry| {
        format!(
            "{} {}",
            words::audit_kind(lang, &e.entity),
            words::audit_action(lang, &e.action)
        )
    };
    let widest = |head: &str, cells: &mut dyn Iterator<Item = usize>, cap: usize| {
        cells
            .fold(width(head), usize::max)
            .min(cap.max(width(head)))
    };
    let by_w = widest(
        l.by,
        &mut entries.iter().map(|e| width(&flat(&e.by))),
        MAX_BY,
    );
    let kind_w = widest(
        l.kind,
        &mut entries.iter().map(|e| width(&kind(e))),
        MAX_KIND,
    );
    let used = TIME_WIDTH + by_w + kind_w + 3 * GAP.len();
    let what_w = max_width.saturating_sub(used).max(MIN_WHAT);
    let indent = " ".repeat(TIME_WIDTH + GAP.len());
    let change_w = max_width.saturating_sub(indent.len() + 2).max(MIN_WHAT);
    let line = |cells: [String; 4]| {
        let mut s = cells.join(GAP);
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = line([
        fit(l.time, TIME_WIDTH, Align::Left),
        fit(l.by, by_w, Align::Left),
        fit(l.kind, kind_w, Align::Left),
        l.entity.to_string(),
    ]);
    out.push_str(&format!("{indent}{}\n", l.change));
    for e in entries {
        out.push_str(&line([
            fit(&local_time(&e.at), TIME_WIDTH, Align::Left),
            fit(&flat(&e.by), by_w, Align::Left),
            fit(&kind(e), kind_w, Align::Left),
            truncate(&flat(&entity_name(e)), what_w),
        ]));
        for change in change_lines(e, lang, names) {
            out.push_str(&format!("{indent}{}\n", truncate(&change, change_w)));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: i64,
    /// ISO UTC, as stored.
    at: &'a str,
    by: &'a str,
    entity: &'a str,
    entity_id: Option<&'a str>,
    /// What `entity_name` calls it.
    name: String,
    action: &'a str,
    changes: Vec<JsonChange>,
    before: Option<&'a Value>,
    after: Option<&'a Value>,
}

#[derive(Serialize)]
struct JsonChange {
    field: String,
    before: Option<Value>,
    after: Option<Value>,
}

/// The stable JSON list documented in the README, newest first like the table.
pub fn render_json(entries: &[AuditEntry]) -> String {
    let list: Vec<JsonEntry<'_>> = entries
        .iter()
        .map(|e| JsonEntry {
            id: e.id,
            at: &e.at,
            by: &e.by,
            entity: &e.entity,
            entity_id: e.entity_id.as_deref(),
            name: entity_name(e),
            action: &e.action,
            changes: changes(e)
                .into_iter()
                .map(|c| JsonChange {
                    field: c.field,
                    before: c.before,
                    after: c.after,
                })
                .collect(),
            before: e.before.as_ref(),
            after: e.after.as_ref(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(
        entity: &str,
        action: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-11-20T02:00:00Z".into(),
            by: "root".into(),
            entity: entity.into(),
            entity_id: Some("7".into()),
            action: action.into(),
            before,
            after,
        }
    }

    #[test]
    fn an_update_lists_only_the_fields_that_changed_with_units_by_name() {
        let before = json!({"number": "3", "title": "旧标题", "version": 1,
            "units": [{"name": "区经信局", "role": "lead"}]});
        let after = json!({"number": "3", "title": "新标题", "version": 2,
            "units": [{"name": "区经信局", "role": "lead"}, {"name": "区财政局", "role": "co"}]});
        let e = entry("task", "update", Some(before), Some(after));
        let fields: Vec<String> = changes(&e).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, ["title", "units"]);
        assert_eq!(entity_name(&e), "3 新标题");
        let lines = change_lines(&e, Lang::Zh, &Names::default());
        assert_eq!(lines[0], "title: 旧标题 → 新标题");
        assert_eq!(lines[1], "units: *区经信局 → *区经信局、区财政局");
    }

    #[test]
    fn a_merge_is_named_by_both_departments_and_control_characters_are_escaped() {
        let e = entry(
            "department",
            "merge",
            Some(json!({"from": {"name": "区统计局"}, "into": {"name": "区经信局"}})),
            Some(json!({"into": {"name": "区经信局"}})),
        );
        assert_eq!(entity_name(&e), "区统计局 → 区经信局");
        let evil = entry(
            "department",
            "rename",
            Some(json!({"name": "旧"})),
            Some(json!({"name": "新\u{1b}[2J\n名"})),
        );
        let table = render_table(&[evil], Lang::En, 100, &Names::default());
        assert!(!table.contains('\u{1b}'), "{table}");
        assert!(table.contains("新\\e[2J 名"), "{table}");
    }

    #[test]
    fn ids_are_shown_by_name_and_a_creation_lists_its_values_without_arrows() {
        let e = entry(
            "clerk",
            "create",
            None,
            Some(json!({"username": "wangwu", "department_id": 4, "role": "editor"})),
        );
        let mut names = Names::default();
        names.departments.insert(4, "区财政局".into());
        let lines = change_lines(&e, Lang::Zh, &names);
        // Stored fields come back in key order.
        assert_eq!(
            lines,
            [
                "department_id: 区财政局",
                "role: editor",
                "username: wangwu"
            ]
        );
        let gone = change_lines(&e, Lang::Zh, &Names::default());
        assert_eq!(gone[0], "department_id: #4");
    }
}
