//! The reads that take a while at 100,000 tasks (the department rollups, view 4's counts, a
//! circular, the filter's corpus) run on a second thread with its own read-only connection, so
//! that no key waits for them: the screen keeps what it shows, marked as being computed, and
//! the result is applied when it comes — or dropped, when the user has asked for something
//! else meanwhile or left the screen it was for.
//!
//! Writes never come here: they stay on the UI thread, in the order the user made them.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::Db;

use super::action::{Action, Effect};
use super::runner::Runner;
use super::state::{Load, Session, View};

/// The slow reads; everything else runs on the UI thread at once.
pub fn load_of(effect: &Effect) -> Option<Load> {
    Some(match effect {
        Effect::LoadOverview => Load::Overview,
        Effect::LoadCycle => Load::Cycle,
        Effect::LoadPeople => Load::People,
        Effect::LoadReport { .. } => Load::Report,
        Effect::LoadTrend { .. } => Load::Trend,
        Effect::LoadTaskKeys { view, .. } => Load::TaskKeys(*view),
        _ => return None,
    })
}

/// A superseded result of this kind answers a different question (another period, another
/// filter) and is dropped; the others read the same thing later and may be shown meanwhile
/// (with a stream of other clerks' saves a rollup would otherwise never be shown).
fn keyed(load: Load) -> bool {
    matches!(load, Load::Report | Load::Trend | Load::TaskKeys(_))
}

/// The screen a result is for, when it is useful only there: it is read again on entering.
fn screen(load: Load) -> Option<View> {
    match load {
        Load::People => Some(View::People),
        Load::Report | Load::Trend => Some(View::Report),
        _ => None,
    }
}

struct Job {
    id: u64,
    /// `None`: not a read but a change of what the reads cover (the plan shown), run in order
    /// and answered by nothing.
    load: Option<Load>,
    effect: Effect,
}

struct Done {
    id: u64,
    load: Load,
    /// `None`: skipped, a newer job of its kind was already waiting.
    action: Option<Action>,
}

/// The UI thread's end of the reader thread.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    results: Receiver<Done>,
    /// Readable when a result waits: polled beside the terminal.
    wake: UnixStream,
    thread: Option<JoinHandle<()>>,
    next_id: u64,
    /// The newest job of each kind, and how many of each kind are still out.
    latest: HashMap<Load, u64>,
    out: HashMap<Load, usize>,
    /// Since when each kind has had a job out, without a break.
    since: HashMap<Load, Instant>,
}

/// A read that answers sooner is not marked "computing": the mark would only flicker (and
/// cost bytes over SSH) on every save.
pub const MARK_AFTER: Duration = Duration::from_millis(150);

impl Worker {
    /// Starts the reader thread on its own connection to the file `db` has open; `None` when it
    /// cannot (the reads then run on the UI thread, as before).
    pub fn start(db: &Db, session: &Session) -> Option<Worker> {
        let mut reader = Db::open_reader(db.path()).ok()?;
        let (wake_tx, wake) = UnixStream::pair().ok()?;
        wake.set_nonblocking(true).ok()?;
        wake_tx.set_nonblocking(true).ok()?;
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (done_tx, results) = mpsc::channel::<Done>();
        // The preference file is the UI thread's to read and write.
        let session = Session {
            remember: None,
            ..session.clone()
        };
        let thread = std::thread::Builder::new()
            .name("duban-reader".into())
            .spawn(move || {
                let Ok((mut runner, _)) = Runner::open(&mut reader, &session) else {
                    return;
                };
                serve(&mut runner, &job_rx, &done_tx, &wake_tx);
            })
            .ok()?;
        Some(Worker {
            jobs: Some(jobs),
            results,
            wake,
            thread: Some(thread),
            next_id: 0,
            latest: HashMap::new(),
            out: HashMap::new(),
            since: HashMap::new(),
        })
    }

