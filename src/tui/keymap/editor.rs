//! Keys of the task editor, the department picker, the line of text (view 4, import) and yes/no questions.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};

/// The editor and its dialogs.
pub(super) static EDITOR: &[Binding] = &[
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
    // Completes a file name in the closing application's evidence prompt; nothing elsewhere.
    bind!(
        "Tab",
        [code(KeyCode::Tab)],
        C::NextField,
        W::Prompt,
        "补全文件名",
        "complete",
        false
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
