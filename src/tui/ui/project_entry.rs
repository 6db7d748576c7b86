//! A unit's entry on a key project (issue 23) over the body: the month's investment figure,
//! with the project and the year's figures above it, or a milestone reached, with the task's
//! milestones to pick from. Draws `&State` only; the terminal cursor goes to the caret,
//! measured in display columns, so that a Chinese IME's window opens where the clerk types.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::short_time;
use super::figure::visible;
use super::theme::Theme;
use super::widgets::{cell, clean, cut, put};
use crate::domain::project::{amount_text, rate};
use crate::i18n::project_tui as words;
use crate::report::text::{Align, width};
use crate::tui::field::TextField;
use crate::tui::project_entry::model::{InvField, MsField};
use crate::tui::project_entry::{EntryTask, InvestmentForm, MilestoneForm, ProjectEntry};
use crate::tui::state::{Mode, State};

/// The most figures of the year listed over the form.
const RECENT: usize = 4;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    match &state.project_entry {
        Some(ProjectEntry::Investment(f)) => investment(frame, area, state, f, theme),
        Some(ProjectEntry::Milestone(f)) => milestone(frame, area, state, f, theme),
        None => {}
    }
}

fn heading(frame: &mut Frame<'_>, area: Rect, title: &str, t: &EntryTask, theme: Theme) {
    let text = format!("{title} · {} {} · {}", t.number, t.title, t.department);
    put(
        frame.buffer_mut(),
        area,
        0,
        &Line::from(Span::styled(
            cut(&text, usize::from(area.width)),
            theme.title(),
        )),
    );
}

/// A muted line at row `y`, cut to the width.
fn muted(frame: &mut Frame<'_>, area: Rect, y: u16, text: &str, style: Style) {
    put(
        frame.buffer_mut(),
        area,
        y,
        &Line::from(Span::styled(cut(text, usize::from(area.width)), style)),
    );
}

/// Where one field goes: its row, label, width and the words after it.
struct Place<'a> {
    y: u16,
    label: &'a str,
    label_w: usize,
    field_w: usize,
    after: String,
    after_style: Style,
}

/// Draws a labelled one-line field; the caret's position when it has the keyboard.
fn field(
    frame: &mut Frame<'_>,
    area: Rect,
    place: Place<'_>,
    text: &TextField,
    focused: bool,
    refused: bool,
    theme: Theme,
) -> Option<Position> {
    let label_style = if focused {
        theme.selected()
    } else if refused {
        theme.alert()
    } else {
        theme.heading()
    };
    let (shown, caret) = visible(text, place.field_w);
    let value_style = if text.is_selected() && focused {
        theme.selected()
    } else {
        theme.plain()
    };
    let line = Line::from(vec![
        Span::raw("  "),
        Span::styled(cell(place.label, place.label_w, Align::Left), label_style),
        Span::raw("  "),
        Span::styled("[", theme.muted()),
        Span::styled(cell(&shown, place.field_w, Align::Left), value_style),
        Span::styled("]", theme.muted()),
        Span::styled(format!(" {}", place.after), place.after_style),
    ]);
    put(frame.buffer_mut(), area, place.y, &line);
    let x = 2 + place.label_w + 3 + caret;
    (focused && x < usize::from(area.width) && place.y < area.height)
        .then(|| Position::new(area.x + x as u16, area.y + place.y))
}

