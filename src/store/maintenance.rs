//! Looking after the file itself: `check` (reports, changes nothing), `backup` (SQLite's online
//! backup API, safe while clerks write) and `restore` (checks the backup first, never deletes a
//! file it replaces).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, params};

use super::{Db, Result, StoreError, check_header, create_file, migrate};

/// What `check` found; empty lists mean all is well.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckReport {
    /// `PRAGMA integrity_check` lines other than "ok".
    pub integrity: Vec<String>,
    /// Rows whose reference points nowhere: (table, rowid, parent table).
    pub foreign_keys: Vec<(String, i64, String)>,
    /// Assignments whose current percent is not their newest journal row's.
    pub mismatches: Vec<Mismatch>,
    /// Tasks (id, number) whose assignments' copies of the schedule, weight or deletion (schema 5,
    /// kept by triggers) differ from the task: someone wrote around the triggers.
    pub stale_copies: Vec<(i64, String)>,
    /// The hash chain's first broken link, and journal rows with no link (schema 7).
    pub chain: Vec<super::chain::Broken>,
    /// Triggers and indexes that differ from schema.sql's: (kind, name, what is wrong). A missing
    /// append-only trigger would let a journal be rewritten unnoticed by SQLite itself.
    pub schema_objects: Vec<(String, String, SchemaDrift)>,
    /// Evidence files whose bytes do not hash to their recorded SHA-256 (schema 9): the chain
    /// covers the hash, not the bytes, so only this pass sees bytes changed around duban.
    pub attachment_bytes: Vec<super::attachment::BadBytes>,
    /// Evidence files hashed.
    pub attachments: i64,
    pub schema_version: i32,
    pub tasks: i64,
    pub journal_rows: i64,
    /// Links in the chain (every journal row has one when the chain holds).
    pub chain_links: i64,
}

/// How a trigger or index of the file differs from the one this build's schema.sql makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaDrift {
    Missing,
    Changed,
    Extra,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.mismatches.is_empty()
            && self.stale_copies.is_empty()
            && self.chain.is_empty()
            && self.schema_objects.is_empty()
            && self.attachment_bytes.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub task_id: i64,
    pub number: String,
    pub department: String,
    pub current: i64,
    /// The newest journal row's percent (0 with no row).
    pub journal: i64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the unreadable file that was replaced now is (never deleted).
    pub moved_aside: Option<PathBuf>,
    pub tasks: i64,
}

/// Checks that an open connection is a duban file this build can read; returns its version.
pub(super) fn identify(conn: &Connection, path: &Path) -> Result<i32> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != migrate::APPLICATION_ID {
        return Err(StoreError::NotDuban(path.to_path_buf()));
    }
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > migrate::SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: migrate::SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Opens a duban file for reading only: no pragma is written, no migration runs and writes are
/// refused, so looking never changes the file (an older file stays at its version).
fn open_read_only(path: &Path) -> Result<(Connection, i32)> {
    super::check_file(path)?;
    // Writes refused (`query_only`); opened so that nothing is left beside it.
    let conn = super::open_for_reading(path)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let version = identify(&conn, path)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok((conn, version))
}

