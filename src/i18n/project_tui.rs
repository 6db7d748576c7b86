//! Strings of the TUI's entry of key projects and milestones (issue 23): the task editor's
//! project page and its milestone dialog, and a unit's investment and milestone forms.

use super::{Lang, pick};
use crate::domain::project::amount_text;

/// Fixed words of the editor's project page.
pub struct PageWords {
    pub title: &'static str,
    /// Owner, total, this year's plan, milestones.
    pub labels: [&'static str; 4],
    pub unit: &'static str,
    pub owner_hint: &'static str,
    pub no_milestones: &'static str,
    pub list_hint: &'static str,
    pub page_hint: &'static str,
    pub reached: &'static str,
    pub dialog_title: &'static str,
    /// Name, planned date, share.
    pub dialog_labels: [&'static str; 3],
    pub share_hint: &'static str,
    pub dialog_keys: &'static str,
    pub empty_name: &'static str,
    pub bad_share: &'static str,
}

static PAGE_ZH: PageWords = PageWords {
    title: "项目与节点",
    labels: ["建设单位", "总投资", "年度计划", "节点"],
    unit: "万元",
    owner_hint: "填写建设单位或投资即为重点项目;全部清空则不再是",
    no_milestones: "(尚无节点:按 a 添加)",
    list_hint: "a 添加  Enter 修改  x 删除  J/K 下移/上移  PgUp 任务信息",
    page_hint: "PgDn 项目与节点",
    reached: "已达到",
    dialog_title: "节点",
    dialog_labels: ["名称", "计划日期", "占比"],
    share_hint: "%(可不填:到此节点应完成的进度)",
    dialog_keys: "Enter 确定  Tab 下一栏  Esc 返回",
    empty_name: "请填写节点名称",
    bad_share: "占比须为 0 到 100 的整数,可不填",
};

static PAGE_EN: PageWords = PageWords {
    title: "Project & milestones",
    labels: ["Owner", "Total", "Year plan", "Milestones"],
    unit: "(10k yuan)",
    owner_hint: "an owner or amount makes it a key project; all cleared, no longer",
    no_milestones: "(no milestone yet: press a to add)",
    list_hint: "a add  Enter change  x remove  J/K move down/up  PgUp task",
    page_hint: "PgDn project",
    reached: "reached",
    dialog_title: "Milestone",
    dialog_labels: ["Name", "Planned", "Share"],
    share_hint: "% (optional: completion due there)",
    dialog_keys: "Enter ok  Tab next  Esc back",
    empty_name: "enter the milestone's name",
    bad_share: "the share is a whole number from 0 to 100, or empty",
};

pub fn page(lang: Lang) -> &'static PageWords {
    match lang {
        Lang::Zh => &PAGE_ZH,
        Lang::En => &PAGE_EN,
    }
}

/// After the year plan's field: its unit and year.
pub fn plan_after(lang: Lang, year: i32) -> String {
    pick(
        lang,
        format!("万元({year}年)"),
        format!("(10k yuan, {year})"),
    )
}

pub fn bad_date(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("“{typed}”不是日期:写作 2026-06-30,或 6月底前"),
        format!("'{typed}' is no date: write 2026-06-30 (or 6月底前)"),
    )
}

pub fn bad_total(lang: Lang, typed: &str, plan: bool) -> String {
    let (zh, en) = if plan {
        ("年度计划投资", "this year's plan")
    } else {
        ("总投资", "the total")
    };
    pick(
        lang,
        format!("{zh}“{typed}”不是金额:写数字,单位万元,如 12000"),
        format!("{en} '{typed}' is no amount: a number in 10,000 yuan, e.g. 12000"),
    )
}

/// Fixed words of a unit's two forms.
pub struct EntryWords {
    pub investment_title: &'static str,
    pub milestone_title: &'static str,
    /// Month, year to date, note, reason.
    pub labels: [&'static str; 4],
    pub month_hint: &'static str,
    pub amount_hint: &'static str,
    pub reason_hint: &'static str,
    pub none_yet: &'static str,
    pub empty_amount: &'static str,
    pub reached_on: &'static str,
    pub note: &'static str,
    pub why_undo: &'static str,
    pub date_hint: &'static str,
    pub empty_why: &'static str,
    pub no_milestones: &'static str,
    pub list_head: &'static str,
    pub saving: &'static str,
    pub help_title: &'static str,
}

static ENTRY_ZH: EntryWords = EntryWords {
    investment_title: "投资填报",
    milestone_title: "节点达到",
    labels: ["月份", "本年累计", "说明", "原因"],
    month_hint: "写作 2026-10",
    amount_hint: "万元:本年累计完成投资,截至该月末",
    reason_hint: "低于本年上次填报时必填",
    none_yet: "本年尚未填报",
    empty_amount: "请填写本年累计完成投资(万元)",
    reached_on: "达到日期",
    note: "说明",
    why_undo: "撤销原因",
    date_hint: "默认今天,写作 2026-11-23",
    empty_why: "撤销达到标记须写明原因",
    no_milestones: "该任务还没有节点:请管理员在任务编辑器(E,PgDn)中添加",
    list_head: "↑↓ 选择节点",
    saving: "正在保存…",
    help_title: "重点项目填报",
};

static ENTRY_EN: EntryWords = EntryWords {
    investment_title: "Investment",
    milestone_title: "Milestone reached",
    labels: ["Month", "Year total", "Note", "Reason"],
    month_hint: "as 2026-10",
    amount_hint: "10k yuan, the year's total at the month's end",
    reason_hint: "needed when below the year's last figure",
    none_yet: "nothing reported this year",
    empty_amount: "enter the year's cumulative investment (10k yuan)",
    reached_on: "Reached on",
    note: "Note",
    why_undo: "Why undo",
    date_hint: "today unless changed; as 2026-11-23",
    empty_why: "taking a mark back needs the reason",
    no_milestones: "this task has no milestone yet: an admin adds them in the task editor (E, PgDn)",
    list_head: "↑↓ pick a milestone",
    saving: "saving…",
    help_title: "Key project entry",
};

pub fn entry(lang: Lang) -> &'static EntryWords {
    match lang {
        Lang::Zh => &ENTRY_ZH,
        Lang::En => &ENTRY_EN,
    }
}

