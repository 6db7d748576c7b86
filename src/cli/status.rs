//! `duban status`: the quick check; with `--fail-on`, also a check a script or cron can act on.

use clap::{Args, ValueEnum};

use super::plan_arg::plan_scope;
use super::{CmdResult, Ctx, Failure, parse_day};
use crate::report::{cycle, status, tasks};
use crate::store::{Db, Scope};

#[derive(Args, Debug, Default)]
pub struct StatusArgs {
    /// Only this department (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    pub dept: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    pub plan: Option<String>,
    /// Compute as of this date (YYYY-MM-DD) from the progress journal
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Stable JSON for scripts (see README)
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV for spreadsheets
    #[arg(long)]
    pub csv: bool,
    /// Exit 4 when there is at least one: red (a red light), overdue (a task past its deadline,
    /// not done), missing (a report missing for the latest period whose due day has passed, as
    /// `cycle` shows); several allowed, as red,missing or repeated. The output is the same
    #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
    pub fail_on: Vec<FailOn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Red,
    Overdue,
    Missing,
}

pub fn run(ctx: &Ctx, args: StatusArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    print(ctx, &db, &args)
}

pub fn print(ctx: &Ctx, db: &Db, args: &StatusArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(db, q)?),
        None => None,
    };
    let plans = plan_scope(ctx, db, args.plan.as_deref())?;
    let scope = Scope {
        department,
        as_of: day.as_of,
        plan: plans.id,
    };
    let report = status::build(db, day.today, scope).map_err(ctx.store_err_at(db.path()))?;
    let text = if args.json {
        status::render_json_plans(&report, plans.file_has_several())
    } else if args.csv {
        status::render_csv_plans(&report, ctx.lang, plans.file_has_several())
    } else {
        // The table is meant to fit an 80-column terminal, whatever the window.
        status::render_table(&report, ctx.lang, 80, ctx.color)
    };
    ctx.out(&text)?;
    if args.fail_on.is_empty() {
        return Ok(());
    }
    let wants = |f| args.fail_on.contains(&f);
    let red = wants(FailOn::Red).then_some(u64::from(report.total.red));
    let overdue = if wants(FailOn::Overdue) {
        // The rule of `tasks --overdue`, so the two agree.
        let lines =
            tasks::build(db, day.today, scope, true).map_err(ctx.store_err_at(db.path()))?;
        Some(lines.len() as u64)
    } else {
        None
    };
    let missing = if wants(FailOn::Missing) {
        Some(missing_reports(ctx, db, day.today, scope)?)
    } else {
        None
    };
    let found = [red, overdue, missing].iter().flatten().any(|n| *n > 0);
    if found {
        return Err(Failure::Flagged(crate::i18n::plan_scope::fail_on_found(
            ctx.lang, red, overdue, missing,
        )));
    }
    Ok(())
}

/// Reports missing on `today` for the period `duban cycle` shows by default (the latest whose due
/// day has passed; a report not yet due is not missing): the same computation, so the two agree.
fn missing_reports(
    ctx: &Ctx,
    db: &Db,
    today: chrono::NaiveDate,
    scope: Scope,
) -> Result<u64, Failure> {
    let err = ctx.store_err_at(db.path());
    let settings = db.cycle_settings().map_err(&err)?;
    let period = crate::domain::cycle::last_due_period(settings, today);
    let Some(report) = cycle::build(db, period, today, scope.plan).map_err(&err)? else {
        return Ok(0);
    };
    Ok(report
        .departments
        .iter()
        .filter(|d| scope.department.is_none_or(|id| id == d.department_id))
        .map(|d| u64::from(d.tally.missing))
        .sum())
}
