//! Bulk loading of key projects and milestones (issue 23): the `project`, `project_plan`,
//! `investment`, `milestone` and `milestone_reached` journals written inside a `Loader`'s
//! transaction. Like the loader's progress rows, they get no link from the chain triggers while
//! written; `Db::load` links every new journal row afterwards in time order (`chain::link_after`),
//! so `duban check` finds the chain whole. Each row is checked as the store's own writes check it
//! (text, amounts, a figure's month, a milestone's name), but the rules that compare rows (a
//! falling figure, a stale read) are the caller's: the demo and the importer write consistent
//! data in one go.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::error::{Result, StoreError, check_text};
use super::load::Loader;
use super::model::{day, instant};
use crate::domain::plan_draft::TaskDraft;
use crate::domain::project::{self, Month};
use crate::domain::{Percent, TextField};

impl Loader<'_> {
    /// A task's key-project fields: owner (建设单位) and total investment (万元).
    pub fn project(
        &mut self,
        task_id: i64,
        owner: &str,
        total: Option<f64>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let owner = owner.trim();
        check_text(TextField::ProjectOwner, owner)?;
        if let Some(t) = total {
            project::check_amount(t).map_err(StoreError::Project)?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO project (task_id, owner, total, active, by, at)
                 VALUES (?1, ?2, ?3, 1, ?4, ?5)",
            )?
            .execute(params![task_id, owner, total, by, instant(at)])?;
        Ok(())
    }

    /// A year's planned investment (年度计划投资, 万元) of a key project.
    pub fn project_plan(
        &mut self,
        task_id: i64,
        year: i32,
        planned: f64,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        project::check_amount(planned).map_err(StoreError::Project)?;
        self.tx
            .prepare_cached(
                "INSERT INTO project_plan (task_id, year, planned, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![task_id, year, planned, by, instant(at)])?;
        Ok(())
    }

    /// A monthly figure: the year's cumulative investment completed at `month`'s end (万元),
    /// reported by `department_id` (a unit of the task). Figures of one task must come in time
    /// order and not fall within a year (the caller's rule here).
    #[allow(clippy::too_many_arguments)]
    pub fn investment(
        &mut self,
        task_id: i64,
        department_id: Option<i64>,
        month: Month,
        amount: f64,
        note: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        project::check_amount(amount).map_err(StoreError::Project)?;
        check_text(TextField::Note, note)?;
        self.tx
            .prepare_cached(
                "INSERT INTO investment (task_id, department_id, month, amount, note, reason, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7)",
            )?
            .execute(params![
                task_id,
                department_id,
                month.to_string(),
                amount,
                note,
                by,
                instant(at)
            ])?;
        Ok(())
    }

    /// A new milestone of a task (its first version); returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn milestone(
        &mut self,
        task_id: i64,
        name: &str,
        planned_on: NaiveDate,
        share: Option<Percent>,
        position: i64,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let name = name.trim();
        check_text(TextField::MilestoneName, name)?;
        if name.is_empty() {
            return Err(StoreError::Edit(super::EditRefusal::EmptyTitle));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO milestone (task_id, origin, replaces, name, planned_on, share,
                                        position, removed, by, at)
                 VALUES (?1, NULL, NULL, ?2, ?3, ?4, ?5, 0, ?6, ?7)",
            )?
            .execute(params![
                task_id,
                name,
                day(planned_on),
                share.map(|s| i64::from(s.value())),
                position,
                by,
                instant(at)
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A milestone reached on `reached_on`, entered by `department_id` (a unit of the task).
    #[allow(clippy::too_many_arguments)]
    pub fn milestone_reached(
        &mut self,
        milestone_id: i64,
        task_id: i64,
        department_id: Option<i64>,
        reached_on: NaiveDate,
        note: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        check_text(TextField::Note, note)?;
        self.tx
            .prepare_cached(
                "INSERT INTO milestone_reached (milestone_id, task_id, department_id, reached_on,
                                                note, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                milestone_id,
                task_id,
                department_id,
                day(reached_on),
                note,
                by,
                instant(at)
            ])?;
        Ok(())
    }

    /// An imported task's key-project fields and milestones (`Db::save_draft`): the project row
    /// when the draft has one, its year's plan, and each milestone in the table's order.
    /// Returns (projects, milestones) written.
    pub(super) fn draft_project(
        &mut self,
        task_id: i64,
        task: &TaskDraft,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(usize, usize)> {
        let mut projects = 0;
        if let Some(p) = &task.project {
            self.project(
                task_id,
                p.owner.as_deref().unwrap_or(""),
                p.investment,
                by,
                at,
            )?;
            if let Some((year, planned)) = p.year_plan {
                self.project_plan(task_id, year, planned, by, at)?;
            }
            projects = 1;
        }
        for (k, m) in task.milestones.iter().enumerate() {
            let position = i64::try_from(k).unwrap_or(i64::MAX);
            self.milestone(task_id, &m.name, m.planned_on, None, position, by, at)?;
        }
        Ok((projects, task.milestones.len()))
    }
}
