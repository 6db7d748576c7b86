//! `y`: the selected task's number, title and units as one line, to the clipboard of the
//! terminal the clerk sits at, through OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), which travels over
//! SSH like any output. Pure: the runner writes the sequence.
//!
//! Inside tmux the plain sequence is sent, not one wrapped in tmux's DCS passthrough: with
//! `set -g set-clipboard on` tmux keeps the text as a paste buffer and passes it on to the outer
//! terminal itself, while passthrough needs `allow-passthrough on` (off by default since tmux
//! 3.3) and skips tmux's own buffer. With tmux's default (`external`) the sequence is ignored,
//! harmlessly; help says which option to set.

/// The most bytes of text copied (before encoding): a title is short; a tampered one is cut.
pub const COPY_CAP: usize = 2048;

/// The line `y` copies: "number title units", stored text made visible by the rule every output
/// follows (a line break or tab is a space, any other control character is shown as its escape,
/// so nothing from the file reaches the terminal as a control), cut to `COPY_CAP` bytes.
pub fn copy_line(number: &str, title: &str, units: &[&str]) -> String {
    let mut line = format!("{number} {title}");
    if !units.is_empty() {
        line.push(' ');
        line.push_str(&units.join("、"));
    }
    let one_line: String = line
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut shown = crate::report::text::visible(&one_line).into_owned();
    if shown.len() > COPY_CAP {
        let mut end = COPY_CAP;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown.truncate(end);
    }
    shown
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn the_sequence_carries_the_line_in_base64() {
        let line = copy_line("(一)3", "推进企业上云", &["区经信局", "区发改局"]);
        assert_eq!(line, "(一)3 推进企业上云 区经信局、区发改局");
        // base64 of the UTF-8 bytes, between OSC 52's introducer and BEL.
        assert_eq!(osc52("督办 1"), "\x1b]52;c;552j5YqeIDE=\x07",);
    }

    #[test]
    fn stored_control_characters_never_reach_the_terminal() {
        let line = copy_line("1", "标题\x1b]52;c;evil\x07\n第二行", &["单位\x1b[2J"]);
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
        let seq = osc52(&line);
        // One BEL, the terminator: the payload is base64 only.
        assert_eq!(seq.matches('\x07').count(), 1);
        assert!(
            seq[7..seq.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }

    #[test]
    fn a_long_title_is_cut_on_a_character_boundary() {
        let title = "督".repeat(COPY_CAP);
        let line = copy_line("1", &title, &[]);
        assert!(line.len() <= COPY_CAP);
        assert!(line.ends_with('督'));
    }
}
