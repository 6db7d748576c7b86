//! The review queue's state (待办, `I`): what waits for someone's step, oldest first.

use crate::store::{ClosingItem, ExtensionItem, Notice};

/// One thing waiting in the queue, of each step of the supervision chain that waits on someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueItem {
    /// A closing application (待审核), or for a unit, one sent back (↺) that waits on it.
    Closing(ClosingItem),
    /// An extension request waiting for an answer (延期待审批).
    Extension(ExtensionItem),
    /// A 督办单: for an admin, a reply to review; for a unit, one waiting for its reply.
    Notice(Box<Notice>),
}

impl QueueItem {
    /// The task the item is about.
    pub fn task_id(&self) -> i64 {
        match self {
            QueueItem::Closing(c) => c.task.id,
            QueueItem::Extension(e) => e.task.id,
            QueueItem::Notice(n) => n.task.id,
        }
    }

    /// Since when it has waited (ISO UTC, as stored): the queue is oldest first.
    pub fn since(&self) -> &str {
        match self {
            QueueItem::Closing(c) => &c.last.at,
            QueueItem::Extension(e) => &e.request.at,
            QueueItem::Notice(n) => n.steps.last().map_or(&n.at, |s| &s.at),
        }
    }

    /// The same item (the cursor keeps to it across reads).
    pub fn key(&self) -> (u8, i64) {
        match self {
            QueueItem::Closing(c) => (0, c.task.id),
            QueueItem::Extension(e) => (1, e.request.id),
            QueueItem::Notice(n) => (2, n.id),
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
