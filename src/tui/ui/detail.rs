//! The task detail: full text, every unit with its part and last report, one unit's history.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{body_rows, clean, put, title_line, wrap};
use crate::i18n::{self, tui as t};
use crate::report::text::{Align, fit};
use crate::tui::state::{State, floor_percent};

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme, full: bool) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    let d = &state.detail;
    let Some(data) = d
        .data
        .as_ref()
        .filter(|_| d.task == state.selected_task() || full)
    else {
        put(
            frame.buffer_mut(),
            area,
            0,
            &title_line(w.detail, &[], theme.heading(), theme.muted(), total),
        );
        if state.selected_task().is_some() {
            let inner = body_rows(area);
            put(
                frame.buffer_mut(),
                inner,
                0,
                &Line::from(Span::styled(w.loading, theme.muted())),
            );
        }
        return;
    };
    let title_style = if full { theme.title() } else { theme.heading() };
    put(
        frame.buffer_mut(),
        area,
        0,
        &title_line(
            &format!(
                "{} {}",
                super::plans::number(state, data.plan_id, &data.number),
                data.title
            ),
            &[],
            title_style,
            theme.muted(),
            total,
        ),
    );
    let today = state.session.today;
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Deadline as written and as understood; the task's light and why.
    let deadline = match (&data.deadline_text, data.deadline) {
        (Some(text), Some(date)) => format!("{} ({})", clean(text), date.format("%Y-%m-%d")),
        (Some(text), None) => {
            let words = super::widgets::deadline_words(lang, text);
            let text = clean(text);
            let shown = if words == text {
                text
            } else {
                format!("{words} · {text}")
            };
            format!("{shown} ({})", data.schedule.deadline.format("%Y-%m-%d"))
        }
        (None, _) => data.schedule.deadline.format("%Y-%m-%d").to_string(),
    };
    let units: Vec<_> = data.units.iter().map(|u| (u.role, u.percent)).collect();
    let completion = crate::domain::task_completion(&units);
    let mut facts = vec![
        Span::styled(format!("{}: ", w.deadline), theme.muted()),
        Span::raw(deadline),
    ];
    if let Some(c) = completion {
        let a = state.milestones.assess(
            data.id,
            None,
            floor_percent(c),
            data.schedule,
            today,
            &state.thresholds,
        );
        facts.push(Span::raw("  "));
        facts.push(Span::styled(
            format!("{} {}% ", a.light.glyph(), crate::domain::shown_percent(c)),
            theme.light(Some(a.light)),
        ));
        facts.push(Span::styled(
            i18n::reason(lang, a.reason),
            theme.light(Some(a.light)),
        ));
    }
    lines.push(Line::from(facts));
    closing_lines(state, data.closing.as_ref(), theme, &mut lines);
    super::extension::detail_lines(state, &data.extensions, theme, &mut lines);
    super::notice::detail_lines(state, &data.notices, theme, &mut lines);
    super::project_detail::detail_lines(
        state,
        data.project.as_deref(),
        &data.milestones,
        theme,
        &mut lines,
    );
    // Which plan, where several are shown together (the label before the number says it short).
    if let Some(label) = state.plan_label(data.plan_id)
        && let Some(plan) = state.plans.iter().find(|p| p.id == data.plan_id)
    {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t::plan_words(lang).plan), theme.muted()),
            Span::raw(format!("{label} {}", clean(&plan.title))),
        ]));
    }
    if let Some(section) = &data.section {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", w.section), theme.muted()),
            Span::raw(clean(section)),
        ]));
    }
    if !data.body.trim().is_empty() && data.body.trim() != data.title.trim() {
        lines.push(Line::from(Span::styled(w.body, theme.heading())));
        for para in data.body.lines().filter(|l| !l.trim().is_empty()) {
            lines.push(Line::from(format!("  {}", clean(para.trim()))));
        }
    }
    lines.push(Line::from(Span::styled(w.units, theme.heading())));
    if data.units.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  {}", w.no_units),
            theme.warn(),
        )));
    }
    let name_w = data
        .units
        .iter()
        .map(|u| crate::report::text::width(&u.name))
        .max()
        .unwrap_or(4)
        .min(20);
    for (i, u) in data.units.iter().enumerate() {
        let a = state.milestones.assess(
            data.id,
            Some(u.role),
            u.percent,
            data.schedule,
            today,
            &state.thresholds,
        );
        let marker = if i == d.unit && data.units.len() > 1 {
            "▶ "
        } else {
            "  "
        };
        let mut spans = vec![
            Span::raw(marker),
            Span::raw(fit(&clean(&u.name), name_w, Align::Left)),
            Span::raw(" "),
            Span::styled(fit(i18n::role(lang, u.role), 4, Align::Left), theme.muted()),
            Span::raw(fit(&format!("{}%", u.percent.value()), 5, Align::Right)),
            Span::raw(" "),
            Span::styled(
                format!("{} {}", a.light.glyph(), i18n::reason(lang, a.reason)),
                theme.light(Some(a.light)),
            ),
        ];
        if let Some(last) = &u.last {
            spans.push(Span::styled(
                format!(
                    "  {}",
                    t::reported(
                        lang,
                        &last.reported_by,
                        &short_time(&last.reported_at, state.session.utc_offset)
                    )
                ),
                theme.muted(),
            ));
        }
        lines.push(Line::from(spans));
        if let Some(last) = &u.last
            && let Some(first) = last.note.lines().find(|l| !l.trim().is_empty())
        {
            lines.push(Line::from(Span::styled(
                format!("      {}", clean(first.trim())),
                theme.muted(),
            )));
        }
    }
    attachment_lines(state, &data.attachments, theme, &mut lines);
    trend_lines(state, data, (name_w, total), theme, &mut lines);
    if let Some(unit) = data.units.get(d.unit) {
        lines.push(Line::from(Span::styled(
            format!("{} — {}", w.history, clean(&unit.name)),
            theme.heading(),
        )));
        if d.history.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  {}", w.no_history),
                theme.muted(),
            )));
        }
        for e in d.history.iter().rev() {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "  {} ",
                        short_time(&e.reported_at, state.session.utc_offset)
                    ),
                    theme.muted(),
                ),
                Span::raw(fit(&format!("{}%", e.percent.value()), 4, Align::Right)),
                Span::styled(format!(" {}", e.reported_by), theme.muted()),
            ]));
            for l in e.note.lines().filter(|l| !l.trim().is_empty()) {
                lines.push(Line::from(format!("      {}", clean(l.trim()))));
            }
        }
    }
    let inner = body_rows(area);
    let wrapped = lines.into_iter().flat_map(|l| wrap(l, total));
    let buf = frame.buffer_mut();
    for (y, line) in wrapped
        .skip(usize::from(d.scroll))
        .take(usize::from(inner.height))
        .enumerate()
    {
        put(buf, inner, y as u16, &line);
    }
}

