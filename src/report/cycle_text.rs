//! The cycle check as a table, and reminders (催办) as text ready to paste into a message.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use super::cycle::{CycleDept, CycleReport, TaskRef};
use super::text::{Align, columns};
use crate::domain::Timeliness;
use crate::i18n::{self, Lang, report as words};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The tallies, a note per period on what is not due yet, and every report not made on time by
/// department (most missing first): written as it is laid out, the list being as long as the
/// plan (250,000 lines at 100,000 tasks when nobody reported).
pub fn write_table(r: &CycleReport, lang: Lang, w: &mut impl Write) -> std::io::Result<()> {
    let mut out = words::cycle_title(
        lang,
        r.period,
        &day(r.as_of),
        r.settings.kind,
        r.settings.due_day,
    );
    out.push_str("\n\n");
    let mut rows: Vec<Vec<String>> = vec![
        words::cycle_columns(lang)
            .iter()
            .map(|s| s.to_string())
            .collect(),
    ];
    let mut shown: Vec<&CycleDept> = r
        .departments
        .iter()
        .filter(|d| d.tally.required > 0)
        .collect();
    // Most missing first: the list is for chasing.
    shown.sort_by(|a, b| {
        (b.tally.missing, b.tally.late)
            .cmp(&(a.tally.missing, a.tally.late))
            .then_with(|| a.name.cmp(&b.name))
    });
    for d in &shown {
        let t = d.tally;
        rows.push(vec![
            d.name.clone(),
            t.required.to_string(),
            t.on_time.to_string(),
            t.late.to_string(),
            t.missing.to_string(),
            t.pending.to_string(),
        ]);
    }
    let mut aligns = vec![Align::Left];
    aligns.extend([Align::Right; 5]);
    out.push_str(&columns(&rows, &aligns));
    // Not due yet is said once under the table, per period, not listed as owed: nobody is chased
    // for a report whose due day has not passed.
    for c in &r.cycles {
        let not_due: u32 = shown
            .iter()
            .flat_map(|d| &d.owed)
            .filter(|o| r.period_of(o) == *c && o.timeliness == Timeliness::Pending)
            .count() as u32;
        if not_due > 0 {
            out.push('\n');
            out.push_str(&words::not_due_note(
                lang,
                *c,
                &day(c.due_date(r.settings.due_day)),
                not_due,
            ));
            out.push('\n');
        }
    }
    let overdue = |d: &CycleDept| {
        d.owed
            .iter()
            .filter(|o| o.timeliness != Timeliness::Pending)
            .count()
    };
    let owing: Vec<&&CycleDept> = shown.iter().filter(|d| overdue(d) > 0).collect();
    if owing.is_empty() {
        out.push('\n');
        out.push_str(&words::all_reported(lang));
        out.push('\n');
        return w.write_all(out.as_bytes());
    }
    out.push('\n');
    out.push_str(&words::owed_heading(lang));
    out.push('\n');
    w.write_all(out.as_bytes())?;
    let mut line = String::new();
    for d in owing {
        line.clear();
        line.push_str(&d.name);
        line.push('\n');
        w.write_all(line.as_bytes())?;
        for o in d
            .owed
            .iter()
            .filter(|o| o.timeliness != Timeliness::Pending)
        {
            let task = r.tasks.get(o.task);
            line.clear();
            let _ = write!(
                line,
                "  {}  {}  {}  {}",
                r.period_of(o),
                words::timeliness(lang, o.timeliness),
                i18n::role(lang, o.role),
                words::task_label(lang, task.number, task.title)
            );
            if let (Timeliness::Late, Some(on)) = (o.timeliness, o.reported_on) {
                let _ = write!(line, "  {}", words::reported_on(lang, &day(on)));
            }
            line.push('\n');
            w.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

fn deadline_text<'a>(t: &TaskRef<'a>) -> Cow<'a, str> {
    match t.deadline_text.map(str::trim) {
        Some(text) if !text.is_empty() && !text.starts_with("每") && text != "长期" => {
            Cow::Borrowed(text)
        }
        _ => Cow::Owned(day(t.deadline)),
    }
}

/// Whether `write_reminders` has anyone to remind: a department with a missing report or a red
/// task.
pub fn anyone_to_remind(r: &CycleReport) -> bool {
    r.departments
        .iter()
        .any(|d| !d.red.is_empty() || d.owed.iter().any(|o| o.timeliness == Timeliness::Missing))
}

/// One reminder per department with a missing report (漏报: its due day has passed) or a red
/// task, `between` two of them; departments in list order. Late reports are made and not chased,
/// and a report not due yet is never asked for. Nothing when there is no one to remind. Each is
/// written when made (at 100,000 tasks they were 49 MB of text held at once).
pub fn write_reminders(
    r: &CycleReport,
    lang: Lang,
    between: &str,
    w: &mut impl Write,
) -> std::io::Result<()> {
    let rule = words::remind_rule(lang, r.settings.kind, r.settings.due_day);
    let plan = words::the_plan(lang, &r.plans);
    // Each period's name and each reason's words once, not once a line.
    let period_names: Vec<String> = r.cycles.iter().map(|c| words::period(lang, *c)).collect();
    let reasons: Vec<String> = r.reasons.iter().map(|x| i18n::reason(lang, *x)).collect();
    let mut first = true;
    let mut text = String::new();
    for d in &r.departments {
        let mut owed = d
            .owed
            .iter()
            .filter(|o| o.timeliness == Timeliness::Missing)
            .peekable();
        if owed.peek().is_none() && d.red.is_empty() {
            continue;
        }
        let say = words::remind_words(lang, &d.name, &plan, &day(r.as_of), &rule);
        text.clear();
        if !first {
            text.push_str(between);
        }
        first = false;
        let _ = write!(text, "{}\n{}\n", say.greeting, say.intro);
        let numbers = ["一", "二"];
        let mut part = 0;
        if owed.peek().is_some() {
            text.push_str(&section_head(lang, numbers[part], say.owed));
            part += 1;
            for (i, o) in owed.enumerate() {
                let task = r.tasks.get(o.task);
                let deadline = deadline_text(&task);
                let line = words::remind_owed_line(
                    lang,
                    words::task_label(lang, task.number, task.title),
                    i18n::role(lang, o.role),
                    &deadline,
                    period_names
                        .get(usize::from(o.cycle))
                        .map_or("", String::as_str),
                    words::timeliness(lang, o.timeliness),
                );
                let _ = writeln!(text, "{}. {line}", i + 1);
            }
        }
        if !d.red.is_empty() {
            text.push_str(&section_head(lang, numbers[part], say.red));
            for (i, item) in d.red.iter().enumerate() {
                let task = r.tasks.get(item.task);
                let deadline = deadline_text(&task);
                let line = words::remind_red_line(
                    lang,
                    words::task_label(lang, task.number, task.title),
                    i18n::role(lang, item.role),
                    &deadline,
                    item.percent.value(),
                    reasons.get(item.reason as usize).map_or("", String::as_str),
                );
                let _ = writeln!(text, "{}. {line}", i + 1);
            }
        }
        text.push_str(say.closing);
        text.push('\n');
        w.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn section_head(lang: Lang, n: &str, title: &str) -> String {
    match lang {
        Lang::Zh => format!("{n}、{title}:\n"),
        Lang::En => format!("{title}:\n"),
    }
}
