//! The circular's tables as typed cells, shared by the Markdown, CSV and xlsx forms (and the TUI's
//! Report view), so the three say the same thing.

use std::borrow::Cow;

use super::circular::{Circular, DeptLine, TaskLine};
use crate::i18n::{self, Lang, report as words};

/// A cell: text, or a number each form writes in its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u32),
    /// 0..=100; `None` prints as —.
    Percent(Option<f64>),
    /// A change in points, signed; `None` prints as —.
    Delta(Option<f64>),
    Score(Option<f64>),
}

impl Cell {
    /// As printed. Borrowed for text: the task lists ask for it twice per cell (the width, then
    /// the row), 100,000 times.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(n) => n.to_string().into(),
            Cell::Percent(Some(p)) => format!("{p:.1}%").into(),
            Cell::Delta(Some(d)) if d.abs() < 0.05 => "0.0".into(),
            Cell::Delta(Some(d)) => format!("{d:+.1}").into(),
            Cell::Score(Some(s)) => format!("{s:.2}").into(),
            Cell::Percent(None) | Cell::Delta(None) | Cell::Score(None) => "—".into(),
        }
    }

    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub fn ranking_row(lang: Lang, d: &DeptLine) -> Vec<Cell> {
    let prev = d.previous.as_ref();
    let delta = match (d.completion, prev.and_then(|p| p.completion)) {
        (Some(now), Some(before)) => Some(now - before),
        _ => None,
    };
    vec![
        d.rank.map_or_else(|| t("—"), Cell::Int),
        t(words::rank_change(lang, d.rank, prev.and_then(|p| p.rank))),
        t(d.name.clone()),
        Cell::Int(d.led),
        Cell::Percent(d.completion),
        Cell::Delta(delta),
        Cell::Int(d.done),
        Cell::Int(d.on_track),
        Cell::Int(d.behind),
        Cell::Int(d.overdue),
        t(format!(
            "{}/{}",
            d.reports.on_time,
            d.reports.required - d.reports.pending
        )),
        Cell::Score(d.score.as_ref().map(|s| s.total)),
    ]
}

/// Ranked departments only (the unranked are named under the table).
pub fn ranking_rows(lang: Lang, c: &Circular) -> Vec<Vec<Cell>> {
    c.departments
        .iter()
        .filter(|d| d.rank.is_some())
        .map(|d| ranking_row(lang, d))
        .collect()
}

/// Under the points preset, what each ranked department's score is built from (issue 24): per
/// item its count in the period — the head says the points each is worth — and the score, so a
/// reader recomputes Σ count × points by hand. `None` under min-max (its parts are the ranking's
/// own columns). The head comes with the rows: it carries the points as set.
pub fn points_rows(lang: Lang, c: &Circular) -> Option<(Vec<String>, Vec<Vec<Cell>>)> {
    if c.rule.preset != crate::domain::ScorePreset::Points {
        return None;
    }
    let mut head = vec![words::points_breakdown_department(lang).to_string()];
    head.extend(
        c.rule
            .points
            .iter()
            .map(|(item, each)| words::points_column(lang, *item, *each)),
    );
    head.push(words::points_breakdown_score(lang).to_string());
    let rows = c
        .departments
        .iter()
        .filter(|d| d.rank.is_some())
        .map(|d| {
            let mut row = vec![t(d.name.clone())];
            row.extend(
                c.rule
                    .points
                    .iter()
                    .map(|(item, _)| Cell::Int(d.input.count(*item))),
            );
            row.push(Cell::Score(d.score.as_ref().map(|s| s.total)));
            row
        })
        .collect();
    Some((head, rows))
}

/// The closing table (办结销号): each department that leads tasks, in ranking order, with its led
/// tasks closed, pending review and sent back at the period's end; then the total line, which
/// counts each task once (a task with two leads is one task).
pub fn closing_rows(lang: Lang, c: &Circular) -> Vec<Vec<Cell>> {
    let n = |v: u64| Cell::Int(u32::try_from(v).unwrap_or(u32::MAX));
    let mut rows: Vec<Vec<Cell>> = c
        .departments
        .iter()
        .filter(|d| d.led > 0)
        .map(|d| {
            vec![
                t(d.name.clone()),
                Cell::Int(d.led),
                n(d.closing.closed),
                n(d.closing.pending),
                n(d.closing.returned),
            ]
        })
        .collect();
    rows.push(vec![
        t(words::total_row(lang)),
        Cell::Text(String::new()),
        n(c.closing.closed),
        n(c.closing.pending),
        n(c.closing.returned),
    ]);
    rows
}

