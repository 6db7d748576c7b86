//! The cells of a key-project or milestone table's row fitted to its columns (`key_projects`):
//! by position when the row has as many cells as the header and each fits its column, else by
//! what each cell looks like; and the dates, amounts and names the cells hold.

use chrono::NaiveDate;

use super::draft::{MilestoneDraft, UnitRef};
use super::key_projects::Col;
use super::tables::number;
use super::units;
use crate::domain::Deadline;
use crate::domain::deadline::DeadlineKind;

/// A row fitted to the columns.
#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) name: String,
    pub(super) owner: Option<String>,
    pub(super) total: Option<f64>,
    pub(super) total_label: String,
    pub(super) year_plan: Option<(i32, f64)>,
    pub(super) units: Vec<UnitRef>,
    pub(super) milestones: Vec<MilestoneDraft>,
    pub(super) body: Vec<String>,
}

/// Placeholders for an empty cell as copies write it.
fn blank(cell: &str) -> bool {
    matches!(cell.trim(), "" | "/" | "-" | "—" | "——" | "无" | "／")
}

fn is_money(c: &Col) -> bool {
    matches!(c, Col::Total(_) | Col::YearPlan(..))
}

fn is_date_col(c: &Col) -> bool {
    matches!(c, Col::Node(_) | Col::NodeDate)
}

/// A company (the owner), not a department: "…有限公司", "…集团".
fn company(cell: &str) -> bool {
    let c = cell.trim();
    c.chars().count() >= 4
        && [
            "公司",
            "集团",
            "厂",
            "企业",
            "合作社",
            "股份",
            "研究院",
            "医院",
            "学校",
        ]
        .iter()
        .any(|e| c.ends_with(e))
}

pub(super) fn fit(
    cols: &[Col],
    headers: &[String],
    name_at: usize,
    cells: &[&str],
    year: i32,
) -> Option<Row> {
    let fits = |c: &Col, cell: &str| {
        blank(cell)
            || match c {
                Col::Total(_) | Col::YearPlan(..) => number(cell).is_some(),
                Col::Node(_) | Col::NodeDate => {
                    date(cell, year).is_some() || number(cell).is_none()
                }
                Col::Name | Col::Owner | Col::Units(_) | Col::NodeName => number(cell).is_none(),
                _ => true,
            }
    };
    let by_position = cells.len() == cols.len()
        && cols.iter().zip(cells).all(|(c, cell)| fits(c, cell))
        && !blank(cells[name_at]);
    let mut placed: Vec<Option<usize>> = vec![None; cells.len()];
    if by_position {
        for (k, p) in placed.iter_mut().enumerate() {
            *p = Some(k);
        }
    } else {
        // The project first; then each cell to the next free column it looks like.
        let first = cells
            .iter()
            .position(|c| !blank(c) && number(c).is_none())?;
        placed[first] = Some(name_at);
        let mut used = vec![false; cols.len()];
        used[name_at] = true;
        for (k, cell) in cells.iter().enumerate().skip(first + 1) {
            if blank(cell) {
                continue;
            }
            let free = |pred: &dyn Fn(&Col) -> bool, used: &[bool]| {
                (0..cols.len()).find(|&j| !used[j] && pred(&cols[j]))
            };
            let target = if number(cell).is_some() && date(cell, year).is_none() {
                free(&is_money, &used)
            } else if date(cell, year).is_some() {
                free(&is_date_col, &used)
            } else if company(cell) {
                // The owner, with or without a column for it.
                free(&|c| *c == Col::Owner, &used).or(Some(usize::MAX))
            } else if units::looks_like_unit(cell) {
                free(&|c| matches!(c, Col::Units(_)), &used)
                    .or_else(|| free(&|c| *c == Col::Owner, &used))
            } else {
                free(&|c| matches!(c, Col::Text | Col::NodeName), &used)
            };
            if let Some(j) = target.filter(|j| *j < cols.len()) {
                used[j] = true;
            }
            placed[k] = target;
        }
    }
    let mut row = Row::default();
    for (k, cell) in cells.iter().enumerate() {
        let cell = cell.trim();
        if blank(cell) {
            continue;
        }
        let header = placed[k].and_then(|j| headers.get(j)).map(String::as_str);
        let labelled = |label: Option<&str>| match label {
            Some(h) if !h.is_empty() => format!("{h}:{cell}"),
            _ => cell.to_string(),
        };
        match placed[k].and_then(|j| cols.get(j).map(|c| (j, c))) {
            Some((_, Col::Name)) => row.name = cell.to_string(),
            Some((_, Col::Owner)) => {
                row.owner = owner(cell);
                row.body.push(cell.to_string());
            }
            None if placed[k] == Some(usize::MAX) => {
                row.owner = owner(cell);
                row.body.push(cell.to_string());
            }
            Some((_, Col::Units(label))) => {
                let found = units::parse_note(&format!("{label}:{cell}")).units;
                for u in found {
                    if !row.units.iter().any(|x| x.name == u.name) {
                        row.units.push(u);
                    }
                }
            }
            Some((j, Col::Total(f))) => {
                row.total = amount(cell, *f);
                row.total_label = headers[j].clone();
                row.body.push(labelled(header));
            }
            Some((_, Col::YearPlan(y, f))) => {
                row.year_plan = amount(cell, *f).map(|v| (*y, v));
                row.body.push(labelled(header));
            }
            Some((_, Col::Node(node))) => {
                if let Some(m) = milestone(node, cell, year) {
                    row.milestones.push(m);
                }
                row.body.push(labelled(header));
            }
            Some((_, Col::NodeName | Col::NodeDate)) => {}
            Some((_, Col::Serial)) => {}
            _ => row.body.push(labelled(header)),
        }
    }
    // With the tasks' units named as leads unless the table says otherwise.
    if !row.units.is_empty()
        && row
            .units
            .iter()
            .all(|u| u.role != crate::domain::Role::Lead)
    {
        row.units[0].role = crate::domain::Role::Lead;
    }
    (!row.name.is_empty()).then_some(row)
}

