//! What this login last looked at in one database file (the plan shown and, for admins and
//! viewers, the selected department), restored the next time it opens that file.
//!
//! It is a view preference, not a record: it lives outside the database (which a viewer may only
//! read), in `$XDG_STATE_HOME/duban/` (else `~/.local/state/duban/`), one small file per
//! database, named after a hash of the database's canonical path. The file is user-writable
//! input: its read is bounded, and a missing, unreadable or malformed file is ignored, never an
//! error. It is written whole, to a temporary file renamed over it. The runner and the CLI's UI
//! start do this I/O; `update` only says what to remember.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// What is remembered. A plan or department that no longer exists is ignored by the reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Remembered {
    pub plan: Option<i64>,
    pub department: Option<i64>,
}

/// The most of the file that is read: a few lines are written, anything longer is not ours.
const MAX_BYTES: u64 = 4096;

/// Where this login keeps its view of one database: the file, and the database's canonical
/// path that the file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefsFile {
    pub file: PathBuf,
    pub db: PathBuf,
}

impl PrefsFile {
    /// For the database at `db`: `state_home` is `$XDG_STATE_HOME`, `home` is `$HOME` (passed
    /// in, so the rule can be tested). `None` when neither gives an absolute directory.
    pub fn for_db(db: &Path, state_home: Option<&str>, home: Option<&str>) -> Option<PrefsFile> {
        let base = match state_home.filter(|s| Path::new(s).is_absolute()) {
            Some(dir) => PathBuf::from(dir),
            None => Path::new(home.filter(|h| Path::new(h).is_absolute())?).join(".local/state"),
        };
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        Some(PrefsFile {
            file: base.join("duban").join(file_name(&db)),
            db,
        })
    }

    /// What was remembered (see `load`).
    pub fn load(&self) -> Option<Remembered> {
        load(&self.file, &self.db)
    }

    /// Remembers `r` (see `save`).
    pub fn save(&self, r: &Remembered) {
        save(&self.file, &self.db, r)
    }
}

/// `view-` and the first 16 hex digits of the SHA-256 of the path.
fn file_name(canonical: &Path) -> String {
    let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("view-{hex}")
}

/// The key line: the file names its database, so a file that does not (copied by hand, or a
/// hash shared by two paths) is not applied to another.
fn key_line(db_key: &Path) -> String {
    format!("db={}", db_key.to_string_lossy())
}

/// Reads what was remembered for the database whose canonical path is `db_key`; `None` for a
/// missing, unreadable, oversized or malformed file, or one written for another database.
pub fn load(file: &Path, db_key: &Path) -> Option<Remembered> {
    // A regular file only, opened without waiting: a FIFO put there would block the start of
    // the UI (a plain open waits for a writer), a device would never end.
    let bytes = crate::infile::read_capped(file, MAX_BYTES).ok()?;
    parse(std::str::from_utf8(&bytes).ok()?, db_key)
}

/// The text of the file: `db=…`, then `plan=…` and `department=…` when set.
pub fn format(r: &Remembered, db_key: &Path) -> String {
    let mut out = format!(
        "# duban: the view this login last had of a database\n{}\n",
        key_line(db_key)
    );
    if let Some(p) = r.plan {
        out.push_str(&format!("plan={p}\n"));
    }
    if let Some(d) = r.department {
        out.push_str(&format!("department={d}\n"));
    }
    out
}

/// The remembered values of `text`, if it is a file written for `db_key`. Unknown lines are
/// skipped; a known key with a value that is not an id makes the whole file ignored.
pub fn parse(text: &str, db_key: &Path) -> Option<Remembered> {
    let mut ours = false;
    let mut r = Remembered::default();
    for line in text.lines() {
        let id = |v: &str| v.trim().parse::<i64>().ok().filter(|n| *n > 0);
        if line == key_line(db_key) {
            ours = true;
        } else if let Some(v) = line.strip_prefix("plan=") {
            r.plan = Some(id(v)?);
        } else if let Some(v) = line.strip_prefix("department=") {
            r.department = Some(id(v)?);
        }
    }
    ours.then_some(r)
}

/// Writes `r` for the database `db_key`: a temporary file beside `file`, then renamed over it.
/// A failure (no home, a full disk) only means the view is not remembered: it is not reported.
pub fn save(file: &Path, db_key: &Path, r: &Remembered) {
    let _ = try_save(file, db_key, r);
}

fn try_save(file: &Path, db_key: &Path, r: &Remembered) -> std::io::Result<()> {
    let dir = file.parent().ok_or(std::io::ErrorKind::NotFound)?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(format(r, db_key).as_bytes())?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_directory_is_xdg_state_home_else_under_home() {
        let db = Path::new("/nonexistent/d.db");
        let at = |s, h| PrefsFile::for_db(db, s, h).map(|p| p.file);
        let a = at(Some("/s"), Some("/h")).unwrap();
        assert!(a.starts_with("/s/duban/"), "{a:?}");
        let b = at(None, Some("/h")).unwrap();
        assert!(b.starts_with("/h/.local/state/duban/"), "{b:?}");
        // A relative XDG_STATE_HOME is invalid by the spec: the fallback is used.
        let c = at(Some("rel"), Some("/h")).unwrap();
        assert!(c.starts_with("/h/.local/state/duban/"), "{c:?}");
        assert_eq!(at(None, None), None);
        // One file per database.
        let other = PrefsFile::for_db(Path::new("/nonexistent/e.db"), Some("/s"), None).unwrap();
        assert_ne!(a, other.file);
    }

    #[test]
    fn a_file_reads_back_and_bad_ones_are_ignored() {
        let key = Path::new("/data/d.db");
        let r = Remembered {
            plan: Some(2),
            department: Some(7),
        };
        assert_eq!(parse(&format(&r, key), key), Some(r));
        assert_eq!(parse(&format(&r, key), Path::new("/data/e.db")), None);
        assert_eq!(parse("db=/data/d.db\nplan=x\n", key), None);
        assert_eq!(parse("db=/data/d.db\nplan=-3\n", key), None);
        assert_eq!(parse("", key), None);
        assert_eq!(
            parse("db=/data/d.db\nwhatever\n", key),
            Some(Remembered::default())
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/view");
        assert_eq!(load(&file, key), None, "missing");
        save(&file, key, &r);
        assert_eq!(load(&file, key), Some(r));
        std::fs::write(&file, vec![b'#'; 10_000]).unwrap();
        assert_eq!(load(&file, key), None, "oversized");
        std::fs::write(&file, [0xff, 0xfe, 0x00]).unwrap();
        assert_eq!(load(&file, key), None, "not text");
        assert_eq!(load(dir.path(), key), None, "a directory");
    }

    /// A FIFO (or a device) where the file should be is ignored at once: opening it plainly
    /// waited for a writer, and the UI never started (found trying it as an adversary).
    #[test]
    fn a_fifo_in_place_of_the_file_is_ignored_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("view");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(load(&fifo, Path::new("/data/d.db")));
        });
        // A bound, so that a regression fails instead of hanging the test run.
        let got = rx.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(got, Ok(None));
        assert_eq!(load(Path::new("/dev/zero"), Path::new("/data/d.db")), None);
    }
}
