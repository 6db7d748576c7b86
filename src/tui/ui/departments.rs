//! The departments view: departments with their completion, and the selected one's tasks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{
    self, Contents, bar, cell, deadline_cell, fill, percent_text, put, title_line,
    title_line_ranked,
};
use crate::domain::Light;
use crate::i18n::{self, tui as t};
use crate::report::text::{Align, width};
use crate::tui::state::{Pane, State};

fn toggles(state: &State) -> Vec<String> {
    let w = t::words(state.session.lang);
    let mut facts = Vec::new();
    if state.only_alert {
        facts.push(w.only_alert.to_string());
    }
    if state.only_mine {
        facts.push(w.only_mine.to_string());
    }
    facts
}

fn filter_fact(state: &State, slot: usize) -> String {
    let text = &state.filters[slot];
    if text.is_empty() {
        String::new()
    } else {
        format!("{}: {text}", t::words(state.session.lang).filter)
    }
}

/// The mark of assignments not yet reported this period; the pane's title explains it.
pub const UNREPORTED: char = '○';

pub fn draw_departments(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let pane = &state.depts;
    let focused = state.pane == Pane::Departments;
    // By importance: what the list holds and how it is narrowed, then what its ○ means; the
    // sort order (which `s` shows by reordering) gives way first at 80 columns.
    let mut facts = vec![
        (t::count_of(lang, pane.shown.len(), pane.items.len()), 4),
        (t::sort_name(lang, state.sort.index()).to_string(), 1),
        (filter_fact(state, 0), 3),
    ];
    facts.extend(toggles(state).into_iter().map(|f| (f, 3)));
    if !state.unreported.is_empty() {
        facts.push((crate::i18n::report::unreported_legend(lang).to_string(), 2));
    }
    let title_style = if focused {
        theme.title()
    } else {
        theme.heading()
    };
    // One column short of the pane: the tasks pane's title starts right after it, and the two
    // must not read as one ("○ not reported 区经信局").
    let title = title_line_ranked(
        w.departments,
        &facts,
        title_style,
        theme.muted(),
        usize::from(area.width).saturating_sub(1),
    );
    let contents = if !pane.loaded {
        Contents::Loading
    } else if pane.items.is_empty() {
        // A new file: say how to fill it rather than blame a filter.
        Contents::Empty(crate::i18n::preview::words(state.session.lang).empty_database)
    } else if pane.shown.is_empty() {
        Contents::Empty(w.no_match)
    } else {
        Contents::Rows
    };
    let Some(rows) = widgets::pane(buf, area, title, contents, w.loading, theme.muted()) else {
        return;
    };
    let total = usize::from(area.width);
    // name │ bar │ pct │ ✖red ▲yellow
    // "○3": assignments that owe this period's report (once the cycle check has run). At 80
    // columns the bar gives way to it, so that names stay readable.
    let owing = !state.unreported.is_empty();
    let bar_w = match (total >= 40, owing) {
        (true, _) => 8,
        (false, false) => 4,
        (false, true) => 0,
    };
    let counts_w = if owing { 11 } else { 7 };
    let name_w = total.saturating_sub(bar_w + 4 + counts_w + 3).max(4);
    for (y, &i) in pane
        .shown
        .iter()
        .skip(pane.offset)
        .take(usize::from(rows.height))
        .enumerate()
    {
        let d = &pane.items[i];
        let r = &d.rollup;
        let pct = r.avg_percent();
        let selected = pane.offset + y == pane.selected;
        let mut counts = Vec::new();
        if r.red > 0 {
            counts.push(Span::styled(
                format!("{}{}", Light::Red.glyph(), r.red),
                theme.light(Some(Light::Red)),
            ));
        }
        if r.yellow > 0 {
            counts.push(Span::styled(
                format!("{}{}", Light::Yellow.glyph(), r.yellow),
                theme.light(Some(Light::Yellow)),
            ));
        }
        if let Some(n) = state.unreported.get(&d.id) {
            counts.push(Span::styled(format!("{UNREPORTED}{n}"), theme.warn()));
        }
        let count_text: usize = counts.iter().map(|s| width(&s.content)).sum();
        let mut spans = vec![
            Span::raw(cell(&d.name, name_w, Align::Left)),
            Span::raw(" "),
            Span::styled(
                bar(pct.unwrap_or(0.0), bar_w),
                if pct.is_some() {
                    theme.ok()
                } else {
                    theme.muted()
                },
            ),
            Span::raw(cell(&percent_text(pct), 5, Align::Right)),
            Span::raw(" "),
        ];
        spans.extend(counts);
        spans.push(Span::raw(" ".repeat(counts_w.saturating_sub(count_text))));
        let y = y as u16;
        put(buf, rows, y, &Line::from(spans));
        if selected {
            fill(
                buf,
                rows,
                y,
                if focused {
                    theme.selected()
                } else {
                    theme.selected_unfocused()
                },
            );
        }
    }
}

