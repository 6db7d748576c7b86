//! Indicators: read with targets and reported figures; a figure appended to the journal by whoever
//! may report for the indicator's department (an admin for one without a department).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::super::Db;
use super::super::error::{Result, StoreError};
use super::super::model::*;
use super::permit;

impl Db {
    /// Every indicator in plan order with its targets and figures; figures reported after
    /// `as_of` (when given) are left out.
    pub fn indicators(&self, as_of: Option<DateTime<Utc>>) -> Result<Vec<IndicatorRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.plan_id, i.name, i.unit, i.department_id, d.name, i.higher_is_better,
                    i.base_year, i.base_value
             FROM indicator i LEFT JOIN department d ON d.id = i.department_id
             ORDER BY i.plan_id, i.position, i.id",
        )?;
        let mut out: Vec<IndicatorRow> = stmt
            .query_map([], |r| {
                let base = match (r.get::<_, Option<i32>>(7)?, r.get::<_, Option<f64>>(8)?) {
                    (Some(y), Some(v)) => Some((y, v)),
                    _ => None,
                };
                Ok(IndicatorRow {
                    id: r.get(0)?,
                    plan_id: r.get(1)?,
                    name: r.get(2)?,
                    unit: r.get(3)?,
                    department_id: r.get(4)?,
                    department: r.get(5)?,
                    higher_is_better: r.get(6)?,
                    base,
                    targets: Vec::new(),
                    actuals: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT indicator_id, year, value FROM indicator_target ORDER BY indicator_id, year",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                out[i].targets.push((r.get(1)?, r.get(2)?));
            }
        }
        drop(rows);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, indicator_id, period, value, reported_by, reported_at FROM indicator_actual
             WHERE ?1 IS NULL OR reported_at < ?1
             ORDER BY reported_at, id",
        )?;
        let mut rows = stmt.query([as_of.map(instant)])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(1)?) {
                out[i].actuals.push(ActualRow {
                    id: r.get(0)?,
                    period: r.get(2)?,
                    value: r.get(3)?,
                    reported_by: r.get(4)?,
                    reported_at: r.get(5)?,
                });
            }
        }
        Ok(out)
    }

    /// Appends a reported figure. Refused (`Forbidden`) unless `by` may report for the
    /// indicator's department, or administers for an indicator without one; refused
    /// (`FigureConflict`) when the period's newest figure is no longer `a.expected_last`.
    pub fn report_actual(&mut self, a: &NewActual) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let department: Option<Option<i64>> = tx
            .prepare_cached("SELECT department_id FROM indicator WHERE id = ?1")?
            .query_row([a.indicator_id], |r| r.get(0))
            .optional()?;
        let Some(department) = department else {
            return Err(StoreError::NotFound(format!(
                "indicator {}",
                a.indicator_id
            )));
        };
        match department {
            Some(d) => permit(&tx, &a.by, |actor| actor.may_report(d))?,
            None => permit(&tx, &a.by, |actor| actor.may_administer())?,
        };
        // Ids only grow in an append-only table: a larger one is a figure saved since the
        // writer looked, whatever the clocks say.
        let newest: Option<ActualRow> = tx
            .prepare_cached(
                "SELECT id, period, value, reported_by, reported_at FROM indicator_actual
                 WHERE indicator_id = ?1 AND period = ?2 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![a.indicator_id, a.period], |r| {
                Ok(ActualRow {
                    id: r.get(0)?,
                    period: r.get(1)?,
                    value: r.get(2)?,
                    reported_by: r.get(3)?,
                    reported_at: r.get(4)?,
                })
            })
            .optional()?;
        if newest.as_ref().map(|n| n.id) != a.expected_last
            && let Some(theirs) = newest
        {
            return Err(StoreError::FigureConflict(Box::new(theirs)));
        }
        tx.prepare_cached(
            "INSERT INTO indicator_actual (indicator_id, period, value, reported_by, reported_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            a.indicator_id,
            a.period,
            a.value,
            a.by,
            instant(a.at)
        ])?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }
}
