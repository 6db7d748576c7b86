//! Strings of view 6's figure entry (an indicator's value for a period), in Chinese and English.

use super::{Lang, pick};
use crate::domain::Denied;

pub struct FigureWords {
    pub title: &'static str,
    pub period: &'static str,
    pub value: &'static str,
    pub period_hint: &'static str,
    pub value_hint: &'static str,
    pub saving: &'static str,
    pub latest: &'static str,
    pub completion: &'static str,
    pub none_yet: &'static str,
    pub year_keys: &'static str,
    /// In the help screen: how the two fields are typed.
    pub help_period: &'static str,
    pub help_value: &'static str,
    pub help_correct: &'static str,
}

static ZH: FigureWords = FigureWords {
    title: "填报指标",
    period: "期间",
    value: "数值",
    period_hint: "如 2026-Q4、2026-11、2026",
    value_hint: "如 38.5、1,234、7.5%",
    saving: "正在保存…",
    latest: "最新",
    completion: "完成率",
    none_yet: "尚无报送",
    year_keys: "[ ] 换年",
    help_period: "期间:2026-Q4、2026-11、2026,或 2026年第四季度、2026年11月",
    help_value: "数值:38.5、1,234、7.5%,全角数字也可",
    help_correct: "填错了:同一期间再报一次,以最后一次为准(原记录保留)",
};

static EN: FigureWords = FigureWords {
    title: "Report a figure",
    period: "Period",
    value: "Value",
    period_hint: "as 2026-Q4, 2026-11, 2026",
    value_hint: "as 38.5, 1,234, 7.5%",
    saving: "saving…",
    latest: "latest",
    completion: "done",
    none_yet: "nothing reported yet",
    year_keys: "[ ] year",
    help_period: "period: 2026-Q4, 2026-11 or 2026 (2026年第四季度 too)",
    help_value: "value: 38.5, 1,234 or 7.5% (full-width digits too)",
    help_correct: "a wrong figure: report the period again; the last one counts (the first is kept)",
};

pub fn words(lang: Lang) -> &'static FigureWords {
    if lang.zh() { &ZH } else { &EN }
}

/// The entry's rule: what is reported on, and by which department.
pub fn heading(lang: Lang, name: &str, unit: &str, department: Option<&str>) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!("({unit})")
    };
    let dept = department.map(|d| format!(" · {d}")).unwrap_or_default();
    pick(
        lang,
        format!("填报指标:{name}{unit}{dept}"),
        format!("Report a figure: {name}{unit}{dept}"),
    )
}

/// The last figures, oldest first: "已报:2026-Q1 11 · 2026-Q2 25.1".
pub fn reported(lang: Lang, figures: &[String]) -> String {
    let list = figures.join(" · ");
    pick(lang, format!("已报:{list}"), format!("reported: {list}"))
}

/// "2026年目标 44" / "2026 target 44".
pub fn target(lang: Lang, year: i32, value: &str) -> String {
    pick(
        lang,
        format!("{year}年目标 {value}"),
        format!("{year} target {value}"),
    )
}

pub fn empty_value(lang: Lang) -> String {
    pick(lang, "请填写数值", "type the figure")
}

pub fn empty_period(lang: Lang) -> String {
    pick(lang, "请填写期间,如 2026-Q4", "type the period, as 2026-Q4")
}

pub fn nothing_selected(lang: Lang) -> String {
    pick(lang, "请先选中一项指标", "select an indicator first")
}

pub fn gone(lang: Lang) -> String {
    pick(
        lang,
        "这项指标已不存在(可能已被合并),按 r 重新读取",
        "that indicator is gone (merged?); press r to reload",
    )
}

/// Another clerk's figure for the same period, saved while this one was typed.
pub fn conflict(lang: Lang, by: &str, at: &str, period: &str, value: &str) -> String {
    pick(
        lang,
        format!("{by} 已于 {at} 报送 {period}:{value}。再按 Enter 以你的数值为准,Esc 放弃"),
        format!(
            "{by} reported {period}: {value} at {at}. Enter again to save yours over it, Esc to drop"
        ),
    )
}

/// Why the entry does not open, in the words of indicators (not tasks).
pub fn denied(lang: Lang, user: &str, why: Denied, department: Option<&str>) -> String {
    match (why, department) {
        (Denied::OtherDepartment, Some(d)) => pick(
            lang,
            format!("这项指标由 {d} 填报;{user} 只能填报本单位的指标"),
            format!("{d} reports this indicator; {user} may report only their own department's"),
        ),
        (Denied::NotAdmin, _) => pick(
            lang,
            format!("这项指标没有责任单位,只有管理员可以填报({user} 不是管理员)"),
            format!(
                "this indicator has no department: only an admin may report it ({user} is not one)"
            ),
        ),
        _ => super::denied(lang, user, why),
    }
}

pub fn question_discard(lang: Lang) -> (String, String) {
    (
        pick(lang, "放弃填写的指标数值?", "Throw away the figure typed?"),
        pick(
            lang,
            "y 放弃并关闭    n 或 Esc 继续填写",
            "y discard    n or Esc keep typing",
        ),
    )
}
