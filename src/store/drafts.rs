//! Report text a clerk typed but did not save, kept while they type: a form open when the
//! process is killed (`kill -9`, an SSH hang-up, a power cut) comes back on the next `e`.
//!
//! One row per (login, task, unit): the newest write wins. A clerk with two sessions open on the
//! same assignment shares one draft, and each write returns the row it replaced, so the TUI can
//! say when it replaced another session's text. Drafts are scratch, not the record: plain rows,
//! no journal, no chain link, cascading with their task or department.
//!
//! A draft write is one small row and must never stall the form: it waits at most `busy_wait`
//! for another clerk's transaction (the TUI passes `DRAFT_BUSY_WAIT`, then tries again a second
//! later; the text stays in the form meanwhile), and it is synced to disk (`synchronous=FULL` for
//! that one transaction, so a power cut right after it keeps it; everything else stays NORMAL).

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::error::StoreError;
use super::model::instant;
use super::{BUSY_TIMEOUT, Db, Result};

/// How long the TUI's draft write waits for another writer: about one key's worth. A busy file
/// costs the form at most this, and the write is tried again later.
pub const DRAFT_BUSY_WAIT: Duration = Duration::from_millis(100);

/// One unsaved form: the percent as typed and the note's three parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    pub task_id: i64,
    pub department_id: i64,
    pub percent: String,
    pub note: [String; 3],
    pub saved_at: DateTime<Utc>,
}

impl StoredDraft {
    /// The same text (the time it was kept aside).
    pub fn same_text(&self, other: &StoredDraft) -> bool {
        self.percent == other.percent && self.note == other.note
    }
}

const COLUMNS: &str = "task_id, department_id, percent, progress, problems, next_steps, saved_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDraft> {
    let at: String = r.get(6)?;
    Ok(StoredDraft {
        task_id: r.get(0)?,
        department_id: r.get(1)?,
        percent: r.get(2)?,
        note: [r.get(3)?, r.get(4)?, r.get(5)?],
        saved_at: DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default(),
    })
}

/// What a commit by another connection may have changed: the journals' chain (every write to
/// the record appends a link), the draft table and the kept status figures. `data_version` says
/// that something was committed; this says whether it was only a draft or a keeping of figures
/// already shown, which no screen shows differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteStamp {
    chain: i64,
    drafts: (i64, String, i64),
    /// The kept status figures' write and keeping counts (store::rollup_cache).
    rollup: (i64, i64),
}

impl WriteStamp {
    /// Whether the commits between `self` and `now` only kept or removed drafts, or kept status
    /// figures (no write the figures depend on came: their write count is the same). A draft write
    /// that happens to leave the draft table's count, newest time and total length alike is
    /// taken for a change of the record: the screen reads again, which is never wrong.
    pub fn only_drafts_since(&self, now: &WriteStamp) -> bool {
        self.chain == now.chain
            && self.rollup.0 == now.rollup.0
            && (self.drafts != now.drafts || self.rollup.1 != now.rollup.1)
    }
}

