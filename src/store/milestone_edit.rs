//! Milestone reads and edits for the command line (issue 23): a task's milestones with their
//! reached rows as of an instant, the task's reached journal, and an admin's change made on the
//! list as it stands inside the write's transaction, so a list read a moment before is never
//! written back over another admin's change (`set_milestones` replaces the whole list).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{TransactionBehavior, params};

use super::Db;
use super::error::Result;
use super::milestone::{MilestoneEdit, MilestoneRow, milestone_rows, set_milestones_in};
use super::project::bound;
use super::write::permit;

/// One row of the `milestone_reached` journal, for a task's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachedEntry {
    pub id: i64,
    /// The milestone's id (its first version's).
    pub milestone_id: i64,
    pub department: Option<String>,
    /// `None`: entered as not reached after all (the note says why).
    pub reached_on: Option<NaiveDate>,
    pub note: String,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
}

impl Db {
    /// One task's milestones with their reached rows as of `as_of` (now, when `None`).
    pub fn milestone_rows_at(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<MilestoneRow>> {
        milestone_rows(&self.conn, Some(&[task_id]), as_of)
    }

    /// A task's reached journal, oldest first (rows before `as_of` when given).
    pub fn milestone_reached_history(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<ReachedEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.milestone_id, d.name, r.reached_on, r.note, r.by, r.at
             FROM milestone_reached r LEFT JOIN department d ON d.id = r.department_id
             WHERE r.task_id = ?1 AND r.at < ?2 ORDER BY r.id",
        )?;
        let rows = stmt.query_map(params![task_id, bound(as_of)], |r| {
            let reached: Option<String> = r.get(3)?;
            Ok(ReachedEntry {
                id: r.get(0)?,
                milestone_id: r.get(1)?,
                department: r.get(2)?,
                // The table's CHECK keeps the date well formed.
                reached_on: reached.and_then(|s| s.parse().ok()),
                note: r.get(4)?,
                by: r.get(5)?,
                at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Changes a task's milestones (admins) on the list as it stands when the write begins:
    /// `change` gets that list, in order, and gives the whole new list as `set_milestones` takes
    /// it (or refuses, e.g. `Project(NoSuchMilestone)` when the one named was removed meanwhile).
    /// The permission is asked first, inside the same `IMMEDIATE` transaction.
    pub fn edit_milestones(
        &mut self,
        task_id: i64,
        by: &str,
        at: DateTime<Utc>,
        change: impl FnOnce(&[MilestoneRow]) -> Result<Vec<MilestoneEdit>>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        permit(&tx, by, |a| a.may_administer())?;
        let standing = milestone_rows(&tx, Some(&[task_id]), None)?;
        let list = change(&standing)?;
        set_milestones_in(&tx, task_id, &list, by, at)?;
        tx.commit()?;
        Ok(())
    }
}
