//! In-process TUI figures at 100,000 tasks (issue 8, goal 3): handling one key and drawing the
//! next frame, with the real effects against a real file. The terminal is ratatui's `TestBackend`
//! kept between frames, so each draw is the same diff of cells the real terminal gets.
//!
//! `benches/run` makes the database and runs this; alone:
//! `DUBAN_BENCH_DB=/path/to/100k.db cargo bench --bench tui_keys` (without the variable, a
//! 100,000-task file is generated once under `target/bench-data/`).

use std::collections::VecDeque;
use std::path::PathBuf;

use chrono::FixedOffset;
use divan::Bencher;
use duban::clock::Clock;
use duban::i18n::Lang;
use duban::store::Db;
use duban::tui::action::{Action, Command};
use duban::tui::runner::{Runner, settle};
use duban::tui::state::{Session, State};
use duban::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The one clock, as the binary has it: the system's, or `DUBAN_TODAY`'s.
fn clock() -> Clock {
    Clock::from_env().expect("DUBAN_TODAY is a date (YYYY-MM-DD)")
}

fn database() -> PathBuf {
    if let Some(path) = std::env::var_os("DUBAN_BENCH_DB") {
        return PathBuf::from(path);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("tasks-100000-{}.db", clock().year()));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join("generating.db");
        duban::store::remove_database_files(&partial);
        let mut db = Db::create(&partial).unwrap();
        let spec = duban::sample::synth::GenSpec {
            tasks: 100_000,
            departments: 1000,
            seed: 1,
            year: clock().year(),
        };
        duban::sample::synth::generate(&mut db, spec, clock().now(), "bench", |_| {}).unwrap();
        drop(db);
        std::fs::rename(&partial, &path).unwrap();
    }
    path
}

fn session() -> Session {
    Session {
        lang: Lang::Zh,
        color: true,
        today: clock().today(),
        as_of: None,
        user: "bench".into(),
        role: Some(duban::domain::ClerkRole::Admin),
        department: None,
        db_name: "bench.db".into(),
        read_only: None,
        removed: None,
        remember: None,
        utc_offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: clock(),
    }
}

/// A started TUI at 80x24 with its first frame drawn.
struct Tui<'a> {
    state: State,
    runner: Runner<'a>,
    terminal: Terminal<TestBackend>,
}

impl<'a> Tui<'a> {
    fn new(db: &'a mut Db, session: &'a Session) -> Self {
        let (runner, opened) = Runner::open(db, session).unwrap();
        let mut tui = Tui {
            state: State::new(session.clone()),
            runner,
            terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
        };
        tui.key([
            Action::Resize {
                width: 80,
                height: 24,
            },
            opened,
        ]);
        tui
    }

    /// What the event loop does with a key: update, run the effects, draw.
    fn key(&mut self, actions: impl IntoIterator<Item = Action>) {
        let mut queue: VecDeque<Action> = actions.into_iter().collect();
        settle(&mut self.state, &mut self.runner, &mut queue);
        let state = &self.state;
        self.terminal.draw(|f| ui::draw(f, state)).unwrap();
    }
}

fn cmd(c: Command) -> Action {
    Action::Command(c)
}

/// `j` in the department list: the task pane follows with the next department's tasks. Each
/// sample is a department not shown before (the list has 1,000), as when a clerk walks down it.
#[divan::bench(sample_count = 200)]
fn j_in_the_department_list(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = Tui::new(&mut db, &session);
    b.bench_local(|| tui.key([cmd(Command::Down)]));
}

/// The same walk as the clerk sees it: between two keys the TUI reads the neighbouring
/// departments ahead while idle (`Runner::read_ahead`, outside the timed part here).
#[divan::bench(sample_count = 200, sample_size = 1)]
fn j_in_the_department_list_after_idle(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let tui = std::cell::RefCell::new(Tui::new(&mut db, &session));
    b.with_inputs(|| {
        let t = &mut *tui.borrow_mut();
        while t.runner.read_ahead(&t.state) {}
    })
    .bench_local_values(|()| tui.borrow_mut().key([cmd(Command::Down)]));
}

/// `j` in a department's task pane.
#[divan::bench(sample_count = 200)]
fn j_in_the_task_pane(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = Tui::new(&mut db, &session);
    tui.key([cmd(Command::NextPane)]);
    let mut down = true;
    b.bench_local(|| {
        let c = if down { Command::Down } else { Command::Up };
        tui.key([cmd(c)]);
        down = !down;
    });
}

