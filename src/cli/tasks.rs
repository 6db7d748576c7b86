//! `duban tasks`: the task list.

use clap::Args;

use std::io::Write;

use super::plan_arg::{PlanScope, plan_scope};
use super::stream_out::{self, Stdout, Stop};
use super::{CmdResult, Ctx, parse_day};
use crate::report::tasks;
use crate::report::tasks_table::Table;
use crate::store::{Db, Scope};

#[derive(Args, Debug)]
pub struct TasksArgs {
    /// Only tasks this department is assigned to (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
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
    let plans = plan_scope(ctx, &db, args.plan.as_deref())?;
    let scope = Scope {
        department,
        as_of: day.as_of,
        plan: plans.id,
    };
    let mut out = stream_out::stdout();
    let written = write(ctx, &db, &args, &plans, day.today, scope, &mut out);
    ctx.finish(&db, out, written)
}

/// The list in the form asked for, each line written as it is read.
fn write(
    ctx: &Ctx,
    db: &Db,
    args: &TasksArgs,
    plans: &PlanScope,
    today: chrono::NaiveDate,
    scope: Scope,
    out: &mut Stdout,
) -> Result<(), Stop> {
    if args.json {
        return tasks::write_json(db, today, scope, args.overdue, out);
    }
    if args.csv {
        // A column, not a line above, so that the table stays a table.
        let mut csv = tasks::Csv::new(ctx.lang, plans.several());
        tasks::for_each_line(db, today, scope, args.overdue, |line| {
            Ok::<(), Stop>(csv.see(out, line, plans.title(line.task.plan_id))?)
        })?;
        return Ok(csv.end(out)?);
    }
    // Numbers repeat across plans: each carries its plan's label, named in the line above.
    let mut table = Table::new(ctx.lang, ctx.width(), ctx.color);
    tasks::for_each_line(db, today, scope, args.overdue, |line| {
        let number = plans.number(line.task.plan_id, &line.task.number);
        Ok::<(), Stop>(table.see(line, &number)?)
    })?;
    out.write_all(plans.header(ctx.lang).as_bytes())?;
    Ok(table.write(out)?)
}
