//! Key projects and milestones in the store (issue 23): the fields' validation and journal, the
//! monthly figures' rules (falling needs a reason, no future month, conflict-safe, permission),
//! completion read from investment or milestones, milestone versions and as-of reads, and the
//! hash chain over every new journal (`check`).

mod common;

use common::{at, day};
use duban::domain::project::{Month, Refusal, YearPlan};
use duban::domain::{Denied, Percent};
use duban::store::{Db, InvestmentReport, MilestoneEdit, MilestoneReach, ProjectEdit, StoreError};

/// The fixture's task 2 (建设产业园区, 2024): 区发改局 leads? Read it from the store.
const T2: i64 = 2;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn refusal(e: StoreError) -> Refusal {
    match e {
        StoreError::Project(r) => r,
        other => panic!("expected a project refusal, got {other:?}"),
    }
}

fn note(done: f64, total: f64) -> String {
    format!("按投资折算:{done}/{total}")
}

fn figure<'a>(
    department_id: i64,
    month: &str,
    amount: f64,
    reason: &'a str,
    expected_last: Option<i64>,
    by: &'a str,
    when: &str,
) -> InvestmentReport<'a> {
    InvestmentReport {
        task_id: T2,
        department_id,
        month: Month::parse(month).unwrap(),
        amount,
        note: "",
        reason,
        expected_last,
        by,
        at: at(when),
        today: at(when).date_naive(),
        progress_note: &note,
    }
}

/// The unit that leads task 2 in the fixture, and an editor of it.
fn lead_of_t2(db: &mut Db) -> (i64, &'static str) {
    let detail = db.task_detail(T2, None).unwrap().unwrap();
    let unit = detail.units.first().expect("task 2 has a unit");
    let id = unit.department_id;
    // alice edits for 区经济和信息化局; make a clerk for whichever unit leads task 2.
    let now = at("2024-08-02T00:00:00");
    db.add_clerk(
        &duban::store::Clerk {
            username: "carol".into(),
            display_name: None,
            department_id: Some(id),
            role: duban::domain::ClerkRole::Editor,
        },
        "bob",
        now,
    )
    .unwrap();
    (id, "carol")
}

