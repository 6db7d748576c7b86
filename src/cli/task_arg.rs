//! `--task`: a task by its number as `duban tasks` prints it, or by `#id`. A number that names
//! several tasks is refused with the candidates, never guessed: a report saved on the wrong task
//! is worse than a second try.

use super::{Ctx, Failure};
use crate::domain::{TaskSpec, TaskSpecError};
use crate::i18n::{self, Msg};
use crate::store::{Db, TaskRef};

/// How many "did you mean" tasks an unknown number lists.
const SIMILAR: u32 = 5;

pub fn resolve_task(ctx: &Ctx, db: &Db, query: &str) -> Result<TaskRef, Failure> {
    resolve_task_in(ctx, db, query, None)
}

/// `resolve_task` among one plan's tasks when `plan` is given (`log --plan B --task 3`): the
/// number then names the task of that plan. An `#id` names one task whatever the plan.
pub fn resolve_task_in(
    ctx: &Ctx,
    db: &Db,
    query: &str,
    plan: Option<i64>,
) -> Result<TaskRef, Failure> {
    let user = |m: Msg<'_>| Failure::User(i18n::msg(ctx.lang, m));
    let err = ctx.store_err_at(db.path());
    match TaskSpec::parse(query) {
        Err(TaskSpecError::Empty) => Err(user(Msg::TaskSpecEmpty)),
        Err(TaskSpecError::BadId(s)) => Err(user(Msg::BadTaskId(&s))),
        Ok(TaskSpec::Id(id)) => {
            let task = db
                .task_by_id(id)
                .map_err(&err)?
                .ok_or_else(|| user(Msg::UnknownTaskId(id)))?;
            // An id names one task of the file; with --plan it must be that plan's, or the
            // output would be silently empty.
            if let Some(plan) = plan {
                let scope = crate::store::Scope {
                    plan: Some(plan),
                    ..Default::default()
                };
                if !db.tasks(scope).map_err(&err)?.iter().any(|t| t.id == id) {
                    return Err(Failure::User(i18n::plan_scope::task_not_in_plan(
                        ctx.lang, id,
                    )));
                }
            }
            Ok(task)
        }
        Ok(TaskSpec::Number(number)) => {
            let mut found = db.find_tasks_by_number(&number).map_err(&err)?;
            if let Some(plan) = plan {
                let scope = crate::store::Scope {
                    plan: Some(plan),
                    ..Default::default()
                };
                let ids: std::collections::HashSet<i64> = db
                    .tasks(scope)
                    .map_err(&err)?
                    .iter()
                    .map(|t| t.id)
                    .collect();
                found.retain(|t| ids.contains(&t.id));
            }
            match found.len() {
                1 => Ok(found.remove(0)),
                0 => {
                    let similar = db
                        .tasks_with_number_ending(&number, SIMILAR)
                        .map_err(&err)?;
                    Err(user(Msg::UnknownTask {
                        query: query.trim(),
                        similar: &similar,
                    }))
                }
                _ => Err(user(Msg::AmbiguousTask {
                    query: query.trim(),
                    candidates: &found,
                })),
            }
        }
    }
}
