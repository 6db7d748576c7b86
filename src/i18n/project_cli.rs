//! Strings of the key-project and milestone commands (`duban project`, `invest`, `milestone`,
//! issue 23), in Chinese and English. The store's refusals are worded in `i18n::project`.

use super::{Lang, en_n, en_u, pick};
use crate::domain::project::{CompletionSource, amount_text};

/// A month that cannot be read.
pub fn bad_month(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("无法识别月份“{typed}”:请写成 2026-11"),
        format!("cannot read the month \"{typed}\": write it as 2026-11"),
    )
}

/// An amount that cannot be read or is out of range.
pub fn bad_amount(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("金额“{typed}”不对:须为0至1亿之间的数字,单位万元(如 1200 或 1,200.5)"),
        format!(
            "the amount \"{typed}\" is wrong: a number from 0 to 100,000,000, in 10,000 yuan (1200 or 1,200.5)"
        ),
    )
}

/// A year that cannot be read.
pub fn bad_year(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("年份“{typed}”不对:须为1900至2200之间的年份,如 2026"),
        format!("the year \"{typed}\" is wrong: a year from 1900 to 2200, such as 2026"),
    )
}

/// A milestone's share that cannot be read.
pub fn bad_share(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("节点进度“{typed}”不对:须为0到100的整数(如 60 或 60%),none 表示不设"),
        format!(
            "the share \"{typed}\" is wrong: a whole number from 0 to 100 (60 or 60%), none for no share"
        ),
    )
}

/// `project show --task` on a task that is not a key project.
pub fn not_a_project(lang: Lang, number: &str, title: &str) -> String {
    pick(
        lang,
        format!("任务 {number}「{title}」不是重点项目(管理员可用 duban project set 设置)"),
        format!(
            "task {number} \"{title}\" is not a key project (an admin sets one with duban project set)"
        ),
    )
}

/// `project show` when no task is a key project.
pub fn no_projects(lang: Lang) -> &'static str {
    if lang.zh() {
        "没有重点项目"
    } else {
        "no key projects"
    }
}

/// Where completion is read from, in words.
pub fn source(lang: Lang, s: CompletionSource) -> &'static str {
    match (lang.zh(), s) {
        (true, CompletionSource::Percent) => "单位填报的进度",
        (true, CompletionSource::Investment) => "完成投资占总投资",
        (true, CompletionSource::Milestones) => "已达到的节点",
        (false, CompletionSource::Percent) => "the units' reported percent",
        (false, CompletionSource::Investment) => "investment completed over the total",
        (false, CompletionSource::Milestones) => "the milestones reached",
    }
}

/// An amount in a table cell (the unit is in the heading): "1200", "—" when none.
pub fn cell(amount: Option<f64>) -> String {
    amount.map_or_else(|| "—".to_string(), amount_text)
}

/// A rate in a table cell: "64.0%", "—" when nothing is planned.
pub fn rate_cell(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{r:.1}%"))
}

/// An amount with its unit, "—" when none.
fn amount(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| super::project::amount(lang, v))
}

/// The headings of `project show`'s table, the planned column naming the year.
pub fn table_heads(lang: Lang, year: i32) -> [String; 8] {
    if lang.zh() {
        [
            "编号".into(),
            "项目".into(),
            "建设单位".into(),
            "总投资".into(),
            format!("{year}年计划"),
            "本年完成".into(),
            "完成率".into(),
            "状态".into(),
        ]
    } else {
        [
            "No.".into(),
            "Project".into(),
            "Owner".into(),
            "Total".into(),
            format!("Plan {year}"),
            "Done".into(),
            "Rate".into(),
            "Light".into(),
        ]
    }
}

/// The line above `project show`'s table.
pub fn table_caption(lang: Lang, n: usize, today: &str) -> String {
    pick(
        lang,
        format!("重点项目 {n} 个(金额单位:万元;本年完成为本年累计完成投资,截至 {today})"),
        format!(
            "{} (in 10,000 yuan; done: this year's cumulative, as of {today})",
            en_u(n, "key project", "key projects")
        ),
    )
}

pub fn total_row(lang: Lang) -> &'static str {
    if lang.zh() { "合计" } else { "Total" }
}

