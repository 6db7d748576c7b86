//! A task spreadsheet's bytes -> tables of typed cells under recognised headings. xlsx (and the
//! other formats `calamine` reads: xls, xlsb, ods) or CSV in UTF-8 (with or without a BOM), UTF-16
//! with a BOM, or GB18030. Nothing here knows the database: `sheet_diff` compares the rows with it.
//!
//! The heading row is found, not assumed: offices put a title row (or two) above it, and duban's
//! own export has one that names the plan and the export time.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Sheets};
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

use super::decode::{self, DecodeError};
use crate::domain::sheet::{Column, EXPORTED_AT};

/// Which reader a file goes to (the command names it: `import xlsx` / `import csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

/// A cell's value as the rows need it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// `percent`: the cell is formatted as a percent (0.6 shown as 60%).
    Number {
        value: f64,
        percent: bool,
    },
    Date(chrono::NaiveDate),
}

impl Value {
    /// The cell as text: numbers without a needless ".0", dates as 2024-06-30.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_string(),
            Value::Number { value, .. } => number_text(*value),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// One row under the headings: its 1-based row number and a value per recognised column (in the
/// order of `Table::columns`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub values: Vec<Value>,
}

/// A sheet with the task layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The worksheet's name (a CSV's: its file name, given by the caller).
    pub name: String,
    /// Recognised columns and their 0-based index in the sheet; the first of a kind wins.
    pub columns: Vec<(Column, usize)>,
    /// The text of the title rows above the headings, cell by cell, non-empty cells only.
    pub title: Vec<String>,
    /// When duban exported it ("导出时间:…" in the title row), if it did.
    pub exported_at: Option<DateTime<Utc>>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The position of `column` in each row's values.
    pub fn slot(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|(c, _)| *c == column)
    }

    pub fn has(&self, column: Column) -> bool {
        self.slot(column).is_some()
    }

    /// Carries duban's stamp of what it was based on: a 基于版本 column, or (a sheet exported
    /// before that column existed) the export time in its title row.
    pub fn stamped(&self) -> bool {
        self.has(Column::Stamp) || self.exported_at.is_some()
    }

    /// The sheet's index of `column`, for naming a cell.
    pub fn index(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| *i)
    }
}

/// The tables of a file, and the sheets that were skipped (no task headings in them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    pub tables: Vec<Table>,
    pub skipped: Vec<String>,
}

/// Why a file cannot be read as a task sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    /// Not a spreadsheet of the given format (or damaged, or protected): the reader's words.
    NotASpreadsheet(String),
    /// A CSV that is not text.
    Binary,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// No sheet has a heading row with 任务 and two more known columns.
    NoHeadings {
        sheets: Vec<String>,
    },
}

/// How far down a sheet the heading row may be.
const HEADING_SEARCH_ROWS: usize = 20;

pub fn read(bytes: &[u8], format: Format, csv_name: &str) -> Result<Workbook, ReadError> {
    if bytes.len() as u64 > decode::MAX_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            limit: decode::MAX_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let grids = match format {
        Format::Xlsx => xlsx_grids(bytes)?,
        Format::Csv => vec![(csv_name.to_string(), csv_grid(bytes)?)],
    };
    let mut book = Workbook::default();
    let mut names = Vec::new();
    for (name, grid) in grids {
        names.push(name.clone());
        match table(name.clone(), grid) {
            Some(t) => book.tables.push(t),
            None => book.skipped.push(name),
        }
    }
    if book.tables.is_empty() {
        return Err(ReadError::NoHeadings { sheets: names });
    }
    Ok(book)
}

/// A sheet as rows of values, with the 0-based row number of the first.
struct Grid {
    first_row: usize,
    rows: Vec<Vec<Value>>,
}

fn xlsx_grids(bytes: &[u8]) -> Result<Vec<(String, Grid)>, ReadError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ReadError::NotASpreadsheet(e.to_string()))?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut out = Vec::new();
    for name in sheets {
        let grid = match &mut book {
            Sheets::Xlsx(x) => xlsx_stream(x, &name),
            other => range_grid(other, &name),
        }
        .map_err(ReadError::NotASpreadsheet)?;
        out.push((name, grid));
    }
    Ok(out)
}

