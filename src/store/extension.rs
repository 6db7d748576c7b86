//! Extensions (延期申请, issue 22): the `extension` journal. Each step is one row, written in an
//! `IMMEDIATE` transaction that reads the task's deadline, its units, its pending request and
//! whether it is closed, and asks `domain::extension::decide` first. An approval also moves the
//! task's deadline through the admin editor's own path (`Db::update_in`), in the same
//! transaction: the old deadline goes to `task_past` and the change to `audit`, so as-of reads and
//! circulars issued before the approval keep it. Reads give a task's history, the queue of
//! requests, and the marks a page of rows shows (已延期, a request waiting).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::Db;
use super::admin::task_for_edit_in;
use super::error::{Result, StoreError, check_text};
use super::journal::TaskRef;
use super::model::{day, instant};
use super::write::actor;
use crate::domain::extension::{self, Pending, Request, Standing, Step};
use crate::domain::{Closing, ClosingStep, Denied, TextField};

/// A step a clerk asks for, with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionAction<'a> {
    /// 申请延期 for `department_id` (a unit of the task) to `to`, on `today` (local): after the
    /// deadline only an admin may file it.
    Request {
        department_id: i64,
        to: NaiveDate,
        reason: &'a str,
        today: NaiveDate,
    },
    /// 批准 the pending request: to the date asked (`to` `None`) or to `to`; `note` optional.
    Approve {
        to: Option<NaiveDate>,
        note: &'a str,
    },
    /// 不予延期, with the reason.
    Refuse { reason: &'a str },
}

/// One row of the extension journal, with the names a reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionEntry {
    pub id: i64,
    pub task_id: i64,
    pub step: Step,
    /// The request an approval or a refusal answers.
    pub request_id: Option<i64>,
    /// The asking unit (request rows).
    pub department_id: Option<i64>,
    pub department: Option<String>,
    /// The deadline in force when the row was written.
    pub old_deadline: NaiveDate,
    /// Asked for (request), granted (approve); `None` on a refusal.
    pub new_deadline: Option<NaiveDate>,
    /// Why (request, refusal), or the admin's note (approval, may be empty).
    pub reason: String,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
}

/// A request and its answer (none yet: pending), for `duban extend list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionItem {
    pub task: TaskRef,
    pub request: ExtensionEntry,
    pub answer: Option<ExtensionEntry>,
}

impl ExtensionItem {
    pub fn is_pending(&self) -> bool {
        self.answer.is_none()
    }
}

/// What a task's row shows of its extensions, as of a read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtensionMark {
    /// 已延期: the deadline before the first approved extension (the plan's own).
    pub extended_from: Option<NaiveDate>,
    /// How many extensions were granted.
    pub granted: u32,
    /// The request waiting for an admin.
    pub pending: Option<ExtensionEntry>,
}

const ENTRY_COLUMNS: &str = "e.id, e.task_id, e.step, e.request_id, e.department_id, d.name, \
                             coalesce(e.old_deadline, p.ends_on), e.new_deadline, e.reason, \
                             e.by, e.at";

/// The joins `ENTRY_COLUMNS` reads through.
const ENTRY_FROM: &str = "extension e JOIN task t ON t.id = e.task_id
     JOIN plan p ON p.id = t.plan_id
     LEFT JOIN department d ON d.id = e.department_id";

fn entry_row(r: &Row<'_>) -> rusqlite::Result<ExtensionEntry> {
    let step: String = r.get(2)?;
    Ok(ExtensionEntry {
        id: r.get(0)?,
        task_id: r.get(1)?,
        // The table's CHECK allows only the three.
        step: Step::parse(&step).unwrap_or(Step::Request),
        request_id: r.get(3)?,
        department_id: r.get(4)?,
        department: r.get(5)?,
        old_deadline: date(r, 6)?,
        new_deadline: r
            .get::<_, Option<String>>(7)?
            .map(|s| parse_date(7, &s))
            .transpose()?,
        reason: r.get(8)?,
        by: r.get(9)?,
        at: r.get(10)?,
    })
}

