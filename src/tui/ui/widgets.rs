//! Small pieces every screen uses: cells cut to a display width, bars, deadline words.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::Schedule;
use crate::i18n::{Lang, tui as t};
use crate::report::text::{Align, fit, truncate, width};

/// Stored text made safe for one row of the screen, by the rule every output follows
/// (`report::text::visible`): a line break or a tab is a space here (a row is one line), and any
/// other control character is shown as its escape (`\e`), so the screen shows what the file
/// holds and a tampered name can neither hide nor move the cursor.
pub fn clean(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::report::text::visible(&one_line).into_owned()
}

/// `s` cleaned, cut with `…` and padded to exactly `w` columns.
pub fn cell(s: &str, w: usize, align: Align) -> String {
    fit(&clean(s), w, align)
}

/// The glyph of a task row marked for batch entry (one column, readable without colour).
pub const MARK: &str = "☑";

/// The glyph of a task row with an unsaved draft of this login.
pub const DRAFTED: &str = "✎";

/// A task's title as a list row shows it: `☑ ` first when the row is marked for batch entry,
/// `✎ ` when this login has an unsaved draft on it. The glyphs take room from the title, so a
/// list without either looks as it always did.
pub fn row_title(title: &str, marked: bool, drafted: bool) -> String {
    let mut out = String::new();
    if marked {
        out.push_str(MARK);
        out.push(' ');
    }
    if drafted {
        out.push_str(DRAFTED);
        out.push(' ');
    }
    out.push_str(title);
    out
}

pub fn cut(s: &str, w: usize) -> String {
    truncate(&clean(s), w)
}

/// A bar of `w` cells for a percent, e.g. `███░░`.
pub fn bar(percent: f64, w: usize) -> String {
    let filled = ((percent.clamp(0.0, 100.0) / 100.0) * w as f64).round() as usize;
    let mut s = "█".repeat(filled.min(w));
    s.push_str(&"░".repeat(w - filled.min(w)));
    s
}

pub fn percent_text(p: Option<f64>) -> String {
    match p {
        Some(v) => format!("{}%", crate::domain::shown_percent(v)),
        None => "—".into(),
    }
}

/// An undated deadline's words as the UI shows them: the plan's text in Chinese; in English the
/// word for recurring or long-term work ("yearly", "long-term"), else the text as written. The
/// stored text is never changed.
pub fn deadline_words(lang: Lang, text: &str) -> String {
    // The year does not change what kind a phrase is.
    let kind = crate::domain::Deadline::parse(text, 2000).kind;
    match t::deadline_kind_word(lang, kind) {
        Some(word) => word.to_string(),
        None => clean(text),
    }
}

