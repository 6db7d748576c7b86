//! Strings of batch entry (marking task rows, one percent or note for all of them).

use super::{Lang, pick};

/// Fixed words of the batch form.
pub struct Words {
    pub title: &'static str,
    pub percent: &'static str,
    pub note: &'static str,
    pub percent_hint: &'static str,
    pub note_hint: &'static str,
    pub saving: &'static str,
    pub nothing_typed: &'static str,
    pub not_yours: &'static str,
    pub no_units: &'static str,
    pub gone: &'static str,
    pub tasks_pane_first: &'static str,
    pub no_marks: &'static str,
    pub marks_cleared: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Words = Words {
    title: "批量填报",
    percent: "进度",
    note: "说明",
    percent_hint: "留空:各项进度不变;+10:各项加 10",
    note_hint: "记为“进展情况”;留空则说明为空,同单项填报",
    saving: "正在保存…",
    nothing_typed: "请填写进度或说明",
    not_yours: "不是本单位的任务",
    no_units: "没有责任单位",
    gone: "任务已删除或单位已变更",
    tasks_pane_first: "请先按 Tab 到任务窗格再标记",
    no_marks: "先用空格标记任务行,再按 B 批量填报",
    marks_cleared: "已取消全部标记",
};

static EN: Words = Words {
    title: "Batch entry",
    percent: "Percent",
    note: "Note",
    percent_hint: "empty: each keeps its percent; +10: adds 10 to each",
    note_hint: "saved as the progress part; empty means no note, as a single report",
    saving: "saving…",
    nothing_typed: "enter a percent or a note",
    not_yours: "not your department's task",
    no_units: "has no responsible unit",
    gone: "the task was deleted or its units changed",
    tasks_pane_first: "Tab to the tasks pane first, then mark",
    no_marks: "mark task rows with Space first, then B for batch entry",
    marks_cleared: "all marks cleared",
};

/// The form's heading: how many rows it will write.
pub fn heading(lang: Lang, n: usize) -> String {
    pick(
        lang,
        format!("批量填报 {n} 项"),
        format!("Batch entry: {}", super::en_u(n, "row", "rows")),
    )
}

/// Which assignment of each marked task the batch writes.
pub fn which_part(lang: Lang, admin: bool, department: Option<&str>) -> String {
    match (admin, department) {
        (true, Some(d)) => pick(
            lang,
            format!("每项写入 {d} 的部分;任务无此单位时写牵头单位"),
            format!("writes {d}'s part of each; the lead unit where the task lacks it"),
        ),
        (true, None) => pick(
            lang,
            "每项写入牵头单位的部分",
            "writes the lead unit's part of each",
        ),
        (false, d) => pick(
            lang,
            format!("每项写入本单位({})的部分", d.unwrap_or("?")),
            format!(
                "writes your department's part ({}) of each",
                d.unwrap_or("?")
            ),
        ),
    }
}

/// More rows than the screen shows.
pub fn more_rows(lang: Lang, n: usize) -> String {
    pick(lang, format!("… 另 {n} 项"), format!("… {n} more"))
}

/// A row the batch cannot write, or was refused: the row, then why.
pub fn row_refused(lang: Lang, row: &str, why: &str) -> String {
    pick(
        lang,
        format!("{row}:{why}。未保存任何一项"),
        format!("{row}: {why}. Nothing was saved"),
    )
}

/// Another clerk saved a row since the form read it: the form now shows their value.
pub fn row_conflict(lang: Lang, row: &str, why: &str) -> String {
    pick(
        lang,
        format!("{row}:{why}。未保存任何一项;表中已换为对方的当前值,再按 Ctrl-S 则在其上保存"),
        format!(
            "{row}: {why}. Nothing was saved; the form now shows their value, Ctrl-S saves over it"
        ),
    )
}

/// Rows that were done (100%) and would be lowered: asked once, saved on the second Ctrl-S.
pub fn confirm_lowering(lang: Lang, rows: &[String], percent: u8) -> String {
    let list = rows.join("、");
    pick(
        lang,
        format!("{list} 已报 100%(完成)。确要改为 {percent}%?再按 Ctrl-S 确认"),
        format!("{list} reported 100% (done). Lower to {percent}%? Ctrl-S again to confirm"),
    )
}

/// The summary after a batch went through.
pub fn saved(lang: Lang, n: usize) -> String {
    pick(
        lang,
        format!("已批量报送 {n} 项(u 逐项撤销)"),
        format!(
            "batch saved: {} (u undoes them one by one)",
            super::en_u(n, "report", "reports")
        ),
    )
}

/// The footer's count of marked rows, with the keys that act on them.
pub fn marked(lang: Lang, n: usize) -> String {
    pick(
        lang,
        format!("已标记 {n} 项 · B 批量填报 · Esc 取消标记"),
        format!("{n} marked · B batch entry · Esc unmark"),
    )
}

/// The same count, when the footer is narrow.
pub fn marked_short(lang: Lang, n: usize) -> String {
    pick(lang, format!("☑{n}"), format!("☑{n}"))
}

// `y`: copying the selected task as one line (OSC 52).

/// Said after `y`: what went to the clipboard.
pub fn copied(lang: Lang, line: &str) -> String {
    pick(
        lang,
        format!("已复制到剪贴板(OSC 52):{line}"),
        format!("copied to the clipboard (OSC 52): {line}"),
    )
}

/// The sequence could not be written to the terminal.
pub fn copy_failed(lang: Lang, why: &str) -> String {
    pick(
        lang,
        format!("未能复制:{why}"),
        format!("not copied: {why}"),
    )
}
