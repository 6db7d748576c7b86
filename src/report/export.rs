//! `duban export xlsx|csv`: the task list in the layout offices keep (序号, 任务, 牵头单位, 配合单位,
//! 完成时限, 进展情况, 完成率, 存在问题, 下一步计划, 备注), one worksheet per plan, or one CSV.
//!
//! Made to come back: `duban import xlsx|csv` reads the same file, and a file exported and imported
//! unchanged changes nothing. So the title row names the plan and the export time, every row ends
//! with 基于版本, the newest report it shows (the importer refuses a row that would overwrite a
//! report made after it, by this stamp even when the title row is edited away), the deadline is
//! written as the plan's words, and a department's sheet has a 填报单位 column saying whose
//! figures the rows are.
//!
//! Rows stream from the store straight into the file: the xlsx worksheets use `rust_xlsxwriter`'s
//! constant-memory mode (a row is written to a temporary file as soon as it is complete), so
//! 100,000 tasks take no more memory than ten.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

pub use super::export_error::ExportError;
use super::export_project::{Extra, MilestoneSheet, ProjectColumns};
use super::xlsx_cell::fit;
use crate::domain::sheet::{Column, LAYOUT, SheetTask, sheet_name};
use crate::domain::{ReportNote, Role};
use crate::import::sheet::exported_at_text;
use crate::store::{Db, Plan, StoreError};

/// What to export.
#[derive(Debug, Clone)]
pub struct Export {
    /// A department's own sheet: its tasks, its percent and notes, and a 填报单位 column.
    pub department: Option<(i64, String)>,
    /// Written in the title row; the importer compares reports with it.
    pub at: DateTime<Utc>,
    /// Only this plan's tasks (`--plan`): its sheet alone, as a file with that plan only.
    pub plan: Option<i64>,
    /// The local day of the export: key projects' year and figures, milestones' states.
    pub today: NaiveDate,
}

/// The plans an export covers, in id order.
fn plans_of(db: &Db, export: &Export) -> Result<Vec<Plan>, StoreError> {
    let mut plans = db.plans()?;
    plans.retain(|p| export.plan.is_none_or(|id| id == p.id));
    Ok(plans)
}

/// What was written: sheets (1 for a CSV) and task rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub sheets: usize,
    pub tasks: usize,
}

/// A sheet's title when it holds several plans (a CSV of a file with more than one).
const GENERIC_TITLE: &str = "任务推进情况表";

/// The columns of a sheet: the layout, 填报单位 after 完成时限 for a department, 计划 first in a
/// CSV of several plans.
fn columns(department: bool, plan: bool) -> Vec<Column> {
    let mut cols = Vec::with_capacity(LAYOUT.len() + 2);
    if plan {
        cols.push(Column::Plan);
    }
    for c in LAYOUT {
        cols.push(c);
        if c == Column::Deadline && department {
            cols.push(Column::Reporter);
        }
    }
    cols
}

/// One row's cells as text, and the percent as 0..=100 (`None`: a task with no unit).
struct RowText {
    cells: Vec<String>,
    percent: Option<f64>,
    /// Key projects' cells after the layout's (`export_project`).
    extra: Vec<Extra>,
}

