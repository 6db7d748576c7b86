//! Departments (责任单位) as the office maintains them: add (with "did you mean"), rename (the old
//! name stays an alias), aliases, and merging two departments without losing any history (the
//! rules are in `admin.rs`).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::{audit, begin, no_department};
use crate::domain::{DepartmentName, Percent, Role, Similar, TextField, similar};
use crate::store::Db;
use crate::store::error::{EditRefusal, Result, StoreError, check_text};
use crate::store::model::DepartmentKind;
use crate::store::model::instant;
use crate::store::read::department_names;
use crate::store::write::append_progress;

use super::task::{joined_at, keep_past_unit};

/// A department just added, and the existing ones whose names are close to it (a warning: the
/// office may have meant one of those; the UI can offer to merge or to make the name an alias).
#[derive(Debug, Clone, PartialEq)]
pub struct AddedDepartment {
    pub id: i64,
    pub similar: Vec<Similar>,
}

/// What a merge changed on the surviving department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub into: i64,
    /// Every assignment the merge changed, in task order: what a confirmation lists.
    pub changes: Vec<AssignmentChange>,
    pub clerks_moved: usize,
    pub indicators_moved: usize,
    /// The new department's aliases after the merge (the old name and its aliases among them).
    pub aliases: Vec<String>,
}

impl Merged {
    /// Tasks only the old department was on: the survivor joins them.
    pub fn assignments_moved(&self) -> usize {
        self.changes.iter().filter(|c| c.before.is_none()).count()
    }

    /// Tasks both were on: the survivor's assignment stays, its role and percent never lower.
    pub fn assignments_joined(&self) -> usize {
        self.changes.len() - self.assignments_moved()
    }
}

/// One of the survivor's assignments as a merge changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentChange {
    pub task_id: i64,
    pub number: String,
    pub title: String,
    /// The merged department's role and percent on the task.
    pub theirs: (Role, Percent),
    /// The survivor's before the merge (`None`: it was not on the task).
    pub before: Option<(Role, Percent)>,
    pub after: (Role, Percent),
}

/// A department as the office's list shows it (`duban dept list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentSummary {
    pub id: i64,
    pub name: String,
    /// `bureau`, `street`, `company` or `other`.
    pub kind: String,
    pub aliases: Vec<String>,
    /// Current tasks (not deleted) it leads, and those it works on as a co-unit.
    pub led: i64,
    pub co: i64,
    /// Clerks who belong to it.
    pub clerks: i64,
}

/// A department row as the audit trail records it.
struct Snapshot {
    id: i64,
    name: String,
    kind: String,
    aliases: Vec<String>,
}

impl Snapshot {
    fn json(&self) -> Value {
        json!({ "id": self.id, "name": self.name, "kind": self.kind, "aliases": self.aliases })
    }
}

impl Db {
    /// Existing departments whose name or an alias is close to `name`: for a "did you mean"
    /// before the form saves (`add_department` returns the same list).
    pub fn similar_departments(&self, name: &str) -> Result<Vec<Similar>> {
        Ok(similar(name, &department_names(&self.conn)?))
    }

