//! `duban log`: the progress journal, newest first, as a table or JSON. Rows are streamed from the
//! store to stdout, so a million-row journal prints in constant memory and `duban log | head`
//! stops reading when the pipe closes.

use std::io::{BufWriter, StdoutLock, Write};
use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Local, NaiveTime, TimeZone, Utc};
use clap::Args;

use super::plan_arg::plan_scope;
use super::task_arg::resolve_task_in;
use super::{CmdResult, Ctx, Failure};
use crate::i18n::{self, Lang, Msg};
use crate::report::journal::{LAYOUT_SAMPLE, LogLayout, json_entry};
use crate::store::{JournalQuery, JournalRow};

#[derive(Args, Debug)]
pub struct LogArgs {
    /// Only this task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: Option<String>,
    /// Only this department (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Only this plan's tasks: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
    /// Only entries from the start of this day on (YYYY-MM-DD, local time)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// At most N entries, the newest
    #[arg(long, value_name = "N")]
    limit: Option<String>,
    /// Stable JSON for scripts (see README)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: LogArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let plans = plan_scope(ctx, &db, args.plan.as_deref())?;
    let task_id = match &args.task {
        Some(q) => Some(resolve_task_in(ctx, &db, q, plans.id)?.id),
        None => None,
    };
    let department_id = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let since = match &args.since {
        Some(text) => Some(day_start(ctx.lang, text)?),
        None => None,
    };
    let limit = match &args.limit {
        Some(text) => Some(limit(ctx.lang, text)?),
        None => None,
    };
    let query = JournalQuery {
        task_id,
        department_id,
        since,
        limit,
        plan: plans.id,
    };
    let mut out = Out::new();
    let read = if args.json {
        // One object per line inside the list. A closed pipe is remembered by `out`, which then
        // skips the rest, so the brackets' results need no check of their own.
        let mut count = 0u64;
        let _ = out.write("[");
        let read = db.for_each_journal_row(&query, |row| {
            let sep = if count == 0 { "\n" } else { ",\n" };
            count += 1;
            out.write(&format!("{sep}{}", json_entry(&row)))
        });
        let _ = out.write(if count == 0 { "]\n" } else { "\n]\n" });
        read
    } else {
        // Numbers repeat across plans: each carries its plan's label, named in the line above
        // the table (none when nothing is printed).
        let mut table = Table::new(ctx.lang, ctx.width(), plans.header(ctx.lang));
        let read = db.for_each_journal_row(&query, |mut row| {
            if plans.several() {
                row.task_number = plans.number(row.plan_id, &row.task_number);
            }
            table.push(row, &mut out)
        });
        if table.finish(&mut out) == 0 {
            eprintln!("{}", i18n::msg(ctx.lang, Msg::LogEmpty));
        }
        read
    };
    read.map_err(ctx.store_err_at(db.path()))?;
    out.finish()
}

/// `--limit`: a count of at least one. Parsed here rather than by clap so that the message comes
/// in the user's language like the others.
pub(super) fn limit(lang: Lang, text: &str) -> Result<u64, Failure> {
    match text.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Failure::User(i18n::msg(lang, Msg::BadLimit(text)))),
    }
}

/// The start of `text` (YYYY-MM-DD) in local time, as a UTC instant to compare with the journal.
pub(super) fn day_start(lang: Lang, text: &str) -> Result<DateTime<Utc>, Failure> {
    let day = super::typed_day(lang, text)?;
    let midnight = day.and_time(NaiveTime::MIN);
    // Where a clock change skips midnight, the day starts an hour later.
    let local = Local.from_local_datetime(&midnight).earliest().or_else(|| {
        Local
            .from_local_datetime(&(midnight + Duration::hours(1)))
            .earliest()
    });
    Ok(match local {
        Some(t) => t.with_timezone(&Utc),
        None => Utc.from_utc_datetime(&midnight),
    })
}

/// The text table, streamed: the first `LAYOUT_SAMPLE` rows are held to measure the columns, then
/// every row is printed as it comes.
struct Table {
    lang: Lang,
    max_width: usize,
    sample: Vec<JournalRow>,
    layout: Option<LogLayout>,
    printed: u64,
    /// Printed above the headings: the plans covered, where several are.
    above: String,
}

impl Table {
    fn new(lang: Lang, max_width: usize, above: String) -> Table {
        Table {
            lang,
            max_width,
            sample: Vec::new(),
            layout: None,
            printed: 0,
            above,
        }
    }

    fn push(&mut self, row: JournalRow, out: &mut Out) -> ControlFlow<()> {
        if let Some(layout) = &self.layout {
            self.printed += 1;
            return out.write(&layout.line(&row, self.lang));
        }
        self.sample.push(row);
        if self.sample.len() < LAYOUT_SAMPLE {
            return ControlFlow::Continue(());
        }
        self.flush_sample(out)
    }

    /// Prints what is still held; returns how many rows were printed in all.
    fn finish(mut self, out: &mut Out) -> u64 {
        if self.layout.is_none() && !self.sample.is_empty() {
            let _ = self.flush_sample(out);
        }
        self.printed
    }

    fn flush_sample(&mut self, out: &mut Out) -> ControlFlow<()> {
        let layout = LogLayout::measure(&self.sample, self.lang, self.max_width);
        self.layout = Some(layout);
        if !self.above.is_empty() {
            out.write(&self.above)?;
        }
        out.write(&layout.header(self.lang))?;
        for row in self.sample.drain(..) {
            self.printed += 1;
            out.write(&layout.line(&row, self.lang))?;
        }
        ControlFlow::Continue(())
    }
}

/// Buffered stdout that stops quietly when the reader goes away (`duban log | head`) and keeps
/// any other write error to report at the end.
struct Out {
    w: BufWriter<crate::report::text::Visible<StdoutLock<'static>>>,
    closed: bool,
    error: Option<std::io::Error>,
}

impl Out {
    fn new() -> Out {
        Out {
            w: BufWriter::new(crate::report::text::Visible::new(std::io::stdout().lock())),
            closed: false,
            error: None,
        }
    }

    fn write(&mut self, s: &str) -> ControlFlow<()> {
        if self.closed || self.error.is_some() {
            return ControlFlow::Break(());
        }
        match self.w.write_all(s.as_bytes()) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.fail(e);
                ControlFlow::Break(())
            }
        }
    }

    fn fail(&mut self, e: std::io::Error) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
        } else {
            self.error = Some(e);
        }
    }

    fn finish(mut self) -> CmdResult {
        if !self.closed
            && self.error.is_none()
            && let Err(e) = self.w.flush()
        {
            self.fail(e);
        }
        match self.error {
            Some(e) => Err(Failure::Internal(color_eyre::Report::new(e))),
            None => Ok(()),
        }
    }
}
