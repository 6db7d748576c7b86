//! Bulk loading in one transaction: the demo, `duban gen`, and plan import (`Db::save_draft`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Transaction, TransactionBehavior, params};

use super::Db;
use super::error::{Result, check_text};
use super::model::*;
use crate::domain::{ClerkRole, DepartmentName, Percent, Role, TextField};
// The draft is plain data (it depends on `domain` only); the store saves it, the importer never
// writes.
use crate::domain::names::UnitMatcher;
use crate::domain::plan_draft::PlanDraft;

/// Writes inside one open `IMMEDIATE` transaction; committed by `Db::load` when the closure
/// returns `Ok`, rolled back otherwise.
pub struct Loader<'a> {
    pub(super) tx: Transaction<'a>,
    now: String,
    /// What `defer_indexes` put off, run before the load commits: before the journals are
    /// linked, and after.
    deferred: Vec<String>,
    deferred_after_link: Vec<String>,
}

pub struct NewPlan<'s> {
    pub title: &'s str,
    pub doc_no: Option<&'s str>,
    pub issuer: Option<&'s str>,
    pub issued_on: Option<NaiveDate>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub common_units_note: Option<&'s str>,
}

pub struct NewTask<'s> {
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub number: &'s str,
    pub title: &'s str,
    pub body: &'s str,
    pub starts_on: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<&'s str>,
    pub weight: f64,
    pub position: i64,
    /// When the task entered the plan; as-of views leave it out before this instant.
    pub created_at: DateTime<Utc>,
}

/// The page cache of a bulk load, in KiB (a negative `cache_size` is in KiB).
const BULK_CACHE_KIB: i64 = 256 * 1024;

impl Db {
    pub fn load<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        self.load_or_rehearse(now, false, f)
    }

    /// `load` into a file just made by `Db::create`, that nobody else has open yet (`gen`): the
    /// load is written with a rollback journal, straight into the file, instead of into the WAL
    /// and copied from there at the checkpoint (every page written twice, 1.6 GB at a million
    /// tasks). The file is in WAL mode again before this returns.
    pub fn load_new_file<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        self.conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))?;
        let out = self.load_or_rehearse(now, false, f);
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        out
    }

    /// `load`, or with `rehearse` every write made and checked, then rolled back.
    fn load_or_rehearse<T>(
        &mut self,
        now: DateTime<Utc>,
        rehearse: bool,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        // A bulk load writes each page many times. Its statement journals (the triggers make one
        // per insert) then go to memory rather than a temporary file, and the page cache holds the
        // rows written until commit instead of spilling them into the WAL half-built: a third of
        // `gen`'s time. Both are set back afterwards, so a long-lived connection keeps its memory.
        let temp_store: i64 = self
            .conn
            .pragma_query_value(None, "temp_store", |r| r.get(0))?;
        let cache_size: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        // Index builds (`defer_indexes`) sort on both cores.
        let threads: i64 = self
            .conn
            .pragma_query_value(None, "threads", |r| r.get(0))?;
        self.conn.pragma_update(None, "threads", 2)?;
        let out = self.load_in_transaction(now, rehearse, f);
        self.conn.pragma_update(None, "temp_store", temp_store)?;
        self.conn.pragma_update(None, "cache_size", cache_size)?;
        self.conn.pragma_update(None, "threads", threads)?;
        out
    }

    fn load_in_transaction<T>(
        &mut self,
        now: DateTime<Utc>,
        rehearse: bool,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The demo and `gen` write a made-up history task by task, out of time order. Their journal
        // rows are linked into the hash chain after they are all written, in time order, so that
        // the chain's times are the rows' own (store/chain.rs); written in time order instead, the
        // rows' index inserts scattered over the file (twice the time of `gen`).
        let tops = super::chain::journal_tops(&tx)?;
        let mut loader = Loader {
            tx,
            now: instant(now),
            deferred: Vec::new(),
            deferred_after_link: Vec::new(),
        };
        let out = {
            let _unlinked = super::chain::Unlinked::start();
            f(&mut loader)?
        };
        // The indexes first: the journal's time index gives `link_after` its rows in order.
        for sql in std::mem::take(&mut loader.deferred) {
            loader.tx.execute_batch(&sql)?;
        }
        super::chain::link_after(&loader.tx, tops)?;
        for sql in std::mem::take(&mut loader.deferred_after_link) {
            loader.tx.execute_batch(&sql)?;
        }
        if rehearse {
            loader.tx.rollback()?;
        } else {
            loader.tx.commit()?;
        }
        Ok(out)
    }
}

