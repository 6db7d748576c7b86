//! Strings of 督办单 (issue 22), in Chinese and English.

use chrono::NaiveDate;

use super::{Lang, pick};
use crate::domain::{NoticeLevel as Level, NoticeRefusal as Refusal, NoticeState as State};

/// A level's name as offices say it: 蓝色提醒, 黄色督办, 红色挂牌督办.
pub fn level(lang: Lang, level: Level) -> &'static str {
    match (lang.zh(), level) {
        (true, Level::Blue) => "蓝色提醒",
        (true, Level::Yellow) => "黄色督办",
        (true, Level::Red) => "红色挂牌督办",
        (false, Level::Blue) => "blue reminder",
        (false, Level::Yellow) => "yellow notice",
        (false, Level::Red) => "red listed notice",
    }
}

/// The level as a short tag that reads without colour: "[Y 黄色督办]".
pub fn tag(lang: Lang, l: Level) -> String {
    format!("[{} {}]", l.letter(), level(lang, l))
}

/// The printed document's title per level.
pub fn title(lang: Lang, l: Level) -> &'static str {
    match (lang.zh(), l) {
        (true, Level::Blue) => "督办提醒单",
        (true, Level::Yellow) => "督办通知单",
        (true, Level::Red) => "挂牌督办通知单",
        (false, Level::Blue) => "Supervision reminder",
        (false, Level::Yellow) => "Supervision notice",
        (false, Level::Red) => "Listed supervision notice",
    }
}

pub fn state(lang: Lang, s: State) -> &'static str {
    match (lang.zh(), s) {
        (true, State::Open) => "待反馈",
        (true, State::Answered) => "已反馈待审核",
        (true, State::Closed) => "已办结",
        (true, State::Returned) => "已退回待反馈",
        (true, State::Escalated) => "已升级",
        (false, State::Open) => "awaiting reply",
        (false, State::Answered) => "replied, under review",
        (false, State::Closed) => "closed",
        (false, State::Returned) => "returned, awaiting reply",
        (false, State::Escalated) => "escalated",
    }
}

/// "逾期" after the state of an overdue notice.
pub fn overdue(lang: Lang) -> &'static str {
    if lang.zh() {
        "逾期未反馈"
    } else {
        "OVERDUE"
    }
}

/// The reason of an escalation: the notice left unanswered.
pub fn unanswered(lang: Lang, number: &str, reply_by: NaiveDate) -> String {
    pick(
        lang,
        format!("{number}逾期未反馈(应于{reply_by}前反馈)"),
        format!("{number} unanswered since its reply-by date {reply_by}"),
    )
}

/// Why a notice step or a new notice was refused, naming what to do.
pub fn refusal(lang: Lang, why: &Refusal) -> String {
    match why {
        Refusal::Denied(crate::domain::Denied::NotAdmin) => pick(
            lang,
            "只有督查科的管理员可以签发督办单、审核反馈",
            "only an admin of the supervision office may issue notices or review replies",
        ),
        Refusal::Denied(d) => super::denied(lang, "", *d).trim_start().to_string(),
        Refusal::AlreadyAnswered => pick(
            lang,
            "该督办单已反馈,正在等待督查科审核",
            "this notice has been replied to and waits for the office's review",
        ),
        Refusal::AlreadyClosed => pick(lang, "该督办单已办结", "this notice is closed"),
        Refusal::Escalated { by } => pick(
            lang,
            format!("该督办单已升级为 {by},请对 {by} 反馈"),
            format!("this notice was escalated by {by}; reply to {by}"),
        ),
        Refusal::NotAnswered(s) => pick(
            lang,
            format!("该督办单没有待审核的反馈(当前:{})", state(lang, *s)),
            format!(
                "this notice has no reply waiting for review (it is {})",
                state(lang, *s)
            ),
        ),
        Refusal::EmptyReply => pick(
            lang,
            "反馈需要写明内容(--text)",
            "a reply needs its text (--text)",
        ),
        Refusal::EmptyReason => pick(
            lang,
            "需要写明原因(--reason)",
            "a reason is needed (--reason)",
        ),
        Refusal::AlreadyOpen {
            number,
            level: l,
            reply_by,
        } => pick(
            lang,
            format!(
                "{number}({})尚在反馈期内(应于{reply_by}前反馈);逾期未反馈或提高等级后才能再发",
                level(lang, *l)
            ),
            format!(
                "{number} ({}) is still within its reply-by date {reply_by}; issue again once it is overdue, or at a higher level",
                level(lang, *l)
            ),
        ),
        Refusal::NotAUnit => pick(
            lang,
            "该单位不是这项任务的责任单位",
            "that department is not a unit of this task",
        ),
        Refusal::TaskClosed => pick(
            lang,
            "任务已办结,不再督办",
            "the task is closed; no notice is issued for it",
        ),
        Refusal::ReplyByPast { reply_by, today } => pick(
            lang,
            format!("反馈期限 {reply_by} 早于今天 {today}"),
            format!("the reply-by date {reply_by} is before today, {today}"),
        ),
        Refusal::BadPattern => pick(
            lang,
            "督办单编号格式(notice.number_pattern)缺少 {n};请管理员用 duban setting set 修改",
            "the notice number pattern (notice.number_pattern) has no {n}; an admin may fix it with duban setting set",
        ),
    }
}

