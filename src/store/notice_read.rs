//! 督办单 reads beyond the list (issue 22): the notices duban proposes from the current lights,
//! the counts of the status line and the circular as of an instant, and the mark `duban tasks`
//! puts on a task with a live notice.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::Db;
use super::error::Result;
use super::journal::TaskRef;
use super::model::Scope;
use super::notice::{Notice, NoticeCounts, NoticeQuery, bound};
use crate::domain::closing::Closing;
use crate::domain::notice::{Level, Standing, State, Step};
use crate::domain::notice_rule::{Proposal, propose, rule_level};
use crate::domain::{AssignmentFact, Percent, Role};

/// A notice duban proposes (never issues): for one unit of one task, from its light now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeProposal {
    pub task: TaskRef,
    pub department_id: i64,
    pub department: String,
    pub role: Role,
    /// The unit's own percent and its deadline, the facts the light is made of.
    pub percent: Percent,
    pub deadline: NaiveDate,
    pub proposal: Proposal,
    /// The notice it would follow (escalate), when it follows one.
    pub follows: Option<Standing>,
}

/// The notice counts of each department (by id) and of all, for the circular.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeTally {
    pub by_department: HashMap<i64, NoticeCounts>,
    pub total: NoticeCounts,
}

/// The most pressing live notice of a task (any unit's), for the mark in `duban tasks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeMark {
    pub level: Level,
    /// One of its live notices waits for a reply past its reply-by date.
    pub overdue: bool,
}

/// The live notices (waiting for a reply or for review) of each task and unit, as the proposal
/// rule sees them.
fn live_by_place(notices: &[Notice]) -> HashMap<(i64, i64), Vec<Standing>> {
    let mut out: HashMap<(i64, i64), Vec<Standing>> = HashMap::new();
    for n in notices.iter().filter(|n| n.state.is_live()) {
        out.entry((n.task.id, n.department_id))
            .or_default()
            .push(n.standing());
    }
    out
}

/// Each task with a live notice among `notices`: the most pressing level and whether one is
/// overdue on `today` (the TUI's rows, from the notices it read for them).
pub fn marks_of(notices: &[Notice], today: NaiveDate) -> HashMap<i64, NoticeMark> {
    let mut out: HashMap<i64, NoticeMark> = HashMap::new();
    for n in notices.iter().filter(|n| n.state.is_live()) {
        let overdue = n.is_overdue(today);
        out.entry(n.task.id)
            .and_modify(|m| {
                m.level = m.level.max(n.level);
                m.overdue |= overdue;
            })
            .or_insert(NoticeMark {
                level: n.level,
                overdue,
            });
    }
    out
}

impl Db {
    /// The notices the rules propose on `today` from the current lights (`department`: only its
    /// own), most pressing first, then in task order. The lead units are measured by their light;
    /// any unit with a notice left unanswered past its reply-by date gets the next level. Tasks
    /// closed or waiting for closing review (办结销号) are left out. Never writes.
    pub fn notice_proposals(
        &self,
        today: NaiveDate,
        department: Option<i64>,
    ) -> Result<Vec<NoticeProposal>> {
        self.proposals_where(today, department, None)
    }

    /// The proposal for one task and unit on `today`, if the rules make one: what `issue`
    /// defaults to.
    pub fn notice_proposal(
        &self,
        task_id: i64,
        department_id: i64,
        today: NaiveDate,
    ) -> Result<Option<NoticeProposal>> {
        Ok(self
            .proposals_where(today, Some(department_id), Some(task_id))?
            .pop())
    }

