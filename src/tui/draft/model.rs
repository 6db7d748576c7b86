//! --write

use std::time::{Duration, Instant};

use crate::tui::form::Draft;

/// No key for this long: the text is kept. "Within about a second of the last keystroke."
pub const QUIET: Duration = Duration::from_millis(800);

/// Typing without a pause of `QUIET` is kept this often all the same.
pub const LONGEST: Duration = Duration::from_secs(5);

/// Text this session left in the draft table when its form closed (taking the other clerk's
/// value in a conflict), and whether the write is known to have reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftDraft {
    pub draft: Draft,
    pub in_table: bool,
}

/// When the event loop asks for a draft write: after `QUIET` without input, or `LONGEST` after
/// the text first differed, and never twice within `QUIET` (a refused write waits too).
#[derive(Debug, Clone)]
pub struct DraftTimer {
    last_input: Instant,
    pending_since: Option<Instant>,
    last_try: Option<Instant>,
}

impl DraftTimer {
    pub fn new(now: Instant) -> DraftTimer {
        DraftTimer {
            last_input: now,
            pending_since: None,
            last_try: None,
        }
    }

    /// Input arrived (a key, a paste, a resize).
    pub fn input(&mut self, now: Instant) {
        self.last_input = now;
    }

    /// Whether to write now, given whether the form's text differs from the table's.
    pub fn fire(&mut self, due: bool, now: Instant) -> bool {
        if !due {
            self.pending_since = None;
            return false;
        }
        let since = *self.pending_since.get_or_insert(now);
        let ready =
            now.duration_since(self.last_input) >= QUIET || now.duration_since(since) >= LONGEST;
        let spaced = self.last_try.is_none_or(|t| now.duration_since(t) >= QUIET);
        if ready && spaced {
            self.last_try = Some(now);
            // Typing on after a write: the next one is `LONGEST` from this one.
            self.pending_since = Some(now);
            return true;
        }
        false
    }

    /// How long the loop may wait for input before asking `fire` again (`None`: nothing due).
    pub fn wait(&self, due: bool, now: Instant) -> Option<Duration> {
        if !due {
            return None;
        }
        let quiet = self.last_input + QUIET;
        let longest = self.pending_since.map_or(quiet, |s| s + LONGEST);
        let mut at = quiet.min(longest);
        if let Some(t) = self.last_try {
            at = at.max(t + QUIET);
        }
        Some(at.saturating_duration_since(now))
    }
}