/// `project show --task`: the lines about the project, before its figures.
pub struct ProjectLines<'a> {
    pub owner: &'a str,
    pub total: Option<f64>,
    pub source: CompletionSource,
    pub plans: &'a [(i32, f64)],
    pub year: i32,
    pub planned: Option<f64>,
    pub completed: Option<f64>,
    pub rate: Option<f64>,
    pub to_date: f64,
    pub today: &'a str,
}

pub fn project_lines(lang: Lang, p: &ProjectLines<'_>) -> Vec<String> {
    let owner = if p.owner.is_empty() { "—" } else { p.owner };
    let plans: Vec<String> = p
        .plans
        .iter()
        .map(|(y, v)| {
            pick(
                lang,
                format!("{y}年 {}", amount(lang, Some(*v))),
                format!("{y}: {}", amount(lang, Some(*v))),
            )
        })
        .collect();
    let plans = if plans.is_empty() {
        "—".to_string()
    } else {
        plans.join(if lang.zh() { ";" } else { "; " })
    };
    let share = p
        .total
        .filter(|t| *t > 0.0)
        .map(|t| format!("{:.1}%", p.to_date * 100.0 / t));
    vec![
        pick(
            lang,
            format!(
                "建设单位:{owner}    总投资:{}    完成度取自:{}",
                amount(lang, p.total),
                source(lang, p.source)
            ),
            format!(
                "Owner: {owner}    Total: {}    Completion from: {}",
                amount(lang, p.total),
                source(lang, p.source)
            ),
        ),
        pick(
            lang,
            format!("年度计划投资:{plans}"),
            format!("Planned per year: {plans}"),
        ),
        pick(
            lang,
            format!(
                "{}年:计划 {},本年累计完成 {},完成率 {}(截至 {})",
                p.year,
                amount(lang, p.planned),
                amount(lang, p.completed),
                rate_cell(p.rate),
                p.today
            ),
            format!(
                "{}: planned {}, completed this year {}, rate {} (as of {})",
                p.year,
                amount(lang, p.planned),
                amount(lang, p.completed),
                rate_cell(p.rate),
                p.today
            ),
        ),
        match share {
            Some(s) => pick(
                lang,
                format!(
                    "累计完成投资:{},占总投资 {s}",
                    amount(lang, Some(p.to_date))
                ),
                format!(
                    "Completed to date: {}, {s} of the total",
                    amount(lang, Some(p.to_date))
                ),
            ),
            None => pick(
                lang,
                format!("累计完成投资:{}", amount(lang, Some(p.to_date))),
                format!("Completed to date: {}", amount(lang, Some(p.to_date))),
            ),
        },
    ]
}

/// The headings of a project's figures.
pub fn figure_heads(lang: Lang) -> [&'static str; 6] {
    if lang.zh() {
        ["月份", "本年累计完成", "填报单位", "填报人", "时间", "说明"]
    } else {
        ["Month", "Year to date", "Unit", "By", "At", "Note"]
    }
}

pub fn no_figures(lang: Lang) -> &'static str {
    if lang.zh() {
        "尚未填报完成投资"
    } else {
        "no investment reported yet"
    }
}

/// A figure a later one of the same month replaced.
pub fn corrected(lang: Lang) -> &'static str {
    if lang.zh() {
        "(已更正)"
    } else {
        "(corrected)"
    }
}

/// A figure's reason for falling, in its note cell.
pub fn reason(lang: Lang, why: &str) -> String {
    pick(lang, format!("原因:{why}"), format!("reason: {why}"))
}

/// `project set` saved.
pub fn project_saved(
    lang: Lang,
    number: &str,
    title: &str,
    owner: &str,
    total: Option<f64>,
    plan: Option<(i32, f64)>,
) -> String {
    let owner = if owner.is_empty() { "—" } else { owner };
    let plan_zh = plan.map_or_else(String::new, |(y, v)| {
        format!(",{y}年计划投资 {}", amount(lang, Some(v)))
    });
    let plan_en = plan.map_or_else(String::new, |(y, v)| {
        format!(", planned for {y} {}", amount(lang, Some(v)))
    });
    pick(
        lang,
        format!(
            "已保存重点项目 {number}「{title}」:建设单位 {owner},总投资 {}{plan_zh}",
            amount(lang, total)
        ),
        format!(
            "key project {number} \"{title}\" saved: owner {owner}, total {}{plan_en}",
            amount(lang, total)
        ),
    )
}

