//! Writes a clerk makes one at a time. Each runs in one `IMMEDIATE` transaction, so two clerks
//! never interleave inside a write, and a busy file waits `BUSY_TIMEOUT` instead of failing.
//! Every write asks `domain::permission` inside that transaction: no path goes around it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::Db;
use super::error::{Conflict, Result, StoreError, check_text};
use super::model::*;
use super::read::{assignment_row, clerk_row, percent_col};
use crate::domain::{Actor, ClerkRole, Denied, Percent, TextField};

mod indicator;

impl Db {
    /// Who `username` is in this file: their role and department, or a reader if not a clerk.
    pub fn actor(&self, username: &str) -> Result<Actor> {
        actor(&self.conn, username)
    }

    /// Appends a progress row and updates the assignment's current value, in one transaction.
    /// Refuses with `Forbidden` when `report.by` may not report for that department, and with
    /// `Conflict` (carrying the current value and the report that set it) when the assignment
    /// changed since the caller read `expected_version`: nothing is overwritten.
    pub fn report_progress(&mut self, report: &ProgressReport) -> Result<Saved> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let saved = report_in(&tx, report)?;
        tx.commit()?;
        Ok(saved)
    }

    /// Batch entry (督查科): several reports in one `IMMEDIATE` transaction, all or nothing.
    /// Each goes through `report_in`, as a single `report_progress` would: the permission asked
    /// for its department inside the transaction, its text checked, its version compared, its
    /// own journal row (and so its own link of the hash chain). The first refusal rolls back
    /// every row and names its index in `reports`.
    pub fn report_batch(
        &mut self,
        reports: &[ProgressReport],
    ) -> std::result::Result<Vec<Saved>, BatchError> {
        let whole = |error: StoreError| BatchError { row: None, error };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| whole(e.into()))?;
        let mut saved = Vec::with_capacity(reports.len());
        for (i, report) in reports.iter().enumerate() {
            saved.push(report_in(&tx, report).map_err(|error| BatchError {
                row: Some(i),
                error,
            })?);
        }
        tx.commit().map_err(|e| whole(e.into()))?;
        Ok(saved)
    }

    /// `duban update`: reads the assignment and writes the report in one IMMEDIATE transaction,
    /// so another writer saving in between cannot make it fail. `decide` turns the current
    /// percent into the new one (`60`, or `+10` on what is there at this moment); `expect`, when
    /// given, is the percent the caller believes is current, and anything else is a `Conflict`
    /// (an opt-in check for scripts). A refusal by `decide` writes nothing.
    pub fn update_progress<E>(
        &mut self,
        update: &Update,
        decide: impl FnOnce(Percent) -> std::result::Result<Percent, E>,
    ) -> Result<Outcome<E>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = current_assignment(&tx, update.task_id, update.department_id)?;
        if update.expect.is_some_and(|e| e != current.percent) {
            let last = last_entry(&tx, update.task_id, update.department_id)?;
            return Err(StoreError::Conflict(Box::new(Conflict { current, last })));
        }
        let percent = match decide(current.percent) {
            Ok(p) => p,
            Err(error) => {
                return Ok(Outcome::Refused {
                    current: current.percent,
                    error,
                });
            }
        };
        let saved = report_in(
            &tx,
            &ProgressReport {
                task_id: update.task_id,
                department_id: update.department_id,
                percent,
                note: update.note.clone(),
                by: update.by.clone(),
                at: update.at,
                expected_version: current.version,
            },
        )?;
        tx.commit()?;
        Ok(Outcome::Saved {
            before: current,
            saved,
        })
    }

    /// Undoes journal row `entry_id`, which `by` saved, by appending a row that puts back the value
    /// and note from before it (the journal is never edited). Refused when someone else has
    /// reported on that assignment since, or when the entry is not `by`'s or was already undone.
    pub fn undo_progress(&mut self, entry_id: i64, by: &str, at: DateTime<Utc>) -> Result<Undone> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let undone = tx
            .prepare_cached(
                "SELECT p.id, p.percent, p.note, p.reported_by, p.reported_at, p.task_id,
                        p.department_id
                 FROM progress p
                 WHERE p.id = ?1 AND p.reported_by = ?2 AND p.undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)",
            )?
            .query_row(params![entry_id, by], |r| {
                Ok((entry_row(r)?, r.get::<_, i64>(5)?, r.get::<_, i64>(6)?))
            })
            .optional()?;
        let Some((undone, task_id, department_id)) = undone else {
            return Err(StoreError::NothingToUndo);
        };
        permit(&tx, by, |a| a.may_report(department_id))?;
        // Anything reported on the assignment since, that still stands, blocks the undo: another
        // clerk's report, and also the user's own later one (restoring the value from before
        // `entry_id` would silently drop it). Undone entries and undo rows do not count, so a
        // clerk can take back several of their own saves, newest first.
        let since: Option<String> = tx
            .prepare_cached(
                "SELECT p.reported_by FROM progress p
                 WHERE p.task_id = ?1 AND p.department_id = ?2 AND p.id > ?3
                   AND p.undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)
                 ORDER BY p.id LIMIT 1",
            )?
            .query_row(params![task_id, department_id, entry_id], |r| r.get(0))
            .optional()?;
        if let Some(other) = since {
            return Err(StoreError::UndoOverwritten { by: other });
        }
        // The value before the undone entry; an assignment starts at 0 with no note.
        let before: Option<(Percent, String)> = tx
            .prepare_cached(
                "SELECT percent, note FROM progress
                 WHERE task_id = ?1 AND department_id = ?2 AND id < ?3
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![task_id, department_id, entry_id], |r| {
                Ok((percent_col(r, 0)?, r.get(1)?))
            })
            .optional()?;
        let (percent, note) = before.unwrap_or((Percent::ZERO, String::new()));
        let at = instant(at);
        let restored_id = append_progress(
            &tx,
            task_id,
            department_id,
            percent,
            &note,
            by,
            &at,
            Some(entry_id),
        )?;
        let state = current_assignment(&tx, task_id, department_id)?;
        tx.commit()?;
        Ok(Undone {
            task_id,
            department_id,
            undone,
            restored: Saved {
                state,
                entry_id: restored_id,
            },
        })
    }

    /// Makes `username` the first admin of a file that has no clerks yet: the OS user who just
    /// created it (`duban init`). This is the one write that cannot ask `permit`, since a file
    /// with no clerks has nobody who may administer it; so it is allowed only while the clerk
    /// table is empty, checked inside its `IMMEDIATE` transaction. Once the file has clerks it
    /// goes through `permit` like every other write: an admin calling it again changes nothing,
    /// anyone else is refused with `Forbidden`. Clerks are otherwise added with `add_clerk`
    /// (or, unchecked, by the bulk `Db::load` that builds the demo, `gen` files and fixtures).
    pub fn add_first_admin(&mut self, username: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let clerks: i64 = tx.query_row("SELECT count(*) FROM clerk", [], |r| r.get(0))?;
        if clerks > 0 {
            permit(&tx, username, |a| a.may_administer())?;
            return Ok(());
        }
        tx.execute(
            "INSERT INTO clerk (username, display_name, department_id, role) VALUES (?1, NULL, NULL, ?2)",
            params![username, ClerkRole::Admin.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// `report_progress` inside a transaction the caller opened and commits: the permission and
/// version checks and the journal row, exactly as a single report (a sheet import makes many in
/// one transaction through here).
pub(super) fn report_in(tx: &Transaction<'_>, report: &ProgressReport) -> Result<Saved> {
    let actor = actor(tx, &report.by)?;
    report_as(tx, &actor, report)
}

/// `report_in` for an `actor` the caller read inside this same transaction (a sheet import reads
/// it once for all its rows: the write lock is held throughout, so no row's check could read
/// another role). The permission is asked exactly as `permit` asks it.
pub(super) fn report_as(
    tx: &Transaction<'_>,
    actor: &Actor,
    report: &ProgressReport,
) -> Result<Saved> {
    allowed(actor, |a| a.may_report(report.department_id))?;
    check_text(TextField::Note, &report.note)?;
    let current = current_assignment(tx, report.task_id, report.department_id)?;
    if current.version != report.expected_version {
        let last = last_entry(tx, report.task_id, report.department_id)?;
        return Err(StoreError::Conflict(Box::new(Conflict { current, last })));
    }
    let at = instant(report.at);
    let entry_id = append_progress(
        tx,
        report.task_id,
        report.department_id,
        report.percent,
        &report.note,
        &report.by,
        &at,
        None,
    )?;
    Ok(Saved {
        state: AssignmentState {
            percent: report.percent,
            version: current.version + 1,
            updated_by: Some(report.by.clone()),
            updated_at: Some(at),
            ..current
        },
        entry_id,
    })
}

/// Reads `username`'s clerk row.
pub(super) fn actor(conn: &Connection, username: &str) -> Result<Actor> {
    let clerk = conn
        .prepare_cached(
            "SELECT username, display_name, department_id, role FROM clerk WHERE username = ?1",
        )?
        .query_row([username], clerk_row)
        .optional()?;
    Ok(Actor {
        username: username.to_string(),
        role: clerk.as_ref().map(|c| c.role),
        department: clerk.and_then(|c| c.department_id),
    })
}

/// Checks a permission rule for `username` inside the write's transaction, so that a role changed
/// a moment ago by an admin is the one that counts.
pub(super) fn permit(
    tx: &Transaction<'_>,
    username: &str,
    rule: impl FnOnce(&Actor) -> Result<(), Denied>,
) -> Result<Actor> {
    let actor = actor(tx, username)?;
    allowed(&actor, rule)?;
    Ok(actor)
}

/// A permission rule asked of an actor already read in the caller's transaction.
pub(super) fn allowed(
    actor: &Actor,
    rule: impl FnOnce(&Actor) -> Result<(), Denied>,
) -> Result<()> {
    rule(actor).map_err(|why| StoreError::Forbidden {
        user: actor.username.clone(),
        why,
    })
}

fn current_assignment(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
) -> Result<AssignmentState> {
    // A deleted task's assignments take no more reports (its journal stays readable). The task
    // is asked in a scalar subquery, not joined: inside a write transaction the joined form (and
    // an EXISTS) was re-prepared at every run once the journal had grown (about 20 µs a report,
    // a fifth of a large sheet import), this form never is. A missing task is NULL: no row, as
    // the join gave.
    tx.prepare_cached(
        "SELECT a.task_id, a.department_id, a.role, a.percent, a.version, a.updated_by,
                a.updated_at
         FROM assignment a
         WHERE a.task_id = ?1 AND a.department_id = ?2 AND a.ended_at IS NULL
           AND (SELECT t.deleted_at IS NULL FROM task t WHERE t.id = a.task_id)",
    )?
    .query_row(params![task_id, department_id], assignment_row)
    .optional()?
    .ok_or_else(|| {
        StoreError::NotFound(format!(
            "assignment task {task_id} × department {department_id}"
        ))
    })
}

fn last_entry(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
) -> Result<Option<ProgressEntry>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, percent, note, reported_by, reported_at FROM progress
             WHERE task_id = ?1 AND department_id = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![task_id, department_id], entry_row)
        .optional()?)
}

pub(super) fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProgressEntry> {
    Ok(ProgressEntry {
        id: r.get(0)?,
        percent: percent_col(r, 1)?,
        note: r.get(2)?,
        reported_by: r.get(3)?,
        reported_at: r.get(4)?,
    })
}

/// Appends a journal row and mirrors it into the assignment's current value (bumping `version`).
/// The one place that writes progress: clerks' reports and bulk loads both come through here.
/// `undoes` names the entry a compensating row takes back. Returns the new row's id.
#[allow(clippy::too_many_arguments)]
pub(super) fn append_progress(
    tx: &Transaction<'_>,
    task_id: i64,
    department_id: i64,
    percent: Percent,
    note: &str,
    by: &str,
    at: &str,
    undoes: Option<i64>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO progress
             (task_id, department_id, percent, note, reported_by, reported_at, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        task_id,
        department_id,
        percent.value(),
        note,
        by,
        at,
        undoes
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "UPDATE assignment SET percent = ?3, updated_at = ?4, updated_by = ?5, version = version + 1
         WHERE task_id = ?1 AND department_id = ?2",
    )?
    .execute(params![task_id, department_id, percent.value(), at, by])?;
    Ok(id)
}
