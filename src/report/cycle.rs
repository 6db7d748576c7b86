//! `duban cycle` and `duban remind`: per department, who owes which report for a period, and which
//! of its tasks are red, as of the period's end (or today while it runs).

use std::collections::HashMap;
use std::io::Write;
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::Serialize;

pub use super::cycle_named::{Named, TaskIndex, TaskRef};
use super::parts::{Split, in_parts};
use super::period::{Bounds, Step, Track};
use crate::domain::{CycleSettings, CycleTally, Light, Percent, Period, Reason, Role, Timeliness};
use crate::store::{ALL_TASKS, Db, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct CycleReport {
    pub period: Period,
    pub cycles: Vec<Period>,
    pub as_of: NaiveDate,
    pub settings: CycleSettings,
    pub plans: Vec<String>,
    /// In list order; departments that owe nothing and have nothing red are kept (their tally
    /// says so).
    pub departments: Vec<CycleDept>,
    /// The tasks the departments' lists name, each once (`Owed::task`, `RedItem::task`).
    pub tasks: Named,
    /// The reasons of the red items, each once (`RedItem::reason`).
    pub reasons: Vec<Reason>,
}

impl CycleReport {
    /// The period an owed report is for.
    pub fn period_of(&self, o: &Owed) -> Period {
        self.cycles
            .get(usize::from(o.cycle))
            .copied()
            .unwrap_or(self.period)
    }

    /// Why a red item is red.
    pub fn reason_of(&self, item: &RedItem) -> Reason {
        self.reasons
            .get(item.reason as usize)
            .copied()
            .unwrap_or(Reason::NotStarted)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CycleDept {
    pub department_id: i64,
    pub name: String,
    pub tally: CycleTally,
    /// Reports not made on time (late, missing, pending), by task then period.
    pub owed: Vec<Owed>,
    /// Its assignments whose own light is red.
    pub red: Vec<RedItem>,
}

/// A report not made on time. Its task is named by its place in `CycleReport::tasks`: a report
/// owes one per unit and period, and at 100,000 tasks nobody reporting for a month is 250,000 of
/// them, whose copies of the task's texts were most of the check's memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Owed {
    pub task: TaskIndex,
    pub role: Role,
    /// Its period's place in `CycleReport::cycles` (`CycleReport::period_of`).
    pub cycle: u8,
    pub timeliness: Timeliness,
    pub reported_on: Option<NaiveDate>,
}

/// A unit's red task. As small as `Owed`, for the same reason: the reason (64 bytes, for a
/// milestone's name) is kept once in `CycleReport::reasons`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RedItem {
    pub task: TaskIndex,
    pub role: Role,
    /// The unit's own percent at the period's end.
    pub percent: Percent,
    /// Its place in `CycleReport::reasons` (`CycleReport::reason_of`).
    pub reason: u32,
}

/// Distinct reasons, by place: a plan's red tasks have a few hundred (days overdue, points
/// behind).
#[derive(Default)]
struct Reasons {
    list: Vec<Reason>,
    place: HashMap<Reason, u32>,
}

impl Reasons {
    fn add(&mut self, r: Reason) -> u32 {
        *self.place.entry(r).or_insert_with(|| {
            self.list.push(r);
            u32::try_from(self.list.len() - 1).unwrap_or(u32::MAX)
        })
    }
}

/// Per department, how many reports of `period` are still owed on `today` (not yet due, or
/// missed): the department list's ○N marks. The rules of `build`, without the task texts: the
/// assignments stream by once (a big plan in parts side by side, `parts::in_parts`), and only
/// the period's journal rows are held (a few per cent of the journal), so memory does not grow
/// with the plan.
/// `plan`: of one plan's tasks (`Scope::plan`); `None`: of every plan.
pub fn unreported_counts(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
) -> Result<HashMap<i64, u32>> {
    unreported_counts_split(db, period, today, plan, Split::default())
}

/// `unreported_counts`, saying when to read in parts (the tests compare both ways).
pub fn unreported_counts_split(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
    split: Split,
) -> Result<HashMap<i64, u32>> {
    owed_counts(db, period, today, plan, split, |t| {
        matches!(t, Timeliness::Pending | Timeliness::Missing)
    })
}

/// Per department, how many reports of `period` are missing (漏报) on `today`: due day passed,
/// none made within the period. Reports not due yet are not counted (`domain::cycle::is_due`);
/// late ones were made. The figure `cycle` prints in its 漏报 column, for whoever must act on it
/// (a cron check, a exit code). Departments missing nothing are absent.
pub fn missing_counts(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
) -> Result<HashMap<i64, u32>> {
    owed_counts(db, period, today, plan, Split::default(), |t| {
        t == Timeliness::Missing
    })
}

/// Per department, how many of `period`'s required reports are in a state `counted` accepts.
fn owed_counts(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
    split: Split,
    counted: fn(Timeliness) -> bool,
) -> Result<HashMap<i64, u32>> {
    // The cycle as it stood at the period's end, as `build` reads it.
    let Some(provisional) = Bounds::new(period, &db.cycle_settings()?, today) else {
        return Ok(HashMap::new());
    };
    let settings = db.cycle_settings_at(Some(&crate::store::instant(provisional.end)))?;
    let Some(bounds) = Bounds::new(period, &settings, today) else {
        return Ok(HashMap::new());
    };
    let cycles: Vec<Period> = period
        .cycles(settings.kind)
        .into_iter()
        .filter(|c| c.first_day() <= bounds.as_of)
        .collect();
    let mut reports = Vec::new();
    db.period_reports(bounds.start, bounds.end, |r| {
        reports.push((r.task_id, r.department_id, super::period::Step::of(&r)));
    })?;
    // By assignment, and in time within one (the sort is stable).
    reports.sort_by_key(|r| (r.0, r.1));
    let count = |db: &Db, tasks: RangeInclusive<i64>| -> Result<HashMap<i64, u32>> {
        let mut counts = HashMap::new();
        let mut track = super::period::Track {
            task_id: 0,
            department_id: 0,
            role: Role::Co,
            before: Percent::ZERO,
            reports: Vec::new(),
        };
        db.period_assignments(bounds.start, bounds.end, tasks, plan, |a| {
            let key = (a.task_id, a.department_id);
            let from = reports.partition_point(|r| (r.0, r.1) < key);
            let to = from + reports[from..].partition_point(|r| (r.0, r.1) == key);
            track.task_id = a.task_id;
            track.department_id = a.department_id;
            track.role = a.role;
            track.before = a.before;
            track.reports.clear();
            track.reports.extend(reports[from..to].iter().map(|r| r.2));
            let owed = cycles
                .iter()
                .filter_map(|c| track.timeliness(*c, &settings, bounds.judged_on(), a.starts_on))
                .filter(|t| counted(*t))
                .count();
            if owed > 0 {
                *counts.entry(a.department_id).or_insert(0) += owed as u32;
            }
        })?;
        Ok(counts)
    };
    let Some(parts) = in_parts(db, split, |db, (first, last)| count(db, first..=last))? else {
        return count(db, ALL_TASKS);
    };
    let mut counts = HashMap::new();
    for part in parts {
        for (department, owed) in part {
            *counts.entry(department).or_insert(0) += owed;
        }
    }
    Ok(counts)
}

/// `None` when the period has not begun on `today`.
/// `plan`: of one plan's tasks (`Scope::plan`); `None`: of every plan.
pub fn build(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
) -> Result<Option<CycleReport>> {
    // The settings as they stood at the period's end (see `circular::read`).
    let Some(provisional) = Bounds::new(period, &db.cycle_settings()?, today) else {
        return Ok(None);
    };
    let end = crate::store::instant(provisional.end);
    let settings = db.cycle_settings_at(Some(&end))?;
    let thresholds = db.thresholds_at(Some(&end))?;
    let Some(bounds) = Bounds::new(period, &settings, today) else {
        return Ok(None);
    };
    let cycles: Vec<Period> = period
        .cycles(settings.kind)
        .into_iter()
        .filter(|c| c.first_day() <= bounds.as_of)
        .collect();
    let departments = db.departments_at(Some(&crate::store::instant(bounds.end)))?;
    let position: HashMap<i64, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let mut out: Vec<CycleDept> = departments
        .iter()
        .map(|d| CycleDept {
            department_id: d.id,
            name: d.name.clone(),
            tally: CycleTally::default(),
            owed: Vec::new(),
            red: Vec::new(),
        })
        .collect();
    // The window's journal rows by assignment, in time within one (the sort is stable): a few
    // per cent of the journal. Each unit's track is put together from them and the percent it
    // held when the window began, read with the tasks.
    let mut reports = Vec::new();
    db.period_reports(bounds.start, bounds.end, |r| {
        reports.push((r.task_id, r.department_id, Step::of(&r)));
    })?;
    reports.sort_by_key(|r| (r.0, r.1));
    let mut track = Track {
        task_id: 0,
        department_id: 0,
        role: Role::Co,
        before: Percent::ZERO,
        reports: Vec::new(),
    };
    let milestones = crate::domain::MilestoneBook::new(db.milestones(None, Some(bounds.end))?);
    let mut named = Named::default();
    let mut reasons = Reasons::default();
    // The tasks one at a time; only those a list names are kept (their texts once).
    db.for_each_task_before(bounds.end, bounds.start, plan, |row| {
        let mut index: Option<TaskIndex> = None;
        for unit in &row.units {
            let Some(&d) = position.get(&unit.department_id) else {
                continue;
            };
            let key = (row.id, unit.department_id);
            let from = reports.partition_point(|r| (r.0, r.1) < key);
            let to = from + reports[from..].partition_point(|r| (r.0, r.1) == key);
            track.task_id = row.id;
            track.department_id = unit.department_id;
            track.role = unit.role;
            track.before = unit.percent;
            track.reports.clear();
            track.reports.extend(reports[from..to].iter().map(|r| r.2));
            let percent = track.percent_on(bounds.as_of);
            let mut task = || {
                *index.get_or_insert_with(|| {
                    named.add(TaskRef {
                        task_id: row.id,
                        plan_id: row.plan_id,
                        number: &row.number,
                        title: &row.title,
                        deadline: row.schedule.deadline,
                        deadline_text: row.deadline_text.as_deref(),
                    })
                })
            };
            let dept = &mut out[d];
            for (i, c) in cycles.iter().enumerate() {
                let Some(t) =
                    track.timeliness(*c, &settings, bounds.judged_on(), row.schedule.starts_on)
                else {
                    continue;
                };
                dept.tally.add(t);
                if t != Timeliness::OnTime {
                    dept.owed.push(Owed {
                        task: task(),
                        role: unit.role,
                        cycle: u8::try_from(i).unwrap_or(u8::MAX),
                        timeliness: t,
                        reported_on: track.first_report_in(*c),
                    });
                }
            }
            let a = milestones.assess(
                row.id,
                Some(unit.role),
                percent,
                row.schedule,
                bounds.as_of,
                &thresholds,
            );
            if a.light == Light::Red {
                dept.red.push(RedItem {
                    task: task(),
                    role: unit.role,
                    percent,
                    reason: reasons.add(a.reason),
                });
            }
        }
        Ok(())
    })?;
    Ok(Some(CycleReport {
        period,
        cycles,
        as_of: bounds.as_of,
        settings,
        plans: super::circular::plan_titles(db, plan)?,
        departments: out,
        tasks: named,
        reasons: reasons.list,
    }))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// The titles of the plans covered, in a file with several plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    plans: Option<&'a [String]>,
    period: String,
    as_of: String,
    cycle: &'a str,
    due_day: u32,
    periods: Vec<String>,
    departments: Vec<JsonDept<'a>>,
}

#[derive(Serialize)]
struct JsonDept<'a> {
    department: &'a str,
    required: u32,
    on_time: u32,
    late: u32,
    missing: u32,
    pending: u32,
    owed: OwedList<'a>,
}

