//! What the help screen says of a binding, beyond its footer words.

use super::{Binding, C, W};
use crate::i18n::Lang;

/// What the help screen says of a binding: more than the footer has room for.
pub fn explain(b: &Binding, lang: Lang) -> &'static str {
    let (zh, en) = match (b.command, b.when) {
        (C::Down, W::Help) => ("滚动帮助", "scroll this help"),
        (C::Investment, _) => (
            "重点项目填报本月投资(列表和详情均可):月份(默认本月,月初未报上月时为上月)、本年累计完成投资(万元)、说明;低于本年上次填报时须写原因。校验、留痕、权限同填报进展;他人已先填报时不保存,表中内容保留",
            "a key project's investment for a month (in a list or the detail): the month (this one, or early in a month the last one while it has no figure), the year's cumulative amount (10k yuan), a note; below the year's last figure it needs a reason. Checked, journaled and permitted as progress is; if another clerk wrote first nothing is saved and what you typed stays",
        ),
        (C::Milestone, _) => (
            "标记所选任务的节点已达到(列表和详情均可):选节点,达到日期默认今天,可写说明;选已达到的节点则撤销误标,须写原因。节点由管理员在任务编辑器中维护",
            "mark a milestone of the selected task reached (in a list or the detail): pick it, the date is today unless changed, a note if any; on one already reached, take the wrong mark back with the reason. Admins keep the milestones in the task editor",
        ),
        (C::Save, W::Project) => (
            "保存;有误时说明原因,已填内容保留",
            "save; anything wrong is explained and what you typed stays",
        ),
        (C::PageDown, W::Editor) => (
            "在任务信息和“项目与节点”两页之间切换:建设单位、总投资、年度计划投资,节点的添加(a)、修改(Enter)、删除(x)、排序(J/K);随任务一并保存",
            "switch between the task and its project page: owner, total and this year's planned investment, and milestones added (a), changed (Enter), removed (x) and reordered (J/K); saved with the task",
        ),
        (C::Mark, _) => (
            "标记/取消标记所选任务行(单位视图的任务窗格、视图 2、3),并移到下一行;行首显示 ☑",
            "mark or unmark the selected task row (view 1's tasks pane, views 2 and 3) and move down; marked rows show ☑",
        ),
        (C::Copy, _) => (
            "把所选任务的编号、标题和责任单位作为一行复制到剪贴板(OSC 52,经 SSH 也可;tmux 中需 set -g set-clipboard on)",
            "copy the selected task's number, title and units as one line to the clipboard (OSC 52, works over SSH; in tmux: set -g set-clipboard on)",
        ),
        (C::Batch, _) => (
            "批量填报已标记的任务:同一进度和/或说明,一次保存(全部成功或全部不存),每项留痕、可逐项撤销。填报人员写本单位的部分;管理员写视图 1 所选单位的部分,任务无此单位时写牵头单位",
            "batch entry on the marked tasks: one percent and/or note, saved at once (all or nothing), each journaled and undoable. A clerk writes their department's part; an admin the part of the department selected in view 1, else the lead unit",
        ),
        (C::Save, W::Batch) => (
            "全部保存:任何一项被拒(权限、冲突、内容)则一项都不保存,并说明是哪一项、为什么",
            "save all: if any row is refused (permission, conflict, text), none is saved and the row and reason are named",
        ),
        (C::Cancel, W::Batch) => (
            "关闭批量表单(标记保留)",
            "close the batch form (the marks stay)",
        ),
        (C::Close, W::Lists) => (
            "清除筛选;没有筛选时取消全部标记",
            "clear the filter; without one, clear the marks",
        ),
        (C::Open, W::Report) => (
            "展开/收起所选单位的得分明细",
            "show or hide the selected department's score breakdown",
        ),
        (C::PrevPeriod, W::Report) => ("上一季度 / 下一季度", "previous / next quarter"),
        (C::Close, W::Report) => ("收起得分明细", "hide the score breakdown"),
        (C::Open, W::Settings) => (
            "修改所选设置(管理员;值不合规时说明原因)",
            "change the selected setting (admins; a bad value is explained)",
        ),
        (C::Close, W::Settings) => ("返回通报排名", "back to the ranking"),
        (C::Report, W::Indicators) => (
            "填报所选指标某一期的实际值(校验、留痕、权限同填报进展)",
            "report the selected indicator's figure for a period (checked, journaled, permitted as progress is)",
        ),
        (C::PrevPeriod, W::Indicators) => ("上一年 / 下一年", "previous / next year"),
        (C::Save, W::Figure) => (
            "保存(Ctrl-S 同);期间或数值有误时说明原因,已填内容保留",
            "save (Ctrl-S too); a bad period or value is explained and kept",
        ),
        (C::NextField, W::Form) => (
            "到下一栏(Shift-Tab 上一栏)。在「佐证材料」栏:补全最后一个路径的文件名,补到各匹配项共同的前缀(目录加 /);再按 Tab 在栏下列出候选;栏空、无匹配或已补全时到下一栏。多个路径用 ; 分隔,~ 代表主目录;保存进度后逐个附上,某个未附上时进度照存并说明原因",
            "next field (Shift-Tab: previous). In the Evidence field: completes the last path's file name to what the matching entries share (a directory gets its /); Tab again lists the candidates under the field; an empty field, no match or a complete name moves on. Several paths are separated by ;, ~ is your home directory; after the report is saved each file is attached, and one that cannot be is named with why (the report stays saved)",
        ),
        (C::NextField, W::Figure) => (
            "在期间和数值两栏之间切换",
            "switch between the period and the value",
        ),
        (C::CloseApply, _) => (
            "申请办结所选任务(牵头单位进度 100% 时;列表和详情均可):写办结说明,有单位未到 100% 时再写原因,再可附佐证材料(文件路径,; 分隔,Tab 补全,可不填);行尾 ◇ 待审核",
            "apply to close the selected task (the lead unit at 100%; in a list or the detail): a closing note, and why when a unit is below 100%, then evidence files if any (paths separated by ;, Tab completes); the row shows ◇ pending",
        ),
        (C::CloseApprove, _) => (
            "审核通过所选任务的办结申请(管理员;可写审核意见):行尾 ■ 已办结",
            "approve the selected task's application to close (admins; a note is optional): the row shows ■ closed",
        ),
        (C::CloseReturn, _) => (
            "退回所选任务的办结申请(管理员;须写原因,申请单位在列表 ↺、详情和填报表单中看到);任务已办结时为重新打开(同样须写原因)",
            "send the selected task's application back (admins; with a reason the unit sees: ↺ in its list, the detail and the progress form); on a closed task: reopen it, with a reason",
        ),
        (C::Extend, _) => (
            "所选任务的延期(列表和详情均可):单位在期限内写新期限和理由申请,行内期限前标“延”(英文 +)表示已延期;管理员对待审批的申请 y 批准(日期可改)或 n 驳回(写理由),没有待审批的申请时为牵头单位补办申请(期限已过也可)",
            "an extension of the selected task (in a list or the detail): a unit asks, on or before the deadline, with the new date and a reason; + before a row's deadline (延 in Chinese) means extended; an admin answers a waiting request, y to approve (the date may be changed) or n to refuse with a reason, or with none waiting files one for the lead unit (after the deadline too)",
        ),
        (C::NoticeReply, _) => (
            "所选任务的督办单反馈(列表和详情均可):单位对致本单位、待反馈的督办单写反馈;管理员对待审核的反馈 y 通过(督办单办结)或 n 退回(写原因),没有待审核的反馈时代单位反馈;行内标题前 [Y] 为在办督办单等级(B 蓝 / Y 黄 / R 红),[Y!] 为逾期未反馈",
            "reply to the selected task's notice (in a list or the detail): a unit replies to the notice to it awaiting a reply; an admin answers a reply under review, y to accept (the notice is closed) or n to return it with a reason, or with none waiting replies for the unit; [Y] before a row's title is its live notice's level (B blue / Y yellow / R red), [Y!] when one is overdue",
        ),
        (C::NoticeIssue, _) => (
            "签发督办单(管理员):致所选任务的牵头单位(视图 1 中选中的单位是该任务责任单位时致该单位),等级、事由和反馈期限取系统建议,只需写督办要求(可不填),Enter 签发,提示编号",
            "issue a notice (admins) to the selected task's lead unit (in view 1 the selected department, when it is a unit of the task): level, reason and reply-by date as the rules propose; type what is required (may be empty), Enter issues it and names its number",
        ),
        (C::Down, _) => ("上下移动", "move up and down"),
        (C::NextPane, W::Import) => (
            "在解析出的任务和责任单位两个列表间切换",
            "switch between the parsed tasks and the units",
        ),
        (C::Import, _) => (
            "导入计划文本:先预览,可删项、改单位,Ctrl-S 保存(管理员)",
            "import a plan's text: preview, leave out, fix units, Ctrl-S saves (admins)",
        ),
        (C::DropTask, _) => (
            "此项不导入(再按一次恢复)",
            "leave this task out (again: take it back)",
        ),
        (C::EditUnits, _) => (
            "改写任务的责任单位,如 *区经信局、区发改局",
            "rewrite the task's units, as in *区经信局、区发改局",
        ),
        (C::MapUnit, _) => (
            "把新单位名对应到已有单位(名称留作别名)",
            "map a new unit name onto an existing department (kept as an alias)",
        ),
        (C::Save, W::Import) => (
            "导入:一次保存全部任务、单位和指标",
            "import: save every task, unit and indicator at once",
        ),
        (C::NextPane, W::People) => (
            "在单位和填报人员两个列表间切换(← → 同)",
            "switch between departments and clerks (← → too)",
        ),
        (C::NextPane, W::Detail) => (
            "下一个/上一个单位的进展记录",
            "next/previous unit's history",
        ),
        (C::NextPane, _) => (
            "在单位和任务两个窗格间切换",
            "switch between departments and tasks",
        ),
        (C::Open, W::Queue) => (
            "转到所选任务:视图 2 中选中它并打开详情(必要时清除筛选)",
            "go to the selected task: view 2 with it selected and its detail open (clearing a filter that hid it)",
        ),
        (C::Open, _) => (
            "单位上:进入其任务;任务上:打开详情",
            "on a department: its tasks; on a task: its detail",
        ),
        (C::View(_), _) => (
            "1 单位  2 任务(按部分)  3 时限(逾期在前)  4 单位与人员  5 通报(排名、得分)  6 指标  7 挂图作战(时间轴)",
            "1 departments  2 tasks by section  3 deadlines, overdue first  4 people  5 report (ranking, scores)  6 indicators  7 wall chart (timeline)",
        ),
        (C::PeopleAdd, _) => (
            "添加单位 / 添加填报人员(按所在栏;管理员)",
            "add a department / a clerk (by the list; admins)",
        ),
        (C::PeopleRename, _) => (
            "单位改名,原名留作简称",
            "rename; the old name stays an alias",
        ),
        (C::PeopleAlias, _) => ("为单位添加简称", "add an alias"),
        (C::PeopleMerge, _) => (
            "把所选单位并入另一单位(先确认,不可撤销)",
            "merge into another department (asks first; cannot be undone)",
        ),
        (C::PeopleRole, _) => (
            "修改填报人员的角色与单位",
            "change a clerk's role and department",
        ),
        (C::PeopleRemove, _) => ("移除填报人员(先确认)", "remove a clerk (asks first)"),
        (C::Filter, _) => (
            "筛选:编号、标题、单位名或简称",
            "filter by number, title, unit name or alias",
        ),
        (C::Sort, _) => (
            "排序:问题最多在前 / 名称 / 进度",
            "sort: worst first / name / completion",
        ),
        (C::Close, W::Detail) => ("关闭详情", "close the detail"),
        (C::Settings, _) => (
            "设置:报送周期、红黄灯阈值、评分方式与权重(管理员按 Enter 修改)",
            "settings: cycle, light thresholds, score preset and weights (admins: Enter to change)",
        ),
        (C::LightPreset, _) => (
            "设置中:红黄灯预设在默认与从严之间切换(管理员)",
            "in settings: switch the light preset, default / strict (admins)",
        ),
        (C::First, _) => (
            "第一项 / 最后一项(Home / End 同)",
            "first / last (Home / End too)",
        ),
        (C::PageDown, _) => ("上一页 / 下一页", "page up / page down"),
        (C::OnlyAlert, _) => ("只看红灯、黄灯(再按取消)", "only red and yellow (toggle)"),
        (C::Queue, W::Anywhere) => (
            "待办(最早的在前):管理员看待审核的办结申请、延期申请和督办单反馈,单位看本单位待审核和被退回的任务、延期申请和待反馈的督办单;V 通过、X 退回(已办结的为重新打开)、F 反馈督办单、Enter 转到任务",
            "queue (oldest first): for admins, the applications to close, extension requests and notice replies waiting for review; for a unit, its tasks waiting for review or sent back, its extension requests and the notices it must answer; V approves, X sends back (reopens a closed task), F replies to a notice, Enter goes to the task",
        ),
        (C::Plans, W::Anywhere) => (
            "切换计划:只看一个计划或全部计划(文件含多个计划时;下次打开时沿用)",
            "switch plan: one plan or all (files with several; kept for next time)",
        ),
        (C::OnlyMine, _) => ("只看本单位(再按取消)", "only my department (toggle)"),
        (C::Quit, _) => ("退出(Ctrl-C 同)", "quit (Ctrl-C too)"),
        (C::Save, _) => (
            "保存;之后自动选中下一项任务",
            "save; the next task is selected after",
        ),
        (C::NextField, _) => (
            "下一栏(Shift-Tab 上一栏)",
            "next field (Shift-Tab: previous)",
        ),
        (C::CopyLast, _) => (
            "沿用上次报送的说明(情况未变时;会提示内容相同)",
            "copy the last report's note (warns that it is unchanged)",
        ),
        (C::Cancel, _) => (
            "取消(已输入内容时先确认;Ctrl-C 同)",
            "cancel (asks first if you typed; Ctrl-C too)",
        ),
        (C::NewTask, _) => (
            "新建任务(管理员):编号、名称、内容、部分、时限、权重、责任单位",
            "new task (admins): number, title, text, section, deadline, weight, units",
        ),
        (C::EditTask, _) => ("修改所选任务(管理员)", "edit the selected task (admins)"),
        (C::DeleteTask, _) => (
            "删除所选任务(管理员;先确认,报送记录保留)",
            "delete the selected task (admins; asks first, reports are kept)",
        ),
        (C::Report, _) => (
            "填报所选任务的进展(单位视图:该单位的这项任务)",
            "report progress on the selected task (departments view: that department's part)",
        ),
        (C::Undo, _) => (
            "撤销自己本次最近一次保存,再按撤销更早的(他人其后已报送则不能)",
            "undo your last save in this session; again, the one before (not once someone else has reported since)",
        ),
        (C::ZoomIn, W::Wall) => (
            "放大(+)/缩小(-)时间轴:年(每格一周)、季(每格两天)、月(每格半天)、周(每天七格);今天或窗口中间保持原位",
            "zoom in (+) / out (-): year (a week a column), quarter (two days), month (half a day), week (seven columns a day); today, or the middle, stays in place",
        ),
        (C::PanLeft, W::Wall) => (
            "时间轴向前(h、←)/向后(l、→)移四分之一屏",
            "move the time axis earlier (h, ←) / later (l, →) by a quarter of the screen",
        ),
        (C::Group, W::Wall) => (
            "按牵头单位分组(单位列表的顺序)/按章节分组(计划的顺序)",
            "group by lead unit (the department list's order) / by section (the plan's order)",
        ),
        _ => (b.zh, b.en),
    };
    if lang.zh() { zh } else { en }
}
