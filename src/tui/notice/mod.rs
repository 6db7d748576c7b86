//! 督办单 from views 1 to 3 and the detail (issue 22). `F` (反馈): a unit's clerk replies to the
//! live notice addressed to their unit on the selected task; an admin on a reply waiting for
//! review answers `y` (accept: the notice is closed) or `n` and a reason (returned), and with no
//! reply waiting replies for the unit. `N` (admins): a notice to the task's lead unit (or the
//! department selected in view 1, when it is a unit of the task), drafted from the rules'
//! proposal (level, reason, reply-by date) by the runner; one prompt asks what is required.
//! The rule (`domain::notice::{decide, decide_issue}`) is asked first with what the row holds,
//! so a refusal is one line before anything is typed; the store asks it again inside its write.

pub mod model;
pub use model::{NoticeDraft, NoticePrompt, NoticeSpec};

use chrono::Duration;

use crate::domain::notice::{
    Issue, Refusal, Request, State as NState, awaiting, decide, decide_issue,
};
use crate::domain::{Actor, ClerkRole, Closing, Denied, Role};
use crate::i18n::{self, Lang, notice as nwords, notice_tui as words};

use super::action::{Action, Command, Effect};
use super::field::TextField;
use super::people::{Prompt, PromptKind};
use super::state::{Mode, Session, State, View};

fn say_refusal(state: &mut State, refusal: &Refusal) {
    let text = match refusal {
        Refusal::Denied(why) if *why != Denied::NotAdmin => state.session.denied(*why),
        other => nwords::refusal(state.session.lang, other),
    };
    state.say(text, true);
}

fn open(state: &mut State, kind: NoticePrompt, text: &str) {
    state.prompt = Some(Prompt {
        kind: PromptKind::Notice(kind),
        field: TextField::single(text),
        error: None,
    });
    state.mode = Mode::Prompt;
}

fn remember_back(state: &mut State) {
    state.prompt_back = if state.mode == Mode::Detail {
        Mode::Detail
    } else {
        Mode::Normal
    };
}

/// `F` on the selected task.
pub fn reply_command(state: &mut State) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let lang = state.session.lang;
    let Some(item) = super::closing::selected_item(state) else {
        return state.say(i18n::closing::tui(lang).no_task.to_string(), true);
    };
    let actor = state.actor();
    let live = &item.notices;
    let kind = if actor.role == Some(ClerkRole::Admin) {
        // A reply waiting for review first; else the office replies for the unit.
        if let Some(n) = live.iter().find(|n| n.state == NState::Answered) {
            NoticePrompt::Review {
                notice: n.id,
                number: n.number.clone(),
                unit: n.department.clone(),
                reply: n.last_reply().map(|r| r.text.clone()).unwrap_or_default(),
            }
        } else if let Some(n) = live.iter().find(|n| n.state.awaits_reply()) {
            NoticePrompt::Reply {
                notice: n.id,
                number: n.number.clone(),
                unit: n.department.clone(),
                reply_by: n.reply_by,
            }
        } else {
            return state.say(words::tui(lang).no_notice.to_string(), true);
        }
    } else {
        let mine = actor.department;
        let own = live.iter().filter(|n| mine == Some(n.department_id));
        // The one waiting for the unit's reply; else the unit's other one (the rule says why
        // not, e.g. already answered); else any, for the rule to name the clerk's role.
        let target = own
            .clone()
            .find(|n| n.state.awaits_reply())
            .or_else(|| own.clone().next())
            .or_else(|| match actor.role {
                Some(ClerkRole::Editor) => None,
                _ => live.first(),
            });
        let Some(n) = target else {
            let w = words::tui(lang);
            let why = if live.is_empty() {
                w.no_notice
            } else {
                w.none_for_unit
            };
            return state.say(why.to_string(), true);
        };
        if let Err(refusal) = decide(
            n.state,
            n.department_id,
            &actor,
            &Request::Reply { text: "-" },
        ) {
            return say_refusal(state, &refusal);
        }
        NoticePrompt::Reply {
            notice: n.id,
            number: n.number.clone(),
            unit: n.department.clone(),
            reply_by: n.reply_by,
        }
    };
    remember_back(state);
    open(state, kind, "");
}

