//! Strings of the terminal UI, in Chinese and English.

use super::{Lang, pick};

/// Fixed words of the screens.
pub struct Words {
    pub app: &'static str,
    pub today: &'static str,
    pub as_of: &'static str,
    pub departments: &'static str,
    pub tasks: &'static str,
    pub deadlines: &'static str,
    pub detail: &'static str,
    pub help: &'static str,
    pub filter: &'static str,
    pub only_alert: &'static str,
    pub only_mine: &'static str,
    pub no_section: &'static str,
    pub loading: &'static str,
    /// Beside figures being computed again off the UI thread: what is shown is the last ones.
    pub computing: &'static str,
    pub nothing: &'static str,
    /// View 6 with no indicator in the file.
    pub no_indicators: &'static str,
    /// An empty list that holds no tasks (departments, clerks).
    pub none: &'static str,
    pub no_match: &'static str,
    pub units: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub no_units: &'static str,
    pub deadline: &'static str,
    pub light: &'static str,
    pub body: &'static str,
    pub section: &'static str,
    pub help_close: &'static str,
    pub too_small: &'static str,
    pub viewer: &'static str,
    pub not_a_clerk: &'static str,
    pub ongoing: &'static str,
    pub by: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Words = Words {
    app: "督办",
    today: "今天",
    as_of: "截至",
    departments: "单位",
    tasks: "任务",
    deadlines: "时限",
    detail: "任务详情",
    help: "帮助",
    filter: "筛选",
    only_alert: "只看红黄",
    only_mine: "只看本单位",
    no_section: "(未分部分)",
    loading: "正在读取…",
    computing: "计算中…",
    nothing: "(没有任务)",
    no_indicators: "(没有指标:导入含指标表的计划后显示在这里)",
    none: "(无)",
    no_match: "(没有符合筛选的项)",
    units: "责任单位",
    history: "进展记录",
    no_history: "(尚无报送)",
    no_units: "(未分配责任单位)",
    deadline: "期限",
    light: "状态",
    body: "任务内容",
    section: "部分",
    help_close: "按 ? 或 Esc 关闭帮助",
    too_small: "窗口太小",
    viewer: "只读",
    not_a_clerk: "未登记",
    ongoing: "长期",
    by: "报送",
};

static EN: Words = Words {
    app: "duban",
    today: "today",
    as_of: "as of",
    departments: "Departments",
    tasks: "Tasks",
    deadlines: "Deadlines",
    detail: "Task detail",
    help: "Help",
    filter: "filter",
    only_alert: "red/yellow only",
    only_mine: "mine only",
    no_section: "(no section)",
    loading: "loading…",
    computing: "computing…",
    nothing: "(no tasks)",
    no_indicators: "(no indicators: they come with a plan that has indicator tables)",
    none: "(none)",
    no_match: "(nothing matches the filter)",
    units: "Units",
    history: "Progress history",
    no_history: "(no report yet)",
    no_units: "(no responsible unit)",
    deadline: "Deadline",
    light: "Light",
    body: "Task",
    section: "Section",
    help_close: "? or Esc closes help",
    too_small: "Window too small",
    viewer: "read-only",
    not_a_clerk: "not registered",
    ongoing: "ongoing",
    by: "by",
};

/// How the English UI says undated deadlines (每年, 长期 …); `None` where the plan's own words are
/// shown: always in Chinese, and for dates and for text that was not understood.
pub fn deadline_kind_word(lang: Lang, kind: crate::domain::DeadlineKind) -> Option<&'static str> {
    use crate::domain::{DeadlineKind, Recurrence};
    if lang.zh() {
        return None;
    }
    Some(match kind {
        DeadlineKind::Recurring(Recurrence::Monthly) => "monthly",
        DeadlineKind::Recurring(Recurrence::Quarterly) => "quarterly",
        DeadlineKind::Recurring(Recurrence::HalfYearly) => "half-yearly",
        DeadlineKind::Recurring(Recurrence::Yearly) => "yearly",
        DeadlineKind::Ongoing => "long-term",
        DeadlineKind::Date | DeadlineKind::Unknown => return None,
    })
}

/// "12天" overdue / left, compact for a column.
pub fn days_overdue(lang: Lang, days: i64) -> String {
    pick(lang, format!("逾期{days}天"), format!("{days}d late"))
}

pub fn days_left(lang: Lang, days: i64) -> String {
    match days {
        0 => pick(lang, "今天到期", "due today"),
        d => pick(lang, format!("剩{d}天"), format!("{d}d left")),
    }
}

