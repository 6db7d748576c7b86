//! `duban project show`: the key projects (重点项目) as a table — owner, total, this year's
//! planned and completed investment, the year's rate (年度投资完成率) and the task's light, with a
//! total row — or one project whole: its fields, yearly plans and every monthly figure with who
//! entered it and when. As text for people and as JSON for scripts; as of a day from the journals.

use chrono::{Datelike, FixedOffset, NaiveDate};
use serde_json::{Value, json};

use super::tasks::{self, TaskLine};
use super::text::{Align, Paint, fit, paint, width};
use crate::domain::project::{CompletionSource, completed_to_date, rate};
use crate::domain::{Closing, Light};
use crate::i18n::{self, Lang, project_cli as words};
use crate::store::{Db, InvestmentEntry, ProjectInfo, Result, Scope};

/// One key project with the year's figures and its task's light.
#[derive(Debug, Clone)]
pub struct ProjectLine {
    pub line: TaskLine,
    pub info: ProjectInfo,
    pub planned: Option<f64>,
    pub completed: Option<f64>,
    pub rate: Option<f64>,
    pub to_date: f64,
}

/// The key projects of a scope on a day.
#[derive(Debug, Clone)]
pub struct ProjectTable {
    pub today: NaiveDate,
    pub year: i32,
    pub lines: Vec<ProjectLine>,
}

impl ProjectTable {
    /// Sums of the total, the year's plan and the year's completed, and the rate of the sums.
    pub fn totals(&self) -> (f64, f64, f64, Option<f64>) {
        let total = self.lines.iter().filter_map(|l| l.info.project.total).sum();
        let planned: f64 = self.lines.iter().filter_map(|l| l.planned).sum();
        let completed: f64 = self.lines.iter().filter_map(|l| l.completed).sum();
        (total, planned, completed, rate(completed, planned))
    }
}

fn project_line(line: TaskLine, info: ProjectInfo, today: NaiveDate) -> ProjectLine {
    let year = today.year();
    let planned = info.planned(year);
    let completed = info.completed_in_year(year, today);
    ProjectLine {
        rate: planned.and_then(|p| rate(completed.unwrap_or(0.0), p)),
        to_date: completed_to_date(&info.figures, today),
        planned,
        completed,
        line,
        info,
    }
}

/// The key projects among the tasks of `scope` on `today` (as of `scope.as_of`), in task order.
pub fn build(db: &Db, today: NaiveDate, scope: Scope) -> Result<ProjectTable> {
    let lines = tasks::build(db, today, scope, false)?;
    let ids: Vec<i64> = lines.iter().map(|l| l.task.id).collect();
    let mut projects = db.projects(Some(&ids), scope.as_of)?;
    let lines = lines
        .into_iter()
        .filter_map(|line| {
            let info = projects.remove(&line.task.id)?;
            Some(project_line(line, info, today))
        })
        .collect();
    Ok(ProjectTable {
        today,
        year: today.year(),
        lines,
    })
}

/// The light cell: 待审核 / 已办结 as the task list shows them, else the light's glyph and word.
fn light_cell(lang: Lang, line: &TaskLine) -> String {
    match line.closing {
        Closing::Pending | Closing::Closed => format!(
            "{}{}",
            i18n::closing::glyph(line.closing),
            i18n::closing::state(lang, line.closing)
        ),
        _ => match line.assessment {
            Some(a) => format!("{}{}", a.light.glyph(), i18n::light(lang, a.light)),
            None => format!("·{}", i18n::unassigned(lang)),
        },
    }
}

fn light_paint(line: &TaskLine) -> Paint {
    if line.closing == Closing::Closed {
        return Paint::Green;
    }
    match line.assessment.map(|a| a.light) {
        Some(Light::Red) => Paint::Red,
        Some(Light::Yellow) => Paint::Yellow,
        Some(Light::Done) => Paint::Green,
        _ => Paint::Plain,
    }
}

