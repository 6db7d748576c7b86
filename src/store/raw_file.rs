//! The database file's own bytes read outside SQLite (its header: "is this SQLite at all", "is it
//! in WAL mode") through one descriptor per file, kept open while any `Db` of this process has the
//! file open.
//!
//! Why: POSIX drops every lock a process holds on a file when the process closes *any*
//! descriptor of that file. A header read through a fresh descriptor, closed while this process's
//! SQLite connections had the file open (the TUI's reader thread opening its connection, a status
//! read in parts side by side), silently dropped the SHARED lock every WAL connection keeps on the
//! database. Another process's SQLite closing its last connection (the sqlite3 shell, a Python
//! script, an older SQLite) then found the file unused and deleted its -wal and -shm, and the
//! sessions' later commits went into the deleted -wal: lost. SQLite itself defers closing its own
//! descriptors while any of its connections holds a lock (its inode list); this is the same rule
//! for ours.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::{Arc, Mutex, Weak};

/// One open descriptor of a database file (by device and inode), shared by every `Db` of it.
#[derive(Debug)]
pub struct RawFile {
    file: File,
}

/// A file's device and inode: what "the same file" means to POSIX locks.
type FileKey = (u64, u64);

/// The descriptors still held by some `Db`, by file.
static OPEN: Mutex<Vec<(FileKey, Weak<RawFile>)>> = Mutex::new(Vec::new());

impl RawFile {
    /// The descriptor this process holds for `path`'s file, or a new one. Hold the result for as
    /// long as an SQLite connection to the file is open (`Db` does); drop it only after.
    pub fn of(path: &Path) -> io::Result<Arc<RawFile>> {
        let wanted = path.metadata().map(|m| (m.dev(), m.ino()))?;
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|(_, held)| held.strong_count() > 0);
        if let Some(held) = find(&open, wanted) {
            return Ok(held);
        }
        let file = OpenOptions::new()
            .read(true)
            // A FIFO swapped in after the caller's check must not block the open.
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)?;
        let key = file.metadata().map(|m| (m.dev(), m.ino()))?;
        if let Some(held) = find(&open, key) {
            // The path was swapped for a file already held between the two looks: closing this
            // second descriptor would drop that file's locks, so it is never closed.
            std::mem::forget(file);
            return Ok(held);
        }
        let raw = Arc::new(RawFile { file });
        open.push((key, Arc::downgrade(&raw)));
        Ok(raw)
    }

    /// Reads up to `buf.len()` bytes from the start of the file; returns how many.
    pub fn read_start(&self, buf: &mut [u8]) -> io::Result<usize> {
        let mut got = 0;
        while got < buf.len() {
            match self.file.read_at(&mut buf[got..], got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(got)
    }
}

fn find(open: &[(FileKey, Weak<RawFile>)], key: FileKey) -> Option<Arc<RawFile>> {
    open.iter()
        .filter(|(k, _)| *k == key)
        .find_map(|(_, held)| held.upgrade())
}
