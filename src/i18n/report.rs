//! Strings of the circular (`duban report`), the cycle check (`duban cycle`), reminders
//! (`duban remind`), indicators and settings, in Chinese and English.

use std::fmt;

use super::{Lang, pick};
use crate::domain::score::{Metric, PointItem, ScoreItem};
use crate::domain::{CycleKind, Light, Period, Thresholds, Timeliness};

/// A period as a circular names it: 2024年第二季度, 2024年6月, 2024年; Q2 2024, June 2024.
pub fn period(lang: Lang, p: Period) -> String {
    const QZ: [&str; 4] = ["一", "二", "三", "四"];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match (lang, p) {
        (Lang::Zh, Period::Month { year, month }) => format!("{year}年{month}月"),
        (Lang::Zh, Period::Quarter { year, quarter }) => {
            format!("{year}年第{}季度", QZ[(quarter as usize - 1) % 4])
        }
        (Lang::Zh, Period::Year(y)) => format!("{y}年"),
        (Lang::En, Period::Month { year, month }) => {
            format!("{} {year}", MONTHS[(month as usize - 1) % 12])
        }
        (Lang::En, Period::Quarter { year, quarter }) => format!("Q{quarter} {year}"),
        (Lang::En, Period::Year(y)) => y.to_string(),
    }
}

pub fn circular_title(lang: Lang, p: Period) -> String {
    let name = period(lang, p);
    match (lang, p) {
        (Lang::Zh, Period::Quarter { .. }) => format!("{name}工作推进情况通报"),
        (Lang::Zh, Period::Month { .. }) => format!("{name}工作推进情况通报"),
        (Lang::Zh, Period::Year(_)) => format!("{name}工作推进情况通报"),
        (Lang::En, _) => format!("Progress circular, {name}"),
    }
}

pub fn as_of_line(lang: Lang, as_of: &str, previous: Period) -> String {
    pick(
        lang,
        format!("统计截至 {as_of},与{}比较。", period(lang, previous)),
        format!(
            "Figures as of {as_of}, compared with {}.",
            period(lang, previous)
        ),
    )
}

pub struct Headings {
    pub ranking: &'static str,
    pub red: &'static str,
    pub not_reported: &'static str,
    pub method: &'static str,
    pub all_tasks: &'static str,
}

pub fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings {
            ranking: "一、各单位推进情况及排名",
            red: "二、红灯任务",
            not_reported: "三、未按时报送的单位",
            method: "四、评分办法",
            all_tasks: "任务清单",
        },
        Lang::En => Headings {
            ranking: "1. Departments and ranking",
            red: "2. Red tasks",
            not_reported: "3. Departments that did not report on time",
            method: "4. How the score is computed",
            all_tasks: "All tasks",
        },
    }
}

/// Sheet names of the xlsx (at most 31 characters, no `[]:*?/\`).
pub fn sheet_names(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["排名", "红灯任务", "任务清单", "未按时报送"],
        Lang::En => ["Ranking", "Red tasks", "Tasks", "Late reports"],
    }
}

pub fn ranking_columns(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => [
            "排名",
            "名次变化",
            "单位",
            "牵头任务",
            "完成率",
            "较上期",
            "已完成",
            "正常",
            "滞后",
            "逾期",
            "按时报送",
            "得分",
        ],
        Lang::En => [
            "Rank",
            "Change",
            "Department",
            "Led",
            "Completion",
            "Vs prev.",
            "Done",
            "On track",
            "Behind",
            "Overdue",
            "On-time reports",
            "Score",
        ],
    }
}

pub fn red_columns(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "编号",
            "任务",
            "牵头单位",
            "配合单位",
            "完成时限",
            "完成率",
            "原因",
        ],
        Lang::En => [
            "No.",
            "Task",
            "Lead units",
            "Co units",
            "Deadline",
            "Completion",
            "Reason",
        ],
    }
}

pub fn task_columns(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => [
            "编号",
            "任务",
            "牵头单位",
            "配合单位",
            "完成时限",
            "完成率",
            "状态",
            "说明",
        ],
        Lang::En => [
            "No.",
            "Task",
            "Lead units",
            "Co units",
            "Deadline",
            "Completion",
            "Light",
            "Reason",
        ],
    }
}

pub fn reporting_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["单位", "应报", "按时", "迟报", "漏报"],
        Lang::En => ["Department", "Due", "On time", "Late", "Missing"],
    }
}

/// The circular's closing table (办结销号, issue 22): each department's led tasks by where they
/// stand at the period's end.
pub fn closing_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["单位", "牵头任务", "已办结", "待审核", "已退回"],
        Lang::En => ["Department", "Led", "Closed", "Pending review", "Sent back"],
    }
}

/// The caption over the closing table: the rule it counts by.
pub fn closing_caption(lang: Lang) -> &'static str {
    if lang.zh() {
        "各单位办结销号情况(按牵头单位统计,截至期末;合计每项任务只计一次):"
    } else {
        "Closing by department (tasks each leads, at the period's end; the total counts each task once):"
    }
}

/// The circular's notice table (督办单, issue 22).
pub fn notice_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["单位", "本期签发", "本期反馈", "本期办结", "期末逾期未反馈"],
        Lang::En => [
            "Department",
            "Issued",
            "Answered",
            "Closed",
            "Overdue at end",
        ],
    }
}

