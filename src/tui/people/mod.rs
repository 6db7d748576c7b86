//! View 4, departments and clerks (admins change them; everyone may look): add, rename, alias
//! and merge departments; add clerks, change their role, remove them. A one-line prompt in the
//! footer takes the text; what cannot be taken back (a merge, removing a clerk) is asked first.

pub mod model;
pub use model::{AdminOp, People, PeoplePane, Prompt, PromptKind};

use crate::domain::{ClerkRole, Resolution, resolve, similar};
use crate::i18n::tui as t;
use crate::store::{Clerk, DepartmentSummary};

use super::action::{Command, Effect};
use super::editor::Question;
use super::field::{Edit, TextField};
use super::nav::{follow, move_selection};
use super::state::*;

/// Commands while view 4 is shown. Returns `false` for those the general code handles.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) -> bool {
    let rows = state.viewport.dept_rows.max(1);
    let p = &mut state.people;
    let (sel, off, len) = match p.pane {
        PeoplePane::Departments => (&mut p.dept, &mut p.dept_offset, p.departments.len()),
        PeoplePane::Clerks => (&mut p.clerk, &mut p.clerk_offset, p.clerks.len()),
    };
    if move_selection(cmd, sel, rows, len) {
        *off = follow(*sel, *off, rows, len);
        return true;
    }
    match cmd {
        Command::NextPane | Command::PrevPane => {
            p.pane = match p.pane {
                PeoplePane::Departments => PeoplePane::Clerks,
                PeoplePane::Clerks => PeoplePane::Departments,
            };
            true
        }
        // Lists of a screen or two: nothing to filter, sort or open.
        Command::Filter
        | Command::Sort
        | Command::OnlyAlert
        | Command::OnlyMine
        | Command::Open
        | Command::Report
        | Command::EditTask
        | Command::DeleteTask
        | Command::NewTask => true,
        Command::PeopleAdd
        | Command::PeopleRename
        | Command::PeopleAlias
        | Command::PeopleMerge
        | Command::PeopleRole
        | Command::PeopleRemove => {
            act(state, cmd, fx);
            true
        }
        _ => false,
    }
}

fn act(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    if !state.may_administer() {
        return;
    }
    let p = &state.people;
    let dept = p.departments.get(p.dept).map(|d| (d.id, d.name.clone()));
    let clerk = p.clerks.get(p.clerk).map(|c| c.username.clone());
    let kind = match (p.pane, cmd) {
        (PeoplePane::Departments, Command::PeopleAdd) => {
            Some((PromptKind::AddDepartment, String::new()))
        }
        (PeoplePane::Departments, Command::PeopleRename) => {
            dept.map(|(id, name)| (PromptKind::Rename(id), name))
        }
        (PeoplePane::Departments, Command::PeopleAlias) => {
            dept.map(|(id, _)| (PromptKind::Alias(id), String::new()))
        }
        (PeoplePane::Departments, Command::PeopleMerge) => {
            dept.map(|(id, _)| (PromptKind::MergeInto(id), String::new()))
        }
        (PeoplePane::Clerks, Command::PeopleAdd) => Some((PromptKind::AddClerk, String::new())),
        (PeoplePane::Clerks, Command::PeopleRole) => {
            clerk.map(|u| (PromptKind::ClerkRole(u), String::new()))
        }
        (PeoplePane::Clerks, Command::PeopleRemove) => {
            if let Some(username) = clerk {
                state.ask_return = Mode::Normal;
                state.question = Some(Question::RemoveClerk(username));
                state.mode = Mode::Ask;
            }
            None
        }
        _ => {
            let text = t::people_key_elsewhere(state.session.lang);
            state.say(text, true);
            None
        }
    };
    let _ = fx;
    if let Some((kind, text)) = kind {
        state.prompt = Some(Prompt {
            kind,
            field: TextField::single(&text),
            error: None,
        });
        state.mode = Mode::Prompt;
    }
}

pub fn prompt_edit(state: &mut State, edit: Edit) {
    if let Some(p) = state.prompt.as_mut() {
        p.field.apply(edit, 60);
        p.error = None;
    }
}

