//! The key of extensions (延期申请, issue 22) on the task lists and the detail.

use super::{Binding, C, W, ch};

pub(super) static EXTENSION: &[Binding] = &[bind!(
    "T",
    [ch('T')],
    C::Extend,
    W::TaskViews,
    "延期申请/审批",
    "extension",
    false
)];