    /// Every department in list order with its aliases, kind, current tasks led and co-owned,
    /// and clerks.
    pub fn department_summaries(&self) -> Result<Vec<DepartmentSummary>> {
        let names = department_names(&self.conn)?;
        // One pass over the assignments (grouped), not a count per department: a file of a
        // thousand departments and a quarter of a million assignments lists in one scan.
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.kind, coalesce(a.led, 0), coalesce(a.co, 0), coalesce(c.clerks, 0)
             FROM department d
             LEFT JOIN (SELECT x.department_id,
                               sum(x.role = 'lead') AS led, sum(x.role = 'co') AS co
                        FROM assignment x JOIN task t ON t.id = x.task_id
                        WHERE t.deleted_at IS NULL AND x.ended_at IS NULL
                        GROUP BY x.department_id) a
                    ON a.department_id = d.id
             LEFT JOIN (SELECT department_id, count(*) AS clerks FROM clerk
                        WHERE department_id IS NOT NULL GROUP BY department_id) c
                    ON c.department_id = d.id",
        )?;
        let mut counts: std::collections::HashMap<i64, (String, i64, i64, i64)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names
            .into_iter()
            .map(|d| {
                let (kind, led, co, clerks) = counts.remove(&d.id).unwrap_or_default();
                DepartmentSummary {
                    id: d.id,
                    name: d.name,
                    kind,
                    aliases: d.aliases,
                    led,
                    co,
                    clerks,
                }
            })
            .collect())
    }

    /// Adds a department at the end of the list. Refused with `EmptyName`, or `NameTaken` when the
    /// name is already a department's name or alias. Returns the close existing names.
    pub fn add_department(
        &mut self,
        name: &str,
        kind: DepartmentKind,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<AddedDepartment> {
        let tx = begin(&mut self.conn, by)?;
        let name = name.trim();
        let known = department_names(&tx)?;
        check_free(TextField::DepartmentName, name, &known, None)?;
        tx.execute(
            "INSERT INTO department (name, kind, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM department))",
            params![name, kind.as_str()],
        )?;
        let id = tx.last_insert_rowid();
        let after = department(&tx, id)?;
        audit(
            &tx,
            at,
            by,
            "department",
            &id.to_string(),
            "create",
            None,
            Some(&after.json()),
        )?;
        tx.commit()?;
        Ok(AddedDepartment {
            id,
            similar: similar(name, &known),
        })
    }

    /// Renames a department; the old name becomes one of its aliases, so imports and typed names
    /// that use it still find it. The new name may be one of its own aliases (that alias then
    /// is the name); another department's name or alias is refused with `NameTaken`. Renaming to
    /// the current name writes nothing.
    pub fn rename_department(
        &mut self,
        department_id: i64,
        new_name: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let new_name = new_name.trim();
        let before = department(&tx, department_id)?;
        if new_name == before.name {
            return Ok(());
        }
        check_free(
            TextField::DepartmentName,
            new_name,
            &department_names(&tx)?,
            Some(department_id),
        )?;
        // A merged department keeps its name (its reports name it): the name finds the survivor
        // but cannot become another row's.
        let kept: Option<String> = tx
            .query_row(
                "SELECT name FROM department WHERE name = ?1 AND id <> ?2",
                params![new_name, department_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(owner) = kept {
            return Err(StoreError::Edit(EditRefusal::NameTaken {
                name: new_name.to_string(),
                owner,
            }));
        }
        tx.execute(
            "DELETE FROM department_alias WHERE alias = ?1 AND department_id = ?2",
            params![new_name, department_id],
        )?;
        // The name it had stays readable for as-of reads (schema.sql `department_past`).
        tx.execute(
            "INSERT OR IGNORE INTO department_past (department_id, until, name) VALUES (?1, ?2, ?3)",
            params![department_id, instant(at), before.name],
        )?;
        tx.execute(
            "UPDATE department SET name = ?2 WHERE id = ?1",
            params![department_id, new_name],
        )?;
        tx.execute(
            "INSERT INTO department_alias (alias, department_id) VALUES (?1, ?2)",
            params![before.name, department_id],
        )?;
        let after = department(&tx, department_id)?;
        audit(
            &tx,
            at,
            by,
            "department",
            &department_id.to_string(),
            "rename",
            Some(&before.json()),
            Some(&after.json()),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds another name the department is known by (经信局 for 区经济和信息化局). Refused with
    /// `NameTaken` when it is already a name or alias of any department, this one included.
    pub fn add_alias(
        &mut self,
        department_id: i64,
        alias: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let alias = alias.trim();
        let before = department(&tx, department_id)?;
        check_free(TextField::Alias, alias, &department_names(&tx)?, None)?;
        tx.execute(
            "INSERT INTO department_alias (alias, department_id) VALUES (?1, ?2)",
            params![alias, department_id],
        )?;
        let after = department(&tx, department_id)?;
        audit(
            &tx,
            at,
            by,
            "department",
            &department_id.to_string(),
            "alias",
            Some(&before.json()),
            Some(&after.json()),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Merges department `from` into `into` (two names of one unit, or a reorganisation). History
    /// is never rewritten: `from` stays in the file marked merged (with the date), its journal
    /// rows keep it as their maker, and its assignments end at the merge. From then on `into`
    /// stands on each of `from`'s current tasks: where it was not on the task it joins it with
    /// `from`'s role and current percent; where both were, it leads if either led and keeps its
    /// own percent, except that where it takes the lead over from `from` it keeps the higher of
    /// the two (the lead's figure is the task's completion). No figure of the survivor drops. A percent the survivor takes
    /// over is a journal row of its own (by `by`, at `at`, saying where it came from). Clerks,
    /// indicators and aliases move to `into`; `from`'s name then finds `into`. Refused with
    /// `SameDepartment`, or `IndicatorClash` when both have an indicator of one name in one plan
    /// (indicator actuals are append-only and cannot be joined).
    pub fn merge_departments(
        &mut self,
        from: i64,
        into: i64,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Merged> {
        let tx = begin(&mut self.conn, by)?;
        let merged = merge(&tx, from, into, by, at)?;
        tx.commit()?;
        Ok(merged)
    }

    /// What `merge_departments` would change, without changing anything: the same merge, run in a
    /// transaction that is rolled back, so the figures (and any refusal, permission included)
    /// are exactly the real merge's at this moment. A merge cannot be undone; this is what a
    /// confirmation shows before it.
    pub fn preview_merge(
        &mut self,
        from: i64,
        into: i64,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Merged> {
        let tx = begin(&mut self.conn, by)?;
        let merged = merge(&tx, from, into, by, at)?;
        tx.rollback()?;
        Ok(merged)
    }
}

/// The merge itself, inside the caller's transaction (see `merge_departments`).
fn merge(
    tx: &Transaction<'_>,
    from: i64,
    into: i64,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Merged> {
    if from == into {
        return Err(StoreError::Edit(EditRefusal::SameDepartment));
    }
    let old = department(tx, from)?;
    let target = department(tx, into)?;
    // Names resolve to departments still standing; an id from elsewhere may not.
    let merged_already: bool = tx.query_row(
        "SELECT count(*) FROM department WHERE id IN (?1, ?2) AND merged_into IS NOT NULL",
        params![from, into],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if merged_already {
        return Err(no_department(from));
    }
    let clashes: Vec<String> = tx
        .prepare(
            "SELECT DISTINCT f.name FROM indicator f
             JOIN indicator i ON i.plan_id = f.plan_id AND i.name = f.name
             WHERE f.department_id = ?1 AND i.department_id = ?2 ORDER BY f.name",
        )?
        .query_map(params![from, into], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !clashes.is_empty() {
        return Err(StoreError::Edit(EditRefusal::IndicatorClash {
            names: clashes,
        }));
    }

    let when = instant(at);
    let changes = take_over(tx, &old.name, from, into, by, &when)?;
    let clerks_moved = tx.execute(
        "UPDATE clerk SET department_id = ?2 WHERE department_id = ?1",
        params![from, into],
    )?;
    let indicators_moved = tx.execute(
        "UPDATE indicator SET department_id = ?2 WHERE department_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE department_alias SET department_id = ?2 WHERE department_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE department SET merged_into = ?2, merged_at = ?3 WHERE id = ?1",
        params![from, into, when],
    )?;

    let after = department(tx, into)?;
    let merged = Merged {
        into,
        changes,
        clerks_moved,
        indicators_moved,
        aliases: department_names(tx)?
            .into_iter()
            .find(|d| d.id == into)
            .map(|d| d.aliases)
            .unwrap_or_default(),
    };
    let listed: Vec<Value> = merged
        .changes
        .iter()
        .map(|c| {
            json!({
                "task": c.task_id,
                "theirs": [c.theirs.0.as_str(), c.theirs.1.value()],
                "before": c.before.map(|b| json!([b.0.as_str(), b.1.value()])),
                "after": [c.after.0.as_str(), c.after.1.value()],
            })
        })
        .collect();
    audit(
        tx,
        at,
        by,
        "department",
        &from.to_string(),
        "merge",
        Some(&json!({ "from": old.json(), "into": target.json() })),
        Some(&json!({
            "into": after.json(),
            "assignments": listed,
            "clerks_moved": clerks_moved,
            "indicators_moved": indicators_moved,
        })),
    )?;
    Ok(merged)
}

/// `into` takes over `from`'s current assignments (see `merge_departments`); `from`'s end at
/// `when`. Tasks deleted before the merge keep their units as they were.
fn take_over(
    tx: &Transaction<'_>,
    from_name: &str,
    from: i64,
    into: i64,
    by: &str,
    when: &str,
) -> Result<Vec<AssignmentChange>> {
    type Row = (
        i64,
        String,
        String,
        String,
        i64,
        i64,
        bool,
        Option<(String, i64)>,
    );
    let theirs: Vec<Row> = tx
        .prepare(
            "SELECT f.task_id, t.number, t.title, f.role, f.percent, f.position,
                    f.updated_at IS NOT NULL, i.role, i.percent
             FROM assignment f JOIN task t ON t.id = f.task_id
             LEFT JOIN assignment i ON i.task_id = f.task_id AND i.department_id = ?2
                                   AND i.ended_at IS NULL
             WHERE f.department_id = ?1 AND f.removed_at IS NULL
             ORDER BY f.task_id",
        )?
        .query_map(params![from, into], |r| {
            let survivor = match r.get::<_, Option<String>>(7)? {
                Some(role) => Some((role, r.get(8)?)),
                None => None,
            };
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                survivor,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let percent = |p: i64| Percent::new(p).map_err(|_| StoreError::Corrupt(format!("percent {p}")));
    let carried = crate::domain::note::merge_carried(from_name);
    let mut changes = Vec::with_capacity(theirs.len());
    for (task_id, number, title, role, their_percent, position, reported, survivor) in theirs {
        let their_role: Role = role.parse().unwrap_or(Role::Co);
        let their_percent = percent(their_percent)?;
        let before = match survivor {
            Some((role, p)) => Some((role.parse().unwrap_or(Role::Co), percent(p)?)),
            None => None,
        };
        let after = match before {
            Some((own_role, p)) => {
                // The survivor's own figure stands; where it takes the lead from the merged unit,
                // the lead's figure (the task's completion) is kept if it is higher.
                let takes_lead = own_role == Role::Co && their_role == Role::Lead;
                let role = if takes_lead { Role::Lead } else { own_role };
                let percent = if takes_lead { their_percent.max(p) } else { p };
                // The role and place it had stay readable for as-of reads.
                let own_position: i64 = tx.query_row(
                    "SELECT position FROM assignment WHERE task_id = ?1 AND department_id = ?2",
                    params![task_id, into],
                    |r| r.get(0),
                )?;
                keep_past_unit(
                    tx,
                    task_id,
                    into,
                    when,
                    role,
                    own_position.min(position),
                    true,
                )?;
                tx.prepare_cached(
                    "UPDATE assignment SET role = ?3, position = min(position, ?4),
                         version = version + (role <> ?3)
                     WHERE task_id = ?1 AND department_id = ?2",
                )?
                .execute(params![task_id, into, role.as_str(), position])?;
                if percent > p {
                    append_progress(tx, task_id, into, percent, &carried, by, when, None)?;
                }
                (role, percent)
            }
            None => {
                // Not on the task, or taken off it earlier (the row stays; it stands again).
                let revived = tx
                    .prepare_cached(
                        "SELECT percent FROM assignment WHERE task_id = ?1 AND department_id = ?2",
                    )?
                    .query_row(params![task_id, into], |r| r.get::<_, i64>(0))
                    .optional()?;
                match revived {
                    Some(_) => {
                        keep_past_unit(tx, task_id, into, when, their_role, position, true)?;
                        tx.prepare_cached(
                            "UPDATE assignment SET role = ?3, position = ?4, ended_at = NULL,
                                 version = version + 1
                             WHERE task_id = ?1 AND department_id = ?2",
                        )?
                        .execute(params![
                            task_id,
                            into,
                            their_role.as_str(),
                            position
                        ])?;
                    }
                    None => {
                        tx.prepare_cached(
                            "INSERT INTO assignment (task_id, department_id, role, position)
                             VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![
                            task_id,
                            into,
                            their_role.as_str(),
                            position
                        ])?;
                        joined_at(tx, task_id, into, when)?;
                    }
                }
                // The figure it takes over is a journal row of its own.
                if reported || revived.is_some_and(|p| p != i64::from(their_percent.value())) {
                    append_progress(tx, task_id, into, their_percent, &carried, by, when, None)?;
                }
                (their_role, their_percent)
            }
        };
        keep_past_unit(tx, task_id, from, when, their_role, -1, false)?;
        tx.prepare_cached(
            "UPDATE assignment SET ended_at = ?3, version = version + 1
             WHERE task_id = ?1 AND department_id = ?2",
        )?
        .execute(params![task_id, from, when])?;
        changes.push(AssignmentChange {
            task_id,
            number,
            title,
            theirs: (their_role, their_percent),
            before,
            after,
        });
    }
    Ok(changes)
}

/// Refuses an empty name, a control character or an overlong name, or one that is already a department's name or alias. `own`: the
/// department being renamed, whose own aliases may become its name.
fn check_free(
    field: TextField,
    name: &str,
    known: &[DepartmentName],
    own: Option<i64>,
) -> Result<()> {
    if name.is_empty() {
        return Err(StoreError::Edit(EditRefusal::EmptyName));
    }
    check_text(field, name)?;
    let owner = known
        .iter()
        .find(|d| d.name == name || (Some(d.id) != own && d.aliases.iter().any(|a| a == name)));
    match owner {
        Some(d) => Err(StoreError::Edit(EditRefusal::NameTaken {
            name: name.to_string(),
            owner: d.name.clone(),
        })),
        None => Ok(()),
    }
}

fn department(tx: &Transaction<'_>, id: i64) -> Result<Snapshot> {
    let head: Option<(String, String)> = tx
        .prepare_cached("SELECT name, kind FROM department WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (name, kind) = head.ok_or_else(|| no_department(id))?;
    let aliases = tx
        .prepare_cached(
            "SELECT alias FROM department_alias WHERE department_id = ?1 ORDER BY alias",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Snapshot {
        id,
        name,
        kind,
        aliases,
    })
}
