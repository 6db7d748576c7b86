//! Key-project tables (重点项目表) and milestone tables (节点表) of a plan, as copied: one cell per
//! line after a `序号` line, or rows of `|`-separated cells.
//!
//! A key-project table has a project column (项目名称) and money or an owner: 总投资, 年度计划投资
//! (the year from its header, else the table's title, else the plan's), 建设单位; date columns
//! named after a node (开工时间, 竣工时间, 计划投产时间) become milestones of the row's project.
//! A milestone table has a project column and either a node column and a date column (项目名称 /
//! 节点 / 计划时间, the project's cell merged over its nodes) or date columns named after nodes
//! and no money: its rows are milestones of the projects they name.
//!
//! A copy loses empty and merged cells, and the cells do not always follow the header (seed 000
//! lists 序号 / 项目名称 / 总投资 while each row also holds the owner company between the name and
//! the amount). A row with as many cells as the header is read by position when each cell fits its
//! column; any other row is fitted by what its cells look like: a number is the next money
//! column's, a date the next node column's, a company (…公司, …集团) the owner, a department a
//! unit column's, other text the next text column's.

use super::draft::{KeyProject, MilestoneDraft, UnitRef};
pub use super::project_cells::date;
use super::project_cells::{fit, pairs};
use super::tables::{number, year_in};

/// What a header says its column holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Col {
    Serial,
    /// The project (项目名称): the first such column.
    Name,
    /// 建设单位, 业主单位: the company building it.
    Owner,
    /// Responsible units; the label a responsibility note gives them (牵头单位, 配合单位, 责任单位).
    Units(&'static str),
    /// 总投资, with the factor to 万元.
    Total(f64),
    /// 年度计划投资: the year and the factor to 万元.
    YearPlan(i32, f64),
    /// A date column named after a node (开工时间 -> 开工).
    Node(String),
    /// The node's name, in a milestone table one node per row (节点).
    NodeName,
    /// The node's date, in such a table (计划时间).
    NodeDate,
    /// Anything else, kept as "header:cell" in the body (建设内容, 累计完成投资, 备注).
    Text,
}

/// More header cells than any project table has: not a header.
const MAX_COLUMNS: usize = 24;

/// Words that name a node of a project's construction.
const NODE_WORDS: &[&str] = &[
    "开工",
    "结顶",
    "封顶",
    "竣工",
    "投产",
    "完工",
    "验收",
    "达产",
    "试产",
    "试生产",
    "开业",
    "建成",
    "交付",
    "上线",
    "签约",
    "供地",
    "拿地",
    "设备安装",
    "运营",
];

/// A key project read from a row.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRow {
    pub title: String,
    pub body: String,
    pub units: Vec<UnitRef>,
    pub line: usize,
    pub project: Option<KeyProject>,
    pub milestones: Vec<MilestoneDraft>,
}

/// What a table held: key projects (tasks), or milestones of projects named by the row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read {
    pub projects: Vec<ProjectRow>,
    /// Rows of a milestone table: the project's name with its milestones (and units when the
    /// table has a unit column); the draft attaches them to the task of that name.
    pub milestones: Vec<ProjectRow>,
}

