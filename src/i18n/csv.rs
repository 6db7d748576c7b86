//! CSV headers (issue 24): one language per header, the UI's, like every table the CLI prints.
//! Scripts that want stable English keys read `--json`.

use super::Lang;

/// `status --csv`: the table's columns, one row per department, then the total.
pub fn status_columns(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => [
            "单位",
            "牵头任务",
            "配合任务",
            "已完成",
            "平均完成率",
            "红灯",
            "黄灯",
            "最近期限",
        ],
        Lang::En => [
            "Department",
            "Led",
            "Co",
            "Done",
            "Avg percent",
            "Red",
            "Yellow",
            "Next due",
        ],
    }
}

/// `tasks --csv`. With `--dept` (`own`) the percent and light are that department's own.
pub fn task_columns(lang: Lang, own: bool) -> [&'static str; 10] {
    let mut columns = match lang {
        Lang::Zh => [
            "内部号",
            "编号",
            "任务",
            "部分",
            "牵头单位",
            "配合单位",
            "完成时限",
            "时限原文",
            "进度",
            "状态",
        ],
        Lang::En => [
            "ID",
            "No.",
            "Task",
            "Section",
            "Lead units",
            "Co units",
            "Deadline",
            "Deadline as written",
            "Done%",
            "Light",
        ],
    };
    if own {
        [columns[8], columns[9]] = match lang {
            Lang::Zh => ["本单位进度", "本单位状态"],
            Lang::En => ["Own done%", "Own light"],
        };
    }
    columns
}

/// The circular's CSV: before the ranking's columns.
pub fn circular_lead(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => ["期间", "统计截至"],
        Lang::En => ["Period", "As of"],
    }
}

/// The circular's CSV: after the ranking's columns. The first six are the points preset's counts
/// (each department's score under it is Σ count × points: `setting list` has the points).
pub fn circular_tail(lang: Lang) -> [&'static str; 14] {
    match lang {
        Lang::Zh => [
            "牵头按期完成",
            "配合按期完成",
            "牵头逾期",
            "配合逾期",
            "迟报",
            "漏报",
            "已办结",
            "待审核",
            "已退回",
            "督办单签发",
            "督办单反馈",
            "督办单办结",
            "督办单逾期未反馈",
            "存证码",
        ],
        Lang::En => [
            "Led done on time",
            "Co done on time",
            "Led overdue",
            "Co overdue",
            "Late",
            "Missing",
            "Closed",
            "Pending review",
            "Sent back",
            "Notices issued",
            "Notices answered",
            "Notices closed",
            "Notices overdue",
            "Record code",
        ],
    }
}

/// The first cell of `status --csv`'s last row.
pub fn total(lang: Lang) -> &'static str {
    if lang.zh() { "合计" } else { "Total" }
}

/// The first column of a CSV covering several plans: each row's plan.
pub fn plan(lang: Lang) -> &'static str {
    if lang.zh() { "计划" } else { "Plan" }
}

/// The first column of the status CSV covering several plans: the plans it counts.
pub fn plans(lang: Lang) -> &'static str {
    if lang.zh() { "涵盖计划" } else { "Plans" }
}
