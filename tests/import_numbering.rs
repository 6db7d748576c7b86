//! Issue 19, item 5: items numbered 1000 and up are items, not text of the item before; the
//! preview says how many it found.

#[path = "support/cli.rs"]
mod cli;

use duban::import::{Options, read_plan};

fn opts() -> Options {
    Options {
        fallback_title: "untitled".into(),
        fallback_year: 2030,
    }
}

fn plan(items: usize) -> String {
    let mut text = String::from("某县千项民生清单(2025年)\n一、重点任务\n");
    for n in 1..=items {
        let unit = if n % 2 == 0 {
            "县民政局"
        } else {
            "县住建局"
        };
        text.push_str(&format!("{n}.办好第{n}件实事。(责任单位:{unit})\n"));
    }
    text
}

#[test]
fn items_numbered_1000_and_up_are_tasks() {
    let (d, _) = read_plan(plan(1005).as_bytes(), &opts()).unwrap();
    assert_eq!(d.tasks.len(), 1005);
    let numbers: Vec<String> = d.tasks.iter().map(|t| t.number.clone()).collect();
    let want: Vec<String> = (1..=1005).map(|n| n.to_string()).collect();
    assert_eq!(numbers, want);
    assert!(d.tasks.iter().all(|t| t.units.len() == 1));
    assert_eq!(d.tasks[1004].title, "办好第1005件实事");
}

#[test]
fn a_year_or_a_big_number_in_the_text_is_not_an_item() {
    let text = "某县计划(2025年)\n一、重点任务\n1.推进改造。\n2025.全年完成。\n1200、户完成改造。\n2.建设公园。(责任单位:县住建局)\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    let numbers: Vec<&str> = d.tasks.iter().map(|t| t.number.as_str()).collect();
    assert_eq!(numbers, vec!["1", "2"]);
    assert!(d.tasks[0].body.contains("1200、户完成改造"));
}

#[test]
fn the_preview_counts_every_item() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.txt");
    std::fs::write(&file, plan(1005)).unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    assert!(cli::duban(&["--db", db, "init"]).status.success());
    let o = cli::duban_en(&[
        "--db",
        db,
        "import",
        "plan",
        "--dry-run",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", cli::err(&o));
    let out = cli::out(&o);
    assert!(out.contains("Tasks (1005, with units 1005)"), "{out}");
    assert!(
        out.contains("  1005  办好第1005件实事  [*县住建局]"),
        "{out}"
    );
}
