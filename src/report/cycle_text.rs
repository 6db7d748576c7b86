//! The cycle check as a table, and reminders (催办) as text ready to paste into a message.

use super::cycle::{CycleDept, CycleReport};
use super::text::{Align, columns};
use crate::domain::Timeliness;
use crate::i18n::{self, Lang, report as words};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn render_table(r: &CycleReport, lang: Lang) -> String {
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
            .filter(|o| o.period == *c && o.timeliness == Timeliness::Pending)
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
        return out;
    }
    out.push('\n');
    out.push_str(&words::owed_heading(lang));
    out.push('\n');
    for d in owing {
        out.push_str(&format!("{}\n", d.name));
        for o in d
            .owed
            .iter()
            .filter(|o| o.timeliness != Timeliness::Pending)
        {
            let mut line = format!(
                "  {}  {}  {}  {}",
                o.period,
                words::timeliness(lang, o.timeliness),
                i18n::role(lang, o.task.role),
                words::task_label(lang, &o.task.number, &o.task.title)
            );
            if let (Timeliness::Late, Some(on)) = (o.timeliness, o.reported_on) {
                line.push_str(&format!("  {}", words::reported_on(lang, &day(on))));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn deadline_text(t: &super::cycle::TaskRef) -> String {
    match t.deadline_text.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() && !text.starts_with("每") && text != "长期" => {
            text.to_string()
        }
        _ => day(t.deadline),
    }
}

/// One reminder per department with a missing report (漏报: its due day has passed) or a red
/// task; departments in list order. Late reports are made and not chased, and a report not due
/// yet is never asked for. Empty when there is no one to remind.
pub fn reminders(r: &CycleReport, lang: Lang) -> Vec<(String, String)> {
    let rule = words::remind_rule(lang, r.settings.kind, r.settings.due_day);
    let plan = words::the_plan(lang, &r.plans);
    let mut out = Vec::new();
    for d in &r.departments {
        let owed: Vec<_> = d
            .owed
            .iter()
            .filter(|o| o.timeliness == Timeliness::Missing)
            .collect();
        if owed.is_empty() && d.red.is_empty() {
            continue;
        }
        let w = words::remind_words(lang, &d.name, &plan, &day(r.as_of), &rule);
        let mut text = format!("{}\n{}\n", w.greeting, w.intro);
        let numbers = ["一", "二"];
        let mut part = 0;
        if !owed.is_empty() {
            text.push_str(&section_head(lang, numbers[part], w.owed));
            part += 1;
            for (i, o) in owed.iter().enumerate() {
                let line = words::remind_owed_line(
                    lang,
                    &words::task_label(lang, &o.task.number, &o.task.title),
                    i18n::role(lang, o.task.role),
                    &deadline_text(&o.task),
                    &words::period(lang, o.period),
                    words::timeliness(lang, o.timeliness),
                );
                text.push_str(&format!("{}. {line}\n", i + 1));
            }
        }
        if !d.red.is_empty() {
            text.push_str(&section_head(lang, numbers[part], w.red));
            for (i, item) in d.red.iter().enumerate() {
                let line = words::remind_red_line(
                    lang,
                    &words::task_label(lang, &item.task.number, &item.task.title),
                    i18n::role(lang, item.task.role),
                    &deadline_text(&item.task),
                    item.task.percent.value(),
                    &i18n::reason(lang, item.reason),
                );
                text.push_str(&format!("{}. {line}\n", i + 1));
            }
        }
        text.push_str(w.closing);
        text.push('\n');
        out.push((d.name.clone(), text));
    }
    out
}

fn section_head(lang: Lang, n: &str, title: &str) -> String {
    match lang {
        Lang::Zh => format!("{n}、{title}:\n"),
        Lang::En => format!("{title}:\n"),
    }
}
