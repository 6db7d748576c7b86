//! The task filter's corpus held in memory: one read of the live tasks (sort keys, number, title,
//! units), then every keystroke is matched in memory. Asking SQLite instead read all 100,000
//! titles and a completion subquery per match on each keystroke (180 ms); the whole corpus is
//! about 15 MB at 100,000 tasks and matching it takes a few milliseconds.
//!
//! It matches exactly what `Db::task_keys` matches for a current (not as-of) query: `LIKE
//! '%text%'` on number and title, or any unit whose name or alias contains the text, with ASCII
//! letters compared case-insensitively as SQLite's `LIKE` does. tests/search.rs holds the two
//! side by side. The caller keeps it while `Db::change_stamp` stays the same.

use memchr::memmem::Finder;
use rusqlite::params;

use super::Db;
use super::browse::{TaskKey, TaskQuery};
use super::error::Result;
use super::read::DateCache;
use crate::domain::Schedule;

/// What changes when anything is written to the file: by another connection (`data_version`) or
/// by this one (`total_changes`, which `data_version` does not see).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeStamp {
    data_version: i64,
    own_changes: u64,
}

/// Every live task of the file, in plan order, ready to be filtered.
pub struct TaskIndex {
    stamp: ChangeStamp,
    keys: Vec<TaskKey>,
    /// Per task: its number and title, ASCII-lowercased, each followed by a NUL, all in one
    /// buffer so that one substring search covers every task. A needle never holds a NUL, so a
    /// hit never spans two fields.
    text: Vec<u8>,
    /// Where each task's text starts in `text`, plus the end.
    text_starts: Vec<u32>,
    /// Per task: the ids of its units (`unit_starts` as for `text_starts`).
    units: Vec<i64>,
    unit_starts: Vec<u32>,
    /// Each department's id with its name and aliases, lowercased and NUL-separated.
    departments: Vec<(i64, Vec<u8>)>,
}

impl Db {
    /// Changes whenever the file's content may have changed since it was last taken.
    pub fn change_stamp(&self) -> Result<ChangeStamp> {
        Ok(ChangeStamp {
            data_version: self.data_version()?,
            own_changes: self.conn.total_changes() - self.scratch_changes,
        })
    }

    /// Reads the corpus: two scans, of the tasks in plan order and of the assignments.
    pub fn task_index(&self) -> Result<TaskIndex> {
        let stamp = self.change_stamp()?;
        let mut index = TaskIndex {
            stamp,
            keys: Vec::new(),
            text: Vec::new(),
            text_starts: Vec::new(),
            units: Vec::new(),
            unit_starts: Vec::new(),
            departments: Vec::new(),
        };
        // Task ids are dense (INTEGER PRIMARY KEY), so a task's place in the list is found by a
        // plain vector indexed by id.
        let top: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM task")?
            .query_row([], |r| r.get(0))?;
        let mut place: Vec<u32> = vec![u32::MAX; usize::try_from(top).unwrap_or(0) + 1];
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT t.id, t.section_id, coalesce(t.starts_on, p.starts_on),
                        coalesce(t.deadline, p.ends_on), t.number, t.title, t.plan_id
                 FROM task t JOIN plan p ON p.id = t.plan_id
                 WHERE t.deleted_at IS NULL
                 ORDER BY t.plan_id, t.position, t.id",
            )?;
            let mut rows = stmt.query([])?;
            let mut dates = DateCache::default();
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if let Some(slot) = usize::try_from(id).ok().and_then(|i| place.get_mut(i)) {
                    *slot = index.keys.len() as u32;
                }
                index.keys.push(TaskKey {
                    id,
                    plan_id: r.get(6)?,
                    section_id: r.get(1)?,
                    schedule: Schedule {
                        starts_on: dates.get(r, 2)?,
                        deadline: dates.get(r, 3)?,
                    },
                    completion: None,
                });
                index.text_starts.push(index.text.len() as u32);
                push_folded(&mut index.text, text_col(r, 4)?);
                push_folded(&mut index.text, text_col(r, 5)?);
            }
            index.text_starts.push(index.text.len() as u32);
        }
        // Units, in primary-key order (task, department), then put in plan order: a flat list
        // sorted once, not a vector per task.
        // 16 bytes an entry: about 4 MB at 100,000 tasks, for the moment of the read.
        let mut found: Vec<(u32, bool, u8, i64)> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT task_id, department_id, role = 'lead', percent
                 FROM assignment WHERE removed_at IS NULL",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let task: i64 = r.get(0)?;
                match usize::try_from(task).ok().and_then(|t| place.get(t)) {
                    Some(&i) if i != u32::MAX => {
                        let percent: i64 = r.get(3)?;
                        found.push((i, r.get(2)?, percent.clamp(0, 100) as u8, r.get(1)?));
                    }
                    _ => {}
                }
            }
        }
        // Stable: a task's units keep their department order, as in SQL. Plan order is usually
        // id order, and then there is nothing to sort.
        if !found.is_sorted_by_key(|u| u.0) {
            found.sort_by_key(|u| u.0);
        }
        index.units.reserve_exact(found.len());
        let mut next = found.iter().peekable();
        for (i, key) in index.keys.iter_mut().enumerate() {
            index.unit_starts.push(index.units.len() as u32);
            let mut tally = Tally::default();
            while let Some(&(_, lead, percent, department)) = next.next_if(|u| u.0 as usize == i) {
                index.units.push(department);
                tally.add(lead, i64::from(percent));
            }
            key.completion = tally.completion();
        }
        index.unit_starts.push(index.units.len() as u32);
        index.departments = self.department_texts()?;
        Ok(index)
    }

    fn department_texts(&self) -> Result<Vec<(i64, Vec<u8>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM department
             UNION ALL SELECT department_id, alias FROM department_alias
             ORDER BY 1",
        )?;
        let mut rows = stmt.query(params![])?;
        let mut out: Vec<(i64, Vec<u8>)> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if out.last().is_none_or(|(last, _)| *last != id) {
                out.push((id, Vec::new()));
            }
            if let Some((_, text)) = out.last_mut() {
                push_folded(text, text_col(r, 1)?);
            }
        }
        Ok(out)
    }
}

