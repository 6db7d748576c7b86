//! `duban report --format docx -o FILE [--issue]`: the 通报 as a Word document; `duban report
//! --issued`: the circulars issued so far. Without `--issue` the document is a draft: its number
//! line has a blank where the number goes. With it (admins only, checked inside the store's
//! transaction) the next number of the year is given and recorded with the file's SHA-256.

use std::io::Write;
use std::path::Path;

use chrono::Datelike;
use sha2::{Digest, Sha256};

use super::{CmdResult, Ctx, Failure};
use crate::domain::Period;
use crate::i18n::{circular_doc as words, report as report_words};
use crate::identity::os_login;
use crate::outfile::Target;
use crate::report::circular::{self, Circular};
use crate::report::circular_docx::{Heading, circular_docx};
use crate::report::circular_narrative::RedList;
use crate::report::export::ExportError;
use crate::store::NewIssue;

/// The document's bytes for `number`.
fn bytes(
    ctx: &Ctx,
    c: &Circular,
    red: &RedList,
    number: &str,
    settings: &Settings,
) -> std::io::Result<Vec<u8>> {
    let head = Heading {
        office: &settings.0.office,
        number,
        requirements: &settings.0.requirements,
        dated: ctx.clock.today(),
    };
    // In memory: a document is a few hundred kilobytes at most (the red list is bounded).
    crate::report::docx::pack(circular_docx(c, red, &head, ctx.lang))
}

struct Settings(crate::domain::circular_issue::CircularSettings);

/// Writes `data` to `target` (temp file, then renamed into place).
fn put(target: &Target, data: &[u8]) -> std::io::Result<()> {
    target.write(|file| {
        file.write_all(data)?;
        file.flush()
    })
}

pub fn run(
    ctx: &Ctx,
    period: Period,
    plan: Option<&str>,
    output: Option<&Path>,
    force: bool,
    issue: bool,
) -> CmdResult {
    let lang = ctx.lang;
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        // A .docx is a zip: it goes to a file, and an issued one's hash is the file's.
        return Err(Failure::User(words::docx_needs_file(lang)));
    };
    let reader = ctx.open_reader()?;
    let db_path = reader.path().to_path_buf();
    let plan = super::plan_arg::plan_scope(ctx, &reader, plan)?.id;
    let target = ctx.output(output, &db_path, force)?;
    let shown = super::export::shown_output(Some(output));
    let failed = super::export::write_failure(ctx, &db_path, &shown, false);
    let today = ctx.clock.today();
    let mut red = RedList::default();
    let c = circular::read(&reader, period, today, plan, |line| {
        red.see(line, lang);
        Ok::<(), ExportError>(())
    })
    .map_err(failed)?
    .ok_or_else(|| Failure::User(report_words::not_begun(lang, period)))?;
    let settings = Settings(
        reader
            .circular_settings()
            .map_err(ctx.store_err_at(reader.path()))?,
    );
    if !issue {
        bytes(
            ctx,
            &c,
            &red,
            &settings.0.draft_number(today.year()),
            &settings,
        )
        .and_then(|data| put(&target, &data))
        .map_err(|e| failed(ExportError::Io(e)))?;
        return Ok(());
    }
    drop(reader);
    let mut db = ctx.open()?;
    let by = os_login();
    let new = NewIssue {
        period: &period.to_string(),
        as_of: c.as_of,
        today,
        by: &by,
        at: ctx.clock.now(),
        plan,
    };
    // The record first, the file after: the document is made with its number inside the
    // issuing transaction and its hash recorded, and only once that has committed is the file
    // put in place. A crash (kill -9) or a refusal before the commit leaves no numbered file
    // that the record does not hold — a number is never out in the world unrecorded, nor given
    // twice; a failure after it leaves the number recorded with its hash, said in one line.
    let document = std::cell::RefCell::new(Vec::new());
    let issued = db
        .issue_circular(&new, |number| {
            let data = bytes(ctx, &c, &red, number, &settings)?;
            let hash = hex(&Sha256::digest(&data));
            *document.borrow_mut() = data;
            Ok::<String, ExportError>(hash)
        })
        .map_err(&failed)?;
    if let Err(e) = put(&target, &document.borrow()) {
        return Err(Failure::User(words::issued_not_written(
            lang,
            &issued.number,
            &shown,
            &e.to_string(),
        )));
    }
    eprintln!("{}", words::issued(lang, &issued.number, &shown));
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `duban report --issued`: every issued circular, newest first.
pub fn list(ctx: &Ctx) -> CmdResult {
    let db = ctx.open_reader()?;
    let rows = db.issued_circulars().map_err(ctx.store_err_at(db.path()))?;
    if rows.is_empty() {
        return ctx.out(&format!("{}\n", words::none_issued(ctx.lang)));
    }
    let plans = db.plans().map_err(ctx.store_err_at(db.path()))?;
    let head = words::issued_columns(ctx.lang);
    let mut out = format!("{}\n", head.join("\t"));
    for r in rows {
        // The plan it covers, by title (as stored: a deleted plan shows its id), or every plan.
        let plan = match r.plan_id {
            None => words::every_plan(ctx.lang).to_string(),
            Some(id) => plans
                .iter()
                .find(|p| p.id == id)
                .map_or(format!("#{id}"), |p| p.title.clone()),
        };
        let line = [
            &r.number, &r.period, &r.as_of, &plan, &r.by, &r.at, &r.sha256,
        ]
        .map(|f| crate::report::text::visible(f).into_owned());
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    ctx.out(&out)
}
