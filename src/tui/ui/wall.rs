//! View 7, the wall chart: the title with the grouping, zoom and span; the axis row (years on the
//! left, month / week / day labels, ▼ at today); then a row per task — its light, number and title
//! cut by display width, and its bar on the time axis (`tui::wall::timeline` lays it out).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::layout;
use super::task_list::light_span;
use super::theme::Theme;
use super::widgets::{self, cell, cut, fill, note, percent_text, put, title_line};
use crate::i18n::{self, tui as t, wall as ww};
use crate::report::text::{Align, width};
use crate::tui::state::{Entry, Group, State};
use crate::tui::wall::model::{self, WallGroup};
use crate::tui::wall::timeline::{self, Mark, Scale};

/// Columns of the percent at the end of a row's label ("100%").
const PERCENT_W: usize = 4;

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lang = state.session.lang;
    let w = t::words(lang);
    let words = ww::words(lang);
    let wall = &state.wall;
    let list = &wall.list;
    let today = state.session.today;
    let (label_w, axis_w) = layout::wall_columns(area.width);
    let scale = wall.scale(today, axis_w);
    let group = match wall.group {
        WallGroup::Unit => words.by_unit,
        WallGroup::Section => words.by_section,
    };
    let mut facts = vec![
        t::count_of(lang, list.keys.len(), list.all.len()),
        group.to_string(),
        format!(
            "{} {}",
            words.zooms[scale.zoom.index()],
            ww::span(scale.start, scale.last())
        ),
    ];
    if !state.filter().is_empty() {
        facts.push(format!("{}: {}", w.filter, state.filter()));
    }
    if state.only_alert {
        facts.push(w.only_alert.into());
    }
    if state.only_mine {
        facts.push(w.only_mine.into());
    }
    let total = usize::from(area.width);
    put(
        buf,
        area,
        0,
        &title_line(words.title, &facts, theme.title(), theme.muted(), total),
    );
    let axis_x = area.x + label_w + 1;
    let today_col = scale.point(today);
    if area.height > 1 {
        axis(buf, area, axis_x, scale, state, theme);
    }
    let rows = layout::wall_rows_area(area);
    if !list.loaded {
        return note(buf, rows, w.loading, theme.muted());
    }
    if list.entries.is_empty() {
        let text = if list.all.is_empty() && state.filter().is_empty() {
            w.nothing
        } else {
            w.no_match
        };
        return note(buf, rows, text, theme.muted());
    }
    let line_x = today_col.map(|c| axis_x + c);
    for (y, entry) in list
        .entries
        .iter()
        .skip(list.offset)
        .take(usize::from(rows.height))
        .enumerate()
    {
        let y16 = y as u16;
        let row_y = rows.y + y16;
        match *entry {
            Entry::Group(g) => {
                let label = format!("▸ {}", heading(state, g, list.offset + y));
                let text = cut(&label, total);
                let used = width(&text) as u16;
                put(
                    buf,
                    rows,
                    y16,
                    &Line::from(Span::styled(text, theme.heading())),
                );
                if let Some(x) = line_x
                    && x > rows.x + used
                {
                    buf.set_string(x, row_y, "│", theme.warn());
                }
            }
            Entry::Task(i) => {
                let key = &list.keys[i];
                let selected = list.offset + y == list.selected;
                match list.rows.get(&key.id) {
                    None => {
                        put(
                            buf,
                            rows,
                            y16,
                            &Line::from(Span::styled(w.loading, theme.muted())),
                        );
                        if let Some(x) = line_x {
                            buf.set_string(x, row_y, "│", theme.warn());
                        }
                    }
                    Some(item) => {
                        let ms = wall.milestones_of(key.id);
                        let light = model::light(item, ms, today, &state.thresholds);
                        let glyph = light_span(item, light, theme);
                        let number =
                            super::plans::number(state, item.row.plan_id, &item.row.number);
                        let title = widgets::row_title(
                            &super::notice::title(item, &item.row.title),
                            state.marks.contains(&key.id),
                            state.has_draft(key.id),
                        );
                        // The percent at the label's end: the bar's done part may be off
                        // screen.
                        let percent = percent_text(item.completion);
                        let room = usize::from(label_w)
                            .saturating_sub(width(&glyph.content) + 1 + 1 + PERCENT_W);
                        let number = cut(&number, room);
                        let room = room.saturating_sub(width(&number) + 1);
                        let label = Line::from(vec![
                            glyph.clone(),
                            Span::raw(" "),
                            Span::styled(number, theme.muted()),
                            Span::raw(" "),
                            Span::raw(cell(&title, room, Align::Left)),
                            Span::raw(" "),
                            Span::raw(cell(&percent, PERCENT_W, Align::Right)),
                        ]);
                        let label_area = Rect::new(rows.x, rows.y, label_w, rows.height);
                        put(buf, label_area, y16, &label);
                        // The bar ends in the light itself (a closing state is in the label).
                        let end = Span::styled(
                            light.map_or('·', |l| l.glyph()).to_string(),
                            theme.light(light),
                        );
                        let marks = timeline::bar(scale, &model::spec(item, ms), today);
                        for (c, mark) in marks.iter().enumerate() {
                            let x = axis_x + c as u16;
                            if x >= area.right() {
                                break;
                            }
                            let (symbol, style) = match mark {
                                Mark::Light => (end.content.to_string(), end.style),
                                m => (m.glyph().to_string(), mark_style(*m, light, theme)),
                            };
                            buf.set_string(x, row_y, symbol, style);
                        }
                    }
                }
                if selected {
                    fill(buf, rows, y16, theme.selected());
                }
            }
        }
    }
}