/// An xlsx sheet read cell by cell, each row kept as it is finished: no whole-sheet range of
/// cells, nor of styles, is ever held (a 100,000-row sheet would hold both, and the rows too).
fn xlsx_stream<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Grid, String> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // As `worksheet_range` reads it: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => {
            return Ok(Grid {
                first_row: 0,
                rows: Vec::new(),
            });
        }
        Err(e) => return Err(e.to_string()),
    };
    // Number formats tell 0.6-shown-as-60% from a plain 0.6, by the cell's style.
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| f.format_code.contains('%'))
        })
        .collect();
    let mut rows: Vec<(usize, Vec<Value>)> = Vec::new();
    let mut current: Option<usize> = None;
    let mut cells: Vec<Value> = Vec::new();
    let flush = |rows: &mut Vec<(usize, Vec<Value>)>, at: usize, cells: &mut Vec<Value>| {
        while cells.last().is_some_and(|v| *v == Value::Empty) {
            cells.pop();
        }
        // A row's vector exactly as long as its cells.
        let mut row = std::mem::take(cells);
        row.shrink_to_fit();
        rows.push((at, row));
    };
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| e.to_string())?
    {
        let (row, col) = cell.get_position();
        let data = cell.get_value();
        // Empty cells do not count (as in `worksheet_range`), even for where the sheet starts.
        if *data == DataRef::Empty {
            continue;
        }
        let (row, col) = (row as usize, col as usize);
        if current != Some(row) {
            if let Some(at) = current {
                flush(&mut rows, at, &mut cells);
            }
            current = Some(row);
        }
        let percent = || percent_styles.get(style).copied().unwrap_or(false);
        let value = value(Data::from(data.clone()), percent);
        if cells.len() <= col {
            cells.resize(col + 1, Value::Empty);
        }
        cells[col] = value;
    }
    if let Some(at) = current {
        flush(&mut rows, at, &mut cells);
    }
    // Rows come in order in any sheet Excel writes; a file that repeats or reorders them is read
    // as the range would be: by row, a later cell over an earlier one.
    if !rows.windows(2).all(|w| w[0].0 < w[1].0) {
        rows.sort_by_key(|(at, _)| *at);
        let mut merged: Vec<(usize, Vec<Value>)> = Vec::with_capacity(rows.len());
        for (at, cells) in rows {
            match merged.last_mut() {
                Some((last, into)) if *last == at => {
                    if into.len() < cells.len() {
                        into.resize(cells.len(), Value::Empty);
                    }
                    for (slot, v) in into.iter_mut().zip(cells) {
                        if v != Value::Empty {
                            *slot = v;
                        }
                    }
                }
                _ => merged.push((at, cells)),
            }
        }
        rows = merged;
    }
    let first_row = rows.first().map_or(0, |(at, _)| *at);
    let mut dense = Vec::with_capacity(rows.last().map_or(0, |(at, _)| at - first_row + 1));
    for (at, cells) in rows {
        dense.resize_with(at - first_row, Vec::new);
        dense.push(cells);
    }
    Ok(Grid {
        first_row,
        rows: dense,
    })
}

/// A sheet of the other formats (xls, xlsb, ods) through its whole range; no number formats.
fn range_grid<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Result<Grid, String> {
    let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for row in range.rows() {
        let mut values = vec![Value::Empty; first_col];
        values.extend(row.iter().map(|cell| value(cell.clone(), || false)));
        rows.push(values);
    }
    Ok(Grid { first_row, rows })
}

/// A cell as the rows need it; `percent` is asked for numbers only.
fn value(cell: Data, percent: impl Fn() -> bool) -> Value {
    match cell {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::String(s) => Value::Text(s),
        Data::Int(n) => Value::Number {
            value: n as f64,
            percent: percent(),
        },
        Data::Float(f) => Value::Number {
            value: f,
            percent: percent(),
        },
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => Value::Date(t.date()),
            None => Value::Text(d.to_string()),
        },
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse().ok()) {
            Some(d) => Value::Date(d),
            None => Value::Text(s),
        },
        Data::DurationIso(s) => Value::Text(s),
    }
}

