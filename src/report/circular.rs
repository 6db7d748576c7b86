//! The quarterly circular (季度通报): per department figures, score and rank for a period, as of
//! the period's end, compared with the previous period; the red tasks; who did not report.
//!
//! Everything is rebuilt from the journal up to the end of the period's last day (or today, while
//! the period runs), so a circular for Q1 printed in Q3 says what it said in Q1.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::period::{Bounds, Tracks, tracks};
use crate::domain::score::{Breakdown, ScoreInput, ranks, score_all};
use crate::domain::{
    CycleSettings, CycleTally, Light, Percent, Period, Reason, Role, ScoreRule, Thresholds, assess,
    task_completion,
};
use crate::store::instant;
use crate::store::{Db, Result, TaskRow};

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
    pub red_tasks: Vec<TaskLine>,
    /// Every task, in plan order (the xlsx's full list).
    pub tasks: Vec<TaskLine>,
    /// The reporting periods counted (the months of a quarter, up to `as_of`).
    pub cycles: Vec<Period>,
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
    pub input: ScoreInput,
    pub score: Option<Breakdown>,
    pub rank: Option<u32>,
    pub previous: Option<Previous>,
}

/// The same department in the previous period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Previous {
    pub rank: Option<u32>,
    pub completion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub section: Option<String>,
    pub leads: Vec<(String, Percent)>,
    pub co: Vec<(String, Percent)>,
    pub deadline: NaiveDate,
    pub deadline_text: Option<String>,
    pub completion: Option<f64>,
    pub light: Option<Light>,
    pub reason: Option<Reason>,
}

/// `None` when the period has not begun on `today`.
pub fn build(db: &Db, period: Period, today: NaiveDate) -> Result<Option<Circular>> {
    let thresholds = db.thresholds()?;
    let cycle = db.cycle_settings()?;
    let rule = db.score_rule()?;
    let Some(bounds) = Bounds::new(period, &cycle, today) else {
        return Ok(None);
    };
    // The previous period began earlier, so it has begun too.
    let before = Bounds::new(period.previous(), &cycle, today).unwrap_or(bounds);
    let departments = db.departments()?;
    // One read of the tasks and one replay of the journal from the previous period's start serve
    // both periods (reading each period apart took twice as long at 100,000 tasks).
    let rows = db.tasks_existing_at(bounds.end)?;
    let tracks = tracks(db, before.start.min(bounds.start), bounds.end)?;
    let (mut lines, tasks) = figures(
        &rows,
        &tracks,
        &bounds,
        &cycle,
        &thresholds,
        &rule,
        &departments,
        true,
    );
    let (previous, _) = figures(
        &rows,
        &tracks,
        &before,
        &cycle,
        &thresholds,
        &rule,
        &departments,
        false,
    );
    let by_id: HashMap<i64, &DeptLine> = previous.iter().map(|l| (l.department_id, l)).collect();
    for line in &mut lines {
        line.previous = by_id.get(&line.department_id).map(|p| Previous {
            rank: p.rank,
            completion: p.completion,
        });
    }
    lines.sort_by_key(|l| l.rank.map_or(u32::MAX, |r| r));
    let red_tasks = tasks
        .iter()
        .filter(|t| t.light == Some(Light::Red))
        .cloned()
        .collect();
    Ok(Some(Circular {
        period,
        previous: period.previous(),
        as_of: bounds.as_of,
        plans: db.plans()?.into_iter().map(|p| p.title).collect(),
        cycle,
        rule,
        thresholds,
        departments: lines,
        red_tasks,
        tasks,
        cycles: period
            .cycles(cycle.kind)
            .into_iter()
            .filter(|c| c.first_day() <= bounds.as_of)
            .collect(),
    }))
}

/// The department lines (scored and ranked) and, with `task_lines`, every task's line, for the
/// period of `bounds`: the tasks that existed at its end, each unit's percent replayed to it.
#[allow(clippy::too_many_arguments)]
fn figures(
    rows: &[TaskRow],
    tracks: &Tracks,
    bounds: &Bounds,
    cycle: &CycleSettings,
    thresholds: &Thresholds,
    rule: &ScoreRule,
    departments: &[crate::store::Department],
    task_lines: bool,
) -> (Vec<DeptLine>, Vec<TaskLine>) {
    let end = instant(bounds.end);
    let position: HashMap<i64, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let mut acc: Vec<Acc> = vec![Acc::default(); departments.len()];
    let cycles: Vec<Period> = bounds.period.cycles(cycle.kind);
    let mut tasks = Vec::with_capacity(if task_lines { rows.len() } else { 0 });
    let mut units: Vec<(Role, Percent)> = Vec::new();
    for row in rows.iter().filter(|r| r.existed_before(&end)) {
        units.clear();
        for unit in &row.units {
            let track = tracks.get(row.id, unit.department_id);
            let percent = track.map_or(Percent::ZERO, |t| t.percent_on(bounds.as_of));
            units.push((unit.role, percent));
            let Some(&d) = position.get(&unit.department_id) else {
                continue;
            };
            let a = &mut acc[d];
            let assessment = assess(percent, row.schedule, bounds.as_of, thresholds);
            let overdue = matches!(assessment.reason, Reason::Overdue { .. });
            let done_on_time = percent.is_done()
                && track
                    .and_then(|t| t.completed_since(bounds.period.first_day()))
                    .is_some_and(|day| day <= row.schedule.deadline);
            match unit.role {
                Role::Lead => {
                    a.led += 1;
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
                for c in &cycles {
                    if let Some(x) = t.timeliness(*c, cycle, bounds.as_of, row.schedule.starts_on) {
                        a.reports.add(x);
                    }
                }
            }
        }
        if task_lines {
            tasks.push(task_line(row, &units, bounds.as_of, thresholds));
        }
    }
    let mut lines: Vec<DeptLine> = departments
        .iter()
        .zip(acc)
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
    (lines, tasks)
}

/// The tasks as they stood at the end of `bounds`, with each unit's percent replayed from the
/// window's journal (the figures `Db::tasks` with `as_of` gives, without its per-row lookup).
pub(super) fn replayed_tasks(db: &Db, bounds: &Bounds) -> Result<(Vec<TaskRow>, Tracks)> {
    let mut rows = db.tasks_existing_at(bounds.end)?;
    let tracks = tracks(db, bounds.start, bounds.end)?;
    for row in &mut rows {
        for unit in &mut row.units {
            unit.percent = tracks
                .get(row.id, unit.department_id)
                .map_or(Percent::ZERO, |t| t.percent_on(bounds.as_of));
        }
    }
    Ok((rows, tracks))
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
    input: ScoreInput,
}

fn task_line(
    row: &TaskRow,
    percents: &[(Role, Percent)],
    as_of: NaiveDate,
    thresholds: &Thresholds,
) -> TaskLine {
    let completion = task_completion(percents);
    let assessment = completion.map(|c| {
        let p = Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO);
        assess(p, row.schedule, as_of, thresholds)
    });
    let named = |role: Role| {
        row.units
            .iter()
            .zip(percents)
            .filter(|(u, _)| u.role == role)
            .map(|(u, (_, p))| (u.name.clone(), *p))
            .collect()
    };
    TaskLine {
        id: row.id,
        number: row.number.clone(),
        title: row.title.clone(),
        section: row.section.clone(),
        leads: named(Role::Lead),
        co: named(Role::Co),
        deadline: row.schedule.deadline,
        deadline_text: row.deadline_text.clone(),
        completion,
        light: assessment.map(|a| a.light),
        reason: assessment.map(|a| a.reason),
    }
}
