//! Help text as printed in Chinese: clap's fixed words replaced ("Usage:" → "用法:"), and lines
//! wrapped between characters, since clap breaks lines at spaces only and Chinese has few.

use crate::i18n::help as zh;

/// clap's fixed words in a rendered help or man page, in Chinese: the headings at the start of a
/// line ("Usage:", "Options:") and the bracketed notes ("[default: md]").
pub fn localize_rendered(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A heading may come after colour codes: look past them.
        let start = escapes_len(line);
        let (codes, rest) = line.split_at(start);
        out.push_str(codes);
        match zh::HEADINGS.iter().find(|(en, _)| rest.starts_with(en)) {
            Some((en, cn)) => {
                out.push_str(cn);
                out.push_str(&rest[en.len()..]);
            }
            None => out.push_str(rest),
        }
    }
    for (en, cn) in zh::FRAGMENTS {
        if out.contains(en) {
            out = out.replace(en, cn);
        }
    }
    out
}

/// Help as printed in Chinese: clap's words replaced, and lines clap could not break re-wrapped
/// at `width` columns (clap breaks at spaces only, and a Chinese sentence has none).
pub fn localize_help(text: &str, width: usize) -> String {
    wrap_wide(&localize_rendered(text), width)
}

/// Breaks each line wider than `width` between characters, never inside an ASCII word; the
/// lines it adds start at the column the line's text starts (after the flag, or the indent).
fn wrap_wide(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let start = text_start(line);
        let indent = plain(&line[..start]).width();
        if plain(line).width() <= width || indent + 12 > width {
            out.push_str(line);
            continue;
        }
        out.push_str(&line[..start]);
        let mut col = indent;
        // The last character put on this line when it is a Chinese one: it moves down with a
        // closing mark (",", "、", ")") so that no line starts with one.
        let mut last: Option<(usize, usize, &str)> = None;
        for token in tokens(&line[start..]) {
            let w = plain(token).width();
            if col + w > width && col > indent {
                let carried = match last {
                    Some((at, lw, prev))
                        if col - lw > indent
                            && ((closes(token) && !prev.is_ascii()) || opens(prev)) =>
                    {
                        let c = out.split_off(at);
                        Some((c, lw))
                    }
                    _ => None,
                };
                // No space left at the end of the line it ends.
                out.truncate(out.trim_end_matches(' ').len());
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
                if let Some((c, lw)) = carried {
                    out.push_str(&c);
                    col += lw;
                }
                if token == " " {
                    last = None;
                    continue;
                }
            }
            last = (!token.starts_with('\u{1b}') && token != " ").then_some((out.len(), w, token));
            out.push_str(token);
            col += w;
        }
    }
    out
}

/// A piece no line should start with: closing punctuation.
fn closes(token: &str) -> bool {
    token.starts_with([
        ',', ';', ':', ')', ']', '.', '、', '。', '”', '」', '）', '，', '；', '：',
    ])
}

/// A piece no line should end with: opening punctuation.
fn opens(token: &str) -> bool {
    token.ends_with(['(', '[', '“', '「', '（'])
}

/// Where a line's text starts: after the last run of two or more spaces that follows its first
/// word (the column clap aligns help at), else after its indent.
fn text_start(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let bytes = line.as_bytes();
    let mut start = indent;
    let mut i = indent;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let run = bytes[i..].iter().take_while(|b| **b == b' ').count();
            if run >= 2 && i + run < bytes.len() {
                start = i + run;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    start
}

/// The pieces a line may break between: a colour code, a space, a run of other ASCII (a word,
/// a flag, a path, with its punctuation), or one other character.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c == '\u{1b}' {
            escapes_len(rest).max(1)
        } else if c == ' ' {
            1
        } else if c.is_ascii() {
            rest.find(|d: char| !d.is_ascii() || d == ' ' || d == '\u{1b}')
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// A text without its colour codes, for measuring.
fn plain(text: &str) -> String {
    tokens(text)
        .into_iter()
        .filter(|t| !t.starts_with('\u{1b}'))
        .collect()
}

/// The length of the ANSI escape sequences a line starts with.
fn escapes_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    while bytes.get(i) == Some(&0x1b) && bytes.get(i + 1) == Some(&b'[') {
        match bytes[i + 2..].iter().position(|b| b.is_ascii_alphabetic()) {
            Some(end) => i += end + 3,
            None => break,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_replaced_at_the_start_of_a_line_only() {
        let text = "Usage: duban status [OPTIONS]\n\nOptions:\n  --json  Options: kept\n\x1b[1m\x1b[4mCommands:\x1b[0m";
        let out = localize_rendered(text);
        assert!(out.starts_with("用法: duban status [选项]"), "{out}");
        assert!(out.contains("\n选项:\n"), "{out}");
        assert!(out.contains("Options: kept"), "{out}");
        assert!(out.contains("\x1b[1m\x1b[4m命令:"), "{out}");
    }

    #[test]
    fn chinese_lines_wrap_at_the_help_column_and_not_inside_words() {
        use unicode_width::UnicodeWidthStr;
        let line = format!(
            "  extend       {}",
            "延期申请:责任单位 --dept 在完成时限前提出".repeat(4)
        );
        let out = wrap_wide(&line, 40);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 3, "{out}");
        for l in &lines {
            assert!(l.width() <= 40, "{l:?}");
        }
        for l in &lines[1..] {
            assert!(
                l.starts_with(&" ".repeat(15)) && !l[15..].starts_with(' '),
                "{l:?}"
            );
        }
        assert!(
            !out.contains("--de\n") && out.matches("--dept").count() == 4,
            "{out}"
        );
        assert!(out.lines().all(|l| !l.ends_with(' ')), "{out}");
        // A closing mark never starts a line: the character before it comes along; an opening
        // one never ends a line.
        let out = wrap_wide(&format!("{}一二,三四", "字".repeat(15)), 34);
        assert!(out.lines().all(|l| !l.starts_with(',')), "{out}");
        assert!(out.contains("\n二,三四"), "{out}");
        let out = wrap_wide(&format!("{}一(二三", "字".repeat(15)), 33);
        assert!(out.contains("\n(二三"), "{out}");
        // A line that fits, or English clap already wrapped, is left alone.
        assert_eq!(
            wrap_wide("  -h, --help  显示帮助", 40),
            "  -h, --help  显示帮助"
        );
    }
}