/// The groups of the deadlines view.
pub fn bucket(lang: Lang, index: usize) -> &'static str {
    const ZH: [&str; 5] = ["已逾期", "本月到期", "下月到期", "以后", "已完成"];
    const EN: [&str; 5] = [
        "Overdue",
        "Due this month",
        "Due next month",
        "Later",
        "Done",
    ];
    let i = index.min(4);
    if lang.zh() { ZH[i] } else { EN[i] }
}

pub fn summary(lang: Lang, tasks: usize, done: usize, red: usize, yellow: usize) -> String {
    pick(
        lang,
        format!("任务 {tasks} · 完成 {done} · 红灯 {red} · 黄灯 {yellow}"),
        format!(
            "{} · {done} done · {red} red · {yellow} yellow",
            super::en_u(tasks, "task", "tasks")
        ),
    )
}

/// The counts with the lights' glyphs, when the words do not fit beside the tabs.
pub fn summary_short(lang: Lang, tasks: usize, done: usize, red: usize, yellow: usize) -> String {
    pick(
        lang,
        format!("任务 {tasks} ✓{done} ✖{red} ▲{yellow}"),
        format!(
            "{} ✓{done} ✖{red} ▲{yellow}",
            super::en_u(tasks, "task", "tasks")
        ),
    )
}

pub fn updated_by(lang: Lang, who: &[String]) -> String {
    pick(
        lang,
        format!("已更新:{} 刚刚报送了进展", who.join("、")),
        format!("updated by {}", who.join(", ")),
    )
}

pub fn reloaded(lang: Lang) -> String {
    pick(lang, "已重新读取", "reloaded")
}

pub fn no_department(lang: Lang) -> String {
    pick(
        lang,
        "你没有所属单位,无法只看本单位",
        "you belong to no department, so there is nothing of yours to show",
    )
}

pub fn sort_name(lang: Lang, index: usize) -> &'static str {
    const ZH: [&str; 3] = ["按问题排序", "按名称排序", "按进度排序"];
    const EN: [&str; 3] = ["worst first", "by name", "by completion"];
    let i = index.min(2);
    if lang.zh() { ZH[i] } else { EN[i] }
}

pub fn count_of(lang: Lang, shown: usize, total: usize) -> String {
    if shown == total {
        pick(lang, format!("{total} 项"), format!("{total}"))
    } else {
        pick(
            lang,
            format!("{shown}/{total} 项"),
            format!("{shown} of {total}"),
        )
    }
}

/// What a too small window needs, in columns and rows as a clerk counts them, and what it lacks.
pub fn too_small_detail(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    let (cols, rows) = (min_w.saturating_sub(w), min_h.saturating_sub(h));
    let short_zh = match (cols, rows) {
        (0, r) => format!("还差 {r} 行"),
        (c, 0) => format!("还差 {c} 列"),
        (c, r) => format!("还差 {c} 列、{r} 行"),
    };
    let plural = |n: u16, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let short_en = match (cols, rows) {
        (0, r) => plural(r, "row", "rows"),
        (c, 0) => plural(c, "column", "columns"),
        (c, r) => format!(
            "{} and {}",
            plural(c, "column", "columns"),
            plural(r, "row", "rows")
        ),
    };
    pick(
        lang,
        format!("至少需要 {min_w} 列 × {min_h} 行,现在是 {w} 列 × {h} 行({short_zh})。"),
        format!(
            "It needs at least {min_w} columns × {min_h} rows; it is {w} × {h} now ({short_en} short)."
        ),
    )
}

/// What to do about it, under `too_small_detail`.
pub fn too_small_ask(lang: Lang) -> String {
    pick(
        lang,
        "请把窗口拉大,或把字体调小。按 q 退出。",
        "Please make the window larger or the font smaller. q quits.",
    )
}

pub fn read_failed(lang: Lang, why: &str) -> String {
    pick(
        lang,
        format!("读取失败:{why}"),
        format!("could not read: {why}"),
    )
}

pub fn reported(lang: Lang, by: &str, at: &str) -> String {
    pick(lang, format!("{by} 于 {at}"), format!("{by}, {at}"))
}

