//! The task editor over the body, the department picker over it, and the yes/no questions.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::form::{dialog, label};
use super::layout::{FORM_LABEL_WIDTH, form_text_width};
use super::theme::Theme;
use super::widgets::{clear_under, cut, put};
use crate::domain::{DeadlineKind, Role, pinyin};
use crate::i18n::{self, tui as t};
use crate::tui::editor::{EditorField, Question, Refusal, TaskEditor};
use crate::tui::state::{Mode, State};

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let Some(e) = &state.editor else {
        return;
    };
    let lang = state.session.lang;
    let ew = t::editor_words(lang);
    let total = usize::from(area.width);
    let title = if e.is_new() {
        ew.new_title
    } else {
        ew.edit_title
    };
    // The page: the task's fields, or its key project and milestones (`project_edit`).
    let pw = crate::i18n::project_tui::page(lang);
    let (page, hint) = match e.focus.page() {
        0 => (String::new(), pw.page_hint),
        _ => (format!(" · {}", pw.title), ""),
    };
    let hint_w = crate::report::text::width(hint);
    put(
        frame.buffer_mut(),
        area,
        0,
        &Line::from(Span::styled(
            cut(
                &format!("{title}{page} · {}", e.plan_title),
                total.saturating_sub(hint_w + 2),
            ),
            theme.title(),
        )),
    );
    if !hint.is_empty() && total > hint_w {
        frame.buffer_mut().set_string(
            area.x + (total - hint_w) as u16,
            area.y,
            hint,
            theme.muted(),
        );
    }
    if e.focus.page() == 1 {
        return super::project_edit::draw(frame, area, state, e, theme);
    }
    let text_w = form_text_width(area.width);
    let text_x = area.x + FORM_LABEL_WIDTH;
    let text_area = |y: u16, h: u16| Rect::new(text_x, area.y + y, text_w as u16 + 1, h);
    let mut cursor = None;
    let mut y = 1u16;
    let editing = state.mode == Mode::Editor;
    // Rows: the text gets what the units and the status line leave.
    let unit_rows = (e.units.len().max(1) as u16 + 1).min(6);
    let fixed = 1 + 1 + 1 + 1 + 1 + 1 + unit_rows + 1;
    let body_rows = area.height.saturating_sub(fixed).clamp(1, 6);
    for (i, field) in [
        EditorField::Number,
        EditorField::Title,
        EditorField::Body,
        EditorField::Section,
        EditorField::Deadline,
        EditorField::Weight,
        EditorField::Units,
    ]
    .into_iter()
    .enumerate()
    {
        if y >= area.height.saturating_sub(1) {
            break;
        }
        let focused = e.focus == field;
        label(frame.buffer_mut(), area, y, ew.labels[i], focused, theme);
        match field {
            EditorField::Section => {
                let name = e
                    .section
                    .and_then(|s| e.sections.get(s))
                    .map_or(ew.no_section.to_string(), |s| s.label.clone());
                let shown = if focused {
                    format!("◀ {name} ▶")
                } else {
                    name
                };
                put(
                    frame.buffer_mut(),
                    text_area(y, 1),
                    0,
                    &Line::from(cut(&shown, text_w)),
                );
                y += 1;
            }
            EditorField::Units => {
                let rows = unit_rows.min(area.height.saturating_sub(y + 1)).max(1);
                units(
                    frame.buffer_mut(),
                    text_area(y, rows),
                    e,
                    focused && editing,
                    state,
                    theme,
                );
                y += rows;
            }
            field => {
                let Some(f) = e.text_field(field) else {
                    continue;
                };
                let h = if field == EditorField::Body {
                    body_rows
                } else {
                    1
                };
                let rows = f.rows(text_w);
                let caret = f.caret_position(text_w);
                let first = if focused {
                    caret.row.saturating_sub(usize::from(h) - 1)
                } else {
                    0
                };
                for (k, r) in rows.iter().skip(first).take(usize::from(h)).enumerate() {
                    put(
                        frame.buffer_mut(),
                        text_area(y, h),
                        k as u16,
                        &Line::from(f.text()[r.clone()].to_string()),
                    );
                }
                if field == EditorField::Deadline {
                    // What the deadline was understood as, after the text.
                    let (date, dated) = e.effective_deadline();
                    let understood = match e.understood_deadline() {
                        Some(d) if dated && d.kind == DeadlineKind::Date => {
                            format!("→ {} {}", ew.understood, date.format("%Y-%m-%d"))
                        }
                        _ => format!("→ {} {}", ew.plan_end, date.format("%Y-%m-%d")),
                    };
                    let at = (crate::tui::field::width_of(f.text()) + 3).min(text_w);
                    let room = text_w.saturating_sub(at);
                    if room > 4 {
                        frame.buffer_mut().set_string(
                            text_x + at as u16,
                            area.y + y,
                            cut(&understood, room),
                            theme.muted(),
                        );
                    }
                }
                if focused && editing {
                    let col = caret.col.min(text_w);
                    cursor = Some(Position::new(
                        text_x + col as u16,
                        area.y + y + (caret.row - first) as u16,
                    ));
                }
                y += h;
            }
        }
    }
    // The status line: a refusal, the store's word, or the keys of the units field.
    let status = if let Some((m, alert)) = &e.message {
        Some((m.clone(), if *alert { theme.alert() } else { theme.ok() }))
    } else if let Some(r) = &e.refusal {
        let text = match r {
            Refusal::UnitHasReports { name, entries } => t::unit_has_reports(lang, name, *entries),
            Refusal::AlreadyAUnit(name) => t::unit_already(lang, name),
        };
        Some((text, theme.alert()))
    } else if e.saving {
        Some((ew.saving.to_string(), theme.muted()))
    } else if matches!(e.focus, EditorField::Units | EditorField::Section) {
        Some((ew.units_hint.to_string(), theme.muted()))
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
    match state.mode {
        Mode::Picker => picker(frame, area, state, e, theme),
        Mode::Editor => {
            if let Some(c) = cursor {
                frame.set_cursor_position(c);
            }
        }
        _ => {}
    }
}