/// The caption over the notice table: what each column counts.
pub fn notice_caption(lang: Lang) -> &'static str {
    if lang.zh() {
        "各单位督办单情况(签发、反馈、办结为本期内件数;逾期为截至期末超过反馈期限仍未反馈的件数):"
    } else {
        "Supervision notices by department (issued, answered and closed in the period; overdue: past the reply-by date without a reply at the period's end):"
    }
}

pub fn total_row(lang: Lang) -> &'static str {
    if lang.zh() { "合计" } else { "Total" }
}

/// How the circular decides that a task is done (`score.done_requires_closing`).
pub fn done_rule(lang: Lang, requires_closing: bool) -> &'static str {
    match (lang, requires_closing) {
        (Lang::Zh, false) => "完成认定:进度达100%即计为已完成,不以办结销号为前提。",
        (Lang::Zh, true) => {
            "完成认定:经审核办结(已办结)方计为已完成;进度达100%但期末未办结的,按99%计入完成率和红黄灯,逾期的计为逾期。"
        }
        (Lang::En, false) => "Done: a task at 100% is done, closed or not.",
        (Lang::En, true) => {
            "Done: a task is done only once closed (approved) by the period's end; at 100% but not closed it counts as 99% in completion and lights, and as overdue past its deadline."
        }
    }
}

/// View 5's breakdown: the department's led tasks by closing state.
pub fn closing_line(lang: Lang, closed: u64, pending: u64, returned: u64) -> String {
    pick(
        lang,
        format!("办结销号:已办结 {closed} · 待审核 {pending} · 已退回 {returned}"),
        format!("Closing: closed {closed} · pending review {pending} · sent back {returned}"),
    )
}

pub fn rank_change(lang: Lang, now: Option<u32>, before: Option<u32>) -> String {
    match (now, before) {
        (Some(n), Some(b)) if n < b => format!("↑{}", b - n),
        (Some(n), Some(b)) if n > b => format!("↓{}", n - b),
        (Some(_), Some(_)) => "—".into(),
        (Some(_), None) => pick(lang, "新", "new"),
        (None, _) => String::new(),
    }
}

pub fn unranked(lang: Lang, names: &str) -> String {
    pick(
        lang,
        format!("仅承担配合任务、不参与排名的单位:{names}"),
        format!("Only co-units, not ranked: {names}"),
    )
}

pub fn no_red_tasks(lang: Lang) -> String {
    pick(lang, "本期无红灯任务。", "No red tasks this period.")
}

pub fn everyone_reported(lang: Lang) -> String {
    pick(
        lang,
        "各单位均已按时报送。",
        "Every department reported on time.",
    )
}

pub fn red_count(lang: Lang, n: usize) -> String {
    pick(lang, format!("共{n}项。"), format!("{n} in all."))
}

pub fn metric_name(lang: Lang, m: Metric) -> (&'static str, &'static str) {
    match (lang, m) {
        (Lang::Zh, Metric::Completion) => ("完成率", "牵头任务的平均完成率(按任务权重加权)"),
        (Lang::Zh, Metric::OnSchedule) => ("序时达标率", "牵头任务中已完成或进度正常的比例"),
        (Lang::Zh, Metric::Timeliness) => ("按时报送率", "应报送次数中按时报送的比例"),
        (Lang::En, Metric::Completion) => (
            "Completion",
            "mean completion of led tasks, weighted by task weight",
        ),
        (Lang::En, Metric::OnSchedule) => ("On schedule", "share of led tasks done or on track"),
        (Lang::En, Metric::Timeliness) => ("On-time reports", "share of due reports made on time"),
    }
}

pub fn point_name(lang: Lang, i: PointItem) -> &'static str {
    match (lang, i) {
        (Lang::Zh, PointItem::LeadDoneOnTime) => "牵头任务按期完成(每项)",
        (Lang::Zh, PointItem::CoDoneOnTime) => "配合任务按期完成(每项)",
        (Lang::Zh, PointItem::LeadOverdue) => "牵头任务逾期未完成(每项)",
        (Lang::Zh, PointItem::CoOverdue) => "配合任务逾期未完成(每项)",
        (Lang::Zh, PointItem::LateReport) => "迟报(每次)",
        (Lang::Zh, PointItem::MissingReport) => "漏报(每次)",
        (Lang::En, PointItem::LeadDoneOnTime) => "led task done on time (each)",
        (Lang::En, PointItem::CoDoneOnTime) => "co task done on time (each)",
        (Lang::En, PointItem::LeadOverdue) => "led task overdue (each)",
        (Lang::En, PointItem::CoOverdue) => "co task overdue (each)",
        (Lang::En, PointItem::LateReport) => "late report (each)",
        (Lang::En, PointItem::MissingReport) => "missing report (each)",
    }
}

/// The points breakdown's column for an item: its short name and the points each is worth, as
/// `牵头按期完成(+2)`, so the table alone is enough to recompute a score.
pub fn points_column(lang: Lang, i: PointItem, each: f64) -> String {
    let name = match (lang, i) {
        (Lang::Zh, PointItem::LeadDoneOnTime) => "牵头按期完成",
        (Lang::Zh, PointItem::CoDoneOnTime) => "配合按期完成",
        (Lang::Zh, PointItem::LeadOverdue) => "牵头逾期",
        (Lang::Zh, PointItem::CoOverdue) => "配合逾期",
        (Lang::Zh, PointItem::LateReport) => "迟报",
        (Lang::Zh, PointItem::MissingReport) => "漏报",
        (Lang::En, PointItem::LeadDoneOnTime) => "Led done on time",
        (Lang::En, PointItem::CoDoneOnTime) => "Co done on time",
        (Lang::En, PointItem::LeadOverdue) => "Led overdue",
        (Lang::En, PointItem::CoOverdue) => "Co overdue",
        (Lang::En, PointItem::LateReport) => "Late reports",
        (Lang::En, PointItem::MissingReport) => "Missing reports",
    };
    format!("{name}({each:+})")
}

