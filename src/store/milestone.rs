//! Milestones (节点, issue 23): the `milestone` journal of versions (admins edit a task's list;
//! each change appends a version that replaces the one before, a removal appends a removed one)
//! and the `milestone_reached` journal (a unit of the task enters the date a milestone was
//! reached; a later row corrects it). A task's milestones as of an instant are the versions
//! written up to then that nothing written up to then replaced, each with its latest reached row.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError, check_text};
use super::model::{day, instant};
use super::project::{bound, completion_source};
use super::write::{append_progress, permit};
use crate::domain::milestone::completion_by_milestones;
use crate::domain::project::{CompletionSource, Refusal};
use crate::domain::{Milestone, Percent, TextField};

/// One milestone as an admin sets it: `id` names an existing one (its first version's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneEdit {
    pub id: Option<i64>,
    pub name: String,
    pub planned_on: NaiveDate,
    pub share: Option<Percent>,
}

/// A milestone reached (or, with `reached_on` `None`, not reached after all, with the reason).
#[derive(Clone)]
pub struct MilestoneReach<'a> {
    pub task_id: i64,
    pub milestone_id: i64,
    pub department_id: i64,
    pub reached_on: Option<NaiveDate>,
    pub note: &'a str,
    /// The latest reached row of this milestone the clerk saw (`None`: none).
    pub expected_last: Option<i64>,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    pub today: NaiveDate,
    /// The note of the progress report appended when the plan reads completion from
    /// milestones: (the milestone's name, reached, all) → text in the clerk's language.
    pub progress_note: &'a dyn Fn(&str, usize, usize) -> String,
}

/// A milestone with the reached row it stands on, for editing and entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRow {
    pub milestone: Milestone,
    /// The latest reached row's id (what `MilestoneReach::expected_last` names).
    pub last_reached: Option<i64>,
    /// Who entered the reached date, and when (ISO UTC).
    pub reached_by: Option<(String, String)>,
}

