//! View 4: departments (with aliases, tasks led and co-owned, clerks) beside the clerks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, title_line};
use crate::i18n::tui as t;
use crate::report::text::Align;
use crate::tui::people::PeoplePane;
use crate::tui::state::State;

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    let left_w = body.width / 2;
    let left = Rect::new(body.x, body.y, left_w, body.height);
    let right = Rect::new(
        body.x + left_w + 1,
        body.y,
        body.width.saturating_sub(left_w + 1),
        body.height,
    );
    departments(buf, left, state, theme);
    clerks(buf, right, state, theme);
}

fn style_for(selected: bool, focused: bool, theme: Theme) -> ratatui::style::Style {
    match (selected, focused) {
        (true, true) => theme.selected(),
        (true, false) => theme.selected_unfocused(),
        _ => theme.plain(),
    }
}

fn departments(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let pw = t::people_words(lang);
    let p = &state.people;
    let focused = p.pane == PeoplePane::Departments;
    let w = usize::from(area.width);
    let title = title_line(
        pw.departments,
        &[t::count_of(lang, p.departments.len(), p.departments.len())],
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
        theme.muted(),
        w,
    );
    let contents = if !p.loaded {
        Contents::Loading
    } else if p.departments.is_empty() {
        Contents::Empty(t::words(lang).nothing)
    } else {
        Contents::Rows
    };
    let Some(rows) = pane(
        buf,
        area,
        title,
        contents,
        t::words(lang).loading,
        theme.muted(),
    ) else {
        return;
    };
    let n = usize::from(rows.height);
    for (k, d) in p.departments.iter().enumerate().skip(p.dept_offset).take(n) {
        let counts = format!(
            " {}{} {}{} {}{}",
            pw.led, d.led, pw.co, d.co, d.clerks, pw.people
        );
        let name_w = w.saturating_sub(crate::report::text::width(&counts)).max(6);
        let mut text = cell(&d.name, name_w.min(16), Align::Left);
        text.push_str(&counts);
        if !d.aliases.is_empty() {
            text.push_str(&format!(" ({})", d.aliases.join("、")));
        }
        put(
            buf,
            rows,
            (k - p.dept_offset) as u16,
            &Line::from(Span::styled(
                cut(&text, w),
                style_for(k == p.dept, focused, theme),
            )),
        );
    }
}

fn clerks(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let pw = t::people_words(lang);
    let p = &state.people;
    let focused = p.pane == PeoplePane::Clerks;
    let w = usize::from(area.width);
    let title = title_line(
        pw.clerks,
        &[t::count_of(lang, p.clerks.len(), p.clerks.len())],
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
        theme.muted(),
        w,
    );
    let contents = if !p.loaded {
        Contents::Loading
    } else if p.clerks.is_empty() {
        Contents::Empty(t::words(lang).nothing)
    } else {
        Contents::Rows
    };
    let Some(rows) = pane(
        buf,
        area,
        title,
        contents,
        t::words(lang).loading,
        theme.muted(),
    ) else {
        return;
    };
    let n = usize::from(rows.height);
    for (k, c) in p.clerks.iter().enumerate().skip(p.clerk_offset).take(n) {
        let dept = p
            .department_name(c.department_id)
            .unwrap_or(pw.no_department);
        let text = format!(
            "{} {} {} {}",
            cell(&c.username, 10, Align::Left),
            cell(c.display_name.as_deref().unwrap_or(""), 8, Align::Left),
            cell(t::clerk_role(lang, Some(c.role)), 6, Align::Left),
            dept
        );
        put(
            buf,
            rows,
            (k - p.clerk_offset) as u16,
            &Line::from(Span::styled(
                cut(&text, w),
                style_for(k == p.clerk, focused, theme),
            )),
        );
    }
}
