//! Every user-facing string, in Chinese and English. The language comes from `--lang`, else the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): zh for a `zh*` locale, en otherwise.

pub mod admin;
pub mod attachment;
pub mod batch;
pub mod circular_doc;
pub mod cli_error;
pub mod closing;
pub mod csv;
pub mod extension;
pub mod figure;
pub mod help;
pub mod investment;
pub mod maintenance;
pub mod mouse;
pub mod notice;
pub mod notice_tui;
pub mod plan_scope;
pub mod preview;
pub mod project;
pub mod project_cli;
pub mod project_tui;
pub mod report;
pub mod sheet;
pub mod text;
pub mod trend;
pub mod tui;
pub mod wall;

use crate::domain::{Light, PercentError, Reason, Role};
use crate::store::{EditRefusal, StoreError, TaskRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "cn" {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// From the locale variables, in POSIX precedence order; unset or unknown is English.
    pub fn from_env() -> Lang {
        Lang::from_vars(|k| std::env::var(k).ok())
    }

    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(key).filter(|v| !v.is_empty()) {
                return Lang::parse(&v).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }

    pub fn zh(self) -> bool {
        self == Lang::Zh
    }
}

/// Picks the string for the language.
fn pick(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    if lang.zh() { zh.into() } else { en.into() }
}

/// An English count with its noun, singular for one: "1 row", "2 rows".
pub(crate) fn en_n(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `en_n` for a `usize`.
pub(crate) fn en_u(n: usize, one: &str, many: &str) -> String {
    en_n(i64::try_from(n).unwrap_or(i64::MAX), one, many)
}

pub fn role(lang: Lang, role: Role) -> &'static str {
    match (lang, role) {
        (Lang::Zh, Role::Lead) => "牵头",
        (Lang::Zh, Role::Co) => "配合",
        (Lang::En, Role::Lead) => "lead",
        (Lang::En, Role::Co) => "co",
    }
}

pub fn light(lang: Lang, light: Light) -> &'static str {
    match (lang, light) {
        (Lang::Zh, Light::Done) => "完成",
        (Lang::Zh, Light::Green) => "正常",
        (Lang::Zh, Light::Notice) => "临期",
        (Lang::Zh, Light::Yellow) => "预警",
        (Lang::Zh, Light::Red) => "滞后",
        (Lang::En, l) => match l {
            Light::Done => "done",
            Light::Green => "on track",
            Light::Notice => "due soon",
            Light::Yellow => "at risk",
            Light::Red => "behind",
        },
    }
}

/// Why a light is what it is: "逾期12天", "落后序时18个百分点".
pub fn reason(lang: Lang, reason: Reason) -> String {
    // Said once a task in the lists: only the language asked for is formatted.
    let zh = lang.zh();
    match reason {
        Reason::Complete => pick(lang, "已完成", "done"),
        Reason::Overdue { days } if zh => format!("逾期{days}天"),
        Reason::Overdue { days } => format!("{} overdue", en_n(days, "day", "days")),
        Reason::Behind { points } if zh => format!("落后序时{points}个百分点"),
        Reason::Behind { points } => {
            format!("{} behind schedule", en_n(points, "point", "points"))
        }
        Reason::DueSoon { days: 0 } => pick(lang, "今天到期", "due today"),
        Reason::DueSoon { days } if zh => format!("{days}天后到期"),
        Reason::DueSoon { days } => format!("due in {}", en_n(days, "day", "days")),
        Reason::NotStarted => pick(lang, "尚未开始", "not started yet"),
        Reason::OnSchedule => pick(lang, "按序时推进", "on schedule"),
        Reason::MilestoneLate { days, name } if zh => {
            format!("节点'{}'逾期{days}天", name.as_str())
        }
        Reason::MilestoneLate { days, name } => format!(
            "milestone '{}' {} late",
            name.as_str(),
            en_n(days, "day", "days")
        ),
    }
}

/// Standard output, as a message about writing names it.
pub fn standard_output(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "标准输出",
        Lang::En => "standard output",
    }
}

pub fn unassigned(lang: Lang) -> &'static str {
    if lang.zh() { "未分配" } else { "unassigned" }
}

