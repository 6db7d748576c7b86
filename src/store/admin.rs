//! Plan editing by the supervision office (督查科): tasks and their units (`admin/task.rs`),
//! departments (`admin/department.rs`) and clerks (`admin/clerk.rs`).
//!
//! Every write here follows `write.rs`: one `IMMEDIATE` transaction; `may_administer` asked inside
//! it (through `permit`), so a role taken away a moment ago counts; one `audit` row with the acting
//! user, the caller's instant and the changed entity before and after as JSON; no clock reads (the
//! caller passes `at`). Bad input is refused with `StoreError::Edit(EditRefusal::…)`, which names
//! what to change, before anything is written; a refused write changes nothing.
//!
//! Deleting a task marks it (`task.deleted_at`, schema 3) instead of removing the row. The progress
//! journal is append-only and its rows reference `assignment (task_id, department_id)`, which
//! references `task`: a `DELETE` would have to delete history, which nothing may do. So a task with
//! reports (deleted only with `confirm_with_history`) keeps its row, its assignments and its
//! journal. Current reads (`tasks`, `task_keys`, `task_detail`, `for_each_fact`, counts,
//! `assignment`) leave it out and `report_progress` refuses it; as-of reads show it while it
//! existed (`created_at < as_of <= deleted_at`), so a circular for a past quarter still counts it;
//! `history` still reads its journal. A never-reported task is marked the same way: one rule, and a
//! deletion that can be taken back by clearing the column.
//!
//! Merging department `from` into `into` moves everything that names `from` and then removes the
//! `from` row, whose name (and aliases) become aliases of `into` — the row cannot stay: its name is
//! UNIQUE and an alias may not be another department's name. Where both had an assignment on the
//! same task, the key (task_id, department_id) allows only one: `into`'s stays (lead if either
//! was), `from`'s journal rows move onto it (the journal lets only `department_id` change, for
//! exactly this) and its current value is taken again from the newest row of the joined journal.
//! Where only `from` had one, a copy under `into` is inserted first, the journal moved onto it,
//! then `from`'s emptied assignment deleted: the journal's foreign key holds at every statement.

mod clerk;
mod department;
mod setting;
mod task;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::Db;
use super::error::{Result, StoreError};
use super::model::instant;
use super::write::permit;

pub use department::{AddedDepartment, DepartmentSummary, Merged};
pub(super) use task::task_for_edit as task_for_edit_in;
pub use task::{EditUnit, NewTaskSpec, SectionRow, TaskForEdit};

/// One row of the audit trail: who changed what, when, and the entity before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    /// ISO UTC instant, as every instant in the file.
    pub at: String,
    pub by: String,
    /// `task`, `department`, `clerk`, `plan`.
    pub entity: String,
    /// The task or department id, or the clerk's username.
    pub entity_id: Option<String>,
    /// `create`, `update`, `delete`, `rename`, `alias`, `merge`, `import`.
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Db {
    /// The audit rows of one entity, oldest first: a task's or a department's edit history.
    /// `entity_id` is the id as text (`"12"`) or a clerk's username.
    pub fn audit_trail(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, by, entity, entity_id, action, before, after FROM audit
             WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], audit_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// An audit row read as `SELECT id, at, by, entity, entity_id, action, before, after`.
pub(super) fn audit_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        by: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: r.get(5)?,
        before: json_col(r, 6)?,
        after: json_col(r, 7)?,
    })
}

pub(super) fn json_col(r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<Value>> {
    match r.get::<_, Option<String>>(col)? {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, e.into())
        }),
    }
}

/// Opens the write's `IMMEDIATE` transaction and checks there that `by` may administer.
fn begin<'c>(conn: &'c mut Connection, by: &str) -> Result<Transaction<'c>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    permit(&tx, by, |a| a.may_administer())?;
    Ok(tx)
}

/// The audit row of one write.
#[allow(clippy::too_many_arguments)]
fn audit(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    by: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (at, by, entity, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        instant(at),
        by,
        entity,
        entity_id,
        action,
        before.map(Value::to_string),
        after.map(Value::to_string)
    ])?;
    Ok(())
}

/// `NotFound` for a department id the caller named.
fn no_department(id: i64) -> StoreError {
    StoreError::NotFound(format!("department {id}"))
}
