//! `duban init`: an empty database; the OS user who creates it is its first admin. With
//! `--shared --group G`, set up for an office: the directory and the file belong to the group,
//! the directory is setgid (so SQLite's WAL side files get the group too), modes 2770 and 0660.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{CmdResult, Ctx, Failure};
use crate::i18n::{self, Msg};
use crate::identity::{group_id, os_login};
use crate::store::Db;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to create it (default: --db, $DUBAN_DB, or ~/.local/share/duban/duban.db)
    file: Option<PathBuf>,
    /// Set the file up for a group of clerks: needs --group
    #[arg(long, requires = "group")]
    shared: bool,
    /// The clerks' group (name or number): owner group of the directory and the file
    #[arg(long, value_name = "GROUP", requires = "shared")]
    group: Option<String>,
}

pub fn run(ctx: &Ctx, args: InitArgs) -> CmdResult {
    let path = match args.file {
        Some(p) => p,
        None => ctx.db_path()?,
    };
    let gid = match &args.group {
        Some(g) => Some(
            group_id(g)
                .ok_or_else(|| Failure::User(i18n::maintenance::unknown_group(ctx.lang, g)))?,
        ),
        None => None,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf);
    let made_dir = match &dir {
        Some(d) if !d.exists() => {
            std::fs::create_dir_all(d)
                .map_err(|e| Failure::User(format!("{}: {e}", d.display())))?;
            true
        }
        _ => false,
    };
    if let (Some(gid), Some(d)) = (gid, &dir) {
        if made_dir {
            share(d, gid, 0o2770).map_err(|e| Failure::User(format!("{}: {e}", d.display())))?;
        } else if !is_shared(d, gid) {
            // An existing directory is not ours to change: say what the office should set.
            eprintln!(
                "{}",
                i18n::maintenance::directory_not_shared(
                    ctx.lang,
                    &d.display().to_string(),
                    args.group.as_deref().unwrap_or_default()
                )
            );
        }
    }
    let mut db = Db::create(&path).map_err(ctx.store_err())?;
    let user = os_login();
    db.add_first_admin(&user).map_err(ctx.store_err())?;
    if let Some(gid) = gid {
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                share(&p, gid, 0o660)
                    .map_err(|e| Failure::User(format!("{}: {e}", p.display())))?;
            }
        }
    }
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
    if let Some(g) = &args.group {
        eprintln!(
            "{}",
            i18n::maintenance::shared_with(ctx.lang, &path.display().to_string(), g)
        );
    }
    Ok(())
}

/// Gives `path` to group `gid` (the owner stays) with `mode`.
fn share(path: &Path, gid: u32, mode: u32) -> std::io::Result<()> {
    std::os::unix::fs::chown(path, None, Some(gid))?;
    // chown may clear the setgid bit; the mode goes on after it.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

fn is_shared(dir: &Path, gid: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir)
        .map(|m| m.gid() == gid && m.mode() & 0o2070 == 0o2070)
        .unwrap_or(false)
}
