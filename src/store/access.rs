//! Whether this login may write a database file, asked of the system before SQLite opens it.
//!
//! SQLite opens a file it may not write read-only without a word, and then makes its -wal and
//! -shm side files owned by the login that asked: one clerk without the right to write leaves
//! files that lock out the clerks who have it. So a writer asks first, and each reason gets its
//! own message: the file's permissions, a directory where no side file can be made, a read-only
//! file system.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::error::{Result, StoreError};

/// Why the file cannot be written, if it cannot.
pub fn check_writable(path: &Path) -> Result<()> {
    if let Err(errno) = access_w(path) {
        return Err(refusal(errno, path.to_path_buf(), false));
    }
    // A WAL file's writer makes -wal and -shm beside it unless a session already has: the
    // directory must take new files.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if !Path::new(&wal).exists() {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Err(errno) = access_w(&dir) {
            return Err(refusal(errno, dir, true));
        }
    }
    Ok(())
}

fn refusal(errno: i32, path: PathBuf, directory: bool) -> StoreError {
    match errno {
        libc::EROFS => StoreError::ReadOnlyFilesystem(path),
        _ if directory => StoreError::DirectoryNotWritable(path),
        _ => StoreError::FileNotWritable(path),
    }
}

/// `access(path, W_OK)`: `Err(errno)` when this login may not write it.
fn access_w(path: &Path) -> std::result::Result<(), i32> {
    let c = CString::new(path.as_os_str().as_bytes()).map_err(|_| libc::EINVAL)?;
    // SAFETY: a valid NUL-terminated path; access() only reads it.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EACCES))
    }
}
