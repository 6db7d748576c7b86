//! Moving a cursor in a plain list and keeping it on screen: shared by every screen.

use super::action::Command;

/// The first row on screen so that `selected` is visible in `rows` rows.
/// Moves a plain list's selection for a movement command (`rows` to a page); false for any
/// other command.
pub fn move_selection(cmd: Command, selected: &mut usize, rows: usize, len: usize) -> bool {
    let last = len.saturating_sub(1);
    *selected = match cmd {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (*selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(rows),
        Command::PageDown => (*selected + rows).min(last),
        Command::First => 0,
        Command::Last => last,
        _ => return false,
    };
    true
}

pub fn follow(selected: usize, offset: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let mut offset = offset.min(len.saturating_sub(rows));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + rows {
        offset = selected + 1 - rows;
    }
    offset
}
