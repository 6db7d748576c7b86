//! The review queue's state (待办, `I`): what waits for someone's step, oldest first.

use crate::store::ClosingItem;

/// One thing waiting in the queue. Closing applications now; the other steps of the supervision
/// chain join as their own kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueItem {
    /// A closing application (待审核), or for a unit, one sent back (↺) that waits on it.
    Closing(ClosingItem),
}

impl QueueItem {
    /// The task the item is about.
    pub fn task_id(&self) -> i64 {
        match self {
            QueueItem::Closing(c) => c.task.id,
        }
    }
}

/// The queue screen: its items as last read, and the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub pick: usize,
    pub offset: usize,
    /// Read at least once since it was opened (before: "reading…", not "nothing waits").
    pub loaded: bool,
}

impl Queue {
    pub fn selected(&self) -> Option<&QueueItem> {
        self.items.get(self.pick)
    }
}
