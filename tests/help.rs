//! The shell's help (issue 24 section 3): `--help` in the UI language for every command and
//! flag, clap's refusals as one line, completions and man pages.
//!
//! The Chinese lives in one table (src/i18n/help.rs) keyed by command path and argument id; the
//! first tests here walk the whole command tree so that a new flag without Chinese, or Chinese
//! for a flag that is gone, fails instead of going stale quietly.

#[path = "support/cli.rs"]
mod cli;

use std::collections::BTreeSet;

use clap::Command;
use cli::{duban, duban_en};
use duban::cli::help::{self, arg_text, command_text};
use duban::i18n::Lang;
use duban::i18n::help::{ARGS, COMMANDS};

fn stdout(o: &std::process::Output) -> String {
    cli::out(o)
}

fn stderr(o: &std::process::Output) -> String {
    cli::err(o)
}

/// The binary with `LANG` as given.
fn with_lang(args: &[&str], lang: &str) -> std::process::Output {
    cli::command()
        .args(args)
        .env("LANG", lang)
        .output()
        .unwrap()
}

/// Every command of the tree with its path as the table keys it ("close apply"), without clap's
/// own `help` subcommands (their words are fixed in src/cli/help.rs).
fn commands(cmd: &Command) -> Vec<(String, &Command)> {
    fn walk<'a>(cmd: &'a Command, path: &str, out: &mut Vec<(String, &'a Command)>) {
        out.push((path.to_string(), cmd));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, "", &mut out);
    out
}

/// Arguments whose Chinese is not in the table, and why.
fn exempt(id: &str) -> bool {
    // clap's own -h/--help and -V/--version: their words are fixed in src/cli/help.rs.
    id == "help" || id == "version"
}

