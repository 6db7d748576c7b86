//! Everything the screen shows, and nothing else: no database handle, no terminal.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::{Assessment, ClerkRole, DepartmentRollup, Light, Percent, Role, Thresholds};
use crate::i18n::Lang;
use crate::store::{ProgressEntry, TaskDetail, TaskKey, TaskRow};

use super::editor::{Question, TaskEditor};
use super::form::ProgressForm;
use super::import::model::ImportPreview;
use super::people::model::{People, Prompt};

/// Who is looking, at what, on which day. Fixed for the session.
#[derive(Debug, Clone)]
pub struct Session {
    pub lang: Lang,
    pub color: bool,
    /// The day the lights are computed for.
    pub today: NaiveDate,
    /// `--as-of`: the journal bound; `None` shows the current values.
    pub as_of: Option<DateTime<Utc>>,
    pub user: String,
    pub role: Option<ClerkRole>,
    /// The user's own department ("only mine").
    pub department: Option<i64>,
    pub db_name: String,
    /// Local time's offset, for showing when reports were made (instants are stored in UTC).
    pub utc_offset: chrono::FixedOffset,
    /// "Now" for every save: the one clock, pinned in tests.
    pub clock: crate::clock::Clock,
    /// Why this session cannot write, when the file is open for reading only (the login may not
    /// write it, or it is on a read-only medium): said whenever a key would write.
    pub read_only: Option<String>,
    /// This login was a clerk and an admin removed it (the audit says who and when): the header
    /// and every refused key say so, rather than "not registered, ask an admin to add you".
    pub removed: Option<crate::store::ClerkRemoval>,
    /// Where this login's view of the file (plan, department) is remembered; `None`: nowhere.
    pub remember: Option<super::prefs::PrefsFile>,
}

impl Session {
    /// Why no entry can be made in this session (a past view, a file open for reading only), or
    /// `None` when it can.
    /// Why this login may not make a write, in words it can act on: a removed clerk is told so.
    pub fn denied(&self, why: crate::domain::Denied) -> String {
        match (&self.removed, why) {
            (Some(r), crate::domain::Denied::NotAClerk) => crate::i18n::tui::clerk_removed(
                self.lang,
                &self.user,
                &r.by,
                &self.local_day(&r.at),
            ),
            _ => crate::i18n::denied(self.lang, &self.user, why),
        }
    }

