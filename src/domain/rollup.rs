//! Rollups: a task's completion from its units, a department's figures from its assignments.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::light::{Assessment, Light, Schedule, Thresholds, assess};
use super::percent::Percent;
use super::role::Role;

/// One task × department row with what the rules need to judge it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssignmentFact {
    pub task_id: i64,
    pub department_id: i64,
    pub role: Role,
    pub percent: Percent,
    pub weight: f64,
    pub schedule: Schedule,
}

impl AssignmentFact {
    pub fn assess(&self, today: NaiveDate, thresholds: &Thresholds) -> Assessment {
        assess(self.percent, self.schedule, today, thresholds)
    }
}

/// A task's completion: the mean of its lead units' percent. A task whose units are all co-units
/// (possible after edits) uses all of them; a task with no unit has no completion ("unassigned").
pub fn task_completion(units: &[(Role, Percent)]) -> Option<f64> {
    let mean = |it: &mut dyn Iterator<Item = Percent>| {
        let (sum, n) = it.fold((0u32, 0u32), |(s, n), p| (s + u32::from(p.value()), n + 1));
        (n > 0).then(|| f64::from(sum) / f64::from(n))
    };
    mean(
        &mut units
            .iter()
            .filter(|(r, _)| *r == Role::Lead)
            .map(|(_, p)| *p),
    )
    .or_else(|| mean(&mut units.iter().map(|(_, p)| *p)))
}

/// The figures of one department (or of everyone, for the total line).
///
/// `avg_percent` is the weighted mean over led assignments only: co-units are counted separately,
/// never mixed into the lead figure. Done, red and yellow count every assignment the department
/// holds, led or co: a co-unit that is overdue is still overdue and gets chased.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepartmentRollup {
    pub led: u32,
    pub co: u32,
    pub done: u32,
    pub red: u32,
    pub yellow: u32,
    pub next_deadline: Option<NaiveDate>,
    weighted_sum: f64,
    weight_total: f64,
}

impl DepartmentRollup {
    pub fn add(&mut self, fact: &AssignmentFact, today: NaiveDate, thresholds: &Thresholds) {
        self.add_judged(fact, fact.assess(today, thresholds), today);
    }

    /// `add` with the light already judged (by the task's milestones, `MilestoneBook::assess`).
    pub fn add_judged(&mut self, fact: &AssignmentFact, assessment: Assessment, today: NaiveDate) {
        match fact.role {
            Role::Lead => {
                self.led += 1;
                self.weighted_sum += fact.weight * f64::from(fact.percent.value());
                self.weight_total += fact.weight;
            }
            Role::Co => self.co += 1,
        }
        match assessment.light {
            Light::Done => self.done += 1,
            Light::Red => self.red += 1,
            Light::Yellow => self.yellow += 1,
            Light::Green | Light::Notice => {}
        }
        if assessment.light != Light::Done && fact.schedule.deadline >= today {
            self.next_deadline = Some(match self.next_deadline {
                Some(d) => d.min(fact.schedule.deadline),
                None => fact.schedule.deadline,
            });
        }
    }

    /// The weighted sum of the led units' percents and the total of their weights, which the
    /// mean is made of: kept with the counts (store/rollup_cache.rs) so that a kept rollup adds up
    /// as a fresh one does.
    pub fn sums(&self) -> (f64, f64) {
        (self.weighted_sum, self.weight_total)
    }

    /// A rollup as kept: its counts, next deadline and `sums`.
    pub fn with_sums(mut self, weighted_sum: f64, weight_total: f64) -> DepartmentRollup {
        self.weighted_sum = weighted_sum;
        self.weight_total = weight_total;
        self
    }

    /// Adds another rollup into this one (the total line).
    pub fn absorb(&mut self, other: &DepartmentRollup) {
        self.led += other.led;
        self.co += other.co;
        self.done += other.done;
        self.red += other.red;
        self.yellow += other.yellow;
        self.weighted_sum += other.weighted_sum;
        self.weight_total += other.weight_total;
        self.next_deadline = match (self.next_deadline, other.next_deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Weighted mean percent of the led assignments; `None` when the department leads nothing.
    pub fn avg_percent(&self) -> Option<f64> {
        (self.weight_total > 0.0).then(|| self.weighted_sum / self.weight_total)
    }

    /// Worst first: more red, then more yellow, then lower completion (leading nothing sorts after
    /// any figure), ties left to the caller (by name).
    pub fn worst_first(&self, other: &DepartmentRollup) -> Ordering {
        other
            .red
            .cmp(&self.red)
            .then(other.yellow.cmp(&self.yellow))
            .then_with(|| match (self.avg_percent(), other.avg_percent()) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn pct(n: i64) -> Percent {
        Percent::new(n).unwrap()
    }
    fn fact(role: Role, percent: i64, weight: f64, deadline: &str) -> AssignmentFact {
        AssignmentFact {
            task_id: 1,
            department_id: 1,
            role,
            percent: pct(percent),
            weight,
            schedule: Schedule {
                starts_on: day("2024-01-01"),
                deadline: day(deadline),
            },
        }
    }

    #[test]
    fn task_completion_is_the_mean_of_leads() {
        use Role::*;
        assert_eq!(
            task_completion(&[(Lead, pct(60)), (Lead, pct(40)), (Co, pct(0))]),
            Some(50.0)
        );
        assert_eq!(task_completion(&[(Co, pct(30)), (Co, pct(50))]), Some(40.0));
        assert_eq!(task_completion(&[]), None);
    }

    #[test]
    fn department_rollup_weights_leads_and_counts_lights() {
        let today = day("2024-07-01");
        let t = Thresholds::default();
        let mut r = DepartmentRollup::default();
        r.add(&fact(Role::Lead, 100, 1.0, "2024-12-31"), today, &t); // done
        r.add(&fact(Role::Lead, 40, 3.0, "2024-12-31"), today, &t); // green
        r.add(&fact(Role::Lead, 50, 1.0, "2024-06-30"), today, &t); // red, overdue
        r.add(&fact(Role::Co, 0, 5.0, "2024-12-31"), today, &t); // red, behind 49; not in average
        r.add(&fact(Role::Co, 90, 1.0, "2024-07-10"), today, &t); // yellow: due in 9 days
        assert_eq!((r.led, r.co, r.done, r.red, r.yellow), (3, 2, 1, 2, 1));
        // (100*1 + 40*3 + 50*1) / 5 = 54
        assert_eq!(r.avg_percent(), Some(54.0));
        assert_eq!(r.next_deadline, Some(day("2024-07-10")));
    }

    #[test]
    fn worst_first_orders_by_red_yellow_then_percent() {
        let with = |red, yellow, pct: Option<f64>| {
            let mut r = DepartmentRollup {
                red,
                yellow,
                ..Default::default()
            };
            if let Some(p) = pct {
                r.weighted_sum = p;
                r.weight_total = 1.0;
            }
            r
        };
        let mut rows = [
            with(0, 0, Some(90.0)),
            with(0, 0, None),
            with(2, 0, Some(80.0)),
            with(0, 3, Some(70.0)),
            with(0, 0, Some(20.0)),
        ];
        rows.sort_by(DepartmentRollup::worst_first);
        let order: Vec<_> = rows
            .iter()
            .map(|r| (r.red, r.yellow, r.avg_percent()))
            .collect();
        assert_eq!(
            order,
            vec![
                (2, 0, Some(80.0)),
                (0, 3, Some(70.0)),
                (0, 0, Some(20.0)),
                (0, 0, Some(90.0)),
                (0, 0, None)
            ]
        );
    }
}
