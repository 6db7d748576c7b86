//! Many clerks on one file, and writers killed mid-write. The writers are real processes: this
//! test binary started again with `--ignored --exact <worker>` and its orders in the environment,
//! so each opens its own connection as a clerk's duban would.
//!
//! 1. Eight processes write 200 reports each to the same file, many to the same assignments,
//!    while `duban status` reads throughout: every acknowledged write is in the journal exactly
//!    once, every current value is its newest journal row, nobody saw "database is locked", every
//!    deliberately stale write was refused, and every status read succeeded.
//! 2. A writer is killed with SIGKILL at varying moments, round after round: the file passes
//!    `integrity_check` and holds every write acknowledged before the kill.

#[path = "support/cli.rs"]
mod cli;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::Percent;
use duban::store::{Db, ProgressReport, StoreError, maintenance};

const WORKERS: usize = 8;
const WRITES: usize = 200;
/// Assignments the workers share: few, so that they collide often.
const SHARED: usize = 12;
const ADMIN: &str = "sunhui";

fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("stress.db");
    let mut db = Db::create(&path).unwrap();
    let today: NaiveDate = "2026-11-23".parse().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    duban::sample::demo::build(&mut db, today, now, ADMIN).unwrap();
    path
}

/// The first `n` assignments of the file, in a fixed order.
fn assignments(db: &Db, n: usize) -> Vec<(i64, i64)> {
    db.tasks(Default::default())
        .unwrap()
        .into_iter()
        .flat_map(|t| {
            let id = t.id;
            t.units.into_iter().map(move |u| (id, u.department_id))
        })
        .take(n)
        .collect()
}

fn worker(role: &str, path: &Path, index: usize) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([
        "--ignored",
        "--exact",
        role,
        "--nocapture",
        "--test-threads=1",
    ])
    .env("DUBAN_STRESS_DB", path)
    .env("DUBAN_STRESS_INDEX", index.to_string())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    c
}

fn orders() -> Option<(PathBuf, usize)> {
    let path = std::env::var_os("DUBAN_STRESS_DB")?;
    let index = std::env::var("DUBAN_STRESS_INDEX").ok()?.parse().ok()?;
    Some((PathBuf::from(path), index))
}

/// One clerk's process: 200 reports, every tenth with a version it knows to be stale. Prints
/// one line per attempt (after `@@ `, as the test harness prints on the same line): `ack ID NOTE`, `stale NOTE` (refused as stale), `conflict NOTE`
/// (someone else saved in between), `locked`, or `error …`.
#[test]
#[ignore = "a worker process of concurrent_writers_lose_nothing"]
fn stress_writer_process() {
    let Some((path, index)) = orders() else {
        return;
    };
    let mut db = Db::open(&path).unwrap();
    let shared = assignments(&db, SHARED);
    let mut out = std::io::stdout().lock();
    for k in 0..WRITES {
        let (task, dept) = shared[(index * 5 + k) % shared.len()];
        let current = db.assignment(task, dept).unwrap().unwrap().version;
        let deliberate = k % 10 == 9;
        let note = format!("w{index}-{k}");
        let report = ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(((index * 13 + k) % 101) as i64).unwrap(),
            note: note.clone(),
            by: ADMIN.into(),
            at: cli::pinned_now(),
            expected_version: if deliberate { current - 1 } else { current },
        };
        let line = match db.report_progress(&report) {
            Ok(saved) => format!("ack {} {note}", saved.entry_id),
            Err(StoreError::Conflict(_)) if deliberate => format!("stale {note}"),
            Err(StoreError::Conflict(_)) => format!("conflict {note}"),
            Err(StoreError::Busy) => "locked".to_string(),
            Err(e) => format!("error {e:?}"),
        };
        writeln!(out, "\n@@ {line}").unwrap();
    }
}

/// A writer that goes on until it is killed, acknowledging each commit as it returns.
#[test]
#[ignore = "a worker process of killed_writers_lose_no_acknowledged_write"]
fn crash_writer_process() {
    let Some((path, index)) = orders() else {
        return;
    };
    let mut db = Db::open(&path).unwrap();
    let shared = assignments(&db, SHARED);
    let mut out = std::io::stdout().lock();
    for k in 0.. {
        let (task, dept) = shared[k % shared.len()];
        let current = db.assignment(task, dept).unwrap().unwrap().version;
        let note = format!("c{index}-{k}");
        let saved = db
            .report_progress(&ProgressReport {
                task_id: task,
                department_id: dept,
                percent: Percent::new((k % 101) as i64).unwrap(),
                // A long note makes each commit span more pages, so kills land mid-write.
                note: format!("{note} {}", "进展".repeat(k % 400)),
                by: ADMIN.into(),
                at: cli::pinned_now(),
                expected_version: current,
            })
            .unwrap();
        writeln!(out, "\n@@ ack {} {note}", saved.entry_id).unwrap();
        out.flush().unwrap();
    }
}

