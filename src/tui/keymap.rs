//! The one table of keys. It decides what a key does, and it writes the footer and the help
//! screen, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use super::state::{Mode, State, View};
use crate::i18n::Lang;

/// Where the keyboard is: the mode, the view, and whether view 5 shows its settings screen
/// (which has keys of its own). `admin` only trims the footer and help of keys that would
/// refuse; the keys still answer, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub mode: Mode,
    pub view: View,
    pub settings: bool,
    pub admin: bool,
    /// The terminal is too small to show anything but a message: only quit acts.
    pub too_small: bool,
}

impl Place {
    pub fn new(mode: Mode, view: View) -> Place {
        Place {
            mode,
            view,
            settings: false,
            admin: true,
            too_small: false,
        }
    }

    pub fn of(state: &State) -> Place {
        Place {
            mode: state.mode,
            view: state.view,
            settings: state.report.settings.is_some(),
            admin: state.session.role == Some(crate::domain::ClerkRole::Admin),
            too_small: state.viewport.too_small(),
        }
    }

    pub fn with_mode(self, mode: Mode) -> Place {
        Place { mode, ..self }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Every list screen and the detail.
    Anywhere,
    /// The lists (not the detail or help).
    Lists,
    Departments,
    /// Views 1 to 3 and the task detail: keys about the selected task.
    TaskViews,
    Detail,
    Help,
    /// The progress form.
    Form,
    /// "Throw away what you typed?"
    ConfirmDiscard,
    /// The save conflict dialog.
    Conflict,
    /// The task editor.
    Editor,
    /// The department picker.
    Picker,
    /// A yes/no question.
    Ask,
    /// View 4, departments and clerks.
    People,
    /// The line of text of view 4 and of the import preview.
    Prompt,
    /// The import preview.
    Import,
    /// View 5, the circular's ranking.
    Report,
    /// View 5's settings screen (`o`).
    Settings,
    /// View 6, the indicators.
    Indicators,
    /// Views 5 and 6 and the settings screen: lists to move in.
    Tables,
    /// Entering an indicator's figure (view 6).
    Figure,
    /// The batch form over the marked task rows.
    Batch,
    /// The plan switcher (`P`).
    Plans,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub command: Command,
    pub when: When,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the footer line (the rest only in help).
    pub footer: bool,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        if lang.zh() { self.zh } else { self.en }
    }
}

macro_rules! bind {
    ($label:expr, [$($k:expr),+], $cmd:expr, $when:expr, $zh:expr, $en:expr, $footer:expr) => {
        Binding {
            keys: &[$($k),+],
            label: $label,
            command: $cmd,
            when: $when,
            zh: $zh,
            en: $en,
            footer: $footer,
        }
    };
}

use Command as C;
use When as W;

