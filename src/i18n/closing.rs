//! Strings of closing a task (办结销号, issue 22), in Chinese and English.

use super::{Lang, pick};
use crate::domain::{Closing, ClosingRefusal, ClosingStep};

/// A state's name, as lists show it.
pub fn state(lang: Lang, state: Closing) -> &'static str {
    match (lang.zh(), state) {
        (true, Closing::Open) => "推进中",
        (true, Closing::Pending) => "待审核",
        (true, Closing::Closed) => "已办结",
        (true, Closing::Returned) => "已退回",
        (false, Closing::Open) => "open",
        (false, Closing::Pending) => "pending review",
        (false, Closing::Closed) => "closed",
        (false, Closing::Returned) => "sent back",
    }
}

/// A glyph that tells the state without colour.
pub fn glyph(state: Closing) -> &'static str {
    match state {
        Closing::Open => " ",
        Closing::Pending => "◇",
        Closing::Closed => "■",
        Closing::Returned => "↺",
    }
}

/// A step's name in a history.
pub fn step(lang: Lang, step: ClosingStep) -> &'static str {
    match (lang.zh(), step) {
        (true, ClosingStep::Apply) => "申请办结",
        (true, ClosingStep::Approve) => "审核通过",
        (true, ClosingStep::Return) => "退回",
        (true, ClosingStep::Reopen) => "重新打开",
        (false, ClosingStep::Apply) => "applied to close",
        (false, ClosingStep::Approve) => "approved",
        (false, ClosingStep::Return) => "sent back",
        (false, ClosingStep::Reopen) => "reopened",
    }
}

/// Why a closing step was refused, naming what to do.
pub fn refusal(lang: Lang, why: &ClosingRefusal) -> String {
    match why {
        ClosingRefusal::Denied(crate::domain::Denied::NotAdmin) => pick(
            lang,
            "只有督查科的管理员可以审核、退回或重新打开办结",
            "only an admin of the supervision office may review, send back or reopen a closing",
        ),
        ClosingRefusal::Denied(d) => super::denied(lang, "", *d).trim_start().to_string(),
        ClosingRefusal::NotLead => pick(
            lang,
            "只有牵头单位可以申请办结(--dept 请写牵头单位)",
            "only a lead unit may apply to close the task (name it with --dept)",
        ),
        ClosingRefusal::LeadNotDone { percent } => pick(
            lang,
            format!(
                "牵头单位进度为 {}%,达到 100% 才能申请办结;先报送 100%",
                percent.value()
            ),
            format!(
                "the lead unit stands at {}%; it may apply to close at 100% (report 100 first)",
                percent.value()
            ),
        ),
        ClosingRefusal::AlreadyPending => pick(
            lang,
            "已申请办结,正在等待督查科审核",
            "already applied for, waiting for the office's review",
        ),
        ClosingRefusal::AlreadyClosed => pick(
            lang,
            "任务已办结;需要重新打开请管理员执行 duban close reopen",
            "the task is already closed; an admin may reopen it with `duban close reopen`",
        ),
        ClosingRefusal::NotPending(state) => pick(
            lang,
            format!(
                "该任务没有待审核的办结申请(当前:{})",
                self::state(lang, *state)
            ),
            format!(
                "the task has no application waiting for review (it is {})",
                self::state(lang, *state)
            ),
        ),
        ClosingRefusal::NotClosed(state) => pick(
            lang,
            format!(
                "只有已办结的任务可以重新打开(当前:{})",
                self::state(lang, *state)
            ),
            format!(
                "only a closed task may be reopened (it is {})",
                self::state(lang, *state)
            ),
        ),
        ClosingRefusal::EmptyNote => pick(
            lang,
            "申请办结需要写办结说明(--note)",
            "an application to close needs a closing note (--note)",
        ),
        ClosingRefusal::NeedsWhy { below } => pick(
            lang,
            format!("有 {below} 个单位进度未到 100%,请用 --why 说明原因"),
            format!("{below} unit(s) below 100%: say why with --why"),
        ),
        ClosingRefusal::EmptyReason => pick(
            lang,
            "退回或重新打开需要写明原因(--reason)",
            "sending back or reopening needs a reason (--reason)",
        ),
    }
}