    /// The local day of a stored instant ("2026-11-20T02:00:00Z"), or the text as it is.
    fn local_day(&self, at: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(at)
            .map(|t| {
                t.with_timezone(&self.utc_offset)
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_else(|_| at.to_string())
    }

    pub fn entry_refusal(&self) -> Option<String> {
        if self.as_of.is_some() {
            return Some(crate::i18n::tui::no_entry_as_of(self.lang));
        }
        self.read_only.clone()
    }
}

/// A kind of read that runs off the UI thread (`tui::worker`); the screen marks the ones still
/// being computed. A newer read of a kind makes an older one pointless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Load {
    /// Department rollups and the header's counts.
    Overview,
    /// The "not yet reported" marks.
    Cycle,
    /// View 4's departments and clerks.
    People,
    /// View 5's circular.
    Report,
    /// View 5's month-end trend of every department.
    Trend,
    /// A task list's keys (views 2 and 3), which the first time builds the filter's corpus.
    TaskKeys(View),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum View {
    Departments,
    Tasks,
    Deadlines,
    /// Departments and clerks: who is who, and (admins) changing it.
    People,
    /// The circular: ranking and score breakdowns.
    Report,
    /// Indicators: targets, latest figures, completion.
    Indicators,
    /// The wall chart (挂图作战): each task's bar on a time axis (`super::wall`).
    Wall,
}

/// The two panes of the departments view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Departments,
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeptSort {
    WorstFirst,
    Name,
    Percent,
}

impl DeptSort {
    pub fn next(self) -> DeptSort {
        match self {
            DeptSort::WorstFirst => DeptSort::Name,
            DeptSort::Name => DeptSort::Percent,
            DeptSort::Percent => DeptSort::WorstFirst,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing into the filter line.
    Filter,
    Help,
    /// The task detail over the whole body (always on narrow screens, on Enter on wide ones).
    Detail,
    /// The progress form has the keyboard.
    Form,
    /// The form asks whether to throw away what was typed.
    ConfirmDiscard,
    /// Another clerk saved first: keep mine, take theirs, or go back to editing.
    Conflict,
    /// The task editor (admins).
    Editor,
    /// The department picker over the task editor.
    Picker,
    /// A yes/no question (`State::question`) before something that cannot be taken back.
    Ask,
    /// A line of text for view 4 or the import preview (`State::prompt`).
    Prompt,
    /// The import preview (`State::import`) has the keyboard.
    Import,
    /// Entering an indicator's figure in view 6 (`State::figure`).
    Figure,
    /// The batch form (`State::batch`) has the keyboard.
    Batch,
    /// The plan switcher (`P`): all plans, or one (`State::plan_pick`).
    Plans,
    /// The review queue (`I`, `State::queue`).
    Queue,
    /// A unit's entry on a key project: a month's investment or a milestone reached
    /// (`State::project_entry`).
    Project,
}

/// A plan of the file, as the switcher lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub id: i64,
    pub title: String,
    /// Its tasks (not deleted).
    pub tasks: u64,
}

/// A plan's short label in lists that show several plans: A, B, … Z, then P27, P28, ….
pub fn plan_short(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => format!("P{}", index + 1),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeptItem {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub rollup: DepartmentRollup,
}

/// A department's own part in a task: its role, its percent and its light.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub role: Role,
    pub percent: Percent,
    pub assessment: Assessment,
}

/// One task row as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskItem {
    pub row: TaskRow,
    pub completion: Option<f64>,
    pub assessment: Option<Assessment>,
    /// In a department's list: that department's share.
    pub share: Option<Share>,
    /// The task's last closing step (办结销号), read with the rows; `None`: never applied for.
    pub closing: Option<crate::store::ClosingEntry>,
    /// Its extensions (延期申请), read with the rows: 已延期, a request waiting.
    pub extension: crate::store::ExtensionMark,
    /// Its live 督办单 (waiting for a reply or for review), read with the rows, newest first:
    /// the row's mark and what `F` answers.
    pub notices: Vec<crate::store::Notice>,
    /// The row's mark of them: the most pressing level, and whether one is overdue.
    pub notice: Option<crate::store::NoticeMark>,
}

impl TaskItem {
    pub fn new(
        row: TaskRow,
        department: Option<i64>,
        today: NaiveDate,
        t: &Thresholds,
        book: &crate::domain::MilestoneBook,
    ) -> Self {
        let units: Vec<(Role, Percent)> = row.units.iter().map(|u| (u.role, u.percent)).collect();
        let completion = crate::domain::task_completion(&units);
        let assessment =
            completion.map(|c| book.assess(row.id, None, floor_percent(c), row.schedule, today, t));
        let share = department.and_then(|d| {
            row.units
                .iter()
                .find(|u| u.department_id == d)
                .map(|u| Share {
                    role: u.role,
                    percent: u.percent,
                    assessment: book.assess(
                        row.id,
                        Some(u.role),
                        u.percent,
                        row.schedule,
                        today,
                        t,
                    ),
                })
        });
        TaskItem {
            row,
            completion,
            assessment,
            share,
            closing: None,
            extension: Default::default(),
            notices: Vec::new(),
            notice: None,
        }
    }

    /// Where the task stands in closing: 待审核, 已办结, 已退回, or open.
    pub fn closing_state(&self) -> crate::domain::Closing {
        crate::domain::Closing::after(self.closing.as_ref().map(|c| c.step))
    }

    /// The light the row shows: the department's own in its list, else the task's.
    pub fn light(&self) -> Option<Light> {
        self.share
            .map(|s| s.assessment.light)
            .or(self.assessment.map(|a| a.light))
    }
}

/// A task at 99.5% is not done: completion rounds down.
pub fn floor_percent(c: f64) -> Percent {
    Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO)
}

/// The groups of the deadlines view, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    Overdue,
    ThisMonth,
    NextMonth,
    Later,
    Done,
}

impl Bucket {
    pub fn of(key: &TaskKey, today: NaiveDate) -> Bucket {
        let done = key.completion.is_some_and(|c| c >= 100.0);
        let d = key.schedule.deadline;
        let month = |date: NaiveDate| date.year() * 12 + date.month0() as i32;
        if done {
            Bucket::Done
        } else if d < today {
            Bucket::Overdue
        } else if month(d) == month(today) {
            Bucket::ThisMonth
        } else if month(d) == month(today) + 1 {
            Bucket::NextMonth
        } else {
            Bucket::Later
        }
    }
}