/// Reads a block as a key-project or milestone table; `None` when it is neither (no project
/// column, or no money, owner or node column).
pub fn parse(title: &str, lines: &[(usize, &str)], year: i32) -> Option<Read> {
    let year = year_in(title).unwrap_or(year);
    let (headers, rows) = if lines
        .iter()
        .filter(|l| l.1.matches('|').count() >= 2)
        .count()
        >= 2
    {
        pipe_rows(lines)?
    } else {
        cell_rows(lines)?
    };
    if headers.len() > MAX_COLUMNS {
        return None;
    }
    let cols = columns(&headers, year);
    let name_at = cols.iter().position(|c| *c == Col::Name)?;
    let (money_or_owner, long) = kind(&cols)?;
    let mut read = Read::default();
    let mut last_name: Option<(String, Vec<UnitRef>)> = None;
    for (line, cells) in rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        // A row of a long milestone table whose project cell was merged: nodes and dates only.
        if long && cells.len() >= 2 && date(cells[1], year).is_some() {
            if let Some((name, units)) = &last_name {
                read.milestones.push(ProjectRow {
                    title: name.clone(),
                    body: String::new(),
                    units: units.clone(),
                    line,
                    project: None,
                    milestones: pairs(&cells, year),
                });
            }
            continue;
        }
        let Some(row) = fit(&cols, &headers, name_at, &cells, year) else {
            continue;
        };
        let mut out = ProjectRow {
            title: row.name.clone(),
            body: row.body.join("；"),
            units: row.units.clone(),
            line,
            project: None,
            milestones: row.milestones.clone(),
        };
        if long {
            // Each node beside its date; a copy puts a merged project's nodes in one row.
            out.milestones.extend(pairs(&cells, year));
            last_name = Some((row.name.clone(), row.units.clone()));
        }
        if money_or_owner {
            out.project = Some(KeyProject {
                owner: row.owner.clone(),
                investment: row.total,
                investment_label: row.total_label.clone(),
                year_plan: row.year_plan,
            });
            read.projects.push(out);
        } else {
            read.milestones.push(out);
        }
    }
    (!read.projects.is_empty() || !read.milestones.is_empty()).then_some(read)
}

/// Whether a header is a key-project or milestone table's (the task-table reader leaves those
/// to this one).
pub fn claims(headers: &[String]) -> bool {
    let cols = columns(headers, 2000);
    cols.contains(&Col::Name) && kind(&cols).is_some()
}

/// (money or owner, one node per row) of a table with a project column; `None`: neither money,
/// an owner nor nodes.
fn kind(cols: &[Col]) -> Option<(bool, bool)> {
    let money_or_owner = cols
        .iter()
        .any(|c| matches!(c, Col::Total(_) | Col::YearPlan(..) | Col::Owner));
    let long = cols.contains(&Col::NodeName) && cols.contains(&Col::NodeDate);
    let wide = cols.iter().any(|c| matches!(c, Col::Node(_)));
    (money_or_owner || long || wide).then_some((money_or_owner, long))
}

/// A table as read: its header cells, and each row's line with its cells.
type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

/// `|` rows: the header is the first row with a project column; a leading serial cell of a row
/// is dropped.
fn pipe_rows(lines: &[(usize, &str)]) -> Option<Table> {
    let rows: Vec<(usize, Vec<String>)> = lines
        .iter()
        .map(|(n, l)| {
            let cells = l
                .split(['|', '｜'])
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            (*n, cells)
        })
        .collect();
    let h = rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| is_name_header(c)))?;
    let headers: Vec<String> = rows[h]
        .1
        .iter()
        .filter(|c| !is_serial_header(c))
        .cloned()
        .collect();
    let body = rows[h + 1..]
        .iter()
        .map(|(n, cells)| {
            let mut cells = cells.clone();
            if cells.first().is_some_and(|c| serial(c).is_some()) {
                cells.remove(0);
            }
            (*n, cells)
        })
        .filter(|(_, c)| !c.is_empty())
        .collect();
    Some((headers, body))
}

