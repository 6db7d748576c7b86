//! Keys of view 7, the wall chart: zoom, move the window, today, grouping.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code};

pub(super) static WALL: &[Binding] = &[
    bind!(
        "+/-",
        [ch('+'), ch('='), ch('-'), ch('_')],
        C::ZoomIn,
        W::Wall,
        "缩放",
        "zoom",
        true
    ),
    bind!(
        "h/l",
        [ch('h'), code(KeyCode::Left), ch('l'), code(KeyCode::Right)],
        C::PanLeft,
        W::Wall,
        "移动时间",
        "scroll time",
        true
    ),
    bind!("s", [ch('s')], C::Group, W::Wall, "分组", "group", true),
    bind!(
        "t",
        [ch('t')],
        C::Today,
        W::Wall,
        "回到今天",
        "back to today",
        false
    ),
];