/// The one line after a step was saved.
pub fn saved(lang: Lang, step: ClosingStep, number: &str, title: &str) -> String {
    match step {
        ClosingStep::Apply => pick(
            lang,
            format!("任务 {number}「{title}」已申请办结,等待督查科审核"),
            format!("task {number} \"{title}\": applied to close, waiting for review"),
        ),
        ClosingStep::Approve => pick(
            lang,
            format!("任务 {number}「{title}」审核通过,已办结"),
            format!("task {number} \"{title}\": approved, closed"),
        ),
        ClosingStep::Return => pick(
            lang,
            format!("任务 {number}「{title}」已退回,单位可见退回原因"),
            format!("task {number} \"{title}\": sent back; the unit sees the reason"),
        ),
        ClosingStep::Reopen => pick(
            lang,
            format!("任务 {number}「{title}」已重新打开"),
            format!("task {number} \"{title}\": reopened"),
        ),
    }
}

/// `close apply` without `--dept` when the lead cannot be told.
pub fn which_lead(lang: Lang, number: &str, leads: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 有多个牵头单位({leads}),请用 --dept 指定申请单位"),
        format!(
            "task {number} has several lead units ({leads}); name the applying one with --dept"
        ),
    )
}

/// `close apply` on a task with no lead unit.
pub fn no_lead(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 没有牵头单位,不能申请办结"),
        format!("task {number} has no lead unit, so nobody may apply to close it"),
    )
}

/// After the task count in `duban status`: where the tasks stand in closing.
pub fn summary(lang: Lang, c: &crate::store::ClosingCounts) -> String {
    pick(
        lang,
        format!(
            ";■已办结 {} 项,◇待审核 {} 项,↺已退回 {} 项",
            c.closed, c.pending, c.returned
        ),
        format!(
            "; ■ {} closed, ◇ {} pending review, ↺ {} sent back",
            c.closed, c.pending, c.returned
        ),
    )
}

pub struct ListWords {
    pub state: &'static str,
    pub task: &'static str,
    pub since: &'static str,
    pub by: &'static str,
    pub units: &'static str,
    pub note: &'static str,
    pub why: &'static str,
    pub reason: &'static str,
    pub none: &'static str,
    pub none_pending: &'static str,
}

static ZH: ListWords = ListWords {
    state: "状态",
    task: "任务",
    since: "时间",
    by: "经办人",
    units: "各单位进度",
    note: "办结说明",
    why: "未达100%原因",
    reason: "原因",
    none: "没有办结记录",
    none_pending: "没有待审核的办结申请",
};

static EN: ListWords = ListWords {
    state: "state",
    task: "task",
    since: "at",
    by: "by",
    units: "units",
    note: "closing note",
    why: "why below 100%",
    reason: "reason",
    none: "no task has a closing step",
    none_pending: "no application waiting for review",
};

pub fn words(lang: Lang) -> &'static ListWords {
    if lang.zh() { &ZH } else { &EN }
}

/// Words of closing in the TUI: the detail's lines, the prompts, the footer's keys.
pub struct TuiWords {
    /// The detail's label of the closing state ("办结").
    pub closing: &'static str,
    /// Before the reason a task was sent back with, in the detail and the progress form.
    pub return_reason: &'static str,
    pub note_prompt: &'static str,
    pub approve_prompt: &'static str,
    pub return_prompt: &'static str,
    pub reopen_prompt: &'static str,
    /// Enter on an empty note or reason.
    pub empty_note: &'static str,
    pub empty_reason: &'static str,
    pub empty_reopen: &'static str,
    /// The selected row has no task (a heading, nothing loaded yet).
    pub no_task: &'static str,
    /// `K` by a unit that does not lead the task (the CLI's words name `--dept`).
    pub not_lead: &'static str,
}

static TUI_ZH: TuiWords = TuiWords {
    closing: "办结",
    return_reason: "退回原因",
    note_prompt: "办结说明(做了什么):",
    approve_prompt: "审核通过这项申请?可写审核意见",
    return_prompt: "退回原因(申请单位会看到):",
    reopen_prompt: "重新打开这项已办结的任务,原因(单位会看到):",
    empty_note: "请写办结说明",
    empty_reason: "请写退回原因",
    empty_reopen: "请写重新打开的原因",
    no_task: "先选中一项任务",
    not_lead: "只有牵头单位可以申请办结",
};