pub fn clerk_role(lang: Lang, role: Option<crate::domain::ClerkRole>) -> &'static str {
    use crate::domain::ClerkRole;
    match (lang, role) {
        (Lang::Zh, Some(ClerkRole::Admin)) => "管理员",
        (Lang::Zh, Some(ClerkRole::Editor)) => "填报员",
        (Lang::Zh, Some(ClerkRole::Viewer)) => "只读",
        (Lang::Zh, None) => "未登记,只读",
        (Lang::En, Some(r)) => r.as_str(),
        (Lang::En, None) => "not registered, read-only",
    }
}

/// The header's role of a login an admin removed.
pub fn clerk_removed_role(lang: Lang) -> &'static str {
    if lang.zh() {
        "已移除,只读"
    } else {
        "removed, read-only"
    }
}

/// Why a removed clerk may not write: who removed the login and when.
pub fn clerk_removed(lang: Lang, user: &str, by: &str, day: &str) -> String {
    pick(
        lang,
        format!("{user} 已于 {day} 被 {by} 从填报人员中移除,只能查看;如需恢复请联系管理员"),
        format!(
            "{user} was removed from the clerks by {by} on {day} and may only read; ask an admin if that was a mistake"
        ),
    )
}

/// Words of the progress form and its dialogs.
pub struct FormWords {
    pub title: &'static str,
    pub percent: &'static str,
    /// The three parts of a report, as labels.
    pub parts: [&'static str; 3],
    pub previous: &'static str,
    pub no_previous_report: &'static str,
    pub current: &'static str,
    pub same_as_previous: &'static str,
    pub restored: &'static str,
    pub saving: &'static str,
    pub discard_title: &'static str,
    pub discard_body: &'static str,
    pub conflict_title: &'static str,
    pub conflict_yours: &'static str,
    pub conflict_keys: &'static str,
    pub percent_hint: &'static str,
}

pub fn form_words(lang: Lang) -> &'static FormWords {
    match lang {
        Lang::Zh => &FORM_ZH,
        Lang::En => &FORM_EN,
    }
}

static FORM_ZH: FormWords = FormWords {
    title: "填报进展",
    percent: "完成进度",
    parts: ["进展情况", "存在问题", "下一步计划"],
    previous: "上次报送",
    no_previous_report: "上次报送:无",
    current: "当前",
    same_as_previous: "⚠ 内容与上次报送完全相同:如无新进展,请写明原因",
    restored: "已恢复你上次未保存的内容",
    saving: "正在保存…",
    discard_title: "放弃已输入的内容?",
    discard_body: "y 放弃并关闭    n 或 Esc 继续填写",
    conflict_title: "保存冲突:有人刚刚报送了这项任务",
    conflict_yours: "你填写的内容仍在表中,没有丢失。",
    conflict_keys: "y 用我的覆盖保存   t 采用对方的(我的留作草稿)   Esc 返回修改",
    percent_hint: "0–100,可写 60、60%、+10",
};

static FORM_EN: FormWords = FormWords {
    title: "Report progress",
    percent: "Percent",
    parts: ["Progress", "Problems", "Next steps"],
    previous: "Last report",
    no_previous_report: "Last report: none",
    current: "now",
    same_as_previous: "⚠ Same text as the last report: if nothing moved, say why",
    restored: "Your unsaved text from before is back",
    saving: "saving…",
    discard_title: "Throw away what you typed?",
    discard_body: "y discard and close    n or Esc keep editing",
    conflict_title: "Conflict: someone has just reported on this task",
    conflict_yours: "What you typed is still in the form; nothing is lost.",
    conflict_keys: "y save mine on top   t take theirs (mine kept)   Esc edit",
    percent_hint: "0–100; 60, 60% or +10",
};

/// Why a typed percent was refused, beside the field.
pub fn percent_error(lang: Lang, e: &crate::domain::PercentError) -> String {
    use crate::domain::PercentError as E;
    match e {
        E::Empty => pick(lang, "请填写进度(0–100)", "enter a percent (0–100)"),
        E::NotANumber(s) => pick(
            lang,
            format!("“{s}”不是数字:请填 0–100,可写 60、60% 或 +10"),
            format!("“{s}” is not a number: enter 0–100, as 60, 60% or +10"),
        ),
        E::OutOfRange(n) => pick(
            lang,
            format!("{n} 超出范围:进度须在 0 到 100 之间"),
            format!("{n} is out of range: the percent must be 0 to 100"),
        ),
        E::Huge(s) => pick(
            lang,
            format!("{s} 超出范围:进度须在 0 到 100 之间"),
            format!("{s} is out of range: the percent must be 0 to 100"),
        ),
        E::Negative(s) => pick(
            lang,
            format!("“{s}”是负数:进度须在 0 到 100 之间(+10 表示增加)"),
            format!("“{s}” is negative: the percent must be 0 to 100 (+10 adds)"),
        ),
        E::Decimal(s) => pick(
            lang,
            format!("“{s}”带小数:进度只填整数 0–100"),
            format!("“{s}” has decimals: the percent is a whole number 0–100"),
        ),
    }
}

