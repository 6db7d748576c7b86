//! The only place with SQL. `Db::open`/`Db::create` set the pragmas, check the file is ours and
//! bring its schema up to date; reads are typed; every write runs in one `IMMEDIATE` transaction.

mod access;
mod admin;
mod attachment;
mod audit;
mod browse;
pub mod chain;
mod circular_issue;
mod closing;
mod drafts;
mod error;
mod extension;
mod journal;
mod load;
mod load_project;
pub mod maintenance;
pub mod migrate;
mod milestone;
mod milestone_edit;
mod model;
mod notice;
mod notice_read;
mod project;
mod raw_file;
mod read;
pub mod rollup_cache;
mod search;
mod sheet;
mod write;
// Issue 23: the task editor's save of a key project and its milestones with the task.
mod task_project;
// View 7's grouping by lead unit.
mod wall;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use access::check_writable;
pub use admin::{
    AddedDepartment, AuditEntry, DepartmentSummary, EditUnit, Merged, NewTaskSpec, SectionRow,
    TaskForEdit,
};
pub use attachment::{Attachment, AttachmentQuery, BadBytes, NewAttachment, PIECE};
pub use audit::AuditQuery;
pub use browse::{LatestReport, PercentStep, TaskDetail, TaskKey, TaskQuery, UnitDetail};
pub use circular_issue::{IssuedCircular, NewIssue};
pub use closing::{ClosingAction, ClosingCounts, ClosingEntry, ClosingItem, ClosingUnit};
pub use drafts::{DRAFT_BUSY_WAIT, StoredDraft, WriteStamp};
pub use error::{Conflict, EditRefusal, Result, SideFile, SideFiles, StoreError};
pub use extension::{ExtensionAction, ExtensionEntry, ExtensionItem, ExtensionMark};
pub use journal::{JournalQuery, JournalRow, TaskRef};
pub use load::{Loader, NewPlan, NewTask, SavedDraft};
pub use milestone::{MilestoneEdit, MilestoneReach, MilestoneRow};
pub use milestone_edit::ReachedEntry;
pub use model::*;
pub use notice::{NewNotice, Notice, NoticeAction, NoticeCounts, NoticeQuery, NoticeStepEntry};
pub use notice_read::{NoticeMark, NoticeProposal, NoticeTally, marks_of as notice_marks_of};
pub use project::{InvestmentEntry, InvestmentReport, ProjectEdit, ProjectInfo};
pub use search::{ChangeStamp, TaskIndex};
pub use sheet::{
    Applied, ApplyError, EarlyRefusal, EarlyReport, EarlyReports, SheetTaskQuery, SheetTasks,
    Snapshot,
};
pub use task_project::{ProjectFields, ProjectSave, ProjectStamp};
pub use wall::LeadUnits;

/// Every task id, for the reads that take a range of them (`Db::period_assignments`).
pub const ALL_TASKS: std::ops::RangeInclusive<i64> = i64::MIN..=i64::MAX;

/// How long a writer waits for another clerk's transaction before giving up with `Busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// Rows this connection changed that are not the record (the draft table, the kept rollup),
    /// so `change_stamp` leaves them out (a kept draft must not make the screen read again).
    scratch_changes: u64,
    /// The descriptor this process reads the file's header through (`raw_file`): closed only
    /// after the connection above (fields drop in order), never while it holds a lock.
    _raw: Option<std::sync::Arc<raw_file::RawFile>>,
}

impl Db {
    /// Opens an existing duban database to write. Refuses, without modifying it, anything that is
    /// missing, a directory, empty, not SQLite, not duban, written by a newer duban, or that this
    /// login may not write (`check_writable`; readers use `open_reader`).
    pub fn open(path: &Path) -> Result<Db> {
        let raw = check_file(path)?;
        check_writable(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        chain::register(&conn)?;
        // Identify the file before anything writes to it (journal_mode=WAL would).
        let version = maintenance::identify(&conn, path)?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            scratch_changes: 0,
            _raw: Some(raw),
        };
        db.set_pragmas()?;
        if version < migrate::SCHEMA_VERSION {
            migrate::migrate(&mut db.conn, migrate::MIGRATIONS)?;
        }
        Ok(db)
    }

