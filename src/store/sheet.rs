//! The task spreadsheet (`duban export`, `duban import xlsx|csv`): its rows read as a stream, and a
//! change set applied in one transaction through the same writes as the forms.

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;

use super::Db;
use super::error::{EditRefusal, Result, StoreError};
use super::model::ProgressReport;
use super::read::percent_col;
use super::write::{actor, allowed, report_as};
use crate::domain::sheet::{LastReport, SheetTask, SheetUnit};
use crate::domain::{Deadline, DeadlineKind, Role};
// The change set is plain data (it depends on `domain` only); the store applies it, the importer
// never writes.
use crate::domain::sheet_changes::{Cell, ChangeSet, TaskOf};

/// A refused change set: the store's reason, and the row whose change it refused.
#[derive(Debug)]
pub struct ApplyError {
    pub at: Cell,
    pub error: StoreError,
}

/// What an applied change set wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub new_tasks: usize,
    pub edits: usize,
    pub reports: usize,
}

/// The columns of a sheet task's rows (one per unit), in the order `SheetTasks::next_task` reads them.
const SHEET_TASK_COLUMNS: &str = "t.id, t.plan_id, t.section_id, t.number, t.title, t.deadline,
        t.deadline_text, t.updated_at, t.version,
        a.department_id, d.name, a.role, a.percent, a.version,
        g.id, g.reported_at, g.reported_by, g.note
     FROM task t
     LEFT JOIN assignment a ON a.task_id = t.id AND a.ended_at IS NULL
     LEFT JOIN department d ON d.id = a.department_id
     LEFT JOIN progress g ON g.id = CASE WHEN ?1 IS NULL OR a.department_id = ?1 THEN
         (SELECT p.id FROM progress p
          WHERE p.task_id = a.task_id AND p.department_id = a.department_id
          ORDER BY p.reported_at DESC, p.id DESC LIMIT 1) END";

/// The prepared query of `Db::sheet_task_query`: `stream` runs it.
pub struct SheetTaskQuery<'db> {
    stmt: rusqlite::CachedStatement<'db>,
    department: Option<i64>,
}

impl SheetTaskQuery<'_> {
    pub fn stream(&mut self) -> Result<SheetTasks<'_>> {
        Ok(SheetTasks {
            rows: self.stmt.query([self.department])?,
            current: None,
        })
    }
}

/// The current tasks in plan order, one at a time (`next_task`), each with its units and each unit's
/// newest journal entry: one task in memory at a time.
pub struct SheetTasks<'s> {
    rows: rusqlite::Rows<'s>,
    /// The task whose rows are being read: done when a row of another task (or the end) comes.
    current: Option<SheetTask>,
}

impl SheetTasks<'_> {
    pub fn next_task(&mut self) -> Result<Option<SheetTask>> {
        while let Some(r) = self.rows.next()? {
            let id: i64 = r.get(0)?;
            let mut done = None;
            if self.current.as_ref().is_some_and(|t| t.id != id) {
                done = self.current.take();
            }
            let task = match &mut self.current {
                Some(t) => t,
                None => self.current.insert(SheetTask {
                    id,
                    plan_id: r.get(1)?,
                    section_id: r.get(2)?,
                    number: r.get(3)?,
                    title: r.get(4)?,
                    deadline: r.get::<_, Option<String>>(5)?.and_then(|s| s.parse().ok()),
                    deadline_text: r.get(6)?,
                    updated_at: r.get(7)?,
                    version: r.get(8)?,
                    units: Vec::new(),
                }),
            };
            if let Some(department_id) = r.get::<_, Option<i64>>(9)? {
                let role: String = r.get(11)?;
                let last = match r.get::<_, Option<i64>>(14)? {
                    Some(id) => Some(LastReport {
                        id,
                        at: r.get(15)?,
                        by: r.get(16)?,
                        note: r.get(17)?,
                    }),
                    None => None,
                };
                task.units.push(SheetUnit {
                    department_id,
                    name: r.get(10)?,
                    role: role.parse().unwrap_or(Role::Co),
                    percent: percent_col(r, 12)?,
                    version: r.get(13)?,
                    last,
                });
            }
            if let Some(mut done) = done {
                // Grown a unit at a time: no room to spare.
                done.units.shrink_to_fit();
                return Ok(Some(done));
            }
        }
        Ok(self.current.take().map(|mut done| {
            done.units.shrink_to_fit();
            done
        }))
    }
}

