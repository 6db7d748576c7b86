//! `duban import xlsx|csv FILE [--sheet-date DAY] [--dry-run] [--json]`: the task spreadsheet read
//! back, its differences from the database applied in one transaction (or listed, with
//! `--dry-run`). A sheet duban did not export must say which day it reflects (the sheet-stamp
//! rule, `import::sheet_diff`).

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::SyncSender;

use clap::Args;

use super::{CmdResult, Ctx, Failure, parse_day};
use crate::domain::DepartmentName;
use crate::domain::sheet::SheetTask;
use crate::domain::sheet_changes::{Cell, CellError, ChangeSet, Report, TaskOf};
use crate::i18n::sheet::{SheetMsg, location, msg, problem, read_error, refused};
use crate::i18n::store_error;
use crate::identity::os_login;
use crate::import::sheet::{self, Format, Workbook};
use crate::import::sheet_diff::{Current, PlanInfo, SheetDate, TaskKeys, TaskSource, diff};
use crate::report::sheet_import::{json, render, summary};
use crate::store::{ApplyError, Db, EarlyReport, SheetTasks, StoreError};

#[derive(Args, Debug)]
pub struct SheetArgs {
    /// The spreadsheet (for csv: UTF-8 with or without BOM, or GB18030)
    file: PathBuf,
    /// The day the sheet's figures reflect, for a sheet duban did not export (it has no 基于版本
    /// column): a row whose task has a report or an edit after that day is listed and not
    /// imported
    #[arg(long, value_name = "YYYY-MM-DD")]
    sheet_date: Option<String>,
    /// List what would change and save nothing
    #[arg(long)]
    dry_run: bool,
    /// The changes as JSON (with --dry-run: what would change)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: SheetArgs, format: Format) -> CmdResult {
    fixed_mmap_threshold();
    let shown = args.file.display().to_string();
    let csv = format == Format::Csv;
    let bytes = read(ctx, &args)?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let book = sheet::read(&bytes, format, &name)
        .map_err(|e| Failure::User(read_error(ctx.lang, &shown, &e)))?;
    drop(bytes);
    release_freed_memory();
    // The day, read as `--as-of` reads one: everything up to the end of it, local time.
    let sheet_date = match args.sheet_date.as_deref() {
        None => None,
        Some(text) => {
            let day = parse_day(ctx, Some(text))?;
            day.as_of.map(|end| SheetDate {
                day: day.today,
                end,
            })
        }
    };
    if sheet_date.is_none()
        && let Some(t) = book.tables.iter().find(|t| !t.stamped())
    {
        return Err(Failure::User(msg(
            ctx.lang,
            SheetMsg::NeedsSheetDate {
                file: &shown,
                sheet: (!csv).then_some(t.name.as_str()),
            },
        )));
    }

    let mut db = ctx.open()?;
    let db_path = db.path().to_path_buf();
    let err = ctx.store_err_at(&db_path);
    let plans: Vec<PlanInfo> = db
        .plans()
        .map_err(&err)?
        .into_iter()
        .map(|p| PlanInfo {
            id: p.id,
            title: p.title,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
        })
        .collect();
    let departments = db.department_names().map_err(&err)?;
    let by = os_login();
    let at = ctx.clock.now();
    // The comparison reads through a connection of its own, while `db` writes the reports it
    // finds as it goes (`EarlyReports`, on a second thread): a large import's write then runs
    // beside its comparison instead of after it.
    let reader = Db::open_reader(&db_path).map_err(&err)?;
    let (compared, early) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Early>(1024);
        let writer = &mut db;
        let by = by.as_str();
        let rehearse = args.dry_run;
        let written = scope.spawn(move || {
            let mut early = writer.early_sheet_reports(by, at);
            for message in receive {
                match message {
                    Early::Report(r) => early.report(&r),
                    Early::Finish => return Some(early.finish(rehearse)),
                    Early::Abandon => break,
                }
            }
            // Rolled back; should that fail, `apply_sheet` (if it runs) says so.
            let _ = early.abandon();
            None
        });
        let compared = compare(ctx, &reader, &plans, &departments, book, sheet_date, &send);
        // Finished early only when every change was a report and every report was written:
        // anything else is applied whole by `apply_sheet`, new tasks and edits first.
        let finish = matches!(&compared, Ok((Ok(changes), sent))
            if !changes.edits_plan() && *sent == changes.reports.len());
        let _ = send.send(if finish {
            Early::Finish
        } else {
            Early::Abandon
        });
        let early = match written.join() {
            Ok(early) => early,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (compared, early)
    });
    drop(reader);
    // The sheet's rows, the task keys and the comparison's maps are gone: their pages back
    // before the output is built.
    release_freed_memory();
    let (changes, _) = compared?;
    let changes = changes.map_err(|errors| {
        let all: Vec<_> = errors
            .iter()
            .map(|e| (&e.at, problem(ctx.lang, &e.problem)))
            .collect();
        Failure::User(refused(ctx.lang, &shown, csv, &all))
    })?;

    // A dry run rehearses the write and rolls it back: what it accepts, the real run accepts.
    let applied = match early {
        Some(result) => result.map_err(|(index, error)| ApplyError {
            at: match index {
                Some(k) => changes.reports[k].at.clone(),
                None => Cell {
                    sheet: changes.sheets.first().cloned().unwrap_or_default(),
                    row: 0,
                    column: None,
                },
            },
            error,
        }),
        None if changes.is_empty() => Ok(()),
        None => db.apply_sheet(&changes, &by, at, args.dry_run).map(|_| ()),
    };
    applied.map_err(|e| {
        if !e.error.is_user_error() {
            return Failure::Internal(color_eyre::Report::new(e.error));
        }
        let place = location(ctx.lang, &shown, csv, &e.at);
        let why = store_error(ctx.lang, &e.error);
        Failure::User(if ctx.lang.zh() {
            format!("{place}:{why}。未导入任何内容")
        } else {
            format!("{place}: {why}. Nothing was imported")
        })
    })?;
    if args.json {
        return ctx.out(&json(&changes, args.dry_run));
    }
    let mut text = render(&changes, ctx.lang);
    text.push_str(&summary(&changes, ctx.lang, args.dry_run));
    text.push('\n');
    ctx.out(&text)
}

