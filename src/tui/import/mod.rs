//! The import preview (`i` in the departments view, admins): a plan document read into a draft
//! and shown task by task before anything is saved. The user drops a task the parser took for
//! one, rewrites a task's units as a plan writes them (`*区经信局、区发改局`), or maps a new unit
//! name onto an existing department; Ctrl-S saves it all in one transaction.

pub mod model;
pub use model::{ImportPreview, PlanRead, PreviewPane, UnitLine};

use crate::domain::Role;
use crate::i18n::{self, preview as t};
use crate::import::mapping;
use crate::import::units::parse_note;

use super::action::{Command, Effect};
use super::editor::Question;
use super::field::TextField;
use super::nav::{follow, move_selection};
use super::people::{Prompt, PromptKind};
use super::state::{Mode, State};

/// `i`: ask for the file (admins, not in a past view).
pub fn start(state: &mut State) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    if !state.may_administer() {
        return;
    }
    state.prompt = Some(Prompt {
        kind: PromptKind::ImportFile,
        field: TextField::single(""),
        error: None,
    });
    state.mode = Mode::Prompt;
}

pub fn is_import_prompt(kind: &PromptKind) -> bool {
    matches!(
        kind,
        PromptKind::ImportFile | PromptKind::ImportUnits(_) | PromptKind::ImportMap(_)
    )
}

/// Enter in one of the preview's prompts.
pub fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let Some(prompt) = state.prompt.clone() else {
        return back(state);
    };
    let text = prompt.field.text().trim().to_string();
    let refuse = |state: &mut State, why: String| {
        if let Some(p) = state.prompt.as_mut() {
            p.error = Some(why);
        }
    };
    match prompt.kind {
        PromptKind::ImportFile => {
            if text.is_empty() {
                return refuse(state, t::no_file(lang));
            }
            // The prompt stays until the file is read: a wrong path is fixed in place.
            fx.push(Effect::ReadPlan {
                path: expand_home(&text),
            });
        }
        PromptKind::ImportUnits(k) => {
            let Some(p) = state.import.as_mut() else {
                return back(state);
            };
            let mut units = if text.is_empty() {
                Vec::new()
            } else {
                parse_note(&text).units
            };
            if !text.is_empty() && units.is_empty() {
                return refuse(state, t::no_units_read(lang, &text));
            }
            // As in plans: with no unit marked, the first named leads.
            if !units.is_empty() && units.iter().all(|u| u.role != Role::Lead) {
                units[0].role = Role::Lead;
            }
            if let Some(task) = p.draft.tasks.get_mut(k) {
                task.units = units;
            }
            p.replan();
            back(state);
        }
        PromptKind::ImportMap(from) => {
            let Some(p) = state.import.as_mut() else {
                return back(state);
            };
            if text.is_empty() {
                return refuse(state, t::no_target(lang, &from));
            }
            let mut draft = p.draft.clone();
            match mapping::map_unit(&mut draft, &from, &text, &p.existing) {
                Ok((_, to)) => {
                    p.draft = draft;
                    p.replan();
                    let said = t::mapped(lang, &from, &to);
                    back(state);
                    state.say(said, false);
                }
                Err(e) => refuse(state, i18n::map_error(lang, &e)),
            }
        }
        _ => back(state),
    }
}

/// `~/plan.txt` as the shell would read it.
fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// Esc in a prompt of the preview: back to the preview (or to the list, for the file prompt).
pub fn back(state: &mut State) {
    state.prompt = None;
    state.mode = if state.import.is_some() {
        Mode::Import
    } else {
        Mode::Normal
    };
}

/// The file was read: open the preview.
pub fn read(state: &mut State, read: PlanRead) {
    state.prompt = None;
    state.import = Some(ImportPreview::new(read));
    state.mode = Mode::Import;
}

/// The file could not be read: say why under the path, which stays to be fixed.
pub fn read_failed(state: &mut State, why: String) {
    match state.prompt.as_mut() {
        Some(p) if p.kind == PromptKind::ImportFile => p.error = Some(why),
        _ => state.say(why, true),
    }
}

