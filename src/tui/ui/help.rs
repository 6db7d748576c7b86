//! The help screen: every key of the view behind it, straight from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{body_rows, cell, cut, put};
use crate::i18n::tui as t;
use crate::report::text::Align;
use crate::tui::keymap;
use crate::tui::state::{Mode, State};

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    put(
        buf,
        area,
        0,
        &Line::from(Span::styled(
            cut(&format!("{} — {}", w.help, w.help_close), total),
            theme.title(),
        )),
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    let section = |title: &str, mode: Mode, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.heading())));
        // The detail section lists only what is particular to the detail.
        let own = |b: &&keymap::Binding| mode == Mode::Normal || b.when == keymap::When::Detail;
        for b in keymap::visible(mode, state.view).filter(own) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(cell(b.label, 12, Align::Left), theme.heading()),
                Span::raw(keymap::explain(b, lang)),
            ]));
        }
    };
    let view_name = match state.view {
        crate::tui::state::View::Departments => w.departments,
        crate::tui::state::View::Tasks => w.tasks,
        crate::tui::state::View::Deadlines => w.deadlines,
        crate::tui::state::View::People => t::people_words(lang).view,
        crate::tui::state::View::Report => crate::i18n::report::screen_words(lang).report_view,
        crate::tui::state::View::Indicators => {
            crate::i18n::report::screen_words(lang).indicators_view
        }
    };
    section(view_name, Mode::Normal, &mut lines);
    section(w.detail, Mode::Detail, &mut lines);
    // The form's keys, and the editing keys that are not in the keymap (they type text).
    let fw = t::form_words(lang);
    lines.push(Line::from(Span::styled(
        format!("{} (e)", fw.title),
        theme.heading(),
    )));
    for b in keymap::visible(Mode::Form, state.view) {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(b.label, 12, Align::Left), theme.heading()),
            Span::raw(keymap::explain(b, lang)),
        ]));
    }
    for (k, zh, en) in [
        (
            "Enter",
            "完成进度栏:到下一栏;说明栏:换行",
            "percent: next field; note: new line",
        ),
        (
            "↑↓",
            "在说明内上下移动,到头时换栏",
            "move in a note; past its edge, to the next field",
        ),
        (
            "Ctrl-U",
            "删除光标前的本行内容",
            "delete to the start of the line",
        ),
    ] {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(k, 12, Align::Left), theme.heading()),
            Span::raw(if lang.zh() { zh } else { en }),
        ]));
    }
    let filter_title = format!("{} (/)", w.filter);
    lines.push(Line::from(Span::styled(filter_title, theme.heading())));
    for (k, zh, en) in [
        (
            "Enter",
            "保留筛选,回到列表",
            "keep the filter, back to the list",
        ),
        ("Esc", "清除筛选", "clear the filter"),
        ("↑↓", "边筛选边移动", "move while filtering"),
    ] {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(k, 12, Align::Left), theme.heading()),
            Span::raw(if lang.zh() { zh } else { en }),
        ]));
    }
    // The import preview's keys, where `i` opens it.
    if state.view == crate::tui::state::View::Departments {
        let title = format!("{} (i)", crate::i18n::preview::words(lang).title);
        lines.push(Line::from(Span::styled(title, theme.heading())));
        for b in keymap::visible(Mode::Import, state.view) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(cell(b.label, 12, Align::Left), theme.heading()),
                Span::raw(keymap::explain(b, lang)),
            ]));
        }
    }
    let rows = body_rows(area);
    let skip = usize::from(state.help_scroll).min(lines.len().saturating_sub(1));
    for (y, line) in lines
        .iter()
        .skip(skip)
        .take(usize::from(rows.height))
        .enumerate()
    {
        put(buf, rows, y as u16, line);
    }
}