/// The one line after a notice was issued.
pub fn issued(lang: Lang, number: &str, l: Level, unit: &str, reply_by: NaiveDate) -> String {
    pick(
        lang,
        format!(
            "已签发 {number}({}),致{unit},请于{reply_by}前反馈",
            level(lang, l)
        ),
        format!(
            "issued {number} ({}) to {unit}; reply by {reply_by}",
            level(lang, l)
        ),
    )
}

/// The one line after a step.
pub fn stepped(lang: Lang, step: crate::domain::NoticeStep, number: &str) -> String {
    use crate::domain::NoticeStep as S;
    match step {
        S::Reply => pick(
            lang,
            format!("{number} 已反馈,等待督查科审核"),
            format!("{number}: replied, waiting for the office's review"),
        ),
        S::Accept => pick(
            lang,
            format!("{number} 反馈已审核通过,督办单已办结"),
            format!("{number}: reply accepted, the notice is closed"),
        ),
        S::Return => pick(
            lang,
            format!("{number} 反馈已退回,单位需重新反馈"),
            format!("{number}: reply returned; the unit replies again"),
        ),
    }
}

pub fn step_name(lang: Lang, step: crate::domain::NoticeStep) -> &'static str {
    use crate::domain::NoticeStep as S;
    match (lang.zh(), step) {
        (true, S::Reply) => "反馈",
        (true, S::Accept) => "审核通过",
        (true, S::Return) => "退回",
        (false, S::Reply) => "reply",
        (false, S::Accept) => "accepted",
        (false, S::Return) => "returned",
    }
}

/// `--notice` that names no notice.
pub fn unknown_notice(lang: Lang, query: &str) -> String {
    pick(
        lang,
        format!("找不到督办单 {query}(用 duban notice list 查看编号)"),
        format!("no notice {query} (duban notice list shows the numbers)"),
    )
}

/// A number that two notices carry (a pattern without {year}).
pub fn ambiguous_notice(lang: Lang, query: &str, ids: &str) -> String {
    pick(
        lang,
        format!("编号 {query} 对应多份督办单(#{ids}),请用 #编号 指定"),
        format!("{query} names several notices (#{ids}); name one by #id"),
    )
}

/// `issue` without `--level` when the rules propose nothing for the task and unit.
pub fn no_proposal(lang: Lang) -> String {
    pick(
        lang,
        "这项任务该单位目前不需督办;如仍要签发,请用 --level 和 --reason 指定",
        "the rules propose no notice for this task and unit now; give --level and --reason to issue one anyway",
    )
}

/// `issue --reason` missing when there is no light's reason to take.
pub fn reason_needed(lang: Lang) -> String {
    pick(lang, "请用 --reason 写明督办事由", "say why with --reason")
}

