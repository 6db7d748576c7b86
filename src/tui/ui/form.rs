//! The progress form over the body, and its two dialogs (discard? / conflict). Draws `&State`
//! only; the terminal cursor is put at the caret so that a Chinese IME's window follows it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::detail::short_time;
use super::layout::{FORM_LABEL_WIDTH, form_text_width};
use super::theme::Theme;
use super::widgets::{clean, clear_under, cut, put};
use crate::domain::ReportNote;
use crate::i18n::{self, tui as t};
use crate::report::text::width;
use crate::tui::field::width_of;
use crate::tui::form::{Field, ProgressForm};
use crate::tui::state::{Mode, State};

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let Some(form) = &state.form else {
        return;
    };
    let lang = state.session.lang;
    let fw = t::form_words(lang);
    let total = usize::from(area.width);
    let d = &form.data;
    let mut y: u16 = 0;
    let line = |spans: Vec<Span<'static>>| Line::from(spans);

    // What is being reported on.
    put(
        frame.buffer_mut(),
        area,
        y,
        &line(vec![Span::styled(
            cut(&format!("{} · {} {}", fw.title, d.number, d.title), total),
            theme.title(),
        )]),
    );
    y += 1;
    let a = state.milestones.assess(
        d.task_id,
        Some(d.role),
        d.current,
        d.schedule,
        state.session.today,
        &state.thresholds,
    );
    // The date the deadline was read as, and the words of the plan when it has them.
    let deadline = match d.deadline_text.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => format!(
            "{} ({})",
            d.schedule.deadline.format("%Y-%m-%d"),
            super::widgets::deadline_words(lang, text)
        ),
        None => d.schedule.deadline.format("%Y-%m-%d").to_string(),
    };
    let facts = vec![
        Span::styled(cut(&d.department, 20), theme.heading()),
        Span::raw(format!(" {} · ", i18n::role(lang, d.role))),
        Span::styled(format!("{} ", t::words(lang).deadline), theme.muted()),
        Span::raw(format!("{deadline} · ")),
        Span::styled(format!("{} ", fw.current), theme.muted()),
        Span::styled(
            format!("{} {}% ", a.light.glyph(), d.current.value()),
            theme.light(Some(a.light)),
        ),
        Span::styled(i18n::reason(lang, a.reason), theme.light(Some(a.light))),
    ];
    put(frame.buffer_mut(), area, y, &fit_line(facts, total));
    y += 1;
    // Why the application to close was sent back: what this report should answer.
    if let Some(reason) = &d.returned {
        let label = crate::i18n::closing::tui(lang).return_reason;
        put(
            frame.buffer_mut(),
            area,
            y,
            &line(vec![Span::styled(
                cut(&format!("↺ {label}: {}", clean(reason.trim())), total),
                theme.alert(),
            )]),
        );
        y += 1;
    }

    // The last report, for reference (two rows of it at most).
    match &d.previous {
        Some(p) => {
            let head = format!(
                "{} {} {} · {}%",
                fw.previous,
                p.reported_by,
                short_time(&p.reported_at, state.session.utc_offset),
                p.percent.value()
            );
            put(
                frame.buffer_mut(),
                area,
                y,
                &line(vec![Span::styled(cut(&head, total), theme.muted())]),
            );
            y += 1;
            let note = ReportNote::parse(&p.note);
            let parts: Vec<String> = fw
                .parts
                .iter()
                .zip(note.parts())
                .filter(|(_, part)| !part.trim().is_empty())
                .map(|(label, part)| format!("{label}:{}", clean(part.trim())))
                .collect();
            // Two rows: the progress part on the first, the rest after it on the second.
            let rows = match parts.len() {
                0 => Vec::new(),
                1 | 2 => parts,
                _ => vec![parts[0].clone(), parts[1..].join("  ")],
            };
            for text in rows {
                put(
                    frame.buffer_mut(),
                    area,
                    y,
                    &line(vec![
                        Span::raw("  "),
                        Span::styled(cut(&text, total.saturating_sub(2)), theme.muted()),
                    ]),
                );
                y += 1;
            }
        }
        None => {
            put(
                frame.buffer_mut(),
                area,
                y,
                &line(vec![Span::styled(fw.no_previous_report, theme.muted())]),
            );
            y += 1;
        }
    }

    let text_w = form_text_width(area.width);
    let text_x = area.x + FORM_LABEL_WIDTH;
    let mut cursor: Option<Position> = None;

    // The percent, with the reason beside it when refused.
    let focused = form.focus == Field::Percent;
    label(frame.buffer_mut(), area, y, fw.percent, focused, theme);
    let p = &form.percent;
    // Padded by display width (a full-width ６０ takes four columns); the sign is not repeated
    // after one the clerk typed (60%, ６０％).
    let pad = 4usize.saturating_sub(crate::report::text::width(p.text()));
    let shown = format!("{}{}", p.text(), " ".repeat(pad));
    let value_style = if p.is_selected() && focused {
        theme.selected()
    } else {
        theme.plain()
    };
    let sign = if p.text().trim_end().ends_with(['%', '％']) {
        "   "
    } else {
        "%   "
    };
    let mut spans = vec![Span::styled(shown.clone(), value_style), Span::raw(sign)];
    match &form.error {
        Some(e) => spans.push(Span::styled(t::percent_error(lang, e), theme.alert())),
        None => spans.push(Span::styled(fw.percent_hint, theme.muted())),
    }
    put(
        frame.buffer_mut(),
        Rect::new(
            text_x,
            area.y,
            area.width.saturating_sub(FORM_LABEL_WIDTH),
            area.height,
        ),
        y,
        &fit_line(spans, text_w + 1),
    );
    if focused {
        let col = p.caret_position(text_w).col.min(text_w);
        cursor = Some(Position::new(text_x + col as u16, area.y + y));
    }
    y += 1;

    // The three parts of the note share what is left; the focused one gets the most. The
    // evidence paths take a row under them, and one more for their hint or candidates.
    let status_rows = 1;
    let files_rows = if form.focus == Field::Files { 2 } else { 1 };
    let room = area.height.saturating_sub(y + status_rows + files_rows);
    let heights = split_rows(room, form.focus);
    for (i, h) in heights.into_iter().enumerate() {
        if h == 0 {
            continue;
        }
        let field = &form.note[i];
        let focused = form.focus == Field::Note(i);
        label(frame.buffer_mut(), area, y, fw.parts[i], focused, theme);
        let rows = field.rows(text_w);
        let caret = field.caret_position(text_w);
        // Keep the caret's row on screen.
        let first = if focused {
            caret.row.saturating_sub(usize::from(h) - 1)
        } else {
            0
        };
        let field_area = Rect::new(text_x, area.y + y, text_w as u16 + 1, h);
        if field.text().is_empty() && !focused {
            put(
                frame.buffer_mut(),
                field_area,
                0,
                &Line::from(Span::styled("—", theme.muted())),
            );
        }
        for (k, r) in rows.iter().skip(first).take(usize::from(h)).enumerate() {
            put(
                frame.buffer_mut(),
                field_area,
                k as u16,
                &Line::from(field.text()[r.clone()].to_string()),
            );
        }
        if !focused && rows.len() > first + usize::from(h) {
            // More text than fits: say so at the end of the last row.
            let last = field_area.y + h - 1;
            frame
                .buffer_mut()
                .set_string(area.x + area.width - 1, last, "…", theme.muted());
        }
        if focused {
            let col = caret.col.min(text_w);
            let row = (caret.row - first) as u16;
            cursor = Some(Position::new(text_x + col as u16, area.y + y + row));
        }
        y += h;
    }

    // The evidence files' paths (佐证材料): one row, the caret's; under it while focused, the
    // candidates of the last Tab, or how to type them.
    if y + status_rows < area.height {
        let focused = form.focus == Field::Files;
        let aw = crate::i18n::attachment::tui(lang);
        label(frame.buffer_mut(), area, y, aw.label, focused, theme);
        let field = &form.files;
        let rows = field.rows(text_w);
        let caret = field.caret_position(text_w);
        let row = if focused { caret.row } else { 0 };
        let field_area = Rect::new(text_x, area.y + y, text_w as u16 + 1, 1);
        match rows.get(row) {
            Some(r) if !field.text().is_empty() => put(
                frame.buffer_mut(),
                field_area,
                0,
                &Line::from(clean(&field.text()[r.clone()])),
            ),
            _ if !focused => put(
                frame.buffer_mut(),
                field_area,
                0,
                &Line::from(Span::styled("—", theme.muted())),
            ),
            _ => {}
        }
        if focused {
            cursor = Some(Position::new(
                text_x + caret.col.min(text_w) as u16,
                area.y + y,
            ));
        }
        y += 1;
        if focused && y + status_rows < area.height {
            let (text, style) = match &form.candidates {
                Some((names, capped)) => (
                    crate::i18n::attachment::candidates_line(lang, names, *capped),
                    theme.plain(),
                ),
                None => (aw.hint.to_string(), theme.muted()),
            };
            put(
                frame.buffer_mut(),
                Rect::new(
                    text_x,
                    area.y,
                    area.width.saturating_sub(FORM_LABEL_WIDTH),
                    area.height,
                ),
                y,
                &Line::from(Span::styled(cut(&clean(&text), text_w), style)),
            );
        }
    }

    // One line for what the clerk must see: a refused save, a draft that could not be kept or
    // came from another session, the copy warning, a draft back.
    let status_y = area.height.saturating_sub(1);
    let status = if let Some(f) = &form.failure {
        Some((f.clone(), theme.alert()))
    } else if form.saving {
        Some((fw.saving.to_string(), theme.muted()))
    } else if let Some(trouble) = &form.keep_trouble {
        Some((trouble.clone(), theme.warn()))
    } else if let Some(note) = &form.draft_note {
        Some((note.clone(), theme.warn()))
    } else if form.same_as_previous() {
        Some((fw.same_as_previous.to_string(), theme.warn()))
    } else if form.restored {
        Some((fw.restored.to_string(), theme.ok()))
    } else {
        None
    };
    if let Some((text, style)) = status {
        put(
            frame.buffer_mut(),
            area,
            status_y,
            &Line::from(Span::styled(cut(&text, total), style)),
        );
    }

    match state.mode {
        Mode::ConfirmDiscard => dialog(
            frame.buffer_mut(),
            area,
            fw.discard_title,
            vec![Line::from(fw.discard_body)],
            theme,
        ),
        Mode::Conflict => conflict(frame.buffer_mut(), area, state, form, theme),
        _ => {
            if let Some(c) = cursor {
                frame.set_cursor_position(c);
            }
        }
    }
}

