//! `duban status`: one row per department, worst first, with a total line.

mod kept;

pub use kept::{Kept, KeptDrift, kept_drift};

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::parts::Split;
use super::text::{Align, Paint, csv_line, fit, paint, width};
use crate::domain::{
    AssignmentFact, DepartmentRollup, Light, MilestoneBook, Percent, Role, Schedule, Thresholds,
    task_completion,
};
use crate::i18n::{self, Lang};
use crate::store::rollup_cache::{RollupToKeep, TaskCounts, chunk_of};
use crate::store::{Db, Result, Scope};

#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    pub department_id: i64,
    pub department: String,
    pub rollup: DepartmentRollup,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    pub as_of: NaiveDate,
    /// Lights of whole tasks (each task's completion against its schedule); counted only for
    /// the full scope, where facts arrive task by task.
    pub task_lights: TaskLights,
    pub plans: Vec<String>,
    pub rows: Vec<StatusRow>,
    pub total: DepartmentRollup,
    pub tasks: u64,
    pub unassigned: u64,
    /// How many parts the facts were read in, side by side (1: one pass).
    pub read_in_parts: usize,
    /// Tasks pending review (待审核), closed (已办结) and sent back (办结销号).
    pub closing: crate::store::ClosingCounts,
    /// 督办单 waiting for a reply (and overdue) and under review, as of the day.
    pub notices: crate::store::NoticeCounts,
    /// Key projects' investment (issue 23); `None` for a file (or scope) without projects.
    pub investment: Option<super::investment::Investment>,
}

/// How many tasks are done, red and yellow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskLights {
    pub done: u64,
    pub red: u64,
    pub yellow: u64,
}

/// Collects one task's units as its facts stream by, and counts its light when the next task
/// begins.
#[derive(Default)]
pub(super) struct TaskTally {
    current: Option<(i64, Schedule)>,
    units: Vec<(Role, Percent)>,
    lights: TaskLights,
    /// Tasks seen, each with at least one unit.
    tasks: u64,
    /// The same counts by chunk of task ids (store::rollup_cache), in task order: what the file
    /// keeps of a whole read.
    chunks: Vec<(i64, TaskCounts)>,
}

impl TaskTally {
    fn add(
        &mut self,
        fact: &AssignmentFact,
        today: NaiveDate,
        t: &Thresholds,
        book: &MilestoneBook,
    ) {
        if self.current.map(|(id, _)| id) != Some(fact.task_id) {
            self.finish(today, t, book);
            self.current = Some((fact.task_id, fact.schedule));
        }
        self.units.push((fact.role, fact.percent));
    }

    /// Adds a finished tally of the tasks after these.
    fn absorb(&mut self, other: &TaskTally) {
        self.tasks += other.tasks;
        self.lights.done += other.lights.done;
        self.lights.red += other.lights.red;
        self.lights.yellow += other.lights.yellow;
        for &(chunk, counts) in &other.chunks {
            self.chunk_counts(chunk).absorb(&counts);
        }
    }

    /// The counts of `chunk`, the last one so far or a new one after it.
    fn chunk_counts(&mut self, chunk: i64) -> &mut TaskCounts {
        if self.chunks.last().is_none_or(|&(c, _)| c != chunk) {
            self.chunks.push((chunk, TaskCounts::default()));
        }
        let last = self.chunks.len() - 1;
        &mut self.chunks[last].1
    }

    fn finish(&mut self, today: NaiveDate, t: &Thresholds, book: &MilestoneBook) {
        let Some((task, schedule)) = self.current.take() else {
            return;
        };
        self.tasks += 1;
        let light = task_completion(&self.units).map(|c| {
            let p = Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO);
            book.assess(task, None, p, schedule, today, t).light
        });
        self.units.clear();
        let counts = self.chunk_counts(chunk_of(task));
        counts.tasks += 1;
        match light {
            Some(Light::Done) => {
                self.lights.done += 1;
                self.chunk_counts(chunk_of(task)).done += 1;
            }
            Some(Light::Red) => {
                self.lights.red += 1;
                self.chunk_counts(chunk_of(task)).red += 1;
            }
            Some(Light::Yellow) => {
                self.lights.yellow += 1;
                self.chunk_counts(chunk_of(task)).yellow += 1;
            }
            Some(Light::Green | Light::Notice) | None => {}
        }
    }

    /// A tally made of kept chunks' counts.
    pub(super) fn of_chunks(chunks: Vec<(i64, TaskCounts)>) -> TaskTally {
        let mut tally = TaskTally::default();
        for (_, c) in &chunks {
            tally.tasks += u64::from(c.tasks);
            tally.lights.done += u64::from(c.done);
            tally.lights.red += u64::from(c.red);
            tally.lights.yellow += u64::from(c.yellow);
        }
        tally.chunks = chunks;
        tally
    }
}