pub fn points_breakdown_department(lang: Lang) -> &'static str {
    if lang.zh() { "单位" } else { "Department" }
}

pub fn points_breakdown_score(lang: Lang) -> &'static str {
    if lang.zh() { "得分" } else { "Score" }
}

/// The caption over the points breakdown.
pub fn points_breakdown_caption(lang: Lang) -> &'static str {
    if lang.zh() {
        "得分构成(积分制,括号内为每项分值;得分 = Σ 次数 × 分值,可逐项核算):"
    } else {
        "How each score is made (points preset; the points per item in brackets; score = Σ count × points):"
    }
}

pub fn score_item(lang: Lang, item: ScoreItem) -> &'static str {
    match item {
        ScoreItem::Metric(m) => metric_name(lang, m).0,
        ScoreItem::Item(i) => point_name(lang, i),
    }
}

pub fn min_max_formula(lang: Lang) -> String {
    pick(
        lang,
        "得分 = Σ [(本值 − 最低值) ÷ (最高值 − 最低值) × 40 + 60] ÷ 100 × 权重。各单位某项数值相同时,该项均得满分(权重)。只有牵头任务的单位参与排名。",
        "Score = Σ [(value − min) ÷ (max − min) × 40 + 60] ÷ 100 × weight. Where every department has the same value, each gets the full weight. Only departments that lead tasks are ranked.",
    )
}

pub fn points_formula(lang: Lang) -> String {
    pick(
        lang,
        "得分 = Σ 各项次数 × 每项分值(本期内)。只有牵头任务的单位参与排名。",
        "Score = Σ count × points per item (within the period). Only departments that lead tasks are ranked.",
    )
}

pub fn weight_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => ["指标", "说明", "权重"],
        Lang::En => ["Metric", "Meaning", "Weight"],
    }
}

pub fn points_columns(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => ["事项", "分值"],
        Lang::En => ["Item", "Points"],
    }
}

pub fn cycle_rule(lang: Lang, kind: CycleKind, due_day: u32) -> String {
    match (lang, kind) {
        (Lang::Zh, CycleKind::Monthly) => format!(
            "报送周期:每月,{due_day}日(含)前报送;{due_day}日后报送为迟报,当月未报送为漏报;已完成的任务不再报送。日期以服务器所在时区为准。"
        ),
        (Lang::Zh, CycleKind::Quarterly) => format!(
            "报送周期:每季度,季末月{due_day}日(含)前报送;此后报送为迟报,当季未报送为漏报;已完成的任务不再报送。日期以服务器所在时区为准。"
        ),
        (Lang::En, CycleKind::Monthly) => format!(
            "Reporting: monthly, due on the {due_day}th (inclusive); later is late, none in the month is missing; finished tasks owe no report. Dates are the server's local dates."
        ),
        (Lang::En, CycleKind::Quarterly) => format!(
            "Reporting: quarterly, due on the {due_day}th of the quarter's last month (inclusive); later is late, none in the quarter is missing; finished tasks owe no report. Dates are the server's local dates."
        ),
    }
}

pub fn light_rule(lang: Lang, t: &Thresholds) -> String {
    let (red, yellow, days) = (t.red_behind, t.yellow_behind, t.due_soon_days);
    let near = t.near_deadline == Light::Notice;
    match lang {
        Lang::Zh => {
            let soon = if near {
                format!("距完成时限{days}天内为临期提示(蓝)")
            } else {
                format!("距完成时限{days}天内亦为黄灯")
            };
            format!(
                "红黄灯:逾期未完成或落后序时进度超过{red}个百分点为红灯,超过{yellow}个百分点为黄灯,{soon}。"
            )
        }
        Lang::En => {
            let soon = if near {
                format!("within {days} days of the deadline a notice (blue)")
            } else {
                format!("within {days} days of the deadline also yellow")
            };
            format!(
                "Lights: red when overdue or more than {red} points behind expected progress, yellow when more than {yellow} behind, {soon}."
            )
        }
    }
}

pub fn timeliness(lang: Lang, t: Timeliness) -> &'static str {
    match (lang, t) {
        (Lang::Zh, Timeliness::OnTime) => "按时",
        (Lang::Zh, Timeliness::Late) => "迟报",
        (Lang::Zh, Timeliness::Missing) => "漏报",
        (Lang::Zh, Timeliness::Pending) => "未到报送期限",
        (Lang::En, Timeliness::OnTime) => "on time",
        (Lang::En, Timeliness::Late) => "late",
        (Lang::En, Timeliness::Missing) => "missing",
        (Lang::En, Timeliness::Pending) => "not due yet",
    }
}

pub fn not_begun(lang: Lang, p: Period) -> String {
    pick(
        lang,
        format!("{}尚未开始", period(lang, p)),
        format!("{} has not begun", period(lang, p)),
    )
}

pub fn bad_period(lang: Lang, text: &str) -> String {
    pick(
        lang,
        format!("无法识别的期间 {text:?}:请写 2024-06、2024-Q2 或 2024"),
        format!("cannot read the period {text:?}: write 2024-06, 2024-Q2 or 2024"),
    )
}