/// `project set --not-a-project` done.
pub fn project_dropped(lang: Lang, number: &str, title: &str, was: bool) -> String {
    match (lang.zh(), was) {
        (true, true) => {
            format!("任务 {number}「{title}」不再是重点项目(已填报的投资和节点留在记录中)")
        }
        (true, false) => format!("任务 {number}「{title}」本来就不是重点项目,未作改动"),
        (false, true) => format!(
            "task {number} \"{title}\" is no longer a key project (its figures and milestones stay on record)"
        ),
        (false, false) => {
            format!("task {number} \"{title}\" was not a key project; nothing changed")
        }
    }
}

/// `invest` saved: the figure, and the year's plan and rate when there is a plan.
pub fn invest_saved(
    lang: Lang,
    number: &str,
    title: &str,
    unit: &str,
    month: &str,
    value: f64,
    planned: Option<(i32, f64, Option<f64>)>,
) -> String {
    let tail_zh = planned.map_or_else(String::new, |(y, p, r)| {
        format!(
            "({y}年计划 {},完成率 {})",
            amount(lang, Some(p)),
            rate_cell(r)
        )
    });
    let tail_en = planned.map_or_else(String::new, |(y, p, r)| {
        format!(
            " ({y} plan {}, rate {})",
            amount(lang, Some(p)),
            rate_cell(r)
        )
    });
    pick(
        lang,
        format!(
            "已填报:任务 {number}「{title}」{unit} {month} 本年累计完成投资 {}{tail_zh}",
            amount(lang, Some(value))
        ),
        format!(
            "saved: task {number} \"{title}\", {unit}, {month}: {} completed this year{tail_en}",
            amount(lang, Some(value))
        ),
    )
}

/// The progress that followed a figure or a milestone (the plan reads completion from them).
pub fn progress_followed(lang: Lang, percent: i64) -> String {
    pick(
        lang,
        format!("进度随之更新为 {percent}%"),
        format!("progress follows: {percent}%"),
    )
}

/// Several units and no `--dept`.
pub fn which_unit(lang: Lang, number: &str, units: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 有多个责任单位({units}),请用 --dept 指定填报单位"),
        format!("task {number} has several units ({units}); name the reporting one with --dept"),
    )
}

/// A milestone named by a number or a name the task's list does not have.
pub fn unknown_milestone(lang: Lang, query: &str, number: &str, names: &[String]) -> String {
    if names.is_empty() {
        return pick(
            lang,
            format!("任务 {number} 没有节点(“{query}”)"),
            format!("task {number} has no milestones (\"{query}\")"),
        );
    }
    let list: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect();
    pick(
        lang,
        format!(
            "任务 {number} 没有节点“{query}”;它的节点:{}",
            list.join("、")
        ),
        format!(
            "task {number} has no milestone \"{query}\"; its milestones: {}",
            list.join(", ")
        ),
    )
}

/// A name that is the start of several milestones' names.
pub fn ambiguous_milestone(lang: Lang, query: &str, names: &[String]) -> String {
    pick(
        lang,
        format!("“{query}”可指多个节点:{};请写全名或序号", names.join("、")),
        format!(
            "\"{query}\" could be several milestones: {}; write the whole name or the number",
            names.join(", ")
        ),
    )
}

/// `milestone add` with a name the task already has.
pub fn duplicate_milestone(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("该任务已有节点“{name}”:请换一个名称,或用 milestone edit 修改它"),
        format!(
            "the task already has a milestone \"{name}\": choose another name, or change it with milestone edit"
        ),
    )
}

/// `milestone reach --not-reached` without a note.
pub fn why_not_reached(lang: Lang) -> String {
    pick(
        lang,
        "改为未达到须说明原因(--note)",
        "saying a milestone is not reached needs the reason (--note)",
    )
}

pub enum MilestoneDone<'a> {
    Added {
        name: &'a str,
        on: &'a str,
    },
    Edited {
        name: &'a str,
        on: &'a str,
    },
    Removed {
        name: &'a str,
    },
    Reached {
        name: &'a str,
        on: &'a str,
        unit: &'a str,
    },
    NotReached {
        name: &'a str,
        unit: &'a str,
    },
}

