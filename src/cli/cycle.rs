//! `duban cycle [--period P] [--json]` and `duban remind [--dept NAME] [--period P]`: who owes
//! which report, and polite reminders (催办) to paste into a message. Nothing is sent.

use std::io::Write;

use clap::Args;

use super::plan_arg::plan_scope;
use super::report::period_arg;
use super::stream_out::{self, Stop};
use super::{CmdResult, Ctx, Failure};
use crate::i18n::report as words;
use crate::report::{cycle, cycle_text};
use crate::store::Db;

#[derive(Args, Debug)]
pub struct CycleArgs {
    /// The period: 2024-06 (a month), 2024-Q2 or 2024 (default: the latest whose due day has passed)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
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
    /// Only this plan of the file: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
}

fn build(
    ctx: &Ctx,
    db: &Db,
    period: Option<&str>,
    plan: Option<i64>,
) -> Result<cycle::CycleReport, Failure> {
    let settings = db.cycle_settings().map_err(ctx.store_err_at(db.path()))?;
    // Without --period: the latest period whose due day has passed, so that what is listed as
    // missing is missing (the running period is read by naming it).
    let period = match period {
        Some(_) => period_arg(ctx, period, settings.kind)?,
        None => crate::domain::cycle::last_due_period(settings, ctx.clock.today()),
    };
    cycle::build(db, period, ctx.clock.today(), plan)
        .map_err(ctx.store_err_at(db.path()))?
        .ok_or_else(|| Failure::User(words::not_begun(ctx.lang, period)))
}

pub fn run_cycle(ctx: &Ctx, args: CycleArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let plans = plan_scope(ctx, &db, args.plan.as_deref())?;
    let report = build(ctx, &db, args.period.as_deref(), plans.id)?;
    let mut out = stream_out::stdout();
    let written = if args.json {
        cycle::write_json(&report, plans.file_has_several(), &mut out)
    } else {
        out.write_all(plans.header(ctx.lang).as_bytes())
            .and_then(|()| cycle_text::write_table(&report, ctx.lang, &mut out))
    };
    ctx.finish(&db, out, written.map_err(Stop::Io))
}

pub fn run_remind(ctx: &Ctx, args: RemindArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let plans = plan_scope(ctx, &db, args.plan.as_deref())?;
    let mut report = build(ctx, &db, args.period.as_deref(), plans.id)?;
    if let Some(id) = department {
        report.departments.retain(|d| d.department_id == id);
    }
    if plans.several() {
        // Task numbers repeat across plans: each carries its plan's label, as in `tasks`.
        report
            .tasks
            .relabel(|plan, number| plans.number(plan, number));
    }
    let header = plans.header(ctx.lang);
    if !cycle_text::anyone_to_remind(&report) {
        let none = words::nothing_to_remind(ctx.lang);
        return ctx.out(&format!("{header}{none}\n"));
    }
    // The line naming the plans is the office's, above the texts to paste.
    let sep = if header.is_empty() { "" } else { "\n" };
    let mut out = stream_out::stdout();
    let written = out
        .write_all(format!("{header}{sep}").as_bytes())
        .and_then(|()| {
            cycle_text::write_reminders(&report, ctx.lang, "\n————————————————\n\n", &mut out)
        });
    ctx.finish(&db, out, written.map_err(Stop::Io))
}
