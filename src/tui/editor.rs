//! The task editor of the supervision office (`n` new, `E` edit): number, title, text, section,
//! deadline (with the date it was understood as), weight, and the units with their roles, chosen
//! in a picker that finds departments by name, alias or pinyin initials (`jxj` → 经信局).
//! Pure: the store's reads come in as `EditorData`, saves go out as effects.

use chrono::{Datelike, NaiveDate};

use crate::domain::{
    Deadline, DeadlineKind, DepartmentName, Percent, Role, Similar, pinyin, similar,
};
use crate::store::{EditUnit, NewTaskSpec, SectionRow, TaskForEdit};

use super::field::{Edit, TextField};

/// What the runner read for the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorData {
    /// `None`: a new task.
    pub task: Option<TaskForEdit>,
    pub plan_id: i64,
    pub plan_title: String,
    pub plan_starts_on: NaiveDate,
    pub plan_ends_on: NaiveDate,
    pub sections: Vec<SectionRow>,
    /// For a new task: the section of the task the cursor was on.
    pub section_id: Option<i64>,
    pub departments: Vec<DepartmentName>,
    /// The task's key project and milestones (the second page).
    pub project: super::project_edit::ProjectData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorField {
    Number,
    Title,
    Body,
    Section,
    Deadline,
    Weight,
    Units,
    // The second page (`super::project_edit`).
    Owner,
    Total,
    Planned,
    Milestones,
}

impl EditorField {
    const ALL: [EditorField; 11] = [
        EditorField::Number,
        EditorField::Title,
        EditorField::Body,
        EditorField::Section,
        EditorField::Deadline,
        EditorField::Weight,
        EditorField::Units,
        EditorField::Owner,
        EditorField::Total,
        EditorField::Planned,
        EditorField::Milestones,
    ];

