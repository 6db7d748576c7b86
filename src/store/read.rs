//! Typed reads.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::Db;
use super::error::{Result, StoreError};
use super::model::*;
use crate::domain::{
    AssignmentFact, ClerkRole, CycleSettings, Percent, Role, Schedule, ScoreRule, Thresholds,
};

mod departments;
mod period;
mod task_each;

pub(super) use departments::department_names;

/// A stored setting the rules cannot read (edited by hand in SQLite): refused, naming it.
fn bad_setting(key: &str, value: &str) -> StoreError {
    StoreError::Refused(format!("setting {key} = {value:?} is not valid"))
}

/// The current percent, or the one the journal held just before `as_of` (0 before the first
/// report). Both forms read the same columns so one row mapper serves both.
pub(super) const CURRENT_PERCENT: &str = "a.percent";
pub(super) const AS_OF_PERCENT: &str = "coalesce((SELECT g.percent FROM progress g
      WHERE g.task_id = a.task_id AND g.department_id = a.department_id AND g.reported_at < ?2
      ORDER BY g.reported_at DESC, g.id DESC LIMIT 1), 0)";

/// Tasks that exist: not deleted, or (as of `?2`) deleted only at or after that instant. With `?2`
/// NULL the comparison is NULL, so a deleted task is left out of current reads.
pub(super) const TASK_EXISTS: &str = "(t.deleted_at IS NULL OR t.deleted_at >= ?2)";

/// The task's values as they stood at `?2` (schema.sql `task_past`): the earliest past row kept
/// at or after `?2`; with none (a current read, or no edit since), the task's own. Join it after
/// `task t` and `plan p`, then read the `AS_OF_*` columns.
pub(super) const TASK_PAST: &str = "LEFT JOIN task_past tp ON tp.task_id = t.id
      AND tp.until = (SELECT min(x.until) FROM task_past x WHERE x.task_id = t.id AND x.until >= ?2)";
pub(super) const AS_OF_NUMBER: &str = "coalesce(tp.number, t.number)";
pub(super) const AS_OF_TITLE: &str = "coalesce(tp.title, t.title)";
/// The section join for as-of reads: the section the task was in (after `TASK_PAST`).
pub(super) const AS_OF_SECTION: &str = "LEFT JOIN section s
      ON s.id = CASE WHEN tp.task_id IS NULL THEN t.section_id ELSE tp.section_id END";
pub(super) const AS_OF_OWN_DEADLINE: &str =
    "CASE WHEN tp.task_id IS NULL THEN t.deadline ELSE tp.deadline END";
pub(super) const AS_OF_DEADLINE_TEXT: &str =
    "CASE WHEN tp.task_id IS NULL THEN t.deadline_text ELSE tp.deadline_text END";
pub(super) const AS_OF_STARTS: &str =
    "coalesce(CASE WHEN tp.task_id IS NULL THEN t.starts_on ELSE tp.starts_on END, p.starts_on)";
pub(super) const AS_OF_DEADLINE: &str =
    "coalesce(CASE WHEN tp.task_id IS NULL THEN t.deadline ELSE tp.deadline END, p.ends_on)";
pub(super) const AS_OF_WEIGHT: &str = "coalesce(tp.weight, t.weight)";
/// A unit's role at `?2` (schema.sql `assignment_past`).
pub(super) const AS_OF_ROLE: &str = "coalesce((SELECT ap.role FROM assignment_past ap
      WHERE ap.task_id = a.task_id AND ap.department_id = a.department_id AND ap.until >= ?2
      ORDER BY ap.until LIMIT 1), a.role)";
/// A unit's place among its task's units at `?2`.
pub(super) const AS_OF_POSITION: &str = "coalesce((SELECT ap.position FROM assignment_past ap
      WHERE ap.task_id = a.task_id AND ap.department_id = a.department_id AND ap.until >= ?2
      ORDER BY ap.until LIMIT 1), a.position)";
