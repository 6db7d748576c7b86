//! A text field that edits Chinese correctly: the caret moves by character, columns are counted
//! in display width (a Han character takes two), and long lines wrap by width, not by bytes.
//! Pure: the form's `update` edits it, `ui::form` draws it and puts the terminal cursor at
//! `caret_position`, so an IME's candidate window opens where the clerk is typing.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// An edit, as the keys ask for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Pasted text: line breaks kept in a multi-line field, turned into spaces otherwise.
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// One screen row up or down inside a multi-line field (by display column).
    Up,
    Down,
    /// A new line (Enter) in a multi-line field.
    Newline,
    /// Everything before the caret on its line (Ctrl-U, as in a shell).
    ClearToStart,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Byte index into `text`, always on a character boundary.
    caret: usize,
    /// The whole text is selected: the next character typed replaces it (the percent field
    /// opens this way, so a clerk types `60` over `40`).
    selected: bool,
    multiline: bool,
}

/// Where the caret is on screen, in rows and display columns from the field's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    pub row: usize,
    pub col: usize,
}

impl TextField {
    pub fn single(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            caret: text.len(),
            selected: false,
            multiline: false,
        }
    }

    pub fn multi(text: &str) -> TextField {
        TextField {
            multiline: true,
            ..TextField::single(text)
        }
    }

    /// The field with its whole text selected.
    pub fn selecting_all(mut self) -> TextField {
        self.selected = !self.text.is_empty();
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.caret = self.text.len();
        self.selected = false;
    }

    /// Applies an edit. `width` is the field's width on screen (for `Up`/`Down`).
    pub fn apply(&mut self, edit: Edit, width: usize) {
        let replacing = std::mem::take(&mut self.selected);
        match edit {
            Edit::Insert(c) => {
                if replacing {
                    self.text.clear();
                    self.caret = 0;
                }
                let c = if c == '\n' && !self.multiline { ' ' } else { c };
                if !c.is_control() || c == '\n' {
                    self.text.insert(self.caret, c);
                    self.caret += c.len_utf8();
                }
            }
            Edit::Paste(s) => {
                if replacing {
                    self.text.clear();
                    self.caret = 0;
                }
                let s = s.replace("\r\n", "\n").replace('\r', "\n");
                let clean: String = s
                    .chars()
                    .map(|c| match c {
                        '\n' if self.multiline => '\n',
                        c if c.is_control() => ' ',
                        c => c,
                    })
                    .collect();
                self.text.insert_str(self.caret, &clean);
                self.caret += clean.len();
            }
            Edit::Newline => {
                if self.multiline {
                    self.apply(Edit::Insert('\n'), width);
                }
            }
            Edit::Backspace => {
                if replacing {
                    self.text.clear();
                    self.caret = 0;
                } else if let Some(prev) = self.prev_boundary() {
                    self.text.replace_range(prev..self.caret, "");
                    self.caret = prev;
                }
            }
            Edit::Delete => {
                if replacing {
                    self.text.clear();
                    self.caret = 0;
                } else if let Some(next) = self.next_boundary() {
                    self.text.replace_range(self.caret..next, "");
                }
            }
            Edit::Left => {
                if let Some(prev) = self.prev_boundary() {
                    self.caret = prev;
                }
            }
            Edit::Right => {
                if let Some(next) = self.next_boundary() {
                    self.caret = next;
                }
            }
            Edit::Home => self.caret = self.line_start(),
            Edit::End => {
                self.caret = self.text[self.caret..]
                    .find('\n')
                    .map_or(self.text.len(), |i| self.caret + i);
            }
            Edit::ClearToStart => {
                let start = self.line_start();
                self.text.replace_range(start..self.caret, "");
                self.caret = start;
            }
            Edit::Up | Edit::Down => {
                let rows = wrap(&self.text, width);
                let here = self.caret_position(width);
                let target = if edit == Edit::Up {
                    here.row.checked_sub(1)
                } else {
                    Some(here.row + 1).filter(|r| *r < rows.len())
                };
                if let Some(r) = target {
                    self.caret = at_column(&self.text, rows[r].clone(), here.col);
                }
            }
        }
    }

    /// True when the caret is on the field's first (or last) screen row: Up (Down) there moves
    /// to the previous (next) field.
    pub fn on_edge_row(&self, up: bool, width: usize) -> bool {
        let row = self.caret_position(width).row;
        if up {
            row == 0
        } else {
            row + 1 >= wrap(&self.text, width).len()
        }
    }

    /// The screen rows of the text at `width` columns (byte ranges, without the line breaks).
    pub fn rows(&self, width: usize) -> Vec<Range<usize>> {
        wrap(&self.text, width)
    }

    pub fn caret_position(&self, width: usize) -> Caret {
        let rows = wrap(&self.text, width);
        // At a soft wrap the caret belongs to the start of the next row.
        let row = rows
            .iter()
            .rposition(|r| r.start <= self.caret)
            .unwrap_or(0);
        let start = rows.get(row).map_or(0, |r| r.start);
        Caret {
            row,
            col: width_of(&self.text[start..self.caret]),
        }
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.caret]
            .char_indices()
            .last()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.caret..]
            .chars()
            .next()
            .map(|c| self.caret + c.len_utf8())
    }

    fn line_start(&self) -> usize {
        self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1)
    }
}

