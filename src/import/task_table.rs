//! Task tables as offices copy them from a web page or a .docx: a 序号 column, a task column and
//! columns of units, people, deadlines and remarks. Two shapes reach us:
//!
//! - one cell per line: `序号` / `工作任务` / `牵头单位` / `配合单位` / `完成时限`, then `1` / the task /
//!   the units … (a trailing `|` per cell is allowed, as some copies keep the cell border);
//! - one row per line, cells separated by spaces: `序号 工 作 任 务 牵头负责部门` /
//!   `1 居民消费价格涨幅3%左右 发展改革委`.
//!
//! Columns are recognised by their header words, never by their position: a copy loses empty and
//! merged cells, so the cells of a row are fitted to the columns by what they look like (a list of
//! units, a person's name, a deadline, text), see `align`. A row with more cells than one task
//! needs holds a second task sharing the merged cells (序号, units) of the first.
//!
//! Key-project tables (an investment column) are left to `tables`.

use super::units;
use crate::domain::deadline;

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// The task: the first header with a task word (工作任务, 事项, 改革举措…).
    Title,
    /// Units: leads (牵头单位), co-units (配合单位, 协同单位) or not said (责任单位, 指导部门).
    Units(Role3),
    /// People (分管领导, 责任人): kept as text, never units.
    People,
    /// 完成时限 / 时间节点 / 完成时间.
    Deadline,
    /// Anything else (主要内容, 推广范围, 推进情况, 备注): kept as text.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role3 {
    Lead,
    Co,
    Unsaid,
}

/// What a cell looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Every name in it ends like a unit: "区发改局、区财政局".
    Units,
    /// Two to four letters that are not a unit: a person ("王某某"), or a short word ("全国").
    Person,
    /// A short cell with a date phrase: "12月底前", "9月投入使用".
    Deadline,
    Text,
}

/// One task read from a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowTask {
    /// The 序号 as printed; a second task in one row has the same.
    pub number: String,
    /// The task cell.
    pub title: String,
    /// The other text cells, "header:cell" one per line.
    pub extra: Vec<String>,
    /// A responsibility note built from the unit cells ("牵头单位:A;配合单位:B"), read by
    /// `units::parse_note` like any other note.
    pub note: String,
    /// The deadline cell, as written.
    pub deadline: Option<String>,
    /// The category or section row above it (分类 column, "一、…方面" rows).
    pub category: Option<String>,
    pub line: usize,
}

/// A task table found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTable {
    /// The line before the header (the table's caption), if any.
    pub title: String,
    /// Indexes (into the lines given) of every line the table took, header included.
    pub start: usize,
    pub end: usize,
    pub rows: Vec<RowTask>,
}

/// The longest header cell: longer lines are text, not a header.
const MAX_HEADER: usize = 16;
/// The most columns a task table has.
const MAX_COLUMNS: usize = 16;
/// The most cells one row (of one or two tasks) has, units one per line included.
const MAX_ROW_CELLS: usize = 64;

/// Every task table in `lines` ((line number, trimmed text), in order).
pub fn find(lines: &[(usize, &str)]) -> Vec<TaskTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Most lines are text: only a line starting with 序/编 can open a table.
        if !lines[i]
            .1
            .trim_start_matches(['|', '｜', ' '])
            .starts_with(['序', '编'])
        {
            i += 1;
            continue;
        }
        let t = clean(lines[i].1);
        let found = if is_serial_header(&t) {
            one_cell_per_line(lines, i)
        } else if is_row_header(&t) {
            row_per_line(lines, i)
        } else {
            None
        };
        match found {
            Some(table) => {
                i = table.end.max(i + 1);
                out.push(table);
            }
            None => i += 1,
        }
    }
    out
}

/// A cell as copied: without the cell border `|` and surrounding spaces.
fn clean(t: &str) -> String {
    t.trim()
        .trim_matches(|c: char| c == '|' || c == '｜' || c.is_whitespace())
        .to_string()
}

