//! `duban update`: one progress report from the command line (scripts, a quick fix over SSH). The
//! same write as the TUI's form: `Percent::parse` validates, the store checks the clerk's
//! permission and the version inside its transaction.

use std::io::Read;

use clap::Args;

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure};
use crate::domain::Percent;
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::report::text::truncate;
use crate::store::{ProgressReport, StoreError};

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The reporting unit, one of the task's units (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: String,
    /// New completion: 0 to 100 (60 or 60%), or +N to add to the current value
    // Hyphen values reach `Percent::parse`, which says why -3 is refused.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    percent: String,
    /// Progress note (进展/问题/下一步), stored as written; `-` reads it from standard input
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: UpdateArgs) -> CmdResult {
    let mut db = ctx.open()?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let task = resolve_task(ctx, &db, &args.task)?;
    let department_id = ctx.department(&db, &args.dept)?;
    let title = truncate(&task.title, TITLE_COLUMNS);
    let units = db.task_units(task.id).map_err(&err)?;
    let user = |m: Msg<'_>| Failure::User(i18n::msg(ctx.lang, m));
    let Some(unit) = units.iter().find(|u| u.department_id == department_id) else {
        if units.is_empty() {
            return Err(user(Msg::TaskHasNoUnits {
                number: &task.number,
                title: &title,
            }));
        }
        let department = db
            .department_names()
            .map_err(&err)?
            .into_iter()
            .find(|d| d.id == department_id)
            .map(|d| d.name)
            .unwrap_or_else(|| args.dept.trim().to_string());
        let names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
        return Err(user(Msg::NotAUnit {
            number: &task.number,
            title: &title,
            department: &department,
            units: &names,
        }));
    };
    // The version read here is what the write expects: a report saved by someone else in
    // between is a Conflict, never overwritten.
    let state = db
        .assignment(task.id, department_id)
        .map_err(&err)?
        .ok_or_else(|| {
            err(StoreError::NotFound(format!(
                "{} × {}",
                task.number, unit.name
            )))
        })?;
    let percent = Percent::parse(&args.percent, state.percent).map_err(|e| {
        user(Msg::BadPercent {
            input: &args.percent,
            current: state.percent.value(),
            error: &e,
        })
    })?;
    let note = match args.note.as_deref() {
        Some("-") => read_stdin_note().map_err(|e| user(Msg::NoteUnreadable(&e.to_string())))?,
        Some(text) => text.trim().to_string(),
        None => String::new(),
    };
    let saved = db
        .report_progress(&ProgressReport {
            task_id: task.id,
            department_id,
            percent,
            note,
            by: os_login(),
            at: ctx.clock.now(),
            expected_version: state.version,
        })
        .map_err(&err)?;
    ctx.out(&format!(
        "{}\n",
        i18n::msg(
            ctx.lang,
            Msg::Updated {
                number: &task.number,
                title: &title,
                department: &unit.name,
                old: state.percent.value(),
                new: saved.state.percent.value(),
            }
        )
    ))
}

/// The note from standard input, trimmed. Not UTF-8 is an error (a note saved as mojibake cannot
/// be read back), reported with the reason.
fn read_stdin_note() -> std::io::Result<String> {
    let mut text = String::new();
    std::io::stdin().lock().read_to_string(&mut text)?;
    Ok(text.trim().to_string())
}
