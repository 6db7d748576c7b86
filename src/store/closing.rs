//! Closing a task (办结销号, issue 22): the `closing` journal. Each step is one row, written in an
//! `IMMEDIATE` transaction that reads the task's state and units and asks
//! `domain::closing::decide` first, so two admins reviewing at once, or a report lowering the
//! lead's percent a moment before the application, are seen. Reads give a task's state now or as
//! of an instant, and the review queue.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError, check_text};
use super::journal::TaskRef;
use super::model::instant;
use super::read::percent_col;
use super::write::actor;
use crate::domain::closing::{self, Closing, Request, Step, UnitStand};
use crate::domain::{Percent, Role, TextField};

/// A step a clerk asks for, with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosingAction<'a> {
    /// 申请办结 for `department_id`, a lead unit of the task.
    Apply {
        department_id: i64,
        note: &'a str,
        why: &'a str,
    },
    /// 通过, with an optional note.
    Approve { note: &'a str },
    /// 退回, with its reason.
    Return { reason: &'a str },
    /// A closed task open again, with the reason.
    Reopen { reason: &'a str },
}

/// One row of the closing journal, with the names a reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingEntry {
    pub id: i64,
    pub task_id: i64,
    pub step: Step,
    /// The unit that applied (apply rows).
    pub department_id: Option<i64>,
    pub department: Option<String>,
    /// The closing note, the reviewer's note, or the reason of a return or reopening.
    pub note: String,
    /// Why units below 100% are not finished (apply rows).
    pub why: String,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
}

/// One of the task's units beside the application: its latest percent (as of the read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingUnit {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
    pub percent: Percent,
    /// When that percent was reported (`None`: never, so 0).
    pub reported_at: Option<String>,
}

/// Tasks by where they stand in closing (`duban status`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClosingCounts {
    pub pending: u64,
    pub closed: u64,
    /// Sent back or reopened: open again, with a reason.
    pub returned: u64,
}

impl ClosingCounts {
    pub fn any(&self) -> bool {
        self.pending + self.closed + self.returned > 0
    }
}

/// A task that has a closing journal: where it stands, its last step, the application that
/// stands or stood (the latest apply row), and its units' percents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingItem {
    pub task: TaskRef,
    pub state: Closing,
    pub last: ClosingEntry,
    pub applied: Option<ClosingEntry>,
    pub units: Vec<ClosingUnit>,
}

const ENTRY_COLUMNS: &str = "c.id, c.task_id, c.step, c.department_id, d.name, c.note, c.why, \
                             c.by, c.at";

fn entry_row(r: &Row<'_>) -> rusqlite::Result<ClosingEntry> {
    let step: String = r.get(2)?;
    Ok(ClosingEntry {
        id: r.get(0)?,
        task_id: r.get(1)?,
        // The table's CHECK allows only the four.
        step: Step::parse(&step).unwrap_or(Step::Apply),
        department_id: r.get(3)?,
        department: r.get(4)?,
        note: r.get(5)?,
        why: r.get(6)?,
        by: r.get(7)?,
        at: r.get(8)?,
    })
}

/// The bound of a read: rows before `as_of`, or every row ("\u{10FFFF}" sorts after any instant).
/// Of those, a task's last one written (the highest id) is its state: rows are appended in order,
/// so a clock set back cannot make an earlier step count again (`check` reports such rows).
fn bound(as_of: Option<DateTime<Utc>>) -> String {
    as_of.map_or_else(|| "\u{10FFFF}".to_string(), instant)
}

impl Db {
    /// Takes one closing step on `task_id` for `by`, or refuses: `Forbidden` when `by` may not,
    /// `Closing` when the task's state or the units' percents do not allow it, `Edit` for a note
    /// the record does not accept, `NotFound` for a task that is not there (or was deleted).
    pub fn close_step(
        &mut self,
        task_id: i64,
        action: &ClosingAction<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ClosingEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let entry = step_in(&tx, task_id, action, by, at)?;
        tx.commit()?;
        Ok(entry)
    }

