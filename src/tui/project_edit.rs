//! The task editor's second page (issue 23): a key project's fields (建设单位, 总投资, this year's
//! 年度计划投资) and the task's milestones (节点: name, planned date, optional share), added,
//! changed, removed and reordered in a list, each one typed in a small dialog. Pure like the
//! editor: the store's reads come in as `ProjectData`, the save goes out with the task's
//! (`store::ProjectSave`, one transaction, refused like the task when another admin changed the
//! project part since it was read).

use chrono::NaiveDate;

use crate::domain::day::{in_range, parse_day};
use crate::domain::project::{YearPlan, amount_text, parse_amount};
use crate::domain::{Deadline, DeadlineKind, Percent};
use crate::store::{
    MilestoneEdit, MilestoneRow, ProjectFields, ProjectInfo, ProjectSave, ProjectStamp,
};

use super::field::{Edit, TextField};

/// What the runner read of a task's project part for the editor (empty for a new task).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectData {
    pub info: Option<ProjectInfo>,
    pub milestones: Vec<MilestoneRow>,
    pub stamp: ProjectStamp,
}

/// A milestone in the editor's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneLine {
    /// `None`: added in this editor.
    pub id: Option<i64>,
    pub name: String,
    pub planned_on: NaiveDate,
    pub share: Option<Percent>,
    /// Shown only: a unit enters it (`project_entry`).
    pub reached_on: Option<NaiveDate>,
}

/// The three fields of the milestone dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogField {
    Name,
    Date,
    Share,
}

/// Why the dialog's text will not do (worded when drawn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogError {
    EmptyName,
    BadDate(String),
    BadShare(String),
}

/// A milestone being typed: a new one (`index` `None`) or the one at `index`.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneDialog {
    pub index: Option<usize>,
    pub name: TextField,
    pub date: TextField,
    pub share: TextField,
    pub focus: DialogField,
    pub error: Option<(DialogField, DialogError)>,
}

impl MilestoneDialog {
    pub fn field(&self, f: DialogField) -> &TextField {
        match f {
            DialogField::Name => &self.name,
            DialogField::Date => &self.date,
            DialogField::Share => &self.share,
        }
    }

    fn field_mut(&mut self, f: DialogField) -> &mut TextField {
        match f {
            DialogField::Name => &mut self.name,
            DialogField::Date => &mut self.date,
            DialogField::Share => &mut self.share,
        }
    }

    pub fn next(&mut self, forward: bool) {
        use DialogField::*;
        self.focus = match (self.focus, forward) {
            (Name, true) | (Share, false) => Date,
            (Date, true) | (Name, false) => Share,
            (Share, true) | (Date, false) => Name,
        };
    }
}

/// Why the page's fields will not save (worded by `plan_edit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartError {
    BadTotal(String),
    BadPlanned(String),
}

/// The project page of the task editor.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPart {
    pub owner: TextField,
    pub total: TextField,
    pub planned: TextField,
    /// The year `planned` is for: the editor's year (this year, within the plan's).
    pub year: i32,
    pub milestones: Vec<MilestoneLine>,
    /// The milestone the cursor is on.
    pub selected: usize,
    pub dialog: Option<MilestoneDialog>,
    /// The project part as read: sent back with the save.
    pub stamp: ProjectStamp,
    /// The task was a key project when read.
    pub was_project: bool,
    initial: (String, String, String, Vec<MilestoneLine>),
}

/// Reads a date as the editor reads a deadline: `2026-06-30`, or a phrase of the plans' own
/// (`6月底前`, `2026年底`) in `year`. `None` when it is no one day.
pub fn read_date(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = parse_day(t) {
        return Some(d);
    }
    match Deadline::parse(t, year) {
        Deadline {
            date: Some(d),
            kind: DeadlineKind::Date,
            ..
        } if in_range(d) => Some(d),
        _ => None,
    }
}

/// An amount field's text for a stored amount (empty for none).
fn amount_field(v: Option<f64>) -> TextField {
    TextField::single(&v.map(amount_text).unwrap_or_default())
}

