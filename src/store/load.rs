//! Bulk loading in one transaction: the demo, `duban gen`, and (later) plan import.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Transaction, TransactionBehavior, params};

use super::Db;
use super::error::Result;
use super::model::*;
use crate::domain::{ClerkRole, Percent, Role};

/// Writes inside one open `IMMEDIATE` transaction; committed by `Db::load` when the closure
/// returns `Ok`, rolled back otherwise.
pub struct Loader<'a> {
    tx: Transaction<'a>,
    now: String,
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

impl Db {
    pub fn load<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut loader = Loader {
            tx,
            now: instant(now),
        };
        let out = f(&mut loader)?;
        loader.tx.commit()?;
        Ok(out)
    }
}

impl Loader<'_> {
    pub fn plan(&mut self, p: &NewPlan<'_>) -> Result<i64> {
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
        self.tx
            .prepare_cached(
                "INSERT INTO section (plan_id, parent_id, number, title, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![plan_id, parent_id, number, title, position])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn department(&mut self, name: &str, kind: DepartmentKind, position: i64) -> Result<i64> {
        self.tx
            .prepare_cached("INSERT INTO department (name, kind, position) VALUES (?1, ?2, ?3)")?
            .execute(params![name, kind.as_str(), position])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn alias(&mut self, alias: &str, department_id: i64) -> Result<()> {
        self.tx
            .prepare_cached("INSERT INTO department_alias (alias, department_id) VALUES (?1, ?2)")?
            .execute(params![alias, department_id])?;
        Ok(())
    }

    pub fn task(&mut self, t: &NewTask<'_>) -> Result<i64> {
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
        let at = instant(at);
        super::write::append_progress(&self.tx, task_id, department_id, percent, note, by, &at)
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