impl Db {
    /// The milestones of `task_ids` (all tasks, when `None`) as of `as_of` (now, when `None`),
    /// each task's in order (position, then planned date). Tasks without any are left out.
    pub fn milestones(
        &self,
        task_ids: Option<&[i64]>,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<HashMap<i64, Vec<Milestone>>> {
        let rows = milestone_rows(&self.conn, task_ids, as_of)?;
        let mut out: HashMap<i64, Vec<Milestone>> = HashMap::new();
        for row in rows {
            out.entry(row.milestone.task_id)
                .or_default()
                .push(row.milestone);
        }
        Ok(out)
    }

    /// One task's milestones with their reached rows, now.
    pub fn milestone_rows(&self, task_id: i64) -> Result<Vec<MilestoneRow>> {
        milestone_rows(&self.conn, Some(&[task_id]), None)
    }

    /// Replaces a task's milestones with `list` (admins): an entry with an `id` that differs
    /// from what stands appends a new version, one without appends a new milestone, and a
    /// standing milestone missing from the list is removed (a removed version). Unchanged ones
    /// write nothing.
    pub fn set_milestones(
        &mut self,
        task_id: i64,
        list: &[MilestoneEdit],
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_milestones_in(&tx, task_id, list, by, at)?;
        tx.commit()?;
        Ok(())
    }

    /// Enters a milestone reached (a unit of the task, or an admin for one), or refuses.
    pub fn reach_milestone(&mut self, reach: &MilestoneReach<'_>) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = reach_in(&tx, reach)?;
        tx.commit()?;
        Ok(id)
    }
}

pub(super) fn milestone_rows(
    conn: &rusqlite::Connection,
    task_ids: Option<&[i64]>,
    as_of: Option<DateTime<Utc>>,
) -> Result<Vec<MilestoneRow>> {
    let list = task_ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(m.origin, m.id), m.task_id, m.name, m.planned_on, m.share, m.position,
                r.id, r.reached_on, r.by, r.at
         FROM milestone m
         LEFT JOIN milestone_reached r ON r.id = (
             SELECT max(x.id) FROM milestone_reached x
             WHERE x.milestone_id = coalesce(m.origin, m.id) AND x.at < ?1)
         WHERE m.at < ?1 AND m.removed = 0
           AND (?2 IS NULL OR m.task_id IN (SELECT value FROM json_each(?2)))
           AND NOT EXISTS (SELECT 1 FROM milestone n WHERE n.replaces = m.id AND n.at < ?1)
         ORDER BY m.task_id, m.position, m.planned_on, coalesce(m.origin, m.id)",
    )?;
    let rows = stmt.query_map(params![bound(as_of), list], |r| {
        let planned: String = r.get(3)?;
        let reached: Option<String> = r.get(7)?;
        let share: Option<i64> = r.get(4)?;
        let by: Option<String> = r.get(8)?;
        let at: Option<String> = r.get(9)?;
        Ok(MilestoneRow {
            milestone: Milestone {
                id: r.get(0)?,
                task_id: r.get(1)?,
                name: r.get(2)?,
                // The table's CHECKs keep these dates well formed.
                planned_on: planned.parse().unwrap_or(NaiveDate::MIN),
                share: share.and_then(|s| Percent::new(s).ok()),
                reached_on: reached.and_then(|s| s.parse().ok()),
                position: r.get(5)?,
            },
            last_reached: r.get(6)?,
            reached_by: by.zip(at),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn task_plan(tx: &Transaction<'_>, task_id: i64) -> Result<i64> {
    let row: Option<(i64, Option<String>)> = tx
        .prepare_cached("SELECT plan_id, deleted_at FROM task WHERE id = ?1")?
        .query_row([task_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Err(StoreError::NotFound(format!("task {task_id}"))),
        Some((_, Some(_))) => Err(StoreError::Project(Refusal::TaskClosed)),
        Some((plan, None)) => Ok(plan),
    }
}

/// The latest version's row id of a milestone (by its first version's id).
fn latest_version(tx: &Transaction<'_>, origin: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT max(id) FROM milestone WHERE id = ?1 OR origin = ?1")?
        .query_row([origin], |r| r.get(0))
        .optional()?
        .flatten())
}

pub(super) fn set_milestones_in(
    tx: &Transaction<'_>,
    task_id: i64,
    list: &[MilestoneEdit],
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    permit(tx, by, |a| a.may_administer())?;
    task_plan(tx, task_id)?;
    for m in list {
        check_text(TextField::MilestoneName, m.name.trim())?;
        if m.name.trim().is_empty() {
            return Err(StoreError::Edit(super::EditRefusal::EmptyTitle));
        }
    }
    let at = instant(at);
    let standing: Vec<MilestoneRow> = milestone_rows(tx, Some(&[task_id]), None)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO milestone (task_id, origin, replaces, name, planned_on, share, position,
                                removed, by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, m) in list.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let share = m.share.map(|s| i64::from(s.value()));
        match m.id {
            None => {
                insert.execute(params![
                    task_id,
                    None::<i64>,
                    None::<i64>,
                    m.name.trim(),
                    day(m.planned_on),
                    share,
                    position,
                    0,
                    by,
                    at
                ])?;
            }
            Some(id) => {
                let Some(old) = standing.iter().find(|s| s.milestone.id == id) else {
                    return Err(StoreError::Project(Refusal::NoSuchMilestone));
                };
                let o = &old.milestone;
                if o.name == m.name.trim()
                    && o.planned_on == m.planned_on
                    && o.share == m.share
                    && o.position == position
                {
                    continue;
                }
                let replaces = latest_version(tx, id)?;
                insert.execute(params![
                    task_id,
                    id,
                    replaces,
                    m.name.trim(),
                    day(m.planned_on),
                    share,
                    position,
                    0,
                    by,
                    at
                ])?;
            }
        }
    }
    for old in &standing {
        if list.iter().any(|m| m.id == Some(old.milestone.id)) {
            continue;
        }
        let o = &old.milestone;
        let replaces = latest_version(tx, o.id)?;
        insert.execute(params![
            task_id,
            o.id,
            replaces,
            o.name,
            day(o.planned_on),
            o.share.map(|s| i64::from(s.value())),
            o.position,
            1,
            by,
            at
        ])?;
    }
    Ok(())
}

fn reach_in(tx: &Transaction<'_>, reach: &MilestoneReach<'_>) -> Result<i64> {
    permit(tx, reach.by, |a| a.may_report(reach.department_id))?;
    check_text(TextField::Note, reach.note)?;
    let plan_id = task_plan(tx, reach.task_id)?;
    let standing: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM assignment WHERE task_id = ?1 AND department_id = ?2
               AND ended_at IS NULL",
        )?
        .query_row(params![reach.task_id, reach.department_id], |r| r.get(0))
        .optional()?;
    if standing.is_none() {
        return Err(StoreError::NotFound(format!(
            "assignment task {} × department {}",
            reach.task_id, reach.department_id
        )));
    }
    let rows = milestone_rows(tx, Some(&[reach.task_id]), None)?;
    let Some(row) = rows.iter().find(|r| r.milestone.id == reach.milestone_id) else {
        return Err(StoreError::Project(Refusal::NoSuchMilestone));
    };
    if row.last_reached != reach.expected_last {
        return Err(StoreError::Project(Refusal::Stale));
    }
    if reach.reached_on.is_some_and(|d| d > reach.today) {
        return Err(StoreError::Project(Refusal::FutureDate));
    }
    if reach.reached_on.is_none() && reach.note.trim().is_empty() {
        return Err(StoreError::Edit(super::EditRefusal::EmptyTitle));
    }
    let at = instant(reach.at);
    tx.prepare_cached(
        "INSERT INTO milestone_reached (milestone_id, task_id, department_id, reached_on, note,
                                        by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        reach.milestone_id,
        reach.task_id,
        reach.department_id,
        reach.reached_on.map(day),
        reach.note.trim(),
        reach.by,
        at
    ])?;
    let id = tx.last_insert_rowid();
    if completion_source(tx, plan_id)? == CompletionSource::Milestones {
        let mut all: Vec<Milestone> = rows.into_iter().map(|r| r.milestone).collect();
        if let Some(m) = all.iter_mut().find(|m| m.id == reach.milestone_id) {
            m.reached_on = reach.reached_on;
        }
        if let Some(p) = completion_by_milestones(&all) {
            let reached = all.iter().filter(|m| m.reached_on.is_some()).count();
            let name = all
                .iter()
                .find(|m| m.id == reach.milestone_id)
                .map_or("", |m| m.name.as_str());
            let note = (reach.progress_note)(name, reached, all.len());
            append_progress(
                tx,
                reach.task_id,
                reach.department_id,
                p,
                &note,
                reach.by,
                &at,
                None,
            )?;
        }
    }
    Ok(id)
}