/// A department's name at `?2` (schema.sql `department_past`).
pub(super) const AS_OF_NAME: &str = "coalesce((SELECT dp.name FROM department_past dp
      WHERE dp.department_id = d.id AND dp.until >= ?2 ORDER BY dp.until LIMIT 1), d.name)";

/// Units that stand on their task: now (`?2` NULL), those not taken off it (a merge ends the merged
/// department's assignments); as of `?2`, as `assignment_past` says they stood then.
pub(super) const UNIT_STANDS: &str = "coalesce((SELECT ap.stood FROM assignment_past ap
      WHERE ap.task_id = a.task_id AND ap.department_id = a.department_id AND ap.until >= ?2
      ORDER BY ap.until LIMIT 1), a.ended_at IS NULL)";

impl Db {
    pub fn plans(&self) -> Result<Vec<Plan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, doc_no, issuer, starts_on, ends_on FROM plan ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Plan {
                id: r.get(0)?,
                title: r.get(1)?,
                doc_no: r.get(2)?,
                issuer: r.get(3)?,
                starts_on: date_col(r, 4)?,
                ends_on: date_col(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The light thresholds from `setting`; defaults for keys not set.
    pub fn thresholds(&self) -> Result<Thresholds> {
        self.thresholds_at(None)
    }

    /// The light thresholds as they stood just before `end` (ISO UTC; `None`: now).
    pub fn thresholds_at(&self, end: Option<&str>) -> Result<Thresholds> {
        let mut t = Thresholds::default();
        for (key, value) in self.settings_like_at("light.%", end)? {
            crate::domain::setting::apply_light(&mut t, &key, &value)
                .map_err(|_| bad_setting(&key, &value))?;
        }
        Ok(t)
    }

    /// The reporting cycle from `setting` (monthly, due on the 25th, unless set).
    pub fn cycle_settings(&self) -> Result<CycleSettings> {
        self.cycle_settings_at(None)
    }

    /// The reporting cycle as it stood just before `end`.
    pub fn cycle_settings_at(&self, end: Option<&str>) -> Result<CycleSettings> {
        let mut c = CycleSettings::default();
        for (key, value) in self.settings_like_at("cycle.%", end)? {
            crate::domain::setting::apply_cycle(&mut c, &key, &value)
                .map_err(|_| bad_setting(&key, &value))?;
        }
        Ok(c)
    }

    /// The scoring rule from `setting` (the min-max preset with its default weights, unless set).
    pub fn score_rule(&self) -> Result<ScoreRule> {
        self.score_rule_at(None)
    }

    /// The scoring rule as it stood just before `end`.
    pub fn score_rule_at(&self, end: Option<&str>) -> Result<ScoreRule> {
        let mut rule = ScoreRule::default();
        for (key, value) in self.settings_like_at("score.%", end)? {
            crate::domain::setting::apply_score(&mut rule, &key, &value)
                .map_err(|_| bad_setting(&key, &value))?;
        }
        Ok(rule)
    }

    /// Every stored setting whose key matches the LIKE `pattern`, by key.
    pub fn settings_like(&self, pattern: &str) -> Result<Vec<(String, String)>> {
        self.settings_like_at(pattern, None)
    }

    /// The settings matching `pattern` as they stood just before `end` (`setting_past`: the
    /// earliest value kept at or after it; a key not set then is left out).
    pub(super) fn settings_like_at(
        &self,
        pattern: &str,
        end: Option<&str>,
    ) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.key, CASE WHEN sp.id IS NULL THEN s.value ELSE sp.value END AS v
             FROM (SELECT key FROM setting WHERE key LIKE ?1
                   UNION SELECT key FROM setting_past WHERE key LIKE ?1 AND until >= ?2) k
             LEFT JOIN setting s ON s.key = k.key
             LEFT JOIN setting_past sp ON sp.key = k.key
                  AND sp.until = (SELECT min(x.until) FROM setting_past x
                                  WHERE x.key = k.key AND x.until >= ?2)
             WHERE v IS NOT NULL
             ORDER BY k.key",
        )?;
        let rows = stmt.query_map(params![pattern, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn clerk(&self, username: &str) -> Result<Option<Clerk>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT username, display_name, department_id, role FROM clerk WHERE username = ?1",
        )?;
        Ok(stmt.query_row([username], clerk_row).optional()?)
    }

    /// When `username` is not a clerk but was one: the audit's last removal of it. `None` for a
    /// clerk, and for a login that never was one.
    pub fn clerk_removal(&self, username: &str) -> Result<Option<ClerkRemoval>> {
        if self.clerk(username)?.is_some() {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT by, at FROM audit
             WHERE entity = 'clerk' AND entity_id = ?1 AND action = 'delete'
             ORDER BY id DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row([username], |r| {
                Ok(ClerkRemoval {
                    by: r.get(0)?,
                    at: r.get(1)?,
                })
            })
            .optional()?)
    }

    pub fn clerks(&self) -> Result<Vec<Clerk>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT username, display_name, department_id, role FROM clerk ORDER BY username",
        )?;
        let rows = stmt.query_map([], clerk_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn assignment(&self, task_id: i64, department_id: i64) -> Result<Option<AssignmentState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.task_id, a.department_id, a.role, a.percent, a.version, a.updated_by,
                    a.updated_at
             FROM assignment a JOIN task t ON t.id = a.task_id
             WHERE a.task_id = ?1 AND a.department_id = ?2 AND t.deleted_at IS NULL
               AND a.ended_at IS NULL",
        )?;
        Ok(stmt
            .query_row(params![task_id, department_id], assignment_row)
            .optional()?)
    }

    /// The journal of one assignment, oldest first. Also for a deleted task: its history stays
    /// readable.
    pub fn history(&self, task_id: i64, department_id: i64) -> Result<Vec<ProgressEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, percent, note, reported_by, reported_at FROM progress
             WHERE task_id = ?1 AND department_id = ?2 ORDER BY reported_at, id",
        )?;
        let rows = stmt.query_map(params![task_id, department_id], |r| {
            Ok(ProgressEntry {
                id: r.get(0)?,
                percent: percent_col(r, 1)?,
                note: r.get(2)?,
                reported_by: r.get(3)?,
                reported_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tasks not deleted: all rows (counted from the smallest index) minus the deleted ones (a
    /// partial index holds only those), so neither count reads the task rows.
    pub fn task_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM task)
                      - (SELECT count(*) FROM task WHERE deleted_at IS NOT NULL)",
            )?
            .query_row([], |r| r.get::<_, i64>(0))?
            .max(0) as u64)
    }

    /// Calls `each` for every assignment in `scope`, streaming: nothing holds the whole table.
    /// For the whole plan, a task's assignments arrive one after another (callers count whole
    /// tasks on that).
    /// With `as_of`, percents come from the journal and tasks created later are left out.
    pub fn for_each_fact(&self, scope: Scope, mut each: impl FnMut(AssignmentFact)) -> Result<()> {
        if scope.department.is_none() && scope.as_of.is_none() && scope.plan.is_none() {
            return self.for_each_current_fact(each);
        }
        let percent = if scope.as_of.is_some() {
            AS_OF_PERCENT
        } else {
            CURRENT_PERCENT
        };
        // One department: its index finds its rows. Everyone: walk the tasks in order and each
        // task's assignments by primary key, which reads both tables sequentially (about twice as
        // fast at 100,000 tasks as hopping from the department index into `task`).
        let from = if scope.department.is_some() {
            "FROM assignment a JOIN task t ON t.id = a.task_id"
        } else {
            "FROM task t CROSS JOIN assignment a ON a.task_id = t.id"
        };
        // Apart, not `?1 IS NULL OR …`: the planner plans without the value and would walk the
        // whole department index for one department.
        let mine = if scope.department.is_some() {
            "a.department_id = ?1"
        } else {
            "?1 IS NULL"
        };
        // The kept past is read only when the structure changed since the instant (see
        // `for_each_task_existing_at`): a lookup per unit otherwise costs half of `status --as-of`.
        let kept = match scope.as_of {
            Some(at) => self.structure_kept_since(at)?,
            None => false,
        };
        let plan = plan_clause(scope.plan);
        let sql = if kept {
            format!(
                "SELECT a.task_id, a.department_id, {AS_OF_ROLE}, {percent}, {AS_OF_WEIGHT},
                        {AS_OF_STARTS}, {AS_OF_DEADLINE}
                 {from}
                 JOIN plan p ON p.id = t.plan_id
                 {TASK_PAST}
                 WHERE {mine} AND {plan}
                   AND (?2 IS NULL OR t.created_at < ?2) AND {TASK_EXISTS} AND {UNIT_STANDS}"
            )
        } else {
            format!(
                "SELECT a.task_id, a.department_id, a.role, {percent}, t.weight,
                        coalesce(t.starts_on, p.starts_on), coalesce(t.deadline, p.ends_on)
                 {from}
                 JOIN plan p ON p.id = t.plan_id
                 WHERE {mine} AND {plan}
                   AND (?2 IS NULL OR t.created_at < ?2) AND {TASK_EXISTS}
                   AND a.ended_at IS NULL"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let as_of = scope.as_of.map(instant);
        let mut rows = stmt.query(params![scope.department, as_of, scope.plan])?;
        let mut dates = DateCache::default();
        while let Some(r) = rows.next()? {
            each(fact_row(r, &mut dates)?);
        }
        Ok(())
    }

    /// Every current assignment of a task that is not deleted, from the assignment table alone: it
    /// carries its task's schedule and weight (schema 5), and its primary key keeps a task's units
    /// together. One sequential read of one table, where the join read every task too.
    fn for_each_current_fact(&self, mut each: impl FnMut(AssignmentFact)) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, department_id, role, percent, weight, starts_on, deadline
             FROM assignment WHERE removed_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut dates = DateCache::default();
        while let Some(r) = rows.next()? {
            each(fact_row(r, &mut dates)?);
        }
        Ok(())
    }

    /// The smallest and largest task id with a unit, for splitting the rollup into parts.
    pub fn assigned_task_ids(&self) -> Result<Option<(i64, i64)>> {
        Ok(self
            .conn
            // Apart: SQLite reads one end of the primary key for a lone min() or max(), but
            // scans the table for both in one SELECT.
            .prepare_cached(
                "SELECT (SELECT min(task_id) FROM assignment),
                        (SELECT max(task_id) FROM assignment)",
            )?
            .query_row([], |r| Ok(r.get::<_, Option<i64>>(0)?.zip(r.get(1)?)))?)
    }

    /// Like the whole-plan rollup's read, for the tasks with ids `first..=last` only: a range of
    /// the primary key, so parts of the rollup can be read side by side on their own connections.
    pub fn for_each_current_fact_between(
        &self,
        first: i64,
        last: i64,
        mut each: impl FnMut(AssignmentFact),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, department_id, role, percent, weight, starts_on, deadline
             FROM assignment WHERE task_id BETWEEN ?1 AND ?2 AND removed_at IS NULL",
        )?;
        let mut rows = stmt.query([first, last])?;
        let mut dates = DateCache::default();
        while let Some(r) = rows.next()? {
            each(fact_row(r, &mut dates)?);
        }
        Ok(())
    }

    /// Tasks with their units (in the order the plan names them), in plan order. With a department
    /// in `scope`, only the tasks it is assigned to (with all their units).
    pub fn tasks(&self, scope: Scope) -> Result<Vec<TaskRow>> {
        let selection = match scope.department {
            Some(id) => TaskSelection::Department(id),
            None => TaskSelection::All,
        };
        self.tasks_read(selection, scope.as_of, scope.plan, true)
    }

    /// The tasks that existed just before `as_of`, with their units' *current* percents: for
    /// callers that replay the journal themselves (the circular), which then need not pay for
    /// the as-of percent lookup twice.
    pub fn tasks_existing_at(
        &self,
        as_of: chrono::DateTime<chrono::Utc>,
        plan: Option<i64>,
    ) -> Result<Vec<TaskRow>> {
        self.tasks_read(TaskSelection::All, Some(as_of), plan, false)
    }

    pub(super) fn tasks_matching(
        &self,
        selection: TaskSelection<'_>,
        as_of: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<TaskRow>> {
        self.tasks_read(selection, as_of, None, true)
    }

    fn tasks_read(
        &self,
        selection: TaskSelection<'_>,
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        plan: Option<i64>,
        as_of_percent: bool,
    ) -> Result<Vec<TaskRow>> {
        let as_of = as_of.map(instant);
        // Each selection gets its own statement: `?1 IS NULL OR …` forms would hide the index
        // from the planner and scan every assignment.
        let (tasks_in, value): (&str, rusqlite::types::Value) = match selection {
            TaskSelection::All => ("?1 IS NULL", rusqlite::types::Value::Null),
            TaskSelection::Department(id) => (
                "IN (SELECT a.task_id FROM assignment a WHERE a.department_id = ?1
                     AND coalesce((SELECT ap.stood FROM assignment_past ap
                                   WHERE ap.task_id = a.task_id AND ap.department_id = a.department_id
                                     AND ap.until >= ?2 ORDER BY ap.until LIMIT 1),
                                  a.ended_at IS NULL))",
                id.into(),
            ),
            TaskSelection::Ids(list) => (
                "IN (SELECT value FROM json_each(?1))",
                list.to_string().into(),
            ),
        };
        let filter = |column: &str| {
            if tasks_in.starts_with("IN") {
                format!("{column} {tasks_in}")
            } else {
                tasks_in.to_string()
            }
        };
        let sql = format!(
            "SELECT t.id, t.plan_id, {AS_OF_NUMBER}, {AS_OF_TITLE}, s.number, s.title, {AS_OF_OWN_DEADLINE},
                    {AS_OF_DEADLINE_TEXT}, {AS_OF_STARTS}, {AS_OF_DEADLINE}, {AS_OF_WEIGHT},
                    t.created_at, t.deleted_at, t.position
             FROM task t
             JOIN plan p ON p.id = t.plan_id
             {TASK_PAST}
             {AS_OF_SECTION}
             WHERE {} AND {} AND (?2 IS NULL OR t.created_at < ?2) AND {TASK_EXISTS}",
            filter("t.id"),
            plan_clause(plan)
        );
        // Both reads are put in order here rather than by ORDER BY: SQLite's sorter copied
        // every row into records and back, a quarter of a department's read at 100,000 tasks
        // (its 250 tasks and their 800 units; `j` in the department list waits for it).
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut dates = DateCache::default();
        let mut in_plan_order: Vec<((i64, i64, i64), TaskRow)> = Vec::new();
        let mut rows = stmt.query(params![value, as_of, plan])?;
        while let Some(r) = rows.next()? {
            let task = task_row(r, &mut dates)?;
            in_plan_order.push(((task.plan_id, r.get(13)?, task.id), task));
        }
        drop(rows);
        in_plan_order.sort_unstable_by_key(|(order, _)| *order);
        let mut tasks: Vec<TaskRow> = in_plan_order.into_iter().map(|(_, t)| t).collect();
        let index: HashMap<i64, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let replay = as_of.is_some() && as_of_percent;
        let percent = if replay {
            AS_OF_PERCENT
        } else {
            CURRENT_PERCENT
        };
        let sql = format!(
            "SELECT a.task_id, a.department_id, {AS_OF_NAME}, {AS_OF_ROLE}, {percent},
                    {AS_OF_POSITION}, d.position
             FROM assignment a JOIN department d ON d.id = a.department_id
             WHERE {} AND {UNIT_STANDS}",
            filter("a.task_id")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![value, as_of])?;
        // Each task's units in the order the plan names them, then the department list's.
        let mut units: Vec<((usize, i64, i64, i64), TaskUnit)> = Vec::new();
        while let Some(r) = rows.next()? {
            let task_id: i64 = r.get(0)?;
            let Some(&i) = index.get(&task_id) else {
                continue;
            };
            let role: String = r.get(3)?;
            let unit = TaskUnit {
                department_id: r.get(1)?,
                name: r.get(2)?,
                role: role.parse().unwrap_or(Role::Co),
                percent: percent_col(r, 4)?,
            };
            units.push(((i, r.get(5)?, r.get(6)?, unit.department_id), unit));
        }
        units.sort_unstable_by_key(|(order, _)| *order);
        for ((i, ..), unit) in units {
            tasks[i].units.push(unit);
        }
        Ok(tasks)
    }
}

