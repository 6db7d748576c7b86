//! Data entry inside `update`: opening the progress form on an assignment, saving it, the
//! conflict and discard dialogs, and undo. Pure like the rest of `update`.

use crate::i18n::tui as t;
use crate::store::{Conflict, Saved, StoredDraft, Undone};

use super::action::{Command, Effect};
use super::field::Edit;
use super::form::{Field, FormData, ProgressForm};
use super::state::*;
use super::ui::layout;

/// The assignment `e` reports on: the selected task, for the selected department in the
/// departments view; in the task lists (and the detail) the unit the detail shows, else the
/// clerk's own department if it is a unit of the task, else the task's first unit.
pub fn target(state: &State) -> Option<(i64, i64)> {
    if state.mode == Mode::Detail || (state.view != View::Departments && state.detail_visible()) {
        let d = &state.detail;
        if let (Some(task), Some(data)) = (d.task, &d.data)
            && (state.mode == Mode::Detail || Some(task) == state.selected_task())
        {
            return data.units.get(d.unit).map(|u| (task, u.department_id));
        }
    }
    let task = state.selected_task()?;
    match state.view {
        View::People | View::Report | View::Indicators => None,
        View::Departments => state.depts.selected_item().map(|d| (task, d.id)),
        View::Tasks | View::Deadlines | View::Wall => {
            let row = &state.list()?.rows.get(&task)?.row;
            let mine = state
                .session
                .department
                .filter(|m| row.units.iter().any(|u| u.department_id == *m));
            mine.or(row.units.first().map(|u| u.department_id))
                .map(|d| (task, d))
        }
    }
}

/// `e`: asks the store for the form's data, or says why the form cannot open.
pub fn report(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let Some((task, department)) = target(state) else {
        return state.say(t::nothing_to_report(lang), true);
    };
    if let Err(why) = state.actor().may_report(department) {
        let text = state.session.denied(why);
        return state.say(text, true);
    }
    state.form_return = match state.mode {
        Mode::Detail => Mode::Detail,
        _ => Mode::Normal,
    };
    fx.push(Effect::OpenForm { task, department });
}

pub fn opened(state: &mut State, data: Option<FormData>, stored: Option<StoredDraft>) {
    let Some(data) = data else {
        return state.say(t::nothing_to_report(state.session.lang), true);
    };
    let key = (data.task_id, data.department_id);
    let (draft, note) = super::draft::restore(state, key, stored);
    let mut form = ProgressForm::open(data, draft);
    form.draft_note = note;
    state.form = Some(form);
    state.mode = Mode::Form;
}

/// The open form's assignment read again after another session wrote: when someone reported on
/// it meanwhile, the form shows their figure and report and says so, and a save goes on top of
/// what the clerk has now seen. The clerk's typed text stays; a percent left as it opened follows
/// the new figure. (A save racing the refresh still meets the conflict dialog.)
pub fn refreshed(state: &mut State, data: Option<FormData>) {
    let lang = state.session.lang;
    let Some(form) = state.form.as_mut() else {
        return;
    };
    let Some(data) = data else {
        return;
    };
    let same = (data.task_id, data.department_id) == (form.data.task_id, form.data.department_id);
    if !same || data.version == form.data.version || form.saving {
        return;
    }
    if form.percent.text().trim() == form.data.current.value().to_string() {
        form.percent.set(&data.current.value().to_string());
    }
    let by = data.previous.as_ref().map(|p| p.reported_by.clone());
    form.draft_note = Some(t::form_refreshed(
        lang,
        by.as_deref().unwrap_or("?"),
        data.current.value(),
    ));
    form.data = data;
}

/// Display width of the note fields: `update` needs it for Up/Down between wrapped rows.
fn text_width(state: &State) -> usize {
    layout::form_text_width(state.viewport.width)
}

pub fn edit(state: &mut State, edit: Edit) {
    let width = text_width(state);
    if let Some(form) = state.form.as_mut().filter(|_| state.mode == Mode::Form) {
        form.edit(edit, width);
    }
}