/// Order matters: the footer shows the first bindings that fit, and the first match wins.
pub static KEYMAP: &[Binding] = &[
    // The clerk's everyday key: first, so the footer always has room for it.
    bind!("e", [ch('e')], C::Report, W::Lists, "填报", "report", true),
    bind!("e", [ch('e')], C::Report, W::Detail, "填报", "report", true),
    bind!(
        "↑↓/jk",
        [code(KeyCode::Down), ch('j'), code(KeyCode::Up), ch('k')],
        C::Down,
        W::Anywhere,
        "移动",
        "move",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextPane,
        W::Departments,
        "切换窗格",
        "pane",
        true
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Open,
        W::Lists,
        "详情",
        "open",
        true
    ),
    bind!(
        "1-6",
        [ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6')],
        C::View(View::Departments),
        W::Anywhere,
        "视图",
        "views",
        true
    ),
    bind!("/", [ch('/')], C::Filter, W::Lists, "筛选", "filter", true),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Open,
        W::Report,
        "得分明细",
        "breakdown",
        true
    ),
    bind!(
        "[ ]",
        [ch('['), ch(']')],
        C::PrevPeriod,
        W::Report,
        "上/下一季度",
        "prev/next quarter",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc)],
        C::Close,
        W::Report,
        "收起明细",
        "close breakdown",
        false
    ),
    bind!(
        "o",
        [ch('o')],
        C::Settings,
        W::Report,
        "设置",
        "settings",
        true
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Open,
        W::Settings,
        "修改",
        "change",
        true
    ),
    bind!(
        "p",
        [ch('p')],
        C::LightPreset,
        W::Settings,
        "红黄灯预设",
        "light preset",
        true
    ),
    bind!(
        "o/Esc",
        [ch('o'), code(KeyCode::Esc)],
        C::Close,
        W::Settings,
        "返回",
        "back",
        true
    ),
    bind!(
        "e/Enter",
        [ch('e'), code(KeyCode::Enter)],
        C::Report,
        W::Indicators,
        "填报",
        "report",
        true
    ),
    bind!(
        "[ ]",
        [ch('['), ch(']')],
        C::PrevPeriod,
        W::Indicators,
        "上/下一年",
        "prev/next year",
        true
    ),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::Tables,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter), ctrl('s')],
        C::Save,
        W::Figure,
        "保存",
        "save",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextField,
        W::Figure,
        "期间/数值",
        "period/value",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Figure,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "Tab",
        [
            code(KeyCode::Tab),
            code(KeyCode::BackTab),
            code(KeyCode::Right),
            code(KeyCode::Left)
        ],
        C::NextPane,
        W::People,
        "单位/人员",
        "departments/clerks",
        true
    ),
    bind!("a", [ch('a')], C::PeopleAdd, W::People, "添加", "add", true),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::People,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "r",
        [ch('r')],
        C::PeopleRename,
        W::People,
        "改名",
        "rename",
        true
    ),
    bind!(
        "A",
        [ch('A')],
        C::PeopleAlias,
        W::People,
        "加简称",
        "alias",
        true
    ),
    bind!(
        "M",
        [ch('M')],
        C::PeopleMerge,
        W::People,
        "合并",
        "merge",
        true
    ),
    bind!(
        "R",
        [ch('R')],
        C::PeopleRole,
        W::People,
        "角色",
        "role",
        true
    ),
    bind!(
        "x",
        [ch('x')],
        C::PeopleRemove,
        W::People,
        "移除",
        "remove",
        true
    ),
    // Undo takes back a progress report: in views 4 to 6 it would reach one the clerk no longer
    // sees (a figure is corrected by reporting the period again).
    bind!("u", [ch('u')], C::Undo, W::TaskViews, "撤销", "undo", false),
    bind!(
        "n",
        [ch('n')],
        C::NewTask,
        W::Lists,
        "新建任务",
        "new task",
        false
    ),
    bind!(
        "E",
        [ch('E')],
        C::EditTask,
        W::TaskViews,
        "修改任务",
        "edit task",
        false
    ),
    bind!(
        "D",
        [ch('D')],
        C::DeleteTask,
        W::TaskViews,
        "删除任务",
        "delete task",
        false
    ),
    bind!(
        "i",
        [ch('i')],
        C::Import,
        W::Departments,
        "导入计划",
        "import a plan",
        false
    ),
    bind!(
        "↑↓/jk",
        [code(KeyCode::Down), ch('j'), code(KeyCode::Up), ch('k')],
        C::Down,
        W::Import,
        "移动",
        "move",
        false
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextPane,
        W::Import,
        "任务/单位",
        "tasks/units",
        true
    ),
    bind!(
        "x",
        [ch('x')],
        C::DropTask,
        W::Import,
        "不导入/恢复",
        "leave out",
        true
    ),
    bind!(
        "u",
        [ch('u')],
        C::EditUnits,
        W::Import,
        "改单位",
        "units",
        true
    ),
    bind!(
        "m",
        [ch('m')],
        C::MapUnit,
        W::Import,
        "对应已有单位",
        "map unit",
        true
    ),
    bind!(
        "Ctrl-S",
        [ctrl('s')],
        C::Save,
        W::Import,
        "导入",
        "import",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Import,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "PgUp/PgDn",
        [code(KeyCode::PageDown), code(KeyCode::PageUp)],
        C::PageDown,
        W::Import,
        "翻页",
        "page",
        false
    ),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::Import,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "s",
        [ch('s')],
        C::Sort,
        W::Departments,
        "排序",
        "sort",
        true
    ),
    bind!("?", [ch('?')], C::Help, W::Anywhere, "帮助", "help", true),
    bind!(
        "q",
        [ch('q'), ctrl('c')],
        C::Quit,
        W::Anywhere,
        "退出",
        "quit",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), code(KeyCode::Enter)],
        C::Close,
        W::Detail,
        "关闭",
        "close",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextPane,
        W::Detail,
        "换单位",
        "next unit",
        true
    ),
    bind!(
        "PgUp/PgDn",
        [code(KeyCode::PageDown), code(KeyCode::PageUp)],
        C::PageDown,
        W::Anywhere,
        "翻页",
        "page",
        false
    ),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::Lists,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "w",
        [ch('w')],
        C::OnlyAlert,
        W::Lists,
        "只看红黄",
        "red/yellow only",
        false
    ),
    bind!(
        "m",
        [ch('m')],
        C::OnlyMine,
        W::Lists,
        "只看本单位",
        "mine only",
        false
    ),
    bind!(
        "r",
        [ch('r')],
        C::Reload,
        W::Anywhere,
        "重新读取",
        "reload",
        false
    ),
    bind!(
        "P",
        [ch('P')],
        C::Plans,
        W::Anywhere,
        "切换计划",
        "switch plan",
        false
    ),
    bind!(
        "c",
        [ch('c')],
        C::Mouse,
        W::Anywhere,
        "鼠标开/关(默认关):开启时滚轮滚动指针下的列表、单击选中一行;关闭时可用鼠标选中文字复制(开启时多数终端按住 Shift 也可选中)",
        "mouse on/off (off at start): on, the wheel scrolls the list under the pointer and a click selects a row; off, the mouse selects text to copy (while on, most terminals select with Shift held)",
        false
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc)],
        C::Close,
        W::Lists,
        "清除筛选",
        "clear filter",
        false
    ),
    bind!(
        "?/Esc",
        [ch('?'), code(KeyCode::Esc), ch('q'), code(KeyCode::Enter)],
        C::Close,
        W::Help,
        "关闭帮助",
        "close help",
        true
    ),
    bind!(
        "↑↓/jk",
        [code(KeyCode::Down), ch('j'), code(KeyCode::Up), ch('k')],
        C::Down,
        W::Help,
        "滚动",
        "scroll",
        true
    ),
    bind!(
        "Ctrl-S",
        [ctrl('s')],
        C::Save,
        W::Form,
        "保存",
        "save",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextField,
        W::Form,
        "下一栏",
        "next field",
        true
    ),
    bind!(
        "Ctrl-P",
        [ctrl('p')],
        C::CopyLast,
        W::Form,
        "沿用上次",
        "copy last",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Form,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "y",
        [ch('y'), ch('Y')],
        C::Yes,
        W::ConfirmDiscard,
        "放弃",
        "discard",
        true
    ),
    bind!(
        "n/Esc",
        [ch('n'), ch('N'), code(KeyCode::Esc), ctrl('c')],
        C::No,
        W::ConfirmDiscard,
        "继续填写",
        "keep editing",
        true
    ),
    bind!(
        "y",
        [ch('y'), ch('Y')],
        C::Yes,
        W::Conflict,
        "用我的覆盖",
        "save mine",
        true
    ),
    bind!(
        "t",
        [ch('t'), ch('T')],
        C::TakeTheirs,
        W::Conflict,
        "采用对方的",
        "take theirs",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ch('n'), ctrl('c')],
        C::No,
        W::Conflict,
        "返回修改",
        "back to editing",
        true
    ),
    bind!(
        "Ctrl-S",
        [ctrl('s')],
        C::Save,
        W::Editor,
        "保存",
        "save",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextField,
        W::Editor,
        "下一栏",
        "next field",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Editor,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Pick,
        W::Picker,
        "选定",
        "pick",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Picker,
        "返回",
        "back",
        true
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Yes,
        W::Prompt,
        "确定",
        "ok",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Prompt,
        "取消",
        "cancel",
        true
    ),
    bind!("Space", [ch(' ')], C::Mark, W::Lists, "标记", "mark", false),
    bind!("y", [ch('y')], C::Copy, W::Lists, "复制", "copy", false),
    bind!(
        "B",
        [ch('B')],
        C::Batch,
        W::Lists,
        "批量填报",
        "batch entry",
        false
    ),
    bind!(
        "Ctrl-S",
        [ctrl('s')],
        C::Save,
        W::Batch,
        "全部保存",
        "save all",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextField,
        W::Batch,
        "进度/说明",
        "percent/note",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Batch,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "↑↓/jk",
        [code(KeyCode::Down), ch('j'), code(KeyCode::Up), ch('k')],
        C::Down,
        W::Plans,
        "移动",
        "move",
        true
    ),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::Plans,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Pick,
        W::Plans,
        "选定",
        "pick",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ch('P')],
        C::Cancel,
        W::Plans,
        "不切换",
        "keep as is",
        true
    ),
    bind!("y", [ch('y'), ch('Y')], C::Yes, W::Ask, "是", "yes", true),
    bind!(
        "n/Esc",
        [ch('n'), ch('N'), code(KeyCode::Esc), ctrl('c')],
        C::No,
        W::Ask,
        "否",
        "no",
        true
    ),
];

