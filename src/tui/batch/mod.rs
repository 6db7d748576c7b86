//! Batch entry for the supervision office (督查科): Space marks task rows in views 1 to 3, `B`
//! opens one form for all of them, and Ctrl-S writes the same percent and/or note on each
//! marked task's assignment in one transaction (`Db::report_batch`: all or nothing, each row
//! permission-checked and journaled as a single save is). Pure, like `update`.

pub mod model;
pub use model::{BatchField, BatchForm, BatchRow, BatchSave, Unwritable, Who};

use crate::domain::{ClerkRole, Percent, ReportNote, Role};
use crate::i18n::batch as words;
use crate::store::{Saved, TaskUnit};

use super::action::{Command, Effect};
use super::field::{Edit, TextField};
use super::state::*;

/// The assignment of a task (its `units`) that a batch by `who` writes: pure, so the runner
/// and the tests ask the same rule.
pub fn part_for(units: &[TaskUnit], who: Who) -> Result<i64, Unwritable> {
    if units.is_empty() {
        return Err(Unwritable::NoUnits);
    }
    let has = |d: i64| units.iter().any(|u| u.department_id == d);
    if who.editor {
        return who
            .department
            .filter(|d| has(*d))
            .ok_or(Unwritable::NotYours);
    }
    if let Some(d) = who.department.filter(|d| has(*d)) {
        return Ok(d);
    }
    // The first-named unit is the lead when none is marked (DESIGN.md, rules).
    Ok(units
        .iter()
        .find(|u| u.role == Role::Lead)
        .unwrap_or(&units[0])
        .department_id)
}

/// Space: marks or unmarks the selected task row (views 1 to 3); the caller moves on a row.
/// False when there is no task row to mark here.
pub fn toggle_mark(state: &mut State) -> bool {
    if state.view == View::Departments && state.pane == Pane::Departments {
        let text = words::words(state.session.lang)
            .tasks_pane_first
            .to_string();
        state.say(text, true);
        return false;
    }
    let Some(task) = state.selected_task() else {
        return false;
    };
    if !state.marks.remove(&task) {
        state.marks.insert(task);
    }
    true
}

/// Esc in a list without a filter: forgets the marks. False when there were none.
pub fn clear_marks(state: &mut State) -> bool {
    if state.marks.is_empty() {
        return false;
    }
    state.marks.clear();
    let text = words::words(state.session.lang).marks_cleared.to_string();
    state.say(text, false);
    true
}

/// `B`: asks the store for each marked task's assignment, or says why the form cannot open.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    if state.marks.is_empty() {
        return state.say(words::words(lang).no_marks.to_string(), true);
    }
    let editor = match state.session.role {
        Some(ClerkRole::Admin) => false,
        Some(ClerkRole::Editor) if state.session.department.is_some() => true,
        _ => {
            let department = state.session.department.unwrap_or(-1);
            if let Err(why) = state.actor().may_report(department) {
                let text = state.session.denied(why);
                return state.say(text, true);
            }
            true
        }
    };
    let who = Who {
        editor,
        department: if editor {
            state.session.department
        } else {
            state.depts.selected_item().map(|d| d.id)
        },
    };
    fx.push(Effect::OpenBatch {
        tasks: state.marks.iter().copied().collect(),
        who,
    });
}

/// The marked tasks' assignments as the store read them. On a form already open (read again
/// after a conflict) the typed text stays.
pub fn opened(state: &mut State, who: Who, department_name: Option<String>, rows: Vec<BatchRow>) {
    if let Some(form) = state.batch.as_mut() {
        form.rows = rows;
        form.saving = false;
        return;
    }
    state.batch = Some(BatchForm {
        who,
        department_name,
        rows,
        percent: TextField::single(""),
        note: TextField::single(""),
        focus: BatchField::Percent,
        failure: None,
        saving: false,
        lowering_confirmed: None,
    });
    state.mode = Mode::Batch;
}

/// A key for the focused field.
pub fn edit(state: &mut State, edit: Edit) {
    if state.mode != Mode::Batch {
        return;
    }
    if let Some(form) = state.batch.as_mut() {
        let field = match form.focus {
            BatchField::Percent => &mut form.percent,
            BatchField::Note => &mut form.note,
        };
        let before = field.text().to_string();
        field.apply(edit, usize::MAX / 2);
        // As in the single form: what went wrong is about the text as it was; an edit clears it.
        if field.text() != before {
            form.failure = None;
        }
    }
}

/// Keys of the batch form.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let Some(form) = state.batch.as_mut() else {
        state.mode = Mode::Normal;
        return;
    };
    match cmd {
        Command::NextField | Command::PrevField => {
            form.focus = match form.focus {
                BatchField::Percent => BatchField::Note,
                BatchField::Note => BatchField::Percent,
            }
        }
        Command::Save => save(state, fx),
        // Only a percent and a line are typed here: closing keeps the marks, not the text.
        Command::Cancel | Command::Close => {
            state.batch = None;
            state.mode = Mode::Normal;
        }
        _ => {}
    }
}