fn units(buf: &mut Buffer, area: Rect, e: &TaskEditor, focused: bool, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let ew = t::editor_words(lang);
    let w = usize::from(area.width);
    if e.units.is_empty() {
        put(
            buf,
            area,
            0,
            &Line::from(Span::styled(ew.no_units, theme.muted())),
        );
        return;
    }
    let rows = usize::from(area.height);
    let first = e.unit.saturating_sub(rows.saturating_sub(1));
    for (k, u) in e.units.iter().enumerate().skip(first).take(rows) {
        let mark = if u.role == Role::Lead { "★" } else { " " };
        let mut text = format!("{mark}{} {}", u.name, i18n::role(lang, u.role));
        if u.entries > 0 {
            text.push_str(&format!(" · {} {}", u.entries, ew.reports));
        }
        let style = if focused && k == e.unit {
            theme.selected()
        } else {
            theme.plain()
        };
        put(
            buf,
            area,
            (k - first) as u16,
            &Line::from(Span::styled(cut(&text, w), style)),
        );
    }
}

/// The picker: the query with the caret, then the matches with their pinyin initials.
fn picker(frame: &mut Frame<'_>, area: Rect, state: &State, e: &TaskEditor, theme: Theme) {
    let Some(p) = &e.picker else {
        return;
    };
    let ew = t::editor_words(state.session.lang);
    let w = area.width.saturating_sub(4).min(70);
    let h = area.height.saturating_sub(2).min(16);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    clear_under(frame.buffer_mut(), rect);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", ew.picker_title),
        theme.title(),
    ));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let iw = usize::from(inner.width);
    put(
        frame.buffer_mut(),
        inner,
        0,
        &Line::from(vec![
            Span::styled("> ", theme.heading()),
            Span::raw(cut(p.query.text(), iw - 2)),
        ]),
    );
    let caret = p.query.caret_position(iw).col.min(iw - 3);
    frame.set_cursor_position(Position::new(inner.x + 2 + caret as u16, inner.y));
    let rows = usize::from(inner.height.saturating_sub(1));
    if p.matches.is_empty() {
        let name = p.query.text().trim();
        if !name.is_empty() {
            put(
                frame.buffer_mut(),
                inner,
                1,
                &Line::from(Span::styled(
                    cut(&format!("+ {}“{name}”(Enter)", ew.picker_new), iw),
                    theme.selected(),
                )),
            );
        }
        return;
    }
    let first = p.selected.saturating_sub(rows.saturating_sub(1));
    for (k, &i) in p.matches.iter().enumerate().skip(first).take(rows) {
        let d = &e.departments[i];
        let already = e.units.iter().any(|u| u.department_id == d.id);
        let mut text = format!("{}{}", if already { "✓ " } else { "  " }, d.name);
        let initials = pinyin::initials(&d.name);
        let aliases = d.aliases.join("、");
        let extra = if aliases.is_empty() {
            format!("  {initials}")
        } else {
            format!("  {initials}  ({aliases})")
        };
        text.push_str(&extra);
        let style = if k == p.selected {
            theme.selected()
        } else {
            theme.plain()
        };
        put(
            frame.buffer_mut(),
            inner,
            (k - first + 1) as u16,
            &Line::from(Span::styled(cut(&text, iw), style)),
        );
    }
}

/// The yes/no question, over whatever is behind it.
pub fn question(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let Some(q) = &state.question else {
        return;
    };
    let lang = state.session.lang;
    let (title, body) = match q {
        Question::DiscardEditor => t::question_discard(lang),
        Question::NewDepartment { name, similar } => {
            let close: Vec<String> = similar.iter().map(|s| s.name.clone()).collect();
            t::question_new_department(lang, name, &close)
        }
        Question::DeleteTask { label, entries, .. } => t::question_delete(lang, label, *entries),
        Question::MergeDepartments {
            from_name,
            into_name,
            ..
        } => t::question_merge(lang, from_name, into_name),
        Question::RemoveClerk(user) => t::question_remove_clerk(lang, user),
        Question::DiscardImport => crate::i18n::preview::question_discard(lang),
        Question::DiscardFigure => crate::i18n::figure::question_discard(lang),
        Question::DiscardProject => crate::i18n::project_tui::question_discard(lang),
    };
    let inner_w = usize::from(area.width.saturating_sub(6).min(74)).max(10);
    let lines: Vec<Line<'static>> = crate::tui::field::wrap(&body, inner_w)
        .into_iter()
        .map(|r| Line::from(body[r].to_string()))
        .collect();
    dialog(buf, area, &title, lines, theme);
}
