//! Strings of `duban check`, `duban backup` and `duban restore`, in Chinese and English.

use super::{Lang, pick};
use crate::store::chain::{Broken, BrokenKind, Code, CodeCheck};
use crate::store::maintenance::{CheckReport, Mismatch, SchemaDrift};

pub fn check_report(lang: Lang, path: &str, r: &CheckReport) -> String {
    let mut s = String::new();
    let fk = |t: &str, id: i64, parent: &str| {
        pick(
            lang,
            format!("  外键:{t} 第 {id} 行指向 {parent} 中不存在的行"),
            format!("  foreign key: {t} row {id} points to a missing {parent} row"),
        )
    };
    let mm = |m: &Mismatch| {
        pick(
            lang,
            format!(
                "  当前值与记录不符:任务 {}(#{})· {}:当前 {}%,最新记录 {}%",
                m.number, m.task_id, m.department, m.current, m.journal
            ),
            format!(
                "  current value differs from the journal: task {} (#{}) · {}: current {}%, newest entry {}%",
                m.number, m.task_id, m.department, m.current, m.journal
            ),
        )
    };
    for line in &r.integrity {
        s.push_str(&pick(
            lang,
            format!("  完整性:{line}\n"),
            format!("  integrity: {line}\n"),
        ));
    }
    for (t, id, parent) in &r.foreign_keys {
        s.push_str(&fk(t, *id, parent));
        s.push('\n');
    }
    for m in r.mismatches.iter().take(50) {
        s.push_str(&mm(m));
        s.push('\n');
    }
    if r.mismatches.len() > 50 {
        s.push_str(&pick(
            lang,
            format!("  ……另有 {} 处不符\n", r.mismatches.len() - 50),
            format!("  … and {} more\n", r.mismatches.len() - 50),
        ));
    }
    for (id, number) in r.stale_copies.iter().take(50) {
        s.push_str(&pick(
            lang,
            format!("  期限副本不符:任务 {number}(#{id})的责任单位记着与任务不同的期限、权重或删除\n"),
            format!("  stale copies: task {number} (#{id}) has units carrying another deadline, weight or deletion than the task\n"),
        ));
    }
    if r.stale_copies.len() > 50 {
        s.push_str(&pick(
            lang,
            format!("  ……另有 {} 项任务\n", r.stale_copies.len() - 50),
            format!("  … and {} more tasks\n", r.stale_copies.len() - 50),
        ));
    }
    for b in &r.chain {
        s.push_str(&broken_link(lang, b));
        s.push('\n');
    }
    for (kind, name, drift) in &r.schema_objects {
        let what = match (lang, drift) {
            (Lang::Zh, SchemaDrift::Missing) => "缺失",
            (Lang::Zh, SchemaDrift::Changed) => "被改动",
            (Lang::Zh, SchemaDrift::Extra) => "多出",
            (Lang::En, SchemaDrift::Missing) => "missing",
            (Lang::En, SchemaDrift::Changed) => "changed",
            (Lang::En, SchemaDrift::Extra) => "not in duban's schema",
        };
        s.push_str(&pick(
            lang,
            format!("  数据结构:{kind} {name} {what}\n"),
            format!("  schema: {kind} {name} {what}\n"),
        ));
    }
    for b in &r.attachment_bytes {
        s.push_str(&super::attachment::bad_bytes(lang, b.id, &b.name));
        s.push('\n');
    }
    let summary = if r.is_clean() {
        pick(
            lang,
            format!(
                "{path}:检查通过(完整性、外键、{} 条进度记录与当前值一致,留痕链 {} 环完整;{} 项任务;数据结构版本 {})",
                r.journal_rows, r.chain_links, r.tasks, r.schema_version
            ),
            format!(
                "{path}: all checks passed (integrity, foreign keys, {} journal rows agree with the current values, {} links of the journal chain hold; {} tasks; schema version {})",
                r.journal_rows, r.chain_links, r.tasks, r.schema_version
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "{path}:发现问题(完整性 {} 处,外键 {} 处,当前值与记录不符 {} 处,期限副本不符 {} 项,留痕链 {} 处,数据结构 {} 处)。文件未作任何改动;请先用 duban backup 备份,再联系管理员",
                r.integrity.len(),
                r.foreign_keys.len(),
                r.mismatches.len(),
                r.stale_copies.len(),
                r.chain.len(),
                r.schema_objects.len()
            ),
            format!(
                "{path}: problems found ({} integrity, {} foreign key, {} current values differing from the journal, {} tasks with stale copies, {} in the journal chain, {} schema objects). Nothing was changed; back the file up (duban backup) and tell your admin",
                r.integrity.len(),
                r.foreign_keys.len(),
                r.mismatches.len(),
                r.stale_copies.len(),
                r.chain.len(),
                r.schema_objects.len()
            ),
        )
    };
    s.push_str(&summary);
    s.push('\n');
    if r.attachments > 0 && r.attachment_bytes.is_empty() {
        s.push_str(&super::attachment::bytes_hold(lang, r.attachments));
        s.push('\n');
    }
    s
}

