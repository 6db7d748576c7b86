//! Strings of extensions (延期申请, issue 22), in Chinese and English.

use chrono::NaiveDate;

use super::{Lang, pick};
use crate::domain::{Denied, ExtensionRefusal, ExtensionStep};

/// A step's name in a history.
pub fn step(lang: Lang, step: ExtensionStep) -> &'static str {
    match (lang.zh(), step) {
        (true, ExtensionStep::Request) => "申请延期",
        (true, ExtensionStep::Approve) => "批准延期",
        (true, ExtensionStep::Refuse) => "不予延期",
        (false, ExtensionStep::Request) => "asked for more time",
        (false, ExtensionStep::Approve) => "extension approved",
        (false, ExtensionStep::Refuse) => "extension refused",
    }
}

/// The word lists show for a task whose deadline was extended.
pub fn extended(lang: Lang) -> &'static str {
    pick_static(lang, "已延期", "extended")
}

/// After the deadline in `duban tasks`: short, so the titles keep their room at 80 columns.
pub fn table_mark(lang: Lang) -> &'static str {
    pick_static(lang, "(延)", " ext")
}

/// The mark a TUI row puts before its deadline: one word in Chinese, one cell in English.
pub fn row_mark(lang: Lang) -> &'static str {
    pick_static(lang, "延", "+")
}

/// A request waiting, as a list says it.
pub fn pending(lang: Lang) -> &'static str {
    pick_static(lang, "延期待审批", "extension pending")
}

fn pick_static(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang.zh() { zh } else { en }
}

fn d(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Why an extension step was refused, naming what to do.
pub fn refusal(lang: Lang, why: &ExtensionRefusal) -> String {
    match why {
        ExtensionRefusal::Denied(Denied::NotAdmin) => pick(
            lang,
            "只有督查科的管理员可以批准或驳回延期申请",
            "only an admin of the supervision office may approve or refuse an extension",
        ),
        ExtensionRefusal::Denied(denied) => {
            super::denied(lang, "", *denied).trim_start().to_string()
        }
        ExtensionRefusal::NotAUnit => pick(
            lang,
            "该单位不是这项任务的责任单位,不能为它申请延期(--dept 请写任务的牵头或配合单位)",
            "that department is not a unit of the task (name one of its units with --dept)",
        ),
        ExtensionRefusal::Closed => pick(
            lang,
            "任务已办结,不能申请延期",
            "the task is closed; it needs no extension",
        ),
        ExtensionRefusal::Late { deadline } => pick(
            lang,
            format!(
                "已过完成期限 {},单位不能再申请延期;请联系督查科由管理员补办",
                d(*deadline)
            ),
            format!(
                "the deadline {} has passed: only an admin of the office may file it now",
                d(*deadline)
            ),
        ),
        ExtensionRefusal::AlreadyPending { asked } => pick(
            lang,
            format!("已有一项延期申请(至 {})正在等待督查科审批", d(*asked)),
            format!(
                "a request (to {}) is already waiting for the office's answer",
                d(*asked)
            ),
        ),
        ExtensionRefusal::NothingPending => pick(
            lang,
            "该任务没有待审批的延期申请",
            "the task has no extension request waiting for an answer",
        ),
        ExtensionRefusal::NotLater { deadline } => pick(
            lang,
            format!("新的期限须晚于现在的期限 {}", d(*deadline)),
            format!(
                "the new deadline must be later than the current one, {}",
                d(*deadline)
            ),
        ),
        ExtensionRefusal::OutOfRange { date } => pick(
            lang,
            format!("日期 {} 超出可记录的年份", d(*date)),
            format!("{} is outside the years the record holds", d(*date)),
        ),
        ExtensionRefusal::EmptyReason => {
            pick(lang, "请写明理由(--reason)", "give the reason (--reason)")
        }
    }
}

/// The one line after a step was saved.
pub fn saved(
    lang: Lang,
    step: ExtensionStep,
    number: &str,
    title: &str,
    date: Option<NaiveDate>,
) -> String {
    let date = date.map(d).unwrap_or_default();
    match step {
        ExtensionStep::Request => pick(
            lang,
            format!("任务 {number}「{title}」已申请延期至 {date},等待督查科审批"),
            format!("task {number} \"{title}\": asked to extend to {date}, waiting for the office"),
        ),
        ExtensionStep::Approve => pick(
            lang,
            format!("任务 {number}「{title}」已批准延期,完成期限改为 {date}"),
            format!("task {number} \"{title}\": extension approved, the deadline is now {date}"),
        ),
        ExtensionStep::Refuse => pick(
            lang,
            format!("任务 {number}「{title}」不予延期,申请单位可见理由"),
            format!("task {number} \"{title}\": extension refused; the unit sees the reason"),
        ),
    }
}

/// `extend request` without `--dept` when the unit cannot be told.
pub fn which_unit(lang: Lang, number: &str, units: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 有多个责任单位({units}),请用 --dept 指定申请单位"),
        format!("task {number} has several units ({units}); name the asking one with --dept"),
    )
}

