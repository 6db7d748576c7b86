//! `duban backup FILE` and `duban restore BACKUP`: a consistent copy taken while clerks write, and
//! putting one back after checking it.

use std::path::PathBuf;

use clap::Args;

use super::{CmdResult, Ctx, Failure};
use crate::i18n::maintenance as t;
use crate::identity::os_login;
use crate::store::{StoreError, maintenance};

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// Where to write the copy (one self-contained file)
    file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// A backup made by `duban backup`
    backup: PathBuf,
    /// Replace the database (--db, $DUBAN_DB, or the default) if it exists
    #[arg(long)]
    force: bool,
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> CmdResult {
    let db = ctx.open()?;
    let from = db.path().display().to_string();
    let to = args.file.display().to_string();
    let target = ctx.output(&args.file, db.path(), args.force)?;
    let partial = target.temp_path("partial");
    let done = db.backup_into(&partial).and_then(|()| {
        target.put_in_place(&partial).map_err(|e| {
            crate::store::remove_database_files(&partial);
            StoreError::from(e)
        })
    });
    match done {
        Ok(()) => {
            eprintln!("{}", t::backed_up(ctx.lang, &from, &to));
            Ok(())
        }
        Err(StoreError::AlreadyExists(_)) => Err(Failure::User(t::backup_exists(ctx.lang, &to))),
        Err(e) => Err(ctx.store_err_at(&args.file)(e)),
    }
}

pub fn restore(ctx: &Ctx, args: RestoreArgs) -> CmdResult {
    let target = ctx.db_path()?;
    let from = args.backup.display().to_string();
    let to = target.display().to_string();
    if same_file(&target, &args.backup) {
        return Err(Failure::User(t::same_file(ctx.lang)));
    }
    // The backup is checked before anything else, so a bad one is said first.
    if let Err(e) = maintenance::check_backup(&args.backup) {
        let why = match e {
            StoreError::Missing(_) => t::no_such_file(ctx.lang),
            e => crate::i18n::store_error(ctx.lang, &e),
        };
        return Err(Failure::User(t::bad_backup(ctx.lang, &from, &why)));
    }
    if target.exists() && !args.force {
        return Err(Failure::User(t::restore_needs_force(ctx.lang, &to)));
    }
    let done = maintenance::restore(&args.backup, &target, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(&target))?;
    if let Some(aside) = &done.moved_aside {
        eprintln!("{}", t::moved_aside(ctx.lang, &aside.display().to_string()));
    }
    eprintln!("{}", t::restored(ctx.lang, &from, &to, done.tasks));
    Ok(())
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