/// Rows for the three note fields: at least two each where there is room, the rest to the
/// focused field (or shared when the percent has the focus).
fn split_rows(room: u16, focus: Field) -> [u16; 3] {
    let base = (room / 3).min(2);
    let mut h = [base; 3];
    let extra = room.saturating_sub(base * 3);
    match focus {
        Field::Note(i) => h[i.min(2)] += extra,
        Field::Percent | Field::Files => {
            for (k, v) in h.iter_mut().enumerate() {
                *v += extra / 3 + u16::from((k as u16) < extra % 3);
            }
        }
    }
    h
}

/// Spans cut to `w` columns as one line.
fn fit_line(spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let sw = width_of(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(s);
        } else {
            let room = w.saturating_sub(used);
            if room > 1 {
                out.push(Span::styled(cut(&s.content, room), s.style));
            }
            break;
        }
    }
    Line::from(out)
}

pub(super) fn dialog(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let w = area.width.saturating_sub(4).min(76);
    let h = (lines.len() as u16 + 2).min(area.height);
    let x = area.x + (area.width - w) / 2;
    let y = area.y + area.height.saturating_sub(h) / 2;
    let rect = Rect::new(x, y, w, h);
    clear_under(buf, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (i, l) in lines.iter().enumerate().take(usize::from(inner.height)) {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let style = l.spans.first().map_or(Style::new(), |s| s.style);
        put(
            buf,
            inner,
            i as u16,
            &Line::from(Span::styled(cut(&text, usize::from(inner.width)), style)),
        );
    }
}

fn conflict(buf: &mut Buffer, area: Rect, state: &State, form: &ProgressForm, theme: Theme) {
    let Some(c) = &form.conflict else {
        return;
    };
    let lang = state.session.lang;
    let fw = t::form_words(lang);
    let inner_w = usize::from(area.width.saturating_sub(6).min(74));
    let by = c.current.updated_by.as_deref().unwrap_or("?");
    let at = c
        .current
        .updated_at
        .as_deref()
        .map(|a| short_time(a, state.session.utc_offset))
        .unwrap_or_default();
    let mut lines = vec![Line::from(Span::styled(
        t::conflict_theirs(lang, by, &at, c.current.percent.value()),
        theme.alert(),
    ))];
    if let Some(last) = &c.last {
        let note = ReportNote::parse(&last.note);
        for (label, part) in fw.parts.iter().zip(note.parts()) {
            if part.trim().is_empty() {
                continue;
            }
            let text = format!("  {label}:{}", clean(part.trim()));
            for r in crate::tui::field::wrap(&text, inner_w).into_iter().take(2) {
                lines.push(Line::from(text[r].to_string()));
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t::conflict_mine(lang, form.percent.text()),
        theme.heading(),
    )));
    lines.push(Line::from(Span::styled(fw.conflict_yours, theme.muted())));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(fw.conflict_keys, theme.heading())));
    dialog(buf, area, fw.conflict_title, lines, theme);
}

/// A field's label in the left column (the form's and the task editor's); the focused one
/// stands out even without colour.
pub(super) fn label(buf: &mut Buffer, area: Rect, y: u16, text: &str, focused: bool, theme: Theme) {
    let style = if focused {
        theme.selected()
    } else {
        theme.heading()
    };
    let w = usize::from(FORM_LABEL_WIDTH) - 1;
    let text = cut(text, w);
    let pad = " ".repeat(w.saturating_sub(width(&text)));
    put(
        buf,
        area,
        y,
        &Line::from(vec![Span::styled(text, style), Span::raw(pad)]),
    );
}
