//! The command line: clap definitions, one file per command, exit codes.
//!
//! Exit codes: 0 success; 2 a problem the user can fix (bad flag, missing or foreign file, bad
//! date), printed as one line; 1 an internal error, printed with color-eyre's report; 3 `check`
//! found problems; 4 `status --fail-on` found what it was told to fail on (the output is printed
//! as without the flag, and one line on standard error says what was found).

mod attach;
mod audit;
mod backup;
mod check;
mod clerk;
mod close;
mod cycle;
mod demo;
mod dept;
mod export;
mod extend;
mod generate;
pub mod help;
mod help_text;
mod import;
mod import_sheet;
mod indicators;
mod init;
mod invest;
mod log;
mod milestone;
mod notice;
mod plan_arg;
mod project;
mod report;
mod report_docx;
mod setting;
mod shell;
mod status;
mod stream_out;
mod task_arg;
mod tasks;
mod unit_arg;
mod update;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};

use crate::clock::{BadClock, Clock};
use crate::domain::{Resolution, resolve};
use crate::i18n::{self, Lang, Msg};
use crate::store::{Db, StoreError};

#[derive(Parser, Debug)]
#[command(
    name = "duban",
    version,
    about = "督办 duban: track an action plan's tasks, units and progress in one SQLite file",
    long_about = "督办 duban: track an action plan's tasks, responsible units and progress in one \
                  local SQLite file.\n\nWith no command, opens the terminal UI on the database.\n\
                  Database: --db FILE, else $DUBAN_DB, else $XDG_DATA_HOME/duban/duban.db \
                  (~/.local/share/duban/duban.db)."
)]
pub struct Cli {
    /// Database file (default: $DUBAN_DB, else ~/.local/share/duban/duban.db)
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Language of messages and tables: zh or en (default: from LANG)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// No colour, even on a terminal (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    no_color: bool,
    /// Open the UI as of this date (YYYY-MM-DD): lights and percents from the journal
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Each department's tasks, completion and lights, worst first (各单位进度概况)
    Status(status::StatusArgs),
    /// The task list with units, deadlines and lights (任务清单)
    Tasks(tasks::TasksArgs),
    /// Create a realistic demo database and open it (生成示例数据库)
    Demo(demo::DemoArgs),
    /// Generate synthetic data of any size for tests and benchmarks (生成测试数据)
    Gen(generate::GenArgs),
    /// Create an empty database; you become its admin (新建数据库)
    Init(init::InitArgs),
    /// Import a plan's text, or read back the task spreadsheet (导入计划文本或任务表格)
    Import(import::ImportArgs),
    /// The task list as the office spreadsheet: xlsx or csv (导出任务表格)
    ///
    /// Example: duban export xlsx -o 任务进展.xlsx --dept 经信局
    Export(export::ExportArgs),
    /// Report a unit's progress on a task (填报进度)
    ///
    /// The same save as the terminal UI's form: only a task's own units, an editor only for
    /// their department, refused if someone else saved in between.
    ///
    /// Example: duban update --task "(二)3" --dept 经信局 --percent 60 --note "已完成方案初稿"
    Update(update::UpdateArgs),
    /// Close a task (办结销号): a lead unit at 100% applies, an admin approves or sends it
    /// back with a reason; an admin may reopen a closed task; `list` shows the review queue
    ///
    /// Example: duban close apply --task 3 --note "园区已验收"; duban close list --pending
    Close(close::CloseArgs),
    /// Extensions (延期申请): a unit asks for a later deadline with a reason, on or before the
    /// deadline; an admin approves (the deadline changes from then on) or refuses with a reason;
    /// after the deadline only an admin files a request; `list` shows the queue
    ///
    /// Example: duban extend request --task 3 --to 2026-09-30 --reason "征地手续未完成"; duban extend list --pending
    Extend(extend::ExtendArgs),
    /// 督办单: notices to a unit about a task — blue reminder, yellow notice, red listed
    /// notice; duban proposes from the lights, an admin issues, the unit replies, an admin
    /// accepts or returns the reply; `print` makes the one-page document
    ///
    /// Example: duban notice propose; duban notice issue --task 6; duban notice print 1 -o 督办单.md
    Notice(notice::NoticeArgs),
    /// Key projects (重点项目, 挂图作战): owner, total and yearly planned investment, monthly
    /// figures and the year's rate; `show` lists them, `set` changes a project (admins)
    ///
    /// Example: duban project show; duban project set --task 8 --owner "某某公司" --total 52000
    Project(project::ProjectArgs),
    /// Report a key project's investment completed this year to a month's end, in 万元
    /// (填报完成投资): a unit of the task, like progress; a figure lower than the one before needs
    /// --reason
    ///
    /// Example: duban invest --task 8 --month 2026-10 --amount 15200 --note "设备进场"
    Invest(invest::InvestArgs),
    /// Milestones (节点) of a task: list them; admins add, change or remove them; a unit enters
    /// the date one was reached
    ///
    /// Example: duban milestone list --task 8; duban milestone reach --task 8 主体结顶 --on 2026-07-05
    Milestone(milestone::MilestoneArgs),
    /// Evidence files (佐证材料): keep files with a task, a report or an application to close,
    /// inside the database; list them; write one out (its SHA-256 checked)
    ///
    /// Example: duban attach add --task 3 --dept 经信局 --report 验收报告.pdf; duban attach get 12
    Attach(attach::AttachArgs),
    /// Changes to the plan's structure — tasks, departments, clerks, settings, imports — newest
    /// first: who changed what, when, each field old → new (变更记录)
    ///
    /// Example: duban audit --entity task --since 2026-11-01
    Audit(audit::AuditArgs),
    /// Who reported what and when, newest first (报送记录)
    ///
    /// Example: duban log --dept 经信局 --since 2024-06-01 --limit 20
    Log(log::LogArgs),
    /// The circular (季度通报): departments ranked by a published score, red tasks, who did not
    /// report; as of the period's end, from the journal
    ///
    /// Example: duban report --period 2024-Q2 --format xlsx -o 2024Q2通报.xlsx
    Report(report::ReportArgs),
    /// Who reported on time, late (迟报) or not at all (漏报) for a period, per department
    ///
    /// Example: duban cycle --period 2024-06
    Cycle(cycle::CycleArgs),
    /// Reminders (催办) for departments with missing reports or red tasks, ready to paste into a
    /// message; nothing is sent
    ///
    /// Example: duban remind --dept 经信局 --period 2024-06
    Remind(cycle::RemindArgs),
    /// Indicators (指标): each year's target, the latest figure, completion and growth; `set`
    /// reports a figure
    ///
    /// Example: duban indicators --year 2024; duban indicators set 工业投资 --period 2024-Q2 --value 38.5
    Indicators(indicators::IndicatorsArgs),
    /// Settings: reporting cycle, light thresholds, score preset and weights (设置)
    ///
    /// Example: duban setting preset light strict; duban setting set cycle.due_day=20
    Setting(setting::SettingArgs),
    /// Clerks: who may write what; list, add, change role, remove (人员管理)
    Clerk(clerk::ClerkArgs),
    /// Departments: list, add, rename, alias, merge (单位管理)
    Dept(dept::DeptArgs),
    /// Verify the database without changing it: integrity, foreign keys, journal against
    /// current values, the kept status figures against a fresh count; exit 3 when it finds
    /// problems (检查数据库)
    Check(check::CheckArgs),
    /// Copy the database to FILE, safely while clerks are writing (备份)
    ///
    /// Example: duban backup /srv/duban/backup/duban-$(date +%F).db
    Backup(backup::BackupArgs),
    /// Put a backup in place of the database, after checking it; asks for --force (恢复)
    Restore(backup::RestoreArgs),
    /// Print the shell completion script for bash, zsh or fish (补全脚本)
    ///
    /// Example: duban completions bash > ~/.local/share/bash-completion/completions/duban
    Completions(shell::CompletionsArgs),
    /// Print the manual page duban.1, or write one page per command into a directory with -o
    /// (手册页)
    ///
    /// Example: duban man -o ~/.local/share/man/man1
    Man(shell::ManArgs),
}

