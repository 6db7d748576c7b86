//! The task spreadsheet offices keep (任务推进情况表): its columns, the other headings clerks give
//! them, and what a row shows for a task. `report::export` writes it, `import::sheet` reads it
//! back; both go through here so that a sheet duban wrote is always read the way it was meant.

use super::percent::Percent;
use super::role::Role;
use super::rollup::task_completion;

/// A column of the sheet, whatever its heading says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 计划: only in a CSV of several plans (xlsx has a sheet per plan).
    Plan,
    Number,
    Task,
    Lead,
    Co,
    /// 责任单位: all units in one cell, `*` marking leads, as plans write them.
    Units,
    Deadline,
    /// 填报单位: the row's percent and note are this unit's (a department's own sheet).
    Reporter,
    Progress,
    Percent,
    Problems,
    Next,
    Remark,
    /// 基于版本: the newest report the row shows (`SheetTask::basis`), written by duban so that a
    /// row filled in over an older state is refused even when the title row is edited away.
    Stamp,
}

/// The columns duban writes, in the order offices use. A department's sheet adds `Reporter`
/// after `Deadline`; a CSV of several plans starts with `Plan`. `Stamp` comes last so that the
/// columns people fill keep their letters (完成率 is G).
pub const LAYOUT: [Column; 11] = [
    Column::Number,
    Column::Task,
    Column::Lead,
    Column::Co,
    Column::Deadline,
    Column::Progress,
    Column::Percent,
    Column::Problems,
    Column::Next,
    Column::Remark,
    Column::Stamp,
];

/// The label before the export instant in the title row ("导出时间:2024-06-30 10:32:05"). The
/// importer reads it to refuse a sheet that is older than a report it would overwrite.
pub const EXPORTED_AT: &str = "导出时间";

/// Headings each column is known by, after `normalise_heading`. The first is what duban writes.
const NAMES: &[(Column, &[&str])] = &[
    (Column::Plan, &["计划", "所属计划", "计划名称", "方案"]),
    (
        Column::Number,
        &["序号", "编号", "任务编号", "序", "no", "no."],
    ),
    (
        Column::Task,
        &[
            "任务",
            "任务名称",
            "重点任务",
            "工作任务",
            "主要任务",
            "任务内容",
            "工作内容",
            "具体任务",
            "工作事项",
            "事项",
            "工作措施",
            "主要措施",
            "具体措施",
        ],
    ),
    (
        Column::Lead,
        &[
            "牵头单位",
            "牵头部门",
            "牵头责任单位",
            "主要责任单位",
            "主办单位",
        ],
    ),
    (
        Column::Co,
        &[
            "配合单位",
            "配合部门",
            "协同单位",
            "协同部门",
            "协同责任单位",
            "配合责任单位",
            "协办单位",
            "参与单位",
        ],
    ),
    (
        Column::Units,
        &["责任单位", "责任部门", "责任主体", "实施单位", "负责单位"],
    ),
    (
        Column::Deadline,
        &[
            "完成时限",
            "时间节点",
            "完成时间",
            "时限",
            "完成期限",
            "时间要求",
            "截止时间",
            "期限",
            "时限要求",
        ],
    ),
    (Column::Reporter, &["填报单位", "报送单位", "填报部门"]),
    (
        Column::Progress,
        &[
            "进展情况",
            "工作进展",
            "进展",
            "推进情况",
            "完成情况",
            "落实情况",
            "进度情况",
            "工作推进情况",
            "目前进展",
        ],
    ),
    (
        Column::Percent,
        &[
            "完成率",
            "完成进度",
            "进度",
            "完成比例",
            "完成百分比",
            "完成率%",
            "进度%",
        ],
    ),
    (
        Column::Problems,
        &[
            "存在问题",
            "问题",
            "存在的问题",
            "存在困难",
            "困难问题",
            "问题困难",
        ],
    ),
    (
        Column::Next,
        &[
            "下一步计划",
            "下步计划",
            "下一步工作",
            "下一步打算",
            "下步打算",
            "下一步工作计划",
            "下步工作",
        ],
    ),
    (Column::Remark, &["备注", "说明"]),
    // Exact names only (no key word below): an office's "版本" column is not duban's stamp.
    (Column::Stamp, &["基于版本", "basedon", "基于"]),
];