/// The completion of one task as `task_keys` computes it in SQL: the mean of the lead units'
/// percents, or of all units' when none leads. Percents are integers, so the sums are exact and
/// the means equal SQLite's `avg`.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    leads: u32,
    lead_sum: i64,
    all: u32,
    sum: i64,
}

impl Tally {
    fn add(&mut self, lead: bool, percent: i64) {
        if lead {
            self.leads += 1;
            self.lead_sum += percent;
        }
        self.all += 1;
        self.sum += percent;
    }

    fn completion(self) -> Option<f64> {
        if self.leads > 0 {
            Some(self.lead_sum as f64 / f64::from(self.leads))
        } else if self.all > 0 {
            Some(self.sum as f64 / f64::from(self.all))
        } else {
            None
        }
    }
}

/// A text column's bytes, without copying them into a `String`.
fn text_col<'r>(r: &'r rusqlite::Row<'_>, col: usize) -> rusqlite::Result<&'r [u8]> {
    r.get_ref(col)?.as_bytes().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Appends `raw` with ASCII letters lowered (as `LIKE` compares them) and a NUL after it.
fn push_folded(buf: &mut Vec<u8>, raw: &[u8]) {
    buf.extend(raw.iter().map(u8::to_ascii_lowercase));
    buf.push(0);
}

impl TaskIndex {
    /// Whether the file may have changed since this was read.
    pub fn is_current(&self, stamp: ChangeStamp) -> bool {
        self.stamp == stamp
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys of the tasks matching `q`, in plan order. `q.scope.as_of` is not looked at: the corpus
    /// is the file as it is now, and as-of queries go to `Db::task_keys`.
    pub fn keys(&self, q: &TaskQuery) -> Vec<TaskKey> {
        let needle: Vec<u8> = q
            .text
            .trim()
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .collect();
        let matched = if needle.is_empty() {
            None
        } else {
            Some(self.matching(&needle))
        };
        let mut out = Vec::new();
        for (i, key) in self.keys.iter().enumerate() {
            if matched.as_ref().is_some_and(|m| !m[i]) {
                continue;
            }
            if q.scope.plan.is_some_and(|p| p != key.plan_id) {
                continue;
            }
            if let Some(department) = q.scope.department
                && !self.task_units(i).contains(&department)
            {
                continue;
            }
            out.push(*key);
        }
        out
    }

    fn task_units(&self, i: usize) -> &[i64] {
        &self.units[self.unit_starts[i] as usize..self.unit_starts[i + 1] as usize]
    }

    /// Per task: whether its number, title or one of its units contains `needle` (lowered).
    fn matching(&self, needle: &[u8]) -> Vec<bool> {
        let mut hit = vec![false; self.keys.len()];
        if needle.contains(&0) {
            return hit;
        }
        let finder = Finder::new(needle);
        // One pass over the whole buffer; after a hit the search resumes at the next task.
        let mut at = 0;
        while let Some(found) = finder.find(&self.text[at..]) {
            let pos = at + found;
            let task = self.text_starts.partition_point(|&s| s as usize <= pos) - 1;
            hit[task] = true;
            at = self.text_starts[task + 1] as usize;
        }
        // Departments by id in a bit table: "区" may match most of a thousand of them.
        let mut unit_hit: Vec<bool> = Vec::new();
        for (id, text) in &self.departments {
            if finder.find(text).is_some() {
                let slot = usize::try_from(*id).unwrap_or(0);
                if unit_hit.len() <= slot {
                    unit_hit.resize(slot + 1, false);
                }
                unit_hit[slot] = true;
            }
        }
        if !unit_hit.is_empty() {
            let named = |u: &i64| {
                usize::try_from(*u)
                    .ok()
                    .and_then(|u| unit_hit.get(u))
                    .is_some_and(|&h| h)
            };
            for (i, h) in hit.iter_mut().enumerate() {
                if !*h && self.task_units(i).iter().any(named) {
                    *h = true;
                }
            }
        }
        hit
    }
}