/// How a command failed.
pub enum Failure {
    /// Something the user can fix: one line, exit 2.
    User(String),
    /// A bug or an unexpected system error: a full report, exit 1.
    Internal(color_eyre::Report),
    /// `duban check` found problems: its report on stdout, exit 3.
    Problems(String),
    /// `status --fail-on` found what it fails on: its output already printed, this line on
    /// standard error, exit 4.
    Flagged(String),
}

impl Failure {
    pub fn store(lang: Lang, e: StoreError) -> Failure {
        if e.is_user_error() {
            Failure::User(i18n::store_error(lang, &e))
        } else {
            Failure::Internal(color_eyre::Report::new(e))
        }
    }
}

pub type CmdResult = Result<(), Failure>;

/// What every command gets: language, colour, where the database is, and the clock.
pub struct Ctx {
    pub lang: Lang,
    pub color: bool,
    /// Colour allowed by the flags (`color` also needs stdout to be a terminal).
    color_flag: bool,
    db: Option<PathBuf>,
    /// The one clock (`DUBAN_TODAY` pins it): every "today" and "now" comes from here.
    pub clock: Clock,
}

impl Ctx {
    /// The database path: --db, else $DUBAN_DB, else the XDG data directory.
    pub fn db_path(&self) -> Result<PathBuf, Failure> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        if let Some(p) = std::env::var_os("DUBAN_DB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|p| !p.is_empty())
                    .map(|h| PathBuf::from(h).join(".local/share"))
            })
            .ok_or_else(|| Failure::User(i18n::msg(self.lang, Msg::NoHome)))?;
        Ok(data.join("duban").join("duban.db"))
    }

    pub fn open(&self) -> Result<Db, Failure> {
        let path = self.db_path()?;
        Db::open(&path).map_err(self.store_err_at(&path))
    }

    /// The database for a command that only reads it: the file is left byte for byte as it was
    /// (`Db::open_reader`).
    pub fn open_reader(&self) -> Result<Db, Failure> {
        let path = self.db_path()?;
        Db::open_reader(&path).map_err(self.store_err_at(&path))
    }

    /// Checks an output file (`-o FILE`, `backup FILE`) against the database at `db`: never the
    /// database or its side files, never a device or directory, never an existing file without
    /// `--force`.
    pub fn output(
        &self,
        path: &Path,
        db: &Path,
        force: bool,
    ) -> Result<crate::outfile::Target, Failure> {
        let target = crate::outfile::Target::check(path, db, force)
            .map_err(|r| Failure::User(i18n::msg(self.lang, Msg::OutputRefused(&r))))?;
        let removed = target.sweep_leftovers();
        if !removed.is_empty() {
            eprintln!("{}", i18n::msg(self.lang, Msg::LeftoversRemoved(&removed)));
        }
        Ok(target)
    }

    pub fn store_err(&self) -> impl Fn(StoreError) -> Failure + '_ {
        move |e| Failure::store(self.lang, e)
    }

    /// Like `store_err`, naming the file for errors that do not name it themselves (a damaged
    /// file, a busy one): with several databases around, "which file?" is the first question.
    pub fn store_err_at<'a>(&'a self, path: &'a Path) -> impl Fn(StoreError) -> Failure + 'a {
        move |e| match Failure::store(self.lang, e) {
            Failure::User(m) if !m.contains(&path.display().to_string()) => {
                Failure::User(format!("{}: {m}", path.display()))
            }
            other => other,
        }
    }

    /// Resolves `--dept` to a department id, or a message listing close or ambiguous matches.
    pub fn department(&self, db: &Db, query: &str) -> Result<i64, Failure> {
        if let Some(id) = db
            .department_named(query)
            .map_err(self.store_err_at(db.path()))?
        {
            return Ok(id);
        }
        let names = db
            .department_names()
            .map_err(self.store_err_at(db.path()))?;
        match resolve(query, &names) {
            Resolution::Found(id) => Ok(id),
            Resolution::Ambiguous(matches) => Err(Failure::User(i18n::msg(
                self.lang,
                Msg::AmbiguousDepartment {
                    query,
                    matches: &matches,
                },
            ))),
            Resolution::NotFound(close) => Err(Failure::User(i18n::msg(
                self.lang,
                Msg::UnknownDepartment {
                    query,
                    close: &close,
                },
            ))),
        }
    }

    /// Writes to stdout, control characters shown visibly (`report::text::visible`); a closed
    /// pipe (`duban status | head`) is not an error.
    pub fn out(&self, text: &str) -> CmdResult {
        let text = crate::report::text::visible(text);
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::Internal(color_eyre::Report::new(e)))
            }
            _ => Ok(()),
        }
    }

    /// Columns available for a table: the terminal's width on a terminal, else 80.
    pub fn width(&self) -> usize {
        if std::io::stdout().is_terminal()
            && let Ok((w, _)) = crossterm::terminal::size()
            && w >= 40
        {
            return usize::from(w);
        }
        80
    }
}

