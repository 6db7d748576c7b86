//! The circular's side of 办结销号 (issue 22): each department's led tasks closed, pending review
//! and sent back as of the period's end, with the total; and `score.done_requires_closing`, off
//! (100% is done) and on (a task is done only once closed; 100% not closed counts as 99%).

#[path = "support/cli.rs"]
mod cli;
mod common;

use common::{at, day};
use duban::domain::Period;
use duban::report::circular::{self, Circular, DeptLine};
use duban::store::{ClosingAction, ClosingCounts, Db};

const T1: i64 = 1;
const T5: i64 = 5;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn circular_for(db: &Db, period: &str) -> Circular {
    let period: Period = period.parse().unwrap();
    circular::build(db, period, day("2025-01-15"), None)
        .unwrap()
        .unwrap()
}

fn line<'a>(c: &'a Circular, name: &str) -> &'a DeptLine {
    c.departments.iter().find(|d| d.name == name).unwrap()
}

fn counts(closed: u64, pending: u64, returned: u64) -> ClosingCounts {
    ClosingCounts {
        pending,
        closed,
        returned,
    }
}

fn apply<'a>(department_id: i64, why: &'a str) -> ClosingAction<'a> {
    ClosingAction::Apply {
        department_id,
        note: "已完成",
        why,
    }
}

/// The fixture's task 5 (城建公司 alone, 100% since 2024-05-20) and task 1 (区经济和信息化局
/// leads, 区发改局 assists; the lead at 100% since 2024-08-01, the fixture's last row) through
/// every closing step, in the order of time, so that each month's circular from August on stands
/// after some more steps.
fn stepped(db: &mut Db) {
    let cj = dept(db, "城建公司");
    let jxj = dept(db, "区经济和信息化局");
    let step = |db: &mut Db, task, action: &ClosingAction<'_>, when| {
        db.close_step(task, action, "bob", at(when)).unwrap();
    };
    let approve = ClosingAction::Approve { note: "" };
    let back = ClosingAction::Return {
        reason: "缺少验收材料",
    };
    step(db, T5, &apply(cj, ""), "2024-08-10T02:00:00");
    step(
        db,
        T1,
        &apply(jxj, "发改局部分已并入"),
        "2024-08-15T02:00:00",
    );
    step(db, T5, &approve, "2024-09-10T02:00:00");
    let reopen = ClosingAction::Reopen {
        reason: "复查未完成",
    };
    step(db, T5, &reopen, "2024-10-10T02:00:00");
    step(db, T1, &back, "2024-10-12T02:00:00");
    step(db, T5, &apply(cj, ""), "2024-11-05T02:00:00");
    step(db, T1, &apply(jxj, "补充验收材料"), "2024-11-06T02:00:00");
    step(db, T1, &approve, "2024-11-20T02:00:00");
    step(db, T5, &back, "2024-12-10T02:00:00");
}

#[test]
fn each_department_counts_its_led_tasks_by_closing_state_as_of_the_period_end() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let july = circular_for(&db, "2024-07");
    let august = circular_for(&db, "2024-08");
    stepped(&mut db);
    // Before the first step: the circular printed then is printed again; in August, only the
    // closing counts (and the record's code) changed.
    assert_eq!(circular_for(&db, "2024-07"), july);
    assert_eq!(july.closing, counts(0, 0, 0));
    let now = circular_for(&db, "2024-08");
    let mut then = august;
    line_mut(&mut then, "城建公司").closing = counts(0, 1, 0);
    line_mut(&mut then, "区经济和信息化局").closing = counts(0, 1, 0);
    then.closing = counts(0, 2, 0);
    // The record's check code covers the new rows.
    then.code = now.code.clone();
    assert_eq!(now, then);
    let expect = [
        // month, 城建公司, 区经济和信息化局, total (closed, pending, returned)
        ("2024-08", counts(0, 1, 0), counts(0, 1, 0), counts(0, 2, 0)),
        ("2024-09", counts(1, 0, 0), counts(0, 1, 0), counts(1, 1, 0)),
        ("2024-10", counts(0, 0, 1), counts(0, 0, 1), counts(0, 0, 2)),
        ("2024-11", counts(0, 1, 0), counts(1, 0, 0), counts(1, 1, 0)),
        ("2024-12", counts(0, 0, 1), counts(1, 0, 0), counts(1, 0, 1)),
    ];
    for (month, cj, jxj, total) in expect {
        let c = circular_for(&db, month);
        assert_eq!(line(&c, "城建公司").closing, cj, "{month}");
        assert_eq!(line(&c, "区经济和信息化局").closing, jxj, "{month}");
        // The co-unit of task 1 is not counted for it: the lead unit's task.
        assert_eq!(line(&c, "区发改局").closing, counts(0, 0, 0), "{month}");
        assert_eq!(c.closing, total, "{month}");
    }

    // Printed: the table with its total line, in both languages, and in the CSV.
    let run = |args: &[&str]| {
        let mut all = vec!["--db", f.path.to_str().unwrap()];
        all.extend_from_slice(args);
        let o = cli::command()
            .env("DUBAN_TODAY", "2025-01-15")
            .args(&all)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let md = run(&["report", "--period", "2024-12"]);
    assert!(
        md.contains("| 单位 | 牵头任务 | 已办结 | 待审核 | 已退回 |"),
        "{md}"
    );
    assert!(md.contains("| 城建公司 | 1 | 0 | 0 | 1 |"), "{md}");
    assert!(md.contains("| 区经济和信息化局 | 1 | 1 | 0 | 0 |"), "{md}");
    assert!(md.contains("| 合计 |  | 1 | 0 | 1 |"), "{md}");
    let en = run(&["--lang", "en", "report", "--period", "2024-09"]);
    assert!(en.contains("| Total |  | 1 | 1 | 0 |"), "{en}");
    let csv = run(&["report", "--period", "2024-10", "--format", "csv"]);
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.contains("城建公司"))
        .unwrap()
        .split(',')
        .collect();
    let col = |name: &str| row[head.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        (col("已办结"), col("待审核"), col("已退回")),
        ("0", "0", "1")
    );
    // The record with its closing journal still checks.
    let o = cli::command()
        .args(["--db", f.path.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

fn line_mut<'a>(c: &'a mut Circular, name: &str) -> &'a mut DeptLine {
    c.departments.iter_mut().find(|d| d.name == name).unwrap()
}

