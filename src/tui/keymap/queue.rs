//! Keys of the review queue (待办, `I`).

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code};

/// The review queue: move, go to the task, take the step.
pub(super) static QUEUE: &[Binding] = &[
    bind!(
        "↑↓/jk",
        [code(KeyCode::Down), ch('j'), code(KeyCode::Up), ch('k')],
        C::Down,
        W::Queue,
        "移动",
        "move",
        true
    ),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::Queue,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "PgUp/PgDn",
        [code(KeyCode::PageDown), code(KeyCode::PageUp)],
        C::PageDown,
        W::Queue,
        "翻页",
        "page",
        false
    ),
    bind!(
        "Enter",
        [code(KeyCode::Enter)],
        C::Open,
        W::Queue,
        "转到任务",
        "go to task",
        true
    ),
    bind!(
        "V",
        [ch('V')],
        C::CloseApprove,
        W::Queue,
        "审核通过",
        "approve",
        true
    ),
    bind!(
        "X",
        [ch('X')],
        C::CloseReturn,
        W::Queue,
        "退回",
        "send back",
        true
    ),
    bind!(
        "F",
        [ch('F')],
        C::NoticeReply,
        W::Queue,
        "督办单反馈",
        "reply to notice",
        false
    ),
    bind!("r", [ch('r')], C::Reload, W::Queue, "刷新", "reload", false),
    bind!(
        "Esc",
        [code(KeyCode::Esc), ch('I')],
        C::Cancel,
        W::Queue,
        "返回",
        "back",
        true
    ),
    bind!("?", [ch('?')], C::Help, W::Queue, "帮助", "help", true),
    bind!("q", [ch('q')], C::Quit, W::Queue, "退出", "quit", true),
];
