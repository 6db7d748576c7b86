//! Evidence files (佐证材料, issue 22): the `attachment` journal and its bytes in
//! `attachment_data`, inside the database so that one file stays one backup.
//!
//! A file is kept in one `IMMEDIATE` transaction: the clerk's permission (the rule of reporting
//! progress), the unit on the task, the name, the limits and the owner row are read and checked
//! there; the row goes in with the size and SHA-256 the caller read first (its chain link covers
//! them), then a zeroblob of that size that is filled in 64 KiB pieces through SQLite's
//! incremental blob I/O while the pieces are hashed again. Bytes that hash otherwise than
//! declared (the file changed between the two readings) roll everything back. Reading streams the
//! same way and checks the hash at the end; `verify_bytes` is `check`'s pass over every file.

use std::io::{Read, Write};

use chrono::{DateTime, Utc};
use rusqlite::blob::ZeroBlob;
use rusqlite::{Connection, MAIN_DB, OptionalExtension, Row, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::Db;
use super::error::{Result, StoreError};
use super::model::instant;
use super::write::permit;
use crate::domain::attachment::{AttachTo, Limits, Owner, Refusal, check_limits, check_name, hex};

/// The piece read or written at a time: the memory a file of any size takes.
pub const PIECE: usize = 64 * 1024;

/// A file to keep: what it is evidence for, its name, and the size and SHA-256 of a first
/// reading of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment<'a> {
    pub task_id: i64,
    pub department_id: i64,
    pub to: AttachTo,
    /// The file's name (its last component only).
    pub name: &'a str,
    pub size: u64,
    pub sha256: [u8; 32],
}

/// A kept file, with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    pub owner: Owner,
    pub task_id: i64,
    pub task_number: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub name: String,
    pub size: u64,
    /// 64 lowercase hex digits.
    pub sha256: String,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
}

/// Which files a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttachmentQuery {
    pub task_id: Option<i64>,
    pub department_id: Option<i64>,
    pub owner: Option<Owner>,
}

const COLUMNS: &str = "a.id, a.owner, a.owner_id, a.task_id, t.number, a.department_id, d.name, \
                       a.name, a.size, a.sha256, a.by, a.at";
const FROM: &str = "attachment a JOIN task t ON t.id = a.task_id \
                    LEFT JOIN department d ON d.id = a.department_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Attachment> {
    let kind: String = r.get(1)?;
    let owner_id: Option<i64> = r.get(2)?;
    Ok(Attachment {
        id: r.get(0)?,
        // The table's CHECK holds the pair to one of the four.
        owner: Owner::from_columns(&kind, owner_id).unwrap_or(Owner::Assignment),
        task_id: r.get(3)?,
        task_number: r.get(4)?,
        department_id: r.get(5)?,
        department: r.get(6)?,
        name: r.get(7)?,
        size: u64::try_from(r.get::<_, i64>(8)?).unwrap_or(0),
        sha256: r.get(9)?,
        by: r.get(10)?,
        at: r.get(11)?,
    })
}

fn refused(why: Refusal) -> StoreError {
    StoreError::Attachment(why)
}

impl Db {
    /// The limits in force (`attach.max_file_mb`, `attach.max_total_mb`, or their defaults).
    pub fn attach_limits(&self) -> Result<Limits> {
        limits(&self.conn)
    }

    /// Bytes kept in all (what `attach.max_total_mb` counts).
    pub fn attachments_total(&self) -> Result<u64> {
        total(&self.conn)
    }

