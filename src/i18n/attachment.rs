//! Strings of evidence files (佐证材料, issue 22), in Chinese and English.

use super::{Lang, pick};
use crate::domain::attachment::{NameProblem, Owner, Refusal, human_size};
use crate::domain::text::control_name;
use crate::evidence::EvidenceError;
use crate::infile::InputError;

/// Why a file may not be kept, naming what to do.
pub fn refusal(lang: Lang, why: &Refusal) -> String {
    match why {
        Refusal::FileTooLarge { size, limit } => {
            // Rounded alike ("20.0 MB" over "20.0 MB"), the bytes say it.
            let (size, limit) = if human_size(*size) == human_size(*limit) {
                (format!("{size} B"), format!("{limit} B"))
            } else {
                (human_size(*size), human_size(*limit))
            };
            pick(
                lang,
                format!("文件 {size},超过单个文件上限 {limit}(管理员可改设置 attach.max_file_mb)"),
                format!(
                    "the file is {size}, over the limit of {limit} a file (an admin may change attach.max_file_mb)"
                ),
            )
        }
        Refusal::TotalFull {
            stored,
            size,
            limit,
        } => pick(
            lang,
            format!(
                "佐证材料已存 {},再加此文件 {} 将超过合计上限 {}(管理员可改设置 attach.max_total_mb)",
                human_size(*stored),
                human_size(*size),
                human_size(*limit)
            ),
            format!(
                "{} of evidence is kept; this {} file would pass the limit of {} in all (an admin may change attach.max_total_mb)",
                human_size(*stored),
                human_size(*size),
                human_size(*limit)
            ),
        ),
        Refusal::Changed => pick(
            lang,
            "文件在读取过程中被改动,未保存;请待其写完后再附",
            "the file changed while it was being read; nothing was kept — attach it again once it is written",
        ),
        Refusal::NoReport => pick(
            lang,
            "该单位尚未填报此任务的进度,没有可附的报告(不加 --report 则附在任务上)",
            "the unit has not reported on this task: no report to attach to (without --report the file goes with the task)",
        ),
        Refusal::NoApplication => pick(
            lang,
            "该单位没有申请办结此任务,没有可附的申请",
            "the unit has not applied to close this task: no application to attach to",
        ),
        Refusal::NoNoticeStep(id) => pick(
            lang,
            format!("督办单记录 #{id} 不存在,或不是此任务的督办单的"),
            format!("notice step #{id} does not exist or is not of this task's notice"),
        ),
        Refusal::NotAUnit => pick(
            lang,
            "该单位不是此任务的责任单位",
            "that department is not a unit of this task",
        ),
        Refusal::BadName(p) => name_problem(lang, *p),
        Refusal::Tampered { id } => pick(
            lang,
            format!(
                "佐证材料 #{id} 的内容与登记的 SHA-256 不符(在 duban 之外被改动),未输出;duban check 可查"
            ),
            format!(
                "evidence file #{id} does not match its recorded SHA-256 (changed outside duban); nothing written — see duban check"
            ),
        ),
    }
}

pub fn name_problem(lang: Lang, p: NameProblem) -> String {
    match p {
        NameProblem::Empty => pick(lang, "没有文件名", "no file name"),
        NameProblem::Control { code, at } => pick(
            lang,
            format!(
                "文件名第 {at} 个字符是控制字符 {},请先给文件改名",
                control_name(code)
            ),
            format!(
                "the file name has a control character ({}) at position {at}; rename the file first",
                control_name(code)
            ),
        ),
        NameProblem::TooLong { chars } => pick(
            lang,
            format!("文件名过长({chars} 个字符,最多 255)"),
            format!("the file name is too long ({chars} characters, at most 255)"),
        ),
    }
}

/// Why a named file cannot be attached, after its path (`shown`, control characters escaped).
pub fn evidence_error(lang: Lang, shown: &str, e: &EvidenceError) -> String {
    let why = match e {
        EvidenceError::Input(i) => match i {
            InputError::NotFound => pick(lang, "文件不存在", "no such file"),
            InputError::PermissionDenied => pick(lang, "没有读取权限", "permission denied"),
            InputError::Directory => pick(
                lang,
                "是一个目录(请指定其中的文件)",
                "is a directory (name the files in it)",
            ),
            InputError::NotRegular => pick(
                lang,
                "不是普通文件(管道、设备或套接字),未读取",
                "not a regular file (a FIFO, a device or a socket); not read",
            ),
            InputError::TooLarge { bytes, limit } => refusal(
                lang,
                &Refusal::FileTooLarge {
                    size: *bytes,
                    limit: *limit,
                },
            ),
            InputError::Other(reason) => reason.clone(),
        },
        EvidenceError::Name(p) => name_problem(lang, *p),
        EvidenceError::Refused(r) => refusal(lang, r),
    };
    format!("{shown}: {why}")
}

/// What a file is evidence for, in a list.
pub fn owner(lang: Lang, o: Owner) -> String {
    match o {
        Owner::Assignment => pick(lang, "任务", "task"),
        Owner::Progress(id) => pick(lang, format!("进度报告 #{id}"), format!("report #{id}")),
        Owner::Closing(id) => pick(lang, format!("办结申请 #{id}"), format!("closing #{id}")),
        Owner::NoticeStep(id) => pick(
            lang,
            format!("督办回复 #{id}"),
            format!("notice reply #{id}"),
        ),
    }
}