/// A heading inside a task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Section(Option<i64>),
    Bucket(Bucket),
    /// View 7 grouped by lead unit: the department (`None`: no unit).
    Unit(Option<i64>),
}

/// A line of a grouped list: a heading, or the task at this index of `TaskList::keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Group(Group),
    Task(usize),
}

/// The tasks or deadlines view: keys for every task shown, text only for the rows on screen.
#[derive(Debug, Clone, Default)]
pub struct TaskList {
    /// Matching tasks as the store returned them (plan order), before the light filter.
    pub all: Vec<TaskKey>,
    /// The keys shown, in display order.
    pub keys: Vec<TaskKey>,
    pub entries: Vec<Entry>,
    /// Index into `entries` of the selected task line.
    pub selected: usize,
    /// First entry on screen.
    pub offset: usize,
    /// Text of the rows on screen, by task id.
    pub rows: HashMap<i64, TaskItem>,
    pub loaded: bool,
}

impl TaskList {
    pub fn selected_task(&self) -> Option<i64> {
        match self.entries.get(self.selected) {
            Some(Entry::Task(i)) => self.keys.get(*i).map(|k| k.id),
            _ => None,
        }
    }
}

/// The departments view: the list of departments and the selected one's tasks.
#[derive(Debug, Clone, Default)]
pub struct DeptPane {
    pub items: Vec<DeptItem>,
    /// Indices into `items` that pass the filter, in display order.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub loaded: bool,
}

impl DeptPane {
    pub fn selected_item(&self) -> Option<&DeptItem> {
        self.shown.get(self.selected).map(|&i| &self.items[i])
    }
}

#[derive(Debug, Clone, Default)]
pub struct DeptTasks {
    /// Whose tasks these are.
    pub department: Option<i64>,
    pub items: Vec<TaskItem>,
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub loaded: bool,
}

impl DeptTasks {
    pub fn selected_item(&self) -> Option<&TaskItem> {
        self.shown.get(self.selected).map(|&i| &self.items[i])
    }
}

/// The task detail: what the store said, which unit's history is shown, how far it is scrolled.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub task: Option<i64>,
    pub data: Option<TaskDetail>,
    /// Index into `data.units` of the unit whose history is shown.
    pub unit: usize,
    pub history: Vec<ProgressEntry>,
    pub scroll: u16,
}

/// Counts of the header line, over every task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub tasks: usize,
    pub done: usize,
    pub red: usize,
    pub yellow: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub alert: bool,
    pub until: Option<Instant>,
}

/// A save made in this session, which `u` can take back.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub entry_id: i64,
    /// "(一)3 区经信局", for the notice.
    pub label: String,
}

/// How many lines each list has on screen; set from the terminal size by `ui::layout`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    pub width: u16,
    pub height: u16,
    pub dept_rows: usize,
    pub dept_task_rows: usize,
    pub list_rows: usize,
    /// Room for the detail beside or below the list.
    pub wide: bool,
}

impl Viewport {
    /// The screen shows only "too small": no key but quit may act on what it hides.
    pub fn too_small(&self) -> bool {
        // Before the first resize the size is unknown (0 x 0): not "too small".
        self.width > 0
            && crate::tui::ui::layout::too_small(ratatui::layout::Rect::new(
                0,
                0,
                self.width,
                self.height,
            ))
    }
}

