//! The day's status rollup kept in the file (schema 12): each department's figures and, per
//! 1,024 task ids, how many whole tasks are done, red and yellow. At a million tasks the rollup is
//! one pass over 2.5 million assignments (half a second on two cores); the TUI's first frame and
//! every reload after another clerk's save waited for it. Kept, a reload reads the parts still
//! standing and computes only those a write dropped: a department's few hundred rows, a chunk's
//! thousand tasks.
//!
//! Why it is never stale:
//! - every figure is read from `assignment` alone (its copies of the task's schedule, weight and
//!   deletion included), the milestones and the light settings; schema.sql's triggers drop the
//!   parts any write of those touches, whoever writes it (duban, an older duban, the sqlite3
//!   shell), and count the write in `rollup_state.writes`;
//! - a part is kept only if no such write was committed between the snapshot it was read from
//!   and the keeping (`writes` then still equals the count read in that snapshot), so a part read
//!   before a write can never be kept after it;
//! - `basis` names the day and this build's rules: another day or another build reads nothing,
//!   and replaces what is kept only for a later day (`Kept::Superseded`);
//! - `duban check` reads everything again and compares (`report::status::kept_drift`).
//!
//! Kept only by a writer (the TUI's own connection): `open_reader`'s promise that the file's
//! bytes do not change holds. Not a record: not chained, never exported, dropped freely.

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{TransactionBehavior, params};

use super::read::DateCache;
use super::{Db, Result};
use crate::domain::{AssignmentFact, DepartmentRollup};

/// Task ids per chunk of the kept task lights: `task_id >> CHUNK_SHIFT`, as in the triggers.
pub const CHUNK_SHIFT: u32 = 10;

/// The chunk a task's lights are kept in.
pub fn chunk_of(task_id: i64) -> i64 {
    task_id >> CHUNK_SHIFT
}

/// The first and last task id of a chunk.
pub fn chunk_ids(chunk: i64) -> (i64, i64) {
    (
        chunk << CHUNK_SHIFT,
        (chunk << CHUNK_SHIFT) | ((1 << CHUNK_SHIFT) - 1),
    )
}

/// Whole tasks of a chunk: how many have a unit, and how many of those are done, red, yellow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub tasks: u32,
    pub done: u32,
    pub red: u32,
    pub yellow: u32,
}

impl TaskCounts {
    pub fn absorb(&mut self, other: &TaskCounts) {
        self.tasks += other.tasks;
        self.done += other.done;
        self.red += other.red;
        self.yellow += other.yellow;
    }
}

/// What the file keeps for one basis, read in one snapshot with its write count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeptRollup {
    /// `rollup_state.writes` in the same snapshot; `None`: the file keeps nothing (no state row).
    pub writes: Option<i64>,
    pub departments: HashMap<i64, DepartmentRollup>,
    pub chunks: HashMap<i64, TaskCounts>,
}

/// Parts computed from the snapshot whose write count was `writes`, to keep for `basis`.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupToKeep {
    pub basis: String,
    pub writes: i64,
    pub departments: Vec<(i64, DepartmentRollup)>,
    pub chunks: Vec<(i64, TaskCounts)>,
}

/// What keeping did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// This many parts were added.
    Added(usize),
    /// A write came after the parts' snapshot: they may be stale, nothing was kept.
    Stale,
    /// Another connection holds the write lock: nothing was kept (the next read computes again).
    Busy,
    /// The file keeps parts of a later day (this session began before midnight), or of the same
    /// day by another build of duban: left to them, or two sessions would replace each other's
    /// parts on every read (`check --drop-kept` lets a new build take over the day).
    Superseded,
}

/// Whether parts for `ours` must leave the file's `kept` basis alone: a basis starts with its
/// day (`YYYY-MM-DD`), and only an earlier day (or nothing kept) is replaced.
fn superseded(ours: &str, kept: &str) -> bool {
    !kept.is_empty() && ours != kept && ours.get(..10) <= kept.get(..10)
}

