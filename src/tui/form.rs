//! The progress form: what a clerk types for one assignment (a task × department), and the
//! rules of typing it. Pure, like `update`: saving goes out as an effect.

use crate::domain::{Percent, PercentError, ReportNote, Role, Schedule};
use crate::store::{Conflict, ProgressEntry};

use super::field::{Edit, TextField};

/// Which field has the keyboard: the percent, the three parts of the note, then the paths of
/// evidence files (佐证材料) to attach to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Percent,
    Note(usize),
    Files,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Percent,
        Field::Note(0),
        Field::Note(1),
        Field::Note(2),
        Field::Files,
    ];

    fn index(self) -> usize {
        match self {
            Field::Percent => 0,
            Field::Note(i) => 1 + i.min(2),
            Field::Files => 4,
        }
    }

    pub fn next(self) -> Field {
        Field::ALL[(self.index() + 1) % Field::ALL.len()]
    }

    pub fn prev(self) -> Field {
        Field::ALL[(self.index() + Field::ALL.len() - 1) % Field::ALL.len()]
    }
}

/// What the form was opened on, as the store read it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormData {
    pub task_id: i64,
    pub department_id: i64,
    pub department: String,
    pub number: String,
    pub title: String,
    pub role: Role,
    pub schedule: Schedule,
    pub deadline_text: Option<String>,
    pub current: Percent,
    /// The assignment's version when read: the save names it (optimistic lock).
    pub version: i64,
    /// The last report on this assignment, shown for reference and for "copy last note".
    pub previous: Option<ProgressEntry>,
    /// Why the task's application to close was sent back (or why it was reopened), while that
    /// is its last closing step: the unit reads it where it reports next.
    pub returned: Option<String>,
}