fn read(ctx: &Ctx, args: &SheetArgs) -> Result<Vec<u8>, Failure> {
    let shown = args.file.display().to_string();
    let unreadable = |reason: String| {
        Failure::User(if ctx.lang.zh() {
            format!("无法读取 {shown}:{reason}")
        } else {
            format!("cannot read {shown}: {reason}")
        })
    };
    use crate::infile::InputError as E;
    let why = |zh: &str, en: &str| unreadable(if ctx.lang.zh() { zh } else { en }.to_string());
    crate::infile::read_capped(&args.file, crate::import::MAX_BYTES).map_err(|e| match e {
        E::NotFound => why("文件不存在", "no such file"),
        E::PermissionDenied => why("没有读取权限", "permission denied"),
        E::Directory => why("是一个目录", "is a directory"),
        E::NotRegular => why(
            "不是普通文件(管道、设备或套接字)",
            "not a regular file (a FIFO, a device or a socket)",
        ),
        E::TooLarge { bytes, limit } => Failure::User(read_error(
            ctx.lang,
            &shown,
            &sheet::ReadError::TooLarge { bytes, limit },
        )),
        E::Other(reason) => unreadable(reason),
    })
}

/// The tasks as the comparison asks for them: streamed in plan order, with a task the stream has
/// passed (a sheet whose rows were sorted otherwise) read again by its id.
struct Streamed<'a, 's> {
    db: &'a Db,
    keys: &'a TaskKeys,
    tasks: SheetTasks<'s>,
    /// The place in `keys` of the task the stream gives next.
    next: usize,
    /// The task last asked for, and its place: a task asked twice in a row is read once.
    current: Option<(usize, Rc<SheetTask>)>,
    error: Option<StoreError>,
    /// The writer of early reports, and how many were sent to it.
    early: &'a SyncSender<Early>,
    sent: usize,
    /// How many rows asked for a task the stream had passed.
    behind: usize,
    /// Once `BY_ID` rows have, every passed task by its place, taken when asked for.
    passed: Vec<Option<SheetTask>>,
}

/// How many passed tasks are read by id, one query each (some 100 µs: the statement is
/// re-prepared at every run while the writer works), before the passed tasks are read again
/// in one pass and held: a sheet sorted otherwise than by plan then costs one more read of the
/// tasks and the memory of holding them, as the import did before it streamed.
const BY_ID: usize = 1000;

impl TaskSource for Streamed<'_, '_> {
    fn task(&mut self, i: usize) -> Option<Rc<SheetTask>> {
        if let Some((at, task)) = &self.current
            && *at == i
        {
            return Some(task.clone());
        }
        let id = self.keys.id(i);
        let found = if i >= self.next {
            self.ahead(i)
        } else {
            self.behind(i)
        };
        let task = match found {
            Some(task) if task.id == id => task,
            // Passed already (or, were the snapshot not one, out of step): read by its id.
            _ => match self.db.sheet_task(id) {
                Ok(Some(task)) => task,
                Ok(None) => {
                    self.error
                        .get_or_insert(StoreError::NotFound(format!("task {id}")));
                    return None;
                }
                Err(e) => {
                    self.error.get_or_insert(e);
                    return None;
                }
            },
        };
        let task = Rc::new(task);
        self.current = Some((i, task.clone()));
        Some(task)
    }