impl Db {
    /// The parts kept for `basis` (none when the file keeps another day's or rules'), and the
    /// write count, read together: call inside one snapshot with the reads that complete them.
    pub fn kept_rollup(&self, basis: &str) -> Result<KeptRollup> {
        let state: Option<(i64, String)> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT writes, basis FROM rollup_state WHERE id = 1")?;
            let mut rows = stmt.query([])?;
            match rows.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            }
        };
        let Some((writes, kept_basis)) = state else {
            return Ok(KeptRollup::default());
        };
        let mut kept = KeptRollup {
            writes: Some(writes),
            ..KeptRollup::default()
        };
        if kept_basis != basis {
            return Ok(kept);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT department_id, led, co, done, red, yellow, next_deadline, weighted_sum,
                    weight_total
             FROM rollup_department",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // A date this build cannot read keeps nothing: the department is read again.
            let next_deadline = match r.get::<_, Option<String>>(6)? {
                None => None,
                Some(d) => match d.parse::<NaiveDate>() {
                    Ok(d) => Some(d),
                    Err(_) => continue,
                },
            };
            let mut rollup = DepartmentRollup::default().with_sums(r.get(7)?, r.get(8)?);
            rollup.led = r.get(1)?;
            rollup.co = r.get(2)?;
            rollup.done = r.get(3)?;
            rollup.red = r.get(4)?;
            rollup.yellow = r.get(5)?;
            rollup.next_deadline = next_deadline;
            kept.departments.insert(r.get(0)?, rollup);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT chunk, tasks, done, red, yellow FROM rollup_tasks")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            kept.chunks.insert(
                r.get(0)?,
                TaskCounts {
                    tasks: r.get(1)?,
                    done: r.get(2)?,
                    red: r.get(3)?,
                    yellow: r.get(4)?,
                },
            );
        }
        Ok(kept)
    }

    /// Keeps `parts` unless a write came after their snapshot; never waits for another clerk's
    /// lock. Parts already kept are left as they are, and a keeping that adds nothing commits
    /// nothing (other sessions would read again for it). Not a change of the record for this
    /// connection's `change_stamp`.
    pub fn keep_rollup(&mut self, parts: &RollupToKeep) -> Result<Kept> {
        let before = self.conn.total_changes();
        self.conn.busy_timeout(Duration::ZERO)?;
        let result = self.keep_rollup_in(parts);
        let _ = self.conn.busy_timeout(super::BUSY_TIMEOUT);
        self.scratch_changes += self.conn.total_changes().saturating_sub(before);
        match result {
            Err(super::StoreError::Busy) => Ok(Kept::Busy),
            other => other,
        }
    }

    fn keep_rollup_in(&mut self, parts: &RollupToKeep) -> Result<Kept> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let state: Option<(i64, String)> = tx
            .query_row(
                "SELECT writes, basis FROM rollup_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let Some((writes, basis)) = state else {
            return Ok(Kept::Stale);
        };
        if writes != parts.writes {
            return Ok(Kept::Stale);
        }
        if superseded(&parts.basis, &basis) {
            return Ok(Kept::Superseded);
        }
        if basis != parts.basis {
            // An earlier day's or another build's parts: none of them holds for this basis.
            tx.execute_batch("DELETE FROM rollup_department; DELETE FROM rollup_tasks;")?;
            tx.execute(
                "UPDATE rollup_state SET basis = ?1 WHERE id = 1",
                [&parts.basis],
            )?;
        }
        let mut added = 0;
        {
            let mut dept = tx.prepare_cached(
                "INSERT OR IGNORE INTO rollup_department
                     (department_id, led, co, done, red, yellow, next_deadline, weighted_sum,
                      weight_total)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (id, r) in &parts.departments {
                let (sum, total) = r.sums();
                added += dept.execute(params![
                    id,
                    r.led,
                    r.co,
                    r.done,
                    r.red,
                    r.yellow,
                    r.next_deadline.map(super::model::day),
                    sum,
                    total
                ])?;
            }
            let mut chunk = tx.prepare_cached(
                "INSERT OR IGNORE INTO rollup_tasks (chunk, tasks, done, red, yellow)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (id, c) in &parts.chunks {
                added += chunk.execute(params![id, c.tasks, c.done, c.red, c.yellow])?;
            }
        }
        if added == 0 && basis == parts.basis {
            tx.rollback()?;
        } else {
            // Other sessions see the commit; this count tells them it was only a keeping
            // (`Db::write_stamp`), which no screen shows.
            tx.execute("UPDATE rollup_state SET keeps = keeps + 1 WHERE id = 1", [])?;
            tx.commit()?;
        }
        Ok(Kept::Added(added))
    }

    /// The basis the file keeps parts for (`None`: none kept yet).
    pub fn kept_basis(&self) -> Result<Option<String>> {
        let basis: Option<String> = self
            .conn
            .query_row("SELECT basis FROM rollup_state WHERE id = 1", [], |r| {
                r.get(0)
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Ok(basis.filter(|b| !b.is_empty()))
    }

    /// Drops every kept part (`duban check --drop-kept`): derived figures, counted again on the
    /// next read. Counts as a write, so that nothing read before is kept after.
    pub fn drop_kept_rollup(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM rollup_department;
             DELETE FROM rollup_tasks;
             UPDATE rollup_state SET writes = writes + 1, basis = '';",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One department's current units, in task order (the order a whole read adds them in).
    pub fn for_each_current_fact_of(
        &self,
        department_id: i64,
        mut each: impl FnMut(AssignmentFact),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, department_id, role, percent, weight, starts_on, deadline
             FROM assignment WHERE department_id = ?1 AND removed_at IS NULL ORDER BY task_id",
        )?;
        let mut rows = stmt.query([department_id])?;
        let mut dates = DateCache::default();
        while let Some(r) = rows.next()? {
            each(super::read::fact_row(r, &mut dates)?);
        }
        Ok(())
    }
}
