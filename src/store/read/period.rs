//! Reads for a reporting period: each assignment's percent when the period began, and the journal
//! rows inside it, streamed (the circular and the cycle check replay them in `report`).

use std::ops::RangeInclusive;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::super::Db;
use super::super::error::{Result, StoreError};
use super::super::model::*;
use super::{AS_OF_ROLE, AS_OF_STARTS, TASK_PAST, UNIT_STANDS, percent_col};
use crate::domain::Role;

impl Db {
    /// Every assignment of a task that exists at `end` (created before it, not deleted by then),
    /// with its percent just before `start` (0 before any report), by task then unit order; of
    /// the tasks with ids in `tasks` (`ALL_TASKS`, or a part of the plan read side by side), of
    /// `plan` (`None`: of every plan).
    pub fn period_assignments(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        tasks: RangeInclusive<i64>,
        plan: Option<i64>,
        mut each: impl FnMut(PeriodAssignment),
    ) -> Result<()> {
        // One plan (`?5`): its tasks, found by the plan's index; every plan: `?5` is NULL.
        let of_plan = if plan.is_some() {
            "a.task_id IN (SELECT x.id FROM task x WHERE x.plan_id = ?5)"
        } else {
            "?5 IS NULL"
        };
        // An assignment last reported before `start` still holds that value (its current
        // percent and `updated_at` are the newest journal row's, which `duban check` verifies):
        // only the others need the journal searched.
        const PERCENT: &str = "CASE WHEN a.updated_at < ?1 THEN a.percent
                         ELSE coalesce((SELECT g.percent FROM progress g
                              WHERE g.task_id = a.task_id AND g.department_id = a.department_id
                                AND g.reported_at < ?1
                              ORDER BY g.reported_at DESC, g.id DESC LIMIT 1), 0) END";
        // When every task was created before `end` and none deleted at or after it (the current
        // period, as a rule: the TUI's ○ marks, the default circular), the tasks existing at
        // `end` are the tasks not deleted, which the assignment table's copy of each task's
        // deletion says without reading every task: half the time at 100,000 tasks. `?2 IS NOT
        // NULL` only keeps both statements' parameters alike.
        // One read transaction: the check and the read see the same moment of the file.
        let snapshot = self.conn.unchecked_transaction()?;
        let sql = if self.tasks_all_exist_at(end)? {
            format!(
                "SELECT a.task_id, a.department_id, a.role, {PERCENT}, a.starts_on
                 FROM assignment a
                 WHERE a.task_id BETWEEN ?3 AND ?4 AND a.removed_at IS NULL AND ?2 IS NOT NULL
                   AND {of_plan}"
            )
        } else {
            // The structure as it stood at `end` (schema.sql `task_past`, `assignment_past`).
            format!(
                "SELECT a.task_id, a.department_id, {AS_OF_ROLE}, {PERCENT}, {AS_OF_STARTS}
                 FROM task t CROSS JOIN assignment a ON a.task_id = t.id
                 JOIN plan p ON p.id = t.plan_id
                 {TASK_PAST}
                 WHERE t.id BETWEEN ?3 AND ?4 AND {of_plan}
                   AND t.created_at < ?2 AND (t.deleted_at IS NULL OR t.deleted_at >= ?2)
                   AND {UNIT_STANDS}"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            instant(start),
            instant(end),
            tasks.start(),
            tasks.end(),
            plan
        ])?;
        let mut dates = super::DateCache::default();
        while let Some(r) = rows.next()? {
            let role: String = r.get(2)?;
            each(PeriodAssignment {
                task_id: r.get(0)?,
                department_id: r.get(1)?,
                role: role.parse().unwrap_or(Role::Co),
                before: percent_col(r, 3)?,
                starts_on: dates.get(r, 4)?,
            });
        }
        drop(rows);
        drop(stmt);
        snapshot.commit()?;
        Ok(())
    }

