//! Extensions (延期申请, issue 22) on screen: the row's mark before its deadline (延, or + in
//! English: text, so it shows without colour) and the detail's history of requests and answers.

use ratatui::text::{Line, Span};

use super::detail::short_time;
use super::theme::Theme;
use super::widgets::clean;
use crate::domain::ExtensionStep;
use crate::i18n::extension as words;
use crate::report::text::width;
use crate::tui::state::{State, TaskItem};

/// The row's deadline cell with the mark of an extension before it, kept to `room` columns: a
/// full date loses its century ("延26-09-30") rather than its day.
pub fn deadline(state: &State, item: &TaskItem, cell: String, room: usize) -> String {
    if item.extension.extended_from.is_none() {
        return cell;
    }
    let mark = words::row_mark(state.session.lang);
    let marked = format!("{mark}{cell}");
    if width(&marked) <= room {
        return marked;
    }
    let short = cell
        .get(2..)
        .filter(|_| cell.len() == 10 && cell.is_ascii());
    match short {
        Some(short) => format!("{mark}{short}"),
        None => marked,
    }
}

/// The detail's extension lines: 已延期 with the plan's deadline, then each step (oldest first)
/// with who, when, the dates and the reason. Nothing for a task never asked about.
pub fn detail_lines(
    state: &State,
    entries: &[crate::store::ExtensionEntry],
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    if entries.is_empty() {
        return;
    }
    let lang = state.session.lang;
    let w = words::tui(lang);
    let first_grant = entries.iter().find(|e| e.step == ExtensionStep::Approve);
    let answered = |id: i64| entries.iter().any(|e| e.request_id == Some(id));
    let waiting = entries
        .iter()
        .any(|e| e.step == ExtensionStep::Request && !answered(e.id));
    let mut head = vec![Span::styled(format!("{}: ", w.label), theme.muted())];
    if let Some(g) = first_grant {
        head.push(Span::styled(
            format!(
                "{} ({} {})",
                words::extended(lang),
                w.was,
                g.old_deadline.format("%Y-%m-%d")
            ),
            theme.warn(),
        ));
    }
    if waiting {
        if first_grant.is_some() {
            head.push(Span::raw("  "));
        }
        head.push(Span::styled(
            format!("◇{}", words::pending(lang)),
            theme.warn(),
        ));
    }
    lines.push(Line::from(head));
    for e in entries {
        let style = match e.step {
            ExtensionStep::Refuse => theme.alert(),
            _ => theme.plain(),
        };
        lines.push(Line::from(Span::styled(
            format!(
                "  {}",
                clean(&words::history_line(
                    lang,
                    e.step,
                    e.old_deadline,
                    e.new_deadline,
                    e.department.as_deref(),
                    &e.by,
                    &short_time(&e.at, state.session.utc_offset),
                ))
            ),
            style,
        )));
        let reason = clean(e.reason.trim());
        if !reason.is_empty() {
            let l = words::words(lang);
            let label = match e.step {
                ExtensionStep::Approve => l.note,
                _ => l.reason,
            };
            lines.push(Line::from(vec![
                Span::styled(format!("    {label}: "), theme.muted()),
                Span::raw(reason),
            ]));
        }
    }
}