/// One line for a database problem a user can act on.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Missing(p) => pick(
            lang,
            format!(
                "找不到数据库文件 {0}。新建一个:duban init {0};或先试试示例数据:duban demo",
                p.display()
            ),
            format!(
                "no database at {0}. Create one with `duban init {0}`, or try the demo: `duban demo`",
                p.display()
            ),
        ),
        StoreError::AlreadyExists(p) => pick(
            lang,
            format!("{} 已存在,没有改动它(要替换请加 --force)", p.display()),
            format!(
                "{} already exists; left it as it is (use --force to replace it)",
                p.display()
            ),
        ),
        StoreError::InUse(p) => pick(
            lang,
            format!(
                "{} 正在被其他 duban 会话使用(旁边有 -wal/-shm 文件);请先让大家退出,再替换它",
                p.display()
            ),
            format!(
                "{} is in use by another duban session (its -wal/-shm file is beside it); have everyone quit before replacing it",
                p.display()
            ),
        ),
        StoreError::IsDirectory(p) => pick(
            lang,
            format!("{} 是一个目录,不是数据库文件", p.display()),
            format!("{} is a directory, not a database file", p.display()),
        ),
        StoreError::NotAFile(p) => pick(
            lang,
            format!(
                "{} 不是普通文件(管道、设备或套接字),不是数据库文件",
                p.display()
            ),
            format!(
                "{} is not a regular file (a FIFO, a device or a socket), not a database file",
                p.display()
            ),
        ),
        StoreError::Unreadable { path, reason } => pick(
            lang,
            format!("无法打开 {}:{reason}", path.display()),
            format!("cannot open {}: {reason}", path.display()),
        ),
        StoreError::Empty(p) => pick(
            lang,
            format!("{} 是空文件,不是督办数据库;文件未改动", p.display()),
            format!(
                "{} is an empty file, not a duban database; left untouched",
                p.display()
            ),
        ),
        StoreError::NotSqlite(p) => pick(
            lang,
            format!(
                "{} 不是督办数据库(不是 SQLite 文件);文件未改动",
                p.display()
            ),
            format!(
                "{} is not a duban database (not an SQLite file); left untouched",
                p.display()
            ),
        ),
        StoreError::NotDuban(p) => pick(
            lang,
            format!(
                "{} 是其他程序的 SQLite 数据库,不是督办数据库;文件未改动",
                p.display()
            ),
            format!(
                "{} is another program's SQLite database, not duban's; left untouched",
                p.display()
            ),
        ),
        StoreError::TooNew {
            path,
            found,
            supported,
        } => pick(
            lang,
            format!(
                "{} 由更新版本的 duban 写入(数据结构版本 {found},本程序支持到 {supported});请升级 duban。文件未改动",
                path.display()
            ),
            format!(
                "{} was written by a newer duban (schema {found}; this one knows up to {supported}); please upgrade. Left untouched",
                path.display()
            ),
        ),
        StoreError::Corrupt(detail) => pick(
            lang,
            format!("数据库文件已损坏({detail});请用备份恢复"),
            format!("the database file is damaged ({detail}); restore it from a backup"),
        ),
        StoreError::ReadOnly => pick(
            lang,
            "数据库文件只读:你没有写入权限",
            "the database file is read-only: you have no write permission",
        ),
        StoreError::Busy => pick(
            lang,
            "数据库正被其他人长时间占用,请稍后再试",
            "the database is busy (another clerk's long write); try again in a moment",
        ),
        StoreError::DiskFull => pick(
            lang,
            "磁盘已满;记录没有任何改动,也没有丢失。请腾出空间后重试",
            "the disk is full; nothing in the record was changed or lost. Free some space and try again",
        ),
        StoreError::FileNotWritable(p) => pick(
            lang,
            format!(
                "你没有写入 {} 的权限(文件权限只允许读取),只能查看;请管理员把你加入该文件的用户组",
                p.display()
            ),
            format!(
                "you may not write {}: its permissions allow reading only. Ask the admin to add you to the file's group",
                p.display()
            ),
        ),
        StoreError::DirectoryNotWritable(p) => pick(
            lang,
            format!(
                "目录 {} 不允许你新建文件,数据库的 -wal/-shm 附属文件无法创建;请管理员给该目录组写权限",
                p.display()
            ),
            format!(
                "the directory {} does not let you create files, so the database's -wal/-shm side files cannot be made; ask the admin to give the group write permission on it",
                p.display()
            ),
        ),
        StoreError::SideFilesNotWritable(s) => {
            side_files_not_writable(lang, &s.files, &s.group, &s.dir, s.dir_setgid)
        }
        StoreError::ReadOnlyFilesystem(p) => pick(
            lang,
            format!("{} 位于只读文件系统上,只能查看,不能写入", p.display()),
            format!(
                "{} is on a read-only file system: it can be viewed, not written",
                p.display()
            ),
        ),
        StoreError::DeviceIo(d) => pick(
            lang,
            format!("读写数据库文件时出错(磁盘已满、网络盘断开或设备故障):{d};未保存任何内容"),
            format!(
                "could not read or write the database file (a full disk, a lost network share, a failing device): {d}; nothing was saved"
            ),
        ),
        StoreError::CannotOpen(d) => pick(
            lang,
            format!(
                "无法打开数据库文件({d}):文件所在的目录或文件系统可能是只读的,或你没有在该目录创建 -wal/-shm 附属文件的权限"
            ),
            format!(
                "cannot open the database file ({d}): its directory or filesystem may be read-only, or you may not create its -wal/-shm side files there"
            ),
        ),
        StoreError::Conflict(c) => pick(
            lang,
            format!(
                "{} 已在 {} 把进度改为 {}%,你的修改未保存",
                c.current.updated_by.as_deref().unwrap_or("他人"),
                c.current.updated_at.as_deref().unwrap_or("刚才"),
                c.current.percent.value()
            ),
            format!(
                "{} changed it to {}% at {}; your change was not saved",
                c.current.updated_by.as_deref().unwrap_or("someone else"),
                c.current.percent.value(),
                c.current.updated_at.as_deref().unwrap_or("just now")
            ),
        ),
        StoreError::Forbidden { user, why } => denied(lang, user, *why),
        StoreError::UndoOverwritten { by } => pick(
            lang,
            format!("无法撤销:{by} 之后又报送了这项任务"),
            format!("cannot undo: {by} has reported on it since"),
        ),
        StoreError::NothingToUndo => pick(lang, "没有可撤销的报送", "nothing of yours to undo"),
        StoreError::TaskConflict(t) => pick(
            lang,
            format!(
                "{} 已在 {} 修改了这项任务,你的修改未保存;请看当前内容后重新提交",
                t.updated_by.as_deref().unwrap_or("他人"),
                t.updated_at
            ),
            format!(
                "{} changed this task at {}; your edit was not saved. Check the current text and save again",
                t.updated_by.as_deref().unwrap_or("someone else"),
                t.updated_at
            ),
        ),
        StoreError::FigureConflict(a) => pick(
            lang,
            format!(
                "{} 已在 {} 报送了 {} 的数值 {},你的数值未保存;请看过后再报",
                a.reported_by,
                a.reported_at,
                a.period,
                crate::report::circular_text::trim_number(a.value)
            ),
            format!(
                "{} reported {} for {} at {}; yours was not saved. Look at it, then report again",
                a.reported_by,
                crate::report::circular_text::trim_number(a.value),
                a.period,
                a.reported_at
            ),
        ),
        StoreError::Edit(why) => edit_refusal(lang, why),
        StoreError::Closing(why) => closing::refusal(lang, why),
        StoreError::Extension(why) => extension::refusal(lang, why),
        StoreError::Notice(why) => notice::refusal(lang, why),
        StoreError::Attachment(why) => attachment::refusal(lang, why),
        StoreError::Project(why) => project::refusal(lang, *why),
        StoreError::NotFound(what) => {
            pick(lang, format!("找不到:{what}"), format!("not found: {what}"))
        }
        StoreError::Refused(why) => pick(
            lang,
            format!("数据不合规,已拒绝:{why}"),
            format!("refused: {why}"),
        ),
        StoreError::Sqlite(e) => format!("sqlite: {e}"),
        StoreError::Io(e) => format!("i/o: {e}"),
    }
}