/// `V`, `X` or `F` on a 督办单 in the review queue (`I`): an admin on a reply waiting for
/// review gets the y/n prompt with `y` typed (`V`, `F`) or the reason for returning it (`X`);
/// otherwise the notice waits for its unit's reply, which `V` and `F` open (`X` has nothing to
/// send back). The rule is asked first, as from the lists; the prompt goes back to the queue.
pub fn from_queue(state: &mut State, n: &crate::store::Notice, cmd: Command) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let actor = state.actor();
    let (kind, text) = if actor.role == Some(ClerkRole::Admin) && n.state == NState::Answered {
        if cmd == Command::CloseReturn {
            (NoticePrompt::Return { notice: n.id }, "")
        } else {
            let review = NoticePrompt::Review {
                notice: n.id,
                number: n.number.clone(),
                unit: n.department.clone(),
                reply: n.last_reply().map(|r| r.text.clone()).unwrap_or_default(),
            };
            (review, "y")
        }
    } else {
        if cmd == Command::CloseReturn {
            let w = words::tui(state.session.lang);
            return state.say(w.nothing_to_return.to_string(), true);
        }
        let reply = Request::Reply { text: "-" };
        if let Err(refusal) = decide(n.state, n.department_id, &actor, &reply) {
            return say_refusal(state, &refusal);
        }
        let prompt = NoticePrompt::Reply {
            notice: n.id,
            number: n.number.clone(),
            unit: n.department.clone(),
            reply_by: n.reply_by,
        };
        (prompt, "")
    };
    state.prompt_back = Mode::Queue;
    open(state, kind, text);
}

/// The unit `N` addresses: the department selected in view 1 when it is a unit of the task,
/// else the task's first lead unit, else none.
fn addressed(state: &State, item: &super::state::TaskItem) -> Option<(i64, String)> {
    let units = &item.row.units;
    let picked = (state.view == View::Departments)
        .then(|| state.depts.selected_item().map(|d| d.id))
        .flatten()
        .and_then(|d| units.iter().find(|u| u.department_id == d))
        .or_else(|| units.iter().find(|u| u.role == Role::Lead));
    picked.map(|u| (u.department_id, u.name.clone()))
}

/// `N` on the selected task (admins): the runner drafts the notice from the proposal.
pub fn issue_command(state: &mut State, fx: &mut Vec<Effect>) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let lang = state.session.lang;
    let Some(item) = super::closing::selected_item(state) else {
        return state.say(i18n::closing::tui(lang).no_task.to_string(), true);
    };
    let actor = state.actor();
    match actor.role {
        Some(ClerkRole::Admin) => {}
        None => return say_refusal(state, &Refusal::Denied(Denied::NotAClerk)),
        Some(_) => return say_refusal(state, &Refusal::Denied(Denied::NotAdmin)),
    }
    if item.closing_state() == Closing::Closed {
        return say_refusal(state, &Refusal::TaskClosed);
    }
    let Some((department, _)) = addressed(state, item) else {
        return state.say(nwords::no_unit(lang, &item.row.number), true);
    };
    let task = item.row.id;
    remember_back(state);
    fx.push(Effect::NoticePropose { task, department });
}

/// The draft read (`Effect::NoticePropose`): the prompt for what is required, or why not.
pub fn proposed(state: &mut State, result: Result<NoticeDraft, String>) {
    match result {
        Ok(draft) => open(state, NoticePrompt::Required(draft), ""),
        Err(why) => {
            state.prompt_back = Mode::Normal;
            state.say(why, true)
        }
    }
}

/// What the prompt asks, above its line.
pub fn label(lang: Lang, prompt: &NoticePrompt) -> String {
    let v = |s: &str| crate::report::text::visible(&s.replace('\n', " ")).into_owned();
    match prompt {
        NoticePrompt::Reply {
            number,
            unit,
            reply_by,
            ..
        } => words::reply_prompt(lang, number, &v(unit), *reply_by),
        NoticePrompt::Review {
            number,
            unit,
            reply,
            ..
        } => words::review_prompt(lang, number, &v(unit), &v(reply)),
        NoticePrompt::Return { .. } => words::tui(lang).return_prompt.to_string(),
        NoticePrompt::Required(d) => {
            words::issue_prompt(lang, d.level, &v(&d.unit), &v(&d.reason), d.reply_by)
        }
    }
}

/// Enter in a notice prompt: the next prompt, the step, or why the text will not do.
pub fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let w = words::tui(state.session.lang);
    let Some(Prompt {
        kind: PromptKind::Notice(kind),
        field,
        ..
    }) = state.prompt.clone()
    else {
        return super::closing::back(state);
    };
    let text = crate::domain::text::normalise_line_ends(field.text().trim());
    let refuse = |state: &mut State, why: &str| {
        if let Some(p) = state.prompt.as_mut() {
            p.error = Some(why.to_string());
        }
    };
    let spec = match kind {
        NoticePrompt::Reply { notice, .. } => {
            if text.is_empty() {
                return refuse(state, w.empty_reply);
            }
            NoticeSpec::Reply { notice, text }
        }
        NoticePrompt::Review { notice, .. } => match text.to_lowercase().as_str() {
            "y" | "yes" | "是" | "通过" => NoticeSpec::Accept { notice },
            "n" | "no" | "否" | "退回" => {
                return open(state, NoticePrompt::Return { notice }, "");
            }
            _ => return refuse(state, w.yes_or_no),
        },
        NoticePrompt::Return { notice } => {
            if text.is_empty() {
                return refuse(state, w.empty_reason);
            }
            NoticeSpec::Return {
                notice,
                reason: text,
            }
        }
        NoticePrompt::Required(draft) => NoticeSpec::Issue {
            draft,
            required: text,
        },
    };
    super::closing::back(state);
    fx.push(Effect::NoticeStep(spec));
}

