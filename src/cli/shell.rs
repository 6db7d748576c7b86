//! `duban completions SHELL` and `duban man`: the shell's help, made from the same command tree
//! as `--help`, so in the UI language too (issue 24 section 3).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CmdResult, Ctx, Failure};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// bash, zsh or fish
    #[arg(value_enum)]
    shell: ShellArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write one page per command into this directory (default: duban.1 on standard output)
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replace pages already in the directory
    #[arg(long)]
    force: bool,
}

pub fn completions(ctx: &Ctx, args: CompletionsArgs) -> CmdResult {
    let shell = match args.shell {
        ShellArg::Bash => clap_complete::Shell::Bash,
        ShellArg::Zsh => clap_complete::Shell::Zsh,
        ShellArg::Fish => clap_complete::Shell::Fish,
    };
    let mut cmd = super::help::command(ctx.lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "duban", &mut script);
    ctx.out(&String::from_utf8_lossy(&script))
}

pub fn man(ctx: &Ctx, args: ManArgs) -> CmdResult {
    let cmd = super::help::command(ctx.lang);
    let Some(dir) = args.output else {
        return ctx.out(&page(ctx, &cmd)?);
    };
    if !dir.is_dir() {
        return Err(Failure::User(crate::i18n::cli_error::not_a_directory(
            ctx.lang,
            &dir.display().to_string(),
        )));
    }
    // Every page is checked before any is written: a refusal leaves the directory as it was.
    let database = ctx.db_path().unwrap_or_default();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    let mut targets = Vec::new();
    for sub in &pages {
        let path = dir.join(format!("{}.1", name_of(sub)));
        targets.push((ctx.output(&path, &database, args.force)?, page(ctx, sub)?));
    }
    for (target, text) in &targets {
        target
            .write(|f| std::io::Write::write_all(f, text.as_bytes()))
            .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?;
    }
    eprintln!(
        "{}",
        crate::i18n::cli_error::man_written(ctx.lang, targets.len(), &shown(&dir))
    );
    Ok(())
}

fn shown(dir: &Path) -> String {
    crate::outfile::shown(dir)
}

/// Every command that gets a page: duban and its subcommands, not clap's `help`.
fn collect<'a>(cmd: &'a clap::Command, out: &mut Vec<&'a clap::Command>) {
    out.push(cmd);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, out);
    }
}

/// "duban-close-apply" for `duban close apply` (clap sets the display name when it builds).
fn name_of(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

/// One man page; its headings and clap's notes in the UI language.
fn page(ctx: &Ctx, cmd: &clap::Command) -> Result<String, Failure> {
    let man = clap_mangen::Man::new(cmd.clone()).title(name_of(cmd).to_uppercase());
    let mut out = Vec::new();
    man.render(&mut out)
        .map_err(|e| Failure::Internal(color_eyre::Report::new(e)))?;
    let text = String::from_utf8_lossy(&out).into_owned();
    Ok(if ctx.lang.zh() {
        super::help::localize_rendered(&text)
    } else {
        text
    })
}