/// Text typed but not saved: kept when the clerk takes another clerk's value in a conflict, and
/// offered back the next time the form opens on that assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub percent: String,
    pub note: [String; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressForm {
    pub data: FormData,
    pub percent: TextField,
    pub note: [TextField; 3],
    /// Paths of evidence files, separated by `path_complete::SEPARATOR`: attached to the report
    /// once it is saved. Not part of the draft (a path is no text of the record).
    pub files: TextField,
    /// What the last Tab in `files` found to list (the candidates, and whether the directory
    /// was read only in part); cleared by the next edit.
    pub candidates: Option<(Vec<String>, bool)>,
    pub focus: Field,
    /// Why the percent typed was refused; shown beside the field.
    pub error: Option<PercentError>,
    /// A save that failed for another reason (permission, busy, disk full); the text stays.
    pub failure: Option<String>,
    /// Another clerk saved first: their value, shown in the conflict dialog.
    pub conflict: Option<Box<Conflict>>,
    /// The text the form opened with, to know whether anything was typed.
    initial: Draft,
    /// A draft was put back into the fields (said until the next key).
    pub restored: bool,
    pub saving: bool,
    /// What the draft table holds for this assignment, as far as this form knows: the draft it
    /// opened with, then what it last kept there (`None`: no row). The text is kept again when
    /// it differs (`super::draft`).
    pub kept: Option<Draft>,
    /// About the draft: restored from, or written over, another session's (until the next key).
    pub draft_note: Option<String>,
    /// Why the text could not be kept as a draft, until it can.
    pub keep_trouble: Option<String>,
    /// Draft writes refused in a row (a busy file is said only after a few).
    pub keep_failures: u32,
    /// The lower percent a clerk confirmed for an assignment that was done (100%): a second
    /// Ctrl-S with the same figure saves it.
    pub lowering_confirmed: Option<Percent>,
}

impl ProgressForm {
    pub fn open(data: FormData, draft: Option<Draft>) -> ProgressForm {
        let percent_text = data.current.value().to_string();
        let initial = Draft {
            percent: percent_text.clone(),
            note: Default::default(),
        };
        let restored = draft.is_some();
        let draft = draft.unwrap_or_else(|| initial.clone());
        ProgressForm {
            percent: TextField::single(&draft.percent).selecting_all(),
            note: draft.note.clone().map(|t| TextField::multi(&t)),
            files: TextField::single(""),
            candidates: None,
            focus: Field::Percent,
            error: None,
            failure: None,
            conflict: None,
            initial,
            kept: restored.then(|| draft.clone()),
            restored,
            saving: false,
            draft_note: None,
            keep_trouble: None,
            keep_failures: 0,
            lowering_confirmed: None,
            data,
        }
    }

    pub fn field_mut(&mut self, field: Field) -> &mut TextField {
        match field {
            Field::Percent => &mut self.percent,
            Field::Note(i) => &mut self.note[i.min(2)],
            Field::Files => &mut self.files,
        }
    }

    pub fn field(&self, field: Field) -> &TextField {
        match field {
            Field::Percent => &self.percent,
            Field::Note(i) => &self.note[i.min(2)],
            Field::Files => &self.files,
        }
    }

    /// Applies a key to the focused field. Enter in the percent goes on to the note; Up on a
    /// field's first row and Down on its last move between fields, as in a spreadsheet.
    pub fn edit(&mut self, edit: Edit, width: usize) {
        let focus = self.focus;
        match (&edit, focus) {
            (Edit::Newline, Field::Percent) => {
                self.focus = focus.next();
                return;
            }
            (Edit::Up, _) if self.field(focus).on_edge_row(true, width) => {
                if focus != Field::Percent {
                    self.focus = focus.prev();
                }
                return;
            }
            // Enter in the paths is no new line: it moves on, as in the percent.
            (Edit::Newline, Field::Files) => {
                self.focus = focus.next();
                return;
            }
            (Edit::Down, _) if self.field(focus).on_edge_row(false, width) => {
                if focus != Field::Files {
                    self.focus = focus.next();
                }
                return;
            }
            _ => {}
        }
        self.field_mut(focus).apply(edit, width);
        self.restored = false;
        self.draft_note = None;
        if focus == Field::Percent {
            self.error = None;
        }
        self.candidates = None;
        self.failure = None;
    }

    pub fn draft(&self) -> Draft {
        Draft {
            percent: self.percent.text().to_string(),
            note: [0, 1, 2].map(|i| self.note[i].text().to_string()),
        }
    }

    /// Something was typed that a cancel would lose.
    pub fn is_changed(&self) -> bool {
        self.draft() != self.initial || !self.files.text().trim().is_empty()
    }

    /// The result of a Tab in the paths field: the text completed, or the candidates to list,
    /// or (nothing matched, or the one match is typed already) on to the next field.
    pub fn completed(&mut self, typed: &str, c: super::path_complete::Completion) {
        if self.focus != Field::Files || self.files.text() != typed {
            // Typed on meanwhile, or left the field: the answer is for another text.
            return;
        }
        if c.extended(typed) {
            self.files.set(&c.text);
            self.candidates = None;
        } else if c.candidates.len() > 1 || c.capped {
            self.candidates = Some((c.candidates, c.capped));
        } else {
            self.candidates = None;
            self.focus = self.focus.next();
        }
    }

    /// What the draft table should hold for this assignment: the text, once something was
    /// typed; nothing when the fields are back to what the form opened on.
    pub fn wanted(&self) -> Option<Draft> {
        self.is_changed().then(|| self.draft())
    }

    pub fn report_note(&self) -> ReportNote {
        ReportNote {
            progress: self.note[0].text().to_string(),
            problems: self.note[1].text().to_string(),
            next: self.note[2].text().to_string(),
        }
    }

    /// The note says exactly what the last report said: reports copied unchanged month after
    /// month are a known problem, so the form says so while the clerk can still change it.
    pub fn same_as_previous(&self) -> bool {
        self.data
            .previous
            .as_ref()
            .is_some_and(|p| self.report_note().same_as(&ReportNote::parse(&p.note)))
    }

    /// Fills the note with the last report's, for a task whose status has not changed.
    pub fn copy_previous(&mut self) -> bool {
        let Some(p) = &self.data.previous else {
            return false;
        };
        let last = ReportNote::parse(&p.note);
        for (i, part) in last.parts().iter().enumerate() {
            self.note[i].set(part);
        }
        self.focus = Field::Note(0);
        true
    }

    /// The percent to save, or why not. On success the field shows the absolute value, so a
    /// re-save after a conflict does not add a `+10` twice.
    pub fn checked_percent(&mut self) -> Result<Percent, PercentError> {
        match Percent::parse(self.percent.text(), self.data.current) {
            Ok(p) => {
                self.percent.set(&p.value().to_string());
                self.error = None;
                Ok(p)
            }
            Err(e) => {
                self.error = Some(e.clone());
                self.focus = Field::Percent;
                Err(e)
            }
        }
    }

    /// After a conflict, saving again goes on top of the other clerk's value.
    pub fn rebase(&mut self) {
        if let Some(c) = self.conflict.take() {
            self.data.version = c.current.version;
            self.data.current = c.current.percent;
            self.data.previous = c.last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn data(previous: Option<&str>) -> FormData {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        FormData {
            task_id: 1,
            department_id: 2,
            department: "区经信局".into(),
            number: "3".into(),
            title: "建设工业互联网平台".into(),
            role: Role::Lead,
            schedule: Schedule {
                starts_on: day("2026-01-01"),
                deadline: day("2026-12-31"),
            },
            deadline_text: None,
            current: Percent::new(40).unwrap(),
            version: 3,
            returned: None,
            previous: previous.map(|n| ProgressEntry {
                id: 9,
                percent: Percent::new(40).unwrap(),
                note: n.into(),
                reported_by: "zhangli".into(),
                reported_at: "2026-10-25T06:00:00Z".into(),
            }),
        }
    }

    fn typed(form: &mut ProgressForm, s: &str) {
        for c in s.chars() {
            form.edit(Edit::Insert(c), 40);
        }
    }

    #[test]
    fn typing_replaces_the_current_percent_and_steps_add_to_it() {
        let mut f = ProgressForm::open(data(None), None);
        assert!(!f.is_changed());
        typed(&mut f, "60");
        assert_eq!(f.checked_percent(), Ok(Percent::new(60).unwrap()));
        let mut f = ProgressForm::open(data(None), None);
        typed(&mut f, "+10");
        assert_eq!(f.checked_percent(), Ok(Percent::new(50).unwrap()));
        assert_eq!(
            f.percent.text(),
            "50",
            "a re-save must not add the step twice"
        );
    }

    #[test]
    fn a_bad_percent_is_refused_and_everything_typed_is_kept() {
        for bad in ["150", "-3", "abc", ""] {
            let mut f = ProgressForm::open(data(None), None);
            f.edit(Edit::Newline, 40);
            typed(&mut f, "已完成初稿");
            f.focus = Field::Percent;
            f.edit(Edit::Backspace, 40);
            typed(&mut f, bad);
            assert!(f.checked_percent().is_err(), "{bad}");
            assert!(f.error.is_some());
            assert_eq!(f.focus, Field::Percent);
            assert_eq!(f.percent.text(), bad);
            assert_eq!(f.note[0].text(), "已完成初稿");
            typed(&mut f, "x");
            assert!(f.error.is_none(), "typing clears the message");
        }
    }

    #[test]
    fn tab_order_and_enter_in_the_percent() {
        let mut f = ProgressForm::open(data(None), None);
        f.edit(Edit::Newline, 40);
        assert_eq!(f.focus, Field::Note(0));
        f.edit(Edit::Newline, 40);
        assert_eq!(f.focus, Field::Note(0), "Enter in a note is a new line");
        assert_eq!(f.note[0].text(), "\n");
        assert_eq!(Field::Note(2).next(), Field::Files);
        assert_eq!(Field::Files.next(), Field::Percent);
        assert_eq!(Field::Percent.prev(), Field::Files);
        f.edit(Edit::Down, 40);
        assert_eq!(
            f.focus,
            Field::Note(1),
            "Down on the last row goes to the next field"
        );
        f.edit(Edit::Up, 40);
        assert_eq!(f.focus, Field::Note(0));
    }

    #[test]
    fn copying_the_last_note_is_flagged_as_unchanged() {
        let mut f = ProgressForm::open(data(Some("进展情况:已完成初稿\n存在问题:无")), None);
        assert!(!f.same_as_previous());
        assert!(f.copy_previous());
        assert_eq!(f.note[0].text(), "已完成初稿");
        assert_eq!(f.note[1].text(), "无");
        assert!(f.same_as_previous());
        typed(&mut f, ",已报审");
        assert!(!f.same_as_previous());
        let mut none = ProgressForm::open(data(None), None);
        assert!(!none.copy_previous());
    }

    #[test]
    fn a_draft_comes_back_and_counts_as_typed() {
        let draft = Draft {
            percent: "70".into(),
            note: ["进展".into(), String::new(), String::new()],
        };
        let mut f = ProgressForm::open(data(None), Some(draft.clone()));
        assert!(f.restored);
        assert_eq!(f.draft(), draft);
        assert!(f.is_changed());
        f.edit(Edit::End, 40);
        assert!(!f.restored, "the notice goes with the next key");
    }
}
