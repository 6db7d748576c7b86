//! Refusals of a text the record does not accept (`domain::text`): which field, what is wrong, and
//! what to do, in Chinese and English.

use super::{Lang, pick};
use crate::domain::text::{TextField, TextProblem, control_name};

/// The field's name as a person calls it.
pub fn field(lang: Lang, field: TextField) -> &'static str {
    let (zh, en) = match field {
        TextField::DepartmentName => ("单位名称", "the department's name"),
        TextField::Alias => ("别名", "the alias"),
        TextField::DisplayName => ("姓名", "the display name"),
        TextField::IndicatorName => ("指标名称", "the indicator's name"),
        TextField::Measure => ("计量单位", "the unit of measure"),
        TextField::PlanTitle => ("计划标题", "the plan's title"),
        TextField::SectionTitle => ("章节标题", "the section's title"),
        TextField::TaskTitle => ("任务名称", "the task's title"),
        TextField::TaskNumber => ("任务序号", "the task's number"),
        TextField::TaskBody => ("任务内容", "the task's text"),
        TextField::DeadlineText => ("完成时限", "the deadline"),
        TextField::Note => ("进展说明", "the note"),
        TextField::NoticeText => ("督办单内容", "the notice's text"),
        TextField::ProjectOwner => ("建设单位", "the project's owner"),
        TextField::MilestoneName => ("节点名称", "the milestone's name"),
    };
    if lang.zh() { zh } else { en }
}

/// One line: "进展说明第 3 个字符是控制字符 ESC,不能保存;请删去它(换行和制表符只能用在说明里)".
pub fn refusal(lang: Lang, f: TextField, problem: TextProblem) -> String {
    let name = field(lang, f);
    match problem {
        TextProblem::Control { code, at } => {
            let code = control_name(code);
            let note = f.kind() == crate::domain::TextKind::Note;
            match (lang.zh(), note) {
                (true, true) => format!(
                    "{name}第 {at} 个字符是控制字符 {code},不能保存;请删去它(说明里只能用换行和制表符)"
                ),
                (true, false) => format!(
                    "{name}第 {at} 个字符是控制字符 {code},不能保存;名称和标题只能是一行可见文字"
                ),
                (false, true) => format!(
                    "{name} has a control character ({code}) at character {at} and cannot be saved; remove it (a note may hold only newlines and tabs)"
                ),
                (false, false) => format!(
                    "{name} has a control character ({code}) at character {at} and cannot be saved; names and titles are one line of visible text"
                ),
            }
        }
        TextProblem::TooLong { chars, max } => pick(
            lang,
            format!("{name}有 {chars} 个字,超过上限 {max} 字;请缩短后再保存"),
            format!("{name} has {chars} characters, more than the limit of {max}; shorten it"),
        ),
    }
}
