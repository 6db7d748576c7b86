//! The binary as a user runs it, for the test files that run it: a fixed environment (the day
//! pinned, UTC, no colour, no user database, Chinese unless told), and the checks every refusal
//! must pass.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The day every run of the binary is pinned to (`DUBAN_TODAY`): a test's outcome must not depend
/// on the day it runs. The demo and the lights are computed for this day.
pub const TODAY: &str = "2026-11-23";

/// The instant the binary's clock stands at: `TODAY` 09:00 in its time zone, UTC.
pub fn pinned_now() -> chrono::DateTime<chrono::Utc> {
    let day: chrono::NaiveDate = TODAY.parse().unwrap();
    day.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

/// The binary with the fixed environment; callers add arguments and, where it matters, override
/// `LANG`, `TZ` or `DUBAN_TODAY`.
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_duban"));
    c.env("DUBAN_TODAY", TODAY)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env_remove("DUBAN_DB")
        .env("XDG_DATA_HOME", "/nonexistent-duban-test")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// The same fixed environment for a run in a pseudo-terminal.
pub fn pty_command() -> portable_pty::CommandBuilder {
    let mut c = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_duban"));
    c.env("DUBAN_TODAY", TODAY);
    c.env("TZ", "UTC");
    c.env_remove("DUBAN_DB");
    c.env("XDG_DATA_HOME", "/nonexistent-duban-test");
    c.env("LANG", "zh_CN.UTF-8");
    c.env_remove("LC_ALL");
    c.env_remove("LC_MESSAGES");
    c
}

/// A demo database made by the binary (on the pinned day) at `dir/e.db`.
pub fn demo_db(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("e.db");
    let o = duban(&["demo", p(&path), "--no-open"]);
    assert!(o.status.success(), "{}", err(&o));
    path
}

pub fn duban(args: &[&str]) -> Output {
    run(args, "zh_CN.UTF-8", None)
}

pub fn duban_en(args: &[&str]) -> Output {
    run(args, "en_US.UTF-8", None)
}

/// With `input` on stdin (`--note -`).
pub fn duban_en_with_input(args: &[&str], input: &[u8]) -> Output {
    run(args, "en_US.UTF-8", Some(input))
}

fn run(args: &[&str], lang: &str, input: Option<&[u8]>) -> Output {
    let mut child = command()
        .args(args)
        .env("LANG", lang)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    if let Some(bytes) = input {
        // A command that refuses before reading its input closes the pipe: not an error here.
        let _ = stdin.write_all(bytes);
    }
    drop(stdin);
    child.wait_with_output().unwrap()
}

pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// One plain line on stderr containing `needle`, exit `code`, no panic, no backtrace.
pub fn assert_refused(o: &Output, code: i32, needle: &str) {
    let e = err(o);
    assert_eq!(o.status.code(), Some(code), "stderr: {e}");
    assert!(e.contains(needle), "expected {needle:?} in {e:?}");
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    assert!(!e.contains("panicked") && !e.contains("BACKTRACE"), "{e}");
}
