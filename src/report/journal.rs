//! `duban log`: the progress journal as a table aligned by display width, or as JSON lines of a
//! list. Rows arrive one at a time from the store (the journal can hold millions), so the table's
//! column widths are measured on the first rows (`LAYOUT_SAMPLE`) and kept for the rest; a later
//! cell that is wider is cut with `…` rather than breaking the columns.

use chrono::{DateTime, Local};
use serde::Serialize;

use super::text::{Align, fit, truncate, width};
use crate::i18n::{self, Lang};
use crate::store::JournalRow;

/// How many rows the table measures before it prints. `--limit 20` and a small file are measured
/// whole; a full journal keeps the widths of its newest rows.
pub const LAYOUT_SAMPLE: usize = 200;

const TIME_WIDTH: usize = 16; // 2024-06-25 10:00
const MAX_NUMBER: usize = 14;
// Room for a merged unit's "区统计局(已并入区经信局)" (24 columns).
const MAX_DEPARTMENT: usize = 24;
const MAX_REPORTER: usize = 12;
const MIN_NOTE: usize = 8;
const GAP: &str = "  ";

/// Column widths of the table, in terminal columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLayout {
    number: usize,
    department: usize,
    percent: usize,
    reporter: usize,
    note: usize,
}

impl LogLayout {
    /// Widths that fit `sample` (within caps, so one long name cannot push the note off screen)
    /// in `max_width` columns; the note gets what is left, at least a few columns.
    pub fn measure(sample: &[JournalRow], lang: Lang, max_width: usize) -> LogLayout {
        let l = i18n::log_labels(lang);
        let widest = |header: &str, cells: &mut dyn Iterator<Item = usize>, cap: usize| {
            cells
                .fold(width(header), usize::max)
                .min(cap.max(width(header)))
        };
        let number = widest(
            l.number,
            &mut sample.iter().map(|r| width(&r.task_number)),
            MAX_NUMBER,
        );
        let department = widest(
            l.department,
            &mut sample.iter().map(|r| width(&department(r, lang))),
            MAX_DEPARTMENT,
        );
        let reporter = widest(
            l.reporter,
            &mut sample.iter().map(|r| width(&r.reported_by)),
            MAX_REPORTER,
        );
        let percent = width(l.percent).max(4);
        let used = TIME_WIDTH + number + department + percent + reporter + 5 * GAP.len();
        LogLayout {
            number,
            department,
            percent,
            reporter,
            note: max_width.saturating_sub(used).max(MIN_NOTE),
        }
    }

    pub fn header(&self, lang: Lang) -> String {
        let l = i18n::log_labels(lang);
        self.join([
            fit(l.time, TIME_WIDTH, Align::Left),
            fit(l.number, self.number, Align::Left),
            fit(l.department, self.department, Align::Left),
            fit(l.percent, self.percent, Align::Right),
            fit(l.reporter, self.reporter, Align::Left),
            l.note.to_string(),
        ])
    }

    /// One row: local time, number, department, percent, reporter, the note's first line (an
    /// undo row says which entry it takes back).
    pub fn line(&self, row: &JournalRow, lang: Lang) -> String {
        let first = row.note.lines().map(str::trim).find(|l| !l.is_empty());
        let note = match (row.undoes, first) {
            (Some(id), Some(n)) => format!("{}{id} {n}", i18n::log_labels(lang).undoes),
            (Some(id), None) => format!("{}{id}", i18n::log_labels(lang).undoes),
            (None, n) => n.unwrap_or("").to_string(),
        };
        self.join([
            fit(&local_time(&row.reported_at), TIME_WIDTH, Align::Left),
            fit(&row.task_number, self.number, Align::Left),
            fit(&department(row, lang), self.department, Align::Left),
            fit(
                &format!("{}%", row.percent.value()),
                self.percent,
                Align::Right,
            ),
            fit(&row.reported_by, self.reporter, Align::Left),
            truncate(&note, self.note),
        ])
    }

    fn join(&self, cells: [String; 6]) -> String {
        let mut line = cells.join(GAP);
        // An empty note leaves no trailing spaces.
        line.truncate(line.trim_end().len());
        line.push('\n');
        line
    }
}