/// Enter in the prompt: the change, a question first, or why the text will not do.
pub fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let Some(prompt) = state.prompt.clone() else {
        state.mode = Mode::Normal;
        return;
    };
    let text = prompt.field.text().trim().to_string();
    let names = state.people.names();
    let find = |q: &str| -> Result<i64, String> {
        match resolve(q, &names) {
            Resolution::Found(id) => Ok(id),
            Resolution::Ambiguous(m) => Err(t::people_ambiguous(lang, q, &m)),
            Resolution::NotFound(close) => Err(t::people_unknown(lang, q, &close)),
        }
    };
    let result: Result<Option<AdminOp>, String> = if text.is_empty() {
        Err(t::people_empty(lang))
    } else {
        match &prompt.kind {
            PromptKind::AddDepartment => {
                let close = similar(&text, &names);
                if close.is_empty() {
                    Ok(Some(AdminOp::AddDepartment(text)))
                } else {
                    state.question = Some(Question::NewDepartment {
                        name: text,
                        similar: close,
                    });
                    Ok(None)
                }
            }
            PromptKind::Rename(id) => Ok(Some(AdminOp::Rename {
                id: *id,
                name: text,
            })),
            PromptKind::Alias(id) => Ok(Some(AdminOp::Alias {
                id: *id,
                alias: text,
            })),
            PromptKind::MergeInto(from) => {
                // A merge cannot be undone: a full name or alias, never a prefix guess.
                match names
                    .iter()
                    .find(|d| d.name == text || d.aliases.contains(&text))
                {
                    Some(into) if into.id == *from => Err(t::people_same(lang)),
                    Some(into) => {
                        state.question = Some(Question::MergeDepartments {
                            from: *from,
                            into: into.id,
                            from_name: state
                                .people
                                .department_name(Some(*from))
                                .unwrap_or_default()
                                .to_string(),
                            into_name: into.name.clone(),
                        });
                        Ok(None)
                    }
                    None => Err(find(&text)
                        .err()
                        .unwrap_or_else(|| t::people_full_name(lang))),
                }
            }
            PromptKind::AddClerk => {
                let mut words = text.split_whitespace();
                let username = words.next().unwrap_or_default().to_string();
                parse_role_and_department(lang, words, &find).map(|(role, department)| {
                    Some(AdminOp::AddClerk(Clerk {
                        username,
                        display_name: None,
                        department_id: department,
                        role,
                    }))
                })
            }
            // The import preview's prompts are answered by `tui::import`.
            PromptKind::ImportFile
            | PromptKind::ImportUnits(_)
            | PromptKind::ImportMap(_)
            | PromptKind::Setting(_)
            | PromptKind::CloseNote { .. }
            | PromptKind::CloseWhy { .. }
            | PromptKind::CloseFiles { .. }
            | PromptKind::CloseApprove(_)
            | PromptKind::CloseReturn(_)
            | PromptKind::CloseReopen(_) => Ok(None),
            PromptKind::Extend(_) | PromptKind::Notice(_) => Ok(None),
            PromptKind::ClerkRole(username) => {
                parse_role_and_department(lang, text.split_whitespace(), &find).map(
                    |(role, department)| {
                        Some(AdminOp::SetRole {
                            username: username.clone(),
                            role,
                            department,
                        })
                    },
                )
            }
        }
    };
    match result {
        Err(why) => {
            if let Some(p) = state.prompt.as_mut() {
                p.error = Some(why);
            }
        }
        Ok(op) => {
            if state.question.is_some() {
                // The prompt stays behind the question: "no" goes back to the text typed.
                state.ask_return = Mode::Prompt;
                state.mode = Mode::Ask;
            } else {
                state.prompt = None;
                state.mode = Mode::Normal;
            }
            if let Some(op) = op {
                fx.push(Effect::Admin(op));
            }
        }
    }
}

/// `editor 经信局`, `管理员`, `viewer`: a role word, then a department for an editor.
fn parse_role_and_department<'a>(
    lang: crate::i18n::Lang,
    mut words: impl Iterator<Item = &'a str>,
    find: &dyn Fn(&str) -> Result<i64, String>,
) -> Result<(ClerkRole, Option<i64>), String> {
    let role_word = words.next().unwrap_or_default();
    let role = match role_word {
        "admin" | "管理员" => ClerkRole::Admin,
        "editor" | "填报员" | "填报" => ClerkRole::Editor,
        "viewer" | "只读" | "查看" => ClerkRole::Viewer,
        other => return Err(t::people_bad_role(lang, other)),
    };
    let rest: Vec<&str> = words.collect();
    let department = if rest.is_empty() {
        None
    } else {
        Some(find(&rest.join(" "))?)
    };
    if role == ClerkRole::Editor && department.is_none() {
        return Err(t::people_editor_needs_department(lang));
    }
    Ok((role, department))
}

pub fn cancel(state: &mut State) {
    // The import preview's prompts go back to the preview.
    super::import::back(state);
}

pub fn loaded(state: &mut State, departments: Vec<DepartmentSummary>, clerks: Vec<Clerk>) {
    let p = &mut state.people;
    // The cursor stays on the same department and the same clerk when the lists are read again
    // (after a change here, or another session's): by index, a clerk added above would put the
    // next key — remove, change role — on someone else than the one the clerk had selected.
    let dept = p.departments.get(p.dept).map(|d| d.id);
    let clerk = p.clerks.get(p.clerk).map(|c| c.username.clone());
    p.departments = departments;
    p.clerks = clerks;
    p.loaded = true;
    p.dept = dept
        .and_then(|id| p.departments.iter().position(|d| d.id == id))
        .unwrap_or(p.dept)
        .min(p.departments.len().saturating_sub(1));
    p.clerk = clerk
        .and_then(|u| p.clerks.iter().position(|c| c.username == u))
        .unwrap_or(p.clerk)
        .min(p.clerks.len().saturating_sub(1));
}

/// A change went through: say so and read everything again (names appear in every view).
pub fn done(state: &mut State, message: String, fx: &mut Vec<Effect>) {
    state.say(message, false);
    fx.push(Effect::LoadPeople);
    super::lists::reload(state, fx);
}