/// What the help screen says of a binding: more than the footer has room for.
pub fn explain(b: &Binding, lang: Lang) -> &'static str {
    let (zh, en) = match (b.command, b.when) {
        (C::Down, W::Help) => ("滚动帮助", "scroll this help"),
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
        (C::NextField, W::Figure) => (
            "在期间和数值两栏之间切换",
            "switch between the period and the value",
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
        (C::Open, _) => (
            "单位上:进入其任务;任务上:打开详情",
            "on a department: its tasks; on a task: its detail",
        ),
        (C::View(_), _) => (
            "1 单位  2 任务(按部分)  3 时限(逾期在前)  4 单位与人员  5 通报(排名、得分)  6 指标",
            "1 departments  2 tasks by section  3 deadlines, overdue first  4 people  5 report (ranking, scores)  6 indicators",
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
        _ => (b.zh, b.en),
    };
    if lang.zh() { zh } else { en }
}

/// The command of one key of a multi-key binding: `↑`/`k` are Up where the row says Down, and
/// so on. Keeping the pairs in one row keeps the help screen short.
fn refine(binding: &Binding, key: &Key) -> Command {
    match (binding.command, key.code) {
        (C::Down, KeyCode::Up | KeyCode::Char('k')) => C::Up,
        (C::NextPane, KeyCode::BackTab) => C::PrevPane,
        (C::NextField, KeyCode::BackTab) => C::PrevField,
        (C::PageDown, KeyCode::PageUp) => C::PageUp,
        (C::First, KeyCode::Char('G') | KeyCode::End) => C::Last,
        (C::View(_), KeyCode::Char('2')) => C::View(View::Tasks),
        (C::View(_), KeyCode::Char('3')) => C::View(View::Deadlines),
        (C::View(_), KeyCode::Char('4')) => C::View(View::People),
        (C::View(_), KeyCode::Char('5')) => C::View(View::Report),
        (C::View(_), KeyCode::Char('6')) => C::View(View::Indicators),
        (C::PrevPeriod, KeyCode::Char(']')) => C::NextPeriod,
        (cmd, _) => cmd,
    }
}

/// Whether a binding applies in this mode and view.
pub fn applies(when: When, place: Place) -> bool {
    let Place { mode, view, .. } = place;
    match (when, mode) {
        (W::Help, m) => m == Mode::Help,
        (W::Form, m) => m == Mode::Form,
        (W::ConfirmDiscard, m) => m == Mode::ConfirmDiscard,
        (W::Conflict, m) => m == Mode::Conflict,
        (W::Editor, m) => m == Mode::Editor,
        (W::Picker, m) => m == Mode::Picker,
        (W::Ask, m) => m == Mode::Ask,
        (W::Prompt, m) => m == Mode::Prompt,
        (W::Import, m) => m == Mode::Import,
        (W::People, m) => m == Mode::Normal && view == View::People,
        (W::Report, m) => m == Mode::Normal && view == View::Report && !place.settings,
        (W::Settings, m) => m == Mode::Normal && view == View::Report && place.settings,
        (W::Indicators, m) => m == Mode::Normal && view == View::Indicators,
        (W::Tables, m) => m == Mode::Normal && matches!(view, View::Report | View::Indicators),
        (W::Figure, m) => m == Mode::Figure,
        (W::Batch, m) => m == Mode::Batch,
        (W::Plans, m) => m == Mode::Plans,
        (
            _,
            Mode::Help
            | Mode::Filter
            | Mode::Form
            | Mode::ConfirmDiscard
            | Mode::Conflict
            | Mode::Editor
            | Mode::Picker
            | Mode::Ask
            | Mode::Prompt
            | Mode::Import
            | Mode::Figure
            | Mode::Batch
            | Mode::Plans,
        ) => false,
        (W::Detail, m) => m == Mode::Detail,
        (W::Anywhere, _) => true,
        (W::TaskViews, _) => matches!(view, View::Departments | View::Tasks | View::Deadlines),
        (_, Mode::Detail) => false,
        // Views 4 to 6 have their own keys; the task lists' ones would do nothing there.
        (W::Lists, _) => !matches!(view, View::People | View::Report | View::Indicators),
        (W::Departments, _) => view == View::Departments,
    }
}

fn key_of(event: &KeyEvent) -> Key {
    let code = match event.code {
        // Some terminals report Shift-letter as lowercase with SHIFT.
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        other => other,
    };
    Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    }
}