/// A stored instant (ISO UTC) as local time to the minute; the stored text if it does not parse.
pub fn local_time(reported_at: &str) -> String {
    match DateTime::parse_from_rfc3339(reported_at) {
        Ok(t) => t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => reported_at.to_string(),
    }
}

/// One element of `duban log --json` (README: the contract for scripts).
#[derive(Serialize)]
struct JsonEntry<'a> {
    id: i64,
    task_id: i64,
    /// The task's plan: numbers repeat across the plans of a file.
    plan_id: i64,
    task_number: &'a str,
    department: &'a str,
    percent: u8,
    note: &'a str,
    reported_by: &'a str,
    /// ISO UTC, as stored.
    reported_at: &'a str,
    undoes: Option<i64>,
    /// Set when `department` has been merged into this one since.
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_into: Option<&'a str>,
}

/// The department that made the row, saying so when it has been merged into another since:
/// "区统计局(已并入区经信局)".
fn department(row: &JournalRow, lang: Lang) -> std::borrow::Cow<'_, str> {
    match &row.merged_into {
        Some(into) => i18n::merged_department(lang, &row.department, into).into(),
        None => row.department.as_str().into(),
    }
}

/// One row as a JSON object, without separators (the caller writes the list around them).
pub fn json_entry(row: &JournalRow) -> String {
    let entry = JsonEntry {
        id: row.id,
        task_id: row.task_id,
        plan_id: row.plan_id,
        task_number: &row.task_number,
        department: &row.department,
        percent: row.percent.value(),
        note: &row.note,
        reported_by: &row.reported_by,
        reported_at: &row.reported_at,
        undoes: row.undoes,
        merged_into: row.merged_into.as_deref(),
    };
    // Strings, integers and null only: serialising cannot fail.
    serde_json::to_string(&entry).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Percent;

    fn row(number: &str, department: &str, note: &str, undoes: Option<i64>) -> JournalRow {
        JournalRow {
            id: 7,
            task_id: 3,
            task_number: number.into(),
            department_id: 1,
            department: department.into(),
            percent: Percent::new(60).unwrap(),
            note: note.into(),
            reported_by: "alice".into(),
            reported_at: "2024-06-25T02:00:00Z".into(),
            undoes,
            merged_into: None,
            plan_id: 1,
        }
    }

    #[test]
    fn columns_line_up_by_display_width_and_fit() {
        let rows = [
            row(
                "(二)3",
                "区经济和信息化局",
                "进展情况:过半\n存在问题:无",
                None,
            ),
            row("12", "城建公司", "", Some(5)),
        ];
        let layout = LogLayout::measure(&rows, Lang::Zh, 80);
        let lines: Vec<String> = std::iter::once(layout.header(Lang::Zh))
            .chain(rows.iter().map(|r| layout.line(r, Lang::Zh)))
            .collect();
        let percent_end = |l: &str| width(&l[..l.find('%').unwrap_or(0) + 1]);
        assert_eq!(percent_end(&lines[1]), percent_end(&lines[2]), "{lines:?}");
        assert!(lines[1].contains("进展情况:过半") && !lines[1].contains("存在问题"));
        assert!(lines[2].trim_end().ends_with("撤销#5"), "{lines:?}");
        assert!(lines.iter().all(|l| width(l.trim_end()) <= 80), "{lines:?}");
    }

    #[test]
    fn a_long_name_is_cut_not_allowed_to_push_the_note_away() {
        let long = "区".repeat(40);
        let layout = LogLayout::measure(&[row("1", &long, "说明", None)], Lang::Zh, 80);
        let line = layout.line(&row("1", &long, "说明", None), Lang::Zh);
        assert!(line.contains('…') && line.contains("说明"), "{line}");
        assert!(width(line.trim_end()) <= 80, "{line}");
    }

    #[test]
    fn json_has_the_documented_keys() {
        let v: serde_json::Value =
            serde_json::from_str(&json_entry(&row("3", "城建公司", "a\nb", Some(2)))).unwrap();
        assert_eq!(v["task_number"], "3");
        assert_eq!(v["percent"], 60);
        assert_eq!(v["note"], "a\nb");
        assert_eq!(v["undoes"], 2);
        assert_eq!(v["plan_id"], 1);
        assert_eq!(v.as_object().unwrap().len(), 10);
    }
}