/// The deadline as a column says it: days overdue or left when near, the plan's words for
/// undated work ("长期"), else the date (year left out when it is this year's).
pub fn deadline_cell(
    lang: Lang,
    schedule: Schedule,
    dated: bool,
    text: Option<&str>,
    done: bool,
    today: NaiveDate,
) -> String {
    let d = schedule.deadline;
    if !dated && let Some(text) = text.filter(|s| !s.trim().is_empty()) {
        return deadline_words(lang, text);
    }
    let days = (d - today).num_days();
    if !done && days < 0 {
        t::days_overdue(lang, -days)
    } else if !done && days <= 60 {
        t::days_left(lang, days)
    } else if d.year() == today.year() {
        d.format("%m-%d").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Writes `line` at row `y` of `area`, cut to the area's width; rows outside are ignored.
pub fn put(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    if y < area.height && area.width > 0 {
        buf.set_line(area.x, area.y + y, line, area.width);
    }
}

/// Fills row `y` of `area` with `style` (a selected row is highlighted edge to edge).
pub fn fill(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    if y < area.height {
        buf.set_style(Rect::new(area.x, area.y + y, area.width, 1), style);
    }
}

/// Clears row `y` of `area`: spaces in `style`, edge to edge.
pub fn blank(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    if y < area.height {
        let row = Rect::new(area.x, area.y + y, area.width, 1);
        for x in row.left()..row.right() {
            buf[(x, row.y)].reset();
        }
        buf.set_style(row, style);
    }
}

/// The first row to draw of a list scrolled to `offset` with `rows` on screen, so that the
/// selection shows even when a prompt takes the last row of the body.
pub fn shown_offset(selected: usize, offset: usize, rows: usize) -> usize {
    if rows > 0 && selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// The rows of a pane under its title row.
pub fn body_rows(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    )
}

/// A one-line note in place of a list: "loading…", "(no tasks)".
pub fn note(buf: &mut Buffer, rows: Rect, text: &str, style: Style) {
    put(
        buf,
        rows,
        0,
        &Line::from(Span::styled(text.to_string(), style)),
    );
}

/// What a list pane has to show below its title.
pub enum Contents<'a> {
    Loading,
    /// Nothing to list: this note says why.
    Empty(&'a str),
    Rows,
}

/// Draws a pane's title row and, when it has no rows to list, its note; returns the area for
/// the rows, or `None` when the pane is done.
pub fn pane(
    buf: &mut Buffer,
    area: Rect,
    title: Line<'static>,
    contents: Contents<'_>,
    loading: &str,
    muted: Style,
) -> Option<Rect> {
    put(buf, area, 0, &title);
    let rows = body_rows(area);
    match contents {
        Contents::Loading => note(buf, rows, loading, muted),
        Contents::Empty(text) => note(buf, rows, text, muted),
        Contents::Rows => return Some(rows),
    }
    None
}

/// A pane's title row: the title on the left, extra facts after it, all cut to the width.
pub fn title_line(
    title: &str,
    facts: &[String],
    style: Style,
    muted: Style,
    w: usize,
) -> Line<'static> {
    let title = cut(title, w);
    let used = width(&title);
    let mut spans = vec![Span::styled(title, style)];
    let rest = facts
        .iter()
        .filter(|f| !f.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    if !rest.is_empty() && used + 2 < w {
        spans.push(Span::styled(
            format!("  {}", cut(&rest, w - used - 2)),
            muted,
        ));
    }
    Line::from(spans)
}

/// Like `title_line`, for facts ranked by how much they matter: when they do not all fit, the
/// least important go first (a legend must not lose its tail to a sort name); only what still
/// does not fit is cut.
pub fn title_line_ranked(
    title: &str,
    facts: &[(String, u8)],
    style: Style,
    muted: Style,
    w: usize,
) -> Line<'static> {
    let mut kept: Vec<(usize, &(String, u8))> = facts
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.0.is_empty())
        .collect();
    let needed = |kept: &[(usize, &(String, u8))]| {
        width(title)
            + kept.iter().map(|(_, f)| width(&f.0)).sum::<usize>()
            + if kept.is_empty() {
                0
            } else {
                2 + 3 * (kept.len() - 1)
            }
    };
    while needed(&kept) > w && kept.len() > 1 {
        // The least important, the last of equals.
        let Some(drop) = kept
            .iter()
            .enumerate()
            .min_by_key(|(k, (_, f))| (f.1, usize::MAX - k))
            .map(|(k, _)| k)
        else {
            break;
        };
        kept.remove(drop);
    }
    let facts: Vec<String> = kept.into_iter().map(|(_, f)| f.0.clone()).collect();
    title_line(title, &facts, style, muted, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_controls_show_as_the_cli_shows_them() {
        // The same escape as `duban log` prints, not a blank that hides what the file holds.
        assert_eq!(clean("区\u{1b}[2J局\n二\t三"), "区\\e[2J局 二 三");
        assert_eq!(clean("a\u{9b}b\u{7}"), "a\\u{9b}b\\x07");
        assert_eq!(cut("\u{1b}]0;T", 4), "\\e]…");
    }

    #[test]
    fn bars_fill_by_percent() {
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(50.0, 4), "██░░");
        assert_eq!(bar(100.0, 4), "████");
        assert_eq!(bar(250.0, 4), "████");
    }

    #[test]
    fn a_narrow_title_drops_its_least_important_facts_first() {
        let text = |l: Line<'_>| {
            l.spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        let facts = [
            ("19 项".to_string(), 3),
            ("按问题排序".to_string(), 1),
            ("○本期未报".to_string(), 2),
        ];
        let s = Style::new();
        let wide = text(title_line_ranked("单位", &facts, s, s, 40));
        assert_eq!(wide, "单位  19 项 · 按问题排序 · ○本期未报");
        let narrow = text(title_line_ranked("单位", &facts, s, s, 32));
        assert_eq!(narrow, "单位  19 项 · ○本期未报");
        assert!(width(&narrow) <= 32);
        // Even a sliver keeps the most important fact, cut by display width.
        let sliver = text(title_line_ranked("单位", &facts, s, s, 9));
        assert_eq!(sliver, "单位  19…");
    }

    #[test]
    fn cells_are_exact_width_with_chinese() {
        let c = cell("区经济和信息化局", 9, Align::Left);
        assert_eq!(width(&c), 9);
        assert_eq!(c, "区经济和…");
        assert_eq!(cell("a\nb", 4, Align::Left), "a b ");
    }

    #[test]
    fn deadline_words() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let s = |d: &str| Schedule {
            starts_on: "2026-01-01".parse().unwrap(),
            deadline: d.parse().unwrap(),
        };
        assert_eq!(
            deadline_cell(Lang::Zh, s("2026-11-11"), true, None, false, today),
            "逾期12天"
        );
        assert_eq!(
            deadline_cell(Lang::Zh, s("2026-12-23"), true, None, false, today),
            "剩30天"
        );
        assert_eq!(
            deadline_cell(Lang::Zh, s("2027-06-30"), true, None, false, today),
            "2027-06-30"
        );
        assert_eq!(
            deadline_cell(Lang::Zh, s("2026-11-11"), true, None, true, today),
            "11-11"
        );
        assert_eq!(
            deadline_cell(
                Lang::Zh,
                s("2028-12-31"),
                false,
                Some("长期坚持"),
                false,
                today
            ),
            "长期坚持"
        );
    }
}

