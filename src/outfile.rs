//! Every file duban writes for a person (export, report, backup, and any later output) goes
//! through here, so that no output path can destroy the record:
//!
//! - never the database itself or its `-wal`, `-shm` or `-journal` file: compared by device and
//!   inode (symlinks and hard links are caught) and, for side files that do not exist at the
//!   moment, by name;
//! - never anything but a regular file (a device such as `/dev/null`, a FIFO, a directory);
//! - never an existing file unless the user said `--force`;
//! - always a temporary file beside the target, written whole and synced, then renamed over it:
//!   an interrupted write leaves the last good file, and a replaced file keeps its mode.
//!
//! Standard output (`-o -`) is not a file and is not checked here.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why an output path was refused. The path is as the user gave it.
#[derive(Debug)]
pub enum Refusal {
    /// The database or one of its side files.
    Database(PathBuf),
    /// A directory, device, FIFO or socket.
    NotRegular(PathBuf),
    /// Exists, and `--force` was not given.
    Exists(PathBuf),
    /// The directory it would go in does not exist (the directory, as given).
    NoDirectory(PathBuf),
}

impl Refusal {
    pub fn path(&self) -> &Path {
        match self {
            Refusal::Database(p)
            | Refusal::NotRegular(p)
            | Refusal::Exists(p)
            | Refusal::NoDirectory(p) => p,
        }
    }
}

/// The directory a path names a file in ("." for a bare name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether process `pid` exists (a signal 0 reaches it, or it belongs to another login).
fn process_alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists and may be signalled.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// The side files SQLite keeps beside a database.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// A checked place to write a file.
#[derive(Debug)]
pub struct Target {
    /// Where the file goes: the path given, or what its symlink points to, so that replacing a
    /// linked file replaces the file, not the link.
    path: PathBuf,
    /// The mode of the file being replaced, kept on the new one.
    replaced_mode: Option<u32>,
}

impl Target {
    /// Checks `path` as an output beside the database at `database` (the database may not
    /// exist: `backup` of a missing file fails later, on its own terms).
    pub fn check(path: &Path, database: &Path, force: bool) -> Result<Target, Refusal> {
        if is_database_file(path, database) {
            return Err(Refusal::Database(path.to_path_buf()));
        }
        match fs::metadata(path) {
            Ok(meta) => {
                if !meta.is_file() {
                    return Err(Refusal::NotRegular(path.to_path_buf()));
                }
                if !force {
                    return Err(Refusal::Exists(path.to_path_buf()));
                }
                let resolved = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                Ok(Target {
                    path: resolved,
                    replaced_mode: Some(meta.permissions().mode() & 0o7777),
                })
            }
            // A dangling symlink: writing would create the file it names somewhere else.
            Err(_) if fs::symlink_metadata(path).is_ok() => {
                Err(Refusal::NotRegular(path.to_path_buf()))
            }
            Err(_) => {
                let dir = directory_of(path);
                if !dir.is_dir() {
                    return Err(Refusal::NoDirectory(dir));
                }
                Ok(Target {
                    path: path.to_path_buf(),
                    replaced_mode: None,
                })
            }
        }
    }

