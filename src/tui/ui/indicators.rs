//! View 6: the indicators of a year (target, latest figure, completion, growth), then each
//! per-department target table as a matrix: departments down, years across.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, title_line};
use crate::i18n::report as words;
use crate::i18n::{Lang, tui as t};
use crate::report::indicators::{IndicatorView, Matrix};
use crate::report::text::{Align, width};
use crate::tui::indicator_view::{ListLine, lines};
use crate::tui::state::State;

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), crate::report::circular_text::trim_number)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}%"))
}

/// "36.6(2026-Q3)", or a dash.
fn latest(period: &Option<String>, value: Option<f64>) -> String {
    match (period, value) {
        (Some(p), Some(x)) => format!("{}({p})", num(Some(x))),
        _ => "—".into(),
    }
}

/// Widths of the indicators' columns; the name takes what the others leave.
const UNIT_W: usize = 6;
const DEPT_W: usize = 10;
const TARGET_W: usize = 8;
const LATEST_W: usize = 14;
const PCT_W: usize = 8;

/// The name's and the department's columns at width `w`: the name takes what the others leave
/// (up to 24), then the department up to 14 (区生态环境分局) on a wide screen.
fn text_widths(w: usize) -> (usize, usize) {
    let rest = w.saturating_sub(UNIT_W + DEPT_W + TARGET_W + LATEST_W + 2 * PCT_W + 6);
    let name = rest.clamp(8, 24);
    (name, DEPT_W + rest.saturating_sub(name).min(4))
}

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let s = &state.indicators;
    let w = usize::from(body.width);
    let year = s
        .year
        .or(s.view.as_ref().map(|v| v.year))
        .unwrap_or_default();
    let as_of = s.view.as_ref().map(|v| v.as_of.clone()).unwrap_or_default();
    let title = words::indicators_title(lang, year, &as_of);
    let keys = crate::i18n::figure::words(lang).year_keys.to_string();
    let title = title_line(&title, &[keys], theme.title(), theme.muted(), w);
    let contents = match &s.view {
        None => Contents::Loading,
        Some(_) if s.rows() == 0 => Contents::Empty(t::words(lang).no_indicators),
        Some(_) => Contents::Rows,
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
    let Some(v) = &s.view else {
        return;
    };
    let (name_w, dept_w) = text_widths(w);
    let line = |c: [&str; 7]| {
        format!(
            "{} {} {} {} {} {} {}",
            cell(c[0], name_w, Align::Left),
            cell(c[1], UNIT_W, Align::Left),
            cell(c[2], dept_w, Align::Left),
            cell(c[3], TARGET_W, Align::Right),
            cell(c[4], LATEST_W, Align::Right),
            cell(c[5], PCT_W, Align::Right),
            cell(c[6], PCT_W, Align::Right),
        )
    };
    let head = words::indicator_screen_columns(lang, v.year);
    let h: Vec<&str> = head.iter().map(String::as_str).collect();
    put(
        buf,
        rows,
        0,
        &Line::from(Span::styled(
            cut(&line([h[0], h[1], h[2], h[3], h[4], h[5], h[6]]), w),
            theme.heading(),
        )),
    );
    let list = super::layout::table_rows(body);
    let all = lines(v);
    let shown = all
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(usize::from(list.height));
    for (k, l) in shown {
        let text = match *l {
            ListLine::Indicator(i) => {
                let l = &v.indicators[i];
                let growth = l.growth.map_or_else(|| "—".into(), |g| format!("{g:+.1}%"));
                line([
                    &l.name,
                    &l.unit,
                    l.department.as_deref().unwrap_or(""),
                    &num(l.target),
                    &latest(&l.latest_period, l.latest),
                    &pct(l.completion),
                    &growth,
                ])
            }
            ListLine::MatrixTitle(m) => {
                let m = &v.matrices[m];
                words::matrix_title(lang, &m.name, &m.unit)
            }
            ListLine::MatrixHead(m) => matrix_head(lang, v, &v.matrices[m], &head, w),
            ListLine::MatrixRow(m, r) => matrix_row(lang, v, &v.matrices[m], r, w),
        };
        let style = if k == s.selected {
            theme.selected()
        } else if matches!(l, ListLine::MatrixTitle(_)) {
            theme.heading()
        } else if matches!(l, ListLine::MatrixHead(_)) {
            theme.muted()
        } else {
            theme.plain()
        };
        put(
            buf,
            list,
            (k - s.offset) as u16,
            &Line::from(Span::styled(cut(&text, w), style)),
        );
    }
}

/// A matrix's department column, after a two-column indent.
const MATRIX_DEPT_W: usize = 12;

/// The years of `m` shown at width `w`: all that fit, as close to the year viewed as they can.
fn years_shown(lang: Lang, v: &IndicatorView, m: &Matrix, w: usize) -> std::ops::Range<usize> {
    let year_w = year_width(lang, m);
    let room = w.saturating_sub(2 + MATRIX_DEPT_W + LATEST_W + 1 + PCT_W + 1);
    let fit = (room / year_w).max(1).min(m.years.len());
    let at = m
        .years
        .iter()
        .position(|y| *y >= v.year)
        .unwrap_or(m.years.len());
    let start = at.saturating_sub(fit / 2).min(m.years.len() - fit);
    start..start + fit
}

fn year_width(lang: Lang, m: &Matrix) -> usize {
    m.years
        .iter()
        .map(|y| width(&words::target_of(lang, *y)))
        .max()
        .unwrap_or(8)
        + 1
}

fn matrix_head(lang: Lang, v: &IndicatorView, m: &Matrix, head: &[String], w: usize) -> String {
    let year_w = year_width(lang, m);
    let mut out = format!(
        "  {}",
        cell(words::department_word(lang), MATRIX_DEPT_W, Align::Left)
    );
    for y in &m.years[years_shown(lang, v, m, w)] {
        out.push_str(&cell(&words::target_of(lang, *y), year_w, Align::Right));
    }
    out.push_str(&format!(
        " {} {}",
        cell(&head[4], LATEST_W, Align::Right),
        cell(&head[5], PCT_W, Align::Right)
    ));
    out
}

fn matrix_row(lang: Lang, v: &IndicatorView, m: &Matrix, r: usize, w: usize) -> String {
    let year_w = year_width(lang, m);
    let row = &m.rows[r];
    let mut out = format!("  {}", cell(&row.department, MATRIX_DEPT_W, Align::Left));
    for t in &row.targets[years_shown(lang, v, m, w)] {
        out.push_str(&cell(&num(*t), year_w, Align::Right));
    }
    out.push_str(&format!(
        " {} {}",
        cell(
            &latest(&row.latest_period, row.latest),
            LATEST_W,
            Align::Right
        ),
        cell(&pct(row.completion), PCT_W, Align::Right)
    ));
    out
}
