//! The task list one task at a time, in one buffer overwritten from task to task: `duban tasks`
//! writes each row as it is read and the cycle check keeps only what it names, where a
//! `Vec<TaskRow>` of 100,000 tasks with their texts and a String per unit was most of their time
//! and memory (issue 25).

use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use super::super::Db;
use super::super::error::Result;
use super::super::model::*;
use super::{
    AS_OF_DEADLINE, AS_OF_DEADLINE_TEXT, AS_OF_NAME, AS_OF_NUMBER, AS_OF_OWN_DEADLINE,
    AS_OF_PERCENT, AS_OF_POSITION, AS_OF_ROLE, AS_OF_SECTION, AS_OF_STARTS, AS_OF_TITLE,
    AS_OF_WEIGHT, CURRENT_PERCENT, DateCache, TASK_EXISTS, TASK_PAST, UNIT_STANDS, percent_col,
};
use crate::domain::Role;

/// What `each_task` reads: the tasks of a department (the units of its tasks all the same), at an
/// instant, of a plan, and which percent.
struct Read {
    department: Option<i64>,
    as_of: Option<DateTime<Utc>>,
    plan: Option<i64>,
    percent: Figure,
    /// The section of each task is read (a replay for the cycle check names none).
    sections: bool,
}

enum Figure {
    /// Now.
    Current,
    /// Just before `as_of`, from the journal.
    AsOf,
    /// Just before this instant (a period's start), as `period_assignments` reads it: an
    /// assignment last reported before then still holds that value (its current percent and
    /// `updated_at` are the newest journal row's); only the others search the journal.
    Before(DateTime<Utc>),
}

const BEFORE_START: &str = "CASE WHEN a.updated_at < ?4 THEN a.percent
     ELSE coalesce((SELECT g.percent FROM progress g
          WHERE g.task_id = a.task_id AND g.department_id = a.department_id
            AND g.reported_at < ?4
          ORDER BY g.reported_at DESC, g.id DESC LIMIT 1), 0) END";

/// `BEFORE_START` when no journal row is older than `?4` (the year a circular's trend replays,
/// in a file's first year), where its search of the journal, one per assignment reported since
/// (a quarter of the reading at 100,000 tasks), would find none.
const BEFORE_ANY_REPORT: &str = "CASE WHEN a.updated_at < ?4 THEN a.percent ELSE 0 END";

/// A unit of the task being read: its place (the plan's order, then the department list's), and
/// its name as a range of the task's name buffer.
struct Unit {
    order: (i64, i64, i64),
    role: Role,
    percent: crate::domain::Percent,
    name: Range<usize>,
}

impl Db {
    /// Calls `each` with every task of `scope`: the rows `tasks(scope)` returns, in the same
    /// order (plan order, each task's units in the plan's order, then the department list's) and
    /// with the same figures, one at a time. The row is lent mutably so that a caller may take
    /// its texts for the call and put them back; whatever is left is overwritten by the next.
    pub fn for_each_task(
        &self,
        scope: Scope,
        each: impl FnMut(&mut TaskRow) -> Result<()>,
    ) -> Result<()> {
        let read = Read {
            department: scope.department,
            as_of: scope.as_of,
            plan: scope.plan,
            percent: match scope.as_of {
                Some(_) => Figure::AsOf,
                None => Figure::Current,
            },
            sections: true,
        };
        self.each_task(read, each)
    }

    /// The tasks (of `plan`, or of every plan) that existed just before `end`, as the structure
    /// stood then, each unit's percent the one it held just before `start` (0 before any report):
    /// what a period's replay starts from, read with the tasks (the cycle check), without their
    /// sections. The units are the assignments `period_assignments` reads for the same window.
    pub fn for_each_task_before(
        &self,
        end: DateTime<Utc>,
        start: DateTime<Utc>,
        plan: Option<i64>,
        each: impl FnMut(&mut TaskRow) -> Result<()>,
    ) -> Result<()> {
        let read = Read {
            department: None,
            as_of: Some(end),
            plan,
            percent: Figure::Before(start),
            sections: false,
        };
        self.each_task(read, each)
    }

    /// Calls `each` with every task (of `plan`, or of every plan) that existed just before
    /// `as_of`, one at a time: the rows `tasks_existing_at` returns (same order, units in the
    /// plan's order with their current percents), without holding them. The circular's task
    /// lists are written from it; the departments' names are read once rather than joined to
    /// every unit, and the row's texts are reused from task to task (issue 25).
    pub fn for_each_task_existing_at(
        &self,
        as_of: DateTime<Utc>,
        plan: Option<i64>,
        mut each: impl FnMut(&TaskRow) -> Result<()>,
    ) -> Result<()> {
        let read = Read {
            department: None,
            as_of: Some(as_of),
            plan,
            percent: Figure::Current,
            sections: true,
        };
        self.each_task(read, |row| each(row))
    }

