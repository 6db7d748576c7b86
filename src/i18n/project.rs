//! Strings of key projects and milestones (挂图作战, issue 23), in Chinese and English.

use super::{Lang, pick};
use crate::domain::project::{Refusal, amount_text};

/// Why a figure, a project's fields or a milestone was refused: one line.
pub fn refusal(lang: Lang, why: Refusal) -> String {
    match why {
        Refusal::BadAmount => pick(
            lang,
            "金额须为0至1亿之间的数字(单位:万元)",
            "the amount must be a number from 0 to 100,000,000 (in 10,000 yuan)",
        ),
        Refusal::FallsWithoutReason { previous, month } => pick(
            lang,
            format!(
                "本年累计完成投资低于{month}已报的{}万元:请说明原因(--reason)",
                amount_text(previous)
            ),
            format!(
                "the year's cumulative investment falls below the {} reported for {month}: give the reason (--reason)",
                amount_text(previous)
            ),
        ),
        Refusal::FutureMonth => pick(
            lang,
            "不能填报尚未开始的月份",
            "a month that has not begun cannot be reported",
        ),
        Refusal::NotAProject => pick(
            lang,
            "该任务不是重点项目:请管理员先设置建设单位和总投资",
            "this task is not a key project: an admin sets its owner and investment first",
        ),
        Refusal::Stale => pick(
            lang,
            "别人刚刚更新了这一项,你的没有保存:请查看后再填",
            "someone updated this a moment ago; yours was not saved. Look at it, then enter again",
        ),
        Refusal::FutureDate => pick(
            lang,
            "达到日期不能晚于今天",
            "the date reached cannot be after today",
        ),
        Refusal::NoSuchMilestone => pick(
            lang,
            "该任务没有这个节点",
            "this task has no such milestone",
        ),
        Refusal::TaskClosed => pick(
            lang,
            "该任务已删除或已办结,不再填报",
            "this task is deleted or closed and takes no more entries",
        ),
    }
}

/// An amount with its unit: "1200万元", "1,200 (10k yuan)".
pub fn amount(lang: Lang, value: f64) -> String {
    pick(
        lang,
        format!("{}万元", amount_text(value)),
        format!("{} (10k yuan)", amount_text(value)),
    )
}

/// The note of a progress report duban appends when completion is read from investment.
pub fn from_investment(lang: Lang, done: f64, total: f64) -> String {
    pick(
        lang,
        format!(
            "按投资折算:累计完成{}万元/总投资{}万元",
            amount_text(done),
            amount_text(total)
        ),
        format!(
            "from investment: {} of {} (10k yuan) completed",
            amount_text(done),
            amount_text(total)
        ),
    )
}

/// The note of a progress report duban appends when completion is read from milestones.
pub fn from_milestones(lang: Lang, name: &str, reached: usize, all: usize) -> String {
    pick(
        lang,
        format!("按节点折算:'{name}'已达到(共{all}个节点,已达到{reached}个)"),
        format!("from milestones: '{name}' reached ({reached} of {all})"),
    )
}

/// The words of a task's detail about its project and milestones.
pub struct DetailWords {
    pub project: &'static str,
    pub total: &'static str,
    pub planned: &'static str,
    pub done: &'static str,
    pub rate: &'static str,
    pub milestones: &'static str,
    lang: Lang,
}

impl DetailWords {
    /// "2026年" / "2026".
    pub fn year(&self, year: i32) -> String {
        pick(self.lang, format!("{year}年"), format!("{year}"))
    }

    /// "逾期5天" / "5 days late".
    pub fn late(&self, days: i64) -> String {
        pick(
            self.lang,
            format!("逾期{days}天"),
            format!("{} late", super::en_n(days, "day", "days")),
        )
    }
}

pub fn detail(lang: Lang) -> DetailWords {
    if lang.zh() {
        DetailWords {
            project: "重点项目",
            total: "总投资",
            planned: "计划投资",
            done: "累计完成",
            rate: "完成率",
            milestones: "节点",
            lang,
        }
    } else {
        DetailWords {
            project: "Key project",
            total: "total",
            planned: "planned",
            done: "completed",
            rate: "rate",
            milestones: "Milestones",
            lang,
        }
    }
}
