//! The import preview: a line of counts, the parsed tasks (or the units), and the selected one's
//! detail: its section, its units marked new or existing, its deadline, and any doubt about it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::layout;
use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, shown_offset, title_line, wrap};
use crate::domain::Role;
use crate::i18n::{self, preview as t};
use crate::report::import::units_line;
use crate::report::text::{Align, width};
use crate::tui::import::{ImportPreview, PreviewPane, UnitLine};
use crate::tui::state::State;

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    let Some(p) = &state.import else {
        return;
    };
    let lang = state.session.lang;
    let (counts, list, detail) = layout::preview_panes(body, p.detail_extra());
    let d = &p.draft;
    let close = p.units.new.iter().filter(|u| !u.close.is_empty()).count();
    let line = t::counts(
        lang,
        &t::Counts {
            tasks: d.tasks.len(),
            kept: p.kept(),
            sections: d.sections.len(),
            indicators: d.indicators.len(),
            new_units: p.units.new.len(),
            close,
            doubts: p.doubts().count(),
        },
    );
    let style = if close > 0 || p.doubts().next().is_some() {
        theme.warn()
    } else {
        theme.plain()
    };
    put(
        buf,
        counts,
        0,
        &Line::from(Span::styled(cut(&line, usize::from(counts.width)), style)),
    );
    match p.pane {
        PreviewPane::Tasks => {
            tasks(buf, list, p, state, theme);
            task_detail(buf, detail, p, state, theme);
        }
        PreviewPane::Units => {
            units(buf, list, p, state, theme);
            unit_detail(buf, detail, p, state, theme);
        }
    }
}

fn tasks(buf: &mut Buffer, area: Rect, p: &ImportPreview, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    let title = title_line(
        &format!("{}《{}》", w.title, p.draft.title),
        &[format!("{} — {}", p.draft.starts_on, p.draft.ends_on)],
        theme.title(),
        theme.muted(),
        total,
    );
    let contents = if p.draft.tasks.is_empty() {
        Contents::Empty(w.no_tasks)
    } else {
        Contents::Rows
    };
    let Some(rows) = pane(buf, area, title, contents, "", theme.muted()) else {
        return;
    };
    let number_w = p
        .draft
        .tasks
        .iter()
        .map(|t| width(&t.number))
        .max()
        .unwrap_or(2)
        .clamp(2, 8);
    let deadline_w = 12;
    let rest = total.saturating_sub(2 + number_w + 1 + deadline_w + 2);
    let units_w = (rest * 2 / 5).clamp(8, 30);
    let title_w = rest.saturating_sub(units_w + 1);
    let offset = shown_offset(p.task, p.task_offset, usize::from(rows.height));
    let end = p.draft.tasks.len().min(offset + usize::from(rows.height));
    for k in offset..end {
        let task = &p.draft.tasks[k];
        let dropped = p.dropped[k];
        let mark = if dropped { "✖ " } else { "  " };
        let units = if task.units.is_empty() {
            format!("({})", w.no_unit)
        } else {
            units_line(task)
        };
        let deadline = task
            .deadline
            .as_ref()
            .map(|d| {
                i18n::tui::deadline_kind_word(lang, d.kind)
                    .map_or_else(|| d.text.clone(), str::to_string)
            })
            .unwrap_or_else(|| w.plan_end.to_string());
        let text = format!(
            "{mark}{} {} {} {}",
            cell(&task.number, number_w, Align::Left),
            cell(&task.title, title_w, Align::Left),
            cell(&units, units_w, Align::Left),
            cell(&deadline, deadline_w, Align::Left),
        );
        let style = match (k == p.task, dropped) {
            (true, _) => theme.selected(),
            (false, true) => theme.muted(),
            (false, false) if task.units.is_empty() => theme.warn(),
            _ => theme.plain(),
        };
        put(
            buf,
            rows,
            (k - offset) as u16,
            &Line::from(Span::styled(cut(&text, total), style)),
        );
    }
}