/// The project's facts over the investment form.
pub fn facts(
    lang: Lang,
    owner: &str,
    total: Option<f64>,
    year: i32,
    planned: Option<f64>,
) -> String {
    let dash = |v: Option<f64>| v.map_or_else(|| "—".to_string(), amount_text);
    pick(
        lang,
        format!(
            "建设单位 {owner} · 总投资 {}万元 · {year}年计划 {}万元",
            dash(total),
            dash(planned)
        ),
        format!(
            "owner {owner} · total {} · {year} plan {} (10k yuan)",
            dash(total),
            dash(planned)
        ),
    )
}

/// The year's figures so far, and the year's rate.
pub fn reported(lang: Lang, parts: &[String], rate: Option<f64>) -> String {
    let rate = rate
        .map(|r| format!("{r:.1}%"))
        .unwrap_or_else(|| "—".into());
    pick(
        lang,
        format!("本年已报:{} · 完成率 {rate}", parts.join(" · ")),
        format!("this year: {} · rate {rate}", parts.join(" · ")),
    )
}

/// The reason is required: the figure falls below the one reported for `month`.
pub fn reason_needed(lang: Lang, month: &str, previous: f64) -> String {
    pick(
        lang,
        format!("必填:低于{month}已报的{}万元", amount_text(previous)),
        format!(
            "required: below the {} reported for {month}",
            amount_text(previous)
        ),
    )
}

pub fn falls_without_reason(lang: Lang, month: &str, previous: f64) -> String {
    pick(
        lang,
        format!(
            "本年累计完成投资低于{month}已报的{}万元:请在“原因”栏说明",
            amount_text(previous)
        ),
        format!(
            "below the {} reported for {month}: say why under Reason",
            amount_text(previous)
        ),
    )
}

pub fn bad_month(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("月份“{typed}”读不懂:写作 2026-10"),
        format!("cannot read the month '{typed}': write 2026-10"),
    )
}

pub fn investment_saved(lang: Lang, number: &str, title: &str, month: &str, amount: f64) -> String {
    pick(
        lang,
        format!(
            "已填报 {number} {title}:{month} 本年累计完成投资 {}万元",
            amount_text(amount)
        ),
        format!(
            "saved {number} {title}: {month}, {} (10k yuan) this year",
            amount_text(amount)
        ),
    )
}

/// A milestone's state in the form's list: reached (with who), late, or to come.
pub fn milestone_state(lang: Lang, reached: Option<(&str, &str)>, late: i64) -> String {
    match reached {
        Some((on, by)) => pick(
            lang,
            format!("✓ 达到 {on}({by})"),
            format!("✓ reached {on} ({by})"),
        ),
        None if late > 0 => pick(
            lang,
            format!("— 逾期{late}天"),
            format!("— {late} days late"),
        ),
        None => "—".to_string(),
    }
}

pub fn planned(lang: Lang, on: &str) -> String {
    pick(lang, format!("计划 {on}"), format!("planned {on}"))
}

pub fn taking_back(lang: Lang, on: &str) -> String {
    pick(
        lang,
        format!("已于 {on} 达到:保存将撤销这一标记,须写明原因"),
        format!("reached on {on}: saving takes the mark back, with the reason"),
    )
}

pub fn bad_day(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("“{typed}”不是日期:写作 2026-11-23"),
        format!("'{typed}' is no date: write 2026-11-23"),
    )
}

pub fn reached_saved(lang: Lang, number: &str, name: &str, on: Option<&str>) -> String {
    match on {
        Some(on) => pick(
            lang,
            format!("已标记 {number} 的节点“{name}”于 {on} 达到"),
            format!("{number}: milestone '{name}' marked reached on {on}"),
        ),
        None => pick(
            lang,
            format!("已撤销 {number} 的节点“{name}”的达到标记"),
            format!("{number}: the mark of milestone '{name}' was taken back"),
        ),
    }
}

pub fn question_discard(lang: Lang) -> (String, String) {
    (
        pick(lang, "放弃填写的内容?", "Throw away what you typed?"),
        pick(
            lang,
            "y 放弃并关闭    n 或 Esc 继续填写",
            "y discard    n or Esc keep typing",
        ),
    )
}