/// A department's row, looked up once per assignment (a quarter of a million times a status): a
/// table indexed by id, since SQLite's ids are small and dense; hashing was a tenth of the time.
enum RowOf {
    Dense(Vec<Option<u32>>),
    Sparse(HashMap<i64, usize>),
}

impl RowOf {
    fn new(ids: impl Iterator<Item = i64> + Clone) -> Self {
        let count = ids.clone().count();
        let max = ids.clone().max().unwrap_or(0);
        match usize::try_from(max) {
            Ok(max) if ids.clone().all(|id| id >= 0) && max <= 4 * count + 4096 => {
                let mut rows = vec![None; max + 1];
                for (i, id) in ids.enumerate() {
                    rows[id as usize] = u32::try_from(i).ok();
                }
                RowOf::Dense(rows)
            }
            _ => RowOf::Sparse(ids.enumerate().map(|(i, id)| (id, i)).collect()),
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        match self {
            RowOf::Dense(rows) => {
                let row = rows.get(usize::try_from(id).ok()?)?;
                row.map(|r| r as usize)
            }
            RowOf::Sparse(rows) => rows.get(&id).copied(),
        }
    }
}

/// What one pass over facts adds up: each department's rollup and the whole tasks' lights.
struct Sums {
    rollups: Vec<DepartmentRollup>,
    tally: TaskTally,
}

/// How facts are added up on `today`.
#[derive(Clone, Copy)]
struct Rolled<'a> {
    today: NaiveDate,
    thresholds: &'a Thresholds,
    index: &'a RowOf,
    departments: usize,
    /// The milestones as of the read: they judge their tasks' and lead units' lights.
    milestones: &'a MilestoneBook,
}

impl Rolled<'_> {
    fn empty(&self) -> Sums {
        Sums {
            rollups: vec![DepartmentRollup::default(); self.departments],
            tally: TaskTally::default(),
        }
    }

    fn add(&self, sums: &mut Sums, fact: &AssignmentFact, whole_plan: bool) {
        if let Some(i) = self.index.get(fact.department_id) {
            self.add_unit(&mut sums.rollups[i], fact);
        }
        if whole_plan {
            self.add_task_unit(&mut sums.tally, fact);
        }
    }

    /// A unit into its department's rollup, judged by its task's milestones.
    fn add_unit(&self, rollup: &mut DepartmentRollup, fact: &AssignmentFact) {
        let judged = self.milestones.assess(
            fact.task_id,
            Some(fact.role),
            fact.percent,
            fact.schedule,
            self.today,
            self.thresholds,
        );
        rollup.add_judged(fact, judged, self.today);
    }

    /// A unit into the tally of whole tasks (facts in task order).
    fn add_task_unit(&self, tally: &mut TaskTally, fact: &AssignmentFact) {
        tally.add(fact, self.today, self.thresholds, self.milestones);
    }

    fn finish(&self, tally: &mut TaskTally) {
        tally.finish(self.today, self.thresholds, self.milestones);
    }

    /// The whole plan read in parts side by side (`parts::in_parts`); `None`: read it in one
    /// pass instead.
    fn in_parts(&self, db: &Db, split: Split) -> Result<Option<Sums>> {
        let parts = super::parts::in_parts(db, split, |db, (first, last)| {
            let mut sums = self.empty();
            db.for_each_current_fact_between(first, last, |fact| self.add(&mut sums, &fact, true))?;
            self.finish(&mut sums.tally);
            Ok(sums)
        })?;
        Ok(parts.map(|parts| {
            let mut total = self.empty();
            for part in parts {
                for (into, from) in total.rollups.iter_mut().zip(&part.rollups) {
                    into.absorb(from);
                }
                total.tally.absorb(&part.tally);
            }
            total
        }))
    }
}

/// Rolls every assignment in `scope` up by department, on `today`: one streaming pass, or for
/// the whole plan of a big file, parts read side by side (`Rolled::in_parts`), or the parts of
/// it the file keeps for the day with those a write dropped read again (`kept`).
pub fn build(db: &Db, today: NaiveDate, scope: Scope) -> Result<StatusReport> {
    build_split(db, today, scope, Split::default())
}

