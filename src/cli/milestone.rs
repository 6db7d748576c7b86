//! `duban milestone list|add|edit|remove|reach`: a task's milestones (节点, issue 23). Anyone
//! lists; admins add, change and remove (the change is made on the list as it stands inside the
//! write's transaction, `Db::edit_milestones`, so another admin's change made in between is kept);
//! a unit of the task enters the date a milestone was reached, or that it was not after all, with
//! the reached row it read named to the write (another clerk's entry in between: refused, Stale).
//! A milestone is named by its number in `milestone list` or by its name (or a unique start of it).

use clap::{Args, Subcommand};

use super::task_arg::resolve_task;
use super::unit_arg::entry_unit;
use super::{CmdResult, Ctx, Failure, parse_day, typed_day};
use crate::domain::milestone::completion_by_milestones;
use crate::domain::project::{CompletionSource, Refusal};
use crate::domain::{Percent, text};
use crate::i18n::{self, project_cli as words, project_cli::MilestoneDone};
use crate::identity::os_login;
use crate::report::milestone_list as render;
use crate::report::text::truncate;
use crate::store::{Db, MilestoneEdit, MilestoneReach, MilestoneRow, StoreError, TaskRef};

#[derive(Args, Debug)]
pub struct MilestoneArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// A task's milestones in order, numbered as the other commands name them: planned date,
    /// share, date reached, state, who entered it
    ///
    /// Example: duban milestone list --task 8; duban milestone list --task 8 --json
    List(ListArgs),
    /// Add a milestone (节点) to a task: a name and a planned date, optionally the completion
    /// expected when it is reached; admins only
    ///
    /// Example: duban milestone add --task 8 主体结顶 --on 2026-06-30 --share 60
    Add(AddArgs),
    /// Change a milestone's name, planned date or share; admins only
    ///
    /// Example: duban milestone edit --task 8 主体结顶 --on 2026-07-31
    Edit(EditArgs),
    /// Remove a milestone (it stays on record); admins only
    ///
    /// Example: duban milestone remove --task 8 3
    Remove(RemoveArgs),
    /// Enter the date a milestone was reached (a unit of the task), or with --not-reached and a
    /// note that it was not after all
    ///
    /// Example: duban milestone reach --task 8 主体结顶 --on 2026-07-05 --note "主体结构封顶"
    Reach(ReachArgs),
}

#[derive(Args, Debug)]
struct ListArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// As of this date (YYYY-MM-DD), from the journals
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct AddArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The milestone's name: 开工, 主体结顶, 竣工, 投产 …
    #[arg(value_name = "NAME")]
    name: String,
    /// The planned date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    on: String,
    /// The completion expected when it is reached, 0 to 100: expected progress then follows
    /// the milestones
    #[arg(long, value_name = "N")]
    share: Option<String>,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["name", "on", "share"])))]
struct EditArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The milestone: its number in `milestone list`, or its name
    #[arg(value_name = "MILESTONE")]
    milestone: String,
    /// A new name
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// A new planned date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// A new share, 0 to 100; none: no share
    #[arg(long, value_name = "N")]
    share: Option<String>,
}

#[derive(Args, Debug)]
struct RemoveArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The milestone: its number in `milestone list`, or its name
    #[arg(value_name = "MILESTONE")]
    milestone: String,
}

#[derive(Args, Debug)]
struct ReachArgs {
    /// The task: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The milestone: its number in `milestone list`, or its name
    #[arg(value_name = "MILESTONE")]
    milestone: String,
    /// The day it was reached (YYYY-MM-DD), not after today
    #[arg(long, value_name = "DATE", required_unless_present = "not_reached")]
    on: Option<String>,
    /// It was not reached after all (a date entered by mistake); needs --note
    #[arg(long, conflicts_with = "on")]
    not_reached: bool,
    /// The reporting unit (default: your department, else the task's only lead or only unit;
    /// an admin names it)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// A note for the record (what was done; why not reached)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
}

/// Titles in the one-line answers: enough to recognise the task.
const TITLE_COLUMNS: usize = 24;

