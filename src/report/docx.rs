//! Word documents in the official layout (党政机关公文格式, GB/T 9704 as offices apply it): A4,
//! 37/35/28/26 mm margins, 方正小标宋简体 titles, 黑体 first-level headings, 楷体 second-level
//! ones, 仿宋_GB2312 body in 三号 on a fixed 28-point line, page numbers "— 1 —" in the footer.
//! The fonts are named as offices have them; the font table says what each is (a Chinese serif, a
//! Chinese sans) so that a computer without them substitutes a like face rather than a Latin one.
//!
//! The same writer makes the 通报 (`circular_docx`) and the 督办单 (`notice_docx`).

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableAlignmentType, TableCell, TableLayoutType, TableRow, VAlignType,
    WidthType,
};

/// Body text: 仿宋_GB2312, Latin in Times New Roman.
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const HEADING_FONT: &str = "黑体";
pub const SUBHEADING_FONT: &str = "楷体_GB2312";
const LATIN_FONT: &str = "Times New Roman";

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
pub const ERHAO: usize = 44;
pub const SANHAO: usize = 32;
pub const SIHAO: usize = 28;
pub const WUHAO: usize = 21;

/// A4 in twentieths of a point, and the type area between the margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_LEFT: i32 = 1588;
const MARGIN_RIGHT: i32 = 1474;
pub const TEXT_WIDTH: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

/// 红头 red.
pub const RED: &str = "FF0000";

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .hint("eastAsia")
}

/// A run of `text` in `font` at `size`; line breaks in stored text stay line breaks.
pub fn run(text: &str, font: &str, size: usize) -> Run {
    let mut r = Run::new().fonts(fonts(font)).size(size);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(clean(line));
    }
    r
}

/// Stored text without the characters XML 1.0 cannot carry (a control character would make the
/// file unreadable in Word): tabs become spaces, the others go.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The fixed line of the body: 28 points.
fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

const BODY_LINE: i32 = 560;

/// Two characters of 三号: the first line's indent (Word reads the characters, LibreOffice the
/// twips; both are written).
const INDENT: i32 = 640;

/// A body paragraph: first line indented two characters, justified.
pub fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SANHAO))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .first_line_chars(200)
        .line_spacing(exact(BODY_LINE))
}

/// A body paragraph that begins with a second-level heading in 楷体 ("(一)…。"), the rest in
/// 仿宋.
pub fn body_led(lead: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(lead, SUBHEADING_FONT, SANHAO))
        .add_run(run(text, BODY_FONT, SANHAO))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .first_line_chars(200)
        .line_spacing(exact(BODY_LINE))
}

/// A first-level heading (一、…) in 黑体, indented as the body is, kept with what follows.
pub fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, HEADING_FONT, SANHAO))
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .first_line_chars(200)
        .line_spacing(exact(BODY_LINE))
        .keep_next(true)
}

/// The title: 方正小标宋简体 二号, centred, with a blank line's space after it.
pub fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, TITLE_FONT, ERHAO))
        .align(AlignmentType::Center)
        .line_spacing(exact(700).after(160))
}

pub fn centred(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size))
        .align(AlignmentType::Center)
        .line_spacing(exact(BODY_LINE))
}

/// Right-aligned, `chars` characters in from the margin (the signature and its date).
pub fn right(text: &str, chars: i32) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SANHAO))
        .align(AlignmentType::Right)
        .indent(None, None, Some(chars * INDENT / 2), None)
        .line_spacing(exact(BODY_LINE))
}

pub fn blank() -> Paragraph {
    Paragraph::new().line_spacing(exact(BODY_LINE))
}

/// The 红头: the office in red 方正小标宋, then the document's number centred above a red rule.
pub fn letterhead(office: &str, number: &str) -> Vec<Paragraph> {
    let office_line = Paragraph::new()
        .add_run(run(office, TITLE_FONT, 60).color(RED))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(400));
    let mut number_line = Paragraph::new()
        .add_run(run(number, BODY_FONT, SANHAO))
        .align(AlignmentType::Center)
        .line_spacing(exact(BODY_LINE).after(360));
    number_line.property = number_line.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(12)
                .space(8)
                .color(RED),
        ),
    );
    vec![office_line, number_line]
}

