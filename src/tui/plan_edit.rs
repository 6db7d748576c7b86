//! Plan editing inside `update`: opening the task editor, its keys and the department picker,
//! saving, deleting a task, and the yes/no questions before what cannot be taken back.

use crate::i18n::tui as t;
use crate::store::TaskForEdit;

use super::action::{Command, Effect};
use super::editor::{EditorData, EditorField, Question, SpecError, TaskEditor};
use super::field::Edit;
use super::people::AdminOp;
use super::project_edit::PartError;
use super::state::*;
use super::ui::layout;

/// `n`, `E`, `D` from the lists.
pub fn command_from_list(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    if !state.may_administer() {
        return;
    }
    let selected = state.selected_task();
    match cmd {
        Command::NewTask => fx.push(Effect::OpenEditor {
            task: None,
            near: selected,
        }),
        Command::EditTask | Command::DeleteTask => match selected {
            Some(task) if cmd == Command::EditTask => fx.push(Effect::OpenEditor {
                task: Some(task),
                near: None,
            }),
            Some(task) => fx.push(Effect::AskDelete { task }),
            None => state.say(t::nothing_to_report(state.session.lang), true),
        },
        _ => {}
    }
}

pub fn opened(state: &mut State, data: EditorData) {
    state.editor = Some(TaskEditor::open(data, state.session.today));
    state.mode = Mode::Editor;
}

fn width(state: &State) -> usize {
    layout::form_text_width(state.viewport.width)
}

pub fn edit(state: &mut State, edit: Edit) {
    if state.mode == Mode::Prompt {
        return super::people::prompt_edit(state, edit);
    }
    let w = width(state);
    let mode = state.mode;
    let Some(editor) = state.editor.as_mut() else {
        return;
    };
    if mode == Mode::Picker {
        editor.picker_edit(edit);
    } else if mode == Mode::Editor && editor.edit(edit, w) {
        // The key asked for the unit picker (Enter or `a` in the units field).
        editor.open_picker();
        state.mode = Mode::Picker;
    }
}

/// Keys of the editor, the picker and the questions.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    // The milestone dialog of the project page has these keys while it is open.
    if state.mode == Mode::Editor
        && let Some(e) = state.editor.as_mut()
        && let Some(d) = e.project.dialog.as_mut()
    {
        match cmd {
            Command::NextField | Command::PrevField => d.next(cmd == Command::NextField),
            Command::Cancel => e.project.dialog = None,
            // Saving takes the milestone typed first; one that will not do keeps the dialog.
            Command::Save if e.project.take_dialog() => {}
            _ => return,
        }
        if cmd != Command::Save {
            return;
        }
    }
    match (state.mode, cmd) {
        (Mode::Ask, Command::Yes) => answer(state, true, fx),
        (Mode::Ask, Command::No | Command::Cancel) => answer(state, false, fx),
        (Mode::Picker, Command::Pick) => {
            let Some(editor) = state.editor.as_mut() else {
                return;
            };
            match editor.pick() {
                Some(q) => ask(state, q),
                // Chosen: back to the editor; nothing to choose yet: the picker stays.
                None if editor.picker.is_none() => state.mode = Mode::Editor,
                None => {}
            }
        }
        (Mode::Picker, Command::Cancel) => {
            if let Some(e) = state.editor.as_mut() {
                e.picker = None;
            }
            state.mode = Mode::Editor;
        }
        (Mode::Editor, Command::NextField) => {
            if let Some(e) = state.editor.as_mut() {
                e.focus = e.focus.next();
            }
        }
        (Mode::Editor, Command::PrevField) => {
            if let Some(e) = state.editor.as_mut() {
                e.focus = e.focus.prev();
            }
        }
        // PgDn / PgUp: the project page and back.
        (Mode::Editor, Command::PageDown | Command::PageUp) => {
            if let Some(e) = state.editor.as_mut() {
                e.focus = match cmd {
                    Command::PageDown => EditorField::Owner,
                    _ => EditorField::Number,
                };
            }
        }
        (Mode::Editor, Command::Cancel) => match &state.editor {
            Some(e) if e.is_changed() => ask(state, Question::DiscardEditor),
            _ => close(state),
        },
        (Mode::Editor, Command::Save) => {
            let Some(e) = state.editor.as_mut() else {
                return;
            };
            if e.saving {
                return;
            }
            let project = match e.project.save() {
                Ok(p) => p.map(Box::new),
                Err(why) => {
                    e.focus = match why {
                        PartError::BadTotal(_) => EditorField::Total,
                        PartError::BadPlanned(_) => EditorField::Planned,
                    };
                    e.message = Some((part_error(lang, &why), true));
                    return;
                }
            };
            match e.spec() {
                Ok(spec) => {
                    e.saving = true;
                    fx.push(Effect::SaveTask {
                        id: e.id,
                        version: e.version,
                        spec,
                        project,
                    });
                }
                Err(why) => e.message = Some((spec_error(lang, &why), true)),
            }
        }
        _ => {}
    }
}