/// One cell per line: `序号`, the headers, then each row from its serial (1, 2, 3…) to the next.
fn cell_rows(lines: &[(usize, &str)]) -> Option<Table> {
    let start = lines.iter().position(|l| is_serial_header(l.1))?;
    let headers: Vec<String> = lines[start + 1..]
        .iter()
        .take_while(|l| serial(l.1) != Some(1))
        .map(|l| l.1.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut i = start + 1 + headers.len();
    let mut n = 1u32;
    while i < lines.len() && serial(lines[i].1) == Some(n) {
        // The next row starts at the next serial followed by text (an amount equal to the next
        // serial is a cell of this row).
        let end = (i + 1..lines.len())
            .find(|&k| {
                serial(lines[k].1) == Some(n + 1)
                    && lines
                        .get(k + 1)
                        .is_some_and(|l| number(l.1).is_none() && serial(l.1).is_none())
            })
            .unwrap_or(lines.len());
        let cells = lines[i + 1..end]
            .iter()
            .map(|l| l.1.trim().to_string())
            .collect();
        rows.push((lines[i].0, cells));
        i = end;
        n += 1;
    }
    Some((headers, rows))
}

fn is_serial_header(t: &str) -> bool {
    matches!(t.trim(), "序号" | "编号" | "序")
}

fn is_name_header(h: &str) -> bool {
    let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    h.contains("项目名称") || h == "项目" || h == "名称" || h == "工程名称"
}

/// A row's serial number: "1", "12", "３".
fn serial(t: &str) -> Option<u32> {
    let t = t.trim().trim_end_matches(['.', '、', '．']);
    if t.is_empty() || t.chars().count() > 4 {
        return None;
    }
    t.chars().try_fold(0u32, |v, c| {
        let d = c.to_digit(10).or_else(|| match c {
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        })?;
        v.checked_mul(10)?.checked_add(d)
    })
}

/// The factor from a money header's unit to 万元: (亿元) 10000, (元) 0.0001, else 1.
fn to_wan(header: &str) -> f64 {
    if header.contains("亿") {
        10_000.0
    } else if header.contains("万") {
        1.0
    } else if header.contains("(元)") || header.contains("（元）") {
        0.0001
    } else {
        1.0
    }
}

/// A node's name from a date column's header: "计划开工时间" -> "开工"; `None` when the header
/// names no node.
pub fn node_of(header: &str) -> Option<String> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    if !NODE_WORDS.iter().any(|w| h.contains(w)) || h.contains("投资") || h.contains("情况") {
        return None;
    }
    let mut name = h.as_str();
    for p in ["计划", "预计", "预期", "拟"] {
        name = name.strip_prefix(p).unwrap_or(name);
    }
    for s in ["时间", "日期", "年月", "节点", "时限"] {
        name = name.strip_suffix(s).unwrap_or(name);
    }
    let n = name.chars().count();
    ((2..=8).contains(&n) && !name.contains(['(', '（'])).then(|| name.to_string())
}

/// A header of a milestone table's node column (节点, 关键节点, 里程碑); not "时间节点", which is
/// a deadline.
pub fn is_node_name_header(h: &str) -> bool {
    let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        h.as_str(),
        "节点"
            | "节点名称"
            | "关键节点"
            | "主要节点"
            | "里程碑"
            | "里程碑节点"
            | "节点内容"
            | "建设节点"
    )
}

