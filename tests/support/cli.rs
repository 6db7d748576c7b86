//! The binary as a user runs it, for the CLI test files: a fixed environment (UTC, no colour, no
//! user database, Chinese unless told), and the checks every refusal must pass.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(args)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env_remove("DUBAN_DB")
        .env("XDG_DATA_HOME", "/nonexistent-duban-test")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
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