pub fn title_date(lang: Lang, date: &str) -> String {
    pick(lang, format!("统计截至:{date}"), format!("As of {date}"))
}

pub fn cycle_title(lang: Lang, p: Period, as_of: &str, kind: CycleKind, due_day: u32) -> String {
    let rule = match (lang, kind) {
        (Lang::Zh, CycleKind::Monthly) => format!("每月{due_day}日前报送"),
        (Lang::Zh, CycleKind::Quarterly) => format!("每季末月{due_day}日前报送"),
        (Lang::En, CycleKind::Monthly) => format!("due monthly on the {due_day}th"),
        (Lang::En, CycleKind::Quarterly) => {
            format!("due quarterly on the {due_day}th of the last month")
        }
    };
    pick(
        lang,
        format!("报送情况 {}({rule}) 截至 {as_of}", period(lang, p)),
        format!("Reporting for {} ({rule}) as of {as_of}", period(lang, p)),
    )
}

pub fn cycle_columns(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => ["单位", "应报", "按时", "迟报", "漏报", "未到期限"],
        Lang::En => [
            "Department",
            "To report",
            "On time",
            "Late",
            "Missing",
            "Not due yet",
        ],
    }
}

pub fn owed_heading(lang: Lang) -> String {
    pick(lang, "未按时报送明细:", "Reports not made on time:")
}

/// Under the cycle table, when the period's due day has not passed: nothing in it is missing yet.
pub fn not_due_note(lang: Lang, p: Period, due: &str, count: u32) -> String {
    pick(
        lang,
        format!(
            "{}未到报送期限({due}截止,当天报送仍为按时):尚未报送 {count} 项,不计漏报。",
            period(lang, p)
        ),
        format!(
            "{} is not due yet (due {due}, a report that day is on time): {count} not reported yet, none missing.",
            period(lang, p)
        ),
    )
}

pub fn all_reported(lang: Lang) -> String {
    pick(
        lang,
        "已到报送期限的事项均已按时报送。",
        "Every report past its due day was made on time.",
    )
}

// The words a line of a long list is made of (`cycle`, `remind`: one per report owed) are written
// where the line is made, in the language asked for only: no String of their own, and not
// formatted in both languages with one dropped (`pick`).

/// Formats with the function it holds (words written straight into the line being made).
struct Said<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Said<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// A task as the lists name it: 任务 3「…」, task 3 “…”.
pub fn task_label<'a>(lang: Lang, number: &'a str, title: &'a str) -> impl fmt::Display + 'a {
    Said(move |f| match lang {
        Lang::Zh => write!(f, "任务 {number}「{title}」"),
        Lang::En => write!(f, "task {number} “{title}”"),
    })
}

pub fn reported_on(lang: Lang, day: &str) -> impl fmt::Display + '_ {
    Said(move |f| match lang {
        Lang::Zh => write!(f, "{day} 报送"),
        Lang::En => write!(f, "reported {day}"),
    })
}

pub struct RemindWords {
    pub greeting: String,
    pub intro: String,
    pub owed: &'static str,
    pub red: &'static str,
    pub closing: &'static str,
}

pub fn remind_words(lang: Lang, dept: &str, plan: &str, as_of: &str, rule: &str) -> RemindWords {
    match lang {
        Lang::Zh => RemindWords {
            greeting: format!("{dept}:"),
            intro: format!(
                "根据{plan}工作安排,各责任单位应{rule}。截至{as_of},贵单位有以下事项请予关注:"
            ),
            owed: "已过报送期限仍未报送进展的任务",
            red: "进度滞后的任务",
            closing: "请抓紧推进并尽快报送(补报)进展情况;如有困难,请及时与督查科联系。感谢支持!",
        },
        Lang::En => RemindWords {
            greeting: format!("Dear colleagues of {dept},"),
            intro: format!(
                "Under {plan}, each responsible unit reports {rule}. As of {as_of}, please note the following:"
            ),
            owed: "Tasks whose progress report is past its due day and still missing",
            red: "Tasks behind schedule",
            closing: "Please report (or catch up on) your progress soon, and contact the supervision office if anything stands in the way. Thank you!",
        },
    }
}

pub fn remind_rule(lang: Lang, kind: CycleKind, due_day: u32) -> String {
    match (lang, kind) {
        (Lang::Zh, CycleKind::Monthly) => format!("于每月{due_day}日前报送任务进展"),
        (Lang::Zh, CycleKind::Quarterly) => format!("于每季度末月{due_day}日前报送任务进展"),
        (Lang::En, CycleKind::Monthly) => format!("its progress by the {due_day}th of each month"),
        (Lang::En, CycleKind::Quarterly) => {
            format!("its progress by the {due_day}th of each quarter's last month")
        }
    }
}

pub fn remind_owed_line<'a>(
    lang: Lang,
    task: impl fmt::Display + 'a,
    role: &'a str,
    deadline: &'a str,
    period_name: &'a str,
    status: &'a str,
) -> impl fmt::Display + 'a {
    Said(move |f| match lang {
        Lang::Zh => write!(f, "{task}({role},完成时限{deadline}):{period_name}{status}"),
        Lang::En => write!(
            f,
            "{task} ({role}, deadline {deadline}): {period_name} {status}"
        ),
    })
}

