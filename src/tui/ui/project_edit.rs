//! The task editor's second page (issue 23): the key project's owner, total and this year's
//! planned investment, the milestone list, and the dialog a milestone is typed in. Draws
//! `&State` only; the terminal cursor goes to the caret (display columns), for a Chinese IME.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::figure::visible;
use super::form::label;
use super::layout::{FORM_LABEL_WIDTH, form_text_width};
use super::theme::Theme;
use super::widgets::{cell, clear_under, cut, put};
use crate::i18n::project_tui as words;
use crate::report::text::{Align, width};
use crate::tui::editor::{EditorField, TaskEditor};
use crate::tui::field::TextField;
use crate::tui::project_edit::{DialogError, DialogField, ProjectPart};
use crate::tui::state::{Mode, State};

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, e: &TaskEditor, theme: Theme) {
    let lang = state.session.lang;
    let pw = words::page(lang);
    let p = &e.project;
    let total = usize::from(area.width);
    let text_w = form_text_width(area.width);
    let text_x = area.x + FORM_LABEL_WIDTH;
    let editing = state.mode == Mode::Editor && p.dialog.is_none();
    let mut cursor = None;
    let fields = [
        (EditorField::Owner, &p.owner),
        (EditorField::Total, &p.total),
        (EditorField::Planned, &p.planned),
    ];
    for (i, (field, text)) in fields.iter().enumerate() {
        let y = 1 + i as u16;
        if y + 1 >= area.height {
            return;
        }
        let focused = e.focus == *field;
        label(frame.buffer_mut(), area, y, pw.labels[i], focused, theme);
        let (shown, caret) = visible(text, text_w);
        frame
            .buffer_mut()
            .set_string(text_x, area.y + y, &shown, theme.plain());
        let after = match field {
            EditorField::Planned => words::plan_after(lang, p.year),
            EditorField::Total => pw.unit.to_string(),
            _ => String::new(),
        };
        let at = (width(&shown) + 1).min(text_w);
        let room = text_w.saturating_sub(at);
        if !after.is_empty() && room > 2 {
            frame.buffer_mut().set_string(
                text_x + at as u16,
                area.y + y,
                cut(&after, room),
                theme.muted(),
            );
        }
        if focused && editing {
            cursor = Some(Position::new(text_x + caret as u16, area.y + y));
        }
    }
    // The milestones, from the fifth row to above the status line.
    let y = 4u16;
    let focused = e.focus == EditorField::Milestones;
    label(frame.buffer_mut(), area, y, pw.labels[3], focused, theme);
    let rows = area.height.saturating_sub(y + 1);
    let list = Rect::new(text_x, area.y + y, text_w as u16 + 1, rows);
    milestones(frame, list, state, p, focused && editing, theme);

    // The status line: the editor's message, else what the focused field takes.
    let status = if let Some((m, alert)) = &e.message {
        Some((m.clone(), if *alert { theme.alert() } else { theme.ok() }))
    } else if e.saving {
        Some((
            crate::i18n::tui::editor_words(lang).saving.to_string(),
            theme.muted(),
        ))
    } else if focused {
        Some((pw.list_hint.to_string(), theme.muted()))
    } else if !p.was_project {
        Some((pw.owner_hint.to_string(), theme.muted()))
    } else {
        None
    };
    if let Some((text, style)) = status {
        put(
            frame.buffer_mut(),
            area,
            area.height.saturating_sub(1),
            &Line::from(Span::styled(cut(&text, total), style)),
        );
    }
    if p.dialog.is_some() && state.mode == Mode::Editor {
        dialog(frame, area, state, p, theme);
    } else if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

/// One row per milestone: its number, name, planned date, share and whether it was reached.
fn milestones(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &State,
    p: &ProjectPart,
    focused: bool,
    theme: Theme,
) {
    let lang = state.session.lang;
    let pw = words::page(lang);
    let w = usize::from(area.width);
    if p.milestones.is_empty() {
        put(
            frame.buffer_mut(),
            area,
            0,
            &Line::from(Span::styled(cut(pw.no_milestones, w), theme.muted())),
        );
        return;
    }
    let rows = usize::from(area.height);
    let first = p.selected.saturating_sub(rows.saturating_sub(1));
    let name_w = w.saturating_sub(4 + 11 + 5 + 2).clamp(6, 24);
    for (k, m) in p.milestones.iter().enumerate().skip(first).take(rows) {
        let share = m
            .share
            .map(|s| format!("{}%", s.value()))
            .unwrap_or_default();
        let reached = m
            .reached_on
            .map(|d| format!("  ✓{} {}", pw.reached, d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let text = format!(
            "{:>2} {} {} {}{reached}",
            k + 1,
            cell(&m.name, name_w, Align::Left),
            m.planned_on.format("%Y-%m-%d"),
            cell(&share, 4, Align::Right),
        );
        let style = if focused && k == p.selected {
            theme.selected()
        } else {
            theme.plain()
        };
        put(
            frame.buffer_mut(),
            area,
            (k - first) as u16,
            &Line::from(Span::styled(cut(&text, w), style)),
        );
    }
}

/// The milestone dialog over the page: name, planned date (with the date it is read as) and
/// share, the reason a value will not do, and its keys.
fn dialog(frame: &mut Frame<'_>, area: Rect, state: &State, p: &ProjectPart, theme: Theme) {
    let Some(d) = &p.dialog else {
        return;
    };
    let lang = state.session.lang;
    let pw = words::page(lang);
    let w = area.width.saturating_sub(4).min(70);
    let h = 7u16.min(area.height.saturating_sub(1));
    // Low on the page, above the status line: the list stays in view above it.
    let top = area.height.saturating_sub(h + 1).max(1);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + top, w, h);
    clear_under(frame.buffer_mut(), rect);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", pw.dialog_title),
        theme.title(),
    ));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let iw = usize::from(inner.width);
    let label_w = pw.dialog_labels.iter().map(|l| width(l)).max().unwrap_or(4) + 2;
    let field_w = iw.saturating_sub(label_w + 1).min(24);
    let mut cursor = None;
    for (i, f) in [DialogField::Name, DialogField::Date, DialogField::Share]
        .into_iter()
        .enumerate()
    {
        let y = i as u16;
        let focused = d.focus == f;
        let refused = matches!(&d.error, Some((ef, _)) if *ef == f);
        let style = if focused {
            theme.selected()
        } else if refused {
            theme.alert()
        } else {
            theme.heading()
        };
        let text: &TextField = d.field(f);
        let (shown, caret) = visible(text, field_w);
        let after = match f {
            DialogField::Name => String::new(),
            DialogField::Date => p
                .dialog_date()
                .map(|d| format!("→ {}", d.format("%Y-%m-%d")))
                .unwrap_or_default(),
            DialogField::Share => pw.share_hint.to_string(),
        };
        let line = Line::from(vec![
            Span::styled(cell(pw.dialog_labels[i], label_w, Align::Left), style),
            Span::raw(cell(&shown, field_w, Align::Left)),
            Span::styled(format!(" {after}"), theme.muted()),
        ]);
        put(frame.buffer_mut(), inner, y, &line);
        if focused {
            cursor = Some(Position::new(
                inner.x + (label_w + caret) as u16,
                inner.y + y,
            ));
        }
    }
    let (text, style) = match &d.error {
        Some((_, why)) => (
            match why {
                DialogError::EmptyName => pw.empty_name.to_string(),
                DialogError::BadDate(t) => words::bad_date(lang, t),
                DialogError::BadShare(_) => pw.bad_share.to_string(),
            },
            theme.alert(),
        ),
        None => (pw.dialog_keys.to_string(), theme.muted()),
    };
    put(
        frame.buffer_mut(),
        inner,
        4,
        &Line::from(Span::styled(cut(&text, iw), style)),
    );
    if let Some(c) = cursor
        && c.y < inner.y + inner.height
    {
        frame.set_cursor_position(c);
    }
}