/// A keystroke in the filter of the all-tasks view (view 2): the 100,000 tasks are matched again.
#[divan::bench(sample_count = 50)]
fn filter_keystroke_over_all_tasks(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = Tui::new(&mut db, &session);
    tui.key([cmd(Command::View(duban::tui::state::View::Tasks))]);
    tui.key([cmd(Command::Filter)]);
    tui.key([Action::FilterChar('建')]);
    let mut typed = false;
    b.bench_local(|| {
        // Alternately narrow (建设) and widen (建) again: each sample is one keystroke.
        if typed {
            tui.key([Action::FilterBackspace]);
        } else {
            tui.key([Action::FilterChar('设')]);
        }
        typed = !typed;
    });
}

/// Reading the filter's corpus: once when view 2 first opens, and again after the file changed.
#[divan::bench(sample_count = 10)]
fn reading_the_filter_corpus(b: Bencher) {
    let db = Db::open(&database()).unwrap();
    b.bench_local(|| db.task_index().unwrap());
}

/// View 7, the wall chart, loaded at 100,000 tasks (its keys, lead units, the rows on screen).
fn wall<'a>(db: &'a mut Db, session: &'a Session) -> Tui<'a> {
    let mut tui = Tui::new(db, session);
    tui.key([cmd(Command::View(duban::tui::state::View::Wall))]);
    tui
}

/// Pressing `7`: the frame drawn at once (the keys are read off the UI thread in the real
/// loop, so here the slow read is left out as the worker takes it).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn wall_first_frame(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let tui = std::cell::RefCell::new(Tui::new(&mut db, &session));
    b.with_inputs(|| {
        let t = &mut *tui.borrow_mut();
        t.state.view = duban::tui::state::View::Departments;
        t.state.wall = Default::default();
    })
    .bench_local_values(|()| {
        let t = &mut *tui.borrow_mut();
        let _effects = duban::tui::update(
            &mut t.state,
            cmd(Command::View(duban::tui::state::View::Wall)),
        );
        let state = &t.state;
        t.terminal.draw(|f| ui::draw(f, state)).unwrap();
    });
}

/// The chart's keys arriving from the worker: grouping 100,000 tasks by lead unit, reading the
/// rows on screen and their milestones, drawing.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn wall_keys_arrive(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let tui = std::cell::RefCell::new(wall(&mut db, &session));
    let (keys, leads) = {
        let t = tui.borrow();
        (t.state.wall.list.all.clone(), t.state.wall.leads.clone())
    };
    b.with_inputs(|| {
        let t = &mut *tui.borrow_mut();
        t.state.wall.list = Default::default();
        t.state.wall.milestones.clear();
        Action::WallKeys {
            keys: keys.clone(),
            leads: leads.clone(),
        }
    })
    .bench_local_values(|a| tui.borrow_mut().key([a]));
}

/// `j` in the chart.
#[divan::bench(sample_count = 200)]
fn wall_j(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = wall(&mut db, &session);
    let mut down = true;
    b.bench_local(|| {
        let c = if down { Command::Down } else { Command::Up };
        tui.key([cmd(c)]);
        down = !down;
    });
}

/// `+` and `-` in turn, and `l` and `h`: the window changes, nothing is read.
#[divan::bench(sample_count = 200)]
fn wall_zoom_and_pan(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = wall(&mut db, &session);
    let keys = [
        Command::ZoomIn,
        Command::PanRight,
        Command::ZoomOut,
        Command::PanLeft,
    ];
    let mut i = 0;
    b.bench_local(|| {
        tui.key([cmd(keys[i % 4])]);
        i += 1;
    });
}

/// `s`: grouping 100,000 tasks by lead unit or by section again.
#[divan::bench(sample_count = 50)]
fn wall_group_toggle(b: Bencher) {
    let mut db = Db::open(&database()).unwrap();
    let session = session();
    let mut tui = wall(&mut db, &session);
    b.bench_local(|| tui.key([cmd(Command::Group)]));
}

/// The worker's read for the grouping: every task's lead unit.
#[divan::bench(sample_count = 10)]
fn reading_the_lead_units(b: Bencher) {
    let db = Db::open(&database()).unwrap();
    b.bench_local(|| db.lead_units(None).unwrap());
}
