//! What can happen to the state (`Action`), and what the runner must do for it (`Effect`).

use std::collections::HashMap;
use std::time::Instant;

use crate::domain::{Percent, Thresholds};
use crate::store::{
    Clerk, Conflict, DepartmentSummary, NewTaskSpec, ProgressEntry, Saved, TaskDetail, TaskForEdit,
    TaskKey, TaskQuery, Undone,
};

use super::editor::EditorData;
use super::field::Edit;
use super::form::FormData;
use super::import::model::PlanRead;
use super::people::model::AdminOp;
use super::state::{DeptItem, Summary, TaskItem, View};
use crate::import::PlanDraft;
use crate::store::StoredDraft;

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
    /// Open the progress form on the selected assignment.
    Report,
    /// Take back this session's last save.
    Undo,
    // In the form:
    NextField,
    PrevField,
    Save,
    CopyLast,
    Cancel,
    // In the form's dialogs:
    Yes,
    No,
    TakeTheirs,
    /// Plan editing (admins): a new task, edit the selected one, delete it.
    NewTask,
    EditTask,
    DeleteTask,
    /// Enter in the department picker.
    Pick,
    // View 4, departments and clerks (admins):
    PeopleAdd,
    /// View 5: the previous / next quarter.
    PrevPeriod,
    NextPeriod,
    /// View 5: the settings screen (admins change values there).
    Settings,
    /// The settings screen: switch the light preset (default / strict).
    LightPreset,
    PeopleRename,
    PeopleAlias,
    PeopleMerge,
    PeopleRole,
    PeopleRemove,
    /// Import a plan document (departments view, admins): ask for the file, then preview it.
    Import,
    /// The plan switcher: show one plan or all.
    Plans,
    /// Open or close the review queue (待办).
    Queue,
    // In the import preview:
    DropTask,
    EditUnits,
    MapUnit,
    /// Space: mark or unmark the selected task row for batch entry.
    Mark,
    /// `B`: one percent or note for every marked row.
    Batch,
    /// `y`: the selected task's number, title and units to the clipboard (OSC 52).
    Copy,
    /// Turn mouse capture on or off (`super::mouse`).
    Mouse,
    /// Closing the selected task (办结销号, `super::closing`): apply (a lead unit at 100%),
    /// approve and send back (admins).
    CloseApply,
    CloseApprove,
    CloseReturn,
    /// `T`: an extension on the selected task (延期申请, `super::extension`): a unit asks, an
    /// admin answers the request waiting or files one.
    Extend,
    /// `F`: 反馈 on the selected task's notice (`super::notice`): a unit replies, an admin
    /// accepts or returns the reply waiting.
    NoticeReply,
    /// `N`: issue a 督办单 on the selected task (admins), drafted from the rules' proposal.
    NoticeIssue,
    /// `v`: a key project's investment figure for a month (`super::project_entry`).
    Investment,
    /// `M`: a milestone of the selected task reached, or a wrong mark taken back.
    Milestone,
    /// View 7 (`super::wall`): zoom closer / wider, move the window earlier / later, bring
    /// today back, group by lead unit or by section.
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    Today,
    Group,
}

