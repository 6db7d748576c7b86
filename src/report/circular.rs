//! The quarterly circular (季度通报): per department figures, score and rank for a period, as of
//! the period's end, compared with the previous period; the red tasks; who did not report.
//!
//! Everything is rebuilt from the journal up to the end of the period's last day (or today, while
//! the period runs), so a circular for Q1 printed in Q3 says what it said in Q1.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::period::{Bounds, CycleDays, Track, WindowReports};
use super::trend::{Months, Trend};
use crate::domain::closing::Closing;
use crate::domain::score::{Breakdown, ScoreInput, ranks, score_all};
use crate::domain::{
    CycleSettings, CycleTally, Light, MilestoneBook, Percent, Period, Reason, Role, ScoreRule,
    Thresholds, task_completion,
};
use crate::store::instant;
use crate::store::{ClosingCounts, Db, NoticeCounts, Result, StoreError, TaskRow};

#[derive(Debug, Clone, PartialEq)]
pub struct Circular {
    pub period: Period,
    pub previous: Period,
    pub as_of: NaiveDate,
    pub plans: Vec<String>,
    pub cycle: CycleSettings,
    pub rule: ScoreRule,
    pub thresholds: Thresholds,
    /// Ranked departments by rank (then name), then those without led tasks, by list order.
    pub departments: Vec<DeptLine>,
    /// The tasks by closing state at the period's end (办结销号), each task once, unassigned ones
    /// too: the closing table's total line.
    pub closing: ClosingCounts,
    /// 督办单 (issue 22) of every department: issued, answered and closed in the period, waiting
    /// and overdue at its end.
    pub notices: NoticeCounts,
    /// Every task once (not per unit) at the period's end, by the lights its task lists show:
    /// the figures the 通报's narrative is written from (`circular_narrative`).
    pub tasks: TaskTally,
    /// The same at the previous period's end: the change in completion.
    pub previous_tasks: TaskTally,
    // No task lists: at 100,000 tasks they were most of a report's memory. `read` shows the tasks
    // one by one to the writers instead.
    /// The reporting periods counted (the months of a quarter, up to `as_of`).
    pub cycles: Vec<Period>,
    /// The journal's chain as of the period's end (留痕校验码): printed, it lets anyone later prove
    /// the circular came from an unaltered record (`duban check --code`).
    pub code: crate::store::chain::Code,
    /// Key projects' investment at the period's end (issue 23), read as of it; `None` for a
    /// file (or plan) without projects.
    pub investment: Option<super::investment::Investment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeptLine {
    pub department_id: i64,
    pub name: String,
    pub led: u32,
    pub co: u32,
    /// Weighted mean completion of led tasks; `None` with none led.
    pub completion: Option<f64>,
    pub done: u32,
    pub on_track: u32,
    pub behind: u32,
    pub overdue: u32,
    pub reports: CycleTally,
    /// Its led tasks by closing state at the period's end (a task with two leads counts for
    /// both).
    pub closing: ClosingCounts,
    /// The 督办单 to it: issued, answered and closed in the period, overdue at its end.
    pub notices: NoticeCounts,
    pub input: ScoreInput,
    pub score: Option<Breakdown>,
    pub rank: Option<u32>,
    pub previous: Option<Previous>,
}

/// The tasks of a period counted once each: how many, done, red and yellow (the lights of the
/// task lists), and their completion weighted by the tasks' weights.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TaskTally {
    pub tasks: u32,
    /// Tasks with units (an unassigned task has no completion and no light).
    pub assigned: u32,
    pub done: u32,
    pub red: u32,
    pub yellow: u32,
    weighted: f64,
    weight: f64,
}

impl TaskTally {
    pub(super) fn add(&mut self, weight: f64, completion: Option<f64>, light: Option<Light>) {
        self.tasks += 1;
        let Some(c) = completion else { return };
        self.assigned += 1;
        self.weighted += weight * c;
        self.weight += weight;
        match light {
            Some(Light::Done) => self.done += 1,
            Some(Light::Red) => self.red += 1,
            Some(Light::Yellow) => self.yellow += 1,
            _ => {}
        }
    }