pub fn remind_red_line<'a>(
    lang: Lang,
    task: impl fmt::Display + 'a,
    role: &'a str,
    deadline: &'a str,
    percent: u8,
    reason: &'a str,
) -> impl fmt::Display + 'a {
    Said(move |f| match lang {
        Lang::Zh => write!(
            f,
            "{task}({role},完成时限{deadline}):当前进度{percent}%,{reason}"
        ),
        Lang::En => write!(
            f,
            "{task} ({role}, deadline {deadline}): now {percent}%, {reason}"
        ),
    })
}

pub fn nothing_to_remind(lang: Lang) -> String {
    pick(
        lang,
        "没有需要催办的单位:应报事项均已报送,也没有红灯任务。",
        "No one to remind: every report due was made and nothing is red.",
    )
}

pub fn the_plan(lang: Lang, plans: &[String]) -> String {
    match plans {
        [one] => pick(lang, format!("《{one}》"), format!("“{one}”")),
        _ => pick(lang, "行动计划", "the action plan"),
    }
}

pub fn indicators_title(lang: Lang, year: i32, as_of: &str) -> String {
    pick(
        lang,
        format!("指标完成情况 {year}年 截至 {as_of}"),
        format!("Indicators, {year}, as of {as_of}"),
    )
}

pub fn indicator_columns(lang: Lang, year: i32) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "指标".into(),
            "单位".into(),
            "责任单位".into(),
            format!("{year}目标"),
            "最新实际(期间)".into(),
            "完成率".into(),
            "同比增长".into(),
        ],
        Lang::En => vec![
            "Indicator".into(),
            "Unit".into(),
            "Department".into(),
            format!("{year} target"),
            "Latest (period)".into(),
            "Completion".into(),
            "Growth".into(),
        ],
    }
}

pub fn matrix_title(lang: Lang, name: &str, unit: &str) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!("({unit})")
    };
    pick(
        lang,
        format!("各单位目标:{name}{unit}"),
        format!("Targets by department: {name}{unit}"),
    )
}

pub fn department_word(lang: Lang) -> &'static str {
    if lang.zh() { "单位" } else { "Department" }
}

pub fn completion_word(lang: Lang) -> &'static str {
    if lang.zh() { "完成率" } else { "Completion" }
}

pub fn target_of(lang: Lang, year: i32) -> String {
    pick(lang, format!("{year}目标"), format!("{year} target"))
}

pub fn latest_of(lang: Lang, year: i32) -> String {
    pick(lang, format!("{year}实际"), format!("{year} actual"))
}

pub fn actual_saved(
    lang: Lang,
    name: &str,
    dept: Option<&str>,
    period: &str,
    value: &str,
) -> String {
    let dept = dept.map(|d| format!(" {d}")).unwrap_or_default();
    pick(
        lang,
        format!("已填报 指标「{name}」{dept} {period}:{value}"),
        format!("Saved indicator “{name}”{dept} {period}: {value}"),
    )
}

pub fn unknown_indicator(lang: Lang, query: &str, names: &str) -> String {
    pick(
        lang,
        format!("没有名为 {query:?} 的指标;现有:{names}"),
        format!("no indicator named {query:?}; there are: {names}"),
    )
}

pub fn ambiguous_indicator(lang: Lang, query: &str, depts: &str) -> String {
    pick(
        lang,
        format!("指标 {query:?} 有多个责任单位({depts}):请用 --dept 指明"),
        format!("indicator {query:?} has several departments ({depts}): name one with --dept"),
    )
}

/// A figure written in a unit that is not the indicator's (`7.5%` for 亿元); `typed` is the
/// whole figure as typed.
pub fn wrong_unit(lang: Lang, indicator: &str, typed: &str, expected: &str) -> String {
    let typed = typed.trim();
    match (lang, expected.is_empty()) {
        (Lang::Zh, false) => {
            format!("{indicator}的单位是{expected},不能填 {typed}:请填以{expected}计的数字,如 38.5")
        }
        (Lang::Zh, true) => format!("{indicator}没有计量单位,不能填 {typed}:请只写数字"),
        (Lang::En, false) => format!(
            "{indicator} is measured in {expected}, so {typed} cannot be taken: write the figure in {expected}, such as 38.5"
        ),
        (Lang::En, true) => {
            format!("{indicator} has no unit, so {typed} cannot be taken: write the number alone")
        }
    }
}

/// `indicators --year`: not a year duban reads.
pub fn bad_year(lang: Lang, text: &str) -> String {
    pick(
        lang,
        format!("年份 {text:?} 无效:请写 1900–2200 之间的年份,如 2026"),
        format!("cannot use the year {text:?}: write a year from 1900 to 2200, such as 2026"),
    )
}

pub fn bad_value(lang: Lang, text: &str) -> String {
    pick(
        lang,
        format!("数值 {text:?} 无法识别:请写数字,如 12.5"),
        format!("cannot read the value {text:?}: write a number such as 12.5"),
    )
}

pub fn setting_needs_pair(lang: Lang, text: &str) -> String {
    pick(
        lang,
        format!("{text:?} 不是 键=值 的形式,如 cycle.due_day=20"),
        format!("{text:?} is not KEY=VALUE, as in cycle.due_day=20"),
    )
}

pub fn unknown_preset(lang: Lang, name: &str, known: &str) -> String {
    pick(
        lang,
        format!("没有名为 {name:?} 的预设:可选 {known}"),
        format!("no preset named {name:?}: one of {known}"),
    )
}