impl ProjectPart {
    pub fn open(data: ProjectData, year: i32) -> ProjectPart {
        let info = data.info.as_ref();
        let milestones: Vec<MilestoneLine> = data
            .milestones
            .iter()
            .map(|r| MilestoneLine {
                id: Some(r.milestone.id),
                name: r.milestone.name.clone(),
                planned_on: r.milestone.planned_on,
                share: r.milestone.share,
                reached_on: r.milestone.reached_on,
            })
            .collect();
        let mut part = ProjectPart {
            owner: TextField::single(info.map_or("", |i| i.project.owner.as_str())),
            total: amount_field(info.and_then(|i| i.project.total)),
            planned: amount_field(info.and_then(|i| i.planned(year))),
            year,
            milestones,
            selected: 0,
            dialog: None,
            stamp: data.stamp,
            was_project: info.is_some(),
            initial: Default::default(),
        };
        part.initial = part.snapshot();
        part
    }

    fn snapshot(&self) -> (String, String, String, Vec<MilestoneLine>) {
        (
            self.owner.text().to_string(),
            self.total.text().to_string(),
            self.planned.text().to_string(),
            self.milestones.clone(),
        )
    }

    pub fn is_changed(&self) -> bool {
        self.snapshot() != self.initial || self.dialog.is_some()
    }

    fn fields_changed(&self) -> bool {
        let (o, t, p, _) = &self.initial;
        self.owner.text() != o || self.total.text() != t || self.planned.text() != p
    }

    /// What to save with the task: `None` when nothing of the page changed.
    pub fn save(&self) -> Result<Option<ProjectSave>, PartError> {
        let amount = |f: &TextField| -> Result<Option<f64>, String> {
            let t = f.text().trim();
            if t.is_empty() {
                return Ok(None);
            }
            parse_amount(t).map(Some).ok_or_else(|| t.to_string())
        };
        let total = amount(&self.total).map_err(PartError::BadTotal)?;
        let planned = amount(&self.planned).map_err(PartError::BadPlanned)?;
        let owner = self.owner.text().trim().to_string();
        let empty = owner.is_empty() && total.is_none() && planned.is_none();
        let fields = (self.fields_changed() && (self.was_project || !empty)).then(|| {
            ProjectFields {
                owner,
                total,
                year_plan: planned.map(|planned| YearPlan {
                    year: self.year,
                    planned,
                }),
                // Every field cleared: no longer a key project.
                active: !empty,
            }
        });
        let milestones = (self.milestones != self.initial.3).then(|| {
            self.milestones
                .iter()
                .map(|m| MilestoneEdit {
                    id: m.id,
                    name: m.name.clone(),
                    planned_on: m.planned_on,
                    share: m.share,
                })
                .collect()
        });
        if fields.is_none() && milestones.is_none() {
            return Ok(None);
        }
        Ok(Some(ProjectSave {
            fields,
            milestones,
            expected: self.stamp,
        }))
    }

    /// A key in the milestone list (not in the dialog). `J`/`K` move the selected milestone
    /// down/up; `a`, `+` or Enter on an empty list add; Enter changes; `x`/Delete removes.
    /// Returns `true` when Up on the first row leaves the list (to the field above).
    pub fn list_edit(&mut self, edit: Edit) -> bool {
        let n = self.milestones.len();
        match edit {
            Edit::Insert('a' | '+') => self.open_dialog(None),
            Edit::Newline if n == 0 => self.open_dialog(None),
            Edit::Newline => self.open_dialog(Some(self.selected)),
            Edit::Insert('x') | Edit::Delete | Edit::Backspace if n > 0 => {
                self.milestones.remove(self.selected);
                self.selected = self.selected.min(self.milestones.len().saturating_sub(1));
            }
            Edit::Insert('J') if self.selected + 1 < n => {
                self.milestones.swap(self.selected, self.selected + 1);
                self.selected += 1;
            }
            Edit::Insert('K') if self.selected > 0 && n > 0 => {
                self.milestones.swap(self.selected, self.selected - 1);
                self.selected -= 1;
            }
            Edit::Up | Edit::Insert('k') if self.selected == 0 => return true,
            Edit::Up | Edit::Insert('k') => self.selected -= 1,
            Edit::Down | Edit::Insert('j') if self.selected + 1 < n => self.selected += 1,
            _ => {}
        }
        false
    }

