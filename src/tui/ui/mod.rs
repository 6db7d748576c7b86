//! Drawing. Every function here reads `&State` and writes cells; none does I/O.

mod batch;
pub mod chrome;
mod departments;
mod detail;
mod editor;
mod extension;
mod figure;
mod form;
mod help;
mod import;
mod indicators;
pub mod layout;
mod notice;
mod people;
mod plans;
mod project_detail;
mod project_edit;
mod project_entry;
mod queue;
mod report;
mod task_list;
pub mod theme;
mod wall;
// `tui::mouse` maps cells to rows with the same arithmetic as the lists.
pub(super) mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::state::{Mode, State, View};
use crate::i18n::tui as t;
use theme::Theme;

pub fn draw(frame: &mut Frame<'_>, state: &State) {
    let area = frame.area();
    let theme = Theme {
        color: state.session.color,
    };
    if layout::too_small(area) {
        too_small(frame, area, state);
        return;
    }
    let mut a = layout::areas(area);
    // A prompt asks its question on the body's last row: nothing is drawn under it.
    if state.mode == Mode::Prompt {
        a.body.height = a.body.height.saturating_sub(1);
    }
    chrome::header(frame.buffer_mut(), a.header, state, theme);
    chrome::status(frame.buffer_mut(), a.status, state, theme);
    let wide = layout::is_wide(area);
    body(frame, a.body, state, theme, wide, state.mode);
    if state.mode == Mode::Ask {
        editor::question(frame.buffer_mut(), a.body, state, theme);
    }
    chrome::footer(frame, a.footer, state, theme);
}

/// The body for `mode`; a question draws what it was asked over.
fn body(frame: &mut Frame<'_>, body: Rect, state: &State, theme: Theme, wide: bool, mode: Mode) {
    match mode {
        Mode::Help => help::draw(frame.buffer_mut(), body, state, theme),
        Mode::Detail => detail::draw(frame, body, state, theme, true),
        Mode::Form | Mode::ConfirmDiscard | Mode::Conflict => form::draw(frame, body, state, theme),
        Mode::Editor | Mode::Picker => editor::draw(frame, body, state, theme),
        Mode::Import => import::draw(frame.buffer_mut(), body, state, theme),
        Mode::Figure => indicators_view(frame, body, state, theme),
        Mode::Batch => batch::draw(frame, body, state, theme),
        Mode::Project => project_entry::draw(frame, body, state, theme),
        // A prompt of the import preview is typed under the preview.
        Mode::Prompt if state.import.is_some() => {
            import::draw(frame.buffer_mut(), body, state, theme)
        }
        Mode::Queue => queue::draw(frame.buffer_mut(), body, state, theme),
        // A closing prompt opened from the queue is typed under it.
        Mode::Prompt if state.prompt_back == Mode::Queue => {
            queue::draw(frame.buffer_mut(), body, state, theme)
        }
        // A closing prompt opened from the detail is typed under it.
        Mode::Prompt if state.prompt_back == Mode::Detail => {
            detail::draw(frame, body, state, theme, true)
        }
        // The switcher over the screen it switches.
        Mode::Plans => {
            self::body(frame, body, state, theme, wide, Mode::Normal);
            plans::draw(frame.buffer_mut(), body, state, theme);
        }
        Mode::Ask => {
            if state.ask_return != Mode::Ask {
                self::body(frame, body, state, theme, wide, state.ask_return);
            }
        }
        Mode::Normal | Mode::Filter | Mode::Prompt => match state.view {
            View::People => people::draw(frame.buffer_mut(), body, state, theme),
            View::Report => report::draw(frame.buffer_mut(), body, state, theme),
            View::Indicators => indicators_view(frame, body, state, theme),
            View::Wall => wall::draw(frame.buffer_mut(), body, state, theme),
            View::Departments => {
                let (left, right, below) = layout::department_panes(body, wide);
                departments::draw_departments(frame.buffer_mut(), left, state, theme);
                departments::draw_tasks(frame.buffer_mut(), right, state, theme);
                if let Some(below) = below {
                    detail::draw(frame, below, state, theme, false);
                }
            }
            View::Tasks | View::Deadlines => {
                let (list, beside) = layout::list_panes(body, wide);
                task_list::draw(frame.buffer_mut(), list, state, theme);
                if let Some(beside) = beside {
                    detail::draw(frame, beside, state, theme, false);
                }
            }
        },
    }
}

/// View 6, with the figure entry under the list while a figure is entered.
fn indicators_view(frame: &mut Frame<'_>, body: Rect, state: &State, theme: Theme) {
    let (list, panel) = layout::indicator_panes(body, state.figure.is_some());
    indicators::draw(frame.buffer_mut(), list, state, theme);
    if let Some(panel) = panel {
        figure::draw(frame, panel, state, theme);
    }
}

/// The window is smaller than `layout::MIN_WIDTH` × `MIN_HEIGHT`: what it needs, what it is,
/// and what to do, wrapped by display width (never inside a number) and centred. With too few
/// rows for all of it, the size needed comes first.
fn too_small(frame: &mut Frame<'_>, area: Rect, state: &State) {
    // A sliver of a terminal has no room for words.
    if area.width < 8 {
        return;
    }
    let lang = state.session.lang;
    let total = usize::from(area.width);
    let rows = |text: &str| widgets::wrap(Line::from(text.to_string()), total);
    let title = rows(t::words(lang).too_small);
    let need = rows(&t::too_small_detail(
        lang,
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
    ));
    let ask = rows(&t::too_small_ask(lang));
    let height = usize::from(area.height);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if title.len() + need.len() + ask.len() <= height {
        lines.extend(title);
    }
    lines.extend(need);
    lines.extend(ask);
    lines.truncate(height);
    let y = (height - lines.len()) / 2;
    for (i, line) in lines.into_iter().enumerate() {
        let w = line.width().min(total);
        let x = area.x + ((total - w) / 2) as u16;
        let row = Rect::new(x, area.y + (y + i) as u16, w as u16, 1);
        frame.render_widget(line, row);
    }
}
