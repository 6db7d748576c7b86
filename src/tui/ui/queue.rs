//! The review queue (待办, `I`): one row per item, oldest first, with how long it has waited;
//! under the list, the selected item's application: its note, why units are below 100%, and
//! each unit's percent, so an admin can decide without leaving the queue.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::detail::short_time;
use super::theme::Theme;
use super::widgets::{blank, cell, clean, fill, put, wrap};
use crate::domain::Closing;
use crate::i18n::{self, closing as words};
use crate::report::text::{Align, width};
use crate::tui::nav::follow;
use crate::tui::queue::QueueItem;
use crate::tui::state::State;

/// Rows kept under the list for the selected item's application (when the screen has room).
const DETAIL_ROWS: u16 = 7;

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let qw = words::queue_words(lang);
    let q = &state.queue;
    for y in 0..area.height {
        blank(buf, area, y, theme.plain());
    }
    if area.height < 3 {
        return;
    }
    let title = match state.session.role {
        Some(crate::domain::ClerkRole::Admin) => qw.title_admin,
        _ => qw.title_unit,
    };
    let count = if q.loaded {
        words::queue_count(lang, q.items.len())
    } else {
        qw.reading.to_string()
    };
    put(
        buf,
        area,
        0,
        &Line::from(vec![
            Span::styled(title.to_string(), theme.title()),
            Span::styled(format!("  {count}"), theme.muted()),
        ]),
    );
    if q.loaded && q.items.is_empty() {
        put(
            buf,
            area,
            2,
            &Line::from(Span::styled(qw.empty.to_string(), theme.muted())),
        );
        return;
    }
    let below = if area.height >= 12 { DETAIL_ROWS } else { 0 };
    let list_rows = usize::from(area.height - 1 - below);
    let total = usize::from(area.width);
    let rows: Vec<[String; 4]> = q.items.iter().map(|i| row(state, i)).collect();
    let num_w = rows.iter().map(|r| width(&r[0])).max().unwrap_or(0).min(10);
    let unit_w = rows
        .iter()
        .map(|r| width(&r[2]))
        .max()
        .unwrap_or(0)
        .min(total / 4);
    let age_w = rows.iter().map(|r| width(&r[3])).max().unwrap_or(0);
    // Marks differ in width (◇, 延 is two columns, Y!): one column as wide as the widest, so
    // the rows stay aligned and the age is never cut at the right edge.
    let marks: Vec<_> = q.items.iter().map(|i| mark(state, i, theme)).collect();
    let mark_w = marks.iter().map(|(g, _)| width(g)).max().unwrap_or(1);
    let title_w = total
        .saturating_sub(mark_w + 1 + num_w + unit_w + age_w + 3)
        .max(4);
    let offset = follow(q.pick, q.offset, list_rows, rows.len());
    for (y, (i, r)) in rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_rows)
        .enumerate()
    {
        let (glyph, style) = &marks[i];
        let y = 1 + y as u16;
        put(
            buf,
            area,
            y,
            &Line::from(vec![
                Span::styled(format!("{} ", cell(glyph, mark_w, Align::Left)), *style),
                Span::styled(cell(&r[0], num_w, Align::Left), theme.heading()),
                Span::raw(" "),
                Span::raw(cell(&r[1], title_w, Align::Left)),
                Span::raw(" "),
                Span::raw(cell(&r[2], unit_w, Align::Left)),
                Span::raw(" "),
                Span::styled(cell(&r[3], age_w, Align::Right), theme.muted()),
            ]),
        );
        if i == q.pick {
            fill(buf, area, y, theme.selected());
        }
    }
    if below > 0
        && let Some(item) = q.selected()
    {
        let top = area.y + area.height - below;
        let rect = Rect::new(area.x, top, area.width, below);
        let rule: String = "─".repeat(total);
        put(buf, rect, 0, &Line::from(Span::styled(rule, theme.muted())));
        let lines: Vec<Line<'static>> = application(state, item, theme)
            .into_iter()
            .flat_map(|l| wrap(l, total))
            .take(usize::from(below - 1))
            .collect();
        for (y, line) in lines.iter().enumerate() {
            put(buf, rect, 1 + y as u16, line);
        }
    }
}

/// The row's mark and its style: the closing glyph, 延 (en `+`) for an extension, the notice's
/// level letter with `!` when overdue: each reads without colour.
fn mark(state: &State, item: &QueueItem, theme: Theme) -> (String, ratatui::style::Style) {
    let lang = state.session.lang;
    match item {
        QueueItem::Closing(c) => (
            words::glyph(c.state).to_string(),
            match c.state {
                Closing::Returned => theme.alert(),
                Closing::Closed => theme.ok(),
                _ => theme.warn(),
            },
        ),
        QueueItem::Extension(_) => (i18n::extension::row_mark(lang).to_string(), theme.warn()),
        QueueItem::Notice(n) => {
            let overdue = n.is_overdue(state.session.today);
            (
                format!("{}{}", n.level.letter(), if overdue { "!" } else { "" }),
                if overdue { theme.alert() } else { theme.warn() },
            )
        }
    }
}

