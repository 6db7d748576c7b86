//! `duban init`: an empty database; the OS user who creates it is its first admin.

use std::path::PathBuf;

use clap::Args;

use super::{CmdResult, Ctx, Failure};
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::store::Db;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to create it (default: --db, $DUBAN_DB, or ~/.local/share/duban/duban.db)
    file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: InitArgs) -> CmdResult {
    let path = match args.file {
        Some(p) => p,
        None => ctx.db_path()?,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::User(format!("{}: {e}", dir.display())))?;
    }
    let mut db = Db::create(&path).map_err(ctx.store_err())?;
    let user = os_login();
    db.add_first_admin(&user).map_err(ctx.store_err())?;
    eprintln!(
        "{}",
        i18n::msg(
            ctx.lang,
            Msg::Created {
                path: &path.display().to_string(),
                user: &user
            }
        )
    );
    Ok(())
}