/// Opens a file no one is writing as immutable: no locks, no side files created.
pub(super) fn open_immutable(path: &Path) -> Result<Connection> {
    let absolute = fs::canonicalize(path)?;
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(*b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Ok(Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// The CHECK rules of the WITHOUT ROWID tables, which `PRAGMA integrity_check` does not re-check
/// (a row written with `ignore_check_constraints` passes it): one line per broken rule.
fn without_rowid_rules(conn: &Connection) -> Result<Vec<String>> {
    const RULES: &[(&str, &str, &str)] = &[
        (
            "assignment",
            "task_id || '/' || department_id",
            "role IN ('lead', 'co')",
        ),
        (
            "assignment",
            "task_id || '/' || department_id",
            "percent BETWEEN 0 AND 100",
        ),
        (
            "assignment",
            "task_id || '/' || department_id",
            "version >= 0",
        ),
        (
            "indicator_target",
            "indicator_id || '/' || year",
            "year BETWEEN 1900 AND 2200",
        ),
    ];
    let mut out = Vec::new();
    for (table, key, rule) in RULES {
        let mut stmt = conn.prepare(&format!(
            "SELECT {key} FROM {table} WHERE NOT ({rule}) OR ({rule}) IS NULL LIMIT 20"
        ))?;
        let keys = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(
            keys.into_iter()
                .map(|k| format!("CHECK rule broken in {table} ({k}): {rule}")),
        );
    }
    Ok(out)
}

fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Verifies a database without changing it: integrity, foreign keys, and that every current
/// percent is the one its journal says.
pub fn check(path: &Path) -> Result<CheckReport> {
    let (conn, version) = open_read_only(path)?;
    // One read transaction: the three checks see the same state while clerks write.
    conn.execute_batch("BEGIN")?;
    let mut report = CheckReport {
        integrity: [integrity(&conn)?, without_rowid_rules(&conn)?].concat(),
        schema_version: version,
        ..CheckReport::default()
    };
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    report.foreign_keys = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.task_id, t.number, d.name, a.percent, j.percent
         FROM assignment a
         JOIN task t ON t.id = a.task_id
         JOIN department d ON d.id = a.department_id
         JOIN (SELECT a2.task_id, a2.department_id,
                      coalesce((SELECT g.percent FROM progress g
                                WHERE g.task_id = a2.task_id AND g.department_id = a2.department_id
                                ORDER BY g.reported_at DESC, g.id DESC LIMIT 1), 0) AS percent
               FROM assignment a2) j
           ON j.task_id = a.task_id AND j.department_id = a.department_id
         WHERE a.percent <> j.percent
         ORDER BY a.task_id, a.department_id",
    )?;
    report.mismatches = stmt
        .query_map([], |r| {
            Ok(Mismatch {
                task_id: r.get(0)?,
                number: r.get(1)?,
                department: r.get(2)?,
                current: r.get(3)?,
                journal: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if version >= 5 {
        report.stale_copies = stale_copies(&conn, version)?;
    }
    if version == migrate::SCHEMA_VERSION {
        // An older file is compared after its migration, by the command that migrates it.
        report.schema_objects = schema_drift(&conn)?;
        report.chain = super::chain::verify(&conn, 20)?;
        report.chain_links = conn.query_row("SELECT count(*) FROM chain", [], |r| r.get(0))?;
        report.attachment_bytes = super::attachment::verify_bytes(&conn)?;
        report.attachments = conn.query_row("SELECT count(*) FROM attachment", [], |r| r.get(0))?;
    }
    report.tasks = conn.query_row("SELECT count(*) FROM task", [], |r| r.get(0))?;
    report.journal_rows = conn.query_row("SELECT count(*) FROM progress", [], |r| r.get(0))?;
    conn.execute_batch("COMMIT")?;
    Ok(report)
}

/// What `check --code` says about a printed 留痕校验码, after verifying the chain: `Err` lists
/// the broken links when the chain itself does not hold.
pub fn check_code(
    path: &Path,
    rows: i64,
    head: &str,
    end: &str,
) -> Result<std::result::Result<super::chain::CodeCheck, Vec<super::chain::Broken>>> {
    let (conn, version) = open_read_only(path)?;
    if version < migrate::SCHEMA_VERSION {
        // No chain in the file yet (it is made when the file is first written): read a copy
        // migrated in memory, as `report` does when it prints the code.
        drop(conn);
        let db = Db::open_reader(path)?;
        return code_in(&db.conn, rows, head, end);
    }
    code_in(&conn, rows, head, end)
}

fn code_in(
    conn: &Connection,
    rows: i64,
    head: &str,
    end: &str,
) -> Result<std::result::Result<super::chain::CodeCheck, Vec<super::chain::Broken>>> {
    conn.execute_batch("BEGIN")?;
    // A backdated row is not a broken link: the code's own answer says what it means for the date.
    let broken: Vec<_> = super::chain::verify(conn, 20)?
        .into_iter()
        .filter(|b| b.kind != super::chain::BrokenKind::Backdated)
        .collect();
    let found = if broken.is_empty() {
        Ok(super::chain::check_code(conn, rows, head, end)?)
    } else {
        Err(broken)
    };
    conn.execute_batch("COMMIT")?;
    Ok(found)
}

/// The file's triggers and indexes against a new file's (schema.sql, built in memory): each one
/// missing, changed (its SQL, whitespace aside) or extra.
fn schema_drift(conn: &Connection) -> Result<Vec<(String, String, SchemaDrift)>> {
    let objects = |c: &Connection| -> Result<std::collections::BTreeMap<(String, String), String>> {
        let mut stmt = c.prepare(
            "SELECT type, name, ifnull(sql, '') FROM sqlite_schema
             WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'",
        )?;
        let rows = stmt.query_map([], |r| {
            let sql: String = r.get(2)?;
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(migrate::SCHEMA_SQL)?;
    let want = objects(&fresh)?;
    let have = objects(conn)?;
    let mut drift = Vec::new();
    for (key, sql) in &want {
        match have.get(key) {
            None => drift.push((key.0.clone(), key.1.clone(), SchemaDrift::Missing)),
            Some(h) if h != sql => drift.push((key.0.clone(), key.1.clone(), SchemaDrift::Changed)),
            Some(_) => {}
        }
    }
    for key in have.keys().filter(|k| !want.contains_key(*k)) {
        drift.push((key.0.clone(), key.1.clone(), SchemaDrift::Extra));
    }
    Ok(drift)
}

/// Tasks whose assignments carry another schedule, weight or deletion than the task itself.
fn stale_copies(conn: &Connection, version: i32) -> Result<Vec<(i64, String)>> {
    // From schema 7 an assignment is removed when its task is deleted or it ended (a merge),
    // whichever came first.
    let removed = if version >= 7 {
        "CASE WHEN a.ended_at IS NULL THEN t.deleted_at WHEN t.deleted_at IS NULL THEN a.ended_at
              ELSE min(a.ended_at, t.deleted_at) END"
    } else {
        "t.deleted_at"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT a.task_id, t.number
         FROM assignment a JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id
         WHERE a.starts_on IS NOT coalesce(t.starts_on, p.starts_on)
            OR a.deadline IS NOT coalesce(t.deadline, p.ends_on)
            OR a.weight IS NOT t.weight
            OR a.removed_at IS NOT {removed}
         ORDER BY a.task_id"
    ))?;
    Ok(stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A path beside `path` for writing before a rename.
fn beside(path: &Path, tag: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(format!(".{tag}-{}", std::process::id()));
    PathBuf::from(p)
}

impl Db {
    /// Copies the database to `partial`, a path that must not exist yet, with SQLite's online
    /// backup API: one consistent snapshot, taken in a read transaction, so clerks go on writing
    /// meanwhile. The copy is one self-contained file, checked and synced; the caller renames it
    /// into place (`outfile::Target`), so a failure (a full disk) never leaves half a backup. On
    /// failure nothing is left at `partial`.
    pub fn backup_into(&self, partial: &Path) -> Result<()> {
        create_file(partial)?;
        let copied = (|| -> Result<()> {
            let mut out = Connection::open(partial)?;
            copy_pages(&self.conn, &mut out)?;
            // A backup is one self-contained file: no WAL beside it.
            out.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))?;
            let problems = integrity(&out)?;
            if !problems.is_empty() {
                return Err(StoreError::Corrupt(problems.join("; ")));
            }
            drop(out);
            fs::File::open(partial)?.sync_all()?;
            Ok(())
        })();
        if copied.is_err() {
            super::remove_database_files(partial);
        }
        copied
    }
}

/// Renames `target` and its side files to `….replaced-TIME`, never deleting anything.
fn move_aside(target: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let aside = beside(target, &format!("replaced-{}", now.format("%Y%m%d%H%M%S")));
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut from = target.as_os_str().to_owned();
        from.push(suffix);
        let mut to = aside.as_os_str().to_owned();
        to.push(suffix);
        if Path::new(&from).exists() {
            fs::rename(&from, &to)?;
        }
    }
    Ok(aside)
}

/// Makes room at `target` for a new file (`demo --force`, `gen --force`): an existing file is
/// moved aside (`….replaced-TIME`), never deleted, and only when `by` may: a duban file with
/// clerks only by one of its admins, and no file that another duban session has open (the
/// sessions would go on saving into the moved file). Returns where the old file went.
pub fn set_aside(target: &Path, by: &str, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
        Ok(m) if m.is_dir() => return Err(StoreError::IsDirectory(target.to_path_buf())),
        Ok(m) if !m.is_file() && !m.is_symlink() => {
            return Err(StoreError::NotAFile(target.to_path_buf()));
        }
        Ok(_) => {}
    }
    for side in ["-wal", "-shm"] {
        let mut p = target.as_os_str().to_owned();
        p.push(side);
        if Path::new(&p).exists() {
            return Err(StoreError::InUse(target.to_path_buf()));
        }
    }
    // Any file that is not a readable duban database (someone's spreadsheet, a damaged file) is
    // moved aside like any other: it is not ours to judge. The file is read as immutable: no
    // session has it open (no -wal above), and a plain read-only open of a WAL file would leave
    // -wal and -shm files behind.
    if check_header(target).is_ok()
        && let Ok(conn) = open_immutable(target)
        && identify(&conn, target).is_ok()
    {
        let clerks: i64 = conn.query_row("SELECT count(*) FROM clerk", [], |r| r.get(0))?;
        if clerks > 0 {
            let tx = conn.unchecked_transaction()?;
            super::write::permit(&tx, by, |a| a.may_administer())?;
        }
    }
    move_aside(target, now).map(Some)
}

/// Checks a backup before it is used: a duban file this build can read, whole.
pub fn check_backup(backup: &Path) -> Result<i64> {
    let (conn, _) = open_read_only(backup)?;
    let problems = integrity(&conn)?;
    if !problems.is_empty() {
        return Err(StoreError::Corrupt(problems.join("; ")));
    }
    Ok(conn.query_row("SELECT count(*) FROM task", [], |r| r.get(0))?)
}

/// Puts a checked backup in place of `target`. A readable duban target is overwritten page by
/// page through the backup API (other clerks' connections stay valid and see the restored data),
/// by an admin of that file (`by`), with an audit row. A target that is not a readable duban file
/// is moved aside, never deleted. The caller has asked the user (`--force`) before replacing.
///
/// The audit row is part of what is copied: the backup is first staged beside the target
/// (migrated as any command would, the row added), and the staged pages are copied in one step.
/// A kill at any moment leaves either the old file or the restored one with its row.
pub fn restore(backup: &Path, target: &Path, by: &str, now: DateTime<Utc>) -> Result<Restored> {
    let tasks = check_backup(backup)?;
    let existing = match Db::open(target) {
        Ok(db) => {
            let clerks: i64 = db
                .conn
                .query_row("SELECT count(*) FROM clerk", [], |r| r.get(0))?;
            if clerks > 0 {
                let tx = db.conn.unchecked_transaction()?;
                super::write::permit(&tx, by, |a| a.may_administer())?;
            }
            Some(db)
        }
        Err(StoreError::Missing(_)) => None,
        Err(
            StoreError::Empty(_)
            | StoreError::NotSqlite(_)
            | StoreError::NotDuban(_)
            | StoreError::Corrupt(_),
        ) => None,
        Err(e) => return Err(e),
    };
    // The kept status figures' write count of the file replaced (schema 12): the restored file's
    // starts above it, so that figures a running session read before the restore are never kept
    // into the restored file (store::rollup_cache).
    let writes = existing.as_ref().map_or(0, |db| {
        db.conn
            .query_row("SELECT writes FROM rollup_state WHERE id = 1", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_or(0)
    });
    let staged = beside(target, "restoring");
    super::remove_database_files(&staged);
    let done = (|| -> Result<Restored> {
        stage(backup, &staged, by, now, writes)?;
        let (source, _) = open_read_only(&staged)?;
        match existing {
            Some(mut db) => {
                copy_pages(&source, &mut db.conn)?;
                Ok(Restored {
                    moved_aside: None,
                    tasks,
                })
            }
            None => {
                let moved_aside = if target.exists() {
                    Some(move_aside(target, now)?)
                } else {
                    None
                };
                copy_into_new(&source, target)?;
                Ok(Restored { moved_aside, tasks })
            }
        }
    })();
    super::remove_database_files(&staged);
    done
}

/// A copy of `backup` at `staged`, migrated to this build's schema, with the restore's audit row,
/// no kept status figures, and their write count above `writes`.
fn stage(backup: &Path, staged: &Path, by: &str, now: DateTime<Utc>, writes: i64) -> Result<()> {
    let (source, _) = open_read_only(backup)?;
    create_file(staged)?;
    let mut out = Connection::open(staged)?;
    copy_pages(&source, &mut out)?;
    drop(out);
    let db = Db::open(staged)?;
    db.conn.execute(
        "INSERT INTO audit (at, by, entity, entity_id, action, before, after)
         VALUES (?1, ?2, 'database', NULL, 'restore', NULL, ?3)",
        params![
            super::model::instant(now),
            by,
            serde_json::json!({ "from": backup.display().to_string() }).to_string()
        ],
    )?;
    db.conn
        .execute_batch("DELETE FROM rollup_department; DELETE FROM rollup_tasks;")?;
    db.conn.execute(
        // Far above: clerks may still write to the file replaced while the backup is staged.
        "UPDATE rollup_state SET basis = '', writes = max(writes, ?1) + 4294967296 WHERE id = 1",
        [writes],
    )?;
    drop(db);
    Ok(())
}

/// Creates `target` (mode 0660) as a copy of `source`, written beside it and renamed.
fn copy_into_new(source: &Connection, target: &Path) -> Result<()> {
    let tmp = beside(target, "partial");
    super::remove_database_files(&tmp);
    create_file(&tmp)?;
    let done = (|| -> Result<()> {
        let mut out = Connection::open(&tmp)?;
        copy_pages(source, &mut out)?;
        drop(out);
        fs::File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, target)?;
        Ok(())
    })();
    if done.is_err() {
        super::remove_database_files(&tmp);
    }
    done
}

/// Copies every page in one step: one consistent snapshot in one read transaction, so a clerk's
/// commit meanwhile neither blocks nor restarts it. A destination locked by a writer is waited
/// for, as long as the busy timeout.
fn copy_pages(source: &Connection, dest: &mut Connection) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let backup = Backup::new(source, dest)?;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if started.elapsed() > super::BUSY_TIMEOUT {
                    return Err(StoreError::Busy);
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => {}
        }
    }
}