fn row_text(task: &SheetTask, plan_title: &str, cols: &[Column], export: &Export) -> RowText {
    let reporter = export.department.as_ref().map(|d| d.0);
    let shown = task.shown(reporter);
    let note = ReportNote::parse(shown.note);
    let names = |role: Role| {
        task.units
            .iter()
            .filter(|u| u.role == role)
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let cells = cols
        .iter()
        .map(|c| match c {
            Column::Plan => plan_title.to_string(),
            Column::Number => task.number.clone(),
            Column::Task => task.title.clone(),
            Column::Lead => names(Role::Lead),
            Column::Co => names(Role::Co),
            Column::Units => String::new(),
            Column::Deadline => task.deadline_cell(),
            Column::Reporter => export
                .department
                .as_ref()
                .map(|d| d.1.clone())
                .unwrap_or_default(),
            Column::Progress => note.progress.trim().to_string(),
            Column::Percent => shown.percent.map(percent_text).unwrap_or_default(),
            Column::Problems => note.problems.trim().to_string(),
            Column::Next => note.next.trim().to_string(),
            Column::Remark => String::new(),
            Column::Stamp => task.basis(reporter).to_string(),
        })
        .collect();
    RowText {
        cells,
        percent: shown.percent,
        extra: Vec::new(),
    }
}

/// 60 -> "60%", 62.5 -> "62.5%", 33.333… -> "33.33%": close enough that the importer reads it as
/// unchanged (it allows a hundredth of a point), and a whole number for every unit's own figure.
fn percent_text(p: f64) -> String {
    format!("{}%", (p * 100.0).round() / 100.0)
}

/// Writes the CSV: UTF-8 with a BOM (Excel on Chinese Windows reads UTF-8 only with it), a title
/// row, the headings, a row per task.
pub fn write_csv(db: &Db, export: &Export, out: &mut dyn Write) -> Result<Exported, ExportError> {
    let plans = plans_of(db, export)?;
    let several = plans.len() > 1;
    let cols = columns(export.department.is_some(), several);
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let title = match plans.as_slice() {
        [one] => one.title.as_str(),
        _ => GENERIC_TITLE,
    };
    let mut title_row = vec![String::new(); cols.len()];
    title_row[0] = title.to_string();
    if let Some(last) = title_row.last_mut() {
        *last = exported_at_text(export.at);
    }
    w.write_record(&title_row).map_err(csv_error)?;
    let extra = ProjectColumns::read(db, export.today, export.plan)?;
    let extra_heads = extra.as_ref().map(|x| x.heads(true)).unwrap_or_default();
    w.write_record(cols.iter().map(|c| c.heading()).chain(extra_heads))
        .map_err(csv_error)?;
    let mut tasks = 0;
    let plan_title = |id: i64| {
        plans
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.as_str())
            .unwrap_or_default()
    };
    // A failed write (a full disk) is the file's error, not the store's: kept here, the stream
    // stopped.
    let mut failure: Option<std::io::Error> = None;
    let read = db.for_each_sheet_task(export.department.as_ref().map(|d| d.0), |task| {
        if export.plan.is_some_and(|id| id != task.plan_id) {
            return Ok(());
        }
        let mut row = row_text(&task, plan_title(task.plan_id), &cols, export);
        if let Some(x) = &extra {
            row.cells
                .extend(x.cells(task.id, true).iter().map(Extra::text));
        }
        if let Err(e) = w.write_record(&row.cells) {
            failure = Some(csv_io(e));
            return Err(StoreError::Refused("export stopped".into()));
        }
        tasks += 1;
        Ok(())
    });
    if let Some(e) = failure {
        return Err(ExportError::Io(e));
    }
    read?;
    w.flush()?;
    Ok(Exported { sheets: 1, tasks })
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn csv_error(e: csv::Error) -> ExportError {
    ExportError::Io(csv_io(e))
}

/// Excel's column width is in widths of "0" in the default font; a Chinese character (two
/// display columns) is a little over two of them in Excel's fallback font.
const UNITS_PER_COLUMN: f64 = 1.1;
/// Room for the cell's margins.
const PADDING: f64 = 1.5;
/// Points per line of wrapped text (Excel's default row is 15).
pub(super) const LINE_HEIGHT: f64 = 15.0;
/// Rows read before the column widths are decided: a plan's rows are fitted exactly, a huge sheet
/// by its first rows (later rows wrap), and memory stays bounded.
const SAMPLE_ROWS: usize = 500;

pub(super) fn excel_width(display: usize) -> f64 {
    display as f64 * UNITS_PER_COLUMN + PADDING
}

/// Each column's width: fitted to its widest cell (by display width, the longest line of a
/// multi-line cell), between a floor and a cap; text beyond the cap wraps.
fn width_limits(c: Column) -> (usize, usize) {
    match c {
        Column::Number => (4, 10),
        Column::Task => (16, 44),
        Column::Lead | Column::Co | Column::Units => (8, 24),
        Column::Deadline => (8, 16),
        Column::Reporter => (8, 16),
        Column::Progress | Column::Problems | Column::Next => (8, 36),
        Column::Percent => (6, 6),
        Column::Remark => (8, 12),
        Column::Plan => (8, 30),
        Column::Stamp => (6, 10),
    }
}

/// How many lines `text` takes in a column `width` units wide, wrapping by display width.
pub(super) fn lines_in(text: &str, width: f64) -> usize {
    let room = ((width - PADDING) / UNITS_PER_COLUMN).max(1.0);
    // No character is wider on screen than its UTF-8 bytes (wide ones take three or four): a
    // line that short fits without measuring, as most cells of a 100,000-task list do.
    if text.len() as f64 <= room && !text.contains(['\n', '\r']) {
        return 1;
    }
    text.lines()
        .map(|l| ((l.width() as f64) / room).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

struct Formats {
    title: Format,
    stamp: Format,
    heading: Format,
    wrap: Format,
    center: Format,
    percent: Format,
    amount: Format,
    rate: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            stamp: Format::new()
                .set_font_size(9)
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::Bottom),
            heading: super::xlsx_cell::heading_format(),
            wrap: cell.clone(),
            center: cell.clone().set_align(FormatAlign::Center),
            percent: cell
                .clone()
                .set_num_format("0%")
                .set_align(FormatAlign::Center),
            amount: cell.clone().set_num_format("#,##0.00"),
            rate: cell.set_num_format("0.0%").set_align(FormatAlign::Center),
        }
    }
}