static TUI_EN: TuiWords = TuiWords {
    closing: "Closing",
    return_reason: "sent back because",
    note_prompt: "closing note (what was done):",
    approve_prompt: "approve? a note is optional",
    return_prompt: "reason for sending it back (the unit sees it):",
    reopen_prompt: "reopen this closed task; the reason (the unit sees it):",
    empty_note: "write a closing note",
    empty_reason: "write the reason",
    empty_reopen: "write why it is reopened",
    no_task: "select a task first",
    not_lead: "only a lead unit may apply to close the task",
};

pub fn tui(lang: Lang) -> &'static TuiWords {
    if lang.zh() { &TUI_ZH } else { &TUI_EN }
}

/// The second prompt of an application: why `below` units are not at 100%.
pub fn why_prompt(lang: Lang, below: usize) -> String {
    pick(
        lang,
        format!("有 {below} 个单位未到 100%,说明原因:"),
        format!(
            "{below} unit{} below 100%; say why:",
            if below == 1 { " is" } else { "s are" }
        ),
    )
}

/// The detail's closing line after the state: the last step, who took it and when.
pub fn last_step(lang: Lang, step: ClosingStep, by: &str, at: &str) -> String {
    pick(
        lang,
        format!("{by} {at} {}", self::step(lang, step)),
        format!("{} by {by}, {at}", self::step(lang, step)),
    )
}

/// The review queue's words (`I`).
pub struct QueueWords {
    pub title_admin: &'static str,
    pub title_unit: &'static str,
    pub reading: &'static str,
    pub empty: &'static str,
    /// Enter on an item whose task view 2 cannot show (another plan is shown).
    pub not_shown: &'static str,
    /// `F` on an item that is not a 督办单.
    pub reply_on_notice: &'static str,
    /// Before a notice's and an extension's rows' details.
    pub extension: &'static str,
    pub asked: &'static str,
    pub reply: &'static str,
    pub reply_by: &'static str,
}

static QUEUE_ZH: QueueWords = QueueWords {
    title_admin: "待办:待审核的办结申请、延期申请和督办反馈(最早的在前)",
    title_unit: "待办:本单位待审核、被退回的任务和待反馈的督办单",
    reading: "读取中…",
    empty: "没有待办事项",
    not_shown: "这项任务不在当前计划中(按 P 切换计划)",
    reply_on_notice: "F 反馈只用于督办单;办结申请和延期申请按 V 通过、X 退回",
    extension: "延期申请",
    asked: "申请延至",
    reply: "反馈",
    reply_by: "反馈期限",
};

static QUEUE_EN: QueueWords = QueueWords {
    title_admin: "Queue: to close, extensions, notice replies; oldest first",
    title_unit: "Queue: your tasks in review or sent back, notices to answer",
    reading: "reading…",
    empty: "nothing waits",
    not_shown: "that task is not in the plan shown (P switches plans)",
    reply_on_notice: "F replies to a notice; V approves and X sends back the other items",
    extension: "extension request",
    asked: "asks for",
    reply: "reply",
    reply_by: "reply by",
};

pub fn queue_words(lang: Lang) -> &'static QueueWords {
    if lang.zh() { &QUEUE_ZH } else { &QUEUE_EN }
}

/// The queue's count after its title.
pub fn queue_count(lang: Lang, n: usize) -> String {
    pick(
        lang,
        format!("{n} 项"),
        format!("{n} item{}", if n == 1 { "" } else { "s" }),
    )
}

/// How long an item has waited, at the end of its row.
pub fn queue_age(lang: Lang, days: i64) -> String {
    match (lang.zh(), days) {
        (true, 0) => "今天".into(),
        (true, d) => format!("{d}天"),
        (false, 0) => "today".into(),
        (false, d) => format!("{d}d"),
    }
}

/// A unit's role after its name in the queue: "(牵头)" / "(lead)", nothing for a co-unit.
pub fn role_mark(lang: Lang, role: crate::domain::Role) -> &'static str {
    match (lang.zh(), role) {
        (true, crate::domain::Role::Lead) => "(牵头)",
        (false, crate::domain::Role::Lead) => " (lead)",
        _ => "",
    }
}
