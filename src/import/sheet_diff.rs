//! A read sheet against the database's tasks -> the changes it asks for (`ChangeSet`), or every
//! cell that cannot be taken (`CellError`s). Plain data in, plain data out: the CLI reads the
//! tasks through the store, the store applies the result.
//!
//! Rows are matched to tasks by plan and 序号, then by title; a row that matches none is a new
//! task. Only the columns a sheet has are compared, so a sheet of 序号, 任务 and 完成率 changes
//! percents only. A cell reads literally: an emptied 完成时限 is the plan's end, an emptied 配合单位
//! takes the co-units off (the store refuses that for a unit with reports). An empty 完成率 is "no
//! new figure", never 0. What a row shows and compares is `SheetTask::shown`: the task's completion
//! and its leads' newest note, or with a 填报单位 that unit's own.
//!
//! What a row was based on decides whether it may be applied (the sheet-stamp rule):
//! - a sheet duban exported ends every row with 基于版本, the newest report the row showed
//!   (`SheetTask::basis`). A row that changes a percent or note while that stamp is not the newest
//!   report any more was filled in over an older state: refused, and nothing is saved (export a
//!   fresh sheet). The title row's export time is checked too, for sheets exported before the
//!   stamp existed, and it is the only guard of unit and deadline edits;
//! - a sheet without either (an office's own) is read only with the day it reflects
//!   (`--sheet-date`, the CLI insists): a row whose task has a report or an edit after the end of
//!   that day is held back and listed, never applied, and the other rows are. An office has no
//!   fresh sheet to export, so refusing the whole file would only make it retyped.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::sheet::{Table, Value, Workbook};
use super::sheet_cells::{note_text, sheet_percent, sheet_stamp, title_key};
use super::sheet_changes::*;
use super::sheet_index::KeyIndex;
use super::units::{normalise, parse_note, split_depth0};
use crate::domain::sheet::{Column, SheetTask, SheetUnit, sheet_name};
use crate::domain::{
    Deadline, DeadlineKind, DepartmentName, Percent, ReportNote, Role, normalise_number, similar,
};

/// A plan as the sheet names it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    pub id: i64,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The day an unstamped sheet reflects (`--sheet-date`) and the instant its end is, UTC: reports
/// and edits at or after `end` are newer than the sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetDate {
    pub day: NaiveDate,
    pub end: DateTime<Utc>,
}

/// What the database holds, for the comparison. The tasks are matched by their keys alone; a
/// task's whole (`SheetTask`) is asked of a `TaskSource` only when a row names it, so that the
/// comparison never holds every task at once.
pub struct Current<'a> {
    pub plans: &'a [PlanInfo],
    pub departments: &'a [DepartmentName],
    pub tasks: &'a TaskKeys,
}

/// Every current task's id, plan, 序号 and title, in plan order (the order the export writes and
/// `TaskSource` gives): what rows are matched by. The 序号 and title are kept as compared
/// (`normalise_number`, `title_key`), end to end in one string: some 100 bytes a task.
#[derive(Debug, Default)]
pub struct TaskKeys {
    ids: Vec<i64>,
    plans: Vec<i64>,
    text: String,
    /// Where task i's 序号 key and its title key end in `text`.
    ends: Vec<(usize, usize)>,
}

impl TaskKeys {
    pub fn with_capacity(tasks: usize) -> TaskKeys {
        TaskKeys {
            ids: Vec::with_capacity(tasks),
            plans: Vec::with_capacity(tasks),
            text: String::new(),
            ends: Vec::with_capacity(tasks),
        }
    }

    /// Adds the next task in plan order.
    pub fn push(&mut self, id: i64, plan_id: i64, number: &str, title: &str) {
        self.ids.push(id);
        self.plans.push(plan_id);
        self.text.push_str(&normalise_number(number));
        let number_end = self.text.len();
        self.text
            .extend(title.chars().filter(|c| !c.is_whitespace()));
        self.ends.push((number_end, self.text.len()));
    }

    /// Sizes the text to what it holds, once every task is in.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Task i's id.
    pub fn id(&self, i: usize) -> i64 {
        self.ids[i]
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1].1 }
    }

    /// Task i's plan and 序号 as compared (`normalise_number`).
    fn number(&self, i: usize) -> (i64, &str) {
        (self.plans[i], &self.text[self.start(i)..self.ends[i].0])
    }

    /// Task i's plan and title as compared (`title_key`).
    fn title(&self, i: usize) -> (i64, &str) {
        (self.plans[i], &self.text[self.ends[i].0..self.ends[i].1])
    }
}

