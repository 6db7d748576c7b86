//! The open form's text kept in the draft table while the clerk types (issue 19, item 10), so
//! that `kill -9`, a dropped connection or a power cut loses at most the last second of typing.
//!
//! The rules:
//! - When: `DraftTimer` (run by the event loop) asks for a write once no key came for `QUIET`,
//!   or after `LONGEST` of typing without a pause; never on every key. One write is one row.
//! - What: the form's text once something was typed; the row is removed when the fields are
//!   back to what the form opened on, on discard (at once) and on save.
//! - Whose: one row per (login, task, unit), shared by the login's sessions; the newest write
//!   wins. A form that opens on a row it did not write says it restored another session's
//!   draft; a write that replaces a row this session did not write says so.
//! - A busy file: the write waits at most `store::DRAFT_BUSY_WAIT` and is tried again after
//!   `QUIET`; the text stays in the form, nothing is said until it failed a few times in a row.
//!   Any other failure is said once, beside the form, until a write works.
//! - The session's end (quit, a signal, a hang-up) writes what is still pending, waiting as long
//!   as any write.
//!
//! Pure like `update`, apart from the timer, which the loop gives the time.

pub mod model;
pub use model::{DraftTimer, LONGEST, LeftDraft, QUIET};

use chrono::{DateTime, Utc};

use crate::i18n::tui as t;
use crate::store::StoredDraft;

use super::action::Effect;
use super::form::Draft;
use super::state::State;

/// Busy refusals in a row before the form says so (about three seconds of a locked file).
const BUSY_SAID_AFTER: u32 = 3;

/// The write that would bring the draft table in line with the open form, if it is not.
pub fn pending(state: &State) -> Option<Effect> {
    let form = state.form.as_ref()?;
    if state.session.as_of.is_some() {
        return None;
    }
    let wanted = form.wanted();
    if wanted == form.kept || (wanted.is_none() && form.kept.is_none()) {
        return None;
    }
    Some(Effect::KeepDraft {
        task: form.data.task_id,
        department: form.data.department_id,
        draft: wanted,
        kept: form.kept.clone(),
    })
}

/// The form's text differs from what the table holds.
pub fn due(state: &State) -> bool {
    state
        .form
        .as_ref()
        .is_some_and(|f| state.session.as_of.is_none() && f.wanted() != f.kept)
}

/// `Action::KeepDraft`: the loop's timer says it is time.
pub fn keep(state: &State, fx: &mut Vec<Effect>) {
    fx.extend(pending(state));
}

/// What the session's end must still write: the open form's text, and texts left by closed
/// forms whose write did not get through.
pub fn at_end(state: &State) -> Vec<Effect> {
    if state.session.as_of.is_some() {
        return Vec::new();
    }
    let mut out: Vec<Effect> = pending(state).into_iter().collect();
    out.extend(state.drafts.iter().filter(|(_, left)| !left.in_table).map(
        |(&(task, department), left)| Effect::KeepDraft {
            task,
            department,
            draft: Some(left.draft.clone()),
            kept: None,
        },
    ));
    out
}

/// The form opens: the table's draft for it if there is one, else text this session left and
/// could not store; and whether the table's came from another session (not what this one left).
pub fn restore(
    state: &mut State,
    key: (i64, i64),
    stored: Option<StoredDraft>,
) -> (Option<Draft>, Option<String>) {
    let left = state.drafts.remove(&key);
    let own = left.as_ref().map(|l| l.draft.clone());
    match stored {
        Some(s) => {
            let text = Draft {
                percent: s.percent,
                note: s.note,
            };
            let note = (own.as_ref() != Some(&text))
                .then(|| t::draft_restored_other(state.session.lang, &when(state, s.saved_at)));
            (Some(text), note)
        }
        // Text this session could not store comes back from memory; text it did store and
        // another session has since saved or thrown away stays gone (the newest wins).
        None => (left.filter(|l| !l.in_table).map(|l| l.draft), None),
    }
}

/// A draft write went through: the table held `was` as far as this session knew, and
/// `replaced` is the row it actually wrote over (another session's, when the two differ).
pub fn kept(
    state: &mut State,
    key: (i64, i64),
    draft: Option<Draft>,
    was: Option<Draft>,
    replaced: Option<StoredDraft>,
) {
    let open = state
        .form
        .as_ref()
        .is_some_and(|f| (f.data.task_id, f.data.department_id) == key);
    let note = replaced
        .filter(|r| {
            was.as_ref()
                .is_none_or(|w| w.percent != r.percent || w.note != r.note)
        })
        .map(|r| t::draft_replaced(state.session.lang, &when(state, r.saved_at)));
    if let Some(form) = state.form.as_mut().filter(|_| open) {
        form.kept = draft;
        form.keep_trouble = None;
        form.keep_failures = 0;
        if note.is_some() {
            form.draft_note = note;
        }
        return;
    }
    // A closed form's text (taken theirs in a conflict): it is in the table now.
    if let Some(left) = state.drafts.get_mut(&key) {
        left.in_table = true;
    }
    if let Some(text) = note {
        state.say(text, false);
    }
}

/// A draft write was refused (`busy`: another clerk's write held the file). The text stays
/// where it is, and the timer tries again.
pub fn not_kept(state: &mut State, key: (i64, i64), busy: bool, message: String) {
    let lang = state.session.lang;
    if let Some(form) = state
        .form
        .as_mut()
        .filter(|f| (f.data.task_id, f.data.department_id) == key)
    {
        form.keep_failures += 1;
        if !busy || form.keep_failures >= BUSY_SAID_AFTER {
            form.keep_trouble = Some(t::draft_not_kept(lang, &message));
        }
        return;
    }
    if !busy {
        state.say(t::draft_not_kept(lang, &message), true);
    }
}

/// When a draft was kept, as the clerk reads it: the time, with the day when not today.
fn when(state: &State, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&state.session.utc_offset);
    if local.date_naive() == state.session.today {
        local.format("%H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn the_timer_waits_for_a_pause_and_never_writes_twice_within_quiet() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut timer = DraftTimer::new(t0);
        assert!(!timer.fire(false, ms(2000)), "nothing typed");
        timer.input(ms(100));
        assert!(!timer.fire(true, ms(150)), "typing");
        assert_eq!(timer.wait(true, ms(150)), Some(Duration::from_millis(750)));
        assert!(timer.fire(true, ms(900)), "a pause of QUIET");
        // Refused (busy): tried again only after QUIET.
        assert!(!timer.fire(true, ms(1000)));
        assert!(timer.fire(true, ms(1700)));
        // Typing without a pause is kept every LONGEST all the same.
        let mut timer = DraftTimer::new(t0);
        let mut fired = Vec::new();
        for n in (0..12_000).step_by(100) {
            timer.input(ms(n));
            if timer.fire(true, ms(n)) {
                fired.push(n);
            }
        }
        assert_eq!(fired, vec![5000, 10_000]);
    }
}