impl Db {
    /// See `WriteStamp`: one lookup of the chain's head and one pass over the draft table (a
    /// few rows per clerk: a draft goes when its form is saved or thrown away).
    pub fn write_stamp(&self) -> Result<WriteStamp> {
        let chain = self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM chain")?
            .query_row([], |r| r.get(0))?;
        let drafts = self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(max(saved_at), ''),
                        coalesce(sum(length(percent) + length(progress) + length(problems)
                                     + length(next_steps)), 0)
                 FROM draft",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        // A file of an older schema, read from a migrated copy, has no such row to change.
        let rollup = self
            .conn
            .prepare_cached("SELECT writes, keeps FROM rollup_state WHERE id = 1")
            .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))))
            .unwrap_or((0, 0));
        Ok(WriteStamp {
            chain,
            drafts,
            rollup,
        })
    }

    /// The user's unsaved forms, oldest first.
    pub fn drafts(&self, username: &str) -> Result<Vec<StoredDraft>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM draft WHERE username = ?1 ORDER BY saved_at"
        ))?;
        let rows = stmt.query_map([username], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The user's unsaved form for one assignment, if any.
    pub fn draft(
        &self,
        username: &str,
        task_id: i64,
        department_id: i64,
    ) -> Result<Option<StoredDraft>> {
        Ok(draft_row(&self.conn, username, task_id, department_id)?)
    }

    /// Makes `draft` the user's draft of its assignment (newest wins) and returns the row it
    /// replaced. Nothing is kept for an assignment that no longer exists. Waits at most
    /// `busy_wait` for another writer (`StoreError::Busy` after that: nothing was written).
    pub fn keep_draft(
        &mut self,
        username: &str,
        draft: &StoredDraft,
        busy_wait: Duration,
    ) -> Result<Option<StoredDraft>> {
        self.draft_write(busy_wait, |tx| {
            let before = draft_row(tx, username, draft.task_id, draft.department_id)?;
            tx.prepare_cached(
                "INSERT INTO draft (username, task_id, department_id, percent, progress, problems,
                                    next_steps, saved_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
                 WHERE EXISTS (SELECT 1 FROM assignment WHERE task_id = ?2 AND department_id = ?3)
                 ON CONFLICT (username, task_id, department_id) DO UPDATE SET
                     percent = excluded.percent, progress = excluded.progress,
                     problems = excluded.problems, next_steps = excluded.next_steps,
                     saved_at = excluded.saved_at",
            )?
            .execute(params![
                username,
                draft.task_id,
                draft.department_id,
                draft.percent,
                draft.note[0],
                draft.note[1],
                draft.note[2],
                instant(draft.saved_at)
            ])?;
            Ok(before)
        })
    }

    /// Removes the user's draft of `draft`'s assignment if it still holds `draft`'s text (what
    /// this session kept): a newer text another session kept meanwhile stays. True if removed.
    pub fn drop_draft(
        &mut self,
        username: &str,
        draft: &StoredDraft,
        busy_wait: Duration,
    ) -> Result<bool> {
        self.draft_write(busy_wait, |tx| {
            let n = tx
                .prepare_cached(
                    "DELETE FROM draft
                     WHERE username = ?1 AND task_id = ?2 AND department_id = ?3
                       AND percent = ?4 AND progress = ?5 AND problems = ?6 AND next_steps = ?7",
                )?
                .execute(params![
                    username,
                    draft.task_id,
                    draft.department_id,
                    draft.percent,
                    draft.note[0],
                    draft.note[1],
                    draft.note[2],
                ])?;
            Ok(n > 0)
        })
    }

    /// One draft write: its own IMMEDIATE transaction, waiting at most `busy_wait` for the lock,
    /// synced at commit. Its rows are not counted as changes of the record (`change_stamp`), so
    /// the screen's caches stay valid.
    fn draft_write<T>(
        &mut self,
        busy_wait: Duration,
        write: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let before = self.conn.total_changes();
        self.conn.busy_timeout(busy_wait)?;
        let synced = self.conn.pragma_update(None, "synchronous", "FULL");
        let result = synced.map_err(StoreError::from).and_then(|()| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = write(&tx)?;
            tx.commit()?;
            Ok(out)
        });
        // Back to the connection's usual settings whatever happened; failing that, it is slower
        // (synced) or waits less, never wrong.
        let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
        self.scratch_changes += self.conn.total_changes().saturating_sub(before);
        result
    }
}

fn draft_row(
    conn: &Connection,
    username: &str,
    task_id: i64,
    department_id: i64,
) -> rusqlite::Result<Option<StoredDraft>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM draft
         WHERE username = ?1 AND task_id = ?2 AND department_id = ?3"
    ))?
    .query_row(params![username, task_id, department_id], row)
    .optional()
}
