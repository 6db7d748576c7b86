//! Strings of the TUI's import preview (`i`), in Chinese and English.

use super::{Lang, pick};

pub struct Words {
    pub title: &'static str,
    pub no_tasks: &'static str,
    pub no_unit: &'static str,
    pub no_unit_long: &'static str,
    pub plan_end: &'static str,
    pub section: &'static str,
    pub units: &'static str,
    pub deadline: &'static str,
    /// Before a key project's owner and investment.
    pub project: &'static str,
    pub doubt: &'static str,
    pub dropped: &'static str,
    pub new_mark: &'static str,
    pub existing_mark: &'static str,
    pub units_title: &'static str,
    pub no_units: &'static str,
    pub used_by: &'static str,
    pub prompt_file: &'static str,
    pub empty_database: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Words = Words {
    title: "导入预览",
    no_tasks: "没有任务",
    no_unit: "未分配",
    no_unit_long: "没有责任单位:导入为未分配(u 可补上)",
    plan_end: "计划期末",
    section: "部分",
    units: "单位",
    deadline: "时限",
    project: "项目",
    doubt: "存疑",
    dropped: "✖ 不导入此项(x 恢复)",
    new_mark: "新",
    existing_mark: "已有",
    units_title: "责任单位",
    no_units: "文档中没有责任单位",
    used_by: "用到它的任务:",
    prompt_file: "计划文本文件的路径(UTF-8 或 GB18030 的纯文本)",
    empty_database: "(还没有计划:按 i 导入计划文本)",
};

static EN: Words = Words {
    title: "Import preview",
    no_tasks: "no tasks",
    no_unit: "unassigned",
    no_unit_long: "no responsible unit: imported unassigned (u adds one)",
    plan_end: "plan end",
    section: "Section",
    units: "Units",
    deadline: "Due",
    project: "Project",
    doubt: "Check",
    dropped: "✖ left out of the import (x takes it back)",
    new_mark: "new",
    existing_mark: "have",
    units_title: "Units",
    no_units: "the document names no units",
    used_by: "Used by tasks:",
    prompt_file: "Path of the plan's text file (plain text, UTF-8 or GB18030)",
    empty_database: "(no plan yet: i imports a plan's text)",
};

pub struct Counts {
    pub tasks: usize,
    pub kept: usize,
    pub sections: usize,
    pub indicators: usize,
    pub new_units: usize,
    /// New units close to another name.
    pub close: usize,
    pub doubts: usize,
}

pub fn counts(lang: Lang, c: &Counts) -> String {
    let dropped = c.tasks - c.kept;
    let (dz, de) = if dropped > 0 {
        (
            format!("(不导入 {dropped})"),
            format!(" ({dropped} left out)"),
        )
    } else {
        (String::new(), String::new())
    };
    let (cz, ce) = if c.close > 0 {
        (
            format!("({} 个与已有名称相近)", c.close),
            format!(" ({} close)", c.close),
        )
    } else {
        (String::new(), String::new())
    };
    pick(
        lang,
        format!(
            "任务 {}{dz} · 部分 {} · 指标 {} · 新单位 {}{cz} · 存疑 {}",
            c.tasks, c.sections, c.indicators, c.new_units, c.doubts
        ),
        format!(
            "{}{de} · {} · {} · {}{ce} · {} to check",
            super::en_u(c.tasks, "task", "tasks"),
            super::en_u(c.sections, "section", "sections"),
            super::en_u(c.indicators, "indicator", "indicators"),
            super::en_u(c.new_units, "new unit", "new units"),
            c.doubts
        ),
    )
}

pub fn units_counts(lang: Lang, new: usize, existing: usize) -> String {
    pick(
        lang,
        format!("新建 {new} · 已有 {existing}"),
        format!("{new} new · {existing} existing"),
    )
}

pub fn will_create(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("导入时新建单位「{name}」。若它是已有单位的另一种写法,按 m 对应过去"),
        format!(
            "Importing creates the department \"{name}\". If it is another way of writing an existing one, m maps it"
        ),
    )
}

pub fn close_hint(lang: Lang, name: &str, close: &[String]) -> String {
    pick(
        lang,
        format!(
            "「{name}」与 {} 相近:若是同一单位,按 m 对应过去(名称留作别名)",
            close.join("、")
        ),
        format!(
            "\"{name}\" is close to {}: if it is the same unit, m maps it (the name is kept as an alias)",
            close.join(", ")
        ),
    )
}

pub fn matched(lang: Lang, name: &str, department: &str) -> String {
    if name == department {
        pick(
            lang,
            format!("已有单位「{department}」"),
            format!("The existing department \"{department}\""),
        )
    } else {
        pick(
            lang,
            format!("「{name}」是已有单位「{department}」的别名"),
            format!("\"{name}\" is an alias of the existing \"{department}\""),
        )
    }
}

