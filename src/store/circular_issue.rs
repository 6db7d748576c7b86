//! Issued circulars (通报, issue 24): the number given and the written file's hash, in the
//! append-only, chained `circular_issue` journal. The number is taken inside the issuing
//! transaction, which holds the write lock: two admins issuing at once get two numbers.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError};
use super::model::instant;
use crate::domain::circular_issue::{CircularSettings, decide_issue};

/// One issued circular, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCircular {
    pub id: i64,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    /// The period as `duban report --period` takes it (2026-Q3).
    pub period: String,
    pub as_of: String,
    pub sha256: String,
    pub by: String,
    pub at: String,
    /// The plan it covers (`--plan`); `None`: every plan of the file.
    pub plan_id: Option<i64>,
}

/// What an issue records besides its number.
#[derive(Debug, Clone, Copy)]
pub struct NewIssue<'a> {
    pub period: &'a str,
    pub as_of: NaiveDate,
    /// The day of issue: its year numbers the circular.
    pub today: NaiveDate,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    /// The plan the circular covers (`--plan`), so that it can be recomputed; `None`: all.
    pub plan: Option<i64>,
}

impl Db {
    /// The `circular.*` settings now.
    pub fn circular_settings(&self) -> Result<CircularSettings> {
        Ok(CircularSettings::of(&self.settings_like("circular.%")?))
    }

    /// Issues a circular: checks inside one `IMMEDIATE` transaction that `new.by` is an admin,
    /// takes the next number of the year, and calls `write` with it — `write` makes the document
    /// with that number and gives back its SHA-256 (hex); the caller puts the file in place
    /// after the commit, so no numbered file exists that the record does not hold — then records
    /// the issue. Refused (`Forbidden`) before `write` is called; when `write` fails nothing is
    /// recorded and the number stays free (it was never given).
    pub fn issue_circular<E: From<StoreError>>(
        &mut self,
        new: &NewIssue<'_>,
        write: impl FnOnce(&str) -> std::result::Result<String, E>,
    ) -> std::result::Result<IssuedCircular, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        super::write::permit(&tx, new.by, decide_issue)?;
        let rows: Vec<(String, String)> = tx
            .prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'circular.%'")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(StoreError::from)?;
        let settings = CircularSettings::of(&rows);
        let year = new.today.year();
        // In this transaction, which holds the write lock: nobody else takes this number.
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM circular_issue WHERE year = ?1")
            .and_then(|mut s| s.query_row([year], |r| r.get(0)))
            .map_err(StoreError::from)?;
        let number = settings.number(year, seq);
        let sha256 = write(&number)?;
        let at = instant(new.at);
        let as_of = super::model::day(new.as_of);
        tx.prepare_cached(
            "INSERT INTO circular_issue
                 (year, seq, number, period, as_of, format, sha256, by, at, plan_id)
             VALUES (?1, ?2, ?3, ?4, ?5, 'docx', ?6, ?7, ?8, ?9)",
        )
        .and_then(|mut s| {
            s.execute(params![
                year, seq, number, new.period, as_of, sha256, new.by, at, new.plan
            ])
        })
        .map_err(StoreError::from)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(StoreError::from)?;
        Ok(IssuedCircular {
            id,
            year,
            seq,
            number,
            period: new.period.to_string(),
            as_of,
            sha256,
            by: new.by.to_string(),
            at,
            plan_id: new.plan,
        })
    }

    /// Every issued circular, newest first.
    pub fn issued_circulars(&self) -> Result<Vec<IssuedCircular>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id, year, seq, number, period, as_of, sha256, by, at, plan_id
                 FROM circular_issue ORDER BY id DESC",
            )?
            .query_map([], |r| {
                Ok(IssuedCircular {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    seq: r.get(2)?,
                    number: r.get(3)?,
                    period: r.get(4)?,
                    as_of: r.get(5)?,
                    sha256: r.get(6)?,
                    by: r.get(7)?,
                    at: r.get(8)?,
                    plan_id: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