/// The kept status figures (store::rollup_cache) against a fresh count: a line each for those
/// that differ (at most 50), to stand with the other problems' lines.
pub fn kept_drift_lines(
    lang: Lang,
    d: &crate::report::status::KeptDrift,
    names: &[String],
) -> String {
    let mut s = String::new();
    for name in names.iter().take(50) {
        s.push_str(&pick(
            lang,
            format!("  状态汇总缓存:{name} 的保存值与逐项计算不符\n"),
            format!("  kept status figures: {name} differs from a fresh count\n"),
        ));
    }
    for (first, last) in d.chunks.iter().take(50) {
        s.push_str(&pick(
            lang,
            format!("  状态汇总缓存:编号 {first}–{last} 的任务亮灯数与逐项计算不符\n"),
            format!("  kept status figures: the lights of tasks #{first}–#{last} differ from a fresh count\n"),
        ));
    }
    s
}

/// How the kept status figures compare with a fresh count, after the records' summary.
pub fn kept_drift_summary(lang: Lang, d: &crate::report::status::KeptDrift) -> String {
    let differing = d.departments.len() + d.chunks.len();
    if differing == 0 {
        pick(
            lang,
            format!("{} 的状态汇总缓存 {} 项与逐项计算一致\n", d.day, d.parts),
            format!(
                "the {} parts of the status figures kept for {} agree with a fresh count\n",
                d.parts, d.day
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "但 {} 的状态汇总缓存有 {differing} 项(共 {} 项)与逐项计算不符。它们是派生数据而非记录:duban check --drop-kept 清除后下次读取时重新计算\n",
                d.day, d.parts
            ),
            format!(
                "but {differing} of the {} parts of the status figures kept for {} differ from a fresh count. They are derived, not records: duban check --drop-kept drops them, and the next read counts them again\n",
                d.parts, d.day
            ),
        )
    }
}

pub fn kept_dropped(lang: Lang, path: &str) -> String {
    pick(
        lang,
        format!("{path}:已清除状态汇总缓存(派生数据,下次读取时重新计算);记录未作任何改动"),
        format!(
            "{path}: dropped the kept status figures (derived; counted again on the next read); no record was changed"
        ),
    )
}

pub fn backed_up(lang: Lang, from: &str, to: &str) -> String {
    pick(
        lang,
        format!("已将 {from} 备份到 {to}(已校验完整性)"),
        format!("backed up {from} to {to} (integrity checked)"),
    )
}

pub fn backup_exists(lang: Lang, to: &str) -> String {
    pick(
        lang,
        format!("{to} 已存在,未覆盖(确要覆盖请加 --force)"),
        format!("{to} exists; left as it is (use --force to replace it)"),
    )
}