/// One worksheet being written. Rows wait in `pending` until the column widths are decided (at
/// `SAMPLE_ROWS` or the sheet's end): a row's height depends on them, and in constant-memory mode
/// a row cannot be changed once the next is written.
struct SheetWriter {
    sheet: Worksheet,
    widest: Vec<usize>,
    pending: Vec<RowText>,
    widths: Option<Vec<f64>>,
    next_row: u32,
    /// Key projects' columns after the layout's.
    extra: usize,
}

impl SheetWriter {
    fn push(
        &mut self,
        row: RowText,
        cols: &[Column],
        formats: &Formats,
    ) -> Result<(), ExportError> {
        if self.widths.is_some() {
            return self.write(&row, cols, formats);
        }
        for (slot, text) in self.widest.iter_mut().zip(&row.cells) {
            *slot = (*slot).max(text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
        }
        self.pending.push(row);
        if self.pending.len() >= SAMPLE_ROWS {
            self.settle(cols, formats)?;
        }
        Ok(())
    }

    /// Decides the widths and writes the rows read so far.
    fn settle(&mut self, cols: &[Column], formats: &Formats) -> Result<(), ExportError> {
        let widths: Vec<f64> = cols
            .iter()
            .zip(&self.widest)
            .map(|(c, w)| {
                let (floor, cap) = width_limits(*c);
                excel_width((*w).clamp(floor, cap))
            })
            .collect();
        for (i, w) in widths.iter().enumerate() {
            self.sheet.set_column_width(i as u16, *w)?;
        }
        self.widths = Some(widths);
        for row in std::mem::take(&mut self.pending) {
            self.write(&row, cols, formats)?;
        }
        Ok(())
    }

    fn write(
        &mut self,
        row: &RowText,
        cols: &[Column],
        formats: &Formats,
    ) -> Result<(), ExportError> {
        let r = self.next_row;
        let widths = self.widths.as_deref().unwrap_or_default();
        let lines = row
            .cells
            .iter()
            .zip(widths)
            .map(|(text, w)| lines_in(text, *w))
            .max()
            .unwrap_or(1);
        // Excel and LibreOffice do not grow a row for wrapped text unless asked to on opening;
        // the height is set so a printed sheet shows every line.
        if lines > 1 {
            self.sheet
                .set_row_height(r, lines as f64 * LINE_HEIGHT + 3.0)?;
        }
        for (i, (c, text)) in cols.iter().zip(&row.cells).enumerate() {
            let col = i as u16;
            let sheet = &mut self.sheet;
            match c {
                Column::Percent => match row.percent {
                    Some(p) => {
                        sheet.write_number_with_format(r, col, p / 100.0, &formats.percent)?;
                    }
                    None => {
                        sheet.write_blank(r, col, &formats.percent)?;
                    }
                },
                // A plain number is written as one, so Excel sorts it and does not flag "number
                // stored as text"; "(二)3" stays text.
                Column::Stamp => {
                    let n: f64 = text.parse().unwrap_or_default();
                    sheet.write_number_with_format(r, col, n, &formats.center)?;
                }
                Column::Number
                    if !text.is_empty()
                        && text.len() <= 9
                        && text.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    let n: f64 = text.parse().unwrap_or_default();
                    sheet.write_number_with_format(r, col, n, &formats.center)?;
                }
                _ => {
                    let format = match c {
                        Column::Number | Column::Deadline | Column::Reporter => &formats.center,
                        _ => &formats.wrap,
                    };
                    if text.is_empty() {
                        sheet.write_blank(r, col, format)?;
                    } else {
                        sheet.write_string_with_format(r, col, fit(text), format)?;
                    }
                }
            }
        }
        let (text, amount, rate) = (&formats.wrap, &formats.amount, &formats.rate);
        let at = (r, cols.len() as u16);
        Extra::write_all(&mut self.sheet, at, &row.extra, [text, amount, rate])?;
        self.next_row += 1;
        Ok(())
    }

