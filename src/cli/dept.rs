//! `duban dept …`: the responsible units (责任单位) as the office maintains them. Thin over the
//! store's department writes, which check inside their transaction that the acting OS user is an
//! admin and write the audit row.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::clerk::store_refusal;
use super::{CmdResult, Ctx, Failure};
use crate::i18n::Lang;
use crate::i18n::admin::{self as words, AdminMsg};
use crate::identity::os_login;
use crate::report::text::{Align, columns};
use crate::store::{Db, DepartmentKind};

#[derive(Args, Debug)]
pub struct DeptArgs {
    #[command(subcommand)]
    command: DeptCommand,
}

#[derive(Subcommand, Debug)]
enum DeptCommand {
    /// Every department with its kind, tasks led and co-owned, clerks and aliases (单位列表)
    List {
        /// JSON for scripts: [{"id", "name", "kind", "aliases", "led", "co", "clerks"}]
        #[arg(long)]
        json: bool,
    },
    /// Add a department; close existing names are shown as a warning; admins only (添加单位)
    Add {
        name: String,
        /// bureau, street, company or other (default: guessed from the name: 局 bureau, 街道 street…)
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
    },
    /// Rename a department; the old name stays as an alias; admins only (单位改名)
    Rename {
        /// The department (name, alias or unique prefix)
        name: String,
        new: String,
    },
    /// Add another name the department is known by (经信局); admins only (添加别名)
    Alias {
        /// The department (name, alias or unique prefix)
        name: String,
        alias: String,
    },
    /// Merge FROM into INTO; cannot be undone, so it asks first or needs --yes; admins only (合并单位)
    ///
    /// INTO takes over FROM's current tasks (with FROM's role and percent where INTO was not on
    /// the task; where both were, INTO leads if either led and keeps its own percent). FROM's
    /// reports stay FROM's, shown as "FROM (merged into INTO)"; FROM stays in the record, marked
    /// merged with the date, so earlier circulars are unchanged. Clerks and indicators move to
    /// INTO; FROM's name and aliases then find INTO. Without --yes it lists each task it would
    /// change, then asks y/N on a terminal, or refuses (exit 2) when not on one.
    Merge {
        /// The department merged away (full name or alias)
        from: String,
        /// The department that stays (full name or alias)
        into: String,
        /// Merge without asking (for scripts)
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(ctx: &Ctx, args: DeptArgs) -> CmdResult {
    match args.command {
        DeptCommand::List { json } => list(ctx, json),
        DeptCommand::Add { name, kind } => {
            let kind = match kind {
                Some(k) => parse_kind(ctx.lang, &k)?,
                None => DepartmentKind::from_name(name.trim()),
            };
            let mut db = ctx.open()?;
            let added = db
                .add_department(&name, kind, &os_login(), ctx.clock.now())
                .map_err(|e| store_refusal(ctx, &db, e))?;
            let name = name.trim();
            if !added.similar.is_empty() {
                eprintln!(
                    "{}",
                    words::msg(
                        ctx.lang,
                        AdminMsg::DeptSimilar {
                            name,
                            similar: &added.similar
                        }
                    )
                );
            }
            ctx.out(&line(words::msg(
                ctx.lang,
                AdminMsg::DeptAdded { name, kind },
            )))
        }
        DeptCommand::Rename { name, new } => {
            let mut db = ctx.open()?;
            let id = ctx.department(&db, &name)?;
            let old = name_of(ctx, &db, id)?;
            let new = new.trim();
            db.rename_department(id, new, &os_login(), ctx.clock.now())
                .map_err(|e| store_refusal(ctx, &db, e))?;
            let text = if old == new {
                words::msg(ctx.lang, AdminMsg::Unchanged)
            } else {
                words::msg(ctx.lang, AdminMsg::DeptRenamed { old: &old, new })
            };
            ctx.out(&line(text))
        }
        DeptCommand::Alias { name, alias } => {
            let mut db = ctx.open()?;
            let id = ctx.department(&db, &name)?;
            db.add_alias(id, &alias, &os_login(), ctx.clock.now())
                .map_err(|e| store_refusal(ctx, &db, e))?;
            let name = name_of(ctx, &db, id)?;
            ctx.out(&line(words::msg(
                ctx.lang,
                AdminMsg::AliasAdded {
                    name: &name,
                    alias: alias.trim(),
                },
            )))
        }
        DeptCommand::Merge { from, into, yes } => merge(ctx, &from, &into, yes),
    }
}

/// A merge cannot be undone (the survivor takes the tasks over; nothing takes them back), so: both names
/// exactly, then either `--yes`, or the figures and a y/N question on a terminal, or the
/// figures and a refusal (exit 2) for a script that forgot `--yes`.
fn merge(ctx: &Ctx, from: &str, into: &str, yes: bool) -> CmdResult {
    let mut db = ctx.open()?;
    let from_id = exact(ctx, &db, from)?;
    let into_id = exact(ctx, &db, into)?;
    let from_name = name_of(ctx, &db, from_id)?;
    let into_name = name_of(ctx, &db, into_id)?;
    let me = os_login();
    if !yes {
        // The preview runs the merge and rolls it back: a merge that would be refused (not an
        // admin, into itself, clashing indicators) is refused here, before anyone is asked.
        let preview = db
            .preview_merge(from_id, into_id, &me, ctx.clock.now())
            .map_err(|e| store_refusal(ctx, &db, e))?;
        let shown = words::msg(
            ctx.lang,
            AdminMsg::MergePreview {
                from: &from_name,
                into: &into_name,
                merged: &preview,
            },
        );
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            ctx.out(&shown)?;
            return Err(Failure::User(words::msg(ctx.lang, AdminMsg::MergeNeedsYes)));
        }
        eprint!(
            "{}{}",
            crate::report::text::visible(&shown),
            words::msg(ctx.lang, AdminMsg::MergeAsk)
        );
        let _ = std::io::stderr().flush();
        if !confirmed()? {
            return Err(Failure::User(words::msg(
                ctx.lang,
                AdminMsg::MergeCancelled,
            )));
        }
    }
    let merged = db
        .merge_departments(from_id, into_id, &me, ctx.clock.now())
        .map_err(|e| store_refusal(ctx, &db, e))?;
    ctx.out(&line(words::msg(
        ctx.lang,
        AdminMsg::Merged {
            from: &from_name,
            into: &into_name,
            merged: &merged,
        },
    )))
}

/// One line from stdin: `y`, `yes` or `是` confirms; anything else, or end of input, does not.
fn confirmed() -> Result<bool, Failure> {
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes" | "是"))
}

/// Resolves a department named in full or by an alias. `Ctx::department` also takes a unique
/// prefix, which is handy for reading but too easy a way to merge the wrong unit.
fn exact(ctx: &Ctx, db: &Db, query: &str) -> Result<i64, Failure> {
    let id = ctx.department(db, query)?;
    let names = db.department_names().map_err(ctx.store_err_at(db.path()))?;
    let q = query.trim();
    match names.iter().find(|d| d.id == id) {
        Some(d) if d.name == q || d.aliases.iter().any(|a| a == q) => Ok(id),
        Some(d) => Err(Failure::User(words::msg(
            ctx.lang,
            AdminMsg::MergeNeedsFullName {
                query: q,
                name: &d.name,
            },
        ))),
        None => Ok(id),
    }
}

fn name_of(ctx: &Ctx, db: &Db, id: i64) -> Result<String, Failure> {
    Ok(db
        .departments()
        .map_err(ctx.store_err_at(db.path()))?
        .into_iter()
        .find(|d| d.id == id)
        .map(|d| d.name)
        .unwrap_or_default())
}

/// `bureau`, `street`, `company` or `other`, in any case; one line in the user's language
/// otherwise.
fn parse_kind(lang: Lang, text: &str) -> Result<DepartmentKind, Failure> {
    let wanted = text.trim().to_ascii_lowercase();
    [
        DepartmentKind::Bureau,
        DepartmentKind::Street,
        DepartmentKind::Company,
        DepartmentKind::Other,
    ]
    .into_iter()
    .find(|k| k.as_str() == wanted)
    .ok_or_else(|| Failure::User(words::msg(lang, AdminMsg::BadKind(text))))
}

fn line(mut s: String) -> String {
    s.push('\n');
    s
}

/// One department in `dept list --json`; fields in this order, for people reading it too.
#[derive(Serialize)]
struct JsonDepartment<'a> {
    id: i64,
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    led: i64,
    co: i64,
    clerks: i64,
}

