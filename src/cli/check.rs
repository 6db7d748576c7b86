//! `duban check`: verify the database (integrity, foreign keys, journal against current values,
//! the journals' hash chain, the schema's triggers and indexes) without changing anything. Exit 0
//! when clean, 3 when it found problems. `--code` checks a circular's printed 留痕校验码.

use clap::Args;

use super::{CmdResult, Ctx, Failure, parse_day};
use crate::i18n::maintenance as t;
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
    let report = maintenance::check(&path).map_err(ctx.store_err_at(&path))?;
    let text = t::check_report(ctx.lang, &shown, &report);
    if report.is_clean() {
        ctx.out(&text)
    } else {
        Err(Failure::Problems(text))
    }
}

fn today(ctx: &Ctx) -> String {
    ctx.clock.today().to_string()
}
