//! The mouse in a real terminal (a pseudo-terminal read back through vt100): `c` asks the
//! terminal for clicks and the wheel, a click and the wheel reach the lists, and however the
//! program ends the terminal no longer reports the mouse.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use pty::{Tui, demo_db};
use vt100::{MouseProtocolEncoding, MouseProtocolMode};

fn reporting(tui: &Tui) -> bool {
    tui.parser.screen().mouse_protocol_mode() != MouseProtocolMode::None
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn c_turns_the_mouse_on_and_off_clicks_and_the_wheel_select_and_quitting_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    assert!(!reporting(&tui), "the mouse is off at start");
    tui.keys("c");
    tui.wait_text("鼠标已开启");
    tui.wait_for("mouse reporting", |s| {
        s.mouse_protocol_mode() == MouseProtocolMode::PressRelease
            && s.mouse_protocol_encoding() == MouseProtocolEncoding::Sgr
    });
    // Clicks and the wheel, in SGR encoding; never every motion of the pointer.
    assert!(contains(&tui.output, "\x1b[?1000h"));
    assert!(contains(&tui.output, "\x1b[?1006h"));
    assert!(!contains(&tui.output, "\x1b[?1003h"));
    assert!(!contains(&tui.output, "\x1b[?1002h"));
    // A click on the fourth department (row 7, column 5, counted from 1), pressed and released.
    tui.keys("\x1b[<0;5;7M\x1b[<0;5;7m");
    tui.wait_for("the fourth department selected", |s| {
        s.cell(6, 0).is_some_and(|c| c.inverse()) && !s.cell(3, 0).is_some_and(|c| c.inverse())
    });
    // The wheel down over the tasks pane: it takes the focus and its second row is selected.
    tui.keys("\x1b[<65;50;10M");
    tui.wait_for("the second task selected", |s| {
        s.cell(4, 40).is_some_and(|c| c.inverse()) && !s.cell(6, 0).is_some_and(|c| c.inverse())
    });
    tui.keys("c");
    tui.wait_text("鼠标已关闭");
    tui.wait_for("no mouse reporting", |s| {
        s.mouse_protocol_mode() == MouseProtocolMode::None
    });
    // On again, and quit: the terminal is left as it was found.
    tui.keys("c");
    tui.wait_for("mouse reporting", |s| {
        s.mouse_protocol_mode() != MouseProtocolMode::None
    });
    let before_quit = tui.output.len();
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!reporting(&tui), "still reporting the mouse after quitting");
    assert!(contains(&tui.output[before_quit..], "\x1b[?1000l"));
    assert!(contains(&tui.output[before_quit..], "\x1b[?1006l"));
    assert!(!tui.parser.screen().alternate_screen());
}

#[test]
fn a_crash_or_a_signal_with_the_mouse_on_leaves_the_terminal_not_reporting_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // Debug builds panic on this key (tests run the debug binary).
    let mut tui = Tui::start_with(&db, 100, 60, &[("DUBAN_DEBUG_PANIC_KEY", "Z")]);
    tui.wait_ready();
    tui.keys("c");
    tui.wait_for("mouse reporting", |s| {
        s.mouse_protocol_mode() != MouseProtocolMode::None
    });
    tui.keys("Z");
    assert_ne!(tui.wait_exit(), 0);
    assert!(
        !reporting(&tui),
        "still reporting the mouse after the panic"
    );
    assert!(!tui.parser.screen().alternate_screen());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    tui.keys("c");
    tui.wait_for("mouse reporting", |s| {
        s.mouse_protocol_mode() != MouseProtocolMode::None
    });
    let pid = tui.child.process_id().unwrap() as i32;
    // SAFETY: sending a signal to the child we started.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    tui.wait_exit();
    assert!(!reporting(&tui), "still reporting the mouse after SIGTERM");
}