    /// `for_each_task_before` with the tasks' sections: the tasks that existed just before
    /// `end` as they stood then, each unit's percent the one it held just before `start`. The
    /// circular replays each unit from it and the window's journal rows, instead of holding
    /// every assignment of the file (a tenth of a gigabyte at a million tasks).
    ///
    /// `each` may take the row it is given (swap another in): the next task's row is made by
    /// setting every field of whatever row is left in its place.
    pub fn for_each_task_existing_at_from(
        &self,
        end: DateTime<Utc>,
        start: DateTime<Utc>,
        plan: Option<i64>,
        each: &mut dyn FnMut(&mut TaskRow) -> Result<()>,
    ) -> Result<()> {
        let read = Read {
            department: None,
            as_of: Some(end),
            plan,
            percent: Figure::Before(start),
            sections: true,
        };
        self.each_task(read, |row| each(row))
    }

    fn each_task(
        &self,
        read: Read,
        mut each: impl FnMut(&mut TaskRow) -> Result<()>,
    ) -> Result<()> {
        let Read {
            department,
            as_of,
            plan,
            percent,
            sections,
        } = read;
        // One read transaction: the check below and the read see the same moment of the file.
        let snapshot = self.conn.unchecked_transaction()?;
        // With nothing of the structure changed since `as_of` (or no `as_of`), the structure
        // then is today's: the plain columns, and the departments' names and places read once
        // here instead of joined to every unit.
        let past = match as_of {
            Some(t) => self.structure_kept_since(t)?,
            None => false,
        };
        let (start, percent) = match percent {
            Figure::Current => (None, CURRENT_PERCENT),
            Figure::AsOf => (None, AS_OF_PERCENT),
            Figure::Before(start) if self.journal_before(start)? => (Some(start), BEFORE_START),
            Figure::Before(start) => (Some(start), BEFORE_ANY_REPORT),
        };
        // A replay for the cycle check names no section: not joined.
        let (section, section_join) = match (sections, past) {
            (false, _) => ("NULL, NULL", ""),
            (true, true) => ("s.number, s.title", AS_OF_SECTION),
            (true, false) => (
                "s.number, s.title",
                "LEFT JOIN section s ON s.id = t.section_id",
            ),
        };
        // `?1` the plan, `?2` the instant, `?3` the department, `?4` the replay's start: NULL
        // when not asked for. Each choice its own statement, so that the planner sees the index
        // it may use; `?4 IS NULL` only keeps the statements' parameters alike.
        let no_start = if start.is_some() { "1" } else { "?4 IS NULL" };
        let of_plan = if plan.is_some() {
            "t.plan_id = ?1"
        } else {
            "?1 IS NULL"
        };
        let stands = if past {
            UNIT_STANDS
        } else {
            "a.ended_at IS NULL"
        };
        let of_department = if department.is_some() {
            format!(
                "t.id IN (SELECT a.task_id FROM assignment a WHERE a.department_id = ?3
                                  AND {stands})"
            )
        } else {
            "?3 IS NULL".to_string()
        };
        let sql = if past {
            format!(
                "SELECT t.id, t.plan_id, {AS_OF_NUMBER}, {AS_OF_TITLE}, {section},
                        {AS_OF_OWN_DEADLINE}, {AS_OF_DEADLINE_TEXT}, {AS_OF_STARTS},
                        {AS_OF_DEADLINE}, {AS_OF_WEIGHT}, t.created_at, t.deleted_at,
                        a.department_id, {AS_OF_ROLE}, {percent}, {AS_OF_POSITION},
                        {AS_OF_NAME}, d.position
                 FROM task t
                 JOIN plan p ON p.id = t.plan_id
                 {TASK_PAST}
                 {section_join}
                 LEFT JOIN assignment a ON a.task_id = t.id AND {UNIT_STANDS}
                 LEFT JOIN department d ON d.id = a.department_id
                 WHERE {of_plan} AND {of_department} AND t.created_at < ?2 AND {TASK_EXISTS}
                   AND {no_start}
                 ORDER BY t.plan_id, t.position, t.id"
            )
        } else {
            format!(
                "SELECT t.id, t.plan_id, t.number, t.title, {section}, t.deadline,
                        t.deadline_text, coalesce(t.starts_on, p.starts_on),
                        coalesce(t.deadline, p.ends_on), t.weight, t.created_at, t.deleted_at,
                        a.department_id, a.role, {percent}, a.position
                 FROM task t
                 JOIN plan p ON p.id = t.plan_id
                 {section_join}
                 LEFT JOIN assignment a ON a.task_id = t.id AND a.ended_at IS NULL
                 WHERE {of_plan} AND {of_department} AND (?2 IS NULL OR t.created_at < ?2)
                   AND {TASK_EXISTS} AND {no_start}
                 ORDER BY t.plan_id, t.position, t.id"
            )
        };
        let departments: HashMap<i64, (String, i64)> = if past {
            HashMap::new()
        } else {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name, position FROM department")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            plan,
            as_of.map(instant),
            department,
            start.map(instant)
        ])?;
        let mut dates = DateCache::default();
        let mut row = TaskRow::default();
        let mut current: Option<i64> = None;
        let mut units: Vec<Unit> = Vec::new();
        let mut names = String::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if current != Some(id) {
                if current.is_some() {
                    put_units(&mut row, &mut units, &names);
                    each(&mut row)?;
                }
                fill(&mut row, r, &mut dates)?;
                units.clear();
                names.clear();
                current = Some(id);
            }
            if let Some(unit) = unit(r, past, &departments, &mut names)? {
                units.push(unit);
            }
        }
        if current.is_some() {
            put_units(&mut row, &mut units, &names);
            each(&mut row)?;
        }
        drop(rows);
        drop(stmt);
        snapshot.commit()?;
        Ok(())
    }
}