fn set(db: &mut Db, key: &str, value: &str, when: &str) {
    db.set_settings(&[(key.into(), value.into())], "bob", at(when))
        .unwrap();
}

#[test]
fn done_requires_closing_counts_100_without_closing_as_99_and_not_done() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    // Off (the default): 城建公司's task 5 at 100% since 2024-05-20, never closed, is done.
    let off = circular_for(&db, "2024-Q2");
    let cj = line(&off, "城建公司");
    assert!(!off.rule.done_requires_closing);
    assert_eq!((cj.done, cj.overdue, cj.completion), (1, 0, Some(100.0)));
    assert_eq!(cj.input.on_schedule, 100.0);

    // On, from before the period's end: the same task is not done. Past its deadline
    // (2024-05-31) it is overdue, at 99 in the completion rate; the score follows.
    set(
        &mut db,
        "score.done_requires_closing",
        "true",
        "2024-06-01T02:00:00",
    );
    let on = circular_for(&db, "2024-Q2");
    assert!(on.rule.done_requires_closing);
    let cj = line(&on, "城建公司");
    assert_eq!((cj.done, cj.overdue, cj.completion), (0, 1, Some(99.0)));
    assert_eq!(cj.input.on_schedule, 0.0);
    assert_eq!(cj.input.lead_overdue, 1);
    assert!(
        cj.score.as_ref().unwrap().total < line(&off, "城建公司").score.as_ref().unwrap().total
    );
    // The others, none of them at 100%, are counted as before.
    for d in ["区经济和信息化局", "区发改局", "星海街道"] {
        assert_eq!(line(&on, d).completion, line(&off, d).completion, "{d}");
        assert_eq!(line(&on, d).done, line(&off, d).done, "{d}");
    }
    // The method says which rule counted.
    let md = |lang: &str| {
        let o = cli::command()
            .env("DUBAN_TODAY", "2025-01-15")
            .args(["--db", f.path.to_str().unwrap(), "--lang", lang])
            .args(["report", "--period", "2024-Q2"])
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(md("zh").contains("完成认定:经审核办结(已办结)方计为已完成"));

    // Points preset: the task done on time is no longer +2, and is −5 as overdue.
    set(&mut db, "score.preset", "points", "2024-06-01T03:00:00");
    let points = circular_for(&db, "2024-Q2");
    let cj = line(&points, "城建公司");
    assert_eq!((cj.input.lead_done_on_time, cj.input.lead_overdue), (0, 1));
    assert_eq!(cj.score.as_ref().unwrap().total, -5.0 + missing_points(cj));
    set(&mut db, "score.preset", "minmax", "2024-06-01T04:00:00");

    // Closed before the period's end: done again, at 100, as with the setting off.
    let cj_id = dept(&db, "城建公司");
    db.close_step(T5, &apply(cj_id, ""), "bob", at("2024-06-15T02:00:00"))
        .unwrap();
    let pending = circular_for(&db, "2024-Q2");
    assert_eq!(
        line(&pending, "城建公司").done,
        0,
        "pending review is not done"
    );
    db.close_step(
        T5,
        &ClosingAction::Approve { note: "" },
        "bob",
        at("2024-06-16T02:00:00"),
    )
    .unwrap();
    let closed = circular_for(&db, "2024-Q2");
    let cj = line(&closed, "城建公司");
    assert_eq!((cj.done, cj.overdue, cj.completion), (1, 0, Some(100.0)));

    // Turned off after the period: Q2 keeps the rule of its day (the setting is journaled).
    set(
        &mut db,
        "score.done_requires_closing",
        "false",
        "2024-07-10T02:00:00",
    );
    assert_eq!(circular_for(&db, "2024-Q2"), closed);
    assert!(!circular_for(&db, "2024-Q3").rule.done_requires_closing);
}

/// The points the missing and late reports gave (the rest of a points score).
fn missing_points(d: &DeptLine) -> f64 {
    d.score
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .filter(|p| {
            matches!(
                p.item,
                duban::domain::score::ScoreItem::Item(
                    duban::domain::score::PointItem::LateReport
                        | duban::domain::score::PointItem::MissingReport
                )
            )
        })
        .map(|p| p.points)
        .sum()
}

#[test]
fn the_setting_is_listed_with_its_help_and_takes_yes_or_no() {
    let f = common::fixture();
    let db = f.path.to_str().unwrap();
    let o = cli::command()
        .args(["--db", db, "setting", "list"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("score.done_requires_closing  false  (默认)"),
        "{out}"
    );
    assert!(out.contains("经审核办结(已办结)方计为已完成"), "{out}");
    // As the settings screen shows it (是 / no), typed there or on the command line.
    use duban::i18n::report::setting_token;
    assert_eq!(setting_token("score.done_requires_closing", "是"), "true");
    assert_eq!(setting_token("score.done_requires_closing", "no"), "false");
}