/// A read snapshot (`Db::snapshot`): reads made while it is held see one state of the file. Ends
/// (rolled back, nothing having been written) when dropped.
pub struct Snapshot<'db>(#[allow(dead_code)] rusqlite::Transaction<'db>);

impl Db {
    /// Calls `each` for every current task in plan order, with its units and each unit's newest
    /// journal entry. With `department`, only that department's tasks, and only its entries
    /// (a department's sheet shows its own progress). Streams: one task in memory at a time.
    pub fn for_each_sheet_task(
        &self,
        department: Option<i64>,
        mut each: impl FnMut(SheetTask) -> Result<()>,
    ) -> Result<()> {
        let mut query = self.sheet_task_query(department)?;
        let mut tasks = query.stream()?;
        while let Some(task) = tasks.next_task()? {
            each(task)?;
        }
        Ok(())
    }

    /// The query `for_each_sheet_task` streams, to be read at the caller's pace (`stream`).
    pub fn sheet_task_query(&self, department: Option<i64>) -> Result<SheetTaskQuery<'_>> {
        // One statement per selection: an `?1 IS NULL OR …` form would hide the index.
        let tasks_in = if department.is_some() {
            "AND t.id IN (SELECT task_id FROM assignment WHERE department_id = ?1)"
        } else {
            "AND ?1 IS NULL"
        };
        let sql = format!(
            "SELECT {SHEET_TASK_COLUMNS}
             WHERE t.deleted_at IS NULL {tasks_in}
             ORDER BY t.plan_id, t.position, t.id, a.position, d.position, d.id"
        );
        Ok(SheetTaskQuery {
            stmt: self.conn.prepare_cached(&sql)?,
            department,
        })
    }

    /// One task as `for_each_sheet_task` gives it (`None`: no such task), deleted or not: the
    /// importer asks for a task its snapshot holds as current. (With `t.deleted_at IS NULL` in
    /// the WHERE, the statement was re-prepared at every run while the import's writer was busy:
    /// some 100 µs a task.)
    pub fn sheet_task(&self, id: i64) -> Result<Option<SheetTask>> {
        let sql = format!(
            "SELECT {SHEET_TASK_COLUMNS}
             WHERE t.id = ?2
             ORDER BY a.position, d.position, d.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut tasks = SheetTasks {
            rows: stmt.query(rusqlite::params![None::<i64>, id])?,
            current: None,
        };
        tasks.next_task()
    }

    /// Every current task's id, plan, 序号 and title, in the plan order of `for_each_sheet_task`:
    /// what the importer matches rows by, without the rest of each task.
    pub fn for_each_sheet_key(&self, mut each: impl FnMut(i64, i64, &str, &str)) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, plan_id, number, title FROM task
             WHERE deleted_at IS NULL ORDER BY plan_id, position, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> {
                r.get_ref(i)?.as_str().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })
            };
            each(r.get(0)?, r.get(1)?, text(2)?, text(3)?);
        }
        Ok(())
    }

    /// The number of current tasks.
    pub fn current_task_count(&self) -> Result<usize> {
        let count: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM task WHERE deleted_at IS NULL")?
            .query_row([], |r| r.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Starts a read snapshot: until it is dropped, this connection's reads see the file as it
    /// was at the first of them (the importer reads the task keys, then the tasks).
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        Ok(Snapshot(self.conn.unchecked_transaction()?))
    }

    /// Applies a change set in one `IMMEDIATE` transaction: new tasks, then task edits, then the
    /// progress reports (so a report may go to a unit the same sheet adds). Each goes through the
    /// write a form makes (`create_task`, `update_task`, `report_progress`), with their checks:
    /// plan changes need an admin, reports the right to report for that unit, and every version
    /// read must still be current. The first refusal rolls everything back and names its row.
    ///
    /// `rehearse`: everything is done and checked the same way, then rolled back, so that a dry
    /// run that passes means the real run passes (the same permission, history and version
    /// checks), unless someone writes in between.
    pub fn apply_sheet(
        &mut self,
        changes: &ChangeSet,
        by: &str,
        at: DateTime<Utc>,
        rehearse: bool,
    ) -> std::result::Result<Applied, ApplyError> {
        let whole = whole_sheet(changes);
        // Each report's insert makes a statement journal (its trigger links the chain): in
        // memory, not a temporary file written and read back, as `Db::load` does. A few pages a
        // statement; set back afterwards.
        let temp_store: i64 = self
            .conn
            .pragma_query_value(None, "temp_store", |r| r.get(0))
            .map_err(|e| whole(e.into()))?;
        self.conn
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(|e| whole(e.into()))?;
        let out = self.apply_sheet_in(changes, by, at, rehearse);
        let restored = self.conn.pragma_update(None, "temp_store", temp_store);
        let applied = out?;
        restored.map_err(|e| whole(e.into()))?;
        Ok(applied)
    }

    fn apply_sheet_in(
        &mut self,
        changes: &ChangeSet,
        by: &str,
        at: DateTime<Utc>,
        rehearse: bool,
    ) -> std::result::Result<Applied, ApplyError> {
        let whole = whole_sheet(changes);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| whole(e.into()))?;
        // Who imports, read once: the write lock is held until the end, so every row's
        // permission is asked of the role that stands for the whole transaction.
        let actor = actor(&tx, by).map_err(&whole)?;
        let mut new_ids = Vec::with_capacity(changes.new_tasks.len());
        for t in &changes.new_tasks {
            let located = |e: StoreError| ApplyError {
                at: t.at.clone(),
                error: e,
            };
            allowed(&actor, |a| a.may_administer()).map_err(located)?;
            let (deadline, deadline_text) = stored_deadline(t.deadline.as_ref());
            let spec = super::NewTaskSpec {
                plan_id: t.plan_id,
                section_id: t.section_id,
                number: t.number.clone(),
                title: t.title.clone(),
                body: String::new(),
                deadline,
                deadline_text,
                weight: 1.0,
                units: t.units.iter().map(|u| (u.department_id, u.role)).collect(),
            };
            let created = Db::create_in(&tx, &spec, by, at).map_err(located)?;
            new_ids.push(created.id);
        }
        for e in &changes.edits {
            // The cell the refusal is about: the units for a unit's refusal, the deadline for a
            // date's, the first changed cell for a permission; the row's title otherwise.
            let located = |err: StoreError| {
                let changed = e.units_at.as_ref().or(e.deadline_at.as_ref());
                let at = match &err {
                    StoreError::Edit(
                        EditRefusal::UnitHasHistory { .. } | EditRefusal::DuplicateUnit { .. },
                    ) => e.units_at.as_ref(),
                    StoreError::Edit(EditRefusal::DeadlineBeforeStart { .. }) => {
                        e.deadline_at.as_ref()
                    }
                    StoreError::Forbidden { .. } => changed,
                    _ => None,
                };
                ApplyError {
                    at: at.unwrap_or(&e.at).clone(),
                    error: err,
                }
            };
            allowed(&actor, |a| a.may_administer()).map_err(located)?;
            let stored = super::admin::task_for_edit_in(&tx, e.task_id).map_err(located)?;
            let mut spec = stored.spec();
            if let Some((_, after)) = &e.units {
                spec.units = after.iter().map(|u| (u.department_id, u.role)).collect();
            }
            if let Some((_, after)) = &e.deadline {
                (spec.deadline, spec.deadline_text) = stored_deadline(after.as_ref());
            }
            Db::update_in(&tx, e.task_id, e.version, &spec, by, at).map_err(located)?;
        }
        for r in &changes.reports {
            let task_id = match r.task {
                TaskOf::Existing(id) => id,
                TaskOf::New(i) => *new_ids.get(i).ok_or_else(|| ApplyError {
                    at: r.at.clone(),
                    error: StoreError::NotFound(format!("new task {i}")),
                })?,
            };
            let report = ProgressReport {
                task_id,
                department_id: r.department_id,
                percent: r.percent,
                note: r.note.clone(),
                by: by.to_string(),
                at,
                expected_version: r.expected_version,
            };
            report_as(&tx, &actor, &report).map_err(|e| ApplyError {
                at: r.at.clone(),
                error: e,
            })?;
        }
        if rehearse {
            tx.rollback().map_err(|e| whole(e.into()))?;
        } else {
            tx.commit().map_err(|e| whole(e.into()))?;
        }
        Ok(Applied {
            new_tasks: changes.new_tasks.len(),
            edits: changes.edits.len(),
            reports: changes.reports.len(),
        })
    }
}