/// The evidence files attached after a save: how many were kept, and the first that was not,
/// with why (the rest after it are not tried).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    pub kept: usize,
    pub failed: Option<String>,
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
        /// Every plan of the file with its task count.
        plans: Vec<super::state::PlanItem>,
        /// What this login last looked at (only when the file is first opened).
        remembered: Option<super::prefs::Remembered>,
        thresholds: Thresholds,
        sections: HashMap<i64, String>,
    },
    Overview {
        departments: Vec<DeptItem>,
        summary: Summary,
        /// Every task's milestones, as of the session's day: they judge the lights.
        milestones: std::sync::Arc<crate::domain::MilestoneBook>,
        /// Parts of the rollup the file did not keep yet, for the UI's connection to keep
        /// (the reader thread's may not write).
        keep: Option<crate::store::rollup_cache::RollupToKeep>,
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
    /// A key for the focused field of the form.
    FormEdit(Edit),
    /// The store read what the form needs (`None`: that assignment no longer exists), and the
    /// user's draft of that assignment.
    FormOpened(Option<FormData>, Option<StoredDraft>),
    /// The open form's assignment as it is now (`RefreshForm`).
    FormRefreshed(Option<FormData>),
    /// The open form's text has waited long enough: keep it as a draft (`super::draft`).
    KeepDraft,
    /// A draft write went through: `draft` is in the table now (`None`: removed); `kept` is
    /// what the session believed was there, `replaced` the row it wrote over.
    DraftKept {
        task: i64,
        department: i64,
        draft: Option<super::form::Draft>,
        kept: Option<super::form::Draft>,
        replaced: Option<StoredDraft>,
    },
    /// A draft write was refused (`busy`: the file was locked by another writer).
    DraftNotKept {
        task: i64,
        department: i64,
        busy: bool,
        message: String,
    },
    /// A report saved, and how its evidence files went.
    Saved(Saved, Attached),
    /// A Tab in an evidence field: what its directory held.
    PathCompleted {
        typed: String,
        prompt: bool,
        completion: super::path_complete::Completion,
    },
    SaveConflict(Box<Conflict>),
    /// A save refused for another reason (permission, busy, disk full): the message.
    SaveFailed(String),
    Undone(Box<Undone>),
    UndoFailed {
        message: String,
        /// The entry can never be undone now (someone wrote over it): forget it.
        forget: bool,
    },
    EditorOpened(Box<EditorData>),
    /// A key for the task editor's focused field, or for the picker's query.
    EditorEdit(Edit),
    TaskSaved(Box<TaskForEdit>),
    /// Another admin changed the task since the editor read it: its values now.
    TaskSaveConflict(Box<TaskForEdit>),
    /// A plan edit the store refused (permission, a rule, busy), and a department not created.
    EditFailed(String),
    DepartmentAdded {
        id: i64,
        name: String,
    },
    /// What deleting the selected task would touch, for the question.
    DeleteAsk {
        task: i64,
        label: String,
        entries: i64,
    },
    TaskDeleted(String),
    People {
        departments: Vec<DepartmentSummary>,
        clerks: Vec<Clerk>,
    },
    /// A change to departments or clerks went through: what to say.
    AdminDone(String),
    /// A plan document read for the import preview, or why it could not be.
    PlanRead(Box<PlanRead>),
    PlanReadFailed(String),
    /// View 5's circular of `period` (`None` inside: the period has not begun).
    ReportLoaded {
        period: crate::domain::Period,
        circular: Box<Option<crate::report::circular::Circular>>,
    },
    /// View 5's month-end trend of `period` for `plan`, read for the file as it was at trend
    /// generation `generation` (`None` inside: the period has not begun).
    TrendLoaded {
        period: crate::domain::Period,
        plan: Option<i64>,
        generation: u64,
        trend: Box<Option<crate::report::trend::Trend>>,
    },
    SettingsLoaded(Box<crate::report::settings::Settings>),
    /// A settings change went through (the message), or why not.
    SettingsSaved(Result<String, String>),
    /// Per department, assignments not yet reported this period.
    CycleLoaded(std::collections::HashMap<i64, u32>),
    IndicatorsLoaded(Box<crate::report::indicators::IndicatorView>),
    /// What the figure entry needs for one indicator (`None`: it no longer exists).
    FigureOpened(Option<Box<super::figure::model::FigureData>>),
    /// A key for the figure entry's focused field.
    FigureEdit(Edit),
    /// The figure is in the journal.
    FigureSaved,
    /// Another clerk reported the same indicator and period first: their figure.
    FigureConflict(Box<crate::store::ActualRow>),
    /// A figure refused for another reason (permission, busy, disk full): the message.
    FigureFailed(String),
    /// The previewed plan is saved: the summary.
    ImportSaved(String),
    ImportFailed(String),
    /// The reads still being computed off the UI thread changed (`super::worker`).
    Loading(Vec<super::state::Load>),
    /// The marked tasks' assignments for the batch form, as the store read them.
    BatchOpened {
        who: super::batch::model::Who,
        department: Option<String>,
        rows: Vec<super::batch::model::BatchRow>,
    },
    /// The line `y` copied went to the terminal (or why not).
    Copied(Result<String, String>),
    /// The assignments with an unsaved draft of this login.
    DraftsListed(Vec<(i64, i64)>),
    /// A key for the batch form's focused field.
    BatchEdit(Edit),
    /// The whole batch is in the journal, one `Saved` per row in order.
    BatchSaved(Vec<Saved>),
    /// The store refused row `row` (`None`: the transaction): nothing was written.
    BatchFailed {
        row: Option<usize>,
        message: String,
        conflict: bool,
    },
    /// A closing step went through (what to say), or the store's refusal as one line.
    ClosingDone(Result<String, String>),
    /// The review queue as read (`Effect::LoadQueue`).
    Queue(Vec<super::queue::model::QueueItem>),
    /// An extension step went through (what to say), or the store's refusal as one line.
    ExtensionDone(Result<String, String>),
    /// The notice `N` drafts from the proposal (`Effect::NoticePropose`), or why none.
    NoticeProposed(Result<super::notice::model::NoticeDraft, String>),
    /// A notice issued or stepped (what to say), or the store's refusal as one line.
    NoticeDone(Result<String, String>),
    /// An effect done that changes nothing on screen (a preference kept, a scope set).
    Nothing,
    /// View 7's keys (`Effect::LoadTaskKeys` for `View::Wall`), with each task's lead unit.
    WallKeys {
        keys: Vec<TaskKey>,
        leads: std::sync::Arc<crate::store::LeadUnits>,
    },
    /// View 7's rows (`Effect::LoadRows` for `View::Wall`) and the milestones of `ids`.
    WallRows {
        items: Vec<TaskItem>,
        milestones: HashMap<i64, Vec<crate::domain::Milestone>>,
        ids: Vec<i64>,
    },
    /// The wheel or a click at a cell of the screen, with mouse capture on (`super::mouse`).
    Mouse {
        kind: super::mouse::MouseKind,
        column: u16,
        row: u16,
    },
    /// Key projects and milestones (`super::project_entry`): a form's data, its keys, a save.
    Project(super::project_entry::ProjectAction),
}