/// The notice table (督办单, issue 22): each department that had a notice issued, answered or
/// closed in the period or still waiting at its end, in ranking order (then the others), with
/// the notices issued, answered, closed in the period and overdue at its end; then the total.
pub fn notice_rows(lang: Lang, c: &Circular) -> Vec<Vec<Cell>> {
    let n = |v: u64| Cell::Int(u32::try_from(v).unwrap_or(u32::MAX));
    let counts =
        |x: &crate::store::NoticeCounts| [n(x.issued), n(x.answered), n(x.closed), n(x.overdue)];
    let mut rows: Vec<Vec<Cell>> = c
        .departments
        .iter()
        .filter(|d| d.notices.any())
        .map(|d| {
            let mut row = vec![t(d.name.clone())];
            row.extend(counts(&d.notices));
            row
        })
        .collect();
    let mut total = vec![t(words::total_row(lang))];
    total.extend(counts(&c.notices));
    rows.push(total);
    rows
}

pub fn unranked_names(c: &Circular) -> Vec<&str> {
    c.departments
        .iter()
        .filter(|d| d.rank.is_none() && d.co > 0)
        .map(|d| d.name.as_str())
        .collect()
}

fn units(list: &[(&str, crate::domain::Percent)], with_percent: bool) -> String {
    use std::fmt::Write;
    // One String for the cell, not one per unit joined after.
    let mut out = String::new();
    for (i, (n, p)) in list.iter().enumerate() {
        if i > 0 {
            out.push('、');
        }
        out.push_str(n);
        if with_percent {
            let _ = write!(out, " {}%", p.value());
        }
    }
    out
}

fn deadline(task: &TaskLine<'_>) -> String {
    // The stored form (%Y-%m-%d, the four-digit years the schema allows), put digit by digit: a
    // circular of a million tasks writes most of them (`store::day`).
    let date = crate::store::day(task.deadline);
    match task.deadline_text.map(str::trim) {
        Some(text) if !text.is_empty() && text != date => format!("{text}({date})"),
        _ => date,
    }
}

pub fn red_row(lang: Lang, task: &TaskLine<'_>) -> Vec<Cell> {
    vec![
        t(task.number),
        t(task.title),
        t(units(&task.leads, true)),
        t(units(&task.co, false)),
        t(deadline(task)),
        Cell::Percent(task.completion),
        t(task
            .reason
            .map(|r| i18n::reason(lang, r))
            .unwrap_or_default()),
    ]
}

pub fn task_row(lang: Lang, task: &TaskLine<'_>) -> Vec<Cell> {
    vec![
        t(task.number),
        t(task.title),
        t(units(&task.leads, true)),
        t(units(&task.co, true)),
        t(deadline(task)),
        Cell::Percent(task.completion),
        t(task
            .light
            .map(|l| i18n::light(lang, l).to_string())
            .unwrap_or_else(|| i18n::unassigned(lang).to_string())),
        t(task
            .reason
            .map(|r| i18n::reason(lang, r))
            .unwrap_or_default()),
    ]
}

/// Departments with a late or missing report, most missing first.
pub fn reporting_rows(c: &Circular) -> Vec<Vec<Cell>> {
    let mut late: Vec<&DeptLine> = c
        .departments
        .iter()
        .filter(|d| d.reports.missing + d.reports.late > 0)
        .collect();
    late.sort_by(|a, b| {
        (b.reports.missing, b.reports.late)
            .cmp(&(a.reports.missing, a.reports.late))
            .then_with(|| a.name.cmp(&b.name))
    });
    late.iter()
        .map(|d| {
            vec![
                t(d.name.clone()),
                Cell::Int(d.reports.required - d.reports.pending),
                Cell::Int(d.reports.on_time),
                Cell::Int(d.reports.late),
                Cell::Int(d.reports.missing),
            ]
        })
        .collect()
}
