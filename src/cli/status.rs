//! `duban status`: the quick check.

use clap::Args;

use super::{CmdResult, Ctx, parse_day};
use crate::report::status;
use crate::store::{Db, Scope};

#[derive(Args, Debug, Default)]
pub struct StatusArgs {
    /// Only this department (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    pub dept: Option<String>,
    /// Compute as of this date (YYYY-MM-DD) from the progress journal
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Stable JSON for scripts (see README)
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV for spreadsheets
    #[arg(long)]
    pub csv: bool,
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
    let scope = Scope {
        department,
        as_of: day.as_of,
        plan: None,
    };
    let report = status::build(db, day.today, scope).map_err(ctx.store_err_at(db.path()))?;
    let text = if args.json {
        status::render_json(&report)
    } else if args.csv {
        status::render_csv(&report, ctx.lang)
    } else {
        // The table is meant to fit an 80-column terminal, whatever the window.
        status::render_table(&report, ctx.lang, 80, ctx.color)
    };
    ctx.out(&text)
}
