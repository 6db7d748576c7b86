//! Closing a task from the lists and the detail (办结销号, issue 22): what the runner is asked to
//! write. The prompts' kinds are `people::PromptKind::Close*`.

/// One closing step, with its text, for `Effect::CloseStep`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseSpec {
    /// 申请办结 for `department`, a lead unit of the task.
    Apply {
        department: i64,
        note: String,
        why: String,
        /// Evidence files to attach once the application is written (paths separated by
        /// `path_complete::SEPARATOR`; empty: none).
        files: String,
    },
    /// 审核通过, with an optional note.
    Approve { note: String },
    /// 退回, with its reason.
    Return { reason: String },
    /// A closed task open again, with the reason (admins).
    Reopen { reason: String },
}