pub fn run(ctx: &Ctx, args: MilestoneArgs) -> CmdResult {
    match args.action {
        Action::List(a) => list(ctx, a),
        Action::Add(a) => add(ctx, a),
        Action::Edit(a) => edit(ctx, a),
        Action::Remove(a) => remove(ctx, a),
        Action::Reach(a) => reach(ctx, a),
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let db = ctx.open_reader()?;
    let err = ctx.store_err_at(db.path());
    let task = resolve_task(ctx, &db, &args.task)?;
    let rows = db.milestone_rows_at(task.id, day.as_of).map_err(&err)?;
    let history = db
        .milestone_reached_history(task.id, day.as_of)
        .map_err(&err)?;
    let offset = ctx.clock.utc_offset();
    if args.json {
        return ctx.out(&render::render_json(&rows, &history, day.today, offset));
    }
    let title = truncate(&task.title, TITLE_COLUMNS);
    ctx.out(&render::render_text(
        &rows,
        &history,
        (&task.number, &title),
        day.today,
        ctx.lang,
        offset,
    ))
}

/// A share as typed: 0..=100 (60 or 60%); `none` (无, -) for no share.
fn share(ctx: &Ctx, typed: &str) -> Result<Option<Percent>, Failure> {
    let t = text::ascii_digits(typed);
    if matches!(t.as_str(), "none" | "无" | "-" | "") {
        return Ok(None);
    }
    if t.starts_with('+') {
        return Err(Failure::User(words::bad_share(ctx.lang, typed.trim())));
    }
    Percent::parse(&t, Percent::ZERO)
        .map(Some)
        .map_err(|_| Failure::User(words::bad_share(ctx.lang, typed.trim())))
}

/// The milestone `query` names among `rows`: its number in the list, its whole name, or the only
/// name starting with it.
fn pick<'a>(
    ctx: &Ctx,
    rows: &'a [MilestoneRow],
    query: &str,
    task: &TaskRef,
) -> Result<&'a MilestoneRow, Failure> {
    let q = query.trim();
    if let Ok(n) = text::ascii_digits(q).parse::<usize>()
        && (1..=rows.len()).contains(&n)
    {
        return Ok(&rows[n - 1]);
    }
    if let Some(row) = rows.iter().find(|r| r.milestone.name == q) {
        return Ok(row);
    }
    let starts: Vec<&MilestoneRow> = rows
        .iter()
        .filter(|r| !q.is_empty() && r.milestone.name.starts_with(q))
        .collect();
    match starts.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<String> = rows.iter().map(|r| r.milestone.name.clone()).collect();
            Err(Failure::User(words::unknown_milestone(
                ctx.lang,
                q,
                &task.number,
                &names,
            )))
        }
        many => {
            let names: Vec<String> = many.iter().map(|r| r.milestone.name.clone()).collect();
            Err(Failure::User(words::ambiguous_milestone(
                ctx.lang, q, &names,
            )))
        }
    }
}

/// The standing list as `set_milestones` takes it.
fn as_edits(rows: &[MilestoneRow]) -> Vec<MilestoneEdit> {
    rows.iter()
        .map(|r| MilestoneEdit {
            id: Some(r.milestone.id),
            name: r.milestone.name.clone(),
            planned_on: r.milestone.planned_on,
            share: r.milestone.share,
        })
        .collect()
}

/// Opens the file, resolves the task and reads its milestones now.
fn open(ctx: &Ctx, task: &str) -> Result<(Db, TaskRef, Vec<MilestoneRow>), Failure> {
    let db = ctx.open()?;
    let task = resolve_task(ctx, &db, task)?;
    let rows = db
        .milestone_rows(task.id)
        .map_err(ctx.store_err_at(db.path()))?;
    Ok((db, task, rows))
}

