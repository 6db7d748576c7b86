//! The demo's key projects and milestones (issue 23): made on any day, in any time zone, the file
//! passes `duban check` (every new journal row linked, none dated after now); on the pinned day
//! it holds what the wall chart and the investment columns need: projects with owners, totals,
//! this year's plan and monthly figures (one lagging), and milestones reached on time, reached
//! late, and one past its date and not reached, which makes its task's light yellow.

#[path = "support/cli.rs"]
mod cli;

use chrono::{Datelike, Duration, NaiveDate};
use cli::{err, out, p};
use duban::domain::light::{Light, Reason, Thresholds, assess_with_milestones};
use duban::domain::{Percent, Schedule};
use duban::store::Db;

#[test]
fn the_demo_made_on_any_day_in_any_time_zone_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    // The days the issue names, 1 January (last year's figures come in January), a quarter's
    // report day (15 April), and the time zones at both ends of the clock.
    let days = [
        "2026-02-28",
        "2026-12-04",
        "2028-02-29",
        "2026-01-01",
        "2026-04-15",
    ];
    for (k, day) in days.iter().enumerate() {
        for tz in ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let path = dir.path().join(format!("d{k}-{}.db", tz.replace('/', "-")));
            let run = |args: &[&str]| {
                cli::command()
                    .args(args)
                    .env("DUBAN_TODAY", day)
                    .env("TZ", tz)
                    .output()
                    .unwrap()
            };
            let o = run(&["demo", p(&path), "--no-open"]);
            assert_eq!(o.status.code(), Some(0), "{day} {tz}: {}", err(&o));
            let o = run(&["--db", p(&path), "check"]);
            assert_eq!(o.status.code(), Some(0), "{day} {tz}: {}", out(&o));
            assert!(out(&o).contains("检查通过"), "{}", out(&o));
        }
    }
}

#[test]
fn the_demo_has_projects_figures_and_milestones_that_show_something() {
    let dir = tempfile::tempdir().unwrap();
    let path = cli::demo_db(dir.path());
    let db = Db::open(&path).unwrap();
    let today: NaiveDate = cli::TODAY.parse().unwrap();
    let year = today.year();
    let projects = db.projects(None, None).unwrap();
    assert_eq!(projects.len(), 6);
    let tasks = db.tasks(duban::store::Scope::default()).unwrap();
    let task = |id: i64| tasks.iter().find(|t| t.id == id).unwrap();
    let mut rates = Vec::new();
    for info in projects.values() {
        let t = task(info.project.task_id);
        assert!(
            (29..=34).contains(&t.number.parse::<i32>().unwrap()),
            "{}",
            t.number
        );
        assert!(
            info.project.owner.ends_with("公司"),
            "{}",
            info.project.owner
        );
        assert!(info.project.total.is_some_and(|v| v > 0.0));
        let planned = info.planned(year).expect("this year's plan");
        let done = info
            .completed_in_year(year, today)
            .expect("this year's figures");
        assert!(done <= info.project.total.unwrap());
        rates.push((t.title.clone(), done / planned));
        // Figures every month from the first to last month's, never falling.
        let this_year: Vec<f64> = info
            .figures
            .iter()
            .filter(|f| f.month.year == year)
            .map(|f| f.amount)
            .collect();
        assert!(this_year.windows(2).all(|w| w[0] <= w[1]), "{this_year:?}");
        assert_eq!(
            info.figures.last().unwrap().month.month,
            today.month() - 1,
            "through last month"
        );
        assert!(!t.units.is_empty(), "each project has its units");
    }
    // By November the year's plan is mostly done; one project lags well behind.
    let lagging: Vec<_> = rates.iter().filter(|(_, r)| *r < 0.6).collect();
    assert_eq!(lagging.len(), 1, "{rates:?}");
    assert_eq!(lagging[0].0, "新能源电池材料项目");
    assert!(
        rates.iter().filter(|(_, r)| *r >= 0.7).count() >= 4,
        "{rates:?}"
    );

    let milestones = db.milestones(None, None).unwrap();
    assert!(
        milestones.len() >= 8,
        "the projects and two tasks of the plan"
    );
    let all: Vec<_> = milestones.values().flatten().collect();
    let late_unreached: Vec<_> = all
        .iter()
        .filter(|m| m.reached_on.is_none() && m.planned_on < today)
        .collect();
    assert_eq!(late_unreached.len(), 1);
    assert_eq!(late_unreached[0].name, "主体结顶");
    assert_eq!(late_unreached[0].planned_on, today - Duration::days(12));
    assert!(all.iter().filter(|m| m.reached_late() > 0).count() >= 2);
    assert!(all.iter().filter(|m| m.share.is_some()).count() >= 3);
    assert!(all.iter().all(|m| m.reached_on.is_none_or(|r| r < today)));
    for name in ["开工", "主体结顶", "竣工", "投产"] {
        assert!(all.iter().any(|m| m.name == name), "{name}");
    }

    // The late milestone makes its task yellow, with the milestone as the reason.
    let late = late_unreached[0];
    let t = task(late.task_id);
    let lead = t
        .units
        .iter()
        .find(|u| u.role == duban::domain::Role::Lead)
        .unwrap();
    let a = assess_with_milestones(
        lead.percent,
        Schedule {
            starts_on: t.schedule.starts_on,
            deadline: t.schedule.deadline,
        },
        &milestones[&late.task_id],
        today,
        &Thresholds::default(),
    );
    assert_eq!(a.light, Light::Yellow, "{a:?}");
    assert!(
        matches!(a.reason, Reason::MilestoneLate { days: 12, .. }),
        "{a:?}"
    );
    assert!(lead.percent < Percent::FULL);
}