    fn proposals_where(
        &self,
        today: NaiveDate,
        department: Option<i64>,
        task: Option<i64>,
    ) -> Result<Vec<NoticeProposal>> {
        let settings = self.notice_settings_at(None)?;
        let q = NoticeQuery {
            task,
            department,
            ..NoticeQuery::default()
        };
        let live = live_by_place(&self.notices(&q)?);
        let closing = self.closing_states(None)?;
        let mut found: Vec<(i64, i64, Role, Percent, NaiveDate, Proposal)> = Vec::new();
        let scope = Scope {
            department,
            as_of: None,
            plan: None,
        };
        self.for_each_fact(scope, |fact| {
            if task.is_some_and(|t| t != fact.task_id) {
                return;
            }
            let standing = live.get(&(fact.task_id, fact.department_id));
            // Co-units are answerable through their lead: only a notice issued to one by hand
            // climbs the ladder.
            let rule = if fact.role == Role::Lead {
                rule_level(fact.percent, fact.schedule, today, &settings)
            } else {
                None
            };
            if rule.is_none() && standing.is_none() {
                return;
            }
            if matches!(
                closing.get(&fact.task_id),
                Some(Closing::Closed | Closing::Pending)
            ) {
                return;
            }
            let standing = standing.map_or(&[][..], Vec::as_slice);
            if let Some(p) = propose(rule, standing, today) {
                found.push((
                    fact.task_id,
                    fact.department_id,
                    fact.role,
                    fact.percent,
                    fact.schedule.deadline,
                    p,
                ));
            }
        })?;
        found.sort_by_key(|f| (std::cmp::Reverse(f.5.level), f.0, f.1));
        let names: HashMap<i64, String> = self
            .department_names()?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        // The tasks named in one read (a proposal per task at 100,000 tasks: a lookup each
        // was most of the time).
        let ids: Vec<i64> = found.iter().map(|f| f.0).collect();
        let tasks: HashMap<i64, TaskRef> = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.number, t.title, p.title
                 FROM json_each(?1) j JOIN task t ON t.id = j.value JOIN plan p ON p.id = t.plan_id",
            )?
            .query_map([serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())], |r| {
                Ok(TaskRef {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    title: r.get(2)?,
                    plan_title: r.get(3)?,
                })
            })?
            .map(|t| t.map(|t| (t.id, t)))
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(found.len());
        for (task_id, department_id, role, percent, deadline, proposal) in found {
            let Some(task) = tasks.get(&task_id).cloned() else {
                continue;
            };
            let follows = proposal.follows.and_then(|id| {
                live.get(&(task_id, department_id))
                    .and_then(|s| s.iter().find(|s| s.id == id).cloned())
            });
            out.push(NoticeProposal {
                task,
                department_id,
                department: names.get(&department_id).cloned().unwrap_or_default(),
                role,
                percent,
                deadline,
                proposal,
                follows,
            });
        }
        Ok(out)
    }

    /// The notices counted by department, as they stood before `as_of` (now, when `None`) on
    /// `today` (the day overdue is judged on): issued, answered and closed within
    /// [`since`, `as_of`) (`since` `None`: from the first), waiting, overdue and under review at
    /// `as_of`. `plan`: only the notices of its tasks.
    pub fn notice_tally(
        &self,
        since: Option<DateTime<Utc>>,
        as_of: Option<DateTime<Utc>>,
        today: NaiveDate,
        plan: Option<i64>,
    ) -> Result<NoticeTally> {
        let notices = self.notices(&NoticeQuery {
            plan,
            as_of,
            ..NoticeQuery::default()
        })?;
        let since = since.map(super::model::instant).unwrap_or_default();
        let end = bound(as_of);
        let within = |at: &str| at >= since.as_str() && at < end.as_str();
        let mut tally = NoticeTally::default();
        for n in &notices {
            let mut c = NoticeCounts::default();
            if within(&n.at) {
                c.issued = 1;
            }
            let stepped = |step: Step| n.steps.iter().any(|s| s.step == step && within(&s.at));
            c.answered = u64::from(stepped(Step::Reply));
            c.closed = u64::from(stepped(Step::Accept));
            if n.state.awaits_reply() {
                c.awaiting = 1;
                c.overdue = u64::from(n.is_overdue(today));
            }
            c.under_review = u64::from(n.state == State::Answered);
            tally
                .by_department
                .entry(n.department_id)
                .or_default()
                .absorb(&c);
            tally.total.absorb(&c);
        }
        Ok(tally)
    }

    /// The notices of `department` (or all) as they stood before `as_of` (now, when `None`),
    /// on `today`, of `plan`'s tasks when given: `duban status`'s line.
    pub fn notice_counts(
        &self,
        as_of: Option<DateTime<Utc>>,
        today: NaiveDate,
        department: Option<i64>,
        plan: Option<i64>,
    ) -> Result<NoticeCounts> {
        let tally = self.notice_tally(None, as_of, today, plan)?;
        Ok(match department {
            Some(d) => tally.by_department.get(&d).copied().unwrap_or_default(),
            None => tally.total,
        })
    }

    /// Each task with a live notice before `as_of` (now, when `None`): the most pressing level
    /// and whether one is overdue on `today`.
    pub fn notice_marks(
        &self,
        as_of: Option<DateTime<Utc>>,
        today: NaiveDate,
    ) -> Result<HashMap<i64, NoticeMark>> {
        let notices = self.notices(&NoticeQuery {
            as_of,
            ..NoticeQuery::default()
        })?;
        Ok(marks_of(&notices, today))
    }

    /// One unit's part of a task (role, percent, schedule) as it stood before `as_of` (now, when
    /// `None`): the facts a printed notice states, as they were when it was issued.
    pub fn unit_fact(
        &self,
        task_id: i64,
        department_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Option<AssignmentFact>> {
        let mut found = None;
        let scope = Scope {
            department: Some(department_id),
            as_of,
            plan: None,
        };
        self.for_each_fact(scope, |fact| {
            if fact.task_id == task_id {
                found = Some(fact);
            }
        })?;
        Ok(found)
    }
}
