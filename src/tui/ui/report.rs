//! View 5: the circular's ranking for a quarter; Enter shows the selected department's score
//! breakdown under it (the formula's parts, each with its value, range, weight and points).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, shown_offset, title_line};
use crate::domain::score::ScoreItem;
use crate::i18n::report as words;
use crate::i18n::tui as t;
use crate::report::circular::{Circular, DeptLine};
use crate::report::circular_rows::{Cell, ranking_row};
use crate::report::text::Align;
use crate::tui::state::{Load, State};

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    if let Some(screen) = &state.report.settings {
        return settings(buf, body, state, screen, theme);
    }
    let lang = state.session.lang;
    let sw = words::screen_words(lang);
    let r = &state.report;
    let w = usize::from(body.width);
    let period = r.period.map(|p| words::period(lang, p)).unwrap_or_default();
    let circular = r.circular.as_ref().and_then(|c| c.as_ref());
    // Another period's ranking stays on screen while this one is computed, and says so.
    let as_of = match (r.shown, r.circular.is_some()) {
        (Some(shown), true) if Some(shown) != r.period => {
            t::still_showing(lang, &words::period(lang, shown))
        }
        _ if state.loading.contains(&Load::Report) && r.circular.is_some() => {
            t::words(lang).computing.to_string()
        }
        _ => circular
            .map(|c| words::title_date(lang, &c.as_of.format("%Y-%m-%d").to_string()))
            .unwrap_or_default(),
    };
    let title = title_line(
        &period,
        &[as_of, sw.period_keys.to_string()],
        theme.title(),
        theme.muted(),
        w,
    );
    let contents = match &r.circular {
        None => Contents::Loading,
        Some(None) => Contents::Empty(sw.not_begun),
        Some(Some(c)) if c.departments.is_empty() => Contents::Empty(t::words(lang).none),
        Some(Some(_)) => Contents::Rows,
    };
    // The breakdown takes the lower part when open.
    let (list_area, breakdown_area) = super::layout::report_panes(body, r.open);
    let Some(rows) = pane(
        buf,
        list_area,
        title,
        contents,
        t::words(lang).loading,
        theme.muted(),
    ) else {
        return;
    };
    let Some(c) = circular else {
        return;
    };
    let name_w = w.saturating_sub(4 + 5 + 7 + 5 + 8 + 7 + 6).clamp(8, 20);
    let head = format!(
        "{} {} {} {} {} {} {}",
        cell(sw.columns[0], 4, Align::Right),
        cell(sw.columns[1], 4, Align::Left),
        cell(sw.columns[2], name_w, Align::Left),
        cell(sw.columns[3], 7, Align::Right),
        cell(sw.columns[4], 4, Align::Right),
        cell(sw.columns[5], 8, Align::Right),
        cell(sw.columns[6], 7, Align::Right),
    );
    put(
        buf,
        rows,
        0,
        &Line::from(Span::styled(cut(&head, w), theme.heading())),
    );
    let list = super::layout::table_rows(list_area);
    let end = c.departments.len().min(r.offset + usize::from(list.height));
    for k in r.offset..end {
        let d = &c.departments[k];
        let cells = ranking_row(lang, d);
        let text = format!(
            "{} {} {} {} {} {} {}",
            cell(&cells[0].text(), 4, Align::Right),
            cell(&cells[1].text(), 4, Align::Left),
            cell(&d.name, name_w, Align::Left),
            cell(&cells[4].text(), 7, Align::Right),
            cell(&d.overdue.to_string(), 4, Align::Right),
            cell(&cells[10].text(), 8, Align::Right),
            // Unranked (co-units only): a dash, in muted type.
            cell(&cells[11].text(), 7, Align::Right),
        );
        let style = if k == r.selected {
            theme.selected()
        } else if d.rank.is_none() {
            theme.muted()
        } else {
            theme.plain()
        };
        put(
            buf,
            list,
            (k - r.offset) as u16,
            &Line::from(Span::styled(cut(&text, w), style)),
        );
    }
    if let (Some(area), Some(d)) = (breakdown_area, c.departments.get(r.selected)) {
        breakdown(buf, area, state, c, d, theme);
    }
}

