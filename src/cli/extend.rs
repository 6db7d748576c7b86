//! `duban extend request|approve|refuse|list`: extensions (延期申请, issue 22). A unit of the
//! task asks, on or before the deadline, for a later one with a reason; an admin approves it
//! (the asked date, or `--to` another later one: the task's deadline changes from then on) or
//! refuses it with a reason. After the deadline only an admin may file a request. The store
//! checks who may and when inside its transaction; every refusal is one line, exit 2.

use clap::{Args, Subcommand};

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure, parse_day, typed_day};
use crate::domain::{ClerkRole, Role, text};
use crate::i18n::extension as words;
use crate::identity::os_login;
use crate::report::extension as render;
use crate::report::text::truncate;
use crate::store::ExtensionAction;

#[derive(Args, Debug)]
pub struct ExtendArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Ask for a later deadline (申请延期): a unit of the task, on or before the deadline, with
    /// a reason; after it only an admin may file one
    ///
    /// Example: duban extend request --task 3 --to 2026-09-30 --reason "征地手续未完成"
    Request(RequestArgs),
    /// Approve the waiting request (批准延期): the task's deadline becomes the date asked, or
    /// --to; admins only
    ///
    /// Example: duban extend approve --task 3; duban extend approve --task 3 --to 2026-08-31
    Approve(ApproveArgs),
    /// Refuse the waiting request with a reason (不予延期); admins only
    ///
    /// Example: duban extend refuse --task 3 --reason "理由不充分,按原期限完成"
    Refuse(RefuseArgs),
    /// Extension requests; --pending: those waiting for an answer, oldest first (待审批)
    ///
    /// Example: duban extend list --pending; duban extend list --dept 经信局 --json
    List(ListArgs),
}

#[derive(Args, Debug)]
struct RequestArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The asking unit (default: your department, else the task's only lead or only unit)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The deadline asked for (YYYY-MM-DD), later than the current one
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Why more time is needed (the office reads it)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: String,
}

#[derive(Args, Debug)]
struct ApproveArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// Grant this date instead of the one asked (later than the current deadline)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// A note for the record (审批意见)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
}

#[derive(Args, Debug)]
struct RefuseArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// Why (the unit sees it)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: String,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Only the requests waiting for an answer, oldest first
    #[arg(long)]
    pending: bool,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
    /// Only the tasks this department is a unit of (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The requests as they stood at the end of this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: ExtendArgs) -> CmdResult {
    match args.action {
        Action::Request(a) => request(ctx, a),
        Action::Approve(a) => {
            let to =
                a.to.as_deref()
                    .map(|t| typed_day(ctx.lang, t))
                    .transpose()?;
            let note = clean(a.note.as_deref().unwrap_or(""));
            step(ctx, &a.task, |_, _| {
                Ok(ExtensionAction::Approve { to, note: &note })
            })
        }
        Action::Refuse(a) => {
            let reason = clean(&a.reason);
            step(ctx, &a.task, |_, _| {
                Ok(ExtensionAction::Refuse { reason: &reason })
            })
        }
        Action::List(a) => list(ctx, a),
    }
}

fn clean(typed: &str) -> String {
    text::normalise_line_ends(typed.trim())
}

fn request(ctx: &Ctx, args: RequestArgs) -> CmdResult {
    let to = typed_day(ctx.lang, &args.to)?;
    let reason = clean(&args.reason);
    let today = ctx.clock.today();
    step(ctx, &args.task, |db, task| {
        let err = ctx.store_err_at(db.path());
        let department_id = match &args.dept {
            Some(q) => ctx.department(db, q)?,
            None => {
                let me = db.actor(&os_login()).map_err(&err)?;
                let units = db.task_units(task.id).map_err(&err)?;
                let leads: Vec<_> = units.iter().filter(|u| u.role == Role::Lead).collect();
                match me.department.filter(|_| me.role == Some(ClerkRole::Editor)) {
                    // An editor asks for their own department (the rule says if it is no unit).
                    Some(d) => d,
                    None => match (leads.as_slice(), units.as_slice()) {
                        ([one], _) => one.department_id,
                        ([], [one]) => one.department_id,
                        (_, []) => {
                            return Err(Failure::User(words::no_unit(ctx.lang, &task.number)));
                        }
                        _ => {
                            let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
                            return Err(Failure::User(words::which_unit(
                                ctx.lang,
                                &task.number,
                                &names.join("、"),
                            )));
                        }
                    },
                }
            }
        };
        Ok(ExtensionAction::Request {
            department_id,
            to,
            reason: &reason,
            today,
        })
    })
}

/// Resolves the task, builds the action, takes the step, says what was done.
fn step<'a>(
    ctx: &Ctx,
    task: &str,
    action: impl FnOnce(
        &crate::store::Db,
        &crate::store::TaskRef,
    ) -> Result<ExtensionAction<'a>, Failure>,
) -> CmdResult {
    let mut db = ctx.open()?;
    let task = resolve_task(ctx, &db, task)?;
    let action = action(&db, &task)?;
    let path = db.path().to_path_buf();
    let entry = db
        .extension_step(task.id, &action, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(&path))?;
    ctx.out(&format!(
        "{}\n",
        words::saved(
            ctx.lang,
            entry.step,
            &task.number,
            &truncate(&task.title, TITLE_COLUMNS),
            entry.new_deadline,
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
        .extension_requests(day.as_of, args.pending, department)
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
