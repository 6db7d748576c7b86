//! A unit's entry on a key project (issue 23): the month's investment figure and a milestone
//! reached (or a wrong mark taken back), as the forms hold them, and the effects and results
//! that go between `update` and the runner.

use chrono::{Datelike, NaiveDate};

use crate::domain::project::{Figure, Month};
use crate::store::{InvestmentEntry, MilestoneRow, ProjectInfo, ProjectStamp, TaskForEdit};
use crate::tui::field::{Edit, TextField};

/// Which entry a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// `v`: this month's investment figure (本年累计完成投资).
    Investment,
    /// `M`: a milestone reached.
    Milestone,
}

/// The task and the unit an entry is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryTask {
    pub task_id: i64,
    pub number: String,
    pub title: String,
    pub department_id: i64,
    pub department: String,
}

/// What the investment form shows: the project (`None`: the task is not a key project) and
/// the figures reported so far, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentData {
    pub task: EntryTask,
    pub info: Option<ProjectInfo>,
    pub history: Vec<InvestmentEntry>,
}

/// What the milestone form shows: the task's milestones in order, with their reached rows.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneData {
    pub task: EntryTask,
    pub rows: Vec<MilestoneRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EntryData {
    Investment(InvestmentData),
    Milestone(MilestoneData),
}

/// A figure to save (the runner adds the user, the instant and today).
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentSave {
    pub task: i64,
    pub department: i64,
    pub month: Month,
    pub amount: f64,
    pub note: String,
    pub reason: String,
    /// The latest figure the clerk saw (`ProjectInfo::last_figure`).
    pub expected_last: Option<i64>,
}

/// A milestone reached (`reached_on` `Some`), or a mark taken back with the reason in `note`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachSave {
    pub task: i64,
    pub department: i64,
    pub milestone: i64,
    pub name: String,
    pub reached_on: Option<NaiveDate>,
    pub note: String,
    /// The milestone's latest reached row the clerk saw.
    pub expected_last: Option<i64>,
}

/// The runner's part (`Effect::Project`).
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectEffect {
    Open {
        task: i64,
        department: i64,
        kind: EntryKind,
    },
    SaveInvestment(InvestmentSave),
    SaveReach(ReachSave),
}

/// What comes back (`Action::Project`), and the keys typed into the forms.
#[derive(Debug, Clone)]
pub enum ProjectAction {
    /// The form's data, or why it cannot be read.
    Opened(Box<EntryData>),
    /// A key for the open form's focused field.
    Edit(Edit),
    /// Saved: what to say.
    Saved(String),
    /// Another clerk wrote first: the data as it is now (what was typed stays), and the line.
    Stale(Box<EntryData>, String),
    /// Refused for another reason (permission, a rule, busy): the line.
    Failed(String),
    /// The task editor's save met another admin's change to the task or its project part:
    /// the task and the project part's stamp as they are now.
    EditorConflict {
        current: Box<TaskForEdit>,
        stamp: ProjectStamp,
    },
}

