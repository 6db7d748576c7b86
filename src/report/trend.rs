//! Completion over a year (issue 23 §4): each department's completion and the completion of all
//! tasks at every month's end of a period's year, up to the period's end — view 5's trend line
//! and the circular workbook's chart.
//!
//! Each month's figures are the circular's as of that day (`circular::read`): the journal
//! replayed to the end of the month's last day (or of today, in the running month), each lead
//! unit's percent counted by the score rule then in force (with `score.done_requires_closing`,
//! 100% only once closed then), weighted by the tasks' weights; the total is every task once,
//! its completion the mean of its lead units' percents as reported. One read of the tasks and
//! one replay of the year's journal serve every month, as one serves both periods of a circular:
//! the structure (units, roles, weights) is the one at the period's end, and a month counts the
//! tasks that existed at its end. The last month is therefore exactly the circular's figure, and
//! an earlier one is what a later circular says of it as its previous period.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::circular::TaskTally;
use super::period::{Bounds, Track, local_midnight, tracks};
use crate::domain::closing::Closing;
use crate::domain::{Percent, Period, Role, ScoreRule, task_completion};
use crate::store::{Db, Department, Result, TaskRow, instant};

/// The months of a period's year up to its end, with their figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub period: Period,
    pub months: Vec<MonthFigures>,
}

/// One month's figures, as of its last day (today, for the running month).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthFigures {
    pub month: Period,
    pub as_of: NaiveDate,
    /// Every task once, weighted (the circular's `tasks.completion()`); `None`: none assigned.
    pub total: Option<f64>,
    /// Each department that led a task then, by id: its weighted completion (the circular's
    /// `DeptLine::completion`).
    departments: Vec<(i64, f64)>,
}

impl MonthFigures {
    pub fn department(&self, id: i64) -> Option<f64> {
        self.departments
            .binary_search_by_key(&id, |d| d.0)
            .ok()
            .map(|i| self.departments[i].1)
    }
}

impl Trend {
    /// The completion of all tasks, month by month.
    pub fn totals(&self) -> Vec<Option<f64>> {
        self.months.iter().map(|m| m.total).collect()
    }

    /// One department's completion, month by month (`None`: it led nothing then).
    pub fn department(&self, id: i64) -> Vec<Option<f64>> {
        self.months.iter().map(|m| m.department(id)).collect()
    }
}

/// Per month: where its reading stops, the rule then, and the tasks closed then.
struct Month {
    month: Period,
    as_of: NaiveDate,
    end: String,
    rule: ScoreRule,
    closed: HashMap<i64, Closing>,
    tally: TaskTally,
    /// (weighted, weight) of each department's led tasks, by the department's index.
    acc: Vec<(f64, f64)>,
}

/// The months' sums, added to as the tasks stream past: `monthly` walks the tasks for them, and
/// the circular's own walk does too when its workbook draws the trend (one read for both).
pub(super) struct Months {
    months: Vec<Month>,
    first: NaiveDate,
    /// The departments existing at the period's end, by id: their index in each month's sums.
    index: HashMap<i64, usize>,
    ids: Vec<i64>,
    /// Scratch of `add`, kept to spare an allocation a task: the units' (role, percent) of one
    /// month, each unit's department index when it leads, each unit's percent at each month.
    units: Vec<(Role, Percent)>,
    lead: Vec<Option<usize>>,
    values: Vec<Percent>,
}

