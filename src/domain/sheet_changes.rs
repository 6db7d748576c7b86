//! What a spreadsheet import would change, as plain data: `sheet_diff` builds it from the sheet and
//! the database's tasks, the CLI prints it (`--dry-run`), the store applies it in one transaction
//! (`Db::apply_sheet`). Every change and every refusal names the sheet, row and column it came
//! from, so a clerk can find the cell.

use crate::domain::sheet::Column;
use crate::domain::{Deadline, Percent, Role};

/// A cell, or a whole row when `column` is `None`. `row` counts from 1, as a spreadsheet does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub sheet: String,
    pub row: usize,
    /// The column's meaning and its 0-based index in the sheet (for the letter: A, B, …).
    pub column: Option<(Column, usize)>,
}

impl Cell {
    /// The column letters of a 0-based index: A … Z, AA ….
    pub fn letters(index: usize) -> String {
        let mut n = index + 1;
        let mut out = Vec::new();
        while n > 0 {
            let r = (n - 1) % 26;
            out.push(char::from(b'A' + r as u8));
            n = (n - 1) / 26;
        }
        out.iter().rev().collect()
    }
}

/// A responsible unit as a row names it, resolved to a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
}

/// A row that names no existing task: a task to add (admins only).
#[derive(Debug, Clone, PartialEq)]
pub struct NewTask {
    pub at: Cell,
    pub plan_id: i64,
    /// The section of the task in the row above it, so an inserted row lands among its
    /// neighbours.
    pub section_id: Option<i64>,
    pub number: String,
    pub title: String,
    /// `None`: the plan's end.
    pub deadline: Option<Deadline>,
    pub units: Vec<UnitChoice>,
}

/// A change to an existing task's units or deadline (admins only).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEdit {
    pub at: Cell,
    pub task_id: i64,
    /// The task's version when it was read: a save over another admin's edit is refused.
    pub version: i64,
    pub number: String,
    pub title: String,
    /// (before, after), when the units or their roles differ.
    pub units: Option<(Vec<UnitChoice>, Vec<UnitChoice>)>,
    /// (the cell as it was exported, the new deadline; `None` is the plan's end), when it differs.
    pub deadline: Option<(String, Option<Deadline>)>,
    /// The cells that hold the changed units and deadline, so that a refusal when the edit is
    /// saved names the column the user changed, not the row's title.
    pub units_at: Option<Cell>,
    pub deadline_at: Option<Cell>,
}

/// Which task a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskOf {
    Existing(i64),
    /// An index into `ChangeSet::new_tasks`.
    New(usize),
}

/// A progress report the row makes: a journal row by the importing user.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub at: Cell,
    pub task: TaskOf,
    pub number: String,
    pub title: String,
    pub department_id: i64,
    pub department: String,
    /// The unit's percent before (`None`: a unit this import adds).
    pub before: Option<Percent>,
    pub percent: Percent,
    /// The whole note as stored (`ReportNote::to_text`).
    pub note: String,
    /// True when the note differs from the unit's last one.
    pub note_changed: bool,
    /// The assignment's version when it was read (0 for a unit this import adds).
    pub expected_version: i64,
}

/// A row that names an existing task by its number but with another title: matched, and the
/// title left as it is (the sheet import changes units, deadlines and progress only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleDiffers {
    pub at: Cell,
    pub number: String,
    pub stored: String,
    pub sheet: String,
}

/// Everything one file would change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeSet {
    pub new_tasks: Vec<NewTask>,
    pub edits: Vec<TaskEdit>,
    pub reports: Vec<Report>,
    /// Rows read that match the database.
    pub unchanged: usize,
    /// Sheets read (names), and sheets skipped because they lack the task layout.
    pub sheets: Vec<String>,
    pub skipped_sheets: Vec<String>,
    pub titles_differ: Vec<TitleDiffers>,
    /// Rows held back under `--sheet-date`: listed, never applied (the rest of the sheet is).
    pub held_back: Vec<HeldBack>,
}

/// A row of a sheet without duban's stamp that is older than what the database holds: the day
/// the clerk said it reflects is before a report (or an edit) of its task.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldBack {
    pub at: Cell,
    pub number: String,
    pub title: String,
    /// The day the sheet was said to reflect.
    pub day: chrono::NaiveDate,
    pub newer: Newer,
}

/// What the database holds that is newer than a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Newer {
    /// A unit's report: its current percent, who saved it and when (ISO UTC, as stored).
    Report {
        department: String,
        percent: Percent,
        by: String,
        at: String,
    },
    /// An edit of the task (units, deadline) at that instant.
    Edit { at: String },
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.new_tasks.is_empty() && self.edits.is_empty() && self.reports.is_empty()
    }

    /// Needs an admin: anything but progress reports.
    pub fn edits_plan(&self) -> bool {
        !self.new_tasks.is_empty() || !self.edits.is_empty()
    }
}

/// Why a cell (or row) is refused. Nothing is saved while any remains.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// 完成率 that is not a number: "abc".
    PercentNotANumber(String),
    /// 完成率 outside 0..=100: "150%".
    PercentOutOfRange(String),
    /// 完成时限 that reads as no date or phrase a plan uses.
    BadDeadline(String),
    /// A unit name that is no department's name or alias.
    UnknownDepartment { name: String, close: Vec<String> },
    /// One department named twice among a row's units.
    DuplicateUnit(String),
    /// 填报单位 that is not one of the task's units.
    NotAUnit {
        department: String,
        units: Vec<String>,
    },
    /// A percent or note for a task that has no unit to report for.
    NoUnitToReport,
    /// A row with values but no task title.
    NoTitle,
    /// 计划 naming no plan of the database.
    UnknownPlan(String),
    /// A sheet whose plan cannot be told (several plans, no title row naming one, no 计划 column).
    WhichPlan,
    /// A number several tasks share, and a title that does not pick one.
    AmbiguousTask { number: String, count: usize },
    /// Two rows for the same task (and the same 填报单位).
    SameTaskTwice { first_row: usize },
    /// The unit reported after the sheet was exported: applying the sheet would overwrite it.
    ReportedSinceExport {
        department: String,
        by: String,
        at: String,
    },
    /// The task was edited after the sheet was exported.
    EditedSinceExport { at: String },
    /// The row's 基于版本 is not the newest report it shows any more: filled in over an older
    /// state. (Boxed: the other problems are small.)
    StaleRow(Box<StaleRow>),
    /// 基于版本 that is not a whole number (`None`: empty, on a row that changes a task).
    BadStamp(Option<String>),
}

/// A row refused by its 基于版本: the task, the stamp and the task's current basis, and the unit
/// whose entry is now the newest (its percent, who, when; `None` when no unit has reported).
#[derive(Debug, Clone, PartialEq)]
pub struct StaleRow {
    pub number: String,
    pub title: String,
    pub stamp: i64,
    pub current: i64,
    pub department: String,
    pub percent: Percent,
    pub by: Option<String>,
    pub at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    pub at: Cell,
    pub problem: Problem,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(Cell::letters(0), "A");
        assert_eq!(Cell::letters(6), "G");
        assert_eq!(Cell::letters(25), "Z");
        assert_eq!(Cell::letters(26), "AA");
        assert_eq!(Cell::letters(27), "AB");
        assert_eq!(Cell::letters(701), "ZZ");
        assert_eq!(Cell::letters(702), "AAA");
    }
}