    /// Keeps a file. `bytes` gives its content again from the start; it is read in pieces up to
    /// `new.size` and once more to see that it ends there. Refuses with `Forbidden` (the rule
    /// of reporting progress), `NotFound` (a task not there), or `Attachment` (not a unit of
    /// the task, the limits, the owner row missing, a bad name, or bytes that changed).
    pub fn attach(
        &mut self,
        new: &NewAttachment<'_>,
        bytes: &mut dyn Read,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Attachment> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        permit(&tx, by, |a| a.may_report(new.department_id))?;
        let live: Option<i64> = tx
            .prepare_cached("SELECT id FROM task WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([new.task_id], |r| r.get(0))
            .optional()?;
        if live.is_none() {
            return Err(StoreError::NotFound(format!("task {}", new.task_id)));
        }
        let unit: Option<i64> = tx
            .prepare_cached(
                "SELECT 1 FROM assignment WHERE task_id = ?1 AND department_id = ?2
                   AND ended_at IS NULL",
            )?
            .query_row([new.task_id, new.department_id], |r| r.get(0))
            .optional()?;
        if unit.is_none() {
            return Err(refused(Refusal::NotAUnit));
        }
        check_name(new.name).map_err(|p| refused(Refusal::BadName(p)))?;
        check_limits(limits(&tx)?, new.size, total(&tx)?).map_err(refused)?;
        let owner = owner_in(&tx, new)?;
        let size = i64::try_from(new.size).map_err(|_| {
            refused(Refusal::FileTooLarge {
                size: new.size,
                limit: i64::MAX as u64,
            })
        })?;
        tx.prepare_cached(
            "INSERT INTO attachment (owner, owner_id, task_id, department_id, name, size, sha256,
                                     by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            owner.kind(),
            owner.id(),
            new.task_id,
            new.department_id,
            new.name,
            size,
            hex(&new.sha256),
            by,
            instant(at),
        ])?;
        let id = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO attachment_data (attachment_id, data) VALUES (?1, ?2)")?
            .execute(params![id, ZeroBlob(new.size)])?;
        let written = copy_in(&tx, id, new.size, bytes)?;
        if written != new.sha256 {
            // Dropping `tx` rolls the row, its link and the bytes back.
            return Err(refused(Refusal::Changed));
        }
        let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1");
        let kept = tx.prepare_cached(&sql)?.query_row([id], row)?;
        tx.commit()?;
        Ok(kept)
    }

    /// Kept files, oldest first, of a task, a unit, an owner (any of them, or all).
    pub fn attachments(&self, q: &AttachmentQuery) -> Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM {FROM}
             WHERE (?1 IS NULL OR a.task_id = ?1) AND (?2 IS NULL OR a.department_id = ?2)
               AND (?3 IS NULL OR (a.owner = ?3 AND a.owner_id IS ?4))
             ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                q.task_id,
                q.department_id,
                q.owner.map(Owner::kind),
                q.owner.and_then(Owner::id)
            ],
            row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A task's files kept before `as_of` (all, when `None`), oldest first: the TUI's detail.
    pub fn task_attachments(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE a.task_id = ?1 AND (?2 IS NULL OR a.at < ?2)
             ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![task_id, as_of.map(instant)], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One kept file's row.
    pub fn attachment(&self, id: i64) -> Result<Option<Attachment>> {
        let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], row)
            .optional()?)
    }

    /// Writes file `id`'s bytes to `out` in pieces, and checks them against the recorded
    /// SHA-256 at the end: `Attachment(Tampered)` when they differ (the caller then drops what
    /// it wrote), `NotFound` for no such file.
    pub fn read_attachment(&self, id: i64, out: &mut dyn Write) -> Result<Attachment> {
        let Some(kept) = self.attachment(id)? else {
            return Err(StoreError::NotFound(format!("attachment {id}")));
        };
        let digest = stream_out(&self.conn, id, kept.size, &mut |piece| out.write_all(piece))?;
        if digest.as_deref() != Some(kept.sha256.as_str()) {
            return Err(refused(Refusal::Tampered { id }));
        }
        Ok(kept)
    }
}

fn limits(conn: &Connection) -> Result<Limits> {
    let mut limits = Limits::default();
    let mut stmt =
        conn.prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'attach.%'")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for pair in rows {
        let (key, value) = pair?;
        limits.apply(&key, &value);
    }
    Ok(limits)
}

fn total(conn: &Connection) -> Result<u64> {
    let sum: i64 = conn
        .prepare_cached("SELECT coalesce(sum(size), 0) FROM attachment")?
        .query_row([], |r| r.get(0))?;
    Ok(u64::try_from(sum).unwrap_or(0))
}

