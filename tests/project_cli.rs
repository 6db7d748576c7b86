//! Key projects from the command line (issue 23): `duban project show|set` and `duban invest` on
//! the demo file, in Chinese and English; the refusals as one line, exit 2 (a viewer, another
//! department, not a project, a falling figure without a reason, a month not begun, a bad amount,
//! control characters); the JSON shapes; the per-plan completion setting; `duban check` clean
//! after. The login is the OS's: between steps the test changes this login's role in the file.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/project.rs"]
mod project;

use cli::{assert_refused, duban, duban_en, err, p};
use duban::domain::ClerkRole;
use duban::identity::os_login;
use project::{PLAIN, PROJECT, assert_check_clean, be, json, ok, setup, task};

#[test]
fn a_project_is_set_figures_entered_and_shown_in_both_languages() {
    let (_dir, db, t) = setup();
    let d = p(&db);
    // A year's plan for another year, then the monthly figures (cumulative for the year).
    ok(&duban(&[
        "--db",
        d,
        "project",
        "set",
        "--task",
        &t,
        "--year",
        "2025",
        "--planned",
        "4000",
    ]));
    let said = ok(&duban(&[
        "--db",
        d,
        "invest",
        "--task",
        &t,
        "--month",
        "2026-09",
        "--amount",
        "2100",
        "--note",
        "实验楼主体施工",
    ]));
    assert!(
        said.contains("已填报") && said.contains("区科技局"),
        "{said}"
    );
    assert!(
        said.contains("2026-09") && said.contains("2100万元"),
        "{said}"
    );
    assert!(said.contains("完成率 35.0%"), "{said}");
    let said = ok(&duban_en(&[
        "--db",
        d,
        "invest",
        "--task",
        &t,
        "--month",
        "2026-10",
        "--amount",
        "3000万元",
    ]));
    assert!(said.starts_with("saved: task"), "{said}");
    assert!(said.contains("rate 50.0%"), "{said}");

    // One project whole.
    let zh = ok(&duban(&["--db", d, "project", "show", "--task", &t]));
    for want in [
        PROJECT,
        "建设单位:青川研发科技有限公司",
        "总投资:18600万元",
        "2025年 4000万元;2026年 6000万元",
        "计划 6000万元,本年累计完成 3000万元,完成率 50.0%",
        "2026-09",
        "实验楼主体施工",
        "状态:",
    ] {
        assert!(zh.contains(want), "{want:?} in\n{zh}");
    }
    assert!(zh.contains(&os_login()), "who entered it:\n{zh}");
    let en = ok(&duban_en(&["--db", d, "project", "show", "--task", &t]));
    for want in [
        "Owner: 青川研发科技有限公司",
        "Planned per year:",
        "rate 50.0%",
        "Month",
    ] {
        assert!(en.contains(want), "{want:?} in\n{en}");
    }

    // Every project, with a total row, fitting 80 columns.
    let table = ok(&duban(&["--db", d, "project", "show"]));
    assert!(table.contains("合计"), "{table}");
    assert!(table.contains("青川研发"), "{table}");
    for line in table.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 80, "{w} columns: {line}");
    }
    let table = ok(&duban_en(&["--db", d, "project", "show", "--plan", "1"]));
    assert!(
        table.contains("Total") && table.contains("Plan 2026"),
        "{table}"
    );
    for line in table.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 80, "{w} columns: {line}");
    }

    // The JSON: one project, and the list with its total.
    let one = json(&duban(&[
        "--db", d, "project", "show", "--task", &t, "--json",
    ]));
    assert_eq!(one["owner"], "青川研发科技有限公司");
    assert_eq!(one["total"], 18600.0);
    assert_eq!(one["year"], 2026);
    assert_eq!(one["planned"], 6000.0);
    assert_eq!(one["completed"], 3000.0);
    assert_eq!(one["rate"], 50.0);
    assert_eq!(one["completion_source"], "percent");
    assert_eq!(one["plans"].as_array().unwrap().len(), 2);
    let figures = one["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 2);
    assert_eq!(figures[0]["month"], "2026-09");
    assert_eq!(figures[0]["department"], "区科技局");
    assert_eq!(figures[0]["by"], os_login());
    for key in ["note", "reason", "at", "at_local", "corrected", "id"] {
        assert!(figures[0].get(key).is_some(), "{key} in {}", figures[0]);
    }
    for key in [
        "light",
        "reason",
        "closing",
        "completed_to_date",
        "number",
        "title",
    ] {
        assert!(one.get(key).is_some(), "{key} in {one}");
    }
    let all = json(&duban(&["--db", d, "project", "show", "--json"]));
    let projects = all["projects"].as_array().unwrap();
    let mine = projects
        .iter()
        .find(|x| x["title"] == PROJECT)
        .expect("listed");
    assert_eq!(mine["completed"], 3000.0);
    let sum: f64 = projects
        .iter()
        .map(|x| x["planned"].as_f64().unwrap_or(0.0))
        .sum();
    assert_eq!(all["total"]["planned"].as_f64().unwrap(), sum);
    assert_eq!(all["as_of"], cli::TODAY);

    // As of a day before any of it: not a project then.
    let before = json(&duban(&[
        "--db",
        d,
        "project",
        "show",
        "--json",
        "--as-of",
        "2026-06-30",
    ]));
    assert!(
        !before["projects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["title"] == PROJECT)
    );

    // No longer a project: gone from the list, its figures kept on record.
    let said = ok(&duban(&[
        "--db",
        d,
        "project",
        "set",
        "--task",
        &t,
        "--not-a-project",
    ]));
    assert!(said.contains("不再是重点项目"), "{said}");
    assert_refused(
        &duban(&["--db", d, "project", "show", "--task", &t]),
        2,
        "不是重点项目",
    );
    assert_check_clean(&db);
}

#[test]
fn figures_are_refused_in_one_line_with_the_reason() {
    let (_dir, db, t) = setup();
    let d = p(&db);
    let plain = task(&db, PLAIN);
    let invest = |task: &str, month: &str, amount: &str, extra: &[&str]| {
        let mut args = vec![
            "--db", d, "invest", "--task", task, "--month", month, "--amount", amount,
        ];
        args.extend_from_slice(extra);
        duban(&args)
    };
    ok(&invest(&t, "2026-10", "3000", &[]));
    // Falling without a reason; with one it is a correction.
    assert_refused(&invest(&t, "2026-11", "2500", &[]), 2, "--reason");
    assert_refused(
        &duban_en(&[
            "--db", d, "invest", "--task", &t, "--month", "2026-11", "--amount", "2500",
        ]),
        2,
        "give the reason (--reason)",
    );
    ok(&invest(
        &t,
        "2026-11",
        "2500",
        &["--reason", "统计口径调整"],
    ));
    // A month not begun, a month unreadable, amounts that are no amount.
    assert_refused(&invest(&t, "2026-12", "3500", &[]), 2, "尚未开始的月份");
    assert_refused(&invest(&t, "2026-13", "3500", &[]), 2, "无法识别月份");
    for bad in ["abc", "-5", "1e9", "300000000"] {
        assert_refused(&invest(&t, "2026-11", bad, &[]), 2, "金额");
    }
    assert_refused(
        &duban_en(&[
            "--db", d, "invest", "--task", &t, "--month", "2026-11", "--amount", "x",
        ]),
        2,
        "the amount \"x\" is wrong",
    );
    // Not a key project.
    assert_refused(&invest(&plain, "2026-11", "10", &[]), 2, "不是重点项目");
    assert_refused(
        &duban(&["--db", d, "project", "show", "--task", &plain]),
        2,
        "不是重点项目",
    );
    // Control characters in a note, a reason or the owner: refused, nothing written.
    assert_refused(
        &invest(&t, "2026-11", "2600", &["--note", "好\u{1b}]0;x\u{7}"]),
        2,
        "ESC",
    );
    assert_refused(
        &duban(&[
            "--db",
            d,
            "project",
            "set",
            "--task",
            &t,
            "--owner",
            "青川\u{1b}[2J公司",
        ]),
        2,
        "ESC",
    );
    let one = json(&duban(&[
        "--db", d, "project", "show", "--task", &t, "--json",
    ]));
    assert_eq!(one["owner"], "青川研发科技有限公司");
    assert_eq!(one["figures"].as_array().unwrap().len(), 2);
    // Nothing to set.
    let o = duban(&["--db", d, "project", "set", "--task", &t]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));

    // An editor of a co-unit: its own department by default; another unit's is refused.
    be(&db, ClerkRole::Editor, Some("区经信局"));
    let said = ok(&invest(&t, "2026-11", "3100", &[]));
    assert!(said.contains("区经信局"), "{said}");
    assert_refused(
        &invest(&t, "2026-11", "2800", &["--dept", "区科技局"]),
        2,
        "只能填报本单位",
    );
    assert_refused(
        &duban(&["--db", d, "project", "set", "--task", &t, "--total", "1"]),
        2,
        "只有管理员",
    );
    // An editor of a department that is no unit of the task.
    be(&db, ClerkRole::Editor, Some("区财政局"));
    assert_refused(&invest(&t, "2026-11", "2800", &[]), 2, "不是任务");
    // A viewer reads only.
    be(&db, ClerkRole::Viewer, None);
    assert_refused(&invest(&t, "2026-11", "2800", &[]), 2, "查看人员");
    ok(&duban(&["--db", d, "project", "show"]));
    assert_check_clean(&db);
}