/// Keys of the form and its dialogs.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let Some(form) = state.form.as_mut() else {
        state.mode = Mode::Normal;
        return;
    };
    match (state.mode, cmd) {
        // The percent is checked when it is left, not only on save: `150` then Enter stays, with
        // the reason. An empty field may be left (the note first); saving checks it.
        (Mode::Form, Command::NextField | Command::PrevField)
            if form.focus == Field::Percent
                && !form.percent.text().trim().is_empty()
                && form.checked_percent().is_err() => {}
        // Tab in the evidence paths completes the last one (`path_complete`); an empty field
        // moves on at once.
        (Mode::Form, Command::NextField)
            if form.focus == Field::Files && !form.files.text().trim().is_empty() =>
        {
            fx.push(Effect::CompletePath {
                typed: form.files.text().to_string(),
                prompt: false,
            });
        }
        (Mode::Form, Command::NextField) => form.focus = form.focus.next(),
        (Mode::Form, Command::PrevField) => form.focus = form.focus.prev(),
        (Mode::Form, Command::Save) => save(state, fx),
        (Mode::Form, Command::CopyLast) => {
            let lang = state.session.lang;
            form.failure = (!form.copy_previous()).then(|| t::no_previous(lang));
        }
        (Mode::Form, Command::Cancel) => {
            if form.is_changed() {
                state.mode = Mode::ConfirmDiscard;
            } else {
                drop_draft(state, fx);
                close(state);
            }
        }
        // Thrown away: its draft goes at once (a kill -9 after this must not bring it back).
        (Mode::ConfirmDiscard, Command::Yes) => {
            drop_draft(state, fx);
            close(state);
        }
        (Mode::ConfirmDiscard, Command::No | Command::Cancel) => state.mode = Mode::Form,
        // Keep mine: save again on top of the other clerk's value.
        (Mode::Conflict, Command::Yes) => {
            form.rebase();
            state.mode = Mode::Form;
            save(state, fx);
        }
        // Take theirs: the form closes, and what was typed waits as a draft for the next `e`.
        (Mode::Conflict, Command::TakeTheirs) => {
            let key = (form.data.task_id, form.data.department_id);
            let draft = form.draft();
            fx.push(Effect::KeepDraft {
                task: key.0,
                department: key.1,
                draft: Some(draft.clone()),
                kept: form.kept.clone(),
            });
            let left = super::draft::LeftDraft {
                draft,
                in_table: false,
            };
            state.drafts.insert(key, left);
            close(state);
            state.say(t::took_theirs(state.session.lang), false);
            reload_after_write(state, fx);
        }
        // Back to editing, on top of the other clerk's value.
        (Mode::Conflict, Command::No | Command::Cancel) => {
            form.rebase();
            state.mode = Mode::Form;
        }
        _ => {}
    }
}

fn save(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(form) = state.form.as_mut() else {
        return;
    };
    if form.saving {
        return;
    }
    let Ok(percent) = form.checked_percent() else {
        return;
    };
    // Progress rarely goes back: a lower figure with no word of why is most often a typo or
    // the wrong row (the cursor moves on after each save), so it is asked once, confirmed by
    // saving again. Taking back "done" is always asked, as it changes the ranking.
    let done = form.data.current.is_done();
    let unexplained = form.note.iter().all(|f| f.text().trim().is_empty());
    if percent < form.data.current
        && (done || unexplained)
        && form.lowering_confirmed != Some(percent)
    {
        form.lowering_confirmed = Some(percent);
        let lang = state.session.lang;
        form.failure = Some(match done {
            true => t::confirm_lowering_done(lang, percent.value()),
            false => t::confirm_lowering(lang, form.data.current.value(), percent.value()),
        });
        return;
    }
    form.saving = true;
    form.failure = None;
    fx.push(Effect::SaveProgress {
        task: form.data.task_id,
        department: form.data.department_id,
        percent,
        note: form.report_note().to_text(),
        version: form.data.version,
        files: form.files.text().to_string(),
    });
}

/// The open form's draft is no longer wanted (discarded, saved): removed from the table, if
/// this form kept one there.
fn drop_draft(state: &State, fx: &mut Vec<Effect>) {
    if let Some(form) = &state.form
        && form.kept.is_some()
    {
        fx.push(Effect::KeepDraft {
            task: form.data.task_id,
            department: form.data.department_id,
            draft: None,
            kept: form.kept.clone(),
        });
    }
}

fn close(state: &mut State) {
    state.form = None;
    state.mode = state.form_return;
}