fn classify(header: &str) -> Col {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["领导", "负责人", "联系人", "责任人"]) {
        Col::People
    } else if has(&["时限", "完成时间", "时间节点", "期限", "截止", "完成日期"]) {
        Col::Deadline
    } else if has(&["建设单位", "业主单位", "实施主体"]) {
        // A key project's owner company: data of the project, not a responsible department.
        Col::Text
    } else if has(&["牵头"]) {
        Col::Units(Role3::Lead)
    } else if has(&["配合", "协同", "协办", "参与"]) {
        Col::Units(Role3::Co)
    } else if has(&["单位", "部门", "责任主体"]) {
        Col::Units(Role3::Unsaid)
    } else if has(&[
        "任务", "事项", "举措", "实事", "措施", "名称", "项目", "指标", "内容", "工作",
    ]) {
        Col::Title
    } else {
        Col::Text
    }
}

fn is_category_header(header: &str) -> bool {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    h.chars().count() <= 4
        && ["分类", "类别", "领域", "板块", "类型"]
            .iter()
            .any(|w| h.contains(w))
}

/// A serial number cell: "1", "24", "３".
/// A column of numbers that are not row numbers: counts, amounts, targets.
fn quantity_header(h: &str) -> bool {
    const WORDS: [&str; 14] = [
        "数量",
        "数目",
        "个数",
        "目标值",
        "指标值",
        "规模",
        "面积",
        "金额",
        "投资",
        "万元",
        "亿元",
        "（个）",
        "（家）",
        "（项）",
    ];
    WORDS.iter().any(|w| h.contains(w))
}

