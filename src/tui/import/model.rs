//! --write

use crate::domain::DepartmentName;
use crate::import::{Doubt, DoubtKind, PlanDraft, UnitPlan, plan_units};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PreviewPane {
    #[default]
    Tasks,
    /// The units: new ones (with the names they are close to), then those that matched.
    Units,
}

/// What the runner read: the draft and the departments it meets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRead {
    pub path: String,
    pub draft: PlanDraft,
    pub existing: Vec<DepartmentName>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub path: String,
    pub draft: PlanDraft,
    pub existing: Vec<DepartmentName>,
    /// How the draft's names meet the departments; recomputed after every change.
    pub units: UnitPlan,
    /// Per task: left out of the import.
    pub dropped: Vec<bool>,
    pub pane: PreviewPane,
    pub task: usize,
    pub task_offset: usize,
    pub unit: usize,
    pub unit_offset: usize,
    /// The user changed something (leaving asks first).
    pub changed: bool,
    /// Ctrl-S was pressed and the store has not answered yet.
    pub saving: bool,
}

/// One line of the units pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitLine<'a> {
    New { name: &'a str, close: &'a [String] },
    Existing { name: &'a str, department: &'a str },
}

impl ImportPreview {
    pub fn new(read: PlanRead) -> ImportPreview {
        let units = plan_units(&read.draft.unit_names(), &read.existing);
        ImportPreview {
            dropped: vec![false; read.draft.tasks.len()],
            path: read.path,
            draft: read.draft,
            existing: read.existing,
            units,
            pane: PreviewPane::Tasks,
            task: 0,
            task_offset: 0,
            unit: 0,
            unit_offset: 0,
            changed: false,
            saving: false,
        }
    }

    /// Lines the detail adds for key projects (owner and investment) and for milestones, when
    /// the draft has any: the list keeps its height from task to task.
    pub fn detail_extra(&self) -> u16 {
        let tasks = &self.draft.tasks;
        u16::from(tasks.iter().any(|t| t.project.is_some()))
            + u16::from(tasks.iter().any(|t| !t.milestones.is_empty()))
    }

    pub(super) fn replan(&mut self) {
        self.units = plan_units(&self.draft.unit_names(), &self.existing);
        self.unit = self.unit.min(self.unit_lines().saturating_sub(1));
        self.changed = true;
    }

    pub fn unit_lines(&self) -> usize {
        self.units.new.len() + self.units.existing.len()
    }

    pub fn unit_line(&self, k: usize) -> Option<UnitLine<'_>> {
        match self.units.new.get(k) {
            Some(u) => Some(UnitLine::New {
                name: &u.name,
                close: &u.close,
            }),
            None => self
                .units
                .existing
                .get(k - self.units.new.len())
                .map(|(name, department)| UnitLine::Existing { name, department }),
        }
    }

    pub fn kept(&self) -> usize {
        self.dropped.iter().filter(|d| !**d).count()
    }

    /// Whether a name of the draft will create a department.
    pub fn is_new(&self, name: &str) -> bool {
        self.units.new.iter().any(|u| u.name == name)
    }

    /// The tasks (by number) that name this unit.
    pub fn tasks_naming(&self, name: &str) -> Vec<&str> {
        self.draft
            .tasks
            .iter()
            .filter(|t| t.units.iter().any(|u| u.name == name))
            .map(|t| t.number.as_str())
            .collect()
    }

    /// The parser's doubts that still hold for the draft as it now is: "no units" is gone
    /// once `u` gave the item on that line its units.
    pub fn doubts(&self) -> impl Iterator<Item = &Doubt> {
        self.draft.doubts.iter().filter(|d| {
            let mut on_line = self
                .draft
                .tasks
                .iter()
                .filter(|t| t.line == d.line)
                .peekable();
            d.kind != DoubtKind::NoUnits
                || on_line.peek().is_none()
                || on_line.any(|t| t.units.is_empty())
        })
    }

    /// The draft to save: without the dropped tasks, with the doubts that still hold.
    pub fn to_save(&self) -> PlanDraft {
        let mut draft = self.draft.clone();
        let mut keep = self.dropped.iter().map(|d| !d);
        draft.tasks.retain(|_| keep.next().unwrap_or(true));
        draft.doubts = self.doubts().cloned().collect();
        draft
    }
}