pub fn setting_saved(lang: Lang, key: &str, value: &str) -> String {
    pick(
        lang,
        format!("已设置 {key} = {value}"),
        format!("set {key} = {value}"),
    )
}

/// The TUI's notice after settings were saved: each setting by its name and value in the UI's
/// language ("已设置 权重:完成率 60、权重:序时进度 20").
pub fn settings_saved_tui(lang: Lang, saved: &[(String, String)]) -> String {
    let parts: Vec<String> = saved
        .iter()
        .map(|(k, v)| format!("{} {}", setting_label(lang, k), setting_value(lang, k, v)))
        .collect();
    pick(
        lang,
        format!("已设置 {}", parts.join("、")),
        format!("set {}", parts.join(", ")),
    )
}

pub fn presets_line(lang: Lang, light: &str, score: &str) -> String {
    pick(
        lang,
        format!("红黄灯预设:{light}  评分预设:{score}"),
        format!("Light preset: {light}  Score preset: {score}"),
    )
}

/// A setting's name for people, in the UI's language (the key itself is what
/// `duban setting set` takes, shown beside it).
pub fn setting_label(lang: Lang, key: &str) -> &str {
    let (zh, en) = match key {
        "cycle.kind" => ("报送周期", "reporting cycle"),
        "cycle.due_day" => ("每期报送截止日", "report due day"),
        "light.red_behind" => ("红灯:落后序时(点)", "red: points behind"),
        "light.yellow_behind" => ("黄灯:落后序时(点)", "yellow: points behind"),
        "light.due_soon_days" => ("临近到期(天)", "due soon (days)"),
        "light.near_deadline" => ("临近到期的灯", "near-deadline light"),
        "score.preset" => ("评分方法", "scoring method"),
        "score.done_requires_closing" => ("完成须经办结销号", "done only when closed"),
        "attach.max_file_mb" => ("佐证单件上限(MB)", "evidence: a file (MB)"),
        "attach.max_total_mb" => ("佐证合计上限(MB)", "evidence: in all (MB)"),
        "score.weight.completion" => ("权重:完成率", "weight: completion"),
        "score.weight.on_schedule" => ("权重:序时进度", "weight: on schedule"),
        "score.weight.timeliness" => ("权重:按时报送", "weight: on-time reports"),
        "score.points.lead_done" => ("分值:牵头完成", "points: lead done"),
        "score.points.co_done" => ("分值:配合完成", "points: co-unit done"),
        "score.points.lead_overdue" => ("分值:牵头逾期", "points: lead overdue"),
        "score.points.co_overdue" => ("分值:配合逾期", "points: co-unit overdue"),
        "score.points.late_report" => ("分值:迟报一次", "points: a late report"),
        "score.points.missing_report" => ("分值:漏报一次", "points: a missing report"),
        "notice.blue_days_before" => ("蓝色提醒:临期(天)", "notice blue: days left"),
        "notice.yellow_behind" => ("黄色督办:落后(点)", "notice yellow: behind"),
        "notice.reply_days" => ("督办反馈期限(天)", "notice: days to reply"),
        "notice.number_pattern" => ("督办单编号格式", "notice number pattern"),
        "notice.office" => ("督办单签发单位", "notice issuing office"),
        other => (other, other),
    };
    if lang.zh() { zh } else { en }
}

/// Refused: the score weights would not total 100. One line: the total, then each weight.
pub fn weights_total(
    lang: Lang,
    weights: &[(crate::domain::score::Metric, f64)],
    total: f64,
) -> String {
    pick(
        lang,
        format!(
            "{};请同时改其他权重",
            weights_total_head(lang, weights, total)
        ),
        format!(
            "{}; change the others with it",
            weights_total_head(lang, weights, total)
        ),
    )
}

/// The refusal in the TUI's prompt, with how to change all three at once there.
pub fn weights_total_tui(
    lang: Lang,
    weights: &[(crate::domain::score::Metric, f64)],
    total: f64,
) -> String {
    // One row of the prompt: shorter than the command line's, the weights joined closely.
    let parts = weight_parts(lang, weights);
    let total = crate::report::circular_text::trim_number(total);
    pick(
        lang,
        format!(
            "权重合计须为 100,改后为 {total}({});可输三个数",
            parts.join("+")
        ),
        format!(
            "weights must total 100, this makes {total} ({}); or type all three",
            parts.join(" + ")
        ),
    )
}

/// Each weight as "完成率 60", for the refusals.
fn weight_parts(lang: Lang, weights: &[(crate::domain::score::Metric, f64)]) -> Vec<String> {
    weights
        .iter()
        .map(|(m, w)| {
            format!(
                "{} {}",
                metric_short(lang, *m),
                crate::report::circular_text::trim_number(*w)
            )
        })
        .collect()
}

/// A metric's name without the "权重:" / "weight: " of its setting's label.
fn metric_short(lang: Lang, m: crate::domain::score::Metric) -> String {
    let key = format!("score.weight.{}", m.key());
    let label = setting_label(lang, &key);
    label
        .split_once(':')
        .map_or(label, |(_, rest)| rest.trim())
        .to_string()
}

fn weights_total_head(
    lang: Lang,
    weights: &[(crate::domain::score::Metric, f64)],
    total: f64,
) -> String {
    let parts = weight_parts(lang, weights);
    let total = crate::report::circular_text::trim_number(total);
    pick(
        lang,
        format!(
            "未保存:评分权重合计须为 100,这样改后为 {total}({})",
            parts.join(" + ")
        ),
        format!(
            "not saved: the score weights must total 100, and this makes {total} ({})",
            parts.join(" + ")
        ),
    )
}

