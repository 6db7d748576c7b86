//! `duban clerk …`: who may write what. Thin over the store's clerk writes, which check inside
//! their transaction that the acting OS user is an admin and write the audit row.

use std::collections::HashMap;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{CmdResult, Ctx, Failure};
use crate::domain::ClerkRole;
use crate::i18n::Lang;
use crate::i18n::admin::{self as words, AdminMsg};
use crate::identity::os_login;
use crate::report::text::{Align, columns};
use crate::store::{Clerk, Db, EditRefusal, StoreError};

#[derive(Args, Debug)]
pub struct ClerkArgs {
    #[command(subcommand)]
    command: ClerkCommand,
}

#[derive(Subcommand, Debug)]
enum ClerkCommand {
    /// Every clerk with their role and department (人员列表)
    List {
        /// JSON for scripts: [{"username", "display_name", "role", "department"}]
        #[arg(long)]
        json: bool,
    },
    /// Add a clerk by their OS login; admins only (添加人员)
    Add {
        /// Their login name on this server (what `id -un` prints for them)
        user: String,
        /// admin (everything), editor (reports for one department) or viewer (reads)
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// Their department (name, alias or unique prefix); an editor needs one
        #[arg(long, value_name = "NAME")]
        dept: Option<String>,
        /// The name people know them by (张丽)
        #[arg(long, value_name = "DISPLAY")]
        name: Option<String>,
    },
    /// Change a clerk's role or department; admins only (修改角色)
    Role {
        user: String,
        /// admin, editor or viewer
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// Their department from now on (default: the one they have)
        #[arg(long, value_name = "NAME", conflicts_with = "no_dept")]
        dept: Option<String>,
        /// Take them out of their department (not for an editor)
        #[arg(long)]
        no_dept: bool,
    },
    /// Remove a clerk: they read only from now on, their reports stay; admins only (移除人员)
    Remove { user: String },
}

pub fn run(ctx: &Ctx, args: ClerkArgs) -> CmdResult {
    match args.command {
        ClerkCommand::List { json } => list(ctx, json),
        ClerkCommand::Add {
            user,
            role,
            dept,
            name,
        } => {
            let role = parse_role(ctx.lang, &role)?;
            let mut db = ctx.open()?;
            let department = match &dept {
                Some(q) => Some(ctx.department(&db, q)?),
                None => None,
            };
            let clerk = Clerk {
                username: user.trim().to_string(),
                display_name: name,
                department_id: department,
                role,
            };
            db.add_clerk(&clerk, &os_login(), ctx.clock.now())
                .map_err(|e| refusal(ctx, &db, e))?;
            let names = department_names(ctx, &db)?;
            ctx.out(&line(words::msg(
                ctx.lang,
                AdminMsg::ClerkAdded {
                    user: &clerk.username,
                    role,
                    department: department.and_then(|id| names.get(&id)).map(String::as_str),
                },
            )))
        }
        ClerkCommand::Role {
            user,
            role,
            dept,
            no_dept,
        } => {
            let role = parse_role(ctx.lang, &role)?;
            let mut db = ctx.open()?;
            let user = user.trim();
            let before = known_clerk(ctx, &db, user)?;
            let department = match (&dept, no_dept) {
                (Some(q), _) => Some(ctx.department(&db, q)?),
                (None, true) => None,
                // Changing only the role keeps the department: `clerk role wang --role admin`
                // should not quietly take 王 out of 区经信局.
                (None, false) => before.department_id,
            };
            db.set_clerk_role(user, role, department, &os_login(), ctx.clock.now())
                .map_err(|e| refusal(ctx, &db, e))?;
            if before.role == role && before.department_id == department {
                return ctx.out(&line(words::msg(ctx.lang, AdminMsg::Unchanged)));
            }
            let names = department_names(ctx, &db)?;
            ctx.out(&line(words::msg(
                ctx.lang,
                AdminMsg::ClerkChanged {
                    user,
                    role,
                    department: department.and_then(|id| names.get(&id)).map(String::as_str),
                },
            )))
        }
        ClerkCommand::Remove { user } => {
            let mut db = ctx.open()?;
            let user = user.trim();
            known_clerk(ctx, &db, user)?;
            db.remove_clerk(user, &os_login(), ctx.clock.now())
                .map_err(|e| refusal(ctx, &db, e))?;
            ctx.out(&line(words::msg(ctx.lang, AdminMsg::ClerkRemoved(user))))
        }
    }
}

