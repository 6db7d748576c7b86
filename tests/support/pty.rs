//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100), for the
//! test files that drive it (`tui_e2e.rs`, `tui_drafts.rs`).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{Child, PtySize, native_pty_system};

use super::cli;

pub const WAIT: Duration = Duration::from_secs(20);

pub struct Tui {
    pub parser: vt100::Parser,
    /// Every byte the program wrote, for sequences the emulator keeps no trace of.
    pub output: Vec<u8>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    // Kept so the terminal stays open while the child runs; `hang_up` drops it.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
}

impl Tui {
    pub fn start(db: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_with(db, cols, rows, &[])
    }

    pub fn start_with(db: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = cli::pty_command();
        cmd.args(["--db", db.to_str().unwrap()]);
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env("LC_ALL", "zh_CN.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap();
        Tui {
            parser: vt100::Parser::new(rows, cols, 0),
            output: Vec::new(),
            writer: Some(writer),
            child,
            master: Some(pair.master),
        }
    }

    /// Reads what the program wrote, waiting up to `wait` for the first bytes. The master's
    /// own descriptor is read (no reader thread holding a copy), so `hang_up` really closes it.
    pub fn pump(&mut self, wait: Duration) {
        let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) else {
            return;
        };
        let mut timeout = wait.as_millis() as i32;
        loop {
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd on a descriptor this struct owns.
            let n = unsafe { libc::poll(&mut pfd, 1, timeout) };
            if n <= 0 || pfd.revents & libc::POLLIN == 0 {
                return;
            }
            let mut buf = [0u8; 16384];
            // SAFETY: reading into a buffer we own, at most its length.
            let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if got <= 0 {
                return;
            }
            self.parser.process(&buf[..got as usize]);
            self.output.extend_from_slice(&buf[..got as usize]);
            timeout = 0;
        }
    }

    /// Reads until the program has written nothing for `quiet`: a frame is read whole, not
    /// half-drawn (a scroll redraws every row, in more than one read).
    pub fn settle(&mut self, quiet: Duration) {
        let before = self.output.len();
        self.pump(quiet);
        let mut seen = before;
        while self.output.len() != seen {
            seen = self.output.len();
            self.pump(quiet);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Polls the screen until `pred` holds; fails with the screen after `WAIT`.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let end = Instant::now() + WAIT;
        while Instant::now() < end {
            self.pump(Duration::from_millis(50));
            if pred(self.parser.screen()) {
                return;
            }
        }
        panic!("waited for {what}; the screen is:\n{}", self.screen());
    }

    /// Waits for the first complete frame (the department list read), not the "loading…" one.
    pub fn wait_ready(&mut self) {
        self.wait_text("单位  19 项");
    }

    pub fn wait_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait_for(text, move |s| s.contents().contains(&t));
    }

    pub fn keys(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal under the program, as a dropped SSH connection does.
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
    }

    /// The text of the first row drawn in reverse video at or after `from_col` (the selection).
    pub fn selected_row(&self, from_col: u16) -> Option<String> {
        let s = self.parser.screen();
        let (rows, cols) = s.size();
        (3..rows).find_map(|r| {
            let reversed = s.cell(r, from_col).is_some_and(|c| c.inverse());
            reversed.then(|| s.contents_between(r, from_col, r, cols).trim().to_string())
        })
    }

    pub fn wait_exit(&mut self) -> u32 {
        let end = Instant::now() + WAIT;
        while Instant::now() < end {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
        }
        panic!("did not exit; the screen is:\n{}", self.screen());
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A demo database made by the binary (on the pinned day) at `dir/demo.db`.
pub fn demo_db(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    let out = cli::command()
        .args(["demo", path.to_str().unwrap(), "--no-open"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    path
}