/// A planned date as tables write it: "2024年3月" (the month's last day), "2024.03", "2024-3-15",
/// "2024年底", "9月" (in `year`), "年内" (the year's end); `None` for words ("已开工").
pub fn date(cell: &str, year: i32) -> Option<NaiveDate> {
    let t: String = crate::domain::text::ascii_digits(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.chars().count() > 16 {
        return None;
    }
    // 2024.3 / 2024.03.15 / 2024-03: the deadline parser reads 年/月/日 and ISO days.
    let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
    let text = if parts.len() >= 2 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let mut s = format!("{}年{}月", parts[0], parts[1]);
        if let Some(d) = parts.get(2) {
            s.push_str(&format!("{d}日"));
        }
        s
    } else {
        t.clone()
    };
    let text = if text.ends_with('月') && !text.contains("月底") {
        format!("{text}底")
    } else {
        text
    };
    let d = Deadline::parse(&text, year);
    if d.kind != DeadlineKind::Date {
        return None;
    }
    // The phrase is the cell (with 前, 底, 份 around it), not a date inside a sentence.
    let rest = text.replace(&d.text, "");
    (rest.chars().count() <= 2).then_some(d.date).flatten()
}

/// The milestones of a long table's row: each cell that is a date, named by the cell before it
/// (when that is a node's name, not the project's or a date).
pub(super) fn pairs(cells: &[&str], year: i32) -> Vec<MilestoneDraft> {
    cells
        .windows(2)
        .filter(|w| date(w[0], year).is_none() && number(w[0]).is_none())
        .filter_map(|w| milestone(w[0], w[1], year))
        .collect()
}

/// An owner's name as the record keeps names (a longer cell stays in the body only).
fn owner(cell: &str) -> Option<String> {
    (cell.chars().count() <= crate::domain::text::MAX_NAME_CHARS).then(|| cell.to_string())
}

/// An amount in 万元 within what the record accepts (a figure beyond stays in the body only).
fn amount(cell: &str, to_wan: f64) -> Option<f64> {
    number(cell)
        .map(|v| v * to_wan)
        .filter(|v| crate::domain::project::check_amount(*v).is_ok())
}

/// Nodes are named in a few words (开工, 主体结顶, 设备安装调试).
const MAX_NODE_CHARS: usize = 20;

pub(super) fn milestone(name: &str, cell: &str, year: i32) -> Option<MilestoneDraft> {
    let name = name.trim();
    let planned_on = date(cell, year)?;
    (!name.is_empty() && name.chars().count() <= MAX_NODE_CHARS).then(|| MilestoneDraft {
        name: name.to_string(),
        planned_on,
        text: cell.trim().to_string(),
    })
}
