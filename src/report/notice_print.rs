//! `duban notice print`: a 督办单 as a one-page Markdown document (the documents issue adds
//! .docx from the same fields). The facts are the unit's as they stood when the notice was
//! issued, so a notice printed again later says what it said then.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::domain::{AssignmentFact, Role, expected_progress};
use crate::i18n::{self, Lang, notice as words};
use crate::store::Notice;

/// The day a notice was issued, in local time.
pub fn issue_day(n: &Notice, offset: FixedOffset) -> Option<NaiveDate> {
    n.at.parse::<DateTime<Utc>>()
        .ok()
        .map(|t| t.with_timezone(&offset).date_naive())
}

/// A stored text in a Markdown table cell: its pipes escaped, its lines kept apart with
/// `<br>`, so nothing typed can end the cell or start a heading of its own.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .lines()
        .collect::<Vec<_>>()
        .join("<br>")
}

fn long_date(lang: Lang, d: NaiveDate) -> String {
    if lang.zh() {
        d.format("%Y年%-m月%-d日").to_string()
    } else {
        d.format("%-d %B %Y").to_string()
    }
}

/// The progress facts: the unit's role and percent, the expected progress on the day of issue
/// and the deadline.
fn facts_text(lang: Lang, fact: &AssignmentFact, day: NaiveDate) -> String {
    let expected = expected_progress(fact.schedule, day);
    let role = i18n::role(lang, fact.role);
    let deadline = fact.schedule.deadline;
    if lang.zh() {
        format!(
            "{role}单位进度 {}%,序时进度 {}%,完成期限 {deadline}",
            fact.percent.value(),
            expected.value()
        )
    } else {
        format!(
            "{role} unit at {}%, expected {}% by schedule, deadline {deadline}",
            fact.percent.value(),
            expected.value()
        )
    }
}

/// What a printed notice says, in order: shared by the Markdown and the Word forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub title: String,
    pub number: String,
    pub tag: String,
    /// The level in words (the tag without its letter, for print).
    pub level: String,
    /// (label, value) rows of the table.
    pub rows: Vec<(&'static str, String)>,
    pub reply_line: &'static str,
    pub office_label: &'static str,
    pub office: String,
    pub date_label: &'static str,
    pub day: NaiveDate,
}

/// The notice's fields. `fact`: the unit's part of the task when the notice was issued (`None`:
/// the unit is no longer found on the task); `office`: the issuing office (the setting, else the
/// default words).
pub fn sheet(
    n: &Notice,
    fact: Option<&AssignmentFact>,
    office: &str,
    lang: Lang,
    offset: FixedOffset,
) -> Sheet {
    let w = words::words(lang);
    let day = issue_day(n, offset).unwrap_or(n.reply_by);
    let office = if office.trim().is_empty() {
        words::default_office(lang)
    } else {
        office
    };
    let mut rows = Vec::new();
    let unit = match fact.map(|f| f.role) {
        Some(role @ (Role::Lead | Role::Co)) => {
            let r = i18n::role(lang, role);
            if lang.zh() {
                format!("{}({r}单位)", n.department)
            } else {
                format!("{} ({r} unit)", n.department)
            }
        }
        None => n.department.clone(),
    };
    rows.push((w.to, unit));
    rows.push((w.task, format!("{} {}", n.task.number, n.task.title)));
    rows.push((w.plan, n.task.plan_title.clone()));
    if let Some(f) = fact {
        rows.push((w.facts, facts_text(lang, f, day)));
    }
    rows.push((w.reason, n.reason.clone()));
    rows.push((
        w.required,
        if n.required.is_empty() {
            w.none_required.to_string()
        } else {
            n.required.clone()
        },
    ));
    rows.push((w.reply_by, long_date(lang, n.reply_by)));
    if let Some((_, number)) = &n.follows {
        rows.push((w.follows, number.clone()));
    }
    Sheet {
        title: words::title(lang, n.level).to_string(),
        number: n.number.clone(),
        tag: words::tag(lang, n.level).to_string(),
        level: words::level(lang, n.level).to_string(),
        rows,
        reply_line: w.reply_line,
        office_label: w.office,
        office: office.to_string(),
        date_label: w.date,
        day,
    }
}

/// The document as Markdown.
pub fn render_document(
    n: &Notice,
    fact: Option<&AssignmentFact>,
    office: &str,
    lang: Lang,
    offset: FixedOffset,
) -> String {
    let s = sheet(n, fact, office, lang, offset);
    let mut out = format!("# {}\n\n", s.title);
    out.push_str(&format!("**{}** · {}\n\n", cell(&s.number), s.tag));
    out.push_str("| | |\n|---|---|\n");
    for (label, value) in &s.rows {
        out.push_str(&format!("| {label} | {} |\n", cell(value)));
    }
    out.push_str(&format!("\n{}\n\n", s.reply_line));
    let colon = if lang.zh() { "：" } else { ": " };
    out.push_str(&format!("{}{colon}{}  \n", s.office_label, cell(&s.office)));
    out.push_str(&format!(
        "{}{colon}{}  \n",
        s.date_label,
        long_date(lang, s.day)
    ));
    out
}

/// `text` with its ISO dates (2025-12-31) written out (2025年12月31日): in print a date is
/// words, and a hyphenated one breaks at the line's end.
fn long_dates(lang: Lang, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match tail
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(d) if !tail[10..].starts_with(|c: char| c.is_ascii_digit()) => {
                out.push_str(&long_date(lang, d));
                rest = &tail[10..];
            }
            _ => {
                let n = tail
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(tail.len());
                out.push_str(&tail[..n]);
                rest = &tail[n..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The document in the official layout (`duban notice print N -o X.docx`), one page: the 红头
/// with the office and the notice's number, the title, the table, the reply line, the
/// signature.
pub fn document_docx(s: &Sheet, lang: Lang) -> docx_rs::Docx {
    use super::docx::{
        SANHAO, SUBHEADING_FONT, TEXT_WIDTH, blank, body, centred, letterhead, right, title,
    };
    let mut doc = super::docx::document(lang.zh());
    for p in letterhead(&s.office, &s.number) {
        doc = doc.add_paragraph(p);
    }
    doc = doc
        .add_paragraph(title(&s.title))
        .add_paragraph(centred(&s.level, SUBHEADING_FONT, SANHAO))
        .add_paragraph(blank());
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|(l, v)| vec![l.to_string(), long_dates(lang, v)])
        .collect();
    let label = 1900;
    doc = doc.add_table(super::docx::form_table(&rows, &[label, TEXT_WIDTH - label]));
    // The Markdown's reply line names the command; a printed notice does not.
    doc.add_paragraph(blank())
        .add_paragraph(body(&crate::i18n::circular_doc::notice_reply_line(lang)))
        .add_paragraph(blank())
        .add_paragraph(right(&s.office, 4))
        .add_paragraph(right(&long_date(lang, s.day), 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_dates_are_words() {
        assert_eq!(
            long_dates(Lang::Zh, "完成期限 2025-12-31,编号 12345678901"),
            "完成期限 2025年12月31日,编号 12345678901"
        );
        assert_eq!(
            long_dates(Lang::En, "due 2026-01-05."),
            "due 5 January 2026."
        );
        assert_eq!(long_dates(Lang::Zh, "2025-13-01"), "2025-13-01");
    }

    #[test]
    fn a_cell_keeps_typed_text_inside_it() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("一\n# 伪造标题"), "一<br># 伪造标题");
        assert_eq!(cell("<script>"), "&lt;script>");
    }
}
