//! 督办单 from the lists and the detail (issue 22): the prompt being typed and what the runner
//! is asked to read or write.

use chrono::NaiveDate;

use crate::domain::NoticeLevel as Level;

/// A notice drafted from the rules' proposal, waiting for what is required (`N`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDraft {
    pub task: i64,
    pub department: i64,
    pub unit: String,
    pub level: Level,
    pub reason: String,
    pub reply_by: NaiveDate,
}

/// The step being typed, in the footer's prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticePrompt {
    /// A unit's reply (反馈) to notice `notice`.
    Reply {
        notice: i64,
        number: String,
        unit: String,
        reply_by: NaiveDate,
    },
    /// An admin on a reply waiting for review: y or n.
    Review {
        notice: i64,
        number: String,
        unit: String,
        reply: String,
    },
    /// Why the reply is returned.
    Return { notice: i64 },
    /// What is required (督办要求) of the notice drafted.
    Required(NoticeDraft),
}

/// What the runner writes, for `Effect::NoticeStep`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeSpec {
    Issue {
        draft: NoticeDraft,
        required: String,
    },
    Reply {
        notice: i64,
        text: String,
    },
    Accept {
        notice: i64,
    },
    Return {
        notice: i64,
        reason: String,
    },
}
