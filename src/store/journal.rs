//! Reads for scriptable entry (`duban update`, `duban log`): finding a task by what a person typed,
//! and the progress journal, newest first.
//!
//! The journal may hold millions of rows, so it is streamed to a callback with a `LIMIT` in the
//! query, and each filter has a statement shaped so that SQLite walks an index rather than the
//! whole table (see `journal_sql`; `tests/journal.rs` checks the plans).

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::Db;
use super::error::Result;
use super::model::*;
use super::read::percent_col;
use crate::domain::{Role, normalise_number};

/// A task as a person picks it: enough to tell two tasks with the same number apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub plan_title: String,
}

/// Which journal rows to read. `None` filters nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct JournalQuery {
    pub task_id: Option<i64>,
    pub department_id: Option<i64>,
    /// Rows reported at or after this instant.
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
    /// Only rows on this plan's tasks.
    pub plan: Option<i64>,
}

/// One journal row with the names a reader needs.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRow {
    pub id: i64,
    pub task_id: i64,
    pub task_number: String,
    pub department_id: i64,
    pub department: String,
    pub percent: crate::domain::Percent,
    pub note: String,
    pub reported_by: String,
    /// ISO UTC, as stored.
    pub reported_at: String,
    /// The entry this row takes back, when an undo appended it.
    pub undoes: Option<i64>,
    /// The department `department` was merged into since, if it was: the row keeps its maker.
    pub merged_into: Option<String>,
    /// The task's plan: numbers repeat across the plans of a file.
    pub plan_id: i64,
}

/// The stored number in the form `normalise_number` gives typed ones (ASCII brackets, no spaces),
/// so `(二)3` typed either way finds a number stored either way.
/// The same expression as the index `task_by_number` in schema.sql: change both or neither.
const NUMBER_NORMALISED: &str =
    "replace(replace(replace(t.number, ' ', ''), '（', '('), '）', ')')";

const TASK_REF_COLUMNS: &str = "t.id, t.number, t.title, p.title";

fn task_ref_row(r: &Row<'_>) -> rusqlite::Result<TaskRef> {
    Ok(TaskRef {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        plan_title: r.get(3)?,
    })
}