/// A task without its units, from the first 13 columns both task-list reads select: id, plan,
/// number, title, section number and title, deadline, deadline text, effective start and
/// deadline, weight, created, deleted.
pub(super) fn task_row(r: &Row<'_>, dates: &mut DateCache) -> rusqlite::Result<TaskRow> {
    Ok(TaskRow {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        section: section_label(r.get(4)?, r.get(5)?),
        deadline: r
            .get::<_, Option<String>>(6)?
            .and_then(|s| s.parse::<NaiveDate>().ok()),
        deadline_text: r.get(7)?,
        schedule: Schedule {
            starts_on: dates.get(r, 8)?,
            deadline: dates.get(r, 9)?,
        },
        weight: r.get(10)?,
        created_at: r.get(11)?,
        deleted_at: r.get(12)?,
        units: Vec::new(),
    })
}

/// A section as people cite it: "(一) 实施数字赋能行动", or whichever half it has.
pub(super) fn section_label(number: Option<String>, title: Option<String>) -> Option<String> {
    let number = number.filter(|n| !n.trim().is_empty());
    match (number, title) {
        (Some(n), Some(t)) => Some(format!("{n} {t}").trim().to_string()),
        (None, Some(t)) | (Some(t), None) => Some(t),
        (None, None) => None,
    }
}