pub fn width_of(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Splits `text` into screen rows of at most `width` display columns: at each line break, and
/// within a line between characters (Chinese has no spaces to break at). Always one row at least.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            rows.push(start..i);
            start = i + 1;
            used = 0;
            continue;
        }
        let w = c.width().unwrap_or(0);
        // Leave the last column free when the row is full, so the caret after a full row of
        // text has somewhere to sit before it wraps.
        if used + w >= width && used > 0 {
            rows.push(start..i);
            start = i;
            used = 0;
        }
        used += w;
    }
    rows.push(start..text.len());
    rows
}

/// The byte index in `row` nearest to display column `col`, never inside a wide character.
fn at_column(text: &str, row: Range<usize>, col: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[row.clone()].char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > col {
            return row.start + i;
        }
        used += w;
    }
    row.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut TextField, s: &str) {
        for c in s.chars() {
            field.apply(Edit::Insert(c), 20);
        }
    }

    #[test]
    fn typing_over_a_selected_value_replaces_it() {
        let mut f = TextField::single("40").selecting_all();
        typed(&mut f, "60");
        assert_eq!(f.text(), "60");
        let mut f = TextField::single("40").selecting_all();
        f.apply(Edit::End, 20);
        typed(&mut f, "5");
        assert_eq!(
            f.text(),
            "405",
            "a movement keeps the text and ends the selection"
        );
    }

    #[test]
    fn the_caret_moves_by_character_and_counts_display_width() {
        let mut f = TextField::multi("");
        typed(&mut f, "完成a率");
        assert_eq!(f.caret_position(20), Caret { row: 0, col: 7 });
        f.apply(Edit::Left, 20);
        f.apply(Edit::Left, 20);
        assert_eq!(f.caret_position(20).col, 4);
        f.apply(Edit::Backspace, 20);
        assert_eq!(f.text(), "完a率");
        assert_eq!(f.caret_position(20).col, 2);
        f.apply(Edit::Delete, 20);
        assert_eq!(f.text(), "完率");
        f.apply(Edit::Home, 20);
        f.apply(Edit::Delete, 20);
        assert_eq!(f.text(), "率");
    }

    #[test]
    fn long_chinese_wraps_by_width_and_up_down_keep_the_column() {
        let mut f = TextField::multi("");
        // Ten Han characters at width 10: four per row (the last column is kept free).
        typed(&mut f, "一二三四五六七八九十");
        let rows: Vec<&str> = f.rows(10).iter().map(|r| &f.text()[r.clone()]).collect();
        assert_eq!(rows, vec!["一二三四", "五六七八", "九十"]);
        assert_eq!(f.caret_position(10), Caret { row: 2, col: 4 });
        f.apply(Edit::Up, 10);
        assert_eq!(f.caret_position(10), Caret { row: 1, col: 4 });
        f.apply(Edit::Insert('x'), 10);
        assert_eq!(f.text(), "一二三四五六x七八九十");
        f.apply(Edit::Down, 10);
        f.apply(Edit::Down, 10);
        assert!(f.on_edge_row(false, 10));
    }

    #[test]
    fn line_breaks_only_in_multi_line_fields() {
        let mut f = TextField::multi("a");
        f.apply(Edit::Newline, 20);
        typed(&mut f, "b");
        assert_eq!(f.text(), "a\nb");
        assert_eq!(f.caret_position(20), Caret { row: 1, col: 1 });
        f.apply(Edit::ClearToStart, 20);
        assert_eq!(f.text(), "a\n");
        let mut p = TextField::single("6");
        p.apply(Edit::Newline, 20);
        p.apply(Edit::Paste("0\r\n%".into()), 20);
        assert_eq!(p.text(), "60 %");
        let mut m = TextField::multi("");
        m.apply(Edit::Paste("一\r\n二\t三".into()), 20);
        assert_eq!(m.text(), "一\n二 三");
    }

    #[test]
    fn edits_at_the_edges_do_nothing() {
        let mut f = TextField::single("");
        for e in [
            Edit::Backspace,
            Edit::Delete,
            Edit::Left,
            Edit::Right,
            Edit::Up,
        ] {
            f.apply(e, 1);
        }
        assert_eq!(f.text(), "");
        assert_eq!(f.caret_position(1), Caret { row: 0, col: 0 });
    }
}