/// `issue` without `--dept` when the task's lead cannot be told.
pub fn which_unit(lang: Lang, number: &str, leads: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 有多个牵头单位({leads}),请用 --dept 指定督办对象"),
        format!("task {number} has several lead units ({leads}); name one with --dept"),
    )
}

pub fn no_unit(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 没有牵头单位,请用 --dept 指定督办对象"),
        format!("task {number} has no lead unit; name the unit with --dept"),
    )
}

/// After the task count in `duban status`.
pub fn summary(lang: Lang, c: &crate::store::NoticeCounts) -> String {
    pick(
        lang,
        format!(
            "督办单 {} 件待反馈(逾期 {} 件),{} 件待审核",
            c.awaiting, c.overdue, c.under_review
        ),
        format!(
            "Notices: {} awaiting reply ({} overdue), {} under review",
            c.awaiting, c.overdue, c.under_review
        ),
    )
}

pub fn none(lang: Lang) -> &'static str {
    if lang.zh() {
        "没有督办单"
    } else {
        "no notices"
    }
}

pub fn none_proposed(lang: Lang) -> &'static str {
    if lang.zh() {
        "目前没有建议签发的督办单"
    } else {
        "no notice is proposed now"
    }
}

/// The default issuing office of a printed notice (setting `notice.office` empty).
pub fn default_office(lang: Lang) -> &'static str {
    if lang.zh() {
        "督查室"
    } else {
        "Supervision Office"
    }
}

/// After `print -o FILE`.
pub fn written(lang: Lang, path: &str) -> String {
    pick(
        lang,
        format!("督办单已写入 {path}"),
        format!("notice written to {path}"),
    )
}

/// Labels of lists, `show` and the printed document.
pub struct Words {
    pub number: &'static str,
    pub to: &'static str,
    pub task: &'static str,
    /// "任务" before a task's number in lists.
    pub task_short: &'static str,
    pub plan: &'static str,
    pub facts: &'static str,
    pub reason: &'static str,
    pub required: &'static str,
    pub reply_by: &'static str,
    pub issued: &'static str,
    pub state: &'static str,
    pub follows: &'static str,
    pub followed_by: &'static str,
    pub history: &'static str,
    pub proposed: &'static str,
    pub percent: &'static str,
    pub deadline: &'static str,
    pub lead: &'static str,
    pub co: &'static str,
    pub reply_line: &'static str,
    pub office: &'static str,
    pub date: &'static str,
    pub none_required: &'static str,
}

static ZH: Words = Words {
    number: "编号",
    to: "督办对象",
    task: "督办事项",
    task_short: "任务",
    plan: "所属计划",
    facts: "进展情况",
    reason: "督办事由",
    required: "督办要求",
    reply_by: "反馈期限",
    issued: "签发",
    state: "状态",
    follows: "前序督办单",
    followed_by: "已升级为",
    history: "办理记录",
    proposed: "建议",
    percent: "进度",
    deadline: "期限",
    lead: "牵头",
    co: "配合",
    reply_line: "请于反馈期限前将落实情况书面反馈(duban notice reply)。",
    office: "签发单位",
    date: "签发日期",
    none_required: "按期完成任务并反馈落实情况",
};

static EN: Words = Words {
    number: "Number",
    to: "To",
    task: "Task",
    task_short: "task",
    plan: "Plan",
    facts: "Progress",
    reason: "Reason",
    required: "Required",
    reply_by: "Reply by",
    issued: "Issued",
    state: "State",
    follows: "Follows",
    followed_by: "Escalated by",
    history: "History",
    proposed: "proposed",
    percent: "progress",
    deadline: "deadline",
    lead: "lead",
    co: "co-unit",
    reply_line: "Reply in writing by the date above (duban notice reply).",
    office: "Issued by",
    date: "Date",
    none_required: "Complete the task on time and report what was done",
};

pub fn words(lang: Lang) -> &'static Words {
    if lang.zh() { &ZH } else { &EN }
}