/// The trigger keeping an assignment's copies of its task's schedule (schema.sql), and the same
/// copies made for every assignment at once.
const SCHEDULE_TRIGGER: &str = "assignment_schedule_on_insert";
const SCHEDULE_COPIES: &str = "
    UPDATE assignment
    SET starts_on = coalesce(t.starts_on, p.starts_on), deadline = coalesce(t.deadline, p.ends_on),
        weight = t.weight,
        removed_at = CASE WHEN assignment.ended_at IS NULL THEN t.deleted_at
                          WHEN t.deleted_at IS NULL THEN assignment.ended_at
                          ELSE min(assignment.ended_at, t.deleted_at) END
    FROM task t JOIN plan p ON p.id = t.plan_id
    WHERE t.id = assignment.task_id";

/// The tables whose secondary indexes `Loader::defer_indexes` drops for the length of a load.
const DEFERRED_TABLES: &[&str] = &["task", "assignment", "progress"];

impl Loader<'_> {
    /// Drops the secondary indexes of the task, assignment and progress tables, and the trigger
    /// copying a task's schedule into its assignments, until the load ends: then every
    /// assignment's copies are set in one UPDATE and the indexes and the trigger are made again
    /// from their own stored SQL (so `duban check` finds the schema unchanged; a unique index that
    /// the rows break fails the load). For loads that write most of a file's rows (`gen`): an
    /// index built from the finished table is one sort, where row-by-row inserts land on random
    /// pages of indexes larger than the page cache.
    pub fn defer_indexes(&mut self) -> Result<()> {
        let mut found: Vec<(String, String)> = Vec::new();
        {
            let mut stmt = self.tx.prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1 ORDER BY name",
            )?;
            for table in DEFERRED_TABLES {
                let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
                for row in rows {
                    found.push(row?);
                }
            }
        }
        // The trigger that copies each new assignment's schedule from its task: one UPDATE of
        // every row at the end does its work (and the same expressions), where firing it for each
        // row was 44% of the time `gen` spends writing rows.
        let trigger: String = self.tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
            [SCHEDULE_TRIGGER],
            |r| r.get(0),
        )?;
        self.tx
            .execute_batch(&format!("DROP TRIGGER {SCHEDULE_TRIGGER}"))?;
        self.deferred.push(SCHEDULE_COPIES.to_string());
        for (name, sql) in found {
            self.tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            self.deferred.push(sql);
        }
        self.deferred.push(trigger);
        // The kept rollup's triggers on assignments (schema 12) would fire for every row; the
        // load drops every kept part once at the end instead, and counts itself as a write.
        let kept: Vec<(String, String)> = {
            let mut stmt = self.tx.prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'trigger' AND tbl_name = 'assignment' AND name LIKE 'rollup\\_%' ESCAPE '\\'
                 ORDER BY name",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (name, sql) in kept {
            self.tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
            self.deferred.push(sql);
        }
        self.deferred.push(
            "UPDATE rollup_state SET writes = writes + 1;
             DELETE FROM rollup_department;
             DELETE FROM rollup_tasks;"
                .to_string(),
        );
        // The chain's time index too, made after the links: the chain's own key stays, since
        // `link_after` asks it which rows are linked.
        let by_time: String = self.tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'chain_by_time'",
            [],
            |r| r.get(0),
        )?;
        self.tx.execute_batch("DROP INDEX chain_by_time")?;
        self.deferred_after_link.push(by_time);
        Ok(())
    }

    pub fn plan(&mut self, p: &NewPlan<'_>) -> Result<i64> {
        check_text(TextField::PlanTitle, p.title)?;
        for text in [p.doc_no, p.issuer].into_iter().flatten() {
            check_text(TextField::PlanTitle, text)?;
        }
        if let Some(note) = p.common_units_note {
            check_text(TextField::Note, note)?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO plan (title, doc_no, issuer, issued_on, starts_on, ends_on,
                                   common_units_note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                p.title,
                p.doc_no,
                p.issuer,
                p.issued_on.map(day),
                day(p.starts_on),
                day(p.ends_on),
                p.common_units_note,
                self.now
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn section(
        &mut self,
        plan_id: i64,
        parent_id: Option<i64>,
        number: &str,
        title: &str,
        position: i64,
    ) -> Result<i64> {
        check_text(TextField::TaskNumber, number)?;
        check_text(TextField::SectionTitle, title)?;
        self.tx
            .prepare_cached(
                "INSERT INTO section (plan_id, parent_id, number, title, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![plan_id, parent_id, number, title, position])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn department(&mut self, name: &str, kind: DepartmentKind, position: i64) -> Result<i64> {
        check_text(TextField::DepartmentName, name)?;
        self.tx
            .prepare_cached("INSERT INTO department (name, kind, position) VALUES (?1, ?2, ?3)")?
            .execute(params![name, kind.as_str(), position])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn alias(&mut self, alias: &str, department_id: i64) -> Result<()> {
        check_text(TextField::Alias, alias)?;
        self.tx
            .prepare_cached("INSERT INTO department_alias (alias, department_id) VALUES (?1, ?2)")?
            .execute(params![alias, department_id])?;
        Ok(())
    }

    pub fn task(&mut self, t: &NewTask<'_>) -> Result<i64> {
        check_text(TextField::TaskNumber, t.number)?;
        check_text(TextField::TaskTitle, t.title)?;
        check_text(TextField::TaskBody, t.body)?;
        if let Some(text) = t.deadline_text {
            check_text(TextField::DeadlineText, text)?;
        }
        let created = instant(t.created_at);
        self.tx
            .prepare_cached(
                "INSERT INTO task (plan_id, section_id, number, title, body, starts_on, deadline,
                                   deadline_text, weight, position, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            )?
            .execute(params![
                t.plan_id,
                t.section_id,
                t.number,
                t.title,
                t.body,
                t.starts_on.map(day),
                t.deadline.map(day),
                t.deadline_text,
                t.weight,
                t.position,
                created
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn assign(
        &mut self,
        task_id: i64,
        department_id: i64,
        role: Role,
        position: i64,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO assignment (task_id, department_id, role, position) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![task_id, department_id, role.as_str(), position])?;
        Ok(())
    }

    /// A unit on a task with its whole history of reports, in time order, by one clerk: the
    /// assignment is written with the last report as its current value (and one version per
    /// report), then the journal rows, as `assign` and one `progress` per report would leave them
    /// but without rewriting the assignment row at every report (`gen` writes millions).
    pub fn assign_reported(
        &mut self,
        task_id: i64,
        department_id: i64,
        role: Role,
        position: i64,
        reports: &[(Percent, DateTime<Utc>)],
        by: &str,
    ) -> Result<()> {
        let Some(&(last, last_at)) = reports.last() else {
            return self.assign(task_id, department_id, role, position);
        };
        self.tx
            .prepare_cached(
                "INSERT INTO assignment (task_id, department_id, role, position, percent,
                                         updated_at, updated_by, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                task_id,
                department_id,
                role.as_str(),
                position,
                last.value(),
                instant(last_at),
                by,
                reports.len() as i64
            ])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO progress (task_id, department_id, percent, note, reported_by, reported_at)
             VALUES (?1, ?2, ?3, '', ?4, ?5)",
        )?;
        for (percent, at) in reports {
            insert.execute(params![
                task_id,
                department_id,
                percent.value(),
                by,
                instant(*at)
            ])?;
        }
        Ok(())
    }

    /// Appends a journal row and makes it the assignment's current value. Rows for one assignment
    /// must come in time order.
    pub fn progress(
        &mut self,
        task_id: i64,
        department_id: i64,
        percent: Percent,
        note: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        check_text(TextField::Note, note)?;
        let at = instant(at);
        super::write::append_progress(
            &self.tx,
            task_id,
            department_id,
            percent,
            note,
            by,
            &at,
            None,
        )?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn indicator(
        &mut self,
        plan_id: i64,
        name: &str,
        unit: &str,
        department_id: Option<i64>,
        higher_is_better: bool,
        base: Option<(i32, f64)>,
        position: i64,
    ) -> Result<i64> {
        check_text(TextField::IndicatorName, name)?;
        check_text(TextField::Measure, unit)?;
        self.tx
            .prepare_cached(
                "INSERT INTO indicator (plan_id, name, unit, department_id, higher_is_better,
                                        base_year, base_value, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                plan_id,
                name,
                unit,
                department_id,
                higher_is_better,
                base.map(|b| b.0),
                base.map(|b| b.1),
                position
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn target(&mut self, indicator_id: i64, year: i32, value: f64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO indicator_target (indicator_id, year, value) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![indicator_id, year, value])?;
        Ok(())
    }

    pub fn actual(
        &mut self,
        indicator_id: i64,
        period: &str,
        value: f64,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO indicator_actual (indicator_id, period, value, reported_by, reported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![indicator_id, period, value, by, instant(at)])?;
        Ok(())
    }

    pub fn clerk(
        &mut self,
        username: &str,
        display_name: Option<&str>,
        department_id: Option<i64>,
        role: ClerkRole,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO clerk (username, display_name, department_id, role) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (username) DO UPDATE SET role = excluded.role,
                     department_id = excluded.department_id, display_name = excluded.display_name",
            )?
            .execute(params![username, display_name, department_id, role.as_str()])?;
        Ok(())
    }

    /// One closing step (办结销号), decided and written as `Db::close_step` does, dated `at`: the
    /// demo's applications and reviews, linked with the rest in time order.
    pub fn close_step(
        &mut self,
        task_id: i64,
        action: &super::ClosingAction<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<super::ClosingEntry> {
        super::closing::step_in(&self.tx, task_id, action, by, at)
    }

    /// One audit row for a structural change (the creation of a whole plan counts as one).
    pub fn audit(
        &mut self,
        by: &str,
        entity: &str,
        entity_id: Option<i64>,
        action: &str,
        after: &serde_json::Value,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO audit (at, by, entity, entity_id, action, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                self.now,
                by,
                entity,
                entity_id.map(|i| i.to_string()),
                action,
                after.to_string()
            ])?;
        Ok(())
    }
}

/// What saving a draft created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDraft {
    pub plan_id: i64,
    pub sections: usize,
    pub tasks: usize,
    pub assignments: usize,
    pub indicators: usize,
    /// Tasks saved with key-project fields (owner, investment), and milestones saved.
    pub projects: usize,
    pub milestones: usize,
    /// Departments created for names seen for the first time.
    pub new_departments: Vec<String>,
    /// Names that matched a department already there (by name or alias).
    pub existing_departments: Vec<String>,
    /// (alias, department) recorded from the draft's mappings.
    pub new_aliases: Vec<(String, String)>,
}

impl Db {
    /// Saves an imported plan in one `IMMEDIATE` transaction: the plan, its sections, tasks,
    /// assignments, indicators with targets, any new departments, and one audit row. Unit names are
    /// resolved against the departments and aliases as they are inside the transaction (another
    /// clerk's import just before is seen), so one name never makes two departments.
    ///
    /// Importing changes the plan, so `by` must be an admin (`Forbidden` otherwise), checked in
    /// the same transaction. A file with no clerks yet (made by `Db::create` without `duban init`)
    /// has nobody who could be one, so there anyone may import.
    pub fn save_draft(
        &mut self,
        draft: &PlanDraft,
        match_existing: UnitMatcher,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<SavedDraft> {
        self.save_or_rehearse_draft(draft, match_existing, by, now, false)
    }

    /// Everything `save_draft` does and checks (the permission, the text of every name and
    /// title), rolled back: a dry run that passes means the import passes.
    pub fn rehearse_draft(
        &mut self,
        draft: &PlanDraft,
        match_existing: UnitMatcher,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<SavedDraft> {
        self.save_or_rehearse_draft(draft, match_existing, by, now, true)
    }

    fn save_or_rehearse_draft(
        &mut self,
        draft: &PlanDraft,
        match_existing: UnitMatcher,
        by: &str,
        now: DateTime<Utc>,
        rehearse: bool,
    ) -> Result<SavedDraft> {
        self.load_or_rehearse(now, rehearse, |w| {
            let clerks: i64 =
                w.tx.query_row("SELECT count(*) FROM clerk", [], |r| r.get(0))?;
            if clerks > 0 {
                super::write::permit(&w.tx, by, |a| a.may_administer())?;
            }
            let mut known = w.department_names()?;
            let mut position = w.next_department_position()?;
            let mut ids: HashMap<String, i64> = HashMap::new();
            let mut new_departments = Vec::new();
            let mut existing_departments = Vec::new();
            for name in draft.unit_names() {
                let id = match match_existing(name, &known) {
                    Some(id) => {
                        existing_departments.push(name.to_string());
                        id
                    }
                    None => {
                        let id = w.department(name, DepartmentKind::from_name(name), position)?;
                        position += 1;
                        known.push(DepartmentName {
                            id,
                            name: name.to_string(),
                            aliases: Vec::new(),
                        });
                        new_departments.push(name.to_string());
                        id
                    }
                };
                ids.insert(name.to_string(), id);
            }
            // A name the user mapped onto a unit becomes that unit's alias, unless it already
            // denotes some department (then it is not a new way of writing this one).
            let mut new_aliases = Vec::new();
            for m in &draft.mappings {
                if match_existing(&m.from, &known).is_some() {
                    continue;
                }
                let Some(id) = ids
                    .get(&m.to)
                    .copied()
                    .or_else(|| match_existing(&m.to, &known))
                else {
                    continue;
                };
                w.alias(&m.from, id)?;
                if let Some(d) = known.iter_mut().find(|d| d.id == id) {
                    d.aliases.push(m.from.clone());
                    new_aliases.push((m.from.clone(), d.name.clone()));
                }
            }
            let plan_id = w.plan(&NewPlan {
                title: &draft.title,
                doc_no: draft.doc_no.as_deref(),
                issuer: None,
                issued_on: draft.issued_on,
                starts_on: draft.starts_on,
                ends_on: draft.ends_on,
                common_units_note: draft.common_units_note.as_deref(),
            })?;
            let mut section_ids: Vec<i64> = Vec::with_capacity(draft.sections.len());
            for (i, s) in draft.sections.iter().enumerate() {
                let parent = s.parent.and_then(|p| section_ids.get(p).copied());
                let id = w.section(plan_id, parent, &s.number, &s.title, i as i64)?;
                section_ids.push(id);
            }
            let mut assignments = 0;
            let (mut projects, mut milestones) = (0, 0);
            for (i, t) in draft.tasks.iter().enumerate() {
                let task_id = w.task(&NewTask {
                    plan_id,
                    section_id: t.section.and_then(|s| section_ids.get(s).copied()),
                    number: &t.number,
                    title: &t.title,
                    body: &t.body,
                    starts_on: None,
                    deadline: t.deadline.as_ref().and_then(|d| d.date),
                    deadline_text: t.deadline.as_ref().map(|d| d.text.as_str()),
                    weight: 1.0,
                    position: i as i64,
                    created_at: now,
                })?;
                let (p, m) = w.draft_project(task_id, t, by, now)?;
                projects += p;
                milestones += m;
                let mut done: Vec<i64> = Vec::new();
                for (k, u) in t.units.iter().enumerate() {
                    let Some(&dept) = ids.get(&u.name) else {
                        continue;
                    };
                    // Two names for one department (a name and its alias) in one task: once.
                    if done.contains(&dept) {
                        continue;
                    }
                    done.push(dept);
                    w.assign(task_id, dept, u.role, k as i64)?;
                    assignments += 1;
                }
            }
            for (i, ind) in draft.indicators.iter().enumerate() {
                let dept = ind.department.as_ref().and_then(|d| ids.get(d).copied());
                let id = w.indicator(plan_id, &ind.name, &ind.unit, dept, true, None, i as i64)?;
                for (year, value) in &ind.targets {
                    w.target(id, *year, *value)?;
                }
            }
            w.audit(
                by,
                "plan",
                Some(plan_id),
                "import",
                &serde_json::json!({
                    "title": draft.title,
                    "sections": draft.sections.len(),
                    "tasks": draft.tasks.len(),
                    "indicators": draft.indicators.len(),
                    "projects": projects,
                    "milestones": milestones,
                    "new_departments": new_departments,
                    "new_aliases": new_aliases,
                }),
            )?;
            Ok(SavedDraft {
                plan_id,
                sections: draft.sections.len(),
                tasks: draft.tasks.len(),
                assignments,
                indicators: draft.indicators.len(),
                projects,
                milestones,
                new_departments,
                existing_departments,
                new_aliases,
            })
        })
    }
}

impl Loader<'_> {
    /// Departments with their aliases, as this transaction sees them.
    pub fn department_names(&self) -> Result<Vec<DepartmentName>> {
        super::read::department_names(&self.tx)
    }

    fn next_department_position(&self) -> Result<i64> {
        Ok(self.tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM department",
            [],
            |r| r.get(0),
        )?)
    }
}
