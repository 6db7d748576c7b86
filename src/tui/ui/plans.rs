//! The plan switcher: a box over the screen listing "all plans" and each plan with its short
//! label and task count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use super::widgets::{cell, clear_under, fill, put};
use crate::i18n::tui as t;
use crate::report::text::{Align, width};
use crate::tui::nav::follow;
use crate::tui::state::{State, plan_short};

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let pw = t::plan_words(lang);
    let total: u64 = state.plans.iter().map(|p| p.tasks).sum();
    // (label, title, count) per row; the first is every plan.
    let mut rows: Vec<(String, String, String)> = vec![(
        String::new(),
        pw.all.to_string(),
        t::plan_tasks(lang, total),
    )];
    rows.extend(
        state
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| (plan_short(i), p.title.clone(), t::plan_tasks(lang, p.tasks))),
    );
    let label_w = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let count_w = rows.iter().map(|r| width(&r.2)).max().unwrap_or(0);
    let w = area.width.saturating_sub(4).min(72);
    let h = (rows.len() as u16 + 2).min(area.height);
    if w < 12 || h < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    );
    clear_under(buf, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} (P) ", pw.title), theme.title()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner_w = usize::from(inner.width);
    let title_w = inner_w.saturating_sub(label_w + count_w + 4).max(4);
    let shown = usize::from(inner.height);
    let offset = follow(state.plan_pick, 0, shown, rows.len());
    for (y, (i, (label, title, count))) in
        rows.iter().enumerate().skip(offset).take(shown).enumerate()
    {
        let current = match i {
            0 => state.plan.is_none(),
            i => state.plans.get(i - 1).map(|p| p.id) == state.plan,
        };
        let mark = if current { "*" } else { " " };
        let line = Line::from(vec![
            Span::raw(mark),
            Span::styled(cell(label, label_w, Align::Left), theme.heading()),
            Span::raw(" "),
            Span::raw(cell(title, title_w, Align::Left)),
            Span::raw(" "),
            Span::styled(cell(count, count_w, Align::Right), theme.muted()),
        ]);
        put(buf, inner, y as u16, &line);
        if i == state.plan_pick {
            fill(buf, inner, y as u16, theme.selected());
        }
    }
}

/// A task's number as a row shows it: with its plan's short label before it ("B 3") where
/// rows of several plans are shown together, else as stored.
pub fn number(state: &State, plan_id: i64, number: &str) -> String {
    match state.plan_label(plan_id) {
        Some(label) => format!("{label} {number}"),
        None => number.to_string(),
    }
}
