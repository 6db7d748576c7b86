//! Writes a clerk makes one at a time. Each runs in one `IMMEDIATE` transaction, so two clerks
//! never interleave inside a write, and a busy file waits `BUSY_TIMEOUT` instead of failing.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError};
use super::model::*;
use super::read::assignment_row;
use crate::domain::{ClerkRole, Percent};

impl Db {
    /// Appends a progress row and updates the assignment's current value, in one transaction.
    /// Refuses with `Conflict` (carrying the current value) when the assignment changed since the
    /// caller read `expected_version`: nothing is overwritten.
    pub fn report_progress(&mut self, report: &ProgressReport) -> Result<AssignmentState> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = tx
            .prepare_cached(
                "SELECT task_id, department_id, role, percent, version, updated_by, updated_at
                 FROM assignment WHERE task_id = ?1 AND department_id = ?2",
            )?
            .query_row(
                params![report.task_id, report.department_id],
                assignment_row,
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "assignment task {} × department {}",
                    report.task_id, report.department_id
                ))
            })?;
        if current.version != report.expected_version {
            return Err(StoreError::Conflict(Box::new(current)));
        }
        let at = instant(report.at);
        append_progress(
            &tx,
            report.task_id,
            report.department_id,
            report.percent,
            &report.note,
            &report.by,
            &at,
        )?;
        tx.commit()?;
        Ok(AssignmentState {
            percent: report.percent,
            version: current.version + 1,
            updated_by: Some(report.by.clone()),
            updated_at: Some(at),
            ..current
        })
    }

    /// Adds a clerk, or changes the role and department of an existing one.
    pub fn upsert_clerk(&mut self, clerk: &Clerk) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO clerk (username, display_name, department_id, role) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name,
                 department_id = excluded.department_id, role = excluded.role",
            params![
                clerk.username,
                clerk.display_name,
                clerk.department_id,
                clerk.role.as_str()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records the OS user who created the file as its first admin.
    pub fn add_first_admin(&mut self, username: &str) -> Result<()> {
        self.upsert_clerk(&Clerk {
            username: username.to_string(),
            display_name: None,
            department_id: None,
            role: ClerkRole::Admin,
        })
    }
}

/// Appends a journal row and mirrors it into the assignment's current value (bumping `version`).
/// The one place that writes progress: clerks' reports and bulk loads both come through here.
pub(super) fn append_progress(
    tx: &rusqlite::Transaction<'_>,
    task_id: i64,
    department_id: i64,
    percent: Percent,
    note: &str,
    by: &str,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO progress (task_id, department_id, percent, note, reported_by, reported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        task_id,
        department_id,
        percent.value(),
        note,
        by,
        at
    ])?;
    tx.prepare_cached(
        "UPDATE assignment SET percent = ?3, updated_at = ?4, updated_by = ?5, version = version + 1
         WHERE task_id = ?1 AND department_id = ?2",
    )?
    .execute(params![task_id, department_id, percent.value(), at, by])?;
    Ok(())
}