    fn finish(
        mut self,
        book: &mut Workbook,
        cols: &[Column],
        formats: &Formats,
    ) -> Result<(), ExportError> {
        if self.widths.is_none() {
            self.settle(cols, formats)?;
        }
        let last_row = self.next_row.saturating_sub(1).max(1);
        self.sheet
            .autofilter(1, 0, last_row, (cols.len() + self.extra - 1) as u16)?;
        book.push_worksheet(self.sheet);
        Ok(())
    }
}

/// Writes the xlsx workbook: a worksheet per plan (with a department, only the plans it has tasks
/// in), each with a title row, frozen and filtered headings, and a row per task.
pub fn write_xlsx(db: &Db, export: &Export) -> Result<(Workbook, Exported), ExportError> {
    let plans = plans_of(db, export)?;
    let cols = columns(export.department.is_some(), false);
    let formats = Formats::new();
    let extra = ProjectColumns::read(db, export.today, export.plan)?;
    let extra_cols = extra.as_ref();
    let mut milestones = MilestoneSheet::default();
    let mut book = Workbook::new();
    super::book_save::made_at(&mut book, export.at);
    // Compressing the sheet's XML is most of the time at 100,000 tasks; level 3 takes about 0.7
    // of the default's time for a file about 6% larger.
    book.set_zip_compression_level(3);
    let mut names: Vec<String> = Vec::new();
    let mut current: Option<(i64, SheetWriter)> = None;
    let mut next_plan = 0usize;
    let mut tasks = 0usize;
    let mut sheets = 0usize;
    let open = |book: &mut Workbook,
                names: &mut Vec<String>,
                plan: &Plan|
     -> Result<SheetWriter, ExportError> {
        let name = sheet_name(&plan.title, names);
        names.push(name.clone());
        start_sheet(
            book,
            &name,
            &plan.title,
            &cols,
            extra_cols,
            &formats,
            export.at,
        )
    };
    // This thread reads the tasks; a second one makes their cells (`two_stage`).
    let department = export.department.as_ref().map(|d| d.0);
    super::two_stage::walk(
        |each| db.for_each_sheet_task(department, |task| each(&mut Some(task))),
        |task: &mut Option<SheetTask>| -> Result<(), ExportError> {
            let Some(task) = task.take() else {
                return Ok(());
            };
            if export.plan.is_some_and(|id| id != task.plan_id) {
                return Ok(());
            }
            if current.as_ref().is_none_or(|(id, _)| *id != task.plan_id) {
                if let Some((_, w)) = current.take() {
                    w.finish(&mut book, &cols, &formats)?;
                    sheets += 1;
                }
                // Sheets come in plan order; without a department every plan gets one, even a
                // plan with no task.
                while let Some(plan) = plans.get(next_plan) {
                    next_plan += 1;
                    if plan.id == task.plan_id {
                        break;
                    }
                    if export.department.is_none() {
                        open(&mut book, &mut names, plan)?.finish(&mut book, &cols, &formats)?;
                        sheets += 1;
                    }
                }
                let plan = plans
                    .iter()
                    .find(|p| p.id == task.plan_id)
                    .ok_or_else(|| StoreError::NotFound(format!("plan {}", task.plan_id)))?;
                current = Some((task.plan_id, open(&mut book, &mut names, plan)?));
            }
            if let Some((_, w)) = current.as_mut() {
                let mut row = row_text(&task, "", &cols, export);
                if let Some(x) = &extra {
                    row.extra = x.cells(task.id, false);
                    let plan = (plans.len() > 1)
                        .then(|| plans.iter().find(|p| p.id == task.plan_id))
                        .flatten()
                        .map(|p| p.title.as_str());
                    x.see(&task, plan, &mut milestones);
                }
                w.push(row, &cols, &formats)?;
                tasks += 1;
            }
            Ok(())
        },
    )?;
    if let Some((_, w)) = current.take() {
        w.finish(&mut book, &cols, &formats)?;
        sheets += 1;
    }
    if export.department.is_none() {
        for plan in plans.iter().skip(next_plan) {
            open(&mut book, &mut names, plan)?.finish(&mut book, &cols, &formats)?;
            sheets += 1;
        }
    }
    if sheets == 0 {
        // An xlsx needs a worksheet: the headings alone, under the department's name or the
        // generic title.
        let title = export
            .department
            .as_ref()
            .map_or(GENERIC_TITLE, |d| d.1.as_str());
        start_sheet(
            &mut book,
            &sheet_name(title, &[]),
            title,
            &cols,
            extra_cols,
            &formats,
            export.at,
        )?
        .finish(&mut book, &cols, &formats)?;
        sheets = 1;
    }
    if !milestones.is_empty() {
        milestones.write(&mut book, &names, plans.len() > 1)?;
    }
    Ok((book, Exported { sheets, tasks }))
}