/// Where the task stands in closing (办结销号) and its last step: who, when, the note, and for a
/// task sent back the reason on a line of its own. Nothing for a task never applied for.
fn closing_lines(
    state: &State,
    last: Option<&crate::store::ClosingEntry>,
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    use crate::domain::{Closing, ClosingStep};
    let Some(last) = last else {
        return;
    };
    let lang = state.session.lang;
    let w = i18n::closing::tui(lang);
    let closing = last.step.leaves();
    let style = match closing {
        Closing::Closed => theme.ok(),
        Closing::Returned => theme.alert(),
        Closing::Pending | Closing::Open => theme.warn(),
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", w.closing), theme.muted()),
        Span::styled(
            format!(
                "{}{}",
                i18n::closing::glyph(closing),
                i18n::closing::state(lang, closing)
            ),
            style,
        ),
        Span::styled(
            format!(
                "  {}",
                i18n::closing::last_step(
                    lang,
                    last.step,
                    &last.by,
                    &short_time(&last.at, state.session.utc_offset)
                )
            ),
            theme.muted(),
        ),
    ]));
    let note = clean(last.note.trim());
    match last.step {
        ClosingStep::Return | ClosingStep::Reopen => {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}: ", w.return_reason), theme.alert()),
                Span::raw(note),
            ]));
        }
        _ if !note.is_empty() => {
            let label = i18n::closing::words(lang).note;
            lines.push(Line::from(vec![
                Span::styled(format!("  {label}: "), theme.muted()),
                Span::raw(note),
            ]));
        }
        _ => {}
    }
    let why = clean(last.why.trim());
    if !why.is_empty() {
        let label = i18n::closing::words(lang).why;
        lines.push(Line::from(vec![
            Span::styled(format!("  {label}: "), theme.muted()),
            Span::raw(why),
        ]));
    }
}

