//! The help screen: the keys of the view behind it and of what opens from there, straight from
//! the keymap (so it lists exactly what works). Long explanations wrap under themselves.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{body_rows, cell, cut, put};
use crate::i18n::tui as t;
use crate::report::text::Align;
use crate::tui::keymap::{self, Place, When};
use crate::tui::state::{Mode, State, View};

/// Columns of the key column, with its indent.
const KEY_W: usize = 12;
const INDENT: usize = 2;

pub fn draw(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let w = t::words(lang);
    let total = usize::from(area.width);
    put(
        buf,
        area,
        0,
        &Line::from(Span::styled(
            cut(&format!("{} — {}", w.help, w.help_close), total),
            theme.title(),
        )),
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    let heading = |title: &str, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.heading())));
    };
    // A key and what it does; the text wraps under itself rather than run off the screen.
    let text_w = total.saturating_sub(INDENT + KEY_W).max(10);
    let row = |key: &str, text: &str, lines: &mut Vec<Line<'static>>| {
        for (i, part) in wrap_words(text, text_w).into_iter().enumerate() {
            let key = if i == 0 { key } else { "" };
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(INDENT)),
                Span::styled(cell(key, KEY_W, Align::Left), theme.heading()),
                Span::raw(part),
            ]));
        }
    };
    // The keys of `place` that `own` keeps.
    let keys = |place: Place, own: &dyn Fn(&keymap::Binding) -> bool, lines: &mut Vec<_>| {
        for b in keymap::visible(place).filter(|b| own(b)) {
            row(b.label, keymap::explain(b, lang), lines);
        }
    };
    let here = Place::of(state).with_mode(Mode::Normal);
    let view_name = match state.view {
        View::Departments => w.departments,
        View::Tasks => w.tasks,
        View::Deadlines => w.deadlines,
        View::People => t::people_words(lang).view,
        View::Report => crate::i18n::report::screen_words(lang).report_view,
        View::Indicators => crate::i18n::report::screen_words(lang).indicators_view,
        View::Wall => crate::i18n::wall::words(lang).title,
    };
    // View 5's section is its ranking's keys, wherever help was opened from.
    let view_place = Place {
        settings: false,
        ..here
    };
    heading(view_name, &mut lines);
    keys(view_place, &|_| true, &mut lines);
    if state.view == View::Wall {
        // What the chart's glyphs mean, then the task keys as in view 2.
        let ww = crate::i18n::wall::words(lang);
        heading(ww.legend_title, &mut lines);
        for line in ww.legend {
            row("", line, &mut lines);
        }
    }
    match state.view {
        View::Departments | View::Tasks | View::Deadlines | View::Wall => {
            heading(w.detail, &mut lines);
            keys(
                here.with_mode(Mode::Detail),
                &|b| b.when == When::Detail,
                &mut lines,
            );
            // The form's keys, and the editing keys that are not in the keymap (they type text).
            let fw = t::form_words(lang);
            heading(&format!("{} (e)", fw.title), &mut lines);
            keys(here.with_mode(Mode::Form), &|_| true, &mut lines);
            for (k, zh, en) in [
                (
                    "Enter",
                    "完成进度栏:到下一栏;说明栏:换行",
                    "percent: next field; note: new line",
                ),
                (
                    "↑↓",
                    "在说明内上下移动,到头时换栏",
                    "move in a note; past its edge, to the next field",
                ),
                (
                    "Home/End",
                    "到行首 / 行尾(Ctrl-A / Ctrl-E 同)",
                    "start / end of the line (Ctrl-A / Ctrl-E too)",
                ),
                (
                    "Ctrl-U",
                    "删除光标前的本行内容",
                    "delete to the start of the line",
                ),
            ] {
                row(k, if lang.zh() { zh } else { en }, &mut lines);
            }
            heading(&format!("{} (/)", w.filter), &mut lines);
            for (k, zh, en) in [
                (
                    "Enter",
                    "保留筛选,回到列表",
                    "keep the filter, back to the list",
                ),
                ("Esc", "清除筛选", "clear the filter"),
                ("↑↓", "边筛选边移动", "move while filtering"),
            ] {
                row(k, if lang.zh() { zh } else { en }, &mut lines);
            }
            let bw = crate::i18n::batch::words(lang);
            heading(&format!("{} (Space, B)", bw.title), &mut lines);
            keys(here.with_mode(Mode::Batch), &|_| true, &mut lines);
            let pw = crate::i18n::project_tui::entry(lang);
            heading(&format!("{} (v, M)", pw.help_title), &mut lines);
            keys(here.with_mode(Mode::Project), &|_| true, &mut lines);
        }
        View::Report => {
            let title = crate::i18n::report::settings_title(lang);
            heading(&format!("{title} (o)"), &mut lines);
            let settings = Place {
                settings: true,
                ..here
            };
            keys(settings, &|b| b.when == When::Settings, &mut lines);
        }
        View::Indicators => {
            let fw = crate::i18n::figure::words(lang);
            heading(&format!("{} (e/Enter)", fw.title), &mut lines);
            keys(here.with_mode(Mode::Figure), &|_| true, &mut lines);
            // How the two fields are typed.
            row("", fw.help_period, &mut lines);
            row("", fw.help_value, &mut lines);
            row("", fw.help_correct, &mut lines);
        }
        View::People => {}
    }
    // The import preview's keys, where `i` opens it.
    if state.view == View::Departments {
        let title = format!("{} (i)", crate::i18n::preview::words(lang).title);
        heading(&title, &mut lines);
        keys(here.with_mode(Mode::Import), &|_| true, &mut lines);
    }
    let rows = body_rows(area);
    let skip = usize::from(state.help_scroll).min(lines.len().saturating_sub(1));
    for (y, line) in lines
        .iter()
        .skip(skip)
        .take(usize::from(rows.height))
        .enumerate()
    {
        put(buf, rows, y as u16, line);
    }
}

/// `text` in rows of at most `w` columns, broken between English words (at a space) or between
/// Chinese characters, never inside a word unless it is longer than a row, nor inside a short
/// parenthesis, nor before a closing mark (`widgets::wrap`, which the other screens use).
fn wrap_words(text: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    super::widgets::wrap(ratatui::text::Line::from(text.trim_start().to_string()), w)
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .filter(|r| !r.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::width;

    #[test]
    fn help_text_wraps_between_words_and_han_characters() {
        assert_eq!(
            wrap_words("settings: cycle, light thresholds (admins: Enter)", 20),
            vec!["settings: cycle,", "light thresholds", "(admins: Enter)"]
        );
        let zh = wrap_words("1 单位  2 任务(按部分)  3 时限", 12);
        assert_eq!(zh, vec!["1 单位  2 任", "务(按部分)", "3 时限"]);
        for row in &zh {
            assert!(width(row) <= 12, "{row}");
        }
        assert_eq!(wrap_words("abcdefgh", 3), vec!["abc", "def", "gh"]);
        // A short parenthesis stays whole, and a closing mark never starts a row (trial:
        // "全部不存" / "),每项留痕").
        let text = "批量填报已标记的任务:同一进度和/或说明,一次保存(全部成功或全部不存),每项留痕、可逐项撤销。";
        for w in 40..64 {
            let rows = wrap_words(text, w);
            assert!(
                rows.iter().all(|r| !r.starts_with(')') && width(r) <= w),
                "{rows:?}"
            );
            assert!(
                rows.iter().any(|r| r.contains("(全部成功或全部不存),")),
                "{w}: {rows:?}"
            );
        }
    }
}