/// How a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A table in 五号: the head row in 黑体; `widths` in twentieths of a
/// point, summing to the type area.
pub fn table(head: &[&str], rows: &[Vec<String>], widths: &[usize], aligns: &[Align]) -> Table {
    let cell = |text: &str, font: &str, width: usize, align: Align| {
        let a = match align {
            Align::Left => AlignmentType::Left,
            Align::Centre => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
        };
        TableCell::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(text, font, WUHAO))
                    .align(a)
                    .line_spacing(
                        LineSpacing::new()
                            .line(260)
                            .line_rule(LineSpacingType::Auto),
                    ),
            )
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
    };
    let mut out = vec![
        TableRow::new(
            head.iter()
                .zip(widths)
                .map(|(h, &w)| cell(h, HEADING_FONT, w, Align::Centre))
                .collect(),
        )
        .cant_split(),
    ];
    for row in rows {
        out.push(
            TableRow::new(
                row.iter()
                    .zip(widths)
                    .zip(aligns)
                    .map(|((t, &w), &a)| cell(t, BODY_FONT, w, a))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A form: (label, value) rows, the label in 黑体 centred, the value in 仿宋 四号, each row at
/// least two lines high so that a printed form has room to read.
pub fn form_table(rows: &[Vec<String>], widths: &[usize; 2]) -> Table {
    let cell = |text: &str, font: &str, width: usize, align: AlignmentType| {
        TableCell::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(text, font, SIHAO))
                    .align(align)
                    .line_spacing(
                        LineSpacing::new()
                            .line(400)
                            .line_rule(LineSpacingType::AtLeast),
                    ),
            )
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
    };
    let rows = rows
        .iter()
        .map(|r| {
            TableRow::new(vec![
                cell(&r[0], HEADING_FONT, widths[0], AlignmentType::Center),
                cell(&r[1], BODY_FONT, widths[1], AlignmentType::Both),
            ])
            .row_height(600.0)
            .height_rule(docx_rs::HeightRule::AtLeast)
            .cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A new document: A4, the official margins, the page number centred in the footer ("— 1 —",
/// 宋体 四号 as GB/T 9704 has it).
pub fn document(lang_zh: bool) -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(run("— ", "宋体", SIHAO))
            .add_page_num(PageNum::new())
            .add_run(run(" —", "宋体", SIHAO))
            .size(SIHAO)
            .fonts(fonts("宋体"))
            .align(AlignmentType::Center),
    );
    let _ = lang_zh;
    Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(2098)
                .bottom(1984)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(SANHAO)
        .footer(footer)
}

/// The font table Word and LibreOffice read to substitute a missing font: each Chinese face with
/// its GB2312 charset, its family (roman: a serif like 宋体/仿宋; modern: a sans like 黑体) and
/// a common alternative name, so a computer without 仿宋_GB2312 shows 仿宋 rather than a
/// Latin face.
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"</w:fonts>"#
);

/// Each `table`'s head row marked to repeat at the top of every page the table runs onto
/// (`w:tblHeader`, which docx-rs does not write): a ranking split by a page break keeps its
/// column names. A head row is the first row of a table, written with `cantSplit` alone (the
/// form's rows carry a height and are left as they are).
fn repeat_heads(xml: &str) -> String {
    xml.replace(
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit /></w:trPr>",
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
    )
}

/// The document as the bytes of a .docx file: docx-rs's package with our font table in place
/// of its Latin-only one. The same document always gives the same bytes (no clock inside), so
/// the hash recorded when a circular is issued can be checked against the file.
pub fn pack(doc: Docx) -> std::io::Result<Vec<u8>> {
    let mut packed = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut packed)
        .map_err(std::io::Error::other)?;
    let mut archive =
        zip::ZipArchive::new(Cursor::new(packed.into_inner())).map_err(std::io::Error::other)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(std::io::Error::other)?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if name == "word/fontTable.xml" {
            bytes = FONT_TABLE.as_bytes().to_vec();
        } else if name == "word/document.xml" {
            bytes = repeat_heads(&String::from_utf8_lossy(&bytes)).into_bytes();
        }
        out.start_file(name, options)
            .map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}
