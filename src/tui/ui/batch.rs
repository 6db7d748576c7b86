//! The batch form: the marked rows it will write (which unit, the current percent, or why a row
//! cannot be written), the percent and note fields, and one line for what went wrong. Draws
//! `&State` only; the cursor goes to the caret, in display columns, for an IME's window.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::figure::visible;
use super::theme::Theme;
use super::widgets::{cell, cut, put};
use crate::i18n::batch as words;
use crate::report::text::{Align, width};
use crate::tui::batch::{BatchField, Unwritable};
use crate::tui::state::{Mode, State};

/// Columns of the percent field.
const PERCENT_W: usize = 8;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let Some(form) = &state.batch else {
        return;
    };
    let lang = state.session.lang;
    let w = words::words(lang);
    let total = usize::from(area.width);
    let height = usize::from(area.height);
    let buf = frame.buffer_mut();

    let head = format!("── {} ", words::heading(lang, form.rows.len()));
    let rule = "─".repeat(total.saturating_sub(width(&head)));
    put(
        buf,
        area,
        0,
        &Line::from(Span::styled(
            cut(&format!("{head}{rule}"), total),
            theme.heading(),
        )),
    );
    let which = words::which_part(lang, !form.who.editor, form.department_name.as_deref());
    put(
        buf,
        area,
        1,
        &Line::from(Span::styled(
            cut(&format!("  {which}"), total),
            theme.muted(),
        )),
    );

    // The rows, as many as leave room for the two fields and the status line.
    let room = height.saturating_sub(6);
    let number_w = form
        .rows
        .iter()
        .map(|r| width(&r.number))
        .max()
        .unwrap_or(2)
        .clamp(2, 8);
    let unit_w = (total / 4).clamp(8, 20);
    // Once a percent is typed each row shows what it becomes: "60% → 63%" for +3.
    let typed = form.percent.text().trim().to_string();
    let percent_w = if typed.is_empty() { 4 } else { 11 };
    let title_w = total
        .saturating_sub(2 + number_w + 1 + 1 + unit_w + 1 + percent_w)
        .max(4);
    let shown = if form.rows.len() > room {
        room.saturating_sub(1)
    } else {
        form.rows.len()
    };
    for (y, row) in form.rows.iter().take(shown).enumerate() {
        let mut percent_style = theme.plain();
        let (unit, percent, style) = match &row.part {
            Ok(d) => (
                format!("→ {}", d.department),
                match crate::domain::Percent::parse(&typed, d.current) {
                    _ if typed.is_empty() => format!("{}%", d.current.value()),
                    Ok(p) => format!("{}% → {}%", d.current.value(), p.value()),
                    Err(_) => {
                        percent_style = theme.alert();
                        format!("{}% → ✖", d.current.value())
                    }
                },
                theme.plain(),
            ),
            Err(why) => (
                format!(
                    "✖ {}",
                    match why {
                        Unwritable::NotYours => w.not_yours,
                        Unwritable::NoUnits => w.no_units,
                        Unwritable::Gone => w.gone,
                    }
                ),
                String::new(),
                theme.alert(),
            ),
        };
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(&row.number, number_w, Align::Left), theme.muted()),
            Span::raw(" "),
            Span::raw(cell(&row.title, title_w, Align::Left)),
            Span::raw(" "),
            Span::styled(cell(&unit, unit_w, Align::Left), style),
            Span::raw(" "),
            Span::styled(cell(&percent, percent_w, Align::Right), percent_style),
        ]);
        put(buf, area, (2 + y) as u16, &line);
    }
    if shown < form.rows.len() {
        let more = words::more_rows(lang, form.rows.len() - shown);
        put(
            buf,
            area,
            (2 + shown) as u16,
            &Line::from(Span::styled(
                cut(&format!("  {more}"), total),
                theme.muted(),
            )),
        );
    }

    // The two fields under the rows.
    let top = 2 + shown + usize::from(shown < form.rows.len());
    let label_w = width(w.percent).max(width(w.note));
    let field_x = 2 + label_w + 2 + 1;
    let note_w = total.saturating_sub(field_x + 2).max(4);
    let typing = state.mode == Mode::Batch;
    let mut cursor = None;
    for (i, field, label, field_w, after) in [
        (
            0usize,
            BatchField::Percent,
            w.percent,
            PERCENT_W,
            format!("  {}", w.percent_hint),
        ),
        (1, BatchField::Note, w.note, note_w, String::new()),
    ] {
        let y = top + i;
        let text = match field {
            BatchField::Percent => &form.percent,
            BatchField::Note => &form.note,
        };
        let focused = form.focus == field;
        let (shown_text, caret) = visible(text, field_w);
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled(
                cell(label, label_w, Align::Left),
                if focused {
                    theme.selected()
                } else {
                    theme.heading()
                },
            ),
            Span::raw("  "),
            Span::styled("[", theme.muted()),
            Span::raw(cell(&shown_text, field_w, Align::Left)),
            Span::styled("]", theme.muted()),
            Span::styled(after, theme.muted()),
        ]);
        put(buf, area, y as u16, &line);
        if focused && typing {
            let x = field_x + caret;
            if x < total && y < height {
                cursor = Some(Position::new(area.x + x as u16, area.y + y as u16));
            }
        }
    }
    let (status, style) = match &form.failure {
        Some(why) => (why.clone(), theme.alert()),
        None if form.saving => (w.saving.to_string(), theme.muted()),
        None => (format!("{}: {}", w.note, w.note_hint), theme.muted()),
    };
    // A refusal names the row and the reason: two lines of room before it is cut.
    let status = super::widgets::clean(&status);
    let lines = super::widgets::wrap(
        Line::from(Span::styled(format!("  {status}"), style)),
        total,
    );
    for (i, line) in lines.into_iter().take(2).enumerate() {
        put(buf, area, (top + 2 + i) as u16, &line);
    }
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}
