//! Milestones from the command line (issue 23): `duban milestone list|add|edit|remove|reach` on
//! the demo file, in Chinese and English; named by number, name or a unique start of the name;
//! the refusals as one line, exit 2 (a unit changing the list, a viewer, an unknown milestone, a
//! future date, no reason for not reached); the JSON shape; `duban check` clean after.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/project.rs"]
mod project;

use cli::{assert_refused, duban, duban_en, p};
use duban::domain::ClerkRole;
use project::{assert_check_clean, be, json, ok, setup};
use serde_json::Value;

#[test]
fn milestones_are_added_changed_reached_and_listed() {
    let (_dir, db, t) = setup();
    let d = p(&db);
    let ms = |args: &[&str]| {
        let mut all = vec!["--db", d, "milestone"];
        all.extend_from_slice(args);
        duban(&all)
    };
    let said = ok(&ms(&["list", "--task", &t]));
    assert!(said.contains("没有节点"), "{said}");
    // Added out of order; the list is in date order.
    ok(&ms(&["add", "--task", &t, "竣工", "--on", "2027-06-30"]));
    ok(&ms(&[
        "add",
        "--task",
        &t,
        "开工",
        "--on",
        "2026-03-01",
        "--share",
        "10",
    ]));
    let said = ok(&duban_en(&[
        "--db",
        d,
        "milestone",
        "add",
        "--task",
        &t,
        "主体结顶",
        "--on",
        "2026-09-30",
        "--share",
        "60%",
    ]));
    assert!(
        said.contains("milestone \"主体结顶\" (planned 2026-09-30) added"),
        "{said}"
    );
    assert_refused(
        &ms(&["add", "--task", &t, "开工", "--on", "2026-03-02"]),
        2,
        "已有节点",
    );
    assert_refused(
        &ms(&[
            "add",
            "--task",
            &t,
            "投产",
            "--on",
            "2027-09-30",
            "--share",
            "120",
        ]),
        2,
        "节点进度",
    );
    assert_refused(
        &ms(&["add", "--task", &t, "投产\u{1b}[31m", "--on", "2027-09-30"]),
        2,
        "ESC",
    );
    let list = json(&ms(&["list", "--task", &t, "--json"]));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["开工", "主体结顶", "竣工"]);
    assert_eq!(list[0]["number"], 1);
    assert_eq!(list[0]["share"], 10);
    assert_eq!(list[1]["planned_on"], "2026-09-30");
    assert_eq!(list[1]["days_late"], 54);
    assert_eq!(list[2]["share"], Value::Null);

    // Reached by the unit: by name, by number, by a unique start of the name.
    let said = ok(&ms(&[
        "reach",
        "--task",
        &t,
        "开工",
        "--on",
        "2026-03-05",
        "--note",
        "开工仪式",
    ]));
    assert!(
        said.contains("节点“开工”于 2026-03-05 达到(区科技局)"),
        "{said}"
    );
    ok(&ms(&["reach", "--task", &t, "2", "--on", "2026-10-08"]));
    assert_refused(
        &ms(&["reach", "--task", &t, "竣", "--on", "2026-12-01"]),
        2,
        "晚于今天",
    );
    assert_refused(
        &ms(&["reach", "--task", &t, "投产", "--on", "2026-11-01"]),
        2,
        "没有节点“投产”",
    );
    assert_refused(
        &duban_en(&[
            "--db",
            d,
            "milestone",
            "reach",
            "--task",
            &t,
            "9",
            "--on",
            "2026-11-01",
        ]),
        2,
        "has no milestone \"9\"",
    );
    assert_refused(
        &ms(&["reach", "--task", &t, "1", "--not-reached"]),
        2,
        "--note",
    );
    let said = ok(&ms(&[
        "reach",
        "--task",
        &t,
        "1",
        "--not-reached",
        "--note",
        "误填,尚未开工",
    ]));
    assert!(said.contains("改为未达到"), "{said}");

    let zh = ok(&ms(&["list", "--task", &t]));
    for want in [
        "3 个,已达到 1 个",
        "◇逾期",
        "◆已达到(晚8天)",
        "误填,尚未开工",
    ] {
        assert!(zh.contains(want), "{want:?} in\n{zh}");
    }
    let en = ok(&duban_en(&["--db", d, "milestone", "list", "--task", &t]));
    assert!(en.contains("3 milestones, 1 reached"), "{en}");
    assert!(en.contains("◆reached (8 days late)"), "{en}");

    // Changed and removed by an admin; the reached date stays with the milestone.
    ok(&ms(&[
        "edit",
        "--task",
        &t,
        "竣工",
        "--name",
        "竣工验收",
        "--on",
        "2027-09-30",
    ]));
    ok(&ms(&["edit", "--task", &t, "主体", "--share", "none"]));
    let list = json(&ms(&["list", "--task", &t, "--json"]));
    assert_eq!(list[2]["name"], "竣工验收");
    assert_eq!(list[2]["planned_on"], "2027-09-30");
    assert_eq!(list[1]["share"], Value::Null);
    assert_eq!(list[1]["reached_on"], "2026-10-08");
    let said = ok(&ms(&["remove", "--task", &t, "3"]));
    assert!(
        said.contains("已删除") && said.contains("竣工验收"),
        "{said}"
    );
    assert_eq!(
        json(&ms(&["list", "--task", &t, "--json"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // As of a day before: none yet.
    let then = json(&ms(&[
        "list",
        "--task",
        &t,
        "--json",
        "--as-of",
        "2026-01-01",
    ]));
    assert!(then.as_array().unwrap().is_empty());
    // A start of several names is not guessed.
    ok(&ms(&["add", "--task", &t, "投产", "--on", "2027-09-30"]));
    ok(&ms(&[
        "add",
        "--task",
        &t,
        "投产达效",
        "--on",
        "2027-12-31",
    ]));
    assert_refused(
        &ms(&["reach", "--task", &t, "投", "--on", "2026-11-01"]),
        2,
        "可指多个节点",
    );

    // A unit may not change the list, a viewer may not enter a date.
    be(&db, ClerkRole::Editor, Some("区科技局"));
    assert_refused(&ms(&["remove", "--task", &t, "1"]), 2, "只有管理员");
    ok(&ms(&["reach", "--task", &t, "开工", "--on", "2026-03-06"]));
    be(&db, ClerkRole::Viewer, None);
    assert_refused(
        &ms(&["reach", "--task", &t, "开工", "--on", "2026-03-07"]),
        2,
        "查看人员",
    );
    assert_check_clean(&db);
}
