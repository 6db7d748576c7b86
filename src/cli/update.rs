//! `duban update`: one progress report from the command line (scripts, a quick fix over SSH). The
//! same write as the TUI's form: `Percent::parse` validates, the store checks the clerk's
//! permission and the version inside its transaction.

use std::io::Read;

use clap::Args;

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure};
use crate::domain::{Percent, text};
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::report::text::truncate;
use crate::store::{Outcome, StoreError, Update};

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
    /// (read whole before the database is opened; at most 1 MiB)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
    /// Save only if the current percent is N (for scripts that must not overwrite a report
    /// made since they looked); without it the report is saved on whatever is there
    #[arg(long, value_name = "N")]
    expect: Option<String>,
}

/// The most bytes read from standard input for a note: a pipe or a device must not fill memory.
/// A note of `MAX_NOTE_CHARS` Chinese characters is about 30 KB in UTF-8, so nothing longer than
/// this could be saved anyway.
const MAX_STDIN_NOTE: u64 = 64 * 1024;

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: UpdateArgs) -> CmdResult {
    let user = |m: Msg<'_>| Failure::User(i18n::msg(ctx.lang, m));
    // The note first, whole: a slow pipe must not hold a read of the database open, and the
    // report is made from what the database says at the moment of writing.
    let note = match args.note.as_deref() {
        Some("-") => match read_stdin_note() {
            Ok(note) => note,
            Err(StdinNote::TooLong) => {
                return Err(user(Msg::NoteTooLong {
                    kib: MAX_STDIN_NOTE / 1024,
                }));
            }
            Err(StdinNote::Io(e)) => return Err(user(Msg::NoteUnreadable(&e.to_string()))),
        },
        Some(typed) => text::normalise_line_ends(typed.trim()),
        None => String::new(),
    };
    let expect = match args.expect.as_deref() {
        Some(text) if text.trim_start().starts_with(['+', '＋']) => {
            return Err(user(Msg::BadPercent {
                input: text,
                current: 0,
                error: &crate::domain::PercentError::NotANumber(text.trim().to_string()),
            }));
        }
        Some(text) => Some(Percent::parse(text, Percent::ZERO).map_err(|e| {
            user(Msg::BadPercent {
                input: text,
                current: 0,
                error: &e,
            })
        })?),
        None => None,
    };
    let mut db = ctx.open()?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let task = resolve_task(ctx, &db, &args.task)?;
    let department_id = ctx.department(&db, &args.dept)?;
    let title = truncate(&task.title, TITLE_COLUMNS);
    let units = db.task_units(task.id).map_err(&err)?;
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
    // Read and written in one transaction: a report saved by someone else a moment ago is
    // the value `+N` adds to, and never a reason to refuse an absolute percent (`--expect` asks
    // for that check).
    let outcome = db
        .update_progress(
            &Update {
                task_id: task.id,
                department_id,
                note,
                by: os_login(),
                at: ctx.clock.now(),
                expect,
            },
            |current| Percent::parse(&args.percent, current),
        )
        .map_err(|e| match e {
            StoreError::Conflict(c) => {
                let when = c
                    .current
                    .updated_at
                    .as_deref()
                    .and_then(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok())
                    .map(|t| {
                        t.with_timezone(&ctx.clock.utc_offset())
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default();
                user(Msg::UpdateConflict {
                    number: &task.number,
                    title: &title,
                    department: &unit.name,
                    by: c.current.updated_by.as_deref().unwrap_or("?"),
                    when: &when,
                    percent: c.current.percent.value(),
                    expected: expect.map(|p| p.value()).unwrap_or(0),
                })
            }
            e => err(e),
        })?;
    let (state, saved) = match outcome {
        Outcome::Saved { before, saved } => (before, saved),
        Outcome::Refused { current, error } => {
            return Err(user(Msg::BadPercent {
                input: &args.percent,
                current: current.value(),
                error: &error,
            }));
        }
    };
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

/// Why a note could not be read from standard input.
enum StdinNote {
    /// More than `MAX_STDIN_NOTE` bytes: reading stops there, whatever the source.
    TooLong,
    Io(std::io::Error),
}

/// The note from standard input, trimmed, Windows line ends made newlines. Not UTF-8 is an error
/// (a note saved as mojibake cannot be read back), reported with the reason.
fn read_stdin_note() -> Result<String, StdinNote> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_STDIN_NOTE + 1)
        .read_to_end(&mut bytes)
        .map_err(StdinNote::Io)?;
    if bytes.len() as u64 > MAX_STDIN_NOTE {
        return Err(StdinNote::TooLong);
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        StdinNote::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not UTF-8 text",
        ))
    })?;
    Ok(text::normalise_line_ends(text.trim()))
}