/// The unit on a row, its name put at the end of `names`; `None` for no assignment (a task with no
/// unit), or one whose department row is gone (the list's inner join leaves it out too).
/// `past`: the name and place are the row's (as of an instant), else `departments`' (now).
fn unit(
    r: &Row<'_>,
    past: bool,
    departments: &HashMap<i64, (String, i64)>,
    names: &mut String,
) -> rusqlite::Result<Option<Unit>> {
    let Some(department_id) = r.get::<_, Option<i64>>(13)? else {
        return Ok(None);
    };
    let (name, department_place) = if past {
        match r.get_ref(17)?.as_str_or_null()? {
            Some(name) => (name, r.get::<_, i64>(18)?),
            None => return Ok(None),
        }
    } else {
        match departments.get(&department_id) {
            Some((name, place)) => (name.as_str(), *place),
            None => return Ok(None),
        }
    };
    let start = names.len();
    names.push_str(name);
    Ok(Some(Unit {
        order: (r.get(16)?, department_place, department_id),
        role: r.get_ref(14)?.as_str()?.parse().unwrap_or(Role::Co),
        percent: percent_col(r, 15)?,
        name: start..names.len(),
    }))
}

/// The task's own columns (the first 13, as `task_row` reads them) into `row`, reusing its texts.
fn fill(row: &mut TaskRow, r: &Row<'_>, dates: &mut DateCache) -> rusqlite::Result<()> {
    row.id = r.get(0)?;
    row.plan_id = r.get(1)?;
    set(&mut row.number, r.get_ref(2)?.as_str()?);
    set(&mut row.title, r.get_ref(3)?.as_str()?);
    set_section(
        &mut row.section,
        r.get_ref(4)?.as_str_or_null()?,
        r.get_ref(5)?.as_str_or_null()?,
    );
    row.deadline = r
        .get_ref(6)?
        .as_str_or_null()?
        .and_then(|s| s.parse::<NaiveDate>().ok());
    set_option(&mut row.deadline_text, r.get_ref(7)?.as_str_or_null()?);
    row.schedule.starts_on = dates.get(r, 8)?;
    row.schedule.deadline = dates.get(r, 9)?;
    row.weight = r.get(10)?;
    set(&mut row.created_at, r.get_ref(11)?.as_str()?);
    set_option(&mut row.deleted_at, r.get_ref(12)?.as_str_or_null()?);
    Ok(())
}

/// The units read for the task, in their order, into `row.units` (reusing the names' buffers).
fn put_units(row: &mut TaskRow, units: &mut [Unit], names: &str) {
    units.sort_unstable_by_key(|u| u.order);
    row.units.truncate(units.len());
    for (i, u) in units.iter().enumerate() {
        let name = &names[u.name.clone()];
        match row.units.get_mut(i) {
            Some(slot) => {
                slot.department_id = u.order.2;
                set(&mut slot.name, name);
                slot.role = u.role;
                slot.percent = u.percent;
            }
            None => row.units.push(TaskUnit {
                department_id: u.order.2,
                name: name.to_string(),
                role: u.role,
                percent: u.percent,
            }),
        }
    }
}

fn set(slot: &mut String, value: &str) {
    slot.clear();
    slot.push_str(value);
}

fn set_option(slot: &mut Option<String>, value: Option<&str>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => set(s, v),
        (None, Some(v)) => *slot = Some(v.to_string()),
        (_, None) => *slot = None,
    }
}

/// `section_label` into a reused buffer.
fn set_section(slot: &mut Option<String>, number: Option<&str>, title: Option<&str>) {
    let number = number.filter(|n| !n.trim().is_empty());
    match (number, title) {
        (Some(n), Some(t)) => {
            let s = slot.get_or_insert_with(String::new);
            s.clear();
            s.push_str(n);
            s.push(' ');
            s.push_str(t);
            if s.trim().len() != s.len() {
                *s = s.trim().to_string();
            }
        }
        (None, Some(t)) | (Some(t), None) => set_option(slot, Some(t)),
        (None, None) => *slot = None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_section_reads_as_section_label() {
        let cases = [
            (Some("(一)"), Some("数字赋能")),
            (Some("  "), Some("数字赋能")),
            (None, Some(" 数字赋能 ")),
            (Some("一"), None),
            (None, None),
            (Some(""), Some(" 标题")),
        ];
        let mut slot = Some("an earlier task's section".to_string());
        for (n, t) in cases {
            set_section(&mut slot, n, t);
            let label = super::super::section_label(n.map(String::from), t.map(String::from));
            assert_eq!(slot, label, "{n:?} {t:?}");
        }
    }
}
