//! `duban notice propose|issue|reply|accept|return|list|show|print`: 督办单 (issue 22). duban
//! proposes notices from the lights (never issues them); an admin issues one to a unit with a
//! number of the year; the unit replies; an admin accepts (closed) or returns the reply. The
//! store checks who may and when inside its transaction; every refusal is one line, exit 2.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Duration;
use clap::{Args, Subcommand};

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure, parse_day, typed_day};
use crate::domain::notice::Level;
use crate::domain::{ClerkRole, Role, text};
use crate::i18n::notice as words;
use crate::identity::os_login;
use crate::report::notice as render;
use crate::store::{Db, NewNotice, NoticeAction, NoticeQuery};

#[derive(Args, Debug)]
pub struct NoticeArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// The notices the rules propose now, most pressing first (never issued by duban itself)
    ///
    /// Example: duban notice propose; duban notice propose --dept 经信局 --json
    Propose(ProposeArgs),
    /// Issue a notice to a unit (签发督办单); admins only. Level and reason default to the
    /// proposal, the reply-by date to notice.reply_days after today
    ///
    /// Example: duban notice issue --task 6 --dept 经信局 --required "11月30日前报送整改方案"
    Issue(IssueArgs),
    /// Reply to a notice (反馈): the unit's editor, or an admin for it
    ///
    /// Example: duban notice reply --notice "督办〔2026〕第7号" --text "已召开专题会,12月完成"
    Reply(ReplyArgs),
    /// Accept the reply: the notice is closed (审核通过); admins only
    ///
    /// Example: duban notice accept --notice 7
    Accept(AcceptArgs),
    /// Return the reply with a reason: the unit replies again (退回); admins only
    ///
    /// Example: duban notice return --notice 7 --reason "未说明完成时间"
    Return(ReturnArgs),
    /// The notices, newest first; --open: waiting for a reply or review; --overdue: past the
    /// reply-by date without a reply
    ///
    /// Example: duban notice list --dept 经信局 --overdue
    List(ListArgs),
    /// One notice in full, with its history
    ///
    /// Example: duban notice show 7
    Show(ShowArgs),
    /// The notice as a one-page document (督办通知单): Markdown, or Word in the official layout
    /// with --format docx or a .docx file
    ///
    /// Example: duban notice print 7 -o 督办单7.docx
    Print(PrintArgs),
}

#[derive(Args, Debug)]
struct ProposeArgs {
    /// Only this department's (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct IssueArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The unit (default: the task's only lead unit)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// blue (蓝色提醒), yellow (黄色督办) or red (红色挂牌督办); default: the proposal's
    #[arg(long, value_name = "LEVEL")]
    level: Option<String>,
    /// Why (default: the light's reason, and the notice left unanswered)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: Option<String>,
    /// What the unit must do (督办要求)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    required: Option<String>,
    /// The reply-by date, YYYY-MM-DD (default: today + notice.reply_days)
    #[arg(long, value_name = "DATE")]
    reply_by: Option<String>,
}

#[derive(Args, Debug)]
struct ReplyArgs {
    /// The notice: #id (as lists show it) or its number (督办〔2026〕第7号)
    #[arg(long, value_name = "NOTICE")]
    notice: String,
    /// The reply (反馈内容)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    text: String,
}

#[derive(Args, Debug)]
struct AcceptArgs {
    /// The notice: #id or its number
    #[arg(long, value_name = "NOTICE")]
    notice: String,
    /// A note for the record (审核意见)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
}