fn list(ctx: &Ctx, as_json: bool) -> CmdResult {
    let db = ctx.open()?;
    let departments = db
        .department_summaries()
        .map_err(ctx.store_err_at(db.path()))?;
    if as_json {
        let rows: Vec<JsonDepartment> = departments
            .iter()
            .map(|d| JsonDepartment {
                id: d.id,
                name: &d.name,
                kind: &d.kind,
                aliases: &d.aliases,
                led: d.led,
                co: d.co,
                clerks: d.clerks,
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows)
            .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?;
        text.push('\n');
        return ctx.out(&text);
    }
    let h = words::headings(ctx.lang);
    if departments.is_empty() {
        return ctx.out(&line(h.no_departments.to_string()));
    }
    let separator = if ctx.lang.zh() { "、" } else { ", " };
    let mut rows = vec![
        [h.department, h.kind, h.led, h.co, h.clerks, h.aliases]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(departments.iter().map(|d| {
        vec![
            d.name.clone(),
            words::kind(ctx.lang, &d.kind),
            d.led.to_string(),
            d.co.to_string(),
            d.clerks.to_string(),
            d.aliases.join(separator),
        ]
    }));
    use Align::{Left, Right};
    ctx.out(&columns(&rows, &[Left, Left, Right, Right, Right, Left]))
}
