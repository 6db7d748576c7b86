//! The frame around every view: header, status line with the view tabs, footer.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{blank, clean, cut, put, wrap};
use crate::i18n::preview;
use crate::i18n::tui as t;
use crate::report::text::width;
use crate::tui::action::Command;
use crate::tui::keymap;
use crate::tui::people::PromptKind;
use crate::tui::state::{Mode, State, View};

/// Plan title, the day, who, which file.
pub fn header(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let s = &state.session;
    let w = t::words(s.lang);
    let day = format!(
        "{} {}",
        if s.as_of.is_some() { w.as_of } else { w.today },
        s.today.format("%Y-%m-%d")
    );
    let role = match (&s.removed, s.role) {
        (Some(_), None) => t::clerk_removed_role(s.lang),
        (_, role) => t::clerk_role(s.lang, role),
    };
    let who = format!("{}({role})", s.user);
    let right = format!(" │ {day} │ {who} │ {}", s.db_name);
    let total = usize::from(area.width);
    let app = format!("{} │ ", w.app);
    // Figures still being computed off the UI thread: what the screen shows is the last ones,
    // marked here (the plan's title gives up the room).
    let computing = match state.loading.is_empty() {
        true => String::new(),
        false => format!("{} │ ", w.computing),
    };
    let room = total.saturating_sub(width(&app) + width(&computing) + width(&right));
    // The plan shown, or how many when a file's several plans are all shown.
    let plan = match crate::tui::plans::plan_name(state) {
        Some(title) => title,
        None if state.plans.len() > 1 => t::plans_count(s.lang, state.plans.len()),
        None => state.plan_title.clone(),
    };
    let line = if room >= 8 {
        Line::from(vec![
            Span::styled(app, theme.title()),
            Span::styled(computing, theme.warn()),
            Span::styled(cut(&plan, room), theme.heading()),
            Span::raw(right),
        ])
    } else {
        Line::from(vec![
            Span::styled(app, theme.title()),
            Span::raw(cut(&format!("{day} │ {who}"), total)),
        ])
    };
    put(buf, area, 0, &line);
}