/// A line cut into rows of at most `w` columns, keeping its spans' styles and its leading
/// indent on every continuation row. Rows break at a space or beside a Chinese character, never
/// inside a run of other characters (a date 2026-12-03, a number, a word), unless that run alone
/// is wider than a row; a space at a break is dropped.
pub fn wrap(line: Line<'static>, w: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    if w == 0 {
        return Vec::new();
    }
    // The continuation rows start under the text: past the leading spaces, and past a row
    // marker (`▶ ` for the selected unit) as if it were spaces.
    let indent = line
        .spans
        .first()
        .map(|s| {
            s.content
                .chars()
                .take_while(|c| matches!(c, ' ' | '▶' | '▸'))
                .count()
        })
        .unwrap_or(0);
    // A hanging indent that leaves no room for text is dropped.
    let indent = if indent + 4 > w { 0 } else { indent };
    // Atoms: a wide character, a space, or a run of other narrow characters; each with its style.
    let mut atoms: Vec<(String, ratatui::style::Style, usize)> = Vec::new();
    for span in &line.spans {
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            let joins = c != ' '
                && cw == 1
                && atoms.last().is_some_and(|(text, style, aw)| {
                    *style == span.style
                        && *aw == text.chars().count()
                        && !text.ends_with(' ')
                        && text.chars().all(|t| t.width().unwrap_or(0) == 1)
                });
            match atoms.last_mut() {
                Some((text, _, aw)) if joins => {
                    text.push(c);
                    *aw += cw;
                }
                _ => atoms.push((c.to_string(), span.style, cw)),
            }
        }
    }
    let atoms = keep_together(atoms, (w.saturating_sub(indent) / 2).max(1));
    let mut out = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut at_row_start = true;
    let push = |spans: &mut Vec<Span<'static>>, text: &str, style| match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(text),
        _ => spans.push(Span::styled(text.to_string(), style)),
    };
    for (text, style, aw) in atoms {
        if used + aw > w && !at_row_start {
            // The space before the break ends the row: it is not kept there.
            if let Some(last) = spans.last_mut() {
                let kept = last.content.trim_end_matches(' ').len();
                last.content.to_mut().truncate(kept);
            }
            out.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
            at_row_start = true;
            if text == " " {
                continue;
            }
        }
        if used + aw > w {
            // A run wider than a row: cut it by characters, as before.
            for c in text.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > w && used > indent {
                    out.push(Line::from(std::mem::take(&mut spans)));
                    spans.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                push(&mut spans, &c.to_string(), style);
                used += cw;
            }
        } else {
            push(&mut spans, &text, style);
            used += aw;
        }
        at_row_start = at_row_start && text.chars().all(|c| c == ' ');
    }
    out.push(Line::from(spans));
    out
}