pub fn no_entry_as_of(lang: Lang) -> String {
    pick(
        lang,
        "正在查看历史日期(--as-of),不能填报或修改;去掉 --as-of 再打开",
        "viewing a past date (--as-of): reporting and editing are off; open without --as-of",
    )
}

pub fn nothing_to_report(lang: Lang) -> String {
    pick(
        lang,
        "请先选中一项任务(该任务需有责任单位)",
        "select a task first (one with a responsible unit)",
    )
}

/// Saving a lower percent on an assignment that was done: said once, saved on the second Ctrl-S.
pub fn confirm_lowering_done(lang: Lang, percent: u8) -> String {
    pick(
        lang,
        format!("这项已报 100%(完成)。确要改为 {percent}%?再按 Ctrl-S 确认"),
        format!(
            "This was reported 100% (done). Lower it to {percent}%? Press Ctrl-S again to confirm"
        ),
    )
}

/// Saving a lower percent than the current one with no note: asked once.
pub fn confirm_lowering(lang: Lang, current: u8, percent: u8) -> String {
    pick(
        lang,
        format!("比现在的 {current}% 低,且没写说明。确要改为 {percent}%?再按 Ctrl-S 确认"),
        format!(
            "Lower than the current {current}%, with no note. Lower it to {percent}%? Press Ctrl-S again to confirm"
        ),
    )
}

/// What `s` just switched the department list to.
pub fn sorted_by(lang: Lang, sort: crate::tui::state::DeptSort) -> String {
    use crate::tui::state::DeptSort;
    let (zh, en) = match sort {
        DeptSort::WorstFirst => ("排序:问题最多的在前", "sorted: most trouble first"),
        DeptSort::Name => ("排序:按名称(拼音)", "sorted: by name (pinyin)"),
        DeptSort::Percent => (
            "排序:按完成率,高的在前",
            "sorted: by completion, highest first",
        ),
    };
    pick(lang, zh, en)
}

/// The open form was read again because another clerk reported on the same assignment.
pub fn form_refreshed(lang: Lang, by: &str, percent: u8) -> String {
    pick(
        lang,
        format!("{by} 刚刚报送了这一项,现为 {percent}%;表单已更新,你填写的内容仍在"),
        format!(
            "{by} has just reported on this: now {percent}%. The form is updated; your text is still here"
        ),
    )
}

pub fn no_previous(lang: Lang) -> String {
    pick(
        lang,
        "这项任务还没有报送过,没有可沿用的内容",
        "nothing reported on this task yet, so nothing to copy",
    )
}

pub fn took_theirs(lang: Lang) -> String {
    pick(
        lang,
        "已采用对方的报送;你填写的内容已留作草稿,再按 e 可取回",
        "took theirs; what you typed is kept as a draft: press e to get it back",
    )
}

/// The form opened on a draft another session of the same login kept (or one that ended
/// before it could save: a killed or dropped session).
pub fn draft_restored_other(lang: Lang, at: &str) -> String {
    pick(
        lang,
        format!("已恢复草稿:另一个会话于 {at} 暂存的内容"),
        format!("Draft back: the text another session kept at {at}"),
    )
}

/// This form's draft wrote over the one another session of the same login had kept.
pub fn draft_replaced(lang: Lang, at: &str) -> String {
    pick(
        lang,
        format!("已替换另一个会话于 {at} 暂存的草稿(以最新为准)"),
        format!("replaced the draft another session kept at {at} (newest wins)"),
    )
}

/// The typed text could not be kept as a draft; it is still in the form.
pub fn draft_not_kept(lang: Lang, why: &str) -> String {
    pick(
        lang,
        format!("草稿暂未存入({why});内容仍在,稍后自动重试"),
        format!("draft not stored ({why}); your text is still here, retrying"),
    )
}

