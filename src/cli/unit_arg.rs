//! The unit an entry is made for (`invest`, `milestone reach`): `--dept` when given, else the
//! clerk's own department for an editor, else the task's only lead unit or only unit. Whatever
//! it is must be a unit of the task; whether this login may write for it the store decides
//! inside the write (an editor of another department, a viewer: refused there, in their words).

use super::{Ctx, Failure};
use crate::domain::{ClerkRole, Role};
use crate::i18n::{self, Msg, project_cli as words};
use crate::identity::os_login;
use crate::report::text::truncate;
use crate::store::{Db, TaskRef, TaskUnit};

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn entry_unit(
    ctx: &Ctx,
    db: &Db,
    task: &TaskRef,
    dept: Option<&str>,
) -> Result<TaskUnit, Failure> {
    let err = ctx.store_err_at(db.path());
    let user = |m: Msg<'_>| Failure::User(i18n::msg(ctx.lang, m));
    let title = truncate(&task.title, TITLE_COLUMNS);
    let units = db.task_units(task.id).map_err(&err)?;
    if units.is_empty() {
        return Err(user(Msg::TaskHasNoUnits {
            number: &task.number,
            title: &title,
        }));
    }
    let wanted = match dept {
        Some(q) => Some(ctx.department(db, q)?),
        None => {
            let me = db.actor(&os_login()).map_err(&err)?;
            me.department.filter(|_| me.role == Some(ClerkRole::Editor))
        }
    };
    let Some(wanted) = wanted else {
        let leads: Vec<&TaskUnit> = units.iter().filter(|u| u.role == Role::Lead).collect();
        return match (leads.as_slice(), units.as_slice()) {
            ([one], _) => Ok((*one).clone()),
            ([], [one]) => Ok(one.clone()),
            _ => {
                let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
                Err(Failure::User(words::which_unit(
                    ctx.lang,
                    &task.number,
                    &names.join(if ctx.lang.zh() { "、" } else { ", " }),
                )))
            }
        };
    };
    if let Some(unit) = units.iter().find(|u| u.department_id == wanted) {
        return Ok(unit.clone());
    }
    let department = db
        .department_names()
        .map_err(&err)?
        .into_iter()
        .find(|d| d.id == wanted)
        .map(|d| d.name)
        .unwrap_or_else(|| dept.unwrap_or("").trim().to_string());
    let names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
    Err(user(Msg::NotAUnit {
        number: &task.number,
        title: &title,
        department: &department,
        units: &names,
    }))
}
