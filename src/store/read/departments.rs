//! The departments as a person names them: the list (now or as of an instant), every name and
//! alias for resolving what someone typed, and an exact name found by the indexes.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::super::Db;
use super::super::error::Result;
use super::super::model::*;
use crate::domain::DepartmentName;

impl Db {
    /// The departments in list order, leaving out those merged into another.
    pub fn departments(&self) -> Result<Vec<Department>> {
        self.departments_at(None)
    }

    /// The departments as they stood just before `end` (ISO UTC; `None`: now): one merged at or
    /// after `end` is still listed, as a circular for an earlier period showed it.
    pub fn departments_at(&self, end: Option<&str>) -> Result<Vec<Department>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, coalesce((SELECT dp.name FROM department_past dp
                                    WHERE dp.department_id = d.id AND dp.until >= ?1
                                    ORDER BY dp.until LIMIT 1), d.name), d.kind
             FROM department d
             WHERE d.merged_at IS NULL OR d.merged_at >= ?1 ORDER BY d.position, d.id",
        )?;
        let rows = stmt.query_map([end], |r| {
            Ok(Department {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every department with its aliases, for resolving what a person typed.
    pub fn department_names(&self) -> Result<Vec<DepartmentName>> {
        department_names(&self.conn)
    }

    /// The department that `name` (trimmed) names exactly, as its name or an alias, found by
    /// the indexes instead of reading every department (a province file has ten thousand):
    /// what `domain::names::resolve` finds first. `None` when no department goes by it, or when
    /// a merged one does, whose name means the department it was merged into (followed by
    /// `department_names`): then resolve over every name.
    pub fn department_named(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT d.id FROM department d
                 WHERE d.merged_into IS NULL
                   AND (d.id IN (SELECT id FROM department WHERE name = ?1)
                        OR d.id IN (SELECT department_id FROM department_alias WHERE alias = ?1))
                   AND NOT EXISTS (SELECT 1 FROM department m
                                   WHERE m.name = ?1 AND m.merged_into IS NOT NULL)
                 ORDER BY d.position, d.id LIMIT 1",
            )?
            .query_row([name.trim()], |r| r.get(0))
            .optional()?)
    }
}

/// Departments (in list order) with their aliases, on a connection or inside a transaction
/// (the importer matches names in the transaction that saves them).
pub(in crate::store) fn department_names(
    conn: &rusqlite::Connection,
) -> Result<Vec<DepartmentName>> {
    let mut names: Vec<DepartmentName> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    // A merged department is no longer a name to choose: its name now means the department it
    // was merged into (followed to the end of a chain of merges), as an alias does.
    let mut merged: Vec<(String, i64)> = Vec::new();
    let mut into: HashMap<i64, i64> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT id, name, merged_into FROM department ORDER BY position, id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        match r.get::<_, Option<i64>>(2)? {
            Some(survivor) => {
                into.insert(id, survivor);
                merged.push((r.get(1)?, id));
            }
            None => {
                index.insert(id, names.len());
                names.push(DepartmentName {
                    id,
                    name: r.get(1)?,
                    aliases: Vec::new(),
                });
            }
        }
    }
    drop(rows);
    for (name, mut id) in merged {
        // A chain is at most as long as the table; a cycle (a hand-edited file) ends the walk.
        for _ in 0..=into.len() {
            match into.get(&id) {
                Some(&next) => id = next,
                None => break,
            }
        }
        if let Some(&i) = index.get(&id) {
            names[i].aliases.push(name);
        }
    }
    for d in &mut names {
        d.aliases.sort();
    }
    let mut stmt =
        conn.prepare_cached("SELECT alias, department_id FROM department_alias ORDER BY alias")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (alias, id): (String, i64) = (r.get(0)?, r.get(1)?);
        if let Some(&i) = index.get(&id) {
            names[i].aliases.push(alias);
        }
    }
    Ok(names)
}
