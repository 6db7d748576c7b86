//! Reads for the browsing screens: lists of any length are read as small sort keys first and
//! their text only for the rows on screen, so 100,000 tasks never sit in memory as text.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::Db;
use super::error::Result;
use super::model::*;
use super::read::{
    AS_OF_DEADLINE, AS_OF_DEADLINE_TEXT, AS_OF_NAME, AS_OF_NUMBER, AS_OF_OWN_DEADLINE,
    AS_OF_PERCENT, AS_OF_POSITION, AS_OF_ROLE, AS_OF_SECTION, AS_OF_STARTS, AS_OF_TITLE,
    CURRENT_PERCENT, DateCache, TASK_EXISTS, TASK_PAST, TaskSelection, UNIT_STANDS, percent_col,
    section_label,
};
use crate::domain::{Percent, Role, Schedule};

/// What a task list needs to order, group, filter and light one task.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskKey {
    pub id: i64,
    /// Which plan the task is in (lists show it when several are shown together).
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub schedule: Schedule,
    /// Mean of the lead units' percent (of all units when none leads); `None` with no unit.
    pub completion: Option<f64>,
}

/// Which tasks a list shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskQuery {
    /// Matches number, title, or the name or an alias of any of the task's units.
    pub text: String,
    /// Only tasks this department is assigned to, of this plan, as of this instant.
    pub scope: Scope,
}

/// One unit of a task as the detail screen shows it: with who last reported and what.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDetail {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
    pub percent: Percent,
    pub last: Option<ProgressEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskDetail {
    pub id: i64,
    pub plan_id: i64,
    pub number: String,
    pub title: String,
    pub body: String,
    pub section: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<String>,
    pub schedule: Schedule,
    pub units: Vec<UnitDetail>,
    /// The last closing step (办结销号) as of the read: its state, who, when, the note or the
    /// reason it was sent back with. `None`: never applied for.
    pub closing: Option<super::ClosingEntry>,
    /// The extension journal (延期申请) as of the read, oldest first.
    pub extensions: Vec<super::ExtensionEntry>,
    /// Its evidence files (佐证材料) kept as of the read, oldest first.
    pub attachments: Vec<super::Attachment>,
    /// Its 督办单 (every unit's) as they stood at the read, newest first.
    pub notices: Vec<super::Notice>,
    /// Its milestones (节点) as they stood at the read, in order.
    pub milestones: Vec<crate::domain::Milestone>,
    /// Its key-project fields and figures (重点项目) as they stood at the read, if it is one.
    pub project: Option<Box<super::ProjectInfo>>,
    /// Every unit's journal figures as of the read, oldest first: the month sparklines.
    pub steps: Vec<PercentStep>,
}

/// One journal row's figure: which unit, when (an ISO UTC instant, as stored), the percent it
/// set (an undo's row: the percent it put back).
#[derive(Debug, Clone, PartialEq)]
pub struct PercentStep {
    pub department_id: i64,
    pub reported_at: String,
    pub percent: Percent,
}

/// The newest journal row: who wrote last, for "updated by …".
#[derive(Debug, Clone, PartialEq)]
pub struct LatestReport {
    pub id: i64,
    pub reported_by: String,
}