/// The views with their names in `lang`, in tab order.
pub fn view_names(lang: crate::i18n::Lang) -> [(View, &'static str); 7] {
    let w = t::words(lang);
    [
        (View::Departments, w.departments),
        (View::Tasks, w.tasks),
        (View::Deadlines, w.deadlines),
        (View::People, t::people_words(lang).view),
        (
            View::Report,
            crate::i18n::report::screen_words(lang).report_view,
        ),
        (
            View::Indicators,
            crate::i18n::report::screen_words(lang).indicators_view,
        ),
        (View::Wall, crate::i18n::wall::words(lang).tab),
    ]
}

/// The terminal's title for this screen: the program, the file and the view, so a clerk with
/// several windows (or tmux panes) sees which is which. Stored text is made visible.
pub fn terminal_title(state: &State) -> String {
    let view = view_names(state.session.lang)
        .into_iter()
        .find(|(v, _)| *v == state.view)
        .map_or("", |(_, name)| name);
    let app = if state.session.lang.zh() {
        "督办"
    } else {
        "duban"
    };
    super::widgets::clean(&format!("{app} · {} · {view}", state.session.db_name))
}

/// The view tabs and the plan's counts.
pub fn status(buf: &mut Buffer, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let tabs = |short: bool| -> Vec<Span<'static>> {
        let shorts = crate::i18n::wall::tabs_short(lang);
        let mut spans = Vec::new();
        for (i, (view, name)) in view_names(lang).into_iter().enumerate() {
            let name = if short { shorts[i] } else { name };
            // Seven tabs and the counts fit 80 columns only when the tabs are tight.
            let label = if area.width < 110 {
                format!("{}{} ", i + 1, name)
            } else {
                format!(" {} {} ", i + 1, name)
            };
            let style = if state.view == view {
                theme.selected()
            } else {
                theme.muted()
            };
            spans.push(Span::styled(label, style));
        }
        spans.push(Span::raw(if area.width < 110 { " " } else { "  " }));
        spans
    };
    let s = state.summary;
    // The red and yellow counts matter most: glyphs rather than words when room is short, and
    // then short tab names.
    let used = |spans: &[Span<'_>]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let long = t::summary(lang, s.tasks, s.done, s.red, s.yellow);
    let short = t::summary_short(lang, s.tasks, s.done, s.red, s.yellow);
    let room = usize::from(area.width);
    let mut spans = tabs(false);
    let counts = if used(&spans) + width(&long) <= room {
        long
    } else {
        if used(&spans) + width(&short) > room {
            spans = tabs(true);
        }
        short
    };
    spans.push(Span::raw(counts));
    put(buf, area, 0, &Line::from(spans));
}

/// Keys that work here (from the keymap), or the filter being typed, or a notice.
pub fn footer(frame: &mut Frame<'_>, area: Rect, state: &State, theme: Theme) {
    let lang = state.session.lang;
    let total = usize::from(area.width);
    if state.mode == Mode::Prompt
        && let Some(p) = &state.prompt
    {
        let pw = t::people_words(lang);
        let label = prompt_label(state, &p.kind);
        // The question (or why the answer was refused) on the row above, the text on this one.
        let above = Rect::new(area.x, area.y.saturating_sub(1), area.width, 1);
        let (note, style) = match &p.error {
            Some(e) => (e.as_str(), theme.alert()),
            None => (label.as_str(), theme.heading()),
        };
        let note = format!("{note}    {}", pw.prompt_keys);
        // The whole row, so no text of a list, an earlier question or its answer stays beside
        // this one (the body leaves this row to the prompt).
        blank(frame.buffer_mut(), above, 0, theme.plain());
        put(
            frame.buffer_mut(),
            above,
            0,
            &Line::from(Span::styled(cut(&note, total), style)),
        );
        let prompt = "> ";
        let room = total.saturating_sub(width(prompt) + 1);
        let shown = tail(p.field.text(), room);
        put(
            frame.buffer_mut(),
            area,
            0,
            &Line::from(vec![
                Span::styled(prompt, theme.heading()),
                Span::raw(shown),
            ]),
        );
        let caret = p.field.caret_position(10_000).col;
        let skipped = width(p.field.text()).saturating_sub(width(&tail(p.field.text(), room)));
        let x = area.x
            + (width(prompt) + caret.saturating_sub(skipped)).min(total.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
        return;
    }
    if state.mode == Mode::Filter {
        let prompt = format!("{}: ", t::words(lang).filter);
        let text = state.filter();
        // Keep the end of a long filter in view: that is where the caret is.
        let room = total.saturating_sub(width(&prompt) + 1);
        let shown = tail(text, room);
        let line = Line::from(vec![
            Span::styled(prompt.clone(), theme.heading()),
            Span::raw(shown.clone()),
        ]);
        put(frame.buffer_mut(), area, 0, &line);
        // The caret at the end of the text, measured in columns, so an IME window follows it.
        let x = area.x + (width(&prompt) + width(&shown)).min(total.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
        return;
    }
    if let Some(n) = &state.notice {
        let style = if n.alert { theme.alert() } else { theme.ok() };
        // A notice too long for the row (an import's counts after the plan's title) takes the
        // row above too, the body's last, until the next key; past two rows it is cut.
        let rows = wrap(Line::from(Span::styled(clean(&n.text), style)), total);
        if rows.len() > 1 && area.y > 0 {
            let above = Rect::new(area.x, area.y - 1, area.width, 1);
            blank(frame.buffer_mut(), above, 0, theme.plain());
            put(frame.buffer_mut(), above, 0, &rows[0]);
            let rest: Vec<String> = rows[1..]
                .iter()
                .map(|r| r.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            let rest = Line::from(Span::styled(cut(&rest.join(" "), total), style));
            put(frame.buffer_mut(), area, 0, &rest);
            return;
        }
        put(
            frame.buffer_mut(),
            area,
            0,
            &Line::from(Span::styled(cut(&n.text, total), style)),
        );
        return;
    }
    // Rows marked for batch entry: their count and keys first, then the keys in the room left.
    let mut spans = Vec::new();
    let mut total = total;
    if !state.marks.is_empty() && state.mode == Mode::Normal {
        let n = state.marks.len();
        let mut count = crate::i18n::batch::marked(lang, n);
        if width(&count) + 20 > total {
            count = crate::i18n::batch::marked_short(lang, n);
        }
        total = total.saturating_sub(width(&count) + 2);
        spans.push(Span::styled(count, theme.selected()));
        spans.push(Span::raw("  "));
    }
    // Help and quit always show, at the right; the rest fill the room before them in table
    // order, context keys (detail, help) first.
    let piece = |b: &keymap::Binding| format!("{} {}", b.label, b.describe(lang));
    let all: Vec<&keymap::Binding> = keymap::visible(keymap::Place::of(state))
        .filter(|b| b.footer)
        .collect();
    let essential = |b: &&keymap::Binding| matches!(b.command, Command::Help | Command::Quit);
    let tail: Vec<&keymap::Binding> = all.iter().copied().filter(essential).collect();
    let fits = |list: &[&keymap::Binding]| {
        let widths: usize = list.iter().map(|b| width(&piece(b))).sum();
        widths + 2 * list.len().saturating_sub(1) <= total
    };
    let mut chosen: Vec<&keymap::Binding> = Vec::new();
    let specific = all
        .iter()
        .copied()
        .filter(|b| b.when != keymap::When::Anywhere);
    let general = all
        .iter()
        .copied()
        .filter(|b| b.when == keymap::When::Anywhere);
    for b in specific.chain(general).filter(|b| !essential(b)) {
        let mut trial = chosen.clone();
        trial.push(b);
        trial.extend(tail.iter().copied());
        if fits(&trial) {
            chosen.push(b);
        }
    }
    for b in tail {
        let mut trial = chosen.clone();
        trial.push(b);
        if fits(&trial) {
            chosen.push(b);
        }
    }
    let lead = spans.len();
    for b in chosen {
        if spans.len() > lead {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(b.label, theme.heading()));
        spans.push(Span::styled(
            format!(" {}", b.describe(lang)),
            theme.muted(),
        ));
    }
    put(frame.buffer_mut(), area, 0, &Line::from(spans));
}

/// The last `w` columns of `s`.
fn tail(s: &str, w: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// What a prompt asks, above its line.
fn prompt_label(state: &State, kind: &PromptKind) -> String {
    let lang = state.session.lang;
    let pw = t::people_words(lang);
    let number = |k: usize| {
        state
            .import
            .as_ref()
            .and_then(|p| p.draft.tasks.get(k))
            .map(|t| t.number.clone())
            .unwrap_or_default()
    };
    match kind {
        PromptKind::AddDepartment => pw.prompts[0].to_string(),
        PromptKind::Rename(_) => pw.prompts[1].to_string(),
        PromptKind::Alias(_) => pw.prompts[2].to_string(),
        PromptKind::MergeInto(_) => pw.prompts[3].to_string(),
        PromptKind::AddClerk => pw.prompts[4].to_string(),
        PromptKind::ClerkRole(username) => {
            let people = &state.people;
            let clerk = people.clerks.iter().find(|c| c.username == *username);
            t::clerk_role_prompt(
                lang,
                username,
                clerk.map(|c| c.role),
                clerk.and_then(|c| people.department_name(c.department_id)),
            )
        }
        PromptKind::ImportFile => preview::words(lang).prompt_file.to_string(),
        PromptKind::ImportUnits(k) => preview::prompt_units(lang, &number(*k)),
        PromptKind::ImportMap(name) => preview::prompt_map(lang, name),
        PromptKind::Setting(key) => crate::i18n::report::setting_prompt(lang, key),
        PromptKind::CloseNote { .. } => crate::i18n::closing::tui(lang).note_prompt.to_string(),
        PromptKind::CloseWhy { below, .. } => crate::i18n::closing::why_prompt(lang, *below),
        PromptKind::CloseFiles { .. } => crate::i18n::attachment::files_prompt(lang),
        PromptKind::CloseApprove(_) => crate::i18n::closing::tui(lang).approve_prompt.to_string(),
        PromptKind::CloseReturn(_) => crate::i18n::closing::tui(lang).return_prompt.to_string(),
        PromptKind::CloseReopen(_) => crate::i18n::closing::tui(lang).reopen_prompt.to_string(),
        PromptKind::Extend(p) => crate::tui::extension::label(lang, p),
        PromptKind::Notice(p) => crate::tui::notice::label(lang, p),
    }
}