    /// The weighted mean completion of the assigned tasks, 0..=100; `None` with none.
    pub fn completion(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.weighted / self.weight)
    }
}

/// The same department in the previous period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Previous {
    pub rank: Option<u32>,
    pub completion: Option<f64>,
}

/// One task as the circular lists it, borrowing the texts of the row it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine<'a> {
    pub id: i64,
    pub number: &'a str,
    pub title: &'a str,
    pub section: Option<&'a str>,
    pub leads: Vec<(&'a str, Percent)>,
    pub co: Vec<(&'a str, Percent)>,
    pub deadline: NaiveDate,
    pub deadline_text: Option<&'a str>,
    pub completion: Option<f64>,
    pub light: Option<Light>,
    pub reason: Option<Reason>,
}

/// `None` when the period has not begun on `today`. `plan`: the tasks of one plan only (the
/// `Scope::plan` of the screen asking); `None`: every plan of the file.
pub fn build(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
) -> Result<Option<Circular>> {
    read(db, period, today, plan, |_| Ok(()))
}

/// `build`, showing `see` every task's line on the way, in plan order: the task lists are written
/// from them (kept aside until the ranking is out, see `spool`), so the tasks are read once and
/// never held. A failure of `see` (a full disk) stops the reading and comes back as it was.
pub fn read<E: From<StoreError> + Send>(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
    see: impl FnMut(&TaskLine<'_>) -> std::result::Result<(), E> + Send,
) -> std::result::Result<Option<Circular>, E> {
    Ok(read_all(db, (period, today, plan), false, see)?.map(|(c, _)| c))
}

/// `read`, and in the same walk of the tasks the completion at each month's end of the period's
/// year (`trend::monthly`'s figures, for the workbook's chart): one read of the tasks and of the
/// journal (from the year's first day) for both.
pub fn read_with_trend<E: From<StoreError> + Send>(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
    see: impl FnMut(&TaskLine<'_>) -> std::result::Result<(), E> + Send,
) -> std::result::Result<Option<(Circular, Option<Trend>)>, E> {
    read_all(db, (period, today, plan), true, see)
}

fn read_all<E: From<StoreError> + Send>(
    db: &Db,
    (period, today, plan): (Period, NaiveDate, Option<i64>),
    with_trend: bool,
    mut see: impl FnMut(&TaskLine<'_>) -> std::result::Result<(), E> + Send,
) -> std::result::Result<Option<(Circular, Option<Trend>)>, E> {
    // The period's end does not depend on the cycle; the settings are read as they stood then
    // (a rule changed since does not rescore a past circular), then the window from them.
    let Some(provisional) = Bounds::new(period, &db.cycle_settings()?, today) else {
        return Ok(None);
    };
    let end = instant(provisional.end);
    let thresholds = db.thresholds_at(Some(&end))?;
    let cycle = db.cycle_settings_at(Some(&end))?;
    let rule = db.score_rule_at(Some(&end))?;
    let Some(bounds) = Bounds::new(period, &cycle, today) else {
        return Ok(None);
    };
    // The previous period began earlier, so it has begun too.
    let before = Bounds::new(period.previous(), &cycle, today).unwrap_or(bounds);
    let departments = db.departments_at(Some(&instant(bounds.end)))?;
    // One read of the tasks and one replay of the journal from the previous period's start serve
    // both periods (reading each period apart took twice as long at 100,000 tasks).
    let mut months = match with_trend {
        true => Some(Months::new(db, &bounds, &departments)?),
        false => None,
    };
    // Replaying from earlier changes no figure: a track's value on a day is the same whatever
    // day its replay began before it.
    let start = before.start.min(bounds.start);
    let start = months.as_ref().map_or(start, |m| start.min(m.start()));
    // Each unit's track is made from the window's journal rows and its percent before the
    // window as its task is read, instead of a track held for every assignment of the file
    // (issue 25: 120 MB of a circular's 157 at a million tasks).
    let reports = WindowReports::read(db, start, bounds.end)?;
    let position: HashMap<i64, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    // Where each task stood in closing at each period's end (the journal up to that instant).
    // The milestones as they stood at each period's end judge the lights then.
    let mut now = Sums::new(
        bounds,
        &cycle,
        departments.len(),
        db.closing_states(Some(bounds.end))?,
        MilestoneBook::new(db.milestones(None, Some(bounds.end))?),
    );
    let mut then = Sums::new(
        before,
        &cycle,
        departments.len(),
        db.closing_states(Some(before.end))?,
        MilestoneBook::new(db.milestones(None, Some(before.end))?),
    );
    let mut units: Vec<(Role, Percent)> = Vec::new();
    let fig = Figures {
        position: &position,
        thresholds: &thresholds,
        rule: &rule,
    };
    // Each unit's track, made once for both periods (the buffers reused from task to task).
    let mut made: Vec<Track> = Vec::new();
    // Each unit's department's place in the list, looked up once for both periods.
    let mut places: Vec<Option<usize>> = Vec::new();
    // This thread reads the tasks; a second one replays, sums and shows them (`two_stage`).
    super::two_stage::walk(
        |each| db.for_each_task_existing_at_from(bounds.end, start, plan, each),
        |row: &mut TaskRow| -> std::result::Result<(), E> {
            let row = &*row;
            reports.tracks_of(row, &mut made);
            places.clear();
            places.extend(
                row.units
                    .iter()
                    .map(|u| fig.position.get(&u.department_id).copied()),
            );
            let found: Vec<Option<&Track>> = made.iter().map(Some).collect();
            then.add(row, (&found, &places), &fig, &mut units);
            if let Some(m) = months.as_mut() {
                m.add(row, &found);
            }
            if now.add(row, (&found, &places), &fig, &mut units) {
                see(&task_line(
                    row,
                    &units,
                    bounds.as_of,
                    &thresholds,
                    &now.milestones,
                ))?;
            }
            Ok(())
        },
    )?;
    let closing = now.closing;
    let (tasks, previous_tasks) = (now.tally, then.tally);
    let mut lines = now.lines(&departments, &rule);
    let previous = then.lines(&departments, &rule);
    // One plan's circular lists the departments that have a part in it.
    if plan.is_some() {
        lines.retain(|l| l.led + l.co > 0);
    }
    let by_id: HashMap<i64, &DeptLine> = previous.iter().map(|l| (l.department_id, l)).collect();
    for line in &mut lines {
        line.previous = by_id.get(&line.department_id).map(|p| Previous {
            rank: p.rank,
            completion: p.completion,
        });
    }
    lines.sort_by_key(|l| l.rank.map_or(u32::MAX, |r| r));
    // Notices issued from the period's first day to its end, overdue judged on its last day.
    let first = super::period::local_midnight(period.first_day());
    let notices = db.notice_tally(Some(first), Some(bounds.end), bounds.as_of, plan)?;
    for line in &mut lines {
        line.notices = notices
            .by_department
            .get(&line.department_id)
            .copied()
            .unwrap_or_default();
    }
    let circular = Circular {
        period,
        previous: period.previous(),
        as_of: bounds.as_of,
        plans: plan_titles(db, plan)?,
        cycle,
        rule,
        thresholds,
        departments: lines,
        closing,
        notices: notices.total,
        tasks,
        previous_tasks,
        cycles: period
            .cycles(cycle.kind)
            .into_iter()
            .filter(|c| c.first_day() <= bounds.as_of)
            .collect(),
        code: db.chain_code(&instant(bounds.end))?,
        investment: super::investment::build(db, Some(bounds.end), bounds.as_of, plan, None)?,
    };
    Ok(Some((circular, months.map(|m| m.finish(period)))))
}

/// What both periods' sums read.
struct Figures<'a> {
    position: &'a HashMap<i64, usize>,
    thresholds: &'a Thresholds,
    rule: &'a ScoreRule,
}

/// One period's per-department sums, added to as the tasks stream past: the tasks that existed at
/// its end, each unit's percent replayed to it.
struct Sums {
    bounds: Bounds,
    end: String,
    /// The period's reporting periods, their days worked out once.
    cycles: Vec<CycleDays>,
    /// `bounds.judged_on()` and the period's first day, worked out once.
    judged_on: NaiveDate,
    first_day: NaiveDate,
    acc: Vec<Acc>,
    /// The tasks' closing states at `end` (tasks without a step are open).
    states: HashMap<i64, Closing>,
    /// Every task counted once.
    closing: ClosingCounts,
    tally: TaskTally,
    /// The milestones as of `end`.
    milestones: MilestoneBook,
}

impl Sums {
    fn new(
        bounds: Bounds,
        cycle: &CycleSettings,
        departments: usize,
        states: HashMap<i64, Closing>,
        milestones: MilestoneBook,
    ) -> Sums {
        Sums {
            bounds,
            end: instant(bounds.end),
            cycles: bounds
                .period
                .cycles(cycle.kind)
                .into_iter()
                .map(|c| CycleDays::new(c, cycle))
                .collect(),
            judged_on: bounds.judged_on(),
            first_day: bounds.period.first_day(),
            acc: vec![Acc::default(); departments],
            states,
            closing: ClosingCounts::default(),
            tally: TaskTally::default(),
            milestones,
        }
    }

    /// Adds a task whose units' tracks are `found` and whose departments' places in the list are
    /// `places`, leaving their (role, percent) in `units`;
    /// false (and nothing added) when the task did not exist at the period's end.
    fn add(
        &mut self,
        row: &TaskRow,
        (found, places): (&[Option<&Track>], &[Option<usize>]),
        fig: &Figures<'_>,
        units: &mut Vec<(Role, Percent)>,
    ) -> bool {
        let bounds = &self.bounds;
        if !row.existed_before(&self.end) {
            return false;
        }
        units.clear();
        let state = self.states.get(&row.id).copied().unwrap_or(Closing::Open);
        count(&mut self.closing, state);
        for ((unit, &track), &place) in row.units.iter().zip(found).zip(places) {
            let reported = track.map_or(Percent::ZERO, |t| t.percent_on(bounds.as_of));
            // The task lists show the percent as reported; the figures count it by the rule.
            units.push((unit.role, reported));
            let percent = fig.rule.counted(reported, state == Closing::Closed);
            let Some(d) = place else {
                continue;
            };
            let a = &mut self.acc[d];
            let assessment = self.milestones.assess(
                row.id,
                Some(unit.role),
                percent,
                row.schedule,
                bounds.as_of,
                fig.thresholds,
            );
            let overdue = matches!(assessment.reason, Reason::Overdue { .. });
            let done_on_time = percent.is_done()
                && track
                    .and_then(|t| t.completed_since(self.first_day))
                    .is_some_and(|day| day <= row.schedule.deadline);
            match unit.role {
                Role::Lead => {
                    a.led += 1;
                    count(&mut a.closing, state);
                    a.weighted += row.weight * f64::from(percent.value());
                    a.weight += row.weight;
                    match assessment.light {
                        Light::Done => a.done += 1,
                        Light::Green | Light::Notice => a.on_track += 1,
                        _ if overdue => a.overdue += 1,
                        _ => a.behind += 1,
                    }
                    a.input.lead_done_on_time += u32::from(done_on_time);
                    a.input.lead_overdue += u32::from(overdue);
                }
                Role::Co => {
                    a.co += 1;
                    a.input.co_done_on_time += u32::from(done_on_time);
                    a.input.co_overdue += u32::from(overdue);
                }
            }
            if let Some(t) = track {
                for c in &self.cycles {
                    if let Some(x) = t.timeliness_in(c, self.judged_on, row.schedule.starts_on) {
                        a.reports.add(x);
                    }
                }
            }
        }
        let (completion, assessment) =
            task_state(units, row, bounds.as_of, fig.thresholds, &self.milestones);
        self.tally
            .add(row.weight, completion, assessment.map(|a| a.light));
        true
    }

    /// The department lines, scored and ranked.
    fn lines(self, departments: &[crate::store::Department], rule: &ScoreRule) -> Vec<DeptLine> {
        let mut lines: Vec<DeptLine> = departments
            .iter()
            .zip(self.acc)
            .map(|(d, a)| {
                let completion = (a.weight > 0.0).then(|| a.weighted / a.weight);
                let mut input = a.input;
                input.completion = completion.unwrap_or(0.0);
                input.on_schedule = if a.led == 0 {
                    0.0
                } else {
                    f64::from(a.done + a.on_track) * 100.0 / f64::from(a.led)
                };
                input.timeliness = a.reports.on_time_rate();
                input.late_reports = a.reports.late;
                input.missing_reports = a.reports.missing;
                DeptLine {
                    department_id: d.id,
                    name: d.name.clone(),
                    led: a.led,
                    co: a.co,
                    completion,
                    done: a.done,
                    on_track: a.on_track,
                    behind: a.behind,
                    overdue: a.overdue,
                    reports: a.reports,
                    closing: a.closing,
                    notices: NoticeCounts::default(),
                    input,
                    score: None,
                    rank: None,
                    previous: None,
                }
            })
            .collect();
        // Only departments that lead something are ranked: a unit that only assists has no
        // completion of its own to compare.
        let ranked: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].led > 0).collect();
        let inputs: Vec<ScoreInput> = ranked.iter().map(|&i| lines[i].input).collect();
        let scores = score_all(&inputs, rule);
        let places = ranks(&scores.iter().map(|b| b.total).collect::<Vec<_>>());
        for ((&i, score), rank) in ranked.iter().zip(scores).zip(places) {
            lines[i].score = Some(score);
            lines[i].rank = Some(rank);
        }
        lines
    }
}

/// The titles of the plans a report covers: `plan`'s, or every plan's.
pub(super) fn plan_titles(db: &Db, plan: Option<i64>) -> Result<Vec<String>> {
    Ok(db
        .plans()?
        .into_iter()
        .filter(|p| plan.is_none_or(|id| id == p.id))
        .map(|p| p.title)
        .collect())
}

#[derive(Debug, Clone, Default)]
struct Acc {
    led: u32,
    co: u32,
    weighted: f64,
    weight: f64,
    done: u32,
    on_track: u32,
    behind: u32,
    overdue: u32,
    reports: CycleTally,
    closing: ClosingCounts,
    input: ScoreInput,
}

fn count(counts: &mut ClosingCounts, state: Closing) {
    match state {
        Closing::Open => {}
        Closing::Pending => counts.pending += 1,
        Closing::Closed => counts.closed += 1,
        Closing::Returned => counts.returned += 1,
    }
}

/// A task's completion from its units' reported percents and its light on `as_of`: what its
/// line in the task lists shows, and what the tally counts.
fn task_state(
    percents: &[(Role, Percent)],
    row: &TaskRow,
    as_of: NaiveDate,
    thresholds: &Thresholds,
    milestones: &MilestoneBook,
) -> (Option<f64>, Option<crate::domain::light::Assessment>) {
    let completion = task_completion(percents);
    let assessment = completion.map(|c| {
        let p = Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO);
        milestones.assess(row.id, None, p, row.schedule, as_of, thresholds)
    });
    (completion, assessment)
}

fn task_line<'a>(
    row: &'a TaskRow,
    percents: &[(Role, Percent)],
    as_of: NaiveDate,
    thresholds: &Thresholds,
    milestones: &MilestoneBook,
) -> TaskLine<'a> {
    let (completion, assessment) = task_state(percents, row, as_of, thresholds, milestones);
    let named = |role: Role| {
        row.units
            .iter()
            .zip(percents)
            .filter(|(u, _)| u.role == role)
            .map(|(u, (_, p))| (u.name.as_str(), *p))
            .collect()
    };
    TaskLine {
        id: row.id,
        number: &row.number,
        title: &row.title,
        section: row.section.as_deref(),
        leads: named(Role::Lead),
        co: named(Role::Co),
        deadline: row.schedule.deadline,
        deadline_text: row.deadline_text.as_deref(),
        completion,
        light: assessment.map(|a| a.light),
        reason: assessment.map(|a| a.reason),
    }
}