fn breakdown(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    c: &Circular,
    d: &DeptLine,
    theme: Theme,
) {
    let lang = state.session.lang;
    let sw = words::screen_words(lang);
    let w = usize::from(area.width);
    let mut lines: Vec<Line<'static>> = vec![Line::from(Span::styled(
        cut(&format!("── {}:{} ", sw.breakdown, d.name), w),
        theme.heading(),
    ))];
    // Second, so that a long list of points never pushes it out of the pane.
    lines.push(trend_line(state, d.department_id, theme));
    if let Some(score) = &d.score {
        for part in &score.parts {
            let name = words::score_item(lang, part.item);
            let value = match part.item {
                ScoreItem::Metric(_) => format!("{:.1}", part.value),
                ScoreItem::Item(_) => format!("{}", part.value as i64),
            };
            // Everyone equal (max = min): the documented rule gives every department the full
            // weight (no one is behind on it); said, or 0% on time everywhere reads as a reward.
            let range = match part.range {
                Some((lo, hi)) if hi - lo <= f64::EPSILON => {
                    format!(" [{}]", words::all_equal(lang, lo))
                }
                Some((lo, hi)) => format!(" [{lo:.1}–{hi:.1}]"),
                None => String::new(),
            };
            let text = format!(
                "  {} {value}{range} × {} → {:.2}",
                cell(name, 16, Align::Left),
                crate::report::circular_text::trim_number(part.weight),
                part.points
            );
            lines.push(Line::from(cut(&text, w)));
        }
        lines.push(Line::from(Span::styled(
            cut(
                &format!(
                    "  {} {}",
                    cell(sw.total, 16, Align::Left),
                    Cell::Score(Some(score.total)).text()
                ),
                w,
            ),
            theme.heading(),
        )));
    } else {
        lines.push(Line::from(format!("  {}", sw.unranked)));
    }
    let led = sw
        .led_line
        .replace("{led}", &d.led.to_string())
        .replace("{done}", &d.done.to_string())
        .replace("{on}", &d.on_track.to_string())
        .replace("{behind}", &d.behind.to_string())
        .replace("{over}", &d.overdue.to_string());
    let t = d.reports;
    let reports = sw
        .reports_line
        .replace("{due}", &(t.required - t.pending).to_string())
        .replace("{on}", &t.on_time.to_string())
        .replace("{late}", &t.late.to_string())
        .replace("{missing}", &t.missing.to_string());
    lines.push(Line::from(Span::styled(
        cut(&format!("  {led}"), w),
        theme.muted(),
    )));
    lines.push(Line::from(Span::styled(
        cut(&format!("  {reports}"), w),
        theme.muted(),
    )));
    // 办结销号: its led tasks closed, pending review, sent back at the period's end.
    if d.led > 0 {
        let k = d.closing;
        lines.push(Line::from(Span::styled(
            cut(
                &format!(
                    "  {}",
                    words::closing_line(lang, k.closed, k.pending, k.returned)
                ),
                w,
            ),
            theme.muted(),
        )));
    }
    let _ = c;
    for (i, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        put(buf, area, i as u16, line);
    }
}

