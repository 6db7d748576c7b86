//! `duban attach add|list|get`: evidence files (佐证材料, issue 22), kept inside the database.
//! `add` checks every named file before keeping any (a FIFO, a device, a directory, a file over
//! the limit: one line, nothing read), then keeps each in its own transaction; `get` writes a
//! file's bytes through `outfile` (never onto the database, never over a file without
//! `--force`, a temporary file renamed into place) and checks their SHA-256 on the way.

use std::path::{Path, PathBuf};

use clap::Args;
use clap::Subcommand;
use serde_json::json;

use super::task_arg::resolve_task;
use super::{CmdResult, Ctx, Failure};
use crate::domain::ClerkRole;
use crate::domain::attachment::{AttachTo, check_name, human_size};
use crate::evidence::{self, EvidenceError};
use crate::i18n::attachment as words;
use crate::identity::os_login;
use crate::infile::open_regular;
use crate::outfile::shown;
use crate::report::text::{Align, columns, truncate};
use crate::store::{Attachment, AttachmentQuery, Db, NewAttachment, StoreError, TaskRef};

#[derive(Args, Debug)]
pub struct AttachArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Keep files as evidence of a unit's work on a task (佐证材料): with the task, its latest
    /// report (--report), its application to close (--closing) or a notice reply
    ///
    /// Example: duban attach add --task 3 --dept 经信局 --report 验收报告.pdf 现场照片.jpg
    Add(AddArgs),
    /// The evidence files kept, oldest first: name, size, SHA-256, who and when
    ///
    /// Example: duban attach list --task 3; duban attach list --dept 经信局 --json
    List(ListArgs),
    /// Write a kept file out, its SHA-256 checked (default: its own name, here)
    ///
    /// Example: duban attach get 12; duban attach get 12 -o ~/验收报告.pdf --force
    Get(GetArgs),
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("owner").args(["report", "closing", "notice_step"])))]
struct AddArgs {
    /// The task: its number as `duban tasks` prints it (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: String,
    /// The unit (default: your department, else the task's only unit)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Attach to the unit's latest progress report on the task
    #[arg(long)]
    report: bool,
    /// Attach to the unit's latest application to close the task (办结申请)
    #[arg(long)]
    closing: bool,
    /// Attach to a reply to a 督办单 (the notice step's id)
    #[arg(long, value_name = "ID")]
    notice_step: Option<i64>,
    /// The files (each at most attach.max_file_mb; the name kept is the file's own)
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Only this task's files: its number (3, (二)3) or its id (#17)
    #[arg(long, value_name = "TASK")]
    task: Option<String>,
    /// Only this unit's files (name, alias or unique prefix)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// Stable JSON for scripts (the whole SHA-256)
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct GetArgs {
    /// The file's id, as `duban attach list` shows it (12 or #12)
    #[arg(value_name = "ID")]
    id: String,
    /// Where to write it (`-` for standard output); default: its kept name in this directory
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing file
    #[arg(long)]
    force: bool,
}

/// Names in the list: enough to recognise a file on an 80-column terminal.
const NAME_COLUMNS: usize = 28;

pub fn run(ctx: &Ctx, args: AttachArgs) -> CmdResult {
    match args.action {
        Action::Add(a) => add(ctx, a),
        Action::List(a) => list(ctx, a),
        Action::Get(a) => get(ctx, a),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult {
    let mut db = ctx.open()?;
    let db_path = db.path().to_path_buf();
    let err = ctx.store_err_at(&db_path);
    let task = resolve_task(ctx, &db, &args.task)?;
    let department_id = unit(ctx, &db, &task, args.dept.as_deref())?;
    let to = if args.report {
        AttachTo::LatestReport
    } else if args.closing {
        AttachTo::LatestApplication
    } else if let Some(id) = args.notice_step {
        AttachTo::NoticeStep(id)
    } else {
        AttachTo::Assignment
    };
    let limits = db.attach_limits().map_err(&err)?;
    // Every file looked at before any is kept: one that cannot be is said, and nothing written.
    for path in &args.files {
        let refuse =
            |e: EvidenceError| Failure::User(words::evidence_error(ctx.lang, &shown(path), &e));
        let (_, size) = open_regular(path).map_err(|e| refuse(EvidenceError::Input(e)))?;
        crate::domain::attachment::check_limits(limits, size, 0)
            .map_err(|r| refuse(EvidenceError::Refused(r)))?;
        let name = evidence::kept_name(path)
            .ok_or(crate::domain::attachment::NameProblem::Empty)
            .and_then(|n| check_name(&n))
            .map_err(|p| refuse(EvidenceError::Name(p)));
        name?;
    }
    let department = db
        .department_names()
        .map_err(&err)?
        .into_iter()
        .find(|d| d.id == department_id)
        .map(|d| d.name)
        .unwrap_or_default();
    let total = args.files.len();
    for (done, path) in args.files.iter().enumerate() {
        let stopped = |line: String| {
            let line = if done > 0 {
                format!("{line}({})", words::stopped(ctx.lang, done, total))
            } else {
                line
            };
            Failure::User(line)
        };
        let stored = db.attachments_total().map_err(&err)?;
        let mut file = evidence::prepare(path, limits, stored)
            .map_err(|e| stopped(words::evidence_error(ctx.lang, &shown(path), &e)))?;
        let name = file.name.clone();
        let new = NewAttachment {
            task_id: task.id,
            department_id,
            to,
            name: &name,
            size: file.size,
            sha256: file.sha256,
        };
        let kept = db
            .attach(&new, &mut file, &os_login(), ctx.clock.now())
            .map_err(|e| match e {
                StoreError::Attachment(_) | StoreError::Forbidden { .. } => {
                    let Failure::User(line) = Failure::store(ctx.lang, e) else {
                        unreachable!("refusals are user errors")
                    };
                    stopped(format!("{}: {line}", shown(path)))
                }
                other => err(other),
            })?;
        ctx.out(&format!(
            "{}\n",
            words::kept(
                ctx.lang,
                kept.id,
                &kept.name,
                kept.size,
                &task.number,
                &department
            )
        ))?;
    }
    Ok(())
}

/// The unit: `--dept`, else the clerk's own department when it is a unit of the task, else the
/// task's only unit.
fn unit(ctx: &Ctx, db: &Db, task: &TaskRef, dept: Option<&str>) -> Result<i64, Failure> {
    if let Some(q) = dept {
        return ctx.department(db, q);
    }
    let err = ctx.store_err_at(db.path());
    let units = db.task_units(task.id).map_err(&err)?;
    let me = db.actor(&os_login()).map_err(&err)?;
    let mine = me
        .department
        .filter(|_| me.role == Some(ClerkRole::Editor))
        .filter(|d| units.iter().any(|u| u.department_id == *d));
    match (mine, units.as_slice()) {
        (Some(d), _) => Ok(d),
        (None, [one]) => Ok(one.department_id),
        _ => Err(Failure::User(words::which_unit(ctx.lang, &task.number))),
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult {
    let db = ctx.open_reader()?;
    let task_id = match &args.task {
        Some(t) => Some(resolve_task(ctx, &db, t)?.id),
        None => None,
    };
    let department_id = match &args.dept {
        Some(q) => Some(ctx.department(&db, q)?),
        None => None,
    };
    let files = db
        .attachments(&AttachmentQuery {
            task_id,
            department_id,
            owner: None,
        })
        .map_err(ctx.store_err_at(db.path()))?;
    if args.json {
        let rows: Vec<_> = files.iter().map(json_row).collect();
        let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
        return ctx.out(&format!("{text}\n"));
    }
    if files.is_empty() {
        return ctx.out(&format!("{}\n", words::none_kept(ctx.lang)));
    }
    let offset = ctx.clock.utc_offset();
    let mut rows = vec![words::heads(ctx.lang).map(str::to_string).to_vec()];
    for f in &files {
        rows.push(vec![
            format!("#{}", f.id),
            f.task_number.clone(),
            f.department.clone().unwrap_or_default(),
            format!(
                "{} {}",
                truncate(&one_line(&f.name), NAME_COLUMNS),
                &f.sha256[..f.sha256.len().min(8)]
            ),
            human_size(f.size),
            words::owner(ctx.lang, f.owner),
            format!("{} {}", f.by, local(&f.at, offset)),
        ]);
    }
    let aligns = [
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
    ];
    ctx.out(&columns(&rows, &aligns))
}

/// A name on one line: any control character (only a file written around duban has one) shown
/// as its escape.
fn one_line(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// An instant as stored (ISO UTC) in local time, to the minute.
fn local(at: &str, offset: chrono::FixedOffset) -> String {
    at.parse::<chrono::DateTime<chrono::Utc>>()
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

fn json_row(f: &Attachment) -> serde_json::Value {
    json!({
        "id": f.id,
        "owner": f.owner.kind(),
        "owner_id": f.owner.id(),
        "task_id": f.task_id,
        "task": f.task_number,
        "department_id": f.department_id,
        "department": f.department,
        "name": f.name,
        "size": f.size,
        "sha256": f.sha256,
        "by": f.by,
        "at": f.at,
    })
}

fn get(ctx: &Ctx, args: GetArgs) -> CmdResult {
    let id: i64 = args
        .id
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| Failure::User(words::unknown_id(ctx.lang, &args.id)))?;
    let db = ctx.open_reader()?;
    let err = ctx.store_err_at(db.path());
    let Some(kept) = db.attachment(id).map_err(&err)? else {
        return Err(Failure::User(words::unknown(ctx.lang, id)));
    };
    let refuse = |e: StoreError| match e {
        StoreError::Attachment(_) => Failure::store(ctx.lang, e),
        other => err(other),
    };
    if args.output.as_deref() == Some(Path::new("-")) {
        // Checked whole before a byte goes out: a pipe cannot take back what it was sent.
        db.read_attachment(id, &mut std::io::sink())
            .map_err(refuse)?;
        let mut stdout = std::io::stdout().lock();
        db.read_attachment(id, &mut stdout).map_err(refuse)?;
        return Ok(());
    }
    let path = match args.output {
        Some(p) => p,
        None => {
            // A kept name is one component without controls; one written around duban may not be.
            if check_name(&kept.name).is_err() {
                return Err(Failure::User(words::name_needs_output(ctx.lang, id)));
            }
            PathBuf::from(&kept.name)
        }
    };
    let target = ctx.output(&path, db.path(), args.force)?;
    target
        .write(|file| {
            let mut out = std::io::BufWriter::with_capacity(crate::store::PIECE, file);
            db.read_attachment(id, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok::<_, StoreError>(())
        })
        .map_err(refuse)?;
    ctx.out(&format!(
        "{}\n",
        words::written(ctx.lang, id, &shown(&path), kept.size)
    ))
}
