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

/// The document. `fact`: the unit's part of the task when the notice was issued (`None`: the
/// unit is no longer found on the task); `office`: the issuing office (the setting, else the default words).
pub fn render_document(
    n: &Notice,
    fact: Option<&AssignmentFact>,
    office: &str,
    lang: Lang,
    offset: FixedOffset,
) -> String {
    let w = words::words(lang);
    let day = issue_day(n, offset).unwrap_or(n.reply_by);
    let office = if office.trim().is_empty() {
        words::default_office(lang)
    } else {
        office
    };
    let mut out = format!("# {}\n\n", words::title(lang, n.level));
    out.push_str(&format!(
        "**{}** · {}\n\n",
        cell(&n.number),
        words::tag(lang, n.level)
    ));
    out.push_str("| | |\n|---|---|\n");
    let mut row = |label: &str, value: &str| {
        out.push_str(&format!("| {label} | {} |\n", cell(value)));
    };
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
    row(w.to, &unit);
    row(w.task, &format!("{} {}", n.task.number, n.task.title));
    row(w.plan, &n.task.plan_title);
    if let Some(f) = fact {
        row(w.facts, &facts_text(lang, f, day));
    }
    row(w.reason, &n.reason);
    row(
        w.required,
        if n.required.is_empty() {
            w.none_required
        } else {
            &n.required
        },
    );
    row(w.reply_by, &long_date(lang, n.reply_by));
    if let Some((_, number)) = &n.follows {
        row(w.follows, number);
    }
    out.push_str(&format!("\n{}\n\n", w.reply_line));
    let colon = if lang.zh() { "：" } else { ": " };
    out.push_str(&format!("{}{colon}{}  \n", w.office, cell(office)));
    out.push_str(&format!("{}{colon}{}  \n", w.date, long_date(lang, day)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_keeps_typed_text_inside_it() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("一\n# 伪造标题"), "一<br># 伪造标题");
        assert_eq!(cell("<script>"), "&lt;script>");
    }
}
