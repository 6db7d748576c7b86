//! Key projects' investment in the outputs (issue 23): per department and in total, the year's
//! planned investment (年度计划投资), what was completed this year (本年累计完成, the latest
//! figure up to the day) and the rate (年度投资完成率).
//!
//! A department's figures are the sum over the key projects it leads (its lead role on the task,
//! as it stood then); the total counts every project once, so a project with two leads is in
//! both their lines and once in the total, and one whose task has no lead only in the total.
//! `status` reads it now (or as of `--as-of`), the circular as of its period's end, so a
//! circular recomputed later says what it said when issued.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::{Role, project};
use crate::store::{Db, ProjectInfo, Result, TaskRow, instant};

/// Projects, planned and completed investment (万元), added up.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sum {
    pub projects: u32,
    pub planned: f64,
    pub completed: f64,
}

impl Sum {
    fn add(&mut self, info: &ProjectInfo, year: i32, day: NaiveDate) {
        self.projects += 1;
        self.planned += info.planned(year).unwrap_or(0.0);
        self.completed += info.completed_in_year(year, day).unwrap_or(0.0);
    }

    /// Completed over planned, in percent; `None` when nothing is planned.
    pub fn rate(&self) -> Option<f64> {
        project::rate(self.completed, self.planned)
    }
}

/// One department's line: the projects it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct DeptInvestment {
    pub department_id: i64,
    pub name: String,
    pub sum: Sum,
}

/// The investment of the key projects in a scope, on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Investment {
    /// The year of `as_of`: whose plan and figures are counted.
    pub year: i32,
    pub as_of: NaiveDate,
    /// Departments that lead at least one project, in the department list's order.
    pub departments: Vec<DeptInvestment>,
    /// Every project once.
    pub total: Sum,
}

impl Investment {
    /// A department's line, if it leads a project.
    pub fn of(&self, department_id: i64) -> Option<&Sum> {
        self.departments
            .iter()
            .find(|d| d.department_id == department_id)
            .map(|d| &d.sum)
    }
}

/// The key projects' investment on `day`, from the store as of `at` (now, when `None`): of the
/// tasks of `plan` (all, when `None`), and with `department`, of the projects it leads only.
/// `None` when no project is in that scope (a file without projects reads one empty table).
pub fn build(
    db: &Db,
    at: Option<DateTime<Utc>>,
    day: NaiveDate,
    plan: Option<i64>,
    department: Option<i64>,
) -> Result<Option<Investment>> {
    let projects = db.projects(None, at)?;
    if projects.is_empty() {
        return Ok(None);
    }
    let mut ids: Vec<i64> = projects.keys().copied().collect();
    ids.sort_unstable();
    // The tasks as they stood (deleted ones left out), with their units and roles then.
    let tasks = db.tasks_by_id(&ids, at)?;
    let order: Vec<i64> = db
        .departments_at(at.map(instant).as_deref())?
        .iter()
        .map(|d| d.id)
        .collect();
    Ok(summarize(
        &projects,
        &tasks,
        &Scope {
            order: &order,
            day,
            plan,
            department,
        },
    ))
}

/// What `summarize` counts: the day, the scope, and the departments' order.
pub struct Scope<'a> {
    /// Department ids in list order (others follow, by name).
    pub order: &'a [i64],
    pub day: NaiveDate,
    pub plan: Option<i64>,
    pub department: Option<i64>,
}

/// Adds up `projects` over `tasks` (the project tasks that exist, with their units): pure.
pub fn summarize(
    projects: &HashMap<i64, ProjectInfo>,
    tasks: &[TaskRow],
    scope: &Scope<'_>,
) -> Option<Investment> {
    let year = scope.day.year();
    let mut total = Sum::default();
    let mut lines: HashMap<i64, DeptInvestment> = HashMap::new();
    for task in tasks {
        let Some(info) = projects.get(&task.id) else {
            continue;
        };
        if scope.plan.is_some_and(|p| p != task.plan_id) {
            continue;
        }
        let mut leads: Vec<_> = task.units.iter().filter(|u| u.role == Role::Lead).collect();
        leads.dedup_by_key(|u| u.department_id);
        if scope
            .department
            .is_some_and(|d| !leads.iter().any(|u| u.department_id == d))
        {
            continue;
        }
        total.add(info, year, scope.day);
        for unit in leads {
            if scope.department.is_some_and(|d| d != unit.department_id) {
                continue;
            }
            lines
                .entry(unit.department_id)
                .or_insert_with(|| DeptInvestment {
                    department_id: unit.department_id,
                    name: unit.name.clone(),
                    sum: Sum::default(),
                })
                .sum
                .add(info, year, scope.day);
        }
    }
    if total.projects == 0 {
        return None;
    }
    let position: HashMap<i64, usize> = scope
        .order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut departments: Vec<DeptInvestment> = lines.into_values().collect();
    departments.sort_by(|a, b| {
        let key = |d: &DeptInvestment| position.get(&d.department_id).copied();
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.cmp(&b.name),
        }
    });
    Some(Investment {
        year,
        as_of: scope.day,
        departments,
        total,
    })
}