/// A row's number, title, unit and age ("3天").
fn row(state: &State, item: &QueueItem) -> [String; 4] {
    let (task, unit) = match item {
        QueueItem::Closing(c) => (
            &c.task,
            c.applied
                .as_ref()
                .and_then(|a| a.department.clone())
                .unwrap_or_default(),
        ),
        QueueItem::Extension(e) => (&e.task, e.request.department.clone().unwrap_or_default()),
        QueueItem::Notice(n) => (&n.task, n.department.clone()),
    };
    let days = chrono::DateTime::parse_from_rfc3339(item.since())
        .map(|t| {
            let day = t.with_timezone(&state.session.utc_offset).date_naive();
            (state.session.today - day).num_days().max(0)
        })
        .unwrap_or(0);
    [
        clean(&task.number),
        clean(&task.title),
        clean(&unit),
        words::queue_age(state.session.lang, days),
    ]
}

/// The selected item's particulars, so it can be decided without leaving the queue.
fn application(state: &State, item: &QueueItem, theme: Theme) -> Vec<Line<'static>> {
    let lang = state.session.lang;
    let qw = words::queue_words(lang);
    let labelled = |label: &str, text: &str| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.muted()),
            Span::raw(clean(text.trim())),
        ])
    };
    match item {
        QueueItem::Closing(_) => closing_application(state, item, theme),
        QueueItem::Extension(e) => {
            let r = &e.request;
            let when = short_time(&r.at, state.session.utc_offset);
            let asked = r
                .new_deadline
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            vec![
                Line::from(vec![
                    Span::styled(format!("{} ", qw.extension), theme.heading()),
                    Span::styled(format!("{} {when}", clean(&r.by)), theme.muted()),
                ]),
                Line::from(vec![
                    Span::styled(format!("{}: ", qw.asked), theme.muted()),
                    Span::raw(format!("{} → {asked}", r.old_deadline.format("%Y-%m-%d"))),
                ]),
                labelled(i18n::closing::words(lang).reason, &r.reason),
            ]
        }
        QueueItem::Notice(n) => {
            let mut head = format!(
                "{} {} {}",
                clean(&n.number),
                i18n::notice::tag(lang, n.level),
                i18n::notice::state(lang, n.state)
            );
            if n.is_overdue(state.session.today) {
                head.push_str(&format!(" {}", i18n::notice::overdue(lang)));
            }
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(head, theme.heading()),
                    Span::styled(
                        format!("  {}: {}", qw.reply_by, n.reply_by.format("%Y-%m-%d")),
                        theme.muted(),
                    ),
                ]),
                labelled(i18n::closing::words(lang).reason, &n.reason),
            ];
            if let Some(r) = n.last_reply() {
                lines.push(labelled(qw.reply, &r.text));
            }
            lines
        }
    }
}

/// A closing application: the step and who took it, the note, why, the units.
fn closing_application(state: &State, item: &QueueItem, theme: Theme) -> Vec<Line<'static>> {
    let lang = state.session.lang;
    let w = words::words(lang);
    let QueueItem::Closing(c) = item else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let when = short_time(&c.last.at, state.session.utc_offset);
    let mut head = vec![
        Span::styled(
            format!("{}{} ", words::glyph(c.state), words::state(lang, c.state)),
            theme.heading(),
        ),
        Span::styled(
            words::last_step(lang, c.last.step, &clean(&c.last.by), &when),
            theme.muted(),
        ),
    ];
    if state.plans.len() > 1 {
        head.push(Span::styled(
            format!("  {}", clean(&c.task.plan_title)),
            theme.muted(),
        ));
    }
    lines.push(Line::from(head));
    if c.state == Closing::Returned && !c.last.note.trim().is_empty() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}: ", words::tui(lang).return_reason),
                theme.alert(),
            ),
            Span::raw(clean(c.last.note.trim())),
        ]));
    }
    if let Some(a) = &c.applied {
        if !a.note.trim().is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", w.note), theme.muted()),
                Span::raw(clean(a.note.trim())),
            ]));
        }
        if !a.why.trim().is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", w.why), theme.muted()),
                Span::raw(clean(a.why.trim())),
            ]));
        }
    }
    let units: Vec<Span<'static>> = c
        .units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| {
            let style = if u.percent == crate::domain::Percent::FULL {
                theme.ok()
            } else {
                theme.alert()
            };
            [
                Span::raw(if i == 0 { String::new() } else { "  ".into() }),
                Span::raw(format!(
                    "{}{} ",
                    clean(&u.name),
                    words::role_mark(lang, u.role)
                )),
                Span::styled(format!("{}%", u.percent.value()), style),
            ]
        })
        .collect();
    if !units.is_empty() {
        lines.push(Line::from(units));
    }
    lines
}
