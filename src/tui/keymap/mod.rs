//! The one table of keys. It decides what a key does, and it writes the footer and the help
//! screen, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use super::state::{Mode, State, View};
use crate::i18n::Lang;

/// Where the keyboard is: the mode, the view, and whether view 5 shows its settings screen
/// (which has keys of its own). `admin` only trims the footer and help of keys that would
/// refuse; the keys still answer, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub mode: Mode,
    pub view: View,
    pub settings: bool,
    pub admin: bool,
    /// The terminal is too small to show anything but a message: only quit acts.
    pub too_small: bool,
}

impl Place {
    pub fn new(mode: Mode, view: View) -> Place {
        Place {
            mode,
            view,
            settings: false,
            admin: true,
            too_small: false,
        }
    }

    pub fn of(state: &State) -> Place {
        Place {
            mode: state.mode,
            view: state.view,
            settings: state.report.settings.is_some(),
            admin: state.session.role == Some(crate::domain::ClerkRole::Admin),
            too_small: state.viewport.too_small(),
        }
    }

    pub fn with_mode(self, mode: Mode) -> Place {
        Place { mode, ..self }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Every list screen and the detail.
    Anywhere,
    /// The lists (not the detail or help).
    Lists,
    Departments,
    /// Views 1 to 3 and the task detail: keys about the selected task.
    TaskViews,
    Detail,
    Help,
    /// The progress form.
    Form,
    /// "Throw away what you typed?"
    ConfirmDiscard,
    /// The save conflict dialog.
    Conflict,
    /// The task editor.
    Editor,
    /// The department picker.
    Picker,
    /// A yes/no question.
    Ask,
    /// View 4, departments and clerks.
    People,
    /// The line of text of view 4 and of the import preview.
    Prompt,
    /// The import preview.
    Import,
    /// View 5, the circular's ranking.
    Report,
    /// View 5's settings screen (`o`).
    Settings,
    /// View 6, the indicators.
    Indicators,
    /// Views 5 and 6 and the settings screen: lists to move in.
    Tables,
    /// Entering an indicator's figure (view 6).
    Figure,
    /// The batch form over the marked task rows.
    Batch,
    /// The plan switcher (`P`).
    Plans,
    /// The review queue (`I`).
    Queue,
    /// A unit's entry on a key project (`v`, `M`).
    Project,
    /// View 7, the wall chart.
    Wall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(super) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub command: Command,
    pub when: When,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the footer line (the rest only in help).
    pub footer: bool,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        if lang.zh() { self.zh } else { self.en }
    }
}

/// One row of a table: `bind!(label, [keys], command, when, zh, en, in the footer)`.
macro_rules! bind {
    ($label:expr, [$($k:expr),+], $cmd:expr, $when:expr, $zh:expr, $en:expr, $footer:expr) => {
        Binding {
            keys: &[$($k),+],
            label: $label,
            command: $cmd,
            when: $when,
            zh: $zh,
            en: $en,
            footer: $footer,
        }
    };
}

use Command as C;
use When as W;

// The table, in parts along the screens. Declared after `bind!` so that they can use it.
mod batch;
mod editor;
mod explain;
mod extension;
mod form;
mod import;
mod lists;
mod notice;
mod people;
mod plans;
mod project;
mod queue;
mod tables;
#[cfg(test)]
mod tests;
mod wall;

pub use explain::explain;

/// The one table, in order. Order matters where bindings apply in the same place: the footer
/// shows the first that fit, and the first match wins. The list screens' parts come around the
/// parts of views 4 to 6 as they did in the single table (a view's own keys before the general
/// keys that come after them); the parts for a mode of their own (a form, a dialog) apply
/// nowhere else, so their place here does not matter.
static KEYMAP: &[&[Binding]] = &[
    lists::FIRST,
    wall::WALL,
    tables::TABLES,
    people::PEOPLE,
    lists::REST,
    extension::EXTENSION,
    notice::NOTICE,
    project::PROJECT,
    import::IMPORT,
    form::FORM,
    editor::EDITOR,
    batch::BATCH,
    plans::PLANS,
    queue::QUEUE,
];

/// Every binding, in table order.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().flat_map(|part| part.iter())
}

/// The command of one key of a multi-key binding: `↑`/`k` are Up where the row says Down, and
/// so on. Keeping the pairs in one row keeps the help screen short.
fn refine(binding: &Binding, key: &Key) -> Command {
    match (binding.command, key.code) {
        (C::Down, KeyCode::Up | KeyCode::Char('k')) => C::Up,
        (C::NextPane, KeyCode::BackTab) => C::PrevPane,
        (C::NextField, KeyCode::BackTab) => C::PrevField,
        (C::PageDown, KeyCode::PageUp) => C::PageUp,
        (C::First, KeyCode::Char('G') | KeyCode::End) => C::Last,
        (C::View(_), KeyCode::Char('2')) => C::View(View::Tasks),
        (C::View(_), KeyCode::Char('3')) => C::View(View::Deadlines),
        (C::View(_), KeyCode::Char('4')) => C::View(View::People),
        (C::View(_), KeyCode::Char('5')) => C::View(View::Report),
        (C::View(_), KeyCode::Char('6')) => C::View(View::Indicators),
        (C::View(_), KeyCode::Char('7')) => C::View(View::Wall),
        (C::ZoomIn, KeyCode::Char('-' | '_')) => C::ZoomOut,
        (C::PanLeft, KeyCode::Char('l') | KeyCode::Right) => C::PanRight,
        (C::PrevPeriod, KeyCode::Char(']')) => C::NextPeriod,
        (cmd, _) => cmd,
    }
}

