//! Report text a clerk typed but did not save, kept across sessions: a form open when the SSH
//! connection dropped comes back on the next `e`. Per login, never shared.

use chrono::{DateTime, Utc};
use rusqlite::{TransactionBehavior, params};

use super::model::instant;
use super::{Db, Result};

/// One unsaved form: the percent as typed and the note's three parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    pub task_id: i64,
    pub department_id: i64,
    pub percent: String,
    pub note: [String; 3],
}

impl Db {
    /// The user's unsaved forms.
    pub fn drafts(&self, username: &str) -> Result<Vec<StoredDraft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, department_id, percent, progress, problems, next_steps
             FROM draft WHERE username = ?1 ORDER BY saved_at",
        )?;
        let rows = stmt.query_map([username], |r| {
            Ok(StoredDraft {
                task_id: r.get(0)?,
                department_id: r.get(1)?,
                percent: r.get(2)?,
                note: [r.get(3)?, r.get(4)?, r.get(5)?],
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Makes `drafts` the user's whole set of unsaved forms, in one transaction: what the session
    /// ends with (saved or thrown away forms are no longer drafts).
    pub fn keep_drafts(
        &mut self,
        username: &str,
        drafts: &[StoredDraft],
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM draft WHERE username = ?1", [username])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO draft (username, task_id, department_id, percent, progress, problems,
                                    next_steps, saved_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
                 WHERE EXISTS (SELECT 1 FROM assignment WHERE task_id = ?2 AND department_id = ?3)",
            )?;
            for d in drafts {
                insert.execute(params![
                    username,
                    d.task_id,
                    d.department_id,
                    d.percent,
                    d.note[0],
                    d.note[1],
                    d.note[2],
                    instant(at)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
