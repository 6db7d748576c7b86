//! `duban tasks` as a table, written while the tasks are read. Each column is as wide as its
//! widest cell (within its cap), which only the last task settles: the cells are kept aside as
//! they are made, in memory for a short list and in a temporary file beyond `IN_MEMORY` bytes,
//! then laid out in one sequential read. At 100,000 tasks the list held as `TaskLine`s and rows of
//! Strings was 130 MB; the file costs one write and one read of the cells (about the table's size).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Cursor, Seek, SeekFrom, Write};

use super::tasks::{TaskLine, light_paint, light_text};
use super::text::{Align, Paint, fit, paint, visible, width};
use chrono::Datelike;

use crate::domain::Role;
use crate::i18n::{self, Lang};

/// Cells kept in memory up to this many bytes, then in a temporary file.
const IN_MEMORY: usize = 2 << 20;

/// Between two columns.
const GAP: &str = "  ";

pub struct Table {
    lang: Lang,
    max_width: usize,
    color: bool,
    with_co: bool,
    header: Vec<&'static str>,
    widths: Vec<usize>,
    /// The department `--dept` names, when a line showed one (the caption above the table).
    own: Option<String>,
    cells: Vec<String>,
    kept: Kept,
}

impl Table {
    /// A table at most `max_width` columns wide: number, title, lead units, co units (from 110
    /// columns), deadline, %, light and reason.
    pub fn new(lang: Lang, max_width: usize, color: bool) -> Table {
        let l = i18n::labels(lang);
        let with_co = max_width >= 110;
        let mut header = vec![l.number, l.task, l.lead_units];
        if with_co {
            header.push(l.co_units);
        }
        header.extend([l.deadline, l.percent, l.light]);
        Table {
            lang,
            max_width,
            color,
            with_co,
            widths: header.iter().map(|h| width(h)).collect(),
            header,
            own: None,
            cells: Vec::new(),
            kept: Kept::default(),
        }
    }

    /// One line, its number as shown (with its plan's label where several plans are listed).
    pub fn see(&mut self, line: &TaskLine, number: &str) -> io::Result<()> {
        if self.own.is_none()
            && let Some(own) = &line.own
        {
            self.own = Some(own.name.clone());
        }
        let lang = self.lang;
        let n = self.header.len();
        // The cells' buffers serve every line.
        self.cells.resize_with(n, String::new);
        let cells = &mut self.cells;
        set(&mut cells[0], number);
        set(&mut cells[1], &line.task.title);
        names(&mut cells[2], line, Role::Lead);
        if self.with_co {
            names(&mut cells[3], line, Role::Co);
        }
        // A task without its own date shows the words the plan used ("长期", "每季度").
        let deadline = &mut cells[n - 3];
        match (line.task.deadline, &line.task.deadline_text) {
            (None, Some(text)) if !text.is_empty() => set(deadline, text),
            _ => {
                deadline.clear();
                day(deadline, line.task.schedule.deadline);
            }
        }
        if line.extended_from.is_some() {
            deadline.push_str(i18n::extension::table_mark(lang));
        }
        let percent = &mut cells[n - 2];
        percent.clear();
        match line.completion {
            Some(c) => {
                let _ = write!(percent, "{}%", crate::domain::shown_percent(c));
            }
            None => percent.push('—'),
        }
        set(&mut cells[n - 1], &light_text(lang, line));
        for (w, c) in self.widths.iter_mut().zip(cells.iter()) {
            *w = (*w).max(width(c));
        }
        self.kept.push(light_paint(line), cells)
    }

