//! `duban report --period 2024-Q2 [--format md|xlsx|csv] [-o FILE]`: the circular (季度通报).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rust_xlsxwriter::Workbook;

use super::{CmdResult, Ctx, Failure};
use crate::domain::{CycleKind, Period};
use crate::i18n::report as words;
use crate::i18n::sheet::{SheetMsg, msg};
use crate::report::circular::Circular;
use crate::report::export::ExportError;
use crate::report::{circular, circular_text, circular_xlsx};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The period: 2024-Q2, 2024-06 or 2024 (default: the current quarter)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id (default: every
    /// plan, the circular names them)
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
    /// md (Markdown, for pasting), xlsx (for printing: ranking, red tasks, all tasks), csv (the
    /// ranking, for other tools) or docx (the 通报 to send, in the official layout; needs -o)
    #[arg(long, value_enum, default_value = "md")]
    format: FormatArg,
    /// The file to write; `-` or none is standard output (an xlsx needs a file or a pipe)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
    /// Give the docx the next 通报 number of the year and record it with the file's SHA-256
    /// (admins only; without it the number line is left blank, a draft)
    #[arg(long)]
    issue: bool,
    /// List the circulars issued so far (number, period, as of, by whom, when, SHA-256)
    #[arg(long)]
    issued: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Xlsx,
    Csv,
    Docx,
}

/// The `--period` argument, or the period of `kind` that contains today.
pub fn period_arg(ctx: &Ctx, text: Option<&str>, kind: CycleKind) -> Result<Period, Failure> {
    match text {
        Some(t) => t
            .parse()
            .map_err(|_| Failure::User(words::bad_period(ctx.lang, t))),
        None => Ok(kind.period_of(ctx.clock.today())),
    }
}

/// A path that names a Word document.
pub(super) fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// What is written: made before the output file is opened, so that a refused read leaves the
/// last good file in place.
enum Output {
    /// The ranking and the red tasks kept aside while the tasks were read.
    Markdown(Box<Circular>, circular_text::RedTasks),
    Csv(String),
    Book(Box<Workbook>),
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> CmdResult {
    if args.issued {
        if args.period.is_some() || args.output.is_some() || args.issue {
            return Err(Failure::User(crate::i18n::circular_doc::issued_alone(
                ctx.lang,
            )));
        }
        return super::report_docx::list(ctx);
    }
    let docx = matches!(args.format, FormatArg::Docx)
        || (args.issue && args.output.as_deref().is_some_and(is_docx));
    if args.issue && !docx {
        return Err(Failure::User(crate::i18n::circular_doc::issue_needs_file(
            ctx.lang,
        )));
    }
    if docx {
        let period = period_arg(ctx, args.period.as_deref(), CycleKind::Quarterly)?;
        return super::report_docx::run(
            ctx,
            period,
            args.plan.as_deref(),
            args.output.as_deref(),
            args.force,
            args.issue,
        );
    }
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if matches!(args.format, FormatArg::Xlsx) && to_stdout && std::io::stdout().is_terminal() {
        return Err(Failure::User(msg(ctx.lang, SheetMsg::XlsxToTerminal)));
    }
    let period = period_arg(ctx, args.period.as_deref(), CycleKind::Quarterly)?;
    let db = ctx.open_reader()?;
    let plan = super::plan_arg::plan_scope(ctx, &db, args.plan.as_deref())?.id;
    // Refused before the circular is read: never the database, a device, or a file without
    // --force.
    let target = match args.output.as_deref().filter(|_| !to_stdout) {
        Some(path) => Some(ctx.output(path, db.path(), args.force)?),
        None => None,
    };
    let today = ctx.clock.today();
    let shown = super::export::shown_output(args.output.as_deref());
    let failed = super::export::write_failure(ctx, db.path(), &shown, to_stdout);
    let lang = ctx.lang;
    let made = match args.format {
        FormatArg::Md => circular_text::RedTasks::new(lang)
            .map_err(ExportError::Io)
            .and_then(|mut red| {
                let read = circular::read(&db, period, today, plan, |line| {
                    red.see(line).map_err(ExportError::Io)
                })?;
                Ok(read.map(|c| Output::Markdown(Box::new(c), red)))
            }),
        FormatArg::Csv => circular::build(&db, period, today, plan)
            .map(|c| c.map(|c| Output::Csv(circular_text::render_csv(&c, lang))))
            .map_err(ExportError::Store),
        FormatArg::Docx => unreachable!("written by report_docx"),
        FormatArg::Xlsx => circular_xlsx::TaskSheets::new(lang)
            .map_err(ExportError::Io)
            .and_then(|mut sheets| {
                // The year's month ends for the charts, in the same walk of the tasks.
                let read = circular::read_with_trend(&db, period, today, plan, |line| {
                    sheets.see(line).map_err(ExportError::Io)
                })?;
                read.map(|(c, trend)| {
                    circular_xlsx::write_xlsx(&c, sheets, trend.as_ref(), lang, ctx.clock.now())
                        .map(|b| Output::Book(Box::new(b)))
                })
                .transpose()
            }),
    };
    let output = made
        .map_err(failed)?
        .ok_or_else(|| Failure::User(words::not_begun(lang, period)))?;
    let written = match target {
        None => {
            // Text goes through `Visible` (no stored control character reaches a terminal); a
            // workbook is binary and goes out as it is, or its zip would be broken.
            let stdout = std::io::stdout().lock();
            match output {
                Output::Markdown(c, red) => {
                    let mut out =
                        std::io::BufWriter::new(crate::report::text::Visible::new(stdout));
                    circular_text::write_markdown(&c, red, lang, &mut out)
                        .and_then(|_| out.flush())
                        .map_err(ExportError::Io)
                }
                Output::Csv(text) => {
                    let mut out = crate::report::text::Visible::new(stdout);
                    out.write_all(text.as_bytes())
                        .and_then(|_| out.flush())
                        .map_err(ExportError::Io)
                }
                // The zip is written to a file or a pipe that can seek back: stdout cannot.
                Output::Book(mut book) => {
                    let mut out = stdout;
                    book.save_to_buffer()
                        .map_err(ExportError::Xlsx)
                        .and_then(|bytes| {
                            out.write_all(&bytes)
                                .and_then(|_| out.flush())
                                .map_err(ExportError::Io)
                        })
                }
            }
            .or_else(|e| match e {
                // `duban report | head`: a closed pipe is not an error.
                ExportError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => Err(other),
            })
        }
        Some(target) => target.write(|file| {
            let mut out = std::io::BufWriter::new(file);
            // A circular's text file is read with `cat` as often as in an editor: stored control
            // characters are shown as on a terminal.
            let mut text = crate::report::text::Visible::new(&mut out);
            match output {
                Output::Markdown(c, red) => {
                    circular_text::write_markdown(&c, red, lang, &mut text)?;
                    text.flush()?;
                }
                Output::Csv(csv) => {
                    text.write_all(csv.as_bytes())?;
                    text.flush()?;
                }
                Output::Book(mut book) => crate::report::book_save::save_book(&mut book, &mut out)?,
            }
            Ok(out.flush()?)
        }),
    };
    written.map_err(failed)?;
    super::export::say_cells_cut(ctx);
    Ok(())
}
