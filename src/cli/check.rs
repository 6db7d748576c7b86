//! `duban check`: verify the database (integrity, foreign keys, journal against current values,
//! the journals' hash chain, the schema's triggers and indexes, the kept status figures against a
//! fresh count) without changing anything. Exit 0 when clean, 3 when it found problems. `--code`
//! checks a circular's printed 留痕校验码; `--drop-kept` drops the kept status figures.

use clap::Args;

use super::{CmdResult, Ctx, Failure, parse_day};
use crate::i18n::maintenance as t;
use crate::report::status;
use crate::store::chain::{Code, CodeCheck};
use crate::store::{instant, maintenance};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// A circular's record check code (留痕校验码), e.g. 1523-9F86-D081-884C-7D65-9A2F: says
    /// whether the file's journal up to --as-of is still the one the circular was made from
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// The day the code is for: the circular's "as of" date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "code")]
    as_of: Option<String>,
    /// Drop the status figures the file keeps for the day (derived, not records: counted again
    /// on the next read), when check found them differing
    #[arg(long, conflicts_with = "code")]
    drop_kept: bool,
}

pub fn run(ctx: &Ctx, args: CheckArgs) -> CmdResult {
    let path = ctx.db_path()?;
    let shown = path.display().to_string();
    if let Some(code) = &args.code {
        let Some((rows, head)) = Code::parse(code) else {
            return Err(Failure::User(t::bad_code(ctx.lang, code)));
        };
        let day = parse_day(ctx, Some(args.as_of.as_deref().unwrap_or(&today(ctx))))?;
        let end = instant(day.as_of.expect("a day was given"));
        let date = day.today.to_string();
        let found =
            maintenance::check_code(&path, rows, &head, &end).map_err(ctx.store_err_at(&path))?;
        return match found {
            Ok(CodeCheck::Matches) => ctx.out(&format!(
                "{}\n",
                t::code_check(ctx.lang, &shown, code.trim(), &date, &CodeCheck::Matches)
            )),
            Ok(other) => Err(Failure::Problems(format!(
                "{}\n",
                t::code_check(ctx.lang, &shown, code.trim(), &date, &other)
            ))),
            Err(broken) => Err(Failure::Problems(
                broken
                    .iter()
                    .map(|b| t::broken_link(ctx.lang, b) + "\n")
                    .collect(),
            )),
        };
    }
    if args.drop_kept {
        let mut db = crate::store::Db::open(&path).map_err(ctx.store_err_at(&path))?;
        db.drop_kept_rollup().map_err(ctx.store_err_at(&path))?;
        return ctx.out(&format!("{}\n", t::kept_dropped(ctx.lang, &shown)));
    }
    let report = maintenance::check(&path).map_err(ctx.store_err_at(&path))?;
    let mut text = t::check_report(ctx.lang, &shown, &report);
    // The kept status figures against a fresh count (schema 12): derived, so only after the
    // records themselves are found sound.
    let mut drift = None;
    if report.is_clean() && report.schema_version == crate::store::migrate::SCHEMA_VERSION {
        let db = crate::store::Db::open_reader(&path).map_err(ctx.store_err_at(&path))?;
        drift = status::kept_drift(&db).map_err(ctx.store_err_at(&path))?;
    }
    if let Some(drift) = &drift {
        let names = names_of(ctx, &path, &drift.departments)?;
        text = t::kept_drift_lines(ctx.lang, drift, &names) + &text;
        text.push_str(&t::kept_drift_summary(ctx.lang, drift));
    }
    let drifted = drift
        .as_ref()
        .is_some_and(|d| !d.departments.is_empty() || !d.chunks.is_empty());
    if report.is_clean() && !drifted {
        ctx.out(&text)
    } else {
        Err(Failure::Problems(text))
    }
}

/// The departments' names, for the lines that name them (ids that are gone: `#id`).
fn names_of(ctx: &Ctx, path: &std::path::Path, ids: &[i64]) -> Result<Vec<String>, Failure> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let db = crate::store::Db::open_reader(path).map_err(ctx.store_err_at(path))?;
    let all = db.departments().map_err(ctx.store_err_at(path))?;
    Ok(ids
        .iter()
        .map(|id| {
            all.iter()
                .find(|d| d.id == *id)
                .map_or_else(|| format!("#{id}"), |d| d.name.clone())
        })
        .collect())
}

fn today(ctx: &Ctx) -> String {
    ctx.clock.today().to_string()
}
