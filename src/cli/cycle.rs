//! `duban cycle [--period P] [--json]` and `duban remind [--dept NAME] [--period P]`: who owes
//! which report, and polite reminders (催办) to paste into a message. Nothing is sent.

use clap::Args;

use super::report::period_arg;
use super::{CmdResult, Ctx, Failure};
use crate::i18n::report as words;
use crate::report::{cycle, cycle_text};

#[derive(Args, Debug)]
pub struct CycleArgs {
    /// The period: 2024-06 (a month), 2024-Q2 or 2024 (default: the latest whose due day has passed)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct RemindArgs {
    /// Only this department (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The period: 2024-06, 2024-Q2 or 2024 (default: the latest whose due day has passed)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
}

fn build(ctx: &Ctx, period: Option<&str>) -> Result<cycle::CycleReport, Failure> {
    let db = ctx.open_reader()?;
    let settings = db.cycle_settings().map_err(ctx.store_err_at(db.path()))?;
    // Without --period: the latest period whose due day has passed, so that what is listed as
    // missing is missing (the running period is read by naming it).
    let period = match period {
        Some(_) => period_arg(ctx, period, settings.kind)?,
        None => crate::domain::cycle::last_due_period(settings, ctx.clock.today()),
    };
    cycle::build(&db, period, ctx.clock.today(), None)
        .map_err(ctx.store_err_at(db.path()))?
        .ok_or_else(|| Failure::User(words::not_begun(ctx.lang, period)))
}

pub fn run_cycle(ctx: &Ctx, args: CycleArgs) -> CmdResult {
    let report = build(ctx, args.period.as_deref())?;
    if args.json {
        ctx.out(&cycle::render_json(&report))
    } else {
        ctx.out(&cycle_text::render_table(&report, ctx.lang))
    }
}

pub fn run_remind(ctx: &Ctx, args: RemindArgs) -> CmdResult {
    let department = match &args.dept {
        Some(q) => {
            let db = ctx.open_reader()?;
            Some(ctx.department(&db, q)?)
        }
        None => None,
    };
    let mut report = build(ctx, args.period.as_deref())?;
    if let Some(id) = department {
        report.departments.retain(|d| d.department_id == id);
    }
    let texts = cycle_text::reminders(&report, ctx.lang);
    if texts.is_empty() {
        return ctx.out(&format!("{}\n", words::nothing_to_remind(ctx.lang)));
    }
    let joined: Vec<String> = texts.into_iter().map(|(_, t)| t).collect();
    ctx.out(&joined.join("\n————————————————\n\n"))
}