/// The month a figure form opens on: in the first half of a month, the month before when it
/// has no figure yet (offices report a month's figure early in the next); else this month.
pub fn default_month(figures: &[Figure], today: NaiveDate) -> Month {
    let this = Month::of(today);
    let last = Month::of(this.first_day().pred_opt().unwrap_or(today));
    let reported = |m: Month| figures.iter().any(|f| f.month == m);
    if today.day() <= 15 && !reported(last) {
        last
    } else {
        this
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvField {
    Month,
    Amount,
    Note,
    Reason,
}

impl InvField {
    const ALL: [InvField; 4] = [
        InvField::Month,
        InvField::Amount,
        InvField::Note,
        InvField::Reason,
    ];

    pub fn step(self, forward: bool) -> InvField {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ALL.len();
        Self::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The investment form.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentForm {
    pub data: InvestmentData,
    pub month: TextField,
    pub amount: TextField,
    pub note: TextField,
    pub reason: TextField,
    pub focus: InvField,
    /// Why the last save was refused, and the field it is about; the text typed stays.
    pub error: Option<(Option<InvField>, String)>,
    pub saving: bool,
    initial_month: String,
}

impl InvestmentForm {
    pub fn open(data: InvestmentData, today: NaiveDate) -> InvestmentForm {
        let figures = data.info.as_ref().map_or(&[][..], |i| &i.figures[..]);
        let month = default_month(figures, today).to_string();
        InvestmentForm {
            data,
            month: TextField::single(&month),
            amount: TextField::single(""),
            note: TextField::single(""),
            reason: TextField::single(""),
            // The month is usually right: the figure first.
            focus: InvField::Amount,
            error: None,
            saving: false,
            initial_month: month,
        }
    }

    pub fn field(&self, f: InvField) -> &TextField {
        match f {
            InvField::Month => &self.month,
            InvField::Amount => &self.amount,
            InvField::Note => &self.note,
            InvField::Reason => &self.reason,
        }
    }

    fn field_mut(&mut self, f: InvField) -> &mut TextField {
        match f {
            InvField::Month => &mut self.month,
            InvField::Amount => &mut self.amount,
            InvField::Note => &mut self.note,
            InvField::Reason => &mut self.reason,
        }
    }

    pub fn is_changed(&self) -> bool {
        self.month.text() != self.initial_month
            || [&self.amount, &self.note, &self.reason]
                .iter()
                .any(|f| !f.text().trim().is_empty())
    }

    /// A key: Enter and Up/Down move between the one-line fields.
    pub fn edit(&mut self, edit: Edit, width: usize) {
        match edit {
            Edit::Newline | Edit::Down => self.focus = self.focus.step(true),
            Edit::Up => self.focus = self.focus.step(false),
            edit => {
                let f = self.focus;
                self.field_mut(f).apply(edit, width);
                self.error = None;
            }
        }
    }

    pub fn typed_month(&self) -> Option<Month> {
        Month::parse(&crate::domain::text::ascii_digits(self.month.text()))
    }

    pub fn typed_amount(&self) -> Option<f64> {
        crate::domain::project::parse_amount(self.amount.text())
    }

    /// The latest figure of the year before `month` (what a new figure may not fall below
    /// without a reason).
    pub fn previous(&self, month: Month) -> Option<&Figure> {
        self.data
            .info
            .as_ref()?
            .figures
            .iter()
            .filter(|f| f.month.year == month.year && f.month < month)
            .max_by_key(|f| f.month)
    }

    /// The figure typed falls below the year's previous one: that figure (the reason is then
    /// required).
    pub fn falls_below(&self) -> Option<Figure> {
        let month = self.typed_month()?;
        let amount = self.typed_amount()?;
        self.previous(month).filter(|p| amount < p.amount).cloned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsField {
    List,
    Date,
    Note,
}

/// The milestone form: the task's milestones to pick from, the date reached and a note; on a
/// milestone already reached, the note is the reason its mark is taken back.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneForm {
    pub data: MilestoneData,
    pub selected: usize,
    pub date: TextField,
    pub note: TextField,
    pub focus: MsField,
    pub error: Option<(Option<MsField>, String)>,
    pub saving: bool,
    today: NaiveDate,
}

impl MilestoneForm {
    /// Opens on the first milestone not reached, the date today.
    pub fn open(data: MilestoneData, today: NaiveDate) -> MilestoneForm {
        let selected = data
            .rows
            .iter()
            .position(|r| r.milestone.reached_on.is_none())
            .unwrap_or(0);
        MilestoneForm {
            data,
            selected,
            date: TextField::single(&today.format("%Y-%m-%d").to_string()),
            note: TextField::single(""),
            focus: MsField::List,
            error: None,
            saving: false,
            today,
        }
    }

    pub fn row(&self) -> Option<&MilestoneRow> {
        self.data.rows.get(self.selected)
    }

    /// The selected milestone is reached: saving takes the mark back.
    pub fn taking_back(&self) -> bool {
        self.row().is_some_and(|r| r.milestone.reached_on.is_some())
    }

    pub fn is_changed(&self) -> bool {
        !self.note.text().trim().is_empty()
            || self.date.text() != self.today.format("%Y-%m-%d").to_string()
    }

    /// Keeps the selection on milestone `id` after the rows are read again.
    pub fn reselect(&mut self, id: Option<i64>) {
        if let Some(i) = id.and_then(|id| self.data.rows.iter().position(|r| r.milestone.id == id))
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.data.rows.len().saturating_sub(1));
    }

    pub fn next_field(&mut self, forward: bool) {
        use MsField::*;
        let back = self.taking_back();
        self.focus = match (self.focus, forward) {
            // Taking a mark back asks no date: its field is passed over.
            (List, true) if back => Note,
            (Note, false) if back => List,
            (List, true) | (Note, false) => Date,
            (Date, true) | (List, false) => Note,
            (Note, true) | (Date, false) => List,
        };
    }

    pub fn edit(&mut self, edit: Edit, width: usize) {
        match (self.focus, edit) {
            (MsField::List, Edit::Up | Edit::Insert('k')) => {
                self.selected = self.selected.saturating_sub(1);
                self.error = None;
            }
            (MsField::List, Edit::Down | Edit::Insert('j')) => {
                if self.selected + 1 < self.data.rows.len() {
                    self.selected += 1;
                }
                self.error = None;
            }
            (_, Edit::Newline) => self.next_field(true),
            (MsField::List, _) => {}
            (_, Edit::Up) => self.next_field(false),
            (_, Edit::Down) => self.next_field(true),
            (f, edit) => {
                let field = if f == MsField::Date {
                    &mut self.date
                } else {
                    &mut self.note
                };
                field.apply(edit, width);
                self.error = None;
            }
        }
    }
}

/// The form open over the body (`Mode::Project`).
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectEntry {
    Investment(Box<InvestmentForm>),
    Milestone(Box<MilestoneForm>),
}

impl ProjectEntry {
    pub fn is_changed(&self) -> bool {
        match self {
            ProjectEntry::Investment(f) => f.is_changed(),
            ProjectEntry::Milestone(f) => f.is_changed(),
        }
    }

    pub fn saving_mut(&mut self) -> &mut bool {
        match self {
            ProjectEntry::Investment(f) => &mut f.saving,
            ProjectEntry::Milestone(f) => &mut f.saving,
        }
    }
}

/// Columns a one-line field of these forms scrolls within.
pub const FIELD_WIDTH: usize = 30;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fig(m: &str, amount: f64) -> Figure {
        Figure {
            month: Month::parse(m).unwrap(),
            amount,
        }
    }

    #[test]
    fn the_month_defaults_to_the_last_one_early_in_a_month_until_it_is_reported() {
        let none: [Figure; 0] = [];
        assert_eq!(
            default_month(&none, day("2026-11-05")).to_string(),
            "2026-10"
        );
        assert_eq!(
            default_month(&none, day("2026-11-23")).to_string(),
            "2026-11"
        );
        let october = [fig("2026-10", 900.0)];
        assert_eq!(
            default_month(&october, day("2026-11-05")).to_string(),
            "2026-11"
        );
        assert_eq!(
            default_month(&none, day("2027-01-03")).to_string(),
            "2026-12"
        );
    }
}
