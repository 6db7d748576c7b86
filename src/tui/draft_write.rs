//! The draft table's one write, run by the runner for `Effect::KeepDraft` and by the session's
//! end: the only I/O of `super::draft`.

use crate::store::{StoreError, StoredDraft};

use super::action::Action;
use super::form::Draft;
use super::runner::Runner;

impl Runner<'_> {
    /// Makes the user's draft of an assignment `draft`, or removes it if it still holds `kept`
    /// (`super::draft`), waiting at most `busy_wait` for another writer. A refusal comes back
    /// as an action, never as a failed screen.
    pub fn keep_draft(
        &mut self,
        task: i64,
        department: i64,
        draft: Option<Draft>,
        kept: Option<Draft>,
        busy_wait: std::time::Duration,
    ) -> Action {
        let s = self.session;
        let stored = |d: &Draft| StoredDraft {
            task_id: task,
            department_id: department,
            percent: d.percent.clone(),
            note: d.note.clone(),
            saved_at: s.clock.now(),
        };
        let done = match (&draft, &kept) {
            (Some(d), _) => self.db.keep_draft(&s.user, &stored(d), busy_wait),
            (None, Some(k)) => self
                .db
                .drop_draft(&s.user, &stored(k), busy_wait)
                .map(|_| None),
            (None, None) => Ok(None),
        };
        match done {
            Ok(replaced) => Action::DraftKept {
                task,
                department,
                draft,
                kept,
                replaced,
            },
            Err(e) => Action::DraftNotKept {
                task,
                department,
                busy: matches!(e, StoreError::Busy),
                message: crate::i18n::store_error(s.lang, &e),
            },
        }
    }
}