/// The axis row: the years of the window under the label column, the labels on the axis, ▼ at
/// today's column (or, where a label is, that cell of it reversed).
fn axis(buf: &mut Buffer, area: Rect, axis_x: u16, scale: Scale, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let y = area.y + 1;
    let years = ww::years(lang, scale.start, scale.last());
    let label_w = usize::from(axis_x.saturating_sub(area.x + 1));
    buf.set_string(area.x, y, cut(&years, label_w), theme.heading());
    let today = scale.point(state.session.today);
    let ticks = timeline::ticks(scale, lang, None);
    for tick in &ticks {
        buf.set_string(axis_x + tick.col, y, &tick.label, theme.muted());
    }
    if let Some(c) = today {
        // A label there stays, and the character of it at today's column is shown reversed.
        let under = ticks.iter().find_map(|t| {
            let mut at = t.col;
            t.label.chars().find_map(|ch| {
                let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) as u16;
                let hit = (at..at + w).contains(&c).then_some((at, w));
                at += w;
                hit
            })
        });
        match under {
            Some((at, w)) => buf.set_style(Rect::new(axis_x + at, y, w, 1), theme.selected()),
            None => {
                buf.set_string(axis_x + c, y, "▼", theme.warn());
            }
        }
    }
}

/// A group's heading: the lead unit's name, or the section's (with its plan's label when
/// several plans are shown).
fn heading(state: &State, g: Group, at: usize) -> String {
    let lang = state.session.lang;
    let w = t::words(lang);
    match g {
        Group::Unit(id) => unit_name(state, id),
        Group::Section(id) => {
            let section = match id {
                Some(id) => state.sections.get(&id).cloned().unwrap_or_default(),
                None => w.no_section.to_string(),
            };
            let list = &state.wall.list;
            let plan = match list.entries.get(at + 1) {
                Some(Entry::Task(i)) => state.plan_label(list.keys[*i].plan_id),
                _ => None,
            };
            match plan {
                Some(label) => format!("{label} {section}"),
                None => section,
            }
        }
        Group::Bucket(b) => t::bucket(lang, b as usize).to_string(),
    }
}

/// A lead unit's name for a heading; "未分配" for tasks without a unit.
pub(super) fn unit_name(state: &State, id: Option<i64>) -> String {
    match id.and_then(|id| state.wall.leads.name_of(id)) {
        Some(name) => name.to_string(),
        None => i18n::unassigned(state.session.lang).to_string(),
    }
}

/// The colour of a mark (the glyph alone tells it without colour).
fn mark_style(mark: Mark, light: Option<crate::domain::Light>, theme: Theme) -> Style {
    match mark {
        Mark::Done | Mark::Part(_) => theme.light(light),
        Mark::ToDo | Mark::Before | Mark::After | Mark::Empty => theme.muted(),
        Mark::Overdue => theme.alert(),
        Mark::Milestone { reached: true } => theme.ok(),
        Mark::Milestone { reached: false } => theme.warn(),
        Mark::Today => theme.warn(),
        Mark::Light => theme.light(light),
    }
}