    /// Opens the dialog on a new milestone (`None`) or the one at `index`.
    pub fn open_dialog(&mut self, index: Option<usize>) {
        let m = index.and_then(|i| self.milestones.get(i));
        self.dialog = Some(MilestoneDialog {
            index: m.and(index),
            name: TextField::single(m.map_or("", |m| m.name.as_str())),
            date: TextField::single(
                &m.map(|m| m.planned_on.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            share: TextField::single(
                &m.and_then(|m| m.share)
                    .map(|s| s.value().to_string())
                    .unwrap_or_default(),
            ),
            focus: DialogField::Name,
            error: None,
        });
    }

    /// A key typed in the dialog; Enter takes it (see `take_dialog`). Returns `true` when
    /// the dialog was taken.
    pub fn dialog_edit(&mut self, edit: Edit, width: usize) -> bool {
        let Some(d) = self.dialog.as_mut() else {
            return false;
        };
        match edit {
            Edit::Newline => return self.take_dialog(),
            Edit::Up => d.next(false),
            Edit::Down => d.next(true),
            edit => {
                let f = d.focus;
                d.field_mut(f).apply(edit, width);
                d.error = None;
            }
        }
        false
    }

    /// The date the dialog's date field is read as (shown beside it).
    pub fn dialog_date(&self) -> Option<NaiveDate> {
        self.dialog
            .as_ref()
            .and_then(|d| read_date(d.date.text(), self.year))
    }

    /// Checks the dialog and puts the milestone in the list (in date order for a new one,
    /// after those planned on or before it); `false`, with the error, when it will not do.
    pub fn take_dialog(&mut self) -> bool {
        let year = self.year;
        let Some(d) = self.dialog.as_mut() else {
            return false;
        };
        let name = d.name.text().trim().to_string();
        if name.is_empty() {
            d.error = Some((DialogField::Name, DialogError::EmptyName));
            d.focus = DialogField::Name;
            return false;
        }
        let Some(planned_on) = read_date(d.date.text(), year) else {
            let typed = d.date.text().trim().to_string();
            d.error = Some((DialogField::Date, DialogError::BadDate(typed)));
            d.focus = DialogField::Date;
            return false;
        };
        let share_text = d.share.text().trim().trim_end_matches(['%', '%']).trim();
        let share = if share_text.is_empty() {
            None
        } else {
            match Percent::parse(share_text, Percent::ZERO) {
                Ok(p) => Some(p),
                Err(_) => {
                    let typed = d.share.text().trim().to_string();
                    d.error = Some((DialogField::Share, DialogError::BadShare(typed)));
                    d.focus = DialogField::Share;
                    return false;
                }
            }
        };
        let index = d.index;
        self.dialog = None;
        match index.and_then(|i| self.milestones.get_mut(i)) {
            Some(m) => {
                m.name = name;
                m.planned_on = planned_on;
                m.share = share;
            }
            None => {
                let at = self
                    .milestones
                    .iter()
                    .position(|m| m.planned_on > planned_on)
                    .unwrap_or(self.milestones.len());
                self.milestones.insert(
                    at,
                    MilestoneLine {
                        id: None,
                        name,
                        planned_on,
                        share,
                        reached_on: None,
                    },
                );
                self.selected = at;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn typed(p: &mut ProjectPart, s: &str) {
        for c in s.chars() {
            p.dialog_edit(Edit::Insert(c), 40);
        }
    }

    fn add(p: &mut ProjectPart, name: &str, date: &str, share: &str) {
        p.list_edit(Edit::Insert('a'));
        typed(p, name);
        p.dialog_edit(Edit::Down, 40);
        typed(p, date);
        p.dialog_edit(Edit::Down, 40);
        typed(p, share);
        assert!(p.dialog_edit(Edit::Newline, 40), "{:?}", p.dialog);
    }

    #[test]
    fn dates_read_as_deadlines_do() {
        assert_eq!(read_date("2026-06-30", 2026), Some(day("2026-06-30")));
        assert_eq!(read_date("6月底前", 2026), Some(day("2026-06-30")));
        assert_eq!(
            read_date("２０２６-０６-３０", 2026),
            Some(day("2026-06-30"))
        );
        assert_eq!(read_date("长期", 2026), None);
        assert_eq!(read_date("", 2026), None);
    }

    #[test]
    fn milestones_are_added_in_date_order_changed_moved_and_removed() {
        let mut p = ProjectPart::open(ProjectData::default(), 2026);
        assert!(!p.is_changed());
        assert_eq!(p.save(), Ok(None));
        add(&mut p, "竣工", "2026-10-31", "");
        add(&mut p, "开工", "3月底前", "10");
        let names: Vec<&str> = p.milestones.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["开工", "竣工"]);
        assert_eq!(p.milestones[0].planned_on, day("2026-03-31"));
        assert_eq!(p.milestones[0].share, Some(Percent::new(10).unwrap()));
        assert_eq!(p.selected, 0);
        p.list_edit(Edit::Insert('J'));
        assert_eq!(p.milestones[1].name, "开工");
        assert_eq!(p.selected, 1);
        // Enter changes the selected one.
        p.list_edit(Edit::Newline);
        assert_eq!(p.dialog.as_ref().unwrap().name.text(), "开工");
        p.dialog_edit(Edit::End, 40);
        typed(&mut p, "建设");
        assert!(p.dialog_edit(Edit::Newline, 40));
        assert_eq!(p.milestones[1].name, "开工建设");
        p.list_edit(Edit::Insert('x'));
        assert_eq!(p.milestones.len(), 1);
        let save = p.save().unwrap().unwrap();
        assert!(save.fields.is_none(), "no project field was typed");
        assert_eq!(save.milestones.unwrap()[0].name, "竣工");
    }

    #[test]
    fn a_bad_milestone_keeps_the_dialog_with_the_reason() {
        let mut p = ProjectPart::open(ProjectData::default(), 2026);
        p.list_edit(Edit::Insert('a'));
        assert!(!p.dialog_edit(Edit::Newline, 40));
        assert_eq!(
            p.dialog.as_ref().unwrap().error,
            Some((DialogField::Name, DialogError::EmptyName))
        );
        typed(&mut p, "结顶");
        p.dialog_edit(Edit::Down, 40);
        typed(&mut p, "长期");
        assert!(!p.take_dialog());
        assert!(matches!(
            p.dialog.as_ref().unwrap().error,
            Some((DialogField::Date, DialogError::BadDate(_)))
        ));
        assert!(p.milestones.is_empty());
    }

    #[test]
    fn project_fields_save_as_typed_and_clearing_them_ends_the_project() {
        let mut p = ProjectPart::open(ProjectData::default(), 2026);
        p.owner.set("青川新材料有限公司");
        p.total.set("12,000");
        p.planned.set("3000万元");
        let f = p.save().unwrap().unwrap().fields.unwrap();
        assert_eq!(
            (f.owner.as_str(), f.total, f.year_plan, f.active),
            (
                "青川新材料有限公司",
                Some(12000.0),
                Some(YearPlan {
                    year: 2026,
                    planned: 3000.0
                }),
                true
            )
        );
        p.total.set("一万");
        assert_eq!(p.save(), Err(PartError::BadTotal("一万".into())));
        let mut was = ProjectPart::open(ProjectData::default(), 2026);
        was.was_project = true;
        was.initial.0 = "某公司".into();
        let f = was.save().unwrap().unwrap().fields.unwrap();
        assert!(!f.active);
    }
}
