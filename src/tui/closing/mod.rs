//! Closing the selected task from views 1 to 3 and the detail (办结销号, issue 22): `K` applies
//! (a lead unit at 100%: the closing note, then why when a unit is below 100%), `V` approves and
//! `X` sends back with a reason (admins). The rule (`domain::closing::decide`) is asked here first,
//! with what the row shows, so a refusal is one line before anything is typed; the store asks it
//! again inside its write.

pub mod model;
pub use model::CloseSpec;

use crate::domain::closing::{Closing, Refusal, Request, UnitStand, decide};
use crate::domain::{ClerkRole, Percent, Role};
use crate::i18n::closing as words;

use super::action::{Command, Effect};
use super::field::TextField;
use super::people::{Prompt, PromptKind};
use super::state::{Mode, State, TaskItem, View};

/// The selected task's row, in the view on screen (and under the detail).
pub fn selected_item(state: &State) -> Option<&TaskItem> {
    match state.view {
        View::Departments => state.dept_tasks.selected_item(),
        View::Tasks | View::Deadlines | View::Wall => {
            let list = state.list()?;
            list.rows.get(&list.selected_task()?)
        }
        _ => None,
    }
}

/// `K`, `V` or `X` on the selected task.
pub fn command(state: &mut State, cmd: Command) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let lang = state.session.lang;
    let Some(item) = selected_item(state) else {
        return state.say(words::tui(lang).no_task.to_string(), true);
    };
    let task = item.row.id;
    let now = item.closing_state();
    let units: Vec<UnitStand> = item
        .row
        .units
        .iter()
        .map(|u| UnitStand {
            department_id: u.department_id,
            lead: u.role == Role::Lead,
            percent: u.percent,
        })
        .collect();
    let actor = state.actor();
    let (kind, checked) = match cmd {
        Command::CloseApply => {
            let department = applying_unit(state, item);
            let req = Request::Apply {
                department,
                units: &units,
                note: "-",
                why: "-",
            };
            let below = units.iter().filter(|u| u.percent != Percent::FULL).count();
            (
                PromptKind::CloseNote {
                    task,
                    department,
                    below,
                },
                decide(now, &actor, &req),
            )
        }
        Command::CloseApprove => (
            PromptKind::CloseApprove(task),
            decide(now, &actor, &Request::Approve),
        ),
        // `X` on a closed task opens it again: both send the task back to work with a reason.
        Command::CloseReturn if now == Closing::Closed => (
            PromptKind::CloseReopen(task),
            decide(now, &actor, &Request::Reopen { reason: "-" }),
        ),
        Command::CloseReturn => (
            PromptKind::CloseReturn(task),
            decide(now, &actor, &Request::Return { reason: "-" }),
        ),
        _ => return,
    };
    if let Err(refusal) = checked {
        let text = refusal_line(state, &refusal);
        return state.say(text, true);
    }
    state.prompt_back = if state.mode == Mode::Detail {
        Mode::Detail
    } else {
        Mode::Normal
    };
    state.prompt = Some(Prompt {
        kind,
        field: TextField::single(""),
        error: None,
    });
    state.mode = Mode::Prompt;
}

/// The lead unit an application is for: the clerk's own (an editor of one), else the task's
/// first lead unit at 100%, else its first lead unit (the rule then says why not).
fn applying_unit(state: &State, item: &TaskItem) -> i64 {
    let s = &state.session;
    if s.role == Some(ClerkRole::Editor)
        && let Some(d) = s.department
    {
        return d;
    }
    let leads = || item.row.units.iter().filter(|u| u.role == Role::Lead);
    leads()
        .find(|u| u.percent == Percent::FULL)
        .or_else(|| leads().next())
        .map(|u| u.department_id)
        .unwrap_or(-1)
}

pub(super) fn refusal_line(state: &State, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Denied(why) if *why != crate::domain::Denied::NotAdmin => {
            state.session.denied(*why)
        }
        Refusal::NotLead => words::tui(state.session.lang).not_lead.to_string(),
        other => words::refusal(state.session.lang, other),
    }
}

