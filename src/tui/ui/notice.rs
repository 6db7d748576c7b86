//! 督办单 (issue 22) on screen: the row's mark before its title ("[Y]", "[R!]" when a notice
//! is overdue: letters, so it reads without colour, as in `duban tasks`) and the detail's
//! lines, one per notice with the unit's last reply.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::clean;
use crate::domain::NoticeLevel as Level;
use crate::i18n::{notice as nwords, notice_tui as words};
use crate::tui::state::{State, TaskItem};

/// The row's title with the mark of its live notices before it.
pub fn title(item: &TaskItem, title: &str) -> String {
    match item.notice {
        Some(m) => format!(
            "[{}{}]{title}",
            m.level.letter(),
            if m.overdue { "!" } else { "" }
        ),
        None => title.to_string(),
    }
}

/// The detail's notice lines: each notice (newest first) with its number, level, unit, state
/// (overdue said in words), reply-by date and reason, then the unit's last reply. Nothing for a
/// task never pressed.
pub fn detail_lines(
    state: &State,
    notices: &[crate::store::Notice],
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    if notices.is_empty() {
        return;
    }
    let lang = state.session.lang;
    let w = words::tui(lang);
    let labels = nwords::words(lang);
    lines.push(Line::from(Span::styled(w.label, theme.heading())));
    for n in notices {
        let mut state_words = nwords::state(lang, n.state).to_string();
        let overdue = n.is_overdue(state.session.today);
        if overdue {
            state_words = format!("{state_words} {}", nwords::overdue(lang));
        }
        let style = if overdue || n.level == Level::Red && n.state.is_live() {
            theme.alert()
        } else if n.state.is_live() {
            theme.warn()
        } else {
            theme.muted()
        };
        lines.push(Line::from(Span::styled(
            format!(
                "  {}",
                clean(&words::detail_line(
                    lang,
                    &n.number,
                    n.level,
                    &n.department,
                    &state_words,
                    n.reply_by,
                ))
            ),
            style,
        )));
        let reason = clean(n.reason.trim());
        if !reason.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("    {}: ", labels.reason), theme.muted()),
                Span::raw(reason),
            ]));
        }
        let required = clean(n.required.trim());
        if !required.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("    {}: ", labels.required), theme.muted()),
                Span::raw(required),
            ]));
        }
        if let Some(r) = n.last_reply() {
            lines.push(Line::from(vec![
                Span::styled(format!("    {}: ", w.reply), theme.muted()),
                Span::raw(clean(r.text.trim())),
            ]));
        }
    }
}
