//! Text laid out by display width: Chinese characters take two terminal columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
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
    let pad = " ".repeat(w - width(&cut));
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