/// Keys while the preview has the keyboard.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let extra = state.import.as_ref().map_or(0, ImportPreview::detail_extra);
    let rows = super::ui::layout::preview_rows(&state.viewport, extra);
    let Some(p) = state.import.as_mut() else {
        state.mode = Mode::Normal;
        return;
    };
    if p.saving {
        return;
    }
    let len = match p.pane {
        PreviewPane::Tasks => p.draft.tasks.len(),
        PreviewPane::Units => p.unit_lines(),
    };
    let sel = match p.pane {
        PreviewPane::Tasks => &mut p.task,
        PreviewPane::Units => &mut p.unit,
    };
    let last = len.saturating_sub(1);
    if move_selection(cmd, sel, rows, len) {
        return keep_in_view(state, rows);
    }
    match cmd {
        Command::NextPane | Command::PrevPane => {
            p.pane = match p.pane {
                PreviewPane::Tasks => PreviewPane::Units,
                PreviewPane::Units => PreviewPane::Tasks,
            };
            return;
        }
        Command::DropTask => {
            if p.pane == PreviewPane::Tasks
                && let Some(d) = p.dropped.get_mut(p.task)
            {
                *d = !*d;
                p.changed = true;
                p.task = (p.task + 1).min(last);
            }
        }
        Command::EditUnits => {
            if p.pane != PreviewPane::Tasks {
                return state.say(t::units_in_tasks(lang), true);
            }
            let Some(task) = p.draft.tasks.get(p.task) else {
                return;
            };
            let text = crate::report::import::units_line(task);
            let k = p.task;
            state.prompt = Some(Prompt {
                kind: PromptKind::ImportUnits(k),
                field: TextField::single(&text),
                error: None,
            });
            state.mode = Mode::Prompt;
            return;
        }
        Command::MapUnit => {
            if p.pane != PreviewPane::Units {
                return state.say(t::map_in_units(lang), true);
            }
            let (name, first) = match p.unit_line(p.unit) {
                Some(UnitLine::New { name, close }) => {
                    (name.to_string(), close.first().cloned().unwrap_or_default())
                }
                Some(UnitLine::Existing { name, .. }) => (name.to_string(), String::new()),
                None => return,
            };
            state.prompt = Some(Prompt {
                kind: PromptKind::ImportMap(name),
                field: TextField::single(&first),
                error: None,
            });
            state.mode = Mode::Prompt;
            return;
        }
        Command::Save => {
            if p.kept() == 0 {
                return state.say(t::nothing_kept(lang), true);
            }
            p.saving = true;
            let draft = p.to_save();
            fx.push(Effect::SaveImport(Box::new(draft)));
        }
        Command::Cancel => {
            if p.changed {
                state.ask_return = Mode::Import;
                state.question = Some(Question::DiscardImport);
                state.mode = Mode::Ask;
            } else {
                close(state);
            }
            return;
        }
        _ => return,
    }
    keep_in_view(state, rows);
}

/// Scrolls the focused list so that its selection is on screen.
fn keep_in_view(state: &mut State, rows: usize) {
    let Some(p) = state.import.as_mut() else {
        return;
    };
    let len = match p.pane {
        PreviewPane::Tasks => p.draft.tasks.len(),
        PreviewPane::Units => p.unit_lines(),
    };
    let (sel, off) = match p.pane {
        PreviewPane::Tasks => (p.task, &mut p.task_offset),
        PreviewPane::Units => (p.unit, &mut p.unit_offset),
    };
    *off = follow(sel, *off, rows, len);
}

pub fn close(state: &mut State) {
    state.import = None;
    state.mode = Mode::Normal;
}

/// The plan is saved: back to the lists, which now hold it.
pub fn saved(state: &mut State, message: String, fx: &mut Vec<Effect>) {
    close(state);
    state.say(message, false);
    // Plan titles and section names are read once at start: read them again.
    fx.push(Effect::Reopen);
    super::lists::reload(state, fx);
}

/// The store refused (permission, busy, disk full): the preview stays, with what was changed.
pub fn save_failed(state: &mut State, message: String) {
    if let Some(p) = state.import.as_mut() {
        p.saving = false;
    }
    state.say(message, true);
}