pub fn restore_needs_force(lang: Lang, target: &str) -> String {
    pick(
        lang,
        format!(
            "{target} 已存在:恢复会用备份替换其中的全部数据。确要恢复请加 --force(建议先 duban backup 当前文件)"
        ),
        format!(
            "{target} exists: restoring replaces all its data with the backup's. Add --force to go ahead (back it up first with duban backup)"
        ),
    )
}

pub fn restored(lang: Lang, from: &str, to: &str, tasks: i64) -> String {
    pick(
        lang,
        format!("已用 {from} 恢复 {to}({tasks} 项任务);操作已记入审计记录"),
        format!("restored {to} from {from} ({tasks} tasks); the restore is in the audit trail"),
    )
}

pub fn moved_aside(lang: Lang, path: &str) -> String {
    pick(
        lang,
        format!("原文件无法读取,已改名保留为 {path}"),
        format!("the old file could not be read; it was kept as {path}"),
    )
}

/// `demo --force` / `gen --force`: where the replaced file went.
pub fn kept_aside(lang: Lang, path: &str) -> String {
    pick(
        lang,
        format!("原文件已改名保留为 {path}"),
        format!("the old file was kept as {path}"),
    )
}

pub fn bad_backup(lang: Lang, path: &str, why: &str) -> String {
    pick(
        lang,
        format!("备份文件 {path} 不可用,未作任何改动:{why}"),
        format!("the backup {path} cannot be used; nothing was changed: {why}"),
    )
}

pub fn same_file(lang: Lang) -> String {
    pick(
        lang,
        "备份文件与数据库是同一个文件",
        "the backup and the database are the same file",
    )
}

pub fn no_such_file(lang: Lang) -> String {
    pick(lang, "文件不存在", "no such file")
}

pub fn unknown_group(lang: Lang, group: &str) -> String {
    pick(
        lang,
        format!("没有名为 {group} 的用户组(先用 groupadd 建组,并把各科员的登录名加入该组)"),
        format!(
            "there is no group {group} (create it with groupadd and add each clerk's login to it)"
        ),
    )
}

pub fn directory_not_shared(lang: Lang, dir: &str, group: &str) -> String {
    pick(
        lang,
        format!(
            "注意:目录 {dir} 已存在,未改动;请确认它属于组 {group} 且带 setgid 位:chgrp {group} {dir} && chmod 2770 {dir}"
        ),
        format!(
            "note: the directory {dir} exists and was left as it is; make it the group's, setgid: chgrp {group} {dir} && chmod 2770 {dir}"
        ),
    )
}

pub fn shared_with(lang: Lang, path: &str, group: &str) -> String {
    pick(
        lang,
        format!(
            "{path} 及其目录已交给组 {group}(文件 0660,目录 2770);再用 duban clerk add 登记每位科员"
        ),
        format!(
            "{path} and its directory now belong to group {group} (file 0660, directory 2770); add each clerk with duban clerk add"
        ),
    )
}

/// One link of the journal chain that does not hold.
pub fn broken_link(lang: Lang, b: &Broken) -> String {
    let (journal, row, seq) = (&b.journal, b.row_id, b.seq);
    match (lang, b.kind) {
        (Lang::Zh, BrokenKind::RowDeleted) => {
            format!("  留痕链:第 {seq} 环记录的 {journal} 第 {row} 行已被删除")
        }
        (Lang::Zh, BrokenKind::RowChanged) => {
            format!("  留痕链:第 {seq} 环({journal} 第 {row} 行)的内容或其前面的记录已被改动")
        }
        (Lang::Zh, BrokenKind::LinkMissing) => {
            format!("  留痕链:第 {seq} 环之前缺少链环({journal} 第 {row} 行)")
        }
        (Lang::Zh, BrokenKind::Backdated) => format!(
            "  留痕链:第 {seq} 环({journal} 第 {row} 行)的时间早于在它之前记下的记录(服务器时钟被调回,或设置了 DUBAN_TODAY);此前印发的通报可能因此改变"
        ),
        (Lang::En, BrokenKind::Backdated) => format!(
            "  journal chain: link {seq} ({journal} row {row}) is dated before rows recorded earlier (the server's clock set back, or DUBAN_TODAY); circulars printed before it may now read differently"
        ),
        (Lang::Zh, BrokenKind::NoLink) => {
            format!("  留痕链:{journal} 第 {row} 行没有链环(绕过 duban 写入)")
        }
        (Lang::En, BrokenKind::RowDeleted) => {
            format!("  journal chain: link {seq} records {journal} row {row}, which was deleted")
        }
        (Lang::En, BrokenKind::RowChanged) => format!(
            "  journal chain: link {seq} ({journal} row {row}): the row or one before it was changed"
        ),
        (Lang::En, BrokenKind::LinkMissing) => {
            format!("  journal chain: a link is missing before link {seq} ({journal} row {row})")
        }
        (Lang::En, BrokenKind::NoLink) => {
            format!("  journal chain: {journal} row {row} has no link (written around duban)")
        }
    }
}

