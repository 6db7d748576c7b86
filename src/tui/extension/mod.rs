//! Extensions of the selected task from views 1 to 3 and the detail (延期申请, issue 22), key `T`.
//! A unit's clerk: the new deadline, then the reason. An admin: with a request waiting, `y` to
//! approve (the date asked is filled in and may be changed) or `n` to refuse with a reason; with
//! none, a request filed for the task's lead unit (after the deadline too: the office files it).
//! The rule (`domain::extension::decide`) is asked here first with what the row shows, so a
//! refusal is one line before anything is typed; the store asks it again inside its write.

pub mod model;
pub use model::{ExtendPrompt, ExtendSpec};

use chrono::NaiveDate;

use crate::domain::extension::{Pending, Refusal, Request, Standing, decide};
use crate::domain::{ClerkRole, Closing, Role};
use crate::i18n::{self, Lang, Msg, extension as words};

use super::action::{Command, Effect};
use super::field::TextField;
use super::people::{Prompt, PromptKind};
use super::state::{Mode, State, TaskItem};

/// The task as the row shows it, for the rule.
fn standing(item: &TaskItem) -> Standing {
    Standing {
        deadline: item.row.schedule.deadline,
        pending: item.extension.pending.as_ref().and_then(|p| {
            Some(Pending {
                request_id: p.id,
                department_id: p.department_id?,
                asked: p.new_deadline?,
            })
        }),
        closed: item.closing_state() == Closing::Closed,
        units: item.row.units.iter().map(|u| u.department_id).collect(),
    }
}

/// `T` on the selected task.
pub fn command(state: &mut State) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let lang = state.session.lang;
    let Some(item) = super::closing::selected_item(state) else {
        return state.say(i18n::closing::tui(lang).no_task.to_string(), true);
    };
    let task = item.row.id;
    let standing = standing(item);
    let actor = state.actor();
    let admin = state.session.role == Some(ClerkRole::Admin);
    let kind = match (&item.extension.pending, admin) {
        (Some(p), true) => {
            let checked = decide(&standing, &actor, &Request::Approve { to: None });
            if let Err(refusal) = checked {
                return say_refusal(state, &refusal);
            }
            ExtendPrompt::Decide {
                task,
                unit: p.department.clone().unwrap_or_default(),
                asked: p.new_deadline.unwrap_or(standing.deadline),
                reason: p.reason.clone(),
                current: standing.deadline,
            }
        }
        _ => {
            let department = asking_unit(state, item);
            let unit = item
                .row
                .units
                .iter()
                .find(|u| u.department_id == department)
                .map(|u| u.name.clone())
                .unwrap_or_default();
            // Any later date: whether the date typed will do is asked again after Enter.
            let req = Request::Ask {
                department,
                to: standing.deadline.succ_opt().unwrap_or(standing.deadline),
                reason: "-",
                today: state.session.today,
            };
            if let Err(refusal) = decide(&standing, &actor, &req) {
                return say_refusal(state, &refusal);
            }
            ExtendPrompt::Date {
                task,
                department,
                unit,
                current: standing.deadline,
            }
        }
    };
    state.prompt_back = if state.mode == Mode::Detail {
        Mode::Detail
    } else {
        Mode::Normal
    };
    open(state, kind, "");
}

fn open(state: &mut State, kind: ExtendPrompt, text: &str) {
    state.prompt = Some(Prompt {
        kind: PromptKind::Extend(kind),
        field: TextField::single(text),
        error: None,
    });
    state.mode = Mode::Prompt;
}

/// The unit a request is for: the clerk's own (an editor), else the task's first lead unit, else
/// its first unit (the rule then says why not).
fn asking_unit(state: &State, item: &TaskItem) -> i64 {
    let s = &state.session;
    if s.role == Some(ClerkRole::Editor)
        && let Some(d) = s.department
    {
        return d;
    }
    let units = &item.row.units;
    units
        .iter()
        .find(|u| u.role == Role::Lead)
        .or_else(|| units.first())
        .map(|u| u.department_id)
        .unwrap_or(-1)
}

fn say_refusal(state: &mut State, refusal: &Refusal) {
    let text = match refusal {
        Refusal::Denied(why) if *why != crate::domain::Denied::NotAdmin => {
            state.session.denied(*why)
        }
        Refusal::NotAUnit => words::tui(state.session.lang).not_a_unit.to_string(),
        other => words::refusal(state.session.lang, other),
    };
    state.say(text, true);
}

/// What the prompt asks, above its line.
pub fn label(lang: Lang, prompt: &ExtendPrompt) -> String {
    let w = words::tui(lang);
    match prompt {
        ExtendPrompt::Date { unit, current, .. } => words::date_prompt(lang, *current, unit),
        ExtendPrompt::Reason { .. } => w.reason_prompt.to_string(),
        ExtendPrompt::Decide {
            unit,
            asked,
            reason,
            ..
        } => words::decide_prompt(
            lang,
            unit,
            *asked,
            &crate::report::text::visible(&reason.replace('\n', " ")),
        ),
        ExtendPrompt::Grant { current, .. } => words::grant_prompt(lang, *current),
        ExtendPrompt::Refuse { .. } => w.refuse_prompt.to_string(),
    }
}

/// A date typed in a prompt, or why it cannot be read.
fn typed_date(lang: Lang, text: &str) -> Result<NaiveDate, String> {
    use crate::domain::day::{DayError, parse_day};
    parse_day(text).map_err(|e| {
        i18n::msg(
            lang,
            match e {
                DayError::Unreadable => Msg::BadDate(text),
                DayError::OutOfRange => Msg::DateOutOfRange(text),
            },
        )
    })
}