#[derive(Debug, Clone)]
pub struct State {
    pub session: Session,
    pub plan_title: String,
    pub thresholds: Thresholds,
    /// Every task's milestones (节点), read with the overview: they judge the lights.
    pub milestones: std::sync::Arc<crate::domain::MilestoneBook>,
    pub sections: HashMap<i64, String>,
    pub summary: Summary,
    pub view: View,
    pub pane: Pane,
    pub mode: Mode,
    pub sort: DeptSort,
    /// The filter text of each list: departments, a department's tasks, tasks, deadlines, the
    /// wall chart.
    pub filters: [String; 5],
    pub only_alert: bool,
    pub only_mine: bool,
    pub depts: DeptPane,
    pub dept_tasks: DeptTasks,
    pub tasks: TaskList,
    pub deadlines: TaskList,
    /// View 7, the wall chart: its task list, zoom, window and milestones.
    pub wall: super::wall::model::Wall,
    pub detail: Detail,
    pub notice: Option<Notice>,
    pub viewport: Viewport,
    pub help_scroll: u16,
    pub form: Option<ProgressForm>,
    /// Where closing the form goes back to (the list or the detail).
    pub form_return: Mode,
    /// Text this session left as a draft when its form closed, by (task, department): to tell
    /// its own draft from another session's when the form reopens (`super::draft`).
    pub drafts: HashMap<(i64, i64), super::draft::model::LeftDraft>,
    /// This session's saves, newest last.
    pub undo: Vec<UndoEntry>,
    /// This session's saves taken back with `u`, and those that no longer could be (someone
    /// reported after them): so that `u` with none left says what became of them.
    pub undone: usize,
    pub undo_lost: usize,
    pub editor: Option<TaskEditor>,
    pub question: Option<Question>,
    /// Where answering the question goes back to.
    pub ask_return: Mode,
    /// Where a closing prompt (`super::closing`) goes back to: the list or the detail.
    pub prompt_back: Mode,
    /// The review queue (`I`): closing applications and other steps waiting on someone.
    pub queue: super::queue::model::Queue,
    /// A task the queue's Enter goes to once view 2's list is read (`lists::goto_pending`).
    pub goto_task: Option<i64>,
    pub people: People,
    pub report: super::report_view::model::ReportScreen,
    /// Per department, its assignments with no report yet in the current reporting period.
    pub unreported: HashMap<i64, u32>,
    /// `unreported` has been read once this session.
    pub unreported_loaded: bool,
    pub indicators: super::indicator_view::model::IndicatorScreen,
    /// An indicator's figure being entered (view 6).
    pub figure: Option<super::figure::model::FigureEntry>,
    pub prompt: Option<Prompt>,
    pub import: Option<ImportPreview>,
    /// Reads still being computed off the UI thread: what is shown meanwhile is marked.
    pub loading: Vec<Load>,
    /// Task rows marked with Space for batch entry (task ids), kept across views and reloads.
    pub marks: std::collections::BTreeSet<i64>,
    /// The batch form over the marked rows (`super::batch`).
    pub batch: Option<super::batch::model::BatchForm>,
    /// The (task, department) pairs with an unsaved draft of this login: a `✎` on their rows.
    pub drafted: std::collections::HashSet<(i64, i64)>,
    /// The file's plans, in id order (the switcher's list after its "all plans" row).
    pub plans: Vec<PlanItem>,
    /// The plan shown; `None`: every plan.
    pub plan: Option<i64>,
    /// The switcher's cursor: 0 is "all plans", `i + 1` is `plans[i]`.
    pub plan_pick: usize,
    /// The department this login had selected when it last left this file, to select on the
    /// first list (admins and viewers).
    pub restore_department: Option<i64>,
    /// The terminal reports the wheel and clicks (`super::mouse`); off at start.
    pub mouse: bool,
    /// A key project's figure or a milestone reached being entered (`super::project_entry`).
    pub project_entry: Option<super::project_entry::model::ProjectEntry>,
    /// Where closing that form goes back to (the list or the detail).
    pub project_return: Mode,
    pub quit: bool,
    /// Something visible changed since the last draw.
    pub dirty: bool,
}

impl State {
    pub fn new(session: Session) -> State {
        State {
            session,
            plan_title: String::new(),
            thresholds: Thresholds::default(),
            milestones: Default::default(),
            sections: HashMap::new(),
            summary: Summary::default(),
            view: View::Departments,
            pane: Pane::Departments,
            mode: Mode::Normal,
            sort: DeptSort::WorstFirst,
            filters: Default::default(),
            only_alert: false,
            only_mine: false,
            depts: DeptPane::default(),
            dept_tasks: DeptTasks::default(),
            tasks: TaskList::default(),
            deadlines: TaskList::default(),
            wall: Default::default(),
            detail: Detail::default(),
            notice: None,
            viewport: Viewport::default(),
            help_scroll: 0,
            form: None,
            form_return: Mode::Normal,
            drafts: HashMap::new(),
            undo: Vec::new(),
            undone: 0,
            undo_lost: 0,
            editor: None,
            question: None,
            ask_return: Mode::Normal,
            prompt_back: Mode::Normal,
            queue: Default::default(),
            goto_task: None,
            people: People::default(),
            report: Default::default(),
            unreported: HashMap::new(),
            unreported_loaded: false,
            indicators: Default::default(),
            figure: None,
            prompt: None,
            import: None,
            loading: Vec::new(),
            marks: Default::default(),
            batch: None,
            drafted: Default::default(),
            plans: Vec::new(),
            plan: None,
            plan_pick: 0,
            restore_department: None,
            mouse: false,
            project_entry: None,
            project_return: Mode::Normal,
            quit: false,
            dirty: true,
        }
    }

