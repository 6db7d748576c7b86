//! `duban close apply|approve|return|reopen|list`: closing a task (办结销号, issue 22). A lead
//! unit at 100% applies with a closing note (and why, when another unit is below 100%); an admin
//! approves (已办结) or sends it back with a reason; an admin may reopen a closed task. The
//! store checks who may and when inside its transaction; every refusal is one line, exit 2.

use clap::{Args, Subcommand};

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure, parse_day};
use crate::domain::{ClerkRole, ClosingStep, Role, text};
use crate::i18n::closing as words;
use crate::identity::os_login;
use crate::report::closing as render;
use crate::report::text::truncate;
use crate::store::ClosingAction;

#[derive(Args, Debug)]
pub struct CloseArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Apply to close a task (申请办结): the lead unit, at 100%, with a closing note
    ///
    /// Example: duban close apply --task 3 --note "园区已验收" --why "配合单位事项已并入"
    Apply(ApplyArgs),
    /// Approve an application: the task is closed (审核通过,已办结); admins only
    ///
    /// Example: duban close approve --task 3
    Approve(ApproveArgs),
    /// Send an application back with a reason (退回); admins only
    ///
    /// Example: duban close return --task 3 --reason "缺少验收报告"
    Return(ReasonArgs),
    /// Open a closed task again, with a reason (重新打开); admins only
    ///
    /// Example: duban close reopen --task 3 --reason "复查发现未完成"
    Reopen(ReasonArgs),
    /// Tasks with a closing step; --pending: the review queue, oldest first (待审核)
    ///
    /// Example: duban close list --pending; duban close list --dept 经信局
    List(ListArgs),
}

#[derive(Args, Debug)]
struct ApplyArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The applying lead unit (default: your department, else the task's only lead unit)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The closing note (办结说明): what was done
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: String,
    /// Why units below 100% are not finished (needed when one is)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    why: Option<String>,
}

#[derive(Args, Debug)]
struct ApproveArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// A note for the record (审核意见)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
}

#[derive(Args, Debug)]
struct ReasonArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// Why (the unit sees it in its list)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: String,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Only the applications waiting for review, oldest first
    #[arg(long)]
    pending: bool,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
    /// Only the tasks this department is a unit of (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The state as it stood at the end of this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: CloseArgs) -> CmdResult {
    match args.action {
        Action::Apply(a) => apply(ctx, a),
        Action::Approve(a) => {
            let note = clean(a.note.as_deref().unwrap_or(""));
            step(ctx, &a.task, |_, _| {
                Ok(ClosingAction::Approve { note: &note })
            })
        }
        Action::Return(a) => {
            let reason = clean(&a.reason);
            step(ctx, &a.task, |_, _| {
                Ok(ClosingAction::Return { reason: &reason })
            })
        }
        Action::Reopen(a) => {
            let reason = clean(&a.reason);
            step(ctx, &a.task, |_, _| {
                Ok(ClosingAction::Reopen { reason: &reason })
            })
        }
        Action::List(a) => list(ctx, a),
    }
}

fn clean(typed: &str) -> String {
    text::normalise_line_ends(typed.trim())
}

fn apply(ctx: &Ctx, args: ApplyArgs) -> CmdResult {
    let note = clean(&args.note);
    let why = clean(args.why.as_deref().unwrap_or(""));
    step(ctx, &args.task, |db, task| {
        let err = ctx.store_err_at(db.path());
        let department_id = match &args.dept {
            Some(q) => ctx.department(db, q)?,
            None => {
                let units = db.task_units(task.id).map_err(&err)?;
                let me = db.actor(&os_login()).map_err(&err)?;
                let mine = me
                    .department
                    .filter(|_| me.role == Some(ClerkRole::Editor))
                    .filter(|d| units.iter().any(|u| u.department_id == *d));
                let leads: Vec<_> = units.iter().filter(|u| u.role == Role::Lead).collect();
                match (mine, leads.as_slice()) {
                    (Some(d), _) => d,
                    (None, [one]) => one.department_id,
                    (None, []) => {
                        return Err(Failure::User(words::no_lead(ctx.lang, &task.number)));
                    }
                    (None, several) => {
                        let names: Vec<&str> = several.iter().map(|u| u.name.as_str()).collect();
                        return Err(Failure::User(words::which_lead(
                            ctx.lang,
                            &task.number,
                            &names.join("、"),
                        )));
                    }
                }
            }
        };
        Ok(ClosingAction::Apply {
            department_id,
            note: &note,
            why: &why,
        })
    })
}

/// Resolves the task, builds the action, takes the step, says what was done.
fn step<'a>(
    ctx: &Ctx,
    task: &str,
    action: impl FnOnce(&crate::store::Db, &crate::store::TaskRef) -> Result<ClosingAction<'a>, Failure>,
) -> CmdResult {
    let mut db = ctx.open()?;
    let task = resolve_task(ctx, &db, task)?;
    let action = action(&db, &task)?;
    let path = db.path().to_path_buf();
    let entry = db
        .close_step(task.id, &action, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(&path))?;
    let step: ClosingStep = entry.step;
    ctx.out(&format!(
        "{}\n",
        words::saved(
            ctx.lang,
            step,
            &task.number,
            &truncate(&task.title, TITLE_COLUMNS)
        )
    ))
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let db = ctx.open_reader()?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let items = db
        .closings(day.as_of, args.pending, department)
        .map_err(ctx.store_err_at(db.path()))?;
    if args.json {
        ctx.out(&render::render_json(&items))
    } else {
        ctx.out(&render::render_text(
            &items,
            args.pending,
            ctx.lang,
            ctx.clock.utc_offset(),
        ))
    }
}
