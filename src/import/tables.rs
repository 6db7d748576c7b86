//! Tables in a plan's text, as copied from a web page or a .docx: rows separated by `|`, or every
//! cell on its own line. They become indicators with yearly targets (targets per year with a
//! responsible unit; targets per unit for one year) or tasks (key-project lists, rows whose targets
//! are words). A table the importer does not understand is reported, not guessed.

use super::draft::{Doubt, DoubtKind, IndicatorDraft, KeyProject, MilestoneDraft, UnitRef};
use super::key_projects;
use super::plan_tables::all_lead;
use super::plan_text::shorten;
use super::units;
use crate::domain::Role;

/// A row that becomes a task.
#[derive(Debug, Clone, PartialEq)]
pub struct TableTask {
    pub title: String,
    pub body: String,
    pub units: Vec<UnitRef>,
    pub line: usize,
    /// A key project's owner and investment.
    pub project: Option<KeyProject>,
    /// Its milestones (a key-project table's date columns).
    pub milestones: Vec<MilestoneDraft>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableOut {
    pub indicators: Vec<IndicatorDraft>,
    pub tasks: Vec<TableTask>,
    pub doubts: Vec<Doubt>,
    /// Rows of a milestone table: milestones of the task each names (`title`).
    pub milestones: Vec<TableTask>,
}

/// One block of lines under `title` (an appendix, or a run of `|` rows in the text).
pub fn parse_block(title: &str, lines: &[(usize, &str)], plan_year: i32) -> TableOut {
    let mut out = TableOut::default();
    let first_line = lines.first().map(|l| l.0).unwrap_or(0);
    let skip = |out: &mut TableOut| {
        out.doubts.push(Doubt {
            line: first_line,
            kind: DoubtKind::SkippedTable,
            text: shorten(title, 40),
        });
    };
    if lines.is_empty() {
        return out;
    }
    if ["考核", "评价办法", "评分", "赋分", "计分"]
        .iter()
        .any(|w| title.contains(w))
    {
        skip(&mut out);
        return out;
    }
    let year = year_in(title).unwrap_or(plan_year);
    if let Some(read) = key_projects::parse(title, lines, year) {
        let task = |r: key_projects::ProjectRow| TableTask {
            title: r.title,
            body: r.body,
            units: r.units,
            line: r.line,
            project: r.project,
            milestones: r.milestones,
        };
        out.tasks = read.projects.into_iter().map(task).collect();
        out.milestones = read.milestones.into_iter().map(task).collect();
        return out;
    }
    if lines
        .iter()
        .filter(|l| l.1.matches('|').count() >= 2)
        .count()
        >= 2
    {
        pipe_table(lines, &mut out);
    } else {
        per_unit_table(lines, year, &mut out);
    }
    if out.indicators.is_empty() && out.tasks.is_empty() {
        skip(&mut out);
    }
    out
}

pub(super) fn year_in(t: &str) -> Option<i32> {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(5).find_map(|w| {
        if w[4] != '年' || !w[..4].iter().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let y: String = w[..4].iter().collect();
        y.parse().ok().filter(|y| (1990..=2100).contains(y))
    })
}

/// A number as tables write it: "12", "1.5", "10%", "３"; `None` for words.
pub(super) fn number(cell: &str) -> Option<f64> {
    let t: String = cell
        .trim()
        .trim_end_matches(['%', '％'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .filter(|c| *c != ',')
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "地区生产总值(亿元)" -> ("地区生产总值", "亿元"); "其中:交通投资增速" -> ("交通投资增速", "").
fn name_and_unit(label: &str) -> (String, String) {
    let label = label.trim();
    let label = label
        .strip_prefix("其中:")
        .or_else(|| label.strip_prefix("其中："))
        .unwrap_or(label);
    let chars: Vec<char> = label.chars().collect();
    if matches!(chars.last(), Some(')' | '）'))
        && let Some(open) = chars.iter().rposition(|c| matches!(c, '(' | '（'))
        && open > 0
    {
        let unit: String = chars[open + 1..chars.len() - 1].iter().collect();
        let name: String = chars[..open].iter().collect();
        if unit.chars().count() <= 6 {
            return (name.trim().to_string(), unit.trim().to_string());
        }
    }
    (label.to_string(), String::new())
}

/// Indicator rows with a target per year and a responsible unit:
/// `指标 | 2018年 | 2019年 | 2020年 | 年均增长率 | 责任单位`. Merged cells (a category before the
/// name, empty cells) are lost in a copy, so rows are read from the right: the unit is the last
/// cell, the extra columns after the years come before it, then the years, then the name.
fn pipe_table(lines: &[(usize, &str)], out: &mut TableOut) {
    let rows: Vec<(usize, Vec<String>)> = lines
        .iter()
        .map(|(n, l)| {
            let cells = l
                .split('|')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            (*n, cells)
        })
        .collect();
    let year_row = rows.iter().position(|(_, cells)| {
        cells
            .iter()
            .filter(|c| year_in(c).is_some() && number(c).is_none())
            .count()
            >= 2
    });
    let Some(year_row) = year_row else {
        task_table(&rows, out);
        return;
    };
    let header = &rows[year_row].1;
    let years: Vec<i32> = header.iter().filter_map(|c| year_in(c)).collect();
    let last_year_cell = header
        .iter()
        .rposition(|c| year_in(c).is_some())
        .unwrap_or(0);
    let unit_header =
        |c: &String| c.contains("责任单位") || c.contains("牵头单位") || c.contains("责任部门");
    // Columns after the years other than the unit's (年均增长率…).
    let extra = header[last_year_cell + 1..]
        .iter()
        .filter(|c| !unit_header(c))
        .count();
    let has_unit_column = rows[..=year_row]
        .iter()
        .flat_map(|(_, c)| c.iter())
        .any(unit_header);
    let tail = extra + usize::from(has_unit_column);
    let y = years.len();
    for (line, cells) in rows.iter().skip(year_row + 1) {
        if cells.len() < y + 1 + tail {
            continue;
        }
        let department = if has_unit_column {
            cells.last().and_then(|c| units::normalise(c))
        } else {
            None
        };
        let targets_end = cells.len() - tail;
        let targets_start = targets_end - y;
        let name_cell = &cells[targets_start - 1];
        if number(name_cell).is_some() {
            continue;
        }
        let (name, unit) = name_and_unit(name_cell);
        let values: Vec<Option<f64>> = cells[targets_start..targets_end]
            .iter()
            .map(|c| number(c))
            .collect();
        if values.iter().all(Option::is_some) {
            out.indicators.push(IndicatorDraft {
                name,
                unit,
                department,
                targets: years
                    .iter()
                    .zip(values.iter().flatten())
                    .map(|(y, v)| (*y, *v))
                    .collect(),
                line: *line,
            });
        } else {
            let body = years
                .iter()
                .zip(&cells[targets_start..targets_end])
                .map(|(y, c)| format!("{y}年:{c}"))
                .collect::<Vec<_>>()
                .join("；");
            out.doubts.push(Doubt {
                line: *line,
                kind: DoubtKind::RowAsTask,
                text: shorten(name_cell, 40),
            });
            out.tasks.push(TableTask {
                title: name_cell.to_string(),
                body,
                units: department
                    .map(|name| {
                        vec![UnitRef {
                            name,
                            role: Role::Lead,
                        }]
                    })
                    .unwrap_or_default(),
                line: *line,
                project: None,
                milestones: Vec::new(),
            });
        }
    }
}

/// A task list as offices keep it: 序号 | 任务 | 牵头单位 | 配合单位 | 完成时限.
fn task_table(rows: &[(usize, Vec<String>)], out: &mut TableOut) {
    let Some(h) = rows.iter().position(|(_, cells)| {
        cells.iter().any(|c| {
            ["任务", "工作内容", "工作措施", "项目名称"]
                .iter()
                .any(|w| c.contains(w))
        })
    }) else {
        return;
    };
    let header = &rows[h].1;
    let col = |words: &[&str]| {
        header
            .iter()
            .position(|c| words.iter().any(|w| c.contains(w)))
    };
    let Some(task_col) = col(&["任务", "工作内容", "工作措施", "项目名称"]) else {
        return;
    };
    let lead_col = col(&["牵头单位", "牵头部门", "责任单位", "责任部门"]);
    let co_col = col(&["配合单位", "协同", "配合部门"]);
    let due_col = col(&["完成时限", "时间节点", "完成时间", "时限"]);
    for (line, cells) in rows.iter().skip(h + 1) {
        if cells.len() != header.len() {
            continue;
        }
        let Some(title) = cells.get(task_col).filter(|t| !t.is_empty()) else {
            continue;
        };
        let mut note = String::new();
        if let Some(c) = lead_col.and_then(|i| cells.get(i)) {
            let label = if header[lead_col.unwrap_or(0)].contains("牵头") {
                "牵头单位"
            } else {
                "责任单位"
            };
            note.push_str(&format!("{label}:{c}"));
        }
        if let Some(c) = co_col.and_then(|i| cells.get(i)) {
            note.push_str(&format!(";配合单位:{c}"));
        }
        let body = match due_col.and_then(|i| cells.get(i)) {
            Some(d) => format!("{title}\n完成时限:{d}"),
            None => title.clone(),
        };
        out.tasks.push(TableTask {
            title: title.clone(),
            body,
            units: units::parse_note(&note).units,
            line: *line,
            project: None,
            milestones: Vec::new(),
        });
    }
}

/// Targets per unit for one year, one cell per line: a corner cell, the units (街道…), then rows of
/// labels and one value per unit. Labels nest: "规上工业总产值" / "增速(%)" / values / "总值(亿元)" /
/// values — a short label after a row belongs to the same parent.
fn per_unit_table(lines: &[(usize, &str)], year: i32, out: &mut TableOut) {
    let texts: Vec<&str> = lines.iter().map(|l| l.1).collect();
    // The header: a corner cell then at least two unit names.
    let mut header = None;
    for i in 0..texts.len() {
        let k = texts[i + 1..]
            .iter()
            .take_while(|t| units::looks_like_unit(t) && number(t).is_none())
            .count();
        if k >= 2 {
            header = Some((i, k));
            break;
        }
        if i > 3 {
            break;
        }
    }
    let Some((corner, k)) = header else {
        return;
    };
    let columns: Vec<String> = texts[corner + 1..=corner + k]
        .iter()
        .filter_map(|t| units::normalise(t))
        .collect();
    if columns.len() != k {
        return;
    }
    let mut i = corner + 1 + k;
    let mut pending: Vec<&str> = Vec::new();
    let mut parent: Vec<&str> = Vec::new();
    while i < texts.len() {
        let window = texts.get(i..i + k);
        let numeric = window.is_some_and(|w| w.iter().all(|t| number(t).is_some()));
        let words = window.is_some_and(|w| {
            w.iter().all(|t| number(t).is_none())
                && (w.iter().all(|t| *t == w[0]) || i + k == texts.len())
        });
        if !pending.is_empty() && (numeric || words) {
            let labels: Vec<&str> =
                if pending.len() == 1 && !parent.is_empty() && short_label(pending[0]) {
                    parent.iter().chain(pending.iter()).copied().collect()
                } else {
                    parent = pending[..pending.len() - 1].to_vec();
                    pending.clone()
                };
            let (last_name, unit) = name_and_unit(labels.last().copied().unwrap_or(""));
            let mut name_parts: Vec<String> = labels[..labels.len() - 1]
                .iter()
                .map(|s| s.to_string())
                .collect();
            name_parts.push(last_name);
            let name = name_parts.join(" ");
            let window = window.unwrap_or_default();
            if numeric {
                for (unit_name, cell) in columns.iter().zip(window) {
                    out.indicators.push(IndicatorDraft {
                        name: name.clone(),
                        unit: unit.clone(),
                        department: Some(unit_name.clone()),
                        targets: number(cell).map(|v| vec![(year, v)]).unwrap_or_default(),
                        line: lines[i].0,
                    });
                }
            } else {
                let body = if window.iter().all(|t| *t == window[0]) {
                    window[0].to_string()
                } else {
                    columns
                        .iter()
                        .zip(window)
                        .map(|(c, t)| format!("{c}:{t}"))
                        .collect::<Vec<_>>()
                        .join("；")
                };
                out.tasks.push(TableTask {
                    title: name,
                    body,
                    units: all_lead(&columns),
                    line: lines[i].0,
                    project: None,
                    milestones: Vec::new(),
                });
            }
            pending.clear();
            i += k;
            continue;
        }
        pending.push(texts[i]);
        i += 1;
    }
}

/// "增速(%)", "总值(亿元)": a sub-label that repeats under several parents.
fn short_label(label: &str) -> bool {
    name_and_unit(label).0.chars().count() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Vec<(usize, &str)> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, l.trim()))
            .collect()
    }

    #[test]
    fn yearly_targets_with_units() {
        let text = "类别 | 指标 | 责任单位 |\n2024年 | 2025年 | 增幅 |\n农业 | 粮食产量(万吨) | 12 | 13 | 5% | 区农业局 |\n林地面积(万亩) | 3.5 | 3.6 | / | 区林业局 |\n示范村(个) | 建成2个 | 建成3个 | / | 区农业局 |";
        let out = parse_block("目标分解表", &block(text), 2024);
        assert_eq!(out.indicators.len(), 2);
        let first = &out.indicators[0];
        assert_eq!(first.name, "粮食产量");
        assert_eq!(first.unit, "万吨");
        assert_eq!(first.department.as_deref(), Some("区农业局"));
        assert_eq!(first.targets, vec![(2024, 12.0), (2025, 13.0)]);
        assert_eq!(out.indicators[1].targets, vec![(2024, 3.5), (2025, 3.6)]);
        assert_eq!(out.tasks.len(), 1);
        assert_eq!(out.tasks[0].title, "示范村(个)");
        assert_eq!(out.tasks[0].units[0].name, "区农业局");
    }

    #[test]
    fn per_unit_targets_one_cell_per_line() {
        let text = "乡镇\n东湖镇\n西山镇\n粮食产量\n增幅(%)\n3\n4\n总量(万吨)\n10\n8\n新建农场数(个)\n2\n1\n秸秆整治\n按时完成\n按时完成";
        let out = parse_block("2025年度各乡镇任务表", &block(text), 2024);
        let names: Vec<_> = out
            .indicators
            .iter()
            .map(|i| {
                (
                    i.name.as_str(),
                    i.unit.as_str(),
                    i.department.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("粮食产量 增幅", "%", "东湖镇"),
                ("粮食产量 增幅", "%", "西山镇"),
                ("粮食产量 总量", "万吨", "东湖镇"),
                ("粮食产量 总量", "万吨", "西山镇"),
                ("新建农场数", "个", "东湖镇"),
                ("新建农场数", "个", "西山镇"),
            ]
        );
        assert_eq!(out.indicators[2].targets, vec![(2025, 10.0)]);
        assert_eq!(out.tasks.len(), 1);
        assert_eq!(out.tasks[0].units.len(), 2);
    }

    #[test]
    fn project_list_rows_are_tasks() {
        let text = "序号\n项目名称\n总投资(万元)\n1\n冷链仓储中心\n某农业公司\n3200\n2\n智慧灌溉改造\n某水务公司\n880";
        let out = parse_block("重点项目表", &block(text), 2024);
        assert_eq!(out.tasks.len(), 2);
        assert_eq!(out.tasks[1].title, "智慧灌溉改造");
        assert_eq!(out.tasks[1].body, "某水务公司；总投资(万元):880");
        assert_eq!(
            out.tasks[1].project,
            Some(KeyProject {
                owner: Some("某水务公司".into()),
                investment: Some(880.0),
                investment_label: "总投资(万元)".into(),
                year_plan: None,
            })
        );
    }

    #[test]
    fn scoring_scheme_is_skipped_and_reported() {
        let out = parse_block("考核评价办法", &block("指标\n分值\n1"), 2024);
        assert!(out.tasks.is_empty() && out.indicators.is_empty());
        assert_eq!(out.doubts[0].kind, DoubtKind::SkippedTable);
    }
}