/// The reports Ctrl-S writes, or why none: every row must have an assignment, the percent must
/// read on each row's current value, and lowering a row that was done is confirmed once.
pub fn reports(form: &mut BatchForm, lang: crate::i18n::Lang) -> Result<Vec<BatchSave>, String> {
    let w = words::words(lang);
    let percent_text = form.percent.text().trim().to_string();
    let note_text = form.note.text().trim().to_string();
    if percent_text.is_empty() && note_text.is_empty() {
        return Err(w.nothing_typed.to_string());
    }
    let note = ReportNote {
        progress: note_text,
        ..ReportNote::default()
    }
    .to_text();
    let mut out = Vec::with_capacity(form.rows.len());
    let mut lowered = Vec::new();
    for row in &form.rows {
        let data = match &row.part {
            Ok(d) => d,
            Err(why) => {
                let why = match why {
                    Unwritable::NotYours => w.not_yours,
                    Unwritable::NoUnits => w.no_units,
                    Unwritable::Gone => w.gone,
                };
                return Err(words::row_refused(lang, &row.label(), why));
            }
        };
        let percent = if percent_text.is_empty() {
            data.current
        } else {
            Percent::parse(&percent_text, data.current).map_err(|e| {
                words::row_refused(
                    lang,
                    &row.label(),
                    &crate::i18n::tui::percent_error(lang, &e),
                )
            })?
        };
        if data.current.is_done() && percent < data.current {
            lowered.push((row.label(), percent));
        }
        out.push(BatchSave {
            task: data.task_id,
            department: data.department_id,
            percent,
            note: note.clone(),
            version: data.version,
        });
    }
    if let Some((_, p)) = lowered.first()
        && form.lowering_confirmed.as_deref() != Some(percent_text.as_str())
    {
        form.lowering_confirmed = Some(percent_text);
        let names: Vec<String> = lowered.iter().map(|(l, _)| l.clone()).collect();
        return Err(words::confirm_lowering(lang, &names, p.value()));
    }
    Ok(out)
}

fn save(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let Some(form) = state.batch.as_mut() else {
        return;
    };
    if form.saving {
        return;
    }
    match reports(form, lang) {
        Ok(rows) => {
            form.saving = true;
            form.failure = None;
            fx.push(Effect::SaveBatch(rows));
        }
        Err(why) => form.failure = Some(why),
    }
}

/// The batch is in the journal: each row undoable as a single save, the marks gone, a summary.
pub fn saved(state: &mut State, saved: Vec<Saved>, fx: &mut Vec<Effect>) {
    let Some(form) = state.batch.take() else {
        return;
    };
    for (row, s) in form.rows.iter().zip(&saved) {
        state.undo.push(UndoEntry {
            entry_id: s.entry_id,
            label: row.label(),
        });
    }
    state.marks.clear();
    state.mode = Mode::Normal;
    let text = words::saved(state.session.lang, saved.len());
    state.say(text, false);
    super::lists::reload(state, fx);
}

/// The store refused row `row` (or the whole transaction): nothing was written. A conflict reads
/// the rows again, so that the form shows the other clerk's value before a second Ctrl-S.
pub fn failed(
    state: &mut State,
    row: Option<usize>,
    message: String,
    conflict: bool,
    fx: &mut Vec<Effect>,
) {
    let lang = state.session.lang;
    let Some(form) = state.batch.as_mut() else {
        return state.say(message, true);
    };
    form.saving = false;
    let label = row
        .and_then(|i| form.rows.get(i))
        .map(BatchRow::label)
        .unwrap_or_default();
    form.failure = Some(match (row, conflict) {
        (None, _) => message,
        (Some(_), true) => words::row_conflict(lang, &label, &message),
        (Some(_), false) => words::row_refused(lang, &label, &message),
    });
    if conflict {
        fx.push(Effect::OpenBatch {
            tasks: form.rows.iter().map(|r| r.task_id).collect(),
            who: form.who,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, role: Role) -> TaskUnit {
        TaskUnit {
            department_id: id,
            name: format!("u{id}"),
            role,
            percent: Percent::ZERO,
        }
    }

    #[test]
    fn the_part_a_batch_writes() {
        let units = [unit(1, Role::Co), unit(2, Role::Lead), unit(3, Role::Co)];
        let editor = |d| Who {
            editor: true,
            department: Some(d),
        };
        let admin = |d| Who {
            editor: false,
            department: d,
        };
        assert_eq!(part_for(&units, editor(3)), Ok(3));
        assert_eq!(part_for(&units, editor(9)), Err(Unwritable::NotYours));
        assert_eq!(part_for(&units, admin(Some(3))), Ok(3));
        assert_eq!(part_for(&units, admin(Some(9))), Ok(2), "the lead");
        assert_eq!(part_for(&units, admin(None)), Ok(2));
        let no_lead = [unit(4, Role::Co), unit(5, Role::Co)];
        assert_eq!(part_for(&no_lead, admin(None)), Ok(4), "the first named");
        assert_eq!(part_for(&[], admin(None)), Err(Unwritable::NoUnits));
    }
}
