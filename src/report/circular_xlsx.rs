//! The circular as an xlsx workbook for printing: a sheet for the ranking (with the formula under
//! it), one for the red tasks, one for the full task list; each with a title row and the as-of
//! date, headings repeated on every page, A4 landscape, one page wide.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::circular::Circular;
use super::circular_rows::{Cell, ranking_rows, red_row, reporting_rows, task_row, unranked_names};
use super::export::{LINE_HEIGHT, excel_width, lines_in};
use crate::domain::ScorePreset;
use crate::i18n::{Lang, report as words};

struct Formats {
    title: Format,
    stamp: Format,
    heading: Format,
    text: Format,
    center: Format,
    int: Format,
    percent: Format,
    delta: Format,
    score: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
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
                .set_align(FormatAlign::Center),
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DDEBF7")
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center),
            int: cell.clone().set_align(FormatAlign::Center),
            percent: cell.clone().set_num_format("0.0%"),
            delta: cell.clone().set_num_format("+0.0;-0.0;0.0"),
            score: cell.set_num_format("0.00"),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Width caps per column kind, in display columns: long titles wrap.
fn cap(head: &str, sample: &Cell) -> usize {
    match sample {
        Cell::Text(_) if head.contains("任务") || head.contains("Task") => 40,
        Cell::Text(_) => 26,
        _ => 10,
    }
}

/// Where a table goes and how its text columns align.
struct Place<'a> {
    row: u32,
    /// The first column: a small table sits under a wider one, in its columns.
    col: u16,
    /// Text columns shown centred (codes, counts like 4/7); other text is left-aligned.
    centred: &'a [usize],
    /// Fit the columns to this table (the first table of a sheet); later ones keep the widths.
    fit: bool,
    /// The title and date line above must fit too (Excel units): a narrow table's first
    /// column takes what is missing, else the merged title is cut on the printed page.
    min_width: f64,
}

/// Room the sheet's title (16 pt) and date line (10 pt) need, in Excel units.
fn title_room(title: &str, stamp: &str) -> f64 {
    (excel_width(title.width()) * 16.0 / 11.0).max(excel_width(stamp.width()) * 10.0 / 11.0)
}

/// One table on a sheet; returns the next free row and the table's width in Excel units.
fn table(
    sheet: &mut Worksheet,
    f: &Formats,
    at: Place<'_>,
    head: &[&str],
    rows: &[Vec<Cell>],
    widths_now: &mut Vec<f64>,
) -> Result<u32, XlsxError> {
    let mut row = at.row;
    if at.fit {
        let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
        for r in rows {
            for (i, c) in r.iter().enumerate() {
                let w = c.text().width().min(cap(head[i], c));
                widths[i] = widths[i].max(w);
            }
        }
        *widths_now = widths.iter().map(|w| excel_width((*w).max(4))).collect();
        let missing = at.min_width - widths_now.iter().sum::<f64>();
        if missing > 0.0
            && let Some(first) = widths_now.first_mut()
        {
            *first += missing;
        }
        for (i, w) in widths_now.iter().enumerate() {
            sheet.set_column_width(at.col + i as u16, *w)?;
        }
    }
    let widths: Vec<f64> = (0..head.len())
        .map(|i| widths_now.get(at.col as usize + i).copied().unwrap_or(10.0))
        .collect();
    sheet.set_row_height(row, 22)?;
    for (i, h) in head.iter().enumerate() {
        sheet.write_string_with_format(row, at.col + i as u16, *h, &f.heading)?;
    }
    row += 1;
    for r in rows {
        let lines = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| lines_in(&c.text(), *w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(row, lines as f64 * LINE_HEIGHT + 3.0)?;
        }
        for (i, c) in r.iter().enumerate() {
            let col = at.col + i as u16;
            match c {
                Cell::Text(s) if at.centred.contains(&i) => {
                    sheet.write_string_with_format(row, col, s, &f.center)?
                }
                Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.text)?,
                Cell::Int(n) => sheet.write_number_with_format(row, col, *n, &f.int)?,
                Cell::Percent(Some(p)) => {
                    sheet.write_number_with_format(row, col, p / 100.0, &f.percent)?
                }
                Cell::Delta(Some(d)) => sheet.write_number_with_format(row, col, *d, &f.delta)?,
                Cell::Score(Some(s)) => sheet.write_number_with_format(row, col, *s, &f.score)?,
                Cell::Percent(None) | Cell::Delta(None) | Cell::Score(None) => {
                    sheet.write_string_with_format(row, col, "—", &f.center)?
                }
            };
        }
        row += 1;
    }
    Ok(row)
}

/// A sheet with its title (merged over the table's width), the as-of line and print settings.
fn sheet(
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
    sheet.merge_range(0, 0, 0, last, title, &f.title)?;
    sheet.merge_range(1, 0, 1, last, stamp, &f.stamp)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 2)?;
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C&P / &N");
    Ok((sheet, title_room(title, stamp)))
}

