//! What can go wrong with the database, in terms a person can act on.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::admin::TaskForEdit;
use super::model::{ActualRow, AssignmentState, ProgressEntry};
use crate::domain::{Denied, TextField, TextProblem};

#[derive(Debug)]
pub enum StoreError {
    /// No file at the path (for commands that read).
    Missing(PathBuf),
    /// A file is already there (for commands that create).
    AlreadyExists(PathBuf),
    IsDirectory(PathBuf),
    /// A FIFO, a socket or a device: opening it could hang, and it is no database.
    NotAFile(PathBuf),
    /// The file is open in another duban (its `-wal` or `-shm` is beside it): it cannot be moved
    /// aside without the other sessions saving into the moved file.
    InUse(PathBuf),
    Unreadable {
        path: PathBuf,
        reason: String,
    },
    /// A zero-length file: not ours, left as it is.
    Empty(PathBuf),
    /// Not an SQLite file at all.
    NotSqlite(PathBuf),
    /// An SQLite file, but not a duban database.
    NotDuban(PathBuf),
    /// Written by a newer duban: refused, untouched.
    TooNew {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    Corrupt(String),
    ReadOnly,
    /// The file's permissions do not let this login write it.
    FileNotWritable(PathBuf),
    /// No -wal/-shm side file can be made in this directory.
    DirectoryNotWritable(PathBuf),
    /// The -wal/-shm beside the file are there but this login may not write them (another
    /// group's login made them): each with its owner and group, the database file's group, the
    /// directory, and whether its setgid bit is set (new files then take its group).
    SideFilesNotWritable(Box<SideFiles>),
    /// The file system is mounted read-only.
    ReadOnlyFilesystem(PathBuf),
    /// Still locked by another writer after the busy timeout.
    Busy,
    DiskFull,
    /// SQLite could not read or write the file or its side files (a full disk where the WAL
    /// index must grow, a network share gone, a failing device): the environment, not a bug.
    DeviceIo(String),
    /// SQLite could not open the file or create its WAL side files (a read-only filesystem or
    /// directory, no permission on the directory).
    CannotOpen(String),
    /// Someone else saved this assignment since the caller read it. Carries their value.
    Conflict(Box<Conflict>),
    /// The user may not make this write (DESIGN.md section 3).
    Forbidden {
        user: String,
        why: Denied,
    },
    /// Undo refused: someone else has reported on that assignment since.
    UndoOverwritten {
        by: String,
    },
    /// Undo refused: that entry was already undone, or is not the user's.
    NothingToUndo,
    /// An admin saved a task form read at an older `version`: another admin changed the task
    /// since. Carries the task as it is now, so the form can show it and keep the user's edit.
    TaskConflict(Box<TaskForEdit>),
    /// Another clerk reported a figure for the same indicator and period since the writer read
    /// it (`NewActual::expected_last`). Carries their figure.
    FigureConflict(Box<ActualRow>),
    /// An admin's edit that the rules refuse: the form can point at the field.
    Edit(EditRefusal),
    /// A closing step (办结销号) the task's state or its units' percents do not allow.
    Closing(crate::domain::ClosingRefusal),
    /// An extension step (延期申请) the task's deadline or its pending request does not allow.
    Extension(crate::domain::ExtensionRefusal),
    /// A 督办单 refused by its rule (issuing, replying, review).
    Notice(crate::domain::NoticeRefusal),
    /// An evidence file (佐证材料) the rules or the limits refuse, or whose bytes changed.
    Attachment(crate::domain::attachment::Refusal),
    /// A key project's figure or a milestone refused by its rule (issue 23).
    Project(crate::domain::project::Refusal),
    /// A row the caller named does not exist.
    NotFound(String),
    /// A write the schema refused (a CHECK, UNIQUE or foreign key).
    Refused(String),
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
}

/// The side files this login may not write (`StoreError::SideFilesNotWritable`).
#[derive(Debug, Clone, PartialEq)]
pub struct SideFiles {
    pub files: Vec<SideFile>,
    /// The database file's group: the one the side files should have.
    pub group: String,
    pub dir: PathBuf,
    /// The directory's setgid bit is set: files made in it take its group.
    pub dir_setgid: bool,
}

/// A -wal or -shm file this login may not write, and whose it is.
#[derive(Debug, Clone, PartialEq)]
pub struct SideFile {
    pub path: PathBuf,
    pub owner: String,
    pub group: String,
}

/// What a refused save found: the assignment as it is now, and the report that made it so.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub current: AssignmentState,
    pub last: Option<ProgressEntry>,
}

/// Why an edit of the plan, its departments or its clerks was refused (`StoreError::Edit`).
#[derive(Debug, Clone, PartialEq)]
pub enum EditRefusal {
    /// A task needs a title.
    EmptyTitle,
    /// A task's weight must be a finite number above zero.
    BadWeight(f64),
    /// The section belongs to another plan.
    SectionNotInPlan { section_id: i64, plan_id: i64 },
    /// A task stays in its plan: `update_task` with another `plan_id`.
    OtherPlan { task_plan: i64, asked: i64 },
    /// The deadline is before the task's start.
    DeadlineBeforeStart {
        deadline: NaiveDate,
        starts_on: NaiveDate,
    },
    /// One department named twice among a task's units.
    DuplicateUnit { department: String },
    /// Taking a unit off a task when it has reported: its journal is never deleted.
    UnitHasHistory { department: String, entries: i64 },
    /// Deleting a task that has reports, without `confirm_with_history`.
    TaskHasHistory { entries: i64 },
    /// An empty department name or alias.
    EmptyName,
    /// The name is already the name or an alias of department `owner`.
    NameTaken { name: String, owner: String },
    /// Merging a department into itself.
    SameDepartment,
    /// Both departments of a merge have indicators of these names in one plan.
    IndicatorClash { names: Vec<String> },
    /// Not a login name: empty, or with spaces or control characters.
    BadUsername(String),
    /// `add_clerk` for a username that is already a clerk.
    ClerkExists(String),
    /// An editor reports for a department, so needs one.
    EditorWithoutDepartment,
    /// The only admin may not be removed or made a non-admin: nobody could administer the file.
    LastAdmin(String),
    /// A change of the score weights after which they do not total 100: each weight as it would
    /// be, and their sum.
    WeightsTotal {
        weights: Vec<(crate::domain::score::Metric, f64)>,
        total: f64,
    },
    /// A name, title or note with a control character, or too long (`domain::text`).
    BadText {
        field: TextField,
        problem: TextProblem,
    },
}

