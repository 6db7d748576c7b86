//! The 通报 as a Word document an office can send (`duban report --format docx`): the 红头 with
//! the office and the number, the title and date, 一、总体情况 (the narrative), 二、排名情况 (the
//! ranking table), 三、存在问题 (red tasks, who did not report), 四、下步要求 (a setting), the
//! signature, and the scoring rule as 附件. Every figure comes from the `Circular` the Markdown
//! and xlsx forms print.

use chrono::NaiveDate;
use docx_rs::{Docx, Paragraph};

use super::circular::Circular;
use super::circular_narrative::{RedList, overview_paragraphs, reporting_sentence};
use super::circular_rows::{Cell, ranking_rows, unranked_names};
use super::circular_text::trim_number;
use super::docx::{
    Align, HEADING_FONT, SANHAO, SUBHEADING_FONT, blank, body, body_led, centred, document,
    heading, letterhead, right, table, title,
};
use crate::domain::ScorePreset;
use crate::i18n::{Lang, circular_doc as words, report as report_words};

/// What the document says besides the figures: from the settings and the issuing.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading<'a> {
    /// The issuing office (`circular.office`; empty: the default words).
    pub office: &'a str,
    /// The number line: the number given by `--issue`, or the pattern with a blank.
    pub number: &'a str,
    /// 四、下步要求 (`circular.requirements`; empty: the default), one paragraph a line.
    pub requirements: &'a str,
    /// The date signed (成文日期): the day the document is made.
    pub dated: NaiveDate,
}

/// The ranking columns the document prints, of `report::ranking_columns`: rank, its change, the
/// department, led tasks, completion and its change, reports on time, score. The full table is
/// in the xlsx.
const RANKING: [usize; 8] = [0, 1, 2, 3, 4, 5, 10, 11];
// Twips, summing to the type area (8844): the score gets room for "100.00" on one line (at 800
// it broke as "91.2" over "1" in the rendered page).
const RANKING_WIDTHS: [usize; 8] = [700, 1100, 1844, 1100, 900, 900, 1100, 1200];

/// A line of 四、下步要求 or of the settings' text: a leading "(一)…。" is a second-level heading,
/// set in 楷体 like the others.
fn led_paragraph(line: &str) -> Paragraph {
    let line = line.trim();
    let led = line.starts_with('(') || line.starts_with('(');
    if let Some(end) = line.find('。').or_else(|| line.find(". ")).filter(|_| led) {
        let cut = end + line[end..].chars().next().map_or(0, char::len_utf8);
        return body_led(&line[..cut], &line[cut..]);
    }
    body(line)
}