/// A circular's 留痕校验码 line.
pub fn code_line(lang: Lang, code: &Code, as_of: &str) -> String {
    pick(
        lang,
        format!(
            "留痕校验码:{}(截至 {as_of} 的 {} 条留痕记录;可用 duban check --code {} --as-of {as_of} 核验)",
            code.shown(),
            code.rows,
            code.shown()
        ),
        format!(
            "Record check code: {} ({} journal rows up to {as_of}; verify with duban check --code {} --as-of {as_of})",
            code.shown(),
            code.rows,
            code.shown()
        ),
    )
}

/// What `check --code` found.
pub fn code_check(lang: Lang, path: &str, code: &str, as_of: &str, found: &CodeCheck) -> String {
    match found {
        CodeCheck::Matches => pick(
            lang,
            format!("{path}:校验码 {code} 相符——截至 {as_of} 的留痕记录与印出时一致,未被改动"),
            format!(
                "{path}: code {code} matches: the journal up to {as_of} is as it was when the code was printed"
            ),
        ),
        CodeCheck::TooFewRows { rows } => pick(
            lang,
            format!(
                "{path}:校验码 {code} 不符——文件只有 {rows} 条留痕记录,少于校验码所记;记录被删除,或不是同一个文件"
            ),
            format!(
                "{path}: code {code} does not match: the file has only {rows} journal rows, fewer than the code counts; rows were removed, or this is another file"
            ),
        ),
        CodeCheck::Differs => pick(
            lang,
            format!("{path}:校验码 {code} 不符——截至该处的留痕记录已被改动,或校验码抄错"),
            format!(
                "{path}: code {code} does not match: the journal up to it was changed, or the code was mistyped"
            ),
        ),
        CodeCheck::Backdated { rows } => pick(
            lang,
            format!(
                "{path}:校验码 {code} 对应的记录未被改动,但其后又记下了 {rows} 条日期在 {as_of} 或之前的记录;该日的数字可能与印出时不同"
            ),
            format!(
                "{path}: the journal the code {code} names is unchanged, but {rows} rows recorded after it are dated {as_of} or earlier: that day's figures may differ from the printed ones"
            ),
        ),
        CodeCheck::NotAtDate { rows_at_date } => pick(
            lang,
            format!(
                "{path}:校验码 {code} 对应的记录未被改动,但截至 {as_of} 文件共有 {rows_at_date} 条记录;校验码不是该日期的,请核对日期"
            ),
            format!(
                "{path}: the journal the code {code} names is unchanged, but by {as_of} the file had {rows_at_date} rows: the code is not from that date; check the date"
            ),
        ),
    }
}

/// A code that is not one: rows, a dash, then 20 hex digits in groups.
pub fn bad_code(lang: Lang, code: &str) -> String {
    pick(
        lang,
        format!("校验码 {code:?} 格式不对:应形如 1523-9F86-D081-884C-7D65-9A2F"),
        format!("{code:?} is not a check code: it looks like 1523-9F86-D081-884C-7D65-9A2F"),
    )
}