fn csv_grid(bytes: &[u8]) -> Result<Grid, ReadError> {
    let (text, _) = decode::decode(bytes).map_err(|e| match e {
        DecodeError::Empty => ReadError::Empty,
        DecodeError::Binary => ReadError::Binary,
        DecodeError::TooLarge { bytes, limit } => ReadError::TooLarge { bytes, limit },
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // Excel saves "Unicode text" with tabs; a first line with tabs and no commas is such a file.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        // The text is valid UTF-8 already, so a record error is only a quoting problem: keep
        // what was read so far rather than refuse the file.
        let Ok(record) = record else { break };
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid { first_row: 0, rows })
}

/// Finds the heading row (the first, among the top rows, that names 任务 and two more known
/// columns) and reads the rows under it. `None` for a sheet without one.
fn table(name: String, grid: Grid) -> Option<Table> {
    let (at, columns) = grid
        .rows
        .iter()
        .take(HEADING_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| {
            let mut columns: Vec<(Column, usize)> = Vec::new();
            for (j, v) in row.iter().enumerate() {
                if let Some(c) = Column::recognise(&v.text())
                    && !columns.iter().any(|(k, _)| *k == c)
                {
                    columns.push((c, j));
                }
            }
            let task = columns.iter().any(|(c, _)| *c == Column::Task);
            (task && columns.len() >= 3).then_some((i, columns))
        })?;
    let title: Vec<String> = grid.rows[..at]
        .iter()
        .flatten()
        .map(Value::text)
        .filter(|t| !t.is_empty())
        .collect();
    let exported_at = title.iter().find_map(|t| exported_at(t));
    let mut rows = Vec::with_capacity(grid.rows.len() - at - 1);
    // The grid's cells are moved, not copied: a row at a time, the grid's row then dropped.
    for (i, mut row) in grid.rows.into_iter().enumerate().skip(at + 1) {
        let values: Vec<Value> = columns
            .iter()
            .map(|(_, j)| {
                row.get_mut(*j)
                    .map_or(Value::Empty, |v| std::mem::replace(v, Value::Empty))
            })
            .collect();
        if values.iter().all(Value::is_empty) {
            continue;
        }
        rows.push(Row {
            number: grid.first_row + i + 1,
            values,
        });
    }
    Some(Table {
        name,
        columns,
        title,
        exported_at,
        rows,
    })
}

/// "导出时间:2024-06-30 10:32:05" (local time, as a person reads it) -> the instant.
fn exported_at(text: &str) -> Option<DateTime<Utc>> {
    let rest = text.trim().strip_prefix(EXPORTED_AT)?;
    let rest = rest.trim_start_matches([':', ':', ' ']).trim();
    let t = NaiveDateTime::parse_from_str(rest, "%Y-%m-%d %H:%M:%S").ok()?;
    Local
        .from_local_datetime(&t)
        .earliest()
        .map(|l| l.with_timezone(&Utc))
}

/// The title row's text for an export made at `at`, in the format `exported_at` reads.
pub fn exported_at_text(at: DateTime<Utc>) -> String {
    format!(
        "{EXPORTED_AT}:{}",
        at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_a_title_row_and_flexible_headings() {
        let text = "某某计划,,,,导出时间:2024-06-30 10:00:00\n\
                    序号,重点任务,责任单位,时间节点,工作进展,完成进度\n\
                    1,建设园区,*区经信局、区财政局,2024年底前,已开工,60%\n\
                    ,,,,,\n\
                    2,\"多行\n任务\",区财政局,,,\n";
        let book = read(text.as_bytes(), Format::Csv, "x.csv").unwrap();
        let t = &book.tables[0];
        assert_eq!(t.title, vec!["某某计划", "导出时间:2024-06-30 10:00:00"]);
        assert!(t.exported_at.is_some());
        assert_eq!(
            t.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            vec![
                Column::Number,
                Column::Task,
                Column::Units,
                Column::Deadline,
                Column::Progress,
                Column::Percent
            ]
        );
        assert_eq!(t.rows.len(), 2, "the empty row is skipped");
        assert_eq!(t.rows[0].number, 3);
        assert_eq!(t.rows[1].number, 5);
        assert_eq!(t.rows[1].values[1].text(), "多行\n任务");
    }

    #[test]
    fn gb18030_and_bom() {
        let text = "序号,任务,牵头单位\n1,建设园区,区经信局\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let book = read(&gb, Format::Csv, "gb.csv").unwrap();
        assert_eq!(book.tables[0].rows[0].values[1].text(), "建设园区");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let book = read(&bom, Format::Csv, "bom.csv").unwrap();
        assert_eq!(book.tables[0].columns[0], (Column::Number, 0));
    }

    #[test]
    fn refusals() {
        assert_eq!(read(b"", Format::Csv, "e"), Err(ReadError::Empty));
        assert_eq!(read(b" \n", Format::Xlsx, "e"), Err(ReadError::Empty));
        assert!(matches!(
            read(b"a,b\n1,2\n", Format::Csv, "e"),
            Err(ReadError::NoHeadings { .. })
        ));
        assert!(matches!(
            read(b"PK\x03\x04garbage", Format::Xlsx, "g"),
            Err(ReadError::NotASpreadsheet(_))
        ));
        assert!(matches!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0", Format::Csv, "g"),
            Err(ReadError::Binary)
        ));
    }
}