#[derive(Args, Debug)]
struct ReturnArgs {
    /// The notice: #id or its number
    #[arg(long, value_name = "NOTICE")]
    notice: String,
    /// Why the reply is not enough (the unit sees it)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    reason: String,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Only this department's (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Only those waiting for a reply or for review
    #[arg(long)]
    open: bool,
    /// Only those past their reply-by date without a reply
    #[arg(long)]
    overdue: bool,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
    /// As it stood at the end of this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

#[derive(Args, Debug)]
struct ShowArgs {
    /// The notice: #id or its number
    notice: String,
    /// Stable JSON for scripts
    #[arg(long)]
    json: bool,
    /// As it stood at the end of this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

#[derive(Args, Debug)]
struct PrintArgs {
    /// The notice: #id or its number
    notice: String,
    /// The file to write; `-` or none is standard output (Markdown only)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// md or docx (default: docx for a FILE ending in .docx, else md)
    #[arg(long, value_parser = ["md", "docx"])]
    format: Option<String>,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Ctx, args: NoticeArgs) -> CmdResult {
    match args.action {
        Action::Propose(a) => propose(ctx, a),
        Action::Issue(a) => issue(ctx, a),
        Action::Reply(a) => {
            let text = clean(&a.text);
            step(ctx, &a.notice, &NoticeAction::Reply { text: &text })
        }
        Action::Accept(a) => {
            let note = clean(a.note.as_deref().unwrap_or(""));
            step(ctx, &a.notice, &NoticeAction::Accept { note: &note })
        }
        Action::Return(a) => {
            let reason = clean(&a.reason);
            step(ctx, &a.notice, &NoticeAction::Return { reason: &reason })
        }
        Action::List(a) => list(ctx, a),
        Action::Show(a) => show(ctx, a),
        Action::Print(a) => print(ctx, a),
    }
}

fn clean(typed: &str) -> String {
    text::normalise_line_ends(typed.trim())
}

/// `--notice`: `#12` or `12` is the id lists show; anything else is a number as issued.
fn resolve_notice(ctx: &Ctx, db: &Db, query: &str) -> Result<i64, Failure> {
    let q = query.trim();
    let err = ctx.store_err_at(db.path());
    let digits = q.strip_prefix('#').unwrap_or(q);
    if !digits.is_empty() && digits.len() <= 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        let id: i64 = digits.parse().unwrap_or(0);
        return match db.notice(id, None).map_err(&err)? {
            Some(_) => Ok(id),
            None => Err(Failure::User(words::unknown_notice(ctx.lang, q))),
        };
    }
    let ids = db.notice_ids_by_number(q).map_err(&err)?;
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => Err(Failure::User(words::unknown_notice(ctx.lang, q))),
        several => {
            let list: Vec<String> = several.iter().map(i64::to_string).collect();
            Err(Failure::User(words::ambiguous_notice(
                ctx.lang,
                q,
                &list.join(", #"),
            )))
        }
    }
}

fn propose(ctx: &Ctx, args: ProposeArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let proposals = db
        .notice_proposals(ctx.clock.today(), department)
        .map_err(ctx.store_err_at(db.path()))?;
    if args.json {
        ctx.out(&render::render_proposals_json(&proposals))
    } else {
        ctx.out(&render::render_proposals(&proposals, ctx.lang))
    }
}

