//! Reading a file a user names (a plan's text, a sheet), the counterpart of `outfile`: only a
//! regular file, and never more than a cap, whatever the file says its size is.
//!
//! A size from `stat` cannot be trusted for this: a device (`/dev/zero`) or a file in `/proc`
//! reports 0 and never ends, and a FIFO blocks its reader until a writer comes. So the file is
//! opened without blocking, refused unless the open file is a regular file, and read through a
//! `take` of one byte more than the cap.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Why a named file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    NotFound,
    PermissionDenied,
    Directory,
    /// A FIFO, a socket or a device: not a document, and reading it could hang or never end.
    NotRegular,
    /// More than the cap: `bytes` is the size the file reports, or one past the cap when it read
    /// further than it said.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Other(String),
}

impl InputError {
    fn from_io(e: &std::io::Error) -> InputError {
        match e.kind() {
            ErrorKind::NotFound => InputError::NotFound,
            ErrorKind::PermissionDenied => InputError::PermissionDenied,
            ErrorKind::IsADirectory => InputError::Directory,
            _ => InputError::Other(e.to_string()),
        }
    }
}

/// Opens `path` for reading without blocking on a FIFO, and refuses it unless it is a regular
/// file. Returns the open file and the size it reports.
pub fn open_regular(path: &Path) -> Result<(File, u64), InputError> {
    let file = OpenOptions::new()
        .read(true)
        // Opening a FIFO for reading waits for a writer; O_NONBLOCK returns at once, and the
        // check below refuses it. O_NOCTTY: a terminal device never becomes ours.
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| InputError::from_io(&e))?;
    let meta = file.metadata().map_err(|e| InputError::from_io(&e))?;
    if meta.is_dir() {
        return Err(InputError::Directory);
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular);
    }
    Ok((file, meta.len()))
}

/// The size `path` reports, after the checks `read_capped` makes (for a progress line before a
/// long read).
pub fn checked_size(path: &Path, cap: u64) -> Result<u64, InputError> {
    let (_, size) = open_regular(path)?;
    if size > cap {
        return Err(InputError::TooLarge {
            bytes: size,
            limit: cap,
        });
    }
    Ok(size)
}

/// The whole of `path`, a regular file of at most `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, InputError> {
    let (file, size) = open_regular(path)?;
    if size > cap {
        return Err(InputError::TooLarge {
            bytes: size,
            limit: cap,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::from_io(&e))?;
    if bytes.len() as u64 > cap {
        return Err(InputError::TooLarge {
            bytes: bytes.len() as u64,
            limit: cap,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("plan.txt");
        std::fs::write(&f, "一、总体要求").unwrap();
        assert_eq!(read_capped(&f, 1024).unwrap(), "一、总体要求".as_bytes());
        assert_eq!(
            read_capped(&f, 4),
            Err(InputError::TooLarge {
                bytes: 18,
                limit: 4
            })
        );
        assert_eq!(
            read_capped(&dir.path().join("none"), 4),
            Err(InputError::NotFound)
        );
        assert_eq!(read_capped(dir.path(), 4), Err(InputError::Directory));
    }

    #[test]
    fn devices_and_fifos_are_refused_at_once() {
        // /dev/zero reports size 0 and never ends; a FIFO without a writer would block.
        assert_eq!(
            read_capped(Path::new("/dev/zero"), 1024),
            Err(InputError::NotRegular)
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(read_capped(&fifo, 1024), Err(InputError::NotRegular));
    }
}