    /// The editor's page the field is on: the task (0) or its project and milestones (1).
    pub fn page(self) -> usize {
        usize::from(self.index() >= EditorField::Owner.index())
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn next(self) -> EditorField {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> EditorField {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The department picker over the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub query: TextField,
    /// Indices into `TaskEditor::departments`, best match first.
    pub matches: Vec<usize>,
    pub selected: usize,
    /// The selection was moved with the arrows: Enter on an empty query then means it.
    pub moved: bool,
}

/// What the editor asks before doing something it cannot take back.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Close the editor and lose what was typed?
    DiscardEditor,
    /// Create a department of this name (with the existing ones it is close to)?
    NewDepartment { name: String, similar: Vec<Similar> },
    /// Delete this task (its reports stay in the journal)?
    DeleteTask {
        task: i64,
        label: String,
        entries: i64,
    },
    /// Merge one department into another (cannot be undone)?
    MergeDepartments {
        from: i64,
        into: i64,
        from_name: String,
        into_name: String,
    },
    /// Take this login off the clerks (their reports stay under their name)?
    RemoveClerk(String),
    /// Leave the import preview, losing its changes?
    DiscardImport,
    /// Close the indicator figure entry, losing what was typed?
    DiscardFigure,
    /// Close a key project's figure or milestone entry, losing what was typed?
    DiscardProject,
}

/// A key the editor refused by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnitHasReports { name: String, entries: i64 },
    AlreadyAUnit(String),
}

/// What a save would send, or why it cannot.
#[derive(Debug, Clone, PartialEq)]
pub enum SpecError {
    EmptyNumber,
    EmptyTitle,
    BadWeight(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskEditor {
    pub id: Option<i64>,
    pub version: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub plan_ends_on: NaiveDate,
    /// The year a deadline without one ("6月底前") is read in: this year, within the plan's years.
    pub year: i32,
    pub sections: Vec<SectionRow>,
    /// Index into `sections`; `None`: directly under the plan.
    pub section: Option<usize>,
    pub number: TextField,
    pub title: TextField,
    pub body: TextField,
    pub deadline: TextField,
    pub weight: TextField,
    pub units: Vec<EditUnit>,
    /// The unit the cursor is on in the units field.
    pub unit: usize,
    pub focus: EditorField,
    pub departments: Vec<DepartmentName>,
    pub picker: Option<Picker>,
    /// A message for the status line (worded by `update`); `true` when it is a refusal.
    pub message: Option<(String, bool)>,
    /// A key the editor itself refused, for the status line (worded when drawn).
    pub refusal: Option<Refusal>,
    pub saving: bool,
    /// The second page: the key project's fields and the milestones.
    pub project: super::project_edit::ProjectPart,
    initial: Snapshot,
    /// The deadline as stored when the editor opened: saved back as it is unless its text is
    /// edited, so fixing a title never re-reads "6月底前" in another year.
    stored_deadline: (Option<NaiveDate>, Option<String>),
}

/// The form's values as typed, to tell whether cancelling would lose anything.
type Snapshot = (Vec<String>, Option<usize>, Vec<(i64, Role)>);

impl TaskEditor {
    pub fn open(data: EditorData, today: NaiveDate) -> TaskEditor {
        let year = today.year().clamp(
            data.plan_starts_on.year(),
            data.plan_ends_on.year().max(data.plan_starts_on.year()),
        );
        let section_of =
            |id: Option<i64>| id.and_then(|id| data.sections.iter().position(|s| s.id == id));
        let (id, version, spec, units) = match &data.task {
            Some(t) => (Some(t.id), t.version, t.spec(), t.units.clone()),
            None => (
                None,
                0,
                NewTaskSpec {
                    plan_id: data.plan_id,
                    section_id: data.section_id,
                    number: String::new(),
                    title: String::new(),
                    body: String::new(),
                    deadline: None,
                    deadline_text: None,
                    weight: 1.0,
                    units: Vec::new(),
                },
                Vec::new(),
            ),
        };
        let deadline_text = spec
            .deadline_text
            .clone()
            .or(spec.deadline.map(|d| d.format("%Y-%m-%d").to_string()))
            .unwrap_or_default();
        let mut editor = TaskEditor {
            id,
            version,
            plan_id: data.plan_id,
            plan_title: data.plan_title,
            plan_ends_on: data.plan_ends_on,
            year,
            section: section_of(spec.section_id),
            sections: data.sections,
            number: TextField::single(&spec.number),
            title: TextField::single(&spec.title),
            body: TextField::multi(&spec.body),
            deadline: TextField::single(&deadline_text),
            weight: TextField::single(&format_weight(spec.weight)),
            units,
            unit: 0,
            focus: EditorField::Number,
            departments: data.departments,
            picker: None,
            message: None,
            refusal: None,
            saving: false,
            project: super::project_edit::ProjectPart::open(data.project, year),
            initial: (Vec::new(), None, Vec::new()),
            stored_deadline: (spec.deadline, spec.deadline_text.clone()),
        };
        editor.initial = editor.snapshot();
        editor
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    fn plan_year(&self) -> i32 {
        self.year
    }

    /// The deadline as typed, read the way plans write it.
    pub fn understood_deadline(&self) -> Option<Deadline> {
        let text = self.deadline.text().trim();
        (!text.is_empty()).then(|| Deadline::parse(text, self.plan_year()))
    }

    /// The date the task runs to: the one understood, or the plan's end.
    pub fn effective_deadline(&self) -> (NaiveDate, bool) {
        match self.understood_deadline() {
            Some(Deadline {
                date: Some(d),
                kind: DeadlineKind::Date,
                ..
            }) => (d, true),
            _ => (self.plan_ends_on, false),
        }
    }

    pub fn text_field(&self, field: EditorField) -> Option<&TextField> {
        Some(match field {
            EditorField::Number => &self.number,
            EditorField::Title => &self.title,
            EditorField::Body => &self.body,
            EditorField::Deadline => &self.deadline,
            EditorField::Weight => &self.weight,
            EditorField::Owner => &self.project.owner,
            EditorField::Total => &self.project.total,
            EditorField::Planned => &self.project.planned,
            EditorField::Section | EditorField::Units | EditorField::Milestones => return None,
        })
    }

    fn text_field_mut(&mut self, field: EditorField) -> Option<&mut TextField> {
        Some(match field {
            EditorField::Number => &mut self.number,
            EditorField::Title => &mut self.title,
            EditorField::Body => &mut self.body,
            EditorField::Deadline => &mut self.deadline,
            EditorField::Weight => &mut self.weight,
            EditorField::Owner => &mut self.project.owner,
            EditorField::Total => &mut self.project.total,
            EditorField::Planned => &mut self.project.planned,
            EditorField::Section | EditorField::Units | EditorField::Milestones => return None,
        })
    }

    /// The form as the store would save it.
    pub fn spec(&self) -> Result<NewTaskSpec, SpecError> {
        let number = self.number.text().trim().to_string();
        if number.is_empty() {
            return Err(SpecError::EmptyNumber);
        }
        let title = self.title.text().trim().to_string();
        if title.is_empty() {
            return Err(SpecError::EmptyTitle);
        }
        let weight_text = self.weight.text().trim();
        let weight: f64 = match weight_text.parse() {
            Ok(w) if w > 0.0 && f64::is_finite(w) => w,
            _ => return Err(SpecError::BadWeight(weight_text.to_string())),
        };
        let understood = self.understood_deadline();
        let untouched = self.deadline.text() == self.initial.0[3];
        let (deadline, deadline_text) = if untouched {
            self.stored_deadline.clone()
        } else {
            (
                understood
                    .as_ref()
                    .filter(|d| d.kind == DeadlineKind::Date)
                    .and_then(|d| d.date),
                understood.map(|d| d.text).filter(|t| !t.is_empty()),
            )
        };
        Ok(NewTaskSpec {
            plan_id: self.plan_id,
            section_id: self
                .section
                .and_then(|i| self.sections.get(i))
                .map(|s| s.id),
            number,
            title,
            body: self.body.text().trim().to_string(),
            deadline,
            deadline_text,
            weight,
            units: self
                .units
                .iter()
                .map(|u| (u.department_id, u.role))
                .collect(),
        })
    }

    fn snapshot(&self) -> Snapshot {
        (
            [
                &self.number,
                &self.title,
                &self.body,
                &self.deadline,
                &self.weight,
            ]
            .iter()
            .map(|f| f.text().to_string())
            .collect(),
            self.section,
            self.units
                .iter()
                .map(|u| (u.department_id, u.role))
                .collect(),
        )
    }

    /// Something was changed that cancelling would lose.
    pub fn is_changed(&self) -> bool {
        self.snapshot() != self.initial || self.project.is_changed()
    }

    /// A key in the focused field. Returns `true` when the key asks for the unit picker.
    pub fn edit(&mut self, edit: Edit, width: usize) -> bool {
        self.message = None;
        self.refusal = None;
        match self.focus {
            EditorField::Section => match edit {
                Edit::Left => self.cycle_section(false),
                Edit::Right | Edit::Insert(' ') => self.cycle_section(true),
                Edit::Newline | Edit::Down => self.focus = self.focus.next(),
                Edit::Up => self.focus = self.focus.prev(),
                _ => {}
            },
            EditorField::Units => match edit {
                Edit::Newline | Edit::Insert('a') | Edit::Insert('+') => return true,
                Edit::Insert('l') => {
                    if let Some(u) = self.units.get_mut(self.unit) {
                        u.role = match u.role {
                            Role::Lead => Role::Co,
                            Role::Co => Role::Lead,
                        };
                    }
                }
                Edit::Insert('x') | Edit::Delete | Edit::Backspace => self.remove_unit(),
                Edit::Up if self.unit == 0 => self.focus = self.focus.prev(),
                Edit::Up => self.unit -= 1,
                Edit::Down if self.unit + 1 < self.units.len() => self.unit += 1,
                _ => {}
            },
            EditorField::Milestones => {
                if self.project.dialog.is_some() {
                    self.project.dialog_edit(edit, width);
                } else if self.project.list_edit(edit) {
                    self.focus = self.focus.prev();
                }
            }
            field => {
                let single = !matches!(field, EditorField::Body);
                match edit {
                    Edit::Newline if single => self.focus = field.next(),
                    Edit::Up
                        if self
                            .text_field(field)
                            .is_some_and(|f| f.on_edge_row(true, width)) =>
                    {
                        self.focus = field.prev();
                    }
                    Edit::Down
                        if self
                            .text_field(field)
                            .is_some_and(|f| f.on_edge_row(false, width)) =>
                    {
                        self.focus = field.next();
                    }
                    edit => {
                        if let Some(f) = self.text_field_mut(field) {
                            f.apply(edit, width);
                        }
                    }
                }
            }
        }
        false
    }

    fn cycle_section(&mut self, forward: bool) {
        // Positions: None (no section), then each section in order.
        let n = self.sections.len() + 1;
        let at = self.section.map_or(0, |i| i + 1);
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.section = next.checked_sub(1);
    }

    fn remove_unit(&mut self) {
        let Some(u) = self.units.get(self.unit) else {
            return;
        };
        if u.entries > 0 {
            self.refusal = Some(Refusal::UnitHasReports {
                name: u.name.clone(),
                entries: u.entries,
            });
            return;
        }
        self.units.remove(self.unit);
        self.unit = self.unit.min(self.units.len().saturating_sub(1));
    }

    /// Opens the picker with an empty query (every department, in list order).
    pub fn open_picker(&mut self) {
        let mut p = Picker {
            query: TextField::single(""),
            matches: Vec::new(),
            selected: 0,
            moved: false,
        };
        refilter(&mut p, &self.departments);
        self.picker = Some(p);
    }

    pub fn picker_edit(&mut self, edit: Edit) {
        let Some(p) = self.picker.as_mut() else {
            return;
        };
        match edit {
            Edit::Up => {
                p.selected = p.selected.saturating_sub(1);
                p.moved = true;
            }
            Edit::Down => {
                if p.selected + 1 < p.matches.len() {
                    p.selected += 1;
                }
                p.moved = true;
            }
            edit => {
                p.query.apply(edit, 40);
                refilter(p, &self.departments);
            }
        }
    }

    /// Enter in the picker: the selected department joins the units (the first one leads), or,
    /// when nothing matches, the name typed is offered as a new department.
    pub fn pick(&mut self) -> Option<Question> {
        let p = self.picker.as_ref()?;
        // Enter on the whole list, untouched, would add its first department by accident.
        if p.query.text().trim().is_empty() && !p.moved {
            return None;
        }
        match p.matches.get(p.selected) {
            Some(&i) => {
                let d = self.departments[i].clone();
                self.add_unit(d.id, d.name);
                self.picker = None;
                None
            }
            None => {
                let name = p.query.text().trim().to_string();
                (!name.is_empty()).then(|| Question::NewDepartment {
                    similar: similar(&name, &self.departments),
                    name,
                })
            }
        }
    }

    pub fn add_unit(&mut self, department_id: i64, name: String) {
        if let Some(i) = self
            .units
            .iter()
            .position(|u| u.department_id == department_id)
        {
            self.unit = i;
            self.refusal = Some(Refusal::AlreadyAUnit(name));
            return;
        }
        let role = if self.units.iter().any(|u| u.role == Role::Lead) {
            Role::Co
        } else {
            Role::Lead
        };
        self.units.push(EditUnit {
            department_id,
            name,
            role,
            percent: Percent::ZERO,
            entries: 0,
        });
        self.unit = self.units.len() - 1;
    }

    /// A department created from the picker: known from now on, and on the task.
    pub fn department_added(&mut self, id: i64, name: String) {
        self.departments.push(DepartmentName {
            id,
            name: name.clone(),
            aliases: Vec::new(),
        });
        self.add_unit(id, name);
        self.picker = None;
    }
}

fn format_weight(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w}")
    }
}

/// Ranks departments for the picker's query; an empty query lists them all in order.
fn refilter(p: &mut Picker, departments: &[DepartmentName]) {
    let q = p.query.text().trim();
    p.matches = if q.is_empty() {
        (0..departments.len()).collect()
    } else {
        let mut scored: Vec<(pinyin::Score, usize)> = departments
            .iter()
            .enumerate()
            .filter_map(|(i, d)| pinyin::matches(q, &d.name, &d.aliases).map(|s| (s, i)))
            .collect();
        // Best first; the list order among equals.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    };
    p.selected = p.selected.min(p.matches.len().saturating_sub(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> EditorData {
        let d = |id: i64, name: &str, aliases: &[&str]| DepartmentName {
            id,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        };
        EditorData {
            task: None,
            plan_id: 1,
            plan_title: "计划".into(),
            plan_starts_on: "2024-01-01".parse().unwrap(),
            plan_ends_on: "2024-12-31".parse().unwrap(),
            sections: vec![SectionRow {
                id: 7,
                parent_id: None,
                number: "(一)".into(),
                title: "数字赋能".into(),
                label: "(一) 数字赋能".into(),
            }],
            section_id: Some(7),
            project: Default::default(),
            departments: vec![
                d(1, "区发展和改革局", &["区发改局", "发改局"]),
                d(2, "区经济和信息化局", &["区经信局", "经信局"]),
                d(3, "区科技局", &[]),
            ],
        }
    }

    fn typed(e: &mut TaskEditor, s: &str) {
        for c in s.chars() {
            e.edit(Edit::Insert(c), 40);
        }
    }

    #[test]
    fn a_new_task_needs_a_number_and_a_title_and_a_sane_weight() {
        let mut e = TaskEditor::open(data(), "2024-03-01".parse().unwrap());
        assert_eq!(e.section, Some(0));
        assert!(!e.is_changed());
        assert_eq!(e.spec(), Err(SpecError::EmptyNumber));
        typed(&mut e, "9");
        assert_eq!(e.spec(), Err(SpecError::EmptyTitle));
        e.focus = EditorField::Title;
        typed(&mut e, "建设数据中心");
        e.focus = EditorField::Weight;
        e.edit(Edit::Backspace, 40);
        typed(&mut e, "0");
        assert_eq!(e.spec(), Err(SpecError::BadWeight("0".into())));
        e.edit(Edit::Backspace, 40);
        typed(&mut e, "1.5");
        let spec = e.spec().unwrap();
        assert_eq!((spec.number.as_str(), spec.weight), ("9", 1.5));
        assert_eq!(spec.section_id, Some(7));
        assert!(e.is_changed());
    }

    #[test]
    fn the_deadline_shows_what_it_was_understood_as() {
        let mut e = TaskEditor::open(data(), "2024-03-01".parse().unwrap());
        e.focus = EditorField::Deadline;
        assert_eq!(e.effective_deadline(), (e.plan_ends_on, false));
        typed(&mut e, "6月底前");
        assert_eq!(
            e.effective_deadline(),
            ("2024-06-30".parse().unwrap(), true)
        );
        for _ in 0..4 {
            e.edit(Edit::Backspace, 40);
        }
        typed(&mut e, "长期");
        assert_eq!(e.effective_deadline(), (e.plan_ends_on, false));
        e.focus = EditorField::Number;
        typed(&mut e, "1");
        e.focus = EditorField::Title;
        typed(&mut e, "t");
        let spec = e.spec().unwrap();
        assert_eq!(
            (spec.deadline, spec.deadline_text.as_deref()),
            (None, Some("长期"))
        );
    }

    #[test]
    fn the_picker_finds_by_pinyin_initials_and_the_first_unit_leads() {
        let mut e = TaskEditor::open(data(), "2024-03-01".parse().unwrap());
        e.focus = EditorField::Units;
        assert!(e.edit(Edit::Insert('a'), 40), "a opens the picker");
        e.open_picker();
        for c in "jxj".chars() {
            e.picker_edit(Edit::Insert(c));
        }
        let p = e.picker.as_ref().unwrap();
        assert_eq!(e.departments[p.matches[0]].name, "区经济和信息化局");
        assert_eq!(e.pick(), None);
        e.open_picker();
        for c in "fgj".chars() {
            e.picker_edit(Edit::Insert(c));
        }
        e.pick();
        let roles: Vec<(&str, Role)> = e.units.iter().map(|u| (u.name.as_str(), u.role)).collect();
        assert_eq!(
            roles,
            vec![
                ("区经济和信息化局", Role::Lead),
                ("区发展和改革局", Role::Co)
            ]
        );
        e.edit(Edit::Insert('l'), 40);
        assert_eq!(e.units[1].role, Role::Lead, "l toggles the selected unit");
        e.edit(Edit::Insert('x'), 40);
        assert_eq!(e.units.len(), 1);
    }

    #[test]
    fn a_name_nothing_matches_is_offered_as_new_with_its_close_names() {
        let mut e = TaskEditor::open(data(), "2024-03-01".parse().unwrap());
        e.open_picker();
        for c in "区发改委".chars() {
            e.picker_edit(Edit::Insert(c));
        }
        match e.pick() {
            Some(Question::NewDepartment { name, similar }) => {
                assert_eq!(name, "区发改委");
                assert_eq!(similar[0].name, "区发展和改革局");
            }
            other => panic!("{other:?}"),
        }
        e.department_added(9, "区发改委".into());
        assert_eq!(e.units[0].name, "区发改委");
        assert!(e.picker.is_none());
    }

    #[test]
    fn a_unit_with_reports_cannot_be_taken_off() {
        let mut e = TaskEditor::open(data(), "2024-03-01".parse().unwrap());
        e.add_unit(3, "区科技局".into());
        e.units[0].entries = 2;
        e.focus = EditorField::Units;
        e.edit(Edit::Delete, 40);
        assert_eq!(e.units.len(), 1);
        assert!(matches!(
            e.refusal,
            Some(Refusal::UnitHasReports { entries: 2, .. })
        ));
    }
}