/// `build`, saying when to read in parts (the tests compare both ways on a small file).
pub fn build_split(db: &Db, today: NaiveDate, scope: Scope, split: Split) -> Result<StatusReport> {
    Ok(build_kept(db, today, scope, split, Kept::Read)?.0)
}

/// `build`, with what it read that the file does not keep yet, for a writer to keep
/// (`Db::keep_rollup`; `None` when nothing new was read or a write came meanwhile).
pub fn build_keeping(
    db: &Db,
    today: NaiveDate,
    scope: Scope,
) -> Result<(StatusReport, Option<RollupToKeep>)> {
    build_kept(db, today, scope, Split::default(), Kept::Read)
}

/// `build` with `kept`: whether the parts the file keeps are read (`Kept::Ignore`: everything is
/// read from the assignments, as `duban check` does to compare).
pub fn build_kept(
    db: &Db,
    today: NaiveDate,
    scope: Scope,
    split: Split,
    kept: Kept,
) -> Result<(StatusReport, Option<RollupToKeep>)> {
    // Before the light rule, the departments and the milestones are read: parts read with them
    // are kept only if no other connection committed from here on (`kept::whole`).
    let before = db.data_version()?;
    // As of a day, the departments and the light rule as they stood then (one merged since is
    // still listed).
    let end = scope.as_of.map(crate::store::instant);
    let thresholds = db.thresholds_at(end.as_deref())?;
    let departments: Vec<_> = db
        .departments_at(end.as_deref())?
        .into_iter()
        .filter(|d| scope.department.is_none_or(|id| id == d.id))
        .collect();
    let index = RowOf::new(departments.iter().map(|d| d.id));
    let whole_plan = scope.department.is_none();
    let milestones = MilestoneBook::new(db.milestones(None, scope.as_of)?);
    let rolled = Rolled {
        today,
        thresholds: &thresholds,
        index: &index,
        departments: departments.len(),
        milestones: &milestones,
    };
    let (Sums { rollups, tally }, read_in_parts, keep) = match scope {
        Scope {
            department: None,
            as_of: None,
            plan: None,
        } => {
            let ids: Vec<i64> = departments.iter().map(|d| d.id).collect();
            let whole = kept::whole(db, &rolled, &ids, split, kept, before)?;
            (whole.sums, whole.read_in_parts, whole.keep)
        }
        _ => {
            let mut sums = rolled.empty();
            db.for_each_fact(scope, |fact| rolled.add(&mut sums, &fact, whole_plan))?;
            rolled.finish(&mut sums.tally);
            (sums, 1, None)
        }
    };
    let mut rows: Vec<StatusRow> = departments
        .into_iter()
        .zip(rollups)
        .map(|(d, rollup)| StatusRow {
            department_id: d.id,
            department: d.name,
            rollup,
        })
        // One plan's status lists the departments that have a part in it.
        .filter(|row| scope.plan.is_none() || row.rollup.led + row.rollup.co > 0)
        .collect();
    rows.sort_by(|a, b| {
        a.rollup
            .worst_first(&b.rollup)
            .then_with(|| a.department.cmp(&b.department))
    });
    let mut total = DepartmentRollup::default();
    for row in &rows {
        total.absorb(&row.rollup);
    }
    let (tasks, unassigned) = if whole_plan && scope.as_of.is_none() && scope.plan.is_none() {
        // The facts just streamed name every task with a unit; counting the tasks without one
        // in SQL would read the task table again.
        let tasks = db.task_count()?;
        (tasks, tasks.saturating_sub(tally.tasks))
    } else {
        db.task_counts(scope)?
    };
    let report = StatusReport {
        as_of: today,
        task_lights: tally.lights,
        plans: super::circular::plan_titles(db, scope.plan)?,
        rows,
        total,
        tasks,
        unassigned,
        read_in_parts,
        closing: db.closing_counts(scope.as_of, scope.department, scope.plan)?,
        notices: db.notice_counts(scope.as_of, today, scope.department, scope.plan)?,
        investment: super::investment::build(db, scope.as_of, today, scope.plan, scope.department)?,
    };
    Ok((report, keep))
}