    /// Whether the tasks that exist at `end` are exactly the ones not deleted: none was created
    /// at or after it, and none deleted at or after it. Two index lookups.
    /// Whether anything of the structure was edited at or after `at` (a task's fields, a unit's
    /// role, place or standing, a department's name): if not, the structure at `at` is today's
    /// and an as-of read may use the current columns.
    pub(in crate::store) fn structure_kept_since(&self, at: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM task_past WHERE until >= ?1)
                     OR EXISTS (SELECT 1 FROM assignment_past WHERE until >= ?1)
                     OR EXISTS (SELECT 1 FROM department_past WHERE until >= ?1)",
            )?
            .query_row([instant(at)], |r| r.get(0))?)
    }

    fn tasks_all_exist_at(&self, end: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce((SELECT max(created_at) FROM task) < ?1, 1)
                        AND NOT EXISTS (SELECT 1 FROM task WHERE deleted_at >= ?1)
                        AND NOT EXISTS (SELECT 1 FROM assignment WHERE ended_at >= ?1)
                        AND NOT EXISTS (SELECT 1 FROM task_past WHERE until >= ?1)
                        AND NOT EXISTS (SELECT 1 FROM assignment_past WHERE until >= ?1)",
            )?
            .query_row([instant(end)], |r| r.get(0))?)
    }

    /// The journal rows in [`start`, `end`), oldest first, each saying whether it is a report
    /// that stands at `end` (the net journal: see `PeriodReport::stands`). Every reader of who
    /// reported when (the cycle check, the ○ marks, the circular) takes the rule from here.
    pub fn period_reports(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        each: impl FnMut(PeriodReport),
    ) -> Result<()> {
        self.period_reports_part(start..end, end, each)
    }

    /// The journal's last row id, 0 when it is empty: the journal is append-only, so this is
    /// about how many rows it holds, found without counting them.
    pub fn journal_last_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM progress")?
            .query_row([], |r| r.get(0))?)
    }

    /// Whether some journal row is older than `at`.
    pub fn journal_before(&self, at: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM progress WHERE reported_at < ?1)")?
            .query_row([instant(at)], |r| r.get(0))?)
    }

    /// Whether at least `n` journal rows have their instant in `window`; the count stops at `n`.
    pub fn period_reports_reach(
        &self,
        window: std::ops::Range<DateTime<Utc>>,
        n: i64,
    ) -> Result<bool> {
        let found: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM progress
                     WHERE reported_at >= ?1 AND reported_at < ?2 LIMIT ?3)",
            )?
            .query_row(
                params![instant(window.start), instant(window.end), n],
                |r| r.get(0),
            )?;
        Ok(found >= n)
    }

    /// The rows of `period_reports(window.start, window.end)` with ids in `ids`, by id (the
    /// order they are stored in) rather than in time: a window that holds much of the journal is
    /// read straight through the table, where the time index would look up each row apart (six
    /// times as long). Stops at the first row whose instant is not in duban's own form (`instant`:
    /// whole seconds, UTC), written around duban, and says so (`Ok(false)`): only in that form
    /// does the instants' order as text, by which `period_reports` orders them, equal their
    /// order in time, by which a reader of these rows must sort them.
    pub fn period_reports_by_id(
        &self,
        window: std::ops::Range<DateTime<Utc>>,
        ids: RangeInclusive<i64>,
        mut each: impl FnMut(PeriodReport),
    ) -> Result<bool> {
        // As in `period_reports_part`; NOT INDEXED keeps the time index out of the plan, while
        // the ids still bound the walk of the table.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.task_id, p.department_id, p.percent, p.reported_at,
                    p.undoes IS NULL AND NOT EXISTS (
                        SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.reported_at < ?2)
             FROM progress p NOT INDEXED
             WHERE p.id BETWEEN ?3 AND ?4 AND p.reported_at >= ?1 AND p.reported_at < ?2
             ORDER BY p.id",
        )?;
        let mut rows = stmt.query(params![
            instant(window.start),
            instant(window.end),
            ids.start(),
            ids.end()
        ])?;
        while let Some(r) = rows.next()? {
            let at = r.get_ref(3)?.as_str().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
            })?;
            // A leap second (`…:60Z`, which the schema lets in) has its minute's 59th second's
            // instant: only its text orders it after that one.
            if at.len() != 20 || at.as_bytes()[17] == b'6' {
                return Ok(false);
            }
            each(period_report(r, at)?);
        }
        Ok(true)
    }

    /// The rows of `period_reports(_, end)` whose instant is in `part` (within the window), in
    /// the same order and with the same `stands`: a long window read in pieces side by side.
    pub fn period_reports_part(
        &self,
        part: std::ops::Range<DateTime<Utc>>,
        end: DateTime<Utc>,
        mut each: impl FnMut(PeriodReport),
    ) -> Result<()> {
        // `u.undoes = p.id` is one probe of the unique index `progress_undoes`.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.task_id, p.department_id, p.percent, p.reported_at,
                    p.undoes IS NULL AND NOT EXISTS (
                        SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.reported_at < ?3)
             FROM progress p
             WHERE p.reported_at >= ?1 AND p.reported_at < ?2
             ORDER BY p.reported_at, p.id",
        )?;
        let mut rows = stmt.query(params![
            instant(part.start),
            instant(part.end),
            instant(end)
        ])?;
        while let Some(r) = rows.next()? {
            let at: String = r.get(3)?;
            each(period_report(r, &at)?);
        }
        Ok(())
    }
}

/// A row of `period_reports`' columns (task, department, percent, instant, stands), its instant's
/// text `at` read already.
fn period_report(r: &rusqlite::Row<'_>, at: &str) -> Result<PeriodReport> {
    let at = DateTime::parse_from_rfc3339(at)
        .map_err(|_| StoreError::Refused(format!("journal instant {at:?} is not ISO 8601")))?;
    Ok(PeriodReport {
        task_id: r.get(0)?,
        department_id: r.get(1)?,
        percent: percent_col(r, 2)?,
        reported_at: at.with_timezone(&Utc),
        stands: r.get(4)?,
    })
}