pub fn saved(lang: Lang, label: &str, before: u8, after: u8, copied: bool, moved: bool) -> String {
    let next = match moved {
        true => pick(
            lang,
            ",光标已移到下一项",
            "; the cursor moved to the next task",
        ),
        false => String::new(),
    };
    let base = pick(
        lang,
        format!("已保存:{label} {before}% → {after}%{next}  (u 撤销)"),
        format!("saved: {label} {before}% → {after}%{next}  (u undoes)"),
    );
    if copied {
        base + &pick(lang, "  ⚠ 与上次内容相同", "  ⚠ same text as last time")
    } else {
        base
    }
}

/// `u` with no save of this session left to take back: none was made, or each was undone
/// (`undone`) or can no longer be (`lost`: someone reported after it; the reason was said then).
pub fn nothing_to_undo(lang: Lang, undone: usize, lost: usize) -> String {
    match (undone, lost) {
        (0, 0) => pick(
            lang,
            "本次打开后你还没有保存过,没有可撤销的",
            "nothing saved in this session to undo",
        ),
        (n, 0) => pick(
            lang,
            format!("没有可再撤销的:本次打开后的 {n} 次保存都已撤销"),
            format!("nothing more to undo: this session's {n} save(s) are all undone"),
        ),
        (0, m) => pick(
            lang,
            format!("没有可再撤销的:本次打开后的 {m} 次保存已不能撤销"),
            format!("nothing more to undo: this session's {m} save(s) can no longer be undone"),
        ),
        (n, m) => pick(
            lang,
            format!("没有可再撤销的:本次打开后的保存 {n} 次已撤销,{m} 次已不能撤销"),
            format!(
                "nothing more to undo: of this session's saves, {n} undone, {m} no longer can be"
            ),
        ),
    }
}

pub fn undone(lang: Lang, label: &str, restored: u8) -> String {
    pick(
        lang,
        format!("已撤销:{label} 恢复为 {restored}%"),
        format!("undone: {label} is back to {restored}%"),
    )
}

pub fn conflict_theirs(lang: Lang, by: &str, at: &str, percent: u8) -> String {
    pick(
        lang,
        format!("对方:{by} 于 {at} 报送 {percent}%"),
        format!("Theirs: {by} reported {percent}% at {at}"),
    )
}

pub fn conflict_mine(lang: Lang, percent: &str) -> String {
    pick(
        lang,
        format!("你的:{percent}%"),
        format!("Yours: {percent}%"),
    )
}

/// Words of the task editor and the department picker.
pub struct EditorWords {
    pub new_title: &'static str,
    pub edit_title: &'static str,
    /// Number, title, text, section, deadline, weight, units.
    pub labels: [&'static str; 7],
    pub no_section: &'static str,
    pub understood: &'static str,
    pub plan_end: &'static str,
    pub units_hint: &'static str,
    pub no_units: &'static str,
    pub reports: &'static str,
    pub picker_title: &'static str,
    pub picker_new: &'static str,
    pub saving: &'static str,
}

pub fn editor_words(lang: Lang) -> &'static EditorWords {
    match lang {
        Lang::Zh => &EDITOR_ZH,
        Lang::En => &EDITOR_EN,
    }
}

static EDITOR_ZH: EditorWords = EditorWords {
    new_title: "新建任务",
    edit_title: "修改任务",
    labels: [
        "编号",
        "任务名称",
        "任务内容",
        "所属部分",
        "完成时限",
        "权重",
        "责任单位",
    ],
    no_section: "(不属于任何部分)",
    understood: "理解为",
    plan_end: "按计划结束日",
    units_hint: "a/Enter 添加单位  l 牵头⇄配合  x 移除  ←→ 切换部分",
    no_units: "(尚无责任单位:按 a 添加)",
    reports: "条报送",
    picker_title: "选择责任单位:输入名称、简称或拼音首字母(如 jxj)",
    picker_new: "新建单位",
    saving: "正在保存…",
};

static EDITOR_EN: EditorWords = EditorWords {
    new_title: "New task",
    edit_title: "Edit task",
    labels: [
        "Number", "Title", "Text", "Section", "Deadline", "Weight", "Units",
    ],
    no_section: "(no section)",
    understood: "read as",
    plan_end: "the plan's end",
    units_hint: "a/Enter add  l lead⇄co  x remove  ←→ section",
    no_units: "(no unit yet: press a to add)",
    reports: "reports",
    picker_title: "Pick a unit: type its name, alias or pinyin initials (jxj)",
    picker_new: "New department",
    saving: "saving…",
};

pub fn editor_empty_number(lang: Lang) -> String {
    pick(
        lang,
        "请填写任务编号(如 3 或 (二)3)",
        "enter the task's number (3, or (二)3)",
    )
}

