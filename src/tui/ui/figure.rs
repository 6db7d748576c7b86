//! View 6's figure entry, under the indicators: what is reported on (target, latest figure,
//! the last figures), the period and value fields, and one line for what went wrong. Draws
//! `&State` only; the terminal cursor goes to the caret, measured in display columns, so that a
//! Chinese IME's window opens where the clerk types.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::detail::short_time;
use super::theme::Theme;
use super::widgets::{cell, cut, put};
use crate::i18n::figure as words;
use crate::report::circular_text::trim_number;
use crate::report::text::{Align, width};
use crate::tui::field::TextField;
use crate::tui::figure::{FIELD_WIDTH, FigureField};
use crate::tui::state::{Mode, State};

/// The last figures listed above the fields.
const RECENT: usize = 3;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let Some(entry) = &state.figure else {
        return;
    };
    let lang = state.session.lang;
    let fw = words::words(lang);
    let total = usize::from(area.width);
    let d = &entry.data;
    let buf = frame.buffer_mut();

    // A rule with what is being reported on.
    let head = format!(
        "── {} ",
        words::heading(lang, &d.name, &d.unit, d.department.as_deref())
    );
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

    // The year's target, the latest figure and completion, as the list computed them.
    let year = d.year;
    let target = d
        .targets
        .iter()
        .find(|(y, _)| *y == year)
        .map_or_else(|| "—".to_string(), |(_, v)| trim_number(*v));
    let (latest, completion) = shown_figures(state, d.indicator_id);
    let facts = format!(
        "  {} · {} {latest} · {} {completion}",
        words::target(lang, year, &target),
        fw.latest,
        fw.completion
    );
    put(
        buf,
        area,
        1,
        &Line::from(Span::styled(cut(&facts, total), theme.muted())),
    );

    // The last figures, the newest with who reported it and when.
    let recent = if d.figures.is_empty() {
        format!("  {}", fw.none_yet)
    } else {
        let start = d.figures.len().saturating_sub(RECENT);
        let mut parts: Vec<String> = d.figures[start..]
            .iter()
            .map(|f| format!("{} {}", f.period, trim_number(f.value)))
            .collect();
        if let (Some(last), Some(newest)) = (parts.last_mut(), d.figures.last()) {
            last.push_str(&format!(
                "({} {})",
                newest.reported_by,
                short_time(&newest.reported_at, state.session.utc_offset)
            ));
        }
        format!("  {}", words::reported(lang, &parts))
    };
    put(
        buf,
        area,
        2,
        &Line::from(Span::styled(cut(&recent, total), theme.muted())),
    );

    let typing = state.mode == Mode::Figure;
    let label_w = width(fw.period).max(width(fw.value)) + 2;
    let mut cursor = None;
    for (y, field, label, after) in [
        (
            3u16,
            FigureField::Period,
            fw.period,
            format!("  {}", fw.period_hint),
        ),
        (
            4u16,
            FigureField::Value,
            fw.value,
            format!(" {}  {}", d.unit, fw.value_hint),
        ),
    ] {
        let text = match field {
            FigureField::Period => &entry.period,
            FigureField::Value => &entry.value,
        };
        let focused = entry.focus == field;
        let refused = matches!(&entry.error, Some((Some(f), _)) if *f == field);
        let label_style = if focused {
            theme.selected()
        } else if refused {
            theme.alert()
        } else {
            theme.heading()
        };
        let (shown, caret) = visible(text, FIELD_WIDTH);
        let value_style = if text.is_selected() && focused {
            theme.selected()
        } else {
            theme.plain()
        };
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(label, label_w - 2, Align::Left), label_style),
            Span::raw("  "),
            Span::styled("[", theme.muted()),
            Span::styled(cell(&shown, FIELD_WIDTH, Align::Left), value_style),
            Span::styled("]", theme.muted()),
            Span::styled(after, theme.muted()),
        ]);
        put(buf, area, y, &line);
        if focused && typing {
            let x = 2 + label_w + 1 + caret;
            if x < total && y < area.height {
                cursor = Some(Position::new(area.x + x as u16, area.y + y));
            }
        }
    }

    // What went wrong, or that the save is on its way.
    let status = if let Some((_, why)) = &entry.error {
        Some((why.clone(), theme.alert()))
    } else if let Some(theirs) = &entry.conflict {
        Some((
            words::conflict(
                lang,
                &theirs.reported_by,
                &short_time(&theirs.reported_at, state.session.utc_offset),
                &theirs.period,
                &format!("{}{}", trim_number(theirs.value), d.unit),
            ),
            theme.warn(),
        ))
    } else if entry.saving {
        Some((fw.saving.to_string(), theme.muted()))
    } else {
        None
    };
    if let Some((text, style)) = status {
        put(
            buf,
            area,
            5,
            &Line::from(Span::styled(cut(&format!("  {text}"), total), style)),
        );
    }
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

/// The latest figure and completion of the indicator as the list shows them for the year.
fn shown_figures(state: &State, id: i64) -> (String, String) {
    let pct = |v: Option<f64>| v.map_or_else(|| "—".into(), |v| format!("{v:.1}%"));
    let latest = |p: &Option<String>, v: Option<f64>| match (p, v) {
        (Some(p), Some(v)) => format!("{}({p})", trim_number(v)),
        _ => "—".into(),
    };
    let Some(v) = &state.indicators.view else {
        return ("—".into(), "—".into());
    };
    if let Some(l) = v.indicators.iter().find(|l| l.id == id) {
        return (latest(&l.latest_period, l.latest), pct(l.completion));
    }
    v.matrices
        .iter()
        .flat_map(|m| &m.rows)
        .find(|r| r.id == id)
        .map_or(("—".into(), "—".into()), |r| {
            (latest(&r.latest_period, r.latest), pct(r.completion))
        })
}

/// The part of a one-line field shown in `w` columns, from where the caret fits (a long text
/// scrolls left as it is typed), and the caret's column in it.
pub(super) fn visible(field: &TextField, w: usize) -> (String, usize) {
    let text = field.text();
    let caret = field.caret_position(usize::MAX / 2).col;
    // A column stays free for the caret after the last character.
    let room = w.saturating_sub(1).max(2);
    let mut skipped = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices() {
        if caret.saturating_sub(skipped) <= room {
            start = i;
            break;
        }
        skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    let shown = crate::report::text::truncate(&text[start..], w);
    (shown, caret.saturating_sub(skipped).min(w))
}