fn investment(frame: &mut Frame<'_>, area: Rect, state: &State, f: &InvestmentForm, theme: Theme) {
    let lang = state.session.lang;
    let w = words::entry(lang);
    let d = &f.data;
    heading(frame, area, w.investment_title, &d.task, theme);
    let Some(info) = &d.info else {
        return;
    };
    // The year of the month typed, else this year's.
    let year = f
        .typed_month()
        .map_or(chrono::Datelike::year(&state.session.today), |m| m.year);
    let planned = info.planned(year);
    // A long company name gives way to the amounts.
    let facts = words::facts(
        lang,
        &cut(&info.project.owner, 20),
        info.project.total,
        year,
        planned,
    );
    muted(frame, area, 1, &facts, theme.muted());
    let figures = crate::tui::project_entry::year_figures(d, year);
    let line = if figures.is_empty() {
        w.none_yet.to_string()
    } else {
        let start = figures.len().saturating_sub(RECENT);
        let mut parts: Vec<String> = figures[start..]
            .iter()
            .map(|g| format!("{} {}", g.month, amount_text(g.amount)))
            .collect();
        if let (Some(last), Some(newest)) = (parts.last_mut(), d.history.last()) {
            last.push_str(&format!(
                "({} {})",
                clean(&newest.by),
                short_time(&newest.at, state.session.utc_offset)
            ));
        }
        let done = figures.last().map(|g| g.amount);
        let r = done.zip(planned).and_then(|(c, p)| rate(c, p));
        words::reported(lang, &parts, r)
    };
    muted(frame, area, 2, &line, theme.muted());

    let typing = state.mode == Mode::Project;
    let label_w = w.labels.iter().map(|l| width(l)).max().unwrap_or(4);
    let wide = usize::from(area.width)
        .saturating_sub(label_w + 8)
        .clamp(10, 60);
    let falls = f.falls_below();
    let refused = |field: InvField| matches!(&f.error, Some((Some(e), _)) if *e == field);
    let mut cursor = None;
    for (i, (which, field_w, after, style)) in [
        (InvField::Month, 11, w.month_hint.to_string(), theme.muted()),
        (
            InvField::Amount,
            16,
            w.amount_hint.to_string(),
            theme.muted(),
        ),
        (InvField::Note, wide, String::new(), theme.muted()),
        (InvField::Reason, wide, String::new(), theme.muted()),
    ]
    .into_iter()
    .enumerate()
    {
        let place = Place {
            y: 4 + i as u16,
            label: w.labels[i],
            label_w,
            field_w,
            after,
            after_style: style,
        };
        let focused = f.focus == which;
        if let Some(c) = field(
            frame,
            area,
            place,
            f.field(which),
            focused,
            refused(which),
            theme,
        ) && typing
        {
            cursor = Some(c);
        }
    }
    // Under the reason: when it is needed, and why.
    let (why, style) = match &falls {
        Some(prev) => (
            words::reason_needed(lang, &prev.month.to_string(), prev.amount),
            theme.alert(),
        ),
        None => (w.reason_hint.to_string(), theme.muted()),
    };
    let indent = " ".repeat(label_w + 5);
    muted(frame, area, 8, &format!("{indent}{why}"), style);
    status(
        frame,
        area,
        10,
        f.error.as_ref().map(|e| &e.1),
        f.saving,
        lang,
        theme,
    );
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

/// The line for what went wrong, or that the save is on its way.
fn status(
    frame: &mut Frame<'_>,
    area: Rect,
    y: u16,
    error: Option<&String>,
    saving: bool,
    lang: crate::i18n::Lang,
    theme: Theme,
) {
    let (text, style) = match error {
        Some(why) => (why.clone(), theme.alert()),
        None if saving => (words::entry(lang).saving.to_string(), theme.muted()),
        None => return,
    };
    let y = y.min(area.height.saturating_sub(1));
    muted(frame, area, y, &format!("  {text}"), style);
}

fn milestone(frame: &mut Frame<'_>, area: Rect, state: &State, f: &MilestoneForm, theme: Theme) {
    let lang = state.session.lang;
    let w = words::entry(lang);
    let d = &f.data;
    heading(frame, area, w.milestone_title, &d.task, theme);
    let on_list = f.focus == MsField::List;
    muted(frame, area, 1, &format!("  {}", w.list_head), theme.muted());
    // The list takes what the two fields and the status lines leave.
    let room = usize::from(area.height.saturating_sub(8)).max(1);
    let first = f.selected.saturating_sub(room.saturating_sub(1));
    let total = usize::from(area.width);
    let name_w = total.saturating_sub(50).clamp(8, 24);
    let today = state.session.today;
    for (k, r) in d.rows.iter().enumerate().skip(first).take(room) {
        let m = &r.milestone;
        let on = m.reached_on.map(|d| d.format("%Y-%m-%d").to_string());
        let by = r.reached_by.as_ref().map(|(by, _)| clean(by));
        let state_text =
            words::milestone_state(lang, on.as_deref().zip(by.as_deref()), m.days_late(today));
        let chosen = k == f.selected;
        let text = format!(
            "{} {:>2} {} {}  {}",
            if chosen { "▶" } else { " " },
            k + 1,
            cell(&m.name, name_w, Align::Left),
            words::planned(lang, &m.planned_on.format("%Y-%m-%d").to_string()),
            state_text
        );
        let style = if chosen && on_list {
            theme.selected()
        } else if m.reached_on.is_none() && m.days_late(today) > 0 {
            theme.alert()
        } else {
            theme.plain()
        };
        put(
            frame.buffer_mut(),
            area,
            2 + (k - first) as u16,
            &Line::from(Span::styled(cut(&text, total), style)),
        );
    }
    let y = 2 + room.min(d.rows.len()) as u16 + 1;
    let typing = state.mode == Mode::Project;
    let back = f.taking_back();
    let labels = [w.reached_on, if back { w.why_undo } else { w.note }];
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(4);
    let wide = total.saturating_sub(label_w + 8).clamp(10, 60);
    let refused = |field: MsField| matches!(&f.error, Some((Some(e), _)) if *e == field);
    let mut cursor = None;
    if back {
        let on = f
            .row()
            .and_then(|r| r.milestone.reached_on)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        muted(
            frame,
            area,
            y,
            &format!("  {}", words::taking_back(lang, &on)),
            theme.warn(),
        );
    } else {
        let place = Place {
            y,
            label: labels[0],
            label_w,
            // A date and a column for the caret after it.
            field_w: 11,
            after: w.date_hint.to_string(),
            after_style: theme.muted(),
        };
        let focused = f.focus == MsField::Date;
        cursor = field(
            frame,
            area,
            place,
            &f.date,
            focused,
            refused(MsField::Date),
            theme,
        )
        .filter(|_| typing);
    }
    let place = Place {
        y: y + 1,
        label: labels[1],
        label_w,
        field_w: wide,
        after: String::new(),
        after_style: theme.muted(),
    };
    let focused = f.focus == MsField::Note;
    if let Some(c) = field(
        frame,
        area,
        place,
        &f.note,
        focused,
        refused(MsField::Note),
        theme,
    ) && typing
    {
        cursor = Some(c);
    }
    status(
        frame,
        area,
        y + 3,
        f.error.as_ref().map(|e| &e.1),
        f.saving,
        lang,
        theme,
    );
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}