    /// Removes what an earlier run that was killed mid-write left beside the target: its
    /// temporary files (`.NAME.PID.tmp`, `.NAME.PID.partial` and a partial's SQLite side files)
    /// whose process is gone. A file of a process still running is left alone. Returns what was
    /// removed, for the command to say.
    pub fn sweep_leftovers(&self) -> Vec<PathBuf> {
        let Some(name) = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return Vec::new();
        };
        let prefix = format!(".{name}.");
        let Ok(entries) = fs::read_dir(directory_of(&self.path)) else {
            return Vec::new();
        };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = file.strip_prefix(&prefix) else {
                continue;
            };
            let Some((pid, what)) = rest.split_once('.') else {
                continue;
            };
            let what = SIDE_FILES
                .iter()
                .find_map(|side| what.strip_suffix(side))
                .unwrap_or(what);
            let Ok(pid) = pid.parse::<i32>() else {
                continue;
            };
            let ours = matches!(what, "tmp" | "partial");
            if ours && pid > 0 && !process_alive(pid) && fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
        removed.sort();
        removed
    }

    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A fresh path beside the target for the file being written (created by the caller).
    pub fn temp_path(&self, what: &str) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        self.path
            .with_file_name(format!(".{name}.{}.{what}", std::process::id()))
    }

    /// Writes the file: `write` fills a new temporary file beside the target, which is synced and
    /// renamed over the target only when `write` succeeded. On any error the temporary file is
    /// removed and the target is as it was.
    pub fn write<T, E: From<io::Error>>(
        &self,
        write: impl FnOnce(&mut File) -> Result<T, E>,
    ) -> Result<T, E> {
        let tmp = self.temp_path("tmp");
        let mut options = OpenOptions::new();
        // create_new: never follow a link or reuse a file someone put there.
        options
            .write(true)
            .create_new(true)
            .mode(self.replaced_mode.unwrap_or(0o666));
        let result = options.open(&tmp).map_err(E::from).and_then(|mut file| {
            let value = write(&mut file)?;
            file.sync_all()?;
            drop(file);
            self.put_in_place(&tmp)?;
            Ok(value)
        });
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Renames a finished temporary file over the target, keeping the replaced file's mode (the
    /// umask may have narrowed it at creation).
    pub fn put_in_place(&self, tmp: &Path) -> io::Result<()> {
        if let Some(mode) = self.replaced_mode {
            fs::set_permissions(tmp, fs::Permissions::from_mode(mode))?;
        }
        fs::rename(tmp, &self.path)?;
        // The rename is durable once the directory is synced; not every file system can.
        if let Some(dir) = self.path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// True when `path` is the database at `database` or one of its side files, existing or not.
pub fn is_database_file(path: &Path, database: &Path) -> bool {
    let mut protected = vec![database.to_path_buf()];
    for suffix in SIDE_FILES {
        let mut p = database.as_os_str().to_owned();
        p.push(suffix);
        protected.push(PathBuf::from(p));
    }
    // The same file under another name: a symlink, a hard link, `./e.db`.
    if let Ok(meta) = fs::metadata(path) {
        let same = |p: &PathBuf| {
            fs::metadata(p).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        };
        if protected.iter().any(same) {
            return true;
        }
    }
    // A side file that does not exist right now (no writer has the file open): by name, with
    // both directories resolved.
    let Some(wanted) = normalized(path) else {
        return false;
    };
    let Some(db) = normalized(database) else {
        return false;
    };
    let db_name = db.as_os_str().to_owned();
    std::iter::once(db.clone())
        .chain(SIDE_FILES.iter().map(|s| {
            let mut p = db_name.clone();
            p.push(s);
            PathBuf::from(p)
        }))
        .any(|p| p == wanted)
}

/// The path with its directory resolved (the file itself may not exist), and the database's
/// symlink followed when it is one.
fn normalized(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}

/// A path as it may be shown on a terminal: control characters escaped.
pub fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e.db");
        fs::write(&db, b"database").unwrap();
        (dir, db)
    }

    #[test]
    fn the_database_and_its_side_files_are_refused_by_any_name() {
        let (dir, db) = setup();
        let d = dir.path();
        fs::write(d.join("e.db-wal"), b"wal").unwrap();
        std::os::unix::fs::symlink(&db, d.join("link.csv")).unwrap();
        fs::hard_link(&db, d.join("hard.csv")).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        for p in [
            db.clone(),
            d.join("e.db-wal"),
            d.join("e.db-shm"), // does not exist
            d.join("e.db-journal"),
            d.join("link.csv"),
            d.join("hard.csv"),
            d.join("sub/../e.db"),
        ] {
            for force in [false, true] {
                assert!(
                    matches!(Target::check(&p, &db, force), Err(Refusal::Database(_))),
                    "{p:?}"
                );
            }
        }
        assert_eq!(fs::read(&db).unwrap(), b"database");
    }

    #[test]
    fn devices_fifos_directories_and_dangling_links_are_refused() {
        let (dir, db) = setup();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        for p in [
            PathBuf::from("/dev/null"),
            fifo,
            dir.path().to_path_buf(),
            dangling,
        ] {
            assert!(
                matches!(Target::check(&p, &db, true), Err(Refusal::NotRegular(_))),
                "{p:?}"
            );
        }
    }

    #[test]
    fn an_existing_file_needs_force_and_keeps_its_mode() {
        let (dir, db) = setup();
        let out = dir.path().join("out.csv");
        fs::write(&out, b"old").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
        assert!(matches!(
            Target::check(&out, &db, false),
            Err(Refusal::Exists(_))
        ));
        assert_eq!(fs::read(&out).unwrap(), b"old");
        let t = Target::check(&out, &db, true).unwrap();
        t.write(|f| io::Write::write_all(f, b"new")).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let (dir, db) = setup();
        let out = dir.path().join("out.csv");
        fs::write(&out, b"old").unwrap();
        let t = Target::check(&out, &db, true).unwrap();
        let r: io::Result<()> = t.write(|f| {
            io::Write::write_all(f, b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&out).unwrap(), b"old");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "e.db and out.csv only: {left:?}");
    }

    #[test]
    fn a_linked_file_is_replaced_where_it_is() {
        let (dir, db) = setup();
        let real = dir.path().join("real.md");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        Target::check(&link, &db, true)
            .unwrap()
            .write(|f| io::Write::write_all(f, b"new"))
            .unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    #[test]
    fn control_characters_in_a_path_are_shown_escaped() {
        assert_eq!(shown(Path::new("a\u{1b}[2Jb.csv")), "a\\u{1b}[2Jb.csv");
    }
}
