//! Tasks as the office edits them: the form's read (`task_for_edit`, `sections`), create, update
//! under the task's `version` (optimistic lock), and delete (a mark: see `admin.rs`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde_json::{Value, json};

use super::{audit, begin, no_department};
use crate::domain::{Percent, Role, TextField};
use crate::store::Db;
use crate::store::error::{EditRefusal, Result, StoreError, check_text};
use crate::store::model::{day, instant};
use crate::store::read::{percent_col, section_label};

/// A task as an admin's form saves it: every field, for `create_task` and `update_task` alike.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTaskSpec {
    pub plan_id: i64,
    /// `None`: directly under the plan.
    pub section_id: Option<i64>,
    /// As shown: 3, or (二)3 when numbering restarts.
    pub number: String,
    pub title: String,
    pub body: String,
    /// `None`: the plan's end. Fill it from `Deadline::parse(text, plan year)`.
    pub deadline: Option<NaiveDate>,
    /// The deadline as the plan writes it (6月底前, 长期); empty is stored as none.
    pub deadline_text: Option<String>,
    /// Above zero; 1.0 unless the office weighs tasks.
    pub weight: f64,
    /// Responsible units (department id, role) in the order the plan names them.
    pub units: Vec<(i64, Role)>,
}

/// One unit of a task in the edit form.
#[derive(Debug, Clone, PartialEq)]
pub struct EditUnit {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
    pub percent: Percent,
    /// Journal rows of this assignment. A unit with entries cannot be taken off the task.
    pub entries: i64,
}

/// Everything a task form needs: the fields, the plan's window (its year for `Deadline::parse`),
/// the `version` to send back with the save, and the units with their roles.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskForEdit {
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub plan_starts_on: NaiveDate,
    pub plan_ends_on: NaiveDate,
    pub section_id: Option<i64>,
    /// "(一) 实施数字赋能行动", for showing.
    pub section: Option<String>,
    pub number: String,
    pub title: String,
    pub body: String,
    /// Not edited here; a deadline before it is refused.
    pub starts_on: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<String>,
    pub weight: f64,
    /// Send it back to `update_task`: a save over another admin's edit is refused.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// Who last created or edited the task through this API (none for imported tasks).
    pub updated_by: Option<String>,
    pub units: Vec<EditUnit>,
}

impl TaskForEdit {
    /// The form's starting values.
    pub fn spec(&self) -> NewTaskSpec {
        NewTaskSpec {
            plan_id: self.plan_id,
            section_id: self.section_id,
            number: self.number.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            deadline: self.deadline,
            deadline_text: self.deadline_text.clone(),
            weight: self.weight,
            units: self
                .units
                .iter()
                .map(|u| (u.department_id, u.role))
                .collect(),
        }
    }

    /// Progress reports on this task, over all its units.
    pub fn entries(&self) -> i64 {
        self.units.iter().map(|u| u.entries).sum()
    }
}

/// A section of a plan, for the form's section picker.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub number: String,
    pub title: String,
    /// "(一) 实施数字赋能行动".
    pub label: String,
}

impl Db {
    /// A task with everything its edit form needs. `NotFound` for a deleted task.
    pub fn task_for_edit(&self, task_id: i64) -> Result<TaskForEdit> {
        task_for_edit(&self.conn, task_id)
    }

