//! Reading the audit trail (`duban audit`): the structure changes the admin writes (`admin.rs`),
//! imports (`load.rs`) and restores (`maintenance.rs`) append, filtered and newest first.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::Db;
use super::admin::{AuditEntry, audit_entry};
use super::error::Result;
use super::model::instant;

/// Which audit rows to read. `None` filters nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    /// Rows written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// `task`, `department`, `clerk`, `setting`, `plan`, `database`.
    pub entity: Option<String>,
    /// The login that made the change.
    pub by: Option<String>,
    pub limit: Option<u64>,
}

impl Db {
    /// The audit rows `q` selects, newest first: in the order written (`id`), which is the order
    /// of the transactions, whatever instant each caller passed.
    pub fn audit_entries(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        // The trail is one row per admin action: small enough to filter without an index.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, by, entity, entity_id, action, before, after FROM audit
             WHERE at >= ?1 AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR by = ?3)
             ORDER BY id DESC LIMIT ?4",
        )?;
        let since = q.since.map(instant).unwrap_or_default();
        // SQLite reads a negative LIMIT as "no limit".
        let limit = q.limit.and_then(|n| i64::try_from(n).ok()).unwrap_or(-1);
        let rows = stmt.query_map(params![since, q.entity, q.by, limit], audit_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
