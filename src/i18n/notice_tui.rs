//! Strings of 督办单 in the TUI (issue 22): the prompts of `F` and `N`, their refusals before
//! anything is typed, and the detail's lines, in Chinese and English.

use chrono::NaiveDate;

use super::{Lang, pick};
use crate::domain::NoticeLevel as Level;

/// Labels and one-line refusals of the TUI.
pub struct TuiWords {
    /// The detail's heading of the notices.
    pub label: &'static str,
    /// Before the unit's last reply in the detail.
    pub reply: &'static str,
    /// `F` on a task with no live notice.
    pub no_notice: &'static str,
    /// `F` by a unit's clerk when no live notice is addressed to their unit.
    pub none_for_unit: &'static str,
    /// `X` in the queue on a notice that waits for its unit's reply.
    pub nothing_to_return: &'static str,
    pub empty_reply: &'static str,
    pub empty_reason: &'static str,
    pub yes_or_no: &'static str,
    pub return_prompt: &'static str,
}

static TUI_ZH: TuiWords = TuiWords {
    label: "督办单",
    reply: "最近反馈",
    no_notice: "这项任务没有待反馈或待审核的督办单",
    none_for_unit: "这项任务没有致本单位、待反馈的督办单",
    nothing_to_return: "这份督办单还在等单位反馈,没有可退回的反馈:按 F 反馈",
    empty_reply: "请写反馈内容",
    empty_reason: "请写退回原因",
    yes_or_no: "请输入 y(通过)或 n(退回)",
    return_prompt: "退回原因(单位需重新反馈):",
};

static TUI_EN: TuiWords = TuiWords {
    label: "Notices",
    reply: "last reply",
    no_notice: "this task has no notice awaiting a reply or review",
    none_for_unit: "this task has no notice to your unit awaiting a reply",
    nothing_to_return: "this notice still waits for its unit's reply; there is nothing to return: F replies",
    empty_reply: "write the reply",
    empty_reason: "write why it is returned",
    yes_or_no: "type y (accept) or n (return)",
    return_prompt: "Why it is returned (the unit replies again):",
};

pub fn tui(lang: Lang) -> &'static TuiWords {
    if lang.zh() { &TUI_ZH } else { &TUI_EN }
}

/// `F` by the unit: the reply's prompt, naming the notice and its reply-by date.
pub fn reply_prompt(lang: Lang, number: &str, unit: &str, reply_by: NaiveDate) -> String {
    pick(
        lang,
        format!("{unit} 对 {number} 的反馈(落实情况,应于 {reply_by} 前):"),
        format!("{unit}'s reply to {number} (what was done; due {reply_by}):"),
    )
}

/// `F` by an admin on a reply waiting for review: the choice first, so a long reply cut at the
/// screen's edge keeps it.
pub fn review_prompt(lang: Lang, number: &str, unit: &str, reply: &str) -> String {
    pick(
        lang,
        format!("y 通过 / n 退回:{number} {unit} 反馈:{reply}"),
        format!("y accept / n return: {number}, {unit} replied: {reply}"),
    )
}

/// `N`: the question first (the line is cut at the screen's edge), then what will be issued.
pub fn issue_prompt(
    lang: Lang,
    level: Level,
    unit: &str,
    reason: &str,
    reply_by: NaiveDate,
) -> String {
    let tag = super::notice::tag(lang, level);
    pick(
        lang,
        format!("督办要求(可不填,Enter 签发){tag} 致{unit},{reply_by} 前反馈;事由:{reason}"),
        format!(
            "Required (may be empty; Enter issues) {tag} to {unit}, reply by {reply_by}; reason: {reason}"
        ),
    )
}

/// `N` where the rules propose nothing: the CLI issues one anyway.
pub fn no_proposal(lang: Lang, unit: &str) -> String {
    pick(
        lang,
        format!(
            "规则目前不建议就这项任务向{unit}签发督办单;如仍要签发,请用 duban notice issue --level --reason"
        ),
        format!(
            "the rules propose no notice to {unit} on this task now; duban notice issue --level --reason issues one anyway"
        ),
    )
}

/// The detail's line of one notice: number, level, unit, state, reply-by date.
pub fn detail_line(
    lang: Lang,
    number: &str,
    level: Level,
    unit: &str,
    state: &str,
    reply_by: NaiveDate,
) -> String {
    let tag = super::notice::tag(lang, level);
    pick(
        lang,
        format!("{number} {tag} 致{unit} {state},{reply_by} 前反馈"),
        format!("{number} {tag} to {unit}: {state}, reply by {reply_by}"),
    )
}
