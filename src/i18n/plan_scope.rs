//! Strings of `--plan` (which plan a command reads), `status --fail-on`, and `duban audit`, in
//! Chinese and English.

use super::{Lang, pick};
use crate::domain::plan_choice::PlanName;

/// A stored title on one line: a refusal is one line, and a header one line (a title written
/// around duban could hold a line break; other control characters are escaped when printed).
fn one_line(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Plans as a refusal lists them: `#1《title》`.
fn listed(lang: Lang, plans: &[PlanName]) -> String {
    let items: Vec<String> = plans
        .iter()
        .map(|p| format!("#{}《{}》", p.id, one_line(&p.title)))
        .collect();
    items.join(if lang.zh() { "、" } else { ", " })
}

pub fn unknown_plan(lang: Lang, query: &str, all: &[PlanName]) -> String {
    pick(
        lang,
        format!(
            "没有与 {query:?} 对应的计划;本文件的计划:{}(--plan 可写标题、标题的一部分或编号)",
            listed(lang, all)
        ),
        format!(
            "no plan matches {query:?}; the plans of this file: {} (--plan takes a title, part of \
             one, or the id)",
            listed(lang, all)
        ),
    )
}

pub fn ambiguous_plan(lang: Lang, query: &str, matches: &[PlanName]) -> String {
    pick(
        lang,
        format!(
            "{query:?} 对应多个计划:{};请写更多标题文字或写编号(如 #{})",
            listed(lang, matches),
            matches.first().map_or(1, |p| p.id)
        ),
        format!(
            "{query:?} matches several plans: {}; give more of the title or the id (as #{})",
            listed(lang, matches),
            matches.first().map_or(1, |p| p.id)
        ),
    )
}

/// The line above an output that covers several plans: each plan's short label (the one task
/// numbers carry) and title.
/// `--task #ID` with `--plan`: the task is another plan's.
pub fn task_not_in_plan(lang: Lang, id: i64) -> String {
    pick(
        lang,
        format!("任务 #{id} 不在 --plan 所选的计划中(去掉 --plan,或选它所在的计划)"),
        format!("task #{id} is not in the plan --plan chose (drop --plan, or choose its plan)"),
    )
}

pub fn plans_covered(lang: Lang, plans: &[(String, String)]) -> String {
    let items: Vec<String> = plans
        .iter()
        .map(|(label, title)| format!("{label}《{}》", one_line(title)))
        .collect();
    pick(
        lang,
        format!("涵盖 {} 个计划:{}", plans.len(), items.join(";")),
        format!("Covers {} plans: {}", plans.len(), items.join("; ")),
    )
}

/// What `status --fail-on` found, on standard error before exit 4.
pub fn fail_on_found(
    lang: Lang,
    red: Option<u64>,
    overdue: Option<u64>,
    missing: Option<u64>,
) -> String {
    let mut parts = Vec::new();
    if let Some(n) = red.filter(|n| *n > 0) {
        parts.push(pick(lang, format!("{n} 个红灯"), format!("{n} red")));
    }
    if let Some(n) = overdue.filter(|n| *n > 0) {
        parts.push(pick(
            lang,
            format!("{n} 项任务逾期未完成"),
            format!("{n} overdue"),
        ));
    }
    if let Some(n) = missing.filter(|n| *n > 0) {
        parts.push(pick(
            lang,
            format!("本期漏报 {n} 项"),
            format!("{n} reports missing this period"),
        ));
    }
    pick(
        lang,
        format!("--fail-on:{}(退出码 4)", parts.join("、")),
        format!("--fail-on: {} (exit 4)", parts.join(", ")),
    )
}

/// The audit table's headings.
pub struct AuditLabels {
    pub time: &'static str,
    pub by: &'static str,
    pub kind: &'static str,
    pub entity: &'static str,
    pub change: &'static str,
}

pub fn audit_labels(lang: Lang) -> AuditLabels {
    if lang.zh() {
        AuditLabels {
            time: "时间",
            by: "操作人",
            kind: "类别",
            entity: "对象",
            change: "变更",
        }
    } else {
        AuditLabels {
            time: "Time",
            by: "By",
            kind: "Kind",
            entity: "What",
            change: "Change",
        }
    }
}

/// An entity kind's name (`task`, `department` …); the stored word for one this build does not
/// know.
pub fn audit_kind(lang: Lang, kind: &str) -> String {
    let zh = match kind {
        "plan" => "计划",
        "task" => "任务",
        "department" => "单位",
        "clerk" => "人员",
        "setting" => "设置",
        "database" => "数据库",
        other => return other.to_string(),
    };
    if lang.zh() {
        zh.to_string()
    } else {
        kind.to_string()
    }
}

/// An action's name.
pub fn audit_action(lang: Lang, action: &str) -> String {
    let zh = match action {
        "create" => "新建",
        "update" => "修改",
        "delete" => "删除",
        "rename" => "改名",
        "alias" => "别名",
        "merge" => "合并",
        "import" => "导入",
        "restore" => "恢复",
        other => return other.to_string(),
    };
    if lang.zh() {
        zh.to_string()
    } else {
        action.to_string()
    }
}

pub fn bad_audit_kind(lang: Lang, kind: &str, known: &[&str]) -> String {
    pick(
        lang,
        format!("--entity {kind:?} 无效:可选 {}", known.join("、")),
        format!("--entity {kind:?}: choose one of {}", known.join(", ")),
    )
}

pub fn audit_empty(lang: Lang) -> String {
    pick(lang, "没有符合条件的变更记录", "no audit entries match")
}

/// A field that has no value (before a create, after a delete).
pub fn nothing(lang: Lang) -> &'static str {
    if lang.zh() { "(无)" } else { "(none)" }
}