/// Commands while a notice prompt is open.
pub fn prompt_command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    match cmd {
        Command::Yes => submit(state, fx),
        Command::Cancel | Command::No => super::closing::back(state),
        _ => {}
    }
}

/// The person at the keyboard as the session knows them (the store asks again when it writes).
fn actor(s: &Session) -> Actor {
    Actor {
        username: s.user.clone(),
        role: s.role,
        department: s.department,
    }
}

/// Today, local, read now: a session left open past midnight issues with the day it is.
fn today(s: &Session) -> chrono::NaiveDate {
    s.clock.now().with_timezone(&s.utc_offset).date_naive()
}

/// Drafts the notice `N` issues (the runner's part): the proposal's level and reason, the
/// reply-by date `notice.reply_days` from today; the rule asked with the unit's notices.
pub fn run_propose(
    db: &crate::store::Db,
    s: &Session,
    task: i64,
    department: i64,
) -> crate::store::Result<Action> {
    let lang = s.lang;
    let today = today(s);
    let standing: Vec<_> = db
        .notices(&crate::store::NoticeQuery {
            task: Some(task),
            department: Some(department),
            ..Default::default()
        })?
        .iter()
        .map(crate::store::Notice::standing)
        .collect();
    let unit = db
        .department_names()?
        .into_iter()
        .find(|d| d.id == department)
        .map(|d| d.name)
        .unwrap_or_default();
    let Some(p) = db.notice_proposal(task, department, today)? else {
        let why = match awaiting(&standing) {
            Some(open) if !open.state.is_overdue(open.reply_by, today) => nwords::refusal(
                lang,
                &Refusal::AlreadyOpen {
                    number: open.number.clone(),
                    level: open.level,
                    reply_by: open.reply_by,
                },
            ),
            _ => words::no_proposal(lang, &unit),
        };
        return Ok(Action::NoticeProposed(Err(why)));
    };
    let reason = crate::report::notice::proposal_reason(lang, &p);
    let reply_by = today + Duration::days(db.notice_settings_at(None)?.reply_days);
    let issue = Issue {
        level: p.proposal.level,
        reason: &reason,
        reply_by,
        today,
        is_unit: true,
        task_closed: false,
    };
    if let Err(refusal) = decide_issue(&actor(s), &issue, &standing) {
        return Ok(Action::NoticeProposed(Err(nwords::refusal(lang, &refusal))));
    }
    Ok(Action::NoticeProposed(Ok(NoticeDraft {
        task,
        department,
        unit,
        level: p.proposal.level,
        reason,
        reply_by,
    })))
}

/// Writes the step (the runner's part): the user and the instant added; the store's refusal
/// becomes one line.
pub fn run_step(
    db: &mut crate::store::Db,
    s: &Session,
    spec: &NoticeSpec,
) -> crate::store::Result<Action> {
    use crate::store::{NewNotice, NoticeAction};
    let lang = s.lang;
    let now = s.clock.now();
    let result = match spec {
        NoticeSpec::Issue { draft, required } => {
            let new = NewNotice {
                task_id: draft.task,
                department_id: draft.department,
                level: draft.level,
                reason: &draft.reason,
                required,
                reply_by: draft.reply_by,
            };
            db.issue_notice(&new, &s.user, now, today(s))
                .map(|n| nwords::issued(lang, &n.number, n.level, &n.department, n.reply_by))
        }
        NoticeSpec::Reply { notice, text } => step(db, s, *notice, &NoticeAction::Reply { text }),
        NoticeSpec::Accept { notice } => step(db, s, *notice, &NoticeAction::Accept { note: "" }),
        NoticeSpec::Return { notice, reason } => {
            step(db, s, *notice, &NoticeAction::Return { reason })
        }
    };
    Ok(Action::NoticeDone(
        result.map_err(|e| i18n::store_error(lang, &e)),
    ))
}

fn step(
    db: &mut crate::store::Db,
    s: &Session,
    notice: i64,
    action: &crate::store::NoticeAction<'_>,
) -> crate::store::Result<String> {
    let entry = db.notice_step(notice, action, &s.user, s.clock.now())?;
    let number = db
        .notice(notice, None)?
        .map(|n| n.number)
        .unwrap_or_default();
    Ok(nwords::stepped(s.lang, entry.step, &number))
}

/// The step went through (reload what is on screen), or the store's refusal in one line.
pub fn done(state: &mut State, result: Result<String, String>, fx: &mut Vec<Effect>) {
    super::closing::done(state, result, fx);
}