/// Enter in a closing prompt: the next prompt, the step, or why the text will not do.
pub fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let w = words::tui(lang);
    let Some(prompt) = state.prompt.clone() else {
        return back(state);
    };
    let text = crate::domain::text::normalise_line_ends(prompt.field.text().trim());
    let refuse = |state: &mut State, why: &str| {
        if let Some(p) = state.prompt.as_mut() {
            p.error = Some(why.to_string());
        }
    };
    let (task, spec) = match prompt.kind {
        PromptKind::CloseNote {
            task,
            department,
            below,
        } => {
            if text.is_empty() {
                return refuse(state, w.empty_note);
            }
            state.prompt = Some(Prompt {
                kind: if below > 0 {
                    PromptKind::CloseWhy {
                        task,
                        department,
                        below,
                        note: text,
                    }
                } else {
                    PromptKind::CloseFiles {
                        task,
                        department,
                        note: text,
                        why: String::new(),
                    }
                },
                field: TextField::single(""),
                error: None,
            });
            return;
        }
        PromptKind::CloseWhy {
            task,
            department,
            below,
            note,
        } => {
            if text.is_empty() {
                return refuse(state, &words::why_prompt(lang, below));
            }
            state.prompt = Some(Prompt {
                kind: PromptKind::CloseFiles {
                    task,
                    department,
                    note,
                    why: text,
                },
                field: TextField::single(""),
                error: None,
            });
            return;
        }
        PromptKind::CloseFiles {
            task,
            department,
            note,
            why,
        } => (
            task,
            CloseSpec::Apply {
                department,
                note,
                why,
                // As typed (not trimmed of the field's own blanks): the runner splits it.
                files: prompt.field.text().to_string(),
            },
        ),
        PromptKind::CloseApprove(task) => (task, CloseSpec::Approve { note: text }),
        PromptKind::CloseReturn(task) => {
            if text.is_empty() {
                return refuse(state, w.empty_reason);
            }
            (task, CloseSpec::Return { reason: text })
        }
        PromptKind::CloseReopen(task) => {
            if text.is_empty() {
                return refuse(state, w.empty_reopen);
            }
            (task, CloseSpec::Reopen { reason: text })
        }
        _ => return,
    };
    back(state);
    fx.push(Effect::CloseStep { task, spec });
}

/// Tab in a closing prompt: in the evidence files' prompt, completes the last path typed
/// (`path_complete`); elsewhere nothing.
pub fn tab(state: &mut State, fx: &mut Vec<Effect>) {
    if let Some(p) = &state.prompt
        && matches!(p.kind, PromptKind::CloseFiles { .. })
        && !p.field.text().trim().is_empty()
    {
        fx.push(Effect::CompletePath {
            typed: p.field.text().to_string(),
            prompt: true,
        });
    }
}

/// A Tab's completion came back for the evidence prompt: the text completed, or the candidates
/// listed on the prompt's message line (a prompt is one line: there is no next field to go to).
pub fn path_completed(state: &mut State, typed: &str, c: super::path_complete::Completion) {
    let lang = state.session.lang;
    let Some(p) = state.prompt.as_mut() else {
        return;
    };
    if !matches!(p.kind, PromptKind::CloseFiles { .. }) || p.field.text() != typed {
        return;
    }
    if c.extended(typed) {
        p.field.set(&c.text);
        p.error = None;
    } else {
        p.error = Some(crate::i18n::attachment::candidates_line(
            lang,
            &c.candidates,
            c.capped,
        ));
    }
}

/// Esc in a closing prompt, or after Enter: back to the list or the detail it was opened from.
pub fn back(state: &mut State) {
    state.prompt = None;
    state.mode = state.prompt_back;
    state.prompt_back = Mode::Normal;
}

/// The step went through (reload what is on screen), or the store's refusal in one line.
pub fn done(state: &mut State, result: Result<String, String>, fx: &mut Vec<Effect>) {
    match result {
        Ok(text) => {
            state.say(text, false);
            super::lists::reload(state, fx);
            super::queue::after_step(state, fx);
        }
        Err(why) => state.say(why, true),
    }
}