fn serial(t: &str) -> Option<u32> {
    let t = t.trim_end_matches(['.', '、', '．']);
    if t.is_empty() || t.chars().count() > 6 {
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

/// A section row inside a table: "一、知识产权保护方面(共5项)", "(二)创新方面".
fn section_row(t: &str) -> Option<String> {
    const CN: &str = "一二三四五六七八九十";
    let n = t.chars().take_while(|c| CN.contains(*c)).count();
    let rest: Option<&str> = if n > 0 && t.chars().nth(n) == Some('、') {
        Some(
            t.char_indices()
                .nth(n + 1)
                .map(|(at, _)| &t[at..])
                .unwrap_or(""),
        )
    } else if t.starts_with(['(', '（']) {
        let inner: String = t.chars().skip(1).take_while(|c| CN.contains(*c)).collect();
        let k = inner.chars().count();
        (k > 0 && matches!(t.chars().nth(k + 1), Some(')' | '）'))).then(|| {
            t.char_indices()
                .nth(k + 2)
                .map(|(at, _)| &t[at..])
                .unwrap_or("")
        })
    } else {
        None
    };
    rest.map(|r| r.trim().to_string()).filter(|r| !r.is_empty())
}

/// A table ends at the page's footer or the next attachment.
fn ends_table(t: &str) -> bool {
    [
        "分享到",
        "附件",
        "打印本页",
        "关闭窗口",
        "版权所有",
        "上一篇",
        "下一篇",
        "相关链接",
        "扫一扫",
        "【打印",
        "责任编辑",
        "抄送",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// The header's columns are a task table's: a task column and a unit or deadline column; tables
/// with money (key projects) are not.
fn accept(cols: &[Col], headers: &[String]) -> bool {
    let money = headers.iter().any(|h| {
        ["投资", "万元", "亿元", "金额"]
            .iter()
            .any(|w| h.contains(w))
    });
    !money
        && !super::key_projects::claims(headers)
        && cols.contains(&Col::Title)
        && cols
            .iter()
            .any(|c| matches!(c, Col::Units(_) | Col::Deadline))
}

/// Only the first task-word column is the task; later ones (全年目标任务) are text.
fn columns(headers: &[String]) -> Vec<Col> {
    let mut seen_title = false;
    headers
        .iter()
        .map(|h| match classify(h) {
            Col::Title if seen_title => Col::Text,
            Col::Title => {
                seen_title = true;
                Col::Title
            }
            c => c,
        })
        .collect()
}

fn caption(lines: &[(usize, &str)], before: usize) -> String {
    before
        .checked_sub(1)
        .and_then(|k| lines.get(k))
        .map(|l| clean(l.1))
        .filter(|t| t.chars().count() <= 60)
        .unwrap_or_default()
}

fn one_cell_per_line(lines: &[(usize, &str)], at: usize) -> Option<TaskTable> {
    // A category column before 序号 (分类, 类别): its cells come before each group's rows.
    let has_category = at
        .checked_sub(1)
        .is_some_and(|k| is_category_header(&clean(lines[k].1)));
    let start = if has_category { at - 1 } else { at };
    let mut headers: Vec<String> = Vec::new();
    let mut i = at + 1;
    while i < lines.len() && headers.len() < MAX_COLUMNS {
        let t = clean(lines[i].1);
        if t.is_empty() {
            i += 1;
            continue;
        }
        if serial(&t).is_some() || section_row(&t).is_some() || t.chars().count() > MAX_HEADER {
            break;
        }
        headers.push(t);
        i += 1;
    }
    // With a category column, the cell just before the first row is the first category, unless
    // it names a column a task table needs.
    let mut category = None;
    if has_category && headers.len() > 1 && headers.last().is_some_and(|h| classify(h) == Col::Text)
    {
        category = headers.pop();
    }
    let cols = columns(&headers);
    if !accept(&cols, &headers) {
        return None;
    }
    let mut rows = Vec::new();
    let mut current: Option<(String, usize, Vec<String>)> = None;
    let mut last_serial: Option<u32> = None;
    // The cells a row holds up to and with its last column of quantities (0: none).
    let numbers_until = headers
        .iter()
        .rposition(|h| quantity_header(h))
        .map_or(0, |k| k + 1);
    while i < lines.len() {
        let t = clean(lines[i].1);
        if t.is_empty() {
            i += 1;
            continue;
        }
        if ends_table(&t) {
            break;
        }
        // A number starts the next row when it follows the last one and the row so far is
        // past any column of quantities (目标数量 5 is a cell, not row 5); a gap in the numbers
        // only after a full row or a section row (a shortened copy drops rows, 14 → 21, not
        // the order of a row's cells).
        let next_row = serial(&t).filter(|v| {
            let (open, cells) = current.as_ref().map_or((false, 0), |c| (true, c.2.len()));
            let in_order = last_serial.is_none_or(|p| {
                (*v == p + 1 && (!open || cells >= numbers_until))
                    || (*v > p + 1 && *v <= p + 50 && (!open || cells >= headers.len()))
            });
            in_order && current.as_ref().is_none_or(|c| !c.2.is_empty())
        });
        if let Some(v) = next_row {
            if let Some((num, line, cells)) = current.take() {
                category = finish(
                    has_category,
                    &cols,
                    &headers,
                    num,
                    line,
                    &cells,
                    category,
                    &mut rows,
                );
            }
            current = Some((t.clone(), lines[i].0, Vec::new()));
            last_serial = Some(v);
        } else if let Some(section) = section_row(&t) {
            if let Some((num, line, cells)) = current.take() {
                finish(
                    has_category,
                    &cols,
                    &headers,
                    num,
                    line,
                    &cells,
                    category,
                    &mut rows,
                );
            }
            category = Some(section);
        } else if let Some(c) = current.as_mut() {
            // No row of a real table has this many cells: the table ended (and the fitting of
            // cells to columns stays small).
            if c.2.len() >= MAX_ROW_CELLS {
                break;
            }
            c.2.push(t);
        } else {
            category = Some(t);
        }
        i += 1;
    }
    if let Some((num, line, cells)) = current.take() {
        finish(
            has_category,
            &cols,
            &headers,
            num,
            line,
            &cells,
            category,
            &mut rows,
        );
    }
    (!rows.is_empty()).then(|| TaskTable {
        title: caption(lines, start),
        start,
        end: i,
        rows,
    })
}

/// "序号 工作任务 牵头单位" or "序号 | 工作任务 | 牵头单位 |": a header row on one line.
fn is_row_header(t: &str) -> bool {
    let cells = row_cells(t);
    cells.len() >= 3 && is_serial_header(&cells[0])
}

/// "序号", also spread out ("序 号") or as 编号.
fn is_serial_header(t: &str) -> bool {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    compact == "序号" || compact == "编号"
}

/// The cells of a row on one line: between `|` when the line has them, else between spaces.
fn row_cells(t: &str) -> Vec<String> {
    if t.matches(['|', '｜']).count() >= 2 {
        t.split(['|', '｜'])
            .map(clean)
            .filter(|c| !c.is_empty())
            .collect()
    } else {
        space_cells(t)
    }
}

/// Cells of a space-separated line; runs of single letters are one word spread out for layout
/// ("工 作 任 务" -> "工作任务").
fn space_cells(t: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut spread = false;
    for tok in t.split_whitespace() {
        let single = tok.chars().count() == 1 && !tok.chars().all(|c| c.is_ascii_digit());
        if single
            && spread
            && let Some(last) = out.last_mut()
        {
            last.push_str(tok);
            continue;
        }
        spread = single;
        out.push(tok.to_string());
    }
    out
}

fn row_per_line(lines: &[(usize, &str)], at: usize) -> Option<TaskTable> {
    let cells = row_cells(lines[at].1);
    let headers: Vec<String> = cells.into_iter().skip(1).collect();
    let cols = columns(&headers);
    if headers.len() > MAX_COLUMNS || !accept(&cols, &headers) {
        return None;
    }
    let mut rows = Vec::new();
    let mut category = None;
    let mut i = at + 1;
    while i < lines.len() {
        let t = lines[i].1.trim();
        if ends_table(t) {
            break;
        }
        let mut cells = row_cells(t);
        if cells.len() > MAX_ROW_CELLS {
            break;
        }
        let first = cells.first().and_then(|c| serial(c));
        match first {
            Some(_) if cells.len() >= 2 => {
                let number = cells.remove(0);
                // A task with spaces in it: the cells beyond the columns belong to the task.
                if cells.len() > cols.len() && !cols.is_empty() {
                    let extra = cells.len() - cols.len();
                    let title: String = cells.drain(..=extra).collect();
                    cells.insert(0, title);
                }
                category = finish(
                    false, &cols, &headers, number, lines[i].0, &cells, category, &mut rows,
                );
            }
            _ if cells.len() == 1 && t.chars().count() <= 20 => {
                category = Some(section_row(t).unwrap_or_else(|| t.to_string()));
            }
            _ => break,
        }
        i += 1;
    }
    (!rows.is_empty()).then(|| TaskTable {
        title: caption(lines, at),
        start: at,
        end: i,
        rows,
    })
}

fn cell_kind(c: &str) -> Cell {
    let names = units::split_depth0(c, &['、', ',', '，', ';', '；']);
    let unit_like = !names.is_empty()
        && names
            .iter()
            .all(|n| units::normalise(n).is_some_and(|n| units::looks_like_unit(&n)));
    let n = c.chars().count();
    if unit_like && !c.contains('。') {
        Cell::Units
    } else if (2..=4).contains(&n) && c.chars().all(|ch| ch.is_alphabetic() && !ch.is_ascii()) {
        Cell::Person
    } else if n <= 16 && !deadline::scan(c, 2000).is_empty() {
        Cell::Deadline
    } else {
        Cell::Text
    }
}

/// How well a cell fits a column; `None`: never there.
fn fit(col: Col, cell: Cell) -> Option<i32> {
    use Cell as C;
    match (col, cell) {
        (Col::Title, C::Text) => Some(3),
        (Col::Title, C::Person | C::Deadline) => Some(0),
        (Col::Title, C::Units) => Some(-3),
        (Col::Units(_), C::Units) => Some(4),
        (Col::Units(_), _) => None,
        (Col::People, C::Person) => Some(3),
        (Col::People, C::Text) => Some(0),
        (Col::People, _) => None,
        (Col::Deadline, C::Deadline) => Some(3),
        (Col::Deadline, C::Text) => Some(0),
        (Col::Deadline, _) => None,
        (Col::Text, C::Units) => Some(-1),
        (Col::Text, _) => Some(1),
    }
}

/// A cell left over inside a row costs more than one left over at its end (the start of a
/// second task, or the next group's category).
const SKIP_INSIDE: i32 = -2;
const LEFT_AT_END: i32 = -1;

/// Fits `cells` to `cols`: for each column the range of cells it takes (a unit column may take
/// several cells, one unit per line; any other column one or none). The first column that is the
/// task always takes the first cell. Returns the ranges and where the fitted cells end.
fn align(cols: &[Col], kinds: &[Cell]) -> (Vec<Option<(usize, usize)>>, usize) {
    let (nc, nk) = (cols.len(), kinds.len());
    const NEG: i32 = i32::MIN / 4;
    // best[j][k]: the best score for columns j.. and cells k..; the choice made there.
    let mut best = vec![vec![NEG; nk + 1]; nc + 1];
    let mut choice = vec![vec![(0u8, 0usize); nk + 1]; nc + 1];
    for (k, b) in best[nc].iter_mut().enumerate() {
        *b = LEFT_AT_END * (nk - k) as i32;
    }
    for j in (0..nc).rev() {
        for k in (0..=nk).rev() {
            let mut top = NEG;
            let mut pick = (0u8, 0usize);
            // Take cells k..m.
            let most = if matches!(cols[j], Col::Units(_)) {
                nk
            } else {
                (k + 1).min(nk)
            };
            let mut score = 0;
            for m in k..most {
                match fit(cols[j], kinds[m]) {
                    Some(s) => score += s,
                    None => break,
                }
                let total = score + best[j + 1][m + 1];
                if total > top {
                    top = total;
                    pick = (1, m + 1);
                }
            }
            // Leave the column empty (never the task column: it takes the first cell).
            if cols[j] != Col::Title && best[j + 1][k] > top {
                top = best[j + 1][k];
                pick = (2, k);
            }
            // Leave the cell out.
            if k < nk && cols[j] != Col::Title && best[j][k + 1] + SKIP_INSIDE > top {
                top = best[j][k + 1] + SKIP_INSIDE;
                pick = (3, k + 1);
            }
            best[j][k] = top;
            choice[j][k] = pick;
        }
    }
    let mut ranges = vec![None; nc];
    let (mut j, mut k) = (0, 0);
    while j < nc {
        let (what, to) = choice[j][k];
        match what {
            1 => {
                ranges[j] = Some((k, to));
                k = to;
                j += 1;
            }
            2 => j += 1,
            3 => k = to,
            _ => break,
        }
    }
    (ranges, k)
}

/// Turns one row's cells into tasks; returns the category for the next rows.
#[allow(clippy::too_many_arguments)]
fn finish(
    category_column: bool,
    cols: &[Col],
    headers: &[String],
    number: String,
    line: usize,
    cells: &[String],
    category: Option<String>,
    rows: &mut Vec<RowTask>,
) -> Option<String> {
    let kinds: Vec<Cell> = cells.iter().map(|c| cell_kind(c)).collect();
    let mut from = 0;
    let mut inherited: Vec<Option<String>> = vec![None; cols.len()];
    let mut first = true;
    while from < cells.len() {
        let (ranges, end) = align(cols, &kinds[from..]);
        let mut task = RowTask {
            number: number.clone(),
            title: String::new(),
            extra: Vec::new(),
            note: String::new(),
            deadline: None,
            category: category.clone(),
            line,
        };
        let mut notes: Vec<String> = Vec::new();
        for (j, col) in cols.iter().enumerate() {
            let text = match ranges[j] {
                Some((a, b)) => {
                    let t = cells[from + a..from + b].join("、");
                    inherited[j] = Some(t.clone());
                    Some(t)
                }
                // A merged cell: the second task of a row shares the first one's units.
                None if !first && matches!(col, Col::Units(_)) => inherited[j].clone(),
                None => None,
            };
            let Some(text) = text else { continue };
            match col {
                Col::Title => task.title = text.trim_end_matches(['。', '.']).to_string(),
                Col::Units(role) => {
                    let label = match role {
                        Role3::Lead => "牵头单位",
                        Role3::Co => "配合单位",
                        Role3::Unsaid => "责任单位",
                    };
                    notes.push(format!("{label}:{text}"));
                }
                Col::Deadline => task.deadline = Some(text),
                Col::People | Col::Text => {
                    let header: String =
                        headers[j].chars().filter(|c| !c.is_whitespace()).collect();
                    task.extra.push(format!("{header}:{text}"));
                }
            }
        }
        // Lead columns first, so that a 责任单位 column repeating the lead does not lead twice.
        notes.sort_by_key(|n| !n.starts_with("牵头单位"));
        task.note = notes.join(";");
        let rest = &cells[from + end..];
        from += end.max(1);
        first = false;
        let starts_task = rest
            .first()
            .is_some_and(|c| cell_kind(c) == Cell::Text && (rest.len() >= 2 || c.ends_with('。')));
        if task.title.is_empty() {
            continue;
        }
        rows.push(task);
        if !starts_task {
            // What is left: the next group's category (a short cell at the end of the row, in
            // a table with a category column), else text of this task.
            if let [one] = rest
                && category_column
                && one.chars().count() <= 12
                && !one.contains(['。', ',', '，'])
            {
                return Some(one.clone());
            }
            if let Some(last) = rows.last_mut() {
                last.extra.extend(rest.iter().cloned());
            }
            return category;
        }
    }
    category
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect()
    }

    #[test]
    fn one_cell_per_line_with_units_one_per_line_and_a_merged_row() {
        let text = "附件\n2025年为民办实事分解表\n序号\n实事项目\n责任单位\n完成时限\n1\n改造老旧管网5公里。\n县水利局\n县城投公司\n10月底前\n2\n新建口袋公园3个。\n县住建局\n6月底前开工\n建成社区食堂2家。\n12月底前\n分享到:";
        let ls = lines(text);
        let tables = find(&ls);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.title, "2025年为民办实事分解表");
        let got: Vec<_> = t
            .rows
            .iter()
            .map(|r| {
                (
                    r.number.as_str(),
                    r.title.as_str(),
                    r.note.as_str(),
                    r.deadline.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "1",
                    "改造老旧管网5公里",
                    "责任单位:县水利局、县城投公司",
                    Some("10月底前")
                ),
                (
                    "2",
                    "新建口袋公园3个",
                    "责任单位:县住建局",
                    Some("6月底前开工")
                ),
                (
                    "2",
                    "建成社区食堂2家",
                    "责任单位:县住建局",
                    Some("12月底前")
                ),
            ]
        );
    }

    #[test]
    fn people_and_progress_columns_are_text_and_misaligned_cells_still_fit() {
        let text = "序号 |\n重点任务 |\n年度目标 |\n分管 领导 |\n牵头 单位 |\n协同单位 |\n进展情况 |\n7 |\n整治背街小巷20条。 |\n李某某 |\n城管局 |\n交通局、相关街道 |\n已完成12条。 |";
        let ls = lines(text);
        let t = &find(&ls)[0];
        let r = &t.rows[0];
        assert_eq!(r.number, "7");
        assert_eq!(r.title, "整治背街小巷20条");
        assert_eq!(r.note, "牵头单位:城管局;配合单位:交通局、相关街道");
        assert_eq!(r.extra, vec!["分管领导:李某某", "进展情况:已完成12条。"]);
    }

    #[test]
    fn category_column_and_section_rows() {
        let text = "分类\n序号\n事项\n责任单位\n牵头单位\n稳增长\n1\n工业投资增长8%。\n区经信局、区发改局\n区经信局\n2\n新增规上企业20家。\n区经信局\n区经信局\n优环境\n3\n政务服务事项全程网办。\n区行政服务中心";
        let ls = lines(text);
        let rows = &find(&ls)[0].rows;
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.number.as_str(), r.category.as_deref(), r.note.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "1",
                    Some("稳增长"),
                    "牵头单位:区经信局;责任单位:区经信局、区发改局"
                ),
                ("2", Some("稳增长"), "牵头单位:区经信局;责任单位:区经信局"),
                ("3", Some("优环境"), "责任单位:区行政服务中心"),
            ]
        );
    }

    #[test]
    fn rows_on_one_line_with_a_spread_out_header() {
        let text = "2025年主要指标任务分工\n序号 工 作 任 务 牵头负责部门\n1 粮食产量稳定在50万吨以上 县农业农村局\n2 新增城镇就业3000人 县人社局\n3 单位生产总值能耗下降3% 发展";
        let ls = lines(text);
        let t = &find(&ls)[0];
        assert_eq!(t.title, "2025年主要指标任务分工");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].note, "牵头单位:县人社局");
        // A cut-off unit is not a unit: the row keeps it as text.
        assert_eq!(t.rows[2].note, "");
        assert_eq!(t.rows[2].extra, vec!["发展"]);
    }

    #[test]
    fn rows_on_one_line_between_bars() {
        let text = "序 号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n1 | 建成城市书房5家 | 区文广局 | 各街道 | 2025年9月底前 |\n2 | 新增公共充电桩300个 | 区发改局 | | 2025年底前 |";
        let ls = lines(text);
        let rows = &find(&ls)[0].rows;
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.title.as_str(), r.note.as_str(), r.deadline.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "建成城市书房5家",
                    "牵头单位:区文广局;配合单位:各街道",
                    Some("2025年9月底前")
                ),
                (
                    "新增公共充电桩300个",
                    "牵头单位:区发改局",
                    Some("2025年底前")
                ),
            ]
        );
    }

    #[test]
    fn tables_that_are_not_task_tables_are_left_alone() {
        let ls = lines("序号\n项目名称\n建设单位\n总投资(万元)\n1\n冷链中心\n某公司\n3200");
        assert!(find(&ls).is_empty());
        let ls = lines("序号\n指标\n2024年\n2025年\n1\n产值\n10\n12");
        assert!(find(&ls).is_empty());
    }
}