#[derive(Serialize)]
struct JsonOwed<'a> {
    task_id: i64,
    plan_id: i64,
    task_number: &'a str,
    title: &'a str,
    role: &'a str,
    period: String,
    due: String,
    status: &'a str,
    reported_on: Option<String>,
}

/// The owed reports of one department, serialised as they are walked (not collected first).
struct OwedList<'a> {
    report: &'a CycleReport,
    owed: &'a [Owed],
}

impl Serialize for OwedList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let r = self.report;
        s.collect_seq(self.owed.iter().map(|o| {
            let task = r.tasks.get(o.task);
            JsonOwed {
                task_id: task.task_id,
                plan_id: task.plan_id,
                task_number: task.number,
                title: task.title,
                role: o.role.as_str(),
                period: r.period_of(o).to_string(),
                due: day(r.period_of(o).due_date(r.settings.due_day)),
                status: o.timeliness.as_str(),
                reported_on: o.reported_on.map(day),
            }
        }))
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Stable JSON: every department with its counts and what it owes; with a `plans` list first
/// when `name_plans` (a file with several plans).
pub fn write_json(r: &CycleReport, name_plans: bool, out: &mut impl Write) -> std::io::Result<()> {
    let report = JsonReport {
        plans: name_plans.then_some(r.plans.as_slice()),
        period: r.period.to_string(),
        as_of: day(r.as_of),
        cycle: r.settings.kind.as_str(),
        due_day: r.settings.due_day,
        periods: r.cycles.iter().map(|c| c.to_string()).collect(),
        departments: r
            .departments
            .iter()
            .map(|d| JsonDept {
                department: &d.name,
                required: d.tally.required,
                on_time: d.tally.on_time,
                late: d.tally.late,
                missing: d.tally.missing,
                pending: d.tally.pending,
                owed: OwedList {
                    report: r,
                    owed: &d.owed,
                },
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
