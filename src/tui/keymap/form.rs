//! Keys of the progress form, its "throw away?" question and the save conflict dialog.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};

/// The progress form and its dialogs.
pub(super) static FORM: &[Binding] = &[
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
];