/// Whether a binding applies in this mode and view.
pub fn applies(when: When, place: Place) -> bool {
    let Place { mode, view, .. } = place;
    match (when, mode) {
        (W::Help, m) => m == Mode::Help,
        (W::Form, m) => m == Mode::Form,
        (W::ConfirmDiscard, m) => m == Mode::ConfirmDiscard,
        (W::Conflict, m) => m == Mode::Conflict,
        (W::Editor, m) => m == Mode::Editor,
        (W::Picker, m) => m == Mode::Picker,
        (W::Ask, m) => m == Mode::Ask,
        (W::Prompt, m) => m == Mode::Prompt,
        (W::Import, m) => m == Mode::Import,
        (W::People, m) => m == Mode::Normal && view == View::People,
        (W::Report, m) => m == Mode::Normal && view == View::Report && !place.settings,
        (W::Settings, m) => m == Mode::Normal && view == View::Report && place.settings,
        (W::Indicators, m) => m == Mode::Normal && view == View::Indicators,
        (W::Tables, m) => m == Mode::Normal && matches!(view, View::Report | View::Indicators),
        (W::Figure, m) => m == Mode::Figure,
        (W::Batch, m) => m == Mode::Batch,
        (W::Plans, m) => m == Mode::Plans,
        (W::Queue, m) => m == Mode::Queue,
        (W::Project, m) => m == Mode::Project,
        (W::Wall, m) => m == Mode::Normal && view == View::Wall,
        (
            _,
            Mode::Help
            | Mode::Filter
            | Mode::Form
            | Mode::ConfirmDiscard
            | Mode::Conflict
            | Mode::Editor
            | Mode::Picker
            | Mode::Ask
            | Mode::Prompt
            | Mode::Import
            | Mode::Figure
            | Mode::Batch
            | Mode::Plans
            | Mode::Queue
            | Mode::Project,
        ) => false,
        (W::Detail, m) => m == Mode::Detail,
        (W::Anywhere, _) => true,
        (W::TaskViews, _) => matches!(
            view,
            View::Departments | View::Tasks | View::Deadlines | View::Wall
        ),
        (_, Mode::Detail) => false,
        // Views 4 to 6 have their own keys; the task lists' ones would do nothing there.
        (W::Lists, _) => !matches!(view, View::People | View::Report | View::Indicators),
        (W::Departments, _) => view == View::Departments,
    }
}

fn key_of(event: &KeyEvent) -> Key {
    let code = match event.code {
        // Some terminals report Shift-letter as lowercase with SHIFT.
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        other => other,
    };
    Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    }
}

/// The command a key means here, if any. (Filter typing is handled before the keymap.)
pub fn lookup(event: &KeyEvent, place: Place) -> Option<Command> {
    let key = key_of(event);
    let mode = place.mode;
    // Ctrl-C quits, except where it would lose typed text: there it cancels, which asks first.
    let in_form = matches!(
        mode,
        Mode::Form
            | Mode::ConfirmDiscard
            | Mode::Conflict
            | Mode::Editor
            | Mode::Picker
            | Mode::Ask
            | Mode::Prompt
            | Mode::Import
            | Mode::Figure
            | Mode::Batch
            | Mode::Project
    );
    if key.ctrl && key.code == KeyCode::Char('c') && !in_form {
        return Some(C::Quit);
    }
    bindings()
        .filter(|b| applies(b.when, place))
        .find_map(|b| b.keys.contains(&key).then(|| refine(b, &key)))
}

/// The bindings to show, in table order, for this place. Keys only an admin may use are left
/// out of a non-admin's settings screen (pressed anyway, they say why not), and a binding whose
/// keys an earlier one here already takes is left out: `lookup` never reaches it (view 4's `r`
/// renames, so the general `r` reload is not listed there).
pub fn visible(place: Place) -> impl Iterator<Item = &'static Binding> {
    let here: Vec<&'static Binding> = bindings().filter(|b| applies(b.when, place)).collect();
    here.clone()
        .into_iter()
        .enumerate()
        .filter(move |(i, b)| {
            let shadowed = b
                .keys
                .iter()
                .all(|k| here[..*i].iter().any(|e| e.keys.contains(k)));
            !shadowed
                && (place.admin
                    || !(b.when == W::Settings && matches!(b.command, C::Open | C::LightPreset)))
        })
        .map(|(_, b)| b)
}