    /// The sections of a plan in document order.
    pub fn sections(&self, plan_id: i64) -> Result<Vec<SectionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, parent_id, number, title FROM section WHERE plan_id = ?1
             ORDER BY position, id",
        )?;
        let rows = stmt.query_map([plan_id], |r| {
            let (number, title): (String, String) = (r.get(2)?, r.get(3)?);
            Ok(SectionRow {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                label: section_label(Some(number.clone()), Some(title.clone())).unwrap_or_default(),
                number,
                title,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a task with its units at the end of its section (after the tasks of the sections
    /// before it; at the plan's end without a section). Returns it as `task_for_edit` reads it.
    pub fn create_task(
        &mut self,
        spec: &NewTaskSpec,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<TaskForEdit> {
        let tx = begin(&mut self.conn, by)?;
        let after = Db::create_in(&tx, spec, by, at)?;
        tx.commit()?;
        Ok(after)
    }

    /// `create_task` inside a transaction the caller opened (after asking `may_administer`) and
    /// commits: a sheet import adds its tasks in the transaction of its whole change set.
    pub(in crate::store) fn create_in(
        tx: &Transaction<'_>,
        spec: &NewTaskSpec,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<TaskForEdit> {
        let spec = checked(tx, spec)?;
        let position = place(tx, spec.plan_id, spec.section_id)?;
        let now = instant(at);
        tx.prepare_cached(
            "INSERT INTO task (plan_id, section_id, number, title, body, deadline, deadline_text,
                               weight, position, version, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10)",
        )?
        .execute(params![
            spec.plan_id,
            spec.section_id,
            spec.number,
            spec.title,
            spec.body,
            spec.deadline.map(day),
            spec.deadline_text,
            spec.weight,
            position,
            now
        ])?;
        let id = tx.last_insert_rowid();
        for (i, (department_id, role)) in spec.units.iter().enumerate() {
            insert_assignment(tx, id, *department_id, *role, i as i64)?;
        }
        let mut after = task_for_edit(tx, id)?;
        after.updated_by = Some(by.to_string());
        let entity_id = id.to_string();
        audit(
            tx,
            at,
            by,
            "task",
            &entity_id,
            "create",
            None,
            Some(&task_json(&after)),
        )?;
        Ok(after)
    }

    /// Replaces a task's fields and units with `spec`, if the task is still at `expected_version`
    /// (else `TaskConflict` with the task as it is now). Units not in `spec` are taken off
    /// (refused with `UnitHasHistory` when they have reported), new ones added, kept ones get
    /// their new role and order. A task moved to another section goes to that section's end.
    /// Saving an unchanged form writes nothing. Returns the task as saved (its new `version`).
    pub fn update_task(
        &mut self,
        task_id: i64,
        expected_version: i64,
        spec: &NewTaskSpec,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<TaskForEdit> {
        let tx = begin(&mut self.conn, by)?;
        let after = Db::update_in(&tx, task_id, expected_version, spec, by, at)?;
        tx.commit()?;
        Ok(after)
    }

    /// `update_task` inside a transaction the caller opened (after asking `may_administer`) and
    /// commits.
    pub(in crate::store) fn update_in(
        tx: &Transaction<'_>,
        task_id: i64,
        expected_version: i64,
        spec: &NewTaskSpec,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<TaskForEdit> {
        let before = task_for_edit(tx, task_id)?;
        if before.version != expected_version {
            return Err(StoreError::TaskConflict(Box::new(before)));
        }
        if spec.plan_id != before.plan_id {
            return Err(StoreError::Edit(EditRefusal::OtherPlan {
                task_plan: before.plan_id,
                asked: spec.plan_id,
            }));
        }
        let spec = checked(tx, spec)?;
        if let (Some(deadline), Some(starts_on)) = (spec.deadline, before.starts_on)
            && deadline < starts_on
        {
            return Err(StoreError::Edit(EditRefusal::DeadlineBeforeStart {
                deadline,
                starts_on,
            }));
        }
        if spec == before.spec() {
            return Ok(before);
        }
        // Units: refuse before writing anything, then remove, then add or update.
        let wanted: HashMap<i64, (usize, Role)> = spec
            .units
            .iter()
            .enumerate()
            .map(|(i, (d, r))| (*d, (i, *r)))
            .collect();
        let removed: Vec<&EditUnit> = before
            .units
            .iter()
            .filter(|u| !wanted.contains_key(&u.department_id))
            .collect();
        if let Some(u) = removed.iter().find(|u| u.entries > 0) {
            return Err(StoreError::Edit(EditRefusal::UnitHasHistory {
                department: u.name.clone(),
                entries: u.entries,
            }));
        }
        // Structure keeps its past (as-of reads, schema.sql `task_past`, `assignment_past`): a
        // unit taken off ends at `at` (its row stays), one added or named again stands from `at`,
        // a changed role or place keeps the old one.
        let when = instant(at);
        for u in removed {
            keep_past_unit(tx, task_id, u.department_id, &when, u.role, -1, false)?;
            tx.prepare_cached(
                "UPDATE assignment SET ended_at = ?3 WHERE task_id = ?1 AND department_id = ?2",
            )?
            .execute(params![task_id, u.department_id, when])?;
        }
        for (i, (department_id, role)) in spec.units.iter().enumerate() {
            let position = i as i64;
            let exists: bool = tx
                .prepare_cached(
                    "SELECT count(*) FROM assignment WHERE task_id = ?1 AND department_id = ?2",
                )?
                .query_row(params![task_id, department_id], |r| r.get::<_, i64>(0))?
                > 0;
            if exists {
                // Kept, or taken off earlier and named again (the same row and journal).
                keep_past_unit(tx, task_id, *department_id, &when, *role, position, true)?;
                tx.prepare_cached(
                    "UPDATE assignment SET role = ?3, position = ?4, ended_at = NULL
                     WHERE task_id = ?1 AND department_id = ?2",
                )?
                .execute(params![
                    task_id,
                    department_id,
                    role.as_str(),
                    position
                ])?;
            } else {
                insert_assignment(tx, task_id, *department_id, *role, position)?;
                joined_at(tx, task_id, *department_id, &when)?;
            }
        }
        let shown = |t: &NewTaskSpec| {
            (
                t.section_id,
                t.number.clone(),
                t.title.clone(),
                t.deadline,
                t.deadline_text.clone(),
                t.weight,
            )
        };
        if shown(&before.spec()) != shown(&spec) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO task_past (task_id, until, section_id, number, title,
                                                  starts_on, deadline, deadline_text, weight)
                 SELECT id, ?2, section_id, number, title, starts_on, deadline, deadline_text,
                        weight
                 FROM task WHERE id = ?1",
            )?
            .execute(params![task_id, when])?;
        }
        let position = if spec.section_id != before.section_id {
            Some(place(tx, spec.plan_id, spec.section_id)?)
        } else {
            None
        };
        tx.prepare_cached(
            "UPDATE task SET section_id = ?2, number = ?3, title = ?4, body = ?5, deadline = ?6,
                             deadline_text = ?7, weight = ?8, position = coalesce(?9, position),
                             version = version + 1, updated_at = ?10
             WHERE id = ?1",
        )?
        .execute(params![
            task_id,
            spec.section_id,
            spec.number,
            spec.title,
            spec.body,
            spec.deadline.map(day),
            spec.deadline_text,
            spec.weight,
            position,
            instant(at)
        ])?;
        let mut after = task_for_edit(tx, task_id)?;
        after.updated_by = Some(by.to_string());
        audit(
            tx,
            at,
            by,
            "task",
            &task_id.to_string(),
            "update",
            Some(&task_json(&before)),
            Some(&task_json(&after)),
        )?;
        Ok(after)
    }

    /// Deletes a task by marking it (see `admin.rs`): it leaves every current read, its journal
    /// stays. A task with reports is refused with `TaskHasHistory` unless `confirm_with_history`
    /// (the UI asks "delete a task with N reports?" and calls again with `true`).
    pub fn delete_task(
        &mut self,
        task_id: i64,
        confirm_with_history: bool,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let before = task_for_edit(&tx, task_id)?;
        let entries = before.entries();
        if entries > 0 && !confirm_with_history {
            return Err(StoreError::Edit(EditRefusal::TaskHasHistory { entries }));
        }
        let now = instant(at);
        tx.prepare_cached(
            "UPDATE task SET deleted_at = ?2, updated_at = ?2, version = version + 1 WHERE id = ?1",
        )?
        .execute(params![task_id, now])?;
        audit(
            &tx,
            at,
            by,
            "task",
            &task_id.to_string(),
            "delete",
            Some(&task_json(&before)),
            Some(&json!({ "deleted_at": now, "entries_kept": entries })),
        )?;
        tx.commit()?;
        Ok(())
    }
}

pub(in crate::store) fn task_for_edit(conn: &Connection, task_id: i64) -> Result<TaskForEdit> {
    let head = conn
        .prepare_cached(
            "SELECT t.plan_id, p.title, p.starts_on, p.ends_on, t.section_id, s.number, s.title,
                    t.number, t.title, t.body, t.starts_on, t.deadline, t.deadline_text, t.weight,
                    t.version, t.created_at, t.updated_at,
                    (SELECT a.by FROM audit a WHERE a.entity = 'task' AND a.entity_id = ?2
                     ORDER BY a.id DESC LIMIT 1)
             FROM task t JOIN plan p ON p.id = t.plan_id
             LEFT JOIN section s ON s.id = t.section_id
             WHERE t.id = ?1 AND t.deleted_at IS NULL",
        )?
        .query_row(params![task_id, task_id.to_string()], |r| {
            Ok(TaskForEdit {
                id: task_id,
                plan_id: r.get(0)?,
                plan_title: r.get(1)?,
                plan_starts_on: date(r, 2)?,
                plan_ends_on: date(r, 3)?,
                section_id: r.get(4)?,
                section: section_label(r.get(5)?, r.get(6)?),
                number: r.get(7)?,
                title: r.get(8)?,
                body: r.get(9)?,
                starts_on: optional_date(r, 10)?,
                deadline: optional_date(r, 11)?,
                deadline_text: r.get(12)?,
                weight: r.get(13)?,
                version: r.get(14)?,
                created_at: r.get(15)?,
                updated_at: r.get(16)?,
                updated_by: r.get(17)?,
                units: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut task) = head else {
        return Err(StoreError::NotFound(format!("task {task_id}")));
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.department_id, d.name, a.role, a.percent,
                (SELECT count(*) FROM progress g
                 WHERE g.task_id = a.task_id AND g.department_id = a.department_id)
         FROM assignment a JOIN department d ON d.id = a.department_id
         WHERE a.task_id = ?1 AND a.ended_at IS NULL
         ORDER BY a.position, d.position, d.id",
    )?;
    let units = stmt.query_map([task_id], |r| {
        let role: String = r.get(2)?;
        Ok(EditUnit {
            department_id: r.get(0)?,
            name: r.get(1)?,
            role: role.parse().unwrap_or(Role::Co),
            percent: percent_col(r, 3)?,
            entries: r.get(4)?,
        })
    })?;
    task.units = units.collect::<rusqlite::Result<_>>()?;
    Ok(task)
}

/// The spec as it will be stored (title, number and deadline text trimmed; an empty deadline
/// text is none), after the checks a form can point at. Unknown plan, section or department:
/// `NotFound`.
fn checked(tx: &Transaction<'_>, spec: &NewTaskSpec) -> Result<NewTaskSpec> {
    let refuse = |why| Err(StoreError::Edit(why));
    let title = spec.title.trim();
    if title.is_empty() {
        return refuse(EditRefusal::EmptyTitle);
    }
    check_text(TextField::TaskTitle, title)?;
    check_text(TextField::TaskNumber, spec.number.trim())?;
    check_text(TextField::TaskBody, &spec.body)?;
    if let Some(text) = &spec.deadline_text {
        check_text(TextField::DeadlineText, text.trim())?;
    }
    if !spec.weight.is_finite() || spec.weight <= 0.0 {
        return refuse(EditRefusal::BadWeight(spec.weight));
    }
    let plan: Option<i64> = tx
        .prepare_cached("SELECT id FROM plan WHERE id = ?1")?
        .query_row([spec.plan_id], |r| r.get(0))
        .optional()?;
    if plan.is_none() {
        return Err(StoreError::NotFound(format!("plan {}", spec.plan_id)));
    }
    if let Some(section_id) = spec.section_id {
        let owner: Option<i64> = tx
            .prepare_cached("SELECT plan_id FROM section WHERE id = ?1")?
            .query_row([section_id], |r| r.get(0))
            .optional()?;
        match owner {
            None => return Err(StoreError::NotFound(format!("section {section_id}"))),
            Some(p) if p != spec.plan_id => {
                return refuse(EditRefusal::SectionNotInPlan {
                    section_id,
                    plan_id: spec.plan_id,
                });
            }
            Some(_) => {}
        }
    }
    let mut seen: Vec<i64> = Vec::with_capacity(spec.units.len());
    for (department_id, _) in &spec.units {
        let name: String = tx
            .prepare_cached("SELECT name FROM department WHERE id = ?1")?
            .query_row([department_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| no_department(*department_id))?;
        if seen.contains(department_id) {
            return refuse(EditRefusal::DuplicateUnit { department: name });
        }
        seen.push(*department_id);
    }
    Ok(NewTaskSpec {
        title: title.to_string(),
        number: spec.number.trim().to_string(),
        deadline_text: spec
            .deadline_text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        ..spec.clone()
    })
}

/// The position for a task added to `section_id`: after the last task of that section or of any
/// section before it, shifting the tasks after it down by one. Without a section: the plan's end.
fn place(tx: &Transaction<'_>, plan_id: i64, section_id: Option<i64>) -> Result<i64> {
    let Some(section_id) = section_id else {
        return Ok(tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM task WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )?);
    };
    let after: Option<i64> = tx.query_row(
        "SELECT max(t.position) FROM task t JOIN section s ON s.id = t.section_id
         WHERE t.plan_id = ?1
           AND s.position <= (SELECT position FROM section WHERE id = ?2)",
        params![plan_id, section_id],
        |r| r.get(0),
    )?;
    let position = match after {
        Some(p) => p + 1,
        // The first section with tasks: before every task of the plan.
        None => tx.query_row(
            "SELECT coalesce(min(position), 0) FROM task WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )?,
    };
    tx.execute(
        "UPDATE task SET position = position + 1 WHERE plan_id = ?1 AND position >= ?2",
        params![plan_id, position],
    )?;
    Ok(position)
}

/// Keeps a unit's role, place and standing as they were until `when` (schema.sql
/// `assignment_past`) when an edit is about to change any of them. `position` -1: unchanged.
pub(in crate::store) fn keep_past_unit(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
    when: &str,
    role: Role,
    position: i64,
    stands: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO assignment_past (task_id, department_id, until, role, position, stood)
         SELECT task_id, department_id, ?3, role, position, ended_at IS NULL FROM assignment
         WHERE task_id = ?1 AND department_id = ?2
           AND (role <> ?4 OR (?5 >= 0 AND position <> ?5) OR (ended_at IS NULL) <> ?6)",
    )?
    .execute(params![task_id, department_id, when, role.as_str(), position, stands])?;
    Ok(())
}

/// A unit that joins a task that already existed (an edit, a merge): before `when` it did not
/// stand on it.
pub(in crate::store) fn joined_at(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
    when: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO assignment_past (task_id, department_id, until, role, position, stood)
         SELECT task_id, department_id, ?3, role, position, 0 FROM assignment
         WHERE task_id = ?1 AND department_id = ?2",
    )?
    .execute(params![task_id, department_id, when])?;
    Ok(())
}

fn insert_assignment(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
    role: Role,
    position: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO assignment (task_id, department_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![task_id, department_id, role.as_str(), position])?;
    Ok(())
}

/// A task in the audit trail: its editable fields and its units.
fn task_json(t: &TaskForEdit) -> Value {
    json!({
        "plan_id": t.plan_id,
        "section_id": t.section_id,
        "number": t.number,
        "title": t.title,
        "body": t.body,
        "deadline": t.deadline.map(day),
        "deadline_text": t.deadline_text,
        "weight": t.weight,
        "version": t.version,
        "units": t.units.iter().map(|u| json!({
            "department_id": u.department_id,
            "name": u.name,
            "role": u.role.as_str(),
        })).collect::<Vec<_>>(),
    })
}

fn date(r: &Row<'_>, col: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(col)?;
    parse_date(col, &s)
}

fn optional_date(r: &Row<'_>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(col)?
        .map(|s| parse_date(col, &s))
        .transpose()
}

fn parse_date(col: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    s.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("bad date {s:?}").into(),
        )
    })
}
