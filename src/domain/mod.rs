//! Plain types and rules. Nothing here touches SQLite, the terminal or the clock: `today` is an
//! argument everywhere.

pub mod attachment;
pub mod circular_issue;
pub mod closing;
pub mod cycle;
pub mod day;
pub mod deadline;
pub mod extension;
pub mod indicator;
pub mod light;
pub mod milestone;
pub mod names;
pub mod note;
pub mod notice;
pub mod notice_rule;
pub mod percent;
pub mod period;
pub mod permission;
pub mod pinyin;
pub mod plan_choice;
pub mod plan_draft;
pub mod project;
pub mod role;
pub mod rollup;
pub mod score;
pub mod setting;
pub mod sheet;
pub mod sheet_changes;
pub mod task_number;
pub mod text;
pub mod trend;

pub use closing::{
    Closing, Refusal as ClosingRefusal, Request as ClosingRequest, Step as ClosingStep, UnitStand,
};
pub use cycle::{CycleTally, Timeliness};
pub use deadline::{Deadline, DeadlineKind, Recurrence};
pub use extension::{Refusal as ExtensionRefusal, Step as ExtensionStep};
pub use light::{
    Assessment, Light, LightPreset, Reason, Schedule, Thresholds, assess, assess_with_milestones,
    expected_progress,
};
pub use milestone::{Milestone, MilestoneBook};
pub use names::{DepartmentName, Resolution, Similar, resolve, similar};
pub use note::ReportNote;
pub use notice::{
    Level as NoticeLevel, Refusal as NoticeRefusal, State as NoticeState, Step as NoticeStep,
};
pub use notice_rule::{NoticePreset, NoticeSettings};
pub use percent::{Percent, PercentError, shown_percent};
pub use period::{CycleKind, Period};
pub use permission::{Actor, Denied};
pub use role::{ClerkRole, Role};
pub use rollup::{AssignmentFact, DepartmentRollup, task_completion};
pub use score::{ScorePreset, ScoreRule};
pub use setting::{CycleSettings, SettingError};
pub use task_number::{TaskSpec, TaskSpecError, normalise_number};
pub use text::{TextField, TextKind, TextProblem};
