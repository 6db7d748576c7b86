//! The review queue (待办, `I`): for an admin of the supervision office, the closing
//! applications waiting for review, oldest first; for a unit's clerk, its own tasks waiting on
//! a review or sent back to it, its extension requests and its 督办单. `V` and `X` (and `F` on
//! a 督办单) take the step on the selected item with the same prompts as in the lists; Enter
//! goes to the task in view 2 and opens its detail.

pub mod model;
pub use model::{Queue, QueueItem};

use super::action::{Command, Effect};
use super::field::TextField;
use super::people::{Prompt, PromptKind};
use super::state::{Mode, State, View};
use crate::domain::ClerkRole;
use crate::domain::closing::{Closing, Request, decide};
use crate::i18n::closing as words;

/// `I`: opens the queue and reads it.
pub fn start(state: &mut State, fx: &mut Vec<Effect>) {
    if state.session.role.is_none() {
        let why = state.session.entry_refusal().unwrap_or_default();
        return state.say(why, true);
    }
    state.queue.loaded = false;
    state.mode = Mode::Queue;
    fx.push(load(state));
}

/// What to read: the pending queue for an admin, the unit's own items for an editor, every
/// item for a viewer (read only).
fn load(state: &State) -> Effect {
    let department = match state.session.role {
        Some(ClerkRole::Editor) => state.session.department,
        _ => None,
    };
    Effect::LoadQueue {
        department,
        pending_only: state.session.role == Some(ClerkRole::Admin),
    }
}

/// The queue as read: the cursor stays on the same task when it is still there.
pub fn loaded(state: &mut State, items: Vec<QueueItem>) {
    let keep = state.queue.selected().map(QueueItem::key);
    state.queue.items = items;
    state.queue.loaded = true;
    state.queue.pick = keep
        .and_then(|k| state.queue.items.iter().position(|i| i.key() == k))
        .unwrap_or(state.queue.pick)
        .min(state.queue.items.len().saturating_sub(1));
}

/// A key in the queue.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let len = state.queue.items.len();
    let page = state.viewport.list_rows.max(1);
    if super::nav::move_selection(cmd, &mut state.queue.pick, page, len) {
        return;
    }
    match cmd {
        Command::Open => go_to_task(state, fx),
        Command::CloseApprove | Command::CloseReturn => step(state, cmd),
        Command::NoticeReply => match state.queue.selected().cloned() {
            Some(QueueItem::Notice(n)) => super::notice::from_queue(state, &n, cmd),
            _ => {
                let text = words::queue_words(state.session.lang).reply_on_notice;
                state.say(text.to_string(), true);
            }
        },
        Command::Reload => fx.push(load(state)),
        Command::Queue | Command::Cancel | Command::Close => state.mode = Mode::Normal,
        Command::Help => {
            state.mode = Mode::Help;
            state.help_scroll = 0;
        }
        Command::View(view) => {
            state.mode = Mode::Normal;
            super::update::switch_view(state, view, fx);
        }
        Command::Quit => {
            state.quit = true;
            super::plans::remember(state, fx);
        }
        _ => {}
    }
}

/// `V` or `X` on the selected item: the prompt of its step, or why not in one line.
fn step(state: &mut State, cmd: Command) {
    let lang = state.session.lang;
    let item = match state.queue.selected().cloned() {
        Some(QueueItem::Closing(item)) => item,
        Some(QueueItem::Extension(e)) => {
            return super::extension::decide_from_queue(state, &e, cmd);
        }
        Some(QueueItem::Notice(n)) => return super::notice::from_queue(state, &n, cmd),
        None => return state.say(words::tui(lang).no_task.to_string(), true),
    };
    let actor = state.actor();
    let (kind, checked) = match cmd {
        Command::CloseApprove => (
            PromptKind::CloseApprove(item.task.id),
            decide(item.state, &actor, &Request::Approve),
        ),
        _ if item.state == Closing::Closed => (
            PromptKind::CloseReopen(item.task.id),
            decide(item.state, &actor, &Request::Reopen { reason: "-" }),
        ),
        _ => (
            PromptKind::CloseReturn(item.task.id),
            decide(item.state, &actor, &Request::Return { reason: "-" }),
        ),
    };
    if let Err(refusal) = checked {
        let text = super::closing::refusal_line(state, &refusal);
        return state.say(text, true);
    }
    state.prompt_back = Mode::Queue;
    state.prompt = Some(Prompt {
        kind,
        field: TextField::single(""),
        error: None,
    });
    state.mode = Mode::Prompt;
}

/// After a step taken from the queue: read it again (the item leaves it or changes).
pub fn after_step(state: &State, fx: &mut Vec<Effect>) {
    if state.mode == Mode::Queue {
        fx.push(load(state));
    }
}

/// Enter: view 2 with the cursor on the item's task and its detail open. A filter or the
/// red/yellow or my-department toggles that would hide it are cleared; if the list is still
/// being read, the cursor goes there when it arrives (`State::goto_task`).
fn go_to_task(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(task) = state.queue.selected().map(QueueItem::task_id) else {
        return;
    };
    state.mode = Mode::Normal;
    state.goto_task = Some(task);
    if state.view != View::Tasks {
        super::update::switch_view(state, View::Tasks, fx);
    }
    if !super::lists::goto_pending(state, fx) {
        super::lists::clear_narrowing(state, fx);
    }
}
