//! `duban project show|set`: key projects (重点项目, issue 23). `show` reads (anyone): every key
//! project in a table with the year's planned and completed investment, its rate and the light,
//! or one project whole with its monthly figures; as of a day from the journals. `set` writes
//! (admins, checked in the store's transaction): the owner (建设单位), the total, a year's
//! planned investment, or that a task is no longer a key project.

use chrono::Datelike;
use clap::{ArgGroup, Args, Subcommand};

use super::plan_arg::plan_scope;
use super::task_arg::resolve_task_in;
use super::{CmdResult, Ctx, Failure, parse_day};
use crate::domain::project::{YearPlan, parse_amount};
use crate::domain::text;
use crate::i18n::project_cli as words;
use crate::identity::os_login;
use crate::report::project_show as render;
use crate::report::text::truncate;
use crate::store::{ProjectEdit, Scope};

#[derive(Args, Debug)]
pub struct ProjectArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Key projects (重点项目): every one in a table — owner, total, this year's plan, completed
    /// this year, rate, light, and a total row — or with --task one project whole, with its
    /// monthly figures and who entered them
    ///
    /// Example: duban project show; duban project show --task 8 --json
    Show(ShowArgs),
    /// Make a task a key project or change its fields: owner (建设单位), total investment, a
    /// year's planned investment (万元); --not-a-project: no longer one. Admins only
    ///
    /// Example: duban project set --task 8 --owner "某某新材料有限公司" --total 52000 --planned 18000
    Set(SetArgs),
}

#[derive(Args, Debug)]
struct ShowArgs {
    /// One task's project: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: Option<String>,
    /// Only this plan of the file: its title, a unique part of it, or its id
    #[arg(long, value_name = "NAME|ID")]
    plan: Option<String>,
    /// As of this date (YYYY-MM-DD), from the journals: that year's figures, the light then
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("field").required(true).multiple(true)
    .args(["owner", "total", "planned", "not_a_project"])))]
struct SetArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// 建设单位: the company that builds it (a name, not a department of the file)
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    owner: Option<String>,
    /// 总投资 in 万元 (10,000 yuan): 52000 or 52,000
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    total: Option<String>,
    /// The year --planned is for (default: this year)
    #[arg(long, value_name = "YEAR", requires = "planned")]
    year: Option<String>,
    /// 年度计划投资: the year's planned investment in 万元
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    planned: Option<String>,
    /// The task is no longer a key project (its figures and milestones stay on record)
    #[arg(long, conflicts_with_all = ["owner", "total", "year", "planned"])]
    not_a_project: bool,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: ProjectArgs) -> CmdResult {
    match args.action {
        Action::Show(a) => show(ctx, a),
        Action::Set(a) => set(ctx, a),
    }
}

fn show(ctx: &Ctx, args: ShowArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let db = ctx.open_reader()?;
    let err = ctx.store_err_at(db.path());
    let plans = plan_scope(ctx, &db, args.plan.as_deref())?;
    let scope = Scope {
        department: None,
        as_of: day.as_of,
        plan: plans.id,
    };
    let offset = ctx.clock.utc_offset();
    let Some(query) = &args.task else {
        let mut table = render::build(&db, day.today, scope).map_err(&err)?;
        if args.json {
            return ctx.out(&render::render_json(&table));
        }
        // Numbers repeat across plans: each carries its plan's label, named in the line above.
        for l in &mut table.lines {
            l.line.task.number = plans.number(l.line.task.plan_id, &l.line.task.number);
        }
        let text = render::render_table(&table, ctx.lang, ctx.width(), ctx.color);
        return ctx.out(&format!("{}{text}", plans.header(ctx.lang)));
    };
    let task = resolve_task_in(ctx, &db, query, plans.id)?;
    let not_one = || {
        Failure::User(words::not_a_project(
            ctx.lang,
            &task.number,
            &truncate(&task.title, TITLE_COLUMNS),
        ))
    };
    let plan_id = db
        .task_detail(task.id, day.as_of)
        .map_err(&err)?
        .map(|d| d.plan_id)
        .ok_or_else(not_one)?;
    let detail = render::detail(&db, task.id, plan_id, day.today, scope)
        .map_err(&err)?
        .ok_or_else(not_one)?;
    if args.json {
        ctx.out(&render::render_detail_json(&detail, offset))
    } else {
        ctx.out(&render::render_detail(&detail, ctx.lang, offset))
    }
}

/// A year as typed: 1900..=2200.
fn year(ctx: &Ctx, typed: &str) -> Result<i32, Failure> {
    text::ascii_digits(typed)
        .trim_end_matches('年')
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| Failure::User(words::bad_year(ctx.lang, typed.trim())))
}

fn amount(ctx: &Ctx, typed: &str) -> Result<f64, Failure> {
    parse_amount(typed).ok_or_else(|| Failure::User(words::bad_amount(ctx.lang, typed.trim())))
}

fn set(ctx: &Ctx, args: SetArgs) -> CmdResult {
    let total = args.total.as_deref().map(|t| amount(ctx, t)).transpose()?;
    let year_plan = match &args.planned {
        Some(p) => Some(YearPlan {
            year: match &args.year {
                Some(y) => year(ctx, y)?,
                None => ctx.clock.today().year(),
            },
            planned: amount(ctx, p)?,
        }),
        None => None,
    };
    let owner = args
        .owner
        .as_deref()
        .map(|o| text::normalise_line_ends(o.trim()));
    let mut db = ctx.open()?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let task = resolve_task_in(ctx, &db, &args.task, None)?;
    let title = truncate(&task.title, TITLE_COLUMNS);
    let edit = ProjectEdit {
        owner: owner.as_deref(),
        total: total.map(Some),
        year_plan,
        active: args.not_a_project.then_some(false),
    };
    let was = db
        .projects(Some(&[task.id]), None)
        .map_err(&err)?
        .contains_key(&task.id);
    db.edit_project(task.id, &edit, &os_login(), ctx.clock.now())
        .map_err(&err)?;
    if args.not_a_project {
        return ctx.out(&format!(
            "{}\n",
            words::project_dropped(ctx.lang, &task.number, &title, was)
        ));
    }
    let now = db.projects(Some(&[task.id]), None).map_err(&err)?;
    let (owner, total) = now
        .get(&task.id)
        .map(|p| (p.project.owner.clone(), p.project.total))
        .unwrap_or_default();
    ctx.out(&format!(
        "{}\n",
        words::project_saved(
            ctx.lang,
            &task.number,
            &title,
            &owner,
            total,
            year_plan.map(|y| (y.year, y.planned)),
        )
    ))
}