/// The table at most `max_width` columns wide: titles and owners are cut by display width.
pub fn render_table(t: &ProjectTable, lang: Lang, max_width: usize, color: bool) -> String {
    if t.lines.is_empty() {
        return format!("{}\n", words::no_projects(lang));
    }
    let heads = words::table_heads(lang, t.year);
    let mut rows: Vec<[String; 8]> = t
        .lines
        .iter()
        .map(|l| {
            [
                l.line.task.number.clone(),
                l.line.task.title.clone(),
                l.info.project.owner.clone(),
                words::cell(l.info.project.total),
                words::cell(l.planned),
                words::cell(l.completed),
                words::rate_cell(l.rate),
                light_cell(lang, &l.line),
            ]
        })
        .collect();
    let (total, planned, completed, all_rate) = t.totals();
    rows.push([
        words::total_row(lang).to_string(),
        String::new(),
        String::new(),
        words::cell(Some(total)),
        words::cell(Some(planned)),
        words::cell(Some(completed)),
        words::rate_cell(all_rate),
        String::new(),
    ]);
    let mut widths = [0usize; 8];
    for row in std::iter::once(&heads).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(&super::text::visible(cell)));
        }
    }
    // Title and owner share what the other columns leave; the title gets the larger part.
    let fixed: usize = [0, 3, 4, 5, 6, 7].iter().map(|&i| widths[i]).sum::<usize>() + 2 * 7;
    let room = max_width.saturating_sub(fixed).max(16);
    if widths[1] + widths[2] > room {
        let owner = widths[2].min((room * 2 / 5).max(6));
        widths[1] = widths[1].min(room.saturating_sub(owner).max(8));
        widths[2] = room.saturating_sub(widths[1]).max(6).min(widths[2]);
    }
    let aligns = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ];
    let today = t.today.format("%Y-%m-%d").to_string();
    let mut out = format!("{}\n", words::table_caption(lang, t.lines.len(), &today));
    let line_of = |row: &[String; 8], paints: Option<Paint>| {
        let cells: Vec<String> = row
            .iter()
            .zip(widths.iter().zip(aligns))
            .enumerate()
            .map(|(i, (cell, (&w, align)))| {
                let c = fit(cell, w, align);
                match (i, paints) {
                    (7, Some(p)) => paint(&c, p, color),
                    _ => c,
                }
            })
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    out.push_str(&line_of(&heads, None));
    let n = t.lines.len();
    for (row, l) in rows.iter().zip(&t.lines) {
        out.push_str(&line_of(row, Some(light_paint(&l.line))));
    }
    out.push_str(&line_of(&rows[n], None));
    out
}

/// Two decimals at most, as a JSON number.
fn num(v: f64) -> Value {
    json!((v * 100.0).round() / 100.0)
}

fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::Null, num)
}

fn light_json(line: &TaskLine) -> (&'static str, Option<String>) {
    (
        line.assessment
            .map(|a| a.light.as_str())
            .unwrap_or("unassigned"),
        line.assessment.map(|a| i18n::reason(Lang::En, a.reason)),
    )
}

/// The table as JSON: the day, the year, each project and the total.
pub fn render_json(t: &ProjectTable) -> String {
    let (total, planned, completed, all_rate) = t.totals();
    let projects: Vec<Value> = t
        .lines
        .iter()
        .map(|l| {
            let (light, reason) = light_json(&l.line);
            json!({
                "task_id": l.line.task.id,
                "plan_id": l.line.task.plan_id,
                "number": l.line.task.number,
                "title": l.line.task.title,
                "owner": l.info.project.owner,
                "total": opt(l.info.project.total),
                "planned": opt(l.planned),
                "completed": opt(l.completed),
                "rate": opt(l.rate),
                "completed_to_date": num(l.to_date),
                "light": light,
                "reason": reason,
                "closing": l.line.closing.as_str(),
            })
        })
        .collect();
    let v = json!({
        "as_of": t.today.format("%Y-%m-%d").to_string(),
        "year": t.year,
        "projects": projects,
        "total": {
            "total": num(total),
            "planned": num(planned),
            "completed": num(completed),
            "rate": opt(all_rate),
        },
    });
    let mut s = serde_json::to_string_pretty(&v).expect("plain data always serialises");
    s.push('\n');
    s
}

/// One project whole.
#[derive(Debug, Clone)]
pub struct ProjectDetail {
    pub project: ProjectLine,
    pub year: i32,
    pub today: NaiveDate,
    pub source: CompletionSource,
    /// Every figure row, oldest first (corrections of a month included).
    pub history: Vec<InvestmentEntry>,
}

/// Task `task_id`'s project on `today` (as of `scope.as_of`); `None` when it is not one.
pub fn detail(
    db: &Db,
    task_id: i64,
    plan_id: i64,
    today: NaiveDate,
    scope: Scope,
) -> Result<Option<ProjectDetail>> {
    let scope = Scope {
        plan: Some(plan_id),
        department: None,
        ..scope
    };
    let Some(mut info) = db.projects(Some(&[task_id]), scope.as_of)?.remove(&task_id) else {
        return Ok(None);
    };
    let Some(line) = tasks::build(db, today, scope, false)?
        .into_iter()
        .find(|l| l.task.id == task_id)
    else {
        return Ok(None);
    };
    info.plans.sort_by_key(|p| p.year);
    Ok(Some(ProjectDetail {
        project: project_line(line, info, today),
        year: today.year(),
        today,
        source: db.completion_source(plan_id)?,
        history: db.investment_history(task_id, scope.as_of)?,
    }))
}