#[test]
fn project_fields_are_admin_only_validated_and_journaled() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let now = at("2024-08-03T08:00:00");
    let edit = ProjectEdit {
        owner: Some("浙江某某新材料有限公司"),
        total: Some(Some(52_000.0)),
        year_plan: Some(YearPlan {
            year: 2024,
            planned: 18_000.0,
        }),
        active: None,
    };
    assert!(matches!(
        db.edit_project(T2, &edit, "alice", now),
        Err(StoreError::Forbidden {
            why: Denied::NotAdmin,
            ..
        })
    ));
    let bad = ProjectEdit {
        total: Some(Some(-1.0)),
        ..edit.clone()
    };
    assert_eq!(
        refusal(db.edit_project(T2, &bad, "bob", now).unwrap_err()),
        Refusal::BadAmount
    );
    let escape = ProjectEdit {
        owner: Some("公司\u{1b}[2J"),
        ..edit.clone()
    };
    assert!(matches!(
        db.edit_project(T2, &escape, "bob", now),
        Err(StoreError::Edit(_))
    ));
    assert!(db.projects(None, None).unwrap().is_empty());
    db.edit_project(T2, &edit, "bob", now).unwrap();
    // The same again writes nothing.
    db.edit_project(T2, &edit, "bob", at("2024-08-04T08:00:00"))
        .unwrap();
    let later = ProjectEdit {
        total: Some(Some(60_000.0)),
        ..ProjectEdit::default()
    };
    db.edit_project(T2, &later, "bob", at("2024-09-01T08:00:00"))
        .unwrap();
    let now_info = db.projects(None, None).unwrap().remove(&T2).unwrap();
    assert_eq!(now_info.project.owner, "浙江某某新材料有限公司");
    assert_eq!(now_info.project.total, Some(60_000.0));
    assert_eq!(now_info.planned(2024), Some(18_000.0));
    // As of February the total was the first one.
    let feb = db
        .projects(Some(&[T2]), Some(at("2024-08-15T00:00:00")))
        .unwrap()
        .remove(&T2)
        .unwrap();
    assert_eq!(feb.project.total, Some(52_000.0));
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let rows: i64 = c
        .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2, "an unchanged edit writes no row");
    assert!(c.execute("UPDATE project SET total = 1", []).is_err());
    assert!(c.execute("DELETE FROM project_plan", []).is_err());
    drop(c);
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn monthly_figures_follow_the_rules_and_never_overwrite() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (unit, clerk) = lead_of_t2(&mut db);
    let r = figure(
        unit,
        "2024-09",
        500.0,
        "",
        None,
        clerk,
        "2024-10-02T01:00:00",
    );
    assert_eq!(
        refusal(db.report_investment(&r).unwrap_err()),
        Refusal::NotAProject
    );
    db.edit_project(
        T2,
        &ProjectEdit {
            owner: Some("某公司"),
            total: Some(Some(10_000.0)),
            ..ProjectEdit::default()
        },
        "bob",
        at("2024-08-05T00:00:00"),
    )
    .unwrap();
    // Another department's editor may not report it.
    let jxj = dept(&db, "区经济和信息化局");
    if jxj != unit {
        let alice = figure(
            unit,
            "2024-09",
            500.0,
            "",
            None,
            "alice",
            "2024-10-02T01:00:00",
        );
        assert!(matches!(
            db.report_investment(&alice),
            Err(StoreError::Forbidden { .. })
        ));
    }
    let first = db.report_investment(&r).unwrap();
    // A clerk who read before the first figure is refused, not overwriting it.
    let stale = figure(
        unit,
        "2024-10",
        900.0,
        "",
        None,
        clerk,
        "2024-11-02T01:00:00",
    );
    assert_eq!(
        refusal(db.report_investment(&stale).unwrap_err()),
        Refusal::Stale
    );
    // Falling without a reason is refused; with one, taken.
    let lower = figure(
        unit,
        "2024-10",
        400.0,
        "",
        Some(first),
        clerk,
        "2024-11-02T01:00:00",
    );
    assert!(matches!(
        refusal(db.report_investment(&lower).unwrap_err()),
        Refusal::FallsWithoutReason { previous, .. } if previous == 500.0
    ));
    let corrected = figure(
        unit,
        "2024-10",
        400.0,
        "统计口径调整,扣除土地款",
        Some(first),
        clerk,
        "2024-11-02T01:00:00",
    );
    let second = db.report_investment(&corrected).unwrap();
    // A month not begun is refused.
    let future = figure(
        unit,
        "2024-12",
        900.0,
        "",
        Some(second),
        clerk,
        "2024-11-03T01:00:00",
    );
    assert_eq!(
        refusal(db.report_investment(&future).unwrap_err()),
        Refusal::FutureMonth
    );
    let history = db.investment_history(T2, None).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].reason, "统计口径调整,扣除土地款");
    let info = db.projects(None, None).unwrap().remove(&T2).unwrap();
    assert_eq!(info.completed_in_year(2024, day("2024-12-31")), Some(400.0));
    assert_eq!(info.last_figure, Some(second));
    // Percent mode (the default): the unit's progress is untouched.
    let detail = db.task_detail(T2, None).unwrap().unwrap();
    let u = detail
        .units
        .iter()
        .find(|u| u.department_id == unit)
        .unwrap();
    assert_ne!(u.percent, Percent::new(4).unwrap());
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn completion_can_be_read_from_investment() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (unit, clerk) = lead_of_t2(&mut db);
    db.edit_project(
        T2,
        &ProjectEdit {
            owner: Some("某公司"),
            total: Some(Some(8_000.0)),
            ..ProjectEdit::default()
        },
        "bob",
        at("2024-08-05T00:00:00"),
    )
    .unwrap();
    db.set_settings(
        &[("project.completion.1".into(), "investment".into())],
        "bob",
        at("2024-08-05T00:00:00"),
    )
    .unwrap();
    let r = figure(
        unit,
        "2024-09",
        2_000.0,
        "",
        None,
        clerk,
        "2024-10-02T01:00:00",
    );
    db.report_investment(&r).unwrap();
    let detail = db.task_detail(T2, None).unwrap().unwrap();
    let u = detail
        .units
        .iter()
        .find(|u| u.department_id == unit)
        .unwrap();
    assert_eq!(u.percent, Percent::new(25).unwrap());
}

