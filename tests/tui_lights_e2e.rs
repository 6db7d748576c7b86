//! The task lists' lights through the real binary, where the overview (and with it the
//! milestones) is read on the worker thread and the rows on the UI thread's own connection: a
//! row is judged with the milestones as `duban tasks` judges it (issue 23: the lists once showed
//! the demo's late milestone as green and the tasks around it as yellow).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use pty::{Tui, demo_db};

/// The screen row of task `number` in a list (its number at the left edge), if shown.
fn row_of(screen: &str, number: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.split_whitespace().next() == Some(number))
        .map(str::to_string)
}

#[test]
fn the_task_list_lights_follow_the_milestones_like_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    // What the command line says of the key projects (tasks 29–34 of the demo).
    let out = cli::command()
        .args(["--db", path.to_str().unwrap(), "tasks", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let tasks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let light_of = |number: &str| -> String {
        let task = tasks
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["number"] == number)
            .unwrap_or_else(|| panic!("task {number} in `tasks --json`"));
        task["light"].as_str().unwrap().to_string()
    };
    assert_eq!(
        light_of("30"),
        "yellow",
        "the demo's late milestone (主体结顶)"
    );
    assert_eq!(light_of("34"), "green");

    let mut tui = Tui::start(&path, 80, 24);
    tui.wait_ready();
    tui.keys("2");
    tui.wait_text("任务  34 项");
    tui.keys("G");
    tui.wait_for("the last tasks' rows", |s| {
        row_of(&s.contents(), "30").is_some_and(|r| r.contains('%'))
            && row_of(&s.contents(), "34").is_some_and(|r| r.contains('%'))
    });
    let screen = tui.screen();
    let glyph = |light: &str| match light {
        "yellow" => '▲',
        "green" => '●',
        "red" => '✖',
        other => panic!("light {other}"),
    };
    for number in ["29", "30", "31", "32", "33", "34"] {
        let row =
            row_of(&screen, number).unwrap_or_else(|| panic!("task {number} shown\n{screen}"));
        let want = glyph(&light_of(number));
        assert_eq!(
            row.trim_end().chars().last(),
            Some(want),
            "task {number}: the list's light is the command line's\n{screen}"
        );
    }
}
