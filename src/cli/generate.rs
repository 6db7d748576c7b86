//! `duban gen`: synthetic data for tests and benchmarks.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{CmdResult, Ctx, Failure};
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::sample::synth::{GenSpec, generate};
use crate::store::{Db, remove_database_files};

#[derive(Args, Debug)]
pub struct GenArgs {
    /// The file to create
    file: PathBuf,
    /// Number of tasks
    #[arg(long, default_value_t = 1000)]
    tasks: u64,
    /// Number of departments
    #[arg(long, default_value_t = 50)]
    departments: u64,
    /// Seed: the same seed and year give the same data
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The plan's year (default: this year)
    #[arg(long)]
    year: Option<i32>,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Ctx, args: GenArgs) -> CmdResult {
    if args.force {
        super::demo::replace(ctx, &args.file)?;
    }
    let started = Instant::now();
    let mut db = Db::create(&args.file).map_err(ctx.store_err())?;
    let spec = GenSpec {
        tasks: args.tasks,
        departments: args.departments,
        seed: args.seed,
        year: args.year.unwrap_or_else(|| ctx.clock.year()),
    };
    let show = std::io::stderr().is_terminal();
    let result = generate(&mut db, spec, ctx.clock.now(), &os_login(), |done| {
        if show {
            eprint!(
                "\r{}",
                i18n::msg(
                    ctx.lang,
                    Msg::GenProgress {
                        done,
                        total: args.tasks
                    }
                )
            );
        }
    });
    if show {
        eprint!("\r\x1b[K");
    }
    if let Err(e) = result {
        drop(db);
        remove_database_files(&args.file);
        return Err(Failure::store(ctx.lang, e));
    }
    eprintln!(
        "{}",
        i18n::msg(
            ctx.lang,
            Msg::Generated {
                path: &args.file.display().to_string(),
                tasks: args.tasks,
                seconds: started.elapsed().as_secs_f64(),
            }
        )
    );
    Ok(())
}
