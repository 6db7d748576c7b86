//! What reaches a terminal (`report::text::visible`, the `Visible` stream) and what the record
//! accepts (`domain::text`): no control character but newline, tab and a CRLF's CR gets out, and
//! the stream says the same as the string however the bytes are split.
#![no_main]

use std::io::Write;

use duban::domain::text::{TextKind, check};
use duban::report::text::{Visible, visible};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8)| {
    let (s, split) = input;
    for kind in [TextKind::Name, TextKind::Title, TextKind::Note] {
        let _ = check(kind, s);
    }
    let shown = visible(s);
    let mut chars = shown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => {}
            '\r' => assert_eq!(chars.peek(), Some(&'\n')),
            c => assert!(!c.is_control()),
        }
    }
    let bytes = s.as_bytes();
    let step = usize::from(split).max(1);
    let mut out = Visible::new(Vec::new());
    for chunk in bytes.chunks(step) {
        out.write_all(chunk).unwrap();
    }
    out.flush().unwrap();
    assert_eq!(String::from_utf8(out.into_inner()).unwrap(), shown);
});