pub fn editor_empty_title(lang: Lang) -> String {
    pick(lang, "请填写任务名称", "enter the task's title")
}

pub fn editor_bad_weight(lang: Lang, w: &str) -> String {
    pick(
        lang,
        format!("权重“{w}”无效:须为大于 0 的数,如 1 或 1.5"),
        format!("weight “{w}” is not valid: a number above 0, as 1 or 1.5"),
    )
}

pub fn task_saved(lang: Lang, label: &str, new: bool) -> String {
    match (new, lang) {
        (true, _) => pick(
            lang,
            format!("已新建任务:{label}"),
            format!("task created: {label}"),
        ),
        (false, _) => pick(
            lang,
            format!("已保存任务:{label}"),
            format!("task saved: {label}"),
        ),
    }
}

pub fn task_conflict(lang: Lang, who: &str) -> String {
    pick(
        lang,
        format!("{who} 刚刚修改了这项任务;你的修改仍在表中,再按 Ctrl-S 将覆盖保存,Esc 放弃"),
        format!(
            "{who} has just changed this task; yours is still here: Ctrl-S saves over it, Esc drops it"
        ),
    )
}

pub fn task_deleted(lang: Lang, label: &str) -> String {
    pick(
        lang,
        format!("已删除任务:{label}(报送记录仍保留)"),
        format!("task deleted: {label} (its reports are kept)"),
    )
}

pub fn unit_has_reports(lang: Lang, name: &str, entries: i64) -> String {
    pick(
        lang,
        format!("{name} 已有 {entries} 条报送,不能移除(记录不可删除)"),
        format!(
            "{name} has {} and cannot be taken off (the record stays)",
            super::en_n(entries, "report", "reports")
        ),
    )
}

pub fn unit_already(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("{name} 已在责任单位中"),
        format!("{name} is already a unit of this task"),
    )
}

/// The yes/no questions.
pub fn question_discard(lang: Lang) -> (String, String) {
    (
        pick(
            lang,
            "放弃对任务的修改?",
            "Throw away your changes to the task?",
        ),
        pick(
            lang,
            "y 放弃并关闭    n 或 Esc 继续编辑",
            "y discard    n or Esc keep editing",
        ),
    )
}

pub fn question_new_department(lang: Lang, name: &str, close: &[String]) -> (String, String) {
    let body = if close.is_empty() {
        pick(
            lang,
            format!("新建单位“{name}”?  y 新建    n 返回"),
            format!("Create the department “{name}”?  y create    n back"),
        )
    } else {
        pick(
            lang,
            format!(
                "已有相近的单位:{};确定另建“{name}”?  y 新建    n 返回选择",
                close.join("、")
            ),
            format!(
                "Close to existing: {}. Create “{name}” anyway?  y create    n back",
                close.join(", ")
            ),
        )
    };
    (pick(lang, "新建单位", "New department"), body)
}

pub fn question_delete(lang: Lang, label: &str, entries: i64) -> (String, String) {
    let body = if entries > 0 {
        pick(
            lang,
            format!(
                "{label}:已有 {entries} 条报送。删除后任务不再显示,报送记录与审计记录保留。  y 删除    n 取消"
            ),
            format!(
                "{label}: {entries} reports. Deleted, it is no longer shown; its reports and the audit trail stay.  y delete    n cancel"
            ),
        )
    } else {
        pick(
            lang,
            format!("{label}  y 删除    n 取消"),
            format!("{label}  y delete    n cancel"),
        )
    };
    (pick(lang, "删除任务?", "Delete this task?"), body)
}

pub fn no_plan(lang: Lang) -> String {
    pick(
        lang,
        "数据库里还没有计划:请先用 duban import plan 导入",
        "the database has no plan yet: import one with duban import plan",
    )
}

/// Words of view 4, departments and clerks.
pub struct PeopleWords {
    pub view: &'static str,
    pub departments: &'static str,
    pub clerks: &'static str,
    pub led: &'static str,
    pub co: &'static str,
    pub people: &'static str,
    pub no_department: &'static str,
    /// The prompt's label for each kind: add department, rename, alias, merge into, add clerk,
    /// role.
    pub prompts: [&'static str; 6],
    pub prompt_keys: &'static str,
}

pub fn people_words(lang: Lang) -> &'static PeopleWords {
    match lang {
        Lang::Zh => &PEOPLE_ZH,
        Lang::En => &PEOPLE_EN,
    }
}

