//! What text the record accepts, and how long it may be.
//!
//! A name, a title or a note is read later on other people's terminals, in circulars and in
//! sheets; a control character in it (an escape sequence that retitles or clears a terminal, a
//! NUL that cuts a cell) is never something an office meant to write, so the store refuses it at
//! the door with a message, and every output also shows whatever an old file holds visibly
//! (`report::text::visible`). The limits are far above anything an office writes (the longest
//! task text in the corpus is under 600 characters, the longest note in real reports under 2,000)
//! and low enough that one row cannot fill a screen, a sheet cell or a reader's memory.

/// The most characters a name may have: a department, an alias, a clerk's display name, an
/// indicator, a section or a plan's title.
pub const MAX_NAME_CHARS: usize = 100;
/// The most characters a task's title (its text) may have.
pub const MAX_TITLE_CHARS: usize = 2_000;
/// The most characters a note may have: a progress report, an indicator figure's note.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// What kind of text is checked: the rule and the limit follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One line, at most `MAX_NAME_CHARS`.
    Name,
    /// One line, at most `MAX_TITLE_CHARS`.
    Title,
    /// Several lines (newline and tab allowed), at most `MAX_NOTE_CHARS`.
    Note,
}

impl TextKind {
    pub fn max_chars(self) -> usize {
        match self {
            TextKind::Name => MAX_NAME_CHARS,
            TextKind::Title => MAX_TITLE_CHARS,
            TextKind::Note => MAX_NOTE_CHARS,
        }
    }

    fn allows(self, c: char) -> bool {
        !c.is_control() || (self == TextKind::Note && (c == '\n' || c == '\t'))
    }
}

/// Which text of the record is checked: names the field in a refusal and picks its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    DepartmentName,
    Alias,
    DisplayName,
    IndicatorName,
    /// An indicator's unit of measure (亿元, %).
    Measure,
    PlanTitle,
    SectionTitle,
    TaskTitle,
    TaskNumber,
    /// A task's body text (the plan's words under its title).
    TaskBody,
    DeadlineText,
    Note,
    /// A 督办单's reason or requirement, a reply, or a review's note (a note's rules).
    NoticeText,
    /// A key project's owner (建设单位).
    ProjectOwner,
    /// A milestone's name (节点).
    MilestoneName,
}

impl TextField {
    pub fn kind(self) -> TextKind {
        match self {
            TextField::DepartmentName
            | TextField::Alias
            | TextField::DisplayName
            | TextField::Measure
            | TextField::TaskNumber
            | TextField::ProjectOwner
            | TextField::MilestoneName => TextKind::Name,
            TextField::PlanTitle
            | TextField::IndicatorName
            | TextField::SectionTitle
            | TextField::TaskTitle
            | TextField::DeadlineText => TextKind::Title,
            TextField::TaskBody | TextField::Note | TextField::NoticeText => TextKind::Note,
        }
    }
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character (ESC, NUL, a carriage return…), at this character position (from 1).
    Control { code: u32, at: usize },
    /// Longer than the kind allows.
    TooLong { chars: usize, max: usize },
}

/// Checks `text` against the rule for `kind`.
pub fn check(kind: TextKind, text: &str) -> Result<(), TextProblem> {
    let mut chars = 0;
    for c in text.chars() {
        chars += 1;
        if !kind.allows(c) {
            return Err(TextProblem::Control {
                code: c as u32,
                at: chars,
            });
        }
    }
    let max = kind.max_chars();
    if chars > max {
        return Err(TextProblem::TooLong { chars, max });
    }
    Ok(())
}

/// Checks the text of `field`.
pub fn check_field(field: TextField, text: &str) -> Result<(), TextProblem> {
    check(field.kind(), text)
}

/// How a control character is named in a message: `ESC`, `CR`, `U+0085`.
pub fn control_name(code: u32) -> String {
    match code {
        0x00 => "NUL".into(),
        0x07 => "BEL".into(),
        0x08 => "BS".into(),
        0x09 => "TAB".into(),
        0x0a => "LF".into(),
        0x0d => "CR".into(),
        0x1b => "ESC".into(),
        0x7f => "DEL".into(),
        c => format!("U+{c:04X}"),
    }
}

/// What a Chinese input method types for digits and signs, as ASCII: `２０２６－１１` is `2026-11`,
/// `＋１０` is `+10`. Trimmed. Every parser of typed days, periods and percents reads through it.
pub fn ascii_digits(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' => '-',
            '＋' => '+',
            other => other,
        })
        .collect()
}

/// A note as typed or piped: Windows line ends become newlines, the way a text box would keep
/// them. Only the line ends: anything else the rule refuses is refused, never dropped.
pub fn normalise_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_titles_are_one_line_without_controls() {
        assert_eq!(check(TextKind::Name, "区发改局"), Ok(()));
        assert_eq!(
            check(TextKind::Name, "区\u{1b}[2J"),
            Err(TextProblem::Control { code: 0x1b, at: 2 })
        );
        assert_eq!(
            check(TextKind::Title, "一行\n两行"),
            Err(TextProblem::Control { code: 0x0a, at: 3 })
        );
        assert_eq!(
            check(TextKind::Name, "a\u{85}"),
            Err(TextProblem::Control { code: 0x85, at: 2 })
        );
    }

    #[test]
    fn notes_keep_newlines_and_tabs_but_no_other_control() {
        assert_eq!(check(TextKind::Note, "进展情况:完成\n\t下一步"), Ok(()));
        assert_eq!(
            check(TextKind::Note, "完成\r"),
            Err(TextProblem::Control { code: 0x0d, at: 3 })
        );
        assert_eq!(
            check(TextKind::Note, "\u{1b}]0;TITLE\u{1b}\\"),
            Err(TextProblem::Control { code: 0x1b, at: 1 })
        );
        assert_eq!(normalise_line_ends("a\r\nb"), "a\nb");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let name: String = "局".repeat(MAX_NAME_CHARS);
        assert_eq!(check(TextKind::Name, &name), Ok(()));
        assert_eq!(
            check(TextKind::Name, &format!("{name}局")),
            Err(TextProblem::TooLong {
                chars: MAX_NAME_CHARS + 1,
                max: MAX_NAME_CHARS
            })
        );
        let note = "字".repeat(MAX_NOTE_CHARS + 1);
        assert!(matches!(
            check(TextKind::Note, &note),
            Err(TextProblem::TooLong { .. })
        ));
        assert_eq!(control_name(0x1b), "ESC");
        assert_eq!(control_name(0x85), "U+0085");
    }
}
