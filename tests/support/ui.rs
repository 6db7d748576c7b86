//! The TUI without a terminal: a `Ui` that drives `update` with real effects against a demo
//! database and draws into ratatui's `TestBackend`. Shared by the TUI test files.
#![allow(dead_code)]

use std::collections::VecDeque;

use chrono::{FixedOffset, NaiveDate, Utc};
use duban::i18n::Lang;
use duban::store::Db;
use duban::tui::action::{Action, Command};
use duban::tui::runner::{Runner, settle};
use duban::tui::state::{Session, State};
use duban::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-23";
/// "Now" of every UI session here: 09:00 on `TODAY` at +08:00. The clock stands still; the
/// journal orders equal instants by row id.
pub const NOW: chrono::DateTime<Utc> = chrono::DateTime::from_timestamp(1_795_395_600, 0).unwrap();

pub fn demo() -> (TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut db = Db::create(&path).unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    duban::sample::demo::build(&mut db, today, NOW, "sunhui").unwrap();
    (dir, db)
}

pub fn session(lang: Lang) -> Session {
    Session {
        lang,
        color: false,
        today: TODAY.parse().unwrap(),
        as_of: None,
        user: "sunhui".into(),
        role: Some(duban::domain::ClerkRole::Admin),
        department: None,
        db_name: "demo.db".into(),
        read_only: None,
        removed: None,
        remember: None,
        utc_offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: duban::clock::Clock::fixed(NOW),
    }
}

/// A UI session on `db`: the state after start-up at `w`×`h`, with all effects run.
pub struct Ui<'a> {
    pub state: State,
    pub runner: Runner<'a>,
}

impl<'a> Ui<'a> {
    pub fn new(db: &'a mut Db, session: &'a Session, w: u16, h: u16) -> Ui<'a> {
        let (runner, opened) = Runner::open(db, session).unwrap();
        let mut ui = Ui {
            state: State::new(session.clone()),
            runner,
        };
        ui.send([
            Action::Resize {
                width: w,
                height: h,
            },
            opened,
        ]);
        ui
    }

    pub fn send(&mut self, actions: impl IntoIterator<Item = Action>) {
        let mut queue: VecDeque<Action> = actions.into_iter().collect();
        settle(&mut self.state, &mut self.runner, &mut queue);
    }

    /// Each command settles before the next, as the real loop does with keys.
    pub fn cmd(&mut self, commands: &[Command]) {
        for c in commands {
            self.send([Action::Command(*c)]);
        }
    }

    pub fn typed(&mut self, text: &str) {
        self.send(text.chars().map(Action::FilterChar));
    }

    /// The screen as text; rows with reverse video (the selection) are marked at the right.
    pub fn screen(&self) -> String {
        let vp = self.state.viewport;
        let mut terminal = Terminal::new(TestBackend::new(vp.width, vp.height)).unwrap();
        terminal.draw(|f| ui::draw(f, &self.state)).unwrap();
        let buf = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..vp.height {
            let mut line = String::new();
            let mut reversed = false;
            let mut skip = 0;
            for x in 0..vp.width {
                let cell = &buf[(x, y)];
                reversed |= cell.modifier.contains(Modifier::REVERSED);
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = cell.symbol();
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            let line = line.trim_end().to_string();
            out.push_str(&line);
            if reversed {
                out.push_str("  ◀");
            }
            out.push('\n');
        }
        out
    }

    pub fn selected_department(&self) -> String {
        self.state.depts.selected_item().unwrap().name.clone()
    }
}
