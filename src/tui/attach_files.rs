//! The runner's side of evidence files (佐证材料) in the TUI: the paths typed in the progress
//! form or the closing prompt attached after the report or application is written, each read
//! as `duban attach add` reads it (`evidence::prepare`: a regular file only, within the limits,
//! never whole in memory); and a Tab's completion, read from the directory (bounded).

use std::path::{Path, PathBuf};

use crate::domain::attachment::AttachTo;
use crate::evidence;
use crate::i18n::{Lang, attachment as words};
use crate::outfile::shown;
use crate::store::{Db, NewAttachment};

use super::action::Attached;
use super::path_complete::{self, Completion};

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// A Tab in an evidence field: relative paths from the directory duban was started in.
pub fn complete(typed: &str) -> Completion {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    path_complete::complete(typed, home().as_deref(), &cwd)
}

/// The paths of a field's text, `~` expanded.
pub fn paths(text: &str) -> Vec<PathBuf> {
    path_complete::paths(text, home().as_deref())
}

/// Attaches each path of `text` to `to` for `(task, department)`, in order, each in its own
/// transaction, stopping at the first that cannot be kept (its path and why in the result).
pub fn attach_all(
    db: &mut Db,
    (task, department): (i64, i64),
    to: AttachTo,
    text: &str,
    (user, lang, now): (&str, Lang, chrono::DateTime<chrono::Utc>),
) -> Attached {
    let mut out = Attached::default();
    for path in paths(text) {
        match attach_one(db, (task, department), to, &path, (user, lang, now)) {
            Ok(()) => out.kept += 1,
            Err(why) => {
                out.failed = Some(why);
                break;
            }
        }
    }
    out
}

fn attach_one(
    db: &mut Db,
    (task, department): (i64, i64),
    to: AttachTo,
    path: &Path,
    (user, lang, now): (&str, Lang, chrono::DateTime<chrono::Utc>),
) -> Result<(), String> {
    let store = |e| crate::i18n::store_error(lang, &e);
    let limits = db.attach_limits().map_err(store)?;
    let stored = db.attachments_total().map_err(store)?;
    let mut file = evidence::prepare(path, limits, stored)
        .map_err(|e| words::evidence_error(lang, &shown(path), &e))?;
    let name = file.name.clone();
    let new = NewAttachment {
        task_id: task,
        department_id: department,
        to,
        name: &name,
        size: file.size,
        sha256: file.sha256,
    };
    db.attach(&new, &mut file, user, now)
        .map(|_| ())
        .map_err(|e| format!("{}: {}", shown(path), store(e)))
}