fn columns(headers: &[String], year: i32) -> Vec<Col> {
    let mut seen_name = false;
    let has_node_name = headers.iter().any(|h| is_node_name_header(h));
    headers
        .iter()
        .map(|raw| {
            let h: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
            if is_serial_header(&h) {
                Col::Serial
            } else if is_name_header(&h) && !seen_name {
                seen_name = true;
                Col::Name
            } else if is_node_name_header(&h) {
                Col::NodeName
            } else if let Some(node) = node_of(&h) {
                Col::Node(node)
            } else if has_node_name && has(&["时间", "日期", "时限"]) {
                Col::NodeDate
            } else if has(&["领导", "负责人", "联系人", "责任人"]) {
                Col::Text
            } else if has(&[
                "建设单位",
                "业主单位",
                "实施主体",
                "项目单位",
                "建设主体",
                "项目业主",
                "企业名称",
            ]) {
                Col::Owner
            } else if has(&["牵头"]) {
                Col::Units("牵头单位")
            } else if has(&["配合", "协同", "协办"]) {
                Col::Units("配合单位")
            } else if has(&["责任单位", "责任部门", "主管部门", "联系部门", "包联"])
            {
                Col::Units("责任单位")
            } else if has(&["完成", "累计", "已"]) {
                Col::Text
            } else if has(&["总投资", "投资总额"]) {
                Col::Total(to_wan(&h))
            } else if has(&["投资"]) && (has(&["计划", "年度"]) || year_in(&h).is_some()) {
                Col::YearPlan(year_in(&h).unwrap_or(year), to_wan(&h))
            } else if has(&["投资", "金额"]) {
                Col::Total(to_wan(&h))
            } else {
                Col::Text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn block(text: &str) -> Vec<(usize, &str)> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, l.trim()))
            .collect()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_as_tables_write_them() {
        assert_eq!(date("2024年3月", 2020), Some(day("2024-03-31")));
        assert_eq!(date("2024.3", 2020), Some(day("2024-03-31")));
        assert_eq!(date("2024.03.15", 2020), Some(day("2024-03-15")));
        assert_eq!(date("2024-06", 2020), Some(day("2024-06-30")));
        assert_eq!(date("2025年底", 2020), Some(day("2025-12-31")));
        assert_eq!(date("9月", 2024), Some(day("2024-09-30")));
        assert_eq!(date("2024年2月", 2020), Some(day("2024-02-29")));
        for words in ["已开工", "视情况", "9800", "", "/"] {
            assert_eq!(date(words, 2024), None, "{words}");
        }
    }

    #[test]
    fn node_names_from_headers() {
        assert_eq!(node_of("开工时间").as_deref(), Some("开工"));
        assert_eq!(node_of("计划竣工时间").as_deref(), Some("竣工"));
        assert_eq!(node_of("主体结顶时间").as_deref(), Some("主体结顶"));
        assert_eq!(node_of("竣工投产日期").as_deref(), Some("竣工投产"));
        assert_eq!(node_of("完成时限"), None);
        assert_eq!(node_of("年度计划投资"), None);
        assert!(is_node_name_header("节点"));
        assert!(!is_node_name_header("时间节点"));
    }

    #[test]
    fn plan_and_date_columns_in_pipe_rows() {
        let text = "序号 | 项目名称 | 建设单位 | 总投资(亿元) | 2025年计划投资(万元) | 开工时间 | 竣工时间 |\n\
                    1 | 智能装备产业园 | 青川产业投资有限公司 | 1.2 | 4500 | 2025年3月 | 2026.10 |\n\
                    2 | 冷链物流中心 | 江口冷链有限公司 | 0.8 | 3000 | 已开工 | 2025年底 |";
        let read = parse("重点项目表", &block(text), 2024).unwrap();
        assert_eq!(read.projects.len(), 2);
        let p = &read.projects[0];
        assert_eq!(p.title, "智能装备产业园");
        let kp = p.project.as_ref().unwrap();
        assert_eq!(kp.owner.as_deref(), Some("青川产业投资有限公司"));
        assert_eq!(kp.investment, Some(12_000.0));
        assert_eq!(kp.year_plan, Some((2025, 4500.0)));
        let names: Vec<_> = p
            .milestones
            .iter()
            .map(|m| (m.name.as_str(), m.planned_on))
            .collect();
        assert_eq!(
            names,
            vec![("开工", day("2025-03-31")), ("竣工", day("2026-10-31"))]
        );
        // "已开工" is no date: no milestone, kept in the body.
        let q = &read.projects[1];
        assert_eq!(q.milestones.len(), 1);
        assert!(q.body.contains("开工时间:已开工"), "{}", q.body);
    }

    #[test]
    fn a_long_milestone_table_with_merged_project_cells() {
        let text = "序号 | 项目名称 | 节点 | 计划时间 |\n\
                    1 | 智能装备产业园 | 开工 | 2025年3月 |\n\
                    | 主体结顶 | 2025年9月 |\n\
                    | 竣工 | 2026年6月 |\n\
                    2 | 冷链物流中心 | 投产 | 2025-12-20 |";
        let read = parse("重点项目节点表", &block(text), 2025).unwrap();
        assert!(read.projects.is_empty());
        let got: Vec<_> = read
            .milestones
            .iter()
            .map(|r| (r.title.as_str(), r.milestones[0].name.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("智能装备产业园", "开工"),
                ("智能装备产业园", "主体结顶"),
                ("智能装备产业园", "竣工"),
                ("冷链物流中心", "投产"),
            ]
        );
        assert_eq!(
            read.milestones[3].milestones[0].planned_on,
            day("2025-12-20")
        );
    }

    #[test]
    fn not_a_project_table() {
        let text = "序号 | 任务 | 牵头单位 | 完成时限 |\n1 | 建设平台 | 区经信局 | 2025年底 |";
        assert_eq!(parse("任务表", &block(text), 2025), None);
    }
}
