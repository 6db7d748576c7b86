//! Entering an indicator's figure from view 6: a period and a value, read by the same domain
//! parsers as `duban indicators set`, saved by the same store write (the permission asked again
//! inside its transaction, the journal, and a refusal when another clerk reported that period
//! first). Pure like the rest of `update`: reading and saving go out as effects.

pub mod model;
pub use model::{FIELD_WIDTH, FigureData, FigureEntry, FigureField};

use crate::domain::Period;
use crate::domain::indicator::{ValueError, parse_figure};
use crate::i18n::{figure as words, report as report_words};
use crate::store::ActualRow;

use super::action::{Command, Effect};
use super::editor::Question;
use super::field::Edit;
use super::state::{Mode, State, View};

/// `e`/Enter on a row of view 6: asks the store for the indicator, or says why not.
pub fn start(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let (Some(indicator), Some(year)) =
        (state.indicators.selected_indicator(), state.indicators.year)
    else {
        return state.say(words::nothing_selected(lang), true);
    };
    fx.push(Effect::OpenFigure { indicator, year });
}

/// The store's answer: the entry opens, unless the user may not report this indicator (told
/// before typing anything; the store would refuse the save anyway).
pub fn opened(state: &mut State, data: Option<FigureData>) {
    let lang = state.session.lang;
    let Some(data) = data else {
        return state.say(words::gone(lang), true);
    };
    let actor = state.actor();
    let allowed = match data.department_id {
        Some(d) => actor.may_report(d),
        None => actor.may_administer(),
    };
    if let Err(why) = allowed {
        // A removed clerk is told so, as in the task lists.
        let text = match why {
            crate::domain::Denied::NotAClerk => state.session.denied(why),
            _ => words::denied(lang, &state.session.user, why, data.department.as_deref()),
        };
        return state.say(text, true);
    }
    state.figure = Some(FigureEntry::open(data, state.session.today));
    state.mode = Mode::Figure;
    // The entry takes the lower rows: keep the selected line in what is left.
    super::indicator_view::follow_indicators(state);
}

pub fn edit(state: &mut State, edit: Edit) {
    let Some(entry) = state.figure.as_mut().filter(|_| state.mode == Mode::Figure) else {
        return;
    };
    match edit {
        // Two one-line fields: up and down go between them.
        Edit::Up | Edit::Down => entry.switch(),
        other => {
            let focus = entry.focus;
            entry.field_mut(focus).apply(other, FIELD_WIDTH);
            entry.error = None;
        }
    }
}

pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let Some(entry) = state.figure.as_mut() else {
        state.mode = Mode::Normal;
        return;
    };
    match cmd {
        Command::NextField | Command::PrevField => entry.switch(),
        Command::Save => save(state, fx),
        Command::Cancel if entry.is_changed() => {
            state.question = Some(Question::DiscardFigure);
            state.ask_return = Mode::Figure;
            state.mode = Mode::Ask;
        }
        Command::Cancel => close(state),
        _ => {}
    }
}

/// Checks both fields with the command line's parsers; a bad one keeps its text and says why.
fn save(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let Some(entry) = state.figure.as_mut() else {
        return;
    };
    if entry.saving {
        return;
    }
    let period_text = entry.period.text().trim().to_string();
    let period: Period = match period_text.parse() {
        Ok(p) => p,
        Err(_) => {
            let why = if period_text.is_empty() {
                words::empty_period(lang)
            } else {
                report_words::bad_period(lang, &period_text)
            };
            entry.error = Some((Some(FigureField::Period), why));
            entry.focus = FigureField::Period;
            return;
        }
    };
    let value = match parse_figure(entry.value.text(), &entry.data.unit) {
        Ok(v) => v,
        Err(e) => {
            let why = match e {
                ValueError::Empty => words::empty_value(lang),
                ValueError::NotANumber(text) => report_words::bad_value(lang, &text),
                ValueError::WrongUnit { expected, .. } => {
                    report_words::wrong_unit(lang, &entry.data.name, entry.value.text(), &expected)
                }
            };
            entry.error = Some((Some(FigureField::Value), why));
            entry.focus = FigureField::Value;
            return;
        }
    };
    // As it will be stored: 2026年第四季度 shows as 2026-Q4.
    let code = period.to_string();
    entry.period.set(&code);
    entry.error = None;
    entry.saving = true;
    fx.push(Effect::SaveFigure {
        indicator: entry.data.indicator_id,
        period,
        value,
        expected_last: entry.data.last_of(&code).map(|f| f.id),
    });
}

pub fn close(state: &mut State) {
    state.figure = None;
    state.mode = Mode::Normal;
}

/// Saved: say what, close, and show the year the figure belongs to.
pub fn saved(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(entry) = state.figure.take() else {
        return;
    };
    let lang = state.session.lang;
    state.mode = Mode::Normal;
    let d = &entry.data;
    let period = entry.period.text().to_string();
    let value = parse_figure(entry.value.text(), &d.unit)
        .map(crate::report::circular_text::trim_number)
        .unwrap_or_default();
    let text = report_words::actual_saved(
        lang,
        &d.name,
        d.department.as_deref(),
        &period,
        &format!("{value}{}", d.unit),
    );
    state.say(text, false);
    if let Ok(p) = period.parse::<Period>() {
        state.indicators.year = Some(p.year());
    }
    if state.view == View::Indicators {
        super::report_view::load(state, fx);
    }
}

/// Another clerk reported the period first: show theirs; the next save goes on top of it.
pub fn conflict(state: &mut State, theirs: ActualRow) {
    if let Some(entry) = state.figure.as_mut() {
        entry.saving = false;
        entry.data.figures.push(theirs.clone());
        entry.conflict = Some(theirs);
    }
}

pub fn failed(state: &mut State, message: String) {
    if let Some(entry) = state.figure.as_mut() {
        entry.saving = false;
        entry.error = Some((None, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CycleKind;

    fn data() -> FigureData {
        let row = |id: i64, period: &str, value: f64| ActualRow {
            id,
            period: period.into(),
            value,
            reported_by: "zhangli".into(),
            reported_at: "2026-10-15T00:00:00Z".into(),
        };
        FigureData {
            indicator_id: 3,
            name: "工业投资".into(),
            unit: "亿元".into(),
            department_id: Some(1),
            department: Some("区经信局".into()),
            targets: vec![(2026, 44.0)],
            figures: vec![
                row(1, "2025", 41.0),
                row(2, "2026-Q3", 36.6),
                row(5, "2026-Q3", 36.9),
            ],
            year: 2026,
            cycle: CycleKind::Monthly,
        }
    }

    fn today() -> chrono::NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    #[test]
    fn opens_on_the_value_with_the_period_of_the_kind_last_reported() {
        let e = FigureEntry::open(data(), today());
        assert_eq!(e.period.text(), "2026-Q4");
        assert_eq!(e.focus, FigureField::Value);
        assert!(!e.is_changed());
        assert_eq!(e.data.last_of("2026-Q3").map(|f| f.id), Some(5));
        assert_eq!(e.data.last_of("2026-Q4"), None);
    }

    #[test]
    fn switching_fields_selects_the_text_so_typing_replaces_it() {
        let mut e = FigureEntry::open(data(), today());
        e.switch();
        assert_eq!(e.focus, FigureField::Period);
        e.period.apply(Edit::Insert('2'), FIELD_WIDTH);
        assert_eq!(e.period.text(), "2");
        assert!(e.is_changed());
    }
}