fn percent_text(p: Option<f64>) -> String {
    p.map(|v| format!("{}%", crate::domain::shown_percent(v)))
        .unwrap_or_else(|| "—".into())
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "—".into())
}

/// The table for a terminal or a mail: aligned by display width, at most `max_width` columns
/// (department names are cut with … to fit), coloured only when `color`.
pub fn render_table(report: &StatusReport, lang: Lang, max_width: usize, color: bool) -> String {
    let l = i18n::labels(lang);
    let total_label = i18n::total_label(lang, report.rows.len());
    let cells = |name: &str, r: &DepartmentRollup| -> [String; 8] {
        [
            name.to_string(),
            r.led.to_string(),
            r.co.to_string(),
            r.done.to_string(),
            percent_text(r.avg_percent()),
            r.red.to_string(),
            r.yellow.to_string(),
            date_text(r.next_deadline),
        ]
    };
    let header = [
        l.department,
        l.led,
        l.co,
        l.done,
        l.avg,
        l.red,
        l.yellow,
        l.next_deadline,
    ]
    .map(String::from);
    let mut body: Vec<[String; 8]> = report
        .rows
        .iter()
        .map(|r| cells(&r.department, &r.rollup))
        .collect();
    let total = cells(&total_label, &report.total);
    body.push(total.clone());

    let mut widths = header.clone().map(|h| width(&h));
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    const GAP: &str = "  ";
    let fixed: usize = widths[1..].iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    widths[0] = widths[0].min(max_width.saturating_sub(fixed).max(8));
    let line_width = widths.iter().sum::<usize>() + GAP.len() * (widths.len() - 1);

    let format_row = |row: &[String; 8], paints: [Paint; 8]| -> String {
        let parts: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let align = if i == 0 { Align::Left } else { Align::Right };
                paint(&fit(cell, widths[i], align), paints[i], color)
            })
            .collect();
        let mut line = parts.join(GAP);
        line.push('\n');
        line
    };

    let mut out = String::new();
    out.push_str(&paint(
        &format!(
            "{}  {} {}",
            l.status_title,
            l.as_of,
            report.as_of.format("%Y-%m-%d")
        ),
        Paint::Bold,
        color,
    ));
    out.push('\n');
    for plan in &report.plans {
        out.push_str(&super::text::truncate(plan, max_width));
        out.push('\n');
    }
    out.push_str(&i18n::tasks_summary(lang, report.tasks, report.unassigned));
    if report.closing.any() {
        out.push_str(&i18n::closing::summary(lang, &report.closing));
    }
    // On a line of its own, only when the file has notices: the line above stays as it was.
    if report.notices.awaiting + report.notices.under_review > 0 {
        out.push('\n');
        out.push_str(&i18n::notice::summary(lang, &report.notices));
    }
    out.push_str("\n\n");
    out.push_str(&format_row(&header, [Paint::Bold; 8]));
    let (last, rows) = body.split_last().expect("the total row is always there");
    for row in rows {
        out.push_str(&format_row(row, row_paints(row)));
    }
    out.push_str(&paint(&"─".repeat(line_width), Paint::Dim, color));
    out.push('\n');
    let mut total_paints = row_paints(last);
    total_paints[0] = Paint::Bold;
    out.push_str(&format_row(last, total_paints));
    // Only in a file with key projects: the table above stays as it was.
    if let Some(inv) = &report.investment {
        out.push('\n');
        out.push_str(&super::investment_text::status_block(
            inv, lang, max_width, color,
        ));
    }
    out
}

/// Red and yellow counts are coloured only when they are not zero: the eye goes to what matters.
fn row_paints(row: &[String; 8]) -> [Paint; 8] {
    let mut p = [Paint::Plain; 8];
    if row[5] != "0" {
        p[5] = Paint::Red;
    }
    if row[6] != "0" {
        p[6] = Paint::Yellow;
    }
    p
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// The titles of the plans covered, in a file with several plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    plans: Option<&'a [String]>,
    as_of: String,
    departments: Vec<JsonRow<'a>>,
    total: JsonTotal,
    /// Key projects' investment (万元), only in a file with key projects.
    #[serde(skip_serializing_if = "Option::is_none")]
    investment: Option<super::investment_text::JsonInvestment<'a>>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    department: &'a str,
    led: u32,
    co: u32,
    done: u32,
    avg_percent: Option<f64>,
    red: u32,
    yellow: u32,
    next_deadline: Option<String>,
}