    /// The caption (with `--dept`), the heading and every line seen, laid out.
    pub fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        let n = self.header.len();
        let mut widths = std::mem::take(&mut self.widths);
        // Caps so the title keeps room: numbers 8, unit names 14 (co 12), light and reason 20.
        let title = 1;
        let caps: Vec<(usize, usize)> = if self.with_co {
            vec![(0, 8), (2, 14), (3, 12), (n - 1, 20)]
        } else {
            vec![(0, 8), (2, 14), (n - 1, 20)]
        };
        for (i, cap) in caps {
            widths[i] = widths[i].min(cap);
        }
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != title)
            .map(|(_, w)| w)
            .sum();
        let room = self.max_width.saturating_sub(others + GAP.len() * (n - 1));
        widths[title] = widths[title].min(room).max(8);
        let layout = Layout {
            widths,
            color: self.color,
        };
        if let Some(own) = &self.own {
            out.write_all(i18n::own_caption(self.lang, own).as_bytes())?;
            out.write_all(b"\n")?;
        }
        let mut line = String::new();
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        layout.row(&mut line, &header, &[], Paint::Bold, true);
        out.write_all(line.as_bytes())?;
        let mut reader = self.kept.reader()?;
        let mut cells = vec![String::new(); n];
        let mut fits = vec![None; n];
        while let Some(p) = read_row(&mut reader, &mut cells, &mut fits)? {
            layout.row(&mut line, &cells, &fits, p, false);
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

fn set(cell: &mut String, text: &str) {
    cell.clear();
    cell.push_str(text);
}

/// The units of a role, joined with 、.
fn names(cell: &mut String, line: &TaskLine, role: Role) {
    cell.clear();
    for u in line.task.units.iter().filter(|u| u.role == role) {
        if !cell.is_empty() {
            cell.push('、');
        }
        cell.push_str(&u.name);
    }
}

/// `%Y-%m-%d`, as chrono writes it for the four-digit years a stored day has.
fn day(cell: &mut String, d: chrono::NaiveDate) {
    if (0..=9999).contains(&d.year()) {
        let _ = write!(cell, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    } else {
        let _ = write!(cell, "{}", d.format("%Y-%m-%d"));
    }
}

struct Layout {
    widths: Vec<usize>,
    color: bool,
}

impl Layout {
    /// One row into `line` (cleared first): each cell fitted to its column, the % column to the
    /// right, the last painted with the light's colour (the heading bold), spaces at the end cut.
    /// `fits`: per cell, its width when it has no control character (`visible` leaves it as it
    /// is), from the first pass.
    fn row(
        &self,
        line: &mut String,
        cells: &[String],
        fits: &[Option<usize>],
        paint_last: Paint,
        header: bool,
    ) {
        let n = self.widths.len();
        line.clear();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push_str(GAP);
            }
            let align = if i == n - 2 {
                Align::Right
            } else {
                Align::Left
            };
            let w = self.widths[i];
            let painted = self.color && (header || (i == n - 1 && paint_last != Paint::Plain));
            // A cell that fits as it is, unpainted: what `fit` makes of it, without its copies.
            if let (Some(cw), false) = (fits.get(i).copied().flatten(), painted)
                && cw <= w
            {
                let pad = w - cw;
                if align == Align::Right {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                line.push_str(c);
                if align == Align::Left {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                continue;
            }
            let cell = fit(c, w, align);
            let p = if header {
                Paint::Bold
            } else if i == n - 1 {
                paint_last
            } else {
                Paint::Plain
            };
            if p == Paint::Plain || !self.color {
                line.push_str(&cell);
            } else {
                line.push_str(&paint(&cell, p, self.color));
            }
        }
        line.truncate(line.trim_end().len());
        line.push('\n');
    }
}

/// The rows' cells, as they were seen: a paint byte, then each cell as its length (4 bytes, little
/// endian), its width when it has no control character (4 bytes, `u32::MAX` when it has), and
/// its UTF-8.
#[derive(Default)]
struct Kept {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
}

impl Kept {
    fn push(&mut self, p: Paint, cells: &[String]) -> io::Result<()> {
        self.memory.push(paint_byte(p));
        for c in cells {
            let len = u32::try_from(c.len()).map_err(|_| io::Error::other("cell too long"))?;
            let fits = match visible(c) {
                Cow::Borrowed(_) => u32::try_from(width(c)).unwrap_or(u32::MAX),
                Cow::Owned(_) => u32::MAX,
            };
            self.memory.extend_from_slice(&len.to_le_bytes());
            self.memory.extend_from_slice(&fits.to_le_bytes());
            self.memory.extend_from_slice(c.as_bytes());
        }
        if self.memory.len() > IN_MEMORY {
            if self.file.is_none() {
                self.file = Some(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?));
            }
            if let Some(f) = &mut self.file {
                f.write_all(&self.memory)?;
            }
            self.memory.clear();
        }
        Ok(())
    }

    fn reader(self) -> io::Result<Box<dyn BufRead>> {
        match self.file {
            None => Ok(Box::new(Cursor::new(self.memory))),
            Some(mut f) => {
                f.write_all(&self.memory)?;
                let mut file = f.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
            }
        }
    }
}

/// The next row into `cells` and `fits` (as many as they hold), with its paint; `None` at the end.
fn read_row(
    r: &mut dyn BufRead,
    cells: &mut [String],
    fits: &mut [Option<usize>],
) -> io::Result<Option<Paint>> {
    let mut p = [0u8; 1];
    if r.read(&mut p)? == 0 {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    for (cell, fit) in cells.iter_mut().zip(fits.iter_mut()) {
        let mut head = [0u8; 8];
        r.read_exact(&mut head)?;
        let [l0, l1, l2, l3, w0, w1, w2, w3] = head;
        let w = u32::from_le_bytes([w0, w1, w2, w3]);
        *fit = (w != u32::MAX).then_some(w as usize);
        bytes.clear();
        bytes.resize(u32::from_le_bytes([l0, l1, l2, l3]) as usize, 0);
        r.read_exact(&mut bytes)?;
        cell.clear();
        cell.push_str(std::str::from_utf8(&bytes).map_err(io::Error::other)?);
    }
    Ok(Some(paint_of(p[0])))
}

fn paint_byte(p: Paint) -> u8 {
    match p {
        Paint::Plain => 0,
        Paint::Bold => 1,
        Paint::Red => 2,
        Paint::Yellow => 3,
        Paint::Green => 4,
        Paint::Dim => 5,
    }
}

fn paint_of(b: u8) -> Paint {
    match b {
        1 => Paint::Bold,
        2 => Paint::Red,
        3 => Paint::Yellow,
        4 => Paint::Green,
        5 => Paint::Dim,
        _ => Paint::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(rows: &[(Paint, Vec<String>)], in_a_file: bool) {
        let mut kept = Kept::default();
        for (p, cells) in rows {
            kept.push(*p, cells).unwrap();
        }
        assert_eq!(kept.file.is_some(), in_a_file);
        let mut reader = kept.reader().unwrap();
        let mut cells = vec![String::new(); 4];
        let mut fits = vec![None; 4];
        for (p, expected) in rows {
            assert_eq!(
                read_row(&mut reader, &mut cells, &mut fits).unwrap(),
                Some(*p)
            );
            assert_eq!(&cells, expected);
            let widths: Vec<Option<usize>> = expected
                .iter()
                .map(|c| (!c.contains('\u{1b}')).then(|| width(c)))
                .collect();
            assert_eq!(fits, widths);
        }
        assert_eq!(read_row(&mut reader, &mut cells, &mut fits).unwrap(), None);
    }

    #[test]
    fn kept_rows_read_back_as_they_were_from_memory_and_from_the_file() {
        let rows = |n: usize| -> Vec<(Paint, Vec<String>)> {
            (0..n)
                .map(|i| {
                    let p = [Paint::Plain, Paint::Red, Paint::Green, Paint::Yellow][i % 4];
                    let cells = vec![
                        i.to_string(),
                        "推进".repeat(i % 700),
                        if i % 7 == 0 {
                            "\u{1b}[2J".into()
                        } else {
                            String::new()
                        },
                        format!("{}%", i % 101),
                    ];
                    (p, cells)
                })
                .collect()
        };
        // 20 rows are a few kilobytes; 3,000 about 6 MB, past `IN_MEMORY`.
        round_trip(&rows(20), false);
        round_trip(&rows(3000), true);
    }
}
