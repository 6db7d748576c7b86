//! Changing settings (thresholds, cycle, scoring): admins only, validated by `domain::setting`,
//! all keys of one change in one transaction with one audit row (before and after).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};

use super::super::Db;
use super::super::error::{EditRefusal, Result, StoreError};
use super::super::model::instant;
use super::{audit, begin};
use crate::domain::setting::{
    SettingError, apply_score, validate, weights_after, weights_total_100,
};

impl Db {
    /// Sets each `(key, value)`; refuses the whole change if one is unknown or invalid, or if `by`
    /// is not an admin. Returns the values as stored.
    pub fn set_settings(
        &mut self,
        changes: &[(String, String)],
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Vec<(String, String)>> {
        let mut checked = Vec::with_capacity(changes.len());
        for (key, value) in changes {
            let v = validate(key, value).map_err(|e| match e {
                SettingError::UnknownKey(k) => StoreError::Refused(format!("unknown setting {k}")),
                SettingError::BadValue { key, expected } => {
                    StoreError::Refused(format!("{key} takes {expected}, not {value:?}"))
                }
            })?;
            checked.push((key.clone(), v));
        }
        let tx = begin(&mut self.conn, by)?;
        let mut rule = crate::domain::ScoreRule::default();
        {
            let mut stmt = tx
                .prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'score.weight.%'")?;
            let stored =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in stored {
                let (key, value) = row?;
                // A stored value the rules cannot read is left to the readers to report.
                let _ = apply_score(&mut rule, &key, &value);
            }
        }
        if let Some(weights) = weights_after(&rule.weights, &checked) {
            let (total, ok) = weights_total_100(&weights);
            if !ok {
                return Err(StoreError::Edit(EditRefusal::WeightsTotal {
                    weights,
                    total,
                }));
            }
        }
        let mut before = Map::new();
        let mut after = Map::new();
        for (key, value) in &checked {
            let old: Option<String> = tx
                .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?;
            if old.as_deref() != Some(value.as_str()) {
                // The value that stood until now stays readable: a circular for an earlier
                // period is scored and lit by the rule of its day (schema.sql `setting_past`).
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO setting_past (key, until, value) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![key, instant(at), old])?;
            }
            before.insert(key.clone(), old.map_or(Value::Null, Value::String));
            after.insert(key.clone(), Value::String(value.clone()));
            tx.prepare_cached(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        }
        let keys: Vec<&str> = checked.iter().map(|(k, _)| k.as_str()).collect();
        audit(
            &tx,
            at,
            by,
            "setting",
            &keys.join(","),
            "update",
            Some(&Value::Object(before)),
            Some(&Value::Object(after)),
        )?;
        tx.commit()?;
        Ok(checked)
    }
}
