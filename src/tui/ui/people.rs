//! View 4: departments (with aliases, tasks led and co-owned, clerks) beside the clerks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, shown_offset, title_line};
use crate::i18n::tui as t;
use crate::report::text::{Align, width};
use crate::tui::people::PeoplePane;
use crate::tui::state::State;

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let pw = t::people_words(lang);
    let p = &state.people;
    let (left, right) = super::layout::people_panes(body);
    let department = |k: usize| {
        let d = &p.departments[k];
        let counts = format!(" {}", t::department_counts(lang, d.led, d.co, d.clerks));
        let name_w = usize::from(left.width)
            .saturating_sub(width(&counts))
            .max(6);
        let mut text = cell(&d.name, name_w.min(16), Align::Left);
        text.push_str(&counts);
        if !d.aliases.is_empty() {
            text.push_str(&format!(" ({})", d.aliases.join("、")));
        }
        text
    };
    let clerk = |k: usize| {
        let c = &p.clerks[k];
        format!(
            "{} {} {} {}",
            cell(&c.username, 10, Align::Left),
            cell(c.display_name.as_deref().unwrap_or(""), 8, Align::Left),
            cell(t::clerk_role(lang, Some(c.role)), 6, Align::Left),
            p.department_name(c.department_id)
                .unwrap_or(pw.no_department)
        )
    };
    let list = List {
        title: pw.departments,
        count: t::people_title_count(lang, false, p.departments.len()),
        len: p.departments.len(),
        selected: p.dept,
        offset: p.dept_offset,
        focused: p.pane == PeoplePane::Departments,
    };
    list.draw(buf, left, state, theme, &department);
    let list = List {
        title: pw.clerks,
        count: t::people_title_count(lang, true, p.clerks.len()),
        len: p.clerks.len(),
        selected: p.clerk,
        offset: p.clerk_offset,
        focused: p.pane == PeoplePane::Clerks,
    };
    list.draw(buf, right, state, theme, &clerk);
}

/// One of the two lists: where it is scrolled and what is selected.
struct List<'a> {
    title: &'a str,
    count: String,
    len: usize,
    selected: usize,
    offset: usize,
    focused: bool,
}

impl List<'_> {
    fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        state: &State,
        theme: Theme,
        row: &dyn Fn(usize) -> String,
    ) {
        let lang = state.session.lang;
        let words = t::words(lang);
        let w = usize::from(area.width);
        let title_style = if self.focused {
            theme.title()
        } else {
            theme.heading()
        };
        let title = title_line(
            self.title,
            std::slice::from_ref(&self.count),
            title_style,
            theme.muted(),
            w,
        );
        let contents = if !state.people.loaded {
            Contents::Loading
        } else if self.len == 0 {
            Contents::Empty(words.none)
        } else {
            Contents::Rows
        };
        let Some(rows) = pane(buf, area, title, contents, words.loading, theme.muted()) else {
            return;
        };
        let offset = shown_offset(self.selected, self.offset, usize::from(rows.height));
        let end = self.len.min(offset + usize::from(rows.height));
        for k in offset..end {
            let style = match (k == self.selected, self.focused) {
                (true, true) => theme.selected(),
                (true, false) => theme.selected_unfocused(),
                _ => theme.plain(),
            };
            put(
                buf,
                rows,
                (k - offset) as u16,
                &Line::from(Span::styled(cut(&row(k), w), style)),
            );
        }
    }
}
