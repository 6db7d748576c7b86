//! --write

use crate::domain::Percent;

use crate::tui::field::TextField;
use crate::tui::form::FormData;

/// Which field of the batch form has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchField {
    Percent,
    Note,
}

/// Why a marked task has no assignment the batch can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// An editor's batch writes their own department's part, and the task has none.
    NotYours,
    NoUnits,
    /// Deleted, or its unit changed, since it was marked.
    Gone,
}

/// One marked task: the assignment the batch writes, as the store read it, or why none.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    pub task_id: i64,
    pub number: String,
    pub title: String,
    pub part: Result<FormData, Unwritable>,
}

impl BatchRow {
    /// "(一)3 区经信局", for messages and the undo list.
    pub fn label(&self) -> String {
        match &self.part {
            Ok(d) => format!("{} {}", self.number, d.department),
            Err(_) => self.number.clone(),
        }
    }
}

/// One report of a batch save (the runner adds the user and the time).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchSave {
    pub task: i64,
    pub department: i64,
    pub percent: Percent,
    pub note: String,
    pub version: i64,
}

/// What the batch writes on: for an editor their own department; for an admin `prefer` (the
/// department selected in view 1), else none (the lead unit of each task).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub editor: bool,
    pub department: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchForm {
    pub who: Who,
    /// The department `who` names, for the form's line about which part it writes.
    pub department_name: Option<String>,
    pub rows: Vec<BatchRow>,
    pub percent: TextField,
    pub note: TextField,
    pub focus: BatchField,
    /// Why the last Ctrl-S wrote nothing; the typed text stays.
    pub failure: Option<String>,
    pub saving: bool,
    /// The percent text confirmed for lowering rows that were done: a second Ctrl-S saves.
    pub lowering_confirmed: Option<String>,
}