/// `LIKE` pattern for "contains `text`", with the wildcards in `text` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Db {
    /// Sort keys of every task matching `q`, in plan order. Units' percents are as of `q.as_of`.
    pub fn task_keys(&self, q: &TaskQuery) -> Result<Vec<TaskKey>> {
        let percent = if q.scope.as_of.is_some() {
            AS_OF_PERCENT
        } else {
            CURRENT_PERCENT
        };
        // Departments matching the text are found once (a small table); tasks then match by
        // number, title or one of those departments. Completion per task is a lookup by the
        // assignment primary key.
        let sql = format!(
            "WITH matched(id) AS (
                 SELECT id FROM department WHERE name LIKE ?3 ESCAPE '\\'
                 UNION SELECT department_id FROM department_alias WHERE alias LIKE ?3 ESCAPE '\\')
             SELECT t.id, t.plan_id, t.section_id, {AS_OF_STARTS}, {AS_OF_DEADLINE},
                    (SELECT coalesce(avg(CASE WHEN {AS_OF_ROLE} = 'lead' THEN {percent} END),
                                     avg({percent}))
                     FROM assignment a WHERE a.task_id = t.id AND {UNIT_STANDS})
             FROM task t JOIN plan p ON p.id = t.plan_id
             {TASK_PAST}
             WHERE {mine} AND {plan} AND (?2 IS NULL OR t.created_at < ?2) AND {TASK_EXISTS}
               AND (?3 IS NULL OR t.number LIKE ?3 ESCAPE '\\' OR t.title LIKE ?3 ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM assignment m
                               WHERE m.task_id = t.id AND m.department_id IN matched))
             ORDER BY t.plan_id, t.position, t.id",
            plan = if q.scope.plan.is_some() {
                "t.plan_id = ?4"
            } else {
                "?4 IS NULL"
            },
            mine = if q.scope.department.is_some() {
                format!(
                    "t.id IN (SELECT a.task_id FROM assignment a WHERE a.department_id = ?1
                              AND {UNIT_STANDS})"
                )
            } else {
                "?1 IS NULL".to_string()
            }
        );
        let text = q.text.trim();
        let pattern = (!text.is_empty()).then(|| contains_pattern(text));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let scope = q.scope;
        let mut rows = stmt.query(params![
            scope.department,
            scope.as_of.map(instant),
            pattern,
            scope.plan
        ])?;
        let mut dates = DateCache::default();
        let mut keys = Vec::new();
        while let Some(r) = rows.next()? {
            keys.push(TaskKey {
                id: r.get(0)?,
                plan_id: r.get(1)?,
                section_id: r.get(2)?,
                schedule: Schedule {
                    starts_on: dates.get(r, 3)?,
                    deadline: dates.get(r, 4)?,
                },
                completion: r.get(5)?,
            });
        }
        Ok(keys)
    }

    /// Section labels ("一、 总体要求") by id.
    pub fn section_labels(&self) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, number, title FROM section")?;
        let rows = stmt.query_map([], |r| {
            let label = section_label(r.get(1)?, r.get(2)?).unwrap_or_default();
            Ok((r.get::<_, i64>(0)?, label))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tasks with these ids, with their units, in the order of `ids` (ids not found are
    /// left out). For the rows on screen: a few dozen at a time.
    pub fn tasks_by_id(&self, ids: &[i64], as_of: Option<DateTime<Utc>>) -> Result<Vec<TaskRow>> {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut rows = self.tasks_matching(TaskSelection::Ids(&list), as_of)?;
        let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|t| order.get(&t.id).copied().unwrap_or(usize::MAX));
        Ok(rows)
    }

    /// One task with its body, units and each unit's last report (as of `as_of`). `None` for a
    /// deleted task (as of a date before its deletion, it is shown). The last report is the
    /// newest that stands (the net journal, as `period_reports` reads it): an undo row only
    /// restores an earlier report's figure and note, so the report it restored is named, with
    /// its own reporter, not the clerk who undid the later one.
    pub fn task_detail(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Option<TaskDetail>> {
        let bound = as_of.map(instant);
        let head = self
            .conn
            .prepare_cached(&format!(
                "SELECT {AS_OF_NUMBER}, {AS_OF_TITLE}, t.body, s.number, s.title, {AS_OF_OWN_DEADLINE},
                        {AS_OF_DEADLINE_TEXT}, {AS_OF_STARTS}, {AS_OF_DEADLINE}, t.plan_id
                 FROM task t JOIN plan p ON p.id = t.plan_id
                 {TASK_PAST}
                 {AS_OF_SECTION}
                 WHERE t.id = ?1 AND (t.deleted_at IS NULL OR t.deleted_at >= ?2)"
            ))?
            .query_row(params![task_id, bound], |r| {
                let mut dates = DateCache::default();
                let section = section_label(r.get(3)?, r.get(4)?);
                Ok(TaskDetail {
                    id: task_id,
                    plan_id: r.get(9)?,
                    number: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                    section,
                    deadline: r
                        .get::<_, Option<String>>(5)?
                        .and_then(|s| s.parse::<NaiveDate>().ok()),
                    deadline_text: r.get(6)?,
                    schedule: Schedule {
                        starts_on: dates.get(r, 7)?,
                        deadline: dates.get(r, 8)?,
                    },
                    units: Vec::new(),
                    closing: None,
                    extensions: Vec::new(),
                    attachments: Vec::new(),
                    notices: Vec::new(),
                    milestones: Vec::new(),
                    project: None,
                    steps: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut detail) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.department_id, {AS_OF_NAME}, {AS_OF_ROLE}, a.percent,
                    g.id, g.percent, g.note, g.reported_by, g.reported_at
             FROM assignment a JOIN department d ON d.id = a.department_id
             LEFT JOIN progress g ON g.id = (
                 SELECT h.id FROM progress h
                 WHERE h.task_id = a.task_id AND h.department_id = a.department_id
                   AND (?2 IS NULL OR h.reported_at < ?2)
                   AND h.undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = h.id
                                   AND (?2 IS NULL OR u.reported_at < ?2))
                 ORDER BY h.reported_at DESC, h.id DESC LIMIT 1)
             WHERE a.task_id = ?1 AND {UNIT_STANDS}
             ORDER BY {AS_OF_POSITION}, d.position, d.id"
        ))?;
        let mut rows = stmt.query(params![task_id, bound])?;
        while let Some(r) = rows.next()? {
            let role: String = r.get(2)?;
            let last = match r.get::<_, Option<i64>>(4)? {
                Some(id) => Some(ProgressEntry {
                    id,
                    percent: percent_col(r, 5)?,
                    note: r.get(6)?,
                    reported_by: r.get(7)?,
                    reported_at: r.get(8)?,
                }),
                None => None,
            };
            // As of a past date the unit stands where its last report then put it.
            let percent = match (&bound, &last) {
                (Some(_), Some(entry)) => entry.percent,
                (Some(_), None) => Percent::ZERO,
                (None, _) => percent_col(r, 3)?,
            };
            detail.units.push(UnitDetail {
                department_id: r.get(0)?,
                name: r.get(1)?,
                role: role.parse().unwrap_or(Role::Co),
                percent,
                last,
            });
        }
        detail.closing = self.last_closing_steps(&[task_id], as_of)?.remove(&task_id);
        detail.extensions = self.extension_history(task_id, as_of)?;
        detail.attachments = self.task_attachments(task_id, as_of)?;
        detail.notices = self.task_notices(task_id, as_of)?;
        detail.milestones = self
            .milestones(Some(&[task_id]), as_of)?
            .remove(&task_id)
            .unwrap_or_default();
        detail.project = self
            .projects(Some(&[task_id]), as_of)?
            .remove(&task_id)
            .map(Box::new);
        detail.steps = self.percent_steps(task_id, as_of)?;
        Ok(Some(detail))
    }

    /// Every journal row of a task before `as_of` (all when `None`): unit, instant and percent,
    /// oldest first. One range of `progress_by_assignment`.
    pub fn percent_steps(
        &self,
        task_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<PercentStep>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT department_id, reported_at, percent FROM progress
             WHERE task_id = ?1 AND (?2 IS NULL OR reported_at < ?2)
             ORDER BY reported_at, id",
        )?;
        let rows = stmt.query_map(params![task_id, as_of.map(instant)], |r| {
            Ok(PercentStep {
                department_id: r.get(0)?,
                reported_at: r.get(1)?,
                percent: percent_col(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The journal of one assignment before `as_of` (all of it when `None`), oldest first.
    pub fn history_as_of(
        &self,
        task_id: i64,
        department_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<ProgressEntry>> {
        let mut entries = self.history(task_id, department_id)?;
        if let Some(bound) = as_of.map(instant) {
            entries.retain(|e| e.reported_at < bound);
        }
        Ok(entries)
    }

    /// The newest journal row, to tell who changed the file since the screen was drawn.
    pub fn latest_report(&self) -> Result<Option<LatestReport>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, reported_by FROM progress WHERE id = (SELECT max(id) FROM progress)",
            )?
            .query_row([], |r| {
                Ok(LatestReport {
                    id: r.get(0)?,
                    reported_by: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Who wrote journal rows after row `after_id`, newest first, each name once.
    pub fn reporters_since(&self, after_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            // NOT INDEXED: the rows after `after_id` are a range of the primary key; left to
            // itself the planner walked all of progress_by_reporter to group by name.
            "SELECT reported_by FROM progress NOT INDEXED WHERE id > ?1
             GROUP BY reported_by ORDER BY max(id) DESC LIMIT 5",
        )?;
        let rows = stmt.query_map([after_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