/// The day the lights are computed for, and the journal bound for `--as-of`: reports made up to
/// the end of that day (local time).
pub struct Day {
    pub today: NaiveDate,
    pub as_of: Option<DateTime<Utc>>,
}

pub fn parse_day(ctx: &Ctx, as_of: Option<&str>) -> Result<Day, Failure> {
    let lang = ctx.lang;
    let Some(text) = as_of else {
        return Ok(Day {
            today: ctx.clock.today(),
            as_of: None,
        });
    };
    let today = typed_day(lang, text)?;
    let next_midnight = (today + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    let bound = crate::clock::local_to_utc(next_midnight);
    Ok(Day {
        today,
        as_of: Some(bound),
    })
}

/// A day a user typed, or the one-line refusal that says why it cannot be read.
pub fn typed_day(lang: Lang, text: &str) -> Result<NaiveDate, Failure> {
    use crate::domain::day::{DayError, parse_day};
    parse_day(text).map_err(|e| {
        Failure::User(i18n::msg(
            lang,
            match e {
                DayError::Unreadable => Msg::BadDate(text),
                DayError::OutOfRange => Msg::DateOutOfRange(text),
            },
        ))
    })
}

/// True when colour may be used on stdout: a terminal, no NO_COLOR, no --no-color.
fn color_wanted(no_color_flag: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color_flag && !no_color_env && std::io::stdout().is_terminal()
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let _ = color_eyre::install();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = help::lang_before_parse(&args);
    let cli = match help::parse(asked, args.clone()) {
        Ok(cli) => cli,
        Err(stop) => return help::stopped(asked, &args, stop),
    };
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let clock = match Clock::from_env() {
        Ok(clock) => clock,
        Err(BadClock(text)) => {
            eprintln!("duban: {}", i18n::msg(lang, Msg::BadClock(&text)));
            return ExitCode::from(2);
        }
    };
    let ctx = Ctx {
        lang,
        color: color_wanted(cli.no_color),
        color_flag: !cli.no_color,
        db: cli.db,
        clock,
    };
    if cli.as_of.is_some() && cli.command.is_some() {
        eprintln!("duban: {}", i18n::msg(lang, Msg::AsOfBeforeCommand));
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Some(Command::Status(args)) => status::run(&ctx, args),
        Some(Command::Tasks(args)) => tasks::run(&ctx, args),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
        Some(Command::Gen(args)) => generate::run(&ctx, args),
        Some(Command::Init(args)) => init::run(&ctx, args),
        Some(Command::Import(args)) => import::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Update(args)) => update::run(&ctx, args),
        Some(Command::Close(args)) => close::run(&ctx, args),
        Some(Command::Extend(args)) => extend::run(&ctx, args),
        Some(Command::Notice(args)) => notice::run(&ctx, args),
        Some(Command::Attach(args)) => attach::run(&ctx, args),
        Some(Command::Project(args)) => project::run(&ctx, args),
        Some(Command::Invest(args)) => invest::run(&ctx, args),
        Some(Command::Milestone(args)) => milestone::run(&ctx, args),
        Some(Command::Log(args)) => log::run(&ctx, args),
        Some(Command::Audit(args)) => audit::run(&ctx, args),
        Some(Command::Report(args)) => report::run(&ctx, args),
        Some(Command::Cycle(args)) => cycle::run_cycle(&ctx, args),
        Some(Command::Setting(args)) => setting::run(&ctx, args),
        Some(Command::Indicators(args)) => indicators::run(&ctx, args),
        Some(Command::Remind(args)) => cycle::run_remind(&ctx, args),
        Some(Command::Clerk(args)) => clerk::run(&ctx, args),
        Some(Command::Dept(args)) => dept::run(&ctx, args),
        Some(Command::Check(args)) => check::run(&ctx, args),
        Some(Command::Backup(args)) => backup::backup(&ctx, args),
        Some(Command::Restore(args)) => backup::restore(&ctx, args),
        Some(Command::Completions(args)) => shell::completions(&ctx, args),
        Some(Command::Man(args)) => shell::man(&ctx, args),
        None => open_ui(&ctx, None, cli.as_of.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::User(message)) => {
            eprintln!("duban: {}", crate::report::text::visible(&message));
            ExitCode::from(2)
        }
        Err(Failure::Internal(report)) => match no_room(&report) {
            // `duban tasks > file` on a full disk: the user's to fix, and nothing was lost.
            Some(e) => {
                let reason = e.to_string();
                eprintln!(
                    "duban: {}",
                    i18n::sheet::msg(
                        ctx.lang,
                        i18n::sheet::SheetMsg::CannotWrite {
                            path: crate::i18n::standard_output(ctx.lang),
                            reason: &reason,
                        }
                    )
                );
                ExitCode::from(2)
            }
            None => {
                eprintln!("{report:?}");
                ExitCode::from(1)
            }
        },
        Err(Failure::Problems(report)) => {
            print!("{}", crate::report::text::visible(&report));
            ExitCode::from(3)
        }
        Err(Failure::Flagged(message)) => {
            eprintln!("duban: {}", crate::report::text::visible(&message));
            ExitCode::from(4)
        }
    }
}

