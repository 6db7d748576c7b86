//! The command line's own words in the UI language (issue 24 section 3): `--help`, clap's
//! refusals, and the command tree the completions and man pages are made from.
//!
//! The English doc comments in src/cli/*.rs stay the source. For Chinese, the built command tree
//! is walked and each command's about and each argument's help replaced from the table in
//! src/i18n/help.rs, keyed by the command's path and the argument's id; clap's fixed words
//! ("Usage:", "[default: …]") are replaced in the rendered text. tests/help.rs fails when a
//! command or argument has no Chinese, or the table names one that no longer exists.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};

pub use super::help_text::{localize_help, localize_rendered};

use super::Cli;
use crate::i18n::help as zh;
use crate::i18n::{self, Lang};

/// The language asked for before clap has parsed anything: `--lang zh|en` (or `--lang=…`)
/// anywhere before a `--`, else the locale. An unknown value falls to the locale here; clap
/// refuses it afterwards, in that language.
pub fn lang_before_parse(args: &[OsString]) -> Lang {
    let mut iter = args.iter().skip(1);
    let mut asked = None;
    while let Some(arg) = iter.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().and_then(|v| v.to_str())
        } else {
            arg.strip_prefix("--lang=")
        };
        match value {
            Some("zh") => asked = Some(Lang::Zh),
            Some("en") => asked = Some(Lang::En),
            _ => {}
        }
    }
    asked.unwrap_or_else(Lang::from_env)
}

/// The whole command tree, built (help flags and `help` subcommands added, global flags copied
/// down), in the language: what parsing, `--help`, completions and man pages all use.
pub fn command(lang: Lang) -> Command {
    tree(lang, None)
}

/// The tree with help wrapped at `width` columns (clap's default, 100, when None).
pub fn tree(lang: Lang, width: Option<usize>) -> Command {
    let mut cmd = Cli::command();
    if lang.zh() {
        // clap breaks lines at spaces only, which Chinese has few of: it does not wrap, and
        // `localize_help` wraps the printed text at the width instead.
        cmd = cmd.term_width(0);
    } else if let Some(w) = width {
        cmd = cmd.term_width(w);
    }
    cmd.build();
    if lang.zh() { localize(cmd, &[]) } else { cmd }
}

/// The width of the terminal the user reads on, also when the help goes through a pipe
/// (`duban report --help | head`): crossterm asks the controlling terminal (/dev/tty) when
/// standard output is not one. No terminal at all (cron, tests): None.
fn terminal_width() -> Option<usize> {
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w >= 20)
}

/// The command path as the table keys it: subcommand names after `duban`, space-separated; the
/// copies clap puts under `help` are keyed as the commands they copy.
fn key(path: &[&str]) -> String {
    path.iter()
        .copied()
        .filter(|p| *p != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Chinese for a command, if the table has it.
pub fn command_text(path: &str) -> Option<&'static str> {
    zh::COMMANDS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The Chinese for an argument: its own entry, else (for a global flag copied down from
/// `duban`) the top command's.
pub fn arg_text(path: &str, id: &str, global: bool) -> Option<&'static str> {
    let find = |p: &str| {
        zh::ARGS
            .iter()
            .find(|(ap, aid, _)| *ap == p && *aid == id)
            .map(|(_, _, text)| *text)
    };
    find(path).or_else(|| if global { find("") } else { None })
}

/// Splits a text like a doc comment: the first paragraph is the summary, the whole the long
/// form (None when there is only the one paragraph).
fn split(text: &'static str) -> (&'static str, Option<&'static str>) {
    match text.split_once("\n\n") {
        Some((short, _)) => (short, Some(text)),
        None => (text, None),
    }
}

fn localize(cmd: Command, path: &[&str]) -> Command {
    let here = key(path);
    // clap's own `help` subcommand (the only command named so) has its own words.
    let is_help = path.last() == Some(&"help");
    let mut cmd = if is_help {
        cmd.about(zh::HELP_COMMAND).long_about(None)
    } else if let Some(text) = command_text(&here) {
        let (short, long) = split(text);
        cmd.about(short).long_about(long)
    } else {
        cmd
    };
    if cmd.has_subcommands() {
        cmd = cmd.subcommand_value_name(zh::value_name("COMMAND").unwrap_or("COMMAND"));
    }
    let long_help_exists =
        cmd.get_arguments().any(|a| a.get_long_help().is_some()) || cmd.get_long_about().is_some();
    cmd = cmd.mut_args(|arg| localize_arg(arg, &here, is_help, long_help_exists));
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        let mut sub_path = path.to_vec();
        sub_path.push(&name);
        localize(sub, &sub_path)
    })
}