/// The command a key means here, if any. (Filter typing is handled before the keymap.)
pub fn lookup(event: &KeyEvent, place: Place) -> Option<Command> {
    let key = key_of(event);
    let mode = place.mode;
    // Ctrl-C quits, except where it would lose typed text: there it cancels, which asks first.
    let in_form = matches!(
        mode,
        Mode::Form
            | Mode::ConfirmDiscard
            | Mode::Conflict
            | Mode::Editor
            | Mode::Picker
            | Mode::Ask
            | Mode::Prompt
            | Mode::Import
            | Mode::Figure
            | Mode::Batch
    );
    if key.ctrl && key.code == KeyCode::Char('c') && !in_form {
        return Some(C::Quit);
    }
    KEYMAP
        .iter()
        .filter(|b| applies(b.when, place))
        .find_map(|b| b.keys.contains(&key).then(|| refine(b, &key)))
}

/// The bindings to show, in table order, for this place. Keys only an admin may use are left
/// out of a non-admin's settings screen (pressed anyway, they say why not), and a binding whose
/// keys an earlier one here already takes is left out: `lookup` never reaches it (view 4's `r`
/// renames, so the general `r` reload is not listed there).
pub fn visible(place: Place) -> impl Iterator<Item = &'static Binding> {
    let here: Vec<&'static Binding> = KEYMAP.iter().filter(|b| applies(b.when, place)).collect();
    here.clone()
        .into_iter()
        .enumerate()
        .filter(move |(i, b)| {
            let shadowed = b
                .keys
                .iter()
                .all(|k| here[..*i].iter().any(|e| e.keys.contains(k)));
            !shadowed
                && (place.admin
                    || !(b.when == W::Settings && matches!(b.command, C::Open | C::LightPreset)))
        })
        .map(|(_, b)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn contract_keys_map_to_their_commands() {
        let m = Mode::Normal;
        let v = View::Departments;
        let cases = [
            (press(KeyCode::Char('j')), C::Down),
            (press(KeyCode::Down), C::Down),
            (press(KeyCode::Char('k')), C::Up),
            (press(KeyCode::Up), C::Up),
            (press(KeyCode::PageDown), C::PageDown),
            (press(KeyCode::PageUp), C::PageUp),
            (press(KeyCode::Char('g')), C::First),
            (
                KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
                C::Last,
            ),
            (press(KeyCode::Tab), C::NextPane),
            (press(KeyCode::BackTab), C::PrevPane),
            (press(KeyCode::Enter), C::Open),
            (press(KeyCode::Char('1')), C::View(View::Departments)),
            (press(KeyCode::Char('2')), C::View(View::Tasks)),
            (press(KeyCode::Char('3')), C::View(View::Deadlines)),
            (press(KeyCode::Char('/')), C::Filter),
            (press(KeyCode::Char('s')), C::Sort),
            (press(KeyCode::Char('r')), C::Reload),
            (press(KeyCode::Char('?')), C::Help),
            (press(KeyCode::Char('q')), C::Quit),
            (
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                C::Quit,
            ),
        ];
        for (event, want) in cases {
            assert_eq!(lookup(&event, Place::new(m, v)), Some(want), "{event:?}");
        }
    }

    #[test]
    fn reserved_keys_do_nothing_yet() {
        for c in ['x', 'z'] {
            let event = press(KeyCode::Char(c));
            assert_eq!(
                lookup(&event, Place::new(Mode::Normal, View::Departments)),
                None
            );
        }
    }

    #[test]
    fn the_form_takes_letters_as_text_and_ctrl_c_cancels() {
        for c in ['e', 'q', 'j', 'y', '?', '1'] {
            let event = press(KeyCode::Char(c));
            assert_eq!(
                lookup(&event, Place::new(Mode::Form, View::Departments)),
                None,
                "{c}"
            );
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&ctrl_c, Place::new(Mode::Form, View::Tasks)),
            Some(C::Cancel)
        );
        assert_eq!(
            lookup(&ctrl_c, Place::new(Mode::ConfirmDiscard, View::Tasks)),
            Some(C::No)
        );
        let shift_e = KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&shift_e, Place::new(Mode::Normal, View::Tasks)),
            Some(C::EditTask)
        );
        assert_eq!(
            lookup(
                &press(KeyCode::Char('n')),
                Place::new(Mode::Normal, View::Tasks)
            ),
            Some(C::NewTask)
        );
        assert_eq!(
            lookup(&shift_e, Place::new(Mode::Editor, View::Tasks)),
            None,
            "typed in the editor"
        );
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&ctrl_s, Place::new(Mode::Form, View::Tasks)),
            Some(C::Save)
        );
        assert_eq!(
            lookup(
                &press(KeyCode::BackTab),
                Place::new(Mode::Form, View::Tasks)
            ),
            Some(C::PrevField)
        );
        assert_eq!(
            lookup(
                &press(KeyCode::Char('e')),
                Place::new(Mode::Detail, View::Tasks)
            ),
            Some(C::Report)
        );
    }

    #[test]
    fn sort_only_where_there_is_something_to_sort() {
        let s = press(KeyCode::Char('s'));
        assert_eq!(lookup(&s, Place::new(Mode::Normal, View::Tasks)), None);
        assert_eq!(
            lookup(&s, Place::new(Mode::Detail, View::Departments)),
            None
        );
    }

    #[test]
    fn views_5_and_6_and_the_settings_screen_have_their_own_keys() {
        let report = Place::new(Mode::Normal, View::Report);
        let settings = Place {
            settings: true,
            ..report
        };
        let six = Place::new(Mode::Normal, View::Indicators);
        let enter = press(KeyCode::Enter);
        assert_eq!(lookup(&enter, report), Some(C::Open));
        assert_eq!(lookup(&enter, settings), Some(C::Open));
        assert_eq!(lookup(&enter, six), Some(C::Report));
        assert_eq!(lookup(&press(KeyCode::Char('e')), six), Some(C::Report));
        assert_eq!(lookup(&press(KeyCode::Char('[')), six), Some(C::PrevPeriod));
        assert_eq!(lookup(&press(KeyCode::Char(']')), six), Some(C::NextPeriod));
        assert_eq!(lookup(&press(KeyCode::Char('o')), settings), Some(C::Close));
        assert_eq!(lookup(&press(KeyCode::Char('[')), settings), None);
        assert_eq!(lookup(&press(KeyCode::Char('G')), six), Some(C::Last));
        // The settings screen lists its own keys, not the ranking's.
        let labels = |p: Place| -> Vec<&str> { visible(p).map(|b| b.describe(Lang::Zh)).collect() };
        assert!(labels(settings).contains(&"修改"));
        assert!(!labels(settings).contains(&"得分明细"));
        assert!(!labels(report).contains(&"修改"));
        let viewer = Place {
            admin: false,
            ..settings
        };
        assert!(!labels(viewer).contains(&"修改"));
        assert!(!labels(viewer).contains(&"红黄灯预设"));
        // Plan editing is for the task views only.
        assert!(!labels(six).contains(&"修改任务"));
        assert!(labels(Place::new(Mode::Detail, View::Tasks)).contains(&"修改任务"));
    }

    #[test]
    fn the_figure_entry_takes_letters_as_text() {
        let figure = Place::new(Mode::Figure, View::Indicators);
        for c in ['e', 'q', 'j', '?', '1', '['] {
            assert_eq!(lookup(&press(KeyCode::Char(c)), figure), None, "{c}");
        }
        assert_eq!(lookup(&press(KeyCode::Enter), figure), Some(C::Save));
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl('s'), figure), Some(C::Save));
        assert_eq!(lookup(&ctrl('c'), figure), Some(C::Cancel));
        assert_eq!(lookup(&press(KeyCode::BackTab), figure), Some(C::PrevField));
    }

    #[test]
    fn p_switches_plans_and_the_switcher_has_its_keys() {
        let shift_p = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT);
        for view in [
            View::Departments,
            View::Tasks,
            View::Report,
            View::Indicators,
        ] {
            assert_eq!(
                lookup(&shift_p, Place::new(Mode::Normal, view)),
                Some(C::Plans)
            );
        }
        let plans = Place::new(Mode::Plans, View::Tasks);
        assert_eq!(lookup(&press(KeyCode::Enter), plans), Some(C::Pick));
        assert_eq!(lookup(&press(KeyCode::Esc), plans), Some(C::Cancel));
        assert_eq!(lookup(&shift_p, plans), Some(C::Cancel));
        assert_eq!(lookup(&press(KeyCode::Char('k')), plans), Some(C::Up));
        assert_eq!(lookup(&press(KeyCode::Char('g')), plans), Some(C::First));
        assert_eq!(lookup(&press(KeyCode::Char('e')), plans), None);
    }

    #[test]
    fn help_closes_on_its_own_key() {
        let event = press(KeyCode::Char('?'));
        assert_eq!(
            lookup(&event, Place::new(Mode::Help, View::Tasks)),
            Some(C::Close)
        );
    }
}