#[test]
fn milestones_have_versions_reached_dates_and_as_of_reads() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (unit, clerk) = lead_of_t2(&mut db);
    let list = vec![
        MilestoneEdit {
            id: None,
            name: "开工".into(),
            planned_on: day("2024-09-01"),
            share: Some(Percent::new(10).unwrap()),
        },
        MilestoneEdit {
            id: None,
            name: "主体结顶".into(),
            planned_on: day("2024-11-30"),
            share: None,
        },
    ];
    assert!(matches!(
        db.set_milestones(T2, &list, clerk, at("2024-08-10T00:00:00")),
        Err(StoreError::Forbidden { .. })
    ));
    db.set_milestones(T2, &list, "bob", at("2024-08-10T00:00:00"))
        .unwrap();
    let rows = db.milestone_rows(T2).unwrap();
    assert_eq!(rows.len(), 2);
    let start = rows[0].milestone.id;
    let top = rows[1].milestone.id;
    // Reached: by the unit, not in the future, conflict-safe.
    let reach = |date: Option<&str>, note: &'static str, expected, when: &str| MilestoneReach {
        task_id: T2,
        milestone_id: start,
        department_id: unit,
        reached_on: date.map(day),
        note,
        expected_last: expected,
        by: clerk,
        at: at(when),
        today: at(when).date_naive(),
        progress_note: &|_: &str, _: usize, _: usize| String::new(),
    };
    assert_eq!(
        refusal(
            db.reach_milestone(&reach(Some("2024-09-09"), "", None, "2024-09-05T00:00:00"))
                .unwrap_err()
        ),
        Refusal::FutureDate
    );
    let first = db
        .reach_milestone(&reach(Some("2024-09-04"), "", None, "2024-09-05T00:00:00"))
        .unwrap();
    assert_eq!(
        refusal(
            db.reach_milestone(&reach(Some("2024-09-03"), "", None, "2024-09-06T00:00:00"))
                .unwrap_err()
        ),
        Refusal::Stale
    );
    db.reach_milestone(&reach(
        None,
        "误报,尚未开工",
        Some(first),
        "2024-09-07T00:00:00",
    ))
    .unwrap();
    // Move 主体结顶 and drop 开工.
    let moved = vec![MilestoneEdit {
        id: Some(top),
        name: "主体结顶".into(),
        planned_on: day("2024-12-20"),
        share: None,
    }];
    db.set_milestones(T2, &moved, "bob", at("2024-10-01T00:00:00"))
        .unwrap();
    let now = db
        .milestones(Some(&[T2]), None)
        .unwrap()
        .remove(&T2)
        .unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!((now[0].id, now[0].planned_on), (top, day("2024-12-20")));
    let march = db
        .milestones(Some(&[T2]), Some(at("2024-09-06T00:00:00")))
        .unwrap()
        .remove(&T2)
        .unwrap();
    assert_eq!(march.len(), 2);
    assert_eq!(march[0].reached_on, Some(day("2024-09-04")));
    assert_eq!(march[1].planned_on, day("2024-11-30"));
    let c = rusqlite::Connection::open(&f.path).unwrap();
    assert!(c.execute("UPDATE milestone SET name = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM milestone_reached", []).is_err());
    drop(c);
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn a_late_milestone_turns_the_light_in_tasks_status_and_reasons() {
    use duban::domain::{Light, Reason};
    use duban::store::{ProgressReport, Scope};
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    // Every unit of task 2 at 70% on 2 August: on 20 August the straight line expects 63.
    let detail = db.task_detail(T2, None).unwrap().unwrap();
    for u in &detail.units {
        let version = db.assignment(T2, u.department_id).unwrap().unwrap().version;
        db.report_progress(&ProgressReport {
            task_id: T2,
            department_id: u.department_id,
            percent: Percent::new(70).unwrap(),
            note: String::new(),
            by: "bob".into(),
            at: at("2024-08-02T01:00:00"),
            expected_version: version,
        })
        .unwrap();
    }
    let today = day("2024-08-20");
    let light_of_t2 = |db: &Db| {
        duban::report::tasks::build(db, today, Scope::default(), false)
            .unwrap()
            .into_iter()
            .find(|l| l.task.id == T2)
            .unwrap()
            .assessment
            .unwrap()
    };
    let before = light_of_t2(&db);
    assert_eq!(before.light, Light::Green, "{before:?}");
    let yellow_before = duban::report::status::build(&db, today, Scope::default())
        .unwrap()
        .task_lights
        .yellow;
    db.set_milestones(
        T2,
        &[MilestoneEdit {
            id: None,
            name: "主体结顶".into(),
            planned_on: day("2024-08-15"),
            share: None,
        }],
        "bob",
        at("2024-08-03T00:00:00"),
    )
    .unwrap();
    let after = light_of_t2(&db);
    assert_eq!(after.light, Light::Yellow);
    assert!(matches!(
        after.reason,
        Reason::MilestoneLate { days: 5, .. }
    ));
    assert_eq!(
        duban::i18n::reason(duban::i18n::Lang::Zh, after.reason),
        "节点'主体结顶'逾期5天"
    );
    assert_eq!(
        duban::i18n::reason(duban::i18n::Lang::En, after.reason),
        "milestone '主体结顶' 5 days late"
    );
    let status = duban::report::status::build(&db, today, Scope::default()).unwrap();
    assert_eq!(status.task_lights.yellow, yellow_before + 1);
    // As of a day before the milestone was set, the light was green.
    let as_of = Scope {
        as_of: Some(at("2024-08-02T12:00:00")),
        ..Scope::default()
    };
    let then = duban::report::tasks::build(&db, today, as_of, false)
        .unwrap()
        .into_iter()
        .find(|l| l.task.id == T2)
        .unwrap();
    assert_eq!(then.assessment.unwrap().light, Light::Green);
}