#[derive(Serialize)]
struct JsonTotal {
    departments: usize,
    tasks: u64,
    unassigned_tasks: u64,
    led: u32,
    co: u32,
    done: u32,
    avg_percent: Option<f64>,
    red: u32,
    yellow: u32,
    next_deadline: Option<String>,
    /// Tasks pending review, closed and sent back (办结销号).
    pending_review: u64,
    closed: u64,
    returned: u64,
    /// 督办单 waiting for the unit's reply, of those overdue, and replied to under review.
    notices_awaiting: u64,
    notices_overdue: u64,
    notices_under_review: u64,
}

fn one_decimal(p: Option<f64>) -> Option<f64> {
    p.map(|v| (v * 10.0).round() / 10.0)
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The stable JSON documented in the README.
pub fn render_json(report: &StatusReport) -> String {
    render_json_plans(report, false)
}

/// `render_json`, with a `plans` list first when `name_plans` (a file with several plans).
pub fn render_json_plans(report: &StatusReport, name_plans: bool) -> String {
    let json = JsonReport {
        plans: name_plans.then_some(report.plans.as_slice()),
        as_of: report.as_of.format("%Y-%m-%d").to_string(),
        departments: report
            .rows
            .iter()
            .map(|r| JsonRow {
                department: &r.department,
                led: r.rollup.led,
                co: r.rollup.co,
                done: r.rollup.done,
                avg_percent: one_decimal(r.rollup.avg_percent()),
                red: r.rollup.red,
                yellow: r.rollup.yellow,
                next_deadline: iso(r.rollup.next_deadline),
            })
            .collect(),
        total: JsonTotal {
            departments: report.rows.len(),
            tasks: report.tasks,
            unassigned_tasks: report.unassigned,
            led: report.total.led,
            co: report.total.co,
            done: report.total.done,
            avg_percent: one_decimal(report.total.avg_percent()),
            red: report.total.red,
            yellow: report.total.yellow,
            next_deadline: iso(report.total.next_deadline),
            pending_review: report.closing.pending,
            closed: report.closing.closed,
            returned: report.closing.returned,
            notices_awaiting: report.notices.awaiting,
            notices_overdue: report.notices.overdue,
            notices_under_review: report.notices.under_review,
        },
        investment: report.investment.as_ref().map(super::investment_text::json),
    };
    let mut s = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    s.push('\n');
    s
}

/// CSV for spreadsheets: a BOM, the UI language's column names, one row per department, then the
/// total row (the same figures as the table's total line).
pub fn render_csv(report: &StatusReport, lang: Lang) -> String {
    render_csv_plans(report, lang, false)
}

/// `render_csv`, with a first plans column (the titles of the plans covered, `; ` between) when
/// `name_plans` (a file with several plans): a column, so the table stays a table.
pub fn render_csv_plans(report: &StatusReport, lang: Lang, name_plans: bool) -> String {
    let plans =
        name_plans.then(|| format!("{},", super::text::csv_field(&report.plans.join("; "))));
    let mut out = String::from(super::text::BOM);
    if name_plans {
        out.push_str(i18n::csv::plans(lang));
        out.push(',');
    }
    let inv = report.investment.as_ref();
    let mut head: Vec<String> = i18n::csv::status_columns(lang).map(String::from).to_vec();
    if inv.is_some() {
        head.extend(i18n::investment::status_csv_columns(lang).map(String::from));
    }
    out.push_str(&csv_line(&head));
    let row = |name: &str, r: &DepartmentRollup, sum: Option<&super::investment::Sum>| {
        let mut line = plans.clone().unwrap_or_default();
        let mut cells = vec![
            name.to_string(),
            r.led.to_string(),
            r.co.to_string(),
            r.done.to_string(),
            one_decimal(r.avg_percent())
                .map(|v| v.to_string())
                .unwrap_or_default(),
            r.red.to_string(),
            r.yellow.to_string(),
            iso(r.next_deadline).unwrap_or_default(),
        ];
        if inv.is_some() {
            cells.extend(super::investment_text::csv_cells(sum));
        }
        line.push_str(&csv_line(&cells));
        line
    };
    for r in &report.rows {
        let sum = inv.and_then(|i| i.of(r.department_id));
        out.push_str(&row(&r.department, &r.rollup, sum));
    }
    out.push_str(&row(
        i18n::csv::total(lang),
        &report.total,
        inv.map(|i| &i.total),
    ));
    out
}
