//! `duban export xlsx|csv [-o FILE] [--dept NAME]`: the task list as the spreadsheet offices keep.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CmdResult, Ctx, Failure};
use crate::i18n::sheet::{SheetMsg, msg};
use crate::report::export::{self, Export, ExportError};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// xlsx (a worksheet per plan) or csv (UTF-8 with BOM, one file)
    #[arg(value_enum)]
    format: FormatArg,
    /// The file to write; `-` is standard output (for xlsx, not a terminal). A CSV without -o
    /// goes to standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only this department's tasks, with its own percent and notes (name, alias or prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id (default: every
    /// plan, a worksheet each; a CSV of several has a 计划 column)
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Xlsx,
    Csv,
}

pub fn run(ctx: &Ctx, args: ExportArgs) -> CmdResult {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if let FormatArg::Xlsx = args.format {
        if args.output.is_none() {
            return Err(Failure::User(msg(ctx.lang, SheetMsg::XlsxNeedsFile)));
        }
        if to_stdout && std::io::stdout().is_terminal() {
            return Err(Failure::User(msg(ctx.lang, SheetMsg::XlsxToTerminal)));
        }
    }
    let db = ctx.open_reader()?;
    // Refused before anything is read: never the database, a device, or a file without --force.
    let target = match args.output.as_deref().filter(|_| !to_stdout) {
        Some(path) => Some(ctx.output(path, db.path(), args.force)?),
        None => None,
    };
    let department = match &args.dept {
        Some(q) => {
            let id = ctx.department(&db, q)?;
            let name = db
                .departments()
                .map_err(ctx.store_err_at(db.path()))?
                .into_iter()
                .find(|d| d.id == id)
                .map(|d| d.name)
                .unwrap_or_else(|| q.clone());
            Some((id, name))
        }
        None => None,
    };
    let plan = super::plan_arg::plan_scope(ctx, &db, args.plan.as_deref())?.id;
    let spec = Export {
        department,
        at: ctx.clock.now(),
        plan,
        today: ctx.clock.today(),
    };
    let shown = shown_output(args.output.as_deref());
    let failed = write_failure(ctx, db.path(), &shown, to_stdout);
    let done = match (args.format, target) {
        (FormatArg::Csv, None) => {
            let mut out = std::io::BufWriter::new(crate::report::text::Visible::new(
                std::io::stdout().lock(),
            ));
            let written = export::write_csv(&db, &spec, &mut out).and_then(|d| {
                out.flush()?;
                Ok(d)
            });
            return match written {
                // `duban export csv | head`: a closed pipe is not an error.
                Err(ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map(|_| ()).map_err(failed),
            };
        }
        (FormatArg::Csv, Some(target)) => target
            .write(|file| {
                let mut out = std::io::BufWriter::new(file);
                let done = export::write_csv(&db, &spec, &mut out)?;
                out.flush()?;
                Ok(done)
            })
            .map_err(failed)?,
        (FormatArg::Xlsx, None) => {
            let (mut book, _) = export::write_xlsx(&db, &spec).map_err(failed)?;
            say_cells_cut(ctx);
            let bytes = book
                .save_to_buffer()
                .map_err(|e| failed(ExportError::Xlsx(e)))?;
            let mut out = std::io::stdout().lock();
            return match out.write_all(&bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Failure::Internal(color_eyre::Report::new(e)))
                }
                _ => Ok(()),
            };
        }
        (FormatArg::Xlsx, Some(target)) => {
            let (mut book, done) = export::write_xlsx(&db, &spec).map_err(failed)?;
            target
                .write(|file| {
                    crate::report::book_save::save_book(&mut book, std::io::BufWriter::new(file))?;
                    Ok(done)
                })
                .map_err(failed)?
        }
    };
    say_cells_cut(ctx);
    eprintln!(
        "{}",
        msg(
            ctx.lang,
            SheetMsg::Exported {
                path: &shown,
                sheets: done.sheets,
                tasks: done.tasks,
            }
        )
    );
    Ok(())
}

/// The output as messages name it: the path, or `-` for stdout.
pub(super) fn shown_output(output: Option<&Path>) -> String {
    crate::outfile::shown(output.unwrap_or(Path::new("-")))
}

/// What a failed export or report tells the user. Writing the file (or the temporary lists
/// beside the system's other temporary files) fails on a directory that does not exist, no
/// permission, a full disk: the user's to fix. On stdout, a write error is not theirs.
pub(super) fn write_failure<'a>(
    ctx: &'a Ctx,
    db: &'a Path,
    shown: &'a str,
    to_stdout: bool,
) -> impl Fn(ExportError) -> Failure + Copy + 'a {
    move |e| match e {
        ExportError::Store(e) => ctx.store_err_at(db)(e),
        ExportError::Io(e) if !to_stdout => Failure::User(msg(
            ctx.lang,
            SheetMsg::CannotWrite {
                path: shown,
                reason: &e.to_string(),
            },
        )),
        other => Failure::Internal(color_eyre::Report::new(other)),
    }
}

/// Says on stderr how many cells a workbook just written had to cut (`report::xlsx_cell`).
pub(super) fn say_cells_cut(ctx: &Ctx) {
    let cut = crate::report::xlsx_cell::take_cut();
    if cut > 0 {
        eprintln!("{}", msg(ctx.lang, SheetMsg::CellsCut { cells: cut }));
    }
}