static PEOPLE_ZH: PeopleWords = PeopleWords {
    view: "单位与人员",
    departments: "单位",
    clerks: "填报人员",
    led: "牵头",
    co: "配合",
    people: "人",
    no_department: "—",
    prompts: [
        "新单位名称",
        "改名为(原名留作简称)",
        "添加简称",
        "并入哪个单位(全称或简称)",
        "登录名 角色 [单位](角色:admin/editor/viewer 或 管理员/填报员/只读)",
        "新角色 [单位]",
    ],
    prompt_keys: "Enter 确定  Esc 取消",
};

static PEOPLE_EN: PeopleWords = PeopleWords {
    view: "People",
    departments: "Departments",
    clerks: "Clerks",
    led: "lead",
    co: "co",
    people: "clerks",
    no_department: "—",
    prompts: [
        "New department's name",
        "Rename to (the old name stays an alias)",
        "Add an alias",
        "Merge into (full name or alias)",
        "login role [department] (role: admin, editor or viewer)",
        "New role [department]",
    ],
    prompt_keys: "Enter ok  Esc cancel",
};

/// A department's counts in view 4: tasks it leads, tasks it is a co-unit of, its clerks.
pub fn department_counts(lang: Lang, led: i64, co: i64, clerks: i64) -> String {
    pick(
        lang,
        format!("牵头{led} 配合{co} {clerks}人"),
        format!(
            "lead {led} co {co} {}",
            super::en_n(clerks, "clerk", "clerks")
        ),
    )
}

/// The count in view 4's pane titles: departments (个) or clerks (人).
pub fn people_title_count(lang: Lang, clerks: bool, n: usize) -> String {
    match (lang, clerks) {
        (Lang::Zh, false) => format!("{n} 个"),
        (Lang::Zh, true) => format!("{n} 人"),
        (Lang::En, _) => n.to_string(),
    }
}

/// The role prompt of view 4 (R): whose role it changes, and what it is now.
pub fn clerk_role_prompt(
    lang: Lang,
    username: &str,
    now: Option<crate::domain::ClerkRole>,
    department: Option<&str>,
) -> String {
    let now = match department {
        Some(d) => format!("{} · {d}", clerk_role(lang, now)),
        None => clerk_role(lang, now).to_string(),
    };
    pick(
        lang,
        format!("{username}(现为 {now})的新角色 [单位](管理员/填报员/只读)"),
        format!("New role for {username} (now {now}) [department]"),
    )
}

pub fn people_key_elsewhere(lang: Lang) -> String {
    pick(
        lang,
        "这个键用于另一栏:Tab 切换“单位”与“填报人员”",
        "that key works in the other list: Tab switches departments and clerks",
    )
}

pub fn people_ambiguous(lang: Lang, q: &str, matches: &[String]) -> String {
    pick(
        lang,
        format!("“{q}”对应多个单位:{};请写全称", matches.join("、")),
        format!("“{q}” could be {}; type the full name", matches.join(", ")),
    )
}

pub fn people_unknown(lang: Lang, q: &str, close: &[String]) -> String {
    if close.is_empty() {
        pick(
            lang,
            format!("没有单位“{q}”"),
            format!("no department “{q}”"),
        )
    } else {
        pick(
            lang,
            format!("没有单位“{q}”;是否指:{}", close.join("、")),
            format!("no department “{q}”; did you mean {}", close.join(", ")),
        )
    }
}

pub fn people_empty(lang: Lang) -> String {
    pick(lang, "请输入内容(Esc 取消)", "type something (Esc cancels)")
}

pub fn people_same(lang: Lang) -> String {
    pick(
        lang,
        "不能并入自己",
        "a department cannot be merged into itself",
    )
}

pub fn people_full_name(lang: Lang) -> String {
    pick(
        lang,
        "合并不可撤销:请写目标单位的全称或简称",
        "a merge cannot be undone: type the target's full name or an alias",
    )
}

pub fn people_bad_role(lang: Lang, word: &str) -> String {
    pick(
        lang,
        format!("角色“{word}”无效:admin/editor/viewer(管理员/填报员/只读)"),
        format!("role “{word}” is not one of admin, editor, viewer"),
    )
}

pub fn people_editor_needs_department(lang: Lang) -> String {
    pick(
        lang,
        "填报员须指定所属单位,如:zhangli editor 经信局",
        "an editor needs a department, as: zhangli editor 经信局",
    )
}

