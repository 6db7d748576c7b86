//! Saving a workbook into a file. rust_xlsxwriter's zip writer, dropped after a failed write (a
//! full disk), tries to finish the archive again and prints its own line on stderr; the first
//! failure must come back as the file's error, the one line the user sees.

use std::io::{self, Seek, SeekFrom, Write};

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::export_error::ExportError;

/// Stamps `book` as made at `at` (docProps/core.xml), from duban's one clock: rust_xlsxwriter
/// would stamp the wall clock's time, so that no pinned `DUBAN_TODAY` made the file the same twice
/// and no test could pin what it says.
pub fn made_at(book: &mut Workbook, at: DateTime<Utc>) {
    // Excel's dates begin in 1900: an instant before that (a clock set wrong) says 1900.
    let t = ExcelDateTime::from_timestamp(at.timestamp())
        .or_else(|_| ExcelDateTime::from_ymd(1900, 1, 1))
        .ok();
    if let Some(t) = t {
        book.set_properties(&DocProperties::new().set_creation_datetime(&t));
    }
}

/// Writes `book` into `out`; a write that fails is `ExportError::Io`, whatever layer saw it.
pub fn save_book<W: Write + Seek + Send>(book: &mut Workbook, out: W) -> Result<(), ExportError> {
    let mut out = FirstFailure { out, failure: None };
    let saved = book.save_to_writer(&mut out);
    if let Some(e) = out.failure.take() {
        return Err(ExportError::Io(e));
    }
    saved.map_err(|e| match e {
        XlsxError::IoError(e) => ExportError::Io(e),
        other => ExportError::Xlsx(other),
    })?;
    Ok(out.out.flush()?)
}

/// A writer that keeps its first failure and afterwards accepts and drops everything, so that
/// nothing written after it (the zip writer's second try on drop) fails or says so.
struct FirstFailure<W> {
    out: W,
    failure: Option<io::Error>,
}

impl<W> FirstFailure<W> {
    fn keep<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        r.map_err(|e| {
            let again = io::Error::new(e.kind(), e.to_string());
            self.failure = Some(e);
            again
        })
    }
}

impl<W: Write> Write for FirstFailure<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failure.is_some() {
            return Ok(buf.len());
        }
        let r = self.out.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failure.is_some() {
            return Ok(());
        }
        let r = self.out.flush();
        self.keep(r)
    }
}

impl<W: Seek> Seek for FirstFailure<W> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        if self.failure.is_some() {
            return Ok(0);
        }
        let r = self.out.seek(pos);
        self.keep(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seekable sink that fails with "no space" once `room` bytes are written.
    struct Full {
        written: Vec<u8>,
        room: usize,
        pos: u64,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.written.len() + buf.len() > self.room {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space"));
            }
            self.written.extend_from_slice(buf);
            self.pos += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
            if let SeekFrom::Start(p) = pos {
                self.pos = p;
            }
            Ok(self.pos)
        }
    }

    fn book() -> Workbook {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..2_000u32 {
            sheet
                .write_string(r, 0, format!("row {r} of a sheet"))
                .unwrap();
        }
        book
    }

    #[test]
    fn a_full_disk_is_the_files_error() {
        let out = Full {
            written: Vec::new(),
            room: 4_000,
            pos: 0,
        };
        match save_book(&mut book(), out) {
            Err(ExportError::Io(e)) => assert_eq!(e.kind(), io::ErrorKind::StorageFull),
            other => panic!("expected the file's error, got {other:?}"),
        }
    }

    #[test]
    fn after_the_first_failure_everything_is_accepted_and_the_failure_kept() {
        let mut w = FirstFailure {
            out: Full {
                written: Vec::new(),
                room: 3,
                pos: 0,
            },
            failure: None,
        };
        assert!(w.write(b"abcd").is_err());
        assert_eq!(w.write(b"more").unwrap(), 4);
        assert!(w.flush().is_ok());
        assert!(w.seek(SeekFrom::Start(0)).is_ok());
        assert_eq!(
            w.failure.as_ref().map(io::Error::kind),
            Some(io::ErrorKind::StorageFull)
        );
    }

    #[test]
    fn a_book_with_room_is_saved_whole() {
        let mut out = Full {
            written: Vec::new(),
            room: usize::MAX,
            pos: 0,
        };
        save_book(&mut book(), &mut out).unwrap();
        assert_eq!(&out.written[..2], b"PK");
    }
}