fn spec_error(lang: crate::i18n::Lang, why: &SpecError) -> String {
    match why {
        SpecError::EmptyNumber => t::editor_empty_number(lang),
        SpecError::EmptyTitle => t::editor_empty_title(lang),
        SpecError::BadWeight(w) => t::editor_bad_weight(lang, w),
    }
}

fn part_error(lang: crate::i18n::Lang, why: &PartError) -> String {
    match why {
        PartError::BadTotal(t) => crate::i18n::project_tui::bad_total(lang, t, false),
        PartError::BadPlanned(t) => crate::i18n::project_tui::bad_total(lang, t, true),
    }
}

fn ask(state: &mut State, q: Question) {
    if state.mode != Mode::Ask {
        state.ask_return = state.mode;
    }
    state.question = Some(q);
    state.mode = Mode::Ask;
}

fn answer(state: &mut State, yes: bool, fx: &mut Vec<Effect>) {
    let back = state.ask_return;
    let Some(q) = state.question.take() else {
        state.mode = Mode::Normal;
        return;
    };
    state.mode = back;
    // A question asked from view 4's prompt: yes ends the prompt, no goes back to its text.
    if back == Mode::Prompt && yes {
        state.prompt = None;
        state.mode = Mode::Normal;
    }
    match (q, yes) {
        (Question::DiscardEditor, true) => close(state),
        (Question::NewDepartment { name, .. }, true) => {
            fx.push(Effect::AddDepartment { name });
        }
        (Question::DeleteTask { task, .. }, true) => fx.push(Effect::DeleteTask { task }),
        (Question::MergeDepartments { from, into, .. }, true) => {
            fx.push(Effect::Admin(AdminOp::Merge { from, into }));
        }
        (Question::RemoveClerk(username), true) => {
            fx.push(Effect::Admin(AdminOp::RemoveClerk(username)));
        }
        (Question::DiscardImport, true) => super::import::close(state),
        (Question::DiscardFigure, true) => super::figure::close(state),
        (Question::DiscardProject, true) => super::project_entry::close(state),
        // "No" to a new department goes back to the picker with the name still typed.
        (_, false) => {}
    }
}

fn close(state: &mut State) {
    state.editor = None;
    state.mode = Mode::Normal;
}

pub fn saved(state: &mut State, task: TaskForEdit, fx: &mut Vec<Effect>) {
    let new = state.editor.as_ref().is_some_and(TaskEditor::is_new);
    close(state);
    let label = format!("{} {}", task.number, task.title);
    state.say(t::task_saved(state.session.lang, &label, new), false);
    // The task lists and the rollups change with the plan.
    state.tasks.loaded = false;
    state.deadlines.loaded = false;
    state.wall.list.loaded = false;
    super::lists::reload(state, fx);
    if let Some(view) = (state.view != View::Departments).then_some(state.view) {
        fx.push(Effect::LoadTaskKeys {
            view,
            query: super::lists::query_for(state, view),
        });
    }
}

/// Another admin saved the task first: say who, and save over theirs on the next Ctrl-S.
pub fn conflict(state: &mut State, current: TaskForEdit) {
    let lang = state.session.lang;
    if let Some(e) = state.editor.as_mut() {
        e.saving = false;
        e.version = current.version;
        let who = current.updated_by.clone().unwrap_or_default();
        e.message = Some((t::task_conflict(lang, &who), true));
    }
}

pub fn failed(state: &mut State, message: String) {
    match state.editor.as_mut() {
        Some(e) => {
            e.saving = false;
            e.message = Some((message, true));
        }
        None => state.say(message, true),
    }
}

pub fn department_added(state: &mut State, id: i64, name: String, fx: &mut Vec<Effect>) {
    match state.editor.as_mut() {
        Some(e) => {
            e.department_added(id, name);
            state.mode = Mode::Editor;
        }
        // Added from view 4.
        None => {
            let text = t::department_added(state.session.lang, &name);
            super::people::done(state, text, fx);
        }
    }
}

pub fn delete_ask(state: &mut State, task: i64, label: String, entries: i64) {
    ask(
        state,
        Question::DeleteTask {
            task,
            label,
            entries,
        },
    );
}

pub fn deleted(state: &mut State, label: String, fx: &mut Vec<Effect>) {
    state.say(t::task_deleted(state.session.lang, &label), false);
    state.tasks.loaded = false;
    state.deadlines.loaded = false;
    state.wall.list.loaded = false;
    super::lists::reload(state, fx);
    if let Some(view) = (state.view != View::Departments).then_some(state.view) {
        fx.push(Effect::LoadTaskKeys {
            view,
            query: super::lists::query_for(state, view),
        });
    }
}