/// Refuses, as an `Edit`, a text the record does not accept (`domain::text::check_field`).
pub(crate) fn check_text(field: TextField, text: &str) -> Result<()> {
    crate::domain::text::check_field(field, text)
        .map_err(|problem| StoreError::Edit(EditRefusal::BadText { field, problem }))
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// Errors a user can cause and fix (a wrong path, a foreign file, a conflict) as opposed to bugs.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, StoreError::Sqlite(_) | StoreError::Io(_))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // English wording for logs and error reports; people see `i18n::store_error`.
        match self {
            StoreError::Missing(p) => write!(f, "{}: no such database file", p.display()),
            StoreError::AlreadyExists(p) => write!(f, "{}: file already exists", p.display()),
            StoreError::IsDirectory(p) => write!(f, "{}: is a directory", p.display()),
            StoreError::NotAFile(p) => write!(f, "{}: not a regular file", p.display()),
            StoreError::InUse(p) => write!(f, "{}: in use by another session", p.display()),
            StoreError::Unreadable { path, reason } => write!(f, "{}: {reason}", path.display()),
            StoreError::Empty(p) => write!(f, "{}: empty file, not a duban database", p.display()),
            StoreError::NotSqlite(p) => write!(f, "{}: not an SQLite database", p.display()),
            StoreError::NotDuban(p) => write!(f, "{}: not a duban database", p.display()),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: written by a newer duban (schema {found}, this one knows {supported})",
                path.display()
            ),
            StoreError::Corrupt(d) => write!(f, "database is damaged: {d}"),
            StoreError::ReadOnly => write!(f, "database is read-only"),
            StoreError::FileNotWritable(p) => write!(f, "{}: no write permission", p.display()),
            StoreError::DirectoryNotWritable(p) => {
                write!(f, "{}: directory not writable", p.display())
            }
            StoreError::SideFilesNotWritable(s) => {
                let list: Vec<String> = s
                    .files
                    .iter()
                    .map(|s| format!("{} ({}:{})", s.path.display(), s.owner, s.group))
                    .collect();
                write!(f, "side files not writable: {}", list.join(", "))
            }
            StoreError::ReadOnlyFilesystem(p) => {
                write!(f, "{}: read-only file system", p.display())
            }
            StoreError::Busy => write!(f, "database is busy"),
            StoreError::DiskFull => write!(f, "disk full"),
            StoreError::DeviceIo(d) => write!(f, "i/o error on the database file: {d}"),
            StoreError::CannotOpen(d) => write!(f, "cannot open the database file: {d}"),
            StoreError::Conflict(c) => write!(
                f,
                "changed by {} since it was read (now {}%)",
                c.current.updated_by.as_deref().unwrap_or("?"),
                c.current.percent.value()
            ),
            StoreError::Forbidden { user, why } => write!(f, "{user} may not write this: {why:?}"),
            StoreError::UndoOverwritten { by } => {
                write!(f, "cannot undo: {by} has reported on it since")
            }
            StoreError::NothingToUndo => write!(f, "nothing to undo"),
            StoreError::TaskConflict(t) => write!(
                f,
                "task {} was changed by {} at {} (now version {})",
                t.id,
                t.updated_by.as_deref().unwrap_or("?"),
                t.updated_at,
                t.version
            ),
            StoreError::FigureConflict(a) => write!(
                f,
                "{} reported {} for {} at {} since it was read",
                a.reported_by, a.value, a.period, a.reported_at
            ),
            StoreError::Edit(why) => write!(f, "refused: {why:?}"),
            StoreError::Closing(why) => write!(f, "closing refused: {why:?}"),
            StoreError::Extension(why) => write!(f, "extension refused: {why:?}"),
            StoreError::Notice(why) => write!(f, "notice refused: {why:?}"),
            StoreError::Attachment(why) => write!(f, "attachment refused: {why:?}"),
            StoreError::Project(why) => write!(f, "project figure refused: {why:?}"),
            StoreError::NotFound(what) => write!(f, "not found: {what}"),
            StoreError::Refused(why) => write!(f, "refused: {why}"),
            StoreError::Sqlite(e) => write!(f, "sqlite: {e}"),
            StoreError::Io(e) => write!(f, "i/o: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(code, msg) = &e {
            let detail = || msg.clone().unwrap_or_else(|| code.to_string());
            return match code.code {
                C::DatabaseCorrupt | C::NotADatabase => StoreError::Corrupt(detail()),
                C::DatabaseBusy | C::DatabaseLocked => StoreError::Busy,
                C::DiskFull => StoreError::DiskFull,
                C::SystemIoFailure => StoreError::DeviceIo(detail()),
                C::CannotOpen => StoreError::CannotOpen(detail()),
                C::ReadOnly => StoreError::ReadOnly,
                C::ConstraintViolation => StoreError::Refused(detail()),
                _ => StoreError::Sqlite(e),
            };
        }
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}
