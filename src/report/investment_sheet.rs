//! Key projects' investment in the circular's xlsx (a sheet of its own, after the others) and
//! docx (a small table under 一、总体情况): the same rows as the Markdown.

use docx_rs::{Docx, Paragraph};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::docx::{Align, BODY_FONT, SUBHEADING_FONT, WUHAO, centred, run, table};
use super::export::excel_width;
use super::investment::{Investment, Sum};
use super::investment_text::rows;
use super::xlsx_cell::fit;
use crate::i18n::{Lang, csv as csv_words, investment as words};

/// Amounts with two places at most ("18,000", "9,000.5" shows as 9,000.50).
const AMOUNT: &str = "#,##0.00";

/// The circular's investment sheet: the title and as-of line as the other sheets have them, the
/// caption, the table (amounts and rates as numbers, so they sum and sort), and the footnote.
pub fn circular_sheet(
    book: &mut Workbook,
    inv: &Investment,
    title: &str,
    stamp: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let text = cell.clone().set_text_wrap();
    let amount = cell.clone().set_num_format(AMOUNT);
    let rate = cell.clone().set_num_format("0.0%");
    let int = cell.clone().set_align(FormatAlign::Center);
    let dash = cell.clone().set_align(FormatAlign::Center);
    let bold = text.clone().set_bold();
    let heading = super::xlsx_cell::heading_format();
    let note = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let head = words::columns(lang);
    let name = words::sheet_name(lang);
    let mut s = Worksheet::new();
    s.set_name(name)?;
    let widest = inv
        .departments
        .iter()
        .map(|d| d.name.width())
        .chain([head[0].width(), 8])
        .max()
        .unwrap_or(8)
        .min(26);
    let widths = [excel_width(widest), 10.0, 16.0, 16.0, 10.0];
    for (i, w) in widths.iter().enumerate() {
        s.set_column_width(i as u16, *w)?;
    }
    let total_width: f64 = widths.iter().sum();
    let big = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let small = Format::new()
        .set_font_size(10)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let lines = |t: &str, size: f64| {
        let room = (total_width * 11.0 / size).max(1.0);
        (excel_width(t.width()) / room).ceil().max(1.0)
    };
    let sheet_title = format!("{title}:{name}");
    s.set_row_height(0, 24.0 * lines(&sheet_title, 16.0) + 6.0)?;
    s.merge_range(0, 0, 0, 4, &fit(&sheet_title), &big)?;
    s.set_row_height(1, 14.0 * lines(stamp, 10.0) + 2.0)?;
    s.merge_range(1, 0, 1, 4, &fit(stamp), &small)?;
    s.merge_range(2, 0, 2, 4, &fit(&words::caption(lang, inv.year)), &note)?;
    for (i, h) in head.iter().enumerate() {
        s.write_string_with_format(3, i as u16, *h, &heading)?;
    }
    let mut row = 4u32;
    let mut line = |s: &mut Worksheet, name: &str, sum: &Sum, total: bool| {
        let first = if total { &bold } else { &text };
        s.write_string_with_format(row, 0, &*fit(name), first)?;
        s.write_number_with_format(row, 1, sum.projects, &int)?;
        s.write_number_with_format(row, 2, sum.planned, &amount)?;
        s.write_number_with_format(row, 3, sum.completed, &amount)?;
        match sum.rate() {
            Some(r) => s.write_number_with_format(row, 4, r / 100.0, &rate)?,
            None => s.write_string_with_format(row, 4, "—", &dash)?,
        };
        row += 1;
        Ok::<(), XlsxError>(())
    };
    for d in &inv.departments {
        line(&mut s, &d.name, &d.sum, false)?;
    }
    line(&mut s, csv_words::total(lang), &inv.total, true)?;
    let foot = words::footnote(lang);
    let foot_row = row + 1;
    s.set_row_height(foot_row, 15.0 * lines(foot, 11.0) + 3.0)?;
    s.merge_range(foot_row, 0, foot_row, 4, foot, &note)?;
    s.set_landscape();
    s.set_paper_size(9);
    s.set_print_fit_to_pages(1, 0);
    s.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    s.set_print_center_horizontally(true);
    book.push_worksheet(s);
    Ok(())
}

/// Twips of the docx table's columns, summing to the type area (8844).
const WIDTHS: [usize; 5] = [2844, 1300, 1700, 1700, 1300];

/// The docx's table under 一、总体情况: its caption, the rows, and the footnote in small type.
pub fn docx_table(doc: Docx, inv: &Investment, lang: Lang) -> Docx {
    let head = words::columns(lang);
    let body: Vec<Vec<String>> = rows(inv, lang).into_iter().map(Vec::from).collect();
    let aligns = [
        Align::Left,
        Align::Centre,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    doc.add_paragraph(
        centred(&words::caption(lang, inv.year), SUBHEADING_FONT, WUHAO + 3)
            // Never alone at a page's foot: with the table's first row.
            .keep_next(true),
    )
    .add_table(table(&head, &body, &WIDTHS, &aligns))
    .add_paragraph(Paragraph::new().add_run(run(words::footnote(lang), BODY_FONT, WUHAO)))
}
