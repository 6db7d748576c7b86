//! Strings of key projects' investment and milestones in the outputs (issue 23): the status
//! block, the circular's table and sentence, the export's columns, in Chinese and English.
//! Amounts are in 万元 (10k yuan), as the plans write them.

use chrono::NaiveDate;

use super::{Lang, en_n, pick};
use crate::domain::project::amount_text;

fn pick_static(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang.zh() { zh } else { en }
}

/// The block's (and the table's) caption: the year and the unit of the amounts.
pub fn caption(lang: Lang, year: i32) -> String {
    pick(
        lang,
        format!("重点项目年度投资完成情况({year}年,单位:万元)"),
        format!("Key projects: investment in {year} (10k yuan)"),
    )
}

/// The table's columns: department, projects led, planned, completed, rate.
pub fn columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["单位", "牵头项目", "年度计划投资", "本年累计完成", "完成率"],
        Lang::En => ["Department", "Projects", "Planned", "Completed", "Rate"],
    }
}

/// Under the table: how a department's figures and the total are counted.
pub fn footnote(lang: Lang) -> &'static str {
    pick_static(
        lang,
        "注:单位的投资为其作为牵头单位的重点项目之和;合计中每个项目只计一次(有两个牵头单位的项目不重复计算)。完成率=本年累计完成/年度计划投资。",
        "Note: a department's figures are the sum of the key projects it leads (as lead unit); the total counts each project once (a project with two leads is not counted twice). Rate = completed this year / planned for the year.",
    )
}

/// The JSON's and CSV's word for how departments are counted.
pub const BASIS: &str = "lead";

/// The circular's CSV: the columns added to each department's row when the file has key
/// projects.
pub fn csv_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => [
            "年度计划投资(万元)",
            "本年累计完成投资(万元)",
            "年度投资完成率",
        ],
        Lang::En => [
            "Planned investment (10k yuan)",
            "Completed investment (10k yuan)",
            "Investment rate",
        ],
    }
}

/// `status --csv`: the same three columns.
pub fn status_csv_columns(lang: Lang) -> [&'static str; 3] {
    csv_columns(lang)
}

/// The 通报's sentence in 一、总体情况.
pub fn overview_sentence(
    lang: Lang,
    year: i32,
    projects: u32,
    planned: f64,
    completed: f64,
    rate: Option<f64>,
) -> String {
    let rate_zh = rate
        .map(|r| format!(",年度投资完成率{r:.1}%"))
        .unwrap_or_default();
    let rate_en = rate
        .map(|r| format!(", {r:.1}% of the year's plan"))
        .unwrap_or_default();
    pick(
        lang,
        format!(
            "纳入督办的重点项目共{projects}个,{year}年度计划投资{}万元,已完成{}万元{rate_zh}。",
            amount_text(planned),
            amount_text(completed)
        ),
        format!(
            "The {} under supervision plan {} (10k yuan) of investment in {year}; {} completed{rate_en}.",
            en_n(projects, "key project", "key projects"),
            amount_text(planned),
            amount_text(completed)
        ),
    )
}

/// The xlsx circular's sheet of investment.
pub fn sheet_name(lang: Lang) -> &'static str {
    pick_static(lang, "重点项目投资", "Key projects")
}

/// The export's columns for key projects, after 基于版本 (the office sheet is Chinese whatever
/// the UI; `Lang::En` gives the English for other uses). None of them names a column the
/// importer reads, except 投资完成率, which it takes for 完成率 only when no 完成率 comes first
/// (the export's 完成率 always does).
pub fn export_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => [
            "建设单位",
            "总投资(万元)",
            "年度计划投资(万元)",
            "本年累计完成(万元)",
            "投资完成率",
        ],
        Lang::En => [
            "Owner",
            "Total investment (10k yuan)",
            "Planned this year (10k yuan)",
            "Completed this year (10k yuan)",
            "Investment rate",
        ],
    }
}

/// The export CSV's column of milestones (the xlsx has a sheet of them).
pub fn export_milestones_column(lang: Lang) -> &'static str {
    pick_static(lang, "项目节点", "Milestones")
}

/// The export's sheet of milestones: its name and columns. No 任务 column, so the importer
/// skips the sheet (a sheet is read only with 任务 among its headings).
pub fn milestone_sheet_name(lang: Lang) -> &'static str {
    pick_static(lang, "项目节点", "Milestones")
}

pub fn milestone_columns(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "序号",
            "项目名称",
            "牵头单位",
            "节点",
            "计划时间",
            "达到时间",
            "状态",
        ],
        Lang::En => [
            "No.",
            "Project",
            "Lead units",
            "Milestone",
            "Planned",
            "Reached",
            "State",
        ],
    }
}

/// A milestone's state on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneState {
    /// Reached on or before its planned date.
    Reached,
    /// Reached this many days after it.
    ReachedLate(i64),
    /// Not reached, this many days past it.
    Late(i64),
    /// Not reached, not yet due.
    Pending,
}

pub fn milestone_state(lang: Lang, state: MilestoneState) -> String {
    match state {
        MilestoneState::Reached => pick(lang, "已达到", "reached"),
        MilestoneState::ReachedLate(n) => pick(
            lang,
            format!("已达到(逾期{n}天)"),
            format!("reached {} late", en_n(n, "day", "days")),
        ),
        MilestoneState::Late(n) => pick(
            lang,
            format!("逾期{n}天"),
            format!("{} late", en_n(n, "day", "days")),
        ),
        MilestoneState::Pending => pick(lang, "未到期", "not yet due"),
    }
}

/// A milestone in one line of the export CSV's cell: "主体结顶 计划2026-06-30 已达到(2026-06-28)".
pub fn milestone_line(
    lang: Lang,
    name: &str,
    planned: NaiveDate,
    reached: Option<NaiveDate>,
    state: MilestoneState,
) -> String {
    let state = milestone_state(lang, state);
    match reached {
        Some(r) => pick(
            lang,
            format!("{name} 计划{planned} {r}{state}"),
            format!("{name} planned {planned}, {state} on {r}"),
        ),
        None => pick(
            lang,
            format!("{name} 计划{planned} {state}"),
            format!("{name} planned {planned}, {state}"),
        ),
    }
}