/// I/O the runner performs after `update`; each comes back as an `Action`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Department rollups and the header's counts.
    LoadOverview,
    /// Keeps parts of the day's rollup in the file (store::rollup_cache), if no write came since
    /// they were read; answered by nothing, whatever happened (they are read again next time).
    KeepRollup(crate::store::rollup_cache::RollupToKeep),
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
    /// Read what the progress form shows for one assignment.
    OpenForm {
        task: i64,
        department: i64,
    },
    /// Read again what the open form shows, after another session wrote to the file.
    RefreshForm {
        task: i64,
        department: i64,
    },
    /// Save a report (the runner adds the user and the time), then attach the evidence files
    /// named in `files` (the form's text, paths separated by `path_complete::SEPARATOR`).
    SaveProgress {
        task: i64,
        department: i64,
        percent: Percent,
        note: String,
        version: i64,
        files: String,
    },
    /// Complete the last path typed in an evidence field (a directory read, bounded).
    CompletePath {
        typed: String,
        /// For the closing prompt's field, not the progress form's.
        prompt: bool,
    },
    Undo {
        entry_id: i64,
    },
    /// Read what the task editor needs: the task (`None`: a new one, placed near task `near`).
    OpenEditor {
        task: Option<i64>,
        near: Option<i64>,
    },
    SaveTask {
        id: Option<i64>,
        version: i64,
        spec: NewTaskSpec,
        /// The editor's project page, when something on it changed (`super::project_edit`).
        project: Option<Box<crate::store::ProjectSave>>,
    },
    AddDepartment {
        name: String,
    },
    AskDelete {
        task: i64,
    },
    DeleteTask {
        task: i64,
    },
    LoadPeople,
    LoadReport {
        period: crate::domain::Period,
    },
    /// Every department's completion at each month's end of `period`'s year (view 5's
    /// breakdown): as slow as a circular, so read off the UI thread.
    LoadTrend {
        period: crate::domain::Period,
        plan: Option<i64>,
        generation: u64,
    },
    LoadIndicators {
        year: i32,
    },
    /// Read what the figure entry shows for an indicator (targets, figures, the default
    /// period for `year`).
    OpenFigure {
        indicator: i64,
        year: i32,
    },
    /// Append an indicator's figure (the runner adds the user and the time).
    SaveFigure {
        indicator: i64,
        period: crate::domain::Period,
        value: f64,
        /// The newest figure of that period the clerk saw (see `NewActual::expected_last`).
        expected_last: Option<i64>,
    },
    LoadSettings,
    SaveSettings(Vec<(String, String)>),
    /// Who has not yet reported in the current reporting period (after the overview).
    LoadCycle,
    Admin(AdminOp),
    /// Read a plan document for the import preview.
    ReadPlan {
        path: String,
    },
    SaveImport(Box<PlanDraft>),
    /// Read the plans' titles and section names again (after an import).
    Reopen,
    /// Read only this plan's tasks from now on (`None`: every plan's).
    UsePlan {
        plan: Option<i64>,
    },
    /// Keep what this login looks at for its next session on the file.
    Remember(super::prefs::Remembered),
    /// Make the user's draft of an assignment `draft` (`None`: remove it, if it still holds
    /// `kept`, what this session kept there).
    KeepDraft {
        task: i64,
        department: i64,
        draft: Option<super::form::Draft>,
        kept: Option<super::form::Draft>,
    },
    /// Read each marked task's assignment for the batch form.
    OpenBatch {
        tasks: Vec<i64>,
        who: super::batch::model::Who,
    },
    /// Write this line to the terminal's clipboard (OSC 52).
    Copy(String),
    /// List the assignments with an unsaved draft of this login (the rows' `✎`).
    LoadDrafts,
    /// Write every row of the batch in one transaction (the runner adds the user and the time).
    SaveBatch(Vec<super::batch::model::BatchSave>),
    /// Read the review queue: only what waits for review (admins), or one unit's items.
    LoadQueue {
        department: Option<i64>,
        pending_only: bool,
    },
    /// Take a closing step on a task (the runner adds the user and the time).
    CloseStep {
        task: i64,
        spec: super::closing::model::CloseSpec,
    },
    /// Take an extension step on a task (the runner adds the user, the time and today).
    ExtendStep {
        task: i64,
        spec: super::extension::model::ExtendSpec,
    },
    /// Draft a notice to `department` on `task` from the rules' proposal (`N`).
    NoticePropose {
        task: i64,
        department: i64,
    },
    /// Issue a notice or take a step on one (the runner adds the user and the time).
    NoticeStep(super::notice::model::NoticeSpec),
    /// Ask the terminal to report the wheel and clicks (`true`), or to stop (`super::mouse`).
    MouseCapture(bool),
    /// Read or write a key project's entry (`super::project_entry::run`).
    Project(super::project_entry::ProjectEffect),
}