    /// Hands a slow read to the thread (`now`: when it was asked), or gives the effect back:
    /// not a slow read, or the thread is gone.
    pub fn offer(&mut self, effect: Effect, now: Instant) -> Option<Effect> {
        // The plan shown narrows this thread's reads as it does the UI thread's: the thread
        // hears of it before the reads asked after it, and the UI thread's runner too.
        if matches!(effect, Effect::UsePlan { .. }) {
            if let Some(jobs) = &self.jobs {
                let job = Job {
                    id: 0,
                    load: None,
                    effect: effect.clone(),
                };
                if jobs.send(job).is_err() {
                    self.jobs = None;
                }
            }
            return Some(effect);
        }
        let Some(load) = load_of(&effect) else {
            return Some(effect);
        };
        let Some(jobs) = &self.jobs else {
            return Some(effect);
        };
        self.next_id += 1;
        let id = self.next_id;
        match jobs.send(Job {
            id,
            load: Some(load),
            effect,
        }) {
            Ok(()) => {
                self.latest.insert(load, id);
                *self.out.entry(load).or_default() += 1;
                self.since.entry(load).or_insert(now);
                None
            }
            Err(mpsc::SendError(job)) => {
                self.jobs = None;
                Some(job.effect)
            }
        }
    }

    /// The descriptor that becomes readable when a result waits.
    pub fn wake_fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// The kinds of read still being computed at `now` for longer than `MARK_AFTER`, for the
    /// screen's "computing…" marks.
    pub fn pending(&self, now: Instant) -> Vec<Load> {
        let mut kinds: Vec<Load> = self
            .since
            .iter()
            .filter(|(_, t)| now.saturating_duration_since(**t) >= MARK_AFTER)
            .map(|(k, _)| *k)
            .collect();
        kinds.sort();
        kinds
    }

    /// How long until a read still out is to be marked (`None`: none is waiting for that).
    pub fn next_mark(&self, now: Instant) -> Option<Duration> {
        self.since
            .values()
            .map(|t| (*t + MARK_AFTER).saturating_duration_since(now))
            .filter(|d| !d.is_zero())
            .min()
    }

    /// The results that arrived, as actions for `update`; stale ones are left out. `view` is
    /// the screen shown now.
    pub fn take(&mut self, view: View) -> Vec<Action> {
        let mut byte = [0u8; 64];
        while matches!(self.wake.read(&mut byte), Ok(n) if n > 0) {}
        let mut actions = Vec::new();
        loop {
            let done = match self.results.try_recv() {
                Ok(done) => done,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The thread ended (it could not read the file, or failed): the next reads
                    // run on the UI thread, and what it had is asked again by the next reload.
                    self.jobs = None;
                    self.out.clear();
                    self.since.clear();
                    break;
                }
            };
            if let Some(n) = self.out.get_mut(&done.load) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.since.remove(&done.load);
                }
            }
            let Some(action) = done.action else { continue };
            let superseded = self.latest.get(&done.load) != Some(&done.id);
            if superseded && keyed(done.load) {
                continue;
            }
            if screen(done.load).is_some_and(|s| s != view) {
                continue;
            }
            actions.push(action);
        }
        actions
    }

    /// Whether a read is still out (marked or not yet).
    pub fn busy(&self) -> bool {
        !self.since.is_empty()
    }

    /// Whether the thread still takes work.
    pub fn alive(&self) -> bool {
        self.jobs.is_some()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread after the read it is in; a quit does not wait
        // for a long read to finish.
        self.jobs = None;
        if let Some(thread) = self.thread.take()
            && thread.is_finished()
        {
            let _ = thread.join();
        }
    }
}

/// The thread's loop: takes every job waiting, keeps the newest of each kind, runs them in the
/// order they were asked, and sends each result back with a byte on `wake`.
fn serve(runner: &mut Runner<'_>, jobs: &Receiver<Job>, done: &Sender<Done>, wake: &UnixStream) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let mut newest: HashMap<Load, u64> = HashMap::new();
        for job in &batch {
            if let Some(load) = job.load {
                newest.insert(load, job.id);
            }
        }
        for job in batch {
            let Some(load) = job.load else {
                runner.run(job.effect);
                continue;
            };
            let action = (newest.get(&load) == Some(&job.id)).then(|| runner.run(job.effect));
            let sent = done.send(Done {
                id: job.id,
                load,
                action,
            });
            if sent.is_err() {
                return;
            }
            // A full socket buffer already wakes the UI thread: the byte may be dropped.
            let _ = (&*wake).write(&[1]);
        }
    }
}
