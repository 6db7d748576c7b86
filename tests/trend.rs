//! Completion over time (issue 23 §4): the month-end trend the TUI's view 5 and the circular
//! workbook show agrees with the circular itself — the last month with the period's circular, every
//! month with the circular of that month, department by department.

use chrono::{NaiveDate, TimeZone, Utc};
use duban::domain::Period;
use duban::report::{circular, trend};
use duban::store::Db;

const TODAY: &str = "2026-11-23";

fn demo() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("demo.db")).unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    duban::sample::demo::build(&mut db, today, now, "sunhui").unwrap();
    (dir, db)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn every_month_is_what_the_circular_of_that_month_says() {
    let (_dir, db) = demo();
    let today: NaiveDate = TODAY.parse().unwrap();
    let q4: Period = "2026-Q4".parse().unwrap();
    let t = trend::monthly(&db, q4, today, None).unwrap().unwrap();
    // January to the running month, the last as of today.
    assert_eq!(t.months.len(), 11);
    assert_eq!(t.months[0].month, "2026-01".parse().unwrap());
    assert_eq!(t.months[10].as_of, today);
    assert_eq!(
        t.months[9].as_of,
        "2026-10-31".parse::<NaiveDate>().unwrap()
    );
    for m in &t.months {
        let c = circular::build(&db, m.month, today, None).unwrap().unwrap();
        assert_eq!(c.as_of, m.as_of);
        assert!(
            close(m.total, c.tasks.completion()),
            "{}: {:?} vs {:?}",
            m.month,
            m.total,
            c.tasks.completion()
        );
        for d in &c.departments {
            assert!(
                close(m.department(d.department_id), d.completion),
                "{} {}: {:?} vs {:?}",
                m.month,
                d.name,
                m.department(d.department_id),
                d.completion
            );
        }
    }
    // The period's own circular: its last month.
    let c = circular::build(&db, q4, today, None).unwrap().unwrap();
    let last = t.months.last().unwrap();
    assert!(close(last.total, c.tasks.completion()));
    // The figures move: not one value repeated for every month.
    let totals = t.totals();
    assert!(totals.first() != totals.last(), "{totals:?}");
}

#[test]
fn a_past_quarter_ends_with_its_circular_and_a_future_one_is_none() {
    let (_dir, db) = demo();
    let today: NaiveDate = TODAY.parse().unwrap();
    let q2: Period = "2026-Q2".parse().unwrap();
    let t = trend::monthly(&db, q2, today, None).unwrap().unwrap();
    assert_eq!(t.months.len(), 6);
    let c = circular::build(&db, q2, today, None).unwrap().unwrap();
    let june = &t.months[5];
    assert_eq!(june.as_of, "2026-06-30".parse::<NaiveDate>().unwrap());
    assert!(close(june.total, c.tasks.completion()));
    for d in &c.departments {
        assert!(
            close(june.department(d.department_id), d.completion),
            "{}",
            d.name
        );
        assert_eq!(t.department(d.department_id).len(), 6);
    }
    // The previous quarter's figure in the circular is March's in the trend.
    let q1 = circular::build(&db, "2026-Q1".parse().unwrap(), today, None)
        .unwrap()
        .unwrap();
    assert!(close(t.months[2].total, q1.tasks.completion()));
    assert!(close(t.months[2].total, c.previous_tasks.completion()));
    assert_eq!(
        trend::monthly(&db, "2027-Q1".parse().unwrap(), today, None).unwrap(),
        None
    );
}
