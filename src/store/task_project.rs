//! The task editor's save of a key project's fields and milestones with the task (issue 23): one
//! transaction for the task, its project fields (`project::edit_project_in`) and its milestone
//! list (`milestone::set_milestones_in`), so a save is whole or not at all. The project part has
//! no version of its own; the editor sends back the ids of the newest rows it read (a
//! `ProjectStamp`), and a save over another admin's newer change is refused with the task's
//! conflict (`StoreError::TaskConflict`, naming who wrote it), as the task's fields are.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior};

use super::error::{Result, StoreError};
use super::milestone::{MilestoneEdit, set_milestones_in};
use super::project::{ProjectEdit, edit_project_in};
use super::write::permit;
use super::{Db, NewTaskSpec, TaskForEdit};
use crate::domain::project::YearPlan;

/// The newest row ids of a task's project fields, yearly plans and milestone versions: what the
/// editor read, compared again when it saves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjectStamp {
    pub project: Option<i64>,
    pub plan: Option<i64>,
    pub milestone: Option<i64>,
}

/// A key project's fields as the editor sets them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFields {
    pub owner: String,
    pub total: Option<f64>,
    pub year_plan: Option<YearPlan>,
    /// `false`: the task is no longer a key project.
    pub active: bool,
}

/// What the editor saves of the project part with the task.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectSave {
    /// `None`: the fields are left as they are.
    pub fields: Option<ProjectFields>,
    /// `None`: the milestones are left as they are; else the whole list, in order.
    pub milestones: Option<Vec<MilestoneEdit>>,
    /// The project part as the editor read it (ignored for a new task).
    pub expected: ProjectStamp,
}

fn stamp_of(conn: &rusqlite::Connection, task_id: i64) -> Result<ProjectStamp> {
    let max = |table: &str| -> Result<Option<i64>> {
        let sql = format!("SELECT max(id) FROM {table} WHERE task_id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([task_id], |r| r.get(0))
            .optional()?
            .flatten())
    };
    Ok(ProjectStamp {
        project: max("project")?,
        plan: max("project_plan")?,
        milestone: max("milestone")?,
    })
}

impl Db {
    /// The newest rows of a task's project part (see `ProjectStamp`).
    pub fn project_stamp(&self, task_id: i64) -> Result<ProjectStamp> {
        stamp_of(&self.conn, task_id)
    }

    /// Who last changed a task's project fields, plans or milestones, if anyone.
    pub fn project_changed_by(&self, task_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT by FROM (
                     SELECT by, at, id FROM project WHERE task_id = ?1
                     UNION ALL SELECT by, at, id FROM project_plan WHERE task_id = ?1
                     UNION ALL SELECT by, at, id FROM milestone WHERE task_id = ?1)
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row([task_id], |r| r.get(0))
            .optional()?)
    }

    /// Creates (`id` `None`) or updates a task as `create_task` / `update_task` do, and saves
    /// `project` with it in the same transaction (admins). A task changed since `version`, or a
    /// project part changed since `project.expected`, is refused with `TaskConflict` and the
    /// task as it is now (its `updated_by`: whoever changed the project part, when that is what
    /// changed).
    pub fn save_task_with_project(
        &mut self,
        id: Option<i64>,
        version: i64,
        spec: &NewTaskSpec,
        project: &ProjectSave,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<TaskForEdit> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        permit(&tx, by, |a| a.may_administer())?;
        if let Some(id) = id
            && stamp_of(&tx, id)? != project.expected
        {
            drop(tx);
            let mut current = self.task_for_edit(id)?;
            if let Some(who) = self.project_changed_by(id)? {
                current.updated_by = Some(who);
            }
            return Err(StoreError::TaskConflict(Box::new(current)));
        }
        let task = match id {
            None => Db::create_in(&tx, spec, by, at)?,
            Some(id) => Db::update_in(&tx, id, version, spec, by, at)?,
        };
        if let Some(f) = &project.fields {
            let edit = ProjectEdit {
                owner: Some(&f.owner),
                total: Some(f.total),
                year_plan: f.year_plan,
                active: Some(f.active),
            };
            edit_project_in(&tx, task.id, &edit, by, at)?;
        }
        if let Some(list) = &project.milestones {
            set_milestones_in(&tx, task.id, list, by, at)?;
        }
        tx.commit()?;
        Ok(task)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_compare_by_every_part() {
        let a = ProjectStamp {
            project: Some(1),
            plan: None,
            milestone: Some(4),
        };
        let mut b = a;
        assert_eq!(a, b);
        b.milestone = Some(5);
        assert_ne!(a, b);
    }
}