/// A report written before the importer's comparison has finished (`Db::early_sheet_reports`).
#[derive(Debug, Clone)]
pub struct EarlyReport {
    pub task_id: i64,
    pub department_id: i64,
    pub percent: crate::domain::Percent,
    pub note: String,
    pub expected_version: i64,
}

/// The reports of a change set written while the sheet is still being compared, in the order the
/// change set will list them: the write a large import spends most of its time in then runs
/// beside the comparison. Only a change set of reports alone can be finished this way
/// (`finish`); one with new tasks or edits is applied by `apply_sheet` after `abandon`, since
/// those come first. The `IMMEDIATE` transaction begins at the first report, as
/// `apply_sheet`'s would, and every report is checked as there (the importer's role, read once
/// in the transaction; its text; its version) through the same `report_as`.
pub struct EarlyReports<'db> {
    db: &'db Db,
    by: String,
    at: DateTime<Utc>,
    /// `temp_store` before, once the transaction has begun.
    temp_store: Option<i64>,
    tx: Option<(rusqlite::Transaction<'db>, crate::domain::Actor)>,
    /// Reports written.
    written: usize,
    /// The first refusal.
    failed: Option<EarlyRefusal>,
}

/// Why an early write was refused: the index of the report in the change set (`None`: the
/// transaction as a whole), and the store's reason.
pub type EarlyRefusal = (Option<usize>, StoreError);