fn task_detail(buf: &mut Buffer, area: Rect, p: &ImportPreview, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    if !rule(buf, area, theme) {
        return;
    }
    let Some(task) = p.draft.tasks.get(p.task) else {
        return;
    };
    let label = |s: &str| Span::styled(format!("{s} "), theme.heading());
    let section = task
        .section
        .map(|i| p.draft.section_path(i))
        .unwrap_or_default();
    let mut lines = vec![Line::from(vec![
        label(w.section),
        Span::raw(format!("{section}  ({})", t::line(lang, task.line))),
    ])];
    let mut units = vec![label(w.units)];
    if task.units.is_empty() {
        units.push(Span::styled(w.no_unit_long, theme.warn()));
    }
    for (i, u) in task.units.iter().enumerate() {
        if i > 0 {
            units.push(Span::raw("、"));
        }
        let star = if u.role == Role::Lead { "*" } else { "" };
        units.push(Span::raw(format!("{star}{}", u.name)));
        if p.is_new(&u.name) {
            units.push(Span::styled(format!("({})", w.new_mark), theme.warn()));
        }
    }
    lines.push(Line::from(units));
    let deadline = match &task.deadline {
        Some(d) => match d.date {
            Some(date) => format!("{} ({date})", d.text),
            None => match i18n::tui::deadline_kind_word(lang, d.kind) {
                Some(word) => format!("{word} · {} ({})", d.text, w.plan_end),
                None => format!("{} ({})", d.text, w.plan_end),
            },
        },
        None => format!("{} ({})", w.plan_end, p.draft.ends_on),
    };
    lines.push(Line::from(vec![label(w.deadline), Span::raw(deadline)]));
    if let Some(kp) = &task.project {
        let facts = t::key_project(lang, kp.owner.as_deref(), kp.investment, kp.year_plan);
        lines.push(Line::from(vec![label(w.project), Span::raw(facts)]));
    }
    if !task.milestones.is_empty() {
        lines.push(Line::from(Span::raw(
            crate::report::import::milestones_line(lang, task),
        )));
    }
    if let Some(doubt) = p.doubts().find(|d| d.line == task.line) {
        lines.push(Line::from(vec![
            label(w.doubt),
            Span::styled(i18n::doubt(lang, doubt.kind), theme.warn()),
        ]));
    } else if p.dropped[p.task] {
        lines.push(Line::from(Span::styled(w.dropped, theme.muted())));
    }
    for (i, line) in lines.iter().enumerate() {
        put(buf, area, 1 + i as u16, &clip(line, total));
    }
}

fn units(buf: &mut Buffer, area: Rect, p: &ImportPreview, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    let title = title_line(
        w.units_title,
        &[t::units_counts(
            lang,
            p.units.new.len(),
            p.units.existing.len(),
        )],
        theme.title(),
        theme.muted(),
        total,
    );
    let contents = if p.unit_lines() == 0 {
        Contents::Empty(w.no_units)
    } else {
        Contents::Rows
    };
    let Some(rows) = pane(buf, area, title, contents, "", theme.muted()) else {
        return;
    };
    let offset = shown_offset(p.unit, p.unit_offset, usize::from(rows.height));
    let end = p.unit_lines().min(offset + usize::from(rows.height));
    for k in offset..end {
        let (text, plain) = match p.unit_line(k) {
            Some(UnitLine::New { name, close: [] }) => (
                format!("{} {name}", cell(w.new_mark, 4, Align::Left)),
                theme.plain(),
            ),
            Some(UnitLine::New { name, close }) => (
                format!(
                    "{} {}  ~ {}",
                    cell(w.new_mark, 4, Align::Left),
                    cell(name, 20, Align::Left),
                    close.join("、")
                ),
                theme.warn(),
            ),
            Some(UnitLine::Existing { name, department }) if name == department => (
                format!("{} {name}", cell(w.existing_mark, 4, Align::Left)),
                theme.muted(),
            ),
            Some(UnitLine::Existing { name, department }) => (
                format!(
                    "{} {} → {department}",
                    cell(w.existing_mark, 4, Align::Left),
                    cell(name, 20, Align::Left)
                ),
                theme.muted(),
            ),
            None => continue,
        };
        let style = if k == p.unit { theme.selected() } else { plain };
        put(
            buf,
            rows,
            (k - offset) as u16,
            &Line::from(Span::styled(cut(&text, total), style)),
        );
    }
}

fn unit_detail(buf: &mut Buffer, area: Rect, p: &ImportPreview, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    if !rule(buf, area, theme) {
        return;
    }
    let Some(line) = p.unit_line(p.unit) else {
        return;
    };
    let (name, what) = match line {
        UnitLine::New { name, close: [] } => (name, t::will_create(lang, name)),
        UnitLine::New { name, close } => (name, t::close_hint(lang, name, close)),
        UnitLine::Existing { name, department } => (name, t::matched(lang, name, department)),
    };
    let used = p.tasks_naming(name);
    // The hint may take two rows (English at 80 columns); the tasks that use the name follow.
    let mut lines: Vec<Line<'static>> = wrap(Line::from(what), total).into_iter().take(2).collect();
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", w.used_by), theme.heading()),
        Span::raw(used.join(", ")),
    ]));
    for (i, line) in lines.iter().enumerate() {
        put(buf, area, 1 + i as u16, &clip(line, total));
    }
}

/// The line between the list and the detail; false when there is no room for the detail.
fn rule(buf: &mut Buffer, area: Rect, theme: Theme) -> bool {
    if area.height == 0 {
        return false;
    }
    let line = "─".repeat(usize::from(area.width));
    put(buf, area, 0, &Line::from(Span::styled(line, theme.muted())));
    true
}

/// A line cut to `w` columns, span by span.
fn clip(line: &Line<'_>, w: usize) -> Line<'static> {
    let mut left = w;
    let mut spans = Vec::new();
    for s in &line.spans {
        if left == 0 {
            break;
        }
        let text = cut(&s.content, left);
        left = left.saturating_sub(width(&text));
        spans.push(Span::styled(text, s.style));
    }
    Line::from(spans)
}
