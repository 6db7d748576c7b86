//! One table under a title on a sheet of the circular's workbook: the formats, the columns
//! fitted to the cells, the rows as high as their most wrapped cell, and the streamed task lists'
//! sheets (`TableSheet`).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::circular_rows::Cell;
use super::export::{ExportError, LINE_HEIGHT, excel_width, lines_in};
use super::spool::Spool;
use super::xlsx_cell::fit;

/// The workbook's cell formats, one of each kind, numbered in a fixed order (`register`).
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) stamp: Format,
    pub(super) heading: Format,
    pub(super) text: Format,
    pub(super) center: Format,
    pub(super) int: Format,
    pub(super) percent: Format,
    pub(super) delta: Format,
    pub(super) score: Format,
    pub(super) note: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            stamp: Format::new()
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            heading: super::xlsx_cell::heading_format(),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center),
            int: cell.clone().set_align(FormatAlign::Center),
            percent: cell.clone().set_num_format("0.0%"),
            delta: cell.clone().set_num_format("+0.0;-0.0;0.0"),
            score: cell.set_num_format("0.00"),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    /// Gives every format its index in the workbook now, in this order. A format is numbered
    /// when first written, and the two task lists are written side by side (`write_lists`):
    /// without this the numbers would depend on which thread came first, and two threads
    /// numbering the same new format at once could give it two numbers, one past the end of the
    /// workbook's table (rust_xlsxwriter checks under a read lock, then adds under a write
    /// lock). So every format those threads use must be one of these.
    pub(super) fn register(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        // A constant-memory sheet numbers formats in the workbook's table as it writes; this one
        // is never added to the workbook.
        let mut scratch = book.new_worksheet_with_constant_memory()?;
        // Taken apart whole, so that a format added to `Formats` cannot be left out here.
        let Formats {
            title,
            stamp,
            heading,
            text,
            center,
            int,
            percent,
            delta,
            score,
            note,
        } = self;
        let all = [
            title, stamp, heading, text, center, int, percent, delta, score, note,
        ];
        for (col, format) in (0u16..).zip(all) {
            scratch.write_blank(0, col, format)?;
        }
        Ok(())
    }
}

/// Width cap of a number, in display columns.
const NUMBER_CAP: usize = 10;

/// Width cap of a text column, in display columns: task titles wrap at 40, other text at 26.
fn text_cap(head: &str) -> usize {
    if head.contains("任务") || head.contains("Task") {
        40
    } else {
        26
    }
}

/// Where a table goes and how its text columns align.
pub(super) struct Place<'a> {
    pub(super) row: u32,
    /// The first column: a small table sits under a wider one, in its columns.
    pub(super) col: u16,
    /// Text columns shown centred (codes, counts like 4/7); other text is left-aligned.
    pub(super) centred: &'a [usize],
    /// Fit the columns to this table (the first table of a sheet); later ones keep the widths.
    pub(super) fit: bool,
    /// The title and date line above must fit too (Excel units): a narrow table's first
    /// column takes what is missing, else the merged title is cut on the printed page.
    pub(super) min_width: f64,
}

impl Place<'static> {
    /// A small table under the ranking, in its columns from 单位 on, with the ranking's widths.
    pub(super) fn under_ranking(row: u32) -> Self {
        Place {
            row,
            col: 2,
            centred: &[],
            fit: false,
            min_width: 0.0,
        }
    }
}

/// Room the sheet's title (16 pt) needs, in Excel units. The date line under it (plans, date,
/// the record's check code) wraps instead (`stamp_height`): widening the first column to it
/// made the ranking print at half its size.
fn title_room(title: &str) -> f64 {
    excel_width(title.width()) * 16.0 / 11.0
}

/// The date line's row, as high as its lines (10 pt) over the table's width in Excel units.
pub(super) fn stamp_height(
    sheet: &mut Worksheet,
    stamp: &str,
    width: f64,
) -> Result<(), XlsxError> {
    let lines = lines_in(&fit(stamp), width * 11.0 / 10.0);
    if lines > 1 {
        sheet.set_row_height(1, lines as f64 * 13.0 + 3.0)?;
    }
    Ok(())
}

/// A table's column widths in display columns: each heading's, then each cell's up to the cap of
/// its kind; rows are added one by one, so a streamed table is fitted without being held.
pub(super) struct Fit {
    /// Each column's cap for text (`text_cap`), worked out once rather than per cell.
    text_caps: Vec<usize>,
    widths: Vec<usize>,
}