pub fn prompt_units(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("任务 {number} 的责任单位(用、分隔,*标牵头;留空为未分配)"),
        format!("Units of task {number} (separated by 、, * marks a lead; empty: unassigned)"),
    )
}

pub fn prompt_map(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("「{name}」是哪个已有单位(全称或别名)"),
        format!("Which existing department is \"{name}\" (name or alias)"),
    )
}

pub fn no_file(lang: Lang) -> String {
    pick(lang, "请输入文件路径", "type the file's path")
}

pub fn no_units_read(lang: Lang, text: &str) -> String {
    pick(
        lang,
        format!("没能从“{text}”读出单位名称"),
        format!("no unit names could be read from \"{text}\""),
    )
}

/// An empty Enter in m's prompt: what it wants, for which name, and how to leave the name new.
pub fn no_target(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("请输入「{name}」对应的已有单位名称;它若是新单位,按 Esc"),
        format!("type the existing department \"{name}\" is, or Esc to keep it new"),
    )
}

pub fn mapped(lang: Lang, from: &str, to: &str) -> String {
    pick(
        lang,
        format!("「{from}」→「{to}」:导入时记为别名"),
        format!("\"{from}\" → \"{to}\": kept as an alias when imported"),
    )
}

pub fn units_in_tasks(lang: Lang) -> String {
    pick(
        lang,
        "u 在任务列表中修改单位:Tab 切换到任务",
        "u changes a task's units in the task list: Tab switches to it",
    )
}

pub fn map_in_units(lang: Lang) -> String {
    pick(
        lang,
        "m 在单位列表中使用:Tab 切换到单位",
        "m works in the unit list: Tab switches to it",
    )
}

pub fn nothing_kept(lang: Lang) -> String {
    pick(
        lang,
        "所有任务都标为不导入:没有可导入的内容",
        "every task is left out: nothing to import",
    )
}

pub fn question_discard(lang: Lang) -> (String, String) {
    (
        pick(lang, "放弃这次导入?", "Abandon this import?"),
        pick(
            lang,
            "预览中的修改都会丢失,什么也不保存。y 放弃    n 或 Esc 返回预览",
            "The changes made in the preview are lost and nothing is saved. y abandon    n or Esc back to the preview",
        ),
    )
}

pub fn line(lang: Lang, n: usize) -> String {
    pick(lang, format!("原文第 {n} 行"), format!("line {n}"))
}

/// A key project's data under its task line: "建设单位:某公司  总投资:9800万元  2025年计划投资:
/// 4500万元" (amounts in 万元).
pub fn key_project(
    lang: Lang,
    owner: Option<&str>,
    total: Option<f64>,
    year_plan: Option<(i32, f64)>,
) -> String {
    use super::project::amount;
    let mut parts = Vec::new();
    if let Some(o) = owner {
        parts.push(pick(lang, format!("建设单位:{o}"), format!("owner: {o}")));
    }
    if let Some(t) = total {
        let a = amount(lang, t);
        parts.push(pick(lang, format!("总投资:{a}"), format!("total: {a}")));
    }
    if let Some((year, planned)) = year_plan {
        let a = amount(lang, planned);
        parts.push(pick(
            lang,
            format!("{year}年计划投资:{a}"),
            format!("{year} plan: {a}"),
        ));
    }
    parts.join("  ")
}

/// A task's milestones read from a table: "节点:开工 2025-03-31 · 竣工 2026-10-31".
pub fn milestones(lang: Lang, list: &[(&str, chrono::NaiveDate)]) -> String {
    let shown = list
        .iter()
        .map(|(name, on)| format!("{name} {on}"))
        .collect::<Vec<_>>()
        .join(" · ");
    pick(
        lang,
        format!("节点:{shown}"),
        format!("milestones: {shown}"),
    )
}

/// After saving, when the plan had key projects or milestones: "重点项目 10 个,节点 4 个".
pub fn saved_projects(lang: Lang, projects: usize, milestones: usize) -> String {
    pick(
        lang,
        format!("重点项目 {projects} 个(建设单位、投资已存入),节点 {milestones} 个"),
        format!(
            "{projects} key project{} (owner and investment saved), {milestones} milestone{}",
            if projects == 1 { "" } else { "s" },
            if milestones == 1 { "" } else { "s" }
        ),
    )
}

/// After a collective name among the new units ("各街道办事处", "有关部门"): it stands for several
/// units, and the office may map it onto them rather than create one department.
pub fn collective_mark(lang: Lang) -> String {
    pick(
        lang,
        "(统称,可映射到具体单位)",
        "(collective: may be mapped onto its members)",
    )
}
