//! Keys of the batch form (the marking keys are the list screens').

use crossterm::event::KeyCode;

use super::{Binding, C, W, code, ctrl};

/// The batch form.
pub(super) static BATCH: &[Binding] = &[
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
];