/// Journal rows by note prefix: note's first word -> ids.
fn journal(path: &Path, prefix: &str) -> HashMap<String, Vec<i64>> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare("SELECT id, note FROM progress WHERE note LIKE ?1 || '%'")
        .unwrap();
    let mut rows: HashMap<String, Vec<i64>> = HashMap::new();
    for r in stmt
        .query_map([prefix], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap()
    {
        let (id, note) = r.unwrap();
        let key = note.split(' ').next().unwrap().to_string();
        rows.entry(key).or_default().push(id);
    }
    rows
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let started = Instant::now();

    // Readers throughout: `duban status` as a supervisor would run it.
    let done = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (path, done, reads) = (path.clone(), done.clone(), reads.clone());
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let o = cli::command()
                    .args(["--db", path.to_str().unwrap(), "status", "--json"])
                    .output()
                    .unwrap();
                if !o.status.success() {
                    failures.push(String::from_utf8_lossy(&o.stderr).into_owned());
                }
                reads.fetch_add(1, Ordering::Relaxed);
            }
            failures
        })
    };

    let children: Vec<_> = (0..WORKERS)
        .map(|i| worker("stress_writer_process", &path, i).spawn().unwrap())
        .collect();
    let outputs: Vec<String> = children
        .into_iter()
        .map(|c| String::from_utf8(c.wait_with_output().unwrap().stdout).unwrap())
        .collect();
    done.store(true, Ordering::Relaxed);
    let read_failures = reader.join().unwrap();

    let mut acked: HashMap<String, i64> = HashMap::new();
    let (mut stale, mut conflicts) = (0, 0);
    for (i, out) in outputs.iter().enumerate() {
        let attempts: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("@@ ")).collect();
        assert_eq!(attempts.len(), WRITES, "worker {i} finished: {out}");
        for l in attempts {
            let mut words = l.split(' ');
            match words.next().unwrap() {
                "ack" => {
                    let id: i64 = words.next().unwrap().parse().unwrap();
                    acked.insert(words.next().unwrap().to_string(), id);
                }
                "stale" => stale += 1,
                "conflict" => conflicts += 1,
                other => panic!("worker {i}: {other}: {l}"),
            }
        }
    }
    assert_eq!(stale, WORKERS * WRITES / 10, "every stale write refused");
    assert!(read_failures.is_empty(), "status failed: {read_failures:?}");
    assert!(reads.load(Ordering::Relaxed) > 0);

    let rows = journal(&path, "w");
    for (note, id) in &acked {
        assert_eq!(
            rows.get(note),
            Some(&vec![*id]),
            "{note} once, as acknowledged"
        );
    }
    assert_eq!(rows.len(), acked.len(), "nothing unacknowledged was saved");
    let report = maintenance::check(&path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    eprintln!(
        "stress: {} acknowledged, {stale} stale refused, {conflicts} lost races refused, {} status reads, {:?}",
        acked.len(),
        reads.load(Ordering::Relaxed),
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn killed_writers_lose_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut acked: HashMap<String, i64> = HashMap::new();
    for round in 0..12usize {
        let mut child = worker("crash_writer_process", &path, round)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill after a varying number of acknowledged writes (at a varying moment in the next).
        let wanted = 3 + (round * 37) % 60;
        let mut lines = Vec::new();
        while lines.len() < wanted {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => lines.extend(line.strip_prefix("@@ ").map(str::to_string)),
                Err(e) => panic!("round {round}: the writer stopped: {e}"),
            }
        }
        std::thread::sleep(Duration::from_micros((round as u64 * 733) % 3000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        // Every line printed before the kill is an acknowledged write: its commit had returned.
        lines.extend(
            rx.try_iter()
                .filter_map(|l| l.strip_prefix("@@ ").map(str::to_string)),
        );
        let report = maintenance::check(&path).unwrap();
        assert!(report.is_clean(), "round {round}: {report:?}");
        let rows = journal(&path, &format!("c{round}-"));
        for line in &lines {
            let mut words = line.split(' ');
            assert_eq!(words.next(), Some("ack"), "{line}");
            let id: i64 = words.next().unwrap().parse().unwrap();
            let note = words.next().unwrap().to_string();
            assert_eq!(
                rows.get(&note),
                Some(&vec![id]),
                "round {round}: {note} kept once"
            );
            acked.insert(note, id);
        }
        // At most the one write that committed as the kill came is there unacknowledged.
        assert!(rows.len() <= lines.len() + 1, "round {round}");
    }
    assert!(acked.len() >= 12 * 3);
    eprintln!(
        "kill: {} acknowledged writes over 12 SIGKILLed writers, all present once",
        acked.len()
    );
}