    fn report(&mut self, r: &Report) {
        // A report on a task the sheet adds waits for `apply_sheet`: the task comes first.
        let TaskOf::Existing(task_id) = r.task else {
            return;
        };
        let sent = self.early.send(Early::Report(EarlyReport {
            task_id,
            department_id: r.department_id,
            percent: r.percent,
            note: r.note.clone(),
            expected_version: r.expected_version,
        }));
        if sent.is_ok() {
            self.sent += 1;
        }
    }
}

impl Streamed<'_, '_> {
    /// A passed task, if held (see `BY_ID`); `None`: read it by id.
    fn behind(&mut self, i: usize) -> Option<SheetTask> {
        self.behind += 1;
        if self.behind == BY_ID && self.passed.is_empty() {
            self.hold_passed();
        }
        self.passed.get_mut(i).and_then(Option::take)
    }

    /// Reads the tasks the stream has passed again, from the start, and holds them.
    fn hold_passed(&mut self) {
        let read = (|| {
            let mut query = self.db.sheet_task_query(None)?;
            let mut tasks = query.stream()?;
            let mut passed = Vec::with_capacity(self.next);
            while passed.len() < self.next {
                match tasks.next_task()? {
                    Some(task) => passed.push(Some(task)),
                    None => break,
                }
            }
            Ok(passed)
        })();
        match read {
            Ok(passed) => self.passed = passed,
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }

    /// The stream read on to task `i`, the tasks before it passed over.
    fn ahead(&mut self, i: usize) -> Option<SheetTask> {
        loop {
            match self.tasks.next_task() {
                Ok(Some(task)) => {
                    self.next += 1;
                    if self.next > i {
                        return Some(task);
                    }
                }
                Ok(None) => return None,
                Err(e) => {
                    self.error.get_or_insert(e);
                    return None;
                }
            }
        }
    }
}

/// What the comparison tells the writer thread.
enum Early {
    Report(EarlyReport),
    /// Every change was a report, and each was sent: commit (or, rehearsing, roll back).
    Finish,
    /// Roll back what was written.
    Abandon,
}

type Compared = (Result<ChangeSet, Vec<CellError>>, usize);

/// The sheet against the database read through `db`: the tasks' keys, then the tasks themselves
/// streamed in the same order, from one snapshot (only the keys of every task are held, and one
/// whole task at a time). Each report on an existing task is sent to `early` as it is found;
/// with the comparison, how many were.
fn compare(
    ctx: &Ctx,
    db: &Db,
    plans: &[PlanInfo],
    departments: &[DepartmentName],
    book: Workbook,
    sheet_date: Option<SheetDate>,
    early: &SyncSender<Early>,
) -> Result<Compared, Failure> {
    let err = ctx.store_err_at(db.path());
    let _snapshot = db.snapshot().map_err(&err)?;
    let mut keys = TaskKeys::with_capacity(db.current_task_count().map_err(&err)?);
    db.for_each_sheet_key(|id, plan, number, title| keys.push(id, plan, number, title))
        .map_err(&err)?;
    keys.shrink_to_fit();
    let now = Current {
        plans,
        departments,
        tasks: &keys,
    };
    let mut query = db.sheet_task_query(None).map_err(&err)?;
    let mut source = Streamed {
        db,
        keys: &keys,
        tasks: query.stream().map_err(&err)?,
        next: 0,
        current: None,
        error: None,
        early,
        sent: 0,
        behind: 0,
        passed: Vec::new(),
    };
    let changes = diff(book, &now, &mut source, ctx.clock.today(), sheet_date);
    if let Some(e) = source.error {
        return Err(err(e));
    }
    Ok((changes, source.sent))
}

/// Large blocks (the sheet's row list, the task keys, the comparison's maps, the change set's
/// lists) mapped on their own and unmapped when freed. glibc otherwise raises that threshold
/// after the first such free, and every later large block comes from the heap, which keeps what
/// it once held: 98 → 87 MB peak resident for a 100,000-row sheet with half its rows changed.
fn fixed_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; 128 KiB is glibc's own default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Hands the memory freed so far back to the system. Reading a sheet frees as much as it keeps
/// (the file's bytes, the unzipped XML, the shared strings, cells copied into rows), in pieces
/// the allocator would otherwise hold on to while the comparison allocates elsewhere: the
/// import's peak resident size was some 25 MB above what it ever used at once.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
