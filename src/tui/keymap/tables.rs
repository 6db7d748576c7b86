//! Keys of views 5 (the circular and its settings) and 6 (indicators, and entering a figure).

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code, ctrl};

/// Views 5 and 6.
pub(super) static TABLES: &[Binding] = &[
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
];