fn start_sheet(
    book: &mut Workbook,
    name: &str,
    title: &str,
    cols: &[Column],
    extra: Option<&ProjectColumns>,
    formats: &Formats,
    at: DateTime<Utc>,
) -> Result<SheetWriter, ExportError> {
    let mut sheet = book.new_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    let last = (cols.len() - 1) as u16;
    // Title: the plan (the importer finds the plan by it) over all but the last three columns,
    // and the export time over those three (备注 and 基于版本 are narrow), where it has room.
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(0, 0, 0, last - 3, &fit(title), &formats.title)?;
    sheet.merge_range(0, last - 2, 0, last, &exported_at_text(at), &formats.stamp)?;
    sheet.set_row_height(1, 22)?;
    for (i, c) in cols.iter().enumerate() {
        sheet.write_string_with_format(1, i as u16, c.heading(), &formats.heading)?;
    }
    let extra = match extra {
        Some(x) => x.write_heads(&mut sheet, cols.len() as u16, &formats.heading)?,
        None => 0,
    };
    sheet.set_freeze_panes(2, 0)?;
    // For print: A4 landscape, one page wide, the title and headings on every page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 1)?;
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    let widest = cols.iter().map(|c| c.heading().width()).collect();
    Ok(SheetWriter {
        sheet,
        widest,
        pending: Vec::new(),
        widths: None,
        next_row: 2,
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_fits_without_measuring_as_when_measured() {
        // The measured count, as `lines_in` had it before its shortcut.
        let measured = |text: &str, width: f64| -> usize {
            let room = ((width - PADDING) / UNITS_PER_COLUMN).max(1.0);
            text.lines()
                .map(|l| ((l.width() as f64) / room).ceil().max(1.0) as usize)
                .sum::<usize>()
                .max(1)
        };
        let texts = [
            "",
            "1",
            "区经信局 80%",
            "落实高新技术企业培育工作",
            "a\nb",
            "第一行\r\n第二行",
            "❤️👍🏽",
            "é́",
            "\u{1b}[31m",
            "Ｆｕｌｌｗｉｄｔｈ",
            "tab\there",
        ];
        for text in texts {
            for display in 1..60 {
                let width = excel_width(display);
                assert_eq!(
                    lines_in(text, width),
                    measured(text, width),
                    "{text:?} in {display}"
                );
            }
        }
    }

    #[test]
    fn columns_by_kind_of_sheet() {
        assert_eq!(columns(false, false), LAYOUT.to_vec());
        let dept = columns(true, false);
        assert_eq!(dept[5], Column::Reporter);
        assert_eq!(dept[4], Column::Deadline);
        assert_eq!(columns(false, true)[0], Column::Plan);
    }

    #[test]
    fn percents_as_text() {
        assert_eq!(percent_text(60.0), "60%");
        assert_eq!(percent_text(62.5), "62.5%");
        assert_eq!(percent_text(100.0), "100%");
        assert_eq!(percent_text(100.0 / 3.0), "33.33%");
    }
}
