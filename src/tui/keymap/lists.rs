//! Keys of the list screens (views 1 to 3), the task detail and help, and the keys every list screen shares.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};
use crate::tui::state::View;

/// The clerk's everyday keys: first, so the footer always has room for them.
pub(super) static FIRST: &[Binding] = &[
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
        "1-7",
        [
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7')
        ],
        C::View(View::Departments),
        W::Anywhere,
        "视图",
        "views",
        true
    ),
    bind!("/", [ch('/')], C::Filter, W::Lists, "筛选", "filter", true),
];

/// The rest of the list screens' keys, after views 4 to 6 have had theirs.
pub(super) static REST: &[Binding] = &[
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
    bind!("I", [ch('I')], C::Queue, W::Anywhere, "待办", "queue", true),
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
    bind!("Space", [ch(' ')], C::Mark, W::Lists, "标记", "mark", false),
    bind!("y", [ch('y')], C::Copy, W::Lists, "复制", "copy", false),
    bind!(
        "K",
        [ch('K')],
        C::CloseApply,
        W::TaskViews,
        "申请办结",
        "apply to close",
        false
    ),
    bind!(
        "V",
        [ch('V')],
        C::CloseApprove,
        W::TaskViews,
        "审核通过办结",
        "approve closing",
        false
    ),
    bind!(
        "X",
        [ch('X')],
        C::CloseReturn,
        W::TaskViews,
        "退回/重新打开",
        "send back/reopen",
        false
    ),
    bind!(
        "B",
        [ch('B')],
        C::Batch,
        W::Lists,
        "批量填报",
        "batch entry",
        false
    ),
];
