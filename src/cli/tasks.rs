//! `duban tasks`: the task list.

use clap::Args;

use super::{CmdResult, Ctx, parse_day};
use crate::report::tasks;
use crate::store::Scope;

#[derive(Args, Debug)]
pub struct TasksArgs {
    /// Only tasks this department is assigned to (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Only tasks past their deadline and not done
    #[arg(long)]
    overdue: bool,
    /// Compute as of this date (YYYY-MM-DD) from the progress journal
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Stable JSON for scripts (see README)
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV for spreadsheets
    #[arg(long)]
    csv: bool,
}

pub fn run(ctx: &Ctx, args: TasksArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let scope = Scope {
        department,
        as_of: day.as_of,
        plan: None,
    };
    let lines =
        tasks::build(&db, day.today, scope, args.overdue).map_err(ctx.store_err_at(db.path()))?;
    let text = if args.json {
        tasks::render_json(&lines)
    } else if args.csv {
        tasks::render_csv(&lines, ctx.lang)
    } else {
        tasks::render_table(&lines, ctx.lang, ctx.width(), ctx.color)
    };
    ctx.out(&text)
}
