//! Bytes of a plan document -> text. UTF-8 (with or without a BOM), UTF-16 with a BOM, else
//! GB18030 (many government files); anything that is not text is refused.

/// Why a file is not a plan's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// NUL bytes, control characters or bytes no text encoding explains.
    Binary,
    /// Larger than `MAX_BYTES`.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
}

/// The largest document the importer reads. Real plans are well under 1 MB; this keeps memory
/// bounded for a wrong file.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    // UTF-16 needs its BOM: without one, its NUL bytes make it look binary, which is right.
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && (enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE)
    {
        let (text, _, bad) = enc.decode(bytes);
        return checked(text.into_owned(), bad, Encoding::Utf16);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(text) => checked(text.to_string(), false, Encoding::Utf8),
        Err(_) => {
            let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(body);
            checked(text.into_owned(), bad, Encoding::Gb18030)
        }
    }
}

/// Text has few control characters and no replacement characters from decoding.
fn checked(
    text: String,
    had_errors: bool,
    enc: Encoding,
) -> Result<(String, Encoding), DecodeError> {
    if had_errors {
        return Err(DecodeError::Binary);
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(1 << 20) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}') {
            control += 1;
        }
    }
    // A stray control character can come from a copy-paste; a run of them is not a document.
    if control * 100 > total {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((plain_lines(&text), enc))
}

/// The text with every line break a copy can carry (CRLF, a lone CR, Word's vertical tab for a
/// manual break, a form feed at a page end, NEL, the Unicode line and paragraph separators) made
/// a newline, and any other control character but the tab (which separates a table's cells)
/// dropped: what reaches the parser, and so the record, is visible text.
fn plain_lines(text: &str) -> String {
    let needs = text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}')
    });
    if !needs {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind_become_newlines_and_stray_controls_go() {
        // A stray ESC among a document's worth of text (a run of them is refused as binary).
        let body = "推进".repeat(100);
        let raw = format!("一、总\r\n1.甲\r2.乙\u{b}3.丙\u{c}4.丁\u{1b}[2J\t戊\u{2028}{body}");
        let (text, _) = decode(raw.as_bytes()).unwrap();
        assert_eq!(
            text,
            format!("一、总\n1.甲\n2.乙\n3.丙\n4.丁[2J\t戊\n{body}")
        );
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, e) = decode("一、总体要求".as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("一、总体要求", Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("任务".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "任务");
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("(责任单位:区经信局、区财政局)");
        assert!(std::str::from_utf8(&bytes).is_err());
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!(t, "(责任单位:区经信局、区财政局)");
        assert_eq!(e, Encoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "计划".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes).unwrap(),
            ("计划".to_string(), Encoding::Utf16)
        );
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&noise).is_err());
    }
}