impl Fit {
    pub(super) fn new(head: &[&str]) -> Fit {
        Fit {
            text_caps: head.iter().map(|h| text_cap(h)).collect(),
            widths: head.iter().map(|h| h.width()).collect(),
        }
    }

    pub(super) fn add(&mut self, row: &[Cell]) {
        for (i, c) in row.iter().enumerate() {
            let cap = match c {
                Cell::Text(_) => self.text_caps[i],
                _ => NUMBER_CAP,
            };
            let w = c.text().width().min(cap);
            self.widths[i] = self.widths[i].max(w);
        }
    }

    /// The widths in Excel units. The title and date line above must fit too (`min_width`): a
    /// narrow table's first column takes what is missing, else the merged title is cut on the
    /// printed page.
    pub(super) fn excel(&self, min_width: f64) -> Vec<f64> {
        let mut widths: Vec<f64> = self
            .widths
            .iter()
            .map(|w| excel_width((*w).max(4)))
            .collect();
        let missing = min_width - widths.iter().sum::<f64>();
        if missing > 0.0
            && let Some(first) = widths.first_mut()
        {
            *first += missing;
        }
        widths
    }
}

/// One table on a sheet; returns the next free row and the table's width in Excel units.
pub(super) fn table(
    sheet: &mut Worksheet,
    f: &Formats,
    at: Place<'_>,
    head: &[&str],
    rows: &[Vec<Cell>],
    widths_now: &mut Vec<f64>,
) -> Result<u32, XlsxError> {
    if at.fit {
        let mut fit = Fit::new(head);
        for r in rows {
            fit.add(r);
        }
        *widths_now = fit.excel(at.min_width);
        for (i, w) in widths_now.iter().enumerate() {
            sheet.set_column_width(at.col + i as u16, *w)?;
        }
    }
    let widths: Vec<f64> = (0..head.len())
        .map(|i| widths_now.get(at.col as usize + i).copied().unwrap_or(10.0))
        .collect();
    let mut row = heading_row(sheet, f, &at, head)?;
    for r in rows {
        table_row(sheet, f, &at, row, r, &widths)?;
        row += 1;
    }
    Ok(row)
}

/// A table's heading row; returns the row after it.
fn heading_row(
    sheet: &mut Worksheet,
    f: &Formats,
    at: &Place<'_>,
    head: &[&str],
) -> Result<u32, XlsxError> {
    sheet.set_row_height(at.row, 22)?;
    for (i, h) in head.iter().enumerate() {
        sheet.write_string_with_format(at.row, at.col + i as u16, *h, &f.heading)?;
    }
    Ok(at.row + 1)
}

/// One row of a table, as high as its most wrapped cell.
fn table_row(
    sheet: &mut Worksheet,
    f: &Formats,
    at: &Place<'_>,
    row: u32,
    cells: &[Cell],
    widths: &[f64],
) -> Result<(), XlsxError> {
    styled_row(sheet, f, at, row, cells, widths, &[])
}

/// `table_row`, where a cell whose format is its column's (`styled`) is written without one.
/// rust_xlsxwriter gives an unformatted cell its column's format, so the sheet is the same; the
/// cell's own format would be looked up in the workbook's table by hashing the whole `Format`,
/// under a lock both list threads share: a sixth of the time of the circular at 100,000 tasks.
fn styled_row(
    sheet: &mut Worksheet,
    f: &Formats,
    at: &Place<'_>,
    row: u32,
    cells: &[Cell],
    widths: &[f64],
    styled: &[Option<&Format>],
) -> Result<(), XlsxError> {
    // Numbers never wrap (Excel shows ### when one does not fit), so only text is measured.
    let lines = cells
        .iter()
        .zip(widths)
        .filter(|(c, _)| !c.is_number())
        .map(|(c, w)| lines_in(&c.text(), *w))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, lines as f64 * LINE_HEIGHT + 3.0)?;
    }
    for (i, c) in cells.iter().enumerate() {
        let col = at.col + i as u16;
        let format = format_of(f, c, at.centred.contains(&i));
        // An empty text needs its format: without one, rust_xlsxwriter writes no cell at all.
        let own = styled.get(i).copied().flatten().is_some_and(|column| {
            std::ptr::eq(column, format) && !matches!(c, Cell::Text(s) if s.is_empty())
        });
        let number = match c {
            Cell::Text(_) | Cell::Percent(None) | Cell::Delta(None) | Cell::Score(None) => None,
            Cell::Int(n) => Some(f64::from(*n)),
            Cell::Percent(Some(p)) => Some(p / 100.0),
            Cell::Delta(Some(d)) | Cell::Score(Some(d)) => Some(*d),
        };
        match (number, own) {
            (Some(n), true) => sheet.write_number(row, col, n)?,
            (Some(n), false) => sheet.write_number_with_format(row, col, n, format)?,
            (None, own) => {
                let text = match c {
                    Cell::Text(s) => fit(s),
                    _ => "—".into(),
                };
                if own {
                    sheet.write_string(row, col, text)?
                } else {
                    sheet.write_string_with_format(row, col, text, format)?
                }
            }
        };
    }
    Ok(())
}