    /// Opens an existing duban database only to read it (`status`, `tasks`, `log`, `report`,
    /// `export`, `cycle`): the file's bytes do not change. No journal mode is switched (a backup
    /// stays a rollback-journal file) and nothing is written (`query_only`). A file of an older
    /// schema is read from a migrated copy in memory, never migrated on disk. A reader without
    /// write permission opens it read-only.
    pub fn open_reader(path: &Path) -> Result<Db> {
        let raw = check_file(path)?;
        let conn = open_for_reading(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        chain::register(&conn)?;
        let version = maintenance::identify(&conn, path)?;
        let conn = if version < migrate::SCHEMA_VERSION {
            let mut copy = Connection::open_in_memory()?;
            chain::register(&copy)?;
            {
                let backup = rusqlite::backup::Backup::new(&conn, &mut copy)?;
                backup.run_to_completion(1 << 16, Duration::ZERO, None)?;
            }
            copy.pragma_update(None, "foreign_keys", "ON")?;
            migrate::migrate(&mut copy, migrate::MIGRATIONS)?;
            copy
        } else {
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn
        };
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            scratch_changes: 0,
            _raw: Some(raw),
        })
    }

    /// Creates a new database file (mode 0660, so a group of clerks can share it) with the whole
    /// schema. Refuses to touch an existing file. A failure removes what it created.
    pub fn create(path: &Path) -> Result<Db> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        create_file(path)?;
        match Db::initialise(path) {
            Ok(db) => Ok(db),
            Err(e) => {
                remove_database_files(path);
                Err(e)
            }
        }
    }

    fn initialise(path: &Path) -> Result<Db> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        chain::register(&conn)?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            scratch_changes: 0,
            // Held from the start, so that a reader of this file opened later in this process
            // (a status in parts) shares it instead of closing its own.
            _raw: raw_file::RawFile::of(path).ok(),
        };
        db.set_pragmas()?;
        migrate::create(&mut db.conn)?;
        Ok(db)
    }

    fn set_pragmas(&mut self) -> Result<()> {
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever another connection commits: the TUI polls it to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Calls `each` with the SQL of every statement this connection runs, as prepared: for the
    /// test that checks the hot queries' plans (tests/query_plans.rs).
    pub fn trace_statements(
        &mut self,
        mut each: impl FnMut(String) + Send + 'static,
    ) -> Result<()> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        self.conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, _) = event {
                    // As prepared, with its placeholders: the planner plans it without the
                    // values, so `?1 IS NULL OR …` cannot be folded away as it can with them
                    // written in (the expanded SQL once hid a scan that way).
                    each(stmt.sql().into_owned());
                }
            }),
        )?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// A connection that only reads `path` (the caller sets `query_only`) and leaves nothing behind.
/// Read-write when the file is writable by us: the last connection to a WAL file then removes the
/// -wal and -shm files it made, as a writer's would. A file we may not write: read-only when
/// another session has it open (its -wal is there to read); a WAL file nobody has open is read
/// as immutable, since a read-only connection would create -wal and -shm files it cannot remove
/// (owned by us, locking out the clerks who may write) or fail in a directory we may not write.
pub(crate) fn open_for_reading(path: &Path) -> Result<Connection> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| StoreError::Missing(path.to_path_buf()))?;
    // SAFETY: a valid NUL-terminated path; access() only reads it.
    let writable = unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } == 0;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let open = |flags: OpenFlags| -> Result<Connection> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        // The first read is where a WAL file's -shm is made or found: fail here, not later.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(conn)
    };
    let mut first_error = None;
    if writable {
        match open(OpenFlags::SQLITE_OPEN_READ_WRITE) {
            Ok(conn) => return Ok(conn),
            // A directory we may not write: no -wal can be made beside the file.
            Err(e) => first_error = Some(e),
        }
    }
    if !wal_mode(path)? || Path::new(&wal).exists() {
        match open(OpenFlags::SQLITE_OPEN_READ_ONLY) {
            Ok(conn) => return Ok(conn),
            // The session whose -wal we meant to read closed (and removed it) meanwhile.
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    maintenance::open_immutable(path).map_err(|e| first_error.unwrap_or(e))
}

/// Whether the file's header says WAL (bytes 18 and 19 are 2).
fn wal_mode(path: &Path) -> Result<bool> {
    let mut header = [0u8; 20];
    let got = raw_file::RawFile::of(path)?.read_start(&mut header)?;
    Ok(got == header.len() && header[18] == 2 && header[19] == 2)
}

/// Refuses, before SQLite opens it, a path that is missing, a directory, not a regular file,
/// empty or not SQLite.
fn check_file(path: &Path) -> Result<std::sync::Arc<raw_file::RawFile>> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        _ => StoreError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
    })?;
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
    }
    // A FIFO would block the header's read (and SQLite's open) until a writer came.
    if !meta.is_file() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    check_header(path)
}

/// Reads the first 100 bytes: tells "not SQLite" and "empty" apart without letting SQLite touch the
/// file. Through the process's one descriptor of the file (`raw_file`), returned to be held.
fn check_header(path: &Path) -> Result<std::sync::Arc<raw_file::RawFile>> {
    let unreadable = |e: std::io::Error| StoreError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let raw = raw_file::RawFile::of(path).map_err(unreadable)?;
    let mut header = [0u8; 100];
    let got = raw.read_start(&mut header).map_err(unreadable)?;
    if got == 0 {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    if got < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    Ok(raw)
}

fn create_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o660)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.to_path_buf()),
            _ => StoreError::Unreadable {
                path: path.to_path_buf(),
                reason: e.to_string(),
            },
        })?;
    // The umask may have taken the group's write bit; clerks in the group need it.
    file.set_permissions(fs::Permissions::from_mode(0o660))?;
    Ok(())
}

/// Removes a database file and its WAL side files. Only for files this process just created, or
/// that the user asked to replace (`demo --force`).
pub fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}