    /// The task's closing state now (`as_of` `None`) or from the rows before `as_of`.
    pub fn closing_state(&self, task_id: i64, as_of: Option<DateTime<Utc>>) -> Result<Closing> {
        let step: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT step FROM closing WHERE task_id = ?1 AND at < ?2
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![task_id, bound(as_of)], |r| r.get(0))
            .optional()?;
        Ok(Closing::after(step.as_deref().and_then(Step::parse)))
    }

    /// The last closing step before `as_of` (now, when `None`) of each of these tasks that has
    /// one: the rows on screen (a few dozen, or one department's list) read with their state and,
    /// for a task sent back, the reason. Tasks without a step are left out (`Closing::Open`).
    pub fn last_closing_steps(
        &self,
        task_ids: &[i64],
        as_of: Option<DateTime<Utc>>,
    ) -> Result<std::collections::HashMap<i64, ClosingEntry>> {
        let list = serde_json::to_string(task_ids).unwrap_or_else(|_| "[]".into());
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM closing c LEFT JOIN department d ON d.id = c.department_id
             WHERE c.id IN (SELECT (SELECT l.id FROM closing l
                                    WHERE l.task_id = j.value AND l.at < ?2
                                    ORDER BY l.id DESC LIMIT 1)
                            FROM json_each(?1) j)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![list, bound(as_of)], entry_row)?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let entry = row?;
            out.insert(entry.task_id, entry);
        }
        Ok(out)
    }

    /// Every task's closing state before `as_of` (now, when `None`), for the tasks that have a
    /// closing step then: the others are `Closing::Open`.
    pub fn closing_states(
        &self,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<std::collections::HashMap<i64, Closing>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.task_id, c.step FROM closing c
             WHERE c.id = (SELECT l.id FROM closing l WHERE l.task_id = c.task_id AND l.at < ?1
                           ORDER BY l.id DESC LIMIT 1)",
        )?;
        let rows = stmt.query_map([bound(as_of)], |r| {
            let step: String = r.get(1)?;
            Ok((r.get::<_, i64>(0)?, Closing::after(Step::parse(&step))))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many tasks stand pending review, closed and sent back (or reopened) before `as_of`
    /// (now, when `None`): of the tasks `department` is a unit of, or all, in `plan` when given
    /// (`--plan`). Deleted tasks count until their deletion.
    pub fn closing_counts(
        &self,
        as_of: Option<DateTime<Utc>>,
        department: Option<i64>,
        plan: Option<i64>,
    ) -> Result<ClosingCounts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.step, count(*) FROM closing c JOIN task t ON t.id = c.task_id
             WHERE c.id = (SELECT l.id FROM closing l WHERE l.task_id = c.task_id AND l.at < ?1
                           ORDER BY l.id DESC LIMIT 1)
               AND (t.deleted_at IS NULL OR t.deleted_at >= ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM assignment a
                                         WHERE a.task_id = c.task_id AND a.department_id = ?2
                                           AND a.ended_at IS NULL))
               AND (?3 IS NULL OR t.plan_id = ?3)
             GROUP BY c.step",
        )?;
        let mut counts = ClosingCounts::default();
        let rows = stmt.query_map(params![bound(as_of), department, plan], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (step, n) = row?;
            let n = u64::try_from(n).unwrap_or(0);
            match Closing::after(Step::parse(&step)) {
                Closing::Pending => counts.pending += n,
                Closing::Closed => counts.closed += n,
                Closing::Returned => counts.returned += n,
                Closing::Open => {}
            }
        }
        Ok(counts)
    }

    /// The task's closing journal, oldest first (rows before `as_of` when given).
    pub fn closing_history(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<ClosingEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM closing c LEFT JOIN department d ON d.id = c.department_id
             WHERE c.task_id = ?1 AND c.at < ?2 ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![task_id, bound(as_of)], entry_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every task with a closing step before `as_of` (all, when `None`), with its state then.
    /// `pending_only`: the review queue (待审核), oldest application first; otherwise the
    /// pending ones first (oldest first), then the others, latest step first. Each carries its
    /// units' percents as of the same instant (the units the task has now). `department`: only
    /// the tasks it is a unit of (a unit sees its own, the reasons it was sent back with).
    pub fn closings(
        &self,
        as_of: Option<DateTime<Utc>>,
        pending_only: bool,
        department: Option<i64>,
    ) -> Result<Vec<ClosingItem>> {
        let bound = bound(as_of);
        let sql = format!(
            "SELECT {ENTRY_COLUMNS}, t.number, t.title, p.title
             FROM closing c
             JOIN task t ON t.id = c.task_id
             JOIN plan p ON p.id = t.plan_id
             LEFT JOIN department d ON d.id = c.department_id
             WHERE c.id = (SELECT l.id FROM closing l WHERE l.task_id = c.task_id AND l.at < ?1
                           ORDER BY l.id DESC LIMIT 1)
               AND (t.deleted_at IS NULL OR t.deleted_at >= ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM assignment a
                                         WHERE a.task_id = c.task_id AND a.department_id = ?2
                                           AND a.ended_at IS NULL))
             ORDER BY c.at, c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let lasts = stmt
            .query_map(params![&bound, department], |r| {
                Ok((
                    entry_row(r)?,
                    TaskRef {
                        id: r.get(1)?,
                        number: r.get(9)?,
                        title: r.get(10)?,
                        plan_title: r.get(11)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut pending = Vec::new();
        let mut others = Vec::new();
        for (last, task) in lasts {
            let state = last.step.leaves();
            if pending_only && state != Closing::Pending {
                continue;
            }
            let applied = if last.step == Step::Apply {
                Some(last.clone())
            } else {
                self.last_application(task.id, &bound)?
            };
            let item = ClosingItem {
                units: self.closing_units(task.id, &bound)?,
                task,
                state,
                last,
                applied,
            };
            if state == Closing::Pending {
                pending.push(item);
            } else {
                others.push(item);
            }
        }
        others.reverse();
        pending.extend(others);
        Ok(pending)
    }

    fn last_application(&self, task_id: i64, bound: &str) -> Result<Option<ClosingEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM closing c LEFT JOIN department d ON d.id = c.department_id
             WHERE c.task_id = ?1 AND c.step = 'apply' AND c.at < ?2
             ORDER BY c.id DESC LIMIT 1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![task_id, bound], entry_row)
            .optional()?)
    }

    /// The task's units (now on it) with each one's latest percent before `bound`.
    fn closing_units(&self, task_id: i64, bound: &str) -> Result<Vec<ClosingUnit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.department_id, d.name, a.role,
                    coalesce((SELECT g.percent FROM progress g
                              WHERE g.task_id = a.task_id AND g.department_id = a.department_id
                                AND g.reported_at < ?2
                              ORDER BY g.reported_at DESC, g.id DESC LIMIT 1), 0),
                    (SELECT max(g.reported_at) FROM progress g
                     WHERE g.task_id = a.task_id AND g.department_id = a.department_id
                       AND g.reported_at < ?2)
             FROM assignment a JOIN department d ON d.id = a.department_id
             WHERE a.task_id = ?1 AND a.ended_at IS NULL
             ORDER BY a.role = 'co', a.position, d.position, d.id",
        )?;
        let rows = stmt.query_map(params![task_id, bound], |r| {
            let role: String = r.get(2)?;
            Ok(ClosingUnit {
                department_id: r.get(0)?,
                name: r.get(1)?,
                role: role.parse().unwrap_or(Role::Co),
                percent: percent_col(r, 3)?,
                reported_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One step inside the caller's transaction: the clerk, the task's state and units read there,
/// the rule asked, the row appended (its link added by the trigger).
pub(super) fn step_in(
    tx: &Transaction<'_>,
    task_id: i64,
    action: &ClosingAction<'_>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<ClosingEntry> {
    let who = actor(tx, by)?;
    let live: Option<i64> = tx
        .prepare_cached("SELECT id FROM task WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([task_id], |r| r.get(0))
        .optional()?;
    if live.is_none() {
        return Err(StoreError::NotFound(format!("task {task_id}")));
    }
    let last: Option<String> = tx
        .prepare_cached("SELECT step FROM closing WHERE task_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([task_id], |r| r.get(0))
        .optional()?;
    let state = Closing::after(last.as_deref().and_then(Step::parse));
    let units: Vec<UnitStand> = tx
        .prepare_cached(
            "SELECT department_id, role, percent FROM assignment
             WHERE task_id = ?1 AND ended_at IS NULL",
        )?
        .query_map([task_id], |r| {
            let role: String = r.get(1)?;
            Ok(UnitStand {
                department_id: r.get(0)?,
                lead: role == "lead",
                percent: percent_col(r, 2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (request, department, note, why) = match *action {
        ClosingAction::Apply {
            department_id,
            note,
            why,
        } => (
            Request::Apply {
                department: department_id,
                units: &units,
                note,
                why,
            },
            Some(department_id),
            note,
            why,
        ),
        ClosingAction::Approve { note } => (Request::Approve, None, note, ""),
        ClosingAction::Return { reason } => (Request::Return { reason }, None, reason, ""),
        ClosingAction::Reopen { reason } => (Request::Reopen { reason }, None, reason, ""),
    };
    closing::decide(state, &who, &request).map_err(|refusal| match refusal {
        // "Not an admin" has words of its own here: reviewing is not changing the plan.
        closing::Refusal::Denied(why) if why != crate::domain::Denied::NotAdmin => {
            StoreError::Forbidden {
                user: by.to_string(),
                why,
            }
        }
        other => StoreError::Closing(other),
    })?;
    let note = note.trim();
    let why = why.trim();
    check_text(TextField::Note, note)?;
    check_text(TextField::Note, why)?;
    let step = request.step();
    let at = instant(at);
    tx.prepare_cached(
        "INSERT INTO closing (task_id, step, department_id, note, why, by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        task_id,
        step.as_str(),
        department,
        note,
        why,
        by,
        at
    ])?;
    let id = tx.last_insert_rowid();
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM closing c LEFT JOIN department d ON d.id = c.department_id
         WHERE c.id = ?1"
    );
    Ok(tx.prepare_cached(&sql)?.query_row([id], entry_row)?)
}
