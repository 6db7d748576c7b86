//! Keys of the import preview.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};

/// The import preview.
pub(super) static IMPORT: &[Binding] = &[
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
];