impl Db {
    /// Starts writing a change set's reports early (`EarlyReports`). The connection must be one
    /// nothing else uses meanwhile (the importer opens one for it).
    pub fn early_sheet_reports(&self, by: &str, at: DateTime<Utc>) -> EarlyReports<'_> {
        EarlyReports {
            db: self,
            by: by.to_string(),
            at,
            temp_store: None,
            tx: None,
            written: 0,
            failed: None,
        }
    }
}

impl EarlyReports<'_> {
    /// Writes the next report of the change set; after a refusal, none (`finish` gives it).
    pub fn report(&mut self, r: &EarlyReport) {
        if self.failed.is_some() {
            return;
        }
        if self.tx.is_none()
            && let Err(e) = self.begin()
        {
            self.failed = Some((None, e));
            return;
        }
        let Some((tx, actor)) = &self.tx else {
            return;
        };
        let report = ProgressReport {
            task_id: r.task_id,
            department_id: r.department_id,
            percent: r.percent,
            note: r.note.clone(),
            by: self.by.clone(),
            at: self.at,
            expected_version: r.expected_version,
        };
        match report_as(tx, actor, &report) {
            Ok(_) => self.written += 1,
            Err(e) => self.failed = Some((Some(self.written), e)),
        }
    }

    fn begin(&mut self) -> Result<()> {
        let conn = &self.db.conn;
        let temp_store: i64 = conn.pragma_query_value(None, "temp_store", |r| r.get(0))?;
        // As in `apply_sheet`: each insert's statement journal in memory.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.temp_store = Some(temp_store);
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let actor = actor(&tx, &self.by)?;
        self.tx = Some((tx, actor));
        Ok(())
    }

    /// How many reports were written.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Ends a change set whose every change was given to `report`: committed (rolled back when
    /// `rehearse`), or the first refusal, everything rolled back.
    pub fn finish(mut self, rehearse: bool) -> std::result::Result<(), EarlyRefusal> {
        let out = match (self.failed.take(), self.tx.take()) {
            (Some(refusal), tx) => {
                drop(tx);
                Err(refusal)
            }
            (None, Some((tx, _))) if !rehearse => tx.commit().map_err(|e| (None, e.into())),
            (None, Some((tx, _))) => tx.rollback().map_err(|e| (None, e.into())),
            (None, None) => Ok(()),
        };
        let restored = self.restore();
        out?;
        restored.map_err(|e| (None, e))
    }

    /// Rolls back whatever was written.
    pub fn abandon(mut self) -> Result<()> {
        if let Some((tx, _)) = self.tx.take() {
            tx.rollback()?;
        }
        self.restore()
    }

    fn restore(&mut self) -> Result<()> {
        if let Some(t) = self.temp_store.take() {
            self.db.conn.pragma_update(None, "temp_store", t)?;
        }
        Ok(())
    }
}

/// The deadline columns as the task editor stores them: a date only for a dated phrase, the words
/// as read; none is the plan's end.
fn stored_deadline(d: Option<&Deadline>) -> (Option<chrono::NaiveDate>, Option<String>) {
    match d {
        None => (None, None),
        Some(d) => (
            d.date.filter(|_| d.kind == DeadlineKind::Date),
            Some(d.text.clone()).filter(|t| !t.trim().is_empty()),
        ),
    }
}

/// A failure of the whole import (a busy or full file), placed at the sheet rather than a cell.
fn whole_sheet(changes: &ChangeSet) -> impl Fn(StoreError) -> ApplyError + '_ {
    |error| ApplyError {
        at: Cell {
            sheet: changes.sheets.first().cloned().unwrap_or_default(),
            row: 0,
            column: None,
        },
        error,
    }
}
