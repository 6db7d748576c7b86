//! The outputs of `tasks`, `cycle` and `remind` byte for byte as they were before they were made
//! to stream (issue 25): each output's SHA-256 and length, recorded from the collecting
//! implementation, on the demo (two plans, a renamed and a merged department, so that as-of reads
//! take the kept past) and on a generated file of 2,000 tasks.
//!
//! `DUBAN_GOLDEN_RECORD=1 cargo test --release --test output_golden` writes the expectation anew
//! (only after comparing the outputs with the binary they are meant to match). On a mismatch the
//! outputs are written to a temporary directory whose path the failure names.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::{demo_db, duban, err, p};
use sha2::{Digest, Sha256};

const EXPECTED: &str = "tests/fixtures/golden_outputs.txt";

fn ok(args: &[&str]) {
    let o = duban(args);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
}

/// The demo with a second plan, a department renamed and one merged into another: the kept past
/// (`department_past`, `assignment_past`) is then read by every as-of and period read before now.
fn demo(dir: &Path) -> PathBuf {
    let db = demo_db(dir);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/straight.txt");
    ok(&["--db", p(&db), "import", "plan", p(&fixture)]);
    ok(&["--db", p(&db), "dept", "rename", "区统计局", "区统计中心"]);
    ok(&[
        "--db",
        p(&db),
        "dept",
        "merge",
        "区商务局",
        "区经信局",
        "--yes",
    ]);
    db
}

fn generated(dir: &Path) -> PathBuf {
    let db = dir.join("g.db");
    ok(&[
        "gen",
        p(&db),
        "--tasks",
        "2000",
        "--departments",
        "40",
        "--seed",
        "7",
        "--year",
        "2026",
    ]);
    db
}

/// (name, language, arguments after `--db FILE`).
fn demo_cases() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("tasks", "zh", vec!["tasks"]),
        ("tasks-en", "en", vec!["tasks"]),
        ("tasks-json", "zh", vec!["tasks", "--json"]),
        ("tasks-csv", "zh", vec!["tasks", "--csv"]),
        ("tasks-csv-en", "en", vec!["tasks", "--csv"]),
        ("tasks-dept", "zh", vec!["tasks", "--dept", "区经信局"]),
        (
            "tasks-dept-json",
            "zh",
            vec!["tasks", "--dept", "区经信局", "--json"],
        ),
        (
            "tasks-dept-csv",
            "zh",
            vec!["tasks", "--dept", "区经信局", "--csv"],
        ),
        ("tasks-co-dept", "zh", vec!["tasks", "--dept", "区统计中心"]),
        ("tasks-asof", "zh", vec!["tasks", "--as-of", "2026-09-30"]),
        (
            "tasks-asof-json",
            "zh",
            vec!["tasks", "--as-of", "2026-09-30", "--json"],
        ),
        (
            "tasks-asof-dept",
            "zh",
            vec!["tasks", "--as-of", "2026-06-30", "--dept", "区商务局"],
        ),
        ("tasks-overdue", "zh", vec!["tasks", "--overdue"]),
        (
            "tasks-overdue-json",
            "zh",
            vec!["tasks", "--overdue", "--json"],
        ),
        ("tasks-plan1", "zh", vec!["tasks", "--plan", "1"]),
        (
            "tasks-plan2-json",
            "zh",
            vec!["tasks", "--plan", "2", "--json"],
        ),
        ("tasks-none", "zh", vec!["tasks", "--as-of", "2020-01-01"]),
        (
            "tasks-none-json",
            "zh",
            vec!["tasks", "--as-of", "2020-01-01", "--json"],
        ),
        (
            "tasks-none-csv",
            "zh",
            vec!["tasks", "--as-of", "2020-01-01", "--csv"],
        ),
        ("cycle", "zh", vec!["cycle"]),
        ("cycle-en", "en", vec!["cycle"]),
        ("cycle-json", "zh", vec!["cycle", "--json"]),
        ("cycle-q3", "zh", vec!["cycle", "--period", "2026-Q3"]),
        (
            "cycle-q3-json",
            "zh",
            vec!["cycle", "--period", "2026-Q3", "--json"],
        ),
        ("cycle-running", "zh", vec!["cycle", "--period", "2026-11"]),
        ("cycle-year", "en", vec!["cycle", "--period", "2026"]),
        ("cycle-plan1", "zh", vec!["cycle", "--plan", "1"]),
        (
            "cycle-plan1-json",
            "zh",
            vec!["cycle", "--plan", "1", "--json"],
        ),
        ("remind", "zh", vec!["remind"]),
        ("remind-en", "en", vec!["remind"]),
        ("remind-dept", "zh", vec!["remind", "--dept", "区经信局"]),
        ("remind-q3", "zh", vec!["remind", "--period", "2026-Q3"]),
        (
            "remind-running",
            "en",
            vec!["remind", "--period", "2026-11"],
        ),
        ("remind-plan2", "zh", vec!["remind", "--plan", "2"]),
        ("remind-jan", "zh", vec!["remind", "--period", "2026-01"]),
    ]
}

fn generated_cases() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("gen-tasks", "zh", vec!["tasks"]),
        ("gen-tasks-json", "zh", vec!["tasks", "--json"]),
        ("gen-tasks-csv", "zh", vec!["tasks", "--csv"]),
        (
            "gen-tasks-asof",
            "en",
            vec!["tasks", "--as-of", "2026-07-15"],
        ),
        ("gen-cycle", "zh", vec!["cycle"]),
        ("gen-cycle-json", "zh", vec!["cycle", "--json"]),
        ("gen-cycle-q2", "en", vec!["cycle", "--period", "2026-Q2"]),
        ("gen-cycle-06", "zh", vec!["cycle", "--period", "2026-06"]),
        ("gen-remind", "zh", vec!["remind"]),
        ("gen-remind-en", "en", vec!["remind"]),
        ("gen-remind-06", "zh", vec!["remind", "--period", "2026-06"]),
    ]
}

/// `name sha256 bytes exit` for each case.
fn outputs(db: &Path, cases: &[(&str, &str, Vec<&str>)], kept: &Path) -> Vec<String> {
    cases
        .iter()
        .map(|(name, lang, args)| {
            let mut all = vec!["--db", p(db), "--lang", lang];
            all.extend(args.iter().copied());
            let o = duban(&all);
            std::fs::write(kept.join(name), &o.stdout).unwrap();
            let digest: String = Sha256::digest(&o.stdout)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!(
                "{name} {digest} {} {}",
                o.stdout.len(),
                o.status.code().unwrap_or(-1)
            )
        })
        .collect()
}

#[test]
fn tasks_cycle_and_remind_print_what_they_printed() {
    let dir = tempfile::tempdir().unwrap();
    let kept = tempfile::Builder::new()
        .prefix("duban-golden-")
        .tempdir()
        .unwrap();
    let mut lines = outputs(&demo(dir.path()), &demo_cases(), kept.path());
    lines.extend(outputs(
        &generated(dir.path()),
        &generated_cases(),
        kept.path(),
    ));
    let got = lines.join("\n") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXPECTED);
    if std::env::var_os("DUBAN_GOLDEN_RECORD").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    let differ: Vec<&str> = got
        .lines()
        .zip(expected.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.split(' ').next().unwrap_or(""))
        .collect();
    if differ.is_empty() && got.lines().count() == expected.lines().count() {
        return;
    }
    let kept = kept.keep();
    panic!(
        "outputs differ from {EXPECTED}: {differ:?}; they are kept in {}",
        kept.display()
    );
}