pub fn draw_tasks(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let pane = &state.dept_tasks;
    let focused = state.pane == Pane::Tasks;
    let title = match state.depts.selected_item() {
        Some(d) => d.name.clone(),
        None => w.tasks.to_string(),
    };
    let facts = vec![
        t::count_of(lang, pane.shown.len(), pane.items.len()),
        filter_fact(state, 1),
    ];
    let title_style = if focused {
        theme.title()
    } else {
        theme.heading()
    };
    let title = title_line(
        &title,
        &facts,
        title_style,
        theme.muted(),
        usize::from(area.width),
    );
    let contents = if !pane.loaded {
        Contents::Loading
    } else if pane.items.is_empty() {
        Contents::Empty(w.nothing)
    } else if pane.shown.is_empty() {
        Contents::Empty(w.no_match)
    } else {
        Contents::Rows
    };
    let Some(rows) = widgets::pane(buf, area, title, contents, w.loading, theme.muted()) else {
        return;
    };
    let total = usize::from(area.width);
    let number_of =
        |row: &crate::store::TaskRow| super::plans::number(state, row.plan_id, &row.number);
    let number_w = pane
        .shown
        .iter()
        .map(|&i| width(&number_of(&pane.items[i].row)))
        .max()
        .unwrap_or(2)
        .clamp(2, 8 + state.plan_label_width());
    let role_w = 4;
    let deadline_w = 10;
    let fixed = number_w + 1 + 1 + role_w + 1 + deadline_w + 1 + 4 + 1 + 1;
    // The bar (and the space after it) goes first when titles get too short.
    let mut bar_w = if total >= 70 { 7 } else { 4 };
    if total < fixed + bar_w + 14 {
        bar_w = 0;
    }
    let title_w = total.saturating_sub(fixed + bar_w).max(4);
    for (y, &i) in pane
        .shown
        .iter()
        .skip(pane.offset)
        .take(usize::from(rows.height))
        .enumerate()
    {
        let item = &pane.items[i];
        let selected = pane.offset + y == pane.selected;
        let (role, pct, light) = match item.share {
            Some(s) => (
                i18n::role(lang, s.role),
                f64::from(s.percent.value()),
                Some(s.assessment.light),
            ),
            None => (
                "",
                item.completion.unwrap_or(0.0),
                item.assessment.map(|a| a.light),
            ),
        };
        let done =
            light == Some(Light::Done) || item.closing_state() == crate::domain::Closing::Closed;
        let deadline = deadline_cell(
            lang,
            item.row.schedule,
            item.row.deadline.is_some(),
            item.row.deadline_text.as_deref(),
            done,
            state.session.today,
        );
        let deadline = super::extension::deadline(state, item, deadline, deadline_w);
        let overdue = !done && item.row.schedule.deadline < state.session.today;
        let mut spans = vec![
            Span::styled(
                cell(&number_of(&item.row), number_w, Align::Left),
                theme.muted(),
            ),
            Span::raw(" "),
            Span::raw(cell(
                &widgets::row_title(
                    &super::notice::title(item, &item.row.title),
                    state.marks.contains(&item.row.id),
                    state.has_draft(item.row.id),
                ),
                title_w,
                Align::Left,
            )),
            Span::raw(" "),
            Span::raw(cell(role, role_w, Align::Left)),
            Span::raw(" "),
            Span::styled(
                cell(&deadline, deadline_w, Align::Left),
                if overdue {
                    theme.alert()
                } else {
                    theme.plain()
                },
            ),
            Span::raw(" "),
        ];
        if bar_w > 0 {
            spans.push(Span::styled(bar(pct, bar_w - 1), theme.ok()));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(cell(&percent_text(Some(pct)), 4, Align::Right)));
        spans.push(Span::raw(" "));
        spans.push(super::task_list::light_span(item, light, theme));
        let y = y as u16;
        put(buf, rows, y, &Line::from(spans));
        if selected {
            fill(
                buf,
                rows,
                y,
                if focused {
                    theme.selected()
                } else {
                    theme.selected_unfocused()
                },
            );
        }
    }
}
