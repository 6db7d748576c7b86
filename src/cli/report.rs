//! `duban report --period 2024-Q2 [--format md|xlsx|csv] [-o FILE]`: the circular (季度通报).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::Local;
use clap::{Args, ValueEnum};

use super::{CmdResult, Ctx, Failure};
use crate::domain::{CycleKind, Period};
use crate::i18n::report as words;
use crate::i18n::sheet::{SheetMsg, msg};
use crate::report::{circular, circular_text, circular_xlsx};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The period: 2024-Q2, 2024-06 or 2024 (default: the current quarter)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// md (Markdown, for pasting), xlsx (for printing: ranking, red tasks, all tasks) or csv (the
    /// ranking, for other tools)
    #[arg(long, value_enum, default_value = "md")]
    format: FormatArg,
    /// The file to write; `-` or none is standard output (an xlsx needs a file or a pipe)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Xlsx,
    Csv,
}

/// The `--period` argument, or the period of `kind` that contains today.
pub fn period_arg(ctx: &Ctx, text: Option<&str>, kind: CycleKind) -> Result<Period, Failure> {
    match text {
        Some(t) => t
            .parse()
            .map_err(|_| Failure::User(words::bad_period(ctx.lang, t))),
        None => Ok(kind.period_of(Local::now().date_naive())),
    }
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> CmdResult {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if matches!(args.format, FormatArg::Xlsx) && to_stdout && std::io::stdout().is_terminal() {
        return Err(Failure::User(msg(ctx.lang, SheetMsg::XlsxToTerminal)));
    }
    let period = period_arg(ctx, args.period.as_deref(), CycleKind::Quarterly)?;
    let db = ctx.open()?;
    let today = Local::now().date_naive();
    let report = circular::build(&db, period, today)
        .map_err(ctx.store_err_at(db.path()))?
        .ok_or_else(|| Failure::User(words::not_begun(ctx.lang, period)))?;
    let bytes: Vec<u8> = match args.format {
        FormatArg::Md => circular_text::render_markdown(&report, ctx.lang).into_bytes(),
        FormatArg::Csv => circular_text::render_csv(&report, ctx.lang).into_bytes(),
        FormatArg::Xlsx => circular_xlsx::write_xlsx(&report, ctx.lang)
            .and_then(|mut b| b.save_to_buffer())
            .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?,
    };
    match args.output.as_deref().filter(|_| !to_stdout) {
        None => {
            let text = String::from_utf8_lossy(&bytes);
            if matches!(args.format, FormatArg::Xlsx) {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                return match out.write_all(&bytes).and_then(|_| out.flush()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(Failure::Internal(color_eyre::Report::new(e)))
                    }
                    _ => Ok(()),
                };
            }
            ctx.out(&text)
        }
        Some(path) => write_file(path, &bytes).map_err(|e| {
            Failure::User(msg(
                ctx.lang,
                SheetMsg::CannotWrite {
                    path: &path.display().to_string(),
                    reason: &e.to_string(),
                },
            ))
        }),
    }
}

/// Writes through a temporary file renamed over `path`: never half a file where the last was.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
