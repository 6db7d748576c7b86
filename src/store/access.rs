//! Whether this login may write a database file, asked of the system before SQLite opens it.
//!
//! SQLite opens a file it may not write read-only without a word, and then makes its -wal and
//! -shm side files owned by the login that asked: one clerk without the right to write leaves
//! files that lock out the clerks who have it. So a writer asks first, and each reason gets its
//! own message: the file's permissions, a directory where no side file can be made, a read-only
//! file system.

use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::error::{Result, SideFile, SideFiles, StoreError};

/// Why the file cannot be written, if it cannot.
pub fn check_writable(path: &Path) -> Result<()> {
    if let Err(errno) = access_w(path) {
        return Err(refusal(errno, path.to_path_buf(), false));
    }
    // A WAL file's writer makes -wal and -shm beside it unless a session already has: the
    // directory must take new files.
    let side = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !side("-wal").exists() {
        if let Err(errno) = access_w(&dir) {
            return Err(refusal(errno, dir, true));
        }
        return Ok(());
    }
    // Side files another login made (another group's clerk opened the file first) may be
    // theirs alone: SQLite then cannot open the file at all. Name them and whose they are.
    let mut refused = Vec::new();
    for p in [side("-wal"), side("-shm")] {
        if let Ok(meta) = std::fs::metadata(&p)
            && let Err(errno) = access_w(&p)
        {
            if errno == libc::EROFS {
                return Err(StoreError::ReadOnlyFilesystem(p));
            }
            refused.push(SideFile {
                owner: user_name(meta.uid()),
                group: group_name(meta.gid()),
                path: p,
            });
        }
    }
    if !refused.is_empty() {
        let group = std::fs::metadata(path).map_or_else(|_| String::new(), |m| group_name(m.gid()));
        let dir_setgid = std::fs::metadata(&dir).is_ok_and(|m| m.mode() & 0o2000 != 0);
        return Err(StoreError::SideFilesNotWritable(Box::new(SideFiles {
            files: refused,
            group,
            dir,
            dir_setgid,
        })));
    }
    Ok(())
}

/// The login name of `uid`, or the number when it has none.
fn user_name(uid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: the buffers outlive the call; getpwuid_r writes only into them.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() {
        // SAFETY: pw_name points into `buf`, NUL-terminated, while `buf` lives.
        unsafe { CStr::from_ptr(pw.pw_name) }
            .to_string_lossy()
            .into_owned()
    } else {
        uid.to_string()
    }
}

/// The name of group `gid`, or the number when it has none.
fn group_name(gid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut gr: libc::group = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: the buffers outlive the call; getgrgid_r writes only into them.
    let rc = unsafe { libc::getgrgid_r(gid, &mut gr, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() {
        // SAFETY: gr_name points into `buf`, NUL-terminated, while `buf` lives.
        unsafe { CStr::from_ptr(gr.gr_name) }
            .to_string_lossy()
            .into_owned()
    } else {
        gid.to_string()
    }
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