/// The words of a setting whose value is one of a few tokens, in the UI's language: each token
/// with its Chinese and English word. Numbers have none.
fn value_words(key: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    match key {
        "cycle.kind" => &[
            ("monthly", "每月", "monthly"),
            ("quarterly", "每季度", "quarterly"),
        ],
        "light.near_deadline" => &[
            ("yellow", "黄灯", "yellow"),
            ("notice", "临期提示", "notice"),
        ],
        "score.preset" => &[
            ("minmax", "最高最低值折算", "min-max"),
            ("points", "按次计分", "points"),
        ],
        "light.preset" => &[("default", "默认", "default"), ("strict", "严格", "strict")],
        "score.done_requires_closing" => &[("true", "是", "yes"), ("false", "否", "no")],
        k if k.starts_with("project.completion.") => &[
            ("percent", "进度", "percent"),
            ("investment", "投资", "investment"),
            ("milestones", "节点", "milestones"),
        ],
        _ => &[],
    }
}

/// A setting's value as the settings screen shows it: the word in the UI's language for a token
/// (每月, 黄灯, 最高最低值折算), a number as it is.
pub fn setting_value(lang: Lang, key: &str, value: &str) -> String {
    value_words(key)
        .iter()
        .find(|(token, _, _)| *token == value)
        .map_or(value, |(_, zh, en)| if lang.zh() { zh } else { en })
        .to_string()
}

/// The token a typed value stands for, when it is one of the shown words in either language (the
/// tokens themselves pass through as typed).
pub fn setting_token(key: &str, typed: &str) -> String {
    let typed = typed.trim();
    value_words(key)
        .iter()
        .find(|(_, zh, en)| *zh == typed || *en == typed)
        .map_or(typed, |(token, _, _)| token)
        .to_string()
}

/// What a setting does, for the ones whose name does not say it all (the settings screen shows it
/// for the selected row).
pub fn setting_help(lang: Lang, key: &str) -> Option<&'static str> {
    let (zh, en) = match key {
        "score.done_requires_closing" => (
            "是:任务经审核办结(已办结)方计为已完成;达100%未办结的按99%计入完成率与红黄灯,逾期即计逾期。否(默认):达100%即计为已完成",
            "yes: a task is done only once closed (approved); 100% not closed counts as 99% in completion and lights, overdue past its deadline. no (default): 100% is done",
        ),
        "notice.blue_days_before" => (
            "牵头单位未完成且距期限不超过此天数:建议蓝色提醒",
            "a lead unit not done within this many days of its deadline: a blue reminder is proposed",
        ),
        "notice.yellow_behind" => (
            "牵头单位落后序时进度超过此点数:建议黄色督办(逾期:红色挂牌督办)",
            "a lead unit more than this many points behind schedule: a yellow notice is proposed (overdue: red)",
        ),
        "notice.reply_days" => (
            "签发督办单时默认的反馈期限:签发日后的天数",
            "a new notice's default reply-by date: this many days after the day of issue",
        ),
        "notice.number_pattern" => (
            "{year} 为年份,{n} 为当年序号(必须有),如 督办〔{year}〕第{n}号",
            "{year} is the year, {n} the number within it (required), e.g. 督办〔{year}〕第{n}号",
        ),
        "notice.office" => (
            "打印的督办单落款;空:督查室",
            "the office named at the foot of a printed notice; empty: Supervision Office",
        ),
        "circular.office" => (
            "docx 通报的红头与落款;空:督查室",
            "the office at the head and foot of a docx circular; empty: Supervision Office",
        ),
        "circular.number_pattern" => (
            "通报文号:{year} 为年份,{n} 为当年序号(必须有;report --issue 编号,不重复使用)",
            "a circular's number: {year} is the year, {n} the number within it (required; given by report --issue, never reused)",
        ),
        "circular.requirements" => (
            "docx 通报的“四、下步要求”,一行一段;空:默认三条",
            "section 4 (requirements) of a docx circular, a paragraph a line; empty: three default paragraphs",
        ),
        "attach.max_file_mb" | "attach.max_total_mb" => (
            "佐证材料存于数据库文件内(一个文件一份备份);超过上限的文件拒收。1 MB = 1048576 字节",
            "evidence files are kept inside the database (one file, one backup); a file past the limit is refused. 1 MB = 1,048,576 bytes",
        ),
        k if k.starts_with("project.completion.") => (
            "该计划重点项目的完成度取自:percent 单位填报的进度(默认);investment 累计完成投资占总投资;milestones 已达到的节点(设了节点进度时取已达到节点的最高进度)。取自投资或节点时,填报完成投资或节点即同时记一条进度",
            "where this plan's key projects read completion from: percent, the units' reported percent (default); investment, investment completed over the total; milestones, the milestones reached (the highest share reached, where shares are set). With investment or milestones, a figure or a milestone entered also records the unit's progress",
        ),
        _ => return None,
    };
    Some(if lang.zh() { zh } else { en })
}

/// The notice preset line of `duban setting list`.
pub fn notice_preset_line(lang: Lang, preset: &str) -> String {
    pick(
        lang,
        format!("督办单预设:{preset}"),
        format!("Notice preset: {preset}"),
    )
}

pub fn default_mark(lang: Lang) -> &'static str {
    if lang.zh() { "(默认)" } else { "(default)" }
}