impl Months {
    /// The months of `bounds`' period's year up to its last day (today, while it runs), each
    /// with the score rule and the closed tasks of its end.
    pub(super) fn new(db: &Db, bounds: &Bounds, departments: &[Department]) -> Result<Months> {
        let year = bounds.period.year();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(bounds.period.first_day());
        let mut months = Vec::new();
        for month in crate::domain::trend::months(first, bounds.as_of) {
            let as_of = month.last_day().min(bounds.as_of);
            let end = local_midnight(as_of + Duration::days(1));
            let rule = db.score_rule_at(Some(&instant(end)))?;
            // Closing states matter only where 100% counts once closed.
            let closed = if rule.done_requires_closing {
                db.closing_states(Some(end))?
            } else {
                HashMap::new()
            };
            months.push(Month {
                month,
                as_of,
                end: instant(end),
                rule,
                closed,
                tally: TaskTally::default(),
                acc: vec![(0.0, 0.0); departments.len()],
            });
        }
        Ok(Months {
            months,
            first,
            index: departments
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id, i))
                .collect(),
            ids: departments.iter().map(|d| d.id).collect(),
            units: Vec::new(),
            lead: Vec::new(),
            values: Vec::new(),
        })
    }

    /// Where the journal's replay must begin for these months: the year's first day.
    pub(super) fn start(&self) -> DateTime<Utc> {
        local_midnight(self.first)
    }

    /// A task (as it stood at the period's end) whose units' tracks are `found`, counted in
    /// every month at whose end it existed.
    pub(super) fn add(&mut self, row: &TaskRow, found: &[Option<&Track>]) {
        let n = self.months.len();
        // Each lead unit's department, looked up once for every month.
        self.lead.clear();
        self.lead.extend(row.units.iter().map(|u| match u.role {
            Role::Lead => self.index.get(&u.department_id).copied(),
            Role::Co => None,
        }));
        // Each unit's percent at every month's end (`Track::percent_on`), its reports walked
        // once: they are in order, and so are the months.
        self.values.clear();
        for track in found {
            let mut value = track.map_or(Percent::ZERO, |t| t.before);
            let mut next = 0;
            for m in &self.months {
                if let Some(t) = track {
                    while let Some(step) = t.reports.get(next).filter(|s| s.day <= m.as_of) {
                        value = step.percent;
                        next += 1;
                    }
                }
                self.values.push(value);
            }
        }
        for (k, m) in self.months.iter_mut().enumerate() {
            if !row.existed_before(&m.end) {
                continue;
            }
            let closed = m.closed.get(&row.id) == Some(&Closing::Closed);
            self.units.clear();
            for (u, unit) in row.units.iter().enumerate() {
                let reported = self.values[u * n + k];
                self.units.push((unit.role, reported));
                if let Some(at) = self.lead[u] {
                    let percent = m.rule.counted(reported, closed);
                    let a = &mut m.acc[at];
                    a.0 += row.weight * f64::from(percent.value());
                    a.1 += row.weight;
                }
            }
            m.tally.add(row.weight, task_completion(&self.units), None);
        }
    }

    pub(super) fn finish(self, period: Period) -> Trend {
        let ids = self.ids;
        let months = self
            .months
            .into_iter()
            .map(|m| {
                let mut by_id: Vec<(i64, f64)> = ids
                    .iter()
                    .zip(&m.acc)
                    .filter(|(_, a)| a.1 > 0.0)
                    .map(|(id, a)| (*id, a.0 / a.1))
                    .collect();
                by_id.sort_by_key(|d| d.0);
                MonthFigures {
                    month: m.month,
                    as_of: m.as_of,
                    total: m.tally.completion(),
                    departments: by_id,
                }
            })
            .collect();
        Trend { period, months }
    }
}

/// `None` when the period has not begun on `today`. `plan`: one plan's tasks, or every plan's.
/// The circular's workbook reads it in the circular's own walk (`circular::read_with_trend`).
pub fn monthly(
    db: &Db,
    period: Period,
    today: NaiveDate,
    plan: Option<i64>,
) -> Result<Option<Trend>> {
    // Only the period's last day and the end of its reading matter here, which the cycle does
    // not change.
    let cycle = db.cycle_settings()?;
    let Some(bounds) = Bounds::new(period, &cycle, today) else {
        return Ok(None);
    };
    let departments = db.departments_at(Some(&instant(bounds.end)))?;
    let mut months = Months::new(db, &bounds, &departments)?;
    let tracks = tracks(db, months.start(), bounds.end, plan)?;
    let mut found = Vec::new();
    db.for_each_task_existing_at(bounds.end, plan, |row| {
        found.clear();
        found.extend(
            row.units
                .iter()
                .map(|u| tracks.get(row.id, u.department_id)),
        );
        months.add(row, &found);
        Ok(())
    })?;
    Ok(Some(months.finish(period)))
}