impl Column {
    /// The heading duban writes.
    pub fn heading(self) -> &'static str {
        NAMES
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, names)| names[0])
            .unwrap_or_default()
    }

    /// Which column a heading names: a known heading exactly (spaces, line breaks and a "(%)"
    /// ignored), else by its key word ("2024年6月进展情况", "完成时限(年月)"). `None` for
    /// anything else.
    pub fn recognise(heading: &str) -> Option<Column> {
        let h = normalise_heading(heading);
        if h.is_empty() {
            return None;
        }
        if let Some((c, _)) = NAMES.iter().find(|(_, names)| names.contains(&h.as_str())) {
            return Some(*c);
        }
        // A heading that starts with a role is that role's column ("牵头责任单位(部门)"); one
        // that only mentions it is all units ("责任单位(*为牵头)").
        for (start, c) in [
            ("牵头", Column::Lead),
            ("配合", Column::Co),
            ("协同", Column::Co),
        ] {
            if h.starts_with(start) {
                return Some(c);
            }
        }
        // Key words, most specific first: "下一步计划" before "计划", "完成时限" before "完成",
        // "进度情况" (words) before "进度" (a number).
        const KEYS: &[(&str, Column)] = &[
            ("下一步", Column::Next),
            ("下步", Column::Next),
            ("问题", Column::Problems),
            ("困难", Column::Problems),
            ("时限", Column::Deadline),
            ("时间", Column::Deadline),
            ("节点", Column::Deadline),
            ("期限", Column::Deadline),
            ("填报", Column::Reporter),
            ("责任", Column::Units),
            ("牵头", Column::Lead),
            ("配合", Column::Co),
            ("协同", Column::Co),
            ("完成率", Column::Percent),
            ("百分比", Column::Percent),
            ("进展", Column::Progress),
            ("情况", Column::Progress),
            ("进度", Column::Percent),
            ("任务", Column::Task),
            ("备注", Column::Remark),
            ("序号", Column::Number),
        ];
        KEYS.iter().find(|(k, _)| h.contains(k)).map(|(_, c)| *c)
    }
}

/// A heading as compared: no whitespace, ASCII brackets, lower case, no trailing "(%)" or "*".
fn normalise_heading(s: &str) -> String {
    let mut h: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '％' => '%',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    for suffix in ["(%)", "%"] {
        if let Some(rest) = h.strip_suffix(suffix)
            && !rest.is_empty()
        {
            h = rest.to_string();
        }
    }
    h.trim_matches('*').to_string()
}

/// A worksheet name for a plan: Excel allows 31 characters and none of `[]:*?/\`, and no
/// apostrophe at either end. `taken` holds the names already given (compared without case, as
/// Excel does); a clash gets "(2)", "(3)"… within the limit.
pub fn sheet_name(title: &str, taken: &[String]) -> String {
    const MAX: usize = 31;
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean.chars().take(MAX).collect()
    };
    let free = |name: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    if free(&base) && !base.eq_ignore_ascii_case("history") {
        return base;
    }
    for n in 2.. {
        let suffix = format!("({n})");
        let keep = MAX - suffix.chars().count();
        let name: String = base.chars().take(keep).collect::<String>() + &suffix;
        if free(&name) {
            return name;
        }
    }
    unreachable!("some suffix is free")
}