/// The row the file is evidence for, found and checked inside the transaction.
fn owner_in(conn: &Connection, new: &NewAttachment<'_>) -> Result<Owner> {
    let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<Option<i64>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(p, |r| r.get(0))
            .optional()?)
    };
    let (task, dept) = (new.task_id, new.department_id);
    Ok(match new.to {
        AttachTo::Assignment => Owner::Assignment,
        AttachTo::LatestReport => Owner::Progress(
            one(
                "SELECT id FROM progress WHERE task_id = ?1 AND department_id = ?2
                 ORDER BY reported_at DESC, id DESC LIMIT 1",
                &[&task, &dept],
            )?
            .ok_or(refused(Refusal::NoReport))?,
        ),
        AttachTo::Report(id) => Owner::Progress(
            one(
                "SELECT id FROM progress WHERE id = ?1 AND task_id = ?2 AND department_id = ?3",
                &[&id, &task, &dept],
            )?
            .ok_or(refused(Refusal::NoReport))?,
        ),
        AttachTo::LatestApplication => Owner::Closing(
            one(
                "SELECT id FROM closing WHERE task_id = ?1 AND department_id = ?2
                   AND step = 'apply' ORDER BY id DESC LIMIT 1",
                &[&task, &dept],
            )?
            .ok_or(refused(Refusal::NoApplication))?,
        ),
        AttachTo::NoticeStep(id) => Owner::NoticeStep(
            one(
                "SELECT s.id FROM notice_step s JOIN notice n ON n.id = s.notice_id
                 WHERE s.id = ?1 AND n.task_id = ?2",
                &[&id, &task],
            )?
            .ok_or(refused(Refusal::NoNoticeStep(id)))?,
        ),
    })
}

/// Fills row `id`'s zeroblob with exactly `size` bytes of `bytes`, hashing them; `Changed` when
/// the source ends early or goes on past `size`.
fn copy_in(conn: &Connection, id: i64, size: u64, bytes: &mut dyn Read) -> Result<[u8; 32]> {
    let mut hash = Sha256::new();
    let mut piece = vec![0u8; PIECE];
    let mut left = size;
    // SQLite refuses a handle on a zero-length value's pages it does not need: nothing to copy.
    let mut blob = if size > 0 {
        Some(conn.blob_open(MAIN_DB, "attachment_data", "data", id, false)?)
    } else {
        None
    };
    while left > 0 {
        let want = usize::try_from(left.min(PIECE as u64)).unwrap_or(PIECE);
        let n = read_some(bytes, &mut piece[..want])?;
        if n == 0 {
            return Err(refused(Refusal::Changed));
        }
        hash.update(&piece[..n]);
        if let Some(b) = blob.as_mut() {
            b.write_all(&piece[..n])?;
        }
        left -= n as u64;
    }
    if let Some(b) = blob {
        b.close()?;
    }
    // Past the size read first: the file grew meanwhile.
    if read_some(bytes, &mut piece[..1])? != 0 {
        return Err(refused(Refusal::Changed));
    }
    Ok(hash.finalize().into())
}

/// One read, retried when interrupted by a signal.
fn read_some(bytes: &mut dyn Read, buf: &mut [u8]) -> Result<usize> {
    loop {
        match bytes.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return Ok(other?),
        }
    }
}

/// Streams row `id`'s bytes to `each` in pieces; the hex SHA-256 of what was read, or `None`
/// when there are no bytes of the recorded size (a row gone or changed around duban).
fn stream_out(
    conn: &Connection,
    id: i64,
    size: u64,
    each: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
) -> Result<Option<String>> {
    let stored: Option<i64> = conn
        .prepare_cached("SELECT length(data) FROM attachment_data WHERE attachment_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if stored.and_then(|n| u64::try_from(n).ok()) != Some(size) {
        return Ok(None);
    }
    let mut hash = Sha256::new();
    if size > 0 {
        let mut blob = conn.blob_open(MAIN_DB, "attachment_data", "data", id, true)?;
        let mut piece = vec![0u8; PIECE];
        loop {
            let n = blob.read(&mut piece)?;
            if n == 0 {
                break;
            }
            hash.update(&piece[..n]);
            each(&piece[..n])?;
        }
    }
    Ok(Some(hex(&hash.finalize())))
}

/// A kept file whose bytes do not hash to its recorded SHA-256 (or are missing): what `check`
/// reports, since the chain covers the hash but not the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    pub id: i64,
    pub name: String,
}

/// Hashes every kept file's bytes, in pieces, inside the caller's read transaction.
pub(super) fn verify_bytes(conn: &Connection) -> Result<Vec<BadBytes>> {
    let list: Vec<(i64, String, u64, String)> = conn
        .prepare("SELECT id, name, size, sha256 FROM attachment ORDER BY id")?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut bad = Vec::new();
    for (id, name, size, sha256) in list {
        let digest = stream_out(conn, id, size, &mut |_| Ok(()))?;
        if digest.as_deref() != Some(sha256.as_str()) {
            bad.push(BadBytes { id, name });
        }
    }
    Ok(bad)
}