    /// Which of `filters` the focused list uses.
    pub fn filter_slot(&self) -> usize {
        match (self.view, self.pane) {
            (View::Departments, Pane::Departments) => 0,
            (View::Departments, Pane::Tasks) => 1,
            (View::Tasks, _) => 2,
            (View::Deadlines, _) => 3,
            (View::Wall, _) => 4,
            // View 4 has no filter; the slot is never typed into.
            (View::People | View::Report | View::Indicators, _) => 0,
        }
    }

    pub fn filter(&self) -> &str {
        &self.filters[self.filter_slot()]
    }

    pub fn list(&self) -> Option<&TaskList> {
        match self.view {
            View::Tasks => Some(&self.tasks),
            View::Deadlines => Some(&self.deadlines),
            View::Wall => Some(&self.wall.list),
            View::Departments | View::People | View::Report | View::Indicators => None,
        }
    }

    pub fn list_mut(&mut self) -> Option<&mut TaskList> {
        match self.view {
            View::Tasks => Some(&mut self.tasks),
            View::Deadlines => Some(&mut self.deadlines),
            View::Wall => Some(&mut self.wall.list),
            View::Departments | View::People | View::Report | View::Indicators => None,
        }
    }

    /// The task the cursor is on in the current view.
    pub fn selected_task(&self) -> Option<i64> {
        match self.view {
            View::Departments => self.dept_tasks.selected_item().map(|t| t.row.id),
            View::Tasks | View::Deadlines | View::Wall => {
                self.list().and_then(TaskList::selected_task)
            }
            View::People | View::Report | View::Indicators => None,
        }
    }

    /// The department whose part of the selected task matters (for the history shown).
    pub fn selected_department(&self) -> Option<i64> {
        match self.view {
            View::Departments => self.depts.selected_item().map(|d| d.id),
            // In the task lists the clerk's own unit (when it is one of the task's), so that
            // the detail, and `e` from it, start where they report.
            _ => self.session.department,
        }
    }

    /// The person at the keyboard, for asking the permission rules before a form opens (the
    /// store asks them again when it writes).
    pub fn actor(&self) -> crate::domain::Actor {
        crate::domain::Actor {
            username: self.session.user.clone(),
            role: self.session.role,
            department: self.session.department,
        }
    }

    /// A message in the footer until the next key.
    pub fn say(&mut self, text: String, alert: bool) {
        self.notice = Some(Notice {
            text,
            alert,
            until: None,
        });
    }

    /// True for an admin; anyone else is told why, before typing anything.
    pub fn may_administer(&mut self) -> bool {
        match self.actor().may_administer() {
            Ok(()) => true,
            Err(why) => {
                let text = self.session.denied(why);
                self.say(text, true);
                false
            }
        }
    }

    /// Whether this login has an unsaved draft on any unit of `task` (the row's `✎`).
    pub fn has_draft(&self, task: i64) -> bool {
        self.drafted.iter().any(|(t, _)| *t == task)
    }

    /// The short label of plan `plan_id` where rows of several plans are shown together (all
    /// plans of a file with more than one); `None` where there is no doubt which plan a task
    /// number belongs to.
    pub fn plan_label(&self, plan_id: i64) -> Option<String> {
        if self.plan.is_some() || self.plans.len() < 2 {
            return None;
        }
        self.plans
            .iter()
            .position(|p| p.id == plan_id)
            .map(plan_short)
    }

    /// How wide the plan labels of this screen are (0 when none is shown).
    pub fn plan_label_width(&self) -> usize {
        if self.plan.is_some() || self.plans.len() < 2 {
            return 0;
        }
        crate::report::text::width(&plan_short(self.plans.len() - 1))
    }

    /// Whether the detail is on screen (beside the list, or over it).
    pub fn detail_visible(&self) -> bool {
        // The wall chart gives the whole width to its time axis: the detail only on Enter.
        self.mode == Mode::Detail || (self.viewport.wide && self.view != View::Wall)
    }
}
