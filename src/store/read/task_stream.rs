//! The task list as a stream in plan order: the circular's lists (every task, the red ones) are
//! written row by row from it, where a `Vec<TaskRow>` of 100,000 tasks with their texts was most of
//! the memory a report took.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::super::Db;
use super::super::error::Result;
use super::super::model::*;
use super::{
    AS_OF_DEADLINE, AS_OF_DEADLINE_TEXT, AS_OF_NAME, AS_OF_NUMBER, AS_OF_OWN_DEADLINE,
    AS_OF_POSITION, AS_OF_ROLE, AS_OF_SECTION, AS_OF_STARTS, AS_OF_TITLE, AS_OF_WEIGHT, DateCache,
    TASK_EXISTS, TASK_PAST, UNIT_STANDS, percent_col, task_row,
};
use crate::domain::Role;

impl Db {
    /// Calls `each` with every task (of `plan`, or of every plan) that existed just before
    /// `as_of`, one at a time: the rows `tasks_existing_at` returns (same order, units in the plan's order with their current
    /// percents), without holding them.
    pub fn for_each_task_existing_at(
        &self,
        as_of: DateTime<Utc>,
        plan: Option<i64>,
        mut each: impl FnMut(&TaskRow) -> Result<()>,
    ) -> Result<()> {
        // One plan: `?1` names it; every plan: `?1` is NULL.
        let plan_is = if plan.is_some() {
            "t.plan_id = ?1"
        } else {
            "?1 IS NULL"
        };
        // One pass: the tasks in plan order (the index), each task's units by primary key. The
        // units' own order is sorted here per task: asking SQLite for it ("a.position, d.position"
        // after the task's key) costs a sorter per task, twice the time of the whole read.
        // With nothing of the structure changed since `as_of` (the circular of the running or a
        // recent period, as a rule), the structure then is today's: the plain columns, without
        // a lookup in the kept past per task and per unit (two fifths of a circular's time at
        // 100,000 tasks).
        let sql = if self.structure_kept_since(as_of)? {
            format!(
                "SELECT t.id, t.plan_id, {AS_OF_NUMBER}, {AS_OF_TITLE}, s.number, s.title,
                        {AS_OF_OWN_DEADLINE}, {AS_OF_DEADLINE_TEXT}, {AS_OF_STARTS},
                        {AS_OF_DEADLINE}, {AS_OF_WEIGHT}, t.created_at, t.deleted_at,
                        a.department_id, {AS_OF_NAME}, {AS_OF_ROLE}, a.percent,
                        {AS_OF_POSITION}, d.position
                 FROM task t
                 JOIN plan p ON p.id = t.plan_id
                 {TASK_PAST}
                 {AS_OF_SECTION}
                 LEFT JOIN assignment a ON a.task_id = t.id AND {UNIT_STANDS}
                 LEFT JOIN department d ON d.id = a.department_id
                 WHERE {plan_is} AND t.created_at < ?2 AND {TASK_EXISTS}
                 ORDER BY t.plan_id, t.position, t.id"
            )
        } else {
            format!(
                "SELECT t.id, t.plan_id, t.number, t.title, s.number, s.title, t.deadline,
                        t.deadline_text, coalesce(t.starts_on, p.starts_on),
                        coalesce(t.deadline, p.ends_on), t.weight, t.created_at, t.deleted_at,
                        a.department_id, d.name, a.role, a.percent, a.position, d.position
                 FROM task t
                 JOIN plan p ON p.id = t.plan_id
                 LEFT JOIN section s ON s.id = t.section_id
                 LEFT JOIN assignment a ON a.task_id = t.id AND a.ended_at IS NULL
                 LEFT JOIN department d ON d.id = a.department_id
                 WHERE {plan_is} AND t.created_at < ?2 AND {TASK_EXISTS}
                 ORDER BY t.plan_id, t.position, t.id"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![plan, instant(as_of)])?;
        let mut dates = DateCache::default();
        let mut current: Option<TaskRow> = None;
        // (assignment position, department position, department id) of each unit of `current`.
        let mut order: Vec<(i64, i64, i64, TaskUnit)> = Vec::new();
        let mut flush = |task: &mut TaskRow, order: &mut Vec<(i64, i64, i64, TaskUnit)>| {
            order.sort_by_key(|u| (u.0, u.1, u.2));
            task.units.extend(order.drain(..).map(|u| u.3));
            each(task)
        };
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(mut done) = current.take_if(|t| t.id != id) {
                flush(&mut done, &mut order)?;
            }
            if current.is_none() {
                current = Some(task_row(r, &mut dates)?);
            }
            // No assignment (a task with no unit), or one whose department row is gone (the
            // list's inner join leaves it out too).
            let (Some(department_id), Some(name)) = (
                r.get::<_, Option<i64>>(13)?,
                r.get::<_, Option<String>>(14)?,
            ) else {
                continue;
            };
            let role: String = r.get(15)?;
            order.push((
                r.get(17)?,
                r.get(18)?,
                department_id,
                TaskUnit {
                    department_id,
                    name,
                    role: role.parse().unwrap_or(Role::Co),
                    percent: percent_col(r, 16)?,
                },
            ));
        }
        if let Some(mut done) = current {
            flush(&mut done, &mut order)?;
        }
        Ok(())
    }
}
