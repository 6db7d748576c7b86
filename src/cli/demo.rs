//! `duban demo`: create the demo database, then open it.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CmdResult, Ctx, Failure, open_ui};
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::sample::demo;
use crate::store::{Db, remove_database_files};

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Where to create it (default: --db when given, else duban-demo.db; never $DUBAN_DB, so a
    /// demo cannot land on the office's file by accident)
    file: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
    /// Only create the file; do not open it
    #[arg(long)]
    no_open: bool,
}

/// The arguments with the file decided.
struct Demo {
    file: PathBuf,
    force: bool,
    no_open: bool,
}

pub fn run(ctx: &Ctx, mut args: DemoArgs) -> CmdResult {
    let file = args
        .file
        .take()
        .or_else(|| ctx.db.clone())
        .unwrap_or_else(|| PathBuf::from("duban-demo.db"));
    let args = Demo {
        file,
        force: args.force,
        no_open: args.no_open,
    };
    if args.force {
        replace(ctx, &args.file)?;
    } else if !args.no_open && args.file.exists() {
        // Running the demo again opens the one already made (with its clerks' entries) rather
        // than failing; --force makes a fresh one.
        eprintln!(
            "{}",
            i18n::msg(
                ctx.lang,
                Msg::DemoReopened(&args.file.display().to_string())
            )
        );
        return open_ui(ctx, Some(&args.file), None);
    }
    let mut db = Db::create(&args.file).map_err(ctx.store_err())?;
    let user = os_login();
    let summary = match demo::build(&mut db, ctx.clock.today(), ctx.clock.now(), &user) {
        Ok(s) => s,
        Err(e) => {
            drop(db);
            remove_database_files(&args.file);
            return Err(Failure::store(ctx.lang, e));
        }
    };
    eprintln!(
        "{}",
        i18n::msg(
            ctx.lang,
            Msg::DemoCreated {
                path: &args.file.display().to_string(),
                tasks: summary.tasks,
                departments: summary.departments,
                user: &user,
            }
        )
    );
    drop(db);
    if args.no_open {
        return Ok(());
    }
    open_ui(ctx, Some(&args.file), None)
}

/// `--force` replaces a regular file only: never a directory or a device someone mistyped. The
/// old file is moved aside (`….replaced-TIME`), never deleted, and a duban file with clerks only
/// by one of its admins: `demo --force` on the office's shared file must not destroy it.
pub(super) fn replace(ctx: &Ctx, path: &Path) -> CmdResult {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Failure::User(i18n::msg(
            ctx.lang,
            Msg::NotAFile(&path.display().to_string()),
        )));
    }
    let aside = crate::store::maintenance::set_aside(path, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(path))?;
    if let Some(aside) = aside {
        eprintln!(
            "{}",
            crate::i18n::maintenance::kept_aside(ctx.lang, &crate::outfile::shown(&aside))
        );
    }
    Ok(())
}
