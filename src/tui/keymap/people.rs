//! Keys of view 4: departments and clerks.

use crossterm::event::KeyCode;

use super::{Binding, C, W, ch, code};

/// View 4.
pub(super) static PEOPLE: &[Binding] = &[
    bind!(
        "Tab",
        [
            code(KeyCode::Tab),
            code(KeyCode::BackTab),
            code(KeyCode::Right),
            code(KeyCode::Left)
        ],
        C::NextPane,
        W::People,
        "单位/人员",
        "departments/clerks",
        true
    ),
    bind!("a", [ch('a')], C::PeopleAdd, W::People, "添加", "add", true),
    bind!(
        "g/G",
        [ch('g'), code(KeyCode::Home), ch('G'), code(KeyCode::End)],
        C::First,
        W::People,
        "第一项/最后一项",
        "first/last",
        false
    ),
    bind!(
        "r",
        [ch('r')],
        C::PeopleRename,
        W::People,
        "改名",
        "rename",
        true
    ),
    bind!(
        "A",
        [ch('A')],
        C::PeopleAlias,
        W::People,
        "加简称",
        "alias",
        true
    ),
    bind!(
        "M",
        [ch('M')],
        C::PeopleMerge,
        W::People,
        "合并",
        "merge",
        true
    ),
    bind!(
        "R",
        [ch('R')],
        C::PeopleRole,
        W::People,
        "角色",
        "role",
        true
    ),
    bind!(
        "x",
        [ch('x')],
        C::PeopleRemove,
        W::People,
        "移除",
        "remove",
        true
    ),
];
