//! A file a clerk names to attach (佐证材料), made ready for `Db::attach`: bounded like every
//! input (`infile`), never held in memory.
//!
//! The path is opened without blocking and refused unless it is a regular file (a FIFO would
//! wait for a writer, `/dev/zero` never ends, a directory is no evidence); its size is checked
//! against the limits before a byte is read; then it is read once, in pieces, to know its
//! SHA-256 (stopping one byte past the size it reported: a file that grows is not read on), and
//! rewound. The store reads the same open file again while it copies, and refuses the copy when
//! the bytes hash otherwise: the file changed between the readings.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::domain::attachment::{Limits, NameProblem, Refusal, check_limits, check_name};
use crate::infile::{InputError, open_regular};
use crate::store::PIECE;

/// An open regular file, with the name it will be kept under and its first reading.
#[derive(Debug)]
pub struct Evidence {
    file: File,
    pub name: String,
    pub size: u64,
    pub sha256: [u8; 32],
}

/// Why a named file cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceError {
    /// Not there, not readable, a directory, not a regular file.
    Input(InputError),
    /// The name it would be kept under.
    Name(NameProblem),
    /// Over a limit, or changed while read.
    Refused(Refusal),
}

impl Read for Evidence {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file.read(buf)
    }
}

/// The name a path's file is kept under: its last component, as UTF-8 (an old GBK name's bytes
/// are shown as U+FFFD, never dropped silently).
pub fn kept_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Opens and reads `path` once for its SHA-256, within `limits` given `stored` bytes kept.
pub fn prepare(path: &Path, limits: Limits, stored: u64) -> Result<Evidence, EvidenceError> {
    let (mut file, size) = open_regular(path).map_err(EvidenceError::Input)?;
    check_limits(limits, size, stored).map_err(EvidenceError::Refused)?;
    let name = kept_name(path).ok_or(EvidenceError::Name(NameProblem::Empty))?;
    check_name(&name).map_err(EvidenceError::Name)?;
    let (sha256, seen) = hash_reader(&mut file, size)
        .map_err(|e| EvidenceError::Input(InputError::Other(e.to_string())))?;
    if seen != size {
        return Err(EvidenceError::Refused(Refusal::Changed));
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| EvidenceError::Input(InputError::Other(e.to_string())))?;
    Ok(Evidence {
        file,
        name,
        size,
        sha256,
    })
}

/// The SHA-256 of a reader, in pieces, and how many bytes it gave, stopping one byte past `cap`.
pub fn hash_reader(bytes: &mut dyn Read, cap: u64) -> std::io::Result<([u8; 32], u64)> {
    let mut hash = Sha256::new();
    let mut piece = vec![0u8; PIECE];
    let mut seen = 0u64;
    loop {
        let room = cap.saturating_add(1).saturating_sub(seen);
        if room == 0 {
            break;
        }
        let want = usize::try_from(room.min(PIECE as u64)).unwrap_or(PIECE);
        let n = match bytes.read(&mut piece[..want]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => other?,
        };
        if n == 0 {
            break;
        }
        hash.update(&piece[..n]);
        seen += n as u64;
    }
    Ok((hash.finalize().into(), seen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attachment::MB;

    #[test]
    fn devices_fifos_directories_and_big_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            max_file: 10,
            max_total: MB,
        };
        assert_eq!(
            prepare(Path::new("/dev/zero"), limits, 0).unwrap_err(),
            EvidenceError::Input(InputError::NotRegular)
        );
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            prepare(&fifo, limits, 0).unwrap_err(),
            EvidenceError::Input(InputError::NotRegular)
        );
        assert_eq!(
            prepare(dir.path(), limits, 0).unwrap_err(),
            EvidenceError::Input(InputError::Directory)
        );
        let big = dir.path().join("big.pdf");
        std::fs::write(&big, [7u8; 11]).unwrap();
        assert_eq!(
            prepare(&big, limits, 0).unwrap_err(),
            EvidenceError::Refused(Refusal::FileTooLarge {
                size: 11,
                limit: 10
            })
        );
        let odd = dir.path().join("a\u{1b}]0;x.pdf");
        std::fs::write(&odd, b"x").unwrap();
        assert!(matches!(
            prepare(&odd, limits, 0).unwrap_err(),
            EvidenceError::Name(NameProblem::Control { code: 0x1b, .. })
        ));
    }

    #[test]
    fn a_file_is_hashed_then_read_again_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("验收报告.pdf");
        std::fs::write(&f, b"evidence").unwrap();
        let mut e = prepare(&f, Limits::default(), 0).unwrap();
        assert_eq!(e.name, "验收报告.pdf");
        assert_eq!(e.size, 8);
        assert_eq!(e.sha256, <[u8; 32]>::from(Sha256::digest(b"evidence")));
        let mut again = Vec::new();
        e.read_to_end(&mut again).unwrap();
        assert_eq!(again, b"evidence");
    }
}