/// The format a cell is written with: text left or centred, numbers by kind, a missing number's
/// dash centred.
fn format_of<'f>(f: &'f Formats, cell: &Cell, centred: bool) -> &'f Format {
    match cell {
        Cell::Text(_) if centred => &f.center,
        Cell::Text(_) => &f.text,
        Cell::Int(_) => &f.int,
        Cell::Percent(Some(_)) => &f.percent,
        Cell::Delta(Some(_)) => &f.delta,
        Cell::Score(Some(_)) => &f.score,
        Cell::Percent(None) | Cell::Delta(None) | Cell::Score(None) => &f.center,
    }
}

/// A sheet with its title (merged over the table's width), the as-of line and print settings.
pub(super) fn sheet(
    book: &mut Workbook,
    f: &Formats,
    name: &str,
    title: &str,
    stamp: &str,
    columns: u16,
    constant_memory: bool,
) -> Result<(Worksheet, f64), XlsxError> {
    // The full task list can be 100,000 rows: streamed to a temporary file as written.
    let mut sheet = if constant_memory {
        book.new_worksheet_with_constant_memory()?
    } else {
        Worksheet::new()
    };
    sheet.set_name(name)?;
    let last = columns.saturating_sub(1).max(1);
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(0, 0, 0, last, &fit(title), &f.title)?;
    sheet.merge_range(1, 0, 1, last, &fit(stamp), &f.stamp)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 2)?;
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C&P / &N");
    Ok((sheet, title_room(title)))
}

/// What a sheet that is one table under the title rows holds: the red tasks, the late reporters,
/// the tasks.
pub(super) struct Spec<'a> {
    pub(super) name: &'a str,
    pub(super) head: &'a [&'a str],
    pub(super) centred: &'static [usize],
    /// Written row by row to a temporary file (the task lists).
    pub(super) streamed: bool,
    /// Filters on the headings (the full task list).
    pub(super) filter: bool,
    /// Said in place of the rows when there are none.
    pub(super) empty: Option<String>,
}

/// Such a sheet being written: its title and headings first, then the rows as they come.
pub(super) struct TableSheet<'f> {
    sheet: Worksheet,
    widths: Vec<f64>,
    centred: &'static [usize],
    columns: u16,
    next: u32,
    rows: u32,
    filter: bool,
    empty: Option<String>,
    streamed: bool,
    /// Each column's format while the rows are written (`styled_row`), taken from the first
    /// row; cleared by `finish`, so that the empty cells under the table stay plain.
    styled: Vec<Option<&'f Format>>,
}