fn issue(ctx: &Ctx, args: IssueArgs) -> CmdResult {
    let lang = ctx.lang;
    let today = ctx.clock.today();
    // What was typed is read before the file is opened: a bad date or level says so first.
    let level = match args.level.as_deref() {
        Some(typed) => Some(Level::parse(typed).ok_or_else(|| {
            Failure::User(crate::i18n::report::bad_setting(
                lang,
                "--level",
                typed,
                "blue|yellow|red",
            ))
        })?),
        None => None,
    };
    let reply_by = match args.reply_by.as_deref() {
        Some(typed) => Some(typed_day(lang, typed)?),
        None => None,
    };
    let mut db = ctx.open()?;
    let path = db.path().to_path_buf();
    let err = ctx.store_err_at(&path);
    let task = resolve_task(ctx, &db, &args.task)?;
    let department_id = match &args.dept {
        Some(q) => ctx.department(&db, q)?,
        None => {
            let units = db.task_units(task.id).map_err(&err)?;
            let leads: Vec<_> = units.iter().filter(|u| u.role == Role::Lead).collect();
            match leads.as_slice() {
                [one] => one.department_id,
                [] => return Err(Failure::User(words::no_unit(lang, &task.number))),
                several => {
                    let names: Vec<&str> = several.iter().map(|u| u.name.as_str()).collect();
                    return Err(Failure::User(words::which_unit(
                        lang,
                        &task.number,
                        &names.join("、"),
                    )));
                }
            }
        }
    };
    // Not an admin: say so before the proposal is worked out (the store checks again).
    let me = db.actor(&os_login()).map_err(&err)?;
    if me.role != Some(ClerkRole::Admin) {
        let why = match me.role {
            None => crate::domain::Denied::NotAClerk,
            Some(_) => crate::domain::Denied::NotAdmin,
        };
        return Err(Failure::User(words::refusal(
            lang,
            &crate::domain::NoticeRefusal::Denied(why),
        )));
    }
    let proposal = db
        .notice_proposal(task.id, department_id, today)
        .map_err(&err)?;
    let level = match (level, &proposal) {
        (Some(l), _) => l,
        (None, Some(p)) => p.proposal.level,
        (None, None) => return Err(no_proposal(ctx, &db, task.id, department_id, today)),
    };
    let reason = match (&args.reason, &proposal) {
        (Some(r), _) => clean(r),
        (None, Some(p)) => render::proposal_reason(lang, p),
        (None, None) => return Err(Failure::User(words::reason_needed(lang))),
    };
    let required = clean(args.required.as_deref().unwrap_or(""));
    let reply_by = match reply_by {
        Some(d) => d,
        None => {
            let days = db.notice_settings_at(None).map_err(&err)?.reply_days;
            today + Duration::days(days)
        }
    };
    let new = NewNotice {
        task_id: task.id,
        department_id,
        level,
        reason: &reason,
        required: &required,
        reply_by,
    };
    let notice = db
        .issue_notice(&new, &os_login(), ctx.clock.now(), today)
        .map_err(&err)?;
    ctx.out(&format!(
        "{}\n",
        words::issued(
            lang,
            &notice.number,
            notice.level,
            &notice.department,
            notice.reply_by
        )
    ))
}

/// Why there is nothing to propose, in the terms the user needs: the notice already waiting
/// for the unit (the refusal `issue --level` would get), or that the rules see no need.
fn no_proposal(
    ctx: &Ctx,
    db: &Db,
    task: i64,
    department: i64,
    today: chrono::NaiveDate,
) -> Failure {
    let q = NoticeQuery {
        task: Some(task),
        department: Some(department),
        ..NoticeQuery::default()
    };
    let standing: Vec<_> = match db.notices(&q) {
        Ok(list) => list.iter().map(crate::store::Notice::standing).collect(),
        Err(e) => return ctx.store_err_at(db.path())(e),
    };
    match crate::domain::notice::awaiting(&standing) {
        Some(open) if !open.state.is_overdue(open.reply_by, today) => {
            Failure::User(words::refusal(
                ctx.lang,
                &crate::domain::NoticeRefusal::AlreadyOpen {
                    number: open.number.clone(),
                    level: open.level,
                    reply_by: open.reply_by,
                },
            ))
        }
        _ => Failure::User(words::no_proposal(ctx.lang)),
    }
}

fn step(ctx: &Ctx, query: &str, action: &NoticeAction<'_>) -> CmdResult {
    let mut db = ctx.open()?;
    let id = resolve_notice(ctx, &db, query)?;
    let path = db.path().to_path_buf();
    let entry = db
        .notice_step(id, action, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(&path))?;
    let number = db
        .notice(id, None)
        .map_err(ctx.store_err_at(&path))?
        .map(|n| n.number)
        .unwrap_or_default();
    ctx.out(&format!(
        "{}\n",
        words::stepped(ctx.lang, entry.step, &number)
    ))
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let db = ctx.open_reader()?;
    let department = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let q = NoticeQuery {
        department,
        as_of: day.as_of,
        ..NoticeQuery::default()
    };
    let notices: Vec<_> = db
        .notices(&q)
        .map_err(ctx.store_err_at(db.path()))?
        .into_iter()
        .filter(|n| !args.open || n.state.is_live())
        .filter(|n| !args.overdue || n.is_overdue(day.today))
        .collect();
    if args.json {
        ctx.out(&render::render_json(&notices, day.today))
    } else {
        ctx.out(&render::render_list(&notices, ctx.lang, day.today))
    }
}

