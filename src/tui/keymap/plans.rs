//! Keys of the plan switcher.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code};

/// The plan switcher.
pub(super) static PLANS: &[Binding] = &[
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
];
