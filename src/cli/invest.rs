//! `duban invest`: a key project's monthly figure of investment completed (本年累计完成, 万元),
//! entered by a unit of the task like progress. The latest figure is read first and named to the
//! write (`expected_last`): a figure another clerk saved in between is never overwritten unseen,
//! the store refuses (`Stale`). The store also checks who may, the month (not one that has not
//! begun) and a falling figure (only with `--reason`); every refusal is one line, exit 2.

use clap::Args;

use super::task_arg::resolve_task;
use super::unit_arg::entry_unit;
use super::{CmdResult, Ctx, Failure};
use crate::domain::project::{Month, completion_by_investment, parse_amount, rate};
use crate::domain::text;
use crate::i18n::{self, project_cli as words};
use crate::identity::os_login;
use crate::report::text::truncate;
use crate::store::InvestmentReport;

#[derive(Args, Debug)]
pub struct InvestArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The month the figure is for: 2026-11 (not one that has not begun)
    #[arg(long, value_name = "MONTH")]
    month: String,
    /// The year's cumulative investment completed at the month's end, in 万元 (10,000 yuan):
    /// 1200, 1,200.5 or 1200万元
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    amount: String,
    /// The reporting unit (default: your department, else the task's only lead or only unit;
    /// an admin names it)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// A note with the figure (what was built, paid, what holds it up)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
    /// Why the figure is lower than the one before it in the year (needed then: a correction)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: Option<String>,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

fn clean(typed: Option<&str>) -> String {
    text::normalise_line_ends(typed.unwrap_or("").trim())
}

pub fn run(ctx: &Ctx, args: InvestArgs) -> CmdResult {
    let lang = ctx.lang;
    let month = Month::parse(&text::ascii_digits(&args.month))
        .ok_or_else(|| Failure::User(words::bad_month(lang, args.month.trim())))?;
    let amount = parse_amount(&args.amount)
        .ok_or_else(|| Failure::User(words::bad_amount(lang, args.amount.trim())))?;
    let note = clean(args.note.as_deref());
    let reason = clean(args.reason.as_deref());
    let mut db = ctx.open()?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let task = resolve_task(ctx, &db, &args.task)?;
    let title = truncate(&task.title, TITLE_COLUMNS);
    let unit = entry_unit(ctx, &db, &task, args.dept.as_deref())?;
    // What the clerk saw: the latest figure of the task. The write compares it with what
    // stands inside its transaction.
    let before = db.projects(Some(&[task.id]), None).map_err(&err)?;
    let Some(info) = before.get(&task.id) else {
        return Err(Failure::User(i18n::project::refusal(
            lang,
            crate::domain::project::Refusal::NotAProject,
        )));
    };
    let progress_note =
        move |done: f64, total: f64| i18n::project::from_investment(lang, done, total);
    db.report_investment(&InvestmentReport {
        task_id: task.id,
        department_id: unit.department_id,
        month,
        amount,
        note: &note,
        reason: &reason,
        expected_last: info.last_figure,
        by: &os_login(),
        at: ctx.clock.now(),
        today: ctx.clock.today(),
        progress_note: &progress_note,
    })
    .map_err(&err)?;
    // What stands now, for the answer: the year's plan and rate, and the progress that followed.
    let after = db.projects(Some(&[task.id]), None).map_err(&err)?;
    let today = ctx.clock.today();
    let planned = after.get(&task.id).and_then(|p| {
        let planned = p.planned(month.year)?;
        let done = p.completed_in_year(month.year, today);
        Some((month.year, planned, done.and_then(|d| rate(d, planned))))
    });
    let mut line = words::invest_saved(
        lang,
        &task.number,
        &title,
        &unit.name,
        &month.to_string(),
        amount,
        planned,
    );
    let plan_id = db
        .task_detail(task.id, None)
        .map_err(&err)?
        .map(|d| d.plan_id);
    let source = match plan_id {
        Some(id) => db.completion_source(id).map_err(&err)?,
        None => Default::default(),
    };
    if source == crate::domain::project::CompletionSource::Investment
        && let Some(p) = after.get(&task.id)
        && let Some(percent) =
            completion_by_investment(&p.figures, p.project.total, chrono::NaiveDate::MAX)
    {
        line.push_str(if lang.zh() { ";" } else { "; " });
        line.push_str(&words::progress_followed(lang, percent));
    }
    ctx.out(&format!("{line}\n"))
}
