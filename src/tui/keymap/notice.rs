//! The keys of 督办单 (issue 22) on the task lists and the detail.

use super::{Binding, C, W, ch};

pub(super) static NOTICE: &[Binding] = &[
    bind!(
        "F",
        [ch('F')],
        C::NoticeReply,
        W::TaskViews,
        "督办反馈/审核",
        "notice reply",
        false
    ),
    bind!(
        "N",
        [ch('N')],
        C::NoticeIssue,
        W::TaskViews,
        "签发督办单",
        "issue notice",
        false
    ),
];