fn localize_arg(arg: Arg, path: &str, in_help: bool, long_help_exists: bool) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let arg = match id.as_str() {
        // clap's own -h/--help and -V/--version.
        "help" if arg.get_long() == Some("help") => {
            if long_help_exists {
                arg.help(zh::HELP_FLAG_SHORT).long_help(zh::HELP_FLAG_LONG)
            } else {
                arg.help(zh::HELP_FLAG)
            }
        }
        "version" if arg.get_long() == Some("version") => arg.help(zh::VERSION_FLAG),
        // The `help` subcommand's argument: the commands to show the help of.
        _ if in_help => arg.help(zh::HELP_COMMAND_ARG),
        _ => match arg_text(path, &id, arg.is_global_set()) {
            Some(text) => with_text(arg, text),
            None => arg,
        },
    };
    // Values with their own (English) notes are not listed after the help: the Chinese entry
    // names them itself.
    let arg = if arg
        .get_possible_values()
        .iter()
        .any(|v| v.get_help().is_some())
    {
        arg.hide_possible_values(true)
    } else {
        arg
    };
    match arg.get_value_names().map(|v| v.to_vec()) {
        Some(names) if arg.get_action().takes_values() => {
            let names: Vec<clap::builder::Str> = names
                .iter()
                .map(|n| zh::value_name(n.as_str()).map_or_else(|| n.clone(), Into::into))
                .collect();
            arg.value_names(names)
        }
        _ => arg,
    }
}

fn with_text(arg: Arg, text: &'static str) -> Arg {
    let (short, long) = split(text);
    arg.help(short).long_help(long)
}

/// What parsing the command line came to when it did not give a command to run.
pub enum Stop {
    /// Help or the version, to print on stdout (exit 0) or, for a command given without its
    /// subcommand, on stderr (exit 2).
    Print {
        text: StyledStr,
        stderr: bool,
        code: u8,
    },
    /// A refusal: one line in the UI language, exit 2.
    Refused(String),
}

/// Parses the command line in the language; help, version and refusals come back as `Stop`.
pub fn parse(lang: Lang, args: Vec<OsString>) -> Result<Cli, Stop> {
    use clap::FromArgMatches;
    // A command line that parses needs no help text: clap's own lazy tree parses it, and the
    // whole tree, in the language, is built only to print help or a refusal.
    if let Ok(matches) = Cli::command().try_get_matches_from(&args)
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        return Ok(cli);
    }
    let cmd = tree(lang, terminal_width());
    let path = command_path(&cmd, &args);
    let matches = cmd
        .try_get_matches_from(args)
        .map_err(|e| stop(lang, &e, &path))?;
    Cli::from_arg_matches(&matches).map_err(|e| stop(lang, &e, &path))
}

/// "duban close apply": the subcommands named on the command line, for errors whose usage clap
/// does not give.
fn command_path(cmd: &Command, args: &[OsString]) -> String {
    let mut path = vec!["duban".to_string()];
    let mut here = cmd;
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = here
            .get_subcommands()
            .find(|s| s.get_name() == arg && arg != "help")
        {
            path.push(arg.to_string());
            here = sub;
        }
    }
    path.join(" ")
}

/// Prints what parsing stopped at and gives the exit code: help on stdout (stderr when it stands
/// for a refusal), in colour on a terminal unless NO_COLOR or --no-color says otherwise.
pub fn stopped(lang: Lang, args: &[OsString], stop: Stop) -> std::process::ExitCode {
    use std::io::{IsTerminal, Write};
    match stop {
        Stop::Print { text, stderr, code } => {
            let terminal = if stderr {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
                || args.iter().any(|a| a == "--no-color");
            let mut shown = if terminal && !no_color {
                text.ansi().to_string()
            } else {
                text.to_string()
            };
            if lang.zh() {
                shown = localize_help(&shown, terminal_width().unwrap_or(100));
            }
            // A closed pipe (`duban --help | head`) is not an error.
            let _ = if stderr {
                std::io::stderr().lock().write_all(shown.as_bytes())
            } else {
                std::io::stdout().lock().write_all(shown.as_bytes())
            };
            std::process::ExitCode::from(code)
        }
        Stop::Refused(line) => {
            eprintln!("duban: {}", crate::report::text::visible(&line));
            std::process::ExitCode::from(2)
        }
    }
}

fn stop(lang: Lang, e: &clap::Error, path: &str) -> Stop {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Stop::Print {
            text: e.render(),
            stderr: e.use_stderr(),
            code: u8::try_from(e.exit_code()).unwrap_or(2),
        },
        _ => Stop::Refused(refusal(lang, e, path)),
    }
}