/// One kept file, for `attach add` and the TUI's message.
pub fn kept(lang: Lang, id: i64, name: &str, size: u64, number: &str, dept: &str) -> String {
    pick(
        lang,
        format!(
            "已存佐证材料 #{id} {name}({}),任务 {number} · {dept}",
            human_size(size)
        ),
        format!(
            "kept evidence #{id} {name} ({}) for task {number} · {dept}",
            human_size(size)
        ),
    )
}

/// `attach get`: where the bytes went.
pub fn written(lang: Lang, id: i64, to: &str, size: u64) -> String {
    pick(
        lang,
        format!(
            "已将佐证材料 #{id} 写入 {to}({},SHA-256 核对一致)",
            human_size(size)
        ),
        format!(
            "wrote evidence #{id} to {to} ({}, SHA-256 verified)",
            human_size(size)
        ),
    )
}

pub fn none_kept(lang: Lang) -> String {
    pick(lang, "没有佐证材料", "no evidence files")
}

pub fn unknown(lang: Lang, id: i64) -> String {
    pick(
        lang,
        format!("没有编号为 #{id} 的佐证材料(duban attach list 列出全部)"),
        format!("no evidence file #{id} (duban attach list shows them all)"),
    )
}

/// `attach add` of several files: some were kept, then one was refused.
pub fn stopped(lang: Lang, kept: usize, total: usize) -> String {
    pick(
        lang,
        format!("已存 {kept} 个,其余 {} 个未附", total - kept),
        format!("{kept} kept, the other {} not attached", total - kept),
    )
}

/// `attach get` without `-o` where the kept name is no file name here.
pub fn name_needs_output(lang: Lang, id: i64) -> String {
    pick(
        lang,
        format!("佐证材料 #{id} 的文件名不能直接用作本地文件名,请用 -o 指定输出文件"),
        format!("evidence #{id}'s name cannot be used as a file name here; name one with -o"),
    )
}

/// The list's column heads.
pub fn heads(lang: Lang) -> [&'static str; 7] {
    if lang.zh() {
        ["编号", "任务", "单位", "文件名", "大小", "附于", "上传"]
    } else {
        ["id", "task", "unit", "name", "size", "for", "by, at"]
    }
}

/// `check`: a file whose bytes changed around duban.
pub fn bad_bytes(lang: Lang, id: i64, name: &str) -> String {
    pick(
        lang,
        format!("  佐证材料:#{id} {name} 的内容与登记的 SHA-256 不符(在 duban 之外被改动)"),
        format!(
            "  evidence: #{id} {name} does not match its recorded SHA-256 (changed outside duban)"
        ),
    )
}

/// `check`: every file's bytes hold.
pub fn bytes_hold(lang: Lang, n: i64) -> String {
    pick(
        lang,
        format!("佐证材料 {n} 件,内容均与登记的 SHA-256 一致"),
        format!("{n} evidence files, each matching its recorded SHA-256"),
    )
}

/// The TUI's words about evidence files.
pub struct Tui {
    /// The form's field label.
    pub label: &'static str,
    /// Under the field while it is empty.
    pub hint: &'static str,
    /// The detail's heading.
    pub heading: &'static str,
    pub no_match: &'static str,
    /// A directory too big to read whole.
    pub capped: &'static str,
}

pub fn tui(lang: Lang) -> Tui {
    if lang.zh() {
        Tui {
            label: "佐证材料",
            hint: "文件路径,多个用 ; 分隔;Tab 补全文件名",
            heading: "佐证材料",
            no_match: "没有匹配的文件",
            capped: "目录过大,只读了前 5000 项,请输入完整文件名",
        }
    } else {
        Tui {
            label: "Evidence",
            hint: "file paths, several separated by ; — Tab completes names",
            heading: "Evidence files",
            no_match: "no matching file",
            capped: "large directory: 5,000 entries read, type the whole name",
        }
    }
}

/// After a save: the report (or application) was kept, and these files were, or one failed.
pub fn after_save(lang: Lang, saved: &str, kept: usize, failed: Option<&str>) -> String {
    match failed {
        None if kept == 0 => saved.to_string(),
        None => pick(
            lang,
            format!("{saved};附佐证材料 {kept} 个"),
            format!("{saved}; {kept} evidence file(s) attached"),
        ),
        Some(why) => pick(
            lang,
            format!("{saved};但佐证材料未附全(已附 {kept} 个):{why}"),
            format!("{saved}; but not every evidence file was attached ({kept} kept): {why}"),
        ),
    }
}

/// `attach add` without `--dept` where the unit is not plain.
pub fn which_unit(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 有多个责任单位,请用 --dept 指明附在哪个单位"),
        format!("task {number} has several units: name one with --dept"),
    )
}

/// `attach get` of something that is no id.
pub fn unknown_id(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("{typed:?} 不是佐证材料编号(如 12 或 #12)"),
        format!("{typed:?} is not an evidence file id (like 12 or #12)"),
    )
}

/// The closing prompt after the note (and why): files to attach, optional.
pub fn files_prompt(lang: Lang) -> String {
    pick(
        lang,
        "佐证材料(可空;多个用 ; 分隔,Tab 补全):",
        "Evidence files (optional; ; between, Tab completes):",
    )
}

/// The candidates of a Tab, on one line (the UI cuts it to the screen), or that none matched.
pub fn candidates_line(lang: Lang, names: &[String], capped: bool) -> String {
    let w = tui(lang);
    if names.is_empty() && !capped {
        return w.no_match.to_string();
    }
    let line = names.join("  ");
    // First: the line is cut to the screen, and the word matters more than the names.
    if capped {
        format!("({}) {line}", w.capped)
    } else {
        line
    }
}
