//! Key projects and their investment (issue 23): the `project`, `project_plan` and `investment`
//! journals. Reads give a task's project as it stands now or as of an instant (the latest row
//! written up to then); writes are admin edits of the fields, and monthly figures entered by a
//! unit of the task like progress: permission asked inside the `IMMEDIATE` transaction, the
//! text checked, the rule asked (`domain::project::check_figure`), and the figure the clerk read
//! compared with the latest one (another clerk's figure is never overwritten unseen).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError, check_text};
use super::model::instant;
use super::write::{append_progress, permit};
use crate::domain::project::{
    self, CompletionSource, Figure, Month, Project, Refusal, YearPlan, completion_by_investment,
};
use crate::domain::{Percent, TextField};

/// A key project as it stands, with its yearly plans and its figures (the latest per month).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInfo {
    pub project: Project,
    /// Yearly plans, by year.
    pub plans: Vec<YearPlan>,
    /// Figures, by month: each month's latest.
    pub figures: Vec<Figure>,
    /// The id of the latest figure row of the task (what a clerk read; `None`: none yet).
    pub last_figure: Option<i64>,
}

impl ProjectInfo {
    pub fn planned(&self, year: i32) -> Option<f64> {
        self.plans
            .iter()
            .find(|p| p.year == year)
            .map(|p| p.planned)
    }

    /// The year's completed investment on `as_of` (本年累计完成).
    pub fn completed_in_year(&self, year: i32, as_of: NaiveDate) -> Option<f64> {
        project::completed_in_year(&self.figures, year, as_of)
    }
}

/// One figure row, for a task's history.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentEntry {
    pub id: i64,
    pub task_id: i64,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub month: Month,
    pub amount: f64,
    pub note: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// A monthly figure as a clerk enters it.
#[derive(Clone)]
pub struct InvestmentReport<'a> {
    pub task_id: i64,
    /// The unit reporting (a unit of the task now).
    pub department_id: i64,
    pub month: Month,
    /// The year's cumulative amount at the month's end (万元).
    pub amount: f64,
    pub note: &'a str,
    /// Why the figure is lower than the one before it (may be empty otherwise).
    pub reason: &'a str,
    /// The latest figure's id the clerk saw (`ProjectInfo::last_figure`).
    pub expected_last: Option<i64>,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    /// Local today: no figure for a later month.
    pub today: NaiveDate,
    /// The note of the progress report appended when the plan reads completion from investment:
    /// (completed to date, total) → text in the clerk's language.
    pub progress_note: &'a dyn Fn(f64, f64) -> String,
}

/// What an admin sets on a task's project fields. `None` fields keep their current value.
#[derive(Debug, Clone, Default)]
pub struct ProjectEdit<'a> {
    pub owner: Option<&'a str>,
    pub total: Option<Option<f64>>,
    /// A year's planned investment.
    pub year_plan: Option<YearPlan>,
    /// `Some(false)`: no longer a key project.
    pub active: Option<bool>,
}

/// Rows before `as_of`, or every row ("\u{10FFFF}" sorts after any instant).
pub(super) fn bound(as_of: Option<DateTime<Utc>>) -> String {
    as_of.map_or_else(|| "\u{10FFFF}".to_string(), instant)
}