/// A clap error as one line: what was wrong, a suggestion when clap has one, and where to look.
fn refusal(lang: Lang, e: &clap::Error, path: &str) -> String {
    let one = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let many = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let command = match one(ContextKind::Usage) {
        Some(usage) => command_of_usage(&usage),
        None => path.to_string(),
    };
    use i18n::cli_error::Problem;
    let problem = match e.kind() {
        ErrorKind::UnknownArgument => Problem::UnknownArgument {
            arg: one(ContextKind::InvalidArg).unwrap_or_default(),
        },
        ErrorKind::InvalidSubcommand => Problem::UnknownCommand {
            name: one(ContextKind::InvalidSubcommand).unwrap_or_default(),
        },
        ErrorKind::InvalidValue => Problem::InvalidValue {
            arg: one(ContextKind::InvalidArg).unwrap_or_default(),
            value: one(ContextKind::InvalidValue).unwrap_or_default(),
            valid: many(ContextKind::ValidValue),
        },
        ErrorKind::ValueValidation => Problem::BadValue {
            arg: one(ContextKind::InvalidArg).unwrap_or_default(),
            value: one(ContextKind::InvalidValue).unwrap_or_default(),
            why: std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        },
        ErrorKind::MissingRequiredArgument => Problem::Missing {
            args: many(ContextKind::InvalidArg),
        },
        ErrorKind::MissingSubcommand => Problem::MissingCommand,
        ErrorKind::ArgumentConflict => Problem::Conflict {
            arg: one(ContextKind::InvalidArg).unwrap_or_default(),
            with: one(ContextKind::PriorArg).unwrap_or_default(),
        },
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            Problem::ValueCount {
                arg: one(ContextKind::InvalidArg).unwrap_or_default(),
            }
        }
        ErrorKind::NoEquals => Problem::NoEquals {
            arg: one(ContextKind::InvalidArg).unwrap_or_default(),
        },
        _ => Problem::Other {
            clap: first_line(e),
        },
    };
    let suggestion = match many(ContextKind::SuggestedSubcommand) {
        subs if !subs.is_empty() => Some(subs),
        _ => one(ContextKind::SuggestedArg).map(|s| vec![s]),
    };
    i18n::cli_error::message(
        lang,
        &problem,
        suggestion.as_deref().unwrap_or(&[]),
        &command,
    )
}

/// clap's own message without "error: " and the lines after the first.
fn first_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let line = text.lines().next().unwrap_or("").trim();
    line.strip_prefix("error:")
        .unwrap_or(line)
        .trim()
        .to_string()
}

/// "duban close apply" from "Usage: duban close apply [OPTIONS] --task <TASK>".
fn command_of_usage(usage: &str) -> String {
    let usage = usage.trim();
    let usage = usage
        .strip_prefix("Usage:")
        .unwrap_or(usage)
        .lines()
        .next()
        .unwrap_or("");
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "duban".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_clap_parses() {
        assert_eq!(
            lang_before_parse(&os(&["duban", "--lang", "zh", "status"])),
            Lang::Zh
        );
        assert_eq!(
            lang_before_parse(&os(&["duban", "status", "--lang=zh"])),
            Lang::Zh
        );
        assert_eq!(
            lang_before_parse(&os(&["duban", "status", "--lang", "en", "--lang", "zh"])),
            Lang::Zh
        );
        // After `--` it is a value, not the flag.
        assert_ne!(
            lang_before_parse(&os(&["duban", "--lang", "en", "--", "--lang", "zh"])),
            Lang::Zh
        );
    }

    #[test]
    fn the_command_is_read_from_the_usage() {
        assert_eq!(
            command_of_usage("Usage: duban close apply [OPTIONS] --task <TASK>"),
            "duban close apply"
        );
        assert_eq!(command_of_usage(""), "duban");
    }
}