/// The -wal/-shm beside the file belong to a login of another group: which, whose, and the
/// commands that let every clerk's group write them (and the directory's setgid bit, so that
/// side files made later take its group).
fn side_files_not_writable(
    lang: Lang,
    files: &[crate::store::SideFile],
    group: &str,
    dir: &std::path::Path,
    dir_setgid: bool,
) -> String {
    let zh_list: Vec<String> = files
        .iter()
        .map(|s| format!("{}(属 {}:{})", s.path.display(), s.owner, s.group))
        .collect();
    let en_list: Vec<String> = files
        .iter()
        .map(|s| format!("{} (owned by {}:{})", s.path.display(), s.owner, s.group))
        .collect();
    let paths: Vec<String> = files.iter().map(|s| s.path.display().to_string()).collect();
    let paths = paths.join(" ");
    let group = if group.is_empty() { "<组>" } else { group };
    let fix = format!("chgrp {group} {paths} && chmod g+rw {paths}");
    let (setgid_zh, setgid_en) = if dir_setgid {
        (String::new(), String::new())
    } else {
        (
            format!(
                ";并执行 chmod g+s {},让以后新建的附属文件沿用目录的组",
                dir.display()
            ),
            format!(
                ", and chmod g+s {} so that side files made later take the directory's group",
                dir.display()
            ),
        )
    };
    pick(
        lang,
        format!(
            "无法写入数据库的附属文件 {}:它们是另一个组的用户先打开时建的,你的账号不能写。请管理员执行 {fix}{setgid_zh}",
            zh_list.join("、")
        ),
        format!(
            "cannot write the database's side files {}: a login of another group made them first and yours may not write them. Ask the admin to run {fix}{setgid_en}",
            en_list.join(", ")
        ),
    )
}

/// Why `user` may not make a write, in words a clerk can act on.
pub fn denied(lang: Lang, user: &str, why: crate::domain::Denied) -> String {
    use crate::domain::Denied;
    match why {
        Denied::NotAClerk => pick(
            lang,
            format!("{user} 不是本数据库的填报人员,只能查看;请管理员添加"),
            format!(
                "{user} is not a clerk of this database and may only read; ask an admin to add you"
            ),
        ),
        Denied::Viewer => pick(
            lang,
            format!("{user} 是查看人员,只能查看"),
            format!("{user} is a viewer and may only read"),
        ),
        Denied::OtherDepartment => pick(
            lang,
            format!("{user} 只能填报本单位的任务"),
            format!("{user} may report only on their own department's tasks"),
        ),
        Denied::NotAdmin => pick(
            lang,
            format!("只有管理员可以办理这一步({user} 不是管理员)"),
            format!("only an admin may take this step ({user} is not one)"),
        ),
    }
}

/// Why an admin's edit was refused, in words that name what to change.
pub fn edit_refusal(lang: Lang, why: &EditRefusal) -> String {
    match why {
        EditRefusal::EmptyTitle => pick(lang, "任务名称不能为空", "a task needs a title"),
        EditRefusal::BadWeight(w) => pick(
            lang,
            format!("权重必须是大于 0 的数(现在是 {w})"),
            format!("the weight must be a number above 0 (it is {w})"),
        ),
        EditRefusal::SectionNotInPlan { .. } => pick(
            lang,
            "所选章节不属于这个计划",
            "that section belongs to another plan",
        ),
        EditRefusal::OtherPlan { .. } => pick(
            lang,
            "任务不能移到另一个计划;请在那个计划里新建",
            "a task cannot move to another plan; create it there instead",
        ),
        EditRefusal::DeadlineBeforeStart {
            deadline,
            starts_on,
        } => pick(
            lang,
            format!("完成时限 {deadline} 早于开始日期 {starts_on}"),
            format!("the deadline {deadline} is before the start {starts_on}"),
        ),
        EditRefusal::DuplicateUnit { department } => pick(
            lang,
            format!("责任单位「{department}」重复"),
            format!("{department} is listed twice"),
        ),
        EditRefusal::UnitHasHistory {
            department,
            entries,
        } => pick(
            lang,
            format!("「{department}」已报送过 {entries} 次进度,不能移除(报送记录永不删除)"),
            format!(
                "{department} has reported {entries} times and cannot be removed (reports are never deleted)"
            ),
        ),
        EditRefusal::TaskHasHistory { entries } => pick(
            lang,
            format!("这项任务已有 {entries} 条进度报送;确认后才能删除(报送记录仍会保留)"),
            format!(
                "this task has {entries} progress reports; confirm to delete it (the reports are kept)"
            ),
        ),
        EditRefusal::EmptyName => pick(lang, "名称不能为空", "the name cannot be empty"),
        EditRefusal::NameTaken { name, owner } => pick(
            lang,
            format!("「{name}」已是「{owner}」的名称或别名"),
            format!("“{name}” is already the name or an alias of {owner}"),
        ),
        EditRefusal::WeightsTotal { weights, total } => {
            report::weights_total(lang, weights, *total)
        }
        EditRefusal::SameDepartment => pick(
            lang,
            "不能把单位合并到它自己",
            "cannot merge a department into itself",
        ),
        EditRefusal::IndicatorClash { names } => pick(
            lang,
            format!(
                "两个单位在同一计划中都有指标「{}」,无法合并",
                names.join("」「")
            ),
            format!(
                "both departments have the indicators {} in one plan; cannot merge",
                names.join(", ")
            ),
        ),
        EditRefusal::BadUsername(u) => pick(
            lang,
            format!("「{u}」不是有效的登录名(不能为空或含空格)"),
            format!("“{u}” is not a login name (empty, or has spaces)"),
        ),
        EditRefusal::ClerkExists(u) => pick(
            lang,
            format!("{u} 已是本数据库的人员"),
            format!("{u} is already a clerk of this database"),
        ),
        EditRefusal::EditorWithoutDepartment => pick(
            lang,
            "填报人员必须属于一个单位",
            "an editor must belong to a department",
        ),
        EditRefusal::LastAdmin(u) => pick(
            lang,
            format!("{u} 是唯一的管理员,不能移除或降级;请先添加另一位管理员"),
            format!(
                "{u} is the only admin and cannot be removed or demoted; add another admin first"
            ),
        ),
        EditRefusal::BadText { field, problem } => text::refusal(lang, *field, *problem),
    }
}