/// Joins the atoms a row should not break between: a short parenthesis, "(还差 1 列、1 行)", up
/// to `limit` columns wide, stays on one row; and a closing mark (`)`, `。`, `,`, `、` …) never
/// starts a row, it stays with what it closes. Only atoms of one style are joined.
fn keep_together(
    atoms: Vec<(String, ratatui::style::Style, usize)>,
    limit: usize,
) -> Vec<(String, ratatui::style::Style, usize)> {
    const OPEN: &[char] = &['(', '\u{ff08}', '[', '\u{300c}', '\u{300a}', '\u{201c}'];
    const CLOSE: &[char] = &[
        ')', '\u{ff09}', ']', '\u{300d}', '\u{300b}', '\u{201d}', '\u{3002}', '\u{ff0c}',
        '\u{3001}', '\u{ff1b}', '\u{ff1a}', '\u{ff01}', '\u{ff1f}', ',', '.', ';', ':', '!', '?',
    ];
    let depth_change = |text: &str| -> i32 {
        text.chars()
            .map(|c| {
                if OPEN.contains(&c) {
                    1
                } else if matches!(
                    c,
                    ')' | '\u{ff09}' | ']' | '\u{300d}' | '\u{300b}' | '\u{201d}'
                ) {
                    -1
                } else {
                    0
                }
            })
            .sum()
    };
    // A parenthesis from its opening atom to the atom that closes it, when short and of one style.
    let mut grouped: Vec<(String, ratatui::style::Style, usize)> = Vec::with_capacity(atoms.len());
    let mut i = 0;
    while i < atoms.len() {
        let opens = depth_change(&atoms[i].0) > 0;
        let mut end = None;
        if opens {
            let mut depth = 0;
            let mut wide = 0;
            for (j, (text, style, aw)) in atoms.iter().enumerate().skip(i) {
                depth += depth_change(text);
                wide += aw;
                if wide > limit || *style != atoms[i].1 {
                    break;
                }
                if depth <= 0 {
                    end = Some(j);
                    break;
                }
            }
        }
        match end {
            Some(j) if j > i => {
                let text: String = atoms[i..=j].iter().map(|a| a.0.as_str()).collect();
                let aw = atoms[i..=j].iter().map(|a| a.2).sum();
                grouped.push((text, atoms[i].1, aw));
                i = j + 1;
            }
            _ => {
                grouped.push(atoms[i].clone());
                i += 1;
            }
        }
    }
    // A closing mark stays with the atom before it.
    let mut out: Vec<(String, ratatui::style::Style, usize)> = Vec::with_capacity(grouped.len());
    for (text, style, aw) in grouped {
        let closes = text.chars().next().is_some_and(|c| CLOSE.contains(&c));
        match out.last_mut() {
            Some((prev, pstyle, pw)) if closes && *pstyle == style && !prev.ends_with(' ') => {
                prev.push_str(&text);
                *pw += aw;
            }
            _ => out.push((text, style, aw)),
        }
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn a_short_parenthesis_stays_on_one_row_and_a_closing_mark_never_starts_one() {
        let text = "至少需要 60 列 × 16 行,现在是 59 列 × 15 行(还差 1 列、1 行)。";
        for w in 20..60 {
            let rows: Vec<String> = wrap(Line::from(text), w)
                .iter()
                .map(|l| l.to_string())
                .collect();
            for r in &rows {
                assert!(width(r) <= w, "{w}: {rows:?}");
                assert!(!r.starts_with(')') && !r.starts_with('。'), "{w}: {rows:?}");
            }
            // Half a row holds the parenthesis from 36 columns on.
            if w >= 36 {
                assert!(
                    rows.iter().any(|r| r.contains("(还差 1 列、1 行)。")),
                    "{w}: {rows:?}"
                );
            }
        }
    }

    #[test]
    fn wraps_by_width_never_splitting_a_wide_char() {
        let lines = wrap(Line::from("  一二三四五六七八"), 9);
        let texts: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(texts, vec!["  一二三", "  四五六", "  七八"]);
        for t in &texts {
            assert!(width(t) <= 9);
        }
    }

    #[test]
    fn dates_and_words_stay_whole_and_the_indent_carries_on() {
        let lines = wrap(
            Line::from("      root 于 2026-12-03 报送 337 days overdue"),
            20,
        );
        let texts: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "      root 于",
                "      2026-12-03 报",
                "      送 337 days",
                "      overdue"
            ]
        );
        for t in &texts {
            assert!(width(t) <= 20, "{t:?}");
        }
        // A run wider than a row is still cut, never overflowing.
        let long = wrap(Line::from("abcdefghijklmnop"), 6);
        let texts: Vec<String> = long.iter().map(|l| l.to_string()).collect();
        assert_eq!(texts, vec!["abcdef", "ghijkl", "mnop"]);
    }

    #[test]
    fn odd_widths_leave_the_last_column_empty_rather_than_overflow() {
        let lines = wrap(Line::from("一二三"), 5);
        let texts: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(texts, vec!["一二", "三"]);
    }
}

/// Clears the ground under a box drawn over the screen, one column wider on each side: a
/// double-width character half under the box's border would otherwise push the border out of
/// place on the terminal.
pub fn clear_under(buf: &mut Buffer, rect: Rect) {
    let area = buf.area;
    let x = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.x + rect.width + 1).min(area.x + area.width);
    ratatui::widgets::Widget::render(
        ratatui::widgets::Clear,
        Rect::new(x, rect.y, right.saturating_sub(x), rect.height),
        buf,
    );
}
