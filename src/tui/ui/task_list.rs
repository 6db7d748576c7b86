//! The tasks view (grouped by section) and the deadlines view (grouped by when they fall due).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{
    self, Contents, bar, cell, cut, deadline_cell, fill, percent_text, put, title_line,
};
use crate::domain::{Closing, Light, Role};
use crate::i18n::{self, tui as t};
use crate::report::text::Align;
use crate::tui::state::{Entry, Group, State, TaskItem, View};

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let Some(list) = state.list() else {
        return;
    };
    let name = if state.view == View::Deadlines {
        w.deadlines
    } else {
        w.tasks
    };
    let mut facts = vec![t::count_of(lang, list.keys.len(), list.all.len())];
    if !state.filter().is_empty() {
        facts.push(format!("{}: {}", w.filter, state.filter()));
    }
    if state.only_alert {
        facts.push(w.only_alert.into());
    }
    if state.only_mine {
        facts.push(w.only_mine.into());
    }
    let title = title_line(
        name,
        &facts,
        theme.title(),
        theme.muted(),
        usize::from(area.width),
    );
    let contents = if !list.loaded {
        Contents::Loading
    } else if list.all.is_empty() && state.filter().is_empty() {
        Contents::Empty(w.nothing)
    } else if list.entries.is_empty() {
        Contents::Empty(w.no_match)
    } else {
        Contents::Rows
    };
    let Some(rows) = widgets::pane(buf, area, title, contents, w.loading, theme.muted()) else {
        return;
    };
    let total = usize::from(area.width);
    // A plan's short label goes before the number when several plans are shown.
    let label_w = state.plan_label_width();
    let number_w = 6 + if label_w > 0 { label_w + 1 } else { 0 };
    let deadline_w = 10;
    let units_w = (total / 5).clamp(8, 24);
    let bar_w = if total >= 100 { 8 } else { 4 };
    let fixed = number_w + 1 + 1 + units_w + 1 + deadline_w + 1 + bar_w + 4 + 1 + 1;
    let title_w = total.saturating_sub(fixed).max(6);
    let today = state.session.today;
    for (y, entry) in list
        .entries
        .iter()
        .skip(list.offset)
        .take(usize::from(rows.height))
        .enumerate()
    {
        let y16 = y as u16;
        match *entry {
            Entry::Group(g) => {
                let label = match g {
                    Group::Section(id) => {
                        let section = match id {
                            Some(id) => state.sections.get(&id).cloned().unwrap_or_default(),
                            None => w.no_section.to_string(),
                        };
                        // The plan of the task under the heading, when several are shown.
                        let plan = match list.entries.get(list.offset + y + 1) {
                            Some(Entry::Task(i)) => state.plan_label(list.keys[*i].plan_id),
                            _ => None,
                        };
                        match plan {
                            Some(label) => format!("{label} {section}"),
                            None => section,
                        }
                    }
                    Group::Bucket(b) => t::bucket(lang, b as usize).to_string(),
                    Group::Unit(id) => super::wall::unit_name(state, id),
                };
                let style = match g {
                    Group::Bucket(crate::tui::state::Bucket::Overdue) => {
                        theme.alert().add_modifier(ratatui::style::Modifier::BOLD)
                    }
                    _ => theme.heading(),
                };
                put(
                    buf,
                    rows,
                    y16,
                    &Line::from(Span::styled(cut(&format!("▸ {label}"), total), style)),
                );
            }
            Entry::Task(i) => {
                let key = &list.keys[i];
                let selected = list.offset + y == list.selected;
                let Some(item) = list.rows.get(&key.id) else {
                    put(
                        buf,
                        rows,
                        y16,
                        &Line::from(Span::styled(w.loading, theme.muted())),
                    );
                    if selected {
                        fill(buf, rows, y16, theme.selected());
                    }
                    continue;
                };
                let light = item.assessment.map(|a| a.light);
                let done = light == Some(Light::Done) || item.closing_state() == Closing::Closed;
                let leads: Vec<&str> = item
                    .row
                    .units
                    .iter()
                    .filter(|u| u.role == Role::Lead)
                    .map(|u| u.name.as_str())
                    .collect();
                let units = if item.row.units.is_empty() {
                    i18n::unassigned(lang).to_string()
                } else if leads.is_empty() {
                    item.row
                        .units
                        .iter()
                        .map(|u| u.name.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                } else {
                    leads.join("、")
                };
                let deadline = deadline_cell(
                    lang,
                    item.row.schedule,
                    item.row.deadline.is_some(),
                    item.row.deadline_text.as_deref(),
                    done,
                    today,
                );
                let deadline = super::extension::deadline(state, item, deadline, deadline_w);
                let overdue = !done && item.row.schedule.deadline < today;
                let line = Line::from(vec![
                    Span::styled(
                        cell(
                            &super::plans::number(state, item.row.plan_id, &item.row.number),
                            number_w,
                            Align::Left,
                        ),
                        theme.muted(),
                    ),
                    Span::raw(" "),
                    Span::raw(cell(
                        &widgets::row_title(
                            &super::notice::title(item, &item.row.title),
                            state.marks.contains(&key.id),
                            state.has_draft(key.id),
                        ),
                        title_w,
                        Align::Left,
                    )),
                    Span::raw(" "),
                    Span::styled(
                        cell(&units, units_w, Align::Left),
                        if item.row.units.is_empty() {
                            theme.warn()
                        } else {
                            theme.plain()
                        },
                    ),
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
                    Span::styled(bar(item.completion.unwrap_or(0.0), bar_w - 1), theme.ok()),
                    Span::raw(" "),
                    Span::raw(cell(&percent_text(item.completion), 4, Align::Right)),
                    Span::raw(" "),
                    light_span(item, light, theme),
                ]);
                put(buf, rows, y16, &line);
                if selected {
                    fill(buf, rows, y16, theme.selected());
                }
            }
        }
    }
}

/// The row's last column: where the task stands in closing (◇ 待审核, ■ 已办结, ↺ 已退回) in
/// place of the light, else the light (`·` with no units). Glyphs that tell it without colour.
pub(super) fn light_span(item: &TaskItem, light: Option<Light>, theme: Theme) -> Span<'static> {
    let closing = item.closing_state();
    match closing {
        Closing::Open => Span::styled(
            light
                .map(|l| l.glyph().to_string())
                .unwrap_or_else(|| "·".into()),
            theme.light(light),
        ),
        Closing::Closed => Span::styled(i18n::closing::glyph(closing), theme.ok()),
        Closing::Pending => Span::styled(i18n::closing::glyph(closing), theme.warn()),
        Closing::Returned => Span::styled(i18n::closing::glyph(closing), theme.alert()),
    }
}