pub fn department_added(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("已添加单位:{name}"),
        format!("department added: {name}"),
    )
}

pub fn admin_done(
    lang: Lang,
    op: &crate::tui::people::AdminOp,
    names: &dyn Fn(i64) -> String,
) -> String {
    use crate::tui::people::AdminOp as A;
    match op {
        A::AddDepartment(n) => department_added(lang, n),
        A::Rename { id, name } => pick(
            lang,
            format!("已改名为:{name}(原名“{}”留作简称)", names(*id)),
            format!("renamed to {name} (“{}” stays an alias)", names(*id)),
        ),
        A::Alias { id, alias } => pick(
            lang,
            format!("已为 {} 添加简称:{alias}", names(*id)),
            format!("{} also answers to {alias}", names(*id)),
        ),
        A::Merge { from, into } => pick(
            lang,
            format!(
                "已将 {} 并入 {}(任务、报送、人员均已转入)",
                names(*from),
                names(*into)
            ),
            format!(
                "{} merged into {} (tasks, reports and clerks moved)",
                names(*from),
                names(*into)
            ),
        ),
        A::AddClerk(c) => pick(
            lang,
            format!("已添加填报人员:{}", c.username),
            format!("clerk added: {}", c.username),
        ),
        A::SetRole { username, .. } => pick(
            lang,
            format!("已修改 {username} 的角色"),
            format!("{username}'s role changed"),
        ),
        A::RemoveClerk(u) => pick(
            lang,
            format!("已移除 {u}(其报送记录保留)"),
            format!("{u} removed (their reports stay)"),
        ),
    }
}

pub fn question_merge(lang: Lang, from: &str, into: &str) -> (String, String) {
    (
        pick(lang, "合并单位?", "Merge departments?"),
        pick(
            lang,
            format!(
                "把“{from}”并入“{into}”:任务、报送记录、人员全部转入,“{from}”成为简称。不可撤销。  y 合并    n 取消"
            ),
            format!(
                "Merge “{from}” into “{into}”: tasks, reports and clerks move, “{from}” becomes an alias. This cannot be undone.  y merge    n cancel"
            ),
        ),
    )
}

pub fn question_remove_clerk(lang: Lang, user: &str) -> (String, String) {
    (
        pick(lang, "移除填报人员?", "Remove this clerk?"),
        pick(
            lang,
            format!("{user} 将只能查看;其报送记录保留。  y 移除    n 取消"),
            format!("{user} will only read from now on; their reports stay.  y remove    n cancel"),
        ),
    )
}

/// View 5 while another period's circular is computed: which period the table still shows.
pub fn still_showing(lang: Lang, period: &str) -> String {
    pick(
        lang,
        format!("计算中…下表仍为{period}"),
        format!("computing… below: {period}"),
    )
}

/// `P` in a file with one plan: nothing to switch.
pub fn one_plan(lang: Lang) -> String {
    pick(
        lang,
        "本文件只有一个计划,无需切换",
        "this file holds one plan: there is nothing to switch",
    )
}

/// After the switcher: which plan the screens now show (`None`: all of them).
pub fn plan_shown(lang: Lang, title: Option<&str>) -> String {
    match title {
        // The footer makes stored text visible (`widgets::cut`).
        Some(title) => pick(lang, format!("只看:{title}"), format!("showing: {title}")),
        None => pick(lang, "显示全部计划", "showing every plan"),
    }
}

/// The header when every plan of a file with several is shown.
pub fn plans_count(lang: Lang, n: usize) -> String {
    if lang.zh() {
        format!("{n} 个计划")
    } else {
        super::en_u(n, "plan", "plans")
    }
}

/// The words of the plan switcher.
pub struct PlanWords {
    pub title: &'static str,
    pub all: &'static str,
    /// Before a plan's title in the task detail.
    pub plan: &'static str,
}

pub fn plan_words(lang: Lang) -> PlanWords {
    if lang.zh() {
        PlanWords {
            title: "切换计划",
            all: "全部计划",
            plan: "计划",
        }
    } else {
        PlanWords {
            title: "Switch plan",
            all: "All plans",
            plan: "Plan",
        }
    }
}

/// A plan's task count in the switcher.
pub fn plan_tasks(lang: Lang, n: u64) -> String {
    if lang.zh() {
        format!("{n} 项任务")
    } else if n == 1 {
        "1 task".to_string()
    } else {
        format!("{n} tasks")
    }
}
