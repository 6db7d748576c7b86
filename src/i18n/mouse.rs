//! Strings of the mouse (`tui::mouse`): what turning it on or off means.

use super::{Lang, pick};

/// Mouse capture turned on or off with `key`.
pub fn toggled(lang: Lang, on: bool, key: &str) -> String {
    if on {
        pick(
            lang,
            format!("鼠标已开启:滚轮滚动、单击选中;按 {key} 关闭后可用鼠标选中文字复制"),
            format!(
                "mouse on: the wheel scrolls, a click selects; {key} turns it off to select text for copying"
            ),
        )
    } else {
        pick(
            lang,
            format!("鼠标已关闭:可用鼠标选中文字复制;按 {key} 开启滚轮和单击"),
            format!(
                "mouse off: the mouse selects text to copy; {key} turns on the wheel and clicks"
            ),
        )
    }
}