/// One line saying what a milestone command did.
pub fn milestone_done(lang: Lang, number: &str, title: &str, done: MilestoneDone<'_>) -> String {
    match done {
        MilestoneDone::Added { name, on } => pick(
            lang,
            format!("已为任务 {number}「{title}」添加节点“{name}”,计划 {on}"),
            format!("milestone \"{name}\" (planned {on}) added to task {number} \"{title}\""),
        ),
        MilestoneDone::Edited { name, on } => pick(
            lang,
            format!("已修改任务 {number}「{title}」的节点“{name}”,计划 {on}"),
            format!("milestone \"{name}\" of task {number} \"{title}\" changed: planned {on}"),
        ),
        MilestoneDone::Removed { name } => pick(
            lang,
            format!("已删除任务 {number}「{title}」的节点“{name}”(记录保留)"),
            format!("milestone \"{name}\" removed from task {number} \"{title}\" (kept on record)"),
        ),
        MilestoneDone::Reached { name, on, unit } => pick(
            lang,
            format!("已填报:任务 {number}「{title}」节点“{name}”于 {on} 达到({unit})"),
            format!(
                "saved: task {number} \"{title}\", milestone \"{name}\" reached on {on} ({unit})"
            ),
        ),
        MilestoneDone::NotReached { name, unit } => pick(
            lang,
            format!("已填报:任务 {number}「{title}」节点“{name}”改为未达到({unit})"),
            format!(
                "saved: task {number} \"{title}\", milestone \"{name}\" not reached after all ({unit})"
            ),
        ),
    }
}

/// The line above `milestone list`.
pub fn milestones_caption(
    lang: Lang,
    number: &str,
    title: &str,
    n: usize,
    reached: usize,
) -> String {
    pick(
        lang,
        format!("任务 {number}「{title}」的节点:{n} 个,已达到 {reached} 个"),
        format!(
            "task {number} \"{title}\": {}, {reached} reached",
            en_u(n, "milestone", "milestones")
        ),
    )
}

pub fn no_milestones(lang: Lang, number: &str, title: &str) -> String {
    pick(
        lang,
        format!("任务 {number}「{title}」没有节点"),
        format!("task {number} \"{title}\" has no milestones"),
    )
}

pub fn milestone_heads(lang: Lang) -> [&'static str; 7] {
    if lang.zh() {
        [
            "序号",
            "节点",
            "计划日期",
            "进度",
            "达到日期",
            "状态",
            "填报",
        ]
    } else {
        [
            "No.",
            "Milestone",
            "Planned",
            "Share",
            "Reached",
            "State",
            "Entered",
        ]
    }
}

/// A milestone's state: reached (on time or late), late, not yet due, or withdrawn.
pub fn milestone_state(
    lang: Lang,
    reached_late: Option<i64>,
    days_late: i64,
    withdrawn: bool,
) -> String {
    match reached_late {
        Some(0) => pick(lang, "◆已达到", "◆reached"),
        Some(d) => pick(
            lang,
            format!("◆已达到(晚{d}天)"),
            format!("◆reached ({} late)", en_n(d, "day", "days")),
        ),
        None if days_late > 0 => pick(
            lang,
            format!("◇逾期{days_late}天"),
            format!("◇{} late", en_n(days_late, "day", "days")),
        ),
        None if withdrawn => pick(lang, "◇未达到(已更正)", "◇not reached (corrected)"),
        None => pick(lang, "◇未到", "◇not yet"),
    }
}

/// `project show --task`: the task's light and its reason.
pub fn light_line(lang: Lang, cell: &str, reason: &str) -> String {
    pick(
        lang,
        format!("状态:{cell} {reason}").trim_end().to_string(),
        format!("Light: {cell} {reason}").trim_end().to_string(),
    )
}

/// `setting set project.completion.<id>` for an id that is no plan of the file.
pub fn no_such_plan(lang: Lang, key: &str, plans: &[(i64, String)]) -> String {
    let list: Vec<String> = plans.iter().map(|(id, t)| format!("{id} {t}")).collect();
    pick(
        lang,
        format!("{key}:本文件没有这个编号的计划;计划:{}", list.join("、")),
        format!(
            "{key}: the file has no plan with this id; its plans: {}",
            list.join(", ")
        ),
    )
}