/// An amount as the JSON carries it: to the hundredth (a 万元 figure has at most two places).
pub fn json_amount(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// A rate as the JSON carries it: to one decimal, like the other percents.
pub fn json_rate(v: Option<f64>) -> Option<f64> {
    v.map(|r| (r * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{Figure, Month, Project, YearPlan};
    use crate::domain::{Percent, Schedule};
    use crate::store::TaskUnit;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn info(task_id: i64, planned: f64, figures: &[(&str, f64)]) -> ProjectInfo {
        ProjectInfo {
            project: Project {
                task_id,
                owner: "某公司".into(),
                total: Some(planned * 3.0),
            },
            plans: vec![YearPlan {
                year: 2024,
                planned,
            }],
            figures: figures
                .iter()
                .map(|(m, a)| Figure {
                    month: Month::parse(m).unwrap(),
                    amount: *a,
                })
                .collect(),
            last_figure: None,
        }
    }

    fn task(id: i64, plan_id: i64, units: &[(i64, &str, Role)]) -> TaskRow {
        TaskRow {
            id,
            plan_id,
            number: id.to_string(),
            title: "t".into(),
            section: None,
            deadline: None,
            deadline_text: None,
            schedule: Schedule {
                starts_on: day("2024-01-01"),
                deadline: day("2024-12-31"),
            },
            weight: 1.0,
            created_at: String::new(),
            deleted_at: None,
            units: units
                .iter()
                .map(|(d, n, r)| TaskUnit {
                    department_id: *d,
                    name: n.to_string(),
                    role: *r,
                    percent: Percent::ZERO,
                })
                .collect(),
        }
    }

    #[test]
    fn departments_sum_what_they_lead_and_the_total_counts_each_project_once() {
        let projects: HashMap<i64, ProjectInfo> = [
            (
                1,
                info(1, 1000.0, &[("2024-03", 200.0), ("2024-06", 450.0)]),
            ),
            (2, info(2, 500.0, &[("2024-05", 100.0), ("2024-09", 400.0)])),
            (3, info(3, 300.0, &[])),
        ]
        .into();
        let tasks = vec![
            // Two leads: in both lines, once in the total.
            task(1, 1, &[(10, "甲局", Role::Lead), (11, "乙局", Role::Lead)]),
            task(2, 1, &[(11, "乙局", Role::Lead), (10, "甲局", Role::Co)]),
            // No lead: in the total only.
            task(3, 2, &[(12, "丙街道", Role::Co)]),
        ];
        let scope = Scope {
            order: &[11, 10, 12],
            day: day("2024-06-30"),
            plan: None,
            department: None,
        };
        let inv = summarize(&projects, &tasks, &scope).unwrap();
        assert_eq!(inv.year, 2024);
        let names: Vec<&str> = inv.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["乙局", "甲局"]);
        // 乙局: 1000 + 500 planned, 450 + 100 completed (task 2's September figure is later).
        assert_eq!(
            inv.of(11),
            Some(&Sum {
                projects: 2,
                planned: 1500.0,
                completed: 550.0
            })
        );
        assert_eq!(
            inv.of(10),
            Some(&Sum {
                projects: 1,
                planned: 1000.0,
                completed: 450.0
            })
        );
        assert_eq!(inv.of(10).unwrap().rate(), Some(45.0));
        assert_eq!(
            inv.total,
            Sum {
                projects: 3,
                planned: 1800.0,
                completed: 550.0
            }
        );
        // One plan; one department.
        let one = summarize(
            &projects,
            &tasks,
            &Scope {
                plan: Some(2),
                ..scope
            },
        )
        .unwrap();
        assert_eq!(one.total.projects, 1);
        assert!(one.departments.is_empty());
        let mine = summarize(
            &projects,
            &tasks,
            &Scope {
                order: &[11, 10, 12],
                department: Some(10),
                ..scope
            },
        )
        .unwrap();
        assert_eq!(mine.departments.len(), 1);
        assert_eq!(mine.total.planned, 1000.0);
        let none = Scope {
            order: &[],
            department: Some(12),
            ..scope
        };
        assert_eq!(summarize(&projects, &tasks, &none), None);
    }

    #[test]
    fn nothing_planned_has_no_rate() {
        assert_eq!(Sum::default().rate(), None);
        assert_eq!(json_rate(Some(100.0 / 3.0)), Some(33.3));
        assert_eq!(json_amount(0.1 + 0.2), 0.3);
    }
}
