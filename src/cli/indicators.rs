//! `duban indicators [--year Y] [--json]` and `duban indicators set INDICATOR --period P --value V`:
//! the indicator table, and reporting a figure (validated, appended to the journal, permitted as
//! progress is: an editor for their department's indicators, an admin for any).

use chrono::Datelike;
use clap::{Args, Subcommand};

use super::{CmdResult, Ctx, Failure};
use crate::domain::Period;
use crate::domain::indicator::{ValueError, parse_figure};
use crate::i18n::report as words;
use crate::identity::os_login;
use crate::report::indicators;
use crate::store::NewActual;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct IndicatorsArgs {
    #[command(subcommand)]
    action: Option<Action>,
    /// The year whose targets and figures to show, 1900–2200 (default: this year)
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    year: Option<String>,
    /// Only this plan's indicators: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Report an indicator's figure for a period (填报指标实际值)
    ///
    /// Example: duban indicators set 工业投资 --period 2024-Q2 --value 38.5
    Set(SetArgs),
}

#[derive(Args, Debug)]
struct SetArgs {
    /// The indicator: its name, or its id as #3
    indicator: String,
    /// 2024 (the year), 2024-Q2 or 2024-06
    #[arg(long, value_name = "PERIOD")]
    period: String,
    /// The figure: 38.5, 1,234, 7.5%
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    value: String,
    /// The department, when several carry an indicator of that name
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
}

pub fn run(ctx: &Ctx, args: IndicatorsArgs) -> CmdResult {
    if let Some(Action::Set(set)) = args.action {
        return run_set(ctx, set);
    }
    let db = ctx.open()?;
    let today = ctx.clock.today();
    // Read here rather than by clap, so `--year abc` is one line in the UI's language too.
    let year = match args.year.as_deref() {
        None => today.year(),
        Some(text) => text
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| Failure::User(words::bad_year(ctx.lang, text)))?,
    };
    let plans = super::plan_arg::plan_scope(ctx, &db, args.plan.as_deref())?;
    let mut rows = db.indicators(None).map_err(ctx.store_err_at(db.path()))?;
    rows.retain(|r| plans.id.is_none_or(|id| id == r.plan_id));
    if args.json {
        // Each line and table carries its plan_id; names stay as stored.
        let view = indicators::build(&rows, year, today);
        return ctx.out(&indicators::render_json(&view));
    }
    // Names can repeat across plans: each carries its plan's label, named in the line above.
    for r in &mut rows {
        if let Some(label) = plans.label(r.plan_id) {
            r.name = format!("{label} {}", r.name);
        }
    }
    let view = indicators::build(&rows, year, today);
    let table = indicators::render_table(&view, ctx.lang);
    ctx.out(&format!("{}{table}", plans.header(ctx.lang)))
}

fn run_set(ctx: &Ctx, args: SetArgs) -> CmdResult {
    let period: Period = args
        .period
        .parse()
        .map_err(|_| Failure::User(words::bad_period(ctx.lang, &args.period)))?;
    let mut db = ctx.open()?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let rows = db.indicators(None).map_err(ctx.store_err_at(db.path()))?;
    let query = args.indicator.trim();
    let matching: Vec<_> = match query.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        Some(id) => rows.iter().filter(|r| r.id == id).collect(),
        None => rows
            .iter()
            .filter(|r| r.name == query)
            .filter(|r| department.is_none_or(|d| r.department_id == Some(d)))
            .collect(),
    };
    let target = match matching.as_slice() {
        [one] => *one,
        [] => {
            let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            names.dedup();
            return Err(Failure::User(words::unknown_indicator(
                ctx.lang,
                query,
                &names.join("、"),
            )));
        }
        several => {
            let depts: Vec<&str> = several
                .iter()
                .filter_map(|r| r.department.as_deref())
                .collect();
            return Err(Failure::User(words::ambiguous_indicator(
                ctx.lang,
                query,
                &depts.join("、"),
            )));
        }
    };
    let value = parse_figure(&args.value, &target.unit).map_err(|e| {
        Failure::User(match e {
            ValueError::WrongUnit { expected, .. } => {
                words::wrong_unit(ctx.lang, &target.name, &args.value, &expected)
            }
            ValueError::Empty | ValueError::NotANumber(_) => {
                words::bad_value(ctx.lang, &args.value)
            }
        })
    })?;
    let period_code = period.to_string();
    db.report_actual(&NewActual {
        indicator_id: target.id,
        period: period_code.clone(),
        value,
        by: os_login(),
        at: ctx.clock.now(),
        // What was just read: a figure saved in between is reported, not written over.
        expected_last: target
            .actuals
            .iter()
            .filter(|a| a.period == period_code)
            .map(|a| a.id)
            .max(),
    })
    .map_err(ctx.store_err_at(db.path()))?;
    let shown = format!("{value}{}", target.unit);
    eprintln!(
        "{}",
        words::actual_saved(
            ctx.lang,
            &target.name,
            target.department.as_deref(),
            &period.to_string(),
            &shown
        )
    );
    Ok(())
}
