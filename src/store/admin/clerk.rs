//! Clerks (who may write what) as admins maintain them. The last admin is kept: a file with no
//! admin could never again change its plan, departments or clerks.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::{audit, begin, no_department};
use crate::domain::{ClerkRole, TextField};
use crate::store::Db;
use crate::store::error::{EditRefusal, Result, StoreError, check_text};
use crate::store::model::Clerk;
use crate::store::read::clerk_row;

impl Db {
    /// Adds a clerk. Refused with `BadUsername` (empty, or spaces: it must be an OS login),
    /// `ClerkExists`, `EditorWithoutDepartment`, or `NotFound` for an unknown department.
    pub fn add_clerk(&mut self, clerk: &Clerk, by: &str, at: DateTime<Utc>) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let username = clerk.username.as_str();
        if username.is_empty()
            || username.chars().count() > crate::domain::text::MAX_NAME_CHARS
            || username
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(StoreError::Edit(EditRefusal::BadUsername(
                username.to_string(),
            )));
        }
        if find(&tx, username)?.is_some() {
            return Err(StoreError::Edit(EditRefusal::ClerkExists(
                username.to_string(),
            )));
        }
        check_department(&tx, clerk.role, clerk.department_id)?;
        let display_name = clerk
            .display_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        if let Some(name) = display_name {
            check_text(TextField::DisplayName, name)?;
        }
        tx.execute(
            "INSERT INTO clerk (username, display_name, department_id, role) VALUES (?1, ?2, ?3, ?4)",
            params![
                username,
                display_name,
                clerk.department_id,
                clerk.role.as_str()
            ],
        )?;
        let after = find(&tx, username)?.ok_or_else(|| not_a_clerk(username))?;
        audit(
            &tx,
            at,
            by,
            "clerk",
            username,
            "create",
            None,
            Some(&clerk_json(&after)),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a clerk's role and department. Refused with `LastAdmin` when it would leave the
    /// file without an admin, `EditorWithoutDepartment`, or `NotFound`. An unchanged role and
    /// department writes nothing.
    pub fn set_clerk_role(
        &mut self,
        username: &str,
        role: ClerkRole,
        department_id: Option<i64>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let before = find(&tx, username)?.ok_or_else(|| not_a_clerk(username))?;
        if before.role == role && before.department_id == department_id {
            return Ok(());
        }
        check_department(&tx, role, department_id)?;
        if before.role == ClerkRole::Admin && role != ClerkRole::Admin {
            keep_an_admin(&tx, username)?;
        }
        tx.execute(
            "UPDATE clerk SET role = ?2, department_id = ?3 WHERE username = ?1",
            params![username, role.as_str(), department_id],
        )?;
        let after = find(&tx, username)?.ok_or_else(|| not_a_clerk(username))?;
        audit(
            &tx,
            at,
            by,
            "clerk",
            username,
            "update",
            Some(&clerk_json(&before)),
            Some(&clerk_json(&after)),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a clerk: they read only from now on. What they reported stays under their name.
    /// Refused with `LastAdmin` for the only admin, `NotFound` for someone not a clerk.
    pub fn remove_clerk(&mut self, username: &str, by: &str, at: DateTime<Utc>) -> Result<()> {
        let tx = begin(&mut self.conn, by)?;
        let before = find(&tx, username)?.ok_or_else(|| not_a_clerk(username))?;
        if before.role == ClerkRole::Admin {
            keep_an_admin(&tx, username)?;
        }
        tx.execute("DELETE FROM clerk WHERE username = ?1", [username])?;
        audit(
            &tx,
            at,
            by,
            "clerk",
            username,
            "delete",
            Some(&clerk_json(&before)),
            None,
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn find(tx: &Transaction<'_>, username: &str) -> Result<Option<Clerk>> {
    Ok(tx
        .prepare_cached(
            "SELECT username, display_name, department_id, role FROM clerk WHERE username = ?1",
        )?
        .query_row([username], clerk_row)
        .optional()?)
}

fn not_a_clerk(username: &str) -> StoreError {
    StoreError::NotFound(format!("clerk {username}"))
}

/// An editor needs a department; any named department must exist.
fn check_department(
    tx: &Transaction<'_>,
    role: ClerkRole,
    department_id: Option<i64>,
) -> Result<()> {
    match department_id {
        None if role == ClerkRole::Editor => {
            Err(StoreError::Edit(EditRefusal::EditorWithoutDepartment))
        }
        None => Ok(()),
        Some(id) => {
            let found: Option<i64> = tx
                .prepare_cached("SELECT id FROM department WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            found.map(|_| ()).ok_or_else(|| no_department(id))
        }
    }
}

/// Refuses taking away `username`'s admin role when nobody else has one.
fn keep_an_admin(tx: &Transaction<'_>, username: &str) -> Result<()> {
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM clerk WHERE role = 'admin' AND username <> ?1",
        [username],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(StoreError::Edit(EditRefusal::LastAdmin(
            username.to_string(),
        )));
    }
    Ok(())
}

fn clerk_json(c: &Clerk) -> Value {
    json!({
        "username": c.username,
        "display_name": c.display_name,
        "department_id": c.department_id,
        "role": c.role.as_str(),
    })
}