#[test]
fn the_completion_setting_is_listed_per_plan_and_followed() {
    let (_dir, db, t) = setup();
    let d = p(&db);
    let zh = ok(&duban(&["--db", d, "setting", "list"]));
    let line = zh
        .lines()
        .find(|l| l.starts_with("project.completion.1"))
        .unwrap_or_else(|| panic!("a line for plan 1:\n{zh}"));
    assert!(
        line.contains("percent") && line.contains("(默认)"),
        "{line}"
    );
    assert!(zh.contains("milestones 已达到的节点"), "{zh}");
    let en = ok(&duban_en(&["--db", d, "setting", "list"]));
    assert!(
        en.contains("where this plan's key projects read completion from"),
        "{en}"
    );
    let list = json(&duban(&["--db", d, "setting", "list", "--json"]));
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "project.completion.1")
        .expect("listed");
    assert_eq!(row["value"], "percent");
    assert_eq!(row["default"], true);
    assert!(row["plan"].as_str().is_some_and(|s| !s.is_empty()));
    assert_refused(
        &duban(&[
            "--db",
            d,
            "setting",
            "set",
            "project.completion.7=investment",
        ]),
        2,
        "没有这个编号的计划",
    );

    // Read from investment: a figure records the unit's progress with it.
    ok(&duban(&[
        "--db",
        d,
        "setting",
        "set",
        "project.completion.1=投资",
    ]));
    let said = ok(&duban(&[
        "--db", d, "invest", "--task", &t, "--month", "2026-11", "--amount", "9300",
    ]));
    assert!(said.contains("进度随之更新为 50%"), "{said}");
    let one = json(&duban(&[
        "--db", d, "project", "show", "--task", &t, "--json",
    ]));
    assert_eq!(one["completion_source"], "investment");
    let log = ok(&duban(&["--db", d, "log", "--task", &t, "--limit", "1"]));
    assert!(log.contains("50%") && log.contains("按投资折算"), "{log}");

    // Read from milestones.
    ok(&duban(&[
        "--db",
        d,
        "setting",
        "set",
        "project.completion.1=milestones",
    ]));
    ok(&duban(&[
        "--db",
        d,
        "milestone",
        "add",
        "--task",
        &t,
        "开工",
        "--on",
        "2026-03-01",
    ]));
    ok(&duban(&[
        "--db",
        d,
        "milestone",
        "add",
        "--task",
        &t,
        "竣工",
        "--on",
        "2027-06-30",
    ]));
    let said = ok(&duban_en(&[
        "--db",
        d,
        "milestone",
        "reach",
        "--task",
        &t,
        "开工",
        "--on",
        "2026-03-01",
    ]));
    assert!(said.contains("progress follows: 50%"), "{said}");
    assert_check_clean(&db);
}
