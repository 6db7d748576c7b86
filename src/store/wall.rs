//! The read behind view 7's grouping by lead unit: each task's lead unit (the first lead by the
//! order the plan names its units, else the first-named unit) and the departments in list order.
//! One scan of the assignments, kept by the caller while the file does not change.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::Db;
use super::error::Result;
use super::read::{AS_OF_POSITION, AS_OF_ROLE, UNIT_STANDS};
use crate::store::instant;

/// Each task's lead unit, as a rank in `departments` (dense task ids make a plain vector).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadUnits {
    /// Indexed by task id: the lead unit's index in `departments`; `u32::MAX` for none.
    pub rank: Vec<u32>,
    /// Departments in the department list's order (position, then id): id and name.
    pub departments: Vec<(i64, String)>,
}

impl LeadUnits {
    /// The index in `departments` of task `task`'s lead unit, if it has one.
    pub fn rank_of(&self, task: i64) -> Option<u32> {
        usize::try_from(task)
            .ok()
            .and_then(|i| self.rank.get(i))
            .copied()
            .filter(|&r| r != u32::MAX)
    }

    /// The department id of task `task`'s lead unit.
    pub fn lead_of(&self, task: i64) -> Option<i64> {
        self.rank_of(task)
            .and_then(|r| self.departments.get(r as usize))
            .map(|d| d.0)
    }

    pub fn name_of(&self, department: i64) -> Option<&str> {
        self.departments
            .iter()
            .find(|d| d.0 == department)
            .map(|d| d.1.as_str())
    }
}

impl Db {
    /// Every task's lead unit, now or as of `as_of`: among the units standing on it, the first
    /// lead in the plan's order, else the first-named unit.
    pub fn lead_units(&self, as_of: Option<DateTime<Utc>>) -> Result<LeadUnits> {
        let mut departments: Vec<(i64, String)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name FROM department ORDER BY position, id")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                departments.push((r.get(0)?, r.get(1)?));
            }
        }
        let place: HashMap<i64, u32> = departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.0, i as u32))
            .collect();
        let sql = match as_of {
            None => "SELECT a.task_id, a.department_id, a.role = 'lead', a.position
                     FROM assignment a WHERE a.removed_at IS NULL AND ?2 IS NULL"
                .to_string(),
            Some(_) => format!(
                "SELECT a.task_id, a.department_id, {AS_OF_ROLE} = 'lead', {AS_OF_POSITION}
                 FROM assignment a WHERE {UNIT_STANDS}"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![None::<i64>, as_of.map(instant)])?;
        // Per task: the best (not lead, position, department) seen so far and its rank.
        let mut best: Vec<(bool, i64, i64)> = Vec::new();
        let mut rank: Vec<u32> = Vec::new();
        while let Some(r) = rows.next()? {
            let task: i64 = r.get(0)?;
            let department: i64 = r.get(1)?;
            let lead: bool = r.get(2)?;
            let position: i64 = r.get(3)?;
            let (Ok(t), Some(&p)) = (usize::try_from(task), place.get(&department)) else {
                continue;
            };
            if rank.len() <= t {
                rank.resize(t + 1, u32::MAX);
                best.resize(t + 1, (true, i64::MAX, i64::MAX));
            }
            let key = (!lead, position, department);
            if rank[t] == u32::MAX || key < best[t] {
                best[t] = key;
                rank[t] = p;
            }
        }
        Ok(LeadUnits { rank, departments })
    }
}
