//! What can happen to the state (`Action`), and what the runner must do for it (`Effect`).

use std::collections::HashMap;
use std::time::Instant;

use crate::domain::Thresholds;
use crate::store::{ProgressEntry, TaskDetail, TaskKey, TaskQuery};

use super::state::{DeptItem, Summary, TaskItem, View};

/// A user's intent, named by what it does; `keymap` binds keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    NextPane,
    PrevPane,
    Open,
    Close,
    View(View),
    Filter,
    Sort,
    OnlyAlert,
    OnlyMine,
    Reload,
    Help,
    Quit,
}

/// Everything that changes the state: commands, typed text, and results the runner brings back.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// A character typed into the filter line.
    FilterChar(char),
    FilterBackspace,
    /// Enter in the filter line: keep the filter, go back to the list.
    FilterAccept,
    /// Esc in the filter line: clear it.
    FilterCancel,
    Resize {
        width: u16,
        height: u16,
    },
    /// The first load: plan, thresholds, sections.
    Opened {
        plan_title: String,
        thresholds: Thresholds,
        sections: HashMap<i64, String>,
    },
    Overview {
        departments: Vec<DeptItem>,
        summary: Summary,
    },
    DepartmentTasks {
        department: i64,
        items: Vec<TaskItem>,
    },
    TaskKeys {
        view: View,
        keys: Vec<TaskKey>,
    },
    Rows {
        view: View,
        items: Vec<TaskItem>,
    },
    Detail {
        task: i64,
        data: Option<TaskDetail>,
        /// Index into `data.units` of the unit whose history this is.
        unit: usize,
        history: Vec<ProgressEntry>,
    },
    /// Another process wrote to the file; `by` are the users who reported since.
    Changed {
        by: Vec<String>,
        now: Instant,
    },
    /// Time passes: notices expire.
    Tick {
        now: Instant,
    },
    Failed(String),
}

/// I/O the runner performs after `update`; each comes back as an `Action`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Department rollups and the header's counts.
    LoadOverview,
    LoadDepartmentTasks {
        department: i64,
    },
    LoadTaskKeys {
        view: View,
        query: TaskQuery,
    },
    LoadRows {
        view: View,
        ids: Vec<i64>,
    },
    LoadDetail {
        task: i64,
        /// Whose history to show; the first unit's when `None`.
        department: Option<i64>,
        unit: usize,
    },
}
