//! The terminal UI: `State` + pure `update` + `ui::draw`, driven by `run`, which alone touches
//! the terminal, the clock and the database.

pub mod action;
mod attach_files;
pub mod batch;
pub mod clipboard;
pub mod closing;
pub mod draft;
mod draft_write;
pub mod editor;
mod entry;
pub mod extension;
pub mod field;
pub mod figure;
pub mod form;
pub mod import;
pub mod indicator_view;
pub mod keymap;
mod lists;
pub mod mouse;
pub mod nav;
pub mod notice;
pub mod path_complete;
pub mod people;
mod plan_edit;
mod plans;
pub mod prefs;
pub mod project_edit;
pub mod project_entry;
pub mod queue;
pub mod report_view;
pub mod runner;
pub mod state;
pub mod ui;
pub mod update;
pub mod wall;
pub mod worker;

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;

use crate::store::Db;
use action::{Action, Command};
use field::Edit;
use runner::{Runner, coalesce, settle_showing};
use state::{Mode, Session, State};
pub use update::update;
use worker::Worker;

/// XTWINOPS: save the window title on the terminal's stack, and restore it.
const PUSH_TITLE: &[u8] = b"\x1b[22;0t";
const POP_TITLE: &[u8] = b"\x1b[23;0t";

/// How often another clerk's writes are looked for.
const CHANGE_POLL: Duration = Duration::from_secs(1);
/// Granularity of waiting for input: how soon a signal is noticed.
const INPUT_WAIT: Duration = Duration::from_millis(250);

/// Opens the UI on `db` until the user quits or a signal ends it; the terminal is restored in
/// every case (quit, error, SIGTERM/SIGHUP/SIGINT, and panic through ratatui's hook).
pub fn run(db: &mut Db, session: Session) -> color_eyre::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let (mut runner, opened) = Runner::open(db, &session)?;
    runner.terminal = true;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            // Raw mode may be on already when entering the alternate screen failed.
            ratatui::restore();
            return Err(e.into());
        }
    };
    // A pasted title arrives as one event, not as keys (a newline in it would be Enter, and
    // its letters commands).
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    // ratatui's panic hook leaves the alternate screen and raw mode, not mouse reporting: a
    // terminal left reporting would type escape sequences at the shell on every click.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        hook(info);
    }));
    // The terminal's own title is pushed on its stack (xterm, tmux and most emulators keep one)
    // and popped at the end, so the title duban sets does not outlive it.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), PUSH_TITLE);
    let result = event_loop(&mut terminal, &mut runner, &session, opened, &stop);
    let _ = std::io::Write::write_all(&mut std::io::stdout(), POP_TITLE);
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableBracketedPaste,
        // On or off (`c`), the terminal stops reporting the mouse.
        crossterm::event::DisableMouseCapture
    );
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    runner: &mut Runner<'_>,
    session: &Session,
    opened: Action,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    let mut state = State::new(session.clone());
    let result = drive(terminal, runner, &mut state, opened, stop);
    // However the session ends (quit, a signal, the SSH connection dropping, a terminal that
    // can no longer be written), text typed and not yet kept is kept for this user's next `e`,
    // waiting for a busy file as long as any write.
    for effect in draft::at_end(&state) {
        let action::Effect::KeepDraft {
            task,
            department,
            draft,
            kept,
        } = effect
        else {
            continue;
        };
        let done = runner.keep_draft(task, department, draft, kept, crate::store::BUSY_TIMEOUT);
        if let Action::DraftNotKept { message, .. } = done {
            // The terminal may be gone: stderr is all there is.
            eprintln!("duban: {message}");
        }
    }
    result
}

