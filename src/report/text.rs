//! Text laid out by display width: Chinese characters take two terminal columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text from the file made safe for a terminal: every control character but newline, tab and
/// the carriage return of a CRLF line end (CSV) is shown as an escape (`\e` for ESC, `\x0d` for a
/// lone carriage return, `\u{9b}` for C1), so a note or a name written (or tampered) with escape
/// sequences cannot retitle, clear or redraw the reader's terminal. Every line the CLI prints goes
/// through it (`cli::Ctx::out`, `Visible`).
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t' && c != '\r';
    if !s.chars().any(unsafe_char) && !s.split("\r\n").any(|part| part.contains('\r')) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            '\u{1b}' => out.push_str("\\e"),
            c if (unsafe_char(c) || c == '\r') && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// A writer that applies `visible` to the text streamed through it (`log`, a circular or an
/// export written to stdout). Byte-wise: C0 and DEL are ASCII bytes and never part of a longer
/// UTF-8 sequence; a C1 control (0xC2 0x80..=0x9F) or a CRLF split across two writes is caught.
pub struct Visible<W: std::io::Write> {
    inner: W,
    /// A 0xC2 or a carriage return held back from the end of the last write.
    held: Option<u8>,
}

impl<W: std::io::Write> Visible<W> {
    pub fn new(inner: W) -> Visible<W> {
        Visible { inner, held: None }
    }

    /// The writer underneath (call `flush` first: a held byte is written there).
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: std::io::Write> std::io::Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Most text has nothing to show otherwise: written as it is.
        if self.held.is_none() && plain(buf) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut bytes = Vec::with_capacity(buf.len() + 1);
        bytes.extend(self.held.take());
        bytes.extend_from_slice(buf);
        let mut out = Vec::with_capacity(bytes.len() + 8);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            match (b, next) {
                (0xc2 | b'\r', None) => self.held = Some(b),
                (b'\r', Some(b'\n')) => out.push(b),
                (0x1b, _) => out.extend_from_slice(b"\\e"),
                (b'\n' | b'\t', _) => out.push(b),
                (0x00..=0x1f | 0x7f, _) => {
                    out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
                }
                (0xc2, Some(n @ 0x80..=0x9f)) => {
                    out.extend_from_slice(format!("\\u{{{n:x}}}").as_bytes());
                    i += 1;
                }
                _ => out.push(b),
            }
            i += 1;
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.held.take() {
            Some(b'\r') => self.inner.write_all(b"\\x0d")?,
            Some(b) => self.inner.write_all(&[b])?,
            None => {}
        }
        self.inner.flush()
    }
}

/// Whether `Visible` writes `buf` unchanged and holds nothing back: no C0 control but newline and
/// tab (a carriage return is held or shown), no DEL, no 0xC2 (the first byte of a C1 control, and
/// of a few Latin-1 letters, which then take the careful way). In blocks without an early exit,
/// which the compiler turns into vector instructions.
fn plain(buf: &[u8]) -> bool {
    buf.chunks(64).all(|block| {
        !block.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2))
        })
    })
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut. Control characters
/// are shown as escapes first (`visible`): they have no width of their own, and a cell must not
/// carry them to the terminal.
pub fn truncate(s: &str, max: usize) -> String {
    let s = &*visible(s);
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// `s` truncated to `w` columns and padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize, align: Align) -> String {
    let cut = truncate(s, w);
    // Newline and tab pass `visible`; what width they count for is the terminal's business.
    let pad = " ".repeat(w.saturating_sub(width(&cut)));
    match align {
        Align::Left => cut + &pad,
        Align::Right => pad + &cut,
    }
}

/// ANSI colours used by the plain-text reports (the TUI has its own theme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Plain,
    Bold,
    Red,
    Yellow,
    Green,
    Dim,
}

/// Wraps an already padded cell in colour codes when colour is on.
pub fn paint(cell: &str, paint: Paint, color: bool) -> String {
    let code = match paint {
        Paint::Plain => return cell.to_string(),
        Paint::Bold => "1",
        Paint::Red => "31",
        Paint::Yellow => "33",
        Paint::Green => "32",
        Paint::Dim => "2",
    };
    if color {
        format!("\x1b[{code}m{cell}\x1b[0m")
    } else {
        cell.to_string()
    }
}

/// The byte order mark every CSV starts with: Excel on Chinese Windows reads UTF-8 only with it
/// (and takes a file without it for GBK). Python reads it away with `encoding="utf-8-sig"`.
pub const BOM: &str = "\u{FEFF}";

/// One CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv_line(fields: &[String]) -> String {
    let mut line: String = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// Rows (a heading first) laid out in columns two spaces apart, each as wide as its widest cell
/// by display width; `aligns` per column. Nothing is cut: a list of names is for reading whole.
pub fn columns(rows: &[Vec<String>], aligns: &[Align]) -> String {
    let mut widths = vec![0usize; aligns.len()];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(widths.iter().zip(aligns))
            .map(|(cell, (&w, &align))| fit(cell, w, align))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("进展\n下一步\t好"), "进展\n下一步\t好");
        assert_eq!(visible("\u{1b}]0;TITLE\u{1b}\\"), "\\e]0;TITLE\\e\\");
        assert_eq!(visible("a\rb\u{7f}\u{9b}c"), "a\\x0db\\x7f\\u{9b}c");
        assert_eq!(visible("1,2\r\n3,4\r"), "1,2\r\n3,4\\x0d");
        // The streaming form agrees, however the text is cut into writes.
        use std::io::Write;
        let text = "名\u{1b}[2J\u{9b}31m\r称\r\n下一行".as_bytes();
        for cut in 0..text.len() {
            let mut w = Visible::new(Vec::new());
            w.write_all(&text[..cut]).unwrap();
            w.write_all(&text[cut..]).unwrap();
            w.flush().unwrap();
            assert_eq!(
                String::from_utf8(w.inner).unwrap(),
                visible(std::str::from_utf8(text).unwrap()),
                "cut at {cut}"
            );
        }
    }

    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = vec![
            vec!["单位".to_string(), "n".to_string(), "别名".to_string()],
            vec!["区经信局".to_string(), "12".to_string(), String::new()],
            vec!["x".to_string(), "3".to_string(), "a".to_string()],
        ];
        let text = columns(&rows, &[Align::Left, Align::Right, Align::Left]);
        assert_eq!(text, "单位       n  别名\n区经信局  12\nx          3  a\n");
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("区经济和信息化局", 9), "区经济和…");
        assert_eq!(width(&truncate("区经济和信息化局", 9)), 9);
        assert_eq!(truncate("区经济和信息化局", 8), "区经济…");
        assert_eq!(truncate("区经信局", 8), "区经信局");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("经信局", 8, Align::Left), "经信局  ");
        assert_eq!(fit("42", 5, Align::Right), "   42");
        assert_eq!(width(&fit("区经济和信息化局", 7, Align::Left)), 7);
    }

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("经信局"), "经信局");
    }
}
