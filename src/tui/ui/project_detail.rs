//! A task's key-project fields and milestones in its detail (挂图作战, issue 23): the owner,
//! total and this year's planned and completed investment with the rate, then one line of
//! milestones, each ◆ reached (with the date) or ◇ not yet (with its planned date, and how late
//! when past it). Marks and words carry the state, so it reads without colour.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::clean;
use crate::domain::Milestone;
use crate::domain::project::rate;
use crate::i18n::project as words;
use crate::store::ProjectInfo;
use crate::tui::state::State;

pub fn detail_lines(
    state: &State,
    project: Option<&ProjectInfo>,
    milestones: &[Milestone],
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = state.session.lang;
    let today = state.session.today;
    let w = words::detail(lang);
    if let Some(p) = project {
        let mut spans = vec![Span::styled(format!("{}: ", w.project), theme.muted())];
        if !p.project.owner.is_empty() {
            spans.push(Span::raw(clean(&p.project.owner)));
        }
        if let Some(total) = p.project.total {
            spans.push(Span::raw(format!(
                "  {} {}",
                w.total,
                words::amount(lang, total)
            )));
        }
        lines.push(Line::from(spans));
        use chrono::Datelike;
        let year = today.year();
        let planned = p.planned(year);
        let done = p.completed_in_year(year, today);
        if planned.is_some() || done.is_some() {
            let mut spans = vec![Span::styled(format!("{}: ", w.year(year)), theme.muted())];
            if let Some(planned) = planned {
                spans.push(Span::raw(format!(
                    "{} {}  ",
                    w.planned,
                    words::amount(lang, planned)
                )));
            }
            spans.push(Span::raw(format!(
                "{} {}",
                w.done,
                words::amount(lang, done.unwrap_or(0.0))
            )));
            if let Some(r) = planned.and_then(|p| rate(done.unwrap_or(0.0), p)) {
                spans.push(Span::raw(format!("  {} {:.1}%", w.rate, r)));
            }
            lines.push(Line::from(spans));
        }
    }
    if milestones.is_empty() {
        return;
    }
    // A date of this year as 06-30, of another year whole: 主体结顶 02-02 could be either year.
    let shown = |d: chrono::NaiveDate| {
        use chrono::Datelike;
        if d.year() == today.year() {
            d.format("%m-%d").to_string()
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    };
    let mut spans = vec![Span::styled(format!("{}: ", w.milestones), theme.muted())];
    for (i, m) in milestones.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let late = m.days_late(today);
        let (text, style) = match m.reached_on {
            Some(on) => (format!("◆{} {}", clean(&m.name), shown(on)), theme.ok()),
            None if late > 0 => (
                format!(
                    "◇{} {} {}",
                    clean(&m.name),
                    shown(m.planned_on),
                    w.late(late)
                ),
                theme.alert(),
            ),
            None => (
                format!("◇{} {}", clean(&m.name), shown(m.planned_on)),
                theme.plain(),
            ),
        };
        spans.push(Span::styled(text, style));
    }
    lines.push(Line::from(spans));
}