/// A failure that is only the output having no room (a full disk or quota, a file too big, a
/// read-only file system), wherever it was wrapped: the user's environment, not a fault of duban.
fn no_room(report: &color_eyre::Report) -> Option<&std::io::Error> {
    use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    report
        .chain()
        .find_map(|e| {
            e.downcast_ref::<std::io::Error>()
                .or_else(
                    || match e.downcast_ref::<crate::report::export::ExportError>() {
                        Some(crate::report::export::ExportError::Io(io)) => Some(io),
                        _ => None,
                    },
                )
                .or_else(|| match e.downcast_ref::<StoreError>() {
                    Some(StoreError::Io(io)) => Some(io),
                    _ => None,
                })
        })
        .filter(|io| {
            matches!(
                io.kind(),
                StorageFull | QuotaExceeded | FileTooLarge | ReadOnlyFilesystem
            )
        })
}

/// Opens the terminal UI on a database. Errors opening the file print before the terminal is
/// switched; without a terminal (a pipe, cron) it prints the status table instead.
fn open_ui(ctx: &Ctx, path: Option<&Path>, as_of: Option<&str>) -> CmdResult {
    let day = parse_day(ctx, as_of)?;
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => ctx.db_path()?,
    };
    // A file this login may not write (its permissions, a read-only share) opens for reading:
    // the lists, the circular and the history work, and every key that would write says why.
    let (mut db, read_only) = match crate::store::check_writable(&path) {
        Ok(()) => (Db::open(&path).map_err(ctx.store_err_at(&path))?, None),
        Err(why) => {
            let text = i18n::store_error(ctx.lang, &why);
            match Db::open_reader(&path) {
                Ok(db) => (db, Some(text)),
                // Side files this login may not write keep even a reader out: say whose they
                // are and what to run, not SQLite's "cannot open".
                Err(_) if matches!(why, StoreError::SideFilesNotWritable(_)) => {
                    return Err(ctx.store_err_at(&path)(why));
                }
                Err(e) => return Err(ctx.store_err_at(&path)(e)),
            }
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("{}", i18n::msg(ctx.lang, Msg::NotATerminal));
        let args = status::StatusArgs {
            as_of: as_of.map(str::to_string),
            ..Default::default()
        };
        return status::print(ctx, &db, &args);
    }
    let user = crate::identity::os_login();
    let clerk = db.clerk(&user).map_err(ctx.store_err_at(db.path()))?;
    let removed = db
        .clerk_removal(&user)
        .map_err(ctx.store_err_at(db.path()))?;
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let session = crate::tui::state::Session {
        lang: ctx.lang,
        color: ctx.color_flag && !no_color_env,
        today: day.today,
        as_of: day.as_of,
        role: clerk.as_ref().map(|c| c.role),
        department: clerk.as_ref().and_then(|c| c.department_id),
        user,
        utc_offset: ctx.clock.utc_offset(),
        clock: ctx.clock,
        db_name: db
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        read_only,
        removed,
        // Where this login's view of the file is remembered (plan, department): not the file.
        remember: crate::tui::prefs::PrefsFile::for_db(
            db.path(),
            std::env::var("XDG_STATE_HOME").ok().as_deref(),
            std::env::var("HOME").ok().as_deref(),
        ),
    };
    crate::tui::run(&mut db, session).map_err(Failure::Internal)
}