/// The whole tasks, by their place in `TaskKeys`. Asked mostly in rising order (a sheet's rows
/// are in plan order unless someone sorted them), so a source may stream them. `None`: the
/// source failed; it keeps the reason, and the caller asks it after `diff`.
pub trait TaskSource {
    fn task(&mut self, i: usize) -> Option<Rc<SheetTask>>;

    /// Told each report as it joins the change set, in the change set's order (a caller may
    /// start writing them before the comparison ends). By default nothing.
    fn report(&mut self, _report: &Report) {}
}

/// Compares every table of `book` with `now`. `today` picks the year a deadline without one
/// ("6月底前") is read in, as the task editor does: this year, within the plan's years.
/// `sheet_date`: the day the sheet reflects, when the user gave it.
pub fn diff(
    book: Workbook,
    now: &Current<'_>,
    tasks: &mut dyn TaskSource,
    today: NaiveDate,
    sheet_date: Option<SheetDate>,
) -> Result<ChangeSet, Vec<CellError>> {
    let mut d = Differ::new(now, tasks, today);
    d.sheet_date = sheet_date.map(|s| (s, iso(s.end)));
    d.changes.skipped_sheets = book.skipped;
    // Each row is dropped once compared: the change set grows into the room the sheet leaves.
    for mut table in book.tables {
        d.changes.sheets.push(table.name.clone());
        d.table(&mut table);
    }
    if d.errors.is_empty() {
        Ok(d.changes)
    } else {
        Err(d.errors)
    }
}

struct Differ<'a, 's> {
    now: &'a Current<'a>,
    tasks: &'s mut dyn TaskSource,
    today: NaiveDate,
    /// `--sheet-date`, and its end as stored instants are written.
    sheet_date: Option<(SheetDate, String)>,
    /// Name, alias, and their normalised forms -> department id.
    names: HashMap<String, i64>,
    dept_name: HashMap<i64, &'a str>,
    by_number: KeyIndex,
    by_title: KeyIndex,
    /// (task, 填报单位) already taken by a row, with that row's number.
    seen: HashMap<(i64, Option<i64>), usize>,
    /// (plan, title) of new tasks, with their row.
    new_seen: HashMap<(i64, String), usize>,
    /// Assignments a report goes to, and tasks edited, with the row that does it: two rows may
    /// not write one thing (the second would be refused as stale by the store, confusingly).
    reported: HashMap<(TaskOf, i64), usize>,
    edited: HashMap<i64, usize>,
    changes: ChangeSet,
    errors: Vec<CellError>,
}

/// A row's cells, read.
struct RowCells {
    number: String,
    title: String,
    units: Option<UnitCells>,
    deadline: Option<String>,
    percent: Option<f64>,
    /// The three note parts, `None` for a column the sheet lacks.
    parts: [Option<String>; 3],
    reporter: Option<(i64, String)>,
    /// 基于版本: `None` when the sheet has no such column, `Some(None)` for an empty cell.
    stamp: Option<Option<i64>>,
}

/// What an existing task's row is checked against before it may write.
struct Basis {
    /// The title row's export time, as stored instants are written.
    exported_at: Option<String>,
}

/// The units columns present in a sheet: each `None` when the sheet lacks it.
struct UnitCells {
    lead: Option<Vec<UnitChoice>>,
    co: Option<Vec<UnitChoice>>,
    /// 责任单位 (with `*` leads), used when there is no 牵头/配合 column.
    all: Option<Vec<UnitChoice>>,
}

const NOTE_COLUMNS: [Column; 3] = [Column::Progress, Column::Problems, Column::Next];