fn date(r: &Row<'_>, col: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(col)?;
    parse_date(col, &s)
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

/// Rows before `as_of`, or every row ("\u{10FFFF}" sorts after any instant).
fn bound(as_of: Option<DateTime<Utc>>) -> String {
    as_of.map_or_else(|| "\u{10FFFF}".to_string(), instant)
}

impl Db {
    /// Takes one extension step on `task_id` for `by`, or refuses: `Forbidden` when `by` may not
    /// ask for that unit, `Extension` when the rule does not allow it (late, pending, not later,
    /// not an admin…), `Edit` for a reason the record does not accept, `NotFound` for a task
    /// that is not there. An approval moves the task's deadline in the same transaction.
    pub fn extension_step(
        &mut self,
        task_id: i64,
        action: &ExtensionAction<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ExtensionEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let entry = step_in(&tx, task_id, action, by, at)?;
        tx.commit()?;
        Ok(entry)
    }

    /// The task's extension journal, oldest first (rows before `as_of` when given).
    pub fn extension_history(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<ExtensionEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.task_id = ?1 AND e.at < ?2
             ORDER BY e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![task_id, bound(as_of)], entry_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Requests written before `as_of` (all, when `None`), each with its answer then.
    /// `pending_only`: the queue (待审批), oldest first; otherwise the pending ones first (oldest
    /// first), then the answered ones, latest request first. `department`: only the tasks it is
    /// a unit of now. Deleted tasks leave the list from their deletion on.
    pub fn extension_requests(
        &self,
        as_of: Option<DateTime<Utc>>,
        pending_only: bool,
        department: Option<i64>,
    ) -> Result<Vec<ExtensionItem>> {
        let bound = bound(as_of);
        let sql = format!(
            "SELECT {ENTRY_COLUMNS}, t.number, t.title, p.title,
                    (SELECT a.id FROM extension a WHERE a.request_id = e.id AND a.at < ?1)
             FROM {ENTRY_FROM}
             WHERE e.step = 'request' AND e.at < ?1
               AND (t.deleted_at IS NULL OR t.deleted_at >= ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM assignment a
                                         WHERE a.task_id = e.task_id AND a.department_id = ?2
                                           AND a.ended_at IS NULL))
             ORDER BY e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![&bound, department], |r| {
                Ok((
                    entry_row(r)?,
                    TaskRef {
                        id: r.get(1)?,
                        number: r.get(11)?,
                        title: r.get(12)?,
                        plan_title: r.get(13)?,
                    },
                    r.get::<_, Option<i64>>(14)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut pending = Vec::new();
        let mut answered = Vec::new();
        for (request, task, answer_id) in rows {
            match answer_id {
                None => pending.push(ExtensionItem {
                    task,
                    request,
                    answer: None,
                }),
                Some(_) if pending_only => {}
                Some(id) => answered.push(ExtensionItem {
                    task,
                    request,
                    answer: Some(self.extension_entry(id)?),
                }),
            }
        }
        answered.reverse();
        pending.extend(answered);
        Ok(pending)
    }

    fn extension_entry(&self, id: i64) -> Result<ExtensionEntry> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], entry_row)?)
    }

    /// The marks of these tasks as of `as_of` (now, when `None`): 已延期 with the deadline the
    /// plan first gave, and the request waiting, if any. The rows on screen (a page, or one
    /// department's list) in two queries; tasks with neither are left out.
    pub fn extension_marks(
        &self,
        task_ids: &[i64],
        as_of: Option<DateTime<Utc>>,
    ) -> Result<HashMap<i64, ExtensionMark>> {
        let list = serde_json::to_string(task_ids).unwrap_or_else(|_| "[]".into());
        let bound = bound(as_of);
        let mut out: HashMap<i64, ExtensionMark> = HashMap::new();
        let sql = format!(
            "SELECT {ENTRY_COLUMNS}, (SELECT count(*) FROM extension g
                                      WHERE g.task_id = e.task_id AND g.step = 'approve'
                                        AND g.at < ?2)
             FROM {ENTRY_FROM}
             WHERE e.id IN (SELECT (SELECT f.id FROM extension f
                                    WHERE f.task_id = j.value AND f.step = 'approve'
                                      AND f.at < ?2
                                    ORDER BY f.id LIMIT 1)
                            FROM json_each(?1) j)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![list, bound], |r| {
            Ok((entry_row(r)?, r.get::<_, i64>(11)?))
        })?;
        for row in rows {
            let (first, granted) = row?;
            let mark = out.entry(first.task_id).or_default();
            mark.extended_from = Some(first.old_deadline);
            mark.granted = u32::try_from(granted).unwrap_or(u32::MAX);
        }
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM}
             WHERE e.id IN (SELECT (SELECT f.id FROM extension f
                                    WHERE f.task_id = j.value AND f.step = 'request'
                                      AND f.at < ?2
                                      AND NOT EXISTS (SELECT 1 FROM extension a
                                                      WHERE a.request_id = f.id AND a.at < ?2)
                                    ORDER BY f.id DESC LIMIT 1)
                            FROM json_each(?1) j)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![list, bound], entry_row)?;
        for row in rows {
            let entry = row?;
            let task_id = entry.task_id;
            out.entry(task_id).or_default().pending = Some(entry);
        }
        Ok(out)
    }

    /// 已延期 of every task with an extension approved before `as_of` (now, when `None`): the
    /// deadline before the first, as `extension_marks` gives it, without naming the tasks (a
    /// list written while it is read does not know them beforehand).
    pub fn extended_from_all(
        &self,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<HashMap<i64, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.task_id, coalesce(e.old_deadline, p.ends_on)
             FROM extension e JOIN task t ON t.id = e.task_id JOIN plan p ON p.id = t.plan_id
             WHERE e.id IN (SELECT min(f.id) FROM extension f
                            WHERE f.step = 'approve' AND f.at < ?1 GROUP BY f.task_id)",
        )?;
        let rows = stmt.query_map([bound(as_of)], |r| Ok((r.get(0)?, date(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One step inside the caller's transaction: the clerk, the task's standing read there, the rule
/// asked, the row appended (its link added by the trigger), and on approval the deadline moved.
fn step_in(
    tx: &Transaction<'_>,
    task_id: i64,
    action: &ExtensionAction<'_>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<ExtensionEntry> {
    let who = actor(tx, by)?;
    let deadline: Option<String> = tx
        .prepare_cached(
            "SELECT coalesce(t.deadline, p.ends_on) FROM task t JOIN plan p ON p.id = t.plan_id
             WHERE t.id = ?1 AND t.deleted_at IS NULL",
        )?
        .query_row([task_id], |r| r.get(0))
        .optional()?;
    let Some(deadline) = deadline else {
        return Err(StoreError::NotFound(format!("task {task_id}")));
    };
    let deadline: NaiveDate = deadline
        .parse()
        .map_err(|_| StoreError::Refused(format!("task {task_id}: deadline {deadline:?}")))?;
    let pending = tx
        .prepare_cached(
            "SELECT e.id, e.department_id, e.new_deadline FROM extension e
             WHERE e.task_id = ?1 AND e.step = 'request'
               AND NOT EXISTS (SELECT 1 FROM extension a WHERE a.request_id = e.id)
             ORDER BY e.id DESC LIMIT 1",
        )?
        .query_row([task_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    let pending = match pending {
        Some((request_id, department_id, asked)) => Some(Pending {
            request_id,
            department_id,
            asked: asked.parse().map_err(|_| {
                StoreError::Refused(format!("extension {request_id}: date {asked:?}"))
            })?,
        }),
        None => None,
    };
    let last_closing: Option<String> = tx
        .prepare_cached("SELECT step FROM closing WHERE task_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([task_id], |r| r.get(0))
        .optional()?;
    let closed =
        Closing::after(last_closing.as_deref().and_then(ClosingStep::parse)) == Closing::Closed;
    let units: Vec<i64> = tx
        .prepare_cached(
            "SELECT department_id FROM assignment WHERE task_id = ?1 AND ended_at IS NULL",
        )?
        .query_map([task_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let standing = Standing {
        deadline,
        pending,
        closed,
        units,
    };
    let (request, department, reason) = match *action {
        ExtensionAction::Request {
            department_id,
            to,
            reason,
            today,
        } => (
            Request::Ask {
                department: department_id,
                to,
                reason,
                today,
            },
            Some(department_id),
            reason,
        ),
        ExtensionAction::Approve { to, note } => (Request::Approve { to }, None, note),
        ExtensionAction::Refuse { reason } => (Request::Refuse { reason }, None, reason),
    };
    let decision =
        extension::decide(&standing, &who, &request).map_err(|refusal| match refusal {
            // "Not an admin" has words of its own here: answering is not changing the plan.
            extension::Refusal::Denied(why) if why != Denied::NotAdmin => StoreError::Forbidden {
                user: by.to_string(),
                why,
            },
            other => StoreError::Extension(other),
        })?;
    let reason = reason.trim();
    check_text(TextField::Note, reason)?;
    tx.prepare_cached(
        "INSERT INTO extension (task_id, step, request_id, department_id, old_deadline,
                                new_deadline, reason, by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        task_id,
        decision.step.as_str(),
        decision.answers,
        department,
        day(deadline),
        decision.new_deadline.map(day),
        reason,
        by,
        instant(at)
    ])?;
    let id = tx.last_insert_rowid();
    if let (Step::Approve, Some(to)) = (decision.step, decision.new_deadline) {
        // The admin editor's own write: task_past keeps the deadline (and the plan's words for
        // it, which no longer hold: "6月底前" is not 9月30日) as they stood until now.
        let before = task_for_edit_in(tx, task_id)?;
        let mut spec = before.spec();
        spec.deadline = Some(to);
        spec.deadline_text = None;
        Db::update_in(tx, task_id, before.version, &spec, by, at)?;
    }
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.id = ?1");
    Ok(tx.prepare_cached(&sql)?.query_row([id], entry_row)?)
}
