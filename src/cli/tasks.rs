//! `duban tasks`: the task list.

use clap::Args;

use super::plan_arg::plan_scope;
use super::{CmdResult, Ctx, parse_day};
use crate::report::tasks;
use crate::store::Scope;

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
    let mut lines =
        tasks::build(&db, day.today, scope, args.overdue).map_err(ctx.store_err_at(db.path()))?;
    let text = if args.json {
        tasks::render_json(&lines)
    } else if args.csv {
        // A column, not a line above, so that the table stays a table.
        let titles = plans.several().then(|| {
            lines
                .iter()
                .map(|l| plans.title(l.task.plan_id).to_string())
                .collect::<Vec<_>>()
        });
        tasks::render_csv_with_plans(&lines, ctx.lang, titles.as_deref())
    } else {
        // Numbers repeat across plans: each carries its plan's label, named in the line above.
        for line in &mut lines {
            line.task.number = plans.number(line.task.plan_id, &line.task.number);
        }
        let table = tasks::render_table(&lines, ctx.lang, ctx.width(), ctx.color);
        format!("{}{table}", plans.header(ctx.lang))
    };
    ctx.out(&text)
}