/// A Tab's completion came back: for the form's paths field (the closing prompt has its own).
pub fn path_completed(state: &mut State, typed: &str, c: super::path_complete::Completion) {
    if let Some(form) = state.form.as_mut().filter(|_| state.mode == Mode::Form) {
        form.completed(typed, c);
    }
}

pub fn saved(
    state: &mut State,
    saved: Saved,
    attached: super::action::Attached,
    fx: &mut Vec<Effect>,
) {
    drop_draft(state, fx);
    let Some(form) = state.form.take() else {
        return;
    };
    let lang = state.session.lang;
    let label = format!("{} {}", form.data.number, form.data.department);
    let copied = form.same_as_previous();
    state.undo.push(UndoEntry {
        entry_id: saved.entry_id,
        label: label.clone(),
    });
    state.mode = state.form_return;
    // The cursor moving on is said, so the next `e` is not a surprise.
    let moved = next_assignment(state, form.data.task_id);
    let text = t::saved(
        lang,
        &label,
        form.data.current.value(),
        saved.state.percent.value(),
        copied,
        moved,
    );
    state.notice = Some(Notice {
        text: crate::i18n::attachment::after_save(
            lang,
            &text,
            attached.kept,
            attached.failed.as_deref(),
        ),
        alert: copied || attached.failed.is_some(),
        until: None,
    });
    reload_after_write(state, fx);
}

/// After a save the cursor goes to the next task, so a clerk can work down the list:
/// `e`, type, Ctrl-S, `e`, …; whether it moved.
fn next_assignment(state: &mut State, saved_task: i64) -> bool {
    if state.selected_task() != Some(saved_task) {
        return false;
    }
    match state.view {
        View::People | View::Report | View::Indicators => {}
        View::Departments => {
            let rows = state.viewport.dept_task_rows;
            let pane = &mut state.dept_tasks;
            if pane.selected + 1 < pane.shown.len() {
                pane.selected += 1;
                pane.offset =
                    super::nav::follow(pane.selected, pane.offset, rows, pane.shown.len());
            }
        }
        View::Tasks | View::Deadlines | View::Wall => {
            let rows = super::lists::page_rows(state, state.view);
            if let Some(list) = state.list_mut()
                && let Some(next) = list
                    .entries
                    .iter()
                    .enumerate()
                    .skip(list.selected + 1)
                    .find(|(_, e)| matches!(e, Entry::Task(_)))
                    .map(|(i, _)| i)
            {
                list.selected = next;
                list.offset =
                    super::nav::follow(list.selected, list.offset, rows, list.entries.len());
            }
        }
    }
    state.selected_task() != Some(saved_task)
}

pub fn conflict(state: &mut State, conflict: Box<Conflict>) {
    if let Some(form) = state.form.as_mut() {
        form.saving = false;
        form.conflict = Some(conflict);
        state.mode = Mode::Conflict;
    }
}

pub fn save_failed(state: &mut State, message: String) {
    if let Some(form) = state.form.as_mut() {
        form.saving = false;
        form.failure = Some(message);
    }
}

/// `u`: takes back this session's last save.
pub fn undo(state: &mut State, fx: &mut Vec<Effect>) {
    match state.undo.last() {
        Some(u) => fx.push(Effect::Undo {
            entry_id: u.entry_id,
        }),
        None => {
            let text = t::nothing_to_undo(state.session.lang, state.undone, state.undo_lost);
            state.say(text, true)
        }
    }
}

pub fn undone(state: &mut State, undone: &Undone, fx: &mut Vec<Effect>) {
    let label = match state.undo.pop() {
        Some(u) if u.entry_id == undone.undone.id => {
            state.undone += 1;
            u.label
        }
        Some(u) => {
            state.undo.push(u);
            String::new()
        }
        None => String::new(),
    };
    let text = t::undone(
        state.session.lang,
        &label,
        undone.restored.state.percent.value(),
    );
    state.say(text, false);
    // The save moved the cursor on: the task undone is the one to look at now.
    super::lists::select_task(state, undone.task_id);
    reload_after_write(state, fx);
}

pub fn undo_failed(state: &mut State, message: String, forget: bool) {
    if forget && state.undo.pop().is_some() {
        state.undo_lost += 1;
    }
    state.say(message, true);
}

/// Our own writes do not change `data_version` for our connection: reload explicitly.
fn reload_after_write(state: &mut State, fx: &mut Vec<Effect>) {
    super::lists::reload(state, fx);
}