#[test]
fn every_command_and_argument_has_chinese_and_the_table_names_nothing_that_is_gone() {
    let tree = help::command(Lang::En);
    let mut missing = Vec::new();
    let mut paths = BTreeSet::new();
    let mut args = BTreeSet::new();
    for (path, cmd) in commands(&tree) {
        paths.insert(path.clone());
        match command_text(&path) {
            None => missing.push(format!("command {path:?}: no entry in COMMANDS")),
            // An English example or second paragraph must not vanish in Chinese.
            Some(zh) => {
                let en = cmd
                    .get_long_about()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                if en.contains("Example:") && !zh.contains("示例:") {
                    missing.push(format!("command {path:?}: the English has an example"));
                }
                if en.contains("\n\n") && !zh.contains("\n\n") {
                    missing.push(format!("command {path:?}: the English has a long form"));
                }
            }
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if exempt(id) {
                continue;
            }
            // A global flag copied down is keyed once, at duban itself.
            if arg.is_global_set() && !path.is_empty() {
                continue;
            }
            args.insert((path.clone(), id.to_string()));
            if arg_text(&path, id, false).is_none() {
                missing.push(format!("argument {path:?} {id:?}: no entry in ARGS"));
            }
        }
    }
    for (path, _) in COMMANDS {
        if !paths.contains(*path) {
            missing.push(format!(
                "COMMANDS has {path:?}, which is no longer a command"
            ));
        }
    }
    for (path, id, _) in ARGS {
        if !args.contains(&(path.to_string(), id.to_string())) {
            missing.push(format!(
                "ARGS has {path:?} {id:?}, which is no longer an argument"
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (path, id, _) in ARGS {
        if !seen.insert((path, id)) {
            missing.push(format!("ARGS has {path:?} {id:?} twice"));
        }
    }
    assert!(
        missing.is_empty(),
        "the Chinese help (src/i18n/help.rs) is out of step with src/cli:\n{}",
        missing.join("\n")
    );
}

/// Every help page of the tree, short and long, as printed in the language at `width`.
fn every_page(lang: Lang, width: usize) -> Vec<(String, String)> {
    let mut tree = help::tree(lang, Some(width));
    let mut out = Vec::new();
    fn walk(
        cmd: &mut Command,
        path: String,
        lang: Lang,
        width: usize,
        out: &mut Vec<(String, String)>,
    ) {
        for long in [false, true] {
            let text = if long {
                cmd.render_long_help()
            } else {
                cmd.render_help()
            };
            let text = text.to_string();
            let text = if lang.zh() {
                help::localize_help(&text, width)
            } else {
                text
            };
            out.push((
                format!("{path} ({})", if long { "--help" } else { "-h" }),
                text,
            ));
        }
        for sub in cmd.get_subcommands_mut() {
            let p = format!("{path} {}", sub.get_name());
            walk(sub, p, lang, width, out);
        }
    }
    walk(&mut tree, "duban".into(), lang, width, &mut out);
    out
}

#[test]
fn no_english_is_left_in_the_chinese_help() {
    let english: Vec<String> = commands(&help::command(Lang::En))
        .iter()
        .flat_map(|(_, cmd)| {
            let about = cmd.get_about().map(|s| s.to_string());
            let args: Vec<String> = cmd
                .get_arguments()
                .flat_map(|a| {
                    // The notes of an argument's values (`PresetKind::Notice`'s) too.
                    let values = a
                        .get_possible_values()
                        .into_iter()
                        .filter_map(|v| v.get_help().map(|h| h.to_string()));
                    a.get_help()
                        .map(|h| h.to_string())
                        .into_iter()
                        .chain(values)
                })
                .collect();
            about.into_iter().chain(args)
        })
        .collect();
    let clap_words = [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "[OPTIONS]",
        "<COMMAND>",
        "Print help",
        "Print version",
        "Print this message",
        "possible values",
        "[default:",
    ];
    let pages = every_page(Lang::Zh, 100);
    assert!(pages.len() > 100, "{}", pages.len());
    for (page, text) in &pages {
        for word in clap_words {
            assert!(!text.contains(word), "{page} has {word:?}:\n{text}");
        }
        for en in &english {
            assert!(!text.contains(en.as_str()), "{page} has {en:?}:\n{text}");
        }
    }
    // The English pages are English: the same check the other way round.
    for (page, text) in every_page(Lang::En, 100) {
        assert!(text.contains("Usage:"), "{page}:\n{text}");
        assert!(!text.contains("用法"), "{page}:\n{text}");
    }
}

#[test]
fn chinese_help_fits_eighty_columns() {
    use unicode_width::UnicodeWidthStr;
    for (page, text) in every_page(Lang::Zh, 80) {
        for line in text.lines() {
            assert!(
                line.width() <= 80,
                "{page}: {} columns: {line}",
                line.width()
            );
        }
    }
}

#[test]
fn the_language_comes_from_lang_or_the_flag() {
    let zh_flag = duban_en(&["--lang", "zh", "close", "--help"]);
    assert_eq!(zh_flag.status.code(), Some(0), "{}", stderr(&zh_flag));
    let out = stdout(&zh_flag);
    assert!(
        out.contains("用法: duban close") && out.contains("办结销号"),
        "{out}"
    );
    assert!(!out.contains("Usage"), "{out}");

    let zh_env = duban(&["status", "--help"]);
    let out = stdout(&zh_env);
    assert!(
        out.contains("各单位进度概况") && out.contains("选项:"),
        "{out}"
    );

    let en_flag = duban(&["--lang", "en", "status", "--help"]);
    let out = stdout(&en_flag);
    assert!(
        out.contains("Usage: duban status") && out.contains("Options:"),
        "{out}"
    );
    assert!(!out.contains("选项"), "{out}");

    let c = with_lang(&["notice", "issue", "--help"], "C");
    let out = stdout(&c);
    assert!(out.contains("Example: duban notice issue"), "{out}");

    // The flag after the command counts too, and the last one wins, as clap's value does.
    let late = duban_en(&["tasks", "-h", "--lang", "zh"]);
    assert!(stdout(&late).contains("任务清单"), "{}", stdout(&late));
}

#[test]
fn clap_refusals_are_one_line_in_the_ui_language() {
    for (args, zh, en) in [
        (
            &["status", "--bogus"][..],
            "没有 --bogus 这个选项(用法见 duban status --help)",
            "unexpected argument '--bogus' (see duban status --help)",
        ),
        (
            &["statsu"],
            "没有 statsu 这个命令;是否要用",
            "unrecognized subcommand 'statsu'; did you mean",
        ),
        (
            &["--lang", "fr"],
            "--lang <语言> 的值“fr”无效,可选:zh、en",
            "invalid value 'fr' for '--lang <LANG>' (possible values: zh, en)",
        ),
        (
            &["close", "apply", "--task", "3"],
            "缺少必填项:--note <文字>(用法见 duban close apply --help)",
            "required arguments were not provided: --note <TEXT>",
        ),
        (
            &["status", "--dept"],
            "--dept <名称> 后面缺少值(用法见 duban status --help)",
            "a value is required for '--dept <NAME>'",
        ),
        (
            &["gen", "x.db", "--tasks", "many"],
            "--tasks <数量> 的值“many”无效:须是整数(用法见 duban gen --help)",
            "invalid value 'many' for '--tasks <TASKS>': invalid digit found in string (see duban gen --help)",
        ),
    ] {
        let o = duban(args);
        cli::assert_refused(&o, 2, zh);
        if args[0] == "statsu" {
            assert!(stderr(&o).contains("status"), "{}", stderr(&o));
        }
        let mut en_args = vec!["--lang", "en"];
        en_args.extend_from_slice(args);
        if args[0] == "--lang" {
            en_args = args.to_vec();
            let o = duban_en(&en_args);
            cli::assert_refused(&o, 2, en);
            continue;
        }
        let o = duban(&en_args);
        cli::assert_refused(&o, 2, en);
    }
}

#[test]
fn completions_for_three_shells_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef duban"),
        ("fish", "complete -c duban"),
    ] {
        let o = duban_en(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}: {script}");
        for name in ["status", "close", "notice", "attach", "completions", "man"] {
            assert!(script.contains(name), "{shell} lacks {name}");
        }
    }
    // zsh and fish show each command's about: in Chinese when the UI is.
    let zsh = stdout(&duban(&["completions", "zsh"]));
    assert!(
        zsh.contains("申请办结") && !zsh.contains("Apply to close"),
        "{zsh}"
    );
    let fish = stdout(&duban(&["completions", "fish"]));
    assert!(fish.contains("填报进度"), "{fish}");
    let o = duban(&["completions", "powershell"]);
    cli::assert_refused(&o, 2, "powershell");
}

#[test]
fn the_man_page_and_one_page_per_command() {
    let en = stdout(&duban_en(&["man"]));
    assert!(en.starts_with(".ie") || en.contains(".TH DUBAN 1"), "{en}");
    assert!(en.contains(".TH DUBAN 1"), "{en}");
    for name in ["status", "close", "notice", "backup"] {
        assert!(en.contains(name), "man lacks {name}");
    }
    let zh = stdout(&duban(&["man"]));
    assert!(zh.contains(".SH 名称") && zh.contains("办结销号"), "{zh}");
    assert!(!zh.contains(".SH OPTIONS"), "{zh}");

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = duban_en(&["man", "-o", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let apply = std::fs::read_to_string(dir.path().join("duban-close-apply.1")).unwrap();
    assert!(
        apply.contains(".TH DUBAN-CLOSE-APPLY 1") && apply.contains("note"),
        "{apply}"
    );
    assert!(dir.path().join("duban.1").is_file());
    assert!(!dir.path().join("duban-help.1").exists());
    // A second run does not replace the pages without --force.
    std::fs::write(dir.path().join("duban-status.1"), "mine").unwrap();
    let o = duban(&["man", "-o", d]);
    cli::assert_refused(&o, 2, "已存在;要替换它请加 --force");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("duban-status.1")).unwrap(),
        "mine"
    );
    let o = duban(&["man", "-o", d, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let status = std::fs::read_to_string(dir.path().join("duban-status.1")).unwrap();
    assert!(status.contains("各单位进度概况"), "{status}");
    // -o names a directory; a file is refused in one line.
    let o = duban(&["man", "-o", dir.path().join("duban.1").to_str().unwrap()]);
    cli::assert_refused(&o, 2, "目录");
}