/// A task as the sheet shows it and the importer compares it: its units with their current
/// percent and the newest journal entry of each.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetTask {
    pub id: i64,
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub number: String,
    pub title: String,
    pub deadline: Option<chrono::NaiveDate>,
    pub deadline_text: Option<String>,
    /// ISO UTC, as stored: a sheet exported before this is older than the task.
    pub updated_at: String,
    pub version: i64,
    /// In the order the plan names them.
    pub units: Vec<SheetUnit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetUnit {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
    pub percent: Percent,
    /// The assignment's version, for the save's optimistic check.
    pub version: i64,
    /// The newest journal entry; `None` before the first report.
    pub last: Option<LastReport>,
}

/// The newest journal entry of a unit on a task.
#[derive(Debug, Clone, PartialEq)]
pub struct LastReport {
    pub id: i64,
    /// ISO UTC, as stored.
    pub at: String,
    pub by: String,
    pub note: String,
}

/// What a row shows in 完成率 and the three note columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown<'a> {
    /// 0..=100; not a whole number for a task whose leads differ (50 and 75: 62.5). `None` for a
    /// task with no unit.
    pub percent: Option<f64>,
    /// The newest note among the units shown ("" when none reported).
    pub note: &'a str,
}

impl SheetTask {
    /// The deadline cell: the plan's words when it has them, else the date, else empty (the plan's
    /// end).
    pub fn deadline_cell(&self) -> String {
        match (&self.deadline_text, self.deadline) {
            (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
            (_, Some(d)) => d.format("%Y-%m-%d").to_string(),
            _ => String::new(),
        }
    }

    /// The units a whole-task row reports for: the leads, or every unit when none leads (the rule
    /// of `task_completion`).
    pub fn reporting_units(&self) -> Vec<&SheetUnit> {
        let leads: Vec<&SheetUnit> = self.units.iter().filter(|u| u.role == Role::Lead).collect();
        if leads.is_empty() {
            self.units.iter().collect()
        } else {
            leads
        }
    }

    /// What a row is based on, written in its 基于版本 column: the id of the newest journal entry
    /// among the units the row shows (`shown`), 0 before any report. Journal ids only grow and
    /// every change of a percent or note appends one, so a different number at import means the
    /// row's figures changed since it was exported.
    pub fn basis(&self, reporter: Option<i64>) -> i64 {
        self.basis_unit(reporter)
            .and_then(|u| u.last.as_ref())
            .map_or(0, |l| l.id)
    }

    /// The unit whose entry is the row's basis: the shown unit with the newest journal id (the
    /// first shown unit when none has reported). `None` when the row shows no unit.
    pub fn basis_unit(&self, reporter: Option<i64>) -> Option<&SheetUnit> {
        let shown: Vec<&SheetUnit> = match reporter {
            Some(d) => self.units.iter().filter(|u| u.department_id == d).collect(),
            None => self.reporting_units(),
        };
        shown
            .iter()
            .copied()
            .filter(|u| u.last.is_some())
            .max_by_key(|u| u.last.as_ref().map_or(0, |l| l.id))
            .or_else(|| shown.first().copied())
    }

    /// The row's figures: for one unit (`reporter`, a department's own sheet) its percent and
    /// note; for the whole task its completion and the newest note of its reporting units.
    pub fn shown(&self, reporter: Option<i64>) -> Shown<'_> {
        match reporter {
            Some(d) => match self.units.iter().find(|u| u.department_id == d) {
                Some(u) => Shown {
                    percent: Some(f64::from(u.percent.value())),
                    note: u.last.as_ref().map_or("", |l| l.note.as_str()),
                },
                None => Shown {
                    percent: None,
                    note: "",
                },
            },
            None => {
                let units: Vec<(Role, Percent)> =
                    self.units.iter().map(|u| (u.role, u.percent)).collect();
                let newest = self
                    .reporting_units()
                    .into_iter()
                    .filter_map(|u| u.last.as_ref())
                    .max_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
                Shown {
                    percent: task_completion(&units),
                    note: newest.map_or("", |l| l.note.as_str()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_flexibly() {
        for (h, c) in [
            ("序号", Column::Number),
            ("任务", Column::Task),
            ("重点任务", Column::Task),
            ("责任单位", Column::Units),
            ("牵头单位", Column::Lead),
            ("配合单位", Column::Co),
            ("完成时限", Column::Deadline),
            ("时间节点", Column::Deadline),
            ("完成时间", Column::Deadline),
            ("进展情况", Column::Progress),
            ("工作进展", Column::Progress),
            ("完成率", Column::Percent),
            ("完成进度", Column::Percent),
            ("进度", Column::Percent),
            ("进度（%）", Column::Percent),
            ("完成 \n率", Column::Percent),
            ("存在问题", Column::Problems),
            ("下一步计划", Column::Next),
            ("下步打算", Column::Next),
            ("2024年6月进展情况", Column::Progress),
            ("责任单位(*为牵头单位)", Column::Units),
            ("牵头责任单位(部门)", Column::Lead),
            ("备注", Column::Remark),
            ("计划", Column::Plan),
            ("填报单位", Column::Reporter),
        ] {
            assert_eq!(Column::recognise(h), Some(c), "{h}");
        }
        assert_eq!(Column::recognise(""), None);
        assert_eq!(Column::recognise("合计"), None);
        for c in LAYOUT {
            assert_eq!(Column::recognise(c.heading()), Some(c));
        }
    }

    #[test]
    fn sheet_names_fit_excel() {
        let long = "青川区数字经济与先进制造业高质量发展三年行动计划(2025—2027年)";
        let a = sheet_name(long, &[]);
        assert_eq!(a.chars().count(), 31);
        let b = sheet_name(long, std::slice::from_ref(&a));
        assert_eq!(b.chars().count(), 31);
        assert!(b.ends_with("(2)"));
        assert_eq!(sheet_name("a/b:c[d]*?\\", &[]), "abcd");
        assert_eq!(sheet_name("'?'", &[]), "Sheet");
        assert_eq!(sheet_name("Plan", &["plan".to_string()]), "Plan(2)");
    }

    fn unit(id: i64, role: Role, percent: u8, last: Option<(i64, &str, &str)>) -> SheetUnit {
        SheetUnit {
            department_id: id,
            name: format!("单位{id}"),
            role,
            percent: Percent::new(percent.into()).unwrap(),
            version: 1,
            last: last.map(|(id, at, note)| LastReport {
                id,
                at: at.to_string(),
                by: "x".to_string(),
                note: note.to_string(),
            }),
        }
    }

    #[test]
    fn a_row_shows_the_leads_or_one_unit() {
        let task = SheetTask {
            id: 1,
            plan_id: 1,
            section_id: None,
            number: "1".into(),
            title: "t".into(),
            deadline: None,
            deadline_text: Some("长期".into()),
            updated_at: "2024-01-01T00:00:00Z".into(),
            version: 1,
            units: vec![
                unit(1, Role::Lead, 50, Some((3, "2024-03-01T00:00:00Z", "甲"))),
                unit(2, Role::Lead, 75, Some((2, "2024-04-01T00:00:00Z", "乙"))),
                unit(3, Role::Co, 10, Some((9, "2024-05-01T00:00:00Z", "丙"))),
            ],
        };
        let whole = task.shown(None);
        assert_eq!(whole.percent, Some(62.5));
        assert_eq!(whole.note, "乙", "the newest lead note, not the co-unit's");
        let co = task.shown(Some(3));
        assert_eq!((co.percent, co.note), (Some(10.0), "丙"));
        assert_eq!(task.shown(Some(99)).percent, None);
        assert_eq!(task.deadline_cell(), "长期");
        assert_eq!(task.basis(None), 3, "the newest lead entry by id");
        assert_eq!(task.basis(Some(3)), 9);
        assert_eq!(task.basis(Some(99)), 0);
        assert_eq!(task.basis_unit(None).map(|u| u.department_id), Some(1));
    }
}