pub fn circular_docx(c: &Circular, red: &RedList, head: &Heading<'_>, lang: Lang) -> Docx {
    let h = words::headings(lang);
    let office = if head.office.trim().is_empty() {
        words::default_office(lang)
    } else {
        head.office.trim()
    };
    let mut doc = document(lang.zh());
    for p in letterhead(office, head.number) {
        doc = doc.add_paragraph(p);
    }
    doc = doc
        .add_paragraph(title(&report_words::circular_title(lang, c.period)))
        .add_paragraph(centred(
            &words::as_of_line(lang, c.as_of),
            SUBHEADING_FONT,
            SANHAO,
        ))
        .add_paragraph(blank());

    doc = doc.add_paragraph(heading(h.overall));
    for p in overview_paragraphs(c, lang) {
        doc = doc.add_paragraph(body(&p));
    }
    if let Some(inv) = &c.investment {
        doc = super::investment_sheet::docx_table(doc, inv, lang);
    }

    doc = doc.add_paragraph(heading(h.ranking));
    let columns = report_words::ranking_columns(lang);
    let head_row: Vec<&str> = RANKING.iter().map(|&i| columns[i]).collect();
    let rows: Vec<Vec<String>> = ranking_rows(lang, c)
        .iter()
        .map(|r| RANKING.iter().map(|&i| r[i].text().into_owned()).collect())
        .collect();
    let aligns: Vec<Align> = RANKING
        .iter()
        .map(|&i| match i {
            2 => Align::Left,
            0 | 1 => Align::Centre,
            _ => Align::Right,
        })
        .collect();
    if rows.is_empty() {
        doc = doc.add_paragraph(body(&words::none_ranked(lang)));
    } else {
        doc = doc.add_paragraph(body(&words::ranking_intro(lang, c.rule.preset)));
        doc = doc.add_table(table(&head_row, &rows, &RANKING_WIDTHS, &aligns));
    }
    let unranked = unranked_names(c);
    if !unranked.is_empty() {
        doc = doc.add_paragraph(body(&report_words::unranked(lang, &unranked.join("、"))));
    }

    doc = doc.add_paragraph(heading(h.problems));
    if red.tasks.is_empty() {
        doc = doc.add_paragraph(body_led(h.red, &words::no_red(lang)));
    } else {
        doc = doc.add_paragraph(body_led(
            h.red,
            &words::red_intro(lang, red.tasks.len() + red.more),
        ));
        let rows: Vec<Vec<String>> = red
            .tasks
            .iter()
            .map(|t| {
                vec![
                    t.number.clone(),
                    t.title.clone(),
                    t.leads.clone(),
                    Cell::Percent(t.completion).text().into_owned(),
                    t.reason.clone(),
                ]
            })
            .collect();
        doc = doc.add_table(table(
            &words::red_columns(lang),
            &rows,
            &[800, 3044, 1700, 1100, 2200],
            &[
                Align::Centre,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
            ],
        ));
        if red.more > 0 {
            doc = doc.add_paragraph(body(&words::red_more(lang, red.more)));
        }
    }
    let reporting = reporting_sentence(c, lang).unwrap_or_else(|| words::everyone_reported(lang));
    doc = doc.add_paragraph(body_led(h.reporting, &reporting));

    doc = doc.add_paragraph(heading(h.requirements));
    let requirements = if head.requirements.trim().is_empty() {
        words::default_requirements(lang)
    } else {
        head.requirements
    };
    for line in requirements.lines().filter(|l| !l.trim().is_empty()) {
        doc = doc.add_paragraph(led_paragraph(line));
    }

    doc = doc
        .add_paragraph(blank())
        .add_paragraph(body(h.annex))
        .add_paragraph(blank())
        .add_paragraph(right(office, 6))
        .add_paragraph(right(&words::long_date(lang, head.dated), 4));

    annex(doc, c, lang)
}

/// 附件: the scoring rule, its weights or points, the cycle and the light rule, and the record's
/// check code, so that a department can check its own score and anyone the figures' source.
fn annex(mut doc: Docx, c: &Circular, lang: Lang) -> Docx {
    let h = words::headings(lang);
    let annex_word = if lang.zh() { "附件" } else { "Annex" };
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .add_run(super::docx::run(annex_word, HEADING_FONT, SANHAO))
                .page_break_before(true),
        )
        .add_paragraph(title(h.annex_title));
    match c.rule.preset {
        ScorePreset::MinMax => {
            doc = doc.add_paragraph(body(&report_words::min_max_formula(lang)));
            let rows: Vec<Vec<String>> = c
                .rule
                .weights
                .iter()
                .map(|(m, w)| {
                    let (name, meaning) = report_words::metric_name(lang, *m);
                    vec![name.to_string(), meaning.to_string(), trim_number(*w)]
                })
                .collect();
            doc = doc.add_table(table(
                &report_words::weight_columns(lang),
                &rows,
                &[1800, 5544, 1500],
                &[Align::Left, Align::Left, Align::Right],
            ));
        }
        ScorePreset::Points => {
            doc = doc.add_paragraph(body(&report_words::points_formula(lang)));
            let rows: Vec<Vec<String>> = c
                .rule
                .points
                .iter()
                .map(|(i, p)| {
                    vec![
                        report_words::point_name(lang, *i).to_string(),
                        format!("{p:+}"),
                    ]
                })
                .collect();
            doc = doc.add_table(table(
                &report_words::points_columns(lang),
                &rows,
                &[6844, 2000],
                &[Align::Left, Align::Right],
            ));
        }
    }
    let as_of = c.as_of.format("%Y-%m-%d").to_string();
    for p in [
        report_words::done_rule(lang, c.rule.done_requires_closing).to_string(),
        report_words::cycle_rule(lang, c.cycle.kind, c.cycle.due_day),
        report_words::light_rule(lang, &c.thresholds),
        crate::i18n::maintenance::code_line(lang, &c.code, &as_of),
    ] {
        doc = doc.add_paragraph(body(&p));
    }
    doc
}
