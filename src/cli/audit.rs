//! `duban audit [--since DATE] [--entity KIND] [--by LOGIN] [--limit N] [--json]`: the audit
//! trail of structure changes, newest first — the question it answers is "who changed this
//! lately", and `--limit` keeps the newest. Reads only: whoever may read the file may read it,
//! as with `duban log`.

use clap::Args;

use super::log::{day_start, limit};
use super::{CmdResult, Ctx, Failure};
use crate::i18n::plan_scope as words;
use crate::report::audit::{self, KINDS};
use crate::store::AuditQuery;

/// Entries shown without `--limit`: a screenful or two; `--limit` asks for more.
const DEFAULT_LIMIT: u64 = 50;

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Only entries from the start of this day on (YYYY-MM-DD, local time)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only this kind of thing: task, department, clerk, setting, plan or database
    #[arg(long, value_name = "KIND")]
    entity: Option<String>,
    /// Only changes made by this login
    #[arg(long, value_name = "LOGIN")]
    by: Option<String>,
    /// At most N entries, the newest (default 50)
    #[arg(long, value_name = "N")]
    limit: Option<String>,
    /// Stable JSON for scripts (see README)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: AuditArgs) -> CmdResult {
    let since = match &args.since {
        Some(text) => Some(day_start(ctx.lang, text)?),
        None => None,
    };
    let entity = match &args.entity {
        Some(kind) => {
            let k = kind.trim().to_lowercase();
            if !KINDS.contains(&k.as_str()) {
                return Err(Failure::User(words::bad_audit_kind(ctx.lang, kind, &KINDS)));
            }
            Some(k)
        }
        None => None,
    };
    let limit = match &args.limit {
        Some(text) => limit(ctx.lang, text)?,
        None => DEFAULT_LIMIT,
    };
    let db = ctx.open_reader()?;
    let query = AuditQuery {
        since,
        entity,
        by: args.by.clone(),
        limit: Some(limit),
    };
    let entries = db
        .audit_entries(&query)
        .map_err(ctx.store_err_at(db.path()))?;
    if args.json {
        return ctx.out(&audit::render_json(&entries));
    }
    if entries.is_empty() {
        eprintln!("{}", words::audit_empty(ctx.lang));
        return Ok(());
    }
    let err = ctx.store_err_at(db.path());
    let names = audit::Names {
        departments: db
            .department_names()
            .map_err(&err)?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect(),
        plans: db
            .plans()
            .map_err(&err)?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect(),
    };
    ctx.out(&audit::render_table(
        &entries,
        ctx.lang,
        ctx.width(),
        &names,
    ))
}
