//! clap's refusals (an unknown flag, a bad value, a missing argument) as one line in the UI
//! language, like every other refusal: what was wrong, clap's suggestion, where to read more.

use super::{Lang, pick};

/// What clap found wrong with the command line.
pub enum Problem {
    UnknownArgument {
        arg: String,
    },
    UnknownCommand {
        name: String,
    },
    InvalidValue {
        arg: String,
        value: String,
        valid: Vec<String>,
    },
    /// A value its parser refused (a number that is not one), with the parser's reason.
    BadValue {
        arg: String,
        value: String,
        why: String,
    },
    Missing {
        args: Vec<String>,
    },
    MissingCommand,
    Conflict {
        arg: String,
        with: String,
    },
    ValueCount {
        arg: String,
    },
    NoEquals {
        arg: String,
    },
    /// Anything else: clap's own first line.
    Other {
        clap: String,
    },
}

/// The one line: the problem, then the suggestion, then "see `duban close apply --help`".
pub fn message(lang: Lang, problem: &Problem, suggestions: &[String], command: &str) -> String {
    let what = match problem {
        Problem::UnknownArgument { arg } => pick(
            lang,
            format!("没有 {arg} 这个选项"),
            format!("unexpected argument '{arg}'"),
        ),
        Problem::UnknownCommand { name } => pick(
            lang,
            format!("没有 {name} 这个命令"),
            format!("unrecognized subcommand '{name}'"),
        ),
        Problem::InvalidValue { arg, value, .. } if value.is_empty() => pick(
            lang,
            format!("{arg} 后面缺少值"),
            format!("a value is required for '{arg}'"),
        ),
        Problem::InvalidValue { arg, value, valid } if valid.is_empty() => pick(
            lang,
            format!("{arg} 的值“{value}”无效"),
            format!("invalid value '{value}' for '{arg}'"),
        ),
        Problem::InvalidValue { arg, value, valid } => pick(
            lang,
            format!("{arg} 的值“{value}”无效,可选:{}", valid.join("、")),
            format!(
                "invalid value '{value}' for '{arg}' (possible values: {})",
                valid.join(", ")
            ),
        ),
        Problem::BadValue { arg, value, why } => pick(
            lang,
            match parser_reason_zh(why) {
                Some(reason) => format!("{arg} 的值“{value}”无效:{reason}"),
                None => format!("{arg} 的值“{value}”无效"),
            },
            if why.is_empty() {
                format!("invalid value '{value}' for '{arg}'")
            } else {
                format!("invalid value '{value}' for '{arg}': {why}")
            },
        ),
        Problem::Missing { args } => pick(
            lang,
            format!("缺少必填项:{}", args.join("、")),
            format!("required arguments were not provided: {}", args.join(", ")),
        ),
        Problem::MissingCommand => pick(
            lang,
            "缺少命令".to_string(),
            "a subcommand is required".to_string(),
        ),
        Problem::Conflict { arg, with } if arg == with => pick(
            lang,
            format!("{arg} 只能给一次"),
            format!("'{arg}' cannot be used more than once"),
        ),
        Problem::Conflict { arg, with } => pick(
            lang,
            format!("{arg} 不能与 {with} 同时使用"),
            format!("'{arg}' cannot be used with '{with}'"),
        ),
        Problem::ValueCount { arg } => pick(
            lang,
            format!("{arg} 的值个数不对"),
            format!("wrong number of values for '{arg}'"),
        ),
        Problem::NoEquals { arg } => pick(
            lang,
            format!("{arg} 须用 = 给值(如 {arg}=值)"),
            format!("'{arg}' needs its value after '=' ({arg}=VALUE)"),
        ),
        Problem::Other { clap } => pick(lang, format!("命令行有误:{clap}"), clap.to_string()),
    };
    let hint = if suggestions.is_empty() {
        String::new()
    } else {
        pick(
            lang,
            format!(";是否要用 {}?", suggestions.join(" 或 ")),
            format!("; did you mean '{}'?", suggestions.join("' or '")),
        )
    };
    let see = pick(
        lang,
        format!("(用法见 {command} --help)"),
        format!(" (see {command} --help)"),
    );
    format!("{what}{hint}{see}")
}

/// `duban man -o` was given something that is not a directory.
pub fn not_a_directory(lang: Lang, path: &str) -> String {
    pick(
        lang,
        format!("{path} 不是已有的目录:-o 须给出存放手册页的目录"),
        format!("{path} is not an existing directory: -o takes the directory for the pages"),
    )
}

/// `duban man -o DIR` wrote its pages.
pub fn man_written(lang: Lang, pages: usize, dir: &str) -> String {
    pick(
        lang,
        format!("已写入 {pages} 个手册页到 {dir}"),
        format!("wrote {pages} manual pages into {dir}"),
    )
}

/// The standard parsers' reasons in Chinese (the numbers of `gen`); others are left out rather
/// than shown in English.
fn parser_reason_zh(why: &str) -> Option<&'static str> {
    match why {
        "invalid digit found in string" => Some("须是整数"),
        "number too large to fit in target type" => Some("数值过大"),
        "number too small to fit in target type" => Some("数值过小"),
        "cannot parse integer from empty string" => Some("不能为空"),
        // clap's ranged integers: "99999999999 is not in 0..=4294967295".
        w if w.contains(" is not in ") => Some("超出允许的范围"),
        _ => None,
    }
}
