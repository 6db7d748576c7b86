//! `tasks --dept X` shows X's own part of each task (issue 24): on a task X only assists, the
//! light, percent and reason are X's assignment's, as `status` counts them — so the two agree on
//! how many of X's tasks are red (and yellow, and done), for every department of the demo.

#[path = "support/cli.rs"]
mod cli;

use cli::{demo_db, duban, duban_en, err, p};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let o = duban_en(args);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn status_and_tasks_dept_agree_on_every_departments_lights() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    let status = json(&["--db", db, "status", "--json"]);
    let departments = status["departments"].as_array().unwrap();
    assert!(departments.len() > 10);
    let mut co_reds = 0;
    for d in departments {
        let name = d["department"].as_str().unwrap();
        let tasks = json(&["--db", db, "tasks", "--dept", name, "--json"]);
        let tasks = tasks.as_array().unwrap();
        let count = |light: &str| tasks.iter().filter(|t| t["light"] == light).count() as u64;
        assert_eq!(count("red"), d["red"].as_u64().unwrap(), "red of {name}");
        assert_eq!(
            count("yellow"),
            d["yellow"].as_u64().unwrap(),
            "yellow of {name}"
        );
        assert_eq!(count("done"), d["done"].as_u64().unwrap(), "done of {name}");
        let led = tasks.iter().filter(|t| t["own_role"] == "lead").count() as u64;
        assert_eq!(led, d["led"].as_u64().unwrap(), "led by {name}");
        co_reds += tasks
            .iter()
            .filter(|t| t["own_role"] == "co" && t["light"] == "red")
            .count();
    }
    // The case the issue found: red co-unit parts, which the task's own light hid.
    assert!(co_reds > 0);
}

#[test]
fn the_table_says_whose_light_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let o = duban(&["--db", p(&db), "tasks", "--dept", "区自然资源局"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("进度、状态为区自然资源局本单位承担部分"),
        "{text}"
    );
    // Task 20, led by 区住建局: 区自然资源局's own part is overdue at 0%.
    let row = text.lines().find(|l| l.starts_with("20 ")).unwrap();
    assert!(row.contains("0%") && row.contains("✖逾期"), "{row}");
    let o = duban_en(&["--db", p(&db), "tasks", "--dept", "区自然资源局"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("Done% and light: 区自然资源局's own part"),
        "{text}"
    );
    // Without --dept, the task's light, and no caption.
    let o = duban(&["--db", p(&db), "tasks"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("编号"), "{text}");
    let o = duban_en(&["--db", p(&db), "tasks", "--json"]);
    assert!(!String::from_utf8(o.stdout).unwrap().contains("own_role"));
}