pub fn write_xlsx(c: &Circular, lang: Lang) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    // As in the task export: most of the time at 100,000 tasks is compression.
    book.set_zip_compression_level(3);
    let names = words::sheet_names(lang);
    let h = words::headings(lang);
    let title = words::circular_title(lang, c.period);
    let stamp = format!(
        "{}  {}",
        c.plans.join(";"),
        words::title_date(lang, &c.as_of.format("%Y-%m-%d").to_string())
    );

    // 1. Ranking, then who did not report, then the method.
    let head = words::ranking_columns(lang);
    let (mut s, room) = sheet(
        &mut book,
        &f,
        names[0],
        &title,
        &stamp,
        head.len() as u16,
        false,
    )?;
    let mut widths = Vec::new();
    let mut row = table(
        &mut s,
        &f,
        Place {
            row: 2,
            col: 0,
            centred: &[0, 1, 10],
            fit: true,
            min_width: room,
        },
        &head,
        &ranking_rows(lang, c),
        &mut widths,
    )?;
    let width: f64 = widths.iter().sum();
    let last = head.len() as u16 - 1;
    let note = |s: &mut Worksheet, row: &mut u32, text: &str| -> Result<(), XlsxError> {
        let lines = lines_in(text, width);
        s.set_row_height(*row, lines as f64 * LINE_HEIGHT + 3.0)?;
        s.merge_range(*row, 0, *row, last, text, &f.note)?;
        *row += 1;
        Ok(())
    };
    let unranked = unranked_names(c);
    if !unranked.is_empty() {
        note(
            &mut s,
            &mut row,
            &words::unranked(lang, &unranked.join("、")),
        )?;
    }
    row += 1;
    note(&mut s, &mut row, h.method)?;
    let formula = match c.rule.preset {
        ScorePreset::MinMax => {
            let weights: Vec<String> = c
                .rule
                .weights
                .iter()
                .map(|(m, w)| {
                    let (name, meaning) = words::metric_name(lang, *m);
                    format!("{name}({meaning}){}", super::circular_text::trim_number(*w))
                })
                .collect();
            format!("{} {}", words::min_max_formula(lang), weights.join(";"))
        }
        ScorePreset::Points => {
            let points: Vec<String> = c
                .rule
                .points
                .iter()
                .map(|(i, p)| format!("{} {p:+}", words::point_name(lang, *i)))
                .collect();
            format!("{} {}", words::points_formula(lang), points.join(";"))
        }
    };
    note(&mut s, &mut row, &formula)?;
    note(
        &mut s,
        &mut row,
        &words::cycle_rule(lang, c.cycle.kind, c.cycle.due_day),
    )?;
    note(&mut s, &mut row, &words::light_rule(lang, &c.thresholds))?;
    s.set_freeze_panes(3, 0)?;
    book.push_worksheet(s);

    // 2. Red tasks.
    let rows: Vec<Vec<Cell>> = c.red_tasks.iter().map(|t| red_row(lang, t)).collect();
    table_sheet(
        &mut book,
        &f,
        &title,
        &stamp,
        TableSheet {
            name: names[1],
            head: &words::red_columns(lang),
            rows: &rows,
            centred: &[0],
            streamed: false,
            empty: Some(words::no_red_tasks(lang)),
        },
    )?;

    // 3. Who did not report on time: a sheet of its own, so that the ranking's repeated headings
    // never stand over it on a printed page.
    table_sheet(
        &mut book,
        &f,
        &title,
        &stamp,
        TableSheet {
            name: names[3],
            head: &words::reporting_columns(lang),
            rows: &reporting_rows(c),
            centred: &[],
            streamed: false,
            empty: Some(words::everyone_reported(lang)),
        },
    )?;

    // 4. Every task, with filters: 100,000 rows are streamed.
    let rows: Vec<Vec<Cell>> = c.tasks.iter().map(|t| task_row(lang, t)).collect();
    table_sheet(
        &mut book,
        &f,
        &title,
        &stamp,
        TableSheet {
            name: names[2],
            head: &words::task_columns(lang),
            rows: &rows,
            centred: &[0, 6],
            streamed: true,
            empty: None,
        },
    )?;
    Ok(book)
}

/// A sheet that is one table under the title rows: the red tasks, the late reporters, the tasks.
struct TableSheet<'a> {
    name: &'a str,
    head: &'a [&'a str],
    rows: &'a [Vec<Cell>],
    centred: &'a [usize],
    /// Written row by row to a temporary file (the full task list), with filters on its head.
    streamed: bool,
    /// Said in place of the rows when there are none.
    empty: Option<String>,
}

fn table_sheet(
    book: &mut Workbook,
    f: &Formats,
    title: &str,
    stamp: &str,
    t: TableSheet<'_>,
) -> Result<(), XlsxError> {
    let columns = t.head.len() as u16;
    let (mut s, room) = sheet(
        book,
        f,
        t.name,
        &format!("{title}:{}", t.name),
        stamp,
        columns,
        t.streamed,
    )?;
    let place = Place {
        row: 2,
        col: 0,
        centred: t.centred,
        fit: true,
        min_width: room,
    };
    let end = table(&mut s, f, place, t.head, t.rows, &mut Vec::new())?;
    if let Some(note) = t.empty.filter(|_| t.rows.is_empty()) {
        s.merge_range(end, 0, end, columns - 1, &note, &f.note)?;
    }
    if t.streamed {
        s.autofilter(2, 0, end.saturating_sub(1).max(3), columns - 1)?;
    }
    s.set_freeze_panes(3, 0)?;
    book.push_worksheet(s);
    Ok(())
}
