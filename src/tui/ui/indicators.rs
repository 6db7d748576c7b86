//! View 6: the indicators of this year (target, latest figure, completion, growth), then the
//! per-department target tables, one row per department.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{Contents, cell, cut, pane, put, title_line};
use crate::i18n::report as words;
use crate::i18n::tui as t;
use crate::report::text::Align;
use crate::tui::state::State;

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), crate::report::circular_text::trim_number)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}%"))
}

pub fn draw(buf: &mut Buffer, body: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let s = &state.indicators;
    let w = usize::from(body.width);
    let title = match &s.view {
        Some(v) => words::indicators_title(lang, v.year, &v.as_of),
        None => words::screen_words(lang).indicators_view.to_string(),
    };
    let title = title_line(&title, &[], theme.title(), theme.muted(), w);
    let contents = match &s.view {
        None => Contents::Loading,
        Some(_) if s.rows() == 0 => Contents::Empty(t::words(lang).nothing),
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
    let head = words::indicator_columns(lang, v.year);
    let name_w = w.saturating_sub(6 + 10 + 8 + 14 + 8 + 8 + 6).clamp(8, 24);
    let line = |c: [&str; 7]| {
        format!(
            "{} {} {} {} {} {} {}",
            cell(c[0], name_w, Align::Left),
            cell(c[1], 6, Align::Left),
            cell(c[2], 10, Align::Left),
            cell(c[3], 8, Align::Right),
            cell(c[4], 14, Align::Right),
            cell(c[5], 8, Align::Right),
            cell(c[6], 8, Align::Right),
        )
    };
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
    // The lines of both parts, in the order the cursor walks them.
    let mut texts: Vec<String> = v
        .indicators
        .iter()
        .map(|l| {
            let latest = match (&l.latest_period, l.latest) {
                (Some(p), Some(x)) => format!("{}({p})", num(Some(x))),
                _ => "—".into(),
            };
            let growth = l.growth.map_or_else(|| "—".into(), |g| format!("{g:+.1}%"));
            line([
                &l.name,
                &l.unit,
                l.department.as_deref().unwrap_or(""),
                &num(l.target),
                &latest,
                &pct(l.completion),
                &growth,
            ])
        })
        .collect();
    for m in &v.matrices {
        for r in &m.rows {
            let target = r
                .targets
                .iter()
                .map(|x| num(*x))
                .collect::<Vec<_>>()
                .join("/");
            texts.push(line([
                &m.name,
                &m.unit,
                &r.department,
                &target,
                &num(r.latest),
                &pct(r.completion),
                "",
            ]));
        }
    }
    let list = Rect::new(
        rows.x,
        rows.y + 1,
        rows.width,
        rows.height.saturating_sub(1),
    );
    let shown = texts
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(usize::from(list.height));
    for (k, text) in shown {
        let style = if k == s.selected {
            theme.selected()
        } else {
            theme.plain()
        };
        put(
            buf,
            list,
            (k - s.offset) as u16,
            &Line::from(Span::styled(cut(text, w), style)),
        );
    }
}