/// Messages of the command line.
pub enum Msg<'a> {
    BadDate(&'a str),
    /// A real day outside the years the record holds (`domain::day`).
    DateOutOfRange(&'a str),
    /// `DUBAN_TODAY` is set to something that is not a date.
    BadClock(&'a str),
    /// An output path that would destroy something (`-o`, `backup FILE`).
    OutputRefused(&'a crate::outfile::Refusal),
    /// Temporary files of interrupted earlier runs, removed beside an output.
    LeftoversRemoved(&'a [std::path::PathBuf]),
    UnknownDepartment {
        query: &'a str,
        close: &'a [String],
    },
    AmbiguousDepartment {
        query: &'a str,
        matches: &'a [String],
    },
    NoHome,
    Created {
        path: &'a str,
        user: &'a str,
    },
    DemoCreated {
        path: &'a str,
        tasks: u64,
        departments: usize,
        user: &'a str,
    },
    Generated {
        path: &'a str,
        tasks: u64,
        seconds: f64,
    },
    GenProgress {
        done: u64,
        total: u64,
    },
    NotATerminal,
    DemoReopened(&'a str),
    AsOfBeforeCommand,
    NotAFile(&'a str),
    ImportUnreadable {
        path: &'a str,
        reason: &'a str,
    },
    ImportEmpty(&'a str),
    ImportBinary(&'a str),
    ImportTooLarge {
        path: &'a str,
        mb: u64,
        limit_mb: u64,
    },
    ImportNoTasks(&'a str),
    ImportReading(&'a str),
    ImportSaved {
        title: &'a str,
        tasks: usize,
        sections: usize,
        indicators: usize,
        new_units: usize,
        existing_units: usize,
        doubts: usize,
    },
    ImportNoDatabase(&'a str),
    /// A `--map`ped name kept as an alias.
    ImportAliasAdded {
        alias: &'a str,
        dept: &'a str,
    },
    /// `--task` with nothing in it.
    TaskSpecEmpty,
    /// `--task #…` that is not an id.
    BadTaskId(&'a str),
    UnknownTask {
        query: &'a str,
        /// Tasks whose number ends with the query (`(二)3` for `3`).
        similar: &'a [TaskRef],
    },
    UnknownTaskId(i64),
    AmbiguousTask {
        query: &'a str,
        candidates: &'a [TaskRef],
    },
    NotAUnit {
        number: &'a str,
        title: &'a str,
        department: &'a str,
        units: &'a [String],
    },
    TaskHasNoUnits {
        number: &'a str,
        title: &'a str,
    },
    BadPercent {
        input: &'a str,
        current: u8,
        error: &'a PercentError,
    },
    NoteUnreadable(&'a str),
    /// `update --note -` and standard input holds more than the cap.
    NoteTooLong {
        kib: u64,
    },
    /// `update --expect N` and the percent is not N.
    UpdateConflict {
        number: &'a str,
        title: &'a str,
        department: &'a str,
        by: &'a str,
        when: &'a str,
        percent: u8,
        expected: u8,
    },
    Updated {
        number: &'a str,
        title: &'a str,
        department: &'a str,
        old: u8,
        new: u8,
    },
    LogEmpty,
    BadLimit(&'a str),
}

pub fn msg(lang: Lang, m: Msg<'_>) -> String {
    match m {
        Msg::DateOutOfRange(s) => pick(
            lang,
            format!(
                "日期 {s:?} 超出范围:请写 {}-01-01 至 {}-12-31 之间的日期",
                crate::domain::day::FIRST_YEAR,
                crate::domain::day::LAST_YEAR
            ),
            format!(
                "the date {s:?} is out of range; write a day from {}-01-01 to {}-12-31",
                crate::domain::day::FIRST_YEAR,
                crate::domain::day::LAST_YEAR
            ),
        ),
        Msg::BadDate(s) => pick(
            lang,
            format!("日期 {s:?} 无法识别,请写成 2024-06-30"),
            format!("cannot read the date {s:?}; write it as 2024-06-30"),
        ),
        Msg::UnknownDepartment { query, close: [] } => pick(
            lang,
            format!("没有名为 {query:?} 的单位;用 duban dept list 查看全部单位"),
            format!("no department called {query:?}; `duban dept list` lists them all"),
        ),
        Msg::UnknownDepartment { query, close } => pick(
            lang,
            format!("没有名为 {query:?} 的单位。是否要找:{}", close.join("、")),
            format!(
                "no department called {query:?}. Did you mean: {}",
                close.join(", ")
            ),
        ),
        Msg::AmbiguousDepartment { query, matches } => pick(
            lang,
            format!("{query:?} 对应多个单位:{};请写全名", matches.join("、")),
            format!(
                "{query:?} matches several departments: {}; give the full name",
                matches.join(", ")
            ),
        ),
        Msg::BadClock(s) => pick(
            lang,
            format!(
                "环境变量 DUBAN_TODAY={s:?} 无法识别:请写成 2026-11-23 或 2026-11-23T17:30,或删除该变量以使用系统时钟"
            ),
            format!(
                "cannot read DUBAN_TODAY={s:?}: write it as 2026-11-23 or 2026-11-23T17:30, or unset it to use the system clock"
            ),
        ),
        Msg::LeftoversRemoved(paths) => {
            let list: Vec<String> = paths
                .iter()
                .map(|p| crate::outfile::shown(p).to_string())
                .collect();
            pick(
                lang,
                format!(
                    "已删除此前中断的写入留下的 {} 个临时文件:{}",
                    paths.len(),
                    list.join("、")
                ),
                format!(
                    "removed {} temporary files left by an interrupted earlier run: {}",
                    paths.len(),
                    list.join(", ")
                ),
            )
        }
        Msg::OutputRefused(refusal) => {
            use crate::outfile::{Refusal, shown};
            let p = shown(refusal.path());
            match refusal {
                Refusal::Database(_) => pick(
                    lang,
                    format!(
                        "拒绝写入 {p}:这是数据库文件本身(或其 -wal/-shm/-journal 文件);请换一个文件名"
                    ),
                    format!(
                        "refusing to write {p}: it is the database itself (or its -wal/-shm/-journal file); choose another name"
                    ),
                ),
                Refusal::NotRegular(_) => pick(
                    lang,
                    format!(
                        "拒绝写入 {p}:它不是普通文件(目录、设备或管道);请指定文件名,或用 -o - 写到标准输出"
                    ),
                    format!(
                        "refusing to write {p}: not a regular file (a directory, device or pipe); name a file, or use -o - for standard output"
                    ),
                ),
                Refusal::Exists(_) => pick(
                    lang,
                    format!("{p} 已存在;要替换它请加 --force"),
                    format!("{p} already exists; add --force to replace it"),
                ),
                Refusal::NoDirectory(_) => pick(
                    lang,
                    format!("目录 {p} 不存在;请先创建它,或换一个位置"),
                    format!(
                        "the directory {p} does not exist; create it first, or write elsewhere"
                    ),
                ),
            }
        }
        Msg::NoHome => pick(
            lang,
            "无法确定默认数据库位置(没有 HOME);请用 --db 指定文件",
            "cannot tell where the default database is (no HOME); give one with --db",
        ),
        Msg::Created { path, user } => pick(
            lang,
            format!("已创建空数据库 {path};{user} 为管理员"),
            format!("created an empty database at {path}; {user} is its admin"),
        ),
        Msg::DemoCreated {
            path,
            tasks,
            departments,
            user,
        } => pick(
            lang,
            format!(
                "已生成示例数据库 {path}:{tasks} 项任务,{departments} 个责任单位;{user} 为管理员"
            ),
            format!(
                "created the demo database {path}: {tasks} tasks, {departments} departments; {user} is its admin"
            ),
        ),
        Msg::Generated {
            path,
            tasks,
            seconds,
        } => pick(
            lang,
            format!("已生成 {path}:{tasks} 项任务,用时 {seconds:.1} 秒"),
            format!("generated {path}: {tasks} tasks in {seconds:.1} s"),
        ),
        Msg::GenProgress { done, total } => pick(
            lang,
            format!("正在生成… {done}/{total} 项任务"),
            format!("generating… {done}/{total} tasks"),
        ),
        Msg::AsOfBeforeCommand => pick(
            lang,
            "命令前的 --as-of 只用于界面;请把它写在命令之后,例如 duban status --as-of 2024-06-30",
            "--as-of before a command is for the UI; put it after the command, e.g. duban status --as-of 2024-06-30",
        ),
        Msg::DemoReopened(path) => pick(
            lang,
            format!("打开已有的示例数据库 {path}(用 --force 重新生成)"),
            format!("opening the existing demo database {path} (--force makes a new one)"),
        ),
        Msg::NotATerminal => pick(
            lang,
            "(不是终端,无法打开界面;以下为进度概况)",
            "(not a terminal, so no UI; here is the status table)",
        ),
        Msg::NotAFile(p) => pick(
            lang,
            format!("{p} 不是普通文件,拒绝替换"),
            format!("{p} is not a regular file; refusing to replace it"),
        ),
        Msg::ImportUnreadable { path, reason } => pick(
            lang,
            format!("无法读取 {path}:{reason}"),
            format!("cannot read {path}: {reason}"),
        ),
        Msg::ImportEmpty(p) => pick(
            lang,
            format!("{p} 是空文件,没有可导入的内容"),
            format!("{p} is empty; nothing to import"),
        ),
        Msg::ImportBinary(p) => pick(
            lang,
            format!(
                "{p} 不是文本文件(二进制或无法识别的编码);请先把计划另存为纯文本(UTF-8 或 GB18030)"
            ),
            format!(
                "{p} is not a text file (binary, or an unknown encoding); save the plan as plain text (UTF-8 or GB18030) first"
            ),
        ),
        Msg::ImportTooLarge { path, mb, limit_mb } => pick(
            lang,
            format!("{path} 太大({mb} MB,上限 {limit_mb} MB),不像一份计划文本"),
            format!(
                "{path} is too large ({mb} MB, the limit is {limit_mb} MB) to be a plan's text"
            ),
        ),
        Msg::ImportNoTasks(p) => pick(
            lang,
            format!("{p} 中没有找到编号的任务(如 “1.” “(一)”)或指标表,未导入"),
            format!(
                "no numbered tasks (\"1.\", \"(一)\") or indicator tables found in {p}; nothing imported"
            ),
        ),
        Msg::ImportReading(p) => pick(lang, format!("正在读取 {p} …"), format!("reading {p} …")),
        Msg::ImportSaved {
            title,
            tasks,
            sections,
            indicators,
            new_units,
            existing_units,
            doubts,
        } => pick(
            lang,
            format!(
                "已导入《{title}》:任务 {tasks} 项,部分 {sections} 个,指标 {indicators} 个;责任单位新建 {new_units} 个、沿用 {existing_units} 个;存疑 {doubts} 处"
            ),
            format!(
                "imported \"{title}\": {}, {}, {}; units: {new_units} new, {existing_units} existing; {} to check",
                en_u(tasks, "task", "tasks"),
                en_u(sections, "section", "sections"),
                en_u(indicators, "indicator", "indicators"),
                en_u(doubts, "line", "lines"),
            ),
        ),
        Msg::ImportNoDatabase(p) => pick(
            lang,
            format!("(数据库 {p} 不存在:按空库预览,所有单位都算新单位)"),
            format!("(no database at {p}: previewing against an empty one, every unit is new)"),
        ),
        Msg::ImportAliasAdded { alias, dept } => pick(
            lang,
            format!("「{alias}」已记为「{dept}」的别名"),
            format!("\"{alias}\" is now an alias of \"{dept}\""),
        ),
        Msg::TaskSpecEmpty => pick(
            lang,
            "--task 为空:请写任务编号(如 3、(二)3)或 #id(如 #17)",
            "--task is empty: give the task's number (3, (二)3) or its id (#17)",
        ),
        Msg::BadTaskId(s) => pick(
            lang,
            format!("{s:?} 不是任务 id:# 后应为数字,如 #17"),
            format!("{s:?} is not a task id: # is followed by a number, as in #17"),
        ),
        Msg::UnknownTask { query, similar: [] } => pick(
            lang,
            format!("没有编号为 {query:?} 的任务;用 duban tasks 查看任务编号"),
            format!("no task numbered {query:?}; `duban tasks` lists the numbers"),
        ),
        Msg::UnknownTask { query, similar } => pick(
            lang,
            format!(
                "没有编号为 {query:?} 的任务。是否要找:{}",
                task_list(lang, similar)
            ),
            format!(
                "no task numbered {query:?}. Did you mean: {}",
                task_list(lang, similar)
            ),
        ),
        Msg::UnknownTaskId(id) => pick(
            lang,
            format!("没有 id 为 #{id} 的任务;用 duban tasks --json 查看任务 id"),
            format!("no task with id #{id}; `duban tasks --json` lists the ids"),
        ),
        Msg::AmbiguousTask { query, candidates } => {
            let example = candidates.first().map_or(0, |t| t.id);
            pick(
                lang,
                format!(
                    "编号 {query:?} 对应 {} 项任务:{}。请用 id 指定,如 --task #{example}",
                    candidates.len(),
                    task_list(lang, candidates)
                ),
                format!(
                    "the number {query:?} matches {} tasks: {}. Pick one by id, e.g. --task #{example}",
                    candidates.len(),
                    task_list(lang, candidates)
                ),
            )
        }
        Msg::NotAUnit {
            number,
            title,
            department,
            units,
        } => pick(
            lang,
            format!(
                "{department} 不是任务 {number}「{title}」的责任单位;该任务的责任单位:{}",
                units.join("、")
            ),
            format!(
                "{department} is not a responsible unit of task {number} \"{title}\"; its units are: {}",
                units.join(", ")
            ),
        ),
        Msg::TaskHasNoUnits { number, title } => pick(
            lang,
            format!("任务 {number}「{title}」还没有责任单位,无法填报进度;请管理员先分配"),
            format!(
                "task {number} \"{title}\" has no responsible unit yet, so no progress can be reported on it"
            ),
        ),
        Msg::UpdateConflict {
            number,
            title,
            department,
            by,
            when,
            percent,
            expected,
        } => pick(
            lang,
            format!(
                "任务 {number}「{title}」{department} 的进度现在是 {percent}%(不是 --expect 的 {expected}%),由 {by} 于 {when} 保存;未保存你的修改。请先查看(duban log --task {number}),再按当前值重新填报"
            ),
            format!(
                "task {number} \"{title}\", {department}: the percent is now {percent}% (not the {expected}% of --expect), saved by {by} at {when}; your change was not saved. Look first (duban log --task {number}), then report again on the current value"
            ),
        ),
        Msg::BadPercent {
            input,
            current,
            error,
        } => {
            let what = match error {
                PercentError::Empty => pick(lang, "进度为空", "the percent is empty"),
                PercentError::NotANumber(s) => pick(
                    lang,
                    format!("进度 {s:?} 不是数字"),
                    format!("the percent {s:?} is not a number"),
                ),
                PercentError::OutOfRange(v) if input.trim_start().starts_with(['+', '＋']) => {
                    pick(
                        lang,
                        format!("{} 会使进度变为 {v}%,超过 100%", input.trim()),
                        format!("{} would make it {v}%, over 100%", input.trim()),
                    )
                }
                PercentError::OutOfRange(v) => pick(
                    lang,
                    format!("进度 {v} 超出范围"),
                    format!("the percent {v} is out of range"),
                ),
                PercentError::Negative(s) => pick(
                    lang,
                    format!("进度 {s:?} 是负数"),
                    format!("the percent {s:?} is negative"),
                ),
                PercentError::Decimal(s) => pick(
                    lang,
                    format!("进度 {s:?} 带小数,进度只填整数"),
                    format!("the percent {s:?} has decimals; percents are whole numbers"),
                ),
                PercentError::Huge(s) if input.trim_start().starts_with(['+', '＋']) => pick(
                    lang,
                    format!("{s} 会使进度超过 100%"),
                    format!("{s} would make it over 100%"),
                ),
                PercentError::Huge(s) => pick(
                    lang,
                    format!("进度 {s} 超出范围"),
                    format!("the percent {s} is out of range"),
                ),
            };
            pick(
                lang,
                format!(
                    "{what}:应为 0 到 100 的整数(如 60 或 60%),或用 +N 在当前 {current}% 上增加"
                ),
                format!(
                    "{what}: give a whole number from 0 to 100 (60 or 60%), or +N to add to the current {current}%"
                ),
            )
        }
        Msg::NoteTooLong { kib } => pick(
            lang,
            format!(
                "标准输入的说明超过 {kib} KiB,未保存;说明最多 {} 字",
                crate::domain::text::MAX_NOTE_CHARS
            ),
            format!(
                "the note on standard input is longer than {kib} KiB and was not saved; a note holds at most {} characters",
                crate::domain::text::MAX_NOTE_CHARS
            ),
        ),
        Msg::NoteUnreadable(reason) => pick(
            lang,
            format!("无法从标准输入读取说明:{reason}"),
            format!("cannot read the note from standard input: {reason}"),
        ),
        Msg::Updated {
            number,
            title,
            department,
            old,
            new,
        } => pick(
            lang,
            format!("已更新 任务 {number}「{title}」 {department} {old}% → {new}%"),
            format!("updated task {number} \"{title}\" {department}: {old}% → {new}%"),
        ),
        Msg::LogEmpty => pick(lang, "没有符合条件的进度记录", "no progress entries match"),
        Msg::BadLimit(s) => pick(
            lang,
            format!("--limit {s:?} 无效:应为不小于 1 的整数"),
            format!("--limit {s:?}: give a whole number of 1 or more"),
        ),
    }
}

/// Tasks named in one line: `#17 (二)3「title」《plan》`, at most ten.
fn task_list(lang: Lang, tasks: &[TaskRef]) -> String {
    const SHOWN: usize = 10;
    let shown = tasks.iter().take(SHOWN).map(|t| {
        let title = crate::report::text::truncate(&t.title, 24);
        let plan = crate::report::text::truncate(&t.plan_title, 30);
        pick(
            lang,
            format!("#{} {}「{title}」《{plan}》", t.id, t.number),
            format!("#{} {} \"{title}\" ({plan})", t.id, t.number),
        )
    });
    let mut list = shown
        .collect::<Vec<_>>()
        .join(if lang.zh() { ";" } else { "; " });
    if tasks.len() > SHOWN {
        list.push_str(&pick(
            lang,
            format!(" 等共 {} 项", tasks.len()),
            format!(" and {} more", tasks.len() - SHOWN),
        ));
    }
    list
}

/// Column headings and labels of the status and task tables.
pub struct Labels {
    pub department: &'static str,
    pub led: &'static str,
    pub co: &'static str,
    /// The task list's unit columns: capitalised in English like every other header.
    pub lead_units: &'static str,
    pub co_units: &'static str,
    pub done: &'static str,
    pub avg: &'static str,
    pub red: &'static str,
    pub yellow: &'static str,
    pub next_deadline: &'static str,
    pub number: &'static str,
    pub task: &'static str,
    pub deadline: &'static str,
    pub percent: &'static str,
    pub light: &'static str,
    pub section: &'static str,
    pub status_title: &'static str,
    pub as_of: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Zh => Labels {
            department: "单位",
            led: "牵头",
            co: "配合",
            lead_units: "牵头",
            co_units: "配合",
            done: "完成",
            avg: "平均",
            red: "红灯",
            yellow: "黄灯",
            next_deadline: "最近期限",
            number: "编号",
            task: "任务",
            deadline: "期限",
            percent: "进度",
            light: "状态",
            section: "部分",
            status_title: "督办进度概况",
            as_of: "截至",
        },
        Lang::En => Labels {
            department: "Department",
            led: "Led",
            co: "Co",
            lead_units: "Lead",
            co_units: "Co",
            done: "Done",
            avg: "Avg",
            red: "Red",
            yellow: "Yellow",
            next_deadline: "Next due",
            number: "No.",
            task: "Task",
            deadline: "Deadline",
            percent: "Done%",
            light: "Light",
            section: "Section",
            status_title: "duban status",
            as_of: "as of",
        },
    }
}

/// Headings and words of the import preview (`duban import plan --dry-run`).
pub struct ImportLabels {
    pub plan: &'static str,
    pub period: &'static str,
    pub doc_no: &'static str,
    pub issued: &'static str,
    pub common_note: &'static str,
    pub sections: &'static str,
    pub tasks: &'static str,
    pub with_units: &'static str,
    pub no_unit: &'static str,
    pub plan_end: &'static str,
    pub indicators: &'static str,
    pub new_units: &'static str,
    pub existing_units: &'static str,
    pub close_to: &'static str,
    pub doubts: &'static str,
    pub line: &'static str,
    pub dry_run: &'static str,
    pub lead_mark: &'static str,
}

pub fn import_labels(lang: Lang) -> ImportLabels {
    match lang {
        Lang::Zh => ImportLabels {
            plan: "计划",
            period: "期限",
            doc_no: "文号",
            issued: "成文日期",
            common_note: "共同责任说明",
            sections: "部分",
            tasks: "任务",
            with_units: "有责任单位",
            no_unit: "未分配",
            plan_end: "计划期末",
            indicators: "指标",
            new_units: "新单位",
            existing_units: "已有单位",
            close_to: "与已有或其他名称相近",
            doubts: "存疑",
            line: "行",
            dry_run: "预览(--dry-run):未保存任何内容",
            lead_mark: "*为牵头单位",
        },
        Lang::En => ImportLabels {
            plan: "Plan",
            period: "Period",
            doc_no: "Doc no.",
            issued: "Issued",
            common_note: "Note for all tasks",
            sections: "Sections",
            tasks: "Tasks",
            with_units: "with units",
            no_unit: "unassigned",
            plan_end: "plan end",
            indicators: "Indicators",
            new_units: "New units",
            existing_units: "Existing units",
            close_to: "close to",
            doubts: "To check",
            line: "line",
            dry_run: "preview (--dry-run): nothing was saved",
            lead_mark: "* = lead unit",
        },
    }
}

/// Column headings of `duban log`.
pub struct LogLabels {
    pub time: &'static str,
    pub number: &'static str,
    pub department: &'static str,
    pub percent: &'static str,
    pub reporter: &'static str,
    pub note: &'static str,
    /// Before the id of the entry an undo row takes back.
    pub undoes: &'static str,
}

/// A department that has been merged into another, where a record it made is shown.
pub fn merged_department(lang: Lang, name: &str, into: &str) -> String {
    pick(
        lang,
        format!("{name}(已并入{into})"),
        format!("{name} (merged into {into})"),
    )
}

pub fn log_labels(lang: Lang) -> LogLabels {
    match lang {
        Lang::Zh => LogLabels {
            time: "时间",
            number: "编号",
            department: "单位",
            percent: "进度",
            reporter: "填报人",
            note: "说明",
            undoes: "撤销#",
        },
        Lang::En => LogLabels {
            time: "Time",
            number: "No.",
            department: "Department",
            percent: "Done%",
            reporter: "By",
            note: "Note",
            undoes: "undoes #",
        },
    }
}

/// Why a line is listed as doubtful.
/// Why a plan document could not be imported, naming the file.
pub fn import_error(lang: Lang, path: &str, e: &crate::import::ImportError) -> String {
    use crate::import::file::ReadError as R;
    use crate::import::{DecodeError as D, ImportError as E};
    let unreadable = |zh: &str, en: &str| {
        msg(
            lang,
            Msg::ImportUnreadable {
                path,
                reason: if lang.zh() { zh } else { en },
            },
        )
    };
    match e {
        E::Read(R::NotFound) => unreadable("文件不存在", "no such file"),
        E::Read(R::PermissionDenied) => unreadable("没有读取权限", "permission denied"),
        E::Read(R::Directory) => unreadable("是一个目录", "is a directory"),
        E::Read(R::NotRegular) => unreadable(
            "不是普通文件(管道、设备或套接字),不能作为计划导入",
            "is not a regular file (a FIFO, a device or a socket) and cannot be a plan",
        ),
        E::Read(R::Other(why)) => unreadable(why, why),
        E::Decode(D::Empty) => msg(lang, Msg::ImportEmpty(path)),
        E::Decode(D::Binary) => msg(lang, Msg::ImportBinary(path)),
        E::Decode(D::TooLarge { bytes, limit }) => msg(
            lang,
            Msg::ImportTooLarge {
                path,
                mb: bytes / (1024 * 1024),
                limit_mb: limit / (1024 * 1024),
            },
        ),
        E::NoTasks => msg(lang, Msg::ImportNoTasks(path)),
    }
}

/// Why a unit mapping (`--map`, or the TUI preview) was refused.
pub fn map_error(lang: Lang, e: &crate::import::mapping::MapError) -> String {
    use crate::import::mapping::MapError as E;
    match e {
        E::Syntax(a) => pick(
            lang,
            format!("--map {a:?}:请写成 文档中的名称=单位,如 --map 经信局=区经济和信息化局"),
            format!("--map {a:?}: write NAME=UNIT, as in --map 经信局=区经济和信息化局"),
        ),
        E::UnknownName(n) => pick(
            lang,
            format!("文档中没有责任单位「{n}」(可先用 --dry-run 查看单位名称)"),
            format!("the document names no unit \"{n}\" (see the names with --dry-run)"),
        ),
        E::UnknownTarget(n) => pick(
            lang,
            format!("「{n}」既不是已有单位(名称或别名),也不是文档中的单位"),
            format!(
                "\"{n}\" is neither an existing department (name or alias) nor a unit of the document"
            ),
        ),
    }
}

pub fn doubt(lang: Lang, kind: crate::import::DoubtKind) -> &'static str {
    use crate::import::DoubtKind as K;
    match (lang, kind) {
        (Lang::Zh, K::NoUnits) => "编号条目没有责任单位,导入为未分配",
        (Lang::Zh, K::NoteRepaired) => "责任单位说明括号不配对或有空名,已修正",
        (Lang::Zh, K::SkippedTable) => "表格未导入",
        (Lang::Zh, K::RowAsTask) => "目标值不是数字,该行导入为任务",
        (Lang::Zh, K::NoYear) => "文中没有年份,计划年度取",
        (Lang::Zh, K::CutOff) => "文末单位名称不完整(文本被截断),未导入",
        (Lang::Zh, K::NoticeItems) => "任务取自表格,通知正文的编号条目未作为任务导入",
        (Lang::Zh, K::ProjectUnits) => {
            "重点项目表没有责任单位列,各项目的责任单位取自正文引用该表的条目"
        }
        (Lang::Zh, K::MilestoneTask) => "节点表中的项目在计划中没有对应任务,单独导入为任务",
        (Lang::En, K::NoUnits) => "numbered item with no responsibility note: imported unassigned",
        (Lang::En, K::NoteRepaired) => {
            "responsibility note with unbalanced brackets or an empty name: repaired"
        }
        (Lang::En, K::SkippedTable) => "table not imported",
        (Lang::En, K::RowAsTask) => "targets are not numbers: row imported as a task",
        (Lang::En, K::NoYear) => "no year in the text; the plan's year is taken as",
        (Lang::En, K::CutOff) => "the text ends inside a unit's name (cut short): left out",
        (Lang::En, K::NoticeItems) => {
            "tasks come from the table; numbered items of the notice not imported as tasks"
        }
        (Lang::En, K::ProjectUnits) => {
            "the key-project table has no unit column: its projects take the units of the item that refers to it"
        }
        (Lang::En, K::MilestoneTask) => {
            "a project of the milestone table matches no task of the plan: imported as a task of its own"
        }
    }
}

pub fn total_label(lang: Lang, departments: usize) -> String {
    pick(
        lang,
        format!("合计({departments}个单位)"),
        format!("Total ({departments})"),
    )
}

/// Over `tasks --dept X`'s table: the percent and light are X's own part, not the task's.
pub fn own_caption(lang: Lang, department: &str) -> String {
    match lang {
        Lang::Zh => format!("进度、状态为{department}本单位承担部分(牵头或配合)的进度和灯号"),
        Lang::En => format!("Done% and light: {department}'s own part (lead or co), its own light"),
    }
}

pub fn tasks_summary(lang: Lang, tasks: u64, unassigned: u64) -> String {
    match (lang, unassigned) {
        (Lang::Zh, 0) => format!("任务 {tasks} 项"),
        (Lang::Zh, u) => format!("任务 {tasks} 项,其中 {u} 项未分配责任单位"),
        (Lang::En, 0) => en_u(tasks as usize, "task", "tasks"),
        (Lang::En, u) => format!(
            "{}, {u} with no responsible unit",
            en_u(tasks as usize, "task", "tasks")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_files_of_another_group_are_named_with_whose_they_are_and_the_fix() {
        let side = |dir_setgid| {
            StoreError::SideFilesNotWritable(Box::new(crate::store::SideFiles {
                files: ["/srv/d.db-wal", "/srv/d.db-shm"]
                    .iter()
                    .map(|p| crate::store::SideFile {
                        path: p.into(),
                        owner: "clerk_a".into(),
                        group: "clerk_a".into(),
                    })
                    .collect(),
                group: "duban".into(),
                dir: "/srv".into(),
                dir_setgid,
            }))
        };
        let zh = store_error(Lang::Zh, &side(false));
        assert!(
            zh.contains("附属文件 /srv/d.db-wal(属 clerk_a:clerk_a)"),
            "{zh}"
        );
        assert!(!zh.contains("边文件"), "{zh}");
        assert!(
            zh.contains("chgrp duban /srv/d.db-wal /srv/d.db-shm && chmod g+rw"),
            "{zh}"
        );
        assert!(zh.contains("chmod g+s /srv"), "{zh}");
        let en = store_error(Lang::En, &side(false));
        assert!(
            en.contains("/srv/d.db-shm (owned by clerk_a:clerk_a)"),
            "{en}"
        );
        assert!(en.contains("chmod g+s /srv"), "{en}");
        // With the setgid bit already on the directory, only the files need fixing.
        assert!(!store_error(Lang::En, &side(true)).contains("g+s"));
        assert!(!store_error(Lang::Zh, &StoreError::CannotOpen("x".into())).contains("边文件"));
    }

    #[test]
    fn english_counts_are_singular_for_one_and_spaced() {
        assert_eq!(batch::heading(Lang::En, 1), "Batch entry: 1 row");
        assert_eq!(batch::heading(Lang::En, 2), "Batch entry: 2 rows");
        let c = preview::Counts {
            tasks: 1,
            kept: 1,
            sections: 1,
            indicators: 0,
            new_units: 1,
            close: 0,
            doubts: 1,
        };
        assert_eq!(
            preview::counts(Lang::En, &c),
            "1 task · 1 section · 0 indicators · 1 new unit · 1 to check"
        );
        let saved = msg(
            Lang::En,
            Msg::ImportSaved {
                title: "T",
                tasks: 1,
                sections: 1,
                indicators: 2,
                new_units: 0,
                existing_units: 1,
                doubts: 1,
            },
        );
        assert!(saved.contains("1 task, 1 section, 2 indicators"), "{saved}");
        assert!(saved.ends_with("1 line to check"), "{saved}");
        assert_eq!(
            tui::department_counts(Lang::En, 22, 3, 1),
            "lead 22 co 3 1 clerk"
        );
        assert_eq!(tui::people_title_count(Lang::Zh, true, 24), "24 人");
    }

    #[test]
    fn language_from_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    }

    #[test]
    fn reasons_read_like_a_circular() {
        assert_eq!(reason(Lang::Zh, Reason::Overdue { days: 12 }), "逾期12天");
        assert_eq!(
            reason(Lang::Zh, Reason::Behind { points: 18 }),
            "落后序时18个百分点"
        );
        assert_eq!(
            reason(Lang::En, Reason::Behind { points: 18 }),
            "18 points behind schedule"
        );
    }
}