fn drive(
    terminal: &mut DefaultTerminal,
    runner: &mut Runner<'_>,
    state: &mut State,
    opened: Action,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    let size = terminal.size()?;
    let mut queue: VecDeque<Action> = VecDeque::from([
        Action::Resize {
            width: size.width,
            height: size.height,
        },
        opened,
    ]);
    let mut seen_version = runner.db.data_version()?;
    // Another session's draft writes change `data_version` too: they alone do not reload.
    let mut seen_writes = runner.db.write_stamp().ok();
    let mut seen_report = runner.db.latest_report()?.map(|r| r.id).unwrap_or(0);
    let mut last_check = Instant::now();
    // The open form's text goes to the draft table after a pause in typing (`draft`).
    let mut drafts = draft::DraftTimer::new(last_check);
    // The slow reads run on a second connection, so that no key waits for them.
    let mut worker = Worker::start(runner.db, runner.session);
    // DUBAN_TRACE=1: how long each key took to answer (read to drawn), on stderr.
    let trace = std::env::var_os("DUBAN_TRACE").is_some();
    // Draw the frame (header, "loading…") before the first queries: with 100,000 tasks the
    // department rollups take a moment, and an empty terminal looks like a hang.
    let mut effects = Vec::new();
    while let Some(action) = queue.pop_front() {
        effects.extend(update(state, action));
    }
    terminal.draw(|frame| ui::draw(frame, state))?;
    state.dirty = false;
    for effect in coalesce(effects) {
        let effect = match worker.as_mut() {
            Some(w) => match w.offer(effect, Instant::now()) {
                None => continue,
                Some(effect) => effect,
            },
            None => effect,
        };
        runner.use_milestones(&state.milestones);
        queue.push_back(runner.run(effect));
    }
    let mut title = String::new();
    let mut show = |state: &mut State| -> std::io::Result<()> {
        terminal.draw(|frame| ui::draw(frame, state))?;
        state.dirty = false;
        let now = ui::chrome::terminal_title(state);
        if now != title {
            crossterm::execute!(std::io::stdout(), crossterm::terminal::SetTitle(&now))?;
            title = now;
        }
        Ok(())
    };
    let mut key_read: Option<Instant> = None;
    loop {
        let mut applied: Option<Instant> = None;
        if let Some(w) = worker.as_mut() {
            let results = w.take(state.view);
            let pending = w.pending(Instant::now());
            if !results.is_empty() || pending != state.loading {
                if !results.is_empty() {
                    applied = Some(Instant::now());
                }
                queue.extend(results);
                queue.push_back(Action::Loading(pending));
            }
        }
        settle_showing(state, runner, worker.as_mut(), &mut queue, &mut |s| {
            // A failed early frame is left to the next one.
            let _ = show(s);
        });
        if state.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if state.dirty {
            show(state)?;
        }
        if trace {
            // A key typed while a result is applied waits that long: it counts as blocking too.
            if let Some(t0) = key_read.take() {
                eprintln!("key answered: {:?}", t0.elapsed());
            } else if let Some(t0) = applied {
                eprintln!("result applied: {:?}", t0.elapsed());
            }
        }
        key_read = None;
        let wake = worker.as_ref().map(Worker::wake_fd);
        // Idle: read ahead what the next key may need, one piece at a time while no key waits.
        while matches!(wait_for_input(Duration::ZERO, wake), Input::Idle)
            && runner.read_ahead(state)
        {}
        // Wait on the terminal ourselves: after an SSH hang-up the tty reads end-of-file forever
        // and crossterm's poll would spin inside itself, never returning to see the signal.
        let now = Instant::now();
        let wait = drafts
            .wait(draft::due(state), now)
            .into_iter()
            .chain(worker.as_ref().and_then(|w| w.next_mark(now)))
            .fold(INPUT_WAIT, Duration::min);
        match wait_for_input(wait, wake) {
            Input::HungUp => return Ok(()),
            // A result of the reader thread: taken at the top of the loop.
            Input::Woken => continue,
            Input::Idle | Input::Ready => {}
        }
        if event::poll(Duration::ZERO)? {
            drafts.input(Instant::now());
            key_read = Some(Instant::now());
            // Take every event already waiting: a burst of keys becomes one redraw and, for
            // the filter, one query.
            let mut taken = 0;
            loop {
                let event = event::read()?;
                // Esc typed just before a key arrives as one Alt chord over a slow link; duban
                // binds no Alt chords, so it is read as the two keys the person pressed.
                let events = match event {
                    Event::Key(key)
                        if key.modifiers.contains(KeyModifiers::ALT)
                            && matches!(key.code, KeyCode::Char(_)) =>
                    {
                        let mut plain = key;
                        plain.modifiers.remove(KeyModifiers::ALT);
                        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                        vec![Event::Key(esc), Event::Key(plain)]
                    }
                    Event::Paste(text) => {
                        // Only the filter and the form take text; the filter turns line
                        // breaks and tabs into spaces, the form's field decides.
                        match state.mode {
                            Mode::Filter => {
                                queue.extend(text.chars().map(|c| {
                                    Action::FilterChar(if c.is_control() { ' ' } else { c })
                                }))
                            }
                            Mode::Form => queue.push_back(Action::FormEdit(Edit::Paste(text))),
                            Mode::Editor | Mode::Picker | Mode::Prompt => {
                                queue.push_back(Action::EditorEdit(Edit::Paste(text)))
                            }
                            Mode::Figure => queue.push_back(Action::FigureEdit(Edit::Paste(text))),
                            Mode::Batch => queue.push_back(Action::BatchEdit(Edit::Paste(text))),
                            Mode::Project => queue.push_back(Action::Project(
                                project_entry::ProjectAction::Edit(Edit::Paste(text)),
                            )),
                            _ => {}
                        }
                        Vec::new()
                    }
                    other => vec![other],
                };
                for event in events {
                    if let Some(action) = translate(event, keymap::Place::of(state)) {
                        queue.push_back(action);
                        // Later keys depend on the mode this one may change: settle first.
                        if !matches!(queue.back(), Some(Action::FilterChar(_))) {
                            settle_showing(state, runner, worker.as_mut(), &mut queue, &mut |s| {
                                // A failed early frame is left to the next one.
                                let _ = show(s);
                            });
                        }
                    }
                }
                taken += 1;
                if taken >= 256 || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let now = Instant::now();
        if drafts.fire(draft::due(state), now) {
            queue.push_back(Action::KeepDraft);
        }
        if now.duration_since(last_check) >= CHANGE_POLL {
            last_check = now;
            let version = runner.db.data_version()?;
            if version != seen_version {
                seen_version = version;
                // Another session keeping a draft changes `data_version` too: that alone shows
                // nothing new, and reading every screen again for it would cost each clerk's
                // session a reload for every pause in anyone's typing.
                let writes = runner.db.write_stamp().ok();
                let only_drafts = matches!(
                    (&seen_writes, &writes),
                    (Some(seen), Some(now)) if seen.only_drafts_since(now)
                );
                seen_writes = writes;
                if only_drafts {
                    queue.push_back(Action::Tick { now });
                    continue;
                }
                // Our own saves are announced when they are made.
                let mut by = runner.db.reporters_since(seen_report).unwrap_or_default();
                by.retain(|u| *u != state.session.user);
                if let Ok(Some(latest)) = runner.db.latest_report() {
                    seen_report = latest.id;
                }
                queue.push_back(Action::Changed { by, now });
            }
            queue.push_back(Action::Tick { now });
        }
    }
}

enum Input {
    Ready,
    /// The reader thread has a result (`worker::Worker::take`).
    Woken,
    Idle,
    HungUp,
}

/// Waits up to `wait` for input on the terminal (stdin: the UI only runs when it is one), or
/// for `wake` to become readable.
fn wait_for_input(wait: Duration, wake: Option<std::os::fd::RawFd>) -> Input {
    let mut fds = [
        libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            // A negative descriptor is skipped by poll.
            fd: wake.unwrap_or(-1),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: two valid pollfds, their count 2; poll only writes `revents`.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
    if n < 0 {
        // Interrupted by a signal: the caller looks at the stop flag.
        return Input::Idle;
    }
    let tty = fds[0].revents;
    if tty & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Input::HungUp;
    }
    if tty & libc::POLLIN != 0 {
        Input::Ready
    } else if fds[1].revents & libc::POLLIN != 0 {
        Input::Woken
    } else {
        Input::Idle
    }
}

/// A terminal event as an action for the current mode.
pub fn translate(event: Event, place: keymap::Place) -> Option<Action> {
    match event {
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Key(key) if key.kind != KeyEventKind::Release => translate_key(&key, place),
        Event::Mouse(m) => mouse::translate(&m),
        _ => None,
    }
}

fn translate_key(key: &KeyEvent, place: keymap::Place) -> Option<Action> {
    let mode = place.mode;
    // Debug builds only: a key that panics, so the end-to-end tests can show the terminal is
    // restored after a crash. Release builds have no such key.
    #[cfg(debug_assertions)]
    if let (KeyCode::Char(c), Ok(k)) = (key.code, std::env::var("DUBAN_DEBUG_PANIC_KEY"))
        && k.starts_with(c)
    {
        panic!("DUBAN_DEBUG_PANIC_KEY pressed");
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // A screen too small to show the form, the lists or the filter: a key typed there would act
    // on what the user cannot see (a `q` would join the hidden note). Only quit acts.
    if place.too_small {
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Command(Command::Quit)),
            KeyCode::Char('q') if !ctrl => Some(Action::Command(Command::Quit)),
            _ => None,
        };
    }
    if mode == Mode::Filter {
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Command(Command::Quit)),
            KeyCode::Char(c) if !ctrl => Some(Action::FilterChar(c)),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Enter => Some(Action::FilterAccept),
            KeyCode::Esc => Some(Action::FilterCancel),
            KeyCode::Up => Some(Action::Command(Command::Up)),
            KeyCode::Down => Some(Action::Command(Command::Down)),
            _ => None,
        };
    }
    if matches!(
        mode,
        Mode::Form
            | Mode::Editor
            | Mode::Picker
            | Mode::Prompt
            | Mode::Figure
            | Mode::Batch
            | Mode::Project
    ) {
        // Keys the keymap names for this mode, else text for the focused field.
        if let Some(cmd) = keymap::lookup(key, place) {
            return Some(Action::Command(cmd));
        }
        let edit = form_edit(key)?;
        return Some(match mode {
            Mode::Form => Action::FormEdit(edit),
            Mode::Figure => Action::FigureEdit(edit),
            Mode::Batch => Action::BatchEdit(edit),
            Mode::Project => Action::Project(project_entry::ProjectAction::Edit(edit)),
            _ => Action::EditorEdit(edit),
        });
    }
    keymap::lookup(key, place).map(Action::Command)
}

/// A key typed into the form's focused field.
fn form_edit(key: &KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => Edit::ClearToStart,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char(c) if !ctrl => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Up => Edit::Up,
        KeyCode::Down => Edit::Down,
        KeyCode::Enter => Edit::Newline,
        _ => return None,
    })
}