impl Db {
    /// The key projects among `task_ids` (all, when `None`), as of `as_of` (now, when `None`).
    /// Tasks that are not (or no longer) projects are left out.
    pub fn projects(
        &self,
        task_ids: Option<&[i64]>,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<HashMap<i64, ProjectInfo>> {
        projects_in(&self.conn, task_ids, as_of)
    }

    /// A task's figure rows, oldest first (rows before `as_of` when given).
    pub fn investment_history(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<InvestmentEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.task_id, i.department_id, d.name, i.month, i.amount, i.note, i.reason,
                    i.by, i.at
             FROM investment i LEFT JOIN department d ON d.id = i.department_id
             WHERE i.task_id = ?1 AND i.at < ?2 ORDER BY i.id",
        )?;
        let rows = stmt.query_map(params![task_id, bound(as_of)], |r| {
            let month: String = r.get(4)?;
            Ok(InvestmentEntry {
                id: r.get(0)?,
                task_id: r.get(1)?,
                department_id: r.get(2)?,
                department: r.get(3)?,
                // The table's CHECK keeps the month well formed.
                month: Month::parse(&month).unwrap_or(Month {
                    year: 1900,
                    month: 1,
                }),
                amount: r.get(5)?,
                note: r.get(6)?,
                reason: r.get(7)?,
                by: r.get(8)?,
                at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a task's project fields (admins): each changed field appends its row.
    pub fn edit_project(
        &mut self,
        task_id: i64,
        edit: &ProjectEdit<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        edit_project_in(&tx, task_id, edit, by, at)?;
        tx.commit()?;
        Ok(())
    }

    /// Appends a monthly figure, or refuses (`Forbidden`, `Project(..)`, `Edit` for bad text,
    /// `NotFound` for a task or unit not there). When the task's plan reads completion from
    /// investment, the unit's progress follows in the same transaction.
    pub fn report_investment(&mut self, report: &InvestmentReport<'_>) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = report_investment_in(&tx, report)?;
        tx.commit()?;
        Ok(id)
    }

    /// Where `plan_id`'s key projects read completion from (the setting; default percent).
    pub fn completion_source(&self, plan_id: i64) -> Result<CompletionSource> {
        completion_source(&self.conn, plan_id)
    }
}

pub(super) fn completion_source(
    conn: &rusqlite::Connection,
    plan_id: i64,
) -> Result<CompletionSource> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([CompletionSource::key(plan_id)], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| CompletionSource::parse(&v))
        .unwrap_or_default())
}

pub(super) fn projects_in(
    conn: &rusqlite::Connection,
    task_ids: Option<&[i64]>,
    as_of: Option<DateTime<Utc>>,
) -> Result<HashMap<i64, ProjectInfo>> {
    let list = task_ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    let bound = bound(as_of);
    let mut out: HashMap<i64, ProjectInfo> = HashMap::new();
    // The latest row per task before the bound, where it says the task is a project.
    let mut stmt = conn.prepare_cached(
        "SELECT p.task_id, p.owner, p.total FROM project p
         WHERE p.id IN (SELECT max(q.id) FROM project q WHERE q.at < ?1
                          AND (?2 IS NULL OR q.task_id IN (SELECT value FROM json_each(?2)))
                        GROUP BY q.task_id)
           AND p.active = 1",
    )?;
    let rows = stmt.query_map(params![bound, list], |r| {
        Ok(Project {
            task_id: r.get(0)?,
            owner: r.get(1)?,
            total: r.get(2)?,
        })
    })?;
    for row in rows {
        let p = row?;
        out.insert(
            p.task_id,
            ProjectInfo {
                project: p,
                plans: Vec::new(),
                figures: Vec::new(),
                last_figure: None,
            },
        );
    }
    if out.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT task_id, year, planned FROM project_plan
         WHERE id IN (SELECT max(id) FROM project_plan WHERE at < ?1
                        AND (?2 IS NULL OR task_id IN (SELECT value FROM json_each(?2)))
                      GROUP BY task_id, year)
         ORDER BY task_id, year",
    )?;
    let rows = stmt.query_map(params![bound, list], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, f64>(2)?,
        ))
    })?;
    for row in rows {
        let (task, year, planned) = row?;
        if let Some(info) = out.get_mut(&task) {
            info.plans.push(YearPlan { year, planned });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT task_id, month, amount FROM investment
         WHERE id IN (SELECT max(id) FROM investment WHERE at < ?1
                        AND (?2 IS NULL OR task_id IN (SELECT value FROM json_each(?2)))
                      GROUP BY task_id, month)
         ORDER BY task_id, month",
    )?;
    let rows = stmt.query_map(params![bound, list], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, f64>(2)?,
        ))
    })?;
    for row in rows {
        let (task, month, amount) = row?;
        if let (Some(info), Some(month)) = (out.get_mut(&task), Month::parse(&month)) {
            info.figures.push(Figure { month, amount });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT task_id, max(id) FROM investment WHERE at < ?1
           AND (?2 IS NULL OR task_id IN (SELECT value FROM json_each(?2)))
         GROUP BY task_id",
    )?;
    let rows = stmt.query_map(params![bound, list], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (task, id) = row?;
        if let Some(info) = out.get_mut(&task) {
            info.last_figure = Some(id);
        }
    }
    Ok(out)
}