impl<'a, 's> Differ<'a, 's> {
    fn new(now: &'a Current<'a>, tasks: &'s mut dyn TaskSource, today: NaiveDate) -> Self {
        let mut names = HashMap::new();
        let mut dept_name = HashMap::new();
        for d in now.departments {
            dept_name.insert(d.id, d.name.as_str());
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                names.entry(n.trim().to_string()).or_insert(d.id);
            }
        }
        // Normalised forms after the exact ones: an exact name always wins.
        for d in now.departments {
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                if let Some(norm) = normalise(n) {
                    names.entry(norm).or_insert(d.id);
                }
            }
        }
        let keys = now.tasks;
        let by_number = KeyIndex::new(keys.len(), |i| keys.number(i));
        let by_title = KeyIndex::new(keys.len(), |i| keys.title(i));
        Differ {
            now,
            tasks,
            today,
            sheet_date: None,
            names,
            dept_name,
            by_number,
            by_title,
            seen: HashMap::new(),
            new_seen: HashMap::new(),
            reported: HashMap::new(),
            edited: HashMap::new(),
            changes: ChangeSet::default(),
            errors: Vec::new(),
        }
    }

    fn refuse(&mut self, at: Cell, problem: Problem) {
        self.errors.push(CellError { at, problem });
    }

    fn cell(table: &Table, row: usize, column: Column) -> Cell {
        Cell {
            sheet: table.name.clone(),
            row,
            column: table.index(column).map(|i| (column, i)),
        }
    }

    fn table(&mut self, table: &mut Table) {
        let sheet_plan = self.sheet_plan(table);
        if sheet_plan.is_none() && !table.has(Column::Plan) {
            let row = table.rows.first().map_or(1, |r| r.number);
            self.refuse(
                Cell {
                    sheet: table.name.clone(),
                    row,
                    column: None,
                },
                Problem::WhichPlan,
            );
            return;
        }
        let rows = std::mem::take(&mut table.rows);
        let table = &*table;
        // The section a new row joins: that of the task in the row above.
        let mut section: HashMap<i64, Option<i64>> = HashMap::new();
        for row in rows {
            let value = |c: Column| table.slot(c).map(|s| &row.values[s]);
            let plan = match value(Column::Plan).filter(|v| !v.is_empty()) {
                Some(v) => match self.plan_named(&v.text()) {
                    Some(p) => Some(p),
                    None => {
                        self.refuse(
                            Self::cell(table, row.number, Column::Plan),
                            Problem::UnknownPlan(v.text()),
                        );
                        continue;
                    }
                },
                None => sheet_plan,
            };
            let Some(cells) = self.read_row(table, row.number, &value) else {
                continue;
            };
            if cells.title.is_empty() {
                // A note under the table ("注:…" in the first column) or a row with only a
                // remark is not a task; anything else without a title is refused.
                let data = [
                    Column::Lead,
                    Column::Co,
                    Column::Units,
                    Column::Deadline,
                    Column::Percent,
                    Column::Progress,
                    Column::Problems,
                    Column::Next,
                ]
                .into_iter()
                .any(|c| value(c).is_some_and(|v| !v.is_empty()));
                if data {
                    self.refuse(
                        Self::cell(table, row.number, Column::Task),
                        Problem::NoTitle,
                    );
                }
                continue;
            }
            let Some(plan) = plan else {
                self.refuse(
                    Self::cell(table, row.number, Column::Plan),
                    Problem::WhichPlan,
                );
                continue;
            };
            match self.find_task(table, row.number, plan, &cells) {
                Err(()) => {}
                Ok(Some(task)) => {
                    section.insert(plan.id, task.section_id);
                    self.existing(table, row.number, plan, &task, &cells);
                }
                // An office's own sheet often heads each part with a row of its own
                // ("一、实施数字赋能行动"): not a task to add.
                Ok(None) if is_heading_row(&cells) => {}
                Ok(None) => {
                    let s = section.get(&plan.id).copied().flatten();
                    self.new_task(table, row.number, plan, s, &cells);
                }
            }
        }
    }

    /// The plan a sheet is for: named in its title row, else by its sheet name, else the only
    /// plan there is.
    fn sheet_plan(&self, table: &Table) -> Option<&'a PlanInfo> {
        let plans = self.now.plans;
        if let Some(p) = table
            .title
            .iter()
            .find_map(|t| plans.iter().find(|p| p.title.trim() == t.trim()))
        {
            return Some(p);
        }
        let by_name: Vec<&PlanInfo> = plans
            .iter()
            .filter(|p| {
                let name = sheet_name(&p.title, &[]);
                name == table.name
                    || (table.name.chars().count() >= 4 && p.title.starts_with(&table.name))
            })
            .collect();
        if let [one] = by_name.as_slice() {
            return Some(one);
        }
        match plans {
            [one] => Some(one),
            _ => None,
        }
    }

    fn plan_named(&self, text: &str) -> Option<&'a PlanInfo> {
        let t = text.trim();
        self.now
            .plans
            .iter()
            .find(|p| p.title.trim() == t)
            .or_else(|| {
                let hits: Vec<&PlanInfo> = self
                    .now
                    .plans
                    .iter()
                    .filter(|p| sheet_name(&p.title, &[]) == t)
                    .collect();
                (hits.len() == 1).then(|| hits[0])
            })
    }

    /// Reads and checks a row's cells; `None` (with the errors recorded) when one is refused.
    fn read_row<'v>(
        &mut self,
        table: &Table,
        row: usize,
        value: &dyn Fn(Column) -> Option<&'v Value>,
    ) -> Option<RowCells> {
        let text = |c: Column| value(c).map(Value::text).unwrap_or_default();
        let mut ok = true;
        let mut units_of = |this: &mut Self, c: Column, all: bool| -> Option<Vec<UnitChoice>> {
            let v = value(c)?;
            match this.units(table, row, c, &v.text(), all) {
                Some(list) => Some(list),
                None => {
                    ok = false;
                    Some(Vec::new())
                }
            }
        };
        let lead = units_of(self, Column::Lead, false);
        let co = units_of(self, Column::Co, false);
        let all = units_of(self, Column::Units, true);
        let units = (lead.is_some() || co.is_some() || all.is_some()).then_some(UnitCells {
            lead,
            co,
            all,
        });
        let percent = match value(Column::Percent).map(sheet_percent) {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(p))) => Some(p),
            Some(Err(problem)) => {
                self.refuse(Self::cell(table, row, Column::Percent), problem);
                ok = false;
                None
            }
        };
        let reporter = match value(Column::Reporter).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => match self.department(&v.text()) {
                Some(id) => Some((id, self.dept_name[&id].to_string())),
                None => {
                    let problem = self.unknown(&v.text());
                    self.refuse(Self::cell(table, row, Column::Reporter), problem);
                    ok = false;
                    None
                }
            },
        };
        let stamp = match value(Column::Stamp).map(sheet_stamp) {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(problem)) => {
                self.refuse(Self::cell(table, row, Column::Stamp), problem);
                ok = false;
                None
            }
        };
        let parts = NOTE_COLUMNS.map(|c| value(c).map(|v| note_text(&v.text())));
        ok.then(|| RowCells {
            number: text(Column::Number),
            title: text(Column::Task),
            units,
            deadline: value(Column::Deadline).map(Value::text),
            percent,
            parts,
            reporter,
            stamp,
        })
    }

    fn department(&self, name: &str) -> Option<i64> {
        let t = name.trim();
        self.names
            .get(t)
            .or_else(|| normalise(t).and_then(|n| self.names.get(&n)))
            .copied()
    }

    fn unknown(&self, name: &str) -> Problem {
        Problem::UnknownDepartment {
            name: name.trim().to_string(),
            close: similar(name, self.now.departments)
                .into_iter()
                .map(|s| s.name)
                .collect(),
        }
    }

    /// The units a cell names. `all` (责任单位): `*` marks leads, else the first leads; otherwise
    /// the column's role. `None` when a name is unknown or repeated (recorded).
    fn units(
        &mut self,
        table: &Table,
        row: usize,
        column: Column,
        text: &str,
        all: bool,
    ) -> Option<Vec<UnitChoice>> {
        let at = Self::cell(table, row, column);
        let mut names: Vec<(String, Role)> = Vec::new();
        if all {
            for u in parse_note(text).units {
                names.push((u.name, u.role));
            }
        } else {
            let role = if column == Column::Lead {
                Role::Lead
            } else {
                Role::Co
            };
            for piece in split_depth0(text, &['、', ',', '，', ';', '；', '/', '\n']) {
                let piece = piece.trim().trim_start_matches(['*', '＊']).trim();
                if piece.is_empty() {
                    continue;
                }
                // "区经信局 区财政局": spaces part names only when the whole is no name.
                if self.department(piece).is_none() && piece.contains(char::is_whitespace) {
                    for p in piece.split_whitespace() {
                        names.push((p.to_string(), role));
                    }
                } else {
                    names.push((piece.to_string(), role));
                }
            }
        }
        let mut out: Vec<UnitChoice> = Vec::new();
        let mut ok = true;
        for (name, role) in names {
            match self.department(&name) {
                Some(id) if out.iter().any(|u| u.department_id == id) => {
                    self.refuse(
                        at.clone(),
                        Problem::DuplicateUnit(self.dept_name[&id].to_string()),
                    );
                    ok = false;
                }
                Some(id) => out.push(UnitChoice {
                    department_id: id,
                    name: self.dept_name[&id].to_string(),
                    role,
                }),
                None => {
                    let problem = self.unknown(&name);
                    self.refuse(at.clone(), problem);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// The task a row names: by 序号 in its plan (a title that names another task of the plan
    /// wins), else by title. `Ok(None)`: a new task. `Err`: refused (recorded), or the source
    /// failed (it says why).
    fn find_task(
        &mut self,
        table: &Table,
        row: usize,
        plan: &PlanInfo,
        cells: &RowCells,
    ) -> Result<Option<Rc<SheetTask>>, ()> {
        match self.find_index(table, row, plan, cells)? {
            None => Ok(None),
            Some(i) => self.tasks.task(i).map(Some).ok_or(()),
        }
    }

    /// `find_task`'s task as its place in the keys.
    fn find_index(
        &mut self,
        table: &Table,
        row: usize,
        plan: &PlanInfo,
        cells: &RowCells,
    ) -> Result<Option<usize>, ()> {
        let title = title_key(&cells.title);
        let keys = self.now.tasks;
        let by_title = self.by_title.get(plan.id, &title, |i| keys.title(i));
        let number = normalise_number(&cells.number);
        let hits = if number.is_empty() {
            Vec::new()
        } else {
            self.by_number.get(plan.id, &number, |i| keys.number(i))
        };
        if !hits.is_empty() {
            if let Some(&i) = hits.iter().find(|i| by_title.contains(i)) {
                return Ok(Some(i));
            }
            if let [one] = by_title.as_slice() {
                return Ok(Some(*one));
            }
            if let [i] = hits.as_slice() {
                let stored = self.tasks.task(*i).ok_or(())?;
                self.changes.titles_differ.push(TitleDiffers {
                    at: Self::cell(table, row, Column::Task),
                    number: stored.number.clone(),
                    stored: stored.title.clone(),
                    sheet: cells.title.clone(),
                });
                return Ok(Some(*i));
            }
            self.refuse(
                Self::cell(table, row, Column::Number),
                Problem::AmbiguousTask {
                    number: cells.number.clone(),
                    count: hits.len(),
                },
            );
            return Err(());
        }
        match by_title.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => {
                self.refuse(
                    Self::cell(table, row, Column::Task),
                    Problem::AmbiguousTask {
                        number: cells.title.clone(),
                        count: many.len(),
                    },
                );
                Err(())
            }
        }
    }

    /// The year a deadline without one is read in.
    fn year(&self, plan: &PlanInfo) -> i32 {
        let (from, to) = (plan.starts_on.year(), plan.ends_on.year());
        self.today.year().clamp(from, to.max(from))
    }

    /// A deadline cell read; `Err` (recorded) for words that name no date or plan phrase.
    fn deadline(
        &mut self,
        table: &Table,
        row: usize,
        plan: &PlanInfo,
        text: &str,
    ) -> Result<Option<Deadline>, ()> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let d = Deadline::parse(text, self.year(plan));
        if d.kind == DeadlineKind::Unknown {
            self.refuse(
                Self::cell(table, row, Column::Deadline),
                Problem::BadDeadline(text.trim().to_string()),
            );
            return Err(());
        }
        Ok(Some(d))
    }

    fn existing(
        &mut self,
        table: &Table,
        row: usize,
        plan: &PlanInfo,
        task: &SheetTask,
        cells: &RowCells,
    ) {
        let reporter = cells.reporter.as_ref().map(|r| r.0);
        if let Some(first_row) = self.seen.insert((task.id, reporter), row) {
            self.refuse(
                Self::cell(table, row, Column::Number),
                Problem::SameTaskTwice { first_row },
            );
            return;
        }
        let basis = Basis {
            exported_at: table.exported_at.map(iso),
        };
        let before: Vec<UnitChoice> = task
            .units
            .iter()
            .map(|u| UnitChoice {
                department_id: u.department_id,
                name: u.name.clone(),
                role: u.role,
            })
            .collect();
        let after = match &cells.units {
            None => before.clone(),
            Some(cells) => units_after(&before, cells),
        };
        let units_changed = as_set(&before) != as_set(&after);
        let deadline = match &cells.deadline {
            None => None,
            Some(text) if text.trim() == task.deadline_cell() => None,
            Some(text) => match self.deadline(table, row, plan, text) {
                Err(()) => return,
                // The same day in other words (2024-06-30 for 6月底前) keeps the plan's words.
                Ok(Some(d))
                    if d.kind == DeadlineKind::Date
                        && d.date.is_some()
                        && d.date == task.deadline =>
                {
                    None
                }
                Ok(parsed) => Some((task.deadline_cell(), parsed)),
            },
        };
        let edited = units_changed || deadline.is_some();
        if edited
            && let Some(stamp) = &basis.exported_at
            && task.updated_at > *stamp
        {
            self.refuse(
                Self::cell(table, row, Column::Task),
                Problem::EditedSinceExport {
                    at: task.updated_at.clone(),
                },
            );
            return;
        }
        if edited
            && let Some((_, end)) = &self.sheet_date
            && task.updated_at >= *end
        {
            self.hold_back(
                table,
                row,
                task,
                Newer::Edit {
                    at: task.updated_at.clone(),
                },
            );
            return;
        }
        let reports = self.reports(
            table,
            row,
            TaskOf::Existing(task.id),
            task,
            &after,
            cells,
            Some(&basis),
        );
        let Some(reports) = reports else { return };
        if edited && let Some(first_row) = self.edited.insert(task.id, row) {
            self.refuse(
                Self::cell(table, row, Column::Task),
                Problem::SameTaskTwice { first_row },
            );
            return;
        }
        if edited {
            self.changes.edits.push(TaskEdit {
                at: Self::cell(table, row, Column::Task),
                task_id: task.id,
                version: task.version,
                number: task.number.clone(),
                title: task.title.clone(),
                units_at: units_changed.then(|| units_cell(table, row, &before, &after)),
                deadline_at: deadline
                    .is_some()
                    .then(|| Self::cell(table, row, Column::Deadline)),
                units: units_changed.then_some((before, after)),
                deadline,
            });
        }
        if !edited && reports.is_empty() {
            self.changes.unchanged += 1;
        }
        self.add_reports(reports);
    }

    fn add_reports(&mut self, reports: Vec<Report>) {
        for r in &reports {
            self.tasks.report(r);
        }
        self.changes.reports.extend(reports);
    }

    /// The reports a row makes on a task whose units will be `after`. `None`: refused (recorded).
    #[allow(clippy::too_many_arguments)]
    fn reports(
        &mut self,
        table: &Table,
        row: usize,
        of: TaskOf,
        task: &SheetTask,
        after: &[UnitChoice],
        cells: &RowCells,
        basis: Option<&Basis>,
    ) -> Option<Vec<Report>> {
        let reporter = cells.reporter.as_ref().map(|r| r.0);
        let shown = task.shown(reporter);
        let stored = ReportNote::parse(shown.note);
        // An empty 完成率 is no new figure; a task with no unit shows none, which is 0. A CSV
        // writes a mean of several leads to two decimals (33.33%): within a hundredth is the same.
        let percent_changed = cells
            .percent
            .is_some_and(|p| (p - shown.percent.unwrap_or(0.0)).abs() > 0.01);
        let note_changed = cells
            .parts
            .iter()
            .zip(stored.parts())
            .any(|(sheet, stored)| sheet.as_ref().is_some_and(|s| *s != note_text(stored)));
        if !percent_changed && !note_changed {
            return Some(Vec::new());
        }
        let at_percent = Self::cell(table, row, Column::Percent);
        let at_row = if percent_changed {
            at_percent.clone()
        } else {
            let c = NOTE_COLUMNS
                .into_iter()
                .find(|c| table.has(*c))
                .unwrap_or(Column::Task);
            Self::cell(table, row, c)
        };
        let targets: Vec<&UnitChoice> = match &cells.reporter {
            Some((id, name)) => match after.iter().find(|u| u.department_id == *id) {
                Some(u) => vec![u],
                None => {
                    self.refuse(
                        Self::cell(table, row, Column::Reporter),
                        Problem::NotAUnit {
                            department: name.clone(),
                            units: after.iter().map(|u| u.name.clone()).collect(),
                        },
                    );
                    return None;
                }
            },
            None => {
                let leads: Vec<&UnitChoice> =
                    after.iter().filter(|u| u.role == Role::Lead).collect();
                if leads.is_empty() {
                    after.iter().collect()
                } else {
                    leads
                }
            }
        };
        if targets.is_empty() {
            self.refuse(at_row, Problem::NoUnitToReport);
            return None;
        }
        if basis.is_some() && !self.stamp_holds(table, row, &at_row, task, cells) {
            return None;
        }
        let note = ReportNote {
            progress: cells.parts[0].clone().unwrap_or_default(),
            problems: cells.parts[1].clone().unwrap_or_default(),
            next: cells.parts[2].clone().unwrap_or_default(),
        }
        .to_text();
        let mut out = Vec::new();
        for u in targets {
            if let Some(first_row) = self.reported.insert((of, u.department_id), row) {
                self.refuse(at_row.clone(), Problem::SameTaskTwice { first_row });
                return None;
            }
            let stored = task
                .units
                .iter()
                .find(|s| s.department_id == u.department_id);
            if let (Some(stamp), Some(s)) = (basis.and_then(|b| b.exported_at.as_deref()), stored)
                && let Some(last) = &s.last
                && last.at.as_str() > stamp
            {
                self.refuse(
                    at_row.clone(),
                    Problem::ReportedSinceExport {
                        department: u.name.clone(),
                        by: last.by.clone(),
                        at: last.at.clone(),
                    },
                );
                return None;
            }
            if basis.is_some()
                && let (Some((_, end)), Some(s)) = (&self.sheet_date, stored)
                && let Some(last) = &s.last
                && last.at >= *end
            {
                let newer = Newer::Report {
                    department: u.name.clone(),
                    percent: s.percent,
                    by: last.by.clone(),
                    at: last.at.clone(),
                };
                self.hold_back(table, row, task, newer);
                return None;
            }
            let before = match of {
                TaskOf::New(_) => None,
                TaskOf::Existing(_) => stored.map(|s| s.percent),
            };
            let percent = match cells.percent.filter(|_| percent_changed) {
                Some(p) => Percent::new(p.round() as i64).unwrap_or(Percent::FULL),
                None => before.unwrap_or(Percent::ZERO),
            };
            out.push(Report {
                at: at_row.clone(),
                task: of,
                number: task.number.clone(),
                title: task.title.clone(),
                department_id: u.department_id,
                department: u.name.clone(),
                before,
                percent,
                note: note.clone(),
                note_changed,
                expected_version: stored.map_or(0, |s| s.version),
            });
        }
        Some(out)
    }

    /// The row-stamp rule: a row of a stamped sheet that changes a percent or note must carry the
    /// basis the task still has. False (recorded) when it does not; a stale row is named at the
    /// cell the clerk changed (`at_row`), an empty stamp at its own.
    fn stamp_holds(
        &mut self,
        table: &Table,
        row: usize,
        at_row: &Cell,
        task: &SheetTask,
        cells: &RowCells,
    ) -> bool {
        let Some(stamp) = cells.stamp else {
            return true;
        };
        let Some(stamp) = stamp else {
            self.refuse(
                Self::cell(table, row, Column::Stamp),
                Problem::BadStamp(None),
            );
            return false;
        };
        let at = at_row.clone();
        let reporter = cells.reporter.as_ref().map(|r| r.0);
        let current = task.basis(reporter);
        if stamp == current {
            return true;
        }
        let unit = task.basis_unit(reporter);
        let last = unit.and_then(|u| u.last.as_ref());
        self.refuse(
            at,
            Problem::StaleRow(Box::new(StaleRow {
                number: task.number.clone(),
                title: task.title.clone(),
                stamp,
                current,
                department: unit.map(|u| u.name.clone()).unwrap_or_default(),
                percent: unit.map_or(Percent::ZERO, |u| u.percent),
                by: last.map(|l| l.by.clone()),
                at: last.map(|l| l.at.clone()),
            })),
        );
        false
    }

    fn hold_back(&mut self, table: &Table, row: usize, task: &SheetTask, newer: Newer) {
        let Some((date, _)) = &self.sheet_date else {
            return;
        };
        self.changes.held_back.push(HeldBack {
            day: date.day,
            at: Self::cell(table, row, Column::Task),
            number: task.number.clone(),
            title: task.title.clone(),
            newer,
        });
    }

    fn new_task(
        &mut self,
        table: &Table,
        row: usize,
        plan: &PlanInfo,
        section_id: Option<i64>,
        cells: &RowCells,
    ) {
        if let Some(first_row) = self
            .new_seen
            .insert((plan.id, title_key(&cells.title)), row)
        {
            self.refuse(
                Self::cell(table, row, Column::Task),
                Problem::SameTaskTwice { first_row },
            );
            return;
        }
        let units = match &cells.units {
            None => Vec::new(),
            Some(c) => units_after(&[], c),
        };
        let deadline = match &cells.deadline {
            None => None,
            Some(text) => match self.deadline(table, row, plan, text) {
                Err(()) => return,
                Ok(d) => d,
            },
        };
        // A new task shows 0% and no note for each unit: a report only when the row says more.
        let zero = SheetTask {
            id: 0,
            plan_id: plan.id,
            section_id,
            number: cells.number.clone(),
            title: cells.title.clone(),
            deadline: None,
            deadline_text: None,
            updated_at: String::new(),
            version: 0,
            units: units
                .iter()
                .map(|u| SheetUnit {
                    department_id: u.department_id,
                    name: u.name.clone(),
                    role: u.role,
                    percent: Percent::ZERO,
                    version: 0,
                    last: None,
                })
                .collect(),
        };
        let index = self.changes.new_tasks.len();
        let Some(reports) =
            self.reports(table, row, TaskOf::New(index), &zero, &units, cells, None)
        else {
            return;
        };
        self.changes.new_tasks.push(NewTask {
            at: Self::cell(table, row, Column::Task),
            plan_id: plan.id,
            section_id,
            number: cells.number.trim().to_string(),
            title: cells.title.trim().to_string(),
            deadline,
            units,
        });
        self.add_reports(reports);
    }
}

/// An instant as the database stores it (ISO UTC to the second), so that the two compare as text.
fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A row that names a part of the plan, not a task: numbered 一 / 一、 / (一) (or with that number
/// at the start of its text), and nothing else in it.
fn is_heading_row(cells: &RowCells) -> bool {
    let numeral = |s: &str| {
        let s = normalise_number(s);
        let s = s.trim_end_matches(['、', '.', '．']);
        let inner = s
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(s);
        !inner.is_empty() && inner.chars().all(|c| "一二三四五六七八九十".contains(c))
    };
    let numbered = if cells.number.trim().is_empty() {
        let t = normalise_number(&cells.title);
        t.split_once('、').is_some_and(|(n, _)| numeral(n))
            || (t.starts_with('(')
                && t.split_once(')')
                    .is_some_and(|(n, _)| numeral(&format!("{n})"))))
    } else {
        numeral(&cells.number)
    };
    let empty = cells.units.as_ref().is_none_or(|u| {
        [&u.lead, &u.co, &u.all]
            .iter()
            .all(|l| l.as_ref().is_none_or(Vec::is_empty))
    }) && cells
        .deadline
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
        && cells.percent.is_none()
        && cells
            .parts
            .iter()
            .all(|p| p.as_deref().is_none_or(str::is_empty));
    numbered && empty
}

/// The units after a row's cells: a column the sheet lacks keeps what the task has.
fn units_after(before: &[UnitChoice], cells: &UnitCells) -> Vec<UnitChoice> {
    let keep = |role: Role| -> Vec<UnitChoice> {
        before.iter().filter(|u| u.role == role).cloned().collect()
    };
    let (leads, cos) = match (&cells.lead, &cells.co, &cells.all) {
        (None, None, Some(all)) => return all.clone(),
        (lead, co, _) => (
            lead.clone().unwrap_or_else(|| keep(Role::Lead)),
            co.clone().unwrap_or_else(|| keep(Role::Co)),
        ),
    };
    let mut out = leads;
    for c in cos {
        if !out.iter().any(|u| u.department_id == c.department_id) {
            out.push(c);
        }
    }
    out
}

/// The cell of a row whose units changed: 责任单位 when the sheet has one; else 配合单位 when a
/// co-unit was added, dropped or re-roled; else 牵头单位.
fn units_cell(table: &Table, row: usize, before: &[UnitChoice], after: &[UnitChoice]) -> Cell {
    let (b, a) = (as_set(before), as_set(after));
    let co_changed = b
        .symmetric_difference(&a)
        .any(|(_, role)| *role == Role::Co);
    let column = if table.has(Column::Units) {
        Column::Units
    } else if co_changed && table.has(Column::Co) {
        Column::Co
    } else {
        Column::Lead
    };
    Differ::cell(table, row, column)
}

fn as_set(units: &[UnitChoice]) -> HashSet<(i64, Role)> {
    units.iter().map(|u| (u.department_id, u.role)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: &str, title: &str) -> RowCells {
        RowCells {
            number: number.into(),
            title: title.into(),
            units: None,
            deadline: None,
            percent: None,
            parts: [None, None, None],
            reporter: None,
            stamp: None,
        }
    }

    #[test]
    fn part_headings_are_not_tasks() {
        assert!(is_heading_row(&row("一", "实施数字赋能行动")));
        assert!(is_heading_row(&row("（二）", "推进园区建设")));
        assert!(is_heading_row(&row("", "三、保障措施")));
        assert!(is_heading_row(&row("", "(四)强化要素支撑")));
        assert!(!is_heading_row(&row("3", "建设园区")));
        assert!(!is_heading_row(&row("", "建设园区")));
        let mut dated = row("一", "实施数字赋能行动");
        dated.deadline = Some("2024年底前".into());
        assert!(!is_heading_row(&dated));
    }
}
