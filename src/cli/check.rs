//! `duban check`: verify the database (integrity, foreign keys, journal against current values)
//! without changing anything. Exit 0 when clean, 3 when it found problems.

use clap::Args;

use super::{CmdResult, Ctx, Failure};
use crate::i18n::maintenance as t;
use crate::store::maintenance;

#[derive(Args, Debug)]
pub struct CheckArgs {}

pub fn run(ctx: &Ctx, _args: CheckArgs) -> CmdResult {
    let path = ctx.db_path()?;
    let report = maintenance::check(&path).map_err(ctx.store_err_at(&path))?;
    let text = t::check_report(ctx.lang, &path.display().to_string(), &report);
    if report.is_clean() {
        ctx.out(&text)
    } else {
        Err(Failure::Problems(text))
    }
}