/// The task's plan, refusing a deleted task.
fn live_task_plan(tx: &Transaction<'_>, task_id: i64) -> Result<i64> {
    let row: Option<(i64, Option<String>)> = tx
        .prepare_cached("SELECT plan_id, deleted_at FROM task WHERE id = ?1")?
        .query_row([task_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Err(StoreError::NotFound(format!("task {task_id}"))),
        Some((_, Some(_))) => Err(StoreError::Project(Refusal::TaskClosed)),
        Some((plan, None)) => Ok(plan),
    }
}

pub(super) fn edit_project_in(
    tx: &Transaction<'_>,
    task_id: i64,
    edit: &ProjectEdit<'_>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    permit(tx, by, |a| a.may_administer())?;
    live_task_plan(tx, task_id)?;
    let at = instant(at);
    let current = projects_in(tx, Some(&[task_id]), None)?.remove(&task_id);
    let owner = edit
        .owner
        .map(str::trim)
        .map(str::to_string)
        .or_else(|| current.as_ref().map(|c| c.project.owner.clone()))
        .unwrap_or_default();
    check_text(TextField::ProjectOwner, &owner)?;
    let total = match edit.total {
        Some(t) => t,
        None => current.as_ref().and_then(|c| c.project.total),
    };
    if let Some(t) = total {
        project::check_amount(t).map_err(StoreError::Project)?;
    }
    let active = edit.active.unwrap_or(true);
    let changed = match &current {
        None => active,
        Some(c) => !active || c.project.owner != owner || c.project.total != total,
    };
    if changed {
        tx.prepare_cached(
            "INSERT INTO project (task_id, owner, total, active, by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![task_id, owner, total, i64::from(active), by, at])?;
    }
    if let Some(plan) = edit.year_plan {
        project::check_amount(plan.planned).map_err(StoreError::Project)?;
        if current.as_ref().and_then(|c| c.planned(plan.year)) != Some(plan.planned) {
            tx.prepare_cached(
                "INSERT INTO project_plan (task_id, year, planned, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![task_id, plan.year, plan.planned, by, at])?;
        }
    }
    Ok(())
}

pub(super) fn report_investment_in(
    tx: &Transaction<'_>,
    report: &InvestmentReport<'_>,
) -> Result<i64> {
    permit(tx, report.by, |a| a.may_report(report.department_id))?;
    check_text(TextField::Note, report.note)?;
    check_text(TextField::Note, report.reason)?;
    let plan_id = live_task_plan(tx, report.task_id)?;
    let standing: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM assignment WHERE task_id = ?1 AND department_id = ?2
               AND ended_at IS NULL",
        )?
        .query_row(params![report.task_id, report.department_id], |r| r.get(0))
        .optional()?;
    if standing.is_none() {
        return Err(StoreError::NotFound(format!(
            "assignment task {} × department {}",
            report.task_id, report.department_id
        )));
    }
    let info = projects_in(tx, Some(&[report.task_id]), None)?
        .remove(&report.task_id)
        .ok_or(StoreError::Project(Refusal::NotAProject))?;
    if info.last_figure != report.expected_last {
        return Err(StoreError::Project(Refusal::Stale));
    }
    let figure = Figure {
        month: report.month,
        amount: report.amount,
    };
    // The figure before it in the year: the latest month up to this one (this month's own, when
    // it is a correction of it, is the one it replaces, so compare with the month before).
    let previous = info
        .figures
        .iter()
        .filter(|f| f.month.year == figure.month.year && f.month < figure.month)
        .max_by_key(|f| f.month);
    project::check_figure(&figure, previous, report.reason, report.today)
        .map_err(StoreError::Project)?;
    let at = instant(report.at);
    tx.prepare_cached(
        "INSERT INTO investment (task_id, department_id, month, amount, note, reason, by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        report.task_id,
        report.department_id,
        report.month.to_string(),
        report.amount,
        report.note,
        report.reason.trim(),
        report.by,
        at
    ])?;
    let id = tx.last_insert_rowid();
    if completion_source(tx, plan_id)? == CompletionSource::Investment {
        let mut figures: Vec<Figure> = info
            .figures
            .into_iter()
            .filter(|f| f.month != figure.month)
            .collect();
        figures.push(figure);
        let far = NaiveDate::MAX;
        if let Some(p) = completion_by_investment(&figures, info.project.total, far) {
            let done = project::completed_to_date(&figures, far);
            let note = (report.progress_note)(done, info.project.total.unwrap_or(0.0));
            let percent = Percent::new(p).unwrap_or(Percent::ZERO);
            append_progress(
                tx,
                report.task_id,
                report.department_id,
                percent,
                &note,
                report.by,
                &at,
                None,
            )?;
        }
    }
    Ok(id)
}
