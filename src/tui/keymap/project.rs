//! Keys of key projects and milestones (issue 23): a unit's entry from the task views, its form,
//! and the task editor's second page.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};

pub(super) static PROJECT: &[Binding] = &[
    bind!(
        "v",
        [ch('v')],
        C::Investment,
        W::TaskViews,
        "填报投资",
        "investment",
        false
    ),
    bind!(
        "M",
        [ch('M')],
        C::Milestone,
        W::TaskViews,
        "节点达到",
        "milestone reached",
        false
    ),
    bind!(
        "Ctrl-S",
        [ctrl('s')],
        C::Save,
        W::Project,
        "保存",
        "save",
        true
    ),
    bind!(
        "Tab",
        [code(KeyCode::Tab), code(KeyCode::BackTab)],
        C::NextField,
        W::Project,
        "下一栏",
        "next field",
        true
    ),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ctrl('c')],
        C::Cancel,
        W::Project,
        "取消",
        "cancel",
        true
    ),
    bind!(
        "PgUp/PgDn",
        [code(KeyCode::PageDown), code(KeyCode::PageUp)],
        C::PageDown,
        W::Editor,
        "任务信息 / 项目与节点",
        "task / project page",
        false
    ),
];