/// The department's completion at each month's end of the period's year as a sparkline, the
/// first and last month named, then the last three months' figures; "computing…" while it is
/// read (a stale one stays shown, marked).
fn trend_line(state: &State, department: i64, theme: Theme) -> Line<'static> {
    use crate::domain::trend::sparkline;
    use crate::i18n::trend::{month_short, words as trend_words};
    let lang = state.session.lang;
    let tw = trend_words(lang);
    let computing = t::words(lang).computing;
    let (entry, reading) = crate::tui::report_view::trend::shown(state);
    let mut spans = vec![Span::styled(format!("  {} ", tw.department), theme.muted())];
    let Some(trend) = entry.and_then(|e| e.trend.as_ref()) else {
        if reading {
            spans.push(Span::styled(computing, theme.muted()));
        }
        return Line::from(spans);
    };
    let values = trend.department(department);
    let months: Vec<_> = trend.months.iter().map(|m| m.month).collect();
    if values.iter().all(Option::is_none) {
        spans.push(Span::raw(tw.none_led));
    } else if let (Some(first), Some(last)) = (months.first(), months.last()) {
        spans.push(Span::styled(
            format!("{} ", month_short(lang, *first)),
            theme.muted(),
        ));
        spans.push(Span::raw(sparkline(&values)));
        if months.len() > 1 {
            spans.push(Span::styled(
                format!(" {}", month_short(lang, *last)),
                theme.muted(),
            ));
        }
        spans.push(Span::raw(" "));
        let start = months.len().saturating_sub(3);
        for (m, v) in months[start..].iter().zip(&values[start..]) {
            spans.push(Span::styled(
                format!(" {} ", month_short(lang, *m)),
                theme.muted(),
            ));
            spans.push(Span::raw(Cell::Percent(*v).text().into_owned()));
        }
    }
    if reading {
        spans.push(Span::styled(format!("  {computing}"), theme.muted()));
    }
    Line::from(spans)
}

/// The settings screen: each key, its value, and whether it is the default; the presets in force
/// in the title.
fn settings(
    buf: &mut Buffer,
    body: Rect,
    state: &State,
    screen: &crate::tui::report_view::SettingsScreen,
    theme: Theme,
) {
    let lang = state.session.lang;
    let w = usize::from(body.width);
    let facts = match &screen.settings {
        Some(s) => vec![
            words::presets_line(
                lang,
                &s.light_preset.map_or("—".to_string(), |p| {
                    words::setting_value(lang, "light.preset", p.as_str())
                }),
                &words::setting_value(lang, "score.preset", s.score_preset.as_str()),
            ),
            // The keys are in the footer; a non-admin is told why they are fewer.
            if state.session.role == Some(crate::domain::ClerkRole::Admin) {
                String::new()
            } else {
                words::settings_read_only(lang).to_string()
            },
        ],
        None => Vec::new(),
    };
    let title = title_line(
        words::settings_title(lang),
        &facts,
        theme.title(),
        theme.muted(),
        w,
    );
    let contents = if screen.settings.is_some() {
        Contents::Rows
    } else {
        Contents::Loading
    };
    let Some(rows) = pane(
        buf,
        body,
        title,
        contents,
        t::words(lang).loading,
        theme.muted(),
    ) else {
        return;
    };
    let Some(s) = &screen.settings else {
        return;
    };
    // The setting's name in the UI's language first, its key (for `duban setting set`) last.
    let label_w = s
        .rows
        .iter()
        .map(|r| crate::report::text::width(words::setting_label(lang, &r.key)))
        .max()
        .unwrap_or(10);
    let value_w = s
        .rows
        .iter()
        .map(|r| crate::report::text::width(&words::setting_value(lang, &r.key, &r.value)))
        .max()
        .unwrap_or(4)
        .max(4);
    let mark_w = crate::report::text::width(words::default_mark(lang));
    let offset = shown_offset(screen.selected, screen.offset, usize::from(rows.height));
    let end = s.rows.len().min(offset + usize::from(rows.height));
    for k in offset..end {
        let r = &s.rows[k];
        let mark = if r.default {
            words::default_mark(lang)
        } else {
            ""
        };
        let text = format!(
            "{} {} {} {}",
            cell(words::setting_label(lang, &r.key), label_w, Align::Left),
            cell(
                &words::setting_value(lang, &r.key, &r.value),
                value_w,
                Align::Left
            ),
            cell(mark, mark_w, Align::Left),
            r.key
        );
        let style = if k == screen.selected {
            theme.selected()
        } else if r.default {
            theme.muted()
        } else {
            theme.plain()
        };
        put(
            buf,
            rows,
            (k - offset) as u16,
            &Line::from(Span::styled(cut(&text, w), style)),
        );
    }
}