fn show(ctx: &Ctx, args: ShowArgs) -> CmdResult {
    let day = parse_day(ctx, args.as_of.as_deref())?;
    let db = ctx.open_reader()?;
    let id = resolve_notice(ctx, &db, &args.notice)?;
    let n = db
        .notice(id, day.as_of)
        .map_err(ctx.store_err_at(db.path()))?
        .ok_or_else(|| Failure::User(words::unknown_notice(ctx.lang, &args.notice)))?;
    if args.json {
        ctx.out(&format!("{}\n", render::notice_json(&n, day.today)))
    } else {
        ctx.out(&render::render_show(
            &n,
            ctx.lang,
            day.today,
            ctx.clock.utc_offset(),
        ))
    }
}

fn print(ctx: &Ctx, args: PrintArgs) -> CmdResult {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let docx = match args.format.as_deref() {
        Some(f) => f == "docx",
        None => args.output.as_deref().is_some_and(super::report::is_docx),
    };
    if docx && to_stdout {
        return Err(Failure::User(crate::i18n::circular_doc::docx_needs_file(
            ctx.lang,
        )));
    }
    let db = ctx.open_reader()?;
    // Refused before anything is read: never the database, a device, or a file without --force.
    let target = match args.output.as_deref().filter(|_| !to_stdout) {
        Some(path) => Some(ctx.output(path, db.path(), args.force)?),
        None => None,
    };
    let err = ctx.store_err_at(db.path());
    let id = resolve_notice(ctx, &db, &args.notice)?;
    let n = db
        .notice(id, None)
        .map_err(&err)?
        .ok_or_else(|| Failure::User(words::unknown_notice(ctx.lang, &args.notice)))?;
    let issued_at = n.at.parse::<chrono::DateTime<chrono::Utc>>().ok();
    // The facts as they stood when it was issued (the rows of that instant included).
    let fact = db
        .unit_fact(
            n.task.id,
            n.department_id,
            issued_at.map(|t| t + Duration::seconds(1)),
        )
        .map_err(&err)?;
    let office = db.notice_settings_at(None).map_err(&err)?.office;
    if docx {
        let sheet = crate::report::notice_print::sheet(
            &n,
            fact.as_ref(),
            &office,
            ctx.lang,
            ctx.clock.utc_offset(),
        );
        let data =
            crate::report::docx::pack(crate::report::notice_print::document_docx(&sheet, ctx.lang));
        let shown = super::export::shown_output(args.output.as_deref());
        let failed = super::export::write_failure(ctx, db.path(), &shown, false);
        if let Some(target) = target {
            data.and_then(|data| {
                target.write(|file| {
                    file.write_all(&data)?;
                    file.flush()
                })
            })
            .map_err(|e| failed(crate::report::export::ExportError::Io(e)))?;
            eprintln!("{}", words::written(ctx.lang, &shown));
        }
        return Ok(());
    }
    let doc = crate::report::notice_print::render_document(
        &n,
        fact.as_ref(),
        &office,
        ctx.lang,
        ctx.clock.utc_offset(),
    );
    match target {
        None => ctx.out(&doc),
        Some(target) => {
            let shown = super::export::shown_output(args.output.as_deref());
            let failed = super::export::write_failure(ctx, db.path(), &shown, false);
            target
                .write(|file| {
                    // Read with `cat` as often as in an editor: stored control characters are
                    // shown as on a terminal.
                    let mut out = crate::report::text::Visible::new(std::io::BufWriter::new(file));
                    out.write_all(doc.as_bytes())?;
                    out.flush()
                })
                .map_err(|e| failed(crate::report::export::ExportError::Io(e)))?;
            eprintln!("{}", words::written(ctx.lang, &shown));
            Ok(())
        }
    }
}