/// `extend request` on a task with no unit.
pub fn no_unit(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 没有责任单位,不能申请延期"),
        format!("task {number} has no unit, so nobody may ask to extend it"),
    )
}

/// One history line: the step, the dates, who and when (local).
pub fn history_line(
    lang: Lang,
    step: ExtensionStep,
    old: NaiveDate,
    new: Option<NaiveDate>,
    unit: Option<&str>,
    by: &str,
    at: &str,
) -> String {
    let name = self::step(lang, step);
    let unit = unit.map(|u| format!("{u} ")).unwrap_or_default();
    match (step, new) {
        (ExtensionStep::Request, Some(new)) => pick(
            lang,
            format!("{at} {unit}{by} {name} {} → {}", d(old), d(new)),
            format!("{at} {unit}{by} {name}: {} → {}", d(old), d(new)),
        ),
        (ExtensionStep::Approve, Some(new)) => pick(
            lang,
            format!("{at} {by} {name} {} → {}", d(old), d(new)),
            format!("{at} {by} {name}: {} → {}", d(old), d(new)),
        ),
        _ => pick(
            lang,
            format!("{at} {by} {name}"),
            format!("{at} {by} {name}"),
        ),
    }
}

pub struct ListWords {
    pub reason: &'static str,
    pub note: &'static str,
    pub waiting: &'static str,
    pub none: &'static str,
    pub none_pending: &'static str,
}

static ZH: ListWords = ListWords {
    reason: "理由",
    note: "审批意见",
    waiting: "待审批",
    none: "没有延期申请",
    none_pending: "没有待审批的延期申请",
};

static EN: ListWords = ListWords {
    reason: "reason",
    note: "note",
    waiting: "waiting for an answer",
    none: "no extension requests",
    none_pending: "no extension request waiting for an answer",
};

pub fn words(lang: Lang) -> &'static ListWords {
    if lang.zh() { &ZH } else { &EN }
}

/// Words of extensions in the TUI: the detail's label, the prompts.
pub struct TuiWords {
    /// The detail's label of the extension lines ("延期").
    pub label: &'static str,
    pub reason_prompt: &'static str,
    pub refuse_prompt: &'static str,
    pub empty_reason: &'static str,
    /// The decision prompt's answer was neither y nor n.
    pub yes_or_no: &'static str,
    /// Before the plan's deadline of an extended task ("已延期 (原期限 2026-06-30)").
    pub was: &'static str,
    /// `T` by an editor whose department is not a unit of the task (the CLI's words name --dept).
    pub not_a_unit: &'static str,
}

static TUI_ZH: TuiWords = TuiWords {
    label: "延期",
    reason_prompt: "延期理由:",
    refuse_prompt: "不予延期的理由(申请单位会看到):",
    empty_reason: "请写理由",
    yes_or_no: "批准输入 y,驳回输入 n",
    was: "原期限",
    not_a_unit: "你的单位不是这项任务的责任单位,不能为它申请延期",
};

static TUI_EN: TuiWords = TuiWords {
    label: "Extension",
    reason_prompt: "why more time is needed:",
    refuse_prompt: "why it is refused (the unit sees it):",
    empty_reason: "write the reason",
    yes_or_no: "type y to approve, n to refuse",
    was: "was",
    not_a_unit: "your department is not a unit of this task, so it may not ask to extend it",
};

pub fn tui(lang: Lang) -> &'static TuiWords {
    if lang.zh() { &TUI_ZH } else { &TUI_EN }
}

/// The first prompt of a request: the new deadline, naming the current one.
pub fn date_prompt(lang: Lang, current: NaiveDate, unit: &str) -> String {
    pick(
        lang,
        format!("{unit} 申请延期,现期限 {},新期限(YYYY-MM-DD):", d(current)),
        format!("{unit}: new deadline (now {}), YYYY-MM-DD:", d(current)),
    )
}

/// The admin's first prompt on a pending request: approve or refuse, then what was asked (cut
/// at the screen's edge: the detail shows the whole reason).
pub fn decide_prompt(lang: Lang, unit: &str, asked: NaiveDate, reason: &str) -> String {
    pick(
        lang,
        format!(
            "y 批准 / n 驳回:{unit}申请延期至 {},理由:{reason}",
            d(asked)
        ),
        format!(
            "y approve / n refuse: {unit} asks for {}, because: {reason}",
            d(asked)
        ),
    )
}

/// The approval's prompt: the date granted, prefilled with the one asked.
pub fn grant_prompt(lang: Lang, current: NaiveDate) -> String {
    pick(
        lang,
        format!("批准延期至(现期限 {},可改):", d(current)),
        format!("extend to (deadline {}; may change):", d(current)),
    )
}
