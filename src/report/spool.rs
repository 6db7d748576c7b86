//! Rows of cells kept in a temporary file until they can be written: the circular reads its
//! tasks once, while summing the figures, but its task lists are written after the ranking (and in
//! the xlsx, once every row has been seen to fit the columns). At 100,000 tasks the lists held in
//! memory were most of a report's memory; on disk they cost one sequential write and read.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::circular_rows::Cell;

pub struct Spool {
    file: BufWriter<File>,
    rows: usize,
}

impl Spool {
    /// An unnamed file in the temporary directory, gone when dropped (or if the process dies).
    pub fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            rows: 0,
        })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn push(&mut self, row: &[Cell]) -> io::Result<()> {
        let f = &mut self.file;
        f.write_all(&u32::try_from(row.len()).unwrap_or(u32::MAX).to_le_bytes())?;
        for cell in row {
            match cell {
                Cell::Text(s) => {
                    let len = u32::try_from(s.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
                    f.write_all(&[0])?;
                    f.write_all(&len.to_le_bytes())?;
                    f.write_all(s.as_bytes())?;
                }
                Cell::Int(n) => {
                    f.write_all(&[1])?;
                    f.write_all(&n.to_le_bytes())?;
                }
                Cell::Percent(v) => number(f, 2, *v)?,
                Cell::Delta(v) => number(f, 3, *v)?,
                Cell::Score(v) => number(f, 4, *v)?,
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// The rows, from the first.
    pub fn read(self) -> io::Result<Rows> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        Ok(Rows {
            file: BufReader::with_capacity(1 << 16, file),
            left: self.rows,
        })
    }
}

/// An optional number: its kind, then a presence byte and the bits.
fn number(f: &mut impl Write, kind: u8, v: Option<f64>) -> io::Result<()> {
    match v {
        Some(v) => {
            f.write_all(&[kind, 1])?;
            f.write_all(&v.to_bits().to_le_bytes())
        }
        None => f.write_all(&[kind, 0]),
    }
}

pub struct Rows {
    file: BufReader<File>,
    left: usize,
}

impl Rows {
    /// The next row into `row`; false after the last.
    pub fn next_into(&mut self, row: &mut Vec<Cell>) -> io::Result<bool> {
        if self.left == 0 {
            return Ok(false);
        }
        self.left -= 1;
        row.clear();
        let f = &mut self.file;
        for _ in 0..u32_of(f)? {
            let mut kind = [0u8];
            f.read_exact(&mut kind)?;
            let cell = match kind[0] {
                0 => {
                    let mut text = vec![0u8; u32_of(f)? as usize];
                    f.read_exact(&mut text)?;
                    Cell::Text(String::from_utf8(text).map_err(|_| bad())?)
                }
                1 => Cell::Int(u32_of(f)?),
                2 => Cell::Percent(number_of(f)?),
                3 => Cell::Delta(number_of(f)?),
                4 => Cell::Score(number_of(f)?),
                _ => return Err(bad()),
            };
            row.push(cell);
        }
        Ok(true)
    }
}

fn u32_of(f: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    f.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn number_of(f: &mut impl Read) -> io::Result<Option<f64>> {
    let mut present = [0u8];
    f.read_exact(&mut present)?;
    if present[0] == 0 {
        return Ok(None);
    }
    let mut b = [0u8; 8];
    f.read_exact(&mut b)?;
    Ok(Some(f64::from_bits(u64::from_le_bytes(b))))
}

/// Only this module writes the file: anything else in it is a bug, not bad input.
fn bad() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "temporary list file misread")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_they_went() {
        let rows = vec![
            vec![
                Cell::Text("(二)3".into()),
                Cell::Text(String::new()),
                Cell::Percent(Some(33.333_333_333_333_336)),
                Cell::Percent(None),
            ],
            vec![],
            vec![
                Cell::Int(7),
                Cell::Delta(Some(-0.04)),
                Cell::Score(None),
                Cell::Text("牵头 100%、配合 0%".into()),
            ],
        ];
        let mut spool = Spool::new().unwrap();
        for r in &rows {
            spool.push(r).unwrap();
        }
        assert_eq!(spool.rows(), 3);
        let mut back = Vec::new();
        let mut read = spool.read().unwrap();
        let mut row = Vec::new();
        while read.next_into(&mut row).unwrap() {
            back.push(row.clone());
        }
        assert_eq!(back, rows);
    }
}
