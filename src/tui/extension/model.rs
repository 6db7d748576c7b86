//! Extensions from the lists and the detail (延期申请, issue 22): the prompt being typed and what
//! the runner is asked to write.

use chrono::NaiveDate;

/// The step being typed, in the footer's prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtendPrompt {
    /// The new deadline asked for `department` (named `unit`).
    Date {
        task: i64,
        department: i64,
        unit: String,
        current: NaiveDate,
    },
    /// The reason, after the date.
    Reason {
        task: i64,
        department: i64,
        to: NaiveDate,
    },
    /// An admin on a waiting request: y or n.
    Decide {
        task: i64,
        unit: String,
        asked: NaiveDate,
        reason: String,
        current: NaiveDate,
    },
    /// The date granted, filled in with the one asked.
    Grant { task: i64, current: NaiveDate },
    /// Why it is refused.
    Refuse { task: i64 },
}

/// One extension step, for `Effect::ExtendStep`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtendSpec {
    Request {
        department: i64,
        to: NaiveDate,
        reason: String,
    },
    Approve {
        to: NaiveDate,
    },
    Refuse {
        reason: String,
    },
}