/// Enter in an extension prompt: the next prompt, the step, or why the text will not do.
pub fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let w = words::tui(lang);
    let Some(Prompt {
        kind: PromptKind::Extend(kind),
        field,
        ..
    }) = state.prompt.clone()
    else {
        return super::closing::back(state);
    };
    let text = crate::domain::text::normalise_line_ends(field.text().trim());
    let refuse = |state: &mut State, why: String| {
        if let Some(p) = state.prompt.as_mut() {
            p.error = Some(why);
        }
    };
    let later = |to: NaiveDate, current: NaiveDate| -> Result<(), String> {
        if !crate::domain::day::in_range(to) {
            return Err(words::refusal(lang, &Refusal::OutOfRange { date: to }));
        }
        if to <= current {
            return Err(words::refusal(
                lang,
                &Refusal::NotLater { deadline: current },
            ));
        }
        Ok(())
    };
    let (task, spec) = match kind {
        ExtendPrompt::Date {
            task,
            department,
            current,
            ..
        } => {
            let to = match typed_date(lang, &text).and_then(|to| later(to, current).map(|_| to)) {
                Ok(to) => to,
                Err(why) => return refuse(state, why),
            };
            return open(
                state,
                ExtendPrompt::Reason {
                    task,
                    department,
                    to,
                },
                "",
            );
        }
        ExtendPrompt::Reason {
            task,
            department,
            to,
        } => {
            if text.is_empty() {
                return refuse(state, w.empty_reason.to_string());
            }
            (
                task,
                ExtendSpec::Request {
                    department,
                    to,
                    reason: text,
                },
            )
        }
        ExtendPrompt::Decide {
            task,
            asked,
            current,
            ..
        } => {
            let answer = text.to_lowercase();
            if matches!(answer.as_str(), "y" | "yes" | "是" | "批准") {
                return open(
                    state,
                    ExtendPrompt::Grant { task, current },
                    &asked.format("%Y-%m-%d").to_string(),
                );
            }
            if matches!(answer.as_str(), "n" | "no" | "否" | "驳回") {
                return open(state, ExtendPrompt::Refuse { task }, "");
            }
            return refuse(state, w.yes_or_no.to_string());
        }
        ExtendPrompt::Grant { task, current } => {
            match typed_date(lang, &text).and_then(|to| later(to, current).map(|_| to)) {
                Ok(to) => (task, ExtendSpec::Approve { to }),
                Err(why) => return refuse(state, why),
            }
        }
        ExtendPrompt::Refuse { task } => {
            if text.is_empty() {
                return refuse(state, w.empty_reason.to_string());
            }
            (task, ExtendSpec::Refuse { reason: text })
        }
    };
    super::closing::back(state);
    fx.push(Effect::ExtendStep { task, spec });
}

/// Commands while an extension prompt is open.
pub fn prompt_command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    match cmd {
        Command::Yes => submit(state, fx),
        Command::Cancel | Command::No => super::closing::back(state),
        _ => {}
    }
}

/// Writes the step (the runner's part): the user, the instant and today (local, read now: a
/// session left open past midnight asks with the day it is) added; the store's refusal becomes
/// one line.
pub fn run_step(
    db: &mut crate::store::Db,
    s: &super::state::Session,
    task: i64,
    spec: &ExtendSpec,
) -> crate::store::Result<super::action::Action> {
    use crate::store::ExtensionAction;
    let now = s.clock.now();
    let today = now.with_timezone(&s.utc_offset).date_naive();
    let action = match spec {
        ExtendSpec::Request {
            department,
            to,
            reason,
        } => ExtensionAction::Request {
            department_id: *department,
            to: *to,
            reason,
            today,
        },
        ExtendSpec::Approve { to } => ExtensionAction::Approve {
            to: Some(*to),
            note: "",
        },
        ExtendSpec::Refuse { reason } => ExtensionAction::Refuse { reason },
    };
    let label = db
        .tasks_by_id(&[task], None)?
        .into_iter()
        .next()
        .map(|t| (t.number, t.title))
        .unwrap_or_default();
    Ok(super::action::Action::ExtensionDone(
        match db.extension_step(task, &action, &s.user, now) {
            Ok(entry) => Ok(words::saved(
                s.lang,
                entry.step,
                &label.0,
                &crate::report::text::truncate(&label.1, 24),
                entry.new_deadline,
            )),
            Err(e) => Err(i18n::store_error(s.lang, &e)),
        },
    ))
}

/// The step went through (reload what is on screen), or the store's refusal in one line.
pub fn done(state: &mut State, result: Result<String, String>, fx: &mut Vec<Effect>) {
    super::closing::done(state, result, fx);
}

/// `V` or `X` on an extension request in the queue (`super::queue`), admins only: `V` the date
/// granted (the asked one filled in, editable), `X` the reason of a refusal. The store asks the
/// rule again when it writes.
pub fn decide_from_queue(state: &mut State, item: &crate::store::ExtensionItem, cmd: Command) {
    if state.session.role != Some(ClerkRole::Admin) {
        return say_refusal(state, &Refusal::Denied(crate::domain::Denied::NotAdmin));
    }
    let task = item.task.id;
    let current = item.request.old_deadline;
    let (kind, text) = if cmd == Command::CloseApprove {
        let asked = item.request.new_deadline.unwrap_or(current);
        (
            ExtendPrompt::Grant { task, current },
            asked.format("%Y-%m-%d").to_string(),
        )
    } else {
        (ExtendPrompt::Refuse { task }, String::new())
    };
    state.prompt_back = Mode::Queue;
    open(state, kind, &text);
}