impl<'f> TableSheet<'f> {
    pub(super) fn begin(
        book: &mut Workbook,
        f: &Formats,
        title: &str,
        stamp: &str,
        spec: Spec<'_>,
        fit: &Fit,
    ) -> Result<TableSheet<'f>, XlsxError> {
        let columns = spec.head.len() as u16;
        let (mut sheet, room) = sheet(
            book,
            f,
            spec.name,
            &format!("{title}:{}", spec.name),
            stamp,
            columns,
            spec.streamed,
        )?;
        let widths = fit.excel(room);
        for (i, w) in widths.iter().enumerate() {
            sheet.set_column_width(i as u16, *w)?;
        }
        stamp_height(&mut sheet, stamp, widths.iter().sum())?;
        let place = Place {
            row: 2,
            col: 0,
            centred: spec.centred,
            fit: true,
            min_width: room,
        };
        let next = heading_row(&mut sheet, f, &place, spec.head)?;
        Ok(TableSheet {
            sheet,
            widths,
            centred: spec.centred,
            columns,
            next,
            rows: 0,
            filter: spec.filter,
            empty: spec.empty,
            streamed: spec.streamed,
            styled: Vec::new(),
        })
    }

    /// A row, with its cells' own formats.
    pub(super) fn push(&mut self, f: &'f Formats, cells: &[Cell]) -> Result<(), XlsxError> {
        self.push_styled(f, cells, false)
    }

    /// A row; with `styled`, a cell in its column's format is written without its own. The
    /// format of a cell without one is found when its row is written out, which a sheet streamed
    /// to its temporary file does once the next row begins and the last row only when the book
    /// is saved, after `finish` has cleared the columns' formats: so the last row is never
    /// `styled`, nor is a sheet held in memory.
    fn push_styled(
        &mut self,
        f: &'f Formats,
        cells: &[Cell],
        styled: bool,
    ) -> Result<(), XlsxError> {
        let styled = styled && self.streamed;
        if styled && self.styled.is_empty() {
            for (i, c) in cells.iter().enumerate() {
                let blank = matches!(c, Cell::Text(s) if s.is_empty());
                let format = (!blank).then(|| format_of(f, c, self.centred.contains(&i)));
                if let Some(format) = format {
                    self.sheet.set_column_format(i as u16, format)?;
                }
                self.styled.push(format);
            }
        }
        let place = Place {
            row: self.next,
            col: 0,
            centred: self.centred,
            fit: false,
            min_width: 0.0,
        };
        let columns: &[Option<&Format>] = if styled { &self.styled } else { &[] };
        styled_row(
            &mut self.sheet,
            f,
            &place,
            self.next,
            cells,
            &self.widths,
            columns,
        )?;
        self.next += 1;
        self.rows += 1;
        Ok(())
    }

    pub(super) fn push_all(&mut self, f: &'f Formats, spool: Spool) -> Result<(), ExportError> {
        let mut left = spool.rows();
        let mut rows = spool.read()?;
        let mut row = Vec::new();
        while rows.next_into(&mut row)? {
            left = left.saturating_sub(1);
            self.push_styled(f, &row, left > 0)?;
        }
        Ok(())
    }

    pub(super) fn finish(mut self, book: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
        let plain = Format::default();
        for (i, _) in self.styled.iter().enumerate().filter(|(_, c)| c.is_some()) {
            self.sheet.set_column_format(i as u16, &plain)?;
        }
        let (s, end, columns) = (&mut self.sheet, self.next, self.columns);
        if let Some(note) = self.empty.filter(|_| self.rows == 0) {
            s.merge_range(end, 0, end, columns - 1, &fit(&note), &f.note)?;
        }
        if self.filter {
            s.autofilter(2, 0, end.saturating_sub(1).max(3), columns - 1)?;
        }
        s.set_freeze_panes(3, 0)?;
        book.push_worksheet(self.sheet);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// The list sheet of a book with `rows`, written `styled` (`push_all`) or each cell with its
    /// own format (`push`).
    fn list_sheet(rows: &[Vec<Cell>], styled: bool) -> String {
        let f = Formats::new();
        let mut book = Workbook::new();
        f.register(&mut book).unwrap();
        let head = ["序号", "任务", "完成率", "说明"];
        let mut fit = Fit::new(&head);
        for r in rows {
            fit.add(r);
        }
        let spec = Spec {
            name: "清单",
            head: &head,
            centred: &[0],
            streamed: true,
            filter: true,
            empty: None,
        };
        let mut sheet = TableSheet::begin(&mut book, &f, "标题", "日期", spec, &fit).unwrap();
        if styled {
            let mut spool = Spool::new().unwrap();
            for r in rows {
                spool.push(r).unwrap();
            }
            sheet.push_all(&f, spool).unwrap();
        } else {
            for r in rows {
                sheet.push(&f, r).unwrap();
            }
        }
        sheet.finish(&mut book, &f).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn cells_left_to_their_columns_format_make_the_same_sheet() {
        let text = |s: &str| Cell::Text(s.into());
        // The first row sets the columns' formats; an empty cell leaves its column unset, and
        // cells unlike their column (a missing number, a number in a text column) keep theirs.
        let rows = vec![
            vec![text("1"), text(""), Cell::Percent(Some(50.0)), text("甲")],
            vec![
                text("2"),
                text("整治城乡环境卫生并建立长效管理机制,每月通报一次"),
                Cell::Percent(None),
                Cell::Int(3),
            ],
            vec![text("3"), text("乙"), Cell::Percent(Some(0.0)), text("")],
            vec![
                text("4"),
                text("丙"),
                Cell::Percent(Some(100.0)),
                text("丁"),
            ],
        ];
        let styled = list_sheet(&rows, true);
        assert_eq!(styled, list_sheet(&rows, false));
        // Every written cell has its format, and the columns none (the empty cells under the
        // table stay plain).
        assert!(!styled.contains("style="), "{styled}");
        assert_eq!(
            styled.matches("<c r=").count(),
            styled.matches(" s=\"").count()
        );
        assert!(styled.contains(r#"<c r="D6" s=""#), "{styled}");
    }
}