/// `admin`, `editor` or `viewer`, in any case. Parsed here rather than by clap so that a wrong
/// role is one line in the user's language, like every other refusal.
fn parse_role(lang: Lang, text: &str) -> Result<ClerkRole, Failure> {
    text.trim()
        .to_ascii_lowercase()
        .parse()
        .map_err(|_| Failure::User(words::msg(lang, AdminMsg::BadRole(text))))
}

/// The clerk `user` as they are now, or a line saying they are not one (the store would say
/// "not found: clerk x", which names no way forward).
fn known_clerk(ctx: &Ctx, db: &Db, user: &str) -> Result<Clerk, Failure> {
    db.clerk(user)
        .map_err(ctx.store_err_at(db.path()))?
        .ok_or_else(|| Failure::User(words::msg(ctx.lang, AdminMsg::NoSuchClerk(user))))
}

/// The store's refusal as one line; an editor without a department is told which flag fixes it.
fn refusal(ctx: &Ctx, db: &Db, e: StoreError) -> Failure {
    match e {
        StoreError::Edit(EditRefusal::EditorWithoutDepartment) => {
            Failure::User(words::msg(ctx.lang, AdminMsg::EditorNeedsDept))
        }
        e => store_refusal(ctx, db, e),
    }
}

/// A refused write is about the command, not the file: no file name in front of it. Anything
/// else (busy, damaged, read-only) names the file, as every command does.
pub(super) fn store_refusal(ctx: &Ctx, db: &Db, e: StoreError) -> Failure {
    match e {
        StoreError::Edit(_) | StoreError::Forbidden { .. } | StoreError::NotFound(_) => {
            ctx.store_err()(e)
        }
        e => ctx.store_err_at(db.path())(e),
    }
}

fn department_names(ctx: &Ctx, db: &Db) -> Result<HashMap<i64, String>, Failure> {
    Ok(db
        .departments()
        .map_err(ctx.store_err_at(db.path()))?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

fn line(mut s: String) -> String {
    s.push('\n');
    s
}

/// One clerk in `clerk list --json`; fields in this order, for people reading it too.
#[derive(Serialize)]
struct JsonClerk<'a> {
    username: &'a str,
    display_name: Option<&'a str>,
    role: &'static str,
    department: Option<String>,
}

fn list(ctx: &Ctx, as_json: bool) -> CmdResult {
    let db = ctx.open()?;
    let clerks = db.clerks().map_err(ctx.store_err_at(db.path()))?;
    let names = department_names(ctx, &db)?;
    let department = |c: &Clerk| c.department_id.and_then(|id| names.get(&id)).cloned();
    if as_json {
        let rows: Vec<JsonClerk> = clerks
            .iter()
            .map(|c| JsonClerk {
                username: &c.username,
                display_name: c.display_name.as_deref(),
                role: c.role.as_str(),
                department: department(c),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows)
            .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?;
        text.push('\n');
        return ctx.out(&text);
    }
    let h = words::headings(ctx.lang);
    if clerks.is_empty() {
        return ctx.out(&line(h.no_clerks.to_string()));
    }
    let mut rows = vec![
        [h.username, h.display_name, h.role, h.department]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(clerks.iter().map(|c| {
        vec![
            c.username.clone(),
            c.display_name.clone().unwrap_or_default(),
            words::role(ctx.lang, c.role).to_string(),
            department(c).unwrap_or_default(),
        ]
    }));
    ctx.out(&columns(&rows, &[Align::Left; 4]))
}