/// The condition on `task t` for a plan in parameter `?3`. Apart, not `?3 IS NULL OR …`, as for
/// the department: the planner plans without the value.
pub(super) fn plan_clause(plan: Option<i64>) -> &'static str {
    if plan.is_some() {
        "t.plan_id = ?3"
    } else {
        "?3 IS NULL"
    }
}

/// Which tasks `tasks_matching` reads.
pub(super) enum TaskSelection<'a> {
    All,
    Department(i64),
    /// A JSON array of ids.
    Ids(&'a str),
}

pub(super) fn clerk_row(r: &Row<'_>) -> rusqlite::Result<Clerk> {
    let role: String = r.get(3)?;
    Ok(Clerk {
        username: r.get(0)?,
        display_name: r.get(1)?,
        department_id: r.get(2)?,
        role: role.parse().unwrap_or(ClerkRole::Viewer),
    })
}

pub(super) fn assignment_row(r: &Row<'_>) -> rusqlite::Result<AssignmentState> {
    let role: String = r.get(2)?;
    Ok(AssignmentState {
        task_id: r.get(0)?,
        department_id: r.get(1)?,
        role: role.parse().unwrap_or(Role::Co),
        percent: percent_col(r, 3)?,
        version: r.get(4)?,
        updated_by: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

fn conversion(col: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, msg.into())
}

/// A fact from the columns task, department, role, percent, weight, start, deadline.
pub(super) fn fact_row(r: &Row<'_>, dates: &mut DateCache) -> rusqlite::Result<AssignmentFact> {
    Ok(AssignmentFact {
        task_id: r.get(0)?,
        department_id: r.get(1)?,
        // Compared as text, not parsed into a String: this runs 250,000 times a status.
        role: if r.get_ref(2)? == rusqlite::types::ValueRef::Text(b"lead") {
            Role::Lead
        } else {
            Role::Co
        },
        percent: percent_col(r, 3)?,
        weight: r.get(4)?,
        schedule: Schedule {
            starts_on: dates.get(r, 5)?,
            deadline: dates.get(r, 6)?,
        },
    })
}

pub(super) fn percent_col(r: &Row<'_>, col: usize) -> rusqlite::Result<Percent> {
    let v: i64 = r.get(col)?;
    Percent::new(v).map_err(|_| conversion(col, format!("percent {v} out of range")))
}

fn date_col(r: &Row<'_>, col: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(col)?;
    s.parse()
        .map_err(|_| conversion(col, format!("bad date {s:?}")))
}

/// Reads ISO day columns while streaming rows. Rows come task by task and a plan has few distinct
/// deadlines, so each column remembers its last text and date; a new text is parsed from its ten
/// bytes directly (no allocation, no hashing: this runs half a million times a status).
#[derive(Default)]
pub(super) struct DateCache {
    last: Vec<([u8; 10], NaiveDate)>,
}

impl DateCache {
    pub(super) fn get(&mut self, r: &Row<'_>, col: usize) -> rusqlite::Result<NaiveDate> {
        let raw = r.get_ref(col)?.as_bytes()?;
        if self.last.len() <= col {
            self.last.resize(col + 1, ([0; 10], NaiveDate::MIN));
        }
        let (seen, date) = &mut self.last[col];
        if raw == seen.as_slice() {
            return Ok(*date);
        }
        let parsed = iso_day(raw).ok_or_else(|| {
            conversion(col, format!("bad date {:?}", String::from_utf8_lossy(raw)))
        })?;
        if let Ok(bytes) = <[u8; 10]>::try_from(raw) {
            *seen = bytes;
            *date = parsed;
        }
        Ok(parsed)
    }
}

/// `YYYY-MM-DD`, as the schema's CHECKs store every day.
fn iso_day(raw: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = raw else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
    let year = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
    let month = digit(m0)? * 10 + digit(m1)?;
    let day = digit(d0)? * 10 + digit(d1)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

impl Db {
    /// (tasks, tasks with no unit) in `scope` (a department scope counts its tasks; none unassigned).
    pub fn task_counts(&self, scope: Scope) -> Result<(u64, u64)> {
        let as_of = scope.as_of.map(instant);
        // One statement per scope: with `?1 IS NULL OR t.id IN (…)` the planner, which plans
        // without the value, read every task for one department.
        let mine = if scope.department.is_some() {
            "t.id IN (SELECT a.task_id FROM assignment a WHERE a.department_id = ?1 AND {UNIT_STANDS})"
        } else {
            "?1 IS NULL"
        };
        let mine = mine.replace("{UNIT_STANDS}", UNIT_STANDS);
        let plan = plan_clause(scope.plan);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*),
                    coalesce(sum(NOT EXISTS (SELECT 1 FROM assignment a
                                             WHERE a.task_id = t.id AND {UNIT_STANDS})), 0)
             FROM task t
             WHERE {mine} AND {plan}
               AND (?2 IS NULL OR t.created_at < ?2)
               AND (t.deleted_at IS NULL OR t.deleted_at >= ?2)"
        ))?;
        let (tasks, unassigned): (i64, i64) = stmt
            .query_row(params![scope.department, as_of, scope.plan], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok((tasks.max(0) as u64, unassigned.max(0) as u64))
    }
}
