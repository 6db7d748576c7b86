//! --write

use crate::domain::{ClerkRole, DepartmentName};
use crate::store::{Clerk, DepartmentSummary};

use crate::tui::field::TextField;

/// The two lists of view 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeoplePane {
    #[default]
    Departments,
    Clerks,
}

#[derive(Debug, Clone, Default)]
pub struct People {
    pub departments: Vec<DepartmentSummary>,
    pub clerks: Vec<Clerk>,
    pub pane: PeoplePane,
    pub dept: usize,
    pub dept_offset: usize,
    pub clerk: usize,
    pub clerk_offset: usize,
    pub loaded: bool,
}

impl People {
    pub fn names(&self) -> Vec<DepartmentName> {
        self.departments
            .iter()
            .map(|d| DepartmentName {
                id: d.id,
                name: d.name.clone(),
                aliases: d.aliases.clone(),
            })
            .collect()
    }

    pub fn department_name(&self, id: Option<i64>) -> Option<&str> {
        id.and_then(|id| self.departments.iter().find(|d| d.id == id))
            .map(|d| d.name.as_str())
    }
}

/// What the prompt's text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    AddDepartment,
    Rename(i64),
    Alias(i64),
    /// Merge this department into the one typed.
    MergeInto(i64),
    /// "login role [department]".
    AddClerk,
    /// "role [department]" for this login.
    ClerkRole(String),
    /// The import preview's (`tui::import`): the plan file's path, a task's units (by index),
    /// the unit a new name denotes.
    ImportFile,
    ImportUnits(usize),
    ImportMap(String),
    /// A setting's new value (the settings screen of view 5, `tui::report_view`).
    Setting(String),
    /// Closing a task (`tui::closing`): the closing note of lead unit `department`'s
    /// application; `below` units are under 100%, so a second prompt asks why.
    CloseNote {
        task: i64,
        department: i64,
        below: usize,
    },
    /// Why the units below 100% are not finished, after the note.
    CloseWhy {
        task: i64,
        department: i64,
        below: usize,
        note: String,
    },
    /// Evidence files for the application (optional; Tab completes a path), after the note
    /// and the why.
    CloseFiles {
        task: i64,
        department: i64,
        note: String,
        why: String,
    },
    /// Approve the application (Enter), with an optional note.
    CloseApprove(i64),
    /// Send the application back: the reason (required).
    CloseReturn(i64),
    /// The reason a closed task is opened again (admins).
    CloseReopen(i64),
    /// An extension (`tui::extension`): the step being typed.
    Extend(crate::tui::extension::model::ExtendPrompt),
    /// A 督办单 (`tui::notice`): a reply, a review, or what is required of a new one.
    Notice(crate::tui::notice::model::NoticePrompt),
}

impl PromptKind {
    /// A prompt of closing a task (`tui::closing`).
    pub fn is_closing(&self) -> bool {
        matches!(
            self,
            PromptKind::CloseNote { .. }
                | PromptKind::CloseWhy { .. }
                | PromptKind::CloseFiles { .. }
                | PromptKind::CloseApprove(_)
                | PromptKind::CloseReturn(_)
                | PromptKind::CloseReopen(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub field: TextField,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

/// A change to departments or clerks, for the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminOp {
    AddDepartment(String),
    Rename {
        id: i64,
        name: String,
    },
    Alias {
        id: i64,
        alias: String,
    },
    Merge {
        from: i64,
        into: i64,
    },
    AddClerk(Clerk),
    SetRole {
        username: String,
        role: ClerkRole,
        department: Option<i64>,
    },
    RemoveClerk(String),
}