fn done(ctx: &Ctx, task: &TaskRef, what: MilestoneDone<'_>) -> CmdResult {
    let title = truncate(&task.title, TITLE_COLUMNS);
    ctx.out(&format!(
        "{}\n",
        words::milestone_done(ctx.lang, &task.number, &title, what)
    ))
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult {
    let on = typed_day(ctx.lang, &args.on)?;
    let share = args
        .share
        .as_deref()
        .map(|s| share(ctx, s))
        .transpose()?
        .flatten();
    let name = args.name.trim().to_string();
    let (mut db, task, rows) = open(ctx, &args.task)?;
    if rows.iter().any(|r| r.milestone.name == name) {
        return Err(Failure::User(words::duplicate_milestone(ctx.lang, &name)));
    }
    let new = MilestoneEdit {
        id: None,
        name: name.clone(),
        planned_on: on,
        share,
    };
    let path = db.path().to_path_buf();
    db.edit_milestones(task.id, &os_login(), ctx.clock.now(), |standing| {
        let mut list = as_edits(standing);
        // In date order: before the first milestone planned later.
        let at = list
            .iter()
            .position(|m| m.planned_on > on)
            .unwrap_or(list.len());
        list.insert(at, new);
        Ok(list)
    })
    .map_err(ctx.store_err_at(&path))?;
    let on = on.format("%Y-%m-%d").to_string();
    done(
        ctx,
        &task,
        MilestoneDone::Added {
            name: &name,
            on: &on,
        },
    )
}

fn edit(ctx: &Ctx, args: EditArgs) -> CmdResult {
    let on = args
        .on
        .as_deref()
        .map(|d| typed_day(ctx.lang, d))
        .transpose()?;
    let new_share = args.share.as_deref().map(|s| share(ctx, s)).transpose()?;
    let new_name = args.name.as_deref().map(|n| n.trim().to_string());
    let (mut db, task, rows) = open(ctx, &args.task)?;
    let target = pick(ctx, &rows, &args.milestone, &task)?.milestone.clone();
    if let Some(n) = &new_name
        && rows
            .iter()
            .any(|r| r.milestone.name == *n && r.milestone.id != target.id)
    {
        return Err(Failure::User(words::duplicate_milestone(ctx.lang, n)));
    }
    let name = new_name.clone().unwrap_or_else(|| target.name.clone());
    let planned = on.unwrap_or(target.planned_on);
    let path = db.path().to_path_buf();
    db.edit_milestones(task.id, &os_login(), ctx.clock.now(), |standing| {
        let mut list = as_edits(standing);
        let m = list
            .iter_mut()
            .find(|m| m.id == Some(target.id))
            .ok_or(StoreError::Project(Refusal::NoSuchMilestone))?;
        m.name = name.clone();
        m.planned_on = planned;
        if let Some(s) = new_share {
            m.share = s;
        }
        Ok(list)
    })
    .map_err(ctx.store_err_at(&path))?;
    let on = planned.format("%Y-%m-%d").to_string();
    done(
        ctx,
        &task,
        MilestoneDone::Edited {
            name: &name,
            on: &on,
        },
    )
}

fn remove(ctx: &Ctx, args: RemoveArgs) -> CmdResult {
    let (mut db, task, rows) = open(ctx, &args.task)?;
    let target = pick(ctx, &rows, &args.milestone, &task)?.milestone.clone();
    let path = db.path().to_path_buf();
    db.edit_milestones(task.id, &os_login(), ctx.clock.now(), |standing| {
        if !standing.iter().any(|r| r.milestone.id == target.id) {
            return Err(StoreError::Project(Refusal::NoSuchMilestone));
        }
        let mut list = as_edits(standing);
        list.retain(|m| m.id != Some(target.id));
        Ok(list)
    })
    .map_err(ctx.store_err_at(&path))?;
    done(ctx, &task, MilestoneDone::Removed { name: &target.name })
}

fn reach(ctx: &Ctx, args: ReachArgs) -> CmdResult {
    let lang = ctx.lang;
    let on = args.on.as_deref().map(|d| typed_day(lang, d)).transpose()?;
    let note = text::normalise_line_ends(args.note.as_deref().unwrap_or("").trim());
    if args.not_reached && note.is_empty() {
        return Err(Failure::User(words::why_not_reached(lang)));
    }
    let (mut db, task, rows) = open(ctx, &args.task)?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let row = pick(ctx, &rows, &args.milestone, &task)?.clone();
    let unit = entry_unit(ctx, &db, &task, args.dept.as_deref())?;
    let progress_note = move |name: &str, reached: usize, all: usize| {
        i18n::project::from_milestones(lang, name, reached, all)
    };
    db.reach_milestone(&MilestoneReach {
        task_id: task.id,
        milestone_id: row.milestone.id,
        department_id: unit.department_id,
        reached_on: on,
        note: &note,
        expected_last: row.last_reached,
        by: &os_login(),
        at: ctx.clock.now(),
        today: ctx.clock.today(),
        progress_note: &progress_note,
    })
    .map_err(&err)?;
    let name = row.milestone.name.as_str();
    let title = truncate(&task.title, TITLE_COLUMNS);
    let on_text = on.map(|d| d.format("%Y-%m-%d").to_string());
    let mut line = words::milestone_done(
        lang,
        &task.number,
        &title,
        match &on_text {
            Some(on) => MilestoneDone::Reached {
                name,
                on,
                unit: &unit.name,
            },
            None => MilestoneDone::NotReached {
                name,
                unit: &unit.name,
            },
        },
    );
    // The progress that followed, when the plan reads completion from milestones.
    let plan = db
        .task_detail(task.id, None)
        .map_err(&err)?
        .map(|d| d.plan_id);
    let source = match plan {
        Some(p) => db.completion_source(p).map_err(&err)?,
        None => CompletionSource::Percent,
    };
    if source == CompletionSource::Milestones {
        let now: Vec<_> = db
            .milestone_rows(task.id)
            .map_err(&err)?
            .into_iter()
            .map(|r| r.milestone)
            .collect();
        if let Some(p) = completion_by_milestones(&now) {
            line.push_str(if lang.zh() { ";" } else { "; " });
            line.push_str(&words::progress_followed(lang, i64::from(p.value())));
        }
    }
    ctx.out(&format!("{line}\n"))
}