/// Each unit's percent at every month's end as a sparkline of eighth blocks, one cell a month,
/// from the task's start (or an earlier first report) to the month shown, the first and last
/// month named; only the newest months that fit the width. Drawn from the journal figures the
/// detail read with the task (`TaskDetail::steps`).
fn trend_lines(
    state: &State,
    data: &crate::store::TaskDetail,
    (name_w, total): (usize, usize),
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    use crate::domain::trend;
    if data.units.is_empty() {
        return;
    }
    let lang = state.session.lang;
    let tw = i18n::trend::words(lang);
    let offset = state.session.utc_offset;
    let shown = shown_day(state);
    lines.push(Line::from(Span::styled(tw.detail_heading, theme.heading())));
    for (i, u) in data.units.iter().enumerate() {
        let marker = if i == state.detail.unit && data.units.len() > 1 {
            "▶ "
        } else {
            "  "
        };
        let mut spans = vec![
            Span::raw(marker),
            Span::raw(fit(&clean(&u.name), name_w, Align::Left)),
            Span::raw(" "),
        ];
        let steps: Vec<_> = data
            .steps
            .iter()
            .filter(|s| s.department_id == u.department_id)
            .map(|s| (local_day(&s.reported_at, offset), s.percent))
            .collect();
        let months = trend::unit_months(data.schedule.starts_on, steps.first().map(|s| s.0), shown);
        let values = trend::at_month_ends(&steps, &months);
        // Room for the cells: the line less its name and the two labels at their widest.
        let label_w = crate::report::text::width(&i18n::trend::month(lang, trend::month_of(shown)));
        let cells = total.saturating_sub(2 + name_w + 1 + 2 * (label_w + 1) + 1);
        let kept = trend::last_fitting(&months, cells);
        let kept_values = trend::last_fitting(&values, cells);
        match (kept.first(), kept.last()) {
            (Some(first), Some(last)) => {
                let figures: Vec<Option<f64>> = kept_values
                    .iter()
                    .map(|p| Some(f64::from(p.value())))
                    .collect();
                spans.push(Span::styled(
                    format!("{} ", i18n::trend::month(lang, *first)),
                    theme.muted(),
                ));
                spans.push(Span::raw(trend::sparkline(&figures)));
                if kept.len() > 1 {
                    spans.push(Span::styled(
                        format!(" {}", i18n::trend::month(lang, *last)),
                        theme.muted(),
                    ));
                }
            }
            _ => spans.push(Span::styled(tw.not_begun, theme.muted())),
        }
        lines.push(Line::from(spans));
    }
}

/// The day the detail is for: today, or the last day before an as-of bound.
fn shown_day(state: &State) -> chrono::NaiveDate {
    let today = state.session.today;
    match state.session.as_of {
        Some(bound) => (bound - chrono::Duration::seconds(1))
            .with_timezone(&state.session.utc_offset)
            .date_naive()
            .min(today),
        None => today,
    }
}

/// The local day of a stored instant ("2026-10-31T17:00:00Z" is 1 November at +08:00).
fn local_day(at: &str, offset: chrono::FixedOffset) -> chrono::NaiveDate {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(&offset).date_naive(),
        Err(_) => at
            .get(..10)
            .and_then(|d| d.parse().ok())
            .unwrap_or(chrono::NaiveDate::MIN),
    }
}

/// The task's evidence files (佐证材料): name, size, unit, who and when, oldest first.
fn attachment_lines(
    state: &State,
    files: &[crate::store::Attachment],
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    if files.is_empty() {
        return;
    }
    let lang = state.session.lang;
    let aw = i18n::attachment::tui(lang);
    lines.push(Line::from(Span::styled(
        format!("{} ({})", aw.heading, files.len()),
        theme.heading(),
    )));
    for f in files {
        lines.push(Line::from(vec![
            Span::raw(format!("  #{} ", f.id)),
            Span::raw(clean(&crate::report::text::truncate(&f.name, 30))),
            Span::styled(
                format!(
                    "  {}  {}  {}  {} {}",
                    crate::domain::attachment::human_size(f.size),
                    clean(f.department.as_deref().unwrap_or("")),
                    i18n::attachment::owner(lang, f.owner),
                    clean(&f.by),
                    short_time(&f.at, state.session.utc_offset)
                ),
                theme.muted(),
            ),
        ]));
    }
}

/// "2026-10-25T00:30:00Z" as "2026-10-25 08:30" in the session's local time.
pub(super) fn short_time(at: &str, offset: chrono::FixedOffset) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => at.chars().take(16).collect(),
    }
}