pub fn unknown_setting(lang: Lang, key: &str) -> String {
    pick(
        lang,
        format!("没有名为 {key} 的设置(duban setting list 列出全部)"),
        format!("no setting named {key} (duban setting list shows them all)"),
    )
}

pub fn bad_setting(lang: Lang, key: &str, value: &str, expected: &str) -> String {
    // The text settings' short forms say the length only; a value refused for a control
    // character (an escape sequence pasted in) would read as too long.
    let expected = match (expected, lang.zh()) {
        ("≤40", true) => "不超过 40 个字的一行文字(不含控制字符)",
        ("≤40", false) => "one line of at most 40 characters, no control characters",
        ("…{n}… (≤40)", true) => "含 {n} 的一行文字,不超过 40 个字(不含控制字符)",
        ("…{n}… (≤40)", false) => {
            "one line of at most 40 characters with {n}, no control characters"
        }
        ("≤2000", true) => "不超过 2000 个字的文字(可换行,不含其他控制字符)",
        ("≤2000", false) => {
            "text of at most 2000 characters (line breaks allowed, no other control characters)"
        }
        (other, _) => other,
    };
    pick(
        lang,
        format!("{key} 的值应为 {expected},而不是 {value:?}"),
        format!("{key} takes {expected}, not {value:?}"),
    )
}

/// Words of the TUI's views 5 and 6.
pub struct ScreenWords {
    pub report_view: &'static str,
    pub indicators_view: &'static str,
    pub not_begun: &'static str,
    pub columns: [&'static str; 7],
    pub breakdown: &'static str,
    pub unranked: &'static str,
    pub total: &'static str,
    pub led_line: &'static str,
    pub reports_line: &'static str,
    pub period_keys: &'static str,
}

pub fn screen_words(lang: Lang) -> ScreenWords {
    match lang {
        Lang::Zh => ScreenWords {
            report_view: "通报",
            indicators_view: "指标",
            not_begun: "该期间尚未开始",
            columns: ["排名", "变化", "单位", "完成率", "逾期", "按时报送", "得分"],
            breakdown: "得分明细",
            unranked: "不参与排名",
            total: "合计",
            led_line: "牵头 {led} 项:已完成 {done},正常 {on},滞后 {behind},逾期 {over}",
            reports_line: "应报 {due} 次:按时 {on},迟报 {late},漏报 {missing}",
            period_keys: "[ ] 换期",
        },
        Lang::En => ScreenWords {
            report_view: "Report",
            indicators_view: "Indicators",
            not_begun: "that period has not begun",
            columns: [
                "Rank",
                "Chg",
                "Department",
                "Done%",
                "Late",
                "Reports",
                "Score",
            ],
            breakdown: "Score breakdown",
            unranked: "not ranked",
            total: "Total",
            led_line: "Leads {led}: done {done}, on track {on}, behind {behind}, overdue {over}",
            reports_line: "Reports due {due}: on time {on}, late {late}, missing {missing}",
            period_keys: "[ ] period",
        },
    }
}

/// View 6's column heads: the command line's, shortened in English to fit 80 columns (the
/// year is in the title, the period in each figure's brackets).
pub fn indicator_screen_columns(lang: Lang, year: i32) -> Vec<String> {
    match lang {
        Lang::Zh => indicator_columns(lang, year),
        Lang::En => [
            "Indicator",
            "Unit",
            "Department",
            "Target",
            "Latest",
            "Done",
            "Growth",
        ]
        .map(String::from)
        .to_vec(),
    }
}

/// The department list's legend for ○N, assignments not yet reported this period.
pub fn unreported_legend(lang: Lang) -> &'static str {
    if lang.zh() {
        "○本期未报"
    } else {
        "○ unreported"
    }
}

/// The settings screen's prompt: the setting's name in the UI's language, and the words it takes
/// when they are few (a weight also takes all three weights at once).
pub fn setting_prompt(lang: Lang, key: &str) -> String {
    let label = setting_label(lang, key);
    let words: Vec<String> = value_words(key)
        .iter()
        .map(|(t, _, _)| setting_value(lang, key, t))
        .collect();
    let (zh_hint, en_hint) = if !words.is_empty() {
        (
            format!("({})", words.join("/")),
            format!(" ({})", words.join(", ")),
        )
    } else if key.starts_with("score.weight.") {
        (
            "(三项合计 100;可输三个数,如 50 30 20)".to_string(),
            " (the three total 100, or type all three: 50 30 20)".to_string(),
        )
    } else {
        (String::new(), String::new())
    };
    pick(
        lang,
        format!("{label}的新值{zh_hint}:"),
        format!("New {label}{en_hint}:"),
    )
}

pub fn settings_admins_only(lang: Lang) -> String {
    pick(
        lang,
        "只有管理员可以修改设置",
        "only an admin may change settings",
    )
}

pub fn settings_title(lang: Lang) -> &'static str {
    if lang.zh() { "设置" } else { "Settings" }
}

pub fn settings_read_only(lang: Lang) -> &'static str {
    if lang.zh() {
        "只读:只有管理员可以修改"
    } else {
        "read only: admins change settings"
    }
}

/// A min-max metric on which every department has the same value: why each gets the full weight.
pub fn all_equal(lang: Lang, value: f64) -> String {
    pick(
        lang,
        format!("各单位均为 {value:.1},该项无先后,均得满分"),
        format!("all at {value:.1}: no one is behind, full weight to each"),
    )
}