impl Db {
    /// Every task whose number, as printed, is `number` (in either bracket width), in plan order.
    /// Several plans in one file, or numbering that restarts, give several.
    ///
    /// There is no index on `task.number`: this reads the task table once (80 ms at 100,000
    /// tasks, release build), which a command run once can afford; `#id` is the instant form.
    pub fn find_tasks_by_number(&self, number: &str) -> Result<Vec<TaskRef>> {
        let sql = format!(
            "SELECT {TASK_REF_COLUMNS} FROM task t JOIN plan p ON p.id = t.plan_id
             WHERE {NUMBER_NORMALISED} = ?1 AND t.deleted_at IS NULL
             ORDER BY t.plan_id, t.position, t.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([normalise_number(number)], task_ref_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` tasks whose number ends with `number`: what a person who typed `3` may have
    /// meant when the plan numbers it `(二)3`. Offered, never picked.
    pub fn tasks_with_number_ending(&self, number: &str, limit: u32) -> Result<Vec<TaskRef>> {
        let sql = format!(
            "SELECT {TASK_REF_COLUMNS} FROM task t JOIN plan p ON p.id = t.plan_id
             WHERE substr({n}, -length(?1)) = ?1 AND length({n}) > length(?1)
               AND t.deleted_at IS NULL
             ORDER BY t.plan_id, t.position, t.id LIMIT ?2",
            n = NUMBER_NORMALISED
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![normalise_number(number), limit], task_ref_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn task_by_id(&self, id: i64) -> Result<Option<TaskRef>> {
        let sql = format!(
            "SELECT {TASK_REF_COLUMNS} FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], task_ref_row)
            .optional()?)
    }

    /// A task's units in the order the plan names them, with their current percent.
    pub fn task_units(&self, task_id: i64) -> Result<Vec<TaskUnit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.department_id, d.name, a.role, a.percent
             FROM assignment a JOIN department d ON d.id = a.department_id
             WHERE a.task_id = ?1 AND a.ended_at IS NULL
             ORDER BY a.position, d.position, d.id",
        )?;
        let rows = stmt.query_map([task_id], |r| {
            let role: String = r.get(2)?;
            Ok(TaskUnit {
                department_id: r.get(0)?,
                name: r.get(1)?,
                role: role.parse().unwrap_or(Role::Co),
                percent: percent_col(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `each` with the journal rows matching `q`, newest first (by report time, then id),
    /// one at a time; `each` returns `Break` to stop early (a closed pipe).
    pub fn for_each_journal_row(
        &self,
        q: &JournalQuery,
        mut each: impl FnMut(JournalRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(journal_sql(q))?;
        let mut rows = stmt.query(journal_params(q))?;
        while let Some(r) = rows.next()? {
            let row = JournalRow {
                id: r.get(0)?,
                task_id: r.get(1)?,
                task_number: r.get(2)?,
                department_id: r.get(3)?,
                department: r.get(4)?,
                percent: percent_col(r, 5)?,
                note: r.get(6)?,
                reported_by: r.get(7)?,
                reported_at: r.get(8)?,
                undoes: r.get(9)?,
                merged_into: r.get(10)?,
                plan_id: r.get(11)?,
            };
            if each(row).is_break() {
                break;
            }
        }
        Ok(())
    }

    /// SQLite's plan for the journal read of `q`, one line per step (`EXPLAIN QUERY PLAN`): how the
    /// tests check that a filter walks an index instead of the whole journal.
    pub fn journal_query_plan(&self, q: &JournalQuery) -> Result<Vec<String>> {
        let sql = format!("EXPLAIN QUERY PLAN {}", journal_sql(q));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(journal_params(q), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One statement per filter combination, because SQLite picks its index when it prepares the
/// statement: a `?1 IS NULL OR task_id = ?1` form would scan the journal for every filter.
///
/// - nothing: `progress_by_time`, walked backwards, stops after `LIMIT` rows;
/// - a task (and a department): `progress_by_assignment`;
/// - a department alone: its assignments through `assignment_by_department`, then each one's rows
///   through `progress_by_assignment` (`CROSS JOIN` keeps that order), sorted: the work is the
///   size of that department's history, not of the journal.
///
/// Every shape takes the same five parameters (a shape that does not filter on `?1` or `?2` leaves
/// it unused): `?3` is the lower time bound (`''` when none: every stored instant sorts after
/// it), `?4` the limit (-1: none), so each shape is one statement whatever the values.
fn journal_sql(q: &JournalQuery) -> &'static str {
    match (q.task_id, q.department_id) {
        (None, None) => {
            "SELECT p.id, p.task_id, t.number, p.department_id, d.name, p.percent, p.note,
                    p.reported_by, p.reported_at, p.undoes,
                    (SELECT m.name FROM department m WHERE m.id = d.merged_into), t.plan_id
             FROM progress p
             JOIN task t ON t.id = p.task_id
             JOIN department d ON d.id = p.department_id
             WHERE p.reported_at >= ?3 AND (?5 IS NULL OR t.plan_id = ?5)
             ORDER BY p.reported_at DESC, p.id DESC
             LIMIT ?4"
        }
        (Some(_), None) => {
            "SELECT p.id, p.task_id, t.number, p.department_id, d.name, p.percent, p.note,
                    p.reported_by, p.reported_at, p.undoes,
                    (SELECT m.name FROM department m WHERE m.id = d.merged_into), t.plan_id
             FROM progress p
             JOIN task t ON t.id = p.task_id
             JOIN department d ON d.id = p.department_id
             WHERE p.task_id = ?1 AND p.reported_at >= ?3 AND (?5 IS NULL OR t.plan_id = ?5)
             ORDER BY p.reported_at DESC, p.id DESC
             LIMIT ?4"
        }
        (Some(_), Some(_)) => {
            "SELECT p.id, p.task_id, t.number, p.department_id, d.name, p.percent, p.note,
                    p.reported_by, p.reported_at, p.undoes,
                    (SELECT m.name FROM department m WHERE m.id = d.merged_into), t.plan_id
             FROM progress p
             JOIN task t ON t.id = p.task_id
             JOIN department d ON d.id = p.department_id
             WHERE p.task_id = ?1 AND p.department_id = ?2 AND p.reported_at >= ?3 AND (?5 IS NULL OR t.plan_id = ?5)
             ORDER BY p.reported_at DESC, p.id DESC
             LIMIT ?4"
        }
        (None, Some(_)) => {
            "SELECT p.id, p.task_id, t.number, p.department_id, d.name, p.percent, p.note,
                    p.reported_by, p.reported_at, p.undoes,
                    (SELECT m.name FROM department m WHERE m.id = d.merged_into), t.plan_id
             FROM assignment a
             CROSS JOIN progress p ON p.task_id = a.task_id AND p.department_id = a.department_id
             JOIN task t ON t.id = p.task_id
             JOIN department d ON d.id = p.department_id
             WHERE a.department_id = ?2 AND p.reported_at >= ?3 AND (?5 IS NULL OR t.plan_id = ?5)
             ORDER BY p.reported_at DESC, p.id DESC
             LIMIT ?4"
        }
    }
}

fn journal_params(q: &JournalQuery) -> impl rusqlite::Params {
    let since = q.since.map(instant).unwrap_or_default();
    // SQLite reads a negative LIMIT as "no limit"; a limit past i64 is no limit either.
    let limit = q.limit.and_then(|n| i64::try_from(n).ok()).unwrap_or(-1);
    (q.task_id, q.department_id, since, limit, q.plan)
}