/// Whether a later row of the same month replaced `i`.
fn corrected(history: &[InvestmentEntry], i: usize) -> bool {
    history[i + 1..].iter().any(|e| e.month == history[i].month)
}

pub fn render_detail(d: &ProjectDetail, lang: Lang, offset: FixedOffset) -> String {
    let p = &d.project;
    let task = &p.line.task;
    let mut out = format!("{} {}\n", task.number, task.title);
    let plans: Vec<(i32, f64)> = p.info.plans.iter().map(|y| (y.year, y.planned)).collect();
    let today = d.today.format("%Y-%m-%d").to_string();
    let lines = words::project_lines(
        lang,
        &words::ProjectLines {
            owner: &p.info.project.owner,
            total: p.info.project.total,
            source: d.source,
            plans: &plans,
            year: d.year,
            planned: p.planned,
            completed: p.completed,
            rate: p.rate,
            to_date: p.to_date,
            today: &today,
        },
    );
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    let reason = p
        .line
        .assessment
        .map(|a| i18n::reason(lang, a.reason))
        .unwrap_or_default();
    out.push_str(&words::light_line(
        lang,
        &light_cell(lang, &p.line),
        &reason,
    ));
    out.push_str("\n\n");
    if d.history.is_empty() {
        out.push_str(words::no_figures(lang));
        out.push('\n');
        return out;
    }
    let heads = words::figure_heads(lang).map(String::from);
    let mut rows = vec![heads.to_vec()];
    for (i, e) in d.history.iter().enumerate() {
        let mut amount = words::cell(Some(e.amount));
        if corrected(&d.history, i) {
            amount.push_str(words::corrected(lang));
        }
        let mut note = e.note.lines().next().unwrap_or("").to_string();
        if !e.reason.is_empty() {
            let why = words::reason(lang, e.reason.lines().next().unwrap_or(""));
            note = if note.is_empty() {
                why
            } else {
                format!("{note} {why}")
            };
        }
        rows.push(vec![
            e.month.to_string(),
            amount,
            e.department.clone().unwrap_or_else(|| "—".into()),
            e.by.clone(),
            super::extension::local(&e.at, offset),
            super::text::truncate(&note, 40),
        ]);
    }
    let aligns = [
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
    ];
    out.push_str(&super::text::columns(&rows, &aligns));
    out
}

pub fn render_detail_json(d: &ProjectDetail, offset: FixedOffset) -> String {
    let p = &d.project;
    let (light, reason) = light_json(&p.line);
    let plans: Vec<Value> = p
        .info
        .plans
        .iter()
        .map(|y| {
            let done = p.info.completed_in_year(y.year, d.today);
            json!({
                "year": y.year,
                "planned": num(y.planned),
                "completed": opt(done),
                "rate": opt(rate(done.unwrap_or(0.0), y.planned)),
            })
        })
        .collect();
    let figures: Vec<Value> = d
        .history
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": e.id,
                "month": e.month.to_string(),
                "amount": num(e.amount),
                "department": e.department,
                "note": e.note,
                "reason": e.reason,
                "by": e.by,
                "at": e.at,
                "at_local": super::extension::local(&e.at, offset),
                "corrected": corrected(&d.history, i),
            })
        })
        .collect();
    let v = json!({
        "task_id": p.line.task.id,
        "plan_id": p.line.task.plan_id,
        "number": p.line.task.number,
        "title": p.line.task.title,
        "owner": p.info.project.owner,
        "total": opt(p.info.project.total),
        "completion_source": d.source.as_str(),
        "as_of": d.today.format("%Y-%m-%d").to_string(),
        "year": d.year,
        "planned": opt(p.planned),
        "completed": opt(p.completed),
        "rate": opt(p.rate),
        "completed_to_date": num(p.to_date),
        "light": light,
        "reason": reason,
        "closing": p.line.closing.as_str(),
        "plans": plans,
        "figures": figures,
    });
    let mut s = serde_json::to_string_pretty(&v).expect("plain data always serialises");
    s.push('\n');
    s
}
